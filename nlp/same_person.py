"""Short names linked to the full name one article gives: "Mr Howard", "Former NI minister Scott" -> the article's
"Michael Howard", "Sir Nicholas Scott". Newspapers name someone in full once and then by surname; without the link
every "Mr Johnson" went to whichever Johnson the whole corpus names most (issue #17, Build 1).

A short name is an honorific and a surname ("Mr Duncan Smith", "Ms Kelly", "Dr Reid") or a surname alone with a
role ("Chancellor Brown"). It is linked only when the article leaves no doubt: exactly one person named in full
whose name ends with it (or, for a family name that comes first, begins with it: "Mr Wang" and "Wang Xuebing"), and
the article does not call that surname both Mr and Mrs/Ms/Miss (Tony and Cherie Blair). Peers ("Lord Falconer"),
knights by given name ("Sir Menzies") and royals ("Prince Charles") are never short names: their styles are not
surnames.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from nlp.people import GENDERED, PEERAGE, ROYALTY, is_honorific

# only these say a gender before a bare surname: "Lady Morgan" and "Lord Falconer" are peers' styles
MR_OR_MRS = {"mr", "mrs", "ms", "miss"}
BEFORE_A_SURNAME = MR_OR_MRS | {"dr", "prof", "professor"}


# Family names that come first in a full name ("Wang Xuebing" … "Mr Wang was head of China Construction Bank"): the
# commonest Chinese, Korean and Vietnamese ones. A short name is linked to a full name that begins with one of these
# only when no full name ends with it ("Mr Howard" is not "Howard Flight").
FAMILY_NAME_FIRST = {
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
    "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng",
    "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu",
    "ding", "ren", "shen", "yao", "xi", "wen", "qin", "bo", "kim", "lee", "park", "choi", "jung", "kang", "yoon",
    "moon", "cho", "shin", "nguyen", "tran", "pham", "hoang", "phan", "vu", "dang", "bui", "ngo"}


def _bare(name: str) -> list[str]:
    """The words of a name after its leading honorifics ("Sir Nicholas Scott" -> Nicholas Scott)."""
    words = name.split()
    while words and is_honorific(words[0]):
        words = words[1:]
    return words


def _short(name: str, role: str | None) -> list[str] | None:
    """The surname words a short name gives, or None when it is not one."""
    words = name.split()
    first = words[0].lower().rstrip(".")
    if len(words) > 1 and first in BEFORE_A_SURNAME:
        return words[1:]
    if len(words) == 1 and not (role and role.split()[-1].lower() in ROYALTY):
        return words
    return None


def _full(name: str) -> bool:
    """A name given in full: two words or more after any honorific, and not a peer's style ("Lord Roberts of Conwy")."""
    first = name.split()[0].lower()
    return first not in PEERAGE and len(_bare(name)) > 1


def full_names(named: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """For one article's (name, role) mentions, each short name mapped to the full name it stands for there."""
    named = list(named)
    counts = Counter(name for name, _ in named if _full(name))
    # "George Bush" and "George W Bush" are one person: the same first and last words; the name given most speaks
    people: dict[tuple[str, str], str] = {}
    for name, _ in counts.most_common():
        people.setdefault((_bare(name)[0], _bare(name)[-1]), name)
    by_gender: dict[str, set[str]] = {}
    for name, _ in named:
        first = name.split()[0].lower().rstrip(".")
        if len(name.split()) > 1 and first in MR_OR_MRS:
            by_gender.setdefault(" ".join(name.split()[1:]), set()).add(GENDERED[first])
    links: dict[str, str] = {}
    for name, role in named:
        words = _short(name, role)
        if words is None or name in links:
            continue
        if len(by_gender.get(" ".join(words), ())) > 1:
            continue  # Mr and Mrs Blair: two people the article names by one surname
        ends = [full for full in people.values()
                if len(_bare(full)) > len(words) and _bare(full)[-len(words):] == words]
        if not ends and len(words) == 1 and words[0].lower() in FAMILY_NAME_FIRST:
            ends = [full for full in people.values() if len(_bare(full)) == 2 and _bare(full)[0] == words[0]]
        if len(ends) == 1:
            links[name] = ends[0]
    return links
