"""`Delaftalens parter`: names, each with an optional description.

A party is a short line or a list item. A prose paragraph right after a short-line
party describes it; a lead-in ending in ":" describes the list items that follow it.
Prose that belongs to no party is returned separately, so nothing is lost.
"""

from __future__ import annotations

from ..document import Block
from ..models import Party
from .prose import clean_text

MAX_NAME_WORDS = 12


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_NAME_WORDS and not text.endswith((".", ":", ";", "!", "?"))


def parse_parties(blocks: list[Block]) -> tuple[list[Party], list[str]]:
    """Parties, and the paragraphs that could not be attached to one."""
    parties: list[Party] = []
    leftovers: list[str] = []
    lead_in: str | None = None
    last_standalone: int | None = None  # index of the last party named on its own line
    for block in blocks:
        if block.table is not None:
            from .prose import table_lines

            leftovers.extend(table_lines(block))
            continue
        text = clean_text(block.text.replace("\n", " "))
        if not text:
            continue
        if block.kind == "list_item":
            parties.append(Party(name=text, description=lead_in))
            last_standalone = None
        elif text.endswith(":") and len(text.split()) <= 30:
            lead_in = text.rstrip(":").strip()
            last_standalone = None
        elif _is_name(text):
            parties.append(Party(name=text))
            last_standalone = len(parties) - 1
            lead_in = None
        elif last_standalone is not None:
            party = parties[last_standalone]
            description = f"{party.description}\n\n{text}" if party.description else text
            parties[last_standalone] = Party(name=party.name, description=description)
        else:
            leftovers.append(text)
            lead_in = None
    return parties, leftovers
