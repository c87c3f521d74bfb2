"""The document's own evidence: readings it holds for certain."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .config import CONFIG

if TYPE_CHECKING:
    from .scoring import TokenInfo, Verdict


class Evidence:
    """What the document itself says a word is: readings it holds for certain.

    A reading counts when it occurs as written and nothing else explains it, or as the
    clear repair of a token that is not a word ("bgrns" -> "børns"); a token's own repair
    is no evidence for itself. A reading (a candidate, or the token as written) that the
    document holds gets CONFIG.document_bonus; one whose stem it holds ("fremmøde" for
    "fremmødet"), or a candidate compound whose changed parts it holds ("læring" in
    "læringsmiljø", not "lårings"), gets CONFIG.stem_bonus.
    """

    def __init__(
        self,
        readings: Counter[str],
        split: Callable[[str], tuple[str, ...]],
        own: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.readings = readings
        self.stems: Counter[str] = Counter()
        for word, n in readings.items():
            self.stems[word_stem(word)] += n
        self._split = split
        self._own = own or {}
        self._part_stems: Counter[str] | None = None

    @classmethod
    def of_raw(cls, counts: Counter[str], split: Callable[[str], tuple[str, ...]]) -> Evidence:
        """Before any decision: every token as written."""
        readings: Counter[str] = Counter()
        for tok, n in counts.items():
            readings[tok.rstrip("-").lower()] += n
        return cls(readings, split)

    @classmethod
    def of_verdicts(
        cls,
        counts: Counter[str],
        infos: dict[str, TokenInfo],
        verdicts: dict[str, Verdict],
        split: Callable[[str], tuple[str, ...]],
    ) -> Evidence:
        """After a first decision (of the tokens that are not words): words no candidate
        questions, and clear repairs."""
        readings: Counter[str] = Counter()
        own: dict[str, tuple[str, int]] = {}
        for reading, n in converging_readings(counts, infos, verdicts).items():
            readings[reading] += n
        for tok, n in counts.items():
            info, verdict = infos[tok], verdicts.get(tok)
            if not info.candidates:
                if info.known:
                    readings[tok.rstrip("-").lower()] += n
            elif (
                verdict is not None
                and verdict.choice is not None
                and verdict.lead >= CONFIG.clear_lead
            ):
                reading = verdict.choice.rstrip("-").lower()
                readings[reading] += n
                own[tok] = (reading, n)
        return cls(readings, split, own)

    def bonus(self, word: str, tok: str, changed: Sequence[int] = ()) -> float:
        """log10 bonus for reading token `tok` as `word` (`changed`: where a candidate put
        letters in; empty for the token as written)."""
        low = word.rstrip("-").lower()
        own, n_own = self._own.get(tok, ("", 0))
        if self.readings.get(low, 0) > (n_own if own == low else 0):
            return CONFIG.document_bonus
        stem = word_stem(low)
        if self.stems.get(stem, 0) > (n_own if own and word_stem(own) == stem else 0):
            return CONFIG.stem_bonus
        if changed and self._parts_held(low, changed, own, n_own):
            return CONFIG.stem_bonus
        return 0.0

    def _parts_held(self, word: str, changed: Sequence[int], own: str, n_own: int) -> bool:
        pieces = self._parts(word)
        if pieces == (word,):
            return False
        if self._part_stems is None:
            self._part_stems = Counter()
            for reading, n in self.readings.items():
                for part in set(self._parts(reading)):
                    self._part_stems[word_stem(part, CONFIG.min_part_stem)] += n
        own_stems = (
            {word_stem(part, CONFIG.min_part_stem) for part in self._parts(own)} if own else set()
        )
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if any(start <= pos < end for pos in changed):
                if len(piece) < CONFIG.short_part:
                    return False  # "ør", "gar": any document holds a short word somewhere
                stem = word_stem(piece, CONFIG.min_part_stem)
                if self._part_stems.get(stem, 0) <= (n_own if stem in own_stems else 0):
                    return False
            start = end
        return True

    def _parts(self, word: str) -> tuple[str, ...]:
        """The compound parts of `word`, or the word itself as its one part."""
        return (self._split(word) if "-" not in word else ()) or (word,)


def converging_readings(
    counts: Counter[str], infos: dict[str, TokenInfo], verdicts: dict[str, Verdict]
) -> Counter[str]:
    """Readings that several different spellings in the document lead to.

    One word misread in different ways ("Nerrevangsskolen", "Ngrrevangsskolen",
    "Norrevangsskolen"), or written intact next to a misreading, is that word: chance
    seldom makes two unknown spellings the damage of one same unknown word. Such a reading
    counts as held once per spelling beyond the first, so every spelling gains from the
    others but none from itself.
    """
    spellings: dict[str, set[str]] = {}
    for tok, verdict in verdicts.items():
        if not infos[tok].known:
            spellings.setdefault(verdict.best.rstrip("-").lower(), set()).add(tok.lower())
    for tok in counts:
        low = tok.rstrip("-").lower()
        if low in spellings and not infos[tok].known:
            spellings[low].add(low)  # the word itself, written intact
    held: Counter[str] = Counter()
    for reading, spelled in spellings.items():
        if len(spelled) >= CONFIG.converging_spellings:
            held[reading] = len(spelled) - 1
    return held


@lru_cache(maxsize=CONFIG.cache_limit)
def word_stem(word: str, shortest: int = CONFIG.min_stem) -> str:
    """`word` without its inflection ending: "fremmødet" -> "fremmød", "børns" -> "børn"."""
    for ending in CONFIG.endings:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            return word[: -len(ending)]
    return word
