"""A compact word-bigram model of Danish, to settle close calls by the neighbouring words.

Built once, at first use, from Danish text the project may use: the Danish help of
LibreOffice and GIMP as installed by Debian's `libreoffice-help-da` and `gimp-help-da`
(one page in ten, chosen by a hash of its path, is kept out: those pages are the repair
test set, see tools/help_text.py). Only bigrams that can matter are kept: those with a
word holding æ/ø/å, or a word that an English OCR model makes of one ("for" of "før",
"la" of "lå"). The result is cached like the lexicon
(`$XDG_CACHE_HOME/delaftale/bigrams-da-<key>.marshal`). Without those packages the model
is empty and the repair decides as before.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import marshal
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .lexicon import cache_dir

FORMAT_VERSION = "bigrams-1"
HELP_ROOTS = (
    Path("/usr/share/libreoffice/help/da/text"),
    Path("/usr/share/gimp/2.0/help/da"),
)
BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "td", "dt", "dd", "title"})
SKIP = frozenset({"script", "style", "pre", "code", "header", "nav", "aside"})
WORD_RE = re.compile(r"[a-zæøåé]+")
SENTENCE_RE = re.compile(r"[^.!?:;()\n]+")
# a bigram seen once is as often a typo or a table cell run into text as real usage
MIN_COUNT = 2
# single-letter misreadings the English model makes (channel.SUBSTITUTIONS, main ones)
FOLDS = {"å": ("a",), "ø": ("o", "g", "e", "a"), "æ": ("e", "ee", "ae", "a")}


class _Paragraphs(HTMLParser):
    """The text blocks of one help page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", html.unescape("".join(self._buf))).strip()
        self._buf = []
        if len(text.split()) >= 6 and re.search(r"[a-zæøå]{3}", text):
            self.out.append(text)


def in_test_set(path: Path) -> bool:
    """One help page in ten (by a hash of its path) is test data, never training data."""
    return hashlib.sha1(str(path).encode()).digest()[0] % 10 == 0


def help_pages(root: Path, test_set: bool) -> list[Path]:
    """The help pages under `root` in the test part (or the training part), in hash order."""
    if not root.is_dir():
        return []
    pages = [p for p in root.rglob("*.html") if in_test_set(p) == test_set]
    return sorted(pages, key=lambda p: hashlib.sha1(str(p).encode()).digest())


def paragraphs(path: Path) -> list[str]:
    parser = _Paragraphs()
    try:
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
    except (OSError, ValueError):
        return []
    return parser.out


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


def _source_key(roots: Iterable[Path]) -> str:
    digest = hashlib.sha1(FORMAT_VERSION.encode())
    for root in roots:
        if root.is_dir():
            st = root.stat()
            digest.update(f"{root}|{st.st_mtime_ns}".encode())
        else:
            digest.update(b"-")
    return digest.hexdigest()[:16]


_LOADED: dict[str, Bigrams] = {}


def load_bigrams(roots: tuple[Path, ...] = HELP_ROOTS) -> Bigrams:
    """The cached bigram model of the installed help texts (empty without them)."""
    key = _source_key(roots)
    if key in _LOADED:
        return _LOADED[key]
    if not any(root.is_dir() for root in roots):
        _LOADED[key] = EMPTY
        return EMPTY
    cache = cache_dir() / f"bigrams-da-{key}.marshal"
    model: Bigrams | None = None
    try:
        pairs, words, total = marshal.loads(cache.read_bytes())
        model = Bigrams(pairs, words, total)
    except (OSError, EOFError, TypeError, ValueError):
        pass
    if model is None:
        texts = (
            para
            for root in roots
            for page in help_pages(root, test_set=False)
            for para in paragraphs(page)
        )
        model = count_bigrams(texts)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".bigrams-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((model.pairs, model.words, model.total)))
            os.replace(tmp, cache)
        except OSError:
            pass
    _LOADED[key] = model
    return model
