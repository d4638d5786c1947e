"""The client's side: what we keep and why (the consent at /start, "About my data"), and
their own erasure with /delete_my_data, in Telegram and WhatsApp alike."""

from __future__ import annotations

from bot.delivery import Outbox
from bot.i18n import Translator
from bot.services.privacy.erasure import Erasure
from domain import Action, Button, Client, Reply
from storage.db import Tx

ASK, YES = "ask", "yes"


class DataRights:
    def __init__(self, outbox: Outbox, translate: Translator, erasure: Erasure) -> None:
        self._outbox = outbox
        self._t = translate
        self._erasure = erasure

    def consent(self, lang: str) -> str:
        """Every kept item, the purpose, how long, and how to delete: shown at /start."""
        return self._t(lang, "privacy-consent", retention=self._retention(lang))

    async def about(self, tx: Tx, client: Client) -> None:
        lang = client.language
        text = self._t(lang, "privacy-about", retention=self._retention(lang))
        buttons = ((Button(self._t(lang, "privacy-button-delete"), Action.ERASE, ASK),),
                   (Button(self._t(lang, "privacy-button-menu"), Action.MENU),))
        await self._outbox.to_client(tx, client, Reply(text, buttons))

    async def ask(self, tx: Tx, client: Client) -> None:
        lang = client.language
        buttons = ((Button(self._t(lang, "privacy-button-confirm"), Action.ERASE, YES),),
                   (Button(self._t(lang, "privacy-button-keep"), Action.MENU),))
        await self._outbox.to_client(tx, client, Reply(self._t(lang, "privacy-ask"), buttons))

    async def pressed(self, tx: Tx, client: Client, arg: str) -> None:
        if arg == YES:
            await self._erasure.erase(tx, client, "client")
            await self._outbox.to_client(tx, client, Reply(self._t(client.language, "privacy-done")))
        else:
            await self.ask(tx, client)

    def _retention(self, lang: str) -> str:
        kept = self._erasure.retention
        if kept is None:
            return self._t(lang, "privacy-retention-none")
        return self._t(lang, f"privacy-retention-{kept.unit_name}", n=kept.amount)
