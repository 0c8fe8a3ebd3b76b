"""The grammar of the sub-commands that add sources: `add URL`, `feed add|list|remove`, `links on|off`.

parse() returns None when the text is not one of them ("add more context on Taiwan" is a query).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


def url_in(token: str) -> str | None:
    match = SLACK_LINK.match(token)
    if match:
        return match.group(1)
    return token if BARE_URL.match(token) else None


def parse(text: str) -> AddUrl | FeedAdd | FeedList | FeedRemove | Links | Invalid | None:
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
