"""Score the repair layer on gold/OCR pairs in one process (quicker than the scorer's
one process per pair; same repair: each OCR text is one document, `repair_texts([text])`).

Writes NAME.<suffix>.txt beside links to the pairs in a scratch folder and runs
/work/shared/eval/score_repair.py --output-suffix on it. `--clean` feeds the gold texts in
instead (the false changes on intact text). Usage:

    python bench/repair_eval.py PAIRS_DIR [--clean] [--scratch DIR] [scorer options...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCORER = Path(os.environ.get("DELAFTALE_SCORER", "/work/shared/eval/score_repair.py"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--clean", action="store_true", help="repair the gold texts")
    parser.add_argument("--scratch", type=Path)
    args, rest = parser.parse_known_args(argv)
    from delaftale_cli.repair import repair_texts

    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="repair-eval-"))
    scratch.mkdir(parents=True, exist_ok=True)
    golds = sorted(args.pairs.glob("*.gold.txt"))
    tokens, seconds = 0, 0.0
    for gold in golds:
        name = gold.name.removesuffix(".gold.txt")
        ocr = gold.with_name(name + ".ocr.txt")
        for src in (gold, ocr):
            link = scratch / src.name
            if not link.exists():
                link.symlink_to(src.resolve())
        text = (gold if args.clean else ocr).read_text(encoding="utf-8")
        start = time.process_time()
        out = repair_texts([text])[0][0]
        seconds += time.process_time() - start
        tokens += len(text.split())
        (scratch / f"{name}.out.txt").write_text(out, encoding="utf-8")
    if args.clean:  # the gold text is the OCR text: score the output against it
        for gold in golds:
            name = gold.name.removesuffix(".gold.txt")
            (scratch / f"{name}.ocr.txt").unlink()
            (scratch / f"{name}.ocr.txt").symlink_to(gold.resolve())
    print(
        f"repair CPU {seconds:.2f} s for {tokens} tokens: {tokens / seconds:,.0f} tokens/s",
        file=sys.stderr,
    )
    rest = [a for a in rest if a != "--"]
    cmd = [sys.executable, str(SCORER), "--output-suffix", "out", "--pairs", str(scratch), *rest]
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
