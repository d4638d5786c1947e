"""Clients: the minimal client base."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain import Channel, Client, Identity
from domain.sms import number_of
from domain.zones import RANK, ZoneSource
from storage.db import Row, Tx, from_db, to_db

# A range scan of the clients_reply_due index (migration 0007), whose condition it repeats.
AWAITING_REMINDER = (
    "SELECT id, first_unanswered_at FROM clients WHERE first_unanswered_at <= ?"
    " AND reply_nagged_for IS NOT first_unanswered_at LIMIT ?"
)

# A range scan of the clients_reply_warn index (migration 0010), whose condition it repeats.
AWAITING_WARNING = (
    "SELECT id, first_unanswered_at FROM clients WHERE first_unanswered_at <= ?"
    " AND reply_warned_for IS NOT first_unanswered_at LIMIT ?"
)


def _client(row: Row) -> Client:
    return Client(
        id=row["id"],
        channel=Channel(row["channel"]),
        external_id=row["external_id"],
        chat_id=row["chat_id"],
        name=row["name"],
        username=row["username"],
        language=row["language"],
        phone=row["phone"],
        birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        contact_time=row["contact_time"],
        topic_id=row["topic_id"],
        card_message_id=row["card_message_id"],
        consent_at=from_db(row["consent_at"]),
        unreachable_at=from_db(row["unreachable_at"]),
        created_at=from_db(row["created_at"]),
        erased_at=from_db(row["erased_at"]),
        banned_at=from_db(row["banned_at"]),
        ban_told=bool(row["ban_told"]),
        timezone=row["timezone"],
        timezone_source=row["timezone_source"],
        group_chat=row["group_chat"],
        own_phone=row["own_phone"],
        merged_into=row["merged_into"],
        topic_closed_at=from_db(row["topic_closed_at"]),
    )


# -- one person on several channels (bot/services/desk/people.py) ---------------------------
# A client merged with another keeps its row; the other identity's row points at it
# (merged_into). Found by that identity, the kept client is given with that identity's address
# (the answer goes back where they wrote); found by id or topic, with the address of the
# channel a manager chose (/via) or the one the client last wrote from.


def _through(client: Client, identity: Row) -> Client:
    """The client with the address of one of their identities."""
    return replace(client, channel=Channel(identity["channel"]),
                   external_id=identity["external_id"], chat_id=identity["chat_id"])


async def _routed(tx: Tx, row: Row) -> Client:
    """A kept client on the channel managers' answers take: /via, else where they last wrote."""
    client = _client(row)
    route = row["via"] or row["last_channel"]
    if route is None or route == row["channel"]:
        return client
    if route == Channel.SMS:  # /via sms: to their number (People refuses it while SMS is off)
        number = number_of(client) or client.own_phone
        return replace(client, channel=Channel.SMS, chat_id=number) if number else client
    other = await tx.one(
        "SELECT channel, external_id, chat_id FROM clients WHERE merged_into = ? AND channel = ?",
        (row["id"], route),
    )
    return _through(client, other) if other else client


async def _kept(tx: Tx, row: Row) -> Row:
    """The row that answers for this one: its kept client's, if it was merged."""
    if row["merged_into"] is None:
        return row
    kept = await tx.one("SELECT * FROM clients WHERE id = ?", (row["merged_into"],))
    return kept if kept is not None else row


async def _wrote_from(tx: Tx, row: Row, identity: Row) -> None:
    """The client wrote through `identity`: managers' answers follow them there."""
    merged = row["last_channel"] is not None or identity["id"] != row["id"]  # one of several
    if merged and row["last_channel"] != identity["channel"]:
        await tx.execute("UPDATE clients SET last_channel = ? WHERE id = ?",
                         (identity["channel"], row["id"]))


async def upsert(tx: Tx, who: Identity, language: str, now: datetime) -> Client:
    """The client behind an identity, created on first contact; the username follows changes.

    A client who is known and unchanged (nearly every message) costs one read, no write.
    """
    found = await tx.one(
        "SELECT * FROM clients WHERE channel = ? AND external_id = ?", (who.channel, who.external_id)
    )
    if found is not None and found["merged_into"] is not None:  # one of a merged client's identities
        kept = await _kept(tx, found)
        await _wrote_from(tx, kept, found)
        return _through(_client(kept), found)
    known = _client(found) if found is not None else None
    if found is not None:
        await _wrote_from(tx, found, found)
    if known is not None and known.username == who.username and (known.name or not who.name):
        return known
    row = await tx.one(  # one statement: the row as inserted or as updated
        "INSERT INTO clients (channel, external_id, chat_id, name, username, language, phone,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (channel, external_id) DO UPDATE SET"
        # An erased client's last minute (before the address goes) stores nothing new.
        " username = CASE WHEN clients.erased_at IS NULL THEN excluded.username END,"
        " name = CASE WHEN clients.erased_at IS NULL THEN COALESCE(clients.name, excluded.name) END"
        " RETURNING *",
        (who.channel, who.external_id, who.chat_id, who.name, who.username, language,
         who.external_id if who.channel is Channel.SMS else None, to_db(now)),  # SMS: the number
    )
    assert row is not None
    return _client(row)


