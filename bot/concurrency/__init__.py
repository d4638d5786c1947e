"""Updates handled concurrently across chats and in arrival order within each chat.

`lanes` keeps the order and the bound, `keys` says which chat an update belongs to, `polling`
receives Telegram updates with an offset that moves only past handled ones.
"""

from bot.concurrency.keys import lane_of
from bot.concurrency.lanes import IN_FLIGHT, Lanes
from bot.concurrency.polling import Poller, poll

__all__ = ["IN_FLIGHT", "Lanes", "Poller", "lane_of", "poll"]
