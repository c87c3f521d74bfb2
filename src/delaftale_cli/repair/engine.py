"""Choosing repairs: candidates from the channel, judged by lexicon, frequency and document.

A document is repaired in two passes. The first looks at every distinct token once and
collects its candidates; tokens the lexicon does not know but a candidate explains are
clear damage, and from them the document's own channel is estimated (how often its
æ/ø/å were damaged at all, and how this font's damage looks). The second pass decides
every token with that channel, so a clean Word file (whose æ/ø/å are intact) keeps its
valid words, while an OCR'd text gets "far" -> "får" and "bade" -> "både".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import channel, guard
from .config import CONFIG
from .lexicon import Lexicon, load_lexicon
from .ngrams import Bigrams, load_bigrams

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
DANISH_LETTERS = frozenset("æøåÆØÅ")
# letters of Swedish, German, Finnish...: a text full of them is not Danish
FOREIGN_LETTERS = frozenset("äöüßÄÖÜ")
MAX_FOREIGN_SHARE = 0.03
SENTENCE_END = frozenset(".!?:")
CLAUSE_END = frozenset(",.;:!?)")

MAX_TOKEN_LEN = 40
MAX_CANDIDATES = 6
# a word after a number ("5arige") is repaired on its own when at least this long
MIN_DETACHED_WORD = 4
# an unknown word whose "@" is read as ø: as likely as a rare listed word
AT_SIGN_WORD = 1.0
# tokens this long may be a listed word with a dropped æ/ø/å
MIN_DROPPED_LEN = 4

# log10 language-model scores for words wordfreq does not list
LISTED_WORD_FLOOR = 2.0
COMPOUND_FLOOR = 1.0
COMPOUND_PART_PENALTY = 0.5
COMPOUND_CEILING = 1.5
COMPOUND_BOTTOM = -0.5
PART_ZIPF_FLOOR = 3.0
# a name-like compound of listed words that hunspell's compound rules do not allow
LOOSE_COMPOUND = 0.0
LOOSE_PART_PENALTY = 0.3
LOOSE_PART_WEIGHT = 0.5
LOOSE_CEILING = 0.3
LOOSE_PART_FLOOR = 1.5
MIN_LOOSE_LEN = 6
# a changed letter inside a compound part this short costs this much more (log10)
SHORT_PART = 4
SHORT_PART_COST = 1.0
# log10 cost of each letter a compound-reading candidate changes
COMPOUND_SITE_COST = 0.4
UNKNOWN_TOKEN = -1.5
# an English word in Danish text: likelier than garbage, far less likely than Danish
ENGLISH_DISCOUNT = 2.5
# a listed word's candidates are words at most this much (log10) less frequent
FREQUENT_WINDOW = 1.0
# a valid word is replaced only when a candidate beats it by this much (log10)
KNOWN_MARGIN = 0.3
DOCUMENT_BONUS = 1.0
STEM_BONUS = 0.5
# a repair this clear (log10 lead) is evidence for its word elsewhere in the document
CLEAR_LEAD = 0.5
# inflection endings stripped to compare words by stem (longest first)
ENDINGS = ("ernes", "erne", "ene", "ens", "ets", "er", "en", "et", "es", "e", "s", "t")
MIN_STEM = 4
MIN_PART_STEM = 3
# strength (in pseudo-observations) of the built-in channel against the document's own
CHANNEL_PRIOR = 20.0
MIN_DAMAGE_RATE = 0.005
# pseudo-count of damaged words before any evidence (against one clean word)
DAMAGE_PRIOR = 0.1
# fewer word tokens than this: no language check, the channel prior decides
MIN_TOKENS_FOR_LANGUAGE_CHECK = 30
# below this share of known (Danish or English) word tokens a text is not prose
MIN_WORD_SHARE = 0.4


# neighbouring words settle a close call (a candidate within this much, log10) when the
# document pairs the candidate with them at least this often, and the token never
CONTEXT_WINDOW = 1.0
MIN_CONTEXT_SUPPORT = 2
CONTEXT_MIN_DAMAGE = 0.5
# the word before asks for an infinitive, a neuter noun or a common-gender noun; readings
# within this much (log10) of the best may be chosen for it
GRAMMAR_WINDOW = 1.5
GRAMMAR_CUES = {
    **dict.fromkeys(
        ("at", "skal", "kan", "vil", "må", "bør", "skulle", "kunne", "ville", "burde"), "verb"
    ),
    **dict.fromkeys(
        ("et", "det", "ethvert", "hvert", "intet", "dette", "mit", "dit", "sit"), "neuter"
    ),
    **dict.fromkeys(
        ("en", "den", "enhver", "hver", "ingen", "denne", "min", "din", "sin"), "common"
    ),
    **dict.fromkeys(("alle", "mange", "flere", "disse", "begge", "nogle", "samtlige"), "plural"),
}

# adverbs that may stand between a modal verb and its infinitive
ADVERBS = frozenset(
    (
        "ikke",
        "også",
        "derfor",
        "altid",
        "gerne",
        "fortsat",
        "kun",
        "stadig",
        "blot",
        "bare",
        "aldrig",
        "ofte",
        "løbende",
        "samtidig",
        "fremover",
        "desuden",
        "typisk",
        "eventuelt",
    )
)
GENDER_OPPOSITE = {"neuter": "common", "common": "neuter"}
# an article or determiner before a definite adjective ("det enkelte", "de nye")
DEFINITE_CUES = {
    **dict.fromkeys(("det", "dette", "mit", "dit", "sit"), "neuter"),
    **dict.fromkeys(("den", "denne", "min", "din", "sin"), "common"),
    **dict.fromkeys(("de", "disse", "alle", "mine", "dine", "sine"), "plural"),
}

CACHE_LIMIT = 100_000
# the channel weights also carry log10 of the document's damage rate, under this key
RATE_KEY = ("", "")
# per lexicon: what spellings and tokens were found to be, kept between documents
_LM_CACHE: dict[int, dict[str, tuple[bool, float]]] = {}
_INFO_CACHE: dict[int, dict[str, TokenInfo]] = {}


@dataclass
class Candidate:
    """A spelling the token may stand for, with what the lexicon says about it."""

    text: str
    lm: float
    sites: tuple[channel.Site, ...]
    compound: bool = False

    def channel_logp(self, weights: dict[tuple[str, str], float]) -> float:
        """log10 P(OCR text | this spelling) under `weights`, plus the cost of compound guesses.

        A compound's score only knows how common its parts are, not whether this part is
        "flade" or "flåde"; each letter it changes must pay for that.
        """
        logp = 0.0
        weak = 0
        rate = weights.get(RATE_KEY, 0.0)
        for s in self.sites:
            w = weights.get((s.ocr, s.letter), s.logp)
            weak += w - rate < CONFIG.weak_edit_logp
            logp += w
        if self.compound:
            logp -= COMPOUND_SITE_COST * len(self.sites)
        if weak and len({s.letter.lower() for s in self.sites}) > 1:
            # two letters restored, one by a misreading this document rarely shows
            logp -= CONFIG.mixed_edit_cost * weak
        return logp


@dataclass(frozen=True)
class Verdict:
    """The decision for one distinct token: the repair (or None), the best candidate, and
    by how much (log10) the best candidate beat, or fell short of, keeping the token."""

    choice: str | None
    best: str
    lead: float
    # other readings (None = the token as written) that scored nearly as well
    rivals: tuple[str | None, ...] = ()
    # every reading within GRAMMAR_WINDOW of the best, with its score
    scores: tuple[tuple[str | None, float], ...] = ()


@dataclass
class TokenInfo:
    """What one distinct token is: its own lexicon score and its candidates."""

    known: bool
    listed: bool
    lm: float
    candidates: list[Candidate]


class Evidence:
    """What the document itself says a word is: readings it holds for certain.

    A reading counts when it occurs as written and nothing else explains it, or as the
    clear repair of a token that is not a word ("bgrns" -> "børns"); a token's own repair
    is no evidence for itself. A reading (a candidate, or the token as written) that the
    document holds gets DOCUMENT_BONUS; one whose stem it holds ("fremmøde" for
    "fremmødet"), or a candidate compound whose changed parts it holds ("læring" in
    "læringsmiljø", not "lårings"), gets STEM_BONUS.
    """

    def __init__(
        self,
        readings: Counter[str],
        split: Callable[[str], tuple[str, ...]],
        own: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.readings = readings
        self.stems: Counter[str] = Counter()
        for word, n in readings.items():
            self.stems[_stem(word)] += n
        self._split = split
        self._own = own or {}
        self._part_stems: Counter[str] | None = None

    @classmethod
    def of_raw(cls, counts: Counter[str], split: Callable[[str], tuple[str, ...]]) -> Evidence:
        """Before any decision: every token as written."""
        readings: Counter[str] = Counter()
        for tok, n in counts.items():
            readings[tok.rstrip("-").lower()] += n
        return cls(readings, split)

    @classmethod
    def of_verdicts(
        cls,
        counts: Counter[str],
        infos: dict[str, TokenInfo],
        verdicts: dict[str, Verdict],
        split: Callable[[str], tuple[str, ...]],
    ) -> Evidence:
        """After a first decision (of the tokens that are not words): words no candidate
        questions, and clear repairs."""
        readings: Counter[str] = Counter()
        own: dict[str, tuple[str, int]] = {}
        for tok, n in counts.items():
            info, verdict = infos[tok], verdicts.get(tok)
            if not info.candidates:
                if info.known:
                    readings[tok.rstrip("-").lower()] += n
            elif verdict is not None and verdict.choice is not None and verdict.lead >= CLEAR_LEAD:
                reading = verdict.choice.rstrip("-").lower()
                readings[reading] += n
                own[tok] = (reading, n)
        return cls(readings, split, own)

    def bonus(self, word: str, tok: str, changed: Sequence[int] = ()) -> float:
        """log10 bonus for reading token `tok` as `word` (`changed`: where a candidate put
        letters in; empty for the token as written)."""
        low = word.rstrip("-").lower()
        own, n_own = self._own.get(tok, ("", 0))
        if self.readings.get(low, 0) > (n_own if own == low else 0):
            return DOCUMENT_BONUS
        stem = _stem(low)
        if self.stems.get(stem, 0) > (n_own if own and _stem(own) == stem else 0):
            return STEM_BONUS
        if changed and self._parts_held(low, changed, own, n_own):
            return STEM_BONUS
        return 0.0

    def _parts_held(self, word: str, changed: Sequence[int], own: str, n_own: int) -> bool:
        pieces = self._parts(word)
        if pieces == (word,):
            return False
        if self._part_stems is None:
            self._part_stems = Counter()
            for reading, n in self.readings.items():
                for part in set(self._parts(reading)):
                    self._part_stems[_stem(part, MIN_PART_STEM)] += n
        own_stems = {_stem(part, MIN_PART_STEM) for part in self._parts(own)} if own else set()
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if any(start <= pos < end for pos in changed):
                if len(piece) < SHORT_PART:
                    return False  # "ør", "gar": any document holds a short word somewhere
                stem = _stem(piece, MIN_PART_STEM)
                if self._part_stems.get(stem, 0) <= (n_own if stem in own_stems else 0):
                    return False
            start = end
        return True

    def _parts(self, word: str) -> tuple[str, ...]:
        """The compound parts of `word`, or the word itself as its one part."""
        return (self._split(word) if "-" not in word else ()) or (word,)


class DocumentRepairer:
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
        if damage_rate >= CONTEXT_MIN_DAMAGE:
            choices = self._apply_context(spans, texts, infos, verdicts)
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
                new = _case_for_position(tok, new, text, start, self.lexicon)
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
            elif info.candidates and info.lm <= UNKNOWN_TOKEN:
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
            i
            for i, toks in enumerate(spans)
            if toks
            and not self._is_clean(Counter(t for _, _, t in toks), infos)
            and sum(1 for _, _, t in toks if infos[t].candidates and not infos[t].known)
            >= CONFIG.clean_min_intact
        ]
        if not damaged_texts or len(damaged_texts) == len(texts):
            return list(texts), {}
        fixed, repairs = self.repair([texts[i] for i in damaged_texts], clean_check=False)
        out = list(texts)
        for i, text in zip(damaged_texts, fixed, strict=True):
            out[i] = text
        return out, repairs

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
            da = LISTED_WORD_FLOOR
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
            if len(tok) > MAX_TOKEN_LEN or "_" in tok or not any(ch.isalpha() for ch in tok):
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
                if len(rest) >= MIN_DETACHED_WORD and (
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
        if total < MIN_TOKENS_FOR_LANGUAGE_CHECK:
            return True
        known = sum(n for tok, n in counts.items() if self._word_lm(tok)[1] > UNKNOWN_TOKEN)
        return known >= MIN_WORD_SHARE * total

    def _word_lm(self, word: str) -> tuple[bool, float]:
        """(known, log10 language-model score) of a spelling."""
        cached = self._lm_cache.get(word)
        if cached is not None:
            return cached
        parts = self.lexicon.parts(word)
        if parts == 0 and word.endswith("-"):
            # a compound's first part standing alone: "børne-" in "børne- og unge"
            base = word[:-1]
            parts = self.lexicon.parts(base)
            if not parts and base.lower() in self.lexicon.begin:
                parts = 1
            word = base
        if parts == 0:
            english = self.lexicon.english.get(word.lower(), 0.0) - ENGLISH_DISCOUNT
            result = (False, max(UNKNOWN_TOKEN, english))
        elif parts == 1:
            result = (True, self.lexicon.frequency(word) or self._inflected_lm(word))
        else:
            result = (True, self._compound_lm(word.lower(), parts))
        if len(self._lm_cache) > CACHE_LIMIT:
            self._lm_cache.clear()
        self._lm_cache[word] = result
        return result

    def _inflected_lm(self, word: str) -> float:
        """A listed form wordfreq does not list ("legens") is about as likely as its
        base word ("leg") less an inflection, and never below LISTED_WORD_FLOOR."""
        low = word.lower()
        zipf = self.lexicon.zipf
        best = 0.0
        for ending in ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= CONFIG.min_inflected_base:
                base = low[: -len(ending)]
                best = max(best, zipf.get(base, 0.0), zipf.get(base + "e", 0.0))
        return min(CONFIG.unlisted_ceiling, max(LISTED_WORD_FLOOR, best - CONFIG.inflection_cost))

    def _compound_lm(self, word: str, parts: int) -> float:
        """A compound is as likely as its parts are common, and less so the more parts."""
        pieces = self.lexicon.split(word) if "-" not in word else ()
        if not pieces:
            return COMPOUND_FLOOR - COMPOUND_PART_PENALTY * (parts - 2)
        mean = self._mean_part_zipf(pieces, PART_ZIPF_FLOOR)
        lm = COMPOUND_FLOOR + (mean - PART_ZIPF_FLOOR) - COMPOUND_PART_PENALTY * (parts - 2)
        return min(COMPOUND_CEILING, max(COMPOUND_BOTTOM, lm))

    def _info(self, tok: str) -> TokenInfo:
        info = self._info_cache.get(tok)
        if info is None:
            info = self._analyse(tok)
            if len(self._info_cache) > CACHE_LIMIT:
                self._info_cache.clear()
            self._info_cache[tok] = info
        return info

    def _analyse(self, tok: str) -> TokenInfo:
        known, lm = self._word_lm(tok)
        # a listed Danish word, or a common English one, is only replaced by a clear winner
        listed = self.lexicon.parts(tok) == 1 or (not known and lm > UNKNOWN_TOKEN)
        # a listed word can only lose to a more frequent word, which wordfreq lists
        frequent_only = known and lm >= LISTED_WORD_FLOOR
        zipf = self.lexicon.zipf
        found: dict[str, Candidate] = {}
        bases: list[str] = [tok]
        variant = channel.initial_l_variant(tok)
        if variant is not None:
            bases.append(variant)
            v_known, v_lm = self._word_lm(variant)
            if v_known:
                found[variant] = Candidate(variant, v_lm, ())
        for base in bases:
            sites = channel.sites(base, self.lexicon.danish_trigrams)
            if not sites:
                continue
            if frequent_only:
                # a valid word: only a single misread letter, into a word about as frequent
                # (only the document's own evidence can make a less frequent one win)
                rare = lm <= LISTED_WORD_FLOOR
                for text, _, used in channel.candidates(base, sites, most=1):
                    if text in found:
                        continue
                    c_zipf = zipf.get(text.lower(), 0.0)
                    if c_zipf > lm - FREQUENT_WINDOW and self.lexicon.knows(text):
                        found[text] = Candidate(text, c_zipf, used)
                    elif rare and not c_zipf and self.lexicon.parts(text) == 1:
                        found[text] = Candidate(text, LISTED_WORD_FLOOR, used)
                continue
            self._add_candidates(base, sites, found, most=1)
            if not known and not any(not c.compound for c in found.values()):
                # no listed word with one misread letter: try two or three (a valid
                # compound as written is not searched further: it is rarely damaged twice)
                self._add_candidates(base, sites, found, fewest=2)
        if not found and not known and len(tok) >= MIN_DROPPED_LEN:
            self._add_dropped_letter_candidates(tok, found)
        if not found and not known:
            self._add_part_candidates(tok, found)
        if not found and not known:
            self._add_at_sign_candidate(tok, found)
        if not known and len(tok) >= MIN_LOOSE_LEN:
            own = self.lexicon.loose_split(tok.lower())
            if own:
                lm = max(lm, self._loose_lm(own))
            if all(c.compound for c in found.values()):
                self._add_loose_candidates(tok, found)
        if sum(ch.isalpha() for ch in tok) <= CONFIG.short_token_len:
            # "&h", "DD", "Os": a short token becomes only a common word ("pa" -> "på")
            found = {
                text: c
                for text, c in found.items()
                if zipf.get(text.lower(), 0.0) >= CONFIG.short_token_very_common
                or (
                    zipf.get(text.lower(), 0.0) >= CONFIG.short_token_min_zipf
                    and all(site.logp >= CONFIG.short_token_min_logp for site in c.sites)
                )
            }
        if any(ch.isdigit() for ch in tok):
            # "ansl3et": a digit for å only in a listed word, never in a compound guess
            found = {
                t: c for t, c in found.items() if not c.compound and self.lexicon.parts(t) == 1
            }
        ranked = sorted(found.values(), key=lambda c: -c.lm)[:MAX_CANDIDATES]
        return TokenInfo(known, listed, lm, ranked)

    def _add_candidates(
        self,
        base: str,
        sites: list[channel.Site],
        found: dict[str, Candidate],
        fewest: int = 1,
        most: int = channel.MAX_SUBSTITUTIONS,
    ) -> None:
        for text, _, used in channel.candidates(base, sites, fewest, most):
            if text in found:
                continue
            c_known, c_lm = self._word_lm(text)
            if c_known:
                compound = self.lexicon.parts(text) > 1
                if compound:
                    c_lm -= self._short_part_cost(text, used)
                found[text] = Candidate(text, c_lm, used, compound)

    def _add_part_candidates(self, tok: str, found: dict[str, Candidate]) -> None:
        """Compound first parts standing alone, their hyphen lost ("bgrne ungeområdet")."""
        begin = self.lexicon.begin
        sites = channel.sites(tok, self.lexicon.danish_trigrams)
        for text, _, used in channel.candidates(tok, sites, most=1):
            if len(text) >= MIN_DROPPED_LEN and text.lower() in begin:
                found[text] = Candidate(text, COMPOUND_BOTTOM, used, compound=True)

    def _add_at_sign_candidate(self, tok: str, found: dict[str, Candidate]) -> None:
        """An unknown word with "@" among its letters: the "@" is ø ("@sterbo" = Østerbo).

        The word with ø put in is judged in turn: if it has readings of its own
        ("bgrnøvrige" -> "børnøvrige"), those are the candidates, so that repairing the
        repaired text changes nothing more.
        """
        if "@" not in tok or not tok.replace("@", "").isalpha() or len(tok) < MIN_DROPPED_LEN:
            return
        marked = f"^{tok.lower()}$"
        trigrams = self.lexicon.danish_trigrams
        at_signs = [i for i, ch in enumerate(tok) if ch == "@"]
        if not all(channel.fits(marked, i + 1, i + 2, "ø", trigrams) for i in at_signs):
            return
        sites = tuple(
            channel.Site(i, i + 1, "ø", "@", channel.LOWER_RULES["@"][0][1]) for i in at_signs
        )
        text = tok.replace("@", "ø")
        if tok.isupper() or (tok[0] == "@" and tok[1:2].isupper()):
            text = text.upper()
        further = self._info(text).candidates
        for cand in further:
            both = tuple(sorted((*sites, *cand.sites), key=lambda site: site.start))
            found[cand.text] = Candidate(cand.text, cand.lm, both, cand.compound)
        if not further:
            found[text] = Candidate(text, AT_SIGN_WORD, sites)

    def _add_dropped_letter_candidates(self, tok: str, found: dict[str, Candidate]) -> None:
        """Listed words that the token is with one æ, ø or å left out ("rdighed")."""
        words = self.lexicon.words
        for i in range(len(tok) + 1):
            for letter in "æøå":
                text = tok[:i] + letter + tok[i:]
                if i == 0 and tok[:1].isupper():
                    text = letter.upper() + tok[0].lower() + tok[1:]
                if text.lower() in words:
                    site = channel.Site(i, i, letter, "", channel.DROPPED_LETTER_LOGP)
                    found[text] = Candidate(text, self._word_lm(text)[1], (site,))

    def _add_loose_candidates(self, tok: str, found: dict[str, Candidate]) -> None:
        """Candidates read as name-like compounds ("Platangården", "Østerbo")."""
        loose = self.lexicon.loose_split
        sites = channel.sites(tok, self.lexicon.danish_trigrams)
        # names (capitalised) may hold two misread letters, other words one
        most = 2 if tok[:1].isupper() else 1
        for text, _, used in channel.candidates(tok, sites, most=most):
            if text in found:
                continue
            pieces = loose(text.lower())
            if pieces and self._loose_parts_common(pieces, text, used):
                found[text] = Candidate(text, self._loose_lm(pieces), used, compound=True)

    def _mean_part_zipf(self, pieces: tuple[str, ...], floor: float) -> float:
        """Mean Zipf frequency of compound parts; a part ending in a linking -s/-e may be
        listed without it, and an unlisted part counts as `floor`."""
        zipf = self.lexicon.zipf
        total = 0.0
        for piece in pieces:
            z = zipf.get(piece) or (zipf.get(piece[:-1]) if piece[-1] in "se" else None)
            total += z or floor
        return total / len(pieces)

    def _loose_lm(self, pieces: tuple[str, ...]) -> float:
        """A name-like compound is as likely as its parts are common."""
        mean = self._mean_part_zipf(pieces, LOOSE_PART_FLOOR)
        lm = LOOSE_COMPOUND + LOOSE_PART_WEIGHT * (mean - PART_ZIPF_FLOOR)
        lm -= LOOSE_PART_PENALTY * (len(pieces) - 2)
        return min(LOOSE_CEILING, max(UNKNOWN_TOKEN, lm))

    def _short_part_cost(self, text: str, used: tuple[channel.Site, ...]) -> float:
        """Cost of changed letters inside short compound parts ("sen|dør|gardens")."""
        low = text.lower()
        pieces = self.lexicon.split(low) if "-" not in low else ()
        if not pieces:
            return 0.0
        changed = _changed_positions(used)
        cost = 0.0
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if len(piece) < SHORT_PART and any(start <= pos < end for pos in changed):
                cost += SHORT_PART_COST
            start = end
        return cost

    def _loose_parts_common(
        self, pieces: tuple[str, ...], text: str, used: tuple[channel.Site, ...]
    ) -> bool:
        """Whether every part holding a changed letter is a common word (wordfreq lists it)."""
        zipf = self.lexicon.zipf
        changed = set(_changed_positions(used))
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if any(start <= pos < end for pos in changed):
                common = piece in zipf or (piece[-1] in "se" and piece[:-1] in zipf)
                if not common:
                    return False
            start = end
        return True

    def _estimate_channel(
        self, counts: Counter[str], infos: dict[str, TokenInfo]
    ) -> tuple[dict[tuple[str, str], float], float, bool]:
        """The document's channel: substitution weights, damage rate, and whether it is Danish.

        The damage rate is the share of the document's æ/ø/å words that look damaged;
        its prior leans to "clean", so a short clean text does not get "bade" -> "både".
        """
        intact = damaged = danish = english = words = 0
        used: Counter[tuple[str, str]] = Counter()
        per_letter: Counter[str] = Counter()
        english_words = self.lexicon.english
        foreign = 0
        for tok, info in infos.items():
            n = counts[tok]
            words += n
            if FOREIGN_LETTERS & set(tok):
                foreign += n
            if info.known:
                intact += n if DANISH_LETTERS & set(tok) else 0
                danish += n if tok.lower() not in english_words else 0
                continue
            is_english = info.lm > UNKNOWN_TOKEN
            english += n if is_english else 0
            best = _best_by_prior(info)
            if best is None:
                continue
            damaged += n
            danish += 0 if is_english else n
            for site in best.sites:
                used[(site.ocr, site.letter)] += n
                per_letter[site.letter.lower()] += n
        is_danish = words < MIN_TOKENS_FOR_LANGUAGE_CHECK or (
            danish >= english and foreign < MAX_FOREIGN_SHARE * words
        )
        damage_rate = (damaged + DAMAGE_PRIOR) / (damaged + intact + 1)
        damage_rate = min(1.0, max(MIN_DAMAGE_RATE, damage_rate))
        weights: dict[tuple[str, str], float] = {}
        for table in (channel.SUBSTITUTIONS, channel.UPPER_SUBSTITUTIONS):
            for ocr, letter, share in table:
                observed = used.get((ocr, letter), 0)
                total = per_letter.get(letter.lower(), 0)
                p = (observed + CHANNEL_PRIOR * share) / (total + CHANNEL_PRIOR)
                weight = math.log10(p) + math.log10(damage_rate)
                if not observed and total >= CONFIG.channel_min_observed:
                    weight -= CONFIG.unseen_edit_cost  # this document's font never does it
                weights[(ocr, letter)] = weight
        weights[RATE_KEY] = math.log10(damage_rate)
        return weights, damage_rate, is_danish

    def _decide(
        self,
        infos: dict[str, TokenInfo],
        weights: dict[tuple[str, str], float],
        evidence: Evidence,
    ) -> dict[str, Verdict]:
        verdicts = {}
        for tok, info in infos.items():
            if info.candidates:
                verdicts[tok] = self._choose(tok, info, weights, evidence)
        return verdicts

    def _choose(
        self, tok: str, info: TokenInfo, weights: dict[tuple[str, str], float], evidence: Evidence
    ) -> Verdict:
        scored: list[tuple[float, str | None]] = []
        for cand in info.candidates:
            changed = _changed_positions(cand.sites)
            score = cand.lm + cand.channel_logp(weights) + evidence.bonus(cand.text, tok, changed)
            if not cand.sites:  # the initial-l reading
                score += channel.INITIAL_L_LOGP
            scored.append((score, cand.text))
        # only a listed word needs beating by a margin; a compound reading is weaker
        keep = info.lm + (KNOWN_MARGIN if info.listed else 0.0)
        if not info.known:
            # an unknown word is more often a term or a name than damage no listed word
            # explains well; a capitalised one is a name unless a good word explains it
            name_like = len(tok) > CONFIG.short_token_len and tok[0].isupper() and tok[1:].islower()
            keep = max(keep, CONFIG.name_keep if name_like else CONFIG.unknown_keep)
        if info.known:
            keep += evidence.bonus(tok, tok)
        best_score, best = max((sc, text) for sc, text in scored if text is not None)
        lead = best_score - keep
        if info.known:
            scored.append((keep, None))
        winner = best if lead > 0 else None
        top = max(best_score, keep)
        rivals = tuple(text for sc, text in scored if text != winner and sc >= top - GRAMMAR_WINDOW)
        close = tuple((text, sc) for sc, text in scored if sc >= top - GRAMMAR_WINDOW)
        return Verdict(winner, best, lead, rivals, close)

    def _by_neighbours(
        self,
        text: str,
        toks: list[tuple[int, int, str]],
        row: list[str | None],
        k: int,
        key: str,
        choice: str | None,
        verdict: Verdict,
    ) -> str | None:
        """The reading the neighbouring words ask for, by the bigram model ("før du",
        not "for du"): each close reading's score plus the model's context gain (capped),
        and a change only when it wins by CONTEXT_NGRAM_MARGIN."""
        prev = row[k - 1] if k > 0 and _adjacent(text, toks[k - 1][1], toks[k][0]) else None
        nxt = (
            row[k + 1]
            if k + 1 < len(toks) and _adjacent(text, toks[k][1], toks[k + 1][0])
            else None
        )
        if prev is None and nxt is None:
            return choice
        own = key.rstrip("-").lower()
        cap = CONFIG.context_ngram_cap
        best, best_total, current_total = choice, -math.inf, -math.inf
        words = self.bigrams.words
        for reading, score in verdict.scores:
            word = (reading or key).rstrip("-").lower()
            if word not in words or self.lexicon.parts(word) != 1:
                # only words the model has seen, and no compound guesses
                continue
            gain = self.bigrams.context_logp(prev, word, nxt)
            total = score + CONFIG.context_ngram_weight * max(-cap, min(cap, gain))
            if (reading.rstrip("-").lower() if reading else own) == (
                choice.rstrip("-").lower() if choice else own
            ):
                current_total = total
            if total > best_total:
                best, best_total = reading, total
        if current_total == -math.inf:
            return choice  # the first choice is unknown to the model: nothing to compare
        if best_total > current_total + CONFIG.context_ngram_margin:
            return best
        return choice

    def _by_grammar(self, cue: str, key: str, choice: str | None, verdict: Verdict) -> str | None:
        """The reading the word before asks for ("et møde", "skal møde", "en måde").

        A reading that fits only the asked-for gender beats one that fits both ("møden"
        is listed too, but "mødet" says neuter).
        """
        best, best_fit = choice, self._fit(cue, choice or key)
        for rival in verdict.rivals:
            fit = self._fit(cue, rival or key)
            if fit > best_fit:
                best, best_fit = rival, fit
        return best

    def _fit(self, cue: str, word: str) -> int:
        """2: `word` fits what `cue` asks for and not the other gender; 1: it fits both;
        0: it does not fit."""
        if not self._fits(cue, word):
            return 0
        other = GENDER_OPPOSITE.get(cue)
        return 1 if other is not None and self._fits(other, word) else 2

    def _fits(self, cue: str, word: str) -> bool:
        word = word.rstrip("-").lower()
        knows = self.lexicon.words.__contains__
        if cue == "verb":  # an infinitive has a present participle: møde -> mødende
            return knows(word + "nde") if word.endswith("e") else knows(word + "ende")
        if cue == "plural":  # alle børns -> børnene, not barnet
            base = word[:-1] if word.endswith("s") else word
            singular = knows(base + "et") or knows(base + "en")
            return not singular and (knows(base + "ene") or knows(base + "ne"))
        # a genitive takes the gender of its noun: "det enkelte barns" -> barnet
        if word.endswith("s") and not knows(word + "et") and not knows(word + "en"):
            word = word[:-1]
        if cue == "neuter":  # et møde -> mødet
            return knows(word + "et") or (word.endswith("e") and knows(word + "t"))
        # common gender: en måde -> måden
        return knows(word + "en") or (word.endswith("e") and knows(word + "n"))

    def _apply_context(
        self,
        spans: list[list[tuple[int, int, str]]],
        texts: Sequence[str],
        infos: dict[str, TokenInfo],
        verdicts: dict[str, Verdict],
    ) -> list[list[str | None]]:
        """Per occurrence: the repair, with close calls settled by the neighbouring words.

        A valid word that nearly lost to a candidate ("barns" / "børns") takes the candidate
        when the document pairs the candidate, never the word, with the same neighbour
        elsewhere ("børns og unges" repaired from "bgrns og unges").
        """
        resolved: list[list[str | None]] = []
        for toks in spans:
            row: list[str | None] = []
            for _, _, key in toks:
                verdict = verdicts.get(key)
                info = infos[key]
                if verdict is not None and verdict.choice is not None:
                    row.append(verdict.choice.rstrip("-").lower())
                elif verdict is None and info.known:
                    row.append(key.rstrip("-").lower())
                else:
                    row.append(None)  # unsure: no evidence for anyone
            resolved.append(row)
        pairs: Counter[tuple[str | None, str | None]] = Counter()
        for text, toks, row in zip(texts, spans, resolved, strict=True):
            for k in range(len(toks) - 1):
                left, right = row[k], row[k + 1]
                if left and right and _adjacent(text, toks[k][1], toks[k + 1][0]):
                    pairs[(left, right)] += 1
        choices: list[list[str | None]] = []
        for text, toks, row in zip(texts, spans, resolved, strict=True):
            out: list[str | None] = []
            for k, (_, _, key) in enumerate(toks):
                verdict = verdicts.get(key)
                choice = verdict.choice if verdict is not None else None
                if verdict is not None and choice is None and verdict.lead > -CONTEXT_WINDOW:
                    left = (
                        row[k - 1]
                        if k > 0 and _adjacent(text, toks[k - 1][1], toks[k][0])
                        else None
                    )
                    right = (
                        row[k + 1]
                        if k + 1 < len(toks) and _adjacent(text, toks[k][1], toks[k + 1][0])
                        else None
                    )
                    cand = verdict.best.rstrip("-").lower()
                    own = key.rstrip("-").lower()
                    cand_support = (
                        pairs[(left, cand)] + pairs[(cand, right)] if left or right else 0
                    )
                    own_support = pairs[(left, own)] + pairs[(own, right)] if left or right else 0
                    if cand_support >= MIN_CONTEXT_SUPPORT and own_support == 0:
                        choice = verdict.best
                if verdict is not None and len(verdict.scores) > 1 and self.bigrams.total:
                    choice = self._by_neighbours(text, toks, row, k, key, choice, verdict)
                if verdict is not None and verdict.rivals and k > 0:
                    cue = _grammar_cue(text, toks, k)
                    if cue is not None:
                        choice = self._by_grammar(cue, key, choice, verdict)
                out.append(choice)
            choices.append(out)
        return choices


@lru_cache(maxsize=CACHE_LIMIT)
def _stem(word: str, shortest: int = MIN_STEM) -> str:
    """`word` without its inflection ending: "fremmødet" -> "fremmød", "børns" -> "børn"."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            return word[: -len(ending)]
    return word


