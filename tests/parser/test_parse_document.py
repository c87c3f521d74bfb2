"""The parser on hand-built documents: one mechanism per test."""

from __future__ import annotations

import pytest

from delaftale_cli.document import Block, Document, Table
from delaftale_cli.errors import NotAnAgreementError
from delaftale_cli.parser import parse_document

SHA = "0" * 64


def P(text: str, bold: bool = False) -> Block:
    return Block("paragraph", text, bold=bold)


def L(text: str) -> Block:
    return Block("list_item", text)


def T(*rows: tuple[str, ...], merged: frozenset[tuple[int, int]] = frozenset()) -> Block:
    return Block("table", table=Table(tuple(rows), merged))


def parse(*blocks: Block) -> object:
    return parse_document(Document(path="x.docx", format="docx", blocks=list(blocks)), sha256=SHA)


def test_a_minimal_agreement_reads_every_section() -> None:
    a = parse(
        Block("heading", "Delaftale for indsatsområdet Tryghed og trivsel"),
        P("Indledende tekst fra skabelonen."),
        P("Navn på den boligsociale indsats, som delaftalen vedrører:", bold=True),
        P("Tryghed i Nord"),
        P("Delaftalen gælder fra - til: 1. januar 2026 - 31. december 2029"),
        P("Delaftalens parter:", bold=True),
        P("Leder af Tryghedsteamet"),
        P("Delmål og indikatorer for indsatsområdet", bold=True),
        T(
            (
                "Delmål",
                "Indikator",
                "Baseline boligområde/målgruppe",
                "Baseline Aarhus Kommune",
                "Datakilde",
            ),
            ("Flere føler sig trygge", "Andel trygge", "61,5%", "80%", "Tryghedsmåling"),
            ("Flere føler sig trygge", "Antal anmeldelser", "Data kommer", "", "Politiet"),
            merged=frozenset({(2, 0)}),
        ),
        P(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
            "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
        ),
        P("Delaftalen omfatter følgende indsatser:"),
        P("1. Natteravne"),
        P("2. Tryghedsvandringer"),
        P("Medarbejderressourcer for indsatsområdet:", bold=True),
        P("Natteravne: 12 timer pr. uge i 40 uger."),
        P("Sammenhæng med den kommunale indsats i boligområdet:", bold=True),
        P("Kommunens SSP-samarbejde."),
        P(
            "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
            "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
            "ajourførte delaftaler):",
            bold=True,
        ),
        P("Årlig revision."),
        T(
            ("Aktivitetsnavn:", "Natteravne"),
            ("Formål:", "At skabe tryghed.\n- om aftenen\n- i weekenden"),
            ("Målgruppe(r):", "Unge 13-17 år."),
            ("Indhold og praksis:", "Gåture."),
            ("", "Fortsat fra forrige side."),
            ("Ansvars- og rollefordeling:", "Boligsocialt team."),
        ),
    )
    assert a.title == "Delaftale for indsatsområdet Tryghed og trivsel"
    assert a.focus_area == "Tryghed og trivsel"
    assert a.initiative_name == "Tryghed i Nord"
    assert (str(a.period.start), str(a.period.end)) == ("2026-01-01", "2029-12-31")
    assert [p.name for p in a.parties] == ["Leder af Tryghedsteamet"]
    assert a.municipality == "Aarhus Kommune"
    assert [(r.sub_goal, r.indicator) for r in a.indicators] == [
        ("Flere føler sig trygge", "Andel trygge"),
        ("Flere føler sig trygge", "Antal anmeldelser"),
    ]
    assert [m.value for m in a.indicators[0].measurements] == [61.5, 80.0]
    assert a.activity_names == ["Natteravne", "Tryghedsvandringer"]
    assert [(s.hours, s.per, s.weeks_per_year, s.hours_per_year) for s in a.staff_resources] == [
        (12, "week", 40, 480)
    ]
    assert a.municipal_context == "Kommunens SSP-samarbejde."
    assert a.revision == "Årlig revision."
    (act,) = a.activities
    assert act.name == "Natteravne"
    assert act.purpose == "At skabe tryghed.\n\n- om aftenen\n- i weekenden"
    assert act.content == "Gåture.\n\nFortsat fra forrige side."
    assert act.responsibilities == "Boligsocialt team."
    assert a.warnings == []
    headings = [(o.heading, o.text) for o in a.other_sections]
    assert (
        "Delaftale for indsatsområdet Tryghed og trivsel",
        "Indledende tekst fra skabelonen.",
    ) in headings
    assert any(t == "Delaftalen omfatter følgende indsatser:" for _, t in headings)


def test_missing_sections_are_null_with_warnings_not_errors() -> None:
    a = parse(
        Block("heading", "Delaftale for indsatsområdet Beskæftigelse"),
        P("Aktivitetsnavn:"),
        P("Jobcafé"),
        P("Formål:"),
        P("Flere i job."),
    )
    assert a.period.start is None and a.revision is None
    codes = {(w.code, w.message.split(";")[0]) for w in a.warnings}
    assert ("missing_field", "no 'Delaftalen gælder fra - til' section found") in codes
    assert any("activity 1 (Jobcafé): no 'content' found" in w.message for w in a.warnings)
    assert a.activities[0].purpose == "Flere i job."


def test_a_document_that_is_not_a_delaftale_is_refused() -> None:
    with pytest.raises(NotAnAgreementError, match="does not look like a delaftale"):
        parse(P("Indkøbsliste"), L("Mælk"), L("Rugbrød"))


def test_layout_tables_with_one_cell_per_row_are_read_as_paragraphs() -> None:
    a = parse(
        Block("heading", "Delaftale for indsatsområdet Beskæftigelse"),
        T(("Delaftalen gælder fra - til:", "", ""), ("01.08.2025-31.07.2029", "", "")),
    )
    assert a.period.text == "01.08.2025-31.07.2029"


def test_a_label_wrapped_over_two_lines_is_rejoined() -> None:
    a = parse(
        Block("heading", "Delaftale for indsatsområdet Beskæftigelse"),
        P("Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og"),
        P("understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"),
        L("Jobcafé"),
    )
    assert a.activity_names == ["Jobcafé"]


def test_a_short_line_before_a_label_is_not_joined_to_it() -> None:
    a = parse(
        Block("heading", "Delaftale for indsatsområdet Beskæftigelse"),
        P(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
            "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
        ),
        P("Jobcafé"),
        P("Medarbejderressourcer for indsatsområdet:"),
        P("Jobcafé: 5 timer pr. uge."),
    )
    assert a.activity_names == ["Jobcafé"]
    assert [s.hours for s in a.staff_resources] == [5]


def test_ocr_debris_of_list_numbers_is_stripped_from_activity_names() -> None:
    blocks = [
        Block("heading", "Delaftale for indsatsområdet Beskæftigelse"),
        P(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
            "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
        ),
        P("Delaftalen omfatter følgende indsatser:"),
        P("P Relationel Velfærd"),
        P("N"),
        P("O Læringsmiljø for børn"),
        L("Barselscafé"),
    ]
    doc = Document(path="x.pdf", format="pdf", blocks=blocks, text_source="ocr_layer")
    a = parse_document(doc, sha256=SHA)
    assert a.activity_names == ["Relationel Velfærd", "Læringsmiljø for børn", "Barselscafé"]
    leftover = [o.text for o in a.other_sections if o.heading and o.heading.startswith("Aktiv")]
    assert leftover == ["Delaftalen omfatter følgende indsatser:\n\nN"]
