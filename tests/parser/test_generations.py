"""Sections from structure, parties and indicator tables of the other generations and
habits (older template, writers' own numbered headings), on hand-built documents."""

from __future__ import annotations

from typing import Any

import pytest

from delaftale_cli.document import Block, Document, Table
from delaftale_cli.errors import NotAnAgreementError
from delaftale_cli.parser import parse_document
from delaftale_cli.parser.indicators import parse_indicator_tables
from delaftale_cli.parser.parties import parse_parties

SHA = "0" * 64


def P(text: str, bold: bool = False) -> Block:
    return Block("paragraph", text, bold=bold)


def H(text: str, level: int = 1) -> Block:
    return Block("heading", text, level=level)


def parse(*blocks: Block) -> Any:
    return parse_document(Document(path="x.docx", format="docx", blocks=list(blocks)), sha256=SHA)


OLDER = (
    H("Delaftale vedrørende indsatsområdet Tryghed"),
    P("Formål for indsatsområdet:", bold=True),
    P("Beboerne skal være trygge."),
    P("Aktiviteter, som skal bidrage til indfrielsen af delmålene:", bold=True),
    Block("list_item", "Lektiecafé"),
    P("Beskrivelse af aktiviteterne:", bold=True),
    H("Aktivitet 1: Lektiecafé", 2),
    P("En indledende bemærkning."),
    P("Formål: Børnene skal lære mere."),
    P("Målgruppe: Skolebørn."),
    P("Indhold: Hver tirsdag."),
    P("Lektierne laves i fælleshuset."),
    P("Ansvarsfordeling: Helhedsplanen."),
)


def test_older_generation_activity_heading_and_inline_labels() -> None:
    a = parse(*OLDER)
    assert a.focus_area == "Tryghed"
    [act] = a.activities
    assert (act.name, act.purpose, act.target_group) == (
        "Lektiecafé",
        "Børnene skal lære mere.",
        "Skolebørn.",
    )
    assert act.content == "Hver tirsdag.\n\nLektierne laves i fælleshuset."
    assert act.responsibilities == "Helhedsplanen."
    other = {s.heading: s.text for s in a.other_sections}
    # a heading never merges into the paragraph after it: the loose line is kept
    assert other["Aktivitet 1: Lektiecafé"] == "En indledende bemærkning."
    assert other["Formål for indsatsområdet"] == "Beboerne skal være trygge."


def test_numbered_headings_under_the_activities_section_start_forms() -> None:
    a = parse(
        H("Tryghed – delaftale"),
        H("4. Indsatsen og aftalens periode"),
        P("Indsatsen hedder Tryg. Aftalen gælder for perioden 1. marts 2025 – 28. februar 2029."),
        H("8. Aktiviteter"),
        Block("list_item", "Lektiecafé"),
        H("9. Ressourcer"),
        P("Lektiecafé: 6 timer om ugen"),
        H("10. Noget helt andet"),
        P("En tekst under en overskrift, katalogen ikke kender."),
        H("8.1 Lektiecafé", 2),
        P("Formål", bold=True),
        P("Børnene skal lære mere."),
    )
    assert a.title == "Tryghed – delaftale"
    assert str(a.period.start) == "2025-03-01" and str(a.period.end) == "2029-02-28"
    assert a.activity_names == ["Lektiecafé"]
    assert [(s.activity, s.hours) for s in a.staff_resources] == [("Lektiecafé", 6)]
    assert [(x.name, x.purpose) for x in a.activities] == [
        ("Lektiecafé", "Børnene skal lære mere.")
    ]
    other = {s.heading: s.text for s in a.other_sections}
    assert other["10. Noget helt andet"] == "En tekst under en overskrift, katalogen ikke kender."


