"""Tokens that are no Danish words, and English text, come out byte-identical (hypothesis).

Every generated token is put into damaged Danish prose, so the document is plainly one
the repair works on; the token must still come out as it went in.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delaftale_cli.repair import repair_text
from delaftale_cli.repair.guard import chunk_is_code, token_is_identifier

# damaged Danish around the token: the repair must be active here
BEFORE = "Bgrn og foraeldre mgdes pa skolen om aret, og malgruppen er "
AFTER = " for de unge, som far stgtte til at na malet i lgbet af aret."
REPAIRED_BEFORE = "Børn og forældre mødes på skolen om året, og målgruppen er "

# pieces that an English OCR model makes of Danish words: a guard that lets these through
# would have them repaired
DAMAGED = ["pa", "malgruppe", "bgrn", "foraeldre", "ar", "mal", "lgbende", "sadan", "na", "far"]
NAME = st.one_of(st.sampled_from(DAMAGED), st.from_regex(r"\A[a-z]{1,8}\Z", fullmatch=True))
EXT = st.sampled_from(["txt", "conf", "py", "sh", "html", "pdf", "d"])

PATHS = st.builds(
    lambda root, parts, ext: root + "/".join(parts) + (f".{ext}" if ext else ""),
    st.sampled_from(["/", "~/", "./", "../", "/usr/", "/etc/"]),
    st.lists(NAME, min_size=1, max_size=4),
    st.one_of(st.none(), EXT),
)
WINDOWS_PATHS = st.builds(
    lambda drive, parts: f"{drive}:\\" + "\\".join(parts),
    st.sampled_from(["C", "D"]),
    st.lists(NAME, min_size=1, max_size=3),
)
URLS = st.builds(
    lambda scheme, host, parts: f"{scheme}{host}.dk/" + "/".join(parts),
    st.sampled_from(["https://", "http://", "www."]),
    NAME,
    st.lists(NAME, max_size=3),
)
EMAILS = st.builds(lambda user, host: f"{user}@{host}.dk", NAME, NAME)
PROMPTS = st.builds(lambda user, host, path: f"{user}@{host}:~/{path}$", NAME, NAME, NAME)
SNAKE = st.builds(lambda a, b: f"{a}_{b}", NAME, NAME)
CAMEL = st.builds(
    lambda a, b: a + b.capitalize(),
    st.from_regex(r"\A[a-z]{2,6}\Z", fullmatch=True),
    st.sampled_from(["Value", "Arsag", "Malet", "Forste", "Aben", "Mode"]),
)
DIGITS = st.builds(lambda a, n: f"{a}{n}", NAME, st.integers(10, 9999))
OPTIONS = st.builds(lambda a: f"--{a}", NAME) | st.builds(lambda a: f"-{a[:2]}", NAME)
CODE = st.builds(
    lambda a, b, op: f"{a}{op}{b}", NAME, NAME, st.sampled_from(["=", "==", "<", ">", "::", "->"])
)
DOTTED = st.builds(lambda a, b: f"{a}.{b}", st.from_regex(r"\A[a-z]{4,8}\Z", fullmatch=True), NAME)
NON_WORDS = st.one_of(
    PATHS, WINDOWS_PATHS, URLS, EMAILS, PROMPTS, SNAKE, CAMEL, DIGITS, OPTIONS, CODE, DOTTED
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(NON_WORDS)
def test_code_paths_urls_and_identifiers_are_kept(token: str) -> None:
    out = repair_text(BEFORE + token + AFTER).text
    assert out.startswith(REPAIRED_BEFORE)  # the text around it was repaired
    assert out[len(REPAIRED_BEFORE) :].startswith(token + " ")


@SETTINGS
@given(st.one_of(PATHS, PROMPTS, SNAKE, CODE, DOTTED, OPTIONS))
def test_chunks_of_code_are_recognised(chunk: str) -> None:
    assert chunk_is_code(chunk) or token_is_identifier(chunk)


@SETTINGS
@given(st.lists(NAME, min_size=1, max_size=5))
def test_a_shell_command_line_is_kept_whole(args: list[str]) -> None:
    line = "$ " + " ".join(args)
    out = repair_text(BEFORE + AFTER + "\n" + line + "\n").text
    assert out.endswith("\n" + line + "\n")


# English function words, and English words that an English model also makes of Danish
# ones ("made" for "måde", "age" for "øge", "lose" for "løse")
FUNCTION = st.sampled_from(["the", "of", "and", "to", "is", "in", "with", "this", "you", "will"])
CONTENT = st.sampled_from(
    [
        *("made", "age", "lose", "note", "tool", "layer", "image", "file", "open", "save"),
        *("color", "edit", "menu", "mode", "select", "window", "options", "paint", "size"),
    ]
)
ENGLISH_SENTENCES = st.lists(st.tuples(FUNCTION, CONTENT), min_size=3, max_size=8).map(
    lambda pairs: " ".join(f"{a} {b}" for a, b in pairs).capitalize() + "."
)


@SETTINGS
@given(ENGLISH_SENTENCES)
def test_english_sentences_in_danish_text_are_kept(sentence: str) -> None:
    out = repair_text(BEFORE + "godt." + " " + sentence + AFTER).text
    assert out.startswith(REPAIRED_BEFORE)
    assert " " + sentence + " " in out


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["Layer", "Attributes", "Image", "Open", "Save", "Tool"]),
        min_size=2,
        max_size=3,
    )
)
def test_a_run_of_english_words_in_a_danish_sentence_is_kept(words: list[str]) -> None:
    label = " ".join(words)
    out = repair_text(BEFORE + label + AFTER).text
    assert out.startswith(REPAIRED_BEFORE + label + " ")


PAIRS = Path(__file__).resolve().parents[1] / "data" / "repair" / "pairs"


def test_clean_danish_text_is_not_changed() -> None:
    """Gold texts fed in as they are: intact æ/ø/å, so nothing is damaged."""
    golds = sorted(PAIRS.glob("*.gold.txt"))
    assert len(golds) >= 10
    for gold in golds:
        text = gold.read_text(encoding="utf-8")
        result = repair_text(text)
        assert result.text == text, (gold.name, result.repairs)


def test_single_digit_in_a_damaged_word_is_still_read() -> None:
    # the one exception to "letters and digits are an identifier": "ansl3et" = anslået
    assert not token_is_identifier("ansl3et")
    assert token_is_identifier("ext34")
    assert token_is_identifier("XF86Config")
    assert token_is_identifier("getValue")
    assert not token_is_identifier("sA")
