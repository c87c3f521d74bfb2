"""Measure issue 11 item 4: the English OCR layer, repaired, against a `-l dan` reading of
the same page image, and the two combined (`delaftale_cli.repair.readings.combine`).

Each gold text given is rendered afresh (LibreOffice, as tools/make_repair_devset.py does,
fonts and resolutions rotating), rasterised once, and OCR'd from that one image with
`tesseract -l eng` and with `tesseract -l dan`. Written to OUT_DIR: NAME.gold.txt,
NAME.ocr.txt (English model), NAME.dan.txt (Danish model), NAME.rep.txt (English,
repaired), NAME.both.txt (combined). Score each with the shared scorer:

    python3 ../shared/eval/score_repair.py --pairs OUT_DIR --output-suffix rep|dan|both

Usage: python tools/two_readings.py OUT_DIR GOLD.txt ...
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.make_repair_devset import DPIS, FONTS, write_fodt


def ocr(image: Path, lang: str) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", str(image), "-", "-l", lang],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return done.stdout


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    from delaftale_cli.repair import repair_texts
    from delaftale_cli.repair.readings import combine

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    golds = [Path(p) for p in argv[1:]]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        names = []
        for n, gold in enumerate(golds):
            name = gold.name.removesuffix(".gold.txt")
            names.append(name)
            write_fodt(gold.read_text(encoding="utf-8").strip(), FONTS[n % len(FONTS)],
                       work / f"{name}.fodt")  # fmt: skip
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless"]
            + ["--convert-to", "pdf", "--outdir", str(work)]
            + [str(work / f"{name}.fodt") for name in names],
            check=True,
            capture_output=True,
        )
        for n, (name, gold) in enumerate(zip(names, golds, strict=True)):
            dpi = DPIS[(n // len(FONTS)) % len(DPIS)]
            prefix = work / name
            pdf = work / f"{name}.pdf"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True)
            images = sorted(work.glob(f"{name}-*.pgm"))
            eng = "\n".join(ocr(image, "eng") for image in images)
            dan = "\n".join(ocr(image, "dan") for image in images)
            (repaired,), _ = repair_texts([eng])
            texts = {
                "gold": gold.read_text(encoding="utf-8"),
                "ocr": eng,
                "dan": dan,
                "rep": repaired,
                "both": combine(eng, dan),
            }
            for suffix, text in texts.items():
                (out / f"{name}.{suffix}.txt").write_text(text, encoding="utf-8")
            print(f"{name}: {FONTS[n % len(FONTS)][0]} {dpi} dpi", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
