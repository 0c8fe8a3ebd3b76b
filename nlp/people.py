"""People and the roles the articles give them, found with patterns at ingest time.

Patterns beat the small spaCy model here: it folds "White House Indo-Pacific Coordinator
Kurt Campbell" into one ORG. Each Mention keeps the verbatim role text and its sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Ranks a post may be followed by, a role of their own ("former British Commander Colonel Bob Stewart"); not "general"
# ("Attorney General")
MILITARY_RANKS = {"colonel", "brigadier", "lieutenant", "admiral", "captain"}
ROLE_HEADS = {
    "president", "secretary", "minister", "advisor", "adviser", "coordinator", "director",
    "ambassador", "spokesperson", "spokesman", "spokeswoman", "administrator", "commander",
    "envoy", "chairman", "chairwoman", "chair", "councilor", "counselor", "premier", "chief",
    "leader", "senator", "representative", "governor", "speaker", "admiral", "general",
    "diplomat", "nominee", "officer", "ceo", "founder", "co-founder", "professor", "fellow",
    "mayor", "chancellor", "king", "queen", "prince", "head", "executive", "deputy",
    "assistant", "vice", "member", "official", "lawmaker", "congressman", "congresswoman",
    "correspondent", "editor", "analyst", "economist", "manager", "attorney", "judge",
    "radm", "adm.", "gen.", "lt.", "col.", "sen.", "rep.", "gov.",
    "sergeant",  # the other ranks: MILITARY_RANKS, below
    "gen", "lt", "col", "maj", "capt",  # British style, without the full stop: "Gen Musharraf", "Lt Col Eric Schnaible"
    # British and European offices: "Labour MP for West Ham", "East Midlands MEP", "Edinburgh MSP"
    "mp", "msp", "mep", "mla", "peer", "whip", "treasurer", "boss", "strategist",
    # posts outside government: "Metropolitan Police Commissioner", "Scotsman journalist", "Bhs owner"
    "commissioner", "journalist", "presenter", "host", "solicitor", "lawyer", "barrister", "owner", "tycoon",
    "magnate", "dj", "agent", "servant",  # "refrigerator magnate", "Capital Radio DJ", "ex-senior civil servant"
    "specialist", "expert",  # "turnaround expert Enrico Bondi"
    "principal", "undersecretary", "under-secretary",  # "principal of the college", "US Undersecretary of State"
    "investor", "candidate", "challenger", "campaigner",
    "actor", "actress", "singer", "author", "writer", "novelist", "broadcaster", "comedian", "producer",
    "frontbencher", "backbencher", "constable", "activist", "lobbyist",
    "banker", "consultant", "architect",
    "reporter", "columnist", "designer", "financier",  # "reporter Andrew Gilligan", "the designer Christian Lacroix"
    # "Radio 1's controller, Andy Parfitt", "UK rapper Kano" (not "organiser", "publisher" or "developer", which
    # a firm is too: "festival organiser Mean Fiddler", "music publisher Bertelsmann", "software developer Connectotel")
    "controller", "curator", "commentator", "pundit", "blogger", "researcher", "scientist", "programmer", "engineer",
    "critic", "rapper", "creator", "inventor", "chairperson",
    "billionaire", "millionaire",  # "billionaire George Soros", "Yorkshire millionaire Sir Paul Sykes"
    "lecturer", "patriarch",  # "was a lecturer at Oxford University", "Fiat patriarch Gianni Agnelli"
    "jockey", "student", "co-ordinator", "landowner", "accountant", "entrepreneur",
    # sports positions: "Prop Martin Castrogiovanni", "Midfielder Edu", "Wales captain Gareth Thomas"
    "prop", "winger", "striker", "midfielder", "defender", "goalkeeper", "full-back", "fly-half", "scrum-half",
    "flanker", "lock", "captain", "skipper", "coach",  # "Lock Ben Kay"
    # offices of the church and oversight: "Archbishop Desmond Tutu", "State Comptroller", "Telecoms ombudsman"
    # (not "dean" or "justice": "Dean Martin", "Criminal Justice Bill")
    "comptroller", "ombudsman", "inspector", "archbishop", "bishop", "rabbi", "cardinal", "imam", "auditor",
} | MILITARY_RANKS
SEATS = {"mp", "msp", "mep", "mla"}  # "East Midlands MEP", "Labour MP for West Ham"
SEAT_FOR = re.compile(r"\b(?:MP|MSP|MEP|MLA)\s+for\b")
# nationalities before a name are not part of it: "Australian Lynton Crosby", "New Yorker Dick Morris"
DEMONYMS = {
    "australian", "british", "french", "german", "italian", "spanish", "russian", "japanese", "indian", "irish",
    "canadian", "dutch", "swedish", "belgian", "israeli", "palestinian", "iraqi", "iranian", "saudi", "egyptian",
    "ukrainian", "polish", "greek", "turkish", "brazilian", "mexican", "korean", "pakistani", "swiss", "austrian",
    "danish", "norwegian", "finnish", "portuguese", "argentine", "chilean", "nigerian", "kenyan", "taiwanese",
    "scottish", "welsh", "english", "african", "yorker", "zealander",
    "lankan", "thai", "vietnamese", "indonesian", "malaysian", "filipino", "singaporean", "bangladeshi", "afghan",
    "syrian", "lebanese", "jordanian", "moroccan", "algerian", "libyan", "ethiopian", "ghanaian", "ugandan",
    "zimbabwean", "czech", "slovak", "hungarian", "romanian", "bulgarian", "serbian", "croatian", "bosnian",
    "estonian", "latvian", "lithuanian", "colombian", "venezuelan", "peruvian", "jamaican", "albanian", "macedonian",
    # "Frenchman Ronald Pognon"
    "frenchman", "frenchwoman", "englishman", "englishwoman", "scotsman", "scotswoman", "welshman", "welshwoman",
    "irishman", "irishwoman", "dutchman", "dutchwoman"}
NOT_NAME = ROLE_HEADS | DEMONYMS | {
    "house", "white", "state", "states", "department", "council", "security", "national",
    "affairs", "foreign", "defense", "defence", "pacific", "indo-pacific", "asian", "east",
    "commission", "office", "ministry", "party", "communist", "central", "committee",
    "politburo", "republic", "china", "chinese", "united", "u.s.", "us", "prc", "usaid", "nsc",
    "navy", "army", "coast", "guard", "district", "region", "treasury", "commerce",
    "administration", "strategic", "communications", "economic", "policy", "trade",
    "american", "agency", "bureau", "group", "center", "university", "school", "senate",
    "congress", "embassy", "mission", "forum", "islands", "operations", "force", "forces",
    "command", "joint", "staff", "intelligence", "the", "a", "an", "and", "of", "for", "in",
    "on", "to", "at", "by", "with", "from", "today", "yesterday", "this", "that", "these",
    "his", "her", "their", "our", "its", "he", "she", "they", "we", "i", "it", "mr.", "ms.",
    "mrs.", "dr.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "australia", "japan", "korea", "india",
    "taiwan", "beijing", "washington", "kingdom", "britain", "uk", "eu", "european", "union",
    "global", "international", "world", "new", "south", "north", "west", "sea", "strait",
    "q", "question", "press", "media", "public", "prime", "special", "senior", "top", "former",
    "acting", "principal", "first", "lady", "general’s", "nation", "federal", "bank", "reserve",
    "energy", "health", "justice", "homeland", "interior", "labor", "transportation",
    "education", "agriculture", "climate", "science", "technology", "cyber", "space",
    "military", "marine", "air", "commission’s", "olympic", "olympics", "covid-19", "g7", "g20",
    "asia", "europe", "africa", "america", "americas", "people", "via", "teleconference", "remarks", "readout",
    # (not "un": "UN" is all capitals, which no name is, and "Un" ends "Kim Jong Un")
    "statement", "briefing", "quad", "aukus", "asean", "apec", "nato", "who", "wto", "imf", "ccp", "pla",
    "jr.", "sr.",
    # British portfolios: "Home Office Minister", "Work and Pensions Secretary", "Northern Ireland Secretary"
    "home", "sport", "culture", "work", "pensions", "industry", "environment", "transport", "constitutional",
    "northern", "ireland", "police",
    # parties and houses are never part of a name: "Liberal Democrat Paul Tyler", "Both Labour and the Tories"
    "tory", "tories", "labour", "conservative", "conservatives", "liberal", "democrat", "democrats", "democratic",
    "republican", "republicans", "ukip", "snp", "plaid", "cymru", "lib", "dem", "dems", "unionist", "unionists",
    "sinn", "fein", "commons", "lords", "cabinet", "shadow",
    "street", "road", "avenue", "square",  # "Downing Street adviser Baroness Morgan": a place, not a name
    "harbour", "harbor",  # "Sydney Harbour"
}
# Words that end the name of a firm or a body ("India Petrochemicals Limited", "Solaris Asset Management", "Capital
# Economics"): never part of a person's name, and the capitalised words before one are the body's name, not a person's
BODY_WORDS = {
    "limited", "ltd", "plc", "inc", "incorporated", "corporation", "corp", "company", "holdings", "management",
    "capital", "partners", "research", "investment", "investments", "banking", "economics", "associates", "consulting",
    "institute", "foundation", "fund", "insurance", "securities", "markets", "services", "systems",
    "technologies", "industries", "group", "bank", "university", "council", "committee", "agency", "bureau",
    "commission", "trust", "association", "federation", "society", "airlines", "airways", "motors", "records",
    "league", "club", "advisors", "advisers", "chiefs", "assembly", "prosecutions", "workers", "nations",
    "aid",  # "Christian Aid's head of Trade Policy"
    "court", "hospital",  # "Deputy High Court Judge Richard Mawrey", "Great Ormond Street Hospital professor"
}
NEWSPAPER_WORDS = {"chronicle", "times", "herald", "gazette", "journal", "telegraph", "guardian", "mail", "mirror",
                   "express", "observer", "tribune", "post"}  # "the Jewish Chronicle": a paper, not a person
BODY_WORDS |= NEWSPAPER_WORDS
NOT_NAME |= BODY_WORDS
# Words that open sentences ("Because Lloyd Austin was trying ...", "Does President Biden ...")
OPENERS = {
    "because", "but", "if", "when", "while", "although", "though", "after", "before", "since", "so", "yet",
    "why", "how", "what", "where", "or", "also", "then", "now", "here", "there", "thank", "thanks", "well",
    "look", "yes", "no", "okay", "please", "dear", "hi", "hello", "and", "as", "is", "was", "does", "did",
    "will", "would", "can", "could", "should", "has", "have", "had", "do", "let", "even", "just", "meanwhile",
    "earlier", "later", "again", "still", "once", "indeed", "instead", "under", "during", "until",
    "both", "either", "neither", "one", "my", "being",  # "My Boo", "Being Digital"
    "princes", "princesses",  # "Princes William and Harry": two people, no one name
    # sentence adverbs: "Eventually Asimo could find gainful employment", "However Paris …"
    "however", "eventually", "finally", "ultimately", "initially", "originally", "previously", "recently",
    "currently", "separately", "similarly", "additionally", "interestingly", "unfortunately", "fortunately",
    "clearly", "obviously", "certainly", "perhaps", "therefore", "nevertheless", "furthermore", "moreover",
    "likewise", "consequently", "subsequently", "apparently", "presumably", "undoubtedly", "admittedly",
    "crucially", "importantly", "significantly", "notably", "increasingly", "traditionally", "typically",
    "usually", "normally", "generally", "historically", "officially", "inevitably", "luckily", "sadly",
    "happily", "hopefully", "frankly", "basically", "essentially", "actually", "simply",
    # prepositions and determiners: "Despite Kelly Holmes's …", "Only Michael Johnson has …", "Some Citigroup …"
    "despite", "only", "like", "unlike", "without", "about", "across", "behind", "around", "among", "amid",
    "within", "through", "throughout", "beyond", "towards", "besides", "except", "whether", "some", "any",
    "several", "another", "other", "many", "each", "every",
}
NOT_NAME |= OPENERS
# A calling that opens a run of names is not part of the name ("Sprinter Kelly Holmes", "Keeper Petr Cech", "Model
# Caprice"); only there, for "Minnie Driver" and "Gary Player" are names. Not "star" or "comic" ("Star Wars", "Comic
# Relief"), not kin ("Father Christmas").
CALLINGS = {
    "athlete", "ballerina", "bassist", "batsman", "boxer", "chef", "composer", "conductor", "cricketer", "cyclist",
    "dancer", "drummer", "frontman", "frontwoman", "golfer", "goalscorer", "guitarist", "hurdler", "impressionist",
    "jeweller", "keeper", "model", "musician", "photographer", "pianist", "playwright", "poet", "runner",
    "screenwriter", "singer-songwriter", "songwriter", "sprinter", "swimmer", "violinist", "teenager", "veteran",
    "youngster", "spaniard"}
ROLE_ADJECTIVES = {
    "under", "senior", "top", "chief", "former", "deputy", "national", "security", "foreign", "chinese",
    "american", "u.s.", "us", "state", "defense", "acting", "special", "vice", "assistant",
    "economic", "trade", "press", "presidential", "white", "house", "prc", "china’s", "china's",
}
CONNECTORS = {"of", "for", "and", "the", "on", "to"}
LEADING_JUNK = {"as", "is", "was", "q", "readout", "remarks", "statement", "background", "briefing", "gaggle", "by"}
FUNCTION_WORDS = CONNECTORS | {"as", "in", "at", "by", "with", "a", "an", "from", "or", "vs", "about"}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} | set(MONTH_NAMES) - {"may"}
TOKEN = re.compile(r"[A-Z]&[A-Z]\w*|[A-Za-z][\w’'.\-]*[\w.]|[A-Za-z]|\d[\w\-]*|[^\w\s]")  # "S&P", "AT&T"
SERVES = re.compile(
    r"^(?:(?:currently|previously|now|also|then|formerly|once)\s+)?"
    r"(?:serves|served|is serving|was serving|has served|had served|will serve|would serve|"
    # a post held, left or taken: "Lord Callaghan resigned as Labour leader", "was appointed as ..."
    r"resigned|quit|stepped down|stood down|retired|took over|was appointed|was named|was elected|"
    r"remains|remained|(?:will |would )?remain|continues|continued)\s+as\s+|"
    r"(?:will |would )?(?:take|takes|took) on the role of\s+"  # "Antony Burgmans will take on the role of …"
)
NOMINATE = re.compile(r"\bnominat(?:e|ed|ing)\s+$")
SUCCEEDS = re.compile(r"\b(?:succeed|succeeds|succeeded|succeeding|replace|replaces|replaced|replacing)\s+$")
MONTHS = "(?:" + "|".join(month.capitalize() for month in MONTH_NAMES) + ")"
ROLE_END = re.compile(r"\s+(?:since|until|during|between|when|where|who|which|and then|at the time|precisely|"
                      r"if|unless|at some point|"  # "succeed Andy Farrell as Great Britain skipper if the Wigan star …"
                      # "the turnaround specialist appointed by the Italian government as …": how the post came
                      r"(?:appointed|elected|chosen|named|hired|nominated|picked|installed)\s+(?:by|as|to|in|last)|"
                      # "who is a member of the … committee and was part of the Butler inquiry": a second clause
                      r"and\s+(?:was|is|has|had|have|will|would|became|later|now)\s+(?!an?\b|the\b)|"
                      r"specifically|partly|largely|mainly|because|in order|so that)\b|"
                      # "from 1997", "from January"; but "an official from the Beijing Municipal Commission" is one post
                      rf"\s+from\b(?!\s+(?:the\s+)?(?!{MONTHS}\b)[A-Z])|"
                      # "to be the president of the World Bank precisely to make this vision a reality"
                      r"\s+to\s+(?!(?:the|a|an|be)\b)(?=[a-z])|"
                      r"[,;:.()–—]|\s-\s|"
                      r"\s+(?:in|on|last|this|next)\s+(?=(?:the\s+(?:early\s+|mid-?|late\s+)?)?(?:January|February|"
                      r"March|April|May|June|July|August|September|October|November|December|\d{4}s?|week|month|year|"
                      r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                      r"\b)")  # "… in January", "As foreign secretary in the early 1970s, ..."


@dataclass(frozen=True)
class Mention:
    name: str
    role: str | None
    start: int
    end: int


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # text.lower(), read many times per token


ABBREVIATIONS = re.compile(r"(?:[A-Za-z]\.)+"
                           r"|(?:mr|ms|mrs|dr|jr|sr|st|gen|sen|rep|gov|adm|lt|col|no|vs|inc|co|corp|ltd)\.",
                           re.IGNORECASE)


def _ends_with_sentence_period(text: str) -> bool:
    """'Burns.' at a sentence's end, not 'U.S.' or 'Mr.': the period is then a token of its own."""
    return text[-1] == "." and len(text) > 2 and not ABBREVIATIONS.fullmatch(text)


