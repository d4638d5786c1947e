"""Handing the car over: the message that explains it, and the extra services it offers."""
