"""Candidates: the spellings a token may stand for, from the channel's misreadings,
judged by the lexicon (listed words, hunspell compounds, name-like compounds)."""

from __future__ import annotations

from collections.abc import Sequence

from . import channel
from .config import CONFIG
from .scoring import Candidate, Scoring, TokenInfo, changed_positions


class CandidateSearch(Scoring):
    """Finds and ranks the candidates of one distinct token (cached per lexicon)."""

    def _info(self, tok: str) -> TokenInfo:
        info = self._info_cache.get(tok)
        if info is None:
            info = self._analyse(tok)
            if len(self._info_cache) > CONFIG.cache_limit:
                self._info_cache.clear()
            self._info_cache[tok] = info
        return info

    def _analyse(self, tok: str) -> TokenInfo:
        known, lm = self._word_lm(tok)
        # a listed Danish word, or a common English one, is only replaced by a clear winner
        listed = self.lexicon.parts(tok) == 1 or (not known and lm > CONFIG.unknown_token)
        # a listed word can only lose to a more frequent word, which wordfreq lists
        frequent_only = known and lm >= CONFIG.listed_word_floor
        zipf = self.lexicon.zipf
        found: dict[str, Candidate] = {}
        far: dict[str, Candidate] = {}
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
                rare = lm <= CONFIG.listed_word_floor
                for text, _, used in channel.candidates(base, sites, most=1):
                    if text in found:
                        continue
                    c_zipf = zipf.get(text.lower(), 0.0)
                    if c_zipf > lm - CONFIG.frequent_window and self.lexicon.knows(text):
                        found[text] = Candidate(text, c_zipf, used)
                    elif (
                        c_zipf > lm - CONFIG.context_switch_window
                        and text not in far
                        and self.lexicon.parts(text) == 1
                    ):
                        far[text] = Candidate(text, c_zipf, used)
                    elif rare and not c_zipf and self.lexicon.parts(text) == 1:
                        found[text] = Candidate(text, CONFIG.listed_word_floor, used)
                continue
            self._add_candidates(base, sites, found, most=1)
            if not known and not any(not c.compound for c in found.values()):
                # no listed word with one misread letter: try two or three (a valid
                # compound as written is not searched further: it is rarely damaged twice)
                self._add_candidates(base, sites, found, fewest=2)
        if not found and not known and len(tok) >= CONFIG.min_dropped_len:
            self._add_dropped_letter_candidates(tok, found)
        if not found and not known:
            self._add_part_candidates(tok, found)
        if not found and not known:
            self._add_at_sign_candidate(tok, found)
        if not known and len(tok) >= CONFIG.min_loose_len:
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
            # "ansl3et": a digit for å only in a word the lexicon knows
            found = {t: c for t, c in found.items() if self.lexicon.parts(t) >= 1}
        ranked = sorted(found.values(), key=lambda c: -c.lm)[: CONFIG.max_candidates]
        distant = tuple(c for text, c in far.items() if text not in found)
        return TokenInfo(known, listed, lm, ranked, distant)

    def _add_candidates(
        self,
        base: str,
        sites: Sequence[channel.Site],
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
            if len(text) >= CONFIG.min_dropped_len and text.lower() in begin:
                found[text] = Candidate(text, CONFIG.part_alone, used, compound=True)

    def _add_at_sign_candidate(self, tok: str, found: dict[str, Candidate]) -> None:
        """An unknown word with "@" among its letters: the "@" is ø ("@sterbo" = Østerbo).

        The word with ø put in is judged in turn: if it has readings of its own
        ("bgrnøvrige" -> "børnøvrige"), those are the candidates, so that repairing the
        repaired text changes nothing more.
        """
        if (
            "@" not in tok
            or not tok.replace("@", "").isalpha()
            or len(tok) < CONFIG.min_dropped_len
        ):
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
            found[text] = Candidate(text, CONFIG.at_sign_word, sites)

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

    def _short_part_cost(self, text: str, used: tuple[channel.Site, ...]) -> float:
        """Cost of changed letters inside short compound parts ("sen|dør|gardens")."""
        low = text.lower()
        pieces = self.lexicon.split(low) if "-" not in low else ()
        if not pieces:
            return 0.0
        changed = changed_positions(used)
        cost = 0.0
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if len(piece) < CONFIG.short_part and any(start <= pos < end for pos in changed):
                cost += CONFIG.short_part_cost
            start = end
        return cost

    def _loose_parts_common(
        self, pieces: tuple[str, ...], text: str, used: tuple[channel.Site, ...]
    ) -> bool:
        """Whether every part holding a changed letter is a common word (wordfreq lists it)."""
        zipf = self.lexicon.zipf
        changed = set(changed_positions(used))
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if any(start <= pos < end for pos in changed):
                common = piece in zipf or (piece[-1] in "se" and piece[:-1] in zipf)
                if not common:
                    return False
            start = end
        return True
