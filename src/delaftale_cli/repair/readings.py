"""Two readings of one page image: the English-model OCR layer and a `-l dan` re-read.

Where both exist, their agreement settles a word (issue 11, item 4). The English layer
keeps the page's words and layout but loses æ, ø and å ("bgrn"); the Danish model reads
those letters but misreads others on a poor scan ("sproaliae"). `combine` keeps the
English layer, repaired, and takes the Danish reading of a word only where the two
disagree in the way the English model damages Danish letters: the Danish word is one the
channel turns into the English token. Every other disagreement keeps the repaired
English word.
"""

from __future__ import annotations

import difflib
import re

from . import channel, repair_texts
from .engine import DocumentRepairer

# a word and the punctuation around it, as both OCR texts write them
_CHUNK_RE = re.compile(r"\S+")
_EDGE = "\"'()[]{}«»“”‘’,.;:!?…-–—•¢*"


def combine(english: str, danish: str) -> str:
    """The repaired English layer, with Danish-model readings where they settle a word."""
    (repaired,), _ = repair_texts([english])
    eng = list(_CHUNK_RE.finditer(english))
    rep = list(_CHUNK_RE.finditer(repaired))
    if len(eng) != len(rep):
        return repaired  # the repair never adds or drops a word; be safe if it did
    dan = [m.group() for m in _CHUNK_RE.finditer(danish)]
    repairer = DocumentRepairer()
    keys_rep = [_core(m.group()).lower() for m in rep]
    keys_dan = [_core(w).lower() for w in dan]
    matcher = difflib.SequenceMatcher(None, keys_rep, keys_dan, autojunk=False)
    pieces: list[str] = []
    pos = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue  # agreement, or words only one reading has: the English layer stays
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            word = _settled(repairer, _core(eng[i].group()), _core(rep[i].group()), _core(dan[j]))
            if word is None:
                continue
            start, end = _core_span(rep[i])
            pieces.append(repaired[pos:start])
            pieces.append(word)
            pos = end
    pieces.append(repaired[pos:])
    return "".join(pieces)


def _settled(repairer: DocumentRepairer, raw: str, fixed: str, danish: str) -> str | None:
    """The Danish reading when it settles the word, else None (the repaired word stays).

    It settles the word when the English model's token is what the channel makes of it
    (the two readings agree on every letter but the Danish ones): two independent
    readings of one image then say the same word, known to the lexicon or not (a name).
    """
    if not raw or not danish or danish == fixed:
        return None
    if not any(ch in "æøåÆØÅ" for ch in danish):
        return None  # the Danish model's strength is these letters, nothing else
    trigrams = repairer.lexicon.danish_trigrams
    bases = [raw, *(v for v in (channel.initial_l_variant(raw),) if v)]
    for base in bases:
        found = channel.sites(base, trigrams)
        if any(text == danish for text, _, _ in channel.candidates(base, found)):
            return danish
    return None


def _core(chunk: str) -> str:
    return chunk.strip(_EDGE)


def _core_span(m: re.Match[str]) -> tuple[int, int]:
    chunk = m.group()
    lead = len(chunk) - len(chunk.lstrip(_EDGE))
    core = chunk.strip(_EDGE)
    start = m.start() + lead
    return start, start + len(core)
