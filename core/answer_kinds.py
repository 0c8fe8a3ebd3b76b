"""What kind of answer a question wants, and whether a sentence holds one: "how many" (and "what was X's
majority") wants a count (not a year, not "the two leaders", nor a rate the question does not ask for, nor a sum,
a share or a length of time when it asks for jobs), "how much … cost" a sum of money, "when" a date or a time (a
day of a month the question names: "October 27"), "what prison sentence" a length of time, "what was X's
unemployment rate" a figure, "which officials" a person the question does not name, "which city"/"who"/"where" a
capitalised name the question does not already give (for a place: no person's and no post's), "what price per
share" a sum said per share, "on what date" a day of the calendar, "what speed"/"how much did it weigh" a number
with its unit, "where" a name after a word of place ("in Tokyo"), "in what year" a year. A sentence that lacks the
kind asked for is rarely the answer, however close its words are to the question's ("… died at a London hospice"
does not say which). "why" and "which" + a thing the articles write in lower case ("which channel": "the mil-to-mil
line") are not checked: their answers are too varied for a pattern, which refused right answers on XQuAD's tune
half."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from nlp.people import find_mentions, is_role_head

NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                "hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|"
                "half|double|twice|triple|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                "several|a few|both|single|percent|per cent")
# digits inside a name ("COVID-19", "G20", "F-16s") are no number the sentence gives
NUMBER = re.compile(rf"(?:[£$€¥]|(?<!\w)(?<![A-Za-z]-))\d(?:[\d,.]*\d)?(?:%|bn|m|p)?|\b(?:{NUMBER_WORDS})\b",
                    re.I)
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# a day, a month or a year of the calendar: "October 27" (the day is new), "27 October", "2023", "the 3rd"
CALENDAR = (rf"\b(?:{MONTHS})\.? \d{{1,2}}\b(?!,\d)|\b\d{{1,2}} (?:{MONTHS})\b|"
            rf"\b(?:{MONTHS})\b|\b1?\d{{3}}s?\b|\b20\d\ds?\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|")
A_MONTH = re.compile(rf"\b(?:{MONTHS})\b")
DATE = re.compile(
    CALENDAR + rf"\b(?:{WEEKDAYS}|today|tomorrow|yesterday|tonight|"
    r"this (?:week|month|year|morning|afternoon|evening|spring|summer|autumn|fall|winter)|"
    r"next (?:week|month|year)|last (?:week|month|year)|ago|since|until|earlier|later|soon|recently|"
    r"(?:spring|summer|autumn|fall|winter)|decade|century|quarter|weeks?|months?|years?|days?|hours?)\b", re.I)
MONEY = re.compile(r"[£$€¥]\s?\d[\d,.]*(?:\s?(?:bn|m|k|billion|million|trillion))?|\b\d[\d,.]*\s?(?:bn|m)\b|"
                   r"\b\d[\d,.]*\s(?:(?:billion|million|thousand|hundred)\s)?"
                   r"(?:dollars|pounds|euros|yen|yuan|pence|cents)\b", re.I)
VAGUE = {"several", "a few", "dozens", "hundreds", "thousands", "millions", "billions", "both", "single"}
YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$")
PROPER = re.compile(r"(?<![\w.’'-])[A-Z][\w’'-]+")
# A prison sentence is a length of time or life: "jailed for 10 years", "a six-month term", "life imprisonment".
DURATION = re.compile(rf"(?:\d[\d.,]*|\b(?:{NUMBER_WORDS}|a|an))[\s-]+(?:and a half[\s-]+)?"
                      r"(?:decades?|years?|months?|weeks?|days?|hours?|minutes?)\b|\blife\b", re.I)
# "What was Singapore's unemployment rate" wants a figure in digits ("3.4%"), not "four quarters of double-digit
# growth"; "the time rate of change of …" is no figure.
RATE_VALUE = re.compile(r"\d(?:[\d,.]*\d)?(?:\s?(?:%|per\s?cent|percent))?", re.I)
RATE_WANTED = re.compile(r"^\s*what (?:is|was|are|were|will be)\b[^?]*\brates?\b\s*(?:$|\?|(?:in|for|at|this|last|"
                         r"next|now|today|since)\b)|"
                         r"^\s*(?:at )?what (?:[\w’'-]+ ){0,2}rates? (?:is|was|are|were|will|would|does|did)\b",
                         re.I)  # "What interest rate is CNPC charging …": a figure, not a sum ("$6bn in credits")
HOW_LONG = re.compile(r"\bhow long\b", re.I)
# "a fifth", "a third": a share, no count ("Chinese PC sales have risen by a fifth" does not say how many PCs)
FRACTION = re.compile(r"\ba\s+$", re.I)
AGE = re.compile(r"[A-Z][\w’'-]+,\s*$")
HOW_OLD = re.compile(r"\bhow old\b|\bage\b", re.I)
# "How often …" is answered by a frequency said in words ("Each night", "twice a year", "weekly"), and "how much had
# spending grown" by a multiple ("doubled", "20-fold"), neither of which is a numeral.
HOW_OFTEN = re.compile(r"\bhow often\b", re.I)
FREQUENCY = re.compile(r"\b(?:each|every)\s+(?:[\w’'-]+\s+)?(?:day|night|week|month|year|morning|evening|weekend|"
                       r"quarter|hour|minute|time)s?\b|\b(?:daily|nightly|weekly|fortnightly|monthly|quarterly|annually|"
                       r"yearly|hourly)\b|\b(?:once|twice|[\w-]+ times)\s+(?:a|an|per|each|every)\b", re.I)
GROWTH_ASKED = re.compile(r"\bhow much\b[^?]*\b(?:gr[eo]wn?|grows|rise[ns]?|rose|increased?|fall(?:en|s)?|fell|"
                          r"dropped|declined?|shr[au]nk|expanded|jumped|climbed|surged|soared|multiplied)\b", re.I)
MULTIPLE = re.compile(r"\b(?:doubled|tripled|trebled|quadrupled|halved|[\w.]+-fold|(?:two|three|four|five|ten)fold)\b",
                      re.I)
SHARE = re.compile(r"[\d.,]+\s?(?:%|per\s?cent\b|percent\b)", re.I)  # a share of something, not a count of it
FRACTIONS = {"half", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
KINDS = {"number": NUMBER, "date": DATE, "money": MONEY, "duration": DURATION, "rate": RATE_VALUE}
CALENDAR_WORD = re.compile(rf"(?:{MONTHS}|{WEEKDAYS})", re.I)
# "On what dates was Gina Raimondo in China" wants a day of the calendar, not "this morning" or "later"
CALENDAR_ASKED = re.compile(r"\b(?:what|which)\s+(?:dates?|days?)\b", re.I)
# "In what year did Xi first visit San Francisco" wants a year, not "the first since he was a young … secretary"
YEAR_ASKED = re.compile(r"\b(?:what|which)\s+years?\b", re.I)
# "At what time did Biden order the shootdown" wants a time of the clock or of the day: "at 2:40 p.m.", "1230 GMT",
# "mid to late morning"
TIME_ASKED = re.compile(r"\bwhat time\b(?!\s*(?:of (?:the )?year|fram|period|span|scale|line))|\bat what hour\b", re.I)
TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\bo[’']clock\b|\b\d{1,2}:\d\d\b|"
                         r"\b\d{1,4}(?:[:.]\d\d)?\s?(?:GMT|BST|UTC|EST|EDT|ET|PST|PT|CET)\b|"
                         r"\b(?:morning|afternoon|evening|night|noon|midday|midnight|dawn|dusk|overnight)\b", re.I)
# "In which month did Kenya launch the Nairobi Process" wants a month, not "a few months ago"
MONTH_ASKED = re.compile(r"\b(?:what|which)\s+months?\b", re.I)
A_YEAR = re.compile(r"\b1?\d{3}s?\b|\b20\d\ds?\b|\b(?:this|last|next|that|the same|the following|the previous) year\b|"
                    r"\byears? (?:ago|earlier|later|before)\b", re.I)
CALENDAR_DATE = re.compile(CALENDAR + rf"\b\d{{1,2}}/\d{{1,2}}\b|\b(?:{WEEKDAYS})\b", re.I)
NOT_A_NAME = {"the", "a", "an", "in", "on", "at", "but", "and", "so", "we", "i", "he", "she", "it", "they", "this",
              "that", "there", "mr", "mrs", "ms", "dr", "sir", "lord", "president", "secretary", "minister", "q",
              "our", "their", "his", "her", "its", "as", "if", "when", "while", "for", "with", "after", "before"}
# The question's own words, as a sentence may spell them ("U.S." -> "United States").
SPELLED = {"u.s.": "united states us america american", "us": "united states america american",
           "uk": "united kingdom britain british", "prc": "china chinese people's republic",
           "china": "chinese prc people's republic",
           "eu": "european union europe", "un": "united nations", "chinese": "china prc people's republic",
           "american": "america",
           "british": "britain", "australian": "australia", "japanese": "japan", "russian": "russia",
           "indian": "india", "european": "europe", "korean": "korea", "taiwanese": "taiwan"}
CURRENCY_COUNTED = re.compile(r"\bhow many (?:dollars|euros|yen|yuan|rupees)\b", re.I)  # not pounds: weight too
COUNT = re.compile(r"\bhow many\b", re.I)
# "What was Jack Cunningham's majority …": a count of votes, not a year ("since 1970"); not "in a majority of".
MAJORITY_ASKED = re.compile(r"^\s*what (?:is|was|were|are)\b[^?]*?(?:[’']s|\bhis|\bher|\btheir|\bits) majority\b", re.I)
# A count is not a rate ("60,000 barrels a day") unless the question asks for one; "2,000 jobs in a year" is not a
# rate.
RATE = re.compile(r"^(?:[\s,.]*(?!(?:in|within|over|for|during|of|after|once|twice|than)\b)[\w’'-]+){0,5}?[\s,]+"
                  r"(?:a|an|per|each|every) (?:day|week|month|year|hour|minute|second|head|person|capita|hectare|acre|"
                  r"share|barrel|tonne|ton)\b", re.I)
RATE_ASKED = re.compile(r"\b(?:a|an|per|each|every) (?:day|week|month|year|hour|minute|second|head|person|capita|"
                        r"hectare|acre|share|barrel|tonne|ton)\b|\b(?:daily|weekly|monthly|annual(?:ly)?|yearly|"
                        r"hourly|rate)\b", re.I)
NUMBER_ASKED = re.compile(r"\b(?:how (?:many|much|long|far|big|large|old|high|often|heavy|close|low|fast|deep|wide|"
                          r"tall)|"
                          r"what (?:share|percentage|proportion|amount|number|sum|price|cost|figure|rate|level|salary|"
                          r"size|volume|quantity)|^\s*what (?:is|was|are|were) (?:the |its |their )?(?:[\w’'-]+ ){0,2}?"
                          r"(?:figure|record|peak|size|amount)\b|\bwhat (?:is|was|are|were) (?:the )?size\b|"
                          r"by how (?:much|many)|by what (?:\w+ )?(?:margin|majority|amount|percentage|factor))\b",
                          re.I)
MONEY_ASKED = re.compile(r"\b(?:cost|costs|price|paid|pay|pays|paying|sav(?:e|es|ed|ing|ings)|damages|revenues?|salary|"
                         r"spend\w*|spent|invest\w*|worth|value[ds]?|fees?|fund\w*|"
                         r"budget|donat\w*|given|compensation|money|dollars|pounds|euros|contribut\w*)\b", re.I)
# "How large was the quarterly loss", "How big a dividend": the size of a sum of money
MONEY_SIZE_ASKED = re.compile(r"\bhow (?:large|big)\b[^?]*\b(?:loss(?:es)?|profits?|dividends?|deficit|surplus|debts?|"
                              r"fines?|payouts?|bonus(?:es)?|bids?|offers?|windfall|budget)\b", re.I)
MONEY_WANTED = re.compile(r"\bhow much\b|^\s*what\b.*\b(?:cost|costs|price|salary|fees?|worth|value)\b", re.I)
# "What was the purpose of the price cap?" asks for a purpose, whatever words follow
OTHER_THING_WANTED = re.compile(r"^\s*what (?:is|was|were|are|will be|would be) (?:the |its |their |his |her )?"
                                r"(?:purpose|aim|goal|point|objective|reason|effect|impact|idea|message|nature|role|"
                                r"significance)\b", re.I)
DATE_ASKED = re.compile(r"^\s*(?:when|by when|since when|how soon)\b(?![^,]*,\s*(?:what|how|which|who|where|why)\b)|"
                        r"\b(?:what|which|in what|in which|on what|on which|since what) "
                        r"(?:year|date|day|month|time)s?\b",
                        re.I)
# Things the articles name with capitals: "which city", "which Labour backbencher" want a name; "which channel",
# "which economic statistic" may be answered in lower case ("the mil-to-mil line").
NAMED_THINGS = ("city|cities|town|village|country|countries|nation|state|states|region|regions|province|capital|site|"
                "venue|hotel|hospital|hospice|prison|school|university|college|party|parties|company|companies|firm|"
                "firms|bank|banks|newspaper|paper|ministry|ministries|department|agency|committee|council|court|"
                "officials?|ministers?|leaders?|members?|mps?|backbenchers?|politicians?|chief|executives?|"
                "presidents?|secretary|spokes(?:man|woman|person)|generals?|envoys?|ambassadors?|diplomats?|"
                "submarines?|ships?|destroyers?|warships?|vessels?|carriers?|constituency|seat|team|club|airport|"
                "airline|brand|group|organi[sz]ation|(?:chip|car)?maker|manufacturer|retailer|port|harbou?r|"
                "person|people|Americans|citizens|senators?|governors?|economists?|analysts?|tycoon|founder|chairman")
DURATION_ASKED = re.compile(r"\bwhat\s+sentence\b|\b(?:what|which)\s+(?:prison|jail|custodial)\s+(?:sentence|term)\b",
                            re.I)
AUXILIARIES = "did|does|do|is|was|were|are|has|have|had|will|would|can|could|should"
MODIFIER = rf"(?!(?:{AUXILIARIES})\b)[\w.’'-]+"
NAME_ASKED = re.compile(r"^\s*(?:(?:at|in|on|from|to|for|with|by|of|according to) )?(?:who|whom|whose|where)\b|"
                        rf"^\s*(?:(?:at|in|on|from|to|for|with|by|of) )?(?:which|what)\s+(?:{MODIFIER}\s+){{0,3}}?"
                        rf"(?:{NAMED_THINGS})\b", re.I)
# "What is the name of …", "What is Iran's mobile network called?": a name, or a term the sentence says is one
TERM_ASKED = re.compile(r"^\s*what (?:is|was|are|were) (?:the )?names? of\b|"
                        r"^\s*what (?:is|was|are|were)\b[^?,]*\bcalled\s*\??$", re.I)
# A quoted term opens and closes outside a word: "Iran's network … isn't" holds two apostrophes but quotes nothing
TERM_SAID = re.compile(r"\b(?:called|named|known as|dubbed|termed|referred to as|label(?:led|ed)? as)\b|"
                       r"(?<!\w)[\"“‘'][^\"”’']+[\"”’'](?!\w)", re.I)

# Posts held by one person each: "which Chinese officials", "the name of the MI6 officer" want a person's name, and
# a sentence naming only the people the question names, or places and papers, does not give one.
POSTS = ("officials?|ministers?|leaders?|officers?|mps?|backbenchers?|politicians?|executives?|presidents?|"
         "secretary|secretaries|spokes(?:man|woman|person|men|women)|generals?|envoys?|ambassadors?|diplomats?|"
         "senators?|governors?|economists?|analysts?|tycoons?|founders?|chairman|chairmen|chairwoman|detainees?|"
         "prisoners?|hostages?|Americans|journalists?|reporters?|judges?|lawyers?|advisers?|advisors?|aides?")
PERSON_ASKED = re.compile(rf"^\s*(?:(?:at|in|on|from|to|for|with|by|of) )?(?:which|what)\s+(?:{MODIFIER}\s+){{0,3}}?"
                          rf"(?:{POSTS})\b|"
                          rf"\bwhat (?:is|was|are|were) the names? of (?:the |a |an )?(?:{MODIFIER}\s+){{0,5}}?"
                          rf"(?:{POSTS})\b", re.I)

# Institutions are named with their kind's word, or beside it: "Los Angeles International Airport", "the Court of
# Justice", "Barlinnie Prison", "the landmark court case Brown v. Board"; a name elsewhere in the sentence is not
# the one asked for ("the Birmingham woman who harangued him over the state of her local hospital").
INSTITUTIONS = "hospital|hospice|school|university|college|airport|hotel|prison|stadium|court"
INSTITUTION_ASKED = re.compile(rf"^\s*(?:(?:at|in|on|from|to|for|with|by|of) )?(?:which|what)\s+"
                               rf"(?:(?!(?:types?|kinds?|sorts?)\b){MODIFIER}\s+){{0,2}}?(?P<kind>{INSTITUTIONS})s?"
                               r"(?=\s+(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|in|of|that|"
                               r"where|which)\b|\s*\?)", re.I)  # the thing asked for, not "which school teachers"


# "What price per share …", "What discount per plane …": a sum for each unit, said with its unit ("31p a share",
# "$20 per share", "£5 each"); a company's value or a deal's total is not one. Not "as a share of GDP".
PER_UNIT = ("share|plane|aircraft|head|person|passenger|barrel|tonne|ton|unit|car|ticket|household|customer|"
            "vehicle|vote|kilo|litre|gallon")
# A sum asked for each unit: any "how much" question, or a number asked as a price, a cost or a payout
PRICE_ASKED = re.compile(r"\bhow much\b|\b(?:price|cost|paying|pay|paid|fee|charge|payout|dividend|cash|sum)\b", re.I)
PER_UNIT_ASKED = re.compile(rf"\b(?:per|each)[\s-]+(?P<unit>{PER_UNIT})\b|"
                            rf"(?<!\bas )\ba\s+(?P<unit2>{PER_UNIT})\b(?!\s+of\b)|"
                            r"\bfor each\s+(?P<thing>[A-Z][\w-]*)", re.I)  # "for each Airbus A320": its own name
SUM_EACH = re.compile(r"(?:[£$€¥]\s?\d[\d,.]*|"
                      r"\b\d[\d,.]*\s?(?:p|pence|cents?|euros?|dollars|pounds|yuan|yen|rupees)\b)"
                      r"(?:\s?(?:bn|m|billion|million))?", re.I)


# A speed or a weight asked for is a number with its unit: "What was the ground speed of the balloon" and "How much
# did the payload weigh" are not answered by "The Chinese spy balloon was at 60,000-plus" (a height). Not lengths:
# a height may be said without its unit ("At what altitude was the balloon flying" is answered by that very
# sentence), and "how high" asks for inflation too.
MEASURES_ASKED = {
    "speed": re.compile(r"\bhow fast\b(?![^?]*\bgr[eo]w)|"
                        r"\b(?:what|which|at what)\s+(?:[\w’'-]+\s+){0,3}?speed\b", re.I),
    "weight": re.compile(r"\bhow heavy\b|\bhow much (?:did|does|do|will|would)\b[^?]*\bweigh\b|"
                         r"\bwhat (?:was|is|were|are) (?:the |its )?weight\b", re.I),
}
UNITS = {
    "speed": r"mph|km/h|kph|knots?|miles? (?:an|per) hour|kilomet(?:re|er)s? (?:an|per) hour|mach",
    "weight": r"pounds|lbs?|kg|kilos?|kilogram(?:me)?s?|tonnes?|tons?|ounces|grams?",
}


def wanted(question: str) -> str | None:
    """The kind of answer the question asks for, or None when any sentence may answer it: "how much … cost"
    wants money, "how many" a count, "when" a date, "which …"/"who"/"where" a name the question does not give.
    The asking words may come after a clause ("At his fundraiser, how many hours …"); a question that opens
    with "When X happened, what did …" asks the later thing."""
    if CURRENCY_COUNTED.search(question):
        return "money"
    if COUNT.search(question):
        return "count"
    if MONEY_SIZE_ASKED.search(question):
        return "money"
    if MONEY_ASKED.search(question) and MONEY_WANTED.search(question) and not OTHER_THING_WANTED.search(question):
        return "money"
    if RATE_WANTED.search(question):
        return "rate"
    if MAJORITY_ASKED.search(question):
        return "count"
    measure = next((kind for kind, asked in MEASURES_ASKED.items() if asked.search(question)), None)
    if measure:
        return measure
    if NUMBER_ASKED.search(question):
        return "number"
    if DATE_ASKED.search(question):
        return "date"
    if DURATION_ASKED.search(question):
        return "duration"
    if PERSON_ASKED.search(question):
        return "person"
    if INSTITUTION_ASKED.search(question):
        return "institution"
    if NAME_ASKED.search(question):
        return "name"
    if TERM_ASKED.search(question):
        return "term"
    return None


def holds(kind: str, sentence: str, question: str = "") -> bool:
    """Whether the sentence holds an answer of this kind (a number, a date, a sum of money, a count that is not a
    year, a capitalised name) that the question does not already give: a sentence that only repeats the
    question's "2,850 job cuts" or "a London hospice" does not say how many, or which."""
    asked = _words(question)
    if kind == "name" and WHERE_ASKED.search(question):
        return _new_place(sentence, question)
    if kind == "name":
        return _new_name(_without_people(sentence) if PLACE_ASKED.search(question) else sentence, question)
    if kind == "person":
        return _new_person(sentence, question)
    if kind == "term":
        return any(_term_is_new(sentence, m, asked) for m in TERM_SAID.finditer(sentence)) or _new_name(
            sentence, question)
    if kind == "institution":
        return _new_institution(sentence, question)
    if kind == "number" and HOW_LONG.search(question) and any(
            not _words(m.group(0)) <= asked for m in DURATION.finditer(sentence)):
        return True  # "about a year and a day ago": a length of time, said without a numeral
    if kind == "number" and HOW_OFTEN.search(question) and FREQUENCY.search(sentence):
        return True  # "Each night, senior White House officials join a war room call"
    if kind in ("number", "money") and GROWTH_ASKED.search(question) and MULTIPLE.search(sentence):
        return True  # "Construction spending on manufacturing has doubled."
    if kind in UNITS:  # a number, then its unit within three words: "about 2,000 pounds", "20 mph"
        unit = _unit_after(kind)
        return any(unit.match(sentence[m.end():m.end() + 40]) and not _words(m.group(0)) <= asked
                   for m in NUMBER.finditer(sentence))
    if kind in ("money", "number") and (unit := _per_unit(question)) and PRICE_ASKED.search(question):
        return _sum_each(sentence, unit)  # "At what price per share …" is not answered by "to raise $100m"
    pattern = NUMBER if kind == "count" else _date_pattern(question) if kind == "date" else KINDS[kind]
    for match in pattern.finditer(sentence):
        found = match.group(0)
        if kind in ("count", "rate") and YEAR.match(found):
            continue
        if kind == "count" and (found.lower() in VAGUE or _not_a_count(sentence, match, question)):
            continue
        if kind == "rate" and _a_sum(sentence, match):
            continue
        said = _words(found) - {"in", "at", "to", "from", "the", "near", "mr", "mrs", "ms", "dr"}
        if kind in ("number", "count", "money") and not said:  # a currency sign or a digit inside a word
            said = {found}
        if said and not said <= asked:
            return True
    return False