def test_without_title_enough_catalogue_sections_make_a_delaftale() -> None:
    a = parse(
        H("1. Parter og ansvar"),
        P("Boligselskabet"),
        H("2. Ressourcer"),
        P("Caféen: 6 timer om ugen"),
        H("3. Opfølgning og revision"),
        P("Aftalen evalueres årligt."),
    )
    assert a.title is None and a.revision == "Aftalen evalueres årligt."
    with pytest.raises(NotAnAgreementError):
        parse(H("Referat"), P("Mødet blev holdt."), H("Ressourcer"), P("Ingen."))


def test_parties_from_a_part_rolle_table_and_from_named_list_items() -> None:
    table = Table((("Part", "Rolle"), ("Nordhjem", "Bygherre."), ("SSP", "Gadeplan.")))
    parties, rest = parse_parties([Block("table", table=table)])
    assert [(p.name, p.description) for p in parties] == [
        ("Nordhjem", "Bygherre."),
        ("SSP", "Gadeplan."),
    ]
    assert rest == []
    parties, rest = parse_parties(
        [
            Block("list_item", "Boligselskabet Nordhjem: Nordhjem er bygherre."),
            P("Ejendomskontoret deltager også."),
            Block("list_item", "SSP Hjørring: Gadeplan."),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        ("Boligselskabet Nordhjem", "Nordhjem er bygherre.\n\nEjendomskontoret deltager også."),
        ("SSP Hjørring", "Gadeplan."),
    ]


def test_indicator_target_column_and_comparison_area_from_the_header() -> None:
    table = Table(
        (
            (
                "Delmål",
                "Indikator",
                "Baseline boligområde",
                "Baseline Hjørring Kommune",
                "Baseline år",
                "Datakilde",
                "Målsætning",
            ),
            ("Tryghed", "Andel trygge", "61 %", "88 %", "2024", "Undersøgelse", "75 % i 2028"),
        )
    )
    [row], municipality = parse_indicator_tables([table])
    assert row.target == "75 % i 2028"
    assert [(m.value, m.area) for m in row.measurements] == [(61, None), (88, "Hjørring Kommune")]
    assert municipality == "Hjørring Kommune"


def test_older_and_freeform_indicator_columns() -> None:
    table = Table(
        (
            (
                "Delmål",
                "Indikator / succeskriterium",
                "Udgangspunkt",
                "Sammenligning",
                "År",
                "Kilde",
                "Måltal 2027",
            ),
            (
                "Tryghed",
                "Andel trygge",
                "61 %",
                "88 % Hjørring Kommune",
                "2024",
                "Nordhjem",
                "75 %",
            ),
        )
    )
    [row], _ = parse_indicator_tables([table])
    got = (row.baseline, row.comparison_baseline, row.baseline_year, row.data_source, row.target)
    assert got == ("61 %", "88 % Hjørring Kommune", "2024", "Nordhjem", "75 %")


def test_a_scan_without_sizes_or_weights_still_has_its_sections_and_forms() -> None:
    """What OCR leaves of the numbered free-form layout: no heading sizes, no bold, a
    heading number read as a list marker (a list of one) or half lost (". Ressourcer"),
    activity headings as plain lines before their first field."""
    L = lambda text: Block("list_item", text)  # noqa: E731
    a = parse(
        H("Tryghed – delaftale"),
        L("Indsatsen og aftalens periode"),
        P("Indsatsen hedder Tryg i Vest og er en del af Helhedsplan Vest. Aftalen gælder 2025."),
        L("Parter og ansvar"),
        P("Boligforeningen Vest"),
        P("Boligforeningen er bygherre på helhedsplanen."),
        P("8. Aktiviteter"),
        L("Lektiecafé"),
        L("Natteravne"),
        P(". Ressourcer"),
        P("Lektiecafé: 6 timer om ugen"),
        P("8.1 Lektiecafé"),
        P("Formål"),
        P("Børnene skal lære mere."),
        P("Indhold"),
        P("Hver tirsdag i fælleshuset."),
        P("Natteravne"),
        P("Formål: Trygge gader om aftenen."),
    )
    assert a.initiative_name == "Tryg i Vest"
    assert [p.name for p in a.parties] == ["Boligforeningen Vest"]
    assert a.activity_names == ["Lektiecafé", "Natteravne"]
    assert [(s.activity, s.hours) for s in a.staff_resources] == [("Lektiecafé", 6)]
    assert [(x.name, x.purpose, x.content) for x in a.activities] == [
        ("Lektiecafé", "Børnene skal lære mere.", "Hver tirsdag i fælleshuset."),
        ("Natteravne", "Trygge gader om aftenen.", None),
    ]


def test_a_form_label_broken_by_a_page_break_is_joined_again() -> None:
    """ "Ansvars- og" / "rollefordeling:" over a page break: as two rows of the form table,
    or with the second half outside the table (a scan's continuation not seen as one)."""
    form = (
        ("Aktivitetsnavn:", "Lektiecafé"),
        ("Formål:", "Børnene skal lære mere."),
        ("Ansvars- og", "Helhedsplanen driver caféen sammen med"),
    )
    rest = "frivillige fra skolen."
    as_rows = Table(rows=(*form, ("rollefordeling:", rest)))
    as_paragraph = Table(rows=form)
    for blocks in (
        [Block("table", table=as_rows)],
        [Block("table", table=as_paragraph), P(f"rollefordeling: {rest}")],
    ):
        a = parse(
            H("Delaftale for indsatsområdet Tryghed"), P("Formål for indsatsområdet:"), *blocks
        )
        [act] = a.activities
        assert (
            act.responsibilities == "Helhedsplanen driver caféen sammen med frivillige fra skolen."
        )


def test_a_numbered_list_item_that_is_a_section_label_is_a_heading() -> None:
    """OCR measured "8. Aktiviteter" at body size, so the text layer made it a list item
    before a bullet list; its number ("8.", kept by the extractor) marks it as the heading,
    and its "8" lets "8.1 Lektiecafé" start a form."""
    N = lambda number, text: Block("list_item", text, number=number)  # noqa: E731
    L = lambda text: Block("list_item", text)  # noqa: E731
    a = parse(
        H("Tryghed – delaftale"),
        N("7.", "Mål og indikatorer"),
        P("Vi måler trygheden hvert år."),
        N("8.", "Aktiviteter"),
        L("Lektiecafé"),
        L("Natteravne"),
        N("9.", "Ressourcer"),
        P("Lektiecafé: 6 timer om ugen"),
        P("8.1 Lektiecafé"),
        P("Børnene skal lære mere i caféen."),
        P("8.2 Natteravne"),
        P("Trygge gader om aftenen."),
    )
    assert a.activity_names == ["Lektiecafé", "Natteravne"]
    assert [(s.activity, s.hours) for s in a.staff_resources] == [("Lektiecafé", 6)]
    assert [x.name for x in a.activities] == ["Lektiecafé", "Natteravne"]


def test_a_heading_whose_number_ocr_misread_still_heads_its_section() -> None:
    """ "]eoi . Aktiviteter": the digits misread, the dot kept. The section is found by its
    label, and the first "N.1" sub-heading after the list gives the number it lost."""
    L = lambda text: Block("list_item", text)  # noqa: E731
    a = parse(
        H("Tryghed – delaftale"),
        P("]eoi . Aktiviteter"),
        L("Lektiecafé"),
        L("Natteravne"),
        P("8.1 Lektiecafé"),
        P("Børnene skal lære mere i caféen."),
        P("8.2 Natteravne"),
        P("Trygge gader om aftenen."),
    )
    assert a.activity_names == ["Lektiecafé", "Natteravne"]
    assert [x.name for x in a.activities] == ["Lektiecafé", "Natteravne"]
    # a numbered line in running text is no such debris
    b = parse(H("Tryghed – delaftale"), P("Se afsnit 4 . Det gælder alle."))
    assert b.activities == []
