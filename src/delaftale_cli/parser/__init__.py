"""Template-aware parser: from the document model to an `Agreement`.

1. `_unroll_tables`: layout tables (one cell per row) and the activity forms' two-column
   label | value tables become plain blocks, so every format reads the same way.
2. `_sectionise`: blocks are split at the template's labels into sections and, after
   "Aktivitetsnavn", into one form per activity.
3. Each section is read by its own module; what none of them places goes to
   `other_sections`, and a field not found is null with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..codes import WarningCode
from ..document import Block, Document, Table
from ..errors import NotAnAgreementError
from ..models import (
    SCHEMA_VERSION,
    Activity,
    Agreement,
    OtherSection,
    ParseWarning,
    Source,
)
from .indicators import is_indicator_table, parse_indicator_tables
from .labels import FORM_KEYS, LABELS, forms_header_kind, match_label, match_title
from .parties import parse_parties
from .period import parse_period
from .prose import blocks_to_text, clean_text
from .staff import parse_staff

SECTION_TITLES = {label.key: label.text for label in LABELS}


def _cell_blocks(text: str, page: int | None) -> list[Block]:
    blocks = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(Block("list_item", line[2:].strip(), page=page))
        else:
            blocks.append(Block("paragraph", line, page=page))
    return blocks


def _distinct_cells(row: tuple[str, ...], r: int, table: Table) -> list[str]:
    cells = [c for i, c in enumerate(row) if c.strip() and (r, i) not in table.merged]
    return list(dict.fromkeys(cells))


def _unroll_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        table = block.table
        if table is None or is_indicator_table(block):
            out.append(block)
            continue
        rows = [_distinct_cells(row, r, table) for r, row in enumerate(table.rows)]
        if all(len(cells) <= 1 for cells in rows):
            for cells in rows:
                for cell in cells:
                    out.extend(_cell_blocks(cell, block.page))
            continue
        labelled = [
            cells
            for cells in rows
            if cells and match_label(cells[0].split("\n")[0], emphasised=True)
        ]
        if table.n_cols >= 2 and labelled and len(labelled) * 2 >= len([c for c in rows if c]):
            for r, row in enumerate(table.rows):
                first = row[0].strip()
                if first and (r, 0) not in table.merged:
                    out.append(Block("paragraph", first, page=block.page, bold=True))
                for i, cell in enumerate(row[1:], start=1):
                    if cell.strip() and (r, i) not in table.merged:
                        out.extend(_cell_blocks(cell, block.page))
            continue
        out.append(block)
    return out


def _join_wrapped_labels(blocks: list[Block]) -> list[Block]:
    """Rejoin a long label that a text layer broke over two or three lines
    ("Aktiviteter, som skal bidrage ... og understøtte" / "opnåelsen af ... :")."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        joined = None
        if block.kind == "paragraph" and not block.text.rstrip().endswith((".", ":")):
            parts = [block]
            for nxt in blocks[i + 1 : i + 3]:
                if nxt.kind != "paragraph" or ":" in parts[-1].text or match_label(nxt.text):
                    break
                parts.append(nxt)
                text = " ".join(p.text.strip() for p in parts)
                if text.endswith(":") and match_label(text) is not None:
                    if match_label(block.text) is None:
                        joined = (
                            len(parts),
                            Block("paragraph", text, page=block.page, bold=block.bold),
                        )
                    break
        if joined:
            out.append(joined[1])
            i += joined[0]
        else:
            out.append(block)
            i += 1
    return out


@dataclass
class _Form:
    fields: dict[str, list[Block]] = field(default_factory=dict)
    current: str | None = None
    loose: list[Block] = field(default_factory=list)


@dataclass
class _Sections:
    title: str | None = None
    focus_area: str | None = None
    preamble: list[Block] = field(default_factory=list)
    sections: dict[str, list[Block]] = field(default_factory=dict)
    forms: list[_Form] = field(default_factory=list)
    forms_intro: list[Block] = field(default_factory=list)
    labels_found: int = 0


