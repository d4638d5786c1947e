"""Intake: the guided questions of a car search request, saving it, and how it looks to managers."""