def _tokens(sentence: str) -> list[_Tok]:
    """Words and punctuation; a period ending a sentence is its own token ("led by Ambassador Nick Burns.")."""
    toks: list[_Tok] = []
    append, make = toks.append, tuple.__new__  # tuple.__new__: NamedTuple's own __new__ is Python, 3x slower
    for m in TOKEN.finditer(sentence):
        text = m.group()
        start, end = m.span()
        if _ends_with_sentence_period(text):
            append(make(_Tok, (text[:-1], start, end - 1, text[:-1].lower())))
            append(make(_Tok, (".", end - 1, end, ".")))
        else:
            append(make(_Tok, (text, start, end, text.lower())))
    return toks


INITIAL = re.compile(r"[A-Z]\.")
BARE_INITIAL = re.compile(r"[B-HJ-Z]")  # "George W Bush"; not "A" or "I" ("I've Got A Woman")
CONTRACTION = re.compile(r"[’'](?:ve|ll|re|m|d)$|n[’']t$")
# "Brown", "Jean-Pierre", and names with inner capitals: "McCarthy", "DeSantis", "O'Neill", "MacArthur"
NAME_WORD = re.compile(r"(?:[A-Z][a-zà-ÿ]*[’'])?[A-Z][a-zà-ÿ’'\-]*[a-zà-ÿ](?:[A-Z][a-zà-ÿ]+)?(?:-[A-Z][a-zà-ÿ]+)?")
# lower-case words inside a name: "Ursula von der Leyen", "Mohammed bin Salman", "Charles de Gaulle"
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn", "al",
             "el", "dos", "das"}


def _name_like(tok: _Tok) -> bool:
    return tok.text[0].isupper() and _name_like_text(tok.text)  # most tokens stop at the first test


@lru_cache(maxsize=1 << 16)
def _name_like_text(text: str) -> bool:
    """Cached: a corpus repeats its words, and this runs for every token of every sentence."""
    if INITIAL.fullmatch(text):
        return True
    low = text.lower()
    if not text[0].isupper() or low in NOT_NAME or POSSESSIVE.sub("", low) in NOT_NAME:  # "Bank's", not "Banks"
        return False
    if CONTRACTION.search(low):  # "I've Got A Woman", "Don't Stop": a title, never a name
        return False
    if text.isupper() and len(text) > 1:
        return False
    if "-" in low and any(part in ROLE_HEADS for part in low.split("-")):  # "Vice-President", "ex-Chancellor"
        return False
    if low.partition("-")[0] in QUALIFIERS and "-" in low:  # "Ex-Downing Street media chief"
        return False
    return bool(NAME_WORD.fullmatch(text))


POSSESSIVE = re.compile(r"[’']s$")


def canonical(name: str) -> str:
    """Drop middle initials and a possessive, so 'Daniel J. Kritenbrink' and 'Daniel Kritenbrink’s' are one."""
    words = name.split()
    parts = [p for k, p in enumerate(words) if not INITIAL.fullmatch(p) and not (
        0 < k < len(words) - 1 and BARE_INITIAL.fullmatch(p))]  # "George W Bush" (BBC style) is George Bush
    return POSSESSIVE.sub("", " ".join(parts))


def _is_title_case(toks: list[_Tok]) -> bool:
    """Headlines capitalise every word, so name runs there are not trustworthy."""
    words = [t for t in toks if t.text[0].isalpha()]
    lowercase_content = [t for t in words if t.text[0].islower() and t.low not in FUNCTION_WORDS]
    return len(words) >= 4 and not lowercase_content


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness", "baron"}
PEERAGE = {"lord", "lady", "baroness", "baron"}  # "Lord Archer" names a peer, not every Archer
SAME_PEERAGE = {"lady": "baroness", "baroness": "lady", "lord": "baron", "baron": "lord"}  # how a peer is styled
KNIGHTED = {"sir", "dame"}  # before a given name: "Sir Ian" is Sir Ian Blair
# honorifics that say whether a man or a woman is meant: "Mrs Blair" is not Tony Blair
GENDERED = {"mr": "m", "sir": "m", "lord": "m", "baron": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f",
            "dame": "f", "baroness": "f"}
# titles that make a one-word name a royal's ("Prince Edward"), not every Edward's
ROYALTY = {"prince", "princess", "king", "queen", "pope", "duke", "duchess", "emperor", "sultan", "sheikh"}


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


GENERATIONAL = {"jr", "sr", "ii", "iii", "iv"}  # suffixes the articles add to a name or leave out
POST_NOMINALS = {"QC", "KC", "MP", "MEP", "MSP", "AM", "OBE", "MBE", "CBE", "KBE", "PhD"}


