"""Batch conversion over hostile folders: every good file converts, every bad one gets a reason.

The hostile inputs are real files built here (no mocks): an encrypted PDF, a zip bomb, a PDF
that takes minutes to interpret, symlink loops, a FIFO, a file too big for the memory limit.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from delaftale_cli.batch import (
    FileResult,
    discover_inputs,
    in_shard,
    parse_shard,
    read_manifest,
    run_batch,
)
from delaftale_cli.errors import InputError, UsageError
from delaftale_cli.models import Agreement

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DELAFTALE = Path(sys.executable).parent / "delaftale"

# --- builders of hostile files ------------------------------------------------------------
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def pdf_bytes(content: bytes, *, encrypt_user_password: bytes | None = None) -> bytes:
    """A one-page PDF whose page draws `content` (a content stream), Flate-compressed.

    With `encrypt_user_password`, the file is encrypted with the standard security handler
    (RC4, 40 bit, revision 2), so readers need that password.
    """
    stream = zlib.compress(content, 9)
    file_id = hashlib.md5(content).digest()
    key = None
    encrypt_obj = b""
    if encrypt_user_password is not None:
        owner = _rc4(hashlib.md5(_padded(b"owner")).digest()[:5], _padded(encrypt_user_password))
        permissions = -4
        key = hashlib.md5(
            _padded(encrypt_user_password)
            + owner
            + permissions.to_bytes(4, "little", signed=True)
            + file_id
        ).digest()[:5]
        user = _rc4(key, _PAD)
        encrypt_obj = (
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + owner.hex().encode()
            + b"> /U <"
            + user.hex().encode()
            + b"> /P "
            + str(permissions).encode()
            + b" >>"
        )
        object_key = hashlib.md5(key + (5).to_bytes(3, "little") + b"\0\0").digest()[:10]
        stream = _rc4(object_key, stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    if encrypt_obj:
        objects.append(encrypt_obj)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R /ID [<%s> <%s>]" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    if encrypt_obj:
        trailer += b" /Encrypt 6 0 R"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _padded(password: bytes) -> bytes:
    return (password + _PAD)[:32]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def text_pdf(text: str) -> bytes:
    """A one-page PDF showing one line of (Latin-1) text."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return pdf_bytes(b"BT /F1 12 Tf 72 760 Td (" + safe.encode("latin-1") + b") Tj ET")


def slow_pdf(operations: int = 4_000_000) -> bytes:
    """A small PDF whose one page holds millions of no-op matrix operations: every PDF
    interpreter must execute them all, so reading it takes minutes (about 80 KB on disk)."""
    return pdf_bytes(b"BT /F1 12 Tf 72 760 Td (Slow page) Tj ET " + b"1 0 0 1 0 0 cm " * operations)


def zip_bomb_docx(path: Path, inflated: int = 1 << 30) -> None:
    """A .docx-shaped zip whose word/document.xml inflates to `inflated` bytes (~1 MB file)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(inflated // len(chunk)):
                member.write(chunk)


def sparse_file(path: Path, size: int) -> None:
    """A file of `size` zero bytes that takes no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)


def random_bytes(path: Path, size: int = 20_000, seed: int = 1) -> None:
    """Deterministic random bytes."""
    out = bytearray()
    block = seed.to_bytes(8, "little")
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    path.write_bytes(bytes(out[:size]))


def symlink_loop(folder: Path) -> None:
    """Two file links pointing at each other, and a folder link back to its parent."""
    os.symlink("loop-b.pdf", folder / "loop-a.pdf")
    os.symlink("loop-a.pdf", folder / "loop-b.pdf")
    sub = folder / "deeper"
    sub.mkdir(exist_ok=True)
    os.symlink("..", sub / "back-up")


# --- the hostile folder -------------------------------------------------------------------

GOOD_SAMPLES = [
    "viborg-uddannelse.docx",
    "randers-uddannelse.seed.md",
    "viborg-uddannelse.seed.txt",
]


