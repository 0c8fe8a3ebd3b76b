"""What kind of answer a query wants: an entity profile, an answer to a question, or a topic brief."""
from __future__ import annotations

import re
from dataclasses import dataclass

WHO_IS = re.compile(r"^\s*(?:who\s*(?:is|was|'s|’s)|whos)\s+(?P<name>.+?)[\s?!.]*$", re.IGNORECASE)
QUESTION_WORDS = {
    "what", "why", "how", "when", "where", "which", "who", "whom", "whose", "is", "are", "was", "were",
    "do", "does", "did", "can", "could", "will", "would", "should", "has", "have", "had",
}
NOT_A_NAME_START = {
    "in", "at", "on", "to", "with", "for", "from", "behind", "by", "responsible", "meeting", "going",
    "there", "here", "it", "this", "that", "he", "she", "they", "we", "you", "i", "not", "also", "now",
}


@dataclass(frozen=True)
class Intent:
    kind: str  # "who-is" | "question" | "topic"
    subject: str  # the name for who-is, else the query itself


def classify(query: str) -> Intent:
    text = " ".join(query.split())
    match = WHO_IS.match(text)
    if match:
        # "Mrs Blair" keeps its honorific: it says which Blair (core.answer resolves titles)
        name = match.group("name").strip(" \"'“”‘’")
        name = re.sub(r"(?:’s|'s)$", "", name)
        words = name.split()
        first = (words[1] if len(words) > 1 and re.fullmatch(r"(?i)(?:mr|mrs|ms|dr)\.?", words[0]) else
                 words[0] if words else "").lower()
        # "who was in the delegation", "who is leading the talks": questions, not names ("Erling Refsum" is one)
        if name and first not in NOT_A_NAME_START and not (first.endswith("ing") and name[0].islower()):
            return Intent("who-is", name)
    words = re.findall(r"[\w']+", text.lower())
    if text.endswith("?") or (words and words[0] in QUESTION_WORDS and len(words) > 1):
        return Intent("question", text)
    return Intent("topic", text)