def _sectionise(blocks: list[Block]) -> _Sections:
    result = _Sections()
    current: str | None = None
    for block in blocks:
        if block.table is not None:
            target = result.sections.setdefault(current, []) if current else result.preamble
            if current == "activity_forms" and result.forms:
                form = result.forms[-1]
                form.fields.setdefault(form.current or "", []).append(block)
            else:
                target.append(block)
            continue
        text = block.text.strip()
        if result.title is None and current is None and block.kind != "list_item":
            focus = match_title(text)
            if focus is not None:
                result.title = clean_text(text)
                result.focus_area = clean_text(focus) or None
                continue
        match = match_label(text, emphasised=block.bold or block.kind == "heading")
        if (
            match is not None
            and match.label.key in FORM_KEYS
            and match.label.key != "name"
            and current != "activity_forms"
        ):
            match = None  # a form's field label only counts inside the activity forms
        if match is not None and block.kind != "list_item":
            key = match.label.key
            if key in ("activity_list", "activity_forms"):
                key = forms_header_kind(text)
                if (
                    key == "activity_list"
                    and "activity_list" in result.sections
                    and current
                    in (
                        "municipal",
                        "revision",
                        "staff",
                    )
                ):
                    key = "activity_forms"
            result.labels_found += 1
            rest = [Block("paragraph", match.rest, page=block.page)] if match.rest else []
            if key in FORM_KEYS:
                current = "activity_forms"
                result.sections.setdefault(current, [])
                if key == "name" or not result.forms:
                    result.forms.append(_Form())
                form = result.forms[-1]
                if key in form.fields and key != "name":
                    form.fields[key].extend(rest)
                else:
                    form.fields[key] = rest
                form.current = key
                continue
            current = key
            result.sections.setdefault(key, []).extend(rest)
            continue
        if current == "activity_forms" and result.forms:
            form = result.forms[-1]
            if form.current is None:
                form.loose.append(block)
            else:
                form.fields[form.current].append(block)
        elif current == "activity_forms":
            result.forms_intro.append(block)
        elif current is None:
            result.preamble.append(block)
        else:
            result.sections.setdefault(current, []).append(block)
    return result


# A numbered line whose number the extractor left in the text ("2. Skole/forældre ...").
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")


# An English OCR model reads a column of list numbers as stray letters: "P Relationel
# Velfærd", then "N" or "O" alone on a line.
_OCR_MARKER = re.compile(r"^[A-Za-z@|]\s+(?=[A-ZÆØÅ0-9])")


def _is_short_line(block: Block) -> bool:
    text = clean_text(block.text)
    return (
        block.table is None
        and bool(text)
        and len(text.split()) <= 12
        and not text.endswith((":", "."))
    )


def _activity_names(blocks: list[Block], *, ocr: bool) -> tuple[list[str], list[Block]]:
    """The overview list: its list items (else its short lines); lead-ins and prose are
    leftovers. In OCR text, marker debris is stripped and kept as a leftover."""
    numbered = [b for b in blocks if b.table is None and _NUMBERED.match(b.text)]
    items = [b for b in blocks if (b.kind == "list_item" and b.text.strip()) or b in numbered]
    if ocr or not items:
        items = [b for b in blocks if b.kind == "list_item" or _is_short_line(b)]
    names: list[str] = []
    rest = [b for b in blocks if b not in items]
    for block in items:
        name = clean_text(_NUMBERED.sub("", block.text))
        if ocr:
            name = _OCR_MARKER.sub("", name)
            if len(name) <= 2:
                rest.append(block)
                continue
        names.append(name)
    return names, rest


def _municipality_from_text(blocks: list[Block]) -> str | None:
    counts: Counter[str] = Counter()
    for block in blocks:
        texts = [c for row in block.table.rows for c in row] if block.table else [block.text]
        for text in texts:
            for m in re.finditer(
                r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+Kommunes?\b", text
            ):
                counts[m.group(1)] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return f"{name} Kommune" if n >= 2 else None


