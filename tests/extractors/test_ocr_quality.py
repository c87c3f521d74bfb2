"""Judging an OCR text layer's regions (no OCR engine needed)."""

from __future__ import annotations

from delaftale_cli.extractors import ocr_quality
from delaftale_cli.extractors.pdf_layout import Word


def words(text: str, *, stretch: dict[str, float] | None = None) -> list[Word]:
    """One line of words at 0.4 pt of width per pt of height and letter (10 pt high)."""
    out, x = [], 50.0
    for token in text.split():
        width = 4.0 * len(token) * (stretch or {}).get(token, 1.0)
        out.append(Word(token, x, 100, x + width, 110))
        x += width + 3
    return out


def test_english_model_damage_to_danish_letters_is_not_held_against_a_region() -> None:
    (quality,) = ocr_quality.judge_texts(["Andel af bern med behov for seerlig indsats"])
    assert quality.bad == 0 and not quality.poor


def test_fragments_and_symbols_are_bad() -> None:
    (quality,) = ocr_quality.judge_texts(["i - 859 concer intne ip % , Andel af børn ©"])
    assert quality.bad >= 12  # concer, intne, ip, ©
    assert quality.poor


def test_names_acronyms_and_addresses_are_neither_good_nor_bad() -> None:
    (quality,) = ocr_quality.judge_texts(["Jennum-parken UUR www.metalog.dk børne- og unge"])
    assert quality.bad == 0


def test_a_word_box_far_wider_than_its_letters_hides_lost_letters() -> None:
    line = words("behov for særlig ec sproglig indsats", stretch={"ec": 6.0})
    width = ocr_quality.letter_width(line)
    assert abs(width - 0.4) < 0.01
    (quality,) = ocr_quality.judge([line], width)
    assert quality.missing >= 8
    assert quality.poor
    (clean,) = ocr_quality.judge([words("behov for særlig sproglig indsats")], width)
    assert clean.missing == 0 and not clean.poor


def test_ink_beyond_the_text_counts_only_when_far_beyond() -> None:
    assert ocr_quality.ink_letters(4.4, 0) == 4.4  # an empty cell over "2023"
    assert ocr_quality.ink_letters(12.0, 8) == 0.0  # a bold header: more ink per letter
    assert ocr_quality.Quality(missing=4.4).poor
    assert not ocr_quality.Quality(good=1.0, bad=1.0).poor  # one odd token: left alone
