"""Exact vector search over an in-memory float32 matrix kept in step with the chunk_vectors table.

Why not sqlite-vec: on this 2-core machine a NumPy matrix searched several times faster at 100k and 1M
vectors (README "How it works"). SQLite stays the one source of truth; the matrix is a cache rebuilt from it.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np


class VectorIndex:
    def __init__(self, dimensions: int = 384) -> None:
        self.dimensions = dimensions
        self.model: str | None = None
        self.seen = (-1, -1)  # (vectors_added, vectors_removed) counters at the last sync
        self.lock = threading.Lock()
        # (ids, rows, size), published in one assignment: rows past `size` are room to grow into, and a
        # search never sees the ids of one version with the rows of another
        self._state = (np.zeros(0, dtype=np.int64), np.zeros((0, dimensions), dtype=np.float32), 0)

    @property
    def ids(self) -> np.ndarray:
        ids, _, size = self._state
        return ids[:size]

    @property
    def matrix(self) -> np.ndarray:
        _, rows, size = self._state
        return rows[:size]

    def replace(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        self._state = (ids, matrix, len(ids))

    def append(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        """Grow in place with 25% headroom: vstack copied the whole matrix (1.5 GB at 1M) on every sync."""
        if not len(ids):
            return
        all_ids, rows, size = self._state
        if size + len(ids) > len(all_ids):
            capacity = max(size + len(ids), int(len(all_ids) * 1.25))
            grown_ids = np.zeros(capacity, dtype=np.int64)
            grown_rows = np.zeros((capacity, self.dimensions), dtype=np.float32)
            grown_ids[:size], grown_rows[:size] = all_ids[:size], rows[:size]
            all_ids, rows = grown_ids, grown_rows
        all_ids[size:size + len(ids)], rows[size:size + len(ids)] = ids, matrix
        self._state = (all_ids, rows, size + len(ids))

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top-k (chunk id, cosine) by dot product; vectors are normalised at write time. With `allowed` (chunk
        ids), only those rows are candidates: a filtered search gets k hits whenever k rows are allowed."""
        all_ids, rows, size = self._state  # one consistent snapshot without holding the lock
        ids, matrix = all_ids[:size], rows[:size]
        if not len(ids):
            return []
        query = query.astype(np.float32)
        if allowed is None:
            scores = matrix @ query
        else:
            at = _rows_of(ids, allowed)
            # a few rows: gather them; most of the matrix: score it all (a gather would copy it) and pick
            scores = matrix[at] @ query if len(at) < len(ids) // 4 else (matrix @ query)[at]
            ids = ids[at]
            if not len(ids):
                return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(ids[i]), float(scores[i])) for i in top]

    def cosines(self, query: np.ndarray, chunk_ids: Sequence[int]) -> list[tuple[int, float]]:
        """(chunk id, cosine) for those of the chunks that have a row."""
        all_ids, rows, size = self._state
        ids = all_ids[:size]
        if not len(ids) or not len(chunk_ids):
            return []
        at = _rows_of(ids, np.unique(np.asarray(chunk_ids, dtype=np.int64)))
        return [(int(i), float(s)) for i, s in zip(ids[at], rows[at] @ query.astype(np.float32))]


def _rows_of(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The rows of the wanted ids (sorted) that are present. Ids ascend (rows are appended in chunk id order), so
    each row is found by bisection."""
    at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return at[ids[at] == wanted]


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blobs(blobs: list[bytes], dimensions: int) -> np.ndarray:
    if not blobs:
        return np.zeros((0, dimensions), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), -1).astype(np.float32)
