"""`make eval`: parse the whole ground-truth corpus and measure it against its truth.

A benchmark, not a test: it prints, for the development and the held-out part separately,
field accuracy and count checks per producer and field family, the same per layout, words
lost per producer, and the documents with lost words; it writes everything to
eval/results.json. Build the corpus first (`make corpus`).

    python -m tools.corpus.evaluate [--jobs 2] [--producers docx pdf] [--split dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .compare import FAMILIES, TEXT_THRESHOLD, Check, accuracy, compare
from .coverage import coverage

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "build" / "corpus"
RESULTS = ROOT / "eval" / "results.json"
PRODUCERS = ("docx", "pdf", "ocr.pdf", "scan.pdf")


def producer_of(path: Path) -> str:
    for producer in ("ocr.pdf", "scan.pdf", "docx", "pdf"):
        if path.name.endswith("." + producer):
            return producer
    raise ValueError(f"{path}: not a corpus document")


def load(path: Path) -> Any:
    """The document model the parser is given: extracted, then repaired (as `parse_file`)."""
    from delaftale_cli.extractors import extract
    from delaftale_cli.repair.document import repair_document

    return repair_document(extract(path, ocr="auto"))


def read(path: Path) -> tuple[Any, Any]:
    """The document model the parser was given and the `Agreement`, as `parse_file` makes
    them (the same steps, keeping the document for the coverage check)."""
    from delaftale_cli.api import file_sha256
    from delaftale_cli.parser import parse_document

    document, repairs = load(path)
    agreement = parse_document(document, sha256=file_sha256(path))
    agreement.repairs = repairs
    return document, agreement


def evaluate_document(path: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Checks, coverage and timing of one document against its truth. A document that
    fails to parse is measured as empty output: every field wrong, every word lost."""
    producer = producer_of(path)
    started = time.perf_counter()
    document, output, error = None, {}, None
    try:
        document, agreement = read(path)
        output = agreement.model_dump(mode="json")
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        try:
            document = load(path)[0]
        except Exception:
            document = None
    seconds = time.perf_counter() - started
    checks = compare(truth, output, TEXT_THRESHOLD[producer])
    result: dict[str, Any] = {
        "path": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
        "producer": producer,
        "error": error,
        "seconds": round(seconds, 2),
        "accuracy": accuracy(checks),
        "failed": [_failed(ch) for ch in checks if not ch.ok],
        "warnings": sorted({w["code"] for w in output.get("warnings", [])}),
    }
    if document is not None:
        cov = coverage(document, output, truth.get("_labels", []))
        result["coverage"] = {
            "body_words": cov.body_words,
            "lost": cov.lost_count,
            "lost_words": cov.lost_text(40),
            "furniture_words": sum(cov.furniture.values()),
            "label_words": sum(cov.labels.values()),
        }
    return result


def _failed(check: Check) -> dict[str, Any]:
    def short(value: Any) -> Any:
        text = value if not isinstance(value, str) else " ".join(value.split())
        return text[:120] + "…" if isinstance(text, str) and len(text) > 120 else text

    return {"field": check.field, "want": short(check.want), "got": short(check.got)}


FAILED_KEPT = 40  # failed checks written per document: enough to see the pattern, not 2 MB


def _capped(result: dict[str, Any]) -> dict[str, Any]:
    failed = result["failed"]
    count = result.get("failed_count", len(failed))  # a reused result may be capped already
    return {**result, "failed": failed[:FAILED_KEPT], "failed_count": count}


def corpus_documents(
    splits: list[str], producers: list[str], corpus: Path = CORPUS_DIR
) -> list[tuple[Path, Path, str]]:
    """(document, truth file, split) for every built corpus document, in name order."""
    out = []
    for split in splits:
        for truth in sorted((corpus / split).glob("*/*.truth.json")):
            layout = truth.name.removesuffix(".truth.json")
            for producer in producers:
                doc = truth.with_name(f"{layout}.{producer}")
                if doc.exists():
                    out.append((doc, truth, split))
    return out


def _job(item: tuple[Path, Path, str]) -> dict[str, Any]:
    doc, truth_path, split = item
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    result = evaluate_document(doc, truth)
    result["split"] = split
    result["agreement"] = truth_path.parent.name
    result["layout"] = truth_path.name.removesuffix(".truth.json")
    return result


