"""The label catalogue (labels.yaml): wordings of every generation, titles, columns."""

from __future__ import annotations

import pytest

from delaftale_cli.parser.labels import (
    CANONICAL,
    FORM_KEYS,
    LABELS,
    SECTION_KEYS,
    is_total,
    match_activity_heading,
    match_column,
    match_label,
    match_title,
    party_columns,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Navn på den boligsociale indsats / helhedsplan, som delaftalen vedrører:", "initiative"),
        ("Delaftalens parter (og deres ansvar):", "parties"),
        ("Delmål og indikatorer / succeskriterier for indsatsområdet:", "indicators"),
        ("Medarbejderressourcer (for indsatsområdet):", "staff"),
        ("Formål for indsatsområdet:", "aim"),
        ("Problemkompleks:", "problem_complex"),
        ("Organisering:", "organisation"),
        ("Beskrivelse af aktiviteterne:", "activity_forms"),
        ("Sammenhæng med den kommunale indsats:", "municipal"),
    ],
)
def test_older_generation_wordings_are_in_the_catalogue(text: str, key: str) -> None:
    match = match_label(text, keys=SECTION_KEYS)
    assert match is not None and match.label.key == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Målgruppe:", "target_group"),
        ("Indhold:", "content"),
        ("Ansvarsfordeling:", "responsibilities"),
    ],
)
def test_older_form_labels(text: str, key: str) -> None:
    match = match_label(text, keys=FORM_KEYS)
    assert match is not None and match.label.key == key


def test_a_heading_number_is_not_part_of_the_wording() -> None:
    match = match_label("5. Parter og ansvar", emphasised=True, keys=SECTION_KEYS)
    assert match is not None and match.label.key == "parties" and match.number == "5"


def test_a_short_common_word_is_a_label_only_where_marked() -> None:
    assert match_label("Ressourcer", keys=SECTION_KEYS) is None
    marked = match_label("Ressourcer", emphasised=True, keys=SECTION_KEYS)
    assert marked is not None and marked.label.key == "staff"


def test_inline_label_splits_label_from_value() -> None:
    match = match_label("Formål: Aktiviteten skal give beboerne indflydelse.", keys=FORM_KEYS)
    assert match is not None and match.label.key == "purpose"
    assert match.rest == "Aktiviteten skal give beboerne indflydelse."


def test_canonical_name_is_the_first_wording() -> None:
    assert CANONICAL["parties"] == "Delaftalens parter"
    assert len({label.key for label in LABELS}) == len(CANONICAL)


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Delaftale for indsatsområdet Tryghed og trivsel", "Tryghed og trivsel"),
        ("Delaftale vedrørende indsatsområdet Sundhed", "Sundhed"),
        ("Tryghed og trivsel – delaftale", "Tryghed og trivsel"),
    ],
)
def test_title_forms(text: str, focus: str) -> None:
    assert match_title(text) == focus


def test_a_sentence_ending_in_delaftale_is_no_title() -> None:
    assert (
        match_title("Bestyrelsen har ansvaret for, at den løbende følger op på denne delaftale")
        is None
    )


def test_activity_headings() -> None:
    assert match_activity_heading("Aktivitet 3: Lektiecafé") == "Lektiecafé"
    assert match_activity_heading("Aktiviteten holdes hver uge: mandag") is None


def test_columns_and_totals_from_the_catalogue() -> None:
    assert match_column("Måltal 2027") == "target"
    assert match_column("Sammenligning") == "comparison_baseline"
    assert match_column("Delmål") is None
    assert party_columns(("Part", "Rolle")) == (0, 1)
    assert party_columns(("Aktivitet", "Timer")) is None
    assert is_total("I alt") and not is_total("Idrætsdage")


def test_a_total_label_whose_one_letter_word_ocr_lost_or_misread_is_a_total() -> None:
    """OCR of "• I alt" drops the "I" beside the bullet or reads both as one "e"."""
    assert is_total("alt") and is_total("e alt") and is_total("I alt")
    assert not is_total("Aftenklub") and not is_total("A") and not is_total("Halte")
