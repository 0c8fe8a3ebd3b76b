"""The same all-MiniLM-L6-v2, exported once to ONNX and run with onnxruntime: no torch at run time.

Why: `import sentence_transformers` alone costs 6–7 s and ~500 MB here, and onnxruntime encodes
faster on 2 cores (README "Benchmarks" has the figures). The export needs torch, which the install
has anyway; it runs once (`make` does it) and is cached in the virtual environment, written to a
temporary file and renamed, so two processes exporting at once cannot leave half a model.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from model.packaged import DEFAULT_MODEL_ID, packaged_model_path
from model.precision import precise_int8

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
INLINE_MAX_TEXTS = 128  # an answer embeds a few dozen sentences; ingest batches are 256 chunks


def default_onnx_path(quantized: bool) -> Path:
    """Beside the installed packages: the export belongs to this environment's model and libraries."""
    name = "all-MiniLM-L6-v2-int8.onnx" if quantized else "all-MiniLM-L6-v2.onnx"
    return Path(sys.prefix) / "share" / "us-china" / name


def export(model_path: str, out: Path, quantized: bool) -> Path:
    """torch.onnx.export of the transformer (pooling and normalising are done in numpy), then int8."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # an install prints what it did, not bars
    out.parent.mkdir(parents=True, exist_ok=True)
    bert = AutoModel.from_pretrained(model_path).eval()

    class Transformer(torch.nn.Module):  # keyword arguments: transformers 5 reordered forward()'s
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    model = Transformer().eval()
    sample = {name: torch.ones((2, 8), dtype=torch.int64) for name in INPUTS}
    sample["token_type_ids"] = torch.zeros((2, 8), dtype=torch.int64)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS} | {"last_hidden_state": {0: "batch", 1: "tokens"}}
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        plain = Path(tmp) / "model.onnx"
        with torch.no_grad():
            torch.onnx.export(model, (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                              str(plain), input_names=list(INPUTS), output_names=["last_hidden_state"],
                              dynamic_axes=axes, opset_version=17, dynamo=False)
        result = plain
        if quantized:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            result = Path(tmp) / "model-int8.onnx"
            quantize_dynamic(str(plain), str(result), per_channel=True, weight_type=QuantType.QInt8)
        os.replace(result, out)
    return out


class OnnxEmbedder:
    """Same vectors as SentenceTransformerEmbedder (fp32: equal to 1e-6; int8: its own model id)."""

    dimensions = 384

    def __init__(self, quantized: bool = True, onnx_path: str | Path | None = None, batch_size: int | None = None,
                 threads: int | None = None) -> None:
        self.quantized = quantized
        self.onnx_path = Path(onnx_path) if onnx_path else default_onnx_path(quantized)
        self.model_id = DEFAULT_MODEL_ID + ("#onnx-int8" if quantized else "")
        # int8 one text at a time: dynamic quantization scales activations per batch, so a batch would make
        # a text's vector depend on its neighbours (cosine 0.98–0.99 apart).
        self.batch_size = batch_size or (1 if quantized else 32)
        # Parallel across texts, not inside one: one onnxruntime thread per session run and `threads` runs
        # at once. Measured on 364 BBC chunks, 2 cores, int8 one at a time: 2 intra-op threads 274 chunks/s
        # (230 without spinning, and spinning starved Slack acks under a burst), 1 thread 262/s, 1 thread
        # in each of 2 runs at once 516/s.
        self.threads = threads or os.cpu_count() or 1
        self._session = None
        self._tokenizer = None
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Export on first use if `make` did not, then open the session; safe from a warm-up thread."""
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime
            from tokenizers import Tokenizer

            if not self.onnx_path.exists():
                log.info("exporting the embedding model to %s (once)", self.onnx_path)
                export(packaged_model_path(), self.onnx_path, self.quantized)
            tokenizer = Tokenizer.from_file(str(Path(packaged_model_path()) / "tokenizer.json"))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.no_padding()  # padding is ours (_feed): int8 runs one text at a time, unpadded
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            precise_int8(options)
            self._session = onnxruntime.InferenceSession(str(self.onnx_path), options,
                                                         providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
            if self.threads > 1:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="embed")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Tokenize all texts in one call and build every input before the runs start, so a run needs the
        GIL only to start and to pool: with other Python busy in the process (ingest preparing the next
        articles), each GIL hand-over can cost a run up to the 5 ms switch interval."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        self.load()
        encodings = self._tokenizer.encode_batch(list(texts))
        # Longest first in batches of similar length: padding is wasted work.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        batches = [order[start:start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        feeds = [self._feed([encodings[i].ids for i in batch]) for batch in batches]
        pooled = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        todo = iter(range(len(batches)))  # shared by the workers: next() on it is atomic under the GIL

        def work(_: int = 0) -> None:
            for k in todo:
                hidden, mask = self._session.run(None, feeds[k])[0], feeds[k]["attention_mask"]
                pooled[batches[k]] = hidden.mean(axis=1) if mask.all() else (
                    (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True))

        helpers = [self._pool.submit(work) for _ in range(min(self.threads, len(batches)))] \
            if self._pool and len(batches) > 1 else []
        if not helpers or len(texts) <= INLINE_MAX_TEXTS:
            # A question's few texts start in the asking thread at once: the pool may be busy with an
            # ingest batch, and a question must not queue behind it (bench/load.py). Free pool threads help.
            work()
            for helper in helpers:
                if not helper.cancel():  # started: it is finishing its last text
                    helper.result()
        else:
            for helper in helpers:
                helper.result()
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    @staticmethod
    def _feed(ids: list[list[int]]) -> dict[str, np.ndarray]:
        """The model's inputs for one run: token ids padded to the longest, and the mask saying which are real."""
        longest = max(len(row) for row in ids)
        input_ids = np.zeros((len(ids), longest), dtype=np.int64)
        mask = np.zeros((len(ids), longest), dtype=np.int64)
        for row, tokens in enumerate(ids):
            input_ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1
        return {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}


if __name__ == "__main__":  # `python -m model.onnx_encoder`: the export `make` runs once, quietly
    logging.basicConfig(level=logging.ERROR)  # onnxruntime's quantiser advises at WARNING on every export
    for q in (True, False):
        path = default_onnx_path(q)
        if not path.exists():
            export(packaged_model_path(), path, q)
        print(path, f"{path.stat().st_size / 1e6:.0f} MB")
