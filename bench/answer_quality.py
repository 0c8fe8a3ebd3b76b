"""Answer quality on questions nobody tuned for (issue #16): the labelled sets in testkit/labels over seeds/
and over BBC politics + business (../shared/data/bbc-fulltext, research use, read in place).

Prints answer@1, answer@shown, false refusals and unanswerables refused for each corpus and half (tune /
held-out, split by testkit.answer_set's fixed rule), the later tune sets and the later held-out set ("held-out 2",
and both held-out sets together), and the misses of the half asked for. Only the tune sets' misses are for looking
at while changing the code.

Unless --no-txtai, txtai's row is printed under ours (it needs the benchmark-only extra `.[bench]`, which
`make quality` installs): the same sentences (read back from our index, as our splitter cut them), one txtai
document each in a hybrid index (BM25 + vectors) with the same packaged model; its top-1 sentence is graded as
its answer (answer@1), its top 5 as the excerpts shown (answer@shown), by the same grade(). txtai has no
refusal: "—".

    .venv/bin/python bench/answer_quality.py [--misses tune|held-out|none] [--workdir DIR] [--no-txtai]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import make_answerer
from core.ingest import ingest
from model.embeddings import make_embedder
from store import Store
from testkit.answer_set import CORPORA, LATER_HELD_OUT_SETS, LATER_TUNE_SETS, answerable, grade, unanswerable

BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext" / "bbc"
INPUTS = {"seeds": [ROOT / "seeds"], "bbc": [BBC / "politics", BBC / "business"],
          "bbc-other": [BBC / "tech", BBC / "entertainment"]}  # who-is only: bench/who_is_quality.py
HALVES = (("tune", False), ("held-out", True))
TXTAI_SHOWN = 5  # txtai's excerpts: its top 5 sentences (ours shows at most 5)


def build(corpus: str, workdir: Path, embedder) -> Store:
    path = workdir / f"{corpus}.db"
    fresh = not path.exists()
    store = Store(path)
    if fresh:
        t = time.perf_counter()
        report = ingest(store, embedder, [str(p) for p in INPUTS[corpus]])
        print(f"{corpus}: {len(report.added)} articles indexed in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return store


def quality_parser(doc: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", choices=["tune", "held-out", "none"], default="tune")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the indexes here and reuse them")
    return parser


def workdir_of(args: argparse.Namespace) -> Path:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="quality-"))
    workdir.mkdir(parents=True, exist_ok=True)
    return workdir


def quality_args(doc: str) -> tuple[str, Path]:
    """The labelled-set benchmarks' options: whose misses to print, and where the indexes are kept."""
    args = quality_parser(doc).parse_args()
    return args.misses, workdir_of(args)


def halves(workdir: Path, embedder):
    """(corpus, half, held out?, answerer) for each corpus's tune and held-out halves, one index per corpus."""
    for corpus in CORPORA:
        answerer = make_answerer(build(corpus, workdir, embedder), embedder)
        for half, held in HALVES:
            yield corpus, half, held, answerer


def indexed_sentences(store: Store) -> list[str]:
    """Every sentence our index holds, verbatim, as our ingest cut it (nlp.sentences.split_sentences): the
    chunks' sentence spans into their article's body. Chunks do not overlap, so each sentence comes once; a
    sentence text repeated (in another article, or twice in one) is kept once, as our answers quote it once."""
    bodies = {r["id"]: r["body"] for r in store.sql.query("SELECT id, body FROM articles")}
    found: dict[str, str] = {}
    for row in store.sql.query("SELECT article_id, sentences FROM chunks ORDER BY article_id, seq"):
        body = bodies[row["article_id"]]
        for start, end in json.loads(row["sentences"]):
            text = body[start:end]
            found.setdefault(" ".join(text.lower().split()), text)
    return list(found.values())


