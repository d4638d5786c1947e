"""Every text key the code uses exists in both languages, and ru and en hold the same keys.

A key reaches the translator in many ways besides `self._t(lang, "key")`: kept in a constant or
a table (`COLUMNS`, `Line("survey-label-…")`), passed through a helper (`self._say(tx, client,
"key")`, `InvalidAnswer("key")`) or built with an f-string (`f"stage-{stage}"`). So the code is
read as a syntax tree, and:

- every string literal shaped like a hyphenated key (`word-word…`) must be a key, unless it is
  on the short allow-list below;
- a one-word literal (`"help"`, `"status"`) is a key where it is passed as the key argument of
  the translator or of any function or class of ours whose parameter is named `key`;
- every f-string shaped like a key must be listed in KEY_TEMPLATES with the values it is built
  from, and each expansion must be a key.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import get_args

from bot.i18n import Translator
from bot.services.money import offer_form
from bot.services.privacy.erasure import Reason
from domain import Automatic, Reaction, Stage
from domain.money import PaymentKind, Subject
from domain.retention import UNIT_NAMES

BOT = Path(__file__).parent.parent / "bot"

HYPHENATED = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9_]+)+$")
ONE_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
# An f-string whose text around its {placeholders} reads like a key.
TEMPLATE = re.compile(r"^(?:[a-z0-9_]|\{\})+(?:-(?:[a-z0-9_]|\{\})+)+$")

# Literals shaped like keys that are not keys.
NOT_KEYS = {
    "utf-8", "utf-8-sig",  # encodings
    "outbox-worker", "whatsapp-inbound",  # names of asyncio tasks
    "no-template",  # a held message's reason: its text is held-reason-no-template (below)
    "mpl-data",  # a folder of matplotlib's, where the bill PDF finds its font
    "outbound-api",  # the direction of a message in Twilio's answers (the demo's stand-in)
    "carcare-bot",  # the command line's name (bot/cli), the package's too
    "sms-media",  # a held SMS's reason: its text is held-reason-sms-media
    "sms-off",  # the reason an SMS client is unreachable: told as topic-sms-off
}
# f-strings shaped like keys that are not keys: "{kind}-{index}{extension}" names a media file.
NOT_KEY_TEMPLATES = {"{}-{}{}"}


def constant(name: str) -> tuple[str, ...]:
    """A module-level constant of bot/ read from the source, wherever a refactoring put it: the
    strings of a tuple, or the keys of a dict (`STEPS = ("name", …)`, `COLUMNS = {"requests": …}`)."""
    found = []
    for _, tree in _trees():
        for node in tree.body:  # type: ignore[attr-defined]
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                value = node.value
                items = value.keys if isinstance(value, ast.Dict) else getattr(value, "elts", [])
                found.append(tuple(ast.literal_eval(item) for item in items))
    assert len(set(found)) == 1, f"{name}: expected one definition in bot/, found {found}"
    return found[0]


def _survey_values() -> dict[str, tuple[str, ...]]:
    from storage.stats import DIMENSIONS
    from storage.surveys import QUESTIONS

    # the export's survey file labels its NPS and comment columns the same way
    return {"survey-ask-{}": QUESTIONS, "survey-label-{}": (*QUESTIONS, *DIMENSIONS, "comment")}


def _workshop_values() -> dict[str, tuple[str, ...]]:
    from bot.services.workshop import act, figures, floor, orders
    from domain.documents import Period, Stay
    from domain.workshop import DeclineReason, ExtraPolicy, LineStatus
    from storage.workshop_checks import CHECK_QUESTIONS

    decisions = ("approved", "declined")
    return {
        "ws-weekday-{}": tuple(str(day) for day in range(7)),
        "ws-source-{}": ("client", "manager", "invitation"),
        "ws-policy-{}": tuple(ExtraPolicy),
        "ws-reason-{}": tuple(DeclineReason),
        "ws-bill-reason-{}": tuple(DeclineReason),
        "ws-button-approve{}": ("", "-option"),
        "ws-button-decline{}": ("", "-option"),
        "ws-later-{}": tuple(orders.LATER),
        "ws-later-button-{}": tuple(orders.LATER),
        "ws-topic-line-{}": decisions,
        "ws-extra-policy-{}": decisions,
        "ws-topic-extra-policy-{}": decisions,
        "ws-bill-added-by-{}": ("client", "policy"),
        "ws-on-time-{}": ("yes", "no", "unknown"),
        "ws-check-ask-{}": CHECK_QUESTIONS,
        "ws-check-label-{}": CHECK_QUESTIONS,
        "ws-stats-reason-{}": figures.REASONS,
        "ws-export-col-{}": figures.EXPORT_COLUMNS,
        "ws-export-day-col-{}": floor.DAY_COLUMNS,
        "ws-export-mech-col-{}": floor.MECHANIC_COLUMNS,
        # the documents (bot/services/workshop/documents.py)
        "ws-doc-status-{}": tuple(LineStatus), "ws-doc-consent-{}": decisions,
        "ws-doc-via-{}": ("line", "all", "policy"), "ws-doc-warranty-{}": tuple(Period),
        # the reception act (bot/services/workshop/act.py)
        "ws-act-bad-{}": tuple(act.ACT_LABELS), "ws-act-field-{}": tuple(act.ACT_LABELS),
        "ws-act-label-{}": tuple(act.ACT_LABELS), "ws-act-stay-{}": tuple(Stay),
        "ws-act-stay-word-{}": tuple(Stay), "ws-act-fuel-{}": ("full", "reserve"),
    }


def key_templates() -> dict[str, tuple[str, ...]]:
    """Each key-shaped f-string in bot/ → the values its placeholder takes."""
    reply_kinds = ("question", "impression")  # what a client says about a report, beside reactions
    return {
        "stage-{}": tuple(Stage),
        "stage-{}-means": tuple(Stage),
        "reaction-{}": tuple(Reaction),
        "react-{}": tuple(Reaction),
        "topic-{}": reply_kinds,
        "{}-thanks": reply_kinds,
        "held-kind-{}": tuple(Automatic),
        "held-reason-{}": tuple(held_reasons()),
        "ask-{}": constant("STEPS"),  # the intake's questions
        "field-{}": constant("STEPS"),
        "time-{}": constant("CONTACT_TIMES"),
        "export-caption-{}": constant("COLUMNS"),  # the export's files
        **_survey_values(),
        "privacy-retention-{}": tuple(UNIT_NAMES.values()),  # RETENTION's unit
        "privacy-topic-erased-{}": get_args(Reason),  # who asked for an erasure
        **_workshop_values(),
        "money-subject-{}": tuple(Subject),  # what a payment pays for (bot/services/money)
        "money-kind-{}": tuple(PaymentKind),
        "offer-field-{}": ("car", *offer_form.FIELDS),  # what changed in a new version
        "demo-tour-{}": constant("TOUR"),  # the demo's guided tour
        "demo-tour-{}-promise": constant("TOUR"),
        "demo-tour-say-{}": constant("SAID"),  # what its people type
        **_papers_values(),
    }


def _papers_values() -> dict[str, tuple[str, ...]]:
    """Issue 23's papers and car: the /car form's fields, why a VIN is refused; viewings."""
    from domain.cars import VinProblem
    from domain.presses import ViewingKind
    from storage.viewings import STATUSES

    return {"car-field-{}": constant("LABELS"), "car-vin-{}": tuple(VinProblem),
            "legal-item-{}": constant("CODES"), "viewing-kind-{}": tuple(ViewingKind),
            "viewing-status-{}": STATUSES,
            "ws-qc-item-{}": constant("QC_CODES"),  # issue 24's quality check
            "ws-progress-step-{}": constant("PROGRESS_CODES")}  # and the car's progress


def _trees() -> Iterator[tuple[Path, ast.AST]]:
    for source in sorted(BOT.rglob("*.py")):
        yield source, ast.parse(source.read_text(encoding="utf-8"), str(source))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _f_string_parts(tree: ast.AST) -> set[int]:
    """The constant pieces of f-strings: read as part of their template, not on their own."""
    return {
        id(value)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for value in node.values
        if isinstance(value, ast.Constant)
    }


def string_literals() -> dict[str, set[str]]:
    """Every string literal in bot/ (docstrings and f-string pieces aside) → where it is."""
    found: dict[str, set[str]] = {}
    for source, tree in _trees():
        skip = _docstrings(tree) | _f_string_parts(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found.setdefault(node.value, set()).add(f"{source.relative_to(BOT.parent)}:{node.lineno}")
    return found


def f_string_templates() -> dict[str, set[str]]:
    """Every key-shaped f-string in bot/, its placeholders written {} → where it is."""
    found: dict[str, set[str]] = {}
    for source, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                if TEMPLATE.match(text):
                    found.setdefault(text, set()).add(f"{source.relative_to(BOT.parent)}:{node.lineno}")
    return found


def _name(call: ast.Call) -> str | None:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else None


def key_parameters() -> dict[str, set[int]]:
    """Functions and classes of ours taking a `key` → its positional index (self not counted);
    and the translator itself, called as `self._t(language, key)` or `translate(language, key)`."""
    positions: dict[str, set[int]] = {"_t": {1}, "translate": {1}}
    for _, tree in _trees():
        for node in ast.walk(tree):
            owners = [node] if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else []
            if isinstance(node, ast.ClassDef):
                owners = [
                    d for d in node.body
                    if isinstance(d, ast.FunctionDef) and d.name == "__init__"
                ]
            for function in owners:
                names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
                if "key" in names:
                    index = names.index("key") - (names[:1] in (["self"], ["cls"]))
                    positions.setdefault(node.name, set()).add(index)
    return positions


def one_word_keys() -> dict[str, set[str]]:
    """One-word literals passed as a key argument → where."""
    positions = key_parameters()
    found: dict[str, set[str]] = {}
    for source, tree in _trees():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            indexes = positions.get(_name(call) or "", set())
            arguments = [call.args[i] for i in indexes if i < len(call.args)]
            arguments += [k.value for k in call.keywords if k.arg == "key"]
            for argument in arguments:
                if (
                    isinstance(argument, ast.Constant)
                    and isinstance(argument.value, str)
                    and ONE_WORD.match(argument.value)
                ):
                    where = f"{source.relative_to(BOT.parent)}:{call.lineno}"
                    found.setdefault(argument.value, set()).add(where)
    return found


def held_reasons() -> set[str]:
    """The reasons a channel gives for holding a message: DeliveryError(FailureKind.HELD, "…")."""
    reasons = set()
    for _, tree in _trees():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if _name(call) == "DeliveryError" and len(call.args) >= 2:
                kind, reason = call.args[:2]
                if isinstance(kind, ast.Attribute) and kind.attr == "HELD":
                    for value in ast.walk(reason):
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            reasons.add(value.value)
    return reasons


def _missing(used: Iterable[str], keys: set[str]) -> list[str]:
    return sorted(set(used) - keys)


def _keys() -> tuple[set[str], set[str]]:
    translate = Translator("ru")
    return translate.keys("ru"), translate.keys("en")


def test_every_key_exists_in_every_locale() -> None:
    ru, en = _keys()
    assert ru == en, f"only in ru: {sorted(ru - en)}; only in en: {sorted(en - ru)}"
    assert len(ru) > 100


def test_every_key_used_in_code_exists() -> None:
    """Literal keys passed straight to the translator in the code are present in the locales."""
    keys = Translator("ru").keys("ru")
    used: set[str] = set()
    for source in BOT.rglob("*.py"):
        used |= set(re.findall(r"_t\([^()]*?\"([a-z][a-z0-9_-]+)\"", source.read_text()))
    assert used, "the pattern found no keys"
    assert used <= keys, f"missing in locales: {sorted(used - keys)}"


def test_every_key_shaped_literal_is_a_key_in_both_languages() -> None:
    ru, en = _keys()
    literals = {k: v for k, v in string_literals().items() if HYPHENATED.match(k)}
    assert len(literals) > 200, "too few key-shaped literals found: is the pattern right?"
    for language, keys in (("ru", ru), ("en", en)):
        missing = {k: sorted(literals[k]) for k in _missing(literals, keys | NOT_KEYS)}
        assert not missing, f"key-shaped literals that are no key in {language}: {missing}"
    assert set(literals) >= NOT_KEYS, "an allow-listed literal is gone: take it off NOT_KEYS"


def test_every_one_word_key_argument_is_a_key_in_both_languages() -> None:
    ru, en = _keys()
    used = one_word_keys()
    assert {"help", "welcome", "status"} <= set(used), "the key arguments were not found"
    for language, keys in (("ru", ru), ("en", en)):
        missing = {k: sorted(used[k]) for k in _missing(used, keys)}
        assert not missing, f"keys passed to the translator or a helper, not in {language}: {missing}"


def test_every_f_string_key_is_known_and_each_expansion_is_a_key() -> None:
    ru, en = _keys()
    templates = key_templates()
    found = f_string_templates()
    unknown = {t: sorted(found[t]) for t in set(found) - set(templates) - NOT_KEY_TEMPLATES}
    assert not unknown, f"f-string keys to add to KEY_TEMPLATES with their values: {unknown}"
    stale = set(templates) - set(found)
    assert not stale, f"KEY_TEMPLATES lists f-strings the code no longer builds: {sorted(stale)}"
    assert held_reasons(), "no held-message reasons found in the channels"
    for template, values in templates.items():
        assert values, f"{template}: no values to expand"
        expanded = {template.replace("{}", str(value)) for value in values}
        for language, keys in (("ru", ru), ("en", en)):
            assert not _missing(expanded, keys), (
                f"{template} built from {sorted(map(str, values))}: "
                f"missing in {language}: {_missing(expanded, keys)}"
            )


def _variables(language: str) -> dict[str, set[str]]:
    """Each message's $variables, read from the .ftl sources."""
    found: dict[str, set[str]] = {}
    key = None
    for source in sorted((BOT / "locales" / language).glob("*.ftl")):
        for line in source.read_text(encoding="utf-8").splitlines():
            start = re.match(r"^([a-z][a-z0-9_-]*)\s*=", line)
            if start:
                key = start[1]
                found[key] = set()
            elif not line.startswith((" ", "\t")):
                key = None
            if key:
                found[key] |= set(re.findall(r"\{\s*\$([a-z_]+)", line))
    return found


