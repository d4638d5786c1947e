"""Lists a firm writes in a setting, items separated by ';' (LEGAL_CHECKS, LEAD_SOURCES)."""

from __future__ import annotations


def parse_list(text: str, most: int, longest: int) -> tuple[str, ...]:
    """'Авито; Drom;;Другое' → ('Авито', 'Drom', 'Другое'); ValueError (said in one line) for
    more than `most` items, an item longer than `longest` characters, or one named twice."""
    items = tuple(" ".join(item.split()) for item in text.split(";") if item.strip())
    if len(items) > most:
        raise ValueError(f"at most {most} items separated by ';', found {len(items)}")
    for item in items:
        if len(item) > longest:
            raise ValueError(f"an item is longer than {longest} characters: {item[:longest]}…")
    twice = {item for item in items if sum(other.casefold() == item.casefold() for other in items) > 1}
    if twice:
        raise ValueError(f"named twice: {sorted(twice)[0]}")
    return items
