"""The ONNX engines against the torch model they were exported from, on real sentences from seeds/."""
from __future__ import annotations

import numpy as np
import pytest

from model.embeddings import make_embedder
from model.onnx_encoder import OnnxEmbedder
from model.torch_encoder import SentenceTransformerEmbedder
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    text = " ".join(p.read_text() for p in sorted(SEEDS.glob("*.txt"))[:6])
    chunks = [s.strip() for s in text.split(". ") if len(s.split()) > 3]
    return chunks[:150] + ["Taiwan", "", "a" * 5000]  # one word, nothing, far past 256 tokens


@pytest.fixture(scope="module")
def torch_vectors(sentences) -> np.ndarray:
    return SentenceTransformerEmbedder().embed(sentences)


def test_onnx_fp32_gives_the_torch_vectors(sentences, torch_vectors):
    vectors = OnnxEmbedder(quantized=False).embed(sentences)
    assert vectors.shape == torch_vectors.shape and vectors.dtype == np.float32
    assert (vectors * torch_vectors).sum(axis=1).min() > 0.9999


def test_onnx_int8_stays_close_to_torch_and_has_its_own_model_id(sentences, torch_vectors, embedder):
    vectors = embedder.embed(sentences)
    cosine = (vectors * torch_vectors).sum(axis=1)
    assert cosine[:-3].min() > 0.98 and cosine.mean() > 0.99  # real sentences
    assert cosine[-3:].min() > 0.95  # one word, nothing, a run-on string
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert embedder.model_id != SentenceTransformerEmbedder().model_id  # switching engines re-embeds


def test_order_and_batching_do_not_change_a_vector(embedder, sentences):
    one_by_one = np.vstack([embedder.embed([s]) for s in sentences[:20]])
    together = embedder.embed(list(reversed(sentences[:20])))[::-1]
    assert np.allclose(one_by_one, together, atol=1e-4)


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="EMBEDDING_ENGINE"):
        make_embedder(engine="gpu")


def test_the_int8_encoder_runs_without_the_saturating_kernel(embedder):
    """As the cross-encoder's (model/precision.py): the same vectors on CPUs with and without VNNI."""
    from model.precision import PRECISE_INT8

    embedder.embed(["the session loads on first use"])
    session = getattr(embedder, "_session", None)
    assert session is not None and session.get_session_options().get_session_config_entry(PRECISE_INT8) == "1"
