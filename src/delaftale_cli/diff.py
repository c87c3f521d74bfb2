"""What changed between two versions of an agreement, field by field.

Compared: the title, focus area, initiative, municipality, period (start, end, text),
parties (added, removed, description changed), indicator rows (matched by sub-goal and
indicator; cells changed; their measurements matched by area and label, with values as
`48,2 % -> 51,0 %`), activities (added, removed, renamed when the rest of the form is
still alike, fields changed; the activity list), staff hours (matched by activity and
provider), the municipal context and the revision section.

Not compared: the source (path, hash, format, pages), warnings, repairs and unplaced text
(`other_sections`): they describe the file and the reading, not the agreement. Text is
compared with its whitespace collapsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from . import danish
from .models import Activity, Agreement, IndicatorRow, Measurement, StaffResource

Kind = Literal["changed", "added", "removed", "renamed"]
T = TypeVar("T")
RENAME_SIMILARITY = 80.0  # rapidfuzz ratio of the rest of the form, 0-100
SHORT = 70  # characters of a long text shown in the text report
SCALARS = ("title", "focus_area", "initiative_name", "municipality")
PROSE = ("municipal_context", "revision")
FORM_FIELDS = ("purpose", "target_group", "content", "responsibilities")
INDICATOR_CELLS = ("baseline_year", "data_source", "target")


@dataclass(frozen=True)
class Change:
    """One difference. `field` is a path ('period.end', 'indicators', 'staff_resources');
    `item` names the item it is about; `old`/`new` are plain JSON values; `old_text` and
    `new_text` are the same for people (Danish number forms)."""

    field: str
    kind: Kind
    item: str | None = None
    old: Any = None
    new: Any = None
    old_text: str | None = None
    new_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        where = f"{self.field} {self.item}" if self.item else self.field
        old, new = _short(self.old_text), _short(self.new_text)
        if self.kind == "changed":
            return f"{where}: {old} → {new}"
        if self.kind == "renamed":
            return f"{self.field}: renamed {old} → {new}"
        return f"{where}: {self.kind} {new if self.kind == 'added' else old}".rstrip()


def _short(text: str | None) -> str:
    if text is None:
        return "(none)"
    one = " ".join(text.split())
    return one if len(one) <= SHORT else one[: SHORT - 1] + "…"


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _q(text: str | None) -> str:
    return f'"{_short(text)}"' if text is not None else "(none)"


def diff_agreements(old: Agreement, new: Agreement) -> list[Change]:
    """Every change from `old` to `new`, in document order; empty when they agree."""
    changes: list[Change] = []
    for name in SCALARS:
        _text_change(changes, name, getattr(old, name), getattr(new, name))
    for part in ("start", "end"):
        a, b = getattr(old.period, part), getattr(new.period, part)
        if a != b:
            changes.append(
                Change(f"period.{part}", "changed", None, _iso(a), _iso(b), _iso(a), _iso(b))
            )
    _text_change(changes, "period.text", old.period.text, new.period.text)
    _parties(changes, old, new)
    _indicators(changes, old.indicators, new.indicators)
    renames = _activities(changes, old.activities, new.activities)
    _activity_names(changes, old, new, renames)
    _staff(changes, old.staff_resources, new.staff_resources, renames)
    for name in PROSE:
        _text_change(changes, name, getattr(old, name), getattr(new, name))
    return changes


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _text_change(
    changes: list[Change], name: str, a: str | None, b: str | None, item: str | None = None
) -> None:
    if not _same(a, b):
        changes.append(Change(name, "changed", item, a, b, a, b))


# --- matching ------------------------------------------------------------------------


def _pair(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Any]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Items paired by equal keys (in order when a key repeats); the unpaired of each."""
    pool: dict[Any, list[T]] = {}
    for item in new:
        pool.setdefault(key(item), []).append(item)
    pairs, removed = [], []
    for item in old:
        candidates = pool.get(key(item))
        if candidates:
            pairs.append((item, candidates.pop(0)))
        else:
            removed.append(item)
    paired_new = {id(b) for _, b in pairs}
    added = [item for item in new if id(item) not in paired_new]
    return pairs, removed, added


