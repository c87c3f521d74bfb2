"""Render one corpus agreement in one layout: the Word document and its truth.

Both come from the same content and layout in one pass, so the truth says exactly what
the document says. The truth has the shape of delaftale's JSON output (the keys of
`Agreement`), plus `target` on indicator rows, `fte` on staff rows and units beyond
percent/count where the content states them: fields the tool does not have yet count as
not read.
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tools.build_samples import (
    MarkupWriter,
    _fill_cell,
    _new_table,
    _repeat_as_header,
    _set_font,
    _setup_styles,
    _shade,
)

from .content import AgreementContent, paragraphs
from .layouts import CURRENT_TABLE_NOTE, Layout

NUMBERED_START = re.compile(r"^(\d+\.\s|#|>|\\)")
FURNITURE_BLUE = RGBColor(0x1F, 0x3A, 0x5F)


def escape(text: str) -> str:
    """Content text as build_samples markup: bullets stay, nothing else is markup."""
    out = []
    for line in paragraphs(text):
        out.append("\\" + line if NUMBERED_START.match(line) else line)
    return "\n".join(out)


def joined(text: str) -> str | None:
    """A multi-paragraph content field as one truth string (None when empty)."""
    lines = paragraphs(text)
    return "\n".join(lines) if lines else None


class Renderer:
    """Writes one agreement in one layout; `truth` is filled while writing."""

    def __init__(self, content: AgreementContent, layout: Layout) -> None:
        self.c = content
        self.layout = layout
        self.doc: Any = Document()
        _setup_styles(self.doc)
        for name in ("Heading 2", "List Paragraph"):
            _set_font(self.doc.styles[name].element.get_or_add_rPr(), "Liberation Sans")
        h2 = self.doc.styles["Heading 2"]
        h2.font.size, h2.font.bold, h2.font.color.rgb = Pt(12), True, RGBColor(0, 0, 0)
        self.writer = MarkupWriter(self.doc)
        self.truth: dict[str, Any] = {}
        self.labels: list[str] = []  # every label written: keys, not values (coverage.py)

    # ------------------------------------------------------------------ building blocks

    def para(self, text: str) -> None:
        self.writer.write(self.doc, escape(text))

    def label(self, key: str) -> None:
        """A section label: a bold paragraph (template) or a heading (free-form)."""
        text = self.layout.labels[key]
        self.labels.append(text)
        if self.layout.generation == "freeform":
            self.heading(text, 1)
        else:
            self.writer.write(self.doc, "## " + text)

    def heading(self, text: str, level: int) -> None:
        style = "Heading 1" if level == 1 else "Heading 2"
        para = self.doc.add_paragraph(style=style)
        para.add_run(text)
        if level == 1 and self.layout.generation == "freeform":
            para.runs[0].font.size = Pt(13)

    def inline_label(self, label: str, text: str) -> None:
        """A bold label followed by its value in the same paragraph ("Formål: ...")."""
        lines = paragraphs(text)
        first, rest = lines[0], lines[1:]
        if first.startswith("- "):
            first, rest = "", lines
        self.labels.append(label)
        para = self.doc.add_paragraph()
        para.add_run(label.rstrip(":") + ": ").bold = True
        if first:
            para.add_run(first)
        if rest:
            self.writer.write(self.doc, escape("\n".join(rest)))

    # ------------------------------------------------------------------ the document

    def render(self) -> tuple[bytes, dict[str, Any]]:
        c, lay = self.c, self.layout
        self.furniture()
        title = lay.title.format(focus_area=c.focus_area)
        self.writer.write(self.doc, "# " + title)
        self.truth.update(
            title=title,
            focus_area=c.focus_area,
            municipality=c.municipality,
            initiative_name=c.initiative_name,
            period={"start": c.period.start, "end": c.period.end},
        )
        if lay.generation == "freeform":
            self.freeform_head()
        else:
            self.para(c.intro)
            self.label("initiative")
            self.para(c.initiative_name)
            self.label("period")
            self.para(c.period.text)
            for key in lay.extra_sections[:1]:
                self.label(key)
                self.para(getattr(c, key))
            self.parties()
            for key in lay.extra_sections[1:]:
                self.label(key)
                self.para(getattr(c, key))
        self.indicators()
        self.activity_list()
        self.staff()
        self.label("municipal")
        self.para(c.municipal_context)
        self.label("revision")
        self.para(c.revision)
        self.truth["municipal_context"] = joined(c.municipal_context)
        self.truth["revision"] = joined(c.revision)
        self.activities()
        self.truth["_labels"] = self.labels
        props = self.doc.core_properties
        props.title, props.author, props.language = title, c.housing_organisation, "da-DK"
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue(), self.truth

    def freeform_head(self) -> None:
        c = self.c
        self.label("intro")
        self.para(c.intro)
        self.label("purpose")
        self.para(c.purpose)
        self.label("problem_complex")
        self.para(c.problem_complex)
        self.label("initiative")
        self.para(
            f"Indsatsen hedder {c.initiative_name} og er en del af {c.plan_name}. "
            f"Aftalen gælder for perioden {c.period.text}."
        )
        self.parties()
        self.label("organisation")
        self.para(c.organisation)

    def furniture(self) -> None:
        """Running header with the plan's name (and a logo), "Side N af M" footer."""
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.8), Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1.0)
        head = section.header.paragraphs[0]
        if self.layout.logo:
            head.add_run().add_picture(io.BytesIO(logo_png()), height=Cm(0.9))
            head.add_run("\t")
        run = head.add_run(self.c.plan_name)
        run.font.size, run.font.color.rgb = Pt(8), FURNITURE_BLUE
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot.add_run("Side ").font.size = Pt(8)
        add_field(foot, "PAGE")
        foot.add_run(" af ").font.size = Pt(8)
        add_field(foot, "NUMPAGES")

    # ------------------------------------------------------------------ parties

    def parties(self) -> None:
        c, habit = self.c, self.layout.parties
        self.label("parties")
        truth = []
        for party in c.parties:
            truth.append({"name": party.name, "description": joined(party.role)})
        self.truth["parties"] = truth
        if habit == "table":
            table = _new_table(self.doc, 1 + len(c.parties), [5.5, 11.1])
            _repeat_as_header(table)
            self.labels += ["Part", "Rolle"]
            for cell, text in zip(table.rows[0].cells, ("Part", "Rolle"), strict=True):
                _fill_cell(self.writer, cell, text, bold=True)
                _shade(cell, "D9E2F3")
            for row, party in zip(table.rows[1:], c.parties, strict=True):
                _fill_cell(self.writer, row.cells[0], escape(party.name))
                _fill_cell(self.writer, row.cells[1], escape(party.role))
            self.doc.add_paragraph()
            return
        for party in c.parties:
            if habit == "list":
                self.list_party(party.name, party.role)
            elif habit == "underlined":
                self.writer.write(self.doc, f"__{party.name}__")
                self.para(party.role)
            else:
                self.writer.write(self.doc, f"**{party.name}**")
                self.para(party.role)

    def list_party(self, name: str, role: str) -> None:
        lines = paragraphs(role)
        if lines and not lines[0].startswith("- "):
            self.writer.write(self.doc, f"- **{name}**: {lines[0]}")
            lines = lines[1:]
        else:
            self.writer.write(self.doc, f"- **{name}**")
        for line in lines:
            para = self.doc.add_paragraph()
            para.paragraph_format.left_indent = Cm(0.63)
            para.add_run(line)

    # ------------------------------------------------------------------ indicators

    def indicators(self) -> None:
        lay, c = self.layout, self.c
        self.label("indicators")
        if lay.generation == "current":
            self.para(CURRENT_TABLE_NOTE)
        columns = [col.format(municipality=c.municipality) for col in lay.indicator_columns]
        n_rows = sum(len(g.rows) for g in c.indicators)
        widths = [2.6, 3.6, 2.6, 2.6, 1.7, 2.3, 2.0][: len(columns)]
        scale = 16.6 / sum(widths)
        table = _new_table(self.doc, 1 + n_rows, [w * scale for w in widths])
        if lay.repeat_header:
            _repeat_as_header(table)
        self.labels += columns
        for cell, title in zip(table.rows[0].cells, columns, strict=True):
            _fill_cell(self.writer, cell, title, bold=True, size=8.5)
            _shade(cell, "D9E2F3")
        truth: list[dict[str, Any]] = []
        r = 1
        for group in c.indicators:
            first = r
            for row in group.rows:
                cells = self.indicator_cells(row)
                for col, value in enumerate(cells, start=1):
                    _fill_cell(self.writer, table.cell(r, col), escape(value), size=8.5)
                if not lay.merged_sub_goals and r == first:
                    _fill_cell(self.writer, table.cell(r, 0), escape(group.sub_goal), size=8.5)
                truth.append(self.indicator_truth(group.sub_goal, row, cells))
                r += 1
            if lay.merged_sub_goals:
                cell = table.cell(first, 0)
                if r - 1 > first:
                    cell = cell.merge(table.cell(r - 1, 0))
                _fill_cell(self.writer, cell, escape(group.sub_goal), size=8.5)
        self.doc.add_paragraph()
        self.truth["indicators"] = truth

    def indicator_cells(self, row: Any) -> list[str]:
        comparison = row.comparison_baseline
        if self.layout.comparison_in_header:
            comparison = strip_area(comparison, self.c.municipality)
        cells = [
            row.indicator,
            row.baseline,
            comparison,
            row.baseline_year,
            row.data_source,
        ]
        if self.layout.has_target_column:
            cells.append(row.target)
        return cells

    def indicator_truth(self, sub_goal: str, row: Any, cells: list[str]) -> dict[str, Any]:
        keys = ["indicator", "baseline", "comparison_baseline", "baseline_year", "data_source"]
        if self.layout.has_target_column:
            keys.append("target")
        truth: dict[str, Any] = {"sub_goal": joined(sub_goal)}
        for key, value in zip(keys, cells, strict=True):
            truth[key] = joined(value)
        truth["measurements"] = [m.model_dump() for m in row.measurements]
        return truth

    # ------------------------------------------------------------------ activities

    def activity_list(self) -> None:
        self.label("activity_list")
        names = self.c.listed_activity_names
        self.writer.write(self.doc, "\n".join(f"1. {name}" for name in names))
        self.truth["activity_names"] = list(names)

    def staff(self) -> None:
        staff, habit = self.c.staff, self.layout.staff
        self.label("staff")
        self.para(staff.intro)
        rows = []
        for line in staff.lines:
            for t in line.truth:
                rows.append({"activity": line.activity, **t.model_dump()})
        self.truth["staff_resources"] = rows
        if habit == "table":
            n = len(staff.lines) + (1 if staff.total else 0)
            table = _new_table(self.doc, 1 + n, [6.0, 10.6])
            self.labels += ["Aktivitet", "Timer"] + (["I alt"] if staff.total else [])
            for cell, text in zip(table.rows[0].cells, ("Aktivitet", "Timer"), strict=True):
                _fill_cell(self.writer, cell, text, bold=True)
                _shade(cell, "D9E2F3")
            for row, line in zip(table.rows[1:], staff.lines, strict=False):
                _fill_cell(self.writer, row.cells[0], escape(line.activity or ""))
                _fill_cell(self.writer, row.cells[1], escape(line.quantity))
            if staff.total:
                _fill_cell(self.writer, table.rows[-1].cells[0], "I alt", bold=True)
                _fill_cell(self.writer, table.rows[-1].cells[1], escape(staff.total), bold=True)
            self.doc.add_paragraph()
            return
        lines = [
            f"{ln.activity}: {ln.quantity}" if ln.activity else ln.quantity for ln in staff.lines
        ]
        if staff.total:
            lines.append(f"I alt: {staff.total}")
            self.labels.append("I alt")
        prefix = "- " if habit == "bullets" else ""
        self.writer.write(self.doc, "\n".join(prefix + escape(line) for line in lines))

    def activities(self) -> None:
        lay = self.layout
        if "activity_forms" in lay.labels:
            self.doc.add_page_break()
            self.label("activity_forms")
        truth = []
        for index, act in enumerate(self.c.activities, start=1):
            truth.append(
                {
                    "name": act.name,
                    "purpose": joined(act.purpose),
                    "target_group": joined(act.target_group),
                    "content": joined(act.content),
                    "responsibilities": joined(act.responsibilities),
                }
            )
            values = (act.purpose, act.target_group, act.content, act.responsibilities)
            if lay.activities == "forms":
                self.activity_form(act.name, values)
                continue
            if lay.activities == "aktivitet_n":
                self.heading(f"Aktivitet {index}: {act.name}", 2)
                self.labels.append(f"Aktivitet {index}")
            elif lay.activities == "numbered":
                self.heading(f"8.{index} {act.name}", 2)
                self.labels.append(f"8.{index}")
            else:
                self.heading(act.name, 2)
            for label, value in zip(lay.form_labels, values, strict=True):
                if lay.activities == "numbered":
                    self.labels.append(label)
                    self.writer.write(self.doc, f"**{label}**")
                    self.para(value)
                else:
                    self.inline_label(label, value)
        self.truth["activities"] = truth

    def activity_form(self, name: str, values: tuple[str, ...]) -> None:
        labels = ("Aktivitetsnavn:", *self.layout.form_labels)
        self.labels += labels
        table = _new_table(self.doc, len(labels), [4.0, 12.6])
        for row, label, value in zip(table.rows, labels, (name, *values), strict=True):
            _fill_cell(self.writer, row.cells[0], label, bold=True)
            _shade(row.cells[0], "F2F2F2")
            _fill_cell(self.writer, row.cells[1], escape(value))
        self.doc.add_paragraph()


def strip_area(cell: str, area: str) -> str:
    """A comparison cell without the area its column header now names."""
    lines = [line.strip() for line in cell.split("\n")]
    out = [re.sub(rf"\s*{re.escape(area)}:?\s*$", "", line).strip() for line in lines]
    return "\n".join(line for line in out if line)


def add_field(para: Any, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) so each page shows its own number."""
    run = para.add_run()
    run.font.size = Pt(8)
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def logo_png() -> bytes:
    """A small housing-plan logo: a coloured block with the plan's initials."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (220, 80), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((2, 2, 78, 78), radius=14, fill=(31, 58, 95))
    draw.ellipse((22, 22, 58, 58), fill=(240, 180, 40))
    draw.rectangle((90, 30, 210, 38), fill=(31, 58, 95))
    draw.rectangle((90, 46, 180, 52), fill=(120, 140, 170))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def render(content: AgreementContent, layout: Layout) -> tuple[bytes, dict[str, Any]]:
    """The .docx bytes (python-docx, before LibreOffice re-saves it) and the truth."""
    return Renderer(content, layout).render()