async def by_identity(tx: Tx, channel: Channel, external_id: str) -> Client | None:
    """The client who writes through this identity, with its address (a merged identity: the
    client it was merged into)."""
    row = await tx.one(
        "SELECT * FROM clients WHERE channel = ? AND external_id = ?", (channel, external_id)
    )
    if row is None:
        return None
    return _through(_client(await _kept(tx, row)), row)


async def get(tx: Tx, client_id: int) -> Client | None:
    """The client by id, on the channel managers' answers take; a row merged into another
    is given as it is (its own address and topic: the closed one)."""
    row = await tx.one("SELECT * FROM clients WHERE id = ?", (client_id,))
    if row is None:
        return None
    return _client(row) if row["merged_into"] is not None else await _routed(tx, row)


async def by_topic(tx: Tx, topic_id: int) -> Client | None:
    """The client of a topic; the closed topic of a merged identity gives the kept client."""
    row = await tx.one("SELECT * FROM clients WHERE topic_id = ?", (topic_id,))
    return await _routed(tx, await _kept(tx, row)) if row else None


async def merged(tx: Tx, client_id: int) -> list[Client]:
    """The identities merged into this client, each as its own row."""
    rows = await tx.all("SELECT * FROM clients WHERE merged_into = ? ORDER BY id", (client_id,))
    return [_client(row) for row in rows]


async def channels(tx: Tx, client_id: int) -> list[str]:
    """The channels a client can be answered on: their own, then their merged identities'."""
    rows = await tx.all("SELECT channel FROM clients WHERE id = ? OR merged_into = ?"
                        " ORDER BY merged_into IS NOT NULL, id", (client_id, client_id))
    return [row[0] for row in rows]


async def set_via(tx: Tx, client_id: int, channel: str | None) -> None:
    """A manager's /via: the channel managers' answers take (None: where the client last wrote)."""
    await tx.execute("UPDATE clients SET via = ? WHERE id = ?", (channel, client_id))


async def via(tx: Tx, client_id: int) -> str | None:
    return await tx.scalar("SELECT via FROM clients WHERE id = ?", (client_id,))


async def set_profile(
    tx: Tx,
    client_id: int,
    *,
    name: str,
    phone: str | None,
    birth_date: date | None,
    contact_time: str,
    consent_at: datetime,
) -> None:
    await tx.execute(
        "UPDATE clients SET name = ?, phone = ?, birth_date = ?, contact_time = ?,"
        " consent_at = COALESCE(consent_at, ?) WHERE id = ?",
        (
            name,
            phone,
            birth_date.isoformat() if birth_date else None,
            contact_time,
            to_db(consent_at),
            client_id,
        ),
    )


async def set_timezone(tx: Tx, client_id: int, zone: str, source: ZoneSource) -> bool:
    """Store the client's zone unless one of a higher rank is there (what the client or a
    manager chose outranks the city's, which outranks the phone's); True when stored."""
    row = await tx.one("SELECT timezone_source FROM clients WHERE id = ?", (client_id,))
    if row is None:
        return False
    held = row["timezone_source"]
    if held in RANK and RANK[ZoneSource(held)] > RANK[source]:
        return False
    await tx.execute("UPDATE clients SET timezone = ?, timezone_source = ? WHERE id = ?",
                     (zone, source, client_id))
    return True


async def set_language(tx: Tx, client_id: int, language: str) -> None:
    await tx.execute("UPDATE clients SET language = ? WHERE id = ?", (language, client_id))


async def set_topic(tx: Tx, client_id: int, topic_id: int) -> None:
    await tx.execute("UPDATE clients SET topic_id = ? WHERE id = ?", (topic_id, client_id))


async def set_card(tx: Tx, client_id: int, message_id: int) -> None:
    """The card just posted: the client's newest, and the card of their newest request."""
    await tx.execute(
        "UPDATE clients SET card_message_id = ? WHERE id = ?", (message_id, client_id)
    )
    await tx.execute(
        "UPDATE requests SET card_message_id = ? WHERE id = (SELECT MAX(id) FROM requests"
        " WHERE client_id = ? AND card_message_id IS NULL)",
        (message_id, client_id),
    )


async def set_unreachable(tx: Tx, client_id: int, since: datetime | None) -> bool:
    """Mark or clear; True when this changed the state (so the topic is told once)."""
    if since is None:
        sql = "UPDATE clients SET unreachable_at = NULL WHERE id = ? AND unreachable_at IS NOT NULL"
        return await tx.execute(sql, (client_id,)) > 0
    sql = "UPDATE clients SET unreachable_at = ? WHERE id = ? AND unreachable_at IS NULL"
    return await tx.execute(sql, (to_db(since), client_id)) > 0