def test_both_languages_take_the_same_variables() -> None:
    ru, en = _variables("ru"), _variables("en")
    assert set(ru) == set(en) and len(ru) > 100
    differ = {k: (sorted(ru[k]), sorted(en[k])) for k in ru if ru[k] != en[k]}
    assert not differ, f"ru and en texts use different variables (ru, en): {differ}"


# The Russian typography of /work/shared/copy_review_ru.md, section 5: a unit never wraps away
# from its number, a dash never starts a line, ids are not split into digit groups, «ёлочки» and
# one-character ellipses, and every plural selector names the three Russian forms.
RU_TYPOGRAPHY = {
    "a plain space between a number and ₽, км, ч or МБ (use U+00A0)":
        re.compile(r"[0-9}] (?:₽|км|ч|МБ)(?![а-яёА-ЯЁ])"),
    "a plain space before « — » (use U+00A0, so the dash never starts a line)":
        re.compile(r"(?<=\S) — "),
    "«№{» (write «№\u00a0{ NUMBER($id, useGrouping: 0) }»)": re.compile(r"№\{"),
    "an id formatted with digit groups (write NUMBER($id, useGrouping: 0))":
        re.compile(r"[№#]\u00a0?\{ \$"),
    "straight quotes (use «ёлочки»)": re.compile(r'"'),
    "three dots (use «…»)": re.compile(r"\.\.\."),
}
RU_PLURAL_FORMS = {"one", "few", "many"}


