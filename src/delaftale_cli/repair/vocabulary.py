"""Danish OCR misreads checked against the lexicon and the document's own vocabulary.

Tesseract's Danish model reads æ, ø and å well, but on a blurred scan it loses the
descenders of letters in some lines: "g" comes out as "a" ("sproaliae" for "sproglige",
"Stillinasvei" for "Stillingsvej"), "j" as "i", "p" as "n". The right spelling is
usually a listed word, or a name the same document spells right elsewhere
("Stillingsvej" in the next table row).

So a word token the lexicon does not know is replaced by a spelling that

- undoes at most a few such misreads (`MISREADS`; at most 1 in a word of 4+ letters, 2
  from 7, 3 from 10: short words have too many neighbours), and
- is a listed word, or occurs at least MIN_DOCUMENT_COUNT times in the document,

and only when exactly one spelling with the fewest changes qualifies. Tokens the lexicon
knows are never touched, nor tokens with digits, nor words shorter than 4 letters. Parts
of a hyphenated word are judged one by one ("Stillinasvei-området").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from .lexicon import Lexicon, load_lexicon

# (what the OCR wrote, what the letter was): a letter whose descender was lost. Other
# confusions seen ("tilretterægge": l read as r) were left out: undoing r -> l turned
# real words and typos into other words ("fælleskaber" -> "fælleskabel").
MISREADS: tuple[tuple[str, str], ...] = (
    ("a", "g"),
    ("o", "g"),
    ("d", "g"),
    ("i", "j"),
    ("n", "p"),
    ("m", "p"),
    ("v", "y"),
)
MIN_LEN = 4
MIN_DOCUMENT_COUNT = 2
# a compound of listed parts counts as a word only with parts this long: compound
# splitting accepts nonsense made of short parts ("plan-tap-gården", "tee-page")
MIN_PART = 4
MIN_LAST_PART = 3
ENGLISH_ZIPF = 3.0
# a chunk of text holding a web or mail address: left exactly as it is
ADDRESS_RE = re.compile(r"://|www\.|@|[^\W\d_]\.[^\W\d_]{2,}")
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def max_changes(length: int) -> int:
    """Misreads undone at most in a word of `length` letters."""
    return 3 if length >= 10 else 2 if length >= 7 else 1


def _sites(word: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every place a misread may have happened."""
    sites = []
    for read, letter in MISREADS:
        start = word.find(read)
        while start >= 0:
            sites.append((start, start + len(read), letter))
            start = word.find(read, start + 1)
    return sorted(sites)


def _spellings(word: str, changes: int) -> Iterator[str]:
    """`word` with exactly `changes` non-overlapping misreads undone."""
    for chosen in itertools.combinations(_sites(word), changes):
        if any(a[1] > b[0] for a, b in itertools.pairwise(chosen)):
            continue
        parts, pos = [], 0
        for start, end, letter in chosen:
            parts.append(word[pos:start])
            parts.append(letter)
            pos = end
        parts.append(word[pos:])
        yield "".join(parts)


class Vocabulary:
    """A document's words (lower-cased counts) and the lexicon, to correct misreads."""

    def __init__(self, texts: Sequence[str], lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.counts: Counter[str] = Counter(
            part.lower()
            for text in texts
            for token in WORD_RE.findall(text)
            for part in token.split("-")
        )
        self._cache: dict[str, str | None] = {}

    def _valid(self, spelling: str) -> bool:
        """A listed word, a compound of long parts, or a spelling the document uses."""
        if self.counts[spelling.lower()] >= MIN_DOCUMENT_COUNT:
            return True
        parts = self.lexicon.parts(spelling)
        if parts == 1:
            return True
        split = self.lexicon.split(spelling.lower())
        return parts > 1 and all(
            len(part) >= (MIN_LAST_PART if i == len(split) - 1 else MIN_PART)
            for i, part in enumerate(split)
        )

    def _known(self, word: str) -> bool:
        """A word to leave alone: listed, a common English word, or used in the document."""
        return (
            self.lexicon.knows(word) or self.lexicon.english.get(word.lower(), 0.0) >= ENGLISH_ZIPF
        )

    def correct(self, word: str) -> str | None:
        """The one right spelling of a misread `word` (letters only), or None."""
        if word in self._cache:
            return self._cache[word]
        found: str | None = None
        if len(word) >= MIN_LEN and not self._known(word):
            for changes in range(1, max_changes(len(word)) + 1):
                valid = {s for s in _spellings(word, changes) if self._valid(s)}
                if valid:
                    found = valid.pop() if len(valid) == 1 else None
                    break
        self._cache[word] = found
        return found


def correct_texts(
    texts: Sequence[str], evidence: Sequence[str] | None = None
) -> tuple[list[str], Counter[tuple[str, str]]]:
    """`texts` with misread words corrected, and the changes made (original, corrected).

    The document's vocabulary is counted over `evidence` (default: `texts`).
    """
    vocabulary = Vocabulary(texts if evidence is None else evidence)
    changes: Counter[tuple[str, str]] = Counter()

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        parts = token.split("-")
        fixed = [vocabulary.correct(part) or part for part in parts]
        if fixed == parts:
            return token
        corrected = "-".join(fixed)
        changes[(token, corrected)] += 1
        return corrected

    def fix_chunk(match: re.Match[str]) -> str:
        chunk = match.group(0)
        return chunk if ADDRESS_RE.search(chunk) else WORD_RE.sub(fix, chunk)

    return [re.sub(r"\S+", fix_chunk, text) for text in texts], changes
