"""The curve the "I found nothing" thresholds are chosen from: false answers on questions seeds/ cannot
answer and false refusals on ones it can (tests/no_answer_set.py, plus the development set), for each
pair (ANSWER_THRESHOLD, UNKNOWN_WORD_THRESHOLD), the other constants of `core.no_answer.off_subject` as they
are — with the engine the bot runs.

Run: .venv/bin/python bench/no_answer_curve.py [--engine onnx-int8]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    import core.no_answer as answer_module
    from bot.app import make_answerer
    from core.candidates import gather
    from core.ingest import ingest
    from core.intent import classify
    from core.no_answer import ANSWER_THRESHOLD, UNKNOWN_WORD_THRESHOLD
    from model.embeddings import make_embedder
    from store import Store
    from testkit.dev_questions import DEV_SET
    from testkit.no_answer_set import ANSWERABLE, UNANSWERABLE

    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="onnx-int8")
    args = parser.parse_args()
    embedder = make_embedder(engine=args.engine)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "seeds.db")
        ingest(store, embedder, [str(ROOT / "seeds")])
        answerer = make_answerer(store, embedder)
        answerable = ANSWERABLE + [c.query for c in DEV_SET if c.answered]
        points = {}  # question -> (best cosine, the top passage); who-is answers need no gate
        unanswerable = UNANSWERABLE + [c.query for c in DEV_SET if not c.answered]
        for q in unanswerable + answerable:
            if classify(q).kind == "who-is":
                continue
            vector = embedder.embed([q])[0]
            ranked = answerer.retrieve(q, vector)
            candidates = gather(store, ranked, store.passages([chunk for chunk, _ in ranked]))
            texts = [c.text for c in candidates]
            best = float((embedder.embed(texts) @ vector).max()) if texts else 0.0
            points[q] = (best, " ".join(c.text for c in candidates if c.passage_score == candidates[0].passage_score)
                         if texts else "")
        print(f"engine {args.engine}: {sum(q in points for q in unanswerable)} unanswerable and "
              f"{sum(q in points for q in answerable)} answerable topic questions (who-is questions do not use "
              f"these thresholds); bot now: {ANSWER_THRESHOLD} / {UNKNOWN_WORD_THRESHOLD}")
        print("| answer < | unknown words: answer < | false answers | false refusals |\n|---|---|---|---|")
        for t in [x / 100 for x in range(34, 50, 2)]:
            for u in (0.50, 0.55, 0.60):
                answer_module.ANSWER_THRESHOLD, answer_module.UNKNOWN_WORD_THRESHOLD = t, u
                fa = [q for q in unanswerable if q in points and not answer_module.off_subject(store, q, *points[q])]
                fr = [q for q in answerable if q in points and answer_module.off_subject(store, q, *points[q])]
                print(f"| {t:.2f} | {u:.2f} | {len(fa)} {fa[:3]} | {len(fr)} {fr[:3]} |")


if __name__ == "__main__":
    main()
