"""Context: close calls settled by the neighbouring words.

Three sources, in order: the document's own word pairs ("børns og unges" elsewhere), the
bigram model of Danish help text (ngrams.py: "før du", not "for du"), and the grammar the
word before asks for ("skal møde", "et møde", "en måde", "alle børn").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from .config import CONFIG
from .lexicon import Lexicon
from .ngrams import Bigrams
from .scoring import TokenInfo, Verdict

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


class ContextResolver:
    """Per occurrence: the reading its neighbours ask for."""

    lexicon: Lexicon
    bigrams: Bigrams

    def _apply_context(
        self,
        spans: list[list[tuple[int, int, str]]],
        texts: Sequence[str],
        infos: dict[str, TokenInfo],
        verdicts: dict[str, Verdict],
        weights: dict[tuple[str, str], float] | None = None,
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
                if left and right and adjacent(text, toks[k][1], toks[k + 1][0]):
                    pairs[(left, right)] += 1
        choices: list[list[str | None]] = []
        for text, toks, row in zip(texts, spans, resolved, strict=True):
            out: list[str | None] = []
            for k, (_, _, key) in enumerate(toks):
                verdict = verdicts.get(key)
                choice = verdict.choice if verdict is not None else None
                if verdict is not None and choice is None and verdict.lead > -CONFIG.context_window:
                    left = (
                        row[k - 1] if k > 0 and adjacent(text, toks[k - 1][1], toks[k][0]) else None
                    )
                    right = (
                        row[k + 1]
                        if k + 1 < len(toks) and adjacent(text, toks[k][1], toks[k + 1][0])
                        else None
                    )
                    cand = verdict.best.rstrip("-").lower()
                    own = key.rstrip("-").lower()
                    cand_support = (
                        pairs[(left, cand)] + pairs[(cand, right)] if left or right else 0
                    )
                    own_support = pairs[(left, own)] + pairs[(own, right)] if left or right else 0
                    if cand_support >= CONFIG.min_context_support and own_support == 0:
                        choice = verdict.best
                if verdict is not None and len(verdict.scores) > 1 and self.bigrams.total:
                    choice = self._by_neighbours(text, toks, row, k, key, choice, verdict)
                elif verdict is None and infos[key].distant and self.bigrams.total:
                    choice = self._by_model(text, toks, row, k, key, infos[key], weights)
                if verdict is not None and verdict.rivals and k > 0:
                    cue = grammar_cue(text, toks, k)
                    if cue is not None:
                        choice = self._by_grammar(cue, key, choice, verdict)
                out.append(choice)
            choices.append(out)
        return choices

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
        and a change only when it wins by CONFIG.context_ngram_margin."""
        prev = row[k - 1] if k > 0 and adjacent(text, toks[k - 1][1], toks[k][0]) else None
        nxt = (
            row[k + 1] if k + 1 < len(toks) and adjacent(text, toks[k][1], toks[k + 1][0]) else None
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
        # a veto only: the model may keep a word as written, never choose another word
        # (on the Randers OCR sample that made "der bor i" "der bør i" and "unge far"
        # "unge før" instead of "unge får")
        if best is not None and best != choice:
            return choice
        if best_total > current_total + CONFIG.context_ngram_margin:
            return best
        return choice

    def _by_model(
        self,
        text: str,
        toks: list[tuple[int, int, str]],
        row: list[str | None],
        k: int,
        key: str,
        info: TokenInfo,
        weights: dict[tuple[str, str], float] | None,
    ) -> str | None:
        """A valid word the frequency keeps ("for") read as a rarer word ("før") when the
        bigram model's evidence from its neighbours outweighs the frequency: the reading's
        score plus its context gain beats the word's own (with the known-word margin) by
        CONFIG.context_switch_margin, and the model has seen the reading next to every
        neighbour it has, next to one of them at least CONFIG.context_switch_min_pair
        times (sparse counts are not evidence; a neighbour the model never saw with the
        reading says nothing for it)."""
        prev = row[k - 1] if k > 0 and adjacent(text, toks[k - 1][1], toks[k][0]) else None
        nxt = (
            row[k + 1] if k + 1 < len(toks) and adjacent(text, toks[k][1], toks[k + 1][0]) else None
        )
        if prev is None and nxt is None:
            return None
        own = key.rstrip("-").lower()
        words = self.bigrams.words
        if own not in words:
            return None
        pairs = self.bigrams.pairs
        cap = CONFIG.context_switch_cap
        keep = info.lm + CONFIG.known_margin
        keep += max(-cap, min(cap, self.bigrams.context_logp(prev, own, nxt)))
        best, best_total = None, keep + CONFIG.context_switch_margin
        for cand in info.distant:
            word = cand.text.lower()
            if word not in words:
                continue
            seen = [
                pairs.get(f"{prev} {word}", 0) if prev else None,
                pairs.get(f"{word} {nxt}", 0) if nxt else None,
            ]
            counts = [n for n in seen if n is not None]
            if max(counts) < CONFIG.context_switch_min_pair or not all(counts):
                # every neighbour must have been seen with the reading: "Retningslinjer
                # for brug" is not "før brug" because the help texts say "før brug"
                continue
            gain = max(-cap, min(cap, self.bigrams.context_logp(prev, word, nxt)))
            total = cand.lm + cand.channel_logp(weights or {}) + gain
            if total > best_total:
                best, best_total = cand.text, total
        return best

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


def grammar_cue(text: str, toks: list[tuple[int, int, str]], k: int) -> str | None:
    """What the words before token k ask for: "skal [møde]", "et [møde]", through an
    adverb, "skal derfor [møde]", and through a definite adjective, "det enkelte [barn]"."""
    start, end, _ = toks[k - 1]
    if not adjacent(text, end, toks[k][0]):
        return None
    before = text[start:end].lower()
    if before in GRAMMAR_CUES:
        return GRAMMAR_CUES[before]
    if k < 2 or not adjacent(text, toks[k - 2][1], start):
        return None
    two_back = text[toks[k - 2][0] : toks[k - 2][1]].lower()
    if before in ADVERBS and GRAMMAR_CUES.get(two_back) == "verb":
        return "verb"  # "skal derfor [møde]"
    return DEFINITE_CUES.get(two_back) if before.endswith("e") else None


def adjacent(text: str, end: int, start: int) -> bool:
    """Whether only blanks (no punctuation, no blank line) separate two words."""
    between = text[end:start]
    return between.isspace() and between.count("\n") < 2
