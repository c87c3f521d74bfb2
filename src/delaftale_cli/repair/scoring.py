"""Scoring readings: the language model of a spelling, the document's channel, and the
decision between keeping a token and its candidates.

A reading scores log10 P(word) + log10 P(OCR text | word): wordfreq's Zipf frequency (a
hunspell form without one is scored from its base word, a compound from its parts) and
the channel's weight for each misreading, estimated per document.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from . import channel
from .config import CONFIG
from .evidence import Evidence
from .lexicon import Lexicon

DANISH_LETTERS = frozenset("æøåÆØÅ")
# letters of Swedish, German, Finnish...: a text full of them is not Danish
FOREIGN_LETTERS = frozenset("äöüßÄÖÜ")
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
            weak += w - rate < CONFIG.weak_edit_logp and s.ocr in CONFIG.plain_misreadings
            logp += w
        if self.compound:
            logp -= CONFIG.compound_site_cost * len(self.sites)
        if weak and len({s.letter.lower() for s in self.sites}) > 1:
            # two letters restored, one by a plain-letter misreading this document rarely
            # shows ("feelleskabet" -> "fælleskøbet": its "a" is just an a); a distinctive
            # one ("@", "z") is no accident of reading
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
    # every reading within CONFIG.context_ngram_window of the best, with its score
    scores: tuple[tuple[str | None, float], ...] = ()


@dataclass
class TokenInfo:
    """What one distinct token is: its own lexicon score and its candidates."""

    known: bool
    listed: bool
    lm: float
    candidates: list[Candidate]
    # readings of a valid word too much rarer to compete on frequency ("før" for "for"):
    # only the bigram model's evidence from the neighbouring words may choose one
    distant: tuple[Candidate, ...] = ()


class Scoring:
    """The language model and the decision; holds the lexicon and its caches."""

    lexicon: Lexicon
    _lm_cache: dict[str, tuple[bool, float]]
    _info_cache: dict[str, TokenInfo]

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
            english = self.lexicon.english.get(word.lower(), 0.0) - CONFIG.english_discount
            result = (False, max(CONFIG.unknown_token, english))
        elif parts == 1:
            result = (True, self.lexicon.frequency(word) or self._inflected_lm(word))
        else:
            result = (True, self._compound_lm(word.lower(), parts))
        if len(self._lm_cache) > CONFIG.cache_limit:
            self._lm_cache.clear()
        self._lm_cache[word] = result
        return result

    def _inflected_lm(self, word: str) -> float:
        """A listed form wordfreq does not list ("legens") is about as likely as its
        base word ("leg") less an inflection, and never below CONFIG.listed_word_floor."""
        low = word.lower()
        zipf = self.lexicon.zipf
        best = 0.0
        for ending in CONFIG.endings:
            if low.endswith(ending) and len(low) - len(ending) >= CONFIG.min_inflected_base:
                base = low[: -len(ending)]
                best = max(best, zipf.get(base, 0.0), zipf.get(base + "e", 0.0))
        return min(
            CONFIG.unlisted_ceiling, max(CONFIG.listed_word_floor, best - CONFIG.inflection_cost)
        )

    def _compound_lm(self, word: str, parts: int) -> float:
        """A compound is as likely as its parts are common, and less so the more parts."""
        pieces = self.lexicon.split(word) if "-" not in word else ()
        if not pieces:
            return CONFIG.compound_floor - CONFIG.compound_part_penalty * (parts - 2)
        mean = self._mean_part_zipf(pieces, CONFIG.part_zipf_floor)
        lm = (
            CONFIG.compound_floor
            + (mean - CONFIG.part_zipf_floor)
            - CONFIG.compound_part_penalty * (parts - 2)
        )
        return min(CONFIG.compound_ceiling, max(CONFIG.compound_bottom, lm))

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
        mean = self._mean_part_zipf(pieces, CONFIG.loose_part_floor)
        lm = CONFIG.loose_compound + CONFIG.loose_part_weight * (mean - CONFIG.part_zipf_floor)
        lm -= CONFIG.loose_part_penalty * (len(pieces) - 2)
        return min(CONFIG.loose_ceiling, max(CONFIG.unknown_token, lm))

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
            is_english = info.lm > CONFIG.unknown_token
            english += n if is_english else 0
            best = best_by_prior(info)
            if best is None:
                continue
            damaged += n
            danish += 0 if is_english else n
            for site in best.sites:
                used[(site.ocr, site.letter)] += n
                per_letter[site.letter] += n  # Å apart from å: their tables differ
        is_danish = words < CONFIG.min_tokens_for_language_check or (
            danish >= english and foreign < CONFIG.max_foreign_share * words
        )
        damage_rate = (damaged + CONFIG.damage_prior) / (damaged + intact + 1)
        damage_rate = min(1.0, max(CONFIG.min_damage_rate, damage_rate))
        weights: dict[tuple[str, str], float] = {}
        for table in (channel.SUBSTITUTIONS, channel.UPPER_SUBSTITUTIONS):
            for ocr, letter, share in table:
                observed = used.get((ocr, letter), 0)
                total = per_letter.get(letter, 0)
                p = (observed + CONFIG.channel_prior * share) / (total + CONFIG.channel_prior)
                weight = math.log10(p) + math.log10(damage_rate)
                if (
                    not observed
                    and share * total >= CONFIG.channel_min_expected
                    and ocr not in CONFIG.plain_misreadings
                ):
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
            changed = changed_positions(cand.sites)
            score = cand.lm + cand.channel_logp(weights) + evidence.bonus(cand.text, tok, changed)
            if not cand.sites:  # the initial-l reading
                score += channel.INITIAL_L_LOGP
            scored.append((score, cand.text))
        # only a listed word needs beating by a margin; a compound reading is weaker
        keep = info.lm + (CONFIG.known_margin if info.listed else 0.0)
        if info.known:
            keep += evidence.bonus(tok, tok)
        best_score, best = max((sc, text) for sc, text in scored if text is not None)
        if info.known and not info.listed and self._listed_rival(info, best):
            keep -= CONFIG.written_compound_cost
        if not info.known:
            keep = max(keep, self._unknown_keep(tok, info, best))
        lead = best_score - keep
        if info.known:
            scored.append((keep, None))
        winner = best if lead > 0 else None
        top = max(best_score, keep)
        rivals = tuple(
            text for sc, text in scored if text != winner and sc >= top - CONFIG.grammar_window
        )
        close = tuple((text, sc) for sc, text in scored if sc >= top - CONFIG.context_ngram_window)
        return Verdict(winner, best, lead, rivals, close)

    def _long_parts(self, cand: Candidate) -> bool:
        """Whether every letter `cand` puts in sits in a part of CONFIG.short_part+ letters."""
        low = cand.text.lower()
        pieces = self.lexicon.split(low) or self.lexicon.loose_split(low) or (low,)
        changed = changed_positions(cand.sites)
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if len(piece) < CONFIG.short_part and any(start <= pos < end for pos in changed):
                return False
            start = end
        return True

    def _listed_rival(self, info: TokenInfo, best: str) -> bool:
        """Whether the best reading of a compound-as-written is a word the lexicon lists."""
        cand = next((c for c in info.candidates if c.text == best), None)
        return cand is not None and not cand.compound and self.lexicon.parts(best) == 1

    def _unknown_keep(self, tok: str, info: TokenInfo, best: str) -> float:
        """The score of keeping an unknown token as written.

        An unknown word is more often a term or a name than damage no listed word explains
        well, when the repair only swaps plain letters ("Natterer" -> "Natterør"); a
        capitalised one is a name unless a good word explains it. A token whose misreadings
        no Danish word shows ("ee", "g" between consonants, "@", digits) is damage.
        """
        cand = next((c for c in info.candidates if c.text == best), None)
        if not plain_only(cand):
            return CONFIG.distinct_keep  # a distinctive misreading
        if cand is not None and info.lm <= CONFIG.unknown_token and self._long_parts(cand):
            # no reading of its own (no name-like compound, no English word), and the
            # letters put in sit in long parts: "Glarbjergvej|området", not "Natte|rør"
            return CONFIG.distinct_keep
        name_like = len(tok) > CONFIG.short_token_len and tok[0].isupper() and tok[1:].islower()
        return CONFIG.name_keep if name_like else CONFIG.unknown_keep


def plain_only(cand: Candidate | None) -> bool:
    """Whether every misreading of `cand` is a plain letter Danish writes everywhere
    ("e" for ø, "a" for å): a token with such sites reads as it stands just as well."""
    return cand is not None and all(s.ocr in CONFIG.plain_misreadings for s in cand.sites)


def changed_positions(sites: tuple[channel.Site, ...]) -> list[int]:
    """Positions, in the candidate, of the letters its sites put in."""
    positions = []
    shift = 0
    for site in sites:
        positions.append(site.start + shift)
        shift += 1 - (site.end - site.start)
    return positions


def best_by_prior(info: TokenInfo) -> Candidate | None:
    """The likeliest candidate under the built-in channel, or None."""
    best = None
    best_score = -math.inf
    for cand in info.candidates:
        score = cand.lm + cand.channel_logp({})
        if score > best_score:
            best, best_score = cand, score
    return best
