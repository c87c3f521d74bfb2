"""Which common words can be a misreading at all: an index that lets the candidate search
skip most valid words without generating a single candidate spelling.

A lower-case common word T (Zipf >= CONFIG.context_switch_window) can lose only to a
common word C with æ/ø/å that one misreading turns into T (candidates.py: a valid word is
searched for one misread letter, and a reading far rarer than it is never kept). So T has
a candidate only if T is among the one-misreading renderings of some common Danish word:
`misreadings(lexicon)` is that set, the renderings that are common words themselves
(about 900 of the 29,000 listed words). It is built from the lexicon's frequency list and
the channel's lower-case rules (0.1 s), and cached beside the lexicon, keyed by both.
The search is unchanged for every other token; the index only says where it finds nothing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile

from . import channel
from .lexicon import DANISH, Lexicon, cache_dir

FORMAT_VERSION = "misreadings-1"
_LOADED: dict[str, frozenset[str]] = {}
# lexicons made in memory, by id (holding the lexicon keeps its id from being reused)
_IN_MEMORY: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def misreadings(lexicon: Lexicon) -> frozenset[str]:
    """Common words that one lower-case misreading makes of a common word with æ/ø/å
    ("for" of "før", "bade" of "både"); cached in memory and on disk."""
    if not lexicon.source_key:  # made in memory: nothing to key a cache file by
        held = _IN_MEMORY.get(id(lexicon))
        if held is None:
            held = _IN_MEMORY[id(lexicon)] = (lexicon, build(lexicon))
        return held[1]
    key = _key(lexicon)
    known = _LOADED.get(key)
    if known is not None:
        return known
    path = cache_dir() / f"misreadings-{key}.marshal"
    try:
        found = frozenset(marshal.loads(path.read_bytes()))
    except (OSError, EOFError, TypeError, ValueError):
        found = build(lexicon)
        _write(path, found)
    _LOADED[key] = found
    return found


def build(lexicon: Lexicon) -> frozenset[str]:
    """Every common word T = C with one occurrence of a rule's letters (å, æ, ø, "lø", ...)
    written as that rule's OCR text, for the common words C with æ/ø/å."""
    zipf = lexicon.zipf
    rules = [(ocr, letters) for ocr, table in channel.LOWER_RULES.items() for letters, _ in table]
    found: set[str] = set()
    for word in zipf:
        if DANISH.isdisjoint(word):
            continue
        for ocr, letters in rules:
            i = word.find(letters)
            while i >= 0:
                rendering = word[:i] + ocr + word[i + len(letters) :]
                if rendering in zipf:
                    found.add(rendering)
                i = word.find(letters, i + 1)
    return frozenset(found)


def _key(lexicon: Lexicon) -> str:
    digest = hashlib.sha1(FORMAT_VERSION.encode())
    digest.update(lexicon.source_key.encode())
    digest.update(repr(sorted(channel.LOWER_RULES.items())).encode())
    return digest.hexdigest()[:16]


def _write(path: os.PathLike[str], found: frozenset[str]) -> None:
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".misreadings-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(sorted(found)))
        os.replace(tmp, path)
        for stale in os.listdir(folder):
            if stale.startswith("misreadings-") and stale != os.path.basename(path):
                os.unlink(os.path.join(folder, stale))
    except OSError:
        pass  # a read-only home still works, just without the cache