def _norm(text: str | None) -> str:
    from .export.keys import normalise

    return normalise(text)


# --- sections ------------------------------------------------------------------------


def _parties(changes: list[Change], old: Agreement, new: Agreement) -> None:
    pairs, removed, added = _pair(old.parties, new.parties, lambda p: _norm(p.name))
    for party in removed:
        changes.append(Change("parties", "removed", None, party.name, None, party.name))
    for party in added:
        changes.append(Change("parties", "added", None, None, party.name, None, party.name))
    for a, b in pairs:
        _text_change(changes, "parties.description", a.description, b.description, _q(b.name))


def _indicator_key(row: IndicatorRow) -> tuple[str, str]:
    return _norm(row.sub_goal), _norm(row.indicator)


def _indicators(
    changes: list[Change], old: Sequence[IndicatorRow], new: Sequence[IndicatorRow]
) -> None:
    pairs, removed, added = _pair(old, new, _indicator_key)
    for row in removed:
        changes.append(Change("indicators", "removed", None, row.indicator, None, row.indicator))
    for row in added:
        changes.append(
            Change("indicators", "added", None, None, row.indicator, None, row.indicator)
        )
    for a, b in pairs:
        item = _q(b.indicator)
        measured = _measurements(changes, item, a.measurements, b.measurements)
        if not measured:  # the numbers say what changed in the baseline cells, if any
            _text_change(changes, "indicators.baseline", a.baseline, b.baseline, item)
            _text_change(
                changes,
                "indicators.comparison_baseline",
                a.comparison_baseline,
                b.comparison_baseline,
                item,
            )
        for cell in INDICATOR_CELLS:
            _text_change(changes, f"indicators.{cell}", getattr(a, cell), getattr(b, cell), item)


def _measurement_name(m: Measurement) -> str:
    return " / ".join(x for x in (m.area, m.label) if x) or "(no area)"


def _measurements(
    changes: list[Change], item: str, old: Sequence[Measurement], new: Sequence[Measurement]
) -> bool:
    """Adds the measurement changes of one indicator row; whether there were any."""
    before = len(changes)
    pairs, removed, added = _pair(old, new, lambda m: (_norm(m.area), _norm(m.label)))
    field = "indicators.measurements"
    for a, b in pairs:
        if (a.value, a.unit, a.n, a.year) != (b.value, b.unit, b.n, b.year):
            where = f"{item}, {_measurement_name(b)}"
            changes.append(
                Change(
                    field,
                    "changed",
                    where,
                    a.model_dump(mode="json"),
                    b.model_dump(mode="json"),
                    _measured(a),
                    _measured(b),
                )
            )
    for m in removed:
        where = f"{item}, {_measurement_name(m)}"
        changes.append(
            Change(field, "removed", where, m.model_dump(mode="json"), None, _measured(m))
        )
    for m in added:
        where = f"{item}, {_measurement_name(m)}"
        data = m.model_dump(mode="json")
        changes.append(Change(field, "added", where, None, data, None, _measured(m)))
    return len(changes) > before


def _measured(m: Measurement) -> str:
    text = danish.measurement(m)
    extra = ([f"n={m.n}"] if m.n is not None else []) + ([m.year] if m.year else [])
    return f"{text} ({', '.join(extra)})" if extra else text


def _form_text(activity: Activity) -> str:
    return " ".join(" ".join((getattr(activity, f) or "").split()) for f in FORM_FIELDS)


