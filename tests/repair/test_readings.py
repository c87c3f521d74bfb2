"""Two readings of one image (issue 11, item 4): the repaired English layer and a
`-l dan` re-read, combined where they disagree the way the English model damages æ/ø/å."""

from __future__ import annotations

from delaftale_cli.repair.readings import combine


def test_the_danish_reading_settles_what_the_channel_explains() -> None:
    english = "Der er plads til far og barn, og de bor i Glarbjergvejomradet.\n"
    danish = "Der er plads til før og børn, og de bør i Glarbjergvejområdet.\n"
    assert combine(english, danish) == danish


def test_other_disagreements_keep_the_english_layer() -> None:
    english = "Sproglige aktiviteter for bgrn i Stillingsvej-omradet.\n"
    danish = "Sproaliae aktiviteter for børn i Stillinasvei-området.\n"
    # "sproaliae" is no misreading of æ/ø/å: the English layer's word stays
    assert combine(english, danish) == "Sproglige aktiviteter for børn i Stillingsvej-området.\n"


def test_layout_and_punctuation_come_from_the_english_layer() -> None:
    english = "Bgrn,  foraeldre\nog  lzerere (alle)."
    danish = "Børn, forældre og lærere (alle)."
    assert combine(english, danish) == "Børn,  forældre\nog  lærere (alle)."
