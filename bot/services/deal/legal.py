"""The legal check of a deal's documents (issue 23; the procedure's §1г, legal cleanliness and a
correct set of documents): a checklist per deal made from LEGAL_CHECKS, ticked by managers
with buttons in the topic (`/legal #N` shows it), each item with an optional note or photo
(`/legal 3 залогов нет`, or a photo captioned so). The documents stage is not left forward with
an item unchecked unless a manager gives the reason (`/legal skip <reason>`); when it is left,
the client gets the items checked, with their notes and photos (docs/papers.md)."""

from __future__ import annotations

from html import escape

from bot.i18n import Translator
from bot.services.base import Deal, Desk, Kit
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, clean_text
from domain import CarRequest, Client, Media, Stage
from domain.numbers import read_id
from domain.presses import TickLegal, button
from storage import deals, legal
from storage.db import Tx
from storage.legal import LegalItem

# The default items (LEGAL_CHECKS' default): named in the reader's language (legal-item-<code>).
CODES = ("liens", "restrictions", "wanted", "owners", "accidents", "mileage", "documents")
SKIP = ("skip", "пропустить", "пропуск")  # /legal skip <reason>
UNCHECK = ("-", "off", "снять", "нет")  # /legal 3 - : not checked after all
NOTE_LIMIT = 500
_ORDER = list(Stage)


def item_name(t: Translator, lang: str, item: str) -> str:
    return t(lang, f"legal-item-{item}") if item in CODES else escape(item)


def leaves_documents(current: str, stage: Stage) -> bool:
    """Moving from the documents stage to a later one (not a cancellation)."""
    return (current == Stage.DOCUMENTS and stage is not Stage.CANCELLED
            and _ORDER.index(stage) > _ORDER.index(Stage.DOCUMENTS))


def note_of(t: Translator, lang: str, item: LegalItem) -> str:
    return t(lang, "legal-note", note=escape(item.note)) if item.note else ""


def checked_lines(t: Translator, lang: str, found: list[LegalItem]) -> list[str]:
    """The checked items as the client reads them (nothing unchecked is claimed)."""
    return [t(lang, "legal-client-item", item=item_name(t, lang, i.item), note=note_of(t, lang, i))
            for i in found if i.checked]


