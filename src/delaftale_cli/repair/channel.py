"""The OCR channel: how an English OCR model misreads Danish æ, ø and å.

`SUBSTITUTIONS` maps what the OCR wrote to the Danish letter it stands for, with the
share of that letter's damaged occurrences showing this misreading (measured on
`tesseract -l eng` output of rendered Danish pages; see docs/repair.md). Candidate
generation applies any few of them at once, so one word can hold several damaged letters.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

# (OCR text, Danish letter, share of that letter's damaged occurrences)
SUBSTITUTIONS: tuple[tuple[str, str, float], ...] = (
    ("a", "å", 0.96),
    ("A", "å", 0.005),
    ("d", "å", 0.02),
    ("&", "å", 0.01),
    ("3", "å", 0.01),
    ("8", "å", 0.01),
    ("4", "å", 0.003),
    ("a8", "å", 0.005),
    ("a3", "å", 0.003),
    ("ad", "å", 0.003),
    ("é", "å", 0.003),
    ("ee", "æ", 0.50),
    ("e", "æ", 0.20),
    ("ae", "æ", 0.15),
    ("ze", "æ", 0.10),
    ("z", "æ", 0.02),
    ("a", "æ", 0.02),
    ("zee", "æ", 0.005),
    ("aee", "æ", 0.005),
    ("eae", "æ", 0.005),
    ("aze", "æ", 0.005),
    ("eze", "æ", 0.01),
    ("se", "æ", 0.005),
    ("ge", "æ", 0.005),
    ("aes", "æ", 0.005),
    ("ea", "æ", 0.003),
    ("ce", "æ", 0.003),
    ("g", "ø", 0.32),
    ("o", "ø", 0.22),
    ("e", "ø", 0.20),
    ("a", "ø", 0.15),
    ("@", "ø", 0.05),
    ("0", "ø", 0.005),
    ("oe", "ø", 0.01),
    ("ge", "ø", 0.01),
    ("eg", "ø", 0.005),
    ("g@", "ø", 0.01),
    ("e@", "ø", 0.005),
    ("@g", "ø", 0.005),
    ("ag", "ø", 0.005),
    ("oa", "ø", 0.005),
    ("a@", "ø", 0.005),
    ("eo", "ø", 0.003),
    ("ga", "ø", 0.003),
    ("e@g", "ø", 0.003),
    # "l" read as "i" before a damaged letter: "lø" as "ig" inside a word, as "Ig" at its
    # start ("laeringsforigb", "Igbende"), "læ" as "iae" ("Planiaegge")
    ("ig", "lø", 0.01),
    ("iga", "lø", 0.003),
    ("iae", "læ", 0.003),
    ("iee", "læ", 0.003),
)

# capital letters: the OCR writes these for Å, Ø, Æ
UPPER_SUBSTITUTIONS: tuple[tuple[str, str, float], ...] = (
    ("A", "Å", 0.97),
    ("O", "Ø", 0.35),
    ("G", "Ø", 0.25),
    ("@", "Ø", 0.30),
    ("0", "Ø", 0.05),
    ("AE", "Æ", 0.40),
    ("Ae", "Æ", 0.15),
    ("Ee", "Æ", 0.20),
    ("Ze", "Æ", 0.10),
    ("E", "Æ", 0.10),
    ("ZE", "Æ", 0.05),
    ("EE", "Æ", 0.10),
    ("A", "Æ", 0.01),
    # a word-opening Æ read as a currency sign (dev part: "€" 3 and "£" 1 of the 10
    # damaged Æ; shares kept below those of so small a sample)
    ("€", "Æ", 0.2),
    ("£", "Æ", 0.05),
)

# a Danish letter the OCR dropped altogether ("rdighed" = rådighed)
DROPPED_LETTER_LOGP = math.log10(0.005)

# a word-initial lower-case l read as a capital I or a bar ("Igbende" = "løbende")
INITIAL_L = ("I", "|")
INITIAL_L_LOGP = math.log10(0.5)

DANISH = frozenset("æøå")
MAX_SUBSTITUTIONS = 3
MAX_SITES_FOR_THREE = 6
# candidates whose misreadings are together this unlikely (log10) are not considered
MIN_CHANNEL_LOGP = -3.5
# distinct tokens whose sites are remembered (a few MB)
SITES_CACHE = 50_000


class Site(NamedTuple):
    """One place in a token where a substitution may apply."""

    start: int
    end: int
    letter: str
    ocr: str
    logp: float


def _rules(table: tuple[tuple[str, str, float], ...]) -> dict[str, list[tuple[str, float]]]:
    rules: dict[str, list[tuple[str, float]]] = {}
    for ocr, letter, share in table:
        rules.setdefault(ocr, []).append((letter, math.log10(share)))
    return rules


LOWER_RULES = _rules(SUBSTITUTIONS)
UPPER_RULES = _rules(UPPER_SUBSTITUTIONS)
MAX_OCR_LEN = max(len(k) for k in (*LOWER_RULES, *UPPER_RULES))
# characters a misreading can start with: a token position holding none of them is skipped
FIRST_CHARS = frozenset(
    ch for key in (*LOWER_RULES, *UPPER_RULES) for ch in (key[0], key[0].upper())
)
DIGIT_RULE_MIN_LETTERS = 3
# every beginning of a lower-case rule's OCR text: a longer piece can only match when
# its shorter beginning is one of these
LOWER_PREFIXES = frozenset(key[:k] for key in LOWER_RULES for k in range(1, len(key) + 1))


@lru_cache(maxsize=SITES_CACHE)
def sites(token: str, trigrams: frozenset[str] | None = None) -> tuple[Site, ...]:
    """Every place where a Danish letter may hide in `token`, with its log10 weight.

    With `trigrams` (letter triples seen around æ/ø/å in real words), places where the
    letter would sit between impossible neighbours are left out. Remembered: a token's
    candidates are looked for in up to three ways, each asking again.
    """
    marked = f"^{token.lower()}$"
    few_letters = sum(ch.isalpha() for ch in token) < DIGIT_RULE_MIN_LETTERS
    upper_word = token.isupper()
    found: list[Site] = []
    n = len(token)
    for i in range(n):
        if token[i] not in FIRST_CHARS:
            continue
        # capitals stand for capital letters: at the start, or in an all-capital word
        capital = upper_word or (i == 0 and (token[i].isupper() or token[i] in "€£"))
        for j in range(i + 1, min(n, i + MAX_OCR_LEN) + 1):
            piece = token[i:j]
            if not capital and piece not in LOWER_PREFIXES:
                break  # no lower-case rule starts so: longer pieces match none either
            # a lone digit is a letter only inside a real word ("ansl3et"), not in "0g"
            if few_letters and piece.isdigit():
                continue
            if capital:
                if n <= 2 and piece[:1] in "OG0@":
                    continue  # "Gl", "Os": abbreviations far likelier than Ø-words
                table = UPPER_RULES.get(piece, ())
                if upper_word and not table and len(piece) == 1:
                    table = [
                        (letter.upper(), lp) for letter, lp in LOWER_RULES.get(piece.lower(), ())
                    ]
            else:
                table = LOWER_RULES.get(piece, ())
                if i == 0 and piece.startswith("@"):
                    table = [*table, *UPPER_RULES.get(piece, ())]
            for letter, logp in table:
                if trigrams is not None and not fits(marked, i + 1, j + 1, letter, trigrams):
                    continue
                found.append(Site(i, j, letter, piece, logp))
    return tuple(found)


def fits(marked: str, i: int, j: int, letter: str, trigrams: frozenset[str]) -> bool:
    """Whether `letter` replacing marked[i:j] has neighbours it has in some real word.

    Also accepted: the letter may start or end a compound part at that place.
    """
    window = marked[i - 1] + letter.lower() + marked[j]
    for k in range(1, len(window) - 1):
        if window[k] not in DANISH:
            continue
        left, ch, right = window[k - 1], window[k], window[k + 1]
        if not (
            left + ch + right in trigrams
            or "^" + ch + right in trigrams
            or left + ch + "$" in trigrams
        ):
            return False
    return True


def candidates(
    token: str, found: Sequence[Site], fewest: int = 1, most: int = MAX_SUBSTITUTIONS
) -> Iterator[tuple[str, float, tuple[Site, ...]]]:
    """Spellings `token` may stand for: (candidate, channel log10 weight, sites used).

    Applies `fewest` to `most` non-overlapping substitutions (at most two for tokens with
    many sites). `found` is in the order `sites` gives: by start, then end.
    """
    limit = min(most, MAX_SUBSTITUTIONS if len(found) <= MAX_SITES_FOR_THREE else 2)
    if limit == 1:  # one misread letter: no combinations to build
        if fewest <= 1:
            for site in found:
                if site.logp >= MIN_CHANNEL_LOGP:
                    text = token[: site.start] + site.letter + token[site.end :]
                    yield text, site.logp, (site,)
        return

    def extend(
        index: int, chosen: tuple[Site, ...], last_end: int, logp: float
    ) -> Iterator[tuple[tuple[Site, ...], float]]:
        for k in range(index, len(found)):
            site = found[k]
            total = logp + site.logp
            if site.start < last_end or total < MIN_CHANNEL_LOGP:
                continue
            picked = (*chosen, site)
            if len(picked) >= fewest:
                yield picked, total
            if len(picked) < limit:
                yield from extend(k + 1, picked, site.end, total)

    for chosen, logp in extend(0, (), 0, 0.0):
        parts: list[str] = []
        pos = 0
        for site in chosen:
            parts.append(token[pos : site.start])
            parts.append(site.letter)
            pos = site.end
        parts.append(token[pos:])
        yield "".join(parts), logp, chosen


def initial_l_variant(token: str) -> str | None:
    """`token` with a word-initial I or | read back as l ("Igbende" -> "lgbende")."""
    if len(token) > 2 and token[0] in INITIAL_L and token[1:].islower():
        return "l" + token[1:]
    return None
