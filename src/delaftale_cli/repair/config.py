"""Every tuning constant of the repair layer, with the reason for its value.

Scores are log10 probabilities unless said otherwise; "Zipf" is wordfreq's scale
(log10 of occurrences per billion words). One frozen object, `CONFIG`, is read by the
engine, guard, evidence and context modules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RepairConfig:
    # ------------------------------------------------------------------ tokens
    # longer "words" are hashes, base64 or run-together garbage, never Danish words
    max_token_len: int = 40
    # candidates kept per token after ranking: the sixth-best never won on the dev sets
    max_candidates: int = 6
    # a word after a number ("5arige") is repaired on its own when at least this long;
    # shorter remainders ("2a", "3e") are ordinals and units
    min_detached_word: int = 4
    # an unknown word whose "@" is read as ø: as likely as a rare listed word
    at_sign_word: float = 1.0
    # tokens this long may be a listed word with a dropped æ/ø/å; shorter ones match
    # too many words by chance
    min_dropped_len: int = 4

    # ------------------------------------------------------- language model
    # a hunspell form wordfreq does not list is as likely as a word seen ~100 times per
    # billion (Zipf 2): rarer than any listed word, likelier than a compound guess
    listed_word_floor: float = 2.0
    # a two-part hunspell compound of unlisted parts, and the cost of each further part
    compound_floor: float = 1.0
    compound_part_penalty: float = 0.5
    # compounds stay below common listed words and above garbage
    compound_ceiling: float = 1.5
    compound_bottom: float = -0.5
    # mean part frequency at which a compound scores compound_floor
    part_zipf_floor: float = 3.0
    # a name-like compound of listed words that hunspell's rules do not allow
    loose_compound: float = 0.0
    loose_part_penalty: float = 0.3
    loose_part_weight: float = 0.5
    loose_ceiling: float = 0.3
    loose_part_floor: float = 1.5
    min_loose_len: int = 6
    # a changed letter inside a compound part this short costs this much more: short
    # parts ("gar", "mal") make almost any compound with a misread letter valid
    short_part: int = 4
    short_part_cost: float = 1.0
    # each letter a compound-reading candidate changes: a compound's score knows how
    # common its parts are, not whether this part is "flade" or "flåde"
    compound_site_cost: float = 0.4
    # a compound's first part standing alone, its hyphen lost ("bgrne ungeområdet"):
    # above unknown_keep after one common misreading and the compound site cost
    part_alone: float = 0.3
    # a token no lexicon knows
    unknown_token: float = -1.5
    # a form hunspell lists but wordfreq does not ("legens") scores as its base word
    # ("leg") less this; bases shorter than min_inflected_base are not looked up
    inflection_cost: float = 1.5
    # ... and below wordfreq's own cut-off (its Danish list stops at Zipf 3.0): a form it
    # does not list is rarer than every form it lists
    unlisted_ceiling: float = 2.9
    min_inflected_base: int = 3
    # an English word in Danish text: likelier than garbage, far less likely than Danish
    english_discount: float = 2.5
    # tokens of at most this many letters ("&h", "DD", "ar") become only common words
    # (3 letters also stopped "tat" -> "tæt", "stA" -> "stå" on the samples)
    # (Zipf >= short_token_min_zipf: "på", "år", "så"); rare short words are abbreviations
    short_token_len: int = 2
    short_token_min_zipf: float = 3.5
    # ... and only by a common misreading (share >= 5 %): "&h" is no "åh", "DD" no "ÅD"
    short_token_min_logp: float = -1.31
    # ... unless the word is among the commonest ("sA" is "så", Zipf 6.6)
    short_token_very_common: float = 5.5
    # the score of keeping an unknown token: a term or name is likelier than a weakly
    # explained repair (compound guesses with a minor misreading scored -1.0 to -1.5)
    unknown_keep: float = -1.0
    # a capitalised unknown word is a name unless a listed word explains it well
    name_keep: float = -0.5
    # ... both only when the repair swaps plain letters a Danish word writes anyway ("e" for
    # ø in "Natterer", "a" for å): other misreadings ("ee", "ze", "g", "@", digits) are
    # damage as plainly as the bare unknown-token score says (measured on the dev part:
    # the keep scores above cost 15 restored names and compounds there, Bækkestien,
    # læringsmiljøer, and the false changes they saved were all plain-letter ones)
    plain_misreadings: tuple[str, ...] = ("a", "e", "o", "A", "E", "O")
    distinct_keep: float = -1.5
    # a listed word's candidates are words at most this much less frequent (Zipf)
    frequent_window: float = 1.0

    # ------------------------------------------------------------- decision
    # a valid word is replaced only when a candidate beats it by this much
    known_margin: float = 0.3
    # a token that is only a compound guess as written ("borger|mader") against a word the
    # lexicon lists with one misreading ("borgermøder"): the guess pays what a compound
    # candidate pays per changed letter (compound_site_cost), both being guesses alike
    written_compound_cost: float = 0.4
    # the document writes the reading elsewhere / writes its stem or changed parts
    document_bonus: float = 1.0
    stem_bonus: float = 0.5
    # unknown tokens spelled this many different ways that all read as one word are that
    # word (different misreadings of one name); two is the least that can disagree
    converging_spellings: int = 2
    # a repair this clear (lead) is evidence for its word elsewhere in the document
    clear_lead: float = 0.5
    # inflection endings stripped to compare words by stem (longest first)
    endings: tuple[str, ...] = (
        "ernes", "erne", "ene", "ens", "ets", "er", "en", "et", "es", "e", "s", "t",
    )  # fmt: skip
    min_stem: int = 4
    min_part_stem: int = 3
    # a candidate whose edits are of two kinds (an æ and an ø, or "ee" and "a" for two
    # letters) is two independent accidents; real damage of that shape is rare, and
    # such candidates made the worst false repairs ("feelleskabet" -> "fælleskøbet")
    mixed_edit_cost: float = 1.0
    # "rarely shows": the edit's share (in this document's channel) is below 10 %
    weak_edit_logp: float = -1.0
    # a misreading the document's own clear repairs never show pays this much more, once
    # the document's repairs of that letter should have shown it `channel_min_expected`
    # times (share x repairs; never seeing a 2 % misreading in 100 repairs happens one
    # time in eight, never seeing it in 150 one time in twenty)
    # Plain-letter misreadings are exempt: their damage mostly makes valid words ("barn",
    # "for"), which are not counted as repairs, so a document never seems to show them
    unseen_edit_cost: float = 1.0
    channel_min_expected: float = 3.0

    # ------------------------------------------------------- the channel
    # strength (pseudo-observations) of the built-in channel against the document's own
    channel_prior: float = 20.0
    min_damage_rate: float = 0.005
    # pseudo-count of damaged words before any evidence (against one clean word)
    damage_prior: float = 0.1
    # fewer word tokens than this: no language check, the channel prior decides
    min_tokens_for_language_check: int = 30
    # below this share of known (Danish or English) word tokens a text is not prose
    min_word_share: float = 0.4
    # letters of Swedish, German, Finnish...: a text with more of them is not Danish
    max_foreign_share: float = 0.03

    # ---------------------------------------------------- clean-text guard
    # A text whose æ/ø/å are intact is not damaged: an English OCR model writes almost
    # none of them (dev sets: < 2 % of æ/ø/å words come out intact), a Word file or a
    # Danish-model OCR run writes all of them. With at least `clean_min_intact` intact
    # æ/ø/å words and a damage share below `clean_max_damage`, nothing is changed.
    clean_min_intact: int = 3
    clean_max_damage: float = 0.35

    # ------------------------------------------------------- language id
    # a token leans English when its English Zipf is this much above its Danish one
    english_lean: float = 1.0
    # a sentence is English with at least this many English-leaning words and more than
    # `english_sentence_ratio` times as many as Danish-leaning ones
    english_sentence_min: int = 3
    english_sentence_ratio: float = 2.0
    # adjacent English-leaning words inside a Danish sentence ("Layer Attributes") are
    # kept; one alone is judged like any other token ("made" may be "måde")
    english_run_min: int = 2

    # ------------------------------------------------------------ context
    # neighbouring words settle a close call (a candidate within context_window) when the
    # document pairs the candidate with them at least min_context_support times, and the
    # token never; only in texts that are mostly damaged
    context_window: float = 1.0
    min_context_support: int = 2
    context_min_damage: float = 0.5
    # the word before asks for an infinitive, a neuter or a common-gender noun: readings
    # within this much of the best may be chosen for it
    grammar_window: float = 1.5

    # the bigram model (ngrams.py) weighs in on close readings: its context gain (log10)
    # counts this much, capped at +-context_ngram_cap (sparse counts swing by 4 and
    # more), and a reading must win by context_ngram_margin to replace the first choice
    context_ngram_weight: float = 0.5
    context_ngram_cap: float = 2.0
    context_ngram_margin: float = 0.3
    # readings this close to the best are compared by the bigram model (wider windows,
    # 3.0 with weight 1.0, reached "for" -> "før" but made more false changes on the
    # dev part: 0.6 instead of 0.5 per 1,000)
    context_ngram_window: float = 1.5
    # a valid word's readings up to this much rarer (Zipf) than it, beyond frequent_window,
    # may be chosen by the bigram model alone ("for" -> "før": 1.1 apart, outside the window
    # frequency competes in); the model's gain counts in full (it is a log-likelihood
    # ratio), capped at context_switch_cap, and must beat keeping the word (with its
    # known_margin) by context_switch_margin, with the reading seen next to one of its
    # neighbours at least context_switch_min_pair times in the help texts
    context_switch_window: float = 2.5
    context_switch_cap: float = 5.0
    context_switch_margin: float = 0.5
    context_switch_min_pair: int = 5

    # ------------------------------------------------------------- caches
    cache_limit: int = 100_000


CONFIG = RepairConfig()
