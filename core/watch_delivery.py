"""Watch alerts, exactly once per (watch, article), at most one post per watch per BATCH window.

WatchRunner.run() is a scheduler job in every serving process (core/cron.py), clock injected so tests move
time. Each round, for each live watch: match the articles indexed since its last check (so articles another
process ingested count too), record each match as a (watch, article) row, then, if the watch has waiting
matches and no post in the last BATCH, take them all into one post row and post it. Both steps are claims in
the database, as digest_runs is for digests: a restart or a second process neither repeats nor loses one. A
post left half-done by a process that died is finished after checking whether it landed.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from core.clock import utc_now
from core.digest_delivery import POST_LEASE, DeliveryError
from core.watches import Hit, Matcher, Post, Watch
from store import Storage
from store.schedules import owner_is_dead
from store.timestamps import iso
from store.watches import Watches

logger = logging.getLogger(__name__)

BATCH = timedelta(minutes=10)  # at most one post per watch in this window; what arrives meanwhile waits for it
OVERLAP = timedelta(minutes=2)  # re-read this much before the last check: an article committed late is not missed
MAX_SHOWN = 10  # articles quoted in one post; the rest are counted
MAX_ATTEMPTS = 3
MAX_ARTICLES = 1000  # articles read per check
NOT_A_MEMBER = {"not_in_channel", "channel_not_found", "is_archived"}


@dataclass(frozen=True)
class Alert:
    watch: Watch
    hits: list[Hit]
    more: int = 0


class WatchOutbox(Protocol):
    def post_alert(self, alert: Alert, marker: dict) -> str: ...

    def find_alert(self, watch: Watch, marker: dict, since: datetime) -> str | None: ...

    def tell(self, team_id: str, user_id: str, text: str) -> None: ...


@dataclass(frozen=True)
class Outcome:
    watch_id: int
    status: str  # posted | failed | waiting | nothing | in-progress
    articles: int = 0
    detail: str | None = None


class WatchRunner:
    def __init__(self, store: Storage, matcher: Matcher, outbox: WatchOutbox,
                 clock: Callable[[], datetime] = utc_now, invite_hint: str = "") -> None:
        self.store = store
        self.watches = Watches(store)
        self.matcher = matcher
        self.outbox = outbox
        self.clock = clock
        self.invite_hint = invite_hint

    def run(self) -> list[Outcome]:
        """One round: finish posts a dead process left, then match and post for every live watch."""
        now = self.clock()
        outcomes = [self._resume(post, now) for post in self.watches.posting()]
        for watch in self.watches.active():
            try:
                self.check(watch, now)
                outcomes.append(self.deliver(watch, now))
            except Exception as e:  # one watch never stops the others
                logger.exception("watch %s: round failed", watch.id)
                outcomes.append(Outcome(watch.id, "failed", detail=type(e).__name__))
        return outcomes

    def check(self, watch: Watch, now: datetime) -> int:
        """Record the matches among articles indexed since the last check; the number new."""
        since = max(watch.created_at, iso(datetime.fromisoformat(watch.checked_until) - OVERLAP))
        until = iso(now)
        articles = self.store.articles_indexed(since, until, MAX_ARTICLES) if since < until else []
        if len(articles) == MAX_ARTICLES:
            logger.warning("watch %s: more than %s articles arrived at once; matching the first", watch.id,
                           MAX_ARTICLES)
        added = self.watches.add_hits(watch.id, self.matcher.match(watch, articles), now)
        self.watches.checked(watch.id, until)
        return added

    def deliver(self, watch: Watch, now: datetime) -> Outcome:
        """Post what waits, unless this watch posted in the last BATCH (then it waits for the next round)."""
        if not self.watches.pending(watch.id):
            return Outcome(watch.id, "nothing")
        post_id = self.watches.claim_post(watch.id, now, now - BATCH)
        if post_id is None:
            return Outcome(watch.id, "waiting")
        return self._post(watch, self.watches.post(post_id), now)

    @staticmethod
    def _marker(post: Post) -> dict:
        return {"watch_id": post.watch_id, "post_id": post.id}

    def _post(self, watch: Watch, post: Post, now: datetime) -> Outcome:
        hits = self.watches.post_hits(post.id)
        alert = Alert(watch, hits[:MAX_SHOWN], more=max(0, len(hits) - MAX_SHOWN))
        try:
            ts = self.outbox.post_alert(alert, self._marker(post))
        except DeliveryError as e:
            self.watches.finish(post.id, "failed", self.clock(), error=e.code)
            logger.warning("watch %s: alert not posted: %s", watch.id, e.code)
            if e.code in NOT_A_MEMBER:
                self._tell_creator(watch, post, e.code)
            return Outcome(watch.id, "failed", len(hits), e.code)
        except Exception as e:  # a timeout may have landed: left 'posting', resumed after the lease, looked for
            logger.exception("watch %s: alert %s not posted (attempt %s)", watch.id, post.id, post.attempts)
            if post.attempts >= MAX_ATTEMPTS:
                self.watches.finish(post.id, "failed", self.clock(), error=type(e).__name__)
            return Outcome(watch.id, "failed", len(hits), type(e).__name__)
        self.watches.finish(post.id, "posted", self.clock(), message_ts=ts)
        return Outcome(watch.id, "posted", len(hits))

    def _resume(self, post: Post, now: datetime) -> Outcome:
        """A post still 'posting' whose poster died (gone from this host, or silent past its lease): post it
        unless it landed."""
        claimed = datetime.fromisoformat(post.claimed_at)
        if now - claimed < POST_LEASE and not owner_is_dead(post.owner):
            return Outcome(post.watch_id, "in-progress")
        watch = self.watches.get(post.watch_id)
        if watch is None:
            self.watches.finish(post.id, "failed", now, error="the watch was stopped")
            return Outcome(post.watch_id, "nothing")
        if not self.watches.reclaim(post, now):
            return Outcome(post.watch_id, "in-progress")
        try:
            ts = self.outbox.find_alert(watch, self._marker(post), claimed)
        except DeliveryError as e:
            ts = None
            logger.warning("watch %s: could not look for an earlier post (%s)", watch.id, e.code)
        if ts:
            self.watches.finish(post.id, "posted", now, message_ts=ts)
            return Outcome(watch.id, "posted", detail="found the post of a process that died")
        return self._post(watch, self.watches.post(post.id), now)

    def _tell_creator(self, watch: Watch, post: Post, code: str) -> None:
        """Once, not every window: a second failure for the same reason is not told again."""
        previous = self.watches.previous_post(post)
        if not watch.created_by or (previous and previous.status == "failed" and previous.error == code):
            return
        try:
            self.outbox.tell(watch.team_id, watch.created_by,
                             f"Watch #{watch.id} could not post its alert in <#{watch.channel_id}>."
                             f" {self.invite_hint}")
        except Exception:
            logger.exception("watch %s: could not tell its creator either", watch.id)
