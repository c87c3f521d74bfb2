"""Text clean-up shared by extractors and parser: encoding damage, Unicode form, markup, spaces."""

from __future__ import annotations

import html
import re
import unicodedata

# UTF-8 bytes decoded as cp1252/Latin-1 leave these tell-tale pairs ("Ã¸" for "ø", "â€“" for "–").
_CP1252_HIGH = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_RUN = re.compile(rf"(?:[ÃÂâ][{_CP1252_HIGH}]{{1,2}})+")


def _undo_mojibake(match: re.Match[str]) -> str:
    chunk = match.group(0)
    for encoding in ("cp1252", "latin-1"):
        try:
            return chunk.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return chunk


def fix_encoding(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1 damage ("BELÃ˜B" -> "BELØB") and normalise to NFC."""
    for _ in range(3):  # removing a soft hyphen can complete a damaged sequence
        before = text
        if "Ã" in text or "Â" in text or "â" in text:
            text = _MOJIBAKE_RUN.sub(_undo_mojibake, text)
        text = text.replace("\u00ad", "")  # soft hyphens are layout, not text
        if text == before:
            break
    return unicodedata.normalize("NFC", text)


_INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|a|sup|sub|font|mark|s)(?:\s[^<>]*)?/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"  # **bold** or __bold__
    r"|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"  # *italic*
)


def strip_markup(text: str) -> str:
    """Remove HTML tags and Markdown emphasis, keeping their text; unescape entities."""
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return html.unescape(text)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean_inline(text: str) -> str:
    """Collapse runs of spaces (including non-breaking ones) and trim."""
    return _SPACES.sub(" ", text).strip()
