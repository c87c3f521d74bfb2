"""The bigram context model: what it keeps, and how it settles a close call."""

from __future__ import annotations

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
