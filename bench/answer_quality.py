"""Answer quality on questions nobody tuned for (issue #16): the labelled sets in testkit/labels over seeds/
and over BBC politics + business (../shared/data/bbc-fulltext, research use, read in place).

Prints answer@1, answer@shown, false refusals and unanswerables refused for each corpus and half (tune /
held-out, split by testkit.answer_set's fixed rule), and the misses of the half asked for. Only the tune
half's misses are for looking at while changing the code.

    .venv/bin/python bench/answer_quality.py [--misses tune|held-out|none] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import make_answerer
from core.ingest import ingest
from model.embeddings import make_embedder
from store import Store
from testkit.answer_set import CORPORA, answerable, grade, unanswerable

BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext" / "bbc"
INPUTS = {"seeds": [ROOT / "seeds"], "bbc": [BBC / "politics", BBC / "business"]}


def build(corpus: str, workdir: Path, embedder) -> Store:
    path = workdir / f"{corpus}.db"
    fresh = not path.exists()
    store = Store(path)
    if fresh:
        t = time.perf_counter()
        report = ingest(store, embedder, [str(p) for p in INPUTS[corpus]])
        print(f"{corpus}: {len(report.added)} articles indexed in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return store


def quality_args(doc: str) -> tuple[str, Path]:
    """The labelled-set benchmarks' options: whose misses to print, and where the indexes are kept."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", choices=["tune", "held-out", "none"], default="tune")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the indexes here and reuse them")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="quality-"))
    workdir.mkdir(parents=True, exist_ok=True)
    return args.misses, workdir


def halves(workdir: Path, embedder):
    """(corpus, half, held out?, answerer) for each corpus's tune and held-out halves, one index per corpus."""
    for corpus in CORPORA:
        answerer = make_answerer(build(corpus, workdir, embedder), embedder)
        for half, held in (("tune", False), ("held-out", True)):
            yield corpus, half, held, answerer


def main() -> None:
    misses, workdir = quality_args(__doc__)
    embedder = make_embedder()
    print("| corpus | half | questions | answer@1 | answer@shown | false refusals | unanswerables | refused |")
    print("|---|---|---|---|---|---|---|---|")
    shown_misses = []
    for corpus, half, held, answerer in halves(workdir, embedder):
        questions = [q for q in answerable(corpus) if q.held_out == held]
        nots = [u for u in unanswerable(corpus) if u.held_out == held]
        g = grade(answerer.answer, questions, nots)
        r = g.rates()
        print(f"| {corpus} | {half} | {g.asked} | {r['answer@1']:.0%} ({g.at1}) | {r['answer@shown']:.0%} "
              f"({g.shown}) | {r['false refusals']:.0%} ({g.false_refusals}) | {g.unanswerable} | "
              f"{r['unanswerables refused']:.0%} ({g.refused}) |", flush=True)
        if misses == half:
            shown_misses.append((corpus, g))
    for corpus, g in shown_misses:
        print(f"\n## {corpus}, {misses} half: not quoted first")
        for question, expected, got in g.misses:
            print(f"- {question}\n  wanted: {expected}\n  quoted: {got[:200]}")
        print(f"\n## {corpus}, {misses} half: unanswerables answered")
        for question, got in g.false_answers:
            print(f"- {question}\n  quoted: {got[:200]}")


if __name__ == "__main__":
    main()
