"""Properties of the repair layer, checked on generated text (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delaftale_cli.repair import repair_text

WORDS = [
    # correct Danish
    "børn",
    "forældre",
    "målgruppe",
    "på",
    "år",
    "både",
    "skolefravær",
    "og",
    "der",
    "for",
    "helhedsplanens",
    "boligsociale",
    "Læringsmiljø",
    "Øvrige",
    "ÅRLIGT",
    "mødrene",
    # damaged as an English OCR model writes them
    "bgrn",
    "foraeldre",
    "forzeldre",
    "malgruppe",
    "pa",
    "pa8",
    "ar",
    "bade",
    "mal",
    "Igbende",
    "@vrige",
    "m@drene",
    "ansl3et",
    "BGRN",
    "Leeringsmiljg",
    "sdledes",
    "gnsker",
    # names, English, abbreviations, odd tokens
    "Viborg",
    "Randers",
    "Gl",
    "apt-get",
    "the",
    "made",
    "x_y",
    "H2O",
    "0g",
    "|",
]
NUMBERS = st.from_regex(r"\A[0-9]{1,4}([.,][0-9]{1,3})?\Z", fullmatch=True)
PUNCT = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ", ", ". ", ": ", " - ", "/", "(", ") "])
PIECES = st.one_of(st.sampled_from(WORDS), NUMBERS, PUNCT, st.text(max_size=4))
TEXTS = st.lists(PIECES, max_size=60).map("".join)

# what must never change: every character that is not part of a word
NON_WORD = re.compile(r"[\w@|&]+")


def skeleton(text: str) -> str:
    return NON_WORD.sub("", text)


def numbers(text: str) -> list[str]:
    return re.findall(r"(?<![\w@|&])[0-9]+(?:[.,][0-9]+)*(?![\w@|&])", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_whitespace_punctuation_and_numbers_are_kept(text: str) -> None:
    out = repair_text(text).text
    assert skeleton(out) == skeleton(text)
    assert numbers(out) == numbers(text)
    assert out.count("\n") == text.count("\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_repairing_twice_changes_nothing_more(text: str) -> None:
    once = repair_text(text).text
    assert repair_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_repairs_list_what_changed(text: str) -> None:
    result = repair_text(text)
    if result.text == text:
        assert result.repairs == {}
    for (orig, corr), n in result.repairs.items():
        assert orig != corr and n >= 1
        assert corr in result.text
