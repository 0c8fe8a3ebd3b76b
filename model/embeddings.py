"""The Embedder protocol, and make_embedder(): the engine the settings ask for."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

# How the packaged model runs: "onnx-int8" (default), "onnx" (fp32, the same vectors as torch) or "torch".
ENGINES = ("onnx-int8", "onnx", "torch")
DEFAULT_ENGINE = "onnx-int8"


class Embedder(Protocol):
    model_id: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalised float32 row per text."""
        ...


def make_embedder(model_path: str = "", engine: str = DEFAULT_ENGINE) -> Embedder:
    """The embedder the settings ask for; another model folder always runs through sentence-transformers."""
    if engine not in ENGINES:
        raise ValueError(f"EMBEDDING_ENGINE must be one of {', '.join(ENGINES)}, got {engine!r}")
    if model_path or engine == "torch":
        from model.torch_encoder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(model_path)
    from model.onnx_encoder import OnnxEmbedder

    return OnnxEmbedder(quantized=engine == "onnx-int8")