def is_name_suffix(word: str) -> bool:
    """'Jr.' of 'Ferdinand Marcos, Jr.', 'QC' of 'Ian MacDonald QC': after a name, not part of it."""
    return word.lower().rstrip(".") in GENERATIONAL or word in POST_NOMINALS


SURNAME_TITLES = {"King", "Bishop", "Marshall", "Judge", "Sergeant"}  # also surnames: Oona King, Mervyn King


def _opens_sentence_with_a_verb(toks: list[_Tok], i: int) -> bool:
    """'Analysing Mr Brown's budget ...', 'Following Mr Straw's visit ...': a sentence opened by an -ing word."""
    return (i == 0 or toks[i - 1].text in {'"', "“", "‘", "'", "("}) and toks[i].low.endswith("ing") and len(
        toks[i].low) > 5


def _names(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Runs of name-like tokens: (first index, last index + 1), at most 4 tokens long. A run starts at an
    honorific inside it: "Harrogate Mr Kennedy" names Mr Kennedy."""
    runs, i = [], 0
    while i < len(toks):
        if _name_like(toks[i]) and not INITIAL.fullmatch(toks[i].text) and not _opens_sentence_with_a_verb(toks, i):
            j = i
            while j < len(toks) and (_name_like(toks[j]) or _particle_inside(toks, j, i) or _surname_word(toks, j, i)):
                j += 1
                if POSSESSIVE.search(toks[j - 1].text):  # "Jake Sullivan’s Meeting": the name ends at ’s
                    break
            while j > i and INITIAL.fullmatch(toks[j - 1].text):
                j -= 1
            if j < len(toks) and toks[j].text in SURNAME_TITLES and (j + 1 == len(toks) or not _name_like(toks[j + 1])):
                j += 1  # "Mervyn King said", "Ms King": a title word after a name, with no name after it, is a surname
            start = max([k for k in range(i + 1, j - 1) if is_honorific(toks[k].text)], default=i)
            while j - start >= 2 and toks[start].low in CALLINGS:
                start += 1  # "Veteran Spaniard Conchita Martinez"
            if j - start >= 3 and _portfolio_title(toks, start) is not None:
                start += 1  # "Minister for Children, Young People and Families Margaret Hodge"
            # "Fortune Financial Services", "the broadcaster Shanghai Media Group": the name of a body
            inside_a_body = any(toks[k].low in BODY_WORDS for k in range(j, min(j + 2, len(toks)))
                                if all(t.text[0].isupper() for t in toks[j:k + 1])) or any(
                t.text in TITLE_WORDS for t in toks[max(start - 1, 0):j + 1])  # "the League Against Cruel Sports"
            inside_a_body = inside_a_body or _owns_a_post(toks, j)  # "Countryside Alliance chairman John Jackson"
            # "an analyst with Bank Sal Oppenheim": a bank's name goes on after "Bank"
            inside_a_body = inside_a_body or start > 0 and toks[start - 1].text in BANKS_NAMED_AFTER
            # "the London Stock Exchange", "the Glasgow Kelvin MP", "the Carling Cup": after "the", a run of names is
            # a body's, a place's or a thing's (or a person's used as a word: "the David Blunkett visa affair");
            # but "the Reverend Adrian Rodgers", "the Most Reverend Peter Smith" are people
            inside_a_body = inside_a_body or start > 0 and toks[start - 1].low == "the" and not is_honorific(
                toks[start].text) and not _styled(toks, start) or start > 1 and toks[start - 2].low == "the" and toks[
                start - 1].low in DEMONYMS  # "the English Chamber Orchestra", "the Scottish Prison Service"
            # at most 4 words, or 6 with a particle: "Luiz Inacio Lula da Silva", "Mohammed bin Rashid Al Maktoum"
            with_particle = any(toks[k].low in PARTICLES for k in range(start + 1, j - 1))
            if (j - start <= 4 or with_particle and j - start <= 6) and not inside_a_body:
                runs.append((start, j))
            i = j
        else:
            i += 1
    return runs


BANKS_NAMED_AFTER = {"Bank", "Banque", "Banca", "Banco", "Bankhaus"}
# Capitalised, these words name bodies and works, never people: "the League Against Cruel Sports", "Wake Me Up",
# "Take Me Out", "Cutt Off"; a run of names beside one is the title's
TITLE_WORDS = {"Against", "Up", "Off", "Out", "Down"}
# a cleric's or a member's style, after "the": "the Reverend Adrian Rodgers", "the Most Reverend Peter Smith"
STYLES = {"reverend", "rev", "hon", "honourable"}


def _styled(toks: list[_Tok], k: int) -> bool:
    """Whether a style starts at k: "Reverend", "Most Reverend", "Rt Hon"."""
    return toks[k].low.rstrip(".") in STYLES or toks[k].low in ("most", "rt", "right") and k + 1 < len(toks) and toks[
        k + 1].low.rstrip(".") in STYLES


# Posts held at a body, never at a person: a capitalised run right before one, with a full name after it, is the
# body's name ("Countryside Alliance chairman John Jackson", "Prebon Yamane economist Lena Komileva"); not "adviser",
# "aide" or "spokesman", which a person may have ("Tony Blair adviser Alastair Campbell")
# "Virgin Blue chief executive Brett Godfrey": posts only a body has ("Tony Blair adviser" is a person's)
BODY_POSTS = {"chairman", "chairwoman", "director", "economist", "analyst", "strategist", "founder", "executive"}


def _owns_a_post(toks: list[_Tok], k: int) -> bool:
    """Whether a body's post followed by a full name starts at k: "chairman John Jackson", or with one plain word
    before the post, "equity strategist Naoki Kamiyama", "executive director Robert Tapsfield"."""
    if k + 1 < len(toks) and _plain_word(toks[k]) and (toks[k].low not in BODY_POSTS or toks[k + 1].low in BODY_POSTS):
        k += 1  # "equity strategist", "executive director"
    return k + 2 < len(toks) and toks[k].low in BODY_POSTS and _name_like(toks[k + 1]) and _name_like(toks[k + 2])


def _post_start(toks: list[_Tok], i: int) -> int | None:
    """Where the body's post right before the name at i starts, if there is one."""
    return next((k for k in (i - 2, i - 1) if k > 0 and _owns_a_post(toks, k)), None)


def _portfolio_title(toks: list[_Tok], k: int) -> int | None:
    """Where the capitalised title starts whose portfolio the word at k ends, after its "and": "Minister for
    Children, Young People and Families", "Secretary of State for Culture, Media and Sport"; None if it ends none."""
    if k < 3 or toks[k - 1].low != "and" or toks[k - 2].text == "," or is_role_head(toks[k].low):
        return None  # ", and Secretary Blinken": a new clause, another title
    for m in range(k - 2, max(k - 12, 0), -1):
        t = toks[m]
        if t.low in ("for", "of") and toks[m - 1].text[:1].isupper() and is_role_head(toks[m - 1].low):
            return m - 1
        if not (t.text[:1].isupper() or t.text == "," or t.low in CONNECTORS):
            return None
    return None


# Theresa May, Christine May; Jeremy Dear (NUJ): "Dear" opens letters, so alone it is no name
SURNAME_MONTHS = {"May", "June", "April", "August", "Dear", "Lock"}  # "Brett Lock", "Mr Lock"


# Mike German (Welsh Lib Dem leader), Dawn French: a nationality that ends a name, before a comma or a verb; not
# "Volkswagen German carmaker"; so do words that name houses, parties and the press ("Deborah White, senior economist
# …", "Jim Press, vice president …", "Hans-Werner Sinn said")
SURNAMES_BEFORE_A_PAUSE = {"German", "French", "English", "Welsh", "White", "Press", "Sinn",
                           "West"}  # "Kanye West, the rapper who …"; not "the Middle East", "West Ham"
BODY_PARTICIPLES = {"United", "Associated", "Allied", "Federated", "Combined", "Designated"}  # open bodies' names


def _surname_word(toks: list[_Tok], j: int, start: int) -> bool:
    """A month, a nationality or another word that is never a name alone, which is a surname right after a given
    name or an honorific ("Theresa May", "Mrs May", "Jeremy Dear", "Mike German"), though alone it is a month ("on 5
    May") or a nationality."""
    if j != start + 1:
        return False
    after = toks[j + 1] if j + 1 < len(toks) else None
    if toks[j].text in SURNAMES_BEFORE_A_PAUSE:
        if toks[j - 1].text in BODY_PARTICIPLES:  # "told Associated Press."
            return False
        return after is None or not after.text[:1].isalnum() or after.low in VERBS_AFTER_A_NAME
    return toks[j].text in SURNAME_MONTHS and not (after and after.text[:1].isdigit())


PARTICLE_JOINED = re.compile(r"(?:al|el|bin|ibn|abu|ad|ar|as|az|ash|ben|de|da|di|du|van|von|le|la)-[A-Z][\w’'-]+")


def _particle_inside(toks: list[_Tok], j: int, start: int) -> bool:
    """A particle continues a name already begun when a name word follows it ("von der Leyen"), and so does a
    middle initial written without its full stop ("George W Bush")."""
    if j > start and BARE_INITIAL.fullmatch(toks[j].text):
        return j + 1 < len(toks) and _name_like(toks[j + 1])
    if j > start and PARTICLE_JOINED.fullmatch(toks[j].text):  # "Mohammed Mustafa al-Jibouri"
        return True
    if j == start or toks[j].low not in PARTICLES:
        return False
    k = j
    while k < len(toks) and toks[k].low in PARTICLES:
        k += 1
    return k < len(toks) and _name_like(toks[k])


def _role_before(sentence: str, toks: list[_Tok], i: int) -> str | None:
    """The title phrase directly before the name at token i, if it holds a role word."""
    if i == 0:
        return None
    j = i
    seat = toks[i - 1].low in SEATS
    if toks[i - 1].text[0].isupper():
        portfolio = _portfolio_title(toks, i - 1)  # "Minister for Children, Young People and Families Margaret Hodge"
        if portfolio is not None:
            j = portfolio
        # "Deputy Assistant Secretary of State for East Asian and Pacific Affairs Mark Lambert"
        while portfolio is None and j > 0 and i - j < 14:
            t = toks[j - 1]
            if j < i and toks[j].low in BODY_WORDS and (start := _body_start(toks, j)) < j:
                j = start  # "Oil and Natural Gas Corporation Chairman"
                continue
            # "Home Secretary", "Metropolitan Police Commissioner", "African Affairs Assistant Secretary"
            modifies_head = j < i and (is_role_head(toks[j].low) or toks[j].low in OFFICE_WORDS) and _modifier(
                toks, j - 1)
            if t.low in DATE_WORDS and not _names_a_paper(toks, j - 1):
                break  # "On Tuesday Foreign Secretary Jack Straw": the day is not part of the title
            if POSSESSIVE.search(t.text) and _name_like(t) and j < i:
                j -= 1  # the owner of the post, and no further: "Iraq's Trade Minister Mohammed Mustafa al-Jibouri"
                break
            if _name_like(t) and t.low not in ROLE_HEADS and t.low not in PARTY_WORDS and not (
                    seat and i - j <= 3) and not modifies_head:
                break  # "Advisor Sullivan and Director Wang Yi": Sullivan's title is not Wang's; but
                # "East Midlands MEP Robert Kilroy-Silk": a seat is named by its place
            if t.text[0].isupper() or t.low in CONNECTORS or t.text.endswith(("’s", "'s")):
                j -= 1
            else:
                break
        # "former Foreign Secretary Robin Cook", "Tory shadow Foreign Secretary Michael Ancram": the qualifier
        # (and the party before it) is part of the role, and so is a plain word after it ("former independent MP")
        if j > 1 and j < i and is_role_head(toks[j].low) and _plain_word(toks[j - 1]) and not is_role_head(
                toks[j - 1].low) and toks[j - 2].low in QUALIFIERS - {"then"}:
            j -= 1
        while j > 0 and (toks[j - 1].low in QUALIFIERS - {"then"} | RANKS or _then_as_at_the_time(toks, j - 1)):
            j -= 1
            if j > 0 and toks[j - 1].low in PARTY_WORDS and toks[j - 1].text[0].isupper():
                j -= 1
    else:
        # "senior Chinese diplomat Wang Yi", "then-Speaker Pelosi", "Tory leader Michael Howard",
        # "Liberal Democrat leader Charles Kennedy", "former Labour leader Neil Kinnock"
        if not is_role_head(toks[i - 1].low):
            # "Merck's head of research Peter Kim", "director of communications Dan Bartlett"
            # (a full name only: in "editor of union-backed Hazards magazine" the word names the magazine)
            full_name = i + 1 < len(toks) and _name_like(toks[i + 1])
            if i >= 3 and toks[i - 2].low in ("of", "for") and is_role_head(toks[i - 3].low) and _plain_word(
                    toks[i - 1]) and full_name:
                j = i - 2
            elif i >= 4 and toks[i - 3].low in ("of", "for") and is_role_head(toks[i - 4].low) and _plain_word(
                    toks[i - 2]) and _plain_word(toks[i - 1]) and toks[i - 1].low not in THINGS and full_name:
                j = i - 3  # "the minister for civil aviation Praful Patel"
            else:
                return None
        post = _post_start(toks, i)
        if post is not None and toks[post - 1].low not in BODY_WORDS:  # those: _body_start below
            k = post
            while k > 0 and post - k < 6 and (_name_like(toks[k - 1]) or toks[k - 1].low in BODY_WORDS or (
                    toks[k - 1].low in ("of", "for") and k > 1 and toks[k - 2].text[:1].isupper())):
                k -= 1  # "Commission for Racial Equality chairman Trevor Phillips"
            if k < post and (k == 0 or not toks[k - 1].text[:1].isupper() or toks[k - 1].low in NOT_A_MODIFIER):
                j = k  # the body's whole name: "Countryside Alliance chairman John Jackson"
        for _ in range(3):
            while j > 0 and (toks[j - 1].low in ROLE_ADJECTIVES or is_role_head(toks[j - 1].low)
                             or toks[j - 1].low in QUALIFIERS - {"then"} or _modifier(toks, j - 1)
                             or _qualified_modifier(toks[j - 1])
                             or _org_of(toks, j - 1) or _joins_posts(toks, j - 1)
                             or toks[j - 1].low == "new" and j > 1 and POSSESSIVE.search(toks[j - 2].text)):
                j -= 1  # "Tory shadow chancellor Oliver Letwin", "Bank of England governor Mervyn King", "The
                # company's new chief executive Peter Lynch"
            # lower-case words between the role and a qualifier, an organisation or another role word belong to
            # the role: "Former welfare minister Frank Field", "BBC political editor Andrew Marr", "Former civil
            # service chief Lord Butler", "Worldcom chief financial officer Scott Sullivan"
            k = j
            while k > 0 and j - k < 2 and _plain_word(toks[k - 1]):
                k -= 1
            if j - k == 2 and k > 1 and _plain_word(toks[k - 1]) and toks[k - 2].low in PARTY_WORDS and toks[
                    k - 2].text[0].isupper():
                k -= 1  # three after a party: "Lib Dem constitutional affairs committee chairman Alan Beith"
            if j > k > 0 and (toks[k - 1].low in QUALIFIERS - {"then"} or _modifier(toks, k - 1)
                              or toks[k - 1].low in ROLE_ADJECTIVES or is_role_head(toks[k - 1].low)):
                j = k
            else:
                after_a_boundary = k == 0 or toks[k - 1].low in BEFORE_A_WHOLE_TITLE or not toks[
                    k - 1].text[0].isalnum() or POSSESSIVE.search(toks[k - 1].text) and toks[k - 1].text[0].isupper()
                if j == i - 1 and (j - k == 1 or j - k == 2 and after_a_boundary) or after_a_boundary and all(
                        is_role_head(t.low) for t in toks[j:i]) and (k == 0 or toks[k - 1].low not in {"to", "and"}):
                    # a bare role word takes the words that make it one: "e-commerce minister Mike O'Brien", and
                    # two after a word no role takes or an owner: ", natural resources minister Yuri Trutnev",
                    # "Brazil's airport authority chief Carlos Wilson", "by transport expert professor Richard Allsop"
                    j = k
                break
        if j < i and toks[j].low in BODY_WORDS:
            j = _body_start(toks, j)  # "between Oil and Natural Gas Corporation chairman Subir Raha"
        if j > 1 and toks[j - 1].text == "New" and toks[j].text[0].isupper():
            j -= 1  # "New York attorney general"
        elif j > 0 and POSSESSIVE.search(toks[j - 1].text) and (toks[j - 1].text[0].isupper() or (
                j > 1 and toks[j - 2].low == "the")) and toks[j - 1].low not in NOT_A_MODIFIER and not (
                j > 1 and (_name_like(toks[j - 2]) or is_honorific(toks[j - 2].text))
                and POSSESSIVE.sub("", toks[j - 1].low) not in BODY_WORDS):
            j -= 1  # "London's Labour mayor Ken Livingstone", "BMW's chief executive", "the party's election chief"
            while j > 0 and toks[j - 1].low in PARTY_WORDS and toks[j - 1].text[0].isupper():
                j -= 1  # "Lib Dem's elections chief"
            if POSSESSIVE.sub("", toks[j].low) in BODY_WORDS:
                j = _body_start(toks, j)  # "Menatep Group's managing director": the body's whole name
            while j > 0 and toks[j - 1].text[:1].isupper() and (not _name_like(toks[j - 1]) or toks[
                    j - 1].low in PARTY_WORDS) and toks[j - 1].low not in NOT_A_MODIFIER and not is_role_head(
                    toks[j - 1].low):
                j -= 1  # "Swiss Re's spokesman", "BBC Scotland's political correspondent"
    # "Readout of President ...", "Q President ...", "As President, ...": not part of the title
    while j < i and (toks[j].low in CONNECTORS or toks[j].low in LEADING_JUNK or toks[j].low in OPENERS and not (
            toks[j].low == "under" and j + 1 < i and toks[j + 1].low == "secretary") and not _then_as_at_the_time(
            toks, j)):
        j += 1
    # "Senior Administration Official on National Security Advisor Jake Sullivan": the title starts after 'on'
    cuts = [k for k in range(j, i) if toks[k].low in {"on", "by", "with"}]
    if cuts:
        j = cuts[-1] + 1
    # "the President and Secretary Blinken", "The National Security Advisor and Director Wang": two people;
    # "State Councilor and Foreign Minister Wang Yi" is one
    # "President and Secretary Blinken": two role words either side of the 'and'; "Trade and Industry
    # Secretary Patricia Hewitt" is one role
    ands = [k for k in range(j, i) if toks[k].low == "and"]
    if ands and ((j > 0 and toks[j - 1].low == "the" and any(is_role_head(t.low) for t in toks[j:ands[-1]])) or (
            ands[-1] - j == 1 and is_role_head(toks[j].low) and is_role_head(toks[ands[-1] + 1].low)
            and toks[j].text[0].isupper())):  # but "said chairman and chief executive officer Bill Ford" is one
        j = ands[-1] + 1
    words = [t.low for t in toks[j:i]]
    if not words or not any(is_role_head(w) for w in words):
        return None
    role = sentence[toks[j].start:toks[i - 1].end]
    if SEAT_FOR.search(role):  # "Labour MP for West Ham": the rest of the place, not a person, follows
        return None
    return role


def _names_a_paper(toks: list[_Tok], k: int) -> bool:
    """A day's name that begins a newspaper's: "Sunday Telegraph journalist Robert Peston"."""
    return toks[k].low in DATE_WORDS and k + 1 < len(toks) and toks[k + 1].low in NEWSPAPER_WORDS


def _joins_posts(toks: list[_Tok], k: int) -> bool:
    """The 'and' between two posts of one person: "chairman and chief executive officer Bill Ford"."""
    return toks[k].low == "and" and k > 0 and k + 1 < len(toks) and toks[k - 1].text.islower() and is_role_head(
        toks[k - 1].low) and is_role_head(toks[k + 1].low)


def _body_start(toks: list[_Tok], j: int) -> int:
    """Where the name of the body whose last word is toks[j] starts: "Natural Gas Corporation", "Oil and Natural Gas
    Corporation" (one word before an 'and': "Marks and Spencer", not a person's two: "Tony Blair and BP Group")."""
    while j > 0:
        t = toks[j - 1]
        if t.low == "and" and j > 1 and _name_like(toks[j - 2]) and not is_role_head(toks[j - 2].low) and (
                j < 3 or not toks[j - 3].text[0].isupper()):
            j -= 2
        elif _name_like(t) and t.low not in NOT_A_MODIFIER and not is_role_head(t.low) and not is_honorific(t.text):
            j -= 1
        else:
            return j
    return j


def _then_as_at_the_time(toks: list[_Tok], k: int) -> bool:
    """"met then Home Office Minister Lord Falconer": 'then' is part of the role; in "and then President X said"
    it orders events."""
    return toks[k].text == "then" and k > 0 and toks[k - 1].low not in {"and", "but", "or"}


# Capitalised words that never qualify a role ("But", "On", "The", "Tuesday"); organisation words do ("Federal
# Reserve chairman", "Bank of England governor"), though none is part of a name
NOT_A_MODIFIER = OPENERS | FUNCTION_WORDS | DATE_WORDS | {
    "the", "this", "that", "these", "his", "her", "their", "our", "its", "he", "she", "they", "we", "i", "it",
    "today", "yesterday", "q", "mr.", "ms.", "mrs.", "dr.", "may", "question", "remarks", "readout", "statement",
    "briefing", "via", "teleconference", "former", "acting", "new"}


# verbs whose object may be someone titled: "but suggesting presenter Jeremy Paxman would have seen the funny side",
# "leaving coach Sven-Goran Eriksson"; other -ing words qualify roles ("housing minister", "sporting director")
VERBS_BEFORE_SOMEONE = {"suggesting", "hoping", "leaving", "saying", "telling", "asking", "urging", "backing",
                        "criticising", "criticizing", "accusing", "blaming", "praising", "joining", "replacing",
                        "succeeding", "following", "meeting", "thanking", "quoting", "citing", "attacking",
                        "persuading", "allowing", "forcing", "giving", "making", "letting", "calling", "naming",
                        "appointing", "sacking", "hiring", "defending", "challenging", "marry", "marries", "married",
                        "claim", "claims", "believe", "believes", "argue", "argues", "insist", "insists",
                        "plays", "played", "playing", "portrays", "portrayed", "portraying",  # "DiCaprio plays …"
                        # a reporting verb before a post: "warns former programmer and technology analyst Bill
                        # Thompson", "DiCaprio described director Martin Scorsese as …"
                        "warns", "warned", "asks", "explains", "explained", "describes", "described", "notes",
                        "noted", "writes", "wrote", "admits", "admitted", "predicts", "predicted", "suggests",
                        "suggested", "urges", "urged", "praises", "praised", "thanked", "blames", "blamed", "accuses",
                        "accused", "argued", "claimed", "insisted", "replied", "replies"}


def _plain_word(tok: _Tok) -> bool:
    """A lower-case word that can qualify a role ("welfare", "political", "e-commerce"), not a verb or a function
    word."""
    return tok.text.replace("-", "").isalpha() and tok.text.islower() and tok.low not in FUNCTION_WORDS | OPENERS | \
        VERBS_AFTER_A_NAME | {"said", "says", "told", "asked", "added", "new", "now", "his", "her", "their", "its",
                              "our", "my", "your", "this", "that", "these", "those", "including",
                              "featuring", "starring", "like", "among",
                              "includes", "include", "included"} | VERBS_BEFORE_SOMEONE



def _org_of(toks: list[_Tok], k: int) -> bool:
    """The 'of' (or the 'the' after it) inside a body's or a show's name before a role: "Bank of England governor",
    "Top of the Pops presenter"."""
    if not 0 < k < len(toks) - 1:
        return False
    if toks[k].low == "of":
        named = toks[k + 2] if toks[k + 1].text == "the" and k + 2 < len(toks) else toks[k + 1]
        return named.text[0].isupper() and _modifier(toks, k - 1)
    return toks[k].low == "the" and k > 1 and toks[k - 1].low == "of" and toks[k + 1].text[0].isupper() and _modifier(
        toks, k - 2)


def _qualified_modifier(tok: _Tok) -> bool:
    """A qualifier joined to a party or a body: "ex-Cabinet minister Helen Liddell", "ex-Labour MP"."""
    qualifier, _, rest = tok.text.partition("-")
    return qualifier.lower() in QUALIFIERS and rest[:1].isupper() and "-" not in rest


def _modifier(toks: list[_Tok], k: int) -> bool:
    """A capitalised word that qualifies the role after it ("Tory", "Labour", "Democrat", "Treasury"), not the
    end of someone's name: it must not follow a name word itself, unless that word is also a modifier."""
    t = toks[k]
    if not t.text[:1].isupper() or t.low in NOT_A_MODIFIER and not _names_a_paper(toks, k) or t.text.endswith(
            ("’s", "'s")):
        return False
    return t.low in PARTY_WORDS or t.low in OFFICE_WORDS or (  # "Reliance Group president", "Downing Street"
        k == 0 or not _name_like(toks[k - 1]) or toks[k - 1].low in PARTY_WORDS)


# Kinds of thing a name may follow ("building products group James Hardie", "Mike Leigh's film Vera Drake"): the name
# is then the thing's, and "spokesman for anti-virus firm" is no post of the name after it. Only nouns that never
# name a person's job (not "producer", "maker") nor a sports fixture ("the game Andre Nzame ...").
THINGS = frozenset({
    "film", "films", "movie", "comedy", "drama", "documentary", "show", "series", "sitcom", "soap", "programme",
    "thriller", "cartoon", "epic", "biopic", "franchise", "sequel", "hit", "album", "single", "song", "track", "band",
    "musical", "novel", "book", "magazine", "newspaper", "paper", "website", "label", "studio", "studios", "group",
    "firm", "company", "retailer", "chain", "brand", "carmaker", "giant", "builder", "housebuilder", "airline", "bank",
    "insurer", "supermarket", "manufacturer", "outfit", "station", "store", "stores", "shop", "club", "charity",
    "festival", "venue", "stadium", "hotel", "theatre", "tournament", "award", "prize", "school", "college",
    "body", "watchdog", "regulator", "organisation", "organization"})  # "voluntary body Alcohol Focus Scotland"


# parties and bodies a British or American role is often qualified by
PARTY_WORDS = {"tory", "tories", "labour", "conservative", "liberal", "democrat", "democrats", "democratic",
               "republican", "snp", "plaid", "ukip", "green", "lib", "dem", "dems", "unionist", "sinn", "fein",
               "commons", "lords", "treasury", "cabinet", "shadow", "scottish", "welsh", "british", "european"}


def is_role_head(word: str) -> bool:
    """A word that makes a phrase a role: 'Secretary', 'spokesman', and joined by a hyphen to a qualifier or
    another role word, 'then-Speaker', 'ex-Chancellor', 'Director-General'."""
    parts = word.split("-")
    return word in ROLE_HEADS or (len(parts) > 1 and parts[-1] in ROLE_HEADS and all(
        p in QUALIFIERS or p in ROLE_HEADS for p in parts[:-1]))  # "Director-General", "Vice-President"


# organisation words between a qualifying name and the role: "Metropolitan Police Commissioner"
OFFICE_WORDS = {"police", "affairs", "office", "bank", "council", "commission", "party", "service", "department",
                "group", "street", "union", "board", "agency", "authority", "fund", "securities", "insight", "radio"}
OFFICE_WORDS |= BODY_WORDS  # "British Casino Association Chairman", "Marquis Investment Research analyst"
# newspapers qualify their staff's roles: "Jewish Chronicle editor Ned Temko", "Sunday Telegraph journalist"
OFFICE_WORDS |= NEWSPAPER_WORDS | {"post", "standard", "independent", "economist"}
QUALIFIERS = {"then", "ex", "former", "acting", "deputy", "vice", "co", "shadow", "interim"}
# before a capitalised post, part of it: "senior Conservative MP Sir Teddy Taylor", "backbench Labour MP Karen Buck"
RANKS = {"senior", "junior", "backbench", "frontbench"}


ROLE_PARTICIPLES = {"acting", "founding", "outgoing", "incoming", "managing", "leading", "ruling", "sitting", "serving",
                    "presiding", "governing", "reigning", "standing", "visiting", "consulting", "retiring",
                    "caretaking", "campaigning", "opposing", "reporting", "commanding", "supervising"}
# words that judge rather than name a post: "a great chancellor", "a strong defender of …"
PRAISE = {"great", "good", "strong", "wonderful", "brilliant", "fine", "key", "outstanding", "obvious", "real", "true",
          "big", "huge", "major", "keen", "staunch", "fierce", "vocal", "passionate", "loyal", "close",
          "transformative", "popular", "successful", "respected", "excellent", "superb", "poor", "bad", "weak",
          "terrible"}
CLAUSE_OPENERS = {"whose", "whom", "where", "when", "while", "but", "although", "though", "after", "before",
                  "became", "becomes", "become", "remains", "remained", "went", "took", "made", "once"}
VERBS_AFTER_A_NAME = {"is", "was", "are", "were", "has", "had", "have", "said", "says", "will", "would", "who",
                      "which", "told", "added", "called", "also", "did", "does", "can", "could", "may", "might"}


ACRONYM = re.compile(r"\s*\([A-Z][A-Z&]{1,7}\)")
JOINED_HEAD = re.compile(r"\b[A-Z][a-z]+(?=[A-Z][a-z])")  # "SecretaryBureau": a page header's lost line break


def _opens_with_someone_titled(toks: list[_Tok]) -> bool:
    """"President Kennedy spoke of …", "Secretary Blinken": a title and a name, then a verb or the end; but "Chief
    Operating Officer of Sony" is one title."""
    if len(toks) < 2 or not (is_role_head(toks[0].low) and toks[0].text[0].isupper()):
        return False
    k = 1
    while k < len(toks) and _name_like(toks[k]) and toks[k].low not in NOT_NAME:
        k += 1
    return k > 1 and (k == len(toks) or toks[k].text.islower() and toks[k].low not in FUNCTION_WORDS)


def _served(toks: list[_Tok], a: int) -> bool:
    """Whether the name at a is someone the role serves: "adviser to President Vladimir Putin"."""
    return a > 1 and is_role_head(toks[a - 1].low) and toks[a - 2].low in {"to", "of", "for"}


def _role_phrase(text: str) -> str | None:
    """Text up to the end of a role phrase, if it is short and holds a role word."""
    cut = ROLE_END.search(text)
    phrase = text[: cut.start()] if cut else text
    acronym = ACRONYM.match(text[len(phrase):])
    if acronym:  # "general secretary of the Centre of Indian Trade Unions (CITU)": the body's own short name
        phrase += acronym.group(0)
    joined = next((m for m in JOINED_HEAD.finditer(phrase) if m.group().lower() in ROLE_HEADS), None)
    if joined:
        phrase = phrase[: joined.end()]  # "Assistant SecretaryBureau of African Affairs" -> "Assistant Secretary"
    phrase = phrase.strip()
    words = phrase.split()
    if not words or len(words) > 16 or words[0].lower() in FUNCTION_WORDS - {"the", "a", "an"}:
        return None
    if words[0].lower() in VERBS_AFTER_A_NAME | CLAUSE_OPENERS:  # "Kevin McCarthy, is talking about ...",
        return None  # "Gordon Brown, whose minister father ...": a clause, not a role
    if re.fullmatch(r"[a-z]+ing", words[0]) and words[0] not in ROLE_PARTICIPLES:
        return None  # "..., giving the Tory leader a majority of 5,000": a clause; "acting chairman" is a role
    # A list of people ("..., Administrator for Asia Michael Schiffer, ...") is not a role; a name inside an
    # organisation's ("Director of the Aspen Strategy Group") is.
    head = re.split(r"\s(?:of|at|for)\s", phrase)[0]
    toks = _tokens(phrase)
    seat = SEAT_FOR.search(phrase)  # "Labour MP for Hornsey and Wood Green" ends with a place, not a person
    head_toks = _tokens(head)
    if any(b - a >= 2 and not _served(head_toks, a) for a, b in _names(head_toks)) or not seat and any(
            b - a >= 2 and b == len(toks) and not (a > 0 and toks[a - 1].low in {"of", "at", "the"}) and not _served(
                toks, a) for a, b in _names(toks)):
        return None  # but "chief executive of Alcohol Focus Scotland" ends with a body, not a person
    if _opens_with_someone_titled(toks):
        return None  # "San Diego, President Kennedy spoke of …": someone else with his title, not a role
    for a, b in zip(toks, toks[1:]):
        if is_role_head(a.low) and re.fullmatch(r"[a-z]+ed", b.text):
            return None  # "the prime minister conceded that …": a clause
    # a role word, before the body it is of or after an owner: not "officials", "MPs" (a group), "the German arm of
    # US carmaker General Motors", "son-in-law of former-President Kuchma", "one of the chief critics"; but
    # "Department of State’s top diplomat for East Asia"
    heads = [re.split(r"\s(?:of|at|for|on)\s", part)[0] for part in re.split(r"[’']s\s|(?<=s)[’']\s", phrase)]
    if not any(is_role_head(POSSESSIVE.sub("", w.lower())) for part in heads for w in part.split()):
        return None
    if seat:  # "MP for Wantage in Oxfordshire": the seat is Wantage; where it lies is not part of the post
        phrase = re.sub(r"\s+in\s+[A-Z][\w’'\- ]*$", "", phrase)
    return phrase


LIST_END = re.compile(r"\s+(?:since|from|until|during|between|when|where|who|which|after|before|following|amid|"
                      r"despite|because)\b|[;:.()–—]")
# ", and as ", ", ", " and concurrently served as the ": one role ends, the next begins
LIST_SPLIT = re.compile(r",\s+(?:and\s+)?(?:as\s+)?(?:the\s+)?"
                        r"|\s+and\s+(?:concurrently\s+|also\s+)?(?:served\s+as|as)\s+"
                        r"(?:the\s+)?")
OWN_ROLE = re.compile(r"\b(?:of|for|to|at|on)\b")
COPULAS = {"of", "is", "was", "are", "were", "be", "been", "being", "became", "becomes", "as"}


def _after_the_last_article(lead: str) -> str | None:
    """A clause's last words before ", Name" after its last "the"/"a", when they are a short post and the word
    before the article neither says "is" nor "of" ("… for likening the reporter, Oliver Finegold" → "reporter"; not
    "Clive Owen is the brooding king, Keira Knightly", "A close ally of the ex-Yukos boss, Mr Nevzlin")."""
    if len(lead.split()) <= 5:
        return None
    tail = re.split(r"\s(?:the|an?)\s+", lead)[-1]
    before = lead[:len(lead) - len(tail)].split()[-2:-1]
    if (tail != lead and any(is_role_head(w.lower()) for w in tail.split()) and len(tail.split()) <= 5
            and not OWN_ROLE.search(tail) and not re.search(r"\bby\b", tail)
            and not {w.lower() for w in before} & COPULAS):
        return tail
    return None


# Callings whole in one word ("John Cooper, a barrister and chairman of …"); a post ("chairman", "minister") says whose
# only with more words
OCCUPATIONS = {"barrister", "solicitor", "lawyer", "journalist", "writer", "author", "actor", "actress", "singer",
               "broadcaster", "comedian", "novelist", "banker", "consultant", "architect", "economist", "academic",
               "historian", "businessman", "businesswoman", "activist", "campaigner", "lobbyist"}


def _is_occupation(phrase: str) -> bool:
    """"a barrister": a calling, whole in one word."""
    return re.sub(r"^(?:an?|the)\s+", "", phrase) in OCCUPATIONS


# "former Labour minister and now a European Commissioner", "a Labour peer and a human rights lawyer": two roles
NOW_A = re.compile(r"\s+and\s+(?:(?:now|later|then)\s+(?:an?|the)|an?)\s+")


def _rank_apart(role: str) -> list[str]:
    """A post, then a rank: two roles ("former British Commander Colonel" is a former British Commander and a
    Colonel); "Lieutenant Colonel" and "Army General" stay one."""
    words = role.split()
    k = len(words)
    while k > 0 and words[k - 1].lower() in MILITARY_RANKS and words[k - 1][0].isupper():
        k -= 1
    if 0 < k < len(words) and any(is_role_head(w.lower()) for w in words[:k]):
        return [" ".join(words[:k]), " ".join(words[k:])]
    return [role]


def joined_roles(phrase: str) -> list[str]:
    """The roles in "A of X and Chairman of Y" (two), "A and now a B" (two) or "barrister and chairman of Y" (two);
    "State Councilor and Foreign Minister" is one, and so are "Trade and Industry Secretary" and "chairman and
    chief executive officer"."""
    pieces = []
    for part in NOW_A.split(phrase):
        words = part.split(" and ")
        current = words[0]
        for word in words[1:]:
            head = word.split()[0].lower() if word.split() else ""
            owned = any(POSSESSIVE.search(w) for w in word.split()[:3])  # "Plaid Cymru's Parliamentary Leader"
            starts_a_role = head in ROLE_HEADS or head in ROLE_ADJECTIVES or owned
            # a lone occupation, then a post of a body: "a barrister and chairman of the League Against Cruel Sports"
            occupation = _is_occupation(current) and head in ROLE_HEADS and bool(OWN_ROLE.search(word))
            if OWN_ROLE.search(current) and starts_a_role and word[:1].isupper() or occupation:
                pieces.append(current)  # "MP for Merionnydd Nant Conwy and Plaid Cymru's Parliamentary Leader"
                current = word
            else:
                current += " and " + word
        pieces.append(current)
    return pieces


def roles_listed(text: str, lower_case: bool = False) -> list[str]:
    """The roles in "A of X, B, and as C" or "A to the President and Coordinator for Y", each on its own; with
    `lower_case`, also roles in lower case ("took over as chief executive")."""
    cut = LIST_END.search(text)
    pieces = [part for piece in LIST_SPLIT.split(text[: cut.start()] if cut else text) for part in joined_roles(piece)]
    roles = []
    for piece in pieces:
        piece = re.sub(r"^(?:the|a|an)\s+", "", piece.strip())
        phrase = _role_phrase(piece) if lower_case or piece[:1].isupper() or piece.startswith(
            ("founding", "former")) else None
        if phrase:
            roles.append(phrase)
    return roles


# "He was previously founding Chairman of ...", "Earlier, she was the CEO of ...", "he served as ..."
PRONOUN_ROLE = re.compile(
    r"^(?:[A-Z][\w ]{0,40},\s+)?(?:he|she|He|She)\s+(?:(?:also|concurrently|previously|later|then)\s+)?"
    r"(?:was|is|has been|had been|served as|serves as|has served as|had served as)\s+"
    r"(?:(?:previously|also|formerly|once|the|a|an)\s+)*")


# "The MP for Ealing North claimed …", "The East Midlands MEP, who quit …": a sentence that opens with a role (not
# with a name in apposition: "The Culture Secretary, Tessa Jowell, said")
THE_ROLE_OPENS = re.compile(r"^The\s+(?P<role>[^,;:\"“”()]{2,90}?)(?=,\s+[a-z]|\s+(?:said|says|told|added|claimed|"
                            r"has|had|is|was|will|would|warned|argued|insisted|accused|denied|admitted|wants|wanted)\b)")

# capitalised, these name a body rather than its post: "the Scottish Executive", "the Health and Safety Executive"
BODY_HEADS = {"executive"}
QUOTE_MARK = re.compile(r"[\"“”]")


def _anaphoric_role(sentence: str, mentions: list[Mention], before: str, named_before: list[Mention]) -> Mention | None:
    """The role a sentence opens with ("The MP for Ealing North claimed …") for the one person the sentence before
    named, when this one names no one first: news writing's way of naming the subject again. A role must hold a
    capital after its first letter ("MEP", "Liberal Democrat leader") or open with a body's or a party's name ("Tory
    leader", "Amnesty secretary-general"): "the prime minister" or "The Chancellor" alone may be someone else the
    article has not named yet; and the sentence before must quote no one (a quote's speaker, or a name inside it, is
    seldom the next sentence's subject)."""
    m = THE_ROLE_OPENS.match(sentence)
    people = [x for x in named_before if " " in x.name]
    if m is None or len(people) != 1 or any(x.start < m.end() for x in mentions) or QUOTE_MARK.search(before):
        return None
    phrase = _role_phrase(m.group("role"))
    role = phrase and tidy_role(phrase)
    first = role.split()[0] if role else ""
    if not role or not (any(c.isupper() for c in role[1:]) or first[0].isupper() and not is_role_head(
            POSSESSIVE.sub("", first.lower()))):
        return None  # "The Amnesty secretary-general said": a body's post; not "The Chancellor said"
    last = re.split(r"\s(?:of|for)\s", role)[0].split()[-1]  # the head: "MP for Ealing North", "Treasury spokesman"
    if not is_role_head(POSSESSIVE.sub("", last.lower())) or last.lower() in BODY_HEADS and last[0].isupper():
        return None  # "The Scottish Executive said", "The foreign secretary hit back by saying …"
    if last.istitle() and all(w[0].isupper() for w in role.split()):
        return None  # a title of a show or a post named in full: "The Rebel Billionaire has averaged …"
    return Mention(people[0].name, role, 0, 0)


def find_mentions_in(sentences: list[str]) -> list[list[Mention]]:
    """find_mentions for each sentence of one article, plus the roles a biography gives with 'he' or 'she'
    right after naming its subject ("Kurt Campbell serves as ... He was previously ..."), and a role a sentence
    opens with for the one person the sentence before named ("The MP for Ealing North claimed …")."""
    found, subject, before, named_before = [], None, "", []
    for sentence in sentences:
        mentions = find_mentions(sentence)
        m = PRONOUN_ROLE.match(sentence)
        again = _anaphoric_role(sentence, mentions, before, named_before)
        before, named_before = sentence, mentions
        if again:
            mentions = [again] + mentions
        if subject and m and not any(x.role for x in mentions):
            mentions = [Mention(subject, role, 0, 0) for role in roles_listed(sentence[m.end():])] + mentions
        elif mentions and not again:
            first = min(mentions, key=lambda x: x.start)
            subject = first.name if first.start < 40 and " " in first.name or first.role else None
        found.append(mentions)
    return found


CAPITALISED = re.compile(r"\b[A-Z](?:[\w’'.\-]*[\w.])?")


def _may_name_someone(sentence: str) -> bool:
    """Whether any token _tokens would make is name-like: most sentences are skipped at regex speed."""
    for text in CAPITALISED.findall(sentence):
        if _ends_with_sentence_period(text):
            text = text[:-1]
        if _name_like_text(text) and not INITIAL.fullmatch(text):
            return True
    return False


# "a former minister" is the role "former minister"; "New Home Secretary" (opening a sentence), "Home Secretary"
ROLE_LEAD = re.compile(r"^(?:(?:[Aa]|[Aa]n|[Tt]he|[Aa]s|now|presently|currently|"
                       r"[Nn]ew(?!\s+(?:York|Jersey|Zealand|Mexico|Hampshire|"
                       r"Delhi|Orleans|England|South)\b)|"
                       r"Yesterday|Today|Tonight|Tomorrow|Earlier|Later|Meanwhile|Now|Instead|Separately|"
                       r"[Aa]ccording\s+to)\s+)+")  # "According to its Paris lawyer, Emmanuel Gaillard"
OWNER_PRONOUN = re.compile(r"^(?:his|her|its|their)\s+(?=\S+\s)")  # a post of two words or more after it
LATE = re.compile(r"^[Tt]he\s+late\s+|^[Ll]ate\s+(?=\S)")
OWNED_INSIDE = re.compile(r"(?P<lead>.+?)\s+of\s+(?P<post>(?:its|their)\s+.+)")
BODY_OWNER = re.compile(r"(?:its|their)\s+(?P<post>[a-z\-]+)")  # one word after a body's pronoun: "its chairman"
NOT_A_ROLE_START = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "mr", "mrs", "ms",
                    "miss", "dr"}
