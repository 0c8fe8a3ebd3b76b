"""What kind of answer a question wants, and whether a sentence holds one: "how many" wants a number, "when"
a date or a time. A sentence that lacks the kind asked for is rarely the answer, however close its words are to
the question's. "who", "where" and "why" are not checked: their answers ("pharmacists", "in agriculture", "as
the program was believed to …") are too varied for a pattern, which refused right answers on XQuAD's tune half."""
from __future__ import annotations

import re

NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                "hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|"
                "half|double|twice|triple|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                "several|a few|both|single|percent|per cent")
NUMBER = re.compile(rf"[£$€¥]?\d(?:[\d,.]*\d)?(?:%|bn|m|p)?|\b(?:{NUMBER_WORDS})\b", re.I)
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DATE = re.compile(
    rf"\b(?:{MONTHS})\b|\b1?\d{{3}}s?\b|\b20\d\ds?\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow|yesterday|tonight|"
    r"this (?:week|month|year|morning|afternoon|evening|spring|summer|autumn|fall|winter)|"
    r"next (?:week|month|year)|last (?:week|month|year)|ago|since|until|earlier|later|soon|recently|"
    r"(?:spring|summer|autumn|fall|winter)|decade|century|quarter|weeks?|months?|years?|days?|hours?)\b", re.I)
KINDS = {"number": NUMBER, "date": DATE}
WANTS = [
    (re.compile(r"^\s*(?:how (?:many|much|long|far|big|large|old|high|often|heavy)|what (?:share|percentage|"
                r"proportion|amount|number|sum|price|cost|figure|rate|level)|by how (?:much|many))\b", re.I),
     "number"),
    (re.compile(r"^\s*(?:when|what (?:year|date|day|month|time)|by when|since when|how soon|in (?:what|which) "
                r"(?:year|month))\b", re.I), "date"),
]


def wanted(question: str) -> str | None:
    """The kind of answer the question asks for, or None when any sentence may answer it."""
    for pattern, kind in WANTS:
        if pattern.search(question):
            return kind
    return None


def holds(kind: str, sentence: str, question: str = "") -> bool:
    """Whether the sentence holds an answer of this kind (a number, a date) that
    the question does not already give: a sentence that only repeats the question's "2,850 job cuts" or
    "London" does not say how many, or where."""
    asked = _words(question)
    for match in KINDS[kind].finditer(sentence):
        said = _words(match.group(0)) - {"in", "at", "to", "from", "the", "near", "mr", "mrs", "ms", "dr"}
        if kind == "number" and not said:  # a currency sign or a digit inside a word
            said = {match.group(0)}
        if said and not said <= asked:
            return True
    return False


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w£$€¥%]+", text.lower()))