def _hostile_folder(folder: Path) -> dict[str, str]:
    """Fill `folder`; returns input path -> expected outcome ("ok" or the error kind)."""
    expected: dict[str, str] = {}
    good = folder / "good" / "nested"
    good.mkdir(parents=True)
    for name in GOOD_SAMPLES:
        shutil.copy(SAMPLES / name, good / name)
        expected[str(good / name)] = "ok"
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    random_bytes(bad / "random.pdf")
    random_bytes(bad / "random.docx", seed=2)
    (bad / "encrypted.pdf").write_bytes(
        pdf_bytes(b"BT /F1 12 Tf 72 760 Td (Delaftale) Tj ET", encrypt_user_password=b"hemmelig")
    )
    (bad / "truncated.pdf").write_bytes((SAMPLES / "viborg-uddannelse.pdf").read_bytes()[:3000])
    zip_bomb_docx(bad / "zipbomb.docx")
    (bad / "shopping-list.md").write_text("# Indkøbsliste\n\nMælk, brød og æbler.\n")
    (bad / "not-agreement.pdf").write_bytes(text_pdf("Referat af bestyrelsesmode"))
    os.mkfifo(bad / "named-pipe.pdf")
    symlink_loop(bad)
    os.symlink("missing.docx", bad / "broken-link.docx")
    for name in (
        "empty.pdf", "random.pdf", "random.docx", "encrypted.pdf", "truncated.pdf",
        "zipbomb.docx", "shopping-list.md", "not-agreement.pdf", "named-pipe.pdf",
        "loop-a.pdf", "loop-b.pdf", "broken-link.docx",
    ):  # fmt: skip
        expected[str(bad / name)] = "input"
    (bad / "slow.pdf").write_bytes(slow_pdf())  # 60 MB of operators: refused at once
    expected[str(bad / "slow.pdf")] = "input"
    sparse_file(bad / "huge.txt", 700 << 20)
    expected[str(bad / "huge.txt")] = "input"  # refused by its size before it is read
    (bad / "sheet.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n")
    (bad / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a PNG signature, no image
    expected[str(bad / "picture.png")] = "input"
    return expected


def test_hostile_folder_finishes_with_outputs_and_reasons(tmp_path: Path) -> None:
    expected = _hostile_folder(tmp_path / "in")
    out = tmp_path / "out"

    summary = run_batch([tmp_path / "in"], out, jobs=2, timeout=45, memory_limit=640 << 20)

    got = {r.path: r for r in summary.results}
    assert set(got) == set(expected)
    for path, outcome in expected.items():
        result = got[path]
        if outcome == "ok":
            assert result.status == "ok", (path, result.error)
            output = out / str(result.output)
            assert output == out / "good" / "nested" / f"{Path(path).name}.json"
            agreement = Agreement.model_validate_json(output.read_text(encoding="utf-8"))
            assert agreement.source.sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        else:
            assert (result.status, result.error_kind) == ("failed", outcome), (path, result)
            assert result.error
            assert result.output is None
    assert summary.ignored == [str(tmp_path / "in" / "bad" / "sheet.xlsx")]
    assert summary.exit_code == 1
    manifest = read_manifest(out / "manifest.jsonl")
    assert {p: FileResult.from_record(r) for p, r in manifest.items()} == got
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected)
    assert not list(out.rglob("*.tmp"))


def test_a_file_past_the_time_limit_is_a_timeout(tmp_path: Path) -> None:
    slow = tmp_path / "in" / "slow.pdf"
    slow.parent.mkdir()
    slow.write_bytes(slow_pdf(200_000))  # 3 MB of operators: under the size guard, seconds
    started = time.monotonic()
    summary = run_batch([slow], tmp_path / "out", jobs=1, timeout=1.5)
    assert time.monotonic() - started < 30
    [result] = summary.results
    assert (result.status, result.error_kind) == ("failed", "timeout")
    assert result.error == "took longer than 1.5 s"