def _term_is_new(sentence: str, said: re.Match, asked: set[str]) -> bool:
    """The term a sentence gives (quoted, or the words after "known as") is not the question's own: "the Egyptian
    man, known only as C" does not name the suspect "known only as C". A quote in brackets glosses the word before
    it: "tentilla ("little tentacles")" gives "tentilla"."""
    if said.group(0)[0] in "\"“‘'":
        glossed = re.search(r"([\w’'-]+)\s*\($", sentence[:said.start()])
        term = said.group(0) + (" " + glossed.group(1) if glossed else "")
    else:
        term = " ".join(re.findall(r"[\w’'-]+", sentence[said.end():said.end() + 60])[:3])
    return not _words(term) <= asked | {"only", "simply", "the", "a", "an"}


def _date_pattern(question: str) -> re.Pattern:
    """What a date asked for must be: a day of the calendar ("on what date"), a year ("in what year"), a month ("in
    which month"), or any date or time ("when")."""
    for asked, pattern in ((TIME_ASKED, TIME_OF_DAY), (CALENDAR_ASKED, CALENDAR_DATE), (YEAR_ASKED, A_YEAR),
                           (MONTH_ASKED, A_MONTH)):
        if asked.search(question):
            return pattern
    return DATE


@cache
def _unit_after(kind: str) -> re.Pattern:
    return re.compile(rf"^(?:[\s-]+[\w’'-]+){{0,3}}?[\s-]*(?:{UNITS[kind]})\b", re.I)