CLAUSE_VERBS = {"said", "says", "told", "tells", "has", "have", "had", "is", "was", "were", "are", "will", "would",
                "defending", "indicted", "accused", "warned", "added", "insisted", "claimed", "argued",
                "became", "becomes", "become"}  # "Clare College, Cambridge and became a … professor"
ROLE_TAIL = re.compile(r"(?:\s+(?:Dr|Mr|Mrs|Ms|Sir|Dame|Lord|Lady)\.?)+$")  # "... Affairs Dr. Ely Ratner"


# "Sacked MP Howard Flight", "jailed former minister": what happened to the holder, not part of the post
EVENT_PARTICIPLE = re.compile(rf"^(?!(?:{'|'.join(sorted(BODY_PARTICIPLES))})\b)[A-Za-z]+ed\s+"
                              r"(?!(?:after|by|for|to|in|on|as|at|with|from|the|a|an)\b)(?=\S)")


def tidy_role(role: str, bare_is_whole: bool = False) -> str | None:
    """The role as shown: without a leading article or a trailing honorific, and None when what is left is one
    lower-case word ("minister", "spokesman": the words that made it someone's are missing), unless the sentence
    gives no more (`bare_is_whole`: "a victory for chairman Mukesh Ambani", "As a solicitor, Elfyn Llwyd")."""
    role = ROLE_TAIL.sub("", ROLE_LEAD.sub("", role.strip(" ,–-"))).strip(" ,–-")
    late = LATE.match(role)  # "son of late libel lawyer George Carman": no longer in the post, and not part of it
    if late:
        role, bare_is_whole = role[late.end():], True  # "late singer": all the sentence says
    role = EVENT_PARTICIPLE.sub("", role)
    inside = OWNED_INSIDE.fullmatch(role)  # "the resignation of its chairman, Sir Phil Watts": the post is after "its"
    if inside and not any(is_role_head(w.lower()) for w in inside["lead"].split()):
        role = inside["post"]
    body_owned = BODY_OWNER.fullmatch(role)  # "said its chairman, Sir Anthony Greener": the body's post is all there is
    if body_owned and is_role_head(body_owned["post"].lower()):
        return body_owned["post"]
    owned = OWNER_PRONOUN.match(role)  # "Mr Yeo, his transport and environment spokesman": the post is the rest,
    if owned:  # unless it is praise ("Carlos Ghosn, its highly successful boss") or a list ("its boss and another")
        rest = role[owned.end():]
        first = rest.split()[0].lower()
        if first in PRAISE or first.endswith("ly") or re.search(r"\band (?:another|other)\b", rest):
            return None
        role = rest
    if not role or re.fullmatch(r"[a-z\-]+", role) and not bare_is_whole:
        return None
    words = role.split()
    if words[0].lower() == "fellow" and not re.search(r"\b(?:of|at|in|for)\b", role):
        # "Fellow Lib Dem Norman Baker": a party colleague, no post; "fellow WorldCom board member": a member; but
        # "Senior Fellow at ..." is a post
        role, words = " ".join(words[1:]), words[1:]
        if not any(is_role_head(POSSESSIVE.sub("", w.lower())) for w in words):
            return None
    if words[0].lower().rstrip(".") in NOT_A_ROLE_START or any(w.lower() in CLAUSE_VERBS for w in words):
        return None  # "He and Prime Minister", "Mr. President and Prime Minister", "… said there has been …"
    return role


