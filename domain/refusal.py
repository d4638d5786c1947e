"""A command that cannot be done, and why: a locale key and the values its text needs.

Any desk raises it where it finds the problem (a parser, a rule, a missing record); the desk's
edge catches it, rolls back what the command began, and answers the person in their language
(`Desk._command` in bot/services/base.py)."""

from __future__ import annotations


class Refusal(Exception):
    """A refused command; `key` names the answer, `variables` fill it in."""

    def __init__(self, key: str, **variables: object) -> None:
        super().__init__(key)
        self.key = key
        self.variables = variables