@lru_cache(maxsize=64)
def _each(unit: str) -> re.Pattern:
    """A sum said for each unit; for a thing asked by its name ("for each Airbus A320"), a sum each or apiece."""
    per = r"\S+" if unit == "thing" else rf"{unit}s?\b"
    return re.compile(rf"^(?:\s+[\w’'-]+){{0,2}}?\s+(?:(?:a|an|per)\s+{per}|each\b|apiece\b)", re.I)


def _per_unit(question: str) -> str | None:
    found = PER_UNIT_ASKED.search(question)
    return (found.group("unit") or found.group("unit2") or "thing").lower() if found else None


def _sum_each(sentence: str, unit: str) -> bool:
    """Whether a sum in the sentence is said for each `unit`: "31p a share", "$20 per share", "£5 each"."""
    return any(_each(unit).match(sentence[m.end():m.end() + 40]) for m in SUM_EACH.finditer(sentence))


def _a_sum(sentence: str, match: re.Match) -> bool:
    """The number is a sum of money: "$6bn", "£25m", "30 million euros"."""
    return any(m.start() <= match.start() < m.end() for m in MONEY.finditer(sentence))


def _not_a_count(sentence: str, match: re.Match, question: str) -> bool:
    """A number that cannot count what "how many" asks: "the two leaders" (the number names ones already known), a
    rate the question does not ask for ("How many barrels … hold?" is not answered by "60,000 barrels a day"), or
    a count of something else ("How many jobs …" is not answered by "HK$327m" or "three months", nor "How many
    protesters …" by "three coachloads")."""
    if re.search(r"\bthe\s+$", sentence[max(0, match.start() - 5):match.start()], re.I) and match.group(0).isalpha():
        return True
    if match.group(0).lower() in FRACTIONS and FRACTION.search(sentence[max(0, match.start() - 3):match.start()]):
        return True
    if AGE.search(sentence[:match.start()]) and sentence[match.end():match.end() + 1] == "," and not HOW_OLD.search(
            question):
        return True  # "John Houston, 54, was due to stand …": an age, no count of votes
    if SHARE.match(sentence[match.start():match.end() + 9]) or _a_sum(sentence, match):
        return True  # "How many people does Dr Reddy's employ?" is not answered by "fell 93%" nor by "$11.5bn"
    if not RATE_ASKED.search(question) and RATE.match(sentence[match.end():match.end() + 60]):
        return True
    return _counts_something_else(sentence, match, question)