def subsumed(role: str, others: list[str]) -> bool:
    """A one-word title ("Secretary") when another role of the same person holds it ("Foreign Secretary"): it
    says less, and alone it would be shown."""
    low = role.lower()
    return " " not in low and any(low in other.lower().split() for other in others if other.lower() != low)


# ", the ...", ", Britain's ...", and after an age: "Robert Jackson, 58, MP for Wantage"
APPOSITION = re.compile(r"^,\s+(?:\d{2},\s+)?(?P<lead>(?:the|a|an|his|her|(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*(?:’s|'s))"
                        r"\s+)?")  # "Sir Bernard Ingham, Margaret Thatcher's former press secretary,"
# between dashes, only after a word that opens a description and with the closing dash: "Lord Bingham - a senior law
# lord - said", "Andrei Illarionov - then economic adviser to President Vladimir Putin - told"; not "Julie Su —
# highly qualified", nor a list's "Donmar Warehouse - Best musical actor"
DASH_APPOSITION = re.compile(r"^\s+[-–—]\s+(?P<lead>(?:the|a|an|then|[A-Z][\w.]*(?:’s|'s))\s+)(?=[^-–—]*\s[-–—]\s)")


# "As foreign secretary in the early 1970s, Lord Callaghan ...", "But now, as MP for ..., Mr Llwyd": the role
# the sentence opens with is that of the name right after its comma
AS_ROLE = re.compile(r"(?:^|[,;]\s+|\b(?:But|And|now)\s+)[Aa]s\s+(?:(?:a|an|the)\s+)?(?P<role>(?:(?!\bas\b)[^,;])"
                     r"{2,90}),\s*$")


