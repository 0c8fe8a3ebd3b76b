"""What kind of answer a question wants, and whether a sentence holds one: "how many" wants a number, "when"
a date or a time, "where" a place, "who" a person. A sentence that lacks the kind asked for is rarely the
answer, however close its words are to the question's."""
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
    rf"\b(?:{MONTHS})\b|\b(?:19|20)\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow|yesterday|tonight|"
    r"this (?:week|month|year|morning|afternoon|evening|spring|summer|autumn|fall|winter)|"
    r"next (?:week|month|year)|last (?:week|month|year)|ago|since|until|earlier|later|soon|recently|"
    r"(?:spring|summer|autumn|fall|winter)|decade|century|quarter|weeks?|months?|years?|days?|hours?)\b", re.I)
# a capitalised word not at the start of the sentence, or "in/at/to/from + Capital": a named place or body
PLACE = re.compile(r"\b(?:in|at|to|from|near|across|outside|inside|around|into|visit(?:ed|ing|s)?)\s+(?:the\s+)?"
                   r"[A-Z][\w’'\-]+")
PERSON = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)+|\b(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?\s+"
                    r"[A-Z]|\b(?:President|Secretary|Minister|Chancellor|Governor|Senator|Ambassador|Director|"
                    r"chairman|chief executive|spokesman|spokeswoman|leader|boss|head)\b")
REASON = re.compile(r"\b(?:because|due to|so that|in order to|as a result|after|since|given|owing to|"
                    r"aim(?:s|ed)? to|designed to|to (?:help|ensure|avoid|prevent|protect|address|reduce|"
                    r"strengthen|support|make|keep|allow|give|deter|counter|promote|advance|build)|"
                    r"reason|why|result of|caused by|blamed|following|amid|for (?:the )?(?:sake|purpose))\b", re.I)

KINDS = {"number": NUMBER, "date": DATE, "place": PLACE, "person": PERSON, "reason": REASON}
WANTS = [
    (re.compile(r"^\s*(?:how (?:many|much|long|far|big|large|old|high|often|heavy)|what (?:share|percentage|"
                r"proportion|amount|number|sum|price|cost|figure|rate|level)|by how (?:much|many))\b", re.I),
     "number"),
    (re.compile(r"^\s*(?:when|what (?:year|date|day|month|time)|by when|since when|how soon|in (?:what|which) "
                r"(?:year|month))\b", re.I), "date"),
    (re.compile(r"^\s*(?:where|in (?:what|which) (?:city|country|town|place|region)|what (?:city|country|town|"
                r"place|venue|location))\b", re.I), "place"),
    (re.compile(r"^\s*(?:who|whom|whose|which (?:official|minister|person|people|leader|company|firm|"
                r"officials|ministers|leaders|companies|firms|countries|country|nations))\b", re.I), "person"),
    (re.compile(r"^\s*(?:why|for what reason|what (?:prompted|caused|led|was the reason|is the reason))\b", re.I),
     "reason"),
]


def wanted(question: str) -> str | None:
    """The kind of answer the question asks for, or None when any sentence may answer it."""
    for pattern, kind in WANTS:
        if pattern.search(question):
            return kind
    return None


def holds(kind: str, sentence: str, question: str = "") -> bool:
    """Whether the sentence holds an answer of this kind (a number, a date, a place, a person, a reason) that
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