AUXILIARY = re.compile(rf"^(?:{AUXILIARIES}|might|may|must|shall)$", re.I)
# Words that count anyone: "How many people …" is answered by "2,100 Burmese", "76,200 staff", "40 men".
ANYONE = {"people", "persons", "individuals", "men", "women", "children", "adults", "residents", "inhabitants"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time"}
NOT_A_NOUN = {"of", "to", "in", "at", "on", "for", "and", "or", "than", "more", "the", "a", "an", "as", "from", "by",
              "with", "per", "each", "every", "this", "that", "its", "their", "his", "her", "is", "was", "were", "are"}


@lru_cache(maxsize=256)  # asked once per number in every candidate sentence
def _counted(question: str) -> str | None:
    """The thing "how many" asks to count, singular and lower-case ("How many anti-war protesters were arrested"
    -> "protester"; "How many tonnes of gold would …" -> "tonne"; the first plural: "How many nations control …"
    -> "nation"), or None when the question does not say plainly."""
    found = re.search(r"\bhow many\s+([^?,;]*)", question, re.I)
    words: list[str] = []
    for word in re.findall(r"[\w’'-]+", found.group(1)) if found else []:
        if AUXILIARY.match(word) or word.lower() == "of":
            break
        words.append(word)
    plural = next((w for w in words if w.islower() and _singular(w) != w.lower()), None)
    return _singular(plural) if plural else None


@lru_cache(maxsize=256)
def _nouns(question: str) -> frozenset[str]:
    """The question's words, singular: asked once per number in every candidate sentence."""
    return frozenset(_singular(w) for w in _words(question))


def _singular(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
    word = re.sub(r"tre(s?)$", r"ter\1", word)  # "kilometres" is "kilometers"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _counts_something_else(sentence: str, match: re.Match, question: str) -> bool:
    """Whether the number plainly counts a thing other than the one asked for: a sum of money, a share, a length
    of time, or a measure of something ("three coachloads of people" for protesters; modifiers between are
    skipped). A plain plural noun says nothing: "six firms" answers "how many companies", "2,100 Burmese" "how
    many people"."""
    asked = _counted(question)
    if asked is None or asked in {_singular(w) for w in ANYONE}:
        return False
    if asked not in TIME_UNITS and re.match(r"[£$€¥]|.*(?:bn|m|%)$", match.group(0)):
        return True
    if re.match(r"\s*(?:per\s?cent|percent)\b", sentence[match.end():], re.I) and asked != "percent":
        return True
    after = re.findall(r"[\w’'-]+|[^\w\s]", sentence[match.end():match.end() + 60])
    for n, word in enumerate(after[:6]):
        if not re.match(r"[\w’'-]+$", word) or word.lower() in NOT_A_NOUN:
            return False
        noun = _singular(word.strip("-"))
        if noun == asked or noun.endswith(asked) or asked.endswith(noun):
            return False
        if re.fullmatch(rf"(?:{NUMBER_WORDS})", word, re.I):
            continue
        if noun in TIME_UNITS and asked not in TIME_UNITS:
            return True
        if word.islower() and word != noun and noun in _nouns(question):
            return True  # "50 Jewish schools" counts the schools "How many pupils attend the 100 … schools" names
        if word.islower() and word != noun and after[n + 1:n + 2] == ["of"]:  # a measure of something: "coachloads of"
            return True
    return False


def _new_person(sentence: str, question: str) -> bool:
    """Whether the sentence names someone the question does not ("Sarah Beran … Dan Kritenbrink" does not say
    which officials the two met), or a post standing for its holder ("the Secretary of the Treasury"). A sentence
    naming no one we can tell is read for any new one-word name, as "which …" is otherwise ("the Hauteville leader,
    Drogo")."""
    asked = _words(question)
    mentions = find_mentions(sentence)
    if any({name[0].lower(), name[-1].lower()}.isdisjoint(asked)  # "Xi Jinping" is the question's "Xi"
           for name in (mention.name.split() for mention in mentions)):
        return True
    for match in re.finditer(r"\b([A-Z][a-z]+)\b(?!\s+[A-Z])", sentence):
        if is_role_head(match.group(1).lower()) and match.group(1).lower() not in asked:
            return True
    return not mentions and _new_name(LONG_NAMES.sub("", sentence), question)


# In a sentence naming no one we can tell, a run of capitalised words is a body's or a place's ("the South China
# Morning Post reported"): find_mentions would have taken it for a person; a lone word may be a name it cannot tell
LONG_NAMES = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*)+")


# "In which Chinese city did Wendy Sherman hold her talks": a place, which no person and no post names
PLACE_ASKED = re.compile(rf"^\s*(?:(?:at|in|on|from|to|for|with|by|of) )?(?:which|what)\s+(?:{MODIFIER}\s+){{0,3}}?"
                         r"(?:city|cities|town|village|country|countries|nation|region|province|capital|site|venue)\b",
                         re.I)


# "Where …" is answered by a name after a word of place: "in Tokyo", "at the Shangri-La Dialogue", "to Asia, eastern
# Europe and Mexico", "in the northern city of Harbin" — not by "The Swedish firm" or "the Indo-Pacific Economic
# Framework for Prosperity".
WHERE_ASKED = re.compile(r"^\s*(?:(?:in|from|to) )?where\b(?!\s+and\b)", re.I)
AT_A_PLACE = re.compile(r"\b(?:in|at|to|from|near|outside|inside|across|around|into|towards?|via|of|off|throughout|"
                        r"within|beyond|between|on|through|along|over|under|beneath|below|above|behind|beside|past),?"
                        r"\s+(?:(?:the|a|an|its|their|his|her|[a-z][\w’'-]*|[\d,]+)\s+){0,3}?(?=[A-Z])")


def _new_place(sentence: str, question: str) -> bool:
    """Whether a name the question does not give, and that is nobody's, follows a word of place."""
    sentence = _without_people(sentence)
    return any(_new_name("at " + sentence[m.end():m.end() + 60].split(",")[0], question)
               for m in AT_A_PLACE.finditer(sentence))


def _without_people(sentence: str) -> str:
    """The sentence without the people it names and the posts it gives them ("Deputy Secretary of State Wendy
    Sherman … State Councilor and Foreign Minister Wang Yi")."""
    for mention in find_mentions(sentence):
        for said in (mention.role, mention.name):
            if said:
                sentence = sentence.replace(said, " ")
    return sentence


def _new_institution(sentence: str, question: str) -> bool:
    """A name the question does not give, within three words of the kind of institution asked for."""
    found = INSTITUTION_ASKED.search(question)
    kind = found.group("kind").lower() if found else ""
    words = re.findall(r"[\w’'.-]+", sentence)
    near = {k for k, word in enumerate(words) if word.lower().rstrip("s") == kind}
    nearby = " ".join(w for k, w in enumerate(words) if any(abs(k - m) <= 3 for m in near))
    return bool(nearby) and _new_name(" " + nearby, question)


# Where a sentence says it was told or reported ("the firm told Reuters", "he told BBC Radio 4's Today programme"):
# the outlet that carried it names no answer to "which bank …"
NEWS_SOURCE = re.compile(r"\b(?:told|to|according to|quoted by|reported by|in an interview with|speaking to)\s+"
                         r"(?:the\s+)?(?:BBC|Reuters|Associated Press|AP|AFP|Bloomberg|Dow Jones|Press Association|CNN)"
                         r"(?:\s+(?:[A-Z0-9][\w’'-]*|programme|news agency))*")


def _new_name(sentence: str, question: str) -> bool:
    sentence = NEWS_SOURCE.sub("", sentence)
    asked = question.lower()
    for short, spelled in SPELLED.items():
        asked = re.sub(rf"(?<![\w.]){re.escape(short)}(?![\w])", f"{short} {spelled}", asked)
    asked_words = set(re.findall(r"[a-z]+", asked))
    for match in PROPER.finditer(sentence):
        if not sentence[:match.start()].strip(" \"'“‘—-"):  # the sentence's first word is capitalised anyway
            continue
        word = match.group(0)
        base = re.sub(r"[’']s$", "", word).lower()
        if base in NOT_A_NAME or base in asked_words or base.rstrip("s") in asked_words:
            continue
        if CALENDAR_WORD.fullmatch(base):  # a month or a weekday names no one and no place ("in November 2022")
            continue
        return True
    return False


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w£$€¥%]+", text.lower()))
