"""Repairing text of any size: decode and repair it in bounded, line-aligned chunks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import TextEncodingError

# about this many bytes form one chunk, which is repaired as one document
CHUNK_BYTES = 1 << 20
# a single line longer than this is cut (at a blank if there is one)
MAX_LINE_BYTES = 4 << 20


def read_chunks(stream: BinaryIO, name: str, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
    """UTF-8 text from `stream` in chunks that end at a line end where possible.

    Raises TextEncodingError naming the offset of the first byte that is not UTF-8.
    """
    pending = b""
    offset = 0  # of pending[0] in the whole input
    while True:
        block = stream.read(chunk_bytes)
        data = pending + block
        if not data:
            return
        if block:
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                if len(data) < MAX_LINE_BYTES:
                    pending = data
                    continue
                cut = _safe_cut(data)
        else:
            cut = len(data)
        yield _decode(data[:cut], name, offset)
        offset += cut
        pending = data[cut:]
        if not block:
            if pending:
                yield _decode(pending, name, offset)
            return


def _safe_cut(data: bytes) -> int:
    """Where to cut an overlong line: after its last blank, never inside a character."""
    cut = data.rfind(b" ", 0, MAX_LINE_BYTES) + 1 or MAX_LINE_BYTES
    while 0 < cut < len(data) and (data[cut] & 0xC0) == 0x80:
        cut -= 1  # step back over UTF-8 continuation bytes
    return cut or MAX_LINE_BYTES


def _decode(raw: bytes, name: str, offset: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextEncodingError(
            name,
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {offset + exc.start})",
        ) from exc


def repair_chunks(
    chunks: Iterable[str],
) -> Iterator[tuple[str, dict[tuple[str, str], int]]]:
    """Repair each chunk as one document; yields (repaired text, repairs in this chunk)."""
    from . import repair_texts

    for chunk in chunks:
        repaired, repairs = repair_texts([chunk])
        yield repaired[0], repairs