def _grammar_cue(text: str, toks: list[tuple[int, int, str]], k: int) -> str | None:
    """What the words before token k ask for: "skal [møde]", "et [møde]", through an
    adverb, "skal derfor [møde]", and through a definite adjective, "det enkelte [barn]"."""
    start, end, _ = toks[k - 1]
    if not _adjacent(text, end, toks[k][0]):
        return None
    before = text[start:end].lower()
    if before in GRAMMAR_CUES:
        return GRAMMAR_CUES[before]
    if k < 2 or not _adjacent(text, toks[k - 2][1], start):
        return None
    two_back = text[toks[k - 2][0] : toks[k - 2][1]].lower()
    if before in ADVERBS and GRAMMAR_CUES.get(two_back) == "verb":
        return "verb"  # "skal derfor [møde]"
    return DEFINITE_CUES.get(two_back) if before.endswith("e") else None


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether only blanks (no punctuation, no blank line) separate two words."""
    between = text[end:start]
    return between.isspace() and between.count("\n") < 2


def _changed_positions(sites: tuple[channel.Site, ...]) -> list[int]:
    """Positions, in the candidate, of the letters its sites put in."""
    positions = []
    shift = 0
    for site in sites:
        positions.append(site.start + shift)
        shift += 1 - (site.end - site.start)
    return positions


def _best_by_prior(info: TokenInfo) -> Candidate | None:
    """The likeliest candidate under the built-in channel, or None."""
    best = None
    best_score = -math.inf
    for cand in info.candidates:
        score = cand.lm + cand.channel_logp({})
        if score > best_score:
            best, best_score = cand, score
    return best


def _case_for_position(tok: str, new: str, text: str, start: int, lexicon: Lexicon) -> str:
    """The case a repair takes from its place in the sentence.

    "@" at a word start is Ø at a sentence start or in a name, ø inside a sentence. A
    capital the OCR wrote for a small å/ø/æ inside a sentence ("om Aret", after a small
    word) is small again when the small word exists ("om året i"), not in a name ("Arhus").
    """
    if tok.isupper() or len(tok) < 2 or new[:1] not in ("ø", "Ø", "å", "Å", "æ", "Æ"):
        return new
    if tok[0] == "@":
        lower = new[0].lower() + new[1:]
        if _sentence_start(text, start) or not lexicon.knows(lower):
            return new[0].upper() + new[1:]
        return lower
    if new[0].isupper() and tok[1:].islower() and _inside_small_words(text, start, len(tok)):
        lower = new[0].lower() + new[1:]
        if lexicon.parts(lower) == 1:
            return lower
    return new


def _inside_small_words(text: str, start: int, length: int) -> bool:
    """Whether the word at `start` has lower-case words on both sides in its paragraph (not
    a table label such as "Årligt 400" run into the text before it)."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip()
    gap = before[len(stripped) :]
    if not gap or "\n" in gap or not stripped[-1:].islower():
        return False
    after = text[start + length : start + length + 40]
    following = after.lstrip()
    gap = after[: len(after) - len(following)]
    if following[:1] in CLAUSE_END:
        return True
    return bool(gap) and gap.count("\n") < 2 and following[:1].islower()


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a list item."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return not before or before[-1] in SENTENCE_END or before[-1] == "\n"
