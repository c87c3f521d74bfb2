import pytest

from delaftale_cli.parser.labels import (
    forms_header_kind,
    match_label,
    match_title,
    value_in_sentence,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Aktivitetsnavn:", "name"),
        ("Aktivetsnavn:", "name"),  # real typo in seed 003
        ("Aktivitsnavn:", "name"),  # real typo in seed 003
        ("Formal:", "purpose"),  # OCR without å
        ("Formål", "purpose"),
        ("Malgruppe(r):", "target_group"),
        ("Målgruppe:", "target_group"),
        ("Indhold og praksis:", "content"),
        ("Ansvars- og rollefordeling:", "responsibilities"),
        ("Delaftalen gezelder fra - til:", "period"),  # OCR damage
        ("Navn pad den boligsociale indsats, som delaftalen vedrgrer:", "initiative"),
        ("Delmal og indikatorer for indsatsomradet", "indicators"),
        ("Medarbejderressourcer for indsatsområdet:", "staff"),
        ("Sammenhang med den kommunale indsats i boligomradet:", "municipal"),
        (
            "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
            "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
            "ajourførte delaftaler):",
            "revision",
        ),
    ],
)
def test_labels_are_recognised_despite_typos_and_ocr_damage(text: str, key: str) -> None:
    match = match_label(text)
    assert match is not None, text
    assert match.label.key == key


@pytest.mark.parametrize(
    "text",
    [
        "Formålet med skole/familie samarbejdet er at sikre udsatte børn en plads.",
        "Målgruppen er udsatte børn og unge i skolealderen.",
        "Ansvar:",
        "Indhold",
        "Revision af delaftalen sker hvert år i forbindelse med evalueringen af "
        "aktiviteterne, og bestyrelsen orienteres om resultatet på sit næste møde.",
    ],
)
def test_prose_and_sub_headings_are_not_labels(text: str) -> None:
    assert match_label(text) is None


def test_inline_value_after_the_colon_is_returned() -> None:
    match = match_label("Ansvars- og rollefordeling:Ansvar")
    assert match is not None
    assert match.label.key == "responsibilities"
    assert match.rest == "Ansvar"


def test_the_two_activity_headers_are_told_apart() -> None:
    assert (
        forms_header_kind(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
            "(tilføj skemaer - ét skema pr. aktivitet):"
        )
        == "activity_forms"
    )
    assert (
        forms_header_kind(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
            "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
        )
        == "activity_list"
    )


def test_title_gives_the_focus_area() -> None:
    assert match_title("Delaftale for indsatsomradet Uddannelse og livschancer") == (
        "Uddannelse og livschancer"
    )
    assert match_title("Delaftale for indsatsområdet *Tryghed og trivsel*") == "Tryghed og trivsel"
    assert match_title("Bestyrelsen for den boligsociale indsats") is None


@pytest.mark.parametrize(
    ("prose", "name"),
    [
        (
            "Indsatsen hedder Tryg i Hjortebo og Kildeparken og er en del af Helhedsplan 2024.",
            "Tryg i Hjortebo og Kildeparken",
        ),
        ("Aftalen gælder fra 2024. Indsatsen hedder Solhaven i arbejde.", "Solhaven i arbejde"),
        ("Delaftalen vedrører indsatsen Godt i gang, som er en del af planen.", "Godt i gang"),
        ("Indsatsen hedder noget andet i kommunens papirer", "noget andet i kommunens papirer"),
        ("Formålet med indsatsen er at styrke fællesskabet.", None),
    ],
)
def test_a_sentence_that_names_the_initiative(prose: str, name: str | None) -> None:
    assert value_in_sentence("initiative", prose) == name
