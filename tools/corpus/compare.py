"""Compare delaftale's output with the truth, field by field.

The truth has the shape of the output JSON (see render.py); a key the truth leaves out is
not checked, a key the output lacks (a field the tool does not have yet) reads as null.
Lists are aligned in order (an order-preserving alignment on each item's key fields), so
one missing or extra item costs that item, not every item after it. An item the output
lacks fails all its fields; an item the output invents fails its list's count check.

Checks come in three kinds: `count` (list lengths, exact), `exact` (numbers, dates, codes)
and `text` (normalised similarity at least the format's threshold).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz import fuzz

Kind = Literal["count", "exact", "text"]
FAMILIES = (
    "scalars",
    "period",
    "parties",
    "indicators",
    "measurements",
    "activity_names",
    "staff",
    "activities",
)
# A text field counts as read when it is this similar to the truth (rapidfuzz ratio on the
# normalised text). Text layers reproduce the document's characters, so anything short of
# near-identical is a wrong cut or a lost line; OCR loses a few characters per hundred even
# after repair, so scans get more room.
TEXT_THRESHOLD = {"docx": 0.95, "pdf": 0.95, "ocr.pdf": 0.90, "scan.pdf": 0.90}
MIN_ALIGN = 0.5  # below this two items are not taken for the same one

SCALAR_TEXT = ("title", "focus_area", "initiative_name", "municipality")
PROSE = ("municipal_context", "revision")
PARTY_KEYS = ("name", "description")
ROW_KEYS = (
    "sub_goal",
    "indicator",
    "baseline",
    "comparison_baseline",
    "baseline_year",
    "data_source",
    "target",
)
MEASURE_EXACT = ("value", "unit", "n")
MEASURE_TEXT = ("area", "label", "year")
STAFF_EXACT = ("hours", "per", "weeks_per_year", "hours_per_year", "fte")
STAFF_TEXT = ("activity", "provider")
ACTIVITY_KEYS = ("name", "purpose", "target_group", "content", "responsibilities")


@dataclass(frozen=True)
class Check:
    family: str
    field: str
    kind: Kind
    ok: bool
    want: Any
    got: Any


def norm(text: Any) -> str:
    """Text as compared: NFC, list markers and markup gone, whitespace folded."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"(?m)^\s*[-•]\s+", "", text)
    return " ".join(text.replace("**", "").replace("__", "").split())


def similarity(a: Any, b: Any) -> float:
    na, nb = norm(a), norm(b)
    if not na and not nb:
        return 1.0
    return fuzz.ratio(na, nb) / 100


def same_value(want: Any, got: Any) -> bool:
    if isinstance(want, int | float) and isinstance(got, int | float):
        return math.isclose(float(want), float(got), abs_tol=1e-6)
    return bool(want == got or (want in (None, "") and got in (None, "")))


def align(
    want: Sequence[Any], got: Sequence[Any], score: Callable[[Any, Any], float]
) -> list[tuple[int, int | None]]:
    """For each truth item, the index of its output item (or None): an order-preserving
    alignment that maximises the summed similarity of the pairs it makes."""
    n, m = len(want), len(got)
    sim = [[score(w, g) for g in got] for w in want]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= MIN_ALIGN else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int, int | None]] = []
    i = j = 0
    while i < n:
        if j < m and sim[i][j] >= MIN_ALIGN and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            out.append((i, None))
            i += 1
    return out


