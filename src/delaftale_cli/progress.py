"""Progress reports from the library to whoever shows them (the CLI); the library never prints.

A caller passes `progress=callback` to `parse_file`; the callback receives `Progress`
events: `lexicon` once before the repair lexicon is compiled for the first time (a few
seconds), and `ocr_page` after each page tesseract read (`done` of `total` pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ProgressKind = Literal["lexicon", "ocr_page"]


@dataclass(frozen=True)
class Progress:
    """One progress event; `done` and `total` count pages for `ocr_page`."""

    kind: ProgressKind
    path: str | None = None
    done: int = 0
    total: int = 0


ProgressCallback = Callable[[Progress], None]


def notify(callback: ProgressCallback | None, event: Progress) -> None:
    """Send `event` to `callback`, if there is one."""
    if callback is not None:
        callback(event)
