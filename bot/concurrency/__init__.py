"""Updates handled concurrently across chats and in arrival order within each chat.

`lanes` keeps the order and the bound, `keys` says which chat a Telegram update belongs to,
`polling` receives Telegram updates with an offset that moves only past handled ones.
"""