class LegalCheck(Desk):
    def __init__(self, kit: Kit, news: DealNews, names: tuple[str, ...]) -> None:
        super().__init__(kit)
        self._news = news
        self._names = names

    # -- the manager's command and buttons ------------------------------------------------------

    async def legal(self, topic_id: int | None, message_id: int, manager_id: int, args: str,
                    media: Media | None = None) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "legal", args,
                            lambda deal, rest: self._legal(deal, manager_id, rest, media),
                            can_wait=media is None)  # a photo cannot wait for a button

    async def pressed(self, topic_id: int | None, message_id: int, manager_id: int,
                      press: TickLegal | None) -> None:
        """A tick in the checklist: the item's state turns over; the checklist is shown anew."""
        async with self._db.transaction() as tx:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id and press else None
            request = await deals.of_client(tx, client.id, press.request) if client and press else None
            found = await legal.items(tx, request.id) if request else []
            item = next((i for i in found if press and i.position == press.position), None)
            if client is None or request is None or item is None:
                await self._answer(tx, topic_id, message_id, "legal-press-stale")
                return
            if item.checked:
                await legal.uncheck(tx, request.id, item.position)
            else:
                await legal.check(tx, request.id, item.position, manager_id, self._clock.now(),
                                  None, None)
            await self._show(Deal(tx, client, request, message_id))

    async def _legal(self, deal: Deal, manager_id: int, text: str, media: Media | None) -> None:
        found = await legal.begin(deal.tx, deal.request.id, self._names)
        if not found:
            await self._reply(deal, "legal-none")
            return
        word, _, rest = text.strip().partition(" ")
        if not word and media is None:
            await self._show(deal)
            return
        if word.lower() in SKIP:
            await self._skip(deal, manager_id, found, rest.strip())
            return
        position = read_id(word)
        if position is None or not 1 <= position <= len(found):
            await self._reply(deal, "legal-usage", count=len(found), id=deal.request.id)
            return
        if rest.strip().lower() in UNCHECK and media is None:
            await legal.uncheck(deal.tx, deal.request.id, position)
            await self._show(deal)
            return
        try:
            note = clean_text(rest, NOTE_LIMIT) if rest.strip() else None
        except InvalidAnswer:
            await self._reply(deal, "legal-note-too-long", limit=NOTE_LIMIT)
            return
        ref = f"{deal.message_id}:{media.kind}:{media.ref}" if media else None
        await legal.check(deal.tx, deal.request.id, position, manager_id, self._clock.now(),
                          note, ref)
        await self._show(deal)

    async def _skip(self, deal: Deal, manager_id: int, found: list[LegalItem], reason: str) -> None:
        unchecked = [i for i in found if not i.checked]
        if not unchecked:
            await self._reply(deal, "legal-nothing-to-skip")
            return
        if not reason:
            await self._reply(deal, "legal-skip-needs-reason", id=deal.request.id)
            return
        names = ", ".join(item_name(self._t, self._lang, i.item) for i in unchecked)
        await legal.waive(deal.tx, deal.request.id, manager_id, names, reason[:NOTE_LIMIT],
                          self._clock.now())
        await self._reply(deal, "legal-skipped", items=names, reason=escape(reason[:NOTE_LIMIT]))

    async def _show(self, deal: Deal) -> None:
        """The checklist in the topic: a line per item (✅ with its note, ⬜), a button each."""
        found = await legal.items(deal.tx, deal.request.id)
        lang, lines, rows = self._lang, [], []
        for i in found:
            name = item_name(self._t, lang, i.item)
            mark = "✅" if i.checked else "⬜"
            lines.append(f"{mark} {i.position}. {name}{note_of(self._t, lang, i)}"
                         + (" 📷" if i.media else ""))
            rows.append((button(f"{mark} {i.position}. {name}"[:60],
                                TickLegal(deal.request.id, i.position)),))
        done = sum(i.checked for i in found)
        text = self._t(lang, "legal-list", id=deal.request.id, done=done, total=len(found),
                       lines="\n".join(lines))
        await self._outbox.to_group(deal.tx, text, deal.client.topic_id, reply_to=deal.message_id,
                                    buttons=tuple(rows))
        await self._news.refresh_card(deal.tx, deal.client, deal.request.id)  # "checked 5 of 7"

    # -- what the deal's stages ask of it -------------------------------------------------------

    async def held(self, tx: Tx, request: CarRequest, stage: Stage) -> str | None:
        """The unchecked items (named) if they hold the deal at the documents stage, else None."""
        if not leaves_documents(request.stage, stage) or await legal.waived(tx, request.id):
            return None
        found = await legal.begin(tx, request.id, self._names)
        unchecked = [item_name(self._t, self._lang, i.item) for i in found if not i.checked]
        return ", ".join(unchecked) or None

    async def tell_client(self, tx: Tx, client: Client, request_id: int) -> str:
        """Leaving the documents stage: the checked items' photos go to the client, and their
        lines come back for the stage's news ('' when nothing was checked)."""
        lang = client.language
        found = await legal.items(tx, request_id)
        for i in found:
            if i.checked and i.media:
                message_id, kind, ref = i.media.split(":", 2)
                caption = self._t(lang, "legal-client-item", item=item_name(self._t, lang, i.item),
                                  note=note_of(self._t, lang, i))
                await self._outbox.copy_to_client(tx, client, int(message_id), None, caption,
                                                  (Media(kind, ref),), caption)
        lines = checked_lines(self._t, lang, found)
        return self._t(lang, "legal-client", lines="\n".join(lines)) if lines else ""
