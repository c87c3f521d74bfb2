"""Issue 11, second round: when an unknown token is damage and when it is a name.

- a repair that only swaps plain letters ("e" for ø) leaves a name alone; a misreading no
  Danish word shows ("ee", "g" between consonants) is damage;
- one word misread in different ways in one document is that word;
- an OCR'd text among native ones is repaired by one distinctive misreading.
"""

from __future__ import annotations

from delaftale_cli.repair import repair_text, repair_texts

# English-model OCR of Danish prose (every æ, ø and å damaged), around the tokens tested
PROSE = """\
Bgrn og foraeldre deltager pa lige fod, og aktiviteterne udfgres Igbende i boligomradet.
Vi gnsker at foreeldre pa skolen kender delmalene, og at der er tid til malrettet stgtte.
Det er pa tide, at skolefraveer og helhedsplanens boligsociale indsats ses saledes.
"""


def test_a_name_with_plain_letters_stays_and_a_distinctive_misreading_is_repaired() -> None:
    text = PROSE + "Familien Natterer bor pa Beekkestien ved skolen.\n"
    out = repair_text(text).text
    assert "Natterer" in out  # "e" for ø would make it "Natterør": a name stays
    assert "Bækkestien" in out  # "ee" is how the OCR writes æ, no Danish spelling


def test_spellings_that_converge_on_one_reading_are_that_word() -> None:
    text = PROSE + (
        "Leder af Nerrevangsskolen og Norrevangsskolen holder mgde.\n"
        "Eleverne pa Ngrrevangsskolen deltager ogsa.\n"
    )
    out = repair_text(text).text
    assert out.count("Nørrevangsskolen") == 3, out


def test_an_ocr_cell_among_native_text_is_repaired_by_one_distinctive_misreading() -> None:
    native = (
        "Særlig indsats for børn og forældre i området, så færdigheder styrkes før "
        "skolestart, og læringsmiljøet bliver trygt for alle børn i boligområdet."
    )
    texts, repairs = repair_texts([native, "Seerlig"])
    assert texts == [native, "Særlig"]
    assert repairs == {("Seerlig", "Særlig"): 1}


def test_a_native_document_keeps_its_names_and_plain_words() -> None:
    native = (
        "Særlig indsats for børn og forældre i området, så færdigheder styrkes før "
        "skolestart, og læringsmiljøet bliver trygt for alle børn i boligområdet."
    )
    texts, repairs = repair_texts([native, "Natterer", "Mather og Sabo"])
    assert texts == [native, "Natterer", "Mather og Sabo"]
    assert repairs == {}


def test_a_currency_sign_opening_a_word_is_a_capital_ae() -> None:
    text = PROSE + "€ndrer du planen, skal bestyrelsen vide det. £ndringer godkendes.\n"
    out = repair_text(text).text
    assert "Ændrer du planen" in out and "Ændringer godkendes" in out, out


def test_amounts_in_currency_are_kept() -> None:
    text = PROSE + "Prisen er €50 eller 40 £ pr. deltager, €-beløb og EUR€ står.\n"
    out = repair_text(text).text
    assert "Prisen er €50 eller 40 £ pr. deltager, €-beløb og EUR€ står." in out, out


def test_an_imperative_inside_a_sentence_keeps_its_capital() -> None:
    text = PROSE + "Klik pa hændelsen Abn dokument, og vælg om Aret skal med.\n"
    out = repair_text(text).text
    assert "hændelsen Åbn dokument" in out, out  # a command name: a capital Å
    assert "om året skal" in out, out  # a small å read as a capital A
