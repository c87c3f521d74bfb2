"""The bigram context model: what it keeps, and how it settles a close call."""

from __future__ import annotations

from pathlib import Path

from delaftale_cli.repair.engine import DocumentRepairer
from delaftale_cli.repair.ngrams import EMPTY, count_bigrams, fold_variants

CORPUS = [
    "Gem dokumentet, før du lukker programmet.",
    "Vælg en skabelon, før du begynder at skrive.",
    "Klik på knappen for at åbne dialogen, før du går videre.",
    "Tryk Enter for at bekræfte, og luk vinduet, før du gemmer.",
    "Bogen lå på bordet, og brevet lå under den.",
    "Huset lå ved åen, hvor der lå en båd.",
    "Sangen hedder la la la, og koret synger la la.",
] * 3


def test_only_pairs_that_can_matter_are_kept() -> None:
    model = count_bigrams(CORPUS)
    assert model.pairs["før du"] == 12
    assert "for at" in model.pairs  # "for" is what the OCR makes of "før"
    assert "gem dokumentet" not in model.pairs  # no æ/ø/å word and no misreading of one
    assert "for" in set(fold_variants("før"))


def test_context_prefers_the_reading_its_neighbours_take() -> None:
    model = count_bigrams(CORPUS)
    assert model.context_logp(None, "før", "du") > model.context_logp(None, "for", "du") + 1
    assert model.context_logp(None, "for", "at") > model.context_logp(None, "før", "at")
    assert EMPTY.context_logp("x", "før", "du") == 0.0


def test_bigrams_keep_a_valid_word_its_neighbours_take() -> None:
    # in damaged text frequency makes "far" "får"; "hans far er" is the father
    corpus = CORPUS + ["Hans far er glad, og hans far er hjemme. Du får en besked."] * 3
    text = "Bgrn og foraeldre mgdes pa skolen om aret, og malgruppen far stgtte. Hans far er glad."
    with_model = DocumentRepairer(bigrams=count_bigrams(corpus)).repair([text])[0][0]
    without = DocumentRepairer(bigrams=EMPTY).repair([text])[0][0]
    assert "Hans far er glad" not in without  # frequency (and "min" + noun) changes it
    assert "Hans far er glad" in with_model
    assert "malgruppen får støtte" in with_model.replace("målgruppen", "malgruppen")


def test_bigrams_choose_a_rarer_reading_only_with_evidence_from_every_neighbour() -> None:
    # "før" is 1.2 Zipf rarer than "for": frequency alone never reaches it
    text = (
        "Bgrn og foraeldre mgdes pa skolen om aret. Gem filen, for du lukker den. "
        "Reglerne for brug af lokalet star pa opslaget."
    )
    # "for" is common in the model, always before other words ("for at")
    corpus = CORPUS + ["Klik for at gemme, og tryk for at lukke, og brug den for at se."] * 20
    corpus += ["Læs vejledningen før brug."] * 6  # "før brug" seen, "reglerne før" never
    with_model = DocumentRepairer(bigrams=count_bigrams(corpus)).repair([text])[0][0]
    without = DocumentRepairer(bigrams=EMPTY).repair([text])[0][0]
    assert "Gem filen, for du" in without
    assert "Gem filen, før du" in with_model  # "før du" seen 12 times, "for du" never
    # "Reglerne før" was never seen: the left neighbour gives no evidence for "før"
    assert "Reglerne for brug" in with_model


def test_the_shipped_model_is_loaded_and_knows_help_text_pairs() -> None:
    from delaftale_cli.repair.ngrams import SHIPPED, load_bigrams, read_model

    assert SHIPPED.is_file() and SHIPPED.stat().st_size < 3_000_000  # compact package data
    model = load_bigrams()
    assert model.total > 100_000 and len(model.pairs) > 10_000
    assert model.pairs.get("før du", 0) >= 5  # the pair that settles "for du" / "før du"
    assert model == read_model(SHIPPED)  # the cached copy is the shipped one


def test_model_file_round_trip_is_byte_stable(tmp_path: Path) -> None:
    from delaftale_cli.repair.ngrams import read_model, write_model

    model = count_bigrams(CORPUS)
    write_model(model, tmp_path / "a.tsv.gz")
    write_model(read_model(tmp_path / "a.tsv.gz"), tmp_path / "b.tsv.gz")
    assert (tmp_path / "a.tsv.gz").read_bytes() == (tmp_path / "b.tsv.gz").read_bytes()
    assert read_model(tmp_path / "a.tsv.gz") == model


def test_a_damaged_model_file_gives_the_empty_model(tmp_path: Path, monkeypatch) -> None:
    from delaftale_cli.repair import ngrams

    monkeypatch.setenv("DELAFTALE_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(b"not gzip")
    assert ngrams.load_bigrams(bad) == EMPTY


def test_the_build_leaves_out_test_pages_and_test_sentences(tmp_path: Path) -> None:
    from tools.build_ngrams import training_text
    from tools.help_text import in_test_set

    for i in range(40):
        (tmp_path / f"side{i}.html").write_text(
            f"<html><body><p>Side nummer {_tag(i)} har en tekst om filer og mapper her.</p>"
            "<p>Gem filen i mappen. Luk den, før du lukker programmet igen.</p></body></html>",
            encoding="utf-8",
        )
    test_pages = {i for i in range(40) if in_test_set(tmp_path / f"side{i}.html")}
    assert 0 < len(test_pages) < 40
    excluded = {("gem", "filen", "i", "mappen")}
    stats = {"sentences": 0, "excluded": 0}
    out = list(training_text([tmp_path], excluded, stats))
    numbers = {s.split()[2] for s in out if s.startswith("side nummer")}
    # no page of the test part is read
    assert numbers == {_tag(i) for i in set(range(40)) - test_pages}
    assert "gem filen i mappen" not in out  # a sentence of a test text is never counted
    assert "luk den før du lukker programmet igen" in out
    assert stats["excluded"] == 40 - len(test_pages)


def _tag(i: int) -> str:
    return "emne" + chr(97 + i % 26) + chr(97 + i // 26)


def test_rebuilding_from_the_installed_help_gives_the_shipped_bytes(tmp_path: Path) -> None:
    import pytest

    from delaftale_cli.repair.ngrams import SHIPPED
    from tools.build_ngrams import main
    from tools.help_text import ROOTS

    if not all(root.is_dir() for root in ROOTS.values()):
        pytest.skip("needs libreoffice-help-da and gimp-help-da (apt-get install ...)")
    assert main(["--out", str(tmp_path / "model.tsv.gz")]) == 0
    assert (tmp_path / "model.tsv.gz").read_bytes() == SHIPPED.read_bytes()
