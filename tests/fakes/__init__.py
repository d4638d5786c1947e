"""The network and the clocks, faked: the Bot API and Twilio on 127.0.0.1, Telegram's updates
as Telegram sends them, and clocks the tests move by hand. Everything else in the tests is real."""
