"""Localised texts from Fluent files in bot/locales/<language>/*.ftl."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from bot.config import LANGUAGES

log = logging.getLogger(__name__)


class Translator:
    def __init__(self, default_language: str) -> None:
        self.default_language = default_language
        self._bundles = {language: _load_bundle(language) for language in LANGUAGES}

    def languages(self) -> tuple[str, ...]:
        return LANGUAGES

    def keys(self, language: str) -> set[str]:
        return set(self._bundles[language]._messages)  # noqa: SLF001 - no public listing

    def pick(self, language_code: str | None) -> str:
        """The supported language closest to what the client's app reports."""
        code = (language_code or "").split("-")[0].lower()
        return code if code in self._bundles else self.default_language

    def __call__(self, language: str, key: str, /, **args: Any) -> str:
        bundle = self._bundles.get(language) or self._bundles[self.default_language]
        if not bundle.has_message(key):
            bundle = self._bundles[self.default_language]
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(f"{key} has no value in {language}")
        text, errors = bundle.format_pattern(message.value, args)
        for error in errors:
            log.warning("locale %s key %s: %s", language, key, error)
        return str(text)


def _load_bundle(language: str) -> FluentBundle:
    # Bidi isolation marks would show as stray characters in Telegram and WhatsApp.
    bundle = FluentBundle([language], use_isolating=False)
    folder = resources.files("bot") / "locales" / language
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".ftl"):
            bundle.add_resource(FluentResource(entry.read_text(encoding="utf-8")))
    return bundle
