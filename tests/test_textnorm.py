import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from delaftale_cli.textnorm import clean_inline, fix_encoding, strip_markup

danish = st.text(alphabet=st.sampled_from(list("abcæøåÆØÅ xyzé–\"'.,-BØRN")), max_size=60)


@given(danish)
def test_utf8_read_as_cp1252_is_restored(text: str) -> None:
    damaged = text.encode("utf-8").decode("cp1252", errors="replace")
    if "\ufffd" not in damaged:
        assert fix_encoding(damaged) == unicodedata.normalize("NFC", text)


@given(st.text(max_size=80))
def test_fix_encoding_is_idempotent(text: str) -> None:
    once = fix_encoding(text)
    assert fix_encoding(once) == once


@given(danish)
def test_clean_text_is_left_alone(text: str) -> None:
    assert fix_encoding(text) == unicodedata.normalize("NFC", text)


def test_decomposed_accents_are_composed() -> None:
    assert fix_encoding("Sj\u0061\u030alland") == "Sjålland"


def test_strip_markup_keeps_text() -> None:
    assert (
        strip_markup("<p><u>Alle 7</u> **områder**: *ca.* 5 &lt; 6</p>")
        == " Alle 7 områder: ca. 5 < 6 "
    )
    assert clean_inline(" a \u00a0 b\t c ") == "a b c"
