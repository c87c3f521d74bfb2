"""The report's HTML: a header with the counts, the failed inputs, a card per agreement."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape

from .. import danish
from ..codes import WARNINGS, WarningCode
from ..export.keys import Copy
from ..export.load import InputProblem, LoadedAgreement
from ..export.tables import hour_totals, status
from ..models import Agreement, IndicatorRow
from .charts import Bar, bar_chart

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
 background:#f4f5f7;color:#1d2430;font-size:14px}
header{background:#1f3a5f;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:18px 28px;max-width:1200px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #d6dae0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e9edf2}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.card{background:#fff;border:1px solid #d6dae0;border-radius:6px;margin:18px 0;
 padding:14px 18px}
.card h2{margin:0 0 8px;font-size:18px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:0 0 10px}
dl.facts dt{font-weight:600;color:#4a5566}
dl.facts dd{margin:0}
.status-ok{color:#1b7a3a;font-weight:600}
.status-review{color:#a15c00;font-weight:600}
svg.chart text{font-size:11px;fill:#1d2430}
svg.chart rect{fill:#3d7cc9}
svg.chart g.neg rect{fill:#c9543d}
svg.hours rect{fill:#4e9a6b}
svg.hours text{font-size:11px;fill:#1d2430}
.charts{display:flex;flex-wrap:wrap;gap:18px}
.charts figure{margin:0}
figcaption{font-weight:600;margin:4px 0}
ul.warnings{margin:4px 0 0;padding-left:20px}
.muted{color:#6b7585}
"""


def render_page(
    loaded: Sequence[LoadedAgreement],
    copies: Sequence[Copy],
    problems: Sequence[InputProblem],
    title: str,
) -> str:
    counted = [(item, copy) for item, copy in zip(loaded, copies, strict=True) if copy.counted]
    counted.sort(key=lambda ic: _sort_key(ic[0].agreement))
    others: dict[str, list[str]] = defaultdict(list)
    for item, copy in zip(loaded, copies, strict=True):
        if not copy.counted:
            others[copy.key].append(f"{item.agreement.source.path} ({copy.kind})")
    body = [
        _totals([item.agreement for item, _ in counted], len(loaded), problems),
        _problems(problems),
        '<section id="agreements"><h2>Aftaler</h2>',
        *(_card(item, copy, others[copy.key]) for item, copy in counted),
        "</section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>"
        f'<div class="muted">{len(counted)} aftaler fra {len(loaded)} filer</div></header>'
        f"<main>{''.join(body)}</main></body></html>\n"
    )


def _sort_key(a: Agreement) -> tuple[str, str, str]:
    return (a.municipality or "", a.focus_area or "", a.source.path)


def _num(value: float | int | None, name: str) -> str:
    data = "" if value is None else f' data-value="{value!r}"'
    return f'<td class="num" data-total="{name}"{data}>{danish.number(value) or "–"}</td>'


def _totals(agreements: list[Agreement], files: int, problems: Sequence[InputProblem]) -> str:
    def total(index: int) -> float | None:
        values = [hour_totals(a)[index] for a in agreements]
        present = [v for v in values if v is not None]
        return sum(present) if present else None

    statuses = Counter(p.status for p in problems)
    rows = [
        ("Aftaler", "agreements", len(agreements)),
        ("Filer med aftaler", "files", files),
        ("Fejlede input", "failed", statuses["failed"]),
        ("Sprunget over", "skipped", statuses["skipped"]),
        ("Skal gennemses", "needs_review", sum(status(a) != "ok" for a in agreements)),
        ("Parter", "parties", sum(len(a.parties) for a in agreements)),
        ("Indikatorrækker", "indicators", sum(len(a.indicators) for a in agreements)),
        (
            "Målinger",
            "measurements",
            sum(len(r.measurements) for a in agreements for r in a.indicators),
        ),
        ("Aktiviteter", "activities", sum(len(a.activities) for a in agreements)),
        ("Timer pr. uge i alt", "hours_per_week", total(0)),
        ("Timer pr. måned i alt", "hours_per_month", total(1)),
        ("Timer pr. år i alt", "hours_per_year", total(2)),
        ("Årsværk i alt", "fte", total(3)),
    ]
    cells = "".join(f"<tr><th>{escape(label)}</th>{_num(v, name)}</tr>" for label, name, v in rows)
    return (
        '<section id="totals"><h2>På tværs af aftalerne</h2>'
        f"<table>{cells}</table>"
        '<p class="muted">Timer summeres kun inden for samme grundlag (pr. uge, pr. måned, '
        "pr. år), som teksten angiver dem; intet omregnes. Hver aftale tælles én gang.</p>"
        "</section>"
    )


