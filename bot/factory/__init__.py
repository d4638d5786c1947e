"""The composition root's parts: small factories, each returning what it built as a typed bundle.

Nothing is created at import time; `bot.app.CarCareApp` calls these in order.
"""
