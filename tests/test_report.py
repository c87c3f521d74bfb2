"""`delaftale report`: one self-contained HTML page, checked in headless Chromium: no console
errors, the numbers in the DOM are the JSON's, untrusted text stays text, and a screenshot."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from delaftale_cli.cli.app import app
from delaftale_cli.models import Agreement, Party, Source
from delaftale_cli.output import dumps
from delaftale_cli.report import write_report

from .conftest import parsed_sample

HOSTILE = "<script>alert('x')</script> & <b>fed</b>"
SHOTS = os.environ.get("DELAFTALE_SCREENSHOTS")  # a folder to keep the screenshots in


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch OUTDIR: three samples (two files of Randers, one of Viborg), an agreement with
    hostile text, and a manifest with a failed and a skipped input."""
    out = tmp_path_factory.mktemp("report") / "out"
    out.mkdir()
    for name in ("randers-uddannelse.docx", "randers-uddannelse.pdf", "viborg-uddannelse.docx"):
        (out / f"{name}.json").write_text(dumps(parsed_sample(name)), encoding="utf-8")
    hostile = Agreement.blank(
        source=Source(path="archive/hostile.docx", sha256="e" * 64, format="docx"),
        title=HOSTILE,
        municipality="Ærø Kommune",
        parties=[Party(name="Bo & Bolig <i>A/S</i>")],
    )
    (out / "hostile.docx.json").write_text(dumps(hostile), encoding="utf-8")
    manifest = [
        {"path": "archive/ødelagt.pdf", "status": "failed", "error_kind": "input",
         "error": "is not a readable PDF (damaged or truncated)"},
        {"path": "archive/scan.pdf", "status": "skipped", "error_kind": "environment",
         "error": "OCR engine tesseract is not installed"},
        {"path": "archive/randers-uddannelse.docx", "status": "ok"},
    ]  # fmt: skip
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest)
    (out / "manifest.jsonl").write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def page(batch_out: Path) -> Path:
    target = batch_out.parent / "report.html"
    result = write_report([batch_out], target)
    assert (result.agreements, result.files, result.problems) == (3, 4, 2)
    return target


