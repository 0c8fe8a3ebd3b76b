"""The people check (#17): after indexing, NER reads the sentences naming each stored name and records whether it
is a person there, and whether the words around it call it a thing ("film Vera Drake"). Answers never wait for
it: a name not checked yet is answered as before; one the check rejected everywhere it looked, or found used as
a thing anywhere, stops being answered as a person (store/sql_store.py REJECTED).

It runs in every serving process (a scheduler job, on a low-priority thread) and in `us-china enrich`. Articles
are claimed in small batches with a lease, so processes share the work and a crashed one's batch is done again.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from core.clock import utc_now
from core.worker import yield_cpu
from nlp.people import FUNCTION_WORDS, HONORIFICS, is_honorific
from nlp.person_ner import CHECKER, Tally, names_a_kind, spelt_out, tally_people
from store import Storage
from store.records import ArticleToCheck, PersonCheck
from store.schedules import PROCESS

logger = logging.getLogger(__name__)

BATCH = 8  # articles a claim: ~0.4 s of NER, so a lease is short and a stop is quick
LEASE_SECONDS = 300  # a batch not done by then (its process died) is taken by another
SLICE_SECONDS = 50  # one scheduled run's share; the next run continues (every 60 s)


TITLES = sorted({h.capitalize() for h in HONORIFICS} | {"Mr.", "Mrs.", "Ms.", "Dr."})


def _text(article: ArticleToCheck) -> str:
    """The headline and the body: mentions come from both (a headline's has offsets -1)."""
    return f"{article.title}\n\n{article.body}"


def _given(name: str) -> str | None:
    """The first word of a name of two words or more, when it may be a given name (not "Mr", not "Both")."""
    words = name.split()
    first = words[0]
    if len(words) < 2 or is_honorific(first) or not first[:1].isupper() or first.lower() in FUNCTION_WORDS:
        return None
    return first


def _titled(name: str) -> list[str]:
    """The names an honorific before this name's surname makes: "Carly Fiorina" -> "Ms Fiorina", ..."""
    words = name.split()
    return [f"{title} {words[-1]}" for title in TITLES] if len(words) > 1 else []


class PeopleCheck:
    def __init__(self, store: Storage, owner: str = PROCESS, batch: int = BATCH,
                 clock: Callable[[], float] = time.time) -> None:
        self.store, self.owner, self.batch, self.clock = store, owner, batch, clock

    def run_batch(self) -> int:
        """Claim a batch, check it, record it; the number of articles recorded (0: nothing left to claim)."""
        now = self.clock()
        articles = self.store.claim_person_checks(self.owner, now, now + LEASE_SECONDS, self.batch)
        if not articles:
            return 0
        tallies = tally_people((_text(a), a.names) for a in articles)
        titled = self.store.names_stored([t for a in articles for n in a.names for t in _titled(n)])
        done = 0
        for article, tally in zip(articles, tallies):
            checks = [self._verdict(name, t, article, titled) for name, t in tally.items()]
            done += self.store.record_person_checks(article.id, self.owner, CHECKER, checks, utc_now().isoformat())
        return done

    @classmethod
    def _verdict(cls, name: str, tally: Tally, article: ArticleToCheck, titled: set[str]) -> PersonCheck:
        """A thing by its usage here (nlp.person_ner.read_as_thing) or by its last word ("Satyajit Ray Award") is
        no person anywhere: the store lets that outweigh every PERSON reading, as these words are surer than NER. A
        name that opens with an honorific is never one ("Mr Malik" after "Today programme,"). Otherwise a person
        by NER or evidence."""
        if (tally.as_thing or names_a_kind(name)) and not is_honorific(name.split()[0]):
            return PersonCheck(name, tally.occurrences, tally.as_person, False, None, thing=True)
        return PersonCheck(name, tally.occurrences, tally.as_person,
                           tally.is_person or cls._evidence(name, tally, article, titled), _given(name))

    @staticmethod
    def _evidence(name: str, tally: Tally, article: ArticleToCheck, titled: set[str]) -> bool:
        """What the corpus says where NER does not (bench/people_evidence.py): the article gives the name a role
        or a person's noun ("Former champion Fabrice Santoro"), it opens with an honorific ("Dame Julie"), or its
        surname is called Mr, Ms, Sir ... ("Ms Fiorina", where NER read "Carly Fiorina" as an organisation): in
        this article, or in some article when NER did not read the name as a place here ("Mr Park" is somebody,
        "Hyde Park" is not him)."""
        if name in article.with_role or tally.as_someone or is_honorific(name.split()[0]):
            return True
        forms = _titled(name)
        if any(spelt_out(t, _text(article)) for t in forms):
            return True
        return not tally.mostly_place and any(t in titled for t in forms)

    def run(self, seconds: float | None = None, progress: Callable[[int], None] | None = None) -> int:
        """Check articles until none is left (or `seconds` have passed); the number recorded."""
        start, done = time.monotonic(), 0
        while seconds is None or time.monotonic() - start < seconds:
            n = self.run_batch()
            if not n:  # nothing left to claim (other processes may still hold some)
                break
            done += n
            if progress:
                progress(done)
        return done


class BackgroundPeopleCheck:
    """The scheduler's job: each run checks for a slice of time on a daemon thread of its own at low CPU priority
    (core.worker.yield_cpu), so Slack's acks and the answers go first, and stopping the bot never waits for it
    (a batch cut short is rolled back and its lease lapses); a run still going makes the next a no-op."""

    def __init__(self, check: PeopleCheck, seconds: float = SLICE_SECONDS) -> None:
        self.check, self.seconds = check, seconds
        self.busy = threading.Lock()

    def __call__(self) -> None:
        if self.busy.acquire(blocking=False):
            threading.Thread(target=self._run, name="people-check", daemon=True).start()

    def _run(self) -> None:
        try:
            yield_cpu()
            done = self.check.run(self.seconds)
            if done:
                logger.info("people check: %d article(s) checked", done)
        except Exception:
            logger.exception("people check failed; the next run tries again")
        finally:
            self.busy.release()