PEER_SEAT = re.compile(r"^\s+of\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?(?=[,\s])")
FIRST_DAY_AS = re.compile(r"^\s+(?:(?:first|last|final|second|third)\s+(?:full\s+)?(?:days?|weeks?|months?|years?)"
                          r"\s+(?:in\s+office\s+)?|(?:appointment|election|promotion|time|tenure|spell|stint)\s+)"
                          r"as\s+(?:the\s+)?")  # "Mike Smith's appointment as chief executive"
LEAD_BEFORE_COMMA = re.compile(r"(?:^|[,;][\"”’']?\s+(?:said|says|added|according to)?\s*|\b(?:the|The)\s+)"
                               r"([^,;\"”]{3,80})$")
THE = re.compile(r"\b[Tt]he\s+")
# "the Mayor of London", "The chief inspector of schools" right before ", Name"
TITLE_OF_BODY = re.compile(r"[Tt]he\s+((?P<post>(?:[A-Za-z][\w-]*\s+){1,3})of\s+(?:the\s+)?"
                           r"[A-Za-z][\w’'&-]*(?:\s+[A-Za-z][\w’'&-]*){0,3})$")
BEFORE_A_WHOLE_TITLE = {"for", "to", "by", "with", "of", "from", "and", "said", "says", "told", "according", ",",
                        "(", "\"", "“", "-", "–", "—"} | VERBS_BEFORE_SOMEONE