def test_unreadable_file_is_reported_not_fatal(tmp_path: Path) -> None:
    """chmod 000 does not stop root, so as root the batch runs without the capabilities
    that let root read anything (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "viborg-uddannelse.seed.txt", folder / "readable.txt")
    secret = folder / "secret.txt"
    shutil.copy(SAMPLES / "viborg-uddannelse.seed.txt", secret)
    secret.chmod(0o000)
    out = tmp_path / "out"
    command = [str(DELAFTALE), "batch", str(folder), "-o", str(out), "--jobs", "1"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is missing")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *command]

    done = subprocess.run(command, capture_output=True, text=True, timeout=300)

    assert done.returncode == 1, done.stderr
    records = read_manifest(out / "manifest.jsonl")
    assert records[str(folder / "readable.txt")]["status"] == "ok"
    assert records[str(secret)]["status"] == "failed"
    assert "permission denied" in records[str(secret)]["error"]


# --- resume, interruption, shards ---------------------------------------------------------


def _copies(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    sources = [SAMPLES / "randers-uddannelse.seed.md", SAMPLES / "viborg-uddannelse.seed.txt"]
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"agreement-{i:03d}{source.suffix}"
        shutil.copy(source, target)
        paths.append(target)
    return paths


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def test_resume_skips_up_to_date_outputs_and_redoes_changed_ones(tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_batch([tmp_path / "in"], out, jobs=2)
    assert len(first.converted) == 4
    before = _outputs(out)

    (out / "agreement-001.txt.json").unlink()
    inputs[2].write_bytes(inputs[2].read_bytes() + b"\n")
    again = run_batch([tmp_path / "in"], out, jobs=2, resume=True)

    assert sorted(Path(r.path).name for r in again.converted) == [
        "agreement-001.txt",
        "agreement-002.md",
    ]
    assert sorted(Path(r.path).name for r in again.resumed) == [
        "agreement-000.md",
        "agreement-003.txt",
    ]
    after = _outputs(out)
    assert after["agreement-001.txt.json"] == before["agreement-001.txt.json"]
    assert after["agreement-000.md.json"] == before["agreement-000.md.json"]
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 4

    options_changed = run_batch([tmp_path / "in"], out, jobs=2, resume=True, repair=False)
    assert len(options_changed.converted) == 4


def test_resume_knows_a_file_named_another_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copies(tmp_path / "in", 3)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    first = run_batch(["in"], out, jobs=1)
    assert len(first.converted) == 3
    again = run_batch([tmp_path / "in"], out, jobs=1, resume=True)
    assert len(again.resumed) == 3 and not again.converted
    lines = (out / "manifest.jsonl").read_text().splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["path"].startswith(str(tmp_path)) for line in lines)


def test_killed_batch_resumes_to_the_same_outputs(tmp_path: Path) -> None:
    _copies(tmp_path / "in", 8)
    reference = tmp_path / "reference"
    run_batch([tmp_path / "in"], reference, jobs=1)

    out = tmp_path / "out"
    command = [str(DELAFTALE), "batch", str(tmp_path / "in"), "-o", str(out), "--jobs", "1"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before_kill = len(read_manifest(manifest))
    assert 2 <= done_before_kill < 8

    resumed = run_batch([tmp_path / "in"], out, jobs=1, resume=True)

    assert len(resumed.resumed) == done_before_kill
    assert len(resumed.converted) == 8 - done_before_kill
    assert _outputs(out) == _outputs(reference)
    assert not list(out.rglob("*.tmp"))


def test_shards_partition_the_inputs(tmp_path: Path) -> None:
    names = [f"archive/{year}/agreement-{i}.pdf" for year in (2023, 2024) for i in range(50)]
    shares = [{n for n in names if in_shard(n, (k, 3))} for k in (1, 2, 3)]
    assert set().union(*shares) == set(names)
    assert sum(len(s) for s in shares) == len(names)
    assert all(len(s) >= 15 for s in shares)
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "x", "1/0"):
        with pytest.raises(UsageError, match=r"^shard "):
            parse_shard(bad)


def test_sharded_runs_together_convert_everything_once(tmp_path: Path) -> None:
    _copies(tmp_path / "in", 5)
    out = tmp_path / "out"
    converted: list[str] = []
    for k in (1, 2):
        summary = run_batch([tmp_path / "in"], out, jobs=1, shard=(k, 2))
        converted += [r.path for r in summary.converted]
        assert (out / f"manifest.shard-{k}-of-2.jsonl").exists()
    assert sorted(converted) == sorted(str(p) for p in (tmp_path / "in").iterdir())


# --- discovery ----------------------------------------------------------------------------


def test_discovery_mirrors_layout_and_filters_only_folders_and_patterns(tmp_path: Path) -> None:
    for rel in ("a/x.pdf", "a/sub/y.docx", "b/x.pdf", "b/notes.xlsx", "b/.hidden.pdf", "c.xyz"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (tmp_path / "a" / "~$y.docx").write_bytes(b"lock")

    found = discover_inputs([tmp_path / "a", str(tmp_path / "b" / "*"), tmp_path / "c.xyz"])

    assert [f.relative for f in found.files] == ["a/sub/y.docx", "a/x.pdf", "b/x.pdf", "c.xyz"]
    assert found.ignored == [str(tmp_path / "b" / "notes.xlsx")]
    with pytest.raises(InputError, match="no such file"):
        discover_inputs([tmp_path / "nowhere"])
    with pytest.raises(InputError, match="matches no files"):
        discover_inputs([str(tmp_path / "*.nothing")])


def test_discovery_survives_folder_link_loops(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    symlink_loop(folder)
    (folder / "deeper" / "a.md").write_text("x")
    found = discover_inputs([folder])
    assert [f.relative for f in found.files] == ["deeper/a.md", "loop-a.pdf", "loop-b.pdf"]
    assert [f.problem for f in found.files] == [None, "symbolic link loop", "symbolic link loop"]


# --- the command line ---------------------------------------------------------------------


def test_cli_batch_plain_progress_summary_and_exit_codes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from delaftale_cli.cli.app import app

    _copies(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.docx").write_bytes(b"")
    runner = CliRunner()
    out = tmp_path / "out"

    failed = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "-f", "yaml"])
    assert failed.exit_code == 1, failed.output
    assert "empty.docx: FAILED [input]" in failed.stderr
    assert "[3/3]" in failed.stderr
    assert (out / "agreement-000.md.yaml").exists()

    (tmp_path / "in" / "empty.docx").unlink()
    ok = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "-o", str(out), "-f", "yaml", "--resume"]
    )
    assert ok.exit_code == 0, ok.output
    assert "2 up to date" in ok.stderr

    usage = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "--shard", "3/2"])
    assert usage.exit_code == 2
    assert "--shard" in usage.stderr


def test_a_worker_stopped_by_the_memory_limit_is_a_memory_failure(tmp_path: Path) -> None:
    """15 MB of text (under the text size limit) needs more than 384 MiB to read: Python's
    allocations fail with MemoryError, which is the memory limit, not bad input."""
    src = tmp_path / "in" / "big.txt"
    src.parent.mkdir()
    line = "Delaftale for indsatsområdet Uddannelse og livschancer, børn og unge.\n"
    with open(src, "w", encoding="utf-8") as handle:
        for _ in range((15 << 20) // len(line.encode())):
            handle.write(line)
    summary = run_batch([src], tmp_path / "out", jobs=1, memory_limit=384 << 20)
    [result] = summary.results
    assert (result.status, result.error_kind) == ("failed", "memory"), result
    assert "memory limit of 384 MiB" in (result.error or "")
