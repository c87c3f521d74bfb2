"""The corpus content files (tools/corpus/content/*.yaml), loaded and checked.

The format is described in tools/corpus/CONTENT.md. The models are strict so a typo in a
content file is an error when the corpus is built, not a silently missing field in the truth.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

CONTENT_DIR = Path(__file__).resolve().parent / "content"

Split = Literal["dev", "heldout"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PeriodContent(_Strict):
    start: dt.date | None
    end: dt.date | None
    text: str


class PartyContent(_Strict):
    name: str
    role: str = ""


class MeasurementTruth(_Strict):
    value: float
    unit: Literal["percent", "percentage_points", "count", "scale"] | None = None
    area: str | None = None
    label: str | None = None
    n: int | None = None
    year: str | None = None

    @field_validator("year", mode="before")
    @classmethod
    def _year_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


class IndicatorRowContent(_Strict):
    indicator: str
    baseline: str
    comparison_baseline: str = ""
    baseline_year: str = ""
    data_source: str = ""
    target: str = ""
    measurements: list[MeasurementTruth] = Field(default_factory=list)

    @field_validator("baseline", "comparison_baseline", "baseline_year", "target", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        """Numbers as text; a literal "\\n" (plain YAML scalars) as a line break."""
        if value is None:
            return ""
        if isinstance(value, int | float):
            return str(value)
        return value.replace("\\n", "\n") if isinstance(value, str) else value


class SubGoalContent(_Strict):
    sub_goal: str
    rows: list[IndicatorRowContent]


class ActivityContent(_Strict):
    name: str
    purpose: str
    target_group: str
    content: str
    responsibilities: str


class StaffTruth(_Strict):
    provider: str | None = None
    hours: float | None = None
    per: Literal["week", "month", "year"] | None = None
    weeks_per_year: int | None = None
    hours_per_year: float | None = None
    fte: float | None = None


class StaffLine(_Strict):
    activity: str | None
    quantity: str
    truth: list[StaffTruth]


class StaffContent(_Strict):
    intro: str = ""
    lines: list[StaffLine]
    total: str = ""


class AgreementContent(_Strict):
    id: str
    split: Split
    municipality: str
    housing_organisation: str
    plan_name: str
    focus_area: str
    initiative_name: str
    period: PeriodContent
    intro: str
    purpose: str
    problem_complex: str
    organisation: str
    parties: list[PartyContent]
    indicators: list[SubGoalContent]
    activity_names: list[str] | None = None
    activities: list[ActivityContent]
    staff: StaffContent
    municipal_context: str
    revision: str

    @property
    def listed_activity_names(self) -> list[str]:
        return self.activity_names or [a.name for a in self.activities]


def load_content(path: Path) -> AgreementContent:
    """One content file, checked against the models (a `ValueError` names the file)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        content = AgreementContent.model_validate(data)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    if content.id != path.stem:
        raise ValueError(f"{path.name}: id {content.id!r} is not the file's stem")
    return content


def all_contents(split: Split | None = None) -> list[AgreementContent]:
    """Every content file (of one split), in name order."""
    contents = [load_content(p) for p in sorted(CONTENT_DIR.glob("*.yaml"))]
    return [c for c in contents if split is None or c.split == split]


def paragraphs(text: str) -> list[str]:
    """The lines of a multi-line content string, stripped, without empty ones."""
    return [line.strip() for line in text.splitlines() if line.strip()]
