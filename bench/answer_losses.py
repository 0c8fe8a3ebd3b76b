"""Where the answering sentence is lost (issue #16): for each labelled question whose answering sentence is not
among the excerpts shown, the first stage of `Answerer.search` that drops it, retraced step by step:

1 retrieval   — no retrieved passage (nor the one after the best two) holds it
2 candidates  — a passage holds it, but it is not a candidate (a reporter's question, boilerplate, too short,
                or cut by the sentence splitter)
3 shortlist   — a candidate, but not among the SHORTLIST the cross-encoder reads
4 rerank      — read, but ranked below the excerpts shown
5 pick        — ranked high enough, but dropped as repeating one shown, under the floor, or by "related only"
                showing three
6 nothing     — the question was answered "nothing found"

Tune half unless --half tune2 (the second tune set) or held-out (look at the held-out half once, at the end).
Uses the indexes that bench/answer_quality.py --workdir built.

    .venv/bin/python bench/answer_losses.py --workdir DIR [--half tune|tune2|held-out] [--depth]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import make_answerer
from core import answer as A
from core.answer_kinds import holds, wanted
from core.candidates import MIN_WORDS, gather
from model.embeddings import make_embedder
from nlp.boilerplate import is_boilerplate
from nlp.transcript import turn_at
from nlp.words import content_words
from store import Store
from testkit.answer_set import CORPORA, LATER_TUNE_SETS, answerable, normalise


def lost_at(answerer: A.Answerer, store: Store, q) -> str:
    """The stage at which q's answering sentence is lost (or 'shown')."""
    answer = answerer.answer(q.question)
    if any(q.answered_by(e.text) for e in answer.excerpts):
        return "shown"
    if answer.state == "nothing":
        return "6 nothing"
    text, embedder = q.question, answerer.embedder
    query_vector = embedder.embed([text])[0]
    ranked = answerer.retrieve(text, query_vector)
    ranked += answerer._following(ranked)
    passages = store.passages([chunk_id for chunk_id, _ in ranked])
    candidates = gather(store, ranked, passages)
    index = next((i for i, c in enumerate(candidates) if q.answered_by(c.text)), None)
    if index is None:
        holding = [p for p in passages.values() if normalise(q.answer) in normalise(p.text)]
        if not holding:
            return "1 retrieval"
        passage = holding[0]
        turns = store.turns_of([passage.article.id]).get(passage.article.id, [])
        for start, _end, raw in passage.sentences:
            if q.answered_by(raw):
                turn = turn_at(turns, start)
                return ("2 candidates: a reporter's question" if turn is not None and turn.asks
                        else "2 candidates: boilerplate" if is_boilerplate(raw)
                        else "2 candidates: too short" if len(raw.split()) < MIN_WORDS else "2 candidates: other")
        return "2 candidates: sentence split"
    vectors = embedder.embed([c.text for c in candidates])
    cosine = vectors @ query_vector
    words = content_words(text)
    lexical = np.array([len(words & content_words(c.text)) / max(len(words), 1) for c in candidates])
    passage = np.array([c.passage_score for c in candidates]) / max(c.passage_score for c in candidates)
    prior = cosine + A.LEXICAL_WEIGHT * lexical + A.PASSAGE_WEIGHT * passage
    shortlist = [int(i) for i in np.argsort(-prior)[:A.SHORTLIST]]
    if index not in shortlist:
        return "3 shortlist"
    logits = answerer.reranker.score(text, [candidates[i].in_context for i in shortlist])
    kind = wanted(text)
    relevance = np.full(len(candidates), -np.inf, dtype=np.float32)
    for i, logit in zip(shortlist, logits):
        relevance[i] = A._relevance(logit, cosine[i], kind, kind is None or holds(kind, candidates[i].text, text))
    order = [int(i) for i in np.argsort(-relevance) if np.isfinite(relevance[i])]
    if order.index(index) >= A.MAX_EXCERPTS:
        return "4 rerank"
    if index in A.Answerer._pick(order, relevance, vectors, "answered"):
        return "5 pick: related only shows three" if answer.state == "related" else "5 pick: other"
    repeats = any(float(vectors[j] @ vectors[index]) >= A.SAME_SENTENCE for j in order[:order.index(index)])
    return "5 pick: repeats one shown" if repeats else "5 pick: under the floor"


DEPTHS = (12, 20, 30, 100, 400)


def passage_rank(answerer: A.Answerer, store: Store, q, deepest: int = DEPTHS[-1]) -> int | None:
    """Where the first passage holding q's answering sentence ranks in the fused retrieval (None: not in the first
    `deepest`): how deep retrieval must read for the question to be answerable at all."""
    query_vector = answerer.embedder.embed([q.question])[0]
    ranked = [chunk_id for chunk_id, _ in answerer.retrieve(q.question, query_vector, deepest, None, deepest)]
    passages = store.passages(ranked)
    return next((k for k, chunk_id in enumerate(ranked) if chunk_id in passages
                 and any(q.answered_by(raw) for _, _, raw in passages[chunk_id].sentences)), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, required=True, help="where bench/answer_quality.py built the indexes")
    parser.add_argument("--half", choices=["tune", *(f"tune{n}" for n in LATER_TUNE_SETS), "held-out"], default="tune",
                        help="tune2 to tune7: the later tune sets (testkit/labels/*_tune{2,...,7}.jsonl)")
    parser.add_argument("--depth", action="store_true",
                        help=f"instead: how many questions have their answering passage in the first {DEPTHS} "
                             "passages retrieved")
    args = parser.parse_args()
    embedder = make_embedder()
    table: Counter[str] = Counter()
    depths: dict[str, Counter[int]] = {}
    for corpus in CORPORA:
        store = Store(args.workdir / f"{corpus}.db")
        answerer = make_answerer(store, embedder)
        later = int(args.half.removeprefix("tune")) if args.half not in ("tune", "held-out") else 1
        for q in answerable(corpus, tune_set=later):
            if later == 1 and q.held_out != (args.half == "held-out"):
                continue
            if args.depth:
                rank = passage_rank(answerer, store, q)
                depths.setdefault(corpus, Counter()).update(d for d in DEPTHS if rank is not None and rank < d)
                depths[corpus]["questions"] += 1
                continue
            stage = lost_at(answerer, store, q)
            table[stage] += 1
            if stage != "shown":
                print(f"[{corpus}] {stage}: {q.question}\n    wanted: {q.sentence[:140]}")
    if args.depth:
        print(f"| corpus ({args.half} half) | questions | " + " | ".join(f"in the first {d}" for d in DEPTHS) + " |")
        print("|---" * (len(DEPTHS) + 2) + "|")
        for corpus, found in depths.items():
            print(f"| {corpus} | {found['questions']} | " + " | ".join(str(found[d]) for d in DEPTHS) + " |")
        return
    print(f"\n| stage ({args.half} half) | questions |\n|---|---|")
    for stage, n in sorted(table.items()):
        print(f"| {stage} | {n} |")


if __name__ == "__main__":
    main()