def parse_document(document: Document, *, sha256: str) -> Agreement:
    """Read the template's sections and fields out of an extracted document."""
    blocks = _join_wrapped_labels(_unroll_tables(document.blocks))
    found = _sectionise(blocks)
    if found.title is None and found.labels_found < 3:
        raise NotAnAgreementError(
            document.path,
            "does not look like a delaftale (no 'Delaftale for indsatsområdet' title and "
            f"{found.labels_found} of the template's section labels found)",
        )
    warnings: list[ParseWarning] = [
        ParseWarning(code=WarningCode(c), message=m) for c, m in document.warnings
    ]
    other: list[OtherSection] = []

    def keep(heading: str | None, blocks: list[Block]) -> None:
        text = blocks_to_text(blocks)
        if text:
            other.append(OtherSection(heading=heading, text=text))

    def missing(key: str, what: str) -> None:
        warnings.append(
            ParseWarning(
                code=WarningCode.MISSING_FIELD,
                message=f"no '{SECTION_TITLES[key]}' section found; {what} is null",
            )
        )

    sections = found.sections
    keep(found.title, found.preamble)
    if found.title is None:
        warnings.append(
            ParseWarning(
                code=WarningCode.MISSING_FIELD,
                message="no title 'Delaftale for indsatsområdet ...' found; "
                "title and focus_area are null",
            )
        )

    initiative = blocks_to_text(sections.get("initiative", []))
    if initiative is None:
        missing("initiative", "initiative_name")

    period_text = blocks_to_text(sections.get("period", []))
    period, period_problem = parse_period(period_text.replace("\n\n", " ") if period_text else None)
    if period_text is None:
        missing("period", "period")
    elif period_problem:
        warnings.append(
            ParseWarning(
                code=WarningCode.PERIOD_UNPARSED, message=f"{period_problem}: {period_text!r}"
            )
        )

    parties, party_leftovers = parse_parties(sections.get("parties", []))
    if "parties" not in sections:
        missing("parties", "parties")
    elif party_leftovers:
        other.append(
            OtherSection(heading=SECTION_TITLES["parties"], text="\n\n".join(party_leftovers))
        )

    indicator_blocks = sections.get("indicators", [])
    tables = [b.table for b in indicator_blocks if b.table is not None and is_indicator_table(b)]
    # A table may also stand elsewhere (e.g. before its label); look everywhere if needed.
    if not tables:
        for section_blocks in [found.preamble, *sections.values()]:
            tables = [
                b.table for b in section_blocks if b.table is not None and is_indicator_table(b)
            ]
            if tables:
                break
    indicators, municipality = parse_indicator_tables(tables) if tables else ([], None)
    keep(
        SECTION_TITLES["indicators"],
        [b for b in indicator_blocks if not (b.table is not None and b.table in tables)],
    )
    if not indicators:
        warnings.append(
            ParseWarning(
                code=WarningCode.MISSING_FIELD,
                message="no indicator table (Delmål | Indikator | Baseline ...) found; "
                "indicators is empty",
            )
        )

    names, list_rest = _activity_names(
        sections.get("activity_list", []), ocr=document.text_source != "native"
    )
    keep(SECTION_TITLES["activity_list"], list_rest)
    if "activity_list" not in sections:
        missing("activity_list", "activity_names")

    staff, staff_rest = parse_staff(sections.get("staff", []))
    keep(SECTION_TITLES["staff"], staff_rest)
    if "staff" not in sections:
        missing("staff", "staff_resources")

    municipal = blocks_to_text(sections.get("municipal", []))
    if municipal is None:
        missing("municipal", "municipal_context")
    revision = blocks_to_text(sections.get("revision", []))
    if revision is None:
        missing("revision", "revision")

    keep(SECTION_TITLES["activity_forms"], found.forms_intro)
    activities = []
    for i, form in enumerate(found.forms, start=1):
        values = {key: blocks_to_text(form.fields.get(key, [])) for key in FORM_KEYS}
        activity = Activity(
            name=clean_text(values["name"].replace("\n\n", " ")) if values["name"] else None,
            purpose=values["purpose"],
            target_group=values["target_group"],
            content=values["content"],
            responsibilities=values["responsibilities"],
        )
        for key in FORM_KEYS:
            if values[key] is None:
                warnings.append(
                    ParseWarning(
                        code=WarningCode.MISSING_FIELD,
                        message=f"activity {i} ({activity.name or 'unnamed'}): no '{key}' found",
                    )
                )
        keep(f"Aktivitet {i}: {activity.name or ''}".strip(), form.loose)
        activities.append(activity)
    if not activities:
        warnings.append(
            ParseWarning(
                code=WarningCode.MISSING_FIELD,
                message="no activity forms (Aktivitetsnavn ...) found; activities is empty",
            )
        )

    if municipality is None:
        municipality = _municipality_from_text(blocks)

    return Agreement(
        schema_version=SCHEMA_VERSION,
        source=Source(
            path=document.path,
            sha256=sha256,
            format=document.format,
            pages=document.pages,
            text_source=document.text_source,
        ),
        title=found.title,
        focus_area=found.focus_area,
        initiative_name=initiative.replace("\n\n", " ") if initiative else None,
        municipality=municipality,
        period=period,
        parties=parties,
        indicators=indicators,
        activity_names=names,
        staff_resources=staff,
        municipal_context=municipal,
        revision=revision,
        activities=activities,
        other_sections=other,
        warnings=warnings,
        repairs=[],
    )
