"""Build the bigram model the repair layer ships (src/delaftale_cli/data/ngrams/).

Sources, and only these: the Danish help of LibreOffice and GIMP as Debian installs it
(`apt-get install libreoffice-help-da gimp-help-da`: /usr/share/libreoffice/help/da/text,
/usr/share/gimp/2.0/help/da), the *training* part of its pages (tools/help_text.py: one
page in ten, by a hash of its path, is repair test data and never read here).

Kept out as well, sentence by sentence: every sentence that also occurs (same words, case
and punctuation aside) in a text of the repair test sets, tests/data/repair/sources/*.txt
and the gold side of tests/data/repair/devset/ and tests/data/repair/pairs/ (help pages
repeat boilerplate across pages, so a training page may quote a test page).

Pruned to what the repair can use (`ngrams.count_bigrams`): word pairs seen at least twice
that hold a word with æ/ø/å or a misreading of one, and the counts of the words in them.
The output is deterministic (sorted lines, gzip without a timestamp), so rebuilding from
the same package versions gives the same bytes.

Usage: python -m tools.build_ngrams [--out src/delaftale_cli/data/ngrams/bigrams-da.tsv.gz]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from delaftale_cli.repair.ngrams import SENTENCE_RE, WORD_RE, count_bigrams, write_model
from tools.help_text import ROOTS, help_pages, in_test_set, paragraphs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "delaftale_cli" / "data" / "ngrams" / "bigrams-da.tsv.gz"
TEST_TEXTS = (
    (ROOT / "tests" / "data" / "repair" / "sources", "*.txt"),
    (ROOT / "tests" / "data" / "repair" / "devset", "**/*.gold.txt"),
    (ROOT / "tests" / "data" / "repair" / "pairs", "*.gold.txt"),
)


def sentence_keys(text: str) -> Iterator[tuple[str, ...]]:
    """Each sentence of `text` as its lower-cased words (the unit the model counts)."""
    for sentence in SENTENCE_RE.findall(text.lower()):
        words = tuple(WORD_RE.findall(sentence))
        if words:
            yield words


def test_sentences() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for folder, pattern in TEST_TEXTS:
        for path in sorted(folder.glob(pattern)):
            found.update(sentence_keys(path.read_text(encoding="utf-8")))
    return found


def training_text(
    roots: Iterable[Path], excluded: set[tuple[str, ...]], stats: dict[str, int]
) -> Iterator[str]:
    """The training pages' sentences, one per item, without those of the test texts."""
    for root in roots:
        for page in sorted(help_pages(root, test_set=False)):
            assert not in_test_set(page)
            for para in paragraphs(page):
                for words in sentence_keys(para):
                    stats["sentences"] += 1
                    if words in excluded:
                        stats["excluded"] += 1
                    else:
                        yield " ".join(words)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    roots = list(ROOTS.values())
    missing = [str(r) for r in roots if not r.is_dir()]
    if missing:
        print(
            f"missing {', '.join(missing)}: apt-get install libreoffice-help-da gimp-help-da",
            file=sys.stderr,
        )
        return 1
    excluded = test_sentences()
    stats = {"sentences": 0, "excluded": 0}

    model = count_bigrams(training_text(roots, excluded, stats))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_model(model, args.out)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {len(model.pairs)} pairs, {len(model.words)} words, {model.total} tokens;"
        f" {stats['sentences']} sentences read, {stats['excluded']} left out as test text;"
        f" {size / 1e6:.2f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
