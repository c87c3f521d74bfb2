from delaftale_cli.document import Block
from delaftale_cli.parser.parties import parse_parties


def test_names_descriptions_lead_ins_and_leftovers() -> None:
    parties, leftovers = parse_parties(
        [
            Block("paragraph", "Chefgruppen"),
            Block("paragraph", "Chefgruppen tager årligt ansvar for rammer og retning."),
            Block("paragraph", "Ansvarlige for delaftalens udførelse:"),
            Block("list_item", "Viceskolechef Børn og Unge, Viborg Kommune"),
            Block("list_item", "Leder af den boligsociale indsats"),
            Block("paragraph", "Den primære kommunale samarbejdspartner er Børn og Unge."),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        ("Chefgruppen", "Chefgruppen tager årligt ansvar for rammer og retning."),
        ("Viceskolechef Børn og Unge, Viborg Kommune", "Ansvarlige for delaftalens udførelse"),
        ("Leder af den boligsociale indsats", "Ansvarlige for delaftalens udførelse"),
    ]
    assert leftovers == ["Den primære kommunale samarbejdspartner er Børn og Unge."]


def test_bulleted_sentences_under_a_description_belong_to_that_party() -> None:
    parties, leftovers = parse_parties(
        [
            Block("paragraph", "Afdelingsbestyrelserne"),
            Block("paragraph", "Afdelingsbestyrelserne deltager i fællesskabsgruppen."),
            Block("list_item", "Afdelingsbestyrelsen i Nord har ansvaret for sommerfesten."),
            Block("list_item", "Afdelingsbestyrelsen i Syd har ansvaret for beboerlokalets udlån."),
            Block("paragraph", "Svendborg Bibliotek"),
        ]
    )
    assert [p.name for p in parties] == ["Afdelingsbestyrelserne", "Svendborg Bibliotek"]
    assert parties[0].description == (
        "Afdelingsbestyrelserne deltager i fællesskabsgruppen.\n"
        "- Afdelingsbestyrelsen i Nord har ansvaret for sommerfesten.\n"
        "- Afdelingsbestyrelsen i Syd har ansvaret for beboerlokalets udlån."
    )
    assert leftovers == []


def test_name_role_paragraphs_after_name_role_items_are_parties_too() -> None:
    """A scan's OCR keeps the first bullet of a "Name: role" list and loses the rest."""
    parties, leftovers = parse_parties(
        [
            Block("list_item", "Boligforeningen Midtbo: Midtbo er bygherre."),
            Block("paragraph", "Ejendomsfunktionærerne hjælper også."),
            Block("paragraph", "Herning Kommune, Børn og Familie: Bidrager med sparring."),
            Block("paragraph", "Bakkeskolen: Skolen deltager."),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        ("Boligforeningen Midtbo", "Midtbo er bygherre.\n\nEjendomsfunktionærerne hjælper også."),
        ("Herning Kommune, Børn og Familie", "Bidrager med sparring."),
        ("Bakkeskolen", "Skolen deltager."),
    ]
    assert leftovers == []


def test_a_sentence_with_a_colon_is_no_party_without_a_name_role_list() -> None:
    parties, leftovers = parse_parties([Block("paragraph", "Parterne har aftalt: alt godt.")])
    assert parties == [] and leftovers == ["Parterne har aftalt: alt godt."]


def test_ocr_debris_after_a_party_table_is_no_party_and_is_kept() -> None:
    """A scan's page edge read as 'ØQ—' names no party; an acronym of three letters does."""
    parties, leftovers = parse_parties(
        [
            Block("paragraph", "Boligforeningen Sundbo"),
            Block("paragraph", "ØQ—"),
            Block("paragraph", "| —"),
            Block("paragraph", "SSP"),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        ("Boligforeningen Sundbo", None),
        ("SSP", None),
    ]
    assert leftovers == ["ØQ—", "| —"]


def test_name_role_paragraphs_are_parties_when_ocr_lost_every_bullet() -> None:
    parties, leftovers = parse_parties(
        [
            Block("paragraph", "Boligselskabet Sydvestbo: Sydvestbo er ansvarlig for planen."),
            Block("paragraph", "Sydvestbo sørger for udearealerne."),
            Block("paragraph", "Slagelse Kommune, Sundhedscentret: Centret bidrager med viden."),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        (
            "Boligselskabet Sydvestbo",
            "Sydvestbo er ansvarlig for planen.\n\nSydvestbo sørger for udearealerne.",
        ),
        ("Slagelse Kommune, Sundhedscentret", "Centret bidrager med viden."),
    ]
    assert leftovers == []
