"""Pydantic models: the single source of truth for delaftale's output.

The JSON keys here are a contract other tools build on; `schemas/` is generated
from these models (`delaftale schema`) and a test fails when it drifts. Every field has a
description, which reaches the JSON Schema. Every key of `Agreement` is required (its
value may be null or empty); the versioning policy is in docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .codes import WarningCode
from .options import SourceFormat, TextSource

SCHEMA_VERSION: Literal["1.0"] = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """Where the agreement was read from."""

    path: str = Field(description="The input file's path as given (`-` for standard input).")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="Hex SHA-256 of the input file's bytes."
    )
    format: SourceFormat = Field(description="The format the input was read as.")
    pages: int | None = Field(
        default=None, ge=0, description="Number of pages (PDFs); null for formats without pages."
    )
    text_source: TextSource = Field(
        default=TextSource.NATIVE,
        description="Where the text came from: the document's own text (`native`), an OCR text "
        "layer already in the PDF (`ocr_layer`), or OCR run by delaftale (`ocr_run`).",
    )


class Period(_Strict):
    """The period the delaftale runs (`Delaftalen gælder fra - til`)."""

    start: dt.date | None = Field(default=None, description="First day (ISO date), if read.")
    end: dt.date | None = Field(
        default=None, description="Last day (ISO date), if read; not before `start`."
    )
    text: str | None = Field(default=None, description="The period as written in the document.")


class Party(_Strict):
    """One of `Delaftalens parter`."""

    name: str = Field(description="The party's name, e.g. a municipality or housing association.")
    description: str | None = Field(
        default=None, description="What the document says about the party, if anything."
    )


class Measurement(_Strict):
    """One number read from a baseline cell, e.g. "Gl. Jennum-parken: Generel indsats: 45,9%"."""

    area: str | None = Field(
        default=None, description="The area the number is for (a housing estate, a municipality)."
    )
    label: str | None = Field(default=None, description="A sub-label within the area, if any.")
    value: float = Field(description="The number, Danish notation read ('48,2%' is 48.2).")
    unit: Literal["percent", "count", "scale", "percentage_points"] | None = Field(
        default=None,
        description="`percent` for a share, `count` for a number of people or cases (its noun in "
        "`label`), `scale` for a score on a scale (the scale in `label`), `percentage_points` "
        "for a change in percentage points.",
    )
    n: int | None = Field(
        default=None, description="How many were counted, when stated ('(141 børn testet)')."
    )
    year: str | None = Field(default=None, description="The year the number is for, as written.")


class IndicatorRow(_Strict):
    """One row of the `Delmål og indikatorer` table."""

    sub_goal: str | None = Field(default=None, description="The row's `Delmål` (sub-goal).")
    indicator: str | None = Field(default=None, description="The `Indikator` cell.")
    baseline: str | None = Field(default=None, description="The `Baseline` cell as written.")
    comparison_baseline: str | None = Field(
        default=None, description="The comparison baseline cell (e.g. the municipality's figure)."
    )
    baseline_year: str | None = Field(default=None, description="The baseline year, as written.")
    data_source: str | None = Field(default=None, description="The `Datakilde` cell.")
    target: str | None = Field(
        default=None,
        description="An extra target column's cell ('Målsætning', 'Måltal 2027'), as written.",
    )
    measurements: list[Measurement] = Field(
        default_factory=list,
        description="The numbers read from the baseline cells; empty when they hold none.",
    )


class StaffResource(_Strict):
    """One statement of staff hours from `Medarbejderressourcer for indsatsområdet`."""

    activity: str | None = Field(
        default=None, description="The activity the hours are for, as named in the statement."
    )
    provider: str | None = Field(default=None, description="Who provides the staff, when stated.")
    hours: float | None = Field(
        default=None, ge=0, description="The number of hours stated; null when only `fte` is."
    )
    per: Literal["week", "month", "year"] | None = Field(
        default=None, description="Whether `hours` are per week, month or year, when stated."
    )
    weeks_per_year: int | None = Field(
        default=None, ge=1, le=53, description="Working weeks per year, when stated."
    )
    hours_per_year: float | None = Field(
        default=None,
        ge=0,
        description="Hours per year, only when the text states it (directly, or hours per week "
        "together with the weeks).",
    )
    fte: float | None = Field(
        default=None,
        ge=0,
        description="Full-time equivalents (årsværk, stillinger) when stated; never turned into "
        "hours.",
    )
    text: str = Field(description="The statement as written.")


class Activity(_Strict):
    """One activity form (`Aktivitetsnavn`, `Formål`, `Målgruppe(r)`, ...)."""

    name: str | None = Field(default=None, description="`Aktivitetsnavn`: the activity's name.")
    purpose: str | None = Field(default=None, description="`Formål`: what the activity is for.")
    target_group: str | None = Field(default=None, description="`Målgruppe(r)`: who it is for.")
    content: str | None = Field(default=None, description="`Indhold`: what the activity does.")
    responsibilities: str | None = Field(
        default=None, description="`Ansvar og organisering`: who is responsible for what."
    )


class OtherSection(_Strict):
    """Text the parser could not place in a field, kept so nothing is lost."""

    heading: str | None = Field(default=None, description="The heading the text stood under.")
    text: str = Field(description="The text, as clean prose.")


class ParseWarning(_Strict):
    """Something the reader of the output should know (a missing field, a guess)."""

    code: WarningCode = Field(
        description="What kind of warning; the codes, their severities and meanings are listed "
        "in docs/warnings.md."
    )
    message: str = Field(description="What happened, for people.")


class Repair(_Strict):
    """A word the Danish repair layer changed, and how often."""

    original: str = Field(description="The word as the text had it.")
    corrected: str = Field(description="The word with æ, ø, å restored.")
    count: int = Field(ge=1, description="How many times it was changed.")


class Agreement(_Strict):
    """One delaftale, as read from one file. Every key is required; a value the parser did
    not find is null or empty, and `warnings` says so."""

    schema_version: Literal["1.0"] = Field(
        description="Version of this format (docs/schema.md says when it changes)."
    )
    source: Source = Field(description="The input: its path, hash, format and pages.")
    title: str | None = Field(description="The title, 'Delaftale for indsatsområdet ...'.")
    focus_area: str | None = Field(description="The indsatsområde named in the title.")
    initiative_name: str | None = Field(description="The name of the initiative (indsats).")
    municipality: str | None = Field(description="The municipality the agreement is in.")
    period: Period = Field(description="The period the agreement runs.")
    parties: list[Party] = Field(description="`Delaftalens parter`: the parties.")
    indicators: list[IndicatorRow] = Field(
        description="The rows of the `Delmål og indikatorer` table."
    )
    activity_names: list[str] = Field(description="The activities as listed in the overview.")
    staff_resources: list[StaffResource] = Field(
        description="Statements of staff hours (`Medarbejderressourcer`)."
    )
    municipal_context: str | None = Field(
        description="The section on the municipal context of the agreement."
    )
    revision: str | None = Field(description="How and when the agreement is followed up.")
    activities: list[Activity] = Field(description="One entry per activity form.")
    other_sections: list[OtherSection] = Field(
        description="Text the parser could not place in a field, under its heading."
    )
    warnings: list[ParseWarning] = Field(
        description="What the reader should know about this output (see docs/warnings.md)."
    )
    repairs: list[Repair] = Field(description="Every word the Danish repair layer changed.")

    @classmethod
    def blank(cls, source: Source, **fields: Any) -> Agreement:
        """An agreement built by hand: every key not given is null or empty."""
        values: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "title": None,
            "focus_area": None,
            "initiative_name": None,
            "municipality": None,
            "period": Period(),
            "municipal_context": None,
            "revision": None,
        }
        for name in ("parties", "indicators", "activity_names", "staff_resources"):
            values[name] = []
        for name in ("activities", "other_sections", "warnings", "repairs"):
            values[name] = []
        return cls(**{**values, "source": source, **fields})