def _activities(
    changes: list[Change], old: Sequence[Activity], new: Sequence[Activity]
) -> dict[str, str]:
    """Adds the activity changes; returns old name -> new name for the renamed ones."""
    from rapidfuzz import fuzz

    pairs, removed, added = _pair(old, new, lambda a: _norm(a.name))
    renames: dict[str, str] = {}
    for a in list(removed):
        scored = [(fuzz.ratio(_form_text(a), _form_text(b)), i) for i, b in enumerate(added)]
        best = max(scored, default=(0.0, -1))
        if best[0] >= RENAME_SIMILARITY:
            b = added.pop(best[1])
            removed.remove(a)
            renames[_norm(a.name)] = _norm(b.name)
            changes.append(Change("activities", "renamed", None, a.name, b.name, a.name, b.name))
            pairs.append((a, b))
    for a in removed:
        changes.append(Change("activities", "removed", None, a.name, None, a.name))
    for b in added:
        changes.append(Change("activities", "added", None, None, b.name, None, b.name))
    for a, b in pairs:
        for name in FORM_FIELDS:
            _text_change(
                changes, f"activities.{name}", getattr(a, name), getattr(b, name), _q(b.name)
            )
    return renames


def _activity_names(
    changes: list[Change], old: Agreement, new: Agreement, renames: dict[str, str]
) -> None:
    """Changes of the list of activities that the activity forms do not already explain."""
    forms_old = {_norm(a.name) for a in old.activities}
    forms_new = {_norm(a.name) for a in new.activities}
    explained = (forms_old ^ forms_new) | set(renames) | set(renames.values())
    names_old = [n for n in old.activity_names if _norm(n) not in explained]
    names_new = [n for n in new.activity_names if _norm(n) not in explained]
    _, removed, added = _pair(names_old, names_new, _norm)
    for name in removed:
        changes.append(Change("activity_names", "removed", None, name, None, name))
    for name in added:
        changes.append(Change("activity_names", "added", None, None, name, None, name))


def _staff_numbers(s: StaffResource) -> tuple[Any, ...]:
    return (s.hours, s.per, s.weeks_per_year, s.hours_per_year, s.fte)


def _staff(
    changes: list[Change],
    old: Sequence[StaffResource],
    new: Sequence[StaffResource],
    renames: dict[str, str],
) -> None:
    def key(s: StaffResource) -> tuple[str, str]:
        activity = _norm(s.activity)
        return renames.get(activity, activity), _norm(s.provider)

    # an old line's activity is taken under its new name; new lines already have it
    pairs, removed, added = _pair(old, new, key)
    field = "staff_resources"
    for a, b in pairs:
        if _staff_numbers(a) != _staff_numbers(b):
            changes.append(
                Change(
                    field,
                    "changed",
                    _staff_name(b),
                    a.model_dump(mode="json"),
                    b.model_dump(mode="json"),
                    danish.hours(a),
                    danish.hours(b),
                )
            )
    for s in removed:
        data = s.model_dump(mode="json")
        changes.append(Change(field, "removed", _staff_name(s), data, None, danish.hours(s)))
    for s in added:
        data = s.model_dump(mode="json")
        changes.append(Change(field, "added", _staff_name(s), None, data, None, danish.hours(s)))


def _staff_name(s: StaffResource) -> str:
    name = _q(s.activity) if s.activity else "(no activity)"
    return f"{name} ({s.provider})" if s.provider else name


# --- reading ---------------------------------------------------------------------------


def read_version(path: str | Path) -> Agreement:
    """An agreement file (.json, .yaml, .yml; validated) or a document to parse."""
    from .errors import InputError

    source = Path(path)
    if not source.exists():
        raise InputError(source, "no such file")
    if source.is_dir():
        raise InputError(source, "is a directory, not a file")
    if source.suffix.lower() in (".json", ".yaml", ".yml"):
        from .export.load import read_agreement

        return read_agreement(source)
    from .api import parse_file

    return parse_file(source)


def diff_files(old: str | Path, new: str | Path) -> list[Change]:
    """`diff_agreements` of two files (agreement files or documents)."""
    return diff_agreements(read_version(old), read_version(new))
