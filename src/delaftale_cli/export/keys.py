"""One agreement once: a key from the content, and which file of an agreement counts.

The same agreement often arrives as several files (Word v1, Word v2, the signed PDF), and
the same output folder may be named twice. `agreement_key` is derived from what the
agreement says (municipality, focus area, initiative, period), not from the file's bytes,
so all those files share it. `assign_copies` then picks, per key, the one file that counts:

- the newest file counts: by a revision date the text states ("revideret 3. marts 2025")
  when every file of the agreement states one, else by the date of the source document
  file (its modification time, when the source path can be found), else by the date of the
  agreement file itself; files within a minute of the newest (copied together) are equally
  new, and of those the document's own text beats OCR, Word beats PDF beats the rest,
  then fewer warnings, then the source path;
- every other file is kept with `counted` 0 and says what it is: `same file` (the same
  bytes), `same content` (another file, e.g. the PDF, with the same content by `diff`) or
  `older version`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Agreement
from .load import LoadedAgreement

BASIS_REVISION = "revision date in the text"
BASIS_SOURCE = "source file date"
BASIS_AGREEMENT_FILE = "agreement file date"

_MONTHS = {
    name: no
    for no, name in enumerate(
        [
            "januar",
            "februar",
            "marts",
            "april",
            "maj",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
        ],
        1,
    )
}
_DATE = re.compile(
    r"(?P<d>\d{1,2})\.?\s*(?:(?P<month>[a-zæøå]+)\s+|(?P<m>\d{1,2})[./-])(?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})",
    re.IGNORECASE,
)
TIE_SECONDS = 60.0  # file dates this close to the newest are taken as equally new
REVISION_REACH = 60  # characters after 'revideret' in which its date is looked for
FORMAT_RANK = {"docx": 0, "pdf": 1, "html": 2, "markdown": 3, "text": 4}
_REVISED = re.compile(r"\b(revideret|opdateret|godkendt|ændret|version)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Copy:
    """What one file is among the files of its agreement."""

    key: str
    counted: bool
    kind: str  # "" (the only file), "newest", "same file", "same content", "older version"
    files: int  # files of this agreement in the export
    counted_file: str  # the source path of the file that counts
    basis: str  # how the counted file was chosen (empty when there was nothing to choose)
    version_date: dt.date | None


def normalise(text: str | None) -> str:
    """Lower case, accents kept (æ, ø, å are letters), everything but letters and digits
    dropped: 'Energivej-området' and 'Energivejområdet' are the same name."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def agreement_key(agreement: Agreement) -> str:
    """16 hex digits from municipality, focus area, initiative and period (its dates, or its
    text when they were not read); the same for every file of one agreement."""
    period = agreement.period
    when = f"{period.start}..{period.end}" if period.start or period.end else normalise(period.text)
    parts = [
        normalise(agreement.municipality),
        normalise(agreement.focus_area),
        normalise(agreement.initiative_name),
        when,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def revision_date(agreement: Agreement) -> dt.date | None:
    """The latest date the revision section (or the title) states next to 'revideret',
    'opdateret', 'godkendt', 'ændret' or 'version'; None when there is none."""
    dates = []
    for text in (agreement.revision, agreement.title):
        for word in _REVISED.finditer(text or ""):
            dates.extend(_dates(text[word.end() : word.end() + REVISION_REACH]))  # type: ignore[index]
    return max(dates, default=None)


def _dates(text: str) -> list[dt.date]:
    found = []
    for m in _DATE.finditer(text):
        if m["iy"]:
            parts = (int(m["iy"]), int(m["im"]), int(m["id"]))
        elif m["month"]:
            month = _MONTHS.get(m["month"].lower())
            if month is None:
                continue
            parts = (int(m["y"]), month, int(m["d"]))
        else:
            parts = (int(m["y"]), int(m["m"]), int(m["d"]))
        try:
            found.append(dt.date(*parts))
        except ValueError:
            continue
    return found


def _file_date(item: LoadedAgreement) -> tuple[str, float]:
    try:
        return BASIS_SOURCE, os.stat(item.agreement.source.path).st_mtime
    except OSError:
        return BASIS_AGREEMENT_FILE, item.mtime


def assign_copies(loaded: Sequence[LoadedAgreement]) -> list[Copy]:
    """One `Copy` per loaded agreement, in the same order."""
    groups: dict[str, list[int]] = defaultdict(list)
    keys = [agreement_key(item.agreement) for item in loaded]
    for index, key in enumerate(keys):
        groups[key].append(index)
    copies: dict[int, Copy] = {}
    for key, members in groups.items():
        copies.update(_group(key, [loaded[i] for i in members], members))
    return [copies[i] for i in range(len(loaded))]


def _group(key: str, items: list[LoadedAgreement], indexes: list[int]) -> dict[int, Copy]:
    if len(items) == 1:
        path = items[0].agreement.source.path
        return {indexes[0]: Copy(key, True, "", 1, path, "", revision_date(items[0].agreement))}
    revised = [revision_date(item.agreement) for item in items]
    if all(d is not None for d in revised):
        basis = BASIS_REVISION
        stamps = [(d.toordinal() if d else 0.0) for d in revised]
        dates = revised
    else:
        dated = [_file_date(item) for item in items]
        basis = BASIS_SOURCE if all(b == BASIS_SOURCE for b, _ in dated) else BASIS_AGREEMENT_FILE
        stamps = [
            stamp if basis == BASIS_SOURCE else item.mtime
            for (_, stamp), item in zip(dated, items, strict=True)
        ]
        dates = [dt.datetime.fromtimestamp(s, dt.UTC).date() for s in stamps]
    order = _newest_first(items, stamps, TIE_SECONDS if basis != BASIS_REVISION else 0)
    best = items[order[0]]
    counted_path = best.agreement.source.path
    result = {}
    for rank, i in enumerate(order):
        item = items[i]
        if rank == 0:
            kind = "newest"
        elif item.agreement.source.sha256 == best.agreement.source.sha256:
            kind = "same file"
        elif _same_content(item.agreement, best.agreement):
            kind = "same content"
        else:
            kind = "older version"
        result[indexes[i]] = Copy(key, rank == 0, kind, len(items), counted_path, basis, dates[i])
    return result


def _newest_first(items: list[LoadedAgreement], stamps: list[float], tie: float) -> list[int]:
    """Indexes, newest first. Files within `tie` seconds of the newest are equally new
    (copied or saved together): of those, the document's own text beats OCR, Word beats
    PDF beats the rest, fewer warnings beat more, then the source path and file decide."""

    def quality(i: int) -> tuple[bool, int, int, str, str]:
        a = items[i].agreement
        rank = FORMAT_RANK.get(a.source.format, len(FORMAT_RANK))
        return a.source.text_source != "native", rank, len(a.warnings), a.source.path, items[i].file

    order = sorted(range(len(items)), key=lambda i: (-stamps[i], quality(i)))
    newest = stamps[order[0]]
    best = min((i for i in order if stamps[i] >= newest - tie), key=quality)
    return [best, *(i for i in order if i != best)]


def _same_content(one: Agreement, other: Agreement) -> bool:
    from ..diff import diff_agreements

    return not diff_agreements(one, other)


def area_names(areas: Iterable[str | None]) -> dict[str, str]:
    """Normalised area name -> the spelling used for it: the most frequent one among
    `areas`, ties broken alphabetically (so 'Energivejområdet' and 'Energivej-området'
    share one name)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for area in areas:
        if area:
            counts[normalise(area)][area] += 1
    return {
        key: sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for key, spellings in counts.items()
    }
