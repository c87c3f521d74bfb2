"""Danish prose from the installed LibreOffice and GIMP help (Debian `libreoffice-help-da`,
`gimp-help-da`).

The help pages are split by a hash of their path into two disjoint parts (`in_test_set`):
the *devset* part (about one page in ten) is rendered and OCR'd as repair test data
(tests/data/repair/sources/hjaelp-*.txt), the rest may feed the context model
(tools/build_ngrams.py). No page is in both.

Usage: python tools/help_text.py libreoffice|gimp MAX_WORDS > OUT.txt
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

ROOTS = {
    "libreoffice": Path("/usr/share/libreoffice/help/da/text"),
    "gimp": Path("/usr/share/gimp/2.0/help/da"),
}
BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "td", "dt", "dd", "title"})
SKIP = frozenset({"script", "style", "pre", "code", "header", "nav", "aside"})


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
    """One help page in ten (by a hash of its installed path) is test data, never training
    data. The hash is of the path string: the split does not depend on the package version."""
    return hashlib.sha1(str(path).encode()).digest()[0] % 10 == 0


def help_pages(root: Path, test_set: bool) -> list[Path]:
    """The help pages under `root` in the test part (or the training part), in hash order."""
    if not root.is_dir():
        return []
    pages = [p for p in root.rglob("*.html") if in_test_set(p) == test_set]
    return sorted(pages, key=lambda p: hashlib.sha1(str(p).encode()).digest())


def paragraphs(path: Path) -> list[str]:
    """The text blocks of one page of at least six words."""
    parser = _Paragraphs()
    try:
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
    except (OSError, ValueError):
        return []
    return parser.out


def devset_paragraphs(package: str) -> Iterator[str]:
    """Paragraphs of the package's help pages in the devset part, in hash order."""
    for path in help_pages(ROOTS[package], test_set=True):
        yield from paragraphs(path)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ROOTS:
        print(__doc__, file=sys.stderr)
        return 2
    budget = int(argv[1])
    seen: set[str] = set()
    words = 0
    for para in devset_paragraphs(argv[0]):
        if para in seen:
            continue
        seen.add(para)
        print(para)
        words += len(para.split())
        if words >= budget:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
