"""Localised texts from Fluent files in bot/locales/<language>/*.ftl."""

from __future__ import annotations

import functools
import logging
import re
from datetime import timedelta
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Resource

from bot.config import LANGUAGES, Settings
from domain.business import EVERY_DAY
from domain.weekdays import parse_days

log = logging.getLogger(__name__)
SHORT_FORM = "-short"  # a text's short form: `ws-reminder-short` beside `ws-reminder`
SHORT = 200  # longer string values are set aside from Fluent (see _set_aside)
_STAND_IN = re.compile("\x00\\w+\x00")

# What every text may name, and the setting it comes from.
FIXED = {
    "firm": "firm_name",
    "news_every": "progress_update_interval",
    "survey_after": "satisfaction_check_delay",
    "followup_after": "long_followup_delay",
}


class Translator:
    def __init__(self, default_language: str) -> None:
        self.default_language = default_language
        self._bundles = {language: _load_bundle(language) for language in LANGUAGES}
        self._fixed: dict[str, dict[str, Any]] = {}
        self.fix(**{name: Settings.model_fields[setting].default for name, setting in FIXED.items()})
        self._working_days_only = False
        self.fix_news(Settings.model_fields["progress_update_interval"].default,
                      parse_days(Settings.model_fields["business_days"].default) != EVERY_DAY)

    def fix_news(self, interval: timedelta, working_days_only: bool) -> None:
        """$news_promise in every text: the news interval as the clocks keep it (PROGRESS_UPDATE_
        INTERVAL counted on BUSINESS_DAYS), so the words and the clock come from one setting:
        «не реже чем раз в два рабочих дня» while weekends are left out, «каждый день» for 24h
        on every day."""
        self._working_days_only = working_days_only
        for language in LANGUAGES:
            self._fixed.setdefault(language, {})["news_promise"] = self.news_promise(language, interval)

    def news_promise(self, language: str, interval: timedelta) -> str:
        """A deal's news interval in words (its own, /every, or the default), on the same
        business days as the clocks."""
        hours = max(int(interval.total_seconds() // 3600), 1)
        unit, count = ("day", hours // 24) if hours % 24 == 0 else ("hour", hours)
        return self(language, "news-promise", unit=unit, n=count,
                    working="yes" if self._working_days_only else "no")

    def fix(self, **values: str | timedelta) -> None:
        """Values any text may name ($firm, $news_every, …), so a text that names the firm or
        a delay follows the settings; a delay in words, per language ("два дня", "неделю")."""
        for language in LANGUAGES:
            fixed = self._fixed.setdefault(language, {})
            for name, value in values.items():
                if isinstance(value, timedelta):
                    fixed[name] = self._span(language, value)
                    fixed[name + "_days"] = value.days if value.seconds == 0 else 0
                else:
                    fixed[name] = value

    def _span(self, language: str, span: timedelta) -> str:
        hours = int(span.total_seconds() // 3600)
        days = span.days if span.seconds == 0 else 0
        if not days:
            unit, count = "hour", max(hours, 1)
        elif days >= 28:
            unit, count = "month", round(days / 30)
        elif days % 7 == 0:
            unit, count = "week", days // 7
        else:
            unit, count = "day", days
        return self(language, "span", unit=unit, n=count)

    def languages(self) -> tuple[str, ...]:
        return LANGUAGES

    def keys(self, language: str) -> set[str]:
        return set(self._bundles[language]._messages)  # noqa: SLF001 - no public listing

    def pick(self, language_code: str | None) -> str:
        """The supported language closest to what the client's app reports."""
        code = (language_code or "").split("-")[0].lower()
        return code if code in self._bundles else self.default_language

    def short(self, language: str, key: str, /, **args: Any) -> str | None:
        """The text's short form (its key + SHORT_FORM), for a channel that bills by length
        (SMS: docs/sms.md); None when the text has none."""
        name = key + SHORT_FORM
        if not self._bundles[self.default_language].has_message(name):
            return None
        return self(language, name, **args)

    def __call__(self, language: str, key: str, /, **args: Any) -> str:
        if language not in self._bundles:
            language = self.default_language
        bundle = self._bundles[language]
        if not bundle.has_message(key):
            language = self.default_language
            bundle = self._bundles[language]
        args = {**self._fixed.get(language, {}), **args}
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(f"{key} has no value in {language}")
        args, long_values = _set_aside(args)
        text, errors = bundle.format_pattern(message.value, args)
        for error in errors:
            log.warning("locale %s key %s: %s", language, key, error)
        if not long_values:
            return str(text)
        # One pass, so a value holding something like a stand-in is never replaced in turn.
        return _STAND_IN.sub(lambda found: long_values.get(found.group(0), found.group(0)), str(text))


def _set_aside(args: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Fluent refuses a placeable longer than its limit (2,500 characters, against memory
    attacks through translations) and prints `{???}` for the whole text. Our long values are
    the people's own words (a 30-line order, a long critique), ours to show: each goes into the
    text as a short stand-in, put back after formatting. Short values (those a selector may
    look at) go through Fluent as they are."""
    passed, kept = dict(args), dict[str, str]()
    for name, value in args.items():
        if isinstance(value, str) and len(value) > SHORT:
            stand_in = f"\x00{name}\x00"  # no text of ours holds a NUL
            kept[stand_in], passed[name] = value, stand_in
    return passed, kept


def _load_bundle(language: str) -> FluentBundle:
    # Bidi isolation marks would show as stray characters in Telegram and WhatsApp.
    bundle = FluentBundle([language], use_isolating=False)
    folder = resources.files("bot") / "locales" / language
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".ftl"):
            bundle.add_resource(_parse(entry.read_text(encoding="utf-8")))
    return bundle


@functools.cache
def _parse(text: str) -> Resource:
    """A file's syntax tree, parsed once per text in a process: fluent's pure-Python parser
    takes most of building an app (~0.2 s for both languages), and an app built again in the
    same process (a restart in the tests, each test's app) reads the same files. Keyed by the
    text, so an edited file is parsed anew; each bundle still compiles its own messages."""
    return FluentResource(text)
