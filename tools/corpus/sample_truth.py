"""The truth for the bundled samples, from their content files (tools/sample_content/).

A sample's content file is the Word document's text in build_samples markup, so the text
fields are taken from it structurally: the paragraph under each "## " label, the cells of
the indicator table, the rows of each activity form. What needs a reader's judgement (the
period's dates, who the parties are, every number in the baseline cells, every statement
of staff hours) was read off the text by a person and stands in the file's `truth:` block.
The result has the shape of the corpus truth (see render.py), labels included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

SAMPLE_CONTENT = Path(__file__).resolve().parents[1] / "sample_content"
# sample label stems (folded) -> truth key of the text standing under that label
SECTION_STEMS = {
    "navn pa den boligsociale indsats": "initiative_name",
    "sammenhang med den kommunale indsats": "municipal_context",
    "revision af delaftalen": "revision",
}
ACTIVITY_LIST_STEM = (
    "aktiviteter, som skal bidrage til indfrielsen af delmalene for indsatsomradet og"
)
FORM_STEMS = (
    ("formal", "purpose"),
    ("malgruppe", "target_group"),
    ("indhold", "content"),
    ("ansvar", "responsibilities"),
)


def fold(text: str) -> str:
    table = str.maketrans({"æ": "a", "ø": "o", "å": "a"})
    return " ".join(text.casefold().translate(table).split())


def plain(markup: str) -> str:
    """Markup as the text a reader sees: one line per paragraph, "- " items kept."""
    lines = []
    for line in markup.splitlines():
        line = line.strip().replace("**", "").replace("__", "")
        if not line:
            continue
        line = re.sub(r"^\d+\.\s+", "", line)  # numbered items: the number is Word's
        line = re.sub(r"^[>\\]\s?", "", line)
        lines.append(line)
    return "\n".join(lines)


def sample_truth(name: str) -> dict[str, Any]:
    """The truth of sample `name` (e.g. "viborg-uddannelse")."""
    content = yaml.safe_load((SAMPLE_CONTENT / f"{name}.yaml").read_text(encoding="utf-8"))
    truth: dict[str, Any] = {"_labels": []}
    read: dict[str, Any] = content["truth"]
    rows: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    for item in content["body"]:
        if isinstance(item, str):
            _read_text(item, truth)
        elif "indicator_table" in item:
            rows.extend(_indicator_rows(item["indicator_table"], truth["_labels"]))
        elif "activity" in item:
            activities.append(_activity(item["activity"], truth["_labels"]))
    for row, facts in zip(rows, read["indicators"], strict=True):
        row["measurements"] = facts["measurements"]
    truth.update(
        municipality=read["municipality"],
        focus_area=read["focus_area"],
        period={k: None if v is None else str(v) for k, v in read["period"].items()},
        parties=read["parties"],
        indicators=rows,
        staff_resources=read["staff_resources"],
        activities=activities,
    )
    return truth


def _read_text(markup: str, truth: dict[str, Any]) -> None:
    current: str | None = None
    for line in markup.splitlines():
        line = line.strip()
        if line.startswith("# "):
            truth["title"] = line[2:].strip()
            current = None
        elif line.startswith("## "):
            label = line[3:].strip()
            truth["_labels"].append(label)
            folded = fold(label)
            current = next((k for s, k in SECTION_STEMS.items() if folded.startswith(s)), None)
            if folded.startswith(ACTIVITY_LIST_STEM):
                current = "activity_names"
                truth["activity_names"] = []
        elif current == "activity_names":
            if re.match(r"^\d+\.\s", line):
                truth["activity_names"].append(plain(line))
        elif current and line:
            previous = truth.get(current)
            truth[current] = f"{previous}\n{plain(line)}" if previous else plain(line)


def _indicator_rows(spec: dict[str, Any], labels: list[str]) -> list[dict[str, Any]]:
    columns = [fold(c) for c in spec["columns"][1:]]
    labels.extend(spec["columns"])
    keys = []
    for index, column in enumerate(columns):
        if index == 0:
            keys.append("indicator")
        elif "datakilde" in column:
            keys.append("data_source")
        elif column.endswith(" ar"):
            keys.append("baseline_year")
        elif "baseline" in column and "baseline" not in keys:
            keys.append("baseline")
        else:
            keys.append("comparison_baseline")
    rows = []
    for group in spec["sub_goals"]:
        for cells in group["rows"]:
            row: dict[str, Any] = {"sub_goal": plain(group["goal"])}
            for key, cell in zip(keys, cells, strict=True):
                row[key] = plain(str(cell)) or None
            rows.append(row)
    return rows


def _activity(form: list[list[str]], labels: list[str]) -> dict[str, Any]:
    activity: dict[str, Any] = {"name": plain(form[0][1])}
    labels.append(form[0][0])
    for label, value in form[1:]:
        labels.append(label)
        folded = fold(label)
        key = next(k for stem, k in FORM_STEMS if folded.startswith(stem))
        activity[key] = plain(value)
    return activity
