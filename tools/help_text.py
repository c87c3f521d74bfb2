"""Danish prose from the installed LibreOffice and GIMP help (Debian `libreoffice-help-da`,
`gimp-help-da`).

The help pages are split by a hash of their path into two disjoint parts: the *devset*
part (about one page in ten) is rendered and OCR'd as repair test data, the rest may feed
the context model. No page is in both.

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
BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "dt", "dd", "title"}
SKIP = {"script", "style", "pre", "code", "header", "nav", "aside"}


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._depth = 0

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


def in_devset(path: Path) -> bool:
    """One help page in ten (by a hash of its path) is test data, never training data."""
    return hashlib.sha1(str(path).encode()).digest()[0] % 10 == 0


def paragraphs(package: str, devset: bool) -> Iterator[str]:
    """Paragraphs of the package's help pages in the devset part (or the other part)."""
    root = ROOTS[package]
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*.html"), key=lambda p: hashlib.sha1(str(p).encode()).digest()):
        if in_devset(path) != devset:
            continue
        parser = _Paragraphs()
        try:
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError):
            continue
        parser.close()
        yield from parser.out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ROOTS:
        print(__doc__, file=sys.stderr)
        return 2
    budget = int(argv[1])
    seen: set[str] = set()
    words = 0
    for para in paragraphs(argv[0], devset=True):
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