def _problems(problems: Sequence[InputProblem]) -> str:
    if not problems:
        return (
            '<section id="failed"><h2>Fejlede og oversprungne filer</h2>'
            '<p class="muted">Ingen.</p></section>'
        )
    rows = "".join(
        f"<tr><td>{escape(p.path)}</td><td>{escape(p.status)}</td>"
        f"<td>{escape(p.error_kind or '')}</td><td>{escape(p.error or '')}</td></tr>"
        for p in problems
    )
    return (
        '<section id="failed"><h2>Fejlede og oversprungne filer</h2>'
        "<table><tr><th>Fil</th><th>Status</th><th>Slags</th><th>Fejl</th></tr>"
        f"{rows}</table></section>"
    )


def _fact(label: str, value: str | None) -> str:
    return f"<dt>{escape(label)}</dt><dd>{escape(value) if value else '–'}</dd>"


def _card(item: LoadedAgreement, copy: Copy, others: list[str]) -> str:
    a = item.agreement
    state = status(a)
    period = a.period.text or ""
    if a.period.start or a.period.end:
        period = f"{a.period.start or '?'} – {a.period.end or '?'} ({period})"
    facts = "".join(
        [
            _fact("Kommune", a.municipality),
            _fact("Indsatsområde", a.focus_area),
            _fact("Indsats", a.initiative_name),
            _fact("Periode", period),
            _fact("Parter", "; ".join(p.name for p in a.parties)),
            _fact("Fil", a.source.path),
            _fact("Andre filer", "; ".join(others)),
        ]
    )
    css = "status-ok" if state == "ok" else "status-review"
    label = "ok" if state == "ok" else "skal gennemses"
    return (
        f'<article class="card" data-key="{copy.key}" data-source="{escape(a.source.path)}">'
        f"<h2>{escape(a.title or a.focus_area or a.source.path)}</h2>"
        f'<dl class="facts">{facts}<dt>Status</dt><dd class="{css}">{label}</dd></dl>'
        f"{_indicators(a.indicators)}{_staff(a)}{_warnings(a)}</article>"
    )


def _indicators(rows: Sequence[IndicatorRow]) -> str:
    if not rows:
        return '<h3>Indikatorer</h3><p class="muted">Ingen indikatorer læst.</p>'
    body = []
    for no, row in enumerate(rows, 1):
        bars = [
            Bar(
                " – ".join(x for x in (m.area, m.label) if x) or "(uden område)",
                m.value,
                danish.measurement(m),
                m.unit or "",
            )
            for m in row.measurements
        ]
        chart = bar_chart(bars, f"Baseline: {row.indicator or ''}") or (
            f'<span class="muted">{escape(row.baseline or "ingen tal")}</span>'
        )
        body.append(
            f'<tr class="indicator" data-row="{no}"><td>{escape(row.sub_goal or "")}</td>'
            f"<td>{escape(row.indicator or '')}</td>"
            f"<td>{escape(row.baseline_year or '')}</td><td>{chart}</td></tr>"
        )
    return (
        '<h3>Indikatorer</h3><table class="indicators"><tr><th>Delmål</th><th>Indikator</th>'
        f"<th>Baselineår</th><th>Baseline</th></tr>{''.join(body)}</table>"
    )


BASES = (("week", "Timer pr. uge"), ("month", "Timer pr. måned"), ("year", "Timer pr. år"))


def _staff(a: Agreement) -> str:
    if not a.staff_resources:
        return '<h3>Medarbejdertimer</h3><p class="muted">Ingen timer læst.</p>'
    figures = []
    for basis, caption in BASES:
        sums: dict[str, float] = {}
        for s in a.staff_resources:
            value = s.hours_per_year if basis == "year" else (s.hours if s.per == basis else None)
            if value is not None:
                name = s.activity or "(uden aktivitet)"
                sums[name] = sums.get(name, 0.0) + value
        if sums:
            bars = [Bar(name, v, f"{danish.number(v)} t") for name, v in sums.items()]
            chart = bar_chart(bars, caption, "chart hours")
            figures.append(
                f'<figure class="staff" data-basis="{basis}"><figcaption>{caption}</figcaption>'
                f"{chart}</figure>"
            )
    fte = [s for s in a.staff_resources if s.fte is not None]
    if fte:
        items = "".join(
            f'<li data-value="{s.fte!r}">{escape(s.activity or "(uden aktivitet)")}: '
            f"{danish.number(s.fte)} årsværk</li>"
            for s in fte
        )
        figures.append(f"<figure><figcaption>Årsværk</figcaption><ul>{items}</ul></figure>")
    return f'<h3>Medarbejdertimer pr. aktivitet</h3><div class="charts">{"".join(figures)}</div>'


def _warnings(a: Agreement) -> str:
    if not a.warnings:
        return '<h3>Advarsler</h3><p class="muted">Ingen.</p>'
    counts = Counter(w.code for w in a.warnings)
    items = "".join(
        f'<li data-code="{code.value}" data-count="{n}"><code>{code.value}</code> × {n}: '
        f"{escape(WARNINGS[WarningCode(code)].meaning)}</li>"
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].value))
    )
    return f'<h3>Advarsler</h3><ul class="warnings">{items}</ul>'
