"""Which names in the people table are people (issue #17): evidence from the corpus itself, measured on the
labelled sample of a whole-BBC people table (testkit/labels/people_table_sample_bbc.jsonl, labelled by a helper
that saw neither the code nor the answers; split tune / held-out by the CRC-32 of the name).

Two rules, each kept-or-dropped per stored name:
- evidence: some article gives the name a role, or names its surname after an honorific ("Mr Kennedy");
- evidence or a given name: also keep a name whose first word is the first word of a name with evidence
  (the corpus's own list of given names: "Gary", "Jim", "Svetlana" ...).

Run: .venv/bin/python bench/people_evidence.py [--db /tmp/bbc-all.db]
(indexes all 2,225 BBC articles into --db first when it does not exist; about a minute on 2 cores)
"""
from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.people import is_honorific

SAMPLE = ROOT / "testkit" / "labels" / "people_table_sample_bbc.jsonl"
BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext" / "bbc"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/bbc-all.db"))
    args = parser.parse_args()
    from store import Store

    fresh = not args.db.exists()
    store = Store(args.db)
    if fresh:
        from core.ingest import ingest
        from model.embeddings import make_embedder

        ingest(store, make_embedder(), [str(BBC)])
    roles = {r["name"]: r["n"] for r in store.sql.query(
        "SELECT p.name, sum(m.role IS NOT NULL) AS n FROM people p JOIN mentions m ON m.person_id = p.id"
        " GROUP BY p.id")}

    def titled(name: str) -> bool:
        return is_honorific(name.split()[0])

    surnames_after_honorifics = {n.split()[-1] for n in roles if titled(n) and len(n.split()) == 2}

    def evidence(name: str) -> bool:
        return roles[name] > 0 or name.split()[-1] in surnames_after_honorifics or titled(name)

    given = {n.split()[0] for n in roles if len(n.split()) >= 2 and not titled(n) and evidence(n)}
    rules = {"evidence": evidence,
             "evidence or a given name": lambda n: evidence(n) or (len(n.split()) >= 2 and n.split()[0] in given)}
    sample = [json.loads(line) for line in SAMPLE.read_text().splitlines() if line.strip()]
    stored = [r for r in sample if r["name"] in roles]
    print(f"{len(stored)} of {len(sample)} sampled names are in this table; {len(given)} given names learned")
    print("| rule | half | people kept | non-people kept | non-people among the kept (before) |")
    print("|---|---|---|---|---|")
    for rule, keep in rules.items():
        for half, held in (("tune", False), ("held-out", True)):
            rows = [r for r in stored if (zlib.crc32(r["name"].encode()) % 2 == 1) == held]
            people = [r for r in rows if r["label"] == "person"]
            others = [r for r in rows if r["label"] != "person"]
            kept_people = sum(keep(r["name"]) for r in people)
            kept_others = sum(keep(r["name"]) for r in others)
            share = kept_others / max(kept_people + kept_others, 1)
            print(f"| {rule} | {half} | {kept_people}/{len(people)} | {kept_others}/{len(others)} | "
                  f"{share:.1%} ({len(others) / max(len(rows), 1):.1%}) |")
    counts = Counter(r["label"] for r in stored)
    print(f"\nlabels among the stored: {dict(counts)}")


if __name__ == "__main__":
    main()
