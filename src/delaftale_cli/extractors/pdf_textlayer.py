"""Is a PDF page's text layer readable, or garbage that only looks like text on screen?

A font embedded without a ToUnicode map (or with a broken one) draws the right glyphs
but gives no way back to the letters: pdfminer reports such glyphs as "(cid:12)",
pdfium as control characters, other producers leave private-use code points or U+FFFD.
The page looks fine and its text is garbage, so it must be read with OCR instead.

Two signals, either of which marks a page unreadable:

- *unmapped glyphs*: characters that are "(cid:N)", private-use (U+E000-U+F8FF and the
  supplementary private-use planes), U+FFFD or control characters, as a share of the
  page's non-space characters, at least UNMAPPED_SHARE;
- *no words*: glyphs mapped to the wrong letters (a subset font's codes read through a
  standard encoding) give letters that form no words. Among the page's lower-case
  letter tokens of 3+ letters (names are capitalised and may be unknown), at least
  MIN_WORD_TOKENS, under KNOWN_SHARE are Danish words or common English words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# A few unmapped glyphs are an unmapped ligature or a symbol-font bullet: the text is
# still read natively. Measured: the viborg/randers sample PDFs (27 pages) have none;
# with /ToUnicode removed from every font, 96-98% of a page's characters are unmapped.
UNMAPPED_SHARE = 0.10
# Too few lower-case words say nothing (a signature page, a table of names and numbers).
MIN_WORD_TOKENS = 20
# Known lower-case words, measured per page: the sample PDFs' text 97.5-100%, their OCR
# layers (English model) 69-90%; letters of wrong glyph codes form words by accident.
KNOWN_SHARE = 0.3
CID = re.compile(r"^\(cid:\d+\)$")
LOWER_WORD = re.compile(r"(?<!\w)[a-zæøåéü]{3,}(?!\w)")
WORD_GAP = 0.2  # of the font size: a gap this wide between two glyphs is a word space


def is_unmapped(text: str) -> bool:
    """A character pdfminer could not map to Unicode, or mapped to no letter at all."""
    if CID.match(text):
        return True
    if len(text) != 1:
        return False
    point = ord(text)
    if 0xE000 <= point <= 0xF8FF or point >= 0xF0000 or point == 0xFFFD:
        return True
    return unicodedata.category(text) == "Cc" and text not in "\t\n\r"


def unreadable(chars: Iterable[Mapping[str, Any]], known: Any = None) -> str | None:
    """Why the page whose pdfplumber `chars` these are cannot be read natively, or None.

    `known` tells a word from no word (`Lexicon.knows`); by default the Danish lexicon,
    and without one only unmapped glyphs are judged.
    """
    texts = [c.get("text", "") for c in chars if not str(c.get("text", "")).isspace()]
    if not texts:
        return None
    unmapped = sum(is_unmapped(t) for t in texts)
    if unmapped >= UNMAPPED_SHARE * len(texts):
        return f"{unmapped} of {len(texts)} characters have no Unicode mapping"
    tokens = LOWER_WORD.findall(_spaced_text(chars))
    if len(tokens) < MIN_WORD_TOKENS:
        return None
    known = known if known is not None else _lexicon_knows()
    if known is None:
        return None
    words = sum(bool(known(token)) for token in tokens)
    if words < KNOWN_SHARE * len(tokens):
        return (
            f"only {words} of its {len(tokens)} lower-case words are words "
            "(glyphs mapped to the wrong letters)"
        )
    return None


def _spaced_text(chars: Iterable[Mapping[str, Any]]) -> str:
    """The characters in drawing order, a space where a gap or a new line parts them
    (cheap: no word grouping as pdfplumber's extract_words does)."""
    out: list[str] = []
    previous: Mapping[str, Any] | None = None
    for char in chars:
        text = str(char.get("text", ""))
        if len(text) != 1:  # "(cid:N)": no letter
            text = " "
        if previous is not None:
            size = float(char.get("size") or 0) or 1.0
            gap = float(char["x0"]) - float(previous["x1"])
            if gap > WORD_GAP * size or abs(float(char["top"]) - float(previous["top"])) > size / 2:
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out)


def _lexicon_knows() -> Any:
    try:
        from ..repair.lexicon import load_lexicon

        lexicon = load_lexicon()
    except RuntimeError:  # no dictionary installed
        return None
    return lambda word: lexicon.knows(word) or lexicon.english.get(word, 0.0) > 0
