"""Danish language facts the readers share: months, number words, units, conjunctions.

Only facts of the language live here (no template wording: that is `labels.yaml`).
"""

from __future__ import annotations

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Number words as they stand before a unit ("én fuldtidsstilling", "to stillinger").
NUMBER_WORDS = {
    "en": 1.0, "én": 1.0, "et": 1.0, "ét": 1.0, "halv": 0.5, "halvanden": 1.5,
    "to": 2.0, "tre": 3.0, "fire": 4.0, "fem": 5.0, "seks": 6.0, "syv": 7.0,
    "otte": 8.0, "ni": 9.0, "ti": 10.0,
}  # fmt: skip

# A number as written: "9.660", "1,5", "38"
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUMBER_OR_WORD = rf"{NUMBER}|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}"

# Units of working time: hours ("timer", "medarbejdertimer", "t") and whole posts.
HOUR_UNIT = r"[\wæøå-]*timer|t\.(?=\s)|t(?=\s*/)|t\b"
FTE_UNIT = (
    r"årsværk|fuldtidsstillinger|fuldtidsstilling|fuldtidsmedarbejdere|fuldtidsmedarbejder|"
    r"fuldtidsansatte|stillinger|stilling"
)

# "pr. uge", "om ugen", "ugentligt", "/uge" ... per period of time
PER = {
    "week": r"(?:(?:pr\.?|p\.|per|om|i|hver)\s+ugen?\b|ugentligt?\b|/\s*ugen?\b)",
    "month": r"(?:(?:pr\.?|per|om|i|hver)\s+måned(?:en)?\b|månedligt?\b|/\s*md\.?|/\s*måned\b)",
    "year": r"(?:(?:pr\.?|per|om|i)\s+(?:år|året|ar|aret)\b|hvert\s+år\b|årligt?\b|arligt\b)",
}
# words that join two quantities of one line ("Nordhjem 12 timer og SSP 8 timer")
CONJUNCTIONS = r"og|samt|plus|,|\+"

# Words before a number that qualify it without changing it ("ca. 250 deltagere")
APPROXIMATELY = r"ca\.|cirka|omkring|mindst|over|under|knap|godt|næsten"
# Nouns a sample size is counted in ("141 børn testet", "(214 besvarelser)")
SAMPLE_NOUNS = (
    r"børn|personer|elever|unge|besvarelser|respondenter|deltagere|beboere|familier|"
    r"husstande|adspurgte|voksne"
)
# "pct.-point", "pct. point", "procentpoint", "procent-point", "%-point", "%-point"
PERCENTAGE_POINTS = r"(?:%|pct\.?|procent)[^\S\n]?-?[^\S\n]?point(?:s)?"

# "2 x 4 timer", "2 medarbejdere á 4 timer": a number of times a quantity (the product is
# what is stated)
TIMES = r"(?:[x×*]|(?:medarbejdere|personer|ansatte)\s+[áàa])"
# "4 timer to gange om ugen": a quantity a number of times per period
TIMES_AFTER = r"gange"

# Nouns that name a kind of area and so stand beside a name in a baseline's area
# ("Svendborg Kommune", "Region Sjælland", "Boligforeningen Sundbo"): a line break
# next to one inside a cell splits one name, not two areas.
AREA_NOUNS = (
    r"kommune|region(?:en)?|boligforening(?:en)?|boligselskab(?:et)?|boligorganisation(?:en)?"
    r"|boligområde(?:t)?|bydel(?:en)?|afdeling(?:en)?|landsdel(?:en)?|skoledistrikt(?:et)?"
)
