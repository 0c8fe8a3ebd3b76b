"""Answer quality on data nobody here wrote: XQuAD-en (../shared/data/xquad-en, CC BY-SA 4.0, read in place).

The 240 paragraphs are indexed as articles through our real pipeline; for each of the 1,190 questions,
the paragraph it was asked about is the one relevant document. Reports recall@1/5/10 and MRR@10 of that
paragraph for BM25 alone, vectors alone and our hybrid; the excerpt hit rate (the answer text inside
the sentences `answer()` shows); and, in the same run with the same model, txtai's hybrid index.

Run: make quality   (or .venv/bin/python bench/quality.py [--no-txtai])
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bot.app import make_answerer  # after the path: this checkout's code, not the installed one
from core.passages import vector_key

XQUAD = ROOT.parent / "shared" / "data" / "xquad-en" / "xquad.en.json"
K = 10


def load_xquad() -> tuple[list[tuple[str, str]], list[tuple[str, int, list[str]]]]:
    """(title, paragraph) pairs, and (question, paragraph index, answer texts)."""
    data = json.loads(XQUAD.read_text())["data"]
    paragraphs, questions = [], []
    for article in data:
        for n, paragraph in enumerate(article["paragraphs"]):
            index = len(paragraphs)
            paragraphs.append((f"{article['title'].replace('_', ' ')} ({n + 1})", paragraph["context"]))
            for qa in paragraph["qas"]:
                questions.append((qa["question"], index, [a["text"] for a in qa["answers"]]))
    return paragraphs, questions


def scores(ranks: list[int | None]) -> dict[str, float]:
    """ranks: 1-based rank of the relevant paragraph, or None when not in the top K."""
    def hit(k: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)

    return {"recall@1": hit(1), "recall@5": hit(5), "recall@10": hit(10),
            "mrr@10": sum(1 / r for r in ranks if r is not None and r <= K) / len(ranks)}


def article_ranking(chunk_ranking: list[int], chunk_article: dict[int, int]) -> list[int]:
    """Chunks ranked best first -> their articles, each once, in the order first seen."""
    return list(dict.fromkeys(chunk_article[c] for c in chunk_ranking if c in chunk_article))


def rank_of(ranking: list[int], relevant: int) -> int | None:
    return ranking.index(relevant) + 1 if relevant in ranking[:K] else None


def ours(paragraphs, questions, workdir: Path, engine: str,
         url: str | None = None) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import open_store

    folder = workdir / "xquad"
    folder.mkdir(exist_ok=True)
    for i, (title, text) in enumerate(paragraphs):
        (folder / f"{i:04d}.txt").write_text(f"{title}\n\n{text}\n")
    store = open_store(url or f"sqlite:///{workdir / 'xquad.db'}")
    embedder = make_embedder(engine=engine)
    embedder.load()
    start = time.perf_counter()
    report = ingest(store, embedder, [str(folder)])
    build = time.perf_counter() - start
    assert report.ok, report.failed
    paragraph_of = {r["id"]: int(Path(r["path"]).stem) for r in store.sql.query("SELECT id, path FROM articles")}
    # a near-duplicate paragraph is kept as a source of another story: map the story to both
    rows = store.sql.query("SELECT id, article_id FROM chunks")
    chunk_article = {r["id"]: paragraph_of[r["article_id"]] for r in rows}
    answerer = make_answerer(store, embedder)
    ranks: dict[str, list[int | None]] = {"BM25 only": [], "vectors only": [], "hybrid (ours)": []}
    hits, latencies, refused, wrong_sentence, shown_counts, first = 0, [], 0, 0, [], []
    answered = answered_hits = 0
    for question, relevant, answers in questions:
        vector = embedder.embed([question])[0]
        bm25 = [c for c, _ in store.fts_search(question, 50)]
        dense = [c for c, _ in store.vector_search(vector, vector_key(embedder), 50)]
        hybrid = [c for c, _ in answerer.retrieve(question, vector, 50)]
        for name, ranking in (("BM25 only", bm25), ("vectors only", dense), ("hybrid (ours)", hybrid)):
            ranks[name].append(rank_of(article_ranking(ranking, chunk_article), relevant))
        start = time.perf_counter()
        answer = answerer.answer(question)
        latencies.append(time.perf_counter() - start)
        shown = " ".join(e.text for e in answer.excerpts).lower()
        hit = any(a.lower() in shown for a in answers)  # as the answer, or "related only" as the closest
        hits += hit
        answered += answer.state == "answered"
        answered_hits += hit and answer.state == "answered"
        refused += answer.state == "nothing"
        shown_counts.append(len(answer.excerpts))
        first.append(paragraph_quoted_first(answer, paragraph_of) == relevant)
        if not hit and answer.excerpts:
            in_paragraph = paragraph_of_article(answer, paragraph_of) == relevant
            wrong_sentence += in_paragraph
    extra = {"build_s": build, "excerpt_hit_rate": hits / len(questions), "excerpt_hits": hits,
             "refused": refused / len(questions),
             "answered": answered / len(questions), "answered_hit_rate": answered_hits / len(questions),
             "missed_in_right_paragraph": wrong_sentence / len(questions),
             "excerpts_shown_mean": statistics.mean(shown_counts),
             "quoted_first_recall": sum(first) / len(questions),
             "answer_mean_ms": statistics.mean(latencies) * 1000,
             "answer_p95_ms": sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000}
    return {name: scores(r) for name, r in ranks.items()}, extra


def paragraph_quoted_first(answer, paragraph_of: dict[int, int]) -> int | None:
    """The paragraph of the sentence the reply quotes first: the answer's summary line, or for "related only"
    the closest excerpt (the cross-encoder's pick among the hybrid retrieval's passages)."""
    best = answer.lead or max(answer.excerpts, key=lambda e: e.score, default=None)
    return paragraph_of.get(best.article_id) if best is not None else None


def paragraph_of_article(answer, paragraph_of: dict[int, int]) -> int | None:
    """The paragraph the answer's first excerpt comes from."""
    return paragraph_of.get(answer.excerpts[0].article_id) if answer.excerpts else None