def _ru_values() -> Iterator[tuple[str, str]]:
    """Each line of each ru message's value, with `file:key` for the failure message."""
    key = ""
    for source in sorted((BOT / "locales" / "ru").glob("*.ftl")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            start = re.match(r"^([a-z][a-z0-9_-]*)\s*=\s?", line)
            if start:
                key = f"{source.name}:{start[1]}"
                line = line[start.end():]
            yield key, line


FLUENT_STRING = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*\}')  # {"\u00A0"}: Fluent's own quotes


def test_ru_typography() -> None:
    found = [
        f"{key}: {problem}: {line.strip()!r}"
        for key, line in _ru_values()
        for problem, pattern in RU_TYPOGRAPHY.items()
        if pattern.search(FLUENT_STRING.sub("\u00a0", line))
    ]
    assert not found, "\n".join(found)


def _selectors(node: object) -> Iterator[object]:
    from fluent.syntax import ast as fluent_ast

    if isinstance(node, fluent_ast.SelectExpression):
        yield node
    if isinstance(node, fluent_ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                yield from _selectors(child)


def test_ru_plural_selectors_name_one_few_and_many() -> None:
    from fluent.syntax import FluentParser
    from fluent.syntax import ast as fluent_ast

    lacking, selectors = [], 0
    for source in sorted((BOT / "locales" / "ru").glob("*.ftl")):
        resource = FluentParser().parse(source.read_text(encoding="utf-8"))
        for entry in resource.body:
            if not isinstance(entry, fluent_ast.Message):
                continue
            for select in _selectors(entry):
                selectors += 1
                names = {v.key.name for v in select.variants  # type: ignore[attr-defined]
                         if isinstance(v.key, fluent_ast.Identifier)}
                if names & (RU_PLURAL_FORMS | {"two", "zero"}) and not names >= RU_PLURAL_FORMS:
                    lacking.append(f"{source.name}:{entry.id.name} has {sorted(names)}")
    assert selectors > 10, "the check reads the selectors"
    assert not lacking, f"plural selectors lacking [one], [few] or [many]: {lacking}"


def test_ru_lint_catches_each_fault() -> None:
    """The patterns above match the faults they name (a check that cannot fail is no check)."""
    faults = ["{ $n } ₽", "5 км", "{ $hours } ч", "{ $mb } МБ", "заявка — её", "№{ $id }",
              "#{ $id }", 'кнопка "Да"', "ждём..."]
    for fault in faults:
        assert any(p.search(fault) for p in RU_TYPOGRAPHY.values()), fault
    for fine in ["{ $n }\u00a0₽", "5\u00a0км", "заявка\u00a0— её", "№\u00a0{ NUMBER($id, useGrouping: 0) }",
                 "{ $n } часов", "ждём…"]:
        assert not any(p.search(fine) for p in RU_TYPOGRAPHY.values()), fine