def summarise(results: list[dict[str, Any]], axis: str) -> dict[str, dict[str, Any]]:
    """Per split and value of `axis` (producer or layout): totals per family."""
    table: dict[str, dict[str, Any]] = {}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        groups[(r["split"], r[axis])].append(r)
    for (split, value), rows in sorted(groups.items()):
        fam: dict[str, list[int]] = {f: [0, 0, 0, 0] for f in FAMILIES}
        for r in rows:
            for f in FAMILIES:
                a = r["accuracy"][f]
                fam[f][0] += a["fields_ok"]
                fam[f][1] += a["fields"]
                fam[f][2] += a["counts_ok"]
                fam[f][3] += a["counts"]
        ok = sum(v[0] for v in fam.values())
        total = sum(v[1] for v in fam.values())
        table[f"{split}/{value}"] = {
            "documents": len(rows),
            "field_accuracy": round(ok / total, 3) if total else None,
            "counts_ok": f"{sum(v[2] for v in fam.values())}/{sum(v[3] for v in fam.values())}",
            "families": {f: round(v[0] / v[1], 3) if v[1] else None for f, v in fam.items()},
            "words_lost": sum(r.get("coverage", {}).get("lost", 0) for r in rows),
            "documents_with_lost_words": sum(
                1 for r in rows if r.get("coverage", {}).get("lost", 0)
            ),
            "failed_to_parse": sum(1 for r in rows if r["error"]),
        }
    return table


def print_table(title: str, table: dict[str, dict[str, Any]]) -> None:
    """One Markdown table: a row per split/value, field accuracy per family."""
    short = {"activity_names": "act. names", "measurements": "measures"}
    heads = ["", "docs", "fields", "counts", *[short.get(f, f) for f in FAMILIES], "words lost"]
    print(f"\n{title}\n")
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * len(heads))
    for key, row in table.items():
        fams = [_pct(row["families"][f]) for f in FAMILIES]
        cells = [key, str(row["documents"]), _pct(row["field_accuracy"]), row["counts_ok"]]
        lost = f"{row['words_lost']} ({row['documents_with_lost_words']} docs)"
        print("| " + " | ".join([*cells, *fams, lost]) + " |")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--producers", nargs="*", default=list(PRODUCERS))
    parser.add_argument("--split", nargs="*", default=["dev", "heldout"])
    parser.add_argument("--agreements", nargs="*", help="content ids (default: all)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS_DIR,
        help="a corpus folder other than build/corpus (e.g. one rendered with other fonts)",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        help="an earlier results file: documents it holds are not parsed again (resume)",
    )
    args = parser.parse_args(argv)
    items = corpus_documents(args.split, args.producers, args.corpus.absolute())
    if args.agreements:
        items = [it for it in items if it[1].parent.name in args.agreements]
    if not items:
        print("eval: no corpus documents; run `make corpus` first", file=sys.stderr)
        return 1
    earlier = {}
    if args.reuse and args.reuse.exists():
        earlier = {r["path"]: r for r in json.loads(args.reuse.read_text())["documents"]}
    todo = [it for it in items if str(it[0].relative_to(ROOT)) not in earlier]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        fresh = {r["path"]: r for r in pool.map(_job, todo)}
    results = [fresh.get(p) or earlier[p] for p in (str(it[0].relative_to(ROOT)) for it in items)]
    by_producer = summarise(results, "producer")
    by_layout = summarise(results, "layout")
    print_table("Per producer (split/producer): field accuracy per family", by_producer)
    print_table("Per layout (split/layout)", by_layout)
    lost = [r for r in results if r.get("coverage", {}).get("lost")]
    print(f"\nDocuments with lost words: {len(lost)} of {len(results)}")
    for r in lost:
        print(f"  {r['path']}: {r['coverage']['lost']} lost: {r['coverage']['lost_words']}")
    failed = [r for r in results if r["error"]]
    for r in failed:
        print(f"  FAILED {r['path']}: {r['error']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "by_producer": by_producer,
        "by_layout": by_layout,
        "documents": [_capped(r) for r in results],
    }
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
