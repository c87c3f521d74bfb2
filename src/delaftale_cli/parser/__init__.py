"""Template-aware parser: from the document model to an `Agreement`.

1. `unroll_tables`: layout tables (one cell per row) and the activity forms' two-column
   label | value tables become plain blocks, so every format reads the same way.
2. `sectionise`: blocks are split at the catalogue's labels (`labels.yaml`) and at the
   document's own headings into sections and one form per activity.
3. Each section is read by its own module; what none of them places goes to
   `other_sections`, and a field not found is null with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codes import WarningCode
from ..document import Block, Document, Table
from ..errors import NotAnAgreementError
from ..models import SCHEMA_VERSION, Agreement, OtherSection, ParseWarning, Period, Source
from .activities import activity_names, municipality_from_text, read_form
from .indicators import is_indicator_table, parse_indicator_tables
from .labels import CANONICAL, value_in_sentence
from .parties import parse_parties
from .period import find_dates, parse_period
from .prose import blocks_to_text
from .sections import OTHER, Sections, sectionise
from .staff import parse_staff, staff_warnings
from .tables import join_wrapped_labels, unroll_tables

SECTION_TITLES = CANONICAL
MIN_SECTIONS = 3  # a document without the title is a delaftale if it has this many sections
# the sections a reader below consumes; any other is kept in other_sections
READ = {"initiative", "period", "parties", "indicators", "activity_list", "staff"}
READ |= {"municipal", "revision", "activity_forms"}


@dataclass
class _Out:
    warnings: list[ParseWarning] = field(default_factory=list)
    other: list[OtherSection] = field(default_factory=list)

    def keep(self, heading: str | None, blocks: list[Block]) -> None:
        text = blocks_to_text(blocks)
        if text:
            self.other.append(OtherSection(heading=heading, text=text))

    def warn(self, code: WarningCode, message: str) -> None:
        self.warnings.append(ParseWarning(code=code, message=message))

    def missing(self, key: str, what: str) -> None:
        self.warn(
            WarningCode.MISSING_FIELD, f"no '{SECTION_TITLES[key]}' section found; {what} is null"
        )


def _check_is_agreement(document: Document, found: Sections) -> None:
    sections = found.keys_found - {"activity_forms"} | ({"forms"} if found.forms else set())
    if found.title is None and len(sections) < MIN_SECTIONS:
        raise NotAnAgreementError(
            document.path,
            "does not look like a delaftale (no 'Delaftale for indsatsområdet' title and "
            f"{len(sections)} of the template's sections found)",
        )


def _period(found: Sections, out: _Out) -> Period:
    text = blocks_to_text(found.sections.get("period", []))
    if text is None and "initiative_period" in found.sections:
        # the period in a sentence of a prose section: the sentences that hold dates
        prose = blocks_to_text(found.sections["initiative_period"]) or ""
        dated = [s for s in re.split(r"(?<=[.!?])\s+", prose) if find_dates(s)]
        text = " ".join(dated) or None
    if text is None:
        out.missing("period", "period")
        return Period()
    period, problem = parse_period(text.replace("\n\n", " "))
    if problem:
        out.warn(WarningCode.PERIOD_UNPARSED, f"{problem}: {text!r}")
    return period


def _initiative_in_prose(found: Sections) -> str | None:
    """The initiative's name from a sentence that names it, in the prose before the
    indicators (free-form documents have no "Navn på den boligsociale indsats" label)."""
    for key in ("initiative_period", "period", "intro"):
        text = blocks_to_text(found.sections.get(key, []))
        if text and (name := value_in_sentence("initiative", " ".join(text.split()))):
            return name
    text = blocks_to_text(found.preamble)
    return value_in_sentence("initiative", " ".join(text.split())) if text else None


def _indicator_tables(found: Sections) -> list[Table]:
    def tables_in(blocks: list[Block]) -> list[Table]:
        return [b.table for b in blocks if b.table is not None and is_indicator_table(b)]

    tables = tables_in(found.sections.get("indicators", []))
    # A table may also stand elsewhere (e.g. before its label); look everywhere if needed.
    for blocks in [found.preamble, *found.sections.values()]:
        tables = tables or tables_in(blocks)
    return tables


def parse_document(document: Document, *, sha256: str) -> Agreement:
    """Read the template's sections and fields out of an extracted document."""
    blocks = join_wrapped_labels(unroll_tables(document.blocks))
    found = sectionise(blocks)
    _check_is_agreement(document, found)
    sections = found.sections
    out = _Out(
        warnings=[ParseWarning(code=WarningCode(c), message=m) for c, m in document.warnings]
    )
    out.keep(found.title, found.preamble)
    if found.title is None:
        out.warn(
            WarningCode.MISSING_FIELD,
            "no title 'Delaftale for indsatsområdet ...' found; title and focus_area are null",
        )

    initiative = blocks_to_text(sections.get("initiative", [])) or _initiative_in_prose(found)
    if initiative is None:
        out.missing("initiative", "initiative_name")
    period = _period(found, out)

    parties, party_leftovers = parse_parties(sections.get("parties", []))
    if "parties" not in sections:
        out.missing("parties", "parties")
    elif party_leftovers:
        out.other.append(
            OtherSection(heading=SECTION_TITLES["parties"], text="\n\n".join(party_leftovers))
        )

    tables = _indicator_tables(found)
    indicators, municipality = parse_indicator_tables(tables) if tables else ([], None)
    out.keep(
        SECTION_TITLES["indicators"],
        [b for b in sections.get("indicators", []) if b.table is None or b.table not in tables],
    )
    if not indicators:
        out.warn(
            WarningCode.MISSING_FIELD,
            "no indicator table (Delmål | Indikator | Baseline ...) found; indicators is empty",
        )

    names, list_rest = activity_names(
        sections.get("activity_list", []), ocr=document.text_source != "native"
    )
    out.keep(SECTION_TITLES["activity_list"], list_rest)
    if "activity_list" not in sections:
        out.missing("activity_list", "activity_names")

    staff, staff_rest = parse_staff(sections.get("staff", []))
    out.keep(SECTION_TITLES["staff"], staff_rest)
    out.warnings.extend(staff_warnings(staff_rest, staff))
    if "staff" not in sections:
        out.missing("staff", "staff_resources")

    municipal = blocks_to_text(sections.get("municipal", []))
    if municipal is None:
        out.missing("municipal", "municipal_context")
    revision = blocks_to_text(sections.get("revision", []))
    if revision is None:
        out.missing("revision", "revision")

    for key, section_blocks in sections.items():
        if key not in READ:
            out.keep(
                key.removeprefix(OTHER) if key.startswith(OTHER) else CANONICAL[key], section_blocks
            )

    out.keep(SECTION_TITLES["activity_forms"], found.forms_intro)
    activities = []
    for i, form in enumerate(found.forms, start=1):
        activity, form_warnings = read_form(i, form)
        out.warnings.extend(form_warnings)
        out.keep(f"Aktivitet {i}: {activity.name or ''}".strip(), form.loose)
        activities.append(activity)
    if not activities:
        out.warn(
            WarningCode.MISSING_FIELD,
            "no activity forms (Aktivitetsnavn ...) found; activities is empty",
        )

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
        municipality=municipality or municipality_from_text(blocks),
        period=period,
        parties=parties,
        indicators=indicators,
        activity_names=names,
        staff_resources=staff,
        municipal_context=municipal,
        revision=revision,
        activities=activities,
        other_sections=out.other,
        warnings=out.warnings,
        repairs=[],
    )
