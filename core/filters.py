"""Filters inside a query: `since:7d`, `since:2023-06-01`, `before:2023-07`, `source:state.gov`, `outlet:BBC`
and the word `latest`. Pure functions: text in, (the text left to search, Filters) out, or a FilterError that
names the malformed filter and shows the grammar with an example. Never a silent drop.

Dates compare with an article's publication date (ISO text); an article without one never matches a date filter.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from store.records import ArticleFilter

# `key:value`, where the value may be quoted ("White House", or Slack's curly quotes) or a Slack link
# (<http://state.gov|state.gov>: Slack links a domain typed in a message)
FILTER = re.compile(r"(?<!\S)(?P<key>since|before|source|outlet):(?P<value>\"[^\"]*\"|“[^”]*”|<[^>]*>|\S*)",
                    re.IGNORECASE)
LATEST = re.compile(r"(?<!\S)latest(?!\S)", re.IGNORECASE)
RELATIVE = re.compile(r"^(\d{1,4})([dwmy])$", re.IGNORECASE)
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
SLACK_LINK = re.compile(r"^<(?:https?://)?([^|>]+?)/?(?:\|[^>]*)?>$", re.IGNORECASE)
MAX_OUTLET = 100

GRAMMAR = ("Filters: `since:7d` (or 2w, 6m, 1y), `since:2023-06-01`, `before:2023-07` (a day, a month or a "
           "year), `source:state.gov` (a web domain), `outlet:BBC` (quote a name with spaces: "
           "`outlet:\"White House\"`), and the word `latest` for newest first. "
           "For example: `taiwan since:2023-06-01 source:state.gov`.")


class FilterError(ValueError):
    """A filter the grammar does not allow; the message names it and shows the grammar."""


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date: published on or after
    before: str | None = None  # ISO date: published strictly before
    source: str | None = None  # a web domain: the article's host is it or one of its subdomains
    outlet: str | None = None  # part of the outlet's name, case-insensitive
    latest: bool = False  # newest first instead of most relevant

    @property
    def restricts(self) -> bool:
        """Whether any article is left out (`latest` only reorders)."""
        return any((self.since, self.before, self.source, self.outlet))

    def __bool__(self) -> bool:
        return self.restricts or self.latest

    def describe(self) -> str:
        """'since 1 Jun 2023, from state.gov, newest first': what the answer restates."""
        parts = []
        if self.since:
            parts.append(f"since {human_date(self.since)}")
        if self.before:
            parts.append(f"before {human_date(self.before)}")
        if self.source:
            parts.append(f"from {self.source}")
        if self.outlet:
            parts.append(f"from {self.outlet}")
        if self.latest:
            parts.append("newest first")
        return ", ".join(parts)

    @property
    def articles(self) -> ArticleFilter | None:
        """What the store's searches take: the articles left in, or None for all."""
        return ArticleFilter(self.since, self.before, self.source, self.outlet) if self.restricts else None

    def to_json(self) -> dict:
        return asdict(self) | {"described": self.describe()}


def human_date(iso: str) -> str:
    """'2023-06-01' -> '1 Jun 2023'."""
    day = date.fromisoformat(iso[:10])
    return f"{day.day} {day:%b %Y}"


def parse(text: str, today: date) -> tuple[str, Filters]:
    """The query's words without its filters, and the filters. Raises FilterError for a malformed one."""
    found: dict[str, str] = {}
    for match in FILTER.finditer(text):
        key, raw = match.group("key").lower(), match.group("value")
        if key in found:
            raise FilterError(f"`{key}:` appears twice. {GRAMMAR}")
        found[key] = _value(key, raw, today)
    latest = bool(LATEST.search(text))
    rest = " ".join(LATEST.sub(" ", FILTER.sub(" ", text)).split())
    filters = Filters(found.get("since"), found.get("before"), found.get("source"), found.get("outlet"), latest)
    if filters.since and filters.before and filters.since >= filters.before:
        raise FilterError(f"`since:` {human_date(filters.since)} is not before `before:` "
                          f"{human_date(filters.before)}: no day is both. {GRAMMAR}")
    return rest, filters


def typed_filters(query: str) -> str:
    """The filters a query typed, as typed ("since:2023-06 latest"): to ask another question under the same ones."""
    return " ".join(m.group(0) for m in sorted([*FILTER.finditer(query), *LATEST.finditer(query)],
                                                key=lambda m: m.start()))


def _value(key: str, raw: str, today: date) -> str:
    value = raw.strip("\"“”")
    shown = f"`{key}:{raw}`" if raw else f"`{key}:` with nothing after it"
    if key in {"since", "before"}:
        day = _day(value, today)
        if day is None:
            raise FilterError(f"{shown} is not a date I read. {GRAMMAR}")
        return day
    if key == "source":
        link = SLACK_LINK.match(value)
        host = (link.group(1) if link else value).lower().removeprefix("http://").removeprefix("https://")
        host = host.split("/", 1)[0].removeprefix("www.")
        if not DOMAIN.match(host):
            raise FilterError(f"{shown} is not a web domain. {GRAMMAR}")
        return host
    value = " ".join(value.split())
    if not value or len(value) > MAX_OUTLET or "<" in value:
        raise FilterError(f"{shown} is not an outlet's name. {GRAMMAR}")
    return value


def _day(value: str, today: date) -> str | None:
    """An ISO day from 7d / 2w / 6m / 1y (back from today), 2023-06-01, 2023-06 (its first day) or 2023."""
    try:
        if match := RELATIVE.match(value):
            n, unit = int(match.group(1)), match.group(2).lower()
            if unit in {"d", "w"}:
                return (today - timedelta(days=n * (7 if unit == "w" else 1))).isoformat()
            months = n * (12 if unit == "y" else 1)
            year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
            return date(year, month + 1, min(today.day, 28)).isoformat()
        if match := DAY.match(value):
            return date(*map(int, match.groups())).isoformat()
        if match := MONTH.match(value):
            return date(int(match.group(1)), int(match.group(2)), 1).isoformat()
        if match := YEAR.match(value):
            return date(int(match.group(1)), 1, 1).isoformat()
    except ValueError:  # 2023-02-30, month 13, year 0
        return None
    return None
