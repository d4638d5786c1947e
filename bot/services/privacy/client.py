"""The client's side: what we keep and why (the consent at /start, "About my data"), and
their own erasure with /delete_my_data, in Telegram and WhatsApp alike."""

from __future__ import annotations

from bot.delivery import Outbox
from bot.i18n import Translator
from bot.services.privacy.erasure import Erasure
from domain import Client, Reply
from domain.presses import AskErase, ConfirmErase, Menu, button
from storage.db import Tx


class DataRights:
    def __init__(self, outbox: Outbox, translate: Translator, erasure: Erasure,
                 workshop: bool = False) -> None:
        self._outbox = outbox
        self._t = translate
        self._erasure = erasure
        # with the workshop on we also keep the car's plate, mileage and visits: say so
        self._workshop = "yes" if workshop else "no"

    def consent(self, lang: str) -> str:
        """Every kept item, the purpose, how long, and how to delete: shown at /start."""
        return self._t(lang, "privacy-consent", retention=self._retention(lang), workshop=self._workshop)

    async def about(self, tx: Tx, client: Client) -> None:
        lang = client.language
        text = self._t(lang, "privacy-about", retention=self._retention(lang), workshop=self._workshop)
        buttons = ((button(self._t(lang, "privacy-button-delete"), AskErase()),),
                   (button(self._t(lang, "privacy-button-menu"), Menu()),))
        await self._outbox.to_client(tx, client, Reply(text, buttons))

    async def ask(self, tx: Tx, client: Client) -> None:
        lang = client.language
        buttons = ((button(self._t(lang, "privacy-button-confirm"), ConfirmErase()),),
                   (button(self._t(lang, "privacy-button-keep"), Menu()),))
        await self._outbox.to_client(tx, client, Reply(self._t(lang, "privacy-ask"), buttons))

    async def erase(self, tx: Tx, client: Client) -> None:
        """The client confirmed: their data goes now."""
        await self._erasure.erase(tx, client, "client")
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, "privacy-done")))

    def _retention(self, lang: str) -> str:
        kept = self._erasure.retention
        if kept is None:
            return self._t(lang, "privacy-retention-none")
        return self._t(lang, f"privacy-retention-{kept.unit_name}", n=kept.amount)
