"""WORKSHOP_PROGRESS, the steps a car goes through in the workshop as the firm names them
(issue 24): 'diagnosis;parts:Ждём запчасти;work;check' → (('diagnosis', None), ('parts',
'Ждём запчасти'), ('work', None), ('check', None)). A step is a key a manager may type after
`/progress`, with the name the client reads; a default key written alone is named in the
reader's language (ws-progress-step-<key>), any other key by itself."""

from __future__ import annotations

import re

STEPS_MAX = 10
NAME_LENGTH = 40
_KEY = re.compile(r"[a-z][a-z0-9_]{0,19}")

Steps = tuple[tuple[str, str | None], ...]


def parse_steps(text: str) -> Steps:
    """The steps as written; ValueError (said in one line) for a key that is not lower-case
    ASCII letters, digits and '_', a name too long, a key or name written twice, or too many."""
    steps: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        key, sep, name = (s.strip() for s in part.partition(":"))
        if not _KEY.fullmatch(key):
            raise ValueError(f"a step's key is latin lower-case letters, digits or '_', like "
                             f"parts:Ждём запчасти; found {part[:NAME_LENGTH]!r}")
        name = " ".join(name.split())
        if sep and not name:
            raise ValueError(f"the step {key} has an empty name after ':'")
        if len(name) > NAME_LENGTH:
            raise ValueError(f"a step's name is longer than {NAME_LENGTH} characters: {name[:NAME_LENGTH]}…")
        steps.append((key, name or None))
    if len(steps) > STEPS_MAX:
        raise ValueError(f"at most {STEPS_MAX} steps separated by ';', found {len(steps)}")
    keys = [key for key, _ in steps]
    names = [name.casefold() for _, name in steps if name]
    twice = {k for k in keys if keys.count(k) > 1} | {n for n in names if names.count(n) > 1}
    if twice:
        raise ValueError(f"named twice: {sorted(twice)[0]}")
    return tuple(steps)
