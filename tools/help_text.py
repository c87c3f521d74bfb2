"""Danish prose from the installed LibreOffice and GIMP help (Debian `libreoffice-help-da`,
`gimp-help-da`).

The help pages are split by a hash of their path into two disjoint parts
(`delaftale_cli.repair.ngrams.in_test_set`): the *devset* part (about one page in ten) is
rendered and OCR'd as repair test data, the rest may feed the context model. No page is in
both. The page reading is the library's own (`ngrams.help_pages`, `ngrams.paragraphs`).

Usage: python tools/help_text.py libreoffice|gimp MAX_WORDS > OUT.txt
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from delaftale_cli.repair.ngrams import help_pages, paragraphs

ROOTS = {
    "libreoffice": Path("/usr/share/libreoffice/help/da/text"),
    "gimp": Path("/usr/share/gimp/2.0/help/da"),
}


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
