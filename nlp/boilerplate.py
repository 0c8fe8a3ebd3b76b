"""Sentences that are never an answer or a digest's quote: signatures, sign-offs, stage directions,
timestamps, datelines and the small talk of a briefing room ("Thank you.", "Next question.")."""
from __future__ import annotations

import re

STAGE_DIRECTION = re.compile(r"^[(\[][^)\]]{1,60}[)\]]\.?$")  # "(Laughter.)", "(Cross-talk by reporters.)"
TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}\s*[AP]\.?M\.?(?:\s+[A-Z]{2,4})?\.?$", re.I)
SEPARATOR = re.compile(r"^(?:#{2,}|\*{2,}|-{2,}|END|###)$")
# a sentence all in capitals and initials: "JOSEPH R. BIDEN JR.", "THE WHITE HOUSE,"
SHOUTED = re.compile(r"^[A-Z][A-Z.,’' \-]{3,}$")
SMALL_TALK = re.compile(
    r"^(?:(?:thank you|thanks)(?: (?:very|so) much)?(?:,? (?:everyone|everybody|all|guys|sir|ma'am|"
    r"mr\. president|madam president|[A-Z][a-z]+))?"
    r"|good (?:morning|afternoon|evening)(?:,? (?:everyone|everybody|all))?"
    r"|next question|go ahead|all right|okay|ok|yes|no|sure|hi|hello|great|appreciate it|take care"
    r"|(?:i'll|let me) (?:take|go to) (?:one|two|a few|your) (?:more )?questions?"
    r"|the floor is yours|see you (?:all )?(?:tomorrow|later|soon)|that's it|that's all)[.!?]*$",
    re.I)


def is_boilerplate(sentence: str) -> bool:
    text = " ".join(sentence.split()).strip(" —–-")
    if len(text) < 3:
        return True
    return bool(STAGE_DIRECTION.match(text) or TIMESTAMP.match(text) or SEPARATOR.match(text)
                or SHOUTED.match(text) or SMALL_TALK.match(text))
