"""Pydantic models: the single source of truth for delaftale's output.

The JSON keys here are a contract other tools build on; `schemas/` is generated
from these models (`delaftale schema`) and a test fails when it drifts.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """Where the agreement was read from."""

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["docx", "pdf", "markdown", "html", "text"]
    pages: int | None = Field(default=None, ge=0)
    text_source: Literal["native", "ocr_layer", "ocr_run"] = "native"


class Period(_Strict):
    """The period the delaftale runs (`Delaftalen gælder fra - til`)."""

    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None


class Party(_Strict):
    """One of `Delaftalens parter`."""

    name: str
    description: str | None = None


class Measurement(_Strict):
    """One number read from a baseline cell, e.g. "Gl. Jennum-parken: Generel indsats: 45,9%"."""

    area: str | None = None
    label: str | None = None
    value: float
    unit: Literal["percent", "count", "scale", "percentage_points"] | None = None
    n: int | None = None
    year: str | None = None


class IndicatorRow(_Strict):
    """One row of the `Delmål og indikatorer` table."""

    sub_goal: str | None = None
    indicator: str | None = None
    baseline: str | None = None
    comparison_baseline: str | None = None
    baseline_year: str | None = None
    data_source: str | None = None
    target: str | None = None  # an extra column: "Målsætning", "Måltal 2027", ...
    measurements: list[Measurement] = Field(default_factory=list)


class StaffResource(_Strict):
    """One statement of staff hours from `Medarbejderressourcer for indsatsområdet`."""

    activity: str | None = None
    provider: str | None = None
    hours: float | None = Field(default=None, ge=0)  # null when only `fte` is given
    per: Literal["week", "month", "year"] | None = None
    weeks_per_year: int | None = Field(default=None, ge=1, le=53)
    hours_per_year: float | None = Field(default=None, ge=0)
    fte: float | None = Field(default=None, ge=0)  # årsværk / stillinger, never turned into hours
    text: str


class Activity(_Strict):
    """One activity form (`Aktivitetsnavn`, `Formål`, `Målgruppe(r)`, ...)."""

    name: str | None = None
    purpose: str | None = None
    target_group: str | None = None
    content: str | None = None
    responsibilities: str | None = None


class OtherSection(_Strict):
    """Text the parser could not place in a field, kept so nothing is lost."""

    heading: str | None = None
    text: str


class ParseWarning(_Strict):
    """Something the reader of the output should know (a missing field, a guess)."""

    code: str
    message: str


class Repair(_Strict):
    """A word the Danish repair layer changed, and how often."""

    original: str
    corrected: str
    count: int = Field(ge=1)


class Agreement(_Strict):
    """One delaftale, as read from one file."""

    schema_version: Literal["1.0"] = "1.0"
    source: Source
    title: str | None = None
    focus_area: str | None = None
    initiative_name: str | None = None
    municipality: str | None = None
    period: Period = Field(default_factory=Period)
    parties: list[Party] = Field(default_factory=list)
    indicators: list[IndicatorRow] = Field(default_factory=list)
    activity_names: list[str] = Field(default_factory=list)
    staff_resources: list[StaffResource] = Field(default_factory=list)
    municipal_context: str | None = None
    revision: str | None = None
    activities: list[Activity] = Field(default_factory=list)
    other_sections: list[OtherSection] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
