"""The compiled Danish lexicon: complete enough, and cached."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from delaftale_cli.repair import lexicon as lexicon_module
from delaftale_cli.repair.lexicon import load_lexicon, open_lexicon


@pytest.mark.parametrize(
    "word",
    [
        "børn",
        "Børn",
        "BØRN",
        "forældre",
        "målgruppe",
        "målgrupperne",
        "skolefravær",
        "helhedsplanens",
        "boligsociale",
        "indsatsområdet",
        "delmålene",
        "gøre",
        "burde",
        "Randers",
        "Viborg",
        "læringsmiljø",
        "bolig-områder",
    ],
)
def test_knows_danish_words_compounds_and_names(word: str) -> None:
    assert load_lexicon().knows(word)


@pytest.mark.parametrize(
    "word", ["bgrn", "malgruppe", "foraeldre", "udfgres", "Igbende", "randers", "xqzvw"]
)
def test_does_not_know_damaged_words(word: str) -> None:
    assert not load_lexicon().knows(word)


def test_compounds_are_split_into_their_parts() -> None:
    lexicon = load_lexicon()
    assert lexicon.split("skolefravær") == ("skole", "fravær")
    assert lexicon.split("børn") == ()
    assert lexicon.loose_split("nørrevangsskolen") == ("nørre", "vangs", "skolen")


def test_frequencies_come_from_wordfreq() -> None:
    lexicon = load_lexicon()
    assert lexicon.frequency("på") > lexicon.frequency("både") > 0
    assert lexicon.frequency("helhedsplanens") == 0


def test_lexicon_is_compiled_once_then_read_from_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # caches of earlier versions: the newest is kept for another installation, the rest go
    for age, name in ((300, "lexicon-da-older.marshal"), (200, "lexicon-da-old.marshal")):
        stale = tmp_path / name
        stale.write_bytes(b"stale")
        os.utime(stale, (time.time() - age, time.time() - age))
    first = open_lexicon(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("lexicon-da-*") if "old" in p.name) == [
        "lexicon-da-old.marshal"
    ]

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again instead of reading the cache")

    monkeypatch.setattr(lexicon_module, "compile_lexicon", no_compiling)
    second = open_lexicon(tmp_path)
    assert len(second.words) == len(first.words) > 500_000
    assert second.knows("skolefravær")


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    open_lexicon(tmp_path)
    (cache,) = tmp_path.glob("lexicon-da-*.marshal")
    cache.write_bytes(b"\x00 not a lexicon")
    assert open_lexicon(tmp_path).knows("børn")
    assert cache.stat().st_size > 1_000_000