# a post after the name: "Ian MacDonald QC"
POST_NOMINAL_ROLE = re.compile(r"^,?\s+(QC|KC|MP|MEP|MSP|AM)\b(?!\s+for\b)")
# "Howard Archer, economist at Global Insight said ...", "Marc Ostwald, a strategist at Monument Securities told":
# an apposition may lose its closing comma; after "the", a verb starts a new clause ("Echoing Condoleezza Rice,
# the prime minister said ...")
BARE_APPOSITION_END = re.compile(r"\s+(?:said|says|told|added|warned|argued|claimed|insisted|was|is|has|had|"
                                 r"will|would|quoted)\b")


WHO_IS_A = re.compile(r"^,\s+who\s+(?:is|was|became|has been|had been|is now|was then|(?:will |would )?remains?"
                      r" as|remained as)\s+(?:(?:the|a|an)\s+)?"
                      r"(?:(?:now|also|still)\s+)?(?P<lead>)")  # "who was also Bombardier's president"


# "Mr Wang was head of China Construction Bank", "Ms Tan has been managing director and chief executive of Metrojaya":
# the post the sentence says the person holds or held; the name must be the sentence's subject, the verb right after
IS_A = re.compile(r"^\s+(?:is|was|ha[sd] (?:also |since |now )?been|became|becomes)\s+(?:(?:the|a|an)\s+)?"
                  r"(?:(?:now|also|still|currently|then)\s+)?(?P<lead>)")
# "was named best actor", "was created a life peer", "is acting as an adviser": how a post or prize came, not a post
IS_A_NOT = re.compile(r"^(?:[a-z]+ed|made|chosen|given|won|acting as|one|other|only|last|next)\b|"
                      # a rank is no post: "France's second best-paid actor", "the youngest premier"
                      r"\b(?:first|second|third|fourth|fifth|best|worst|biggest|richest|youngest|oldest|highest|"
                      r"largest|greatest|longest)\b")
# (not "in the" + a body: "has also been the national clinical director for children in the Department of Health")
IS_A_END = re.compile(r"\s+(?:at\s+\d+|after|on|in(?!\s+the\s+[A-Z])|with|and should|but)\b")


def _stated_post(phrase: str) -> str | None:
    """A post an "is"/"was" states, if it is one: it names a body or a title in capitals ("head of China Construction
    Bank", "Vice President", "MP for Mid-Bedfordshire"); praise is no post ("a great chancellor", "the best writer
    I've come across", "a strong defender of the Anglo-Irish Agreement"), nor a prize ("best actress for …")."""
    phrase = IS_A_END.split(phrase, maxsplit=1)[0]
    words = phrase.split()
    if IS_A_NOT.search(phrase) or words and words[0].lower() in PRAISE:
        return None
    return phrase if any(w[0].isupper() and w not in {"I", "I've", "I’ve"} for w in words) else None


# inside an apposition, the post someone was given: ", the turnaround specialist appointed by the Italian government as
# Parmalat's chief executive,"
APPOINTED_AS = re.compile(r"^,\s+[^,;:\"“”]*?\b(?:appointed|named|installed|hired|chosen)\b[^,;:\"“”]*?\bas\s+"
                          r"(?P<role>[^,;:\"“”]+),")


def _title_of_body(lead: str) -> str | None:
    """A title of a body at the end of `lead`, after "the": "the Mayor of London", "The chairman of the Bar
    Council"."""
    titles = (TITLE_OF_BODY.match(lead, the.start()) for the in THE.finditer(lead))
    m = next((t for t in titles if t and any(is_role_head(w.lower()) for w in t.group("post").split())), None)
    return m.group(1) if m else None


