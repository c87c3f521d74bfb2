"""Casing: the case a repair takes from the token and its place in the sentence."""

from __future__ import annotations

from .config import CONFIG
from .lexicon import Lexicon

SENTENCE_END = frozenset(".!?:")

CLAUSE_END = frozenset(",.;:!?)")


def case_for_position(tok: str, new: str, text: str, start: int, lexicon: Lexicon) -> str:
    """The case a repair takes from its place in the sentence.

    "@" at a word start is Ø at a sentence start or in a name, ø inside a sentence. A
    capital the OCR wrote for a small å/ø/æ inside a sentence ("om Aret", after a small
    word) is small again when the small word exists ("om året i"), not in a name ("Arhus").
    """
    if tok.isupper() or len(tok) < 2 or new[:1] not in ("ø", "Ø", "å", "Å", "æ", "Æ"):
        return new
    if tok[0] == "@":
        lower = new[0].lower() + new[1:]
        if _sentence_start(text, start) or not lexicon.knows(lower):
            return new[0].upper() + new[1:]
        return lower
    if (
        new[0].isupper()
        and tok[0].isalpha()  # "€" and "£" are read for a capital Æ only
        and tok[1:].islower()
        and _inside_small_words(text, start, len(tok))
    ):
        lower = new[0].lower() + new[1:]
        if lexicon.parts(lower) == 1 and not _imperative(lower, lexicon):
            return lower
    return new


def _imperative(word: str, lexicon: Lexicon) -> bool:
    """Whether `word` is a verb's imperative ("åbn": "åbne" has "åbnende"). Capitalised
    inside a sentence it is a command or menu name ("hændelsen Åbn dokument"), which a
    capital Å (read as A 97 % of the time) explains far better than a small å (0.5 %)."""
    return (
        len(word) >= CONFIG.min_imperative
        and not word.endswith("e")
        and lexicon.parts(word + "ende") == 1
    )


def _inside_small_words(text: str, start: int, length: int) -> bool:
    """Whether the word at `start` has lower-case words on both sides in its paragraph (not
    a table label such as "Årligt 400" run into the text before it)."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip()
    gap = before[len(stripped) :]
    if not gap or "\n" in gap or not stripped[-1:].islower():
        return False
    after = text[start + length : start + length + 40]
    following = after.lstrip()
    gap = after[: len(after) - len(following)]
    if following[:1] in CLAUSE_END:
        return True
    return bool(gap) and gap.count("\n") < 2 and following[:1].islower()


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a list item."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return not before or before[-1] in SENTENCE_END or before[-1] == "\n"
