"""Fixtures: real SQLite files, the real embedding model (loaded once), and a toy embedder for plumbing."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from core.ingest import ingest
from core.passages import HEADED
from model.embeddings import Embedder, make_embedder
from store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


class ToyEmbedder:
    """Deterministic stand-in for plumbing tests: a hashed bag of words. Never judges answers."""

    dimensions = 384

    def __init__(self, model_id: str = "toy-v1") -> None:
        self.model_id = model_id
        self.calls = 0

    def embed(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5((self.model_id + word).encode()).hexdigest(), 16) % self.dimensions] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


TOY_KEY = ToyEmbedder().model_id + HEADED  # what ingest stores the toy vectors under (core/passages.py)


@pytest.fixture(autouse=True)
def no_slack_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("SLACK_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The engine the bot runs by default (onnx-int8); tests/test_embeddings.py checks it against torch."""
    model = make_embedder()
    model.load()
    return model


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, embedder) -> Path:
    """seeds/ indexed once with the real model; tests copy the file rather than re-embed."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    store = Store(path)
    report = ingest(store, embedder, [str(SEEDS)])
    assert report.ok, report.failed
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def seeded_store(seeded_db) -> Store:
    return Store(seeded_db)


@pytest.fixture
def seeded_copy(seeded_db, tmp_path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(seeded_db, target)
    return target


@pytest.fixture(scope="session")
def bbc_store(tmp_path_factory, embedder) -> Store:
    """BBC politics and business (884 stories), read in place from ../shared, indexed once per session."""
    bbc = SHARED / "data" / "bbc-fulltext" / "bbc"
    store = Store(tmp_path_factory.mktemp("bbc") / "bbc.db")
    report = ingest(store, embedder, [str(bbc / "politics"), str(bbc / "business")])
    assert report.ok, report.failed
    return store


@pytest.fixture(scope="module")
def web():
    """A local web server on 127.0.0.1 serving pages and feeds built from the seeds, one per test module."""
    from testkit.page_server import PageServer

    pages = PageServer()
    yield pages
    pages.close()


@pytest.fixture(scope="module")
def slack():
    """A local stand-in for the Slack Web API and response_urls, one per test module."""
    from testkit.fake_slack import FakeSlack

    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def toy_store(tmp_path) -> Store:
    return Store(tmp_path / "toy.db")


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL 18 + pgvector server for the session (testkit/postgres.py); each test that needs a
    clean database gets its own inside it."""
    from testkit.postgres import PostgresServer

    with PostgresServer() as server:
        reason = server.vector_math_crashes()
        if reason:
            pytest.skip(reason)
        yield server


BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def new_store(request, tmp_path):
    """A factory of empty stores on the parametrized backend; a second call opens the same database again (a
    second process, as far as the store can tell)."""
    from store import open_store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'contract.db'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"t_{os.getpid()}_{next(_database_numbers)}")
    opened = []

    def open_it():
        opened.append(open_store(url))
        return opened[-1]

    open_it.backend = request.param
    open_it.url = url
    yield open_it
    for store in opened:
        store.close()


_database_numbers = iter(range(1, 1_000_000))