async def awaiting_reminder(tx: Tx, since: datetime, limit: int) -> list[tuple[int, datetime]]:
    """Clients unanswered since `since` or earlier whom nobody was reminded of for that wait,
    with the moment their wait began: a range scan of the clients_reply_due index."""
    rows = await tx.all(AWAITING_REMINDER, (to_db(since), limit))
    return [(row[0], from_db(row[1])) for row in rows]


async def reminded(tx: Tx, client_id: int) -> None:
    """Managers were reminded of this wait: it leaves the index until the client waits anew."""
    await tx.execute(
        "UPDATE clients SET reply_nagged_for = first_unanswered_at WHERE id = ?", (client_id,)
    )


async def unanswered_count(tx: Tx, since: datetime) -> int:
    """Clients whose oldest unanswered message was written at `since` or earlier."""
    count = await tx.scalar(
        "SELECT COUNT(*) FROM clients WHERE first_unanswered_at <= ?", (to_db(since),)
    )
    return int(count or 0)


async def awaiting_warning(tx: Tx, since: datetime, limit: int) -> list[tuple[int, datetime]]:
    """Clients unanswered since `since` or earlier whose topic was not warned of that wait."""
    rows = await tx.all(AWAITING_WARNING, (to_db(since), limit))
    return [(row[0], from_db(row[1])) for row in rows]


async def warned(tx: Tx, client_id: int) -> None:
    await tx.execute(
        "UPDATE clients SET reply_warned_for = first_unanswered_at WHERE id = ?", (client_id,)
    )


async def waiting(
    tx: Tx, since: datetime
) -> list[tuple[int, str | None, int | None, datetime, int | None]]:
    """Clients waiting for an answer since `since` or earlier: id, name, topic (in the home
    group), since when, the group of their latest business (None: the home group)."""
    rows = await tx.all(
        "SELECT id, name, topic_id, first_unanswered_at, group_chat FROM clients"
        " WHERE first_unanswered_at <= ? ORDER BY first_unanswered_at",
        (to_db(since),),
    )
    return [(row[0], row[1], row[2], from_db(row[3]), row[4]) for row in rows]


@dataclass(frozen=True)
class Banned:
    """A line of the owners' ban list."""

    id: int
    name: str | None
    username: str | None
    topic_id: int | None
    banned_at: datetime
    banned_by: int | None
    told: bool


async def ban(tx: Tx, client_id: int, manager_id: int, told: bool, now: datetime) -> bool:
    """Ban a client not banned yet; False if they already were (nothing changes)."""
    # Nobody is reminded of a banned client's unanswered messages.
    sql = ("UPDATE clients SET banned_at = ?, banned_by = ?, ban_told = ?,"
           " first_unanswered_at = NULL WHERE id = ? AND banned_at IS NULL")
    return await tx.execute(sql, (to_db(now), manager_id, int(told), client_id)) > 0


async def unban(tx: Tx, client_id: int) -> bool:
    """Lift a ban; False if there was none."""
    sql = ("UPDATE clients SET banned_at = NULL, banned_by = NULL, ban_told = 0"
           " WHERE id = ? AND banned_at IS NOT NULL")
    return await tx.execute(sql, (client_id,)) > 0


async def banned(tx: Tx, limit: int) -> list[Banned]:
    """Banned clients not erased, newest ban first (a range scan of clients_banned)."""
    rows = await tx.all(
        "SELECT id, name, username, topic_id, banned_at, banned_by, ban_told FROM clients"
        " WHERE banned_at IS NOT NULL AND erased_at IS NULL ORDER BY banned_at DESC, id DESC"
        " LIMIT ?",
        (limit,),
    )
    return [Banned(r[0], r[1], r[2], r[3], from_db(r[4]), r[5], bool(r[6])) for r in rows]


async def tell_closed(tx: Tx, client_id: int, opening: datetime) -> bool:
    """Mark the client told that we open at `opening`; False if they were told already (one
    answer per closed period: every message in it names the same opening)."""
    changed = await tx.execute(
        "UPDATE clients SET closed_told_for = ? WHERE id = ? AND closed_told_for IS NOT ?",
        (to_db(opening), client_id, to_db(opening)),
    )
    return changed > 0


async def by_phone(tx: Tx, number: str) -> Client | None:
    """The client this E.164 number reaches: known only by it (SMS), writing on WhatsApp from
    it, or who gave it (the oldest such client; erased clients never)."""
    row = await tx.one(
        "SELECT * FROM clients WHERE erased_at IS NULL AND ((channel = 'sms' AND external_id = ?)"
        " OR (channel = 'whatsapp' AND external_id = ?) OR phone = ?)"
        " ORDER BY channel = 'sms' DESC, channel = 'whatsapp' DESC, id LIMIT 1",
        (number, number.removeprefix("+"), number),
    )
    return _client(row) if row else None


async def phone_only(tx: Tx, who: Identity, language: str, now: datetime) -> Client:
    """A client known only by their phone (booked after a call): the number is their address
    and their phone (`upsert` keeps it for Channel.SMS)."""
    return await upsert(tx, who, language, now)
