"""Ingest throughput against its physical limit: chunks per second through `ingest()` over the BBC corpus
(../shared/data/bbc-fulltext, read in place), against the raw encode of the same chunk texts by the same
model in the same run (issue #6 asks for at least 0.9 of the raw rate).

Run: .venv/bin/python bench/ingest_throughput.py [CORPUS_DIR]
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext"


def main(corpus: Path) -> None:
    from store import Store
    from store.embeddings import SentenceTransformerEmbedder
    from store.ingest import EMBED_BATCH_CHUNKS, ingest

    embedder = SentenceTransformerEmbedder()
    embedder.load()
    embedder.embed(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bbc.db")
        start = time.perf_counter()
        report = ingest(store, embedder, [str(corpus)])
        ingest_s = time.perf_counter() - start
        texts = [r["text"] for r in store.db.query("SELECT text FROM chunks ORDER BY id")]
        start = time.perf_counter()
        for i in range(0, len(texts), EMBED_BATCH_CHUNKS):
            embedder.embed(texts[i:i + EMBED_BATCH_CHUNKS])
        encode_s = time.perf_counter() - start
    n = len(texts)
    print(f"{len(report.added)} articles added, {len(report.duplicates)} near-duplicates, {len(report.failed)} failed; "
          f"{n:,} chunks ({sum(len(t.split()) for t in texts) / n:.0f} words each on average)")
    print(f"ingest(): {ingest_s:.1f} s = {n / ingest_s:.1f} chunks/s")
    print(f"raw encode of the same chunks: {encode_s:.1f} s = {n / encode_s:.1f} chunks/s")
    print(f"ingest / raw encode: {encode_s / ingest_s:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else BBC)
