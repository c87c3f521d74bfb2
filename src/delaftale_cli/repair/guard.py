"""What the repair never touches: tokens that are no Danish words, and text that is not Danish.

By construction, before any candidate is looked for:

- a whitespace-delimited chunk that is a path, a shell prompt, an option, code or an
  identifier (`/usr/bin`, `~/.config`, `user@host:~$`, `--force`, `a=b`, `<tag>`,
  `g_socket_get`, `Tools.Options`, `XF86Config`, `getValue`) keeps all of its tokens;
- a token mixing letters and digits is kept, except a single digit inside a word of
  lower-case letters that the OCR is known to write for å/ø ("ansl3et"); even then only a
  listed Danish word may replace it (checked by the engine);
- a line that opens with a shell prompt (`$ `, `# `, `> `) is a command and is kept whole;
- a sentence whose words are English (by the lexicon's Danish and English frequencies)
  is kept whole, and so is a run of English words inside a Danish sentence ("Layer
  Attributes", "the Airbrush tool").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .config import CONFIG

# a chunk is a run of non-blanks; its edges may carry sentence punctuation
_EDGE = "\"'()[]{}«»“”‘’,.;:!?…"
# characters that make a chunk code, a path or an identifier when they stand inside it
_CODE_CHARS = frozenset("\\:_=<>~#{}[]$^*`+")
# "$ make", "user@host:~/src$ make" (a "# " line is as often a comment as a root prompt)
# symbols no Danish word holds: "M?ller", "€ndrer" are OCR garbage or code
_SYMBOLS = frozenset("?€£§¤©®")
# ... except "€" and "£" opening a word of small letters: a capital Æ ("€ndrer")
AE_SIGNS = frozenset("€£")
_PROMPT_RE = re.compile(r"^[ \t]*(?:\$|[\w.-]+@[\w.-]+:\S*[$#])[ \t]+\S", re.MULTILINE)
# (not A, O, G, E, which the OCR writes inside words for å, ø, æ: "omrAdet")
_CAMEL_RE = re.compile(r"[a-zæøå]{2}[B-DFH-NP-Z][a-zæøå]{2}")
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")


def chunk_is_code(chunk: str) -> bool:
    """Whether a whitespace-delimited chunk is a path, code or an identifier."""
    core = chunk.strip(_EDGE)
    if not core or core.isalpha():
        return False  # a chunk of letters only (most of them) is a word
    if core[0] in "/~\\$" or core.startswith(("./", "../")):
        return len(core) > 1
    if core.startswith("--") and core[2:3].isalpha():
        return True  # a long option: "--force"
    if core[0] == "-" and 1 < len(core) <= 4 and core[1:].isalnum():
        return True  # a short option: "-l", "-rf"
    inner = core[1:-1]
    if _CODE_CHARS & set(inner) or _SYMBOLS & set(_without_ae_sign(core)):
        return True
    if "/" in core:
        pieces = core.split("/")
        # "og/eller", "Skole/forældre" are words; "usr/lib/x", "a/b.c" are paths
        if len(pieces) > 2 or not all(p.isalpha() or not p for p in pieces):
            return True
    if "." in inner:
        # a dot between two letters: a file name, a menu path or a dotted name
        for m in re.finditer(r"(?<=[^\W\d_])\.(?=[^\W\d_])", core):
            left = core[: m.start()].rsplit(".", 1)[-1]
            right = core[m.end() :].split(".", 1)[0]
            # Danish abbreviations: "f.eks.", "bl.a.", "m.fl." (short pieces)
            if len(left) > 3 or len(right) > 4:
                return True
    # "user@host" without a domain; "m@drene" (ø read as @) is a word
    return "@" in inner and not inner.replace("@", "").isalpha()


def _without_ae_sign(core: str) -> str:
    """`core` less a leading "€" or "£" that stands for Æ: the OCR writes them for a
    capital Æ ("€ndrer" = "Ændrer") when small letters follow."""
    if core[:1] in AE_SIGNS and len(core) > 2 and core[1:].isalpha() and core[1:].islower():
        return core[1:]
    return core


def token_is_identifier(tok: str) -> bool:
    """Whether a word token (letters, digits, OCR symbols) is an identifier, not a word.

    Mixed letters and digits are an identifier, except one digit inside a lower-case
    word ("ansl3et", "pa8"), which the OCR writes for å; a lower-case letter followed by a
    capital ("getValue", "LibreOffice") is a name of code or a product.
    """
    digits = 0 if tok.isalpha() else sum(ch.isdigit() for ch in tok)
    if digits:
        if digits > 1 or not any(ch.isalpha() for ch in tok):
            return True
        letters = [ch for ch in tok if ch.isalpha()]
        if not all(ch.islower() for ch in letters[1:]):
            return True
    # "getValue", "LibreOffice"; not "sA" or "fAr", where the OCR wrote A for å
    return _CAMEL_RE.search(tok) is not None


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are kept whole: code chunks and command lines."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", text):
        if chunk_is_code(m.group()):
            spans.append(m.span())
    for m in _PROMPT_RE.finditer(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), len(text) if end < 0 else end))
    spans.sort()
    return spans


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def english_spans(
    text: str,
    tokens: list[tuple[int, int, str]],
    leaning: Callable[[str], int],
) -> list[tuple[int, int]]:
    """Spans of `text` that are English: whole sentences, and runs of English words.

    `leaning(tok)` is +1 for an English word (English frequency well above its Danish
    one), -1 for a Danish word, 0 for a token that is neither or both (damaged words,
    names, "a", "i").
    """
    cfg = CONFIG
    spans: list[tuple[int, int]] = []
    k = 0
    for m in _SENTENCE_RE.finditer(text):
        start, end = m.span()
        while k < len(tokens) and tokens[k][0] < start:
            k += 1
        first = k
        while k < len(tokens) and tokens[k][1] <= end:
            k += 1
        votes = [leaning(tok) for _, _, tok in tokens[first:k]]
        en = votes.count(1)
        da = votes.count(-1)
        if en >= cfg.english_sentence_min and en >= cfg.english_sentence_ratio * da + 1:
            spans.append((start, end))
            continue
        # runs of English words inside a Danish sentence
        run_start = None
        run_len = 0
        for i in range(first, k + 1):
            vote = votes[i - first] if i < k else 0
            if vote == 1:
                if run_start is None:
                    run_start = i
                run_len += 1
                continue
            if run_start is not None and run_len >= cfg.english_run_min:
                spans.append((tokens[run_start][0], tokens[i - 1][1]))
            run_start, run_len = None, 0
    return spans