class TxtaiSentences:
    """txtai 9.14's hybrid index (BM25 + vectors, its SQLite content store) over our sentences, answering like
    our Answerer for grade(): always "answered", its top sentence the lead, its top TXTAI_SHOWN the excerpts."""

    def __init__(self, sentences: list[str]) -> None:
        from txtai import Embeddings

        from model.packaged import packaged_model_path

        self.embeddings = Embeddings(path=packaged_model_path(), content=True, hybrid=True)
        start = time.perf_counter()
        self.embeddings.index([(i, text, None) for i, text in enumerate(sentences)])
        self.build_s = time.perf_counter() - start
        self.count = len(sentences)
        self.latencies: list[float] = []

    def answer(self, question: str) -> SimpleNamespace:
        start = time.perf_counter()
        results = self.embeddings.search(question, TXTAI_SHOWN)
        self.latencies.append(time.perf_counter() - start)
        excerpts = [SimpleNamespace(text=r["text"]) for r in results]
        return SimpleNamespace(answered=True, state="answered", lead=excerpts[0] if excerpts else None,
                               excerpts=excerpts, summary=excerpts[0].text if excerpts else "")


def _row(corpus: str, half: str, g) -> str:
    r = g.rates()
    return (f"| {corpus} | {half} | {g.asked} | {r['answer@1']:.0%} ({g.at1}) | {r['answer@shown']:.0%} ({g.shown}) | "
            f"{r['false refusals']:.0%} ({g.false_refusals}) | {g.unanswerable} | "
            f"{r['unanswerables refused']:.0%} ({g.refused}) |")


def main() -> None:
    parser = quality_parser(__doc__)
    parser.add_argument("--txtai", action=argparse.BooleanOptionalAction, default=True,
                        help="txtai's hybrid index over the same sentences, its row under ours (default; "
                             "--no-txtai skips it)")
    args = parser.parse_args()
    misses, workdir = args.misses, workdir_of(args)
    embedder = make_embedder()
    print("| corpus | half | questions | answer@1 | answer@shown | false refusals | unanswerables | refused |")
    print("|---|---|---|---|---|---|---|---|")
    shown_misses, theirs = [], {}
    for corpus in CORPORA:
        store = build(corpus, workdir, embedder)
        answerer = make_answerer(store, embedder)
        if args.txtai:
            theirs[corpus] = TxtaiSentences(indexed_sentences(store))
        sets = [(half, [q for q in answerable(corpus) if q.held_out == held],
                 [u for u in unanswerable(corpus) if u.held_out == held]) for half, held in HALVES]
        sets[1:1] = [(f"tune {n}", answerable(corpus, tune_set=n), unanswerable(corpus, tune_set=n))
                     for n in LATER_TUNE_SETS]
        sets += [(f"held-out {n}", answerable(corpus, held_out_set=n), unanswerable(corpus, held_out_set=n))
                 for n in LATER_HELD_OUT_SETS]
        held_out = []
        for half, questions, nots in sets:
            g = grade(answerer.answer, questions, nots)
            print(_row(corpus, half, g), flush=True)
            if half.startswith("held-out"):
                held_out.append(g)
            if corpus in theirs:
                t = grade(theirs[corpus].answer, questions, nots)
                tr = t.rates()
                print(f"| {corpus}, txtai | {half} | {t.asked} | {tr['answer@1']:.0%} ({t.at1}) | "
                      f"{tr['answer@shown']:.0%} ({t.shown}) | — | {t.unanswerable} | — |", flush=True)
            if misses == half or half.startswith(f"{misses} "):
                shown_misses.append((f"{corpus} ({half})", g))
        if len(held_out) > 1:
            print(_row(corpus, "**held-out, all**", sum(held_out[1:], held_out[0])), flush=True)
    for corpus, t in theirs.items():
        print(f"\ntxtai 9.14 hybrid, {corpus}: {t.count} sentences indexed in {t.build_s:.1f} s; search mean "
              f"{statistics.mean(t.latencies) * 1000:.1f} ms over {len(t.latencies)} queries (top-1: answer@1, "
              f"top-{TXTAI_SHOWN}: answer@shown; no refusal)")
    for corpus, g in shown_misses:
        print(f"\n## {corpus}: not quoted first")
        for question, expected, got in g.misses:
            print(f"- {question}\n  wanted: {expected}\n  quoted: {got[:200]}")
        print(f"\n## {corpus}: unanswerables answered")
        for question, got in g.false_answers:
            print(f"- {question}\n  quoted: {got[:200]}")


if __name__ == "__main__":
    main()
