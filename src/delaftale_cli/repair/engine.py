"""Choosing repairs: candidates from the channel, judged by lexicon, frequency and document.

A document is repaired in two passes. The first looks at every distinct token once and
collects its candidates; tokens the lexicon does not know but a candidate explains are
clear damage, and from them the document's own channel is estimated (how often its
æ/ø/å were damaged at all, and how this font's damage looks). The second pass decides
every token with that channel, so a clean Word file (whose æ/ø/å are intact) keeps its
valid words, while an OCR'd text gets "far" -> "får" and "bade" -> "både".

Modules: candidates.py (what a token may stand for), scoring.py (language model, channel,
decision), evidence.py (what the document holds), context.py (neighbours, bigrams,
grammar), casing.py, guard.py (what is never touched), config.py (every constant).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from . import guard
from .candidates import CandidateSearch
from .casing import case_for_position
from .config import CONFIG
from .context import ContextResolver
from .evidence import Evidence
from .lexicon import Lexicon, load_lexicon
from .ngrams import Bigrams, load_bigrams
from .scoring import _INFO_CACHE, _LM_CACHE, DANISH_LETTERS, TokenInfo, best_by_prior, plain_only

# word tokens: letters and digits plus the symbols the OCR writes for Danish letters
TOKEN_RE = re.compile(r"(?:\w|[@|&])+")

# spans never touched: URLs, e-mail addresses, domain names
PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:dk|com|org|net|eu|de|se|no|info|io)\b(?:/\S*)?",
)

# after "børne-": the conjunction of a suspended compound ("børne- og ungeområdet")
SUSPENDED_RE = re.compile(r"\s+(?:og|eller|samt|&|og/eller)\b")

__all__ = ["DocumentRepairer", "Evidence"]


class DocumentRepairer(CandidateSearch, ContextResolver):
    """Repairs the texts of one document, using all of them as evidence."""

    def __init__(self, lexicon: Lexicon | None = None, bigrams: Bigrams | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._lm_cache = _LM_CACHE.setdefault(id(self.lexicon), {})
        self._info_cache = _INFO_CACHE.setdefault(id(self.lexicon), {})
        self.bigrams = bigrams if bigrams is not None else load_bigrams()

    # ---------------------------------------------------------------- public
    def repair(
        self, texts: Sequence[str], clean_check: bool = True
    ) -> tuple[list[str], dict[tuple[str, str], int]]:
        """Repaired texts and the repairs made, (original, corrected) -> count."""
        spans = [self._danish_tokens(text) for text in texts]
        counts: Counter[str] = Counter(tok for toks in spans for _, _, tok in toks)
        if not self._mostly_words(counts):
            return list(texts), {}  # garbage, code or another script: nothing to repair
        infos = {tok: self._info(tok) for tok in counts}
        if clean_check and self._is_clean(counts, infos):
            return self._repair_damaged_parts(texts, spans, infos)
        weights, damage_rate, is_danish = self._estimate_channel(counts, infos)
        if not is_danish:
            return list(texts), {}
        split = self.lexicon.split
        # a first decision, of the tokens that are not words, finds the clear repairs
        damaged = {tok: info for tok, info in infos.items() if not info.known}
        first = self._decide(damaged, weights, Evidence.of_raw(counts, split))
        evidence = Evidence.of_verdicts(counts, infos, first, split)
        verdicts = self._decide(infos, weights, evidence)
        if damage_rate >= CONFIG.context_min_damage:
            choices = self._apply_context(spans, texts, infos, verdicts, weights)
        else:
            choices = [
                [verdicts[key].choice if key in verdicts else None for _, _, key in toks]
                for toks in spans
            ]
        repairs: Counter[tuple[str, str]] = Counter()
        out: list[str] = []
        for text, toks, row in zip(texts, spans, choices, strict=True):
            pieces: list[str] = []
            pos = 0
            for (start, end, key), new in zip(toks, row, strict=True):
                if new is None:
                    continue
                tok = key.rstrip("-")
                new = new.rstrip("-")
                new = case_for_position(tok, new, text, start, self.lexicon)
                if new == tok:
                    continue
                pieces.append(text[pos:start])
                pieces.append(new)
                pos = end
                repairs[(tok, new)] += 1
            pieces.append(text[pos:])
            out.append("".join(pieces))
        return out, dict(repairs)

    def _is_clean(self, counts: Counter[str], infos: dict[str, TokenInfo]) -> bool:
        """Whether the æ/ø/å of this text are plainly intact (a Word file, a Danish OCR run).

        An English OCR model writes almost no æ/ø/å; a text with intact ones and few
        tokens that look damaged is not damaged, and its unknown words are names and terms.
        """
        intact = damaged = 0
        for tok, n in counts.items():
            info = infos[tok]
            if info.known:
                if DANISH_LETTERS & set(tok):
                    intact += n
            elif info.candidates and info.lm <= CONFIG.unknown_token:
                damaged += n
        return intact >= CONFIG.clean_min_intact and damaged < CONFIG.clean_max_damage * (
            damaged + intact
        )

    def _repair_damaged_parts(
        self,
        texts: Sequence[str],
        spans: list[list[tuple[int, int, str]]],
        infos: dict[str, TokenInfo],
    ) -> tuple[list[str], dict[tuple[str, str], int]]:
        """In a clean document, only the texts that are damaged on their own are repaired
        (an OCR'd page among native ones), with each other as evidence."""
        damaged_texts = [
            i for i, toks in enumerate(spans) if toks and self._damaged_alone(toks, infos)
        ]
        if not damaged_texts or len(damaged_texts) == len(texts):
            return list(texts), {}
        fixed, repairs = self.repair([texts[i] for i in damaged_texts], clean_check=False)
        out = list(texts)
        for i, text in zip(damaged_texts, fixed, strict=True):
            out[i] = text
        return out, repairs

    def _damaged_alone(self, toks: list[tuple[int, int, str]], infos: dict[str, TokenInfo]) -> bool:
        """Whether one text of a clean document is damaged on its own: it is not clean by
        itself, and holds several tokens that look damaged, or (with no intact æ/ø/å) one
        whose misreading no Danish word shows ("Seerlig": an OCR'd cell among native ones)."""
        counts = Counter(t for _, _, t in toks)
        if self._is_clean(counts, infos):
            return False
        damaged = [t for t in counts if infos[t].candidates and not infos[t].known]
        if sum(counts[t] for t in damaged) >= CONFIG.clean_min_intact:
            return True
        if any(infos[t].known and DANISH_LETTERS & set(t) for t in counts):
            return False
        # a compound guess as written ("Seer|lig") is no better than an unknown token
        odd = [t for t in counts if infos[t].candidates and not infos[t].listed]
        return any(not plain_only(best_by_prior(infos[t])) for t in odd)

    def _danish_tokens(self, text: str) -> list[tuple[int, int, str]]:
        """The word tokens of `text` outside English sentences and runs of English words."""
        toks = self._tokens(text)
        english = guard.english_spans(text, toks, self._leaning)
        if not english:
            return toks
        out = []
        k = 0
        for tok in toks:
            while k < len(english) and english[k][1] <= tok[0]:
                k += 1
            if k < len(english) and english[k][0] < tok[1]:
                continue
            out.append(tok)
        return out

    def _leaning(self, tok: str) -> int:
        """+1 for an English word, -1 for a Danish one, 0 for neither or both."""
        low = tok.rstrip("-").lower()
        lex = self.lexicon
        if DANISH_LETTERS & set(low):
            return -1 if lex.knows(low) else 0
        en = lex.english.get(low, 0.0)
        da = lex.zipf.get(low, 0.0)
        if not da and lex.parts(low):
            da = CONFIG.listed_word_floor
        if en and en >= da + CONFIG.english_lean:
            return 1
        if da and da >= en + CONFIG.english_lean:
            return -1
        return 0

    # ---------------------------------------------------------------- passes
    def _tokens(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every word; a suspended compound part keys as "børne-"."""
        protected = [m.span() for m in PROTECTED_RE.finditer(text)] if "." in text else []
        protected = guard.merge(protected + guard.protected_spans(text))
        next_protected = 0  # tokens come in order: the first span that may still overlap
        found = []
        for m in TOKEN_RE.finditer(text):
            tok = m.group()
            # identifiers (g_socket_get) and overlong strings are not words
            if len(tok) > CONFIG.max_token_len or "_" in tok or not any(ch.isalpha() for ch in tok):
                continue
            start, end = m.span()
            while next_protected < len(protected) and protected[next_protected][1] <= start:
                next_protected += 1
            if next_protected < len(protected) and protected[next_protected][0] < end:
                continue
            if tok[0].isdigit():
                # "3-5arige": the number is not part of the word
                digits = len(tok) - len(tok.lstrip("0123456789"))
                rest = tok[digits:]
                if len(rest) >= CONFIG.min_detached_word and (
                    digits > 1 or text[start - 1 : start] == "-"
                ):
                    start, tok = start + digits, rest
            if len(tok) < 2 or guard.token_is_identifier(tok):
                continue
            if text[end : end + 1] == "-" and SUSPENDED_RE.match(text, end + 1):
                tok += "-"  # "børne- og ungeområdet"
            found.append((start, end, tok))
        return found

    def _mostly_words(self, counts: Counter[str]) -> bool:
        """Whether enough tokens are Danish (or English) words for the text to be prose.

        OCR'd Danish keeps about four in five tokens intact; random strings, code and
        other languages fall far below. Checked before the costly candidate search.
        """
        total = sum(counts.values())
        if total < CONFIG.min_tokens_for_language_check:
            return True
        known = sum(n for tok, n in counts.items() if self._word_lm(tok)[1] > CONFIG.unknown_token)
        return known >= CONFIG.min_word_share * total