def _plural_role_head(word: str) -> bool:
    """A plural of a role word: "executives", "members", "chairmen", "MPs", "secretaries"."""
    low = word.lower()
    singular = low[:-3] + "y" if low.endswith("ies") else low[:-3] + "man" if low.endswith("men") else low[:-1]
    return word[:1].isalpha() and (low.endswith("s") or low.endswith("men")) and is_role_head(singular)


# lower-case words that qualify a plural post: "senior shadow cabinet members"
PLURAL_ROLE_WORDS = {"cabinet", "shadow", "board", "party", "government", "bank", "company", "executive"}


def _listed_under_a_plural_role(sentence: str, toks: list[_Tok], runs: list[tuple[int, int]]) -> dict[int, str]:
    """Names listed right after a plural role, each with it as the article words it: "former Enron chief executives
    Ken Lay and Jeff Skilling", "senior shadow cabinet members David Davis, Oliver Letwin and Tim Yeo"; a bare
    plural ("MPs David Davis and …") says too little."""
    listed: dict[int, str] = {}
    ends = dict(runs)
    for i, _ in runs:
        head = i - 1
        if head < 1 or not _plural_role_head(toks[head].text):
            continue
        k = head
        while k > 0 and (toks[k - 1].low in QUALIFIERS - {"then"} | RANKS | ROLE_ADJECTIVES | PLURAL_ROLE_WORDS
                         or is_role_head(toks[k - 1].low) or toks[k - 1].text[0].isupper()
                         and toks[k - 1].low not in NOT_A_MODIFIER and not is_honorific(toks[k - 1].text)):
            k -= 1
        if k == head:
            continue
        role = sentence[toks[k].start:toks[head].end]
        at = i
        while at in ends:  # "A, B and C", "A and B": the next name starts after ", and", "," or "and"
            listed[at] = role
            after = ends[at]
            if after + 1 < len(toks) and toks[after].text == "," and toks[after + 1].low == "and":
                at = after + 2
            elif after < len(toks) and toks[after].text in {",", "and"}:
                at = after + 1
            else:
                break
    return listed


def find_mentions(sentence: str) -> list[Mention]:
    """Every person named in the sentence, with the role the sentence gives them (or None)."""
    if not _may_name_someone(sentence):
        return []
    toks = _tokens(sentence)
    title_case = _is_title_case(toks)
    found: dict[tuple[str, str | None], Mention] = {}

    def add(name: str, role: str | None, start: int, end: int, bare_is_whole: bool = False) -> None:
        name = canonical(name)
        if not role:
            found.setdefault((name, None), Mention(name, None, start, end))
            return
        first, *more = joined_roles(role)  # "as MP for Merionnydd Nant Conwy and Plaid Cymru's Parliamentary Leader"
        first, *rank = _rank_apart(first)
        more = rank + more
        for part in [first] + [r for r in more if any(POSSESSIVE.sub("", w.lower()) in ROLE_HEADS for w in r.split())]:
            # "a barrister and chairman of …": the calling is whole beside the post it is joined to
            part = tidy_role(part, bare_is_whole or bool(more) and _is_occupation(part))
            if part or " " in name:  # a lone word is a person only when a role names it ("fellow WorldCom")
                found.setdefault((name, part), Mention(name, part, start, end))

    runs = _names(toks)
    listed = _listed_under_a_plural_role(sentence, toks, runs)
    for i, j in runs:
        name = sentence[toks[i].start:toks[j - 1].end]
        single = j - i == 1
        if i in listed and not single:
            add(name, listed[i], toks[i].start, toks[j - 1].end)
        # In a headline every word is capitalised, so trust a title only right before a short name.
        role = None if title_case and not 2 <= j - i <= 3 else _role_before(sentence, toks, i)
        rest = sentence[toks[j - 1].end:]
        if toks[i].low in PEERAGE:  # "Lord Roberts of Conwy, who was a Welsh Office minister"
            rest = PEER_SEAT.sub("", rest, count=1)
        if single and not role and not SERVES.match(rest.lstrip()):
            continue  # a lone capitalised word is a person only when a title names it
        if role:
            # a lone lower-case title is all the sentence says after a word no role takes: "for chairman Mukesh
            # Ambani", "said spokeswoman Jill Sutherland"; not after "Sun's chief operating" or "Countryside Alliance"
            # ("the designer Christian Lacroix", a full name only: not "the actor Sylvester's mother")
            bare_is_whole = i >= 2 and (toks[i - 2].low in BEFORE_A_WHOLE_TITLE
                                        or toks[i - 2].low == "the" and not single)
            add(name, role, toks[i].start, toks[j - 1].end, bare_is_whole)
        # "Name, the Department of State's top diplomat for East Asia, ..." (a full name only); "Mr Kinnock, who
        # became a life peer in ...", "Andrew Marr, who is the BBC's political editor"
        for after_name, needs_full_name in ((APPOSITION, True), (DASH_APPOSITION, True), (WHO_IS_A, False),
                                            (IS_A, False)):
            m = after_name.match(rest)
            tail = rest[m.end():] if m else ""
            lead = (m.group("lead") or "").strip().lower() if m else ""
            # "Rainer Hertrich, the German co-head of EADS will also step down": a sentence's subject, so "the"
            # opens no new one here, unlike "Echoing … Condoleezza Rice, the prime minister said"
            # (nor does an owner's: "David Yarnton, Nintendo Europe's general manager said")
            if after_name is APPOSITION and m and (lead in {"", "a", "an"} or lead == "the" and i == 0
                                                   or POSSESSIVE.search(lead)):
                tail = BARE_APPOSITION_END.split(tail, maxsplit=1)[0]
            phrase = _role_phrase(tail) if m and not (needs_full_name and single) else None
            if phrase and after_name is IS_A:
                phrase = _stated_post(phrase)
            if phrase:
                add(name, ((m.group("lead") or "") + phrase).strip(), toks[i].start, toks[j - 1].end)
        m = APPOINTED_AS.match(rest)  # "Enrico Bondi, the turnaround specialist appointed by the Italian government
        phrase = _role_phrase(m.group("role")) if m and not single else None  # as Parmalat's chief executive,"
        if phrase:
            add(name, phrase, toks[i].start, toks[j - 1].end)
        m = POST_NOMINAL_ROLE.match(rest)  # "Ian MacDonald QC quit"
        if m and not single:
            add(name, m.group(1), toks[i].start, toks[j - 1].end)
        before = sentence[: toks[i].start]
        m = AS_ROLE.search(before) if before.endswith(", ") and "s " in before else None
        phrase = _role_phrase(m.group("role")) if m else None
        if phrase:
            add(name, phrase, toks[i].start, toks[j - 1].end, bare_is_whole=True)
        m = FIRST_DAY_AS.match(rest)  # "on Charles Clarke's first day as home secretary"
        if m and POSSESSIVE.search(toks[j - 1].text):
            phrase = _role_phrase(rest[m.end():])
            if phrase:
                add(name, phrase, toks[i].start, toks[j - 1].end, bare_is_whole=True)
        # "Name currently serves as Deputy Assistant to the President and Coordinator for ..., X, and as Y"
        m = SERVES.match(rest.lstrip())
        if m:
            for phrase in roles_listed(rest.lstrip()[m.end():], lower_case=True):
                add(name, phrase, toks[i].start, toks[j - 1].end, bare_is_whole=True)
        # "nominate Name to be Deputy Secretary of State"
        m = re.match(r"^\s+(?:to be|as)\s+", rest)
        if m and NOMINATE.search(before) and not single:
            phrase = _role_phrase(rest[m.end():])
            if phrase:
                add(name, "nominee for " + phrase, toks[i].start, toks[j - 1].end)
        # "Mr Morrow will succeed Shiro Tsuda as president of Vodafone KK": the post the one replaced held
        if m and rest[m.start():m.end()].strip() == "as" and SUCCEEDS.search(before) and not single:
            phrase = _role_phrase(rest[m.end():])
            if phrase:
                add(name, phrase, toks[i].start, toks[j - 1].end, bare_is_whole=True)
        # "The Department of State spokesman, Matthew Miller, ..."
        comma = i - 2 if i >= 3 and toks[i - 1].low == "the" and _styled(toks, i) else i - 1  # ", the Rt Rev X"
        if comma >= 1 and toks[comma].text == "," and not single:
            lead = sentence[: toks[comma].start]
            # '…," said EEF chief economist, Steve Radley': after a quotation's "said" as after a comma
            m = LEAD_BEFORE_COMMA.search(lead)
            opener = re.match(r"(?:But|And|Yet)\s+", m.group(1)) if m else None  # "But PwC's global chief executive,"
            lead_role = re.sub(r"^(?:Q\s+)?(?:(?:But|And|Yet)\s+)?(?:[Tt]he\s+)?", "", m.group(1)) if m else ""
            # "the first visit by an Australian prime minister, Gough Whitlam", "Parmalat is now being run by a state
            # appointed administrator, Enrico Bondi": the role is after "by an" (not after "of": "A close ally of the
            # ex-Yukos boss, Mr Nevzlin" is the ally), and the clause before it is not the role's
            tail = re.split(r"\b(?:by|to|with|from|and|after|before|for|like)\s+(?:an?|the)\s+", lead_role)[-1]
            split = tail != lead_role and any(is_role_head(w.lower()) for w in tail.split())
            if split:
                lead_role = tail
            last = _after_the_last_article(lead_role)  # "calls for the mayor to apologise for likening the reporter,"
            if last:
                lead_role, split = last, True
            source = lead_role if split else m.group(1)[opener.end() if opener else 0:] if m else ""
            lead_words = {w.lower() for w in source.split()}
            clause = lead_words & (VERBS_AFTER_A_NAME | {"told", "there", "been", "this", "but"})
            if m and toks[comma - 1].low in ROLE_HEADS and not clause:  # not a reporter's "Q The House Speaker"
                add(name, lead_role, toks[i].start, toks[j - 1].end)
            # "... the support of the Mayor of London, Ken Livingstone", "The chairman of the Bar Council, Guy
            # Mansfield QC warned": a title of a body just before the comma, after "the"
            title = _title_of_body(lead)
            if title:
                add(name, title, toks[i].start, toks[j - 1].end)
        elif role and not single:  # "said the chairman of the Commons education select committee, Labour MP Barry
            lead = sentence[:sentence.rfind(role, 0, toks[i].start)].rstrip()  # Sheerman": a title, then another
            title = _title_of_body(lead[:-1]) if lead.endswith(",") else None
            if title:
                add(name, title, toks[i].start, toks[j - 1].end)
        known = (name, None) in found or any(k[0] == canonical(name) for k in found)
        if not single and not title_case and not known:
            add(name, None, toks[i].start, toks[j - 1].end)
    return list(found.values())

