"""How well an OCR text layer reads, region by region (a table cell, a body line).

An OCR layer made with an English model is mostly fine but can lose words in places: a
cell of a blurred scan came out as "særlig ec sproglig" for "særlig eller fokuseret
sproglig" and "i - 859 concer intne ip %" for "Generel indsats: 85 %". Throwing away the
whole layer (`--ocr force`) costs a full OCR run per page and loses the many good
regions; trusting it keeps the damage. So each region is judged on its own, from
evidence in the layer itself, and only poor regions are read again.

Evidence, as characters of the region's text:

- *good*: tokens that are Danish words once the English model's æ/ø/å damage is
  repaired (`repair_texts`), listed English words of 3+ letters, and numbers;
- *bad*: tokens that are no word (1-2 letter fragments such as "ec", "ip"; unknown
  lower-case words such as "intne"; stray symbols such as "©", "~");
- *missing*: letters the layer's boxes say were there but its text lacks. OCR layers
  place each word over the ink it read, so a word box far wider than its letters
  ("ec" over the ink of "eller fokuseret": 2.0 points of width per point of height and
  letter, where the page's words have 0.38) hides lost letters; and a table cell with
  ink but no words (the "2023"s of a cell the layer skipped) misses all of its text.

Capitalised unknown words of 4+ letters (place names, "Jennum-parken"), acronyms,
addresses and suspended compounds ("børne-") count as neither, so names do not make a
region poor. `score` is good / (good + bad + missing).

Measured on samples/*.ocr.pdf (27 pages; 497 regions: table cells and body lines;
letter width 0.38-0.40 pt per pt of height): the three damaged cells of Randers
indicator row 1 score 0.90-0.92 with 10-18 faulty letters ("ec" alone hides 10). Of
all other regions, those with 5+ faulty letters score 0.955 and up, bar 10 with real
OCR damage ("ungdomsuddannels e", "boligomradel malgruppe" for "boligområde/
målgruppe", "mAalrettet", "P" for the numbering "1."): 0.59-0.94. Hence a region is
*poor* below POOR_SCORE = 0.95 with at least MIN_BAD_CHARS = 5 faulty letters (one odd
token in a short line, a stray bullet "¢" or an abbreviation, is left alone: re-reading
it costs OCR time and rarely changes anything), or with no good letters and at least
two letters' worth of ink or noise (an empty cell over printed text). On these
samples that is 13 of 497 regions plus the two empty "2023" cells of Viborg.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .pdf_layout import Word

if TYPE_CHECKING:
    from ..repair.lexicon import Lexicon

POOR_SCORE = 0.95
MIN_BAD_CHARS = 5
MIN_EMPTY_FAULTS = 2
MOSTLY_FAULTY = 0.5
# a word box wider than this many times its letters' usual width hides lost letters
STRETCH = 1.8
STRETCH_SLACK = 2.0  # letters of slack on top (punctuation, bold, capitals)
ENGLISH_ZIPF = 3.0  # an English word this common counts as a word (3+ letters only)
MIN_NAME_LEN = 4
MIN_COMPOUND_LEN = 6
INK_SLACK = 2.0
PUNCTUATION = "\"'“”„«»‘’()[]{}.,:;!?*•·–—-/_"
NEUTRAL_SYMBOLS = frozenset({"-", "–", "—", "%", "&", "/", "+", "•", "·", "*", "=", "§"})


@dataclass(frozen=True)
class Quality:
    """Characters of a region's text judged good or bad, and estimated missing."""

    good: float = 0.0
    bad: float = 0.0
    missing: float = 0.0

    @property
    def faults(self) -> float:
        return self.bad + self.missing

    @property
    def score(self) -> float:
        total = self.good + self.bad + self.missing
        return self.good / total if total else 1.0

    @property
    def poor(self) -> bool:
        if self.score < MOSTLY_FAULTY:  # an empty cell with ink, a line of noise
            return self.faults >= MIN_EMPTY_FAULTS
        return self.score < POOR_SCORE and self.faults >= MIN_BAD_CHARS


def letter_width(words: Sequence[Word]) -> float:
    """The page's usual width of one letter per point of box height (median over words)."""
    ratios = [
        (w.x1 - w.x0) / (len(w.text) * w.height) for w in words if len(w.text) >= 3 and w.height > 0
    ]
    return statistics.median(ratios) if ratios else 0.0


def missing_letters(words: Sequence[Word], width: float) -> float:
    """Letters the boxes of `words` cover beyond their text (see module docstring)."""
    if width <= 0:
        return 0.0
    lost = 0.0
    for w in words:
        if w.height <= 0:
            continue
        room = (w.x1 - w.x0) / (width * w.height)
        if room > STRETCH * len(w.text) + STRETCH_SLACK:
            lost += room - len(w.text)
    return lost


def ink_letters(ink: float, letters: int) -> float:
    """Letters a cell's ink shows beyond its text (`ink` in letters' worth of dark pixels).

    Ink per letter varies with the font (bold headers, digits) by up to ~40% around the
    page's median, so only a cell with more than twice the ink its text explains, plus
    two letters, counts as missing text (a cell the layer skipped, or read as noise).
    """
    return ink - letters if ink > INK_SLACK * letters + 2 else 0.0


def judge_texts(texts: Sequence[str]) -> list[Quality]:
    """Good and bad characters of each text (no geometry: `missing` is 0).

    The texts are repaired together first, so English-model damage to æ/ø/å
    ("seerlig", "bern") is not held against them.
    """
    return judge_repaired(texts)[0]


def judge_repaired(texts: Sequence[str]) -> tuple[list[Quality], list[str]]:
    """`judge_texts`, and the texts as repaired for judging."""
    from ..repair import repair_texts
    from ..repair.lexicon import load_lexicon

    lexicon = load_lexicon()
    repaired, _ = repair_texts(list(texts))
    out = []
    for text in repaired:
        good = bad = 0.0
        for token in text.split():
            for part in token.split("/"):
                good_chars, bad_chars = _judge_token(part, lexicon)
                good += good_chars
                bad += bad_chars
        out.append(Quality(good, bad))
    return out, repaired


def _judge_token(token: str, lexicon: Lexicon) -> tuple[int, int]:
    """(good, bad) characters of one whitespace- and slash-separated token."""
    core = token.strip(PUNCTUATION)
    if not any(ch.isalnum() for ch in core):
        return 0, 0 if not token or token in NEUTRAL_SYMBOLS else len(token)
    if any(ch.isdigit() for ch in core):
        return len(core), 0
    if token.endswith("-") or "." in core or "@" in core:
        return 0, 0  # a suspended compound ("børne- og"), a web or mail address
    if lexicon.knows(core):
        return len(core), 0
    if len(core) >= 3 and lexicon.english.get(core.lower(), 0.0) >= ENGLISH_ZIPF:
        return len(core), 0
    if len(core) >= MIN_COMPOUND_LEN and lexicon.loose_split(core.lower()):
        return len(core), 0
    if core.isupper() and len(core) >= 2:
        return 0, 0  # an acronym ("UUR", "PPR")
    if len(core) >= MIN_NAME_LEN and core[0].isupper():
        return 0, 0  # a name, most likely: neither evidence for nor against
    return 0, len(core)


def judge(regions: Sequence[Sequence[Word]], width: float) -> list[Quality]:
    """Quality of each region, given as its words in reading order."""
    texts = [" ".join(w.text for w in words) for words in regions]
    return [
        Quality(q.good, q.bad, missing_letters(words, width))
        for q, words in zip(judge_texts(texts), regions, strict=True)
    ]
