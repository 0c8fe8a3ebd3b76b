"""The slash command's sub-command grammar. Pure functions: text in, a parsed command (or Invalid) out.

    schedule daily HH:MM [topic] | schedule weekly DAY HH:MM [topic] | schedule list | schedule cancel ID
    add URL | feed add URL | feed list | feed remove ID | links on|off
    watch NAME_OR_TOPIC | watch list | unwatch ID

A reserved word not followed by valid syntax stays a query ("add more context on Taiwan", "schedule of
the summit"); a sub-command with bad arguments is Invalid, with the problem to show beside the usage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.cadence import DAY_NAMES, DAYS

# Slack sends a link as <https://x.example/a> or <https://x.example/a|label> when it escapes links.
SLACK_LINK = re.compile(r"^<(https?://[^|>\s]+)(?:\|[^>]*)?>$", re.I)
BARE_URL = re.compile(r"^https?://\S+$", re.I)
LINKS_IN_MESSAGE = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>", re.I)


@dataclass(frozen=True)
class AddUrl:
    url: str


@dataclass(frozen=True)
class FeedAdd:
    url: str


@dataclass(frozen=True)
class FeedList:
    pass


@dataclass(frozen=True)
class FeedRemove:
    feed_id: int


@dataclass(frozen=True)
class Links:
    on: bool


@dataclass(frozen=True)
class Invalid:
    problem: str


# -- schedule ...

TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
MAX_TOPIC = 200


@dataclass(frozen=True)
class Create:
    cadence: str
    weekday: int | None
    hour: int
    minute: int
    topic: str | None


@dataclass(frozen=True)
class ListSchedules:
    pass


@dataclass(frozen=True)
class Cancel:
    schedule_id: int


def is_schedule_command(text: str) -> bool:
    """`schedule` alone or followed by a sub-command word; 'schedule of the summit' stays a query."""
    words = text.split()
    return bool(words) and words[0].lower() == "schedule" and (
        len(words) == 1 or words[1].lower() in {"daily", "weekly", "list", "cancel", "help"})


def parse_schedule(text: str) -> Create | ListSchedules | Cancel | Invalid:
    words = text.split()[1:]
    verb = words[0].lower() if words else ""
    rest = words[1:]
    if verb == "list" and not rest:
        return ListSchedules()
    if verb == "cancel":
        if len(rest) == 1 and re.fullmatch(r"#?\d{1,9}", rest[0]):
            return Cancel(int(rest[0].lstrip("#")))
        return Invalid("`schedule cancel` needs the schedule's number, e.g. `schedule cancel 3`.")
    if verb == "daily":
        return _create("daily", None, rest)
    if verb == "weekly":
        if not rest:
            return Invalid("A weekly schedule needs a day and a time, e.g. `schedule weekly mon 08:30`.")
        day = rest[0].lower()[:3]
        if rest[0].lower() not in {DAYS[i] for i in range(7)} | {n.lower() for n in DAY_NAMES}:
            return Invalid(f"`{rest[0]}` is not a day: use mon, tue, wed, thu, fri, sat or sun.")
        return _create("weekly", DAYS.index(day), rest[1:])
    return Invalid("")


def _create(cadence: str, weekday: int | None, rest: list[str]) -> Create | Invalid:
    match = TIME.match(rest[0]) if rest else None
    if not match:
        got = f"`{rest[0]}` is not a time" if rest else "The time is missing"
        return Invalid(f"{got}: use 24-hour HH:MM, e.g. 09:00.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return Invalid(f"`{rest[0]}` is not a time of day: hours 00–23, minutes 00–59.")
    topic = " ".join(rest[1:])[:MAX_TOPIC].strip() or None
    return Create(cadence, weekday, hour, minute, topic)


def schedule_usage(command: str) -> str:
    return "\n".join([
        f"`{command} schedule daily 09:00 [topic]` — a digest of what is new, every day at 09:00",
        f"`{command} schedule weekly mon 08:30 [topic]` — every Monday at 08:30",
        f"`{command} schedule list` — this channel's schedules",
        f"`{command} schedule cancel 3` — stop schedule #3",
    ])



# -- add, feed, links

def url_in(token: str) -> str | None:
    match = SLACK_LINK.match(token)
    if match:
        return match.group(1)
    return token if BARE_URL.match(token) else None


def parse_source(text: str) -> AddUrl | FeedAdd | FeedList | FeedRemove | Links | Invalid | None:
    words = text.split()
    if not words:
        return None
    head, rest = words[0].lower(), words[1:]
    if head == "add" and len(rest) == 1 and url_in(rest[0]):
        return AddUrl(url_in(rest[0]))
    if head == "links" and len(rest) == 1 and rest[0].lower() in {"on", "off"}:
        return Links(rest[0].lower() == "on")
    if head != "feed" or not rest or rest[0].lower() not in {"add", "list", "remove"}:
        return None
    verb, args = rest[0].lower(), rest[1:]
    if verb == "list" and not args:
        return FeedList()
    if verb == "add":
        if len(args) == 1 and url_in(args[0]):
            return FeedAdd(url_in(args[0]))
        return Invalid("`feed add` needs the feed's address, e.g. `feed add https://www.state.gov/rss-feed/`.")
    if verb == "remove" and len(args) == 1 and re.fullmatch(r"#?\d{1,9}", args[0]):
        return FeedRemove(int(args[0].lstrip("#")))
    return Invalid("Use `feed add URL`, `feed list` or `feed remove ID` (the number `feed list` shows).")


def links_in(message_text: str) -> list[str]:
    """The web links in a Slack message, in order, once each."""
    return list(dict.fromkeys(LINKS_IN_MESSAGE.findall(message_text or "")))


# -- watch NAME_OR_TOPIC, watch list, unwatch ID

MAX_WATCH_WORDS = 12


@dataclass(frozen=True)
class WatchAdd:
    subject: str


@dataclass(frozen=True)
class WatchList:
    pass


@dataclass(frozen=True)
class Unwatch:
    watch_id: int


def is_watch_command(text: str) -> bool:
    """`watch ...` or `unwatch ...`; a question that starts with the word ('watch out for what?') stays a query."""
    words = text.split()
    if not words or words[0].lower() not in {"watch", "unwatch"}:
        return False
    return len(words) <= MAX_WATCH_WORDS + 1 and not text.rstrip().endswith("?")


def parse_watch(text: str) -> WatchAdd | WatchList | Unwatch | Invalid:
    words = text.split()
    head, rest = words[0].lower(), words[1:]
    if head == "unwatch":
        if len(rest) == 1 and re.fullmatch(r"#?\d{1,9}", rest[0]):
            return Unwatch(int(rest[0].lstrip("#")))
        return Invalid("`unwatch` needs the watch's number, e.g. `unwatch 3` (`watch list` shows them).")
    if not rest or (len(rest) == 1 and rest[0].lower() == "help"):
        return Invalid("`watch` needs a person or a topic, e.g. `watch Kurt Campbell` or `watch taiwan strait`.")
    if len(rest) == 1 and rest[0].lower() == "list":
        return WatchList()
    subject = " ".join(rest)
    if len(subject) > MAX_TOPIC:
        return Invalid(f"A watch is a name or a few words (at most {MAX_TOPIC} characters).")
    if not re.search(r"\w", subject):
        return Invalid("A watch needs words: a person's name or a topic.")
    return WatchAdd(subject)


def watch_usage(command: str) -> str:
    return "\n".join([
        f"`{command} watch Kurt Campbell` or `{command} watch taiwan strait` — post here when a new article names "
        "the person or is on the topic",
        f"`{command} watch list` — this conversation's watches",
        f"`{command} unwatch 3` — stop watch #3",
    ])