class Comparer:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.checks: list[Check] = []

    def text(self, family: str, name: str, want: Any, got: Any) -> None:
        ok = similarity(want, got) >= self.threshold
        self.checks.append(Check(family, name, "text", ok, want, got))

    def exact(self, family: str, name: str, want: Any, got: Any) -> None:
        self.checks.append(Check(family, name, "exact", same_value(want, got), want, got))

    def count(self, family: str, name: str, want: list[Any], got: list[Any]) -> None:
        self.checks.append(Check(family, name, "count", len(want) == len(got), len(want), len(got)))

    def items(
        self,
        family: str,
        name: str,
        want: list[dict[str, Any]],
        got: list[dict[str, Any]],
        key: Callable[[dict[str, Any], dict[str, Any]], float],
        fields: Callable[[str, dict[str, Any], dict[str, Any]], None],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        self.count(family, f"{name}.count", want, got)
        pairs = []
        for i, j in align(want, got, key):
            other = got[j] if j is not None else {}
            fields(f"{name}[{i}]", want[i], other)
            pairs.append((want[i], other))
        return pairs


def compare(truth: dict[str, Any], output: dict[str, Any], threshold: float) -> list[Check]:
    """Every check of `output` (delaftale's JSON as a dict) against `truth`."""
    c = Comparer(threshold)
    for key in SCALAR_TEXT + PROSE:
        if key in truth:
            c.text("scalars", key, truth[key], output.get(key))
    if "period" in truth:
        got_period = output.get("period") or {}
        for key in ("start", "end"):
            want = truth["period"].get(key)
            c.exact(
                "period", f"period.{key}", None if want is None else str(want), got_period.get(key)
            )
    if "parties" in truth:
        c.items(
            "parties",
            "parties",
            truth["parties"],
            output.get("parties") or [],
            lambda w, g: similarity(w.get("name"), g.get("name")),
            lambda name, w, g: _keys(c, "parties", name, w, g, (), PARTY_KEYS),
        )
    if "indicators" in truth:
        _indicators(c, truth["indicators"], output.get("indicators") or [])
    if "activity_names" in truth:
        want_names = [{"name": n} for n in truth["activity_names"]]
        got_names = [{"name": n} for n in output.get("activity_names") or []]
        c.items(
            "activity_names",
            "activity_names",
            want_names,
            got_names,
            lambda w, g: similarity(w["name"], g["name"]),
            lambda name, w, g: c.text("activity_names", name, w["name"], g.get("name")),
        )
    if "staff_resources" in truth:
        c.items(
            "staff",
            "staff_resources",
            truth["staff_resources"],
            output.get("staff_resources") or [],
            _staff_key,
            lambda name, w, g: _keys(c, "staff", name, w, g, STAFF_EXACT, STAFF_TEXT),
        )
    if "activities" in truth:
        c.items(
            "activities",
            "activities",
            truth["activities"],
            output.get("activities") or [],
            lambda w, g: similarity(w.get("name"), g.get("name")),
            lambda name, w, g: _keys(c, "activities", name, w, g, (), ACTIVITY_KEYS),
        )
    return c.checks


def _keys(
    c: Comparer,
    family: str,
    name: str,
    want: dict[str, Any],
    got: dict[str, Any],
    exact: Sequence[str],
    text: Sequence[str],
) -> None:
    for key in exact:
        if key in want:
            c.exact(family, f"{name}.{key}", want[key], got.get(key))
    for key in text:
        if key in want:
            c.text(family, f"{name}.{key}", want[key], got.get(key))


def _indicators(c: Comparer, want: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
    def key(w: dict[str, Any], g: dict[str, Any]) -> float:
        return (
            similarity(w.get("indicator"), g.get("indicator"))
            if "indicator" in w
            else (_measure_overlap(w.get("measurements", []), g.get("measurements") or []))
        )

    pairs = c.items(
        "indicators",
        "indicators",
        want,
        got,
        key,
        lambda name, w, g: _keys(c, "indicators", name, w, g, (), [k for k in ROW_KEYS if k in w]),
    )
    for index, (w, g) in enumerate(pairs):
        if "measurements" in w:
            c.items(
                "measurements",
                f"indicators[{index}].measurements",
                w["measurements"],
                g.get("measurements") or [],
                _measure_key,
                lambda name, wm, gm: _keys(
                    c, "measurements", name, wm, gm, MEASURE_EXACT, MEASURE_TEXT
                ),
            )


def _measure_key(w: dict[str, Any], g: dict[str, Any]) -> float:
    if not same_value(w.get("value"), g.get("value")):
        return 0.0
    return 0.6 + 0.4 * similarity(w.get("area"), g.get("area"))


def _measure_overlap(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> float:
    if not want and not got:
        return 1.0
    got_values = [g.get("value") for g in got]
    hits = sum(1 for w in want if any(same_value(w.get("value"), v) for v in got_values))
    return hits / max(len(want), len(got))


def _staff_key(w: dict[str, Any], g: dict[str, Any]) -> float:
    hours = 0.5 if same_value(w.get("hours"), g.get("hours")) else 0.0
    who = similarity(w.get("activity"), g.get("activity"))
    if w.get("provider") or g.get("provider"):
        who = (who + similarity(w.get("provider"), g.get("provider"))) / 2
    return hours + 0.5 * who


def accuracy(checks: Sequence[Check]) -> dict[str, dict[str, Any]]:
    """Per family: field accuracy (exact and text checks) and count checks right."""
    out: dict[str, dict[str, Any]] = {}
    for family in FAMILIES:
        fields = [ch for ch in checks if ch.family == family and ch.kind != "count"]
        counts = [ch for ch in checks if ch.family == family and ch.kind == "count"]
        out[family] = {
            "fields": len(fields),
            "fields_ok": sum(ch.ok for ch in fields),
            "counts": len(counts),
            "counts_ok": sum(ch.ok for ch in counts),
        }
    return out
