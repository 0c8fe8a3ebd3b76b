"""The packaged model through sentence-transformers (torch): EMBEDDING_ENGINE=torch, and any other model folder."""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence

import numpy as np

from model.packaged import DEFAULT_MODEL_ID, packaged_model_path


class SentenceTransformerEmbedder:
    """Loads lazily: importing sentence-transformers costs seconds, so only paths that embed pay it."""

    dimensions = 384

    def __init__(self, model_path: str = "", batch_size: int = 64) -> None:
        self.model_path = model_path or packaged_model_path()
        self.model_id = DEFAULT_MODEL_ID if not model_path else os.path.basename(model_path.rstrip("/"))
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Import and load the model once; safe to call from a warm-up thread."""
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            self._model = SentenceTransformer(self.model_path, device="cpu")
            self.dimensions = int(self._model.get_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        self.load()
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,  # never a progress bar in logs, whatever the log level
        )
        return np.asarray(vectors, dtype=np.float32)
