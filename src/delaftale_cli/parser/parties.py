"""`Delaftalens parter`: names, each with an optional description.

A party is a short line, a list item, a list item "Name: role", or a row of a Part | Rolle
table. A prose paragraph right after a party named on its own line (or as "Name: role")
describes it, and so do the bulleted sentences after that prose; a lead-in ending in ":"
describes the list items that follow it. Prose that
belongs to no party is returned separately, so nothing is lost.
"""

from __future__ import annotations

import re

from ..document import Block, Table
from ..models import Party
from .labels import party_columns
from .prose import clean_text, table_lines

MAX_NAME_WORDS = 12
NAMED_LIST_MIN = 2  # "Name: role" paragraphs that make a list of parties (one may be prose)
# A party is named by at least one word of three letters: the shortest names are acronyms
# ("SSP", "KAB"); a shorter line ("ØQ—", "| —") is OCR debris from a page edge or ruling.
NAME_WORD = re.compile(r"[^\W\d_]{3}")


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and not text.endswith((".", ":", ";", "!", "?"))
        and NAME_WORD.search(text) is not None
    )


def _cell(text: str) -> str:
    lines = [clean_text(line.removeprefix("- ")) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _table_parties(table: Table) -> list[Party] | None:
    """The parties of a Part | Rolle table (None if it is no such table)."""
    columns = party_columns(table.rows[0]) if table.rows else None
    if columns is None:
        return None
    name_col, role_col = columns
    parties = []
    for row in table.rows[1:]:
        if row == table.rows[0]:
            continue  # header repeated on a new page
        name, role = _cell(row[name_col]), _cell(row[role_col])
        if name:
            parties.append(Party(name=name.replace("\n", " "), description=role or None))
        elif role and parties:  # a row cut by a page break
            last = parties[-1]
            description = f"{last.description}\n{role}" if last.description else role
            parties[-1] = Party(name=last.name, description=description)
    return parties


def _named_item(text: str) -> tuple[str, str] | None:
    """ "Boligselskabet Nordhjem: Nordhjem er ansvarlig ..." -> (name, role)."""
    name, colon, role = text.partition(":")
    if colon and role.strip() and _is_name(name.strip()):
        return name.strip(), role.strip()
    return None


def parse_parties(blocks: list[Block]) -> tuple[list[Party], list[str]]:
    """Parties, and the paragraphs that could not be attached to one."""
    parties: list[Party] = []
    leftovers: list[str] = []
    lead_in: str | None = None
    last_standalone: int | None = None  # index of the last party named on its own line
    # the parties are "Name: role" items; two such paragraphs say so where OCR lost bullets
    named_blocks = [b for b in blocks if b.table is None and _named_item(clean_text(b.text))]
    named_list = len(named_blocks) >= NAMED_LIST_MIN
    for block in blocks:
        if block.table is not None:
            from_table = _table_parties(block.table)
            if from_table is None:
                leftovers.extend(table_lines(block))
            parties.extend(from_table or [])
            last_standalone = None
            continue
        text = clean_text(block.text.replace("\n", " "))
        if not text:
            continue
        if NAME_WORD.search(text) is None:  # debris names no party and describes none
            leftovers.append(text)
            continue
        # once parties are listed as "Name: role" items, a paragraph of that shape is one
        # too: a scan's OCR loses bullets
        named = _named_item(text) if block.kind == "list_item" or named_list else None
        if named is not None:
            parties.append(Party(name=named[0], description=named[1]))
            last_standalone = len(parties) - 1
            named_list = True
        elif block.kind == "list_item" and last_standalone is not None and not _is_name(text):
            # a bulleted sentence under a party's description is part of the description
            party = parties[last_standalone]
            item = f"- {text}"
            description = f"{party.description}\n{item}" if party.description else item
            parties[last_standalone] = Party(name=party.name, description=description)
        elif block.kind == "list_item":
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
