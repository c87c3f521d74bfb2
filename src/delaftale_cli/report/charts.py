"""Small inline SVG bar charts: no scripts, no fonts or files from elsewhere.

Every bar carries its number twice: as `data-value` (the JSON value, for tools and tests)
and as the visible label in Danish notation. All text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LABEL_WIDTH = 215
BAR_WIDTH = 170
VALUE_WIDTH = 120
BAR_HEIGHT = 14
GAP = 5
LABEL_CHARS = 32


@dataclass(frozen=True)
class Bar:
    label: str  # what the bar is for (an area, an activity)
    value: float
    text: str  # the value as people read it: "48,2 %"
    group: str = ""  # bars of one group share a scale (e.g. one unit)


def bar_chart(bars: Sequence[Bar], title: str, css_class: str = "chart") -> str:
    """A horizontal bar chart; bars of one `group` share a scale (percent: 0-100)."""
    if not bars:
        return ""
    scale: dict[str, float] = {}
    for bar in bars:
        scale[bar.group] = max(scale.get(bar.group, 0.0), abs(bar.value))
    if "percent" in scale:
        scale["percent"] = max(100.0, scale["percent"])
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, bar in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        top = scale[bar.group] or 1.0
        length = max(1.0, BAR_WIDTH * abs(bar.value) / top) if bar.value else 0.0
        label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…"
        negative = " neg" if bar.value < 0 else ""
        parts.append(
            f'<g class="bar{negative}" data-value="{bar.value!r}" data-label="{escape(bar.label)}">'
            f"<title>{escape(bar.label)}: {escape(bar.text)}</title>"
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 3}" '
            f'text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text class="value" x="{LABEL_WIDTH + length + 4:.1f}" '
            f'y="{y + BAR_HEIGHT - 3}">{escape(bar.text)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
