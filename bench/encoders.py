"""The same all-MiniLM-L6-v2 three ways — torch (sentence-transformers), ONNX fp32, ONNX int8 — on the same
BBC chunks (../shared/data/bbc-fulltext/bbc/business, read in place): chunks per second, one short query,
and the cosine of each engine's vectors to torch's. Why the bot runs onnx-int8, one text at a time.

Run: .venv/bin/python bench/encoders.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BBC_BUSINESS = ROOT.parent / "shared" / "data" / "bbc-fulltext" / "bbc" / "business"


def chunks(n_files: int = 60, words: int = 55) -> list[str]:
    texts = []
    for path in sorted(BBC_BUSINESS.glob("*.txt"))[:n_files]:
        tokens = path.read_text(encoding="utf-8", errors="replace").split()
        texts += [" ".join(tokens[i:i + words]) for i in range(0, len(tokens), words)]
    return texts


def main() -> None:
    from model.onnx_encoder import OnnxEmbedder
    from model.torch_encoder import SentenceTransformerEmbedder

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = chunks()
    queries = ["oil prices", "interest rates Bank of England", "what did the chancellor say about the budget?"] * 20
    engines = {
        "torch (sentence-transformers), batches of 64": SentenceTransformerEmbedder(),
        "ONNX fp32, batches of 32": OnnxEmbedder(quantized=False),
        "ONNX int8, batches of 32": OnnxEmbedder(quantized=True, batch_size=32),
        "ONNX int8, one text at a time (the bot)": OnnxEmbedder(quantized=True),
    }
    reference = None
    print(f"{len(texts)} BBC chunks of ~55 words; {os.cpu_count()} cores; median of {args.runs} runs (min–max)\n")
    print("| engine | chunks/s | one query, ms | cosine to torch: min / mean |\n|---|---|---|---|")
    for name, engine in engines.items():
        engine.embed(texts[:32])
        rates, query_ms = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            vectors = engine.embed(texts)
            rates.append(len(texts) / (time.perf_counter() - start))
            start = time.perf_counter()
            for q in queries:
                engine.embed([q])
            query_ms.append((time.perf_counter() - start) / len(queries) * 1000)
        reference = vectors if reference is None else reference
        cosine = (vectors * reference).sum(axis=1)
        def med(v: list[float]) -> str:
            return f"{statistics.median(v):.1f} ({min(v):.1f}–{max(v):.1f})"

        print(f"| {name} | {med(rates)} | {med(query_ms)} | {cosine.min():.4f} / {cosine.mean():.4f} |")


if __name__ == "__main__":
    main()
