"""Numbers in baseline cells, as `Measurement`s.

A baseline cell reads like a small report: an optional year or period line
("2023", "Skoleåret 2023-24", "Oktober 2024 for afgangsåret 2023:"), area headers with
the number tested ("Gl. Jennum-parken: (37 børn testet)"), and labelled values
("Generel indsats: 45,9%") or area values ("Vangdalen: 10,0%"). A key followed by
another key is a header (an area); a key followed by a value is a label under the
current header, or an area when no header is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..models import Measurement
from .danish import APPROXIMATELY, AREA_NOUNS, PERCENTAGE_POINTS, SAMPLE_NOUNS
from .numbers import parse_number

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2}(?:\s*[-/]\s*(?:19|20)?\d{2}(?!\d))?)(?!\d)")
_DATE_WORDS = re.compile(
    r"^(?:(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
    r"december|skoleåret|skoleår|afgangsåret|afgangsår|året|år|for|i|pr\.?|,)\s*|"
    r"(?:19|20)\d{2}(?:\s*[-/]\s*\d{2,4})?\s*)+$",
    re.I,
)
_TOKEN = re.compile(
    rf"(?P<n>\(?\s*(?P<nval>\d[\d.]*)\s+(?:{SAMPLE_NOUNS})"
    r"(?:\s+(?:testet|undersøgt|adspurgt))?\s*\)?"
    rf"|\(?\s*(?<!\w)n\s*=\s*(?P<nval2>\d[\d.]*)(?:\s+(?:{SAMPLE_NOUNS}))?\s*\)?:?"
    # "38 af 112", "(38 ud af 112)": the sample is the second number
    r"|\(?\s*\d[\d.]*\s+(?:ud\s+)?af\s+(?P<nval3>\d[\d.]*)(?!\s*(?:%|pct|procent))\s*\)?)"
    r"|(?P<pct>(?P<pval>[-−+]?\d{1,3}(?:[.,]\d+)?)\s*"
    rf"(?P<punit>{PERCENTAGE_POINTS}|%|pct\.?|procent)(?![\w-]))"
    r"|(?P<key>[^:\n%()]{2,120}?):(?!\d)"
    # a line of its own ending in a year: "2023", "Skoleåret 2023-24"
    r"|(?P<year>^[^\S\n]*(?:[^\W\d]+[^\S\n]+){0,3}(?:19|20)\d{2}(?:[^\S\n]*[-/][^\S\n]*\d{2,4})?"
    r"[^\S\n]*$)",
    re.I | re.M,
)


# A cell that is one count or one score: "1.274 henvendelser", "3,4 (skala 1-5)"
_COUNT = re.compile(
    r"^(?P<v>\d{1,3}(?:\.\d{3})+|\d+)\s+(?!(?:procent|pct)\b)(?P<label>[^\W\d][^\d:%()]{0,60})$",
    re.I,
)
_COUNT = re.compile(
    rf"^(?:(?:{APPROXIMATELY})\s+)?(?P<v>\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+"
    r"(?:(?:ud\s+)?af\s+(?P<of>\d{1,3}(?:\.\d{3})+|\d+)\s+)?"  # "42 ud af 60 børn"
    r"(?!(?:procent|pct)\b)(?P<label>[^\W\d][^\d:%()]{0,60})$",
    re.I,
)
# "1.245 besøg i 2023", "2.345 henvendelser (2023)": the year a whole-cell value is from
_TRAILING_YEAR = re.compile(
    r"\s*(?:\(\s*(?P<a>(?:19|20)\d{2}(?:/\d{2})?)\s*\)|\bi\s+(?P<b>(?:19|20)\d{2}(?:/\d{2})?))\s*$"
)
# A score on a scale: "3,4 (skala 1-5)", "4,1 på en skala fra 1 til 5", "Gennemsnit 3,2 ud
# af 5", "Score på 62 (skala 0-100)"; the words before the score may name it.
_SCALE = re.compile(
    r"^(?:[^\W\d][\w.]*\s+){0,3}?(?P<v>\d+(?:,\d+)?)\s*"
    r"(?:\(\s*(?P<label>(?:skala\s+)?\d+\s*[-–]\s*\d+)\s*\)"
    r"|på\s+en\s+(?P<label2>skala\s+(?:fra\s+)?\d+\s*(?:-|–|til)\s*\d+)"
    r"|(?P<label3>ud\s+af\s+\d+))\.?$",
    re.I,
)
# an area named right before its value, without a colon: "Vestbyen 12 %, Østbyen 9 %"
_AREA_BEFORE = re.compile(
    rf"^[,;/]?\s*(?!(?i:{APPROXIMATELY})(?:\s|$))"
    r"(?P<a>[A-ZÆØÅ][\wæøå.-]*(?:\s+[A-ZÆØÅ][\wæøå.-]*){0,3})\s*$"
)
# words in parentheses right after a value: an area if capitalised, else a label
_WORDS_AFTER = re.compile(r"^[^\S\n]*\((?P<w>[^\W\d][^\d()=:]{1,40})\)")
# the year a value is from, written right after it: "48 % (2022)", "48% i 2022"
_AFTER_YEAR = re.compile(r"^[^\S\n]*(?:\(\s*|i\s+)(?P<y>(?:19|20)\d{2}(?:/\d{2})?)\s*\)?(?![\d%])")


def _whole_cell(text: str, year: str | None) -> Measurement | None:
    trailing = _TRAILING_YEAR.search(text)
    if trailing and trailing.start() > 0:
        text, year = text[: trailing.start()], trailing.group("a") or trailing.group("b")
    m = _SCALE.match(text)
    if m:
        value = parse_number(m.group("v"))
        label = " ".join((m.group("label") or m.group("label2") or m.group("label3")).split())
        return Measurement(value=value, unit="scale", label=label, year=year)
    m = _COUNT.match(text)
    if m:
        value, label = parse_number(m.group("v")), " ".join(m.group("label").split())
        n = int(parse_number(m.group("of"))) if m.group("of") else None
        return Measurement(value=value, unit="count", label=label, n=n, year=year)
    return None


@dataclass
class _State:
    header: str | None = None
    header_n: int | None = None
    year: str | None = None
    pending_key: str | None = None
    pending_n: int | None = None


def _clean_key(key: str) -> str:
    return re.sub(r"\s+", " ", key).strip(" -–,.;")


def _split_year(key: str) -> tuple[str | None, str | None]:
    """ "Randers Kommune 2023" -> ("Randers Kommune", "2023"); a date phrase -> (None, year)."""
    m = _YEAR.search(key)
    if not m:
        return key, None
    year = re.sub(r"\s+", "", m.group(1))
    if _DATE_WORDS.match(key.strip()):
        return None, year
    name = _clean_key(key[: m.start()] + key[m.end() :])
    name = re.sub(r"\s*\b(?:oktober|skoleåret|afgangsåret)\b.*$", "", name, flags=re.I).strip(" ,")
    return (name or None), year


_NAME_AFTER = re.compile(
    r"[^\S\n]*\n?[^\S\n]*([A-ZÆØÅ][\wæøåÆØÅ.-]*(?:[^\S\n]+[A-ZÆØÅ][\wæøåÆØÅ.-]*)*)"
)


def _area_after(rest: str) -> str | None:
    """A name right after a value, on its line or alone on the next ("95%\nViborg
    Kommune"); not the name that begins the next line's own value ("Piger 52 %")."""
    m = _NAME_AFTER.match(rest)
    if m is None or ":" in m.group(1):
        return None
    line_rest = rest[m.end() :].split("\n", 1)[0]
    if "\n" in rest[: m.start(1)] and re.search(r"\d", line_rest):
        return None
    return m.group(1).strip()


def _sample_of_last(between: str, token: re.Match[str]) -> bool:
    """Does a sample size belong to the value before it? Right after it ("57 % (42 børn
    testet)", "45 % af 112 elever"), after words on its line ("45 % af de adspurgte (n=200)"),
    or in parentheses alone on the next line ("45 %\n(n=112)")."""
    if re.search(r"\d", between):
        return False
    bracketed = token.group(0).lstrip().startswith("(")
    if "\n" in between:
        return bracketed and between.count("\n") == 1 and not between.replace("\n", "").strip()
    return not between.strip() or bracketed or bool(re.fullmatch(r"\s*(?:ud\s+)?af\s*", between))


def _by_line(text: str, default_year: str | None) -> list[Measurement]:
    """Cells of whole-cell values, one per line, each under its key ("Vestbyen: 1.274
    henvendelser", "Østbyen: 3,4 (skala 1-5)"); a line that is only a sample size
    ("n=120") belongs to the value above it."""
    out: list[Measurement] = []
    for line in text.split("\n"):
        line = line.strip()
        key, colon, rest = line.rpartition(": ") if ": " in line else ("", "", line)
        sample = re.fullmatch(r"\(?\s*n\s*=\s*(\d[\d.]*)\s*\)?", line, re.I)
        if sample and out and out[-1].n is None:
            out[-1] = out[-1].model_copy(update={"n": int(parse_number(sample.group(1)))})
            continue
        found = _whole_cell(rest, default_year) if line else None
        if found is None:
            if line:
                return []  # a line no rule reads: not a cell of this shape
            continue
        area, year = _split_year(_clean_key(key)) if colon else (None, None)
        out.append(found.model_copy(update={"area": area, "year": year or found.year}))
    return out


_NAME = r"[A-ZÆØÅ][^\W\d_]*(?:[.-][^\W\d_]*)*\.?"
_NAMES = rf"{_NAME}(?:[^\S\n]+{_NAME})*"
# "78 % Herning" + "Kommune": a value's area name, wrapped after its first word
_VALUE_THEN_NAME = re.compile(rf"(?:%|pct\.?|procent|point)[^\S\n]+{_NAMES}[^\S\n]*$", re.I)
_ONLY_NAMES = re.compile(rf"^[^\S\n]*{_NAMES}[^\S\n]*$")
# "Svendborg" + "Kommune: 62 %", "Region" + "Sjælland: 54 procent": a key wrapped
_ONLY_WORDS = re.compile(r"^[^\S\n]*[^\W\d][^\d:%()\n]*$")
_KEY_LINE = re.compile(r"^[^\S\n]*(?P<first>[^\W\d]+)[^\d:%()\n]*:[^\S\n]*\S")
_AREA_NOUN = re.compile(rf"^(?:{AREA_NOUNS})$", re.I)


def _rejoin_wrapped_names(text: str) -> str:
    """Undo a line break that splits one name: a PDF cell wraps where its column ends, so
    "78 % Herning\nKommune" and "Svendborg\nKommune: 62 %" are one area each. A break
    between a name and an area noun ("Kommune", "Region") or after a value's name before a
    line of names only is a wrap; any other break keeps separating the cell's lines."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1]
        wrapped_area = bool(_VALUE_THEN_NAME.search(before) and _ONLY_NAMES.match(line))
        key = _KEY_LINE.match(line)
        wrapped_key = bool(
            key
            and _ONLY_WORDS.match(before)
            and not before.rstrip().endswith(":")
            and (
                _AREA_NOUN.match(before.split()[-1].strip(".,"))
                or _AREA_NOUN.match(key.group("first"))
            )
        )
        if wrapped_area or wrapped_key:
            out[-1] = before.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def parse_measurements(text: str | None, default_year: str | None = None) -> list[Measurement]:
    """All percentages (and their area, label, n and year) in one baseline cell."""
    if not text:
        return []
    text = _rejoin_wrapped_names(text)
    whole = _whole_cell(text.strip(), default_year)
    if whole is not None:
        return [whole]
    if "\n" in text.strip() or ": " in text:
        lines = _by_line(text.strip(), default_year)
        if lines:
            return lines
    out: list[Measurement] = []
    out_end = 0
    st = _State(year=default_year)
    last_end = 0
    for m in _TOKEN.finditer(text):
        gap = text[last_end : m.start()].strip()
        last_end = m.end()
        if m.group("year"):
            found_year = _YEAR.search(m.group("year"))
            st.year = re.sub(r"\s+", "", found_year.group(1)) if found_year else st.year
            continue
        if m.group("key"):
            key = _clean_key(m.group("key"))
            if st.pending_key is not None:
                # the previous key was followed by another key: it was a header
                name, year = _split_year(st.pending_key)
                if year:
                    st.year = year
                if name:
                    st.header, st.header_n = name, st.pending_n
            st.pending_key, st.pending_n = key, None
            continue
        if m.group("n"):
            tested = int(parse_number(m.group("nval") or m.group("nval2") or m.group("nval3")))
            if st.pending_key is None and (named := _AREA_BEFORE.match(gap)):
                st.pending_key, st.pending_n = named.group("a"), tested  # "Vestbyen (n=80): 45 %"
                continue
            if out and out[-1].n is None and _sample_of_last(text[out_end : m.start()], m):
                out[-1] = out[-1].model_copy(update={"n": tested})  # "57 % (42 børn testet)"
                continue
            if st.pending_key is not None:
                st.pending_n = tested
            else:
                st.header_n = tested
            continue
        value = parse_number(m.group("pval").replace("−", "-").removeprefix("+"))
        after_year = _AFTER_YEAR.match(text[m.end() :])
        points = "point" in m.group("punit").lower()
        unit: Literal["percent", "percentage_points"] = "percentage_points" if points else "percent"
        area: str | None
        label: str | None = None
        n: int | None = st.header_n
        year = st.year
        if st.pending_key is not None:
            name, key_year = _split_year(st.pending_key)
            year = key_year or year
            if st.header is not None and st.pending_n is None:
                area, label = st.header, name
            else:
                area, n = name, st.pending_n if st.pending_n is not None else None
                if st.pending_n is None and st.header is None:
                    n = None
            st.pending_key, st.pending_n = None, None
        else:
            area = st.header
            if area is None and (named := _AREA_BEFORE.match(gap)):
                area = named.group("a")  # "Vestbyen 12 %"
            if area is None:
                area = _area_after(text[m.end() :])  # "78 % Herning Kommune"
        after_words = _WORDS_AFTER.match(text[m.end() :])
        if after_words:
            words = after_words.group("w").strip()
            if words[:1].isupper() and area is None:
                area = words
            elif label is None:
                label = words
            last_end = m.end() + after_words.end()
        if after_year:
            year = after_year.group("y")
            last_end = m.end() + after_year.end()
        out.append(Measurement(area=area, label=label, value=value, unit=unit, n=n, year=year))
        out_end = last_end
    return out