def test_the_page_is_self_contained_and_keeps_danish_text(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    for outside in ("<script", "<link", "src=", "href=", "@import", "url("):
        assert outside not in html, outside
    assert set(re.findall(r"https?://[^\"' ]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "Uddannelse og livschancer" in html and "Ærø Kommune" in html
    assert "&#230;" not in html and "&aelig;" not in html  # æøå as they are
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;" in html
    assert "Bo &amp; Bolig &lt;i&gt;A/S&lt;/i&gt;" in html


def test_report_cli(batch_out: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(batch_out), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "report of 3 agreements from 4 files, 2 failed or skipped inputs" in result.stderr
    assert result.stdout.strip() == str(tmp_path / "r.html")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o666 & ~umask  # not 0600
    missing = runner.invoke(app, ["report", str(tmp_path / "nowhere"), "-o", "x.html"])
    assert missing.exit_code == 2 and "nowhere: no such file or folder" in missing.stderr
    assert not Path("x.html").exists()
    into_input = runner.invoke(app, ["report", str(batch_out), "-o", str(tmp_path / "r.json")])
    assert into_input.exit_code == 2 and "give the report an .html name" in into_input.stderr


# --- in a real browser ---------------------------------------------------------------


def _browser() -> Any:
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        hint = "apt-get install chromium chromium-driver (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"chromium and chromedriver are required in CI: {hint}")
        pytest.skip(f"headless Chromium is not installed: {hint}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


@pytest.fixture(scope="module")
def browser(page: Path) -> Any:
    driver = _browser()
    driver.get(page.as_uri())
    yield driver
    driver.quit()


def _danish(text: str) -> float:
    """'9.660 t' -> 9660.0, '48,2 %' -> 48.2: read as a Danish reader reads it."""
    number = re.match(r"-?[\d.]+(,\d+)?", text.strip())
    assert number, text
    return float(number.group(0).replace(".", "").replace(",", "."))


def _agreements(batch_out: Path) -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(batch_out.glob("*.json"))
    }


def test_renders_without_console_errors_or_scripts(browser: Any) -> None:
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return document.scripts.length") == 0
    titles = [h.text for h in browser.find_elements("css selector", "article h2")]
    assert HOSTILE in titles  # shown as text, not run or rendered


def test_the_numbers_in_the_dom_are_the_jsons(browser: Any, batch_out: Path) -> None:
    data = _agreements(batch_out)
    cards = browser.find_elements("css selector", "article.card")
    shown = {card.get_attribute("data-source"): card for card in cards}
    # Randers is one agreement in two files: one card, the Word file counted
    assert sorted(shown) == [
        "archive/hostile.docx",
        "samples/randers-uddannelse.docx",
        "samples/viborg-uddannelse.docx",
    ]
    checked = 0
    for name in ("randers-uddannelse.docx.json", "viborg-uddannelse.docx.json"):
        agreement = data[name]
        card = shown[agreement["source"]["path"]]
        for no, row in enumerate(agreement["indicators"], 1):
            bars = card.find_elements("css selector", f'tr[data-row="{no}"] g.bar')
            values = [float(b.get_attribute("data-value")) for b in bars]
            assert values == [m["value"] for m in row["measurements"]], (name, no)
            texts = [b.find_element("css selector", "text.value").text for b in bars]
            assert [_danish(t) for t in texts] == values
            checked += len(values)
        weekly: dict[str, float] = defaultdict(float)
        yearly: dict[str, float] = defaultdict(float)
        for s in agreement["staff_resources"]:
            if s["per"] == "week":
                weekly[s["activity"]] += s["hours"]
            if s["hours_per_year"] is not None:
                yearly[s["activity"]] += s["hours_per_year"]
        for basis, expected in (("week", weekly), ("year", yearly)):
            bars = card.find_elements("css selector", f'figure[data-basis="{basis}"] g.bar')
            dom = {
                b.get_attribute("data-label"): _danish(
                    b.find_element("css selector", "text.value").text
                )
                for b in bars
            }
            assert dom == {b.get_attribute("data-label"): float(b.get_attribute("data-value"))
                           for b in bars}  # fmt: skip
            assert dom == dict(expected), (name, basis)
            assert all(b.find_element("css selector", "rect").size["width"] > 0 for b in bars)
            checked += len(dom)
    assert checked > 60

    def total(name: str) -> str:
        cell = browser.find_element("css selector", f'#totals td[data-total="{name}"]')
        return cell.text

    assert total("agreements") == "3" and total("files") == "4"
    assert (total("failed"), total("skipped")) == ("1", "1")
    randers = data["randers-uddannelse.docx.json"]["staff_resources"]
    viborg = data["viborg-uddannelse.docx.json"]["staff_resources"]
    assert _danish(total("hours_per_year")) == sum(s["hours_per_year"] for s in randers) == 21818
    assert _danish(total("hours_per_week")) == sum(s["hours"] for s in viborg) == 96
    failed = browser.find_element("css selector", "#failed table").text
    assert "archive/ødelagt.pdf failed input" in failed and "archive/scan.pdf skipped" in failed


def test_screenshot_shows_the_charts(browser: Any, batch_out: Path, tmp_path: Path) -> None:
    data = _agreements(batch_out)
    expected = 0  # a chart per indicator row with numbers, one per basis of staff hours
    for name in ("randers-uddannelse.docx.json", "viborg-uddannelse.docx.json"):
        expected += sum(bool(row["measurements"]) for row in data[name]["indicators"])
        staff = data[name]["staff_resources"]
        expected += any(s["per"] == "week" for s in staff) + any(
            s["hours_per_year"] is not None for s in staff
        )
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(height + 40, 4000))
    charts = browser.find_elements("css selector", "svg.chart")
    assert len(charts) == expected
    assert all(c.size["height"] > 0 and c.size["width"] > 0 for c in charts)
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 50_000
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(SHOTS) / "report.png")
