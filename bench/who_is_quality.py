"""Who-is quality on people nobody tuned for (issue #17): testkit/labels/people.jsonl over seeds/ and over BBC
politics + business (../shared/data/bbc-fulltext, research use, read in place); the later tune sets and the later
held-out set (testkit/labels/people_heldout2.jsonl; with the held-out half as "held-out, all") on the same BBC index;
and testkit/labels/people_tech_entertainment.jsonl on an index of BBC tech + entertainment alone.

Prints name lookup (full name, surname, title + surname), role precision (strict: the role as an article words
it for that person; also against the first labeller's one wording per role alone), recall and the profile's
first role, per corpus and half; the tune half's misses with --misses. Each index is graded after the people
check (core/people_check.py) has run over it, as a serving bot's would be; --no-people-check grades the index
as ingest leaves it.

    .venv/bin/python bench/who_is_quality.py [--misses tune|held-out|none] [--workdir DIR] [--no-people-check]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.answer_quality import HALVES, build, halves, quality_parser, workdir_of
from bot.app import make_answerer
from core.people_check import PeopleCheck
from model.embeddings import make_embedder
from testkit.people_set import (
    LATER_HELD_OUT_SETS,
    LATER_TUNE_SETS,
    WhoIsGrades,
    grade_who_is,
    later_held_out_people,
    later_tune_people,
    other_sections_people,
    people,
)


def row(corpus: str, half: str, g: WhoIsGrades) -> str:
    r = g.rates()
    return (f"| {corpus} | {half} | {g.people} | {r['name lookup']:.0%} ({g.found}/{g.lookups}) | "
            f"{r['role precision']:.0%} ({g.right_roles}/{g.shown_roles}) | "
            f"{r['precision, first labels']:.0%} ({g.right_by_first_labels}) | {r['role recall']:.0%} "
            f"({g.recalled_roles}/{g.labelled_roles}) | {r['first role right']:.0%} ({g.first_right}) |")


def main() -> None:
    parser = quality_parser(__doc__)
    parser.add_argument("--no-people-check", action="store_true", help="grade the index as ingest leaves it")
    args = parser.parse_args()
    misses, workdir = args.misses, workdir_of(args)
    embedder = make_embedder()
    print("| corpus | half | people | name lookup | role precision | (first labels only) | role recall | "
          "first role right |")
    print("|---|---|---|---|---|---|---|---|")
    shown = []
    for corpus, half, held, answerer in halves(workdir, embedder):
        if not args.no_people_check:
            PeopleCheck(answerer.store).run()  # once per index: the second half finds nothing left
        g = grade_who_is(answerer.answer, [p for p in people(corpus) if p.held_out == held])
        print(row(corpus, half, g), flush=True)
        if misses == half:
            shown.append((corpus, g))
        for number in LATER_TUNE_SETS if corpus == "bbc" and half == "tune" else ():  # graded on the same index
            g = grade_who_is(answerer.answer, later_tune_people(number))
            print(row(corpus, f"tune {number}", g), flush=True)
            if misses == "tune":
                shown.append((f"{corpus}, tune set {number}", g))
        if corpus == "bbc" and held and LATER_HELD_OUT_SETS:  # graded on the same index, once, never tuned on
            held_out = [g]
            for number in LATER_HELD_OUT_SETS:
                held_out.append(grade_who_is(answerer.answer, later_held_out_people(number)))
                print(row(corpus, f"held-out {number}", held_out[-1]), flush=True)
                if misses == "held-out":
                    shown.append((f"{corpus}, held-out set {number}", held_out[-1]))
            print(row(corpus, "**held-out, all**", sum(held_out[1:], held_out[0])), flush=True)
    # BBC tech and entertainment, on an index of those sections alone: people of text no rule was learnt from
    other = make_answerer(build("bbc-other", workdir, embedder), embedder)
    if not args.no_people_check:
        PeopleCheck(other.store).run()
    labelled = other_sections_people()
    for half, held in HALVES:
        g = grade_who_is(other.answer, [p for p in labelled if p.held_out == held])
        print(row("bbc tech+entertainment", half, g), flush=True)
        if misses == half:
            shown.append(("bbc tech+entertainment", g))
    for corpus, g in shown:
        print(f"\n## {corpus}, {misses} half")
        print("lookups that failed:", "; ".join(f"{a!r} -> {b!r}" for a, b in g.lookup_misses))
        print("wrong roles:", "; ".join(f"{a}: {b!r}" for a, b in g.wrong_roles))
        print("missed roles:", "; ".join(f"{a}: {b!r}" for a, b in g.missed_roles))


if __name__ == "__main__":
    main()
