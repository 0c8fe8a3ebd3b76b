"""The people check (#17, core/people_check.py) on a whole-BBC index: its speed, and which names of the labelled
samples of the people table (testkit/labels/people_table_sample{,2,...,9}_bbc.jsonl, split tune / held-out by the
CRC-32 of the name, odd = held-out) it keeps.

Indexes all 2,225 BBC articles into --db when it does not exist (about a minute), then runs the check over
every article not checked yet, timed apart from indexing and from loading spaCy. Rules are compared from the
stored tallies, so trying one needs no second NER run; the bot's is marked.

Run: .venv/bin/python bench/people_ner.py [--db /tmp/bbc-ner.db] [--recheck] [--misses]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Eight samples of 200 names each, labelled person / not person by helpers that saw neither code nor answers: the
# first drawn from the table of 2026-12-01, the second (with evidence snippets) from the table of 2026-12-02,
# excluding the first's names, the third (2026-12-02, evening, seed 20261202) excluding both, the fourth (2026-12-03,
# seed 20261203) excluding all three, the fifth (seed 202612035) excluding all four,
# the sixth (seed 202612036) excluding all five, the seventh (seed 202612037, the table of 2026-12-03, the third
# session) excluding all six, the eighth (seed 202612038, the table of 2026-12-03, the fourth session) excluding
# all seven, the ninth (seed 202612039, the same table, the fifth session; fictional characters labelled not people)
# excluding all eight. Each is split tune / held-out by the CRC-32 of the name.
SAMPLES = {"first sample": ROOT / "testkit" / "labels" / "people_table_sample_bbc.jsonl",
           "second sample": ROOT / "testkit" / "labels" / "people_table_sample2_bbc.jsonl",
           "third sample": ROOT / "testkit" / "labels" / "people_table_sample3_bbc.jsonl",
           "fourth sample": ROOT / "testkit" / "labels" / "people_table_sample4_bbc.jsonl",
           "fifth sample": ROOT / "testkit" / "labels" / "people_table_sample5_bbc.jsonl",
           "sixth sample": ROOT / "testkit" / "labels" / "people_table_sample6_bbc.jsonl",
           "seventh sample": ROOT / "testkit" / "labels" / "people_table_sample7_bbc.jsonl",
           "eighth sample": ROOT / "testkit" / "labels" / "people_table_sample8_bbc.jsonl",
           "ninth sample": ROOT / "testkit" / "labels" / "people_table_sample9_bbc.jsonl"}
BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext" / "bbc"


def index(db: Path):
    from store import Store

    fresh = not db.exists()
    store = Store(db)
    if fresh:
        from core.ingest import ingest
        from model.embeddings import make_embedder

        ingest(store, make_embedder(), [str(BBC)])
    return store


def check_all(store, recheck: bool) -> None:
    from core.people_check import PeopleCheck
    from nlp.person_ner import load

    if recheck:
        with store.sql.transaction():
            store.sql.execute("DELETE FROM person_checks")
            store.sql.execute("DELETE FROM person_check_articles")
    pending = store.person_checks_pending()
    if not pending:
        print("every article was checked already (--recheck to time it again)")
        return
    start = time.perf_counter()
    load()
    loaded = time.perf_counter()
    done = PeopleCheck(store, batch=32).run()
    took = time.perf_counter() - loaded
    print(f"people check: {done} articles in {took:.1f} s = {done / took:.1f} articles/s "
          f"(model load {loaded - start:.1f} s, not counted)")


def tallies(store) -> dict[str, dict]:
    """Per stored name, over every article checked: NER's counts and the bot's verdicts."""
    rows = store.sql.query(
        "SELECT p.name, coalesce(sum(c.occurrences), 0) AS seen, coalesce(sum(c.as_person), 0) AS person,"
        " count(c.article_id) AS articles, coalesce(max(c.is_person), 0) AS confirmed"
        " FROM people p LEFT JOIN person_checks c ON c.person_id = p.id GROUP BY p.id")
    return {r["name"]: r for r in rows}


def rules(store, found: dict[str, dict]) -> dict[str, Callable[[str], bool]]:
    """Kept or not, per name. A name never checked is kept (the bot answers it as before)."""
    from store.sql_store import REJECTED

    rejected = {r["name"] for r in store.sql.query(f"SELECT p.name FROM people p WHERE {REJECTED}")}

    def checked(n: str) -> bool:
        return found[n]["articles"] > 0

    return {
        "the bot (store.sql_store.REJECTED)": lambda n: n not in rejected,
        "NER or evidence in some article checked": lambda n: not checked(n) or found[n]["confirmed"] > 0,
        "NER alone": lambda n: not checked(n) or found[n]["person"] > 0,
        "no check (the table as indexed)": lambda n: True,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/bbc-ner.db"))
    parser.add_argument("--recheck", action="store_true", help="forget the verdicts and time the check again")
    parser.add_argument("--misses", action="store_true", help="list the tune half's non-people kept, people dropped")
    args = parser.parse_args()
    store = index(args.db)
    check_all(store, args.recheck)
    found = tallies(store)
    for title, path in SAMPLES.items():
        report(title, path, store, found, args.misses)


def report(title: str, path: Path, store, found: dict[str, dict], misses: bool) -> None:
    sample = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    stored = [r for r in sample if r["name"] in found]
    print(f"\n{title}: {len(stored)} of {len(sample)} sampled names are in this table")
    print("| rule | half | people kept | non-people kept | non-people among the kept |")
    print("|---|---|---|---|---|")
    for rule, keep in rules(store, found).items():
        for half, held in (("tune", False), ("held-out", True)):
            rows = [r for r in stored if (zlib.crc32(r["name"].encode()) % 2 == 1) == held]
            people = [r for r in rows if r["label"] == "person"]
            others = [r for r in rows if r["label"] != "person"]
            kept_people = sum(keep(r["name"]) for r in people)
            kept_others = [r["name"] for r in others if keep(r["name"])]
            share = len(kept_others) / max(kept_people + len(kept_others), 1)
            print(f"| {rule} | {half} | {kept_people}/{len(people)} | {len(kept_others)}/{len(others)} | "
                  f"{share:.1%} |")
            if half == "tune" and misses:
                print("   kept:", kept_others, " dropped:", [r["name"] for r in people if not keep(r["name"])])


if __name__ == "__main__":
    main()
