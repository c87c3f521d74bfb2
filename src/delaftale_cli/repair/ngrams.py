"""A compact word-bigram model of Danish, to settle close calls by the neighbouring words.

The model ships as package data, `delaftale_cli/data/ngrams/bigrams-da.tsv.gz` (built by
`python -m tools.build_ngrams` from the Danish help of LibreOffice and GIMP, Debian's
`libreoffice-help-da` and `gimp-help-da`, without the pages and sentences of the repair
test sets; see that tool). Only bigrams that can matter are kept: those with a word holding
æ/ø/å, or a word that an English OCR model makes of one ("for" of "før", "la" of "lå").
It is read at first use and cached like the lexicon
(`$XDG_CACHE_HOME/delaftale/bigrams-da-<key>.marshal`); a missing or damaged file gives the
empty model, and the repair decides as without it.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import marshal
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .lexicon import cache_dir

FORMAT_VERSION = "bigrams-2"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "ngrams" / "bigrams-da.tsv.gz"
HEADER = "# delaftale bigrams"
WORD_RE = re.compile(r"[a-zæøåé]+")
SENTENCE_RE = re.compile(r"[^.!?:;()\n]+")
# a bigram seen once is as often a typo or a table cell run into text as real usage
MIN_COUNT = 2
# single-letter misreadings the English model makes (channel.SUBSTITUTIONS, main ones)
FOLDS = {"å": ("a",), "ø": ("o", "g", "e", "a"), "æ": ("e", "ee", "ae", "a")}


@dataclass(frozen=True)
class Bigrams:
    """Counts of word pairs ("a b") and of the words in them."""

    pairs: dict[str, int]
    words: dict[str, int]
    total: int

    def context_logp(self, prev: str | None, word: str, nxt: str | None) -> float:
        """log10 of how much likelier `word` is between `prev` and `nxt` than on its own:
        log P(word | prev) + log P(nxt | word) - log P(word) - log P(nxt), add-one
        smoothed towards the unigram; 0.0 when nothing is known."""
        if not self.total:
            return 0.0
        score = 0.0
        c_word = self.words.get(word, 0)
        p_word = (c_word + 1) / (self.total + len(self.words) + 1)
        if prev is not None:
            c_prev = self.words.get(prev, 0)
            if c_prev:
                joint = self.pairs.get(f"{prev} {word}", 0)
                score += math.log10((joint + p_word) / (c_prev + 1)) - math.log10(p_word)
        if nxt is not None:
            c_next = self.words.get(nxt, 0)
            if c_next:
                p_next = (c_next + 1) / (self.total + len(self.words) + 1)
                joint = self.pairs.get(f"{word} {nxt}", 0)
                score += math.log10((joint + p_next) / (c_word + 1)) - math.log10(p_next)
        return score


EMPTY = Bigrams({}, {}, 0)


def fold_variants(word: str) -> Iterator[str]:
    """What an English OCR model writes for `word`, one letter at a time ("før" -> "for")."""
    for i, ch in enumerate(word):
        for rep in FOLDS.get(ch, ()):
            yield word[:i] + rep + word[i + 1 :]


def count_bigrams(texts: Iterable[str]) -> Bigrams:
    """The bigram model of `texts`, keeping only pairs with an æ/ø/å word or its misreading."""
    pairs: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for text in texts:
        for sentence in SENTENCE_RE.findall(text.lower()):
            toks = WORD_RE.findall(sentence)
            words.update(toks)
            pairs.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
    danish = {w for w in words if "æ" in w or "ø" in w or "å" in w}
    matter = danish | {v for w in danish for v in fold_variants(w) if v in words}
    kept = {
        pair: n
        for pair, n in pairs.items()
        if n >= MIN_COUNT and any(part in matter for part in pair.split(" "))
    }
    needed = {part for pair in kept for part in pair.split(" ")}
    return Bigrams(kept, {w: n for w, n in words.items() if w in needed}, sum(words.values()))


def write_model(model: Bigrams, path: Path) -> None:
    """`model` as sorted tab-separated lines, gzipped without a timestamp (deterministic):
    a header with the token total, then `w<TAB>word<TAB>n` and `p<TAB>a b<TAB>n`."""
    lines = [f"{HEADER} {FORMAT_VERSION} total={model.total}"]
    lines += [f"w\t{w}\t{n}" for w, n in sorted(model.words.items())]
    lines += [f"p\t{pair}\t{n}" for pair, n in sorted(model.pairs.items())]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as fh:
        fh.write(data)


def read_model(path: Path) -> Bigrams:
    """The model `write_model` wrote (ValueError when it is not one)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        head = fh.readline().split()
        if len(head) != 5 or " ".join(head[:3]) != HEADER or head[3] != FORMAT_VERSION:
            raise ValueError(f"{path}: not a {FORMAT_VERSION} model")
        total = int(head[4].removeprefix("total="))
        pairs: dict[str, int] = {}
        words: dict[str, int] = {}
        for line in fh:
            kind, item, count = line.rstrip("\n").split("\t")
            (words if kind == "w" else pairs)[item] = int(count)
    return Bigrams(pairs, words, total)


def _source_key(path: Path) -> str:
    digest = hashlib.sha1(FORMAT_VERSION.encode())
    try:
        st = path.stat()
        digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
    except OSError:
        digest.update(b"-")
    return digest.hexdigest()[:16]


_LOADED: dict[Path, Bigrams] = {}


def load_bigrams(path: Path = SHIPPED) -> Bigrams:
    """The bigram model shipped with the package (cached after the first read; empty when
    the file is missing or damaged)."""
    if path in _LOADED:
        return _LOADED[path]
    cache = cache_dir() / f"bigrams-da-{_source_key(path)}.marshal"
    model: Bigrams | None = None
    try:
        pairs, words, total = marshal.loads(cache.read_bytes())
        model = Bigrams(pairs, words, total)
    except (OSError, EOFError, TypeError, ValueError):
        pass
    if model is None:
        try:
            model = read_model(path)
        except (OSError, EOFError, ValueError):
            model = EMPTY
        if model.total:
            _write_cache(cache, model)
    _LOADED[path] = model
    return model


def _write_cache(cache: Path, model: Bigrams) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".bigrams-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps((model.pairs, model.words, model.total)))
        os.replace(tmp, cache)
        for stale in cache.parent.glob("bigrams-da-*.marshal"):
            if stale != cache:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, just without the cache
