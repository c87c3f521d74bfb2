"""The hostile folder: every kind of strange or malicious input a real archive holds.

For each kind, `delaftale parse` must end with exit 0 and a correct result, or with one
line on stderr naming the file and the problem and a non-zero exit; within 60 s and 2 GB
(measured with wait4 on the command), with no traceback, no "internal error", no file left
behind and the input unmodified. The files are made in tmp_path by tests/hostile/makers.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, require_tool
from .hostile import makers

DELAFTALE = Path(sys.executable).with_name("delaftale")
PDF_DATA = ROOT / "tests" / "data" / "pdf"
TIME_LIMIT = 60.0
MEMORY_LIMIT_KB = 2 << 20  # 2 GB
TITLE = "Delaftale for indsatsområdet Uddannelse og livschancer"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_kb: int


def run(*args: object, stdout: int | None = None, cwd: Path = ROOT) -> Ran:
    """Run delaftale; its exit, output, wall time and peak resident memory (its children
    included, as wait4 reports them)."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [str(DELAFTALE), *map(str, args)],
            stdout=stdout if stdout is not None else out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
        )
        timer = threading.Timer(TIME_LIMIT * 2, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
    ran = Ran(
        process.returncode,
        out_path.read_text(encoding="utf-8", errors="replace"),
        err_path.read_text(encoding="utf-8", errors="replace"),
        seconds,
        usage.ru_maxrss,
    )
    out_path.unlink()
    err_path.unlink()
    return ran


def _fingerprint(path: Path) -> object:
    info = os.lstat(path)
    if path.is_file() and not path.is_symlink():
        return (info.st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
    return (info.st_mode, info.st_rdev, os.readlink(path) if path.is_symlink() else None)


def assert_clean(ran: Ran) -> None:
    assert ran.seconds < TIME_LIMIT, f"took {ran.seconds:.1f} s"
    assert ran.peak_kb < MEMORY_LIMIT_KB, f"peak {ran.peak_kb >> 10} MB"
    assert "Traceback" not in ran.stderr, ran.stderr
    assert "internal error" not in ran.stderr, ran.stderr


def assert_one_line_error(ran: Ran, name: str, problem: str) -> None:
    assert ran.code != 0, ran
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    assert lines[0].startswith("delaftale: error: "), lines
    assert name in lines[0], lines[0]
    assert re.search(problem, lines[0]), lines[0]


# --- parse: each kind of input -------------------------------------------------------------


def _ok_title(output: dict[str, object]) -> None:
    assert output["title"] == TITLE


def _ok_no_secrets(output: dict[str, object]) -> None:
    assert output["title"] == TITLE
    assert "SECRET" not in json.dumps(output)


def _ok_no_controls(output: dict[str, object]) -> None:
    assert output["title"] == TITLE
    assert not CONTROL.search(json.dumps(output, ensure_ascii=False).replace("\n", ""))
    assert "\\u00" not in json.dumps(output, ensure_ascii=False)


def _ok_rtf(output: dict[str, object]) -> None:
    assert output["source"]["format"] == "rtf"  # type: ignore[index]
    assert output["title"] == TITLE
    assert "\\par" not in json.dumps(output, ensure_ascii=False)


def _ok_read_with_ocr(output: dict[str, object]) -> None:
    assert output["title"] == TITLE
    assert output["source"]["text_source"] == "ocr_run"  # type: ignore[index]
    assert "pdf_text_unreadable" in {w["code"] for w in output["warnings"]}  # type: ignore[attr-defined]


def _ok_entity_removed(output: dict[str, object]) -> None:
    assert output["title"] == TITLE  # the text after the entity is kept
    assert "xml_entities" in {w["code"] for w in output["warnings"]}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Kind:
    make: Callable[[Path], Path]  # given a folder, makes the file there
    problem: str | None = None  # regex of the one-line error; None: exit 0 expected
    check: Callable[[dict[str, object]], None] | None = None
    needs: str | None = None


def _in(name: str, maker: Callable[[Path], Path]) -> Callable[[Path], Path]:
    return lambda folder: maker(folder / name)


KINDS: dict[str, Kind] = {
    "fifo": Kind(_in("pipe.pdf", makers.fifo), r"FIFO.*not a regular file"),
    "symlink to /dev/zero": Kind(
        _in("zero.txt", lambda p: makers.link_to(p, "/dev/zero")), "a device"
    ),
    "broken symlink": Kind(
        _in("gone.docx", lambda p: makers.link_to(p, "/nonexistent/x.docx")), "broken symbolic"
    ),
    "directory": Kind(_in("folder.pdf", lambda p: (p.mkdir(), p)[1]), "is a directory"),
    "empty file": Kind(_in("empty.docx", lambda p: (p.write_bytes(b""), p)[1]), "empty"),
    "random bytes as .pdf": Kind(
        _in("x.pdf", lambda p: (p.write_bytes(os.urandom(4096)), p)[1]), "not a PDF"
    ),
    "PDF reference loop": Kind(_in("loop.pdf", makers.pdf_reference_loop), "PDF"),
    "PDF 50 MB content stream": Kind(
        _in("huge-page.pdf", makers.pdf_huge_content_stream), "content stream inflates"
    ),
    "PDF junk before header": Kind(
        _in(
            "junk.pdf",
            lambda p: makers.pdf_with_junk_before_header(p, SAMPLES / "viborg-uddannelse.pdf"),
        ),
        check=_ok_title,
    ),
    "PDF fonts without ToUnicode": Kind(
        _in(
            "no-map.pdf",
            lambda p: makers.pdf_without_tounicode(p, SAMPLES / "viborg-uddannelse.pdf"),
        ),
        check=_ok_read_with_ocr,
        needs="tesseract",
    ),
    "PDF fonts with a wrong Unicode map": Kind(
        _in("shifted.pdf", makers.pdf_with_wrong_unicode_map),
        check=_ok_read_with_ocr,
        needs="tesseract",
    ),
    "docx zip bomb, lying headers": Kind(_in("bomb.docx", makers.docx_zip_bomb), "zip bomb"),
    "docx zip bomb, honest headers": Kind(
        _in("bomb2.docx", lambda p: makers.docx_zip_bomb(p, 600, lie=False)), "zip bomb"
    ),
    "docx undefined XML entity": Kind(
        _in("entity.docx", makers.docx_with_entity), check=_ok_entity_removed
    ),
    "docx entity declared in a DOCTYPE": Kind(
        _in("doctype.docx", lambda p: makers.docx_with_entity(p, "x", declared="")),
        check=_ok_entity_removed,
    ),
    "PNG decompression bomb": Kind(_in("bomb.png", makers.png_decompression_bomb), "too large"),
    "truncated PNG": Kind(_in("cut.png", makers.truncated_png), "not a readable image"),
    "UTF-16 text with BOM": Kind(_in("u16.txt", makers.utf16_text), check=_ok_title),
    "UTF-16 text without BOM": Kind(
        _in("u16le.txt", lambda p: makers.utf16_text(p, bom=False)), check=_ok_title
    ),
    "cp1252 text": Kind(_in("windows.txt", makers.cp1252_text), "not valid UTF-8.*cp1252"),
    "control characters": Kind(
        _in("ctl.txt", makers.text_with_control_characters), check=_ok_no_controls
    ),
    "HTML script/style/template": Kind(
        _in("page.html", makers.html_with_scripts), check=_ok_no_secrets
    ),
    "RTF named .txt": Kind(_in("notes.txt", makers.rtf_named_txt), check=_ok_rtf, needs="soffice"),
    "200 MB text": Kind(_in("huge.txt", makers.huge_text), "too large"),
    "zip of a docx named .docx": Kind(
        _in("nested.docx", makers.zip_of_docx), "zip file but not a Word document"
    ),
    "truncated docx": Kind(_in("cut.docx", makers.truncated_docx), "damaged or not a zip"),
    "docx without word/document.xml": Kind(
        _in("hollow.docx", makers.docx_without_document), "no word/document.xml"
    ),
    "text named .docx": Kind(
        _in("notes.docx", lambda p: shutil.copy(SAMPLES / "viborg-uddannelse.seed.txt", p)),
        "not a zip package",
    ),
    "encrypted PDF": Kind(
        _in("locked.pdf", lambda p: shutil.copy(PDF_DATA / "encrypted.pdf", p)),
        "password-protected",
    ),
    "truncated PDF": Kind(
        _in("cut.pdf", lambda p: shutil.copy(PDF_DATA / "truncated.pdf", p)), "damaged or truncated"
    ),
    "PDF header only": Kind(_in("head.pdf", makers.pdf_header_only), "damaged or truncated"),
    "PNG named .pdf": Kind(
        _in("scan.pdf", lambda p: shutil.copy(SAMPLES / "viborg-uddannelse.page1.png", p)),
        "not a PDF",
    ),
    "symlink loop": Kind(_in("loop.pdf", makers.symlink_loop), "symbolic link that loops"),
    "socket": Kind(_in("sock.docx", makers.unix_socket), "a socket, not a regular file"),
    "TIFF of random bytes": Kind(
        _in("scan.tif", makers.garbage_tiff),
        r"not a readable image \(cannot identify image file\)$",
    ),
    "docx with 17 million characters": Kind(
        _in("long.docx", lambda p: makers.docx_with_long_text(p, 17)),
        r"17\.0 million characters of text.*at most 16 million",
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_input_is_read_or_refused_cleanly(kind: str, tmp_path: Path) -> None:
    spec = KINDS[kind]
    if spec.needs:
        require_tool(spec.needs)
    folder = tmp_path / "in"
    folder.mkdir()
    path = spec.make(folder)
    before = _fingerprint(path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "result.json"

    ran = run("parse", "--quiet", path, "-o", out)

    assert_clean(ran)
    if spec.problem is None:
        assert ran.code == 0, ran.stderr
        assert spec.check is not None
        spec.check(json.loads(out.read_text(encoding="utf-8")))
        assert sorted(p.name for p in out_dir.iterdir()) == ["result.json"]
    else:
        assert_one_line_error(ran, path.name, spec.problem)
        assert list(out_dir.iterdir()) == [], "an output was left behind"
    assert _fingerprint(path) == before, "the input was modified"
    assert sorted(p.name for p in folder.iterdir()) == [path.name], "a file was left beside it"


def test_unreadable_text_layer_is_named_on_stderr(tmp_path: Path) -> None:
    require_tool("tesseract")
    path = makers.pdf_without_tounicode(tmp_path / "no-map.pdf", SAMPLES / "viborg-uddannelse.pdf")
    out = tmp_path / "out.json"
    ran = run("parse", path, "-o", out)
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    assert re.search(r"warnings? \(.*pdf_text_unreadable 1", ran.stderr), ran.stderr
    warnings = json.loads(out.read_text(encoding="utf-8"))["warnings"]
    [note] = [w for w in warnings if w["code"] == "pdf_text_unreadable"]
    assert note["message"].startswith("page 1: ") and "no Unicode mapping" in note["message"]


# --- parse: outputs that cannot be written -------------------------------------------------


def _seed_copy(folder: Path) -> Path:
    path = folder / "aftale.txt"
    path.write_bytes((SAMPLES / "viborg-uddannelse.seed.txt").read_bytes())
    return path


@pytest.mark.parametrize("via_link", [False, True])
def test_output_onto_the_input_is_refused(tmp_path: Path, via_link: bool) -> None:
    path = _seed_copy(tmp_path)
    before = _fingerprint(path)
    target = path
    if via_link:
        target = tmp_path / "link.json"
        target.symlink_to(path)
    ran = run("parse", path, "-o", target)
    assert_clean(ran)
    assert_one_line_error(ran, "--out", "is the input file")
    assert _fingerprint(path) == before


def test_output_onto_the_input_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes((SAMPLES / "viborg-uddannelse.docx").read_bytes())
    before = _fingerprint(path)
    ran = run("parse", path, "-o", tmp_path / "." / "a.docx")
    assert_one_line_error(ran, "a.docx", "is the input file")
    assert _fingerprint(path) == before


def test_output_that_is_a_directory(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    (tmp_path / "out.json").mkdir()
    ran = run("parse", path, "-o", tmp_path / "out.json")
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "out.json", "is a directory")
    assert list((tmp_path / "out.json").iterdir()) == []


def test_output_to_dev_full(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    ran = run("parse", path, "-o", "/dev/full")
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "/dev/full", "disk is full")
    assert Path("/dev/full").is_char_device()  # written into, never replaced


def test_stdout_is_dev_full(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    with open("/dev/full", "wb") as full:
        ran = run("parse", path, stdout=full.fileno())
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "standard output", "disk is full")


def run_unprivileged(*command: object) -> Ran:
    """`run`, but as root without the capability that lets root write anywhere (so a
    read-only folder is read-only)."""
    if os.geteuid() != 0:
        return run(*command)
    setpriv = require_tool("setpriv")
    done = subprocess.run(
        [setpriv, "--bounding-set", "-dac_override", "--", str(DELAFTALE), *map(str, command)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Ran(done.returncode, done.stdout, done.stderr, 0.0, 0)


def test_output_folder_read_only(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    ran = run_unprivileged("parse", path, "-o", locked / "x.json")
    locked.chmod(0o755)
    assert ran.code == 2, ran.stderr
    assert_one_line_error(ran, "x.json", "permission denied")
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("to", ["csv", "xlsx", "parquet"])
def test_export_into_a_read_only_folder(tmp_path: Path, to: str) -> None:
    agreement = tmp_path / "a.json"
    agreement.write_text(makers.agreement_json(), encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    ran = run_unprivileged("export", agreement, "--to", to, "-o", locked / f"out.{to}")
    locked.chmod(0o755)
    assert ran.code == 2, ran.stderr
    assert_one_line_error(ran, f"out.{to}", "(?i)permission denied")
    assert list(locked.iterdir()) == []


def test_schema_out_onto_a_file_or_a_read_only_folder(tmp_path: Path) -> None:
    file = tmp_path / "schemas"
    file.write_text("mine", encoding="utf-8")
    ran = run("schema", "--out", file)
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "schemas", "cannot be written")
    assert file.read_text(encoding="utf-8") == "mine"
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    ran = run_unprivileged("schema", "--out", locked)
    locked.chmod(0o755)
    assert ran.code == 2, ran.stderr
    assert_one_line_error(ran, "locked", "(?i)permission denied")
    assert list(locked.iterdir()) == []


def _bad_name(folder: Path, suffix: str) -> str:
    """A file name with Latin-1 bytes (not UTF-8), as os functions take it."""
    return os.fsdecode(os.fsencode(folder) + b"/bad-\xe6\xf8" + suffix.encode())


def test_parse_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    name = _bad_name(tmp_path, ".txt")
    with open(name, "wb") as handle:
        handle.write((SAMPLES / "viborg-uddannelse.seed.txt").read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    ran = run("parse", name, "-o", out / "x.json")
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "bad-\\xe6\\xf8.txt", "file name is not valid UTF-8; rename")
    assert list(out.iterdir()) == []


def test_validate_and_export_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    name = _bad_name(tmp_path, ".json")
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(makers.agreement_json())
    ran = run("validate", name)
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    assert "bad-\\xe6\\xf8.json:" in ran.stderr  # shown escaped, not as surrogates
    ran = run("export", name, "--to", "csv", "-o", tmp_path / "out")
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    agreements = (tmp_path / "out" / "agreements.csv").read_text(encoding="utf-8")
    assert "bad-\\xe6\\xf8.json" in agreements


def _small_disk(path: Path, size: str) -> None:
    """Mount a tmpfs of `size` at `path` (root only); skip where that is not possible."""
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full disk is simulated with a small tmpfs, which needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


def _unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], check=False)


def test_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    disk = tmp_path / "disk"
    _small_disk(disk, "16k")
    try:
        ran = run("parse", path, "-o", disk / "x.json")
        left = list(disk.iterdir())
    finally:
        _unmount(disk)
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "x.json", "disk is full")
    assert left == []


# --- the library: an input rewritten while it is read ----------------------------------------


def test_input_changed_while_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delaftale_cli import api, extractors
    from delaftale_cli.api import parse_file

    path = _seed_copy(tmp_path)
    real = extractors.extract
    calls: list[int] = []

    def rewriting(source: Path, **kwargs: object) -> object:
        if not calls:  # another program appends while the first reading runs
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\nTilføjet.\n")
        calls.append(1)
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extractors, "extract", rewriting)
    agreement = parse_file(path, repair=False)
    assert len(calls) == 2
    assert agreement.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert api.CHANGED_RETRIES == 1


def test_input_changing_all_the_time_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delaftale_cli import extractors
    from delaftale_cli.api import parse_file
    from delaftale_cli.errors import InputError

    path = _seed_copy(tmp_path)
    real = extractors.extract

    def rewriting(source: Path, **kwargs: object) -> object:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("x")
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extractors, "extract", rewriting)
    with pytest.raises(InputError, match="changed while it was being read"):
        parse_file(path, repair=False)


# --- batch ---------------------------------------------------------------------------------


def test_batch_odd_names_are_one_entry_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = (SAMPLES / "viborg-uddannelse.seed.txt").read_bytes()
    (folder / "good.txt").write_bytes(seed)
    bad_name = os.fsencode(folder) + b"/bad-\xe6\xf8.txt"  # Latin-1 bytes: not UTF-8
    with open(bad_name, "wb") as handle:
        handle.write(seed)
    long_name = "l" * 251 + ".txt"  # 255 bytes: with ".json" too long for the file system
    (folder / long_name).write_bytes(seed)
    out = tmp_path / "out"

    ran = run("batch", folder, "-o", out, "--jobs", "1", "--quiet")

    assert_clean(ran)
    assert ran.code == 1, ran.stderr
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    by_name = {Path(r["path"]).name: r for r in records}
    assert len(records) == 3
    assert by_name["good.txt"]["status"] == "ok"
    bad = by_name["bad-\\xe6\\xf8.txt"]
    assert (bad["status"], bad["error_kind"]) == ("failed", "input")
    assert "not valid UTF-8" in bad["error"]
    long = by_name[long_name]
    assert long["status"] == "ok", long
    assert (out / long["output"]).is_file()
    assert len(os.fsencode(Path(long["output"]).name)) <= 255
    assert os.path.exists(bad_name), "the input was touched"


def test_batch_a_name_with_a_newline_is_one_entry(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.txt").write_bytes((SAMPLES / "viborg-uddannelse.seed.txt").read_bytes())
    out = tmp_path / "out"
    ran = run("batch", folder, "-o", out, "--jobs", "1", "--quiet")
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    [record] = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert (record["status"], record["output"]) == ("ok", "a\nb.txt.json")
    assert (out / "a\nb.txt.json").is_file()


def test_parse_standard_input_that_never_ends() -> None:
    with open("/dev/zero", "rb") as zero:
        started = time.monotonic()
        done = subprocess.run(
            [str(DELAFTALE), "parse", "-"], stdin=zero, capture_output=True, text=True, timeout=120
        )
    ran = Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - started, 0)
    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, "-: ", "is over 256 MB.*give its path instead")


def test_parse_a_file_without_read_permission(tmp_path: Path) -> None:
    path = _seed_copy(tmp_path)
    path.chmod(0)
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        setpriv = require_tool("setpriv")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    else:
        command = []
    done = subprocess.run(
        [*command, str(DELAFTALE), "parse", str(path), "-o", str(out / "x.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    path.chmod(0o644)
    ran = Ran(done.returncode, done.stdout, done.stderr, 0.0, 0)
    assert ran.code == 2, ran.stderr
    assert_one_line_error(ran, "aftale.txt", "permission denied")
    assert list(out.iterdir()) == []


def test_batch_sigterm_finishes_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02}.md").write_bytes((SAMPLES / "randers-uddannelse.seed.md").read_bytes())
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(DELAFTALE), "batch", str(folder), "-o", str(out), "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if manifest.exists() and manifest.read_text(encoding="utf-8").count("\n") >= 1:
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode != 0
    assert "rerun with --resume" in stderr, stderr
    assert "Traceback" not in stderr
    records = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(records) < 12
    outputs = {p.relative_to(out).as_posix() for p in out.rglob("*.json")}
    assert outputs == {r["output"] for r in records if r["status"] == "ok"}
    assert not list(out.rglob("*.tmp"))


def test_batch_full_disk_stops_early_as_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_bytes((SAMPLES / "viborg-uddannelse.seed.txt").read_bytes())
    out = tmp_path / "out"
    _small_disk(out, "60k")  # room for the manifest and one output, not for two
    try:
        ran = run("batch", folder, "-o", out, "--jobs", "1", "--quiet")
        text = (out / "manifest.jsonl").read_text(encoding="utf-8")
        left = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    finally:
        _unmount(out)
    assert_clean(ran)
    assert ran.code == 1
    assert "disk is full" in ran.stderr and "--resume" in ran.stderr, ran.stderr
    records = [json.loads(line) for line in text.splitlines()]
    failed = [r for r in records if r["status"] == "failed"]
    assert failed and all(r["error_kind"] == "output" for r in failed)
    assert len(records) < 6  # stopped early instead of failing every file
    assert left == []


# --- validate: any JSON or YAML ------------------------------------------------------------

VALIDATE_KINDS: dict[str, tuple[Callable[[Path], Path], str, int | None]] = {
    # kind: (maker, problem, line it is on)
    "JSON nested 100,000 deep": (
        _in("deep.json", makers.json_nested),
        "nested more than 64 levels",
        1,
    ),
    "NaN": (
        _in("nan.json", lambda p: makers.json_replacing(p, '"pages": null', '"pages": NaN')),
        "NaN is not a JSON number",
        7,
    ),
    "Infinity": (
        _in("inf.json", lambda p: makers.json_replacing(p, '"pages": null', '"pages": -Infinity')),
        "Infinity is not a JSON number",
        7,
    ),
    "5,000-digit integer": (
        _in(
            "big.json",
            lambda p: makers.json_replacing(p, '"pages": null', '"pages": ' + "9" * 5000),
        ),
        "5000 digits",
        7,
    ),
    "duplicate key": (
        _in(
            "dup.json",
            lambda p: makers.json_replacing(p, '"title": ', '"title": "x",\n  "title": '),
        ),
        "duplicate key 'title'",
        None,
    ),
    "YAML .nan": (
        _in("nan.yaml", lambda p: (p.write_text("title: .nan\n", encoding="utf-8"), p)[1]),
        "not a finite number",
        1,
    ),
    "YAML alias bomb": (_in("bomb.yaml", makers.yaml_alias_bomb), "aliases", None),
    "500 MB JSON": (
        _in("big500.json", lambda p: makers.huge_text(p, 500)),
        "is 500.0 MB, more than an agreement file can be (at most 32 MB)",
        None,
    ),
    "FIFO": (_in("pipe.json", makers.fifo), "not a regular file", None),
}


def test_validate_json_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + makers.agreement_json().encode("utf-8"))
    ran = run("validate", path)
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    assert "1 valid, 0 invalid" in ran.stderr + ran.stdout


@pytest.mark.parametrize("kind", list(VALIDATE_KINDS))
def test_validate_is_safe_on_any_json_or_yaml(kind: str, tmp_path: Path) -> None:
    make, problem, line = VALIDATE_KINDS[kind]
    path = make(tmp_path)
    before = _fingerprint(path)

    ran = run("validate", path)

    assert_clean(ran)
    assert ran.code != 0
    report = ran.stdout + ran.stderr
    found = [row for row in report.splitlines() if row.startswith(str(path))]
    assert found, report
    assert problem in found[0], found
    if line is not None:
        assert found[0].startswith(f"{path}:{line}:"), found[0]
    assert _fingerprint(path) == before


def test_validate_a_500_mb_json_is_refused_by_its_size(tmp_path: Path) -> None:
    """Refused by its size before it is read (so a sparse file stands for it): the message
    names the file, its size and the limit, documented in the README."""
    path = makers.json_padded(tmp_path / "big.json", 500, sparse=True)
    ran = run("validate", path)
    exported = run("export", path, "--to", "csv", "-o", tmp_path / "out.csv")
    assert_clean(ran)
    assert ran.code == 2, ran  # not read, so neither valid nor invalid
    first = ran.stderr.splitlines()[0]
    assert first == (
        f"{path}: (file): is 500.0 MB, more than an agreement file can be (at most 32 MB); "
        "refusing to read it"
    )
    assert_clean(exported)
    assert_one_line_error(exported, str(path), r"is 500\.0 MB, .*\(at most 32 MB\)")
    assert "not a valid agreement" not in exported.stderr
    assert not (tmp_path / "out.csv").exists()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "at most 32 MB" in readme


def test_a_valid_json_over_the_size_limit_is_refused_not_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A valid agreement file over the limit (lowered to 1 MB here) is refused by its size,
    as the 500 MB one is, and validated once the limit is above it."""
    from delaftale_cli import validation_limits
    from delaftale_cli.validation import validate_file

    path = makers.json_padded(tmp_path / "valid.json", 1.5)
    monkeypatch.setattr(validation_limits, "MAX_FILE_BYTES", 1 << 20)
    [problem] = validate_file(path)
    assert (problem.kind, problem.message) == (
        "unreadable",
        "is 1.5 MB, more than an agreement file can be (at most 1 MB); refusing to read it",
    )
    monkeypatch.setattr(validation_limits, "MAX_FILE_BYTES", 2 << 20)
    assert [p for p in validate_file(path) if p.severity == "error"] == []


def test_validate_a_valid_agreement_near_the_limit(tmp_path: Path) -> None:
    path = makers.json_with_sections(tmp_path / "long.json", 28)
    assert 25 << 20 < path.stat().st_size < 32 << 20
    ran = run("validate", path)
    assert_clean(ran)
    assert ran.code == 0, ran.stderr
    assert ran.stderr.strip().endswith("1 valid, 0 invalid")


def test_validate_standard_input_that_never_ends(tmp_path: Path) -> None:
    started = time.monotonic()
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [str(DELAFTALE), "validate", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert time.monotonic() - started < TIME_LIMIT
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[0] == (
        "-: (file): is over 32 MB, more than an agreement file can be (at most 32 MB); "
        "refusing to read it"
    )


@pytest.mark.parametrize("kind", list(VALIDATE_KINDS))
def test_export_is_safe_on_any_json_or_yaml(kind: str, tmp_path: Path) -> None:
    make, problem, _ = VALIDATE_KINDS[kind]
    path = make(tmp_path)
    before = _fingerprint(path)
    out = tmp_path / "out"

    ran = run("export", path, "--to", "csv", "-o", out)

    assert_clean(ran)
    assert ran.code == 2
    assert_one_line_error(ran, str(path), re.escape(problem))
    assert not out.exists()
    assert _fingerprint(path) == before