def txtai_hybrid(paragraphs, questions) -> tuple[dict[str, float], dict[str, float]]:
    from txtai import Embeddings

    from model.packaged import packaged_model_path

    embeddings = Embeddings(path=packaged_model_path(), content=True, hybrid=True)
    start = time.perf_counter()
    embeddings.index([(i, text, None) for i, (_, text) in enumerate(paragraphs)])
    build = time.perf_counter() - start
    ranks, latencies = [], []
    for question, relevant, _ in questions:
        start = time.perf_counter()
        results = embeddings.search(question, K)
        latencies.append(time.perf_counter() - start)
        ranking = [int(r["id"]) for r in results]
        ranks.append(rank_of(ranking, relevant))
    return scores(ranks), {"build_s": build, "query_mean_ms": statistics.mean(latencies) * 1000,
                           "query_p95_ms": sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-txtai", action="store_true")
    parser.add_argument("--engine", default="onnx-int8", help="onnx-int8 (the bot's default), onnx or torch")
    parser.add_argument("--postgres", action="store_true",
                        help="also index and answer on PostgreSQL + pgvector (a throwaway server), side by side")
    args = parser.parse_args()
    paragraphs, questions = load_xquad()
    print(f"XQuAD-en: {len(paragraphs)} paragraphs, {len(questions)} questions; {os.cpu_count()} cores, no GPU; "
          f"our engine: {args.engine}\n")
    with tempfile.TemporaryDirectory() as tmp:
        table, extra = ours(paragraphs, questions, Path(tmp), args.engine)
        if args.postgres:
            from testkit.postgres import PostgresServer

            with PostgresServer() as server:
                on_postgres, pg_extra = ours(paragraphs, questions, Path(tmp), args.engine, server.url)
            table |= {f"{name}, PostgreSQL": s for name, s in on_postgres.items()}
    if not args.no_txtai:
        table["txtai 9.14 hybrid"], theirs = txtai_hybrid(paragraphs, questions)
    print("| retriever | recall@1 | recall@5 | recall@10 | MRR@10 |\n|---|---|---|---|---|")
    for name, s in table.items():
        print(f"| {name} | {s['recall@1']:.3f} | {s['recall@5']:.3f} | {s['recall@10']:.3f} | {s['mrr@10']:.3f} |")
    print(f"\nours: answered {extra['answered']:.1%} (the rest 'related only' or 'nothing found'); the answer text "
          f"in an answered reply's excerpts {extra['answered_hit_rate']:.1%}")
    print(f"ours: excerpt misses: nothing found {extra['refused']:.1%}, excerpts from the right paragraph but "
          f"without the answer {extra['missed_in_right_paragraph']:.1%}; {extra['excerpts_shown_mean']:.1f} "
          f"excerpts shown on average")
    print(f"ours: index built in {extra['build_s']:.1f} s; excerpt hit rate {extra['excerpt_hit_rate']:.2%} "
          f"({extra['excerpt_hits']}/{len(questions)}); "
          f"answer() mean {extra['answer_mean_ms']:.0f} ms, p95 {extra['answer_p95_ms']:.0f} ms")
    if args.postgres:
        print(f"ours on PostgreSQL (BM25-style full text, HNSW vectors): excerpt hit rate "
              f"{pg_extra['excerpt_hit_rate']:.1%}, answered {pg_extra['answered']:.1%}; answer() mean "
              f"{pg_extra['answer_mean_ms']:.0f} ms, p95 {pg_extra['answer_p95_ms']:.0f} ms")
    print(f"ours: the paragraph of the sentence quoted first (hybrid retrieval, then the cross-encoder over its "
          f"sentences): recall@1 {extra['quoted_first_recall']:.3f}")
    if not args.no_txtai:
        print(f"txtai: index built in {theirs['build_s']:.1f} s; search mean {theirs['query_mean_ms']:.0f} ms, "
              f"p95 {theirs['query_p95_ms']:.0f} ms")


if __name__ == "__main__":
    main()
