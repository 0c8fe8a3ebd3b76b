"""Transcripts as speaker turns: press briefings, gaggles, remarks and press calls.

A turn starts at a paragraph that opens with a speaker label ("MS. JEAN-PIERRE:", "THE PRESIDENT:",
"SENIOR ADMINISTRATION OFFICIAL:") or with a reporter's "Q" / "QUESTION:", and runs to the next one;
paragraphs without a label continue the turn. A reporter's question is never quoted as an answer: the
turn that follows it is where the answer is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "MS. JEAN-PIERRE:", "PRESIDENT XI:", "MR PRICE:", "ASSISTANT SECRETARY KRITENBRINK:", "Q MR. KIRBY:" (sic)
LABEL = re.compile(r"^(?:Q\s+)?(?P<label>[A-Z][A-Z.’'\- ]{0,60}[A-Z.]):\s+", re.M)
QUESTION = re.compile(r"^(?:Q(?:\s|:\s)|QUESTION:\s)", re.M)
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
REPORTER_LABELS = {"Q", "QUESTION", "AUDIENCE MEMBER", "AUDIENCE MEMBERS", "REPORTER", "REPORTERS"}
CHAIR_LABELS = {"MODERATOR", "OPERATOR"}
HONORIFIC = re.compile(r"^(?:MR|MS|MRS|DR)\.?\s+")


@dataclass(frozen=True)
class Turn:
    start: int
    end: int
    label: str  # as printed: "MS. JEAN-PIERRE", "Q"
    asks: bool  # a reporter's question (or a moderator calling on one): never the answer
    speaker: str = ""  # as the document names them: "Karine Jean-Pierre", "President Biden"


def parse_turns(body: str, title: str = "") -> list[Turn]:
    """The body's speaker turns, in order, as offsets into it; [] for a text that is not a transcript
    (fewer than two labelled turns). The title helps name the speakers."""
    starts: list[tuple[int, str, bool]] = []
    for paragraph in PARAGRAPH.finditer(body):
        text = paragraph.group(0)
        if QUESTION.match(text):
            starts.append((paragraph.start(), "Q", True))
        elif (match := LABEL.match(text)) and _is_label(match.group("label")):
            label = match.group("label").strip()
            starts.append((paragraph.start(), label, label in REPORTER_LABELS or label in CHAIR_LABELS))
    if len(starts) < 2:
        return []
    ends = [s for s, _, _ in starts[1:]] + [len(body.rstrip())]
    names = {label: "Reporter" if asks else speaker_name(label, title, body) for _, label, asks in starts}
    return [Turn(start, end, label, asks, names[label]) for (start, label, asks), end in zip(starts, ends)]


def label_length(sentence: str) -> int:
    """How many leading characters of a sentence are its speaker label ("MS. JEAN-PIERRE: ", "Q "): not the
    speaker's words, so never part of a quote."""
    match = QUESTION.match(sentence) or LABEL.match(sentence)
    if match is None or (match.re is LABEL and not _is_label(match.group("label"))):
        return 0
    return match.end()


def _is_label(label: str) -> bool:
    """A speaker label is a name or a title in capitals, not a shouted sentence or a heading with a verb."""
    words = label.split()
    return 1 <= len(words) <= 6 and not any(w in {"THE", "AND", "OF"} for w in words[1:-1] if len(words) > 3)


def turn_at(turns: list[Turn], offset: int) -> Turn | None:
    """The turn holding this body offset, if the text is a transcript."""
    for turn in turns:
        if turn.start <= offset < turn.end:
            return turn
    return None


def speaker_name(label: str, title: str, body: str) -> str:
    """Who a label is, as the document names them. "MS. JEAN-PIERRE" -> "Karine Jean-Pierre" (the given name
    from the title or the text); "THE PRESIDENT" -> "President Biden" (from the title); a title and a
    surname stay as printed, in title case ("Secretary Blinken"); anyone else is the label in title case."""
    honorific = HONORIFIC.match(label)
    bare = HONORIFIC.sub("", label).strip()
    if bare == "THE PRESIDENT":
        match = re.search(r"\bPresident (?:Joe |Joseph R\. )?([A-Z][a-z]+)", title)
        return f"President {match.group(1)}" if match else "The President"
    shown = " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-"))
                     for w in bare.split())
    if honorific or len(bare.split()) == 1:
        surname = shown.split()[-1]
        given = re.compile(rf"\b([A-Z][a-z]+(?:\s[A-Z]\.)?)\s{re.escape(surname)}\b")
        for text in (title, body):
            for match in given.finditer(text):
                if match.group(1).split()[0] not in TITLE_WORDS:
                    return f"{match.group(1)} {surname}"
    return shown


TITLE_WORDS = {"President", "Secretary", "Minister", "Prime", "Deputy", "Assistant", "Coordinator", "Advisor",
               "Adviser", "Press", "Senior", "Ambassador", "Director", "Spokesperson", "Speaker", "Admiral",
               "Communications", "Affairs", "Mr", "Ms", "Mrs", "Dr", "Dear", "Madam"}


def kind_of_document(title: str) -> str | None:
    """'press briefing', 'press gaggle', 'remarks', 'press call', 'press conference' or 'press
    availability' from a transcript's title; None when the title names none of them."""
    lowered = title.lower()
    for kind in ("press briefing", "press gaggle", "press conference", "press availability", "press call",
                 "remarks", "interview"):
        if kind in lowered:
            return kind
    return None
