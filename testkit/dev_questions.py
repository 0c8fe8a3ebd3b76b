"""The development question set over seeds/: each query with the facts its answer must contain.

A fact is a case-insensitive substring that must appear in the answer's excerpts (or, for who-is,
in the roles shown). `answered=False` marks questions the index cannot answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    query: str
    intent: str
    answered: bool = True
    facts: tuple[str, ...] = ()
    entity: str | None = None
    min_articles: int = 1
    any_of: tuple[str, ...] = field(default=())  # at least one of these must appear


DEV_SET = [
    # who-is
    Case("who is Kurt Campbell", "who-is", facts=("White House Indo-Pacific Coordinator", "Deputy Secretary of State"),
         entity="Kurt Campbell"),
    Case("who's Campbell", "who-is", facts=("Indo-Pacific",), entity="Kurt Campbell"),
    Case("who is Yi", "who-is", facts=("Foreign Minister",), entity="Wang Yi"),
    Case("who is Daniel Kritenbrink", "who-is", facts=("top diplomat for East Asia",), entity="Daniel Kritenbrink"),
    Case("who is Qin Gang", "who-is", facts=("Foreign Minister",), entity="Qin Gang"),
    Case("who is Jake Sullivan", "who-is", facts=("National Security Advis",), entity="Jake Sullivan"),
    Case("who is Matthew Miller", "who-is", facts=("spokesman",), entity="Matthew Miller"),
    Case("who is Xi", "who-is", facts=("President",), entity="Xi Jinping"),
    Case("who is Karine Jean-Pierre", "who-is", facts=("Press Secretary",), entity="Karine Jean-Pierre"),
    Case("who is John Kirby", "who-is", facts=("Strategic Communications",), entity="John Kirby"),
    Case("who was Adrienne Watson", "who-is", facts=("Spokesperson",), entity="Adrienne Watson"),
    Case("who is the national security adviser", "who-is", entity="Jake Sullivan"),
    Case("who is Elon Musk", "who-is", answered=False),
    Case("who is Taylor Swift?", "who-is", answered=False),
    Case("who is Angela Merkel", "who-is", answered=False),
    # topics
    Case("tensions taiwan", "topic", any_of=("status quo", "cross-Strait", "peace and stability"), min_articles=2),
    Case("spy balloon", "topic", any_of=("surveillance", "shot down", "school bus")),
    Case("AUKUS submarines", "topic", facts=("submarine",)),
    Case("fentanyl cooperation", "topic", any_of=("counternarcotics", "precursor")),
    Case("Camp David trilateral summit", "topic", any_of=("Japan", "Korea")),
    Case("outbound investment executive order", "topic",
         any_of=("semiconductor", "quantum", "artificial intelligence")),
    Case("South China Sea", "topic", any_of=("freedom of navigation", "UNCLOS", "Philippine")),
    Case("export controls on advanced chips", "topic", any_of=("export control", "semiconductor", "chip")),
    Case("Chinese spying facilities in Cuba", "topic", facts=("2019",)),
    Case("climate change cooperation", "topic", any_of=("Kerry", "methane", "COP")),
    Case("Quad leaders", "topic", any_of=("Australia", "India", "Japan")),
    Case("human rights Xinjiang", "topic", any_of=("Tibet", "Hong Kong", "forced labor")),
    # questions
    Case("what is AUKUS?", "question", any_of=("Australia", "United Kingdom", "nuclear-powered")),
    Case("why did Blinken postpone his trip to China?", "question", any_of=("postponed", "delayed", "balloon")),
    Case("where did Sullivan meet Wang Yi in May 2023?", "question", facts=("Vienna",)),
    Case("what did Biden and Xi agree about military communication?", "question",
         any_of=("military-to-military", "military to military", "mil-mil")),
    Case("where did Sullivan and Wang Yi meet in September?", "question", facts=("Malta",)),
    Case("what did the G7 foreign ministers say about the Taiwan Strait?", "question",
         any_of=("escalation", "live-fire", "peace and stability")),
    Case("who was in the delegation to the Pacific Islands?", "question", any_of=("Schiffer", "Kurt Campbell")),
    # nothing relevant
    Case("recipe for chocolate cake", "topic", answered=False),
    Case("football world cup results", "topic", answered=False),
    Case("how do I reset my router password?", "question", answered=False),
]


def check(case: Case, answer) -> list[str]:
    """What is wrong with an answer for this case; empty when it passes."""
    problems = []
    if answer.intent != case.intent:
        problems.append(f"intent {answer.intent} != {case.intent}")
    if answer.answered != case.answered:
        problems.append(f"answered={answer.answered}, expected {case.answered}")
        return problems
    if case.entity and answer.entity != case.entity:
        problems.append(f"entity {answer.entity!r} != {case.entity!r}")
    shown = " ".join(f"{e.text} {e.role or ''}" for e in answer.excerpts).lower()
    for fact in case.facts:
        if fact.lower() not in shown:
            problems.append(f"missing {fact!r}")
    if case.any_of and not any(f.lower() in shown for f in case.any_of):
        problems.append(f"none of {case.any_of}")
    articles = {e.article_id for e in answer.excerpts}
    if case.answered and len(articles) < case.min_articles:
        problems.append(f"{len(articles)} articles < {case.min_articles}")
    return problems
