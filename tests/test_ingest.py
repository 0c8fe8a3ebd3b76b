"""Ingest: idempotent, one transaction per article, bad files reported while the batch goes on."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlite_utils import Database

from core.ingest import ingest
from core.passages import HEADED, passage_text
from store import Store
from store.migrations import migrations
from tests.conftest import ROOT, SEEDS, SHARED, TOY_KEY, ToyEmbedder

BBC_SPORT_199 = SHARED / "data" / "bbc-fulltext" / "bbc" / "sport" / "199.txt"  # one Latin-1 byte: "£"
ARTICLE = ("Kurt Campbell visits Fiji\n\n"
           "White House Indo-Pacific Coordinator Kurt Campbell visited Fiji. He met officials.\n")


def dump(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    tables = ["articles", "chunks", "chunk_vectors", "people", "mentions", "counters"]
    data = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    conn.close()
    return data


def test_rerunning_ingest_on_seeds_changes_no_row(seeded_copy, embedder):
    before = dump(seeded_copy)
    report = ingest(Store(seeded_copy), embedder, [str(SEEDS)])
    assert report.ok
    assert report.unchanged == len(before["articles"]) == 43
    assert not report.added and not report.updated
    assert dump(seeded_copy) == before


def test_sources_csv_gives_title_url_date_and_outlet(seeded_store):
    row = next(seeded_store.db.query(
        "SELECT title, url, published, outlet FROM articles WHERE path LIKE '%2023-11-01-president-biden%'"))
    assert row["title"].startswith("President Biden Announces Kurt Campbell as Nominee")
    assert row["url"].startswith("https://bidenwhitehouse.archives.gov/")
    assert row["published"] == "2023-11-01"
    assert row["outlet"] == "The White House"


@pytest.mark.parametrize("data", [
    "Maternity pay to rise\n\nPay will rise by £1,400 – a “big” jump, said Café owner Ms Müller.".encode("cp1252"),
    "Maternity pay to rise\n\nPay will rise by £1,400 – a “big” jump, said Café owner Ms Müller.".encode("utf-16"),
    "Maternity pay to rise\n\nPay will rise by £1,400 – a “big” jump, said Café owner Ms Müller.".encode("utf-8-sig"),
], ids=["cp1252", "utf-16 with a BOM", "utf-8 with a BOM"])
def test_text_in_other_encodings_is_decoded_not_skipped(tmp_path, data):
    (tmp_path / "pay.txt").write_bytes(data)
    store = Store(tmp_path / "db.sqlite")
    report = ingest(store, ToyEmbedder(), [str(tmp_path / "pay.txt")])
    assert report.ok and report.added == ["Maternity pay to rise"]
    [body] = [r["body"] for r in store.db.query("SELECT body FROM articles")]
    assert "£1,400 – a “big” jump" in body and "Café owner Ms Müller" in body


def test_the_bbc_file_with_a_latin_1_pound_sign_reads():
    from sources.files import load_file

    article = load_file(BBC_SPORT_199)
    assert article.title == "Chelsea sack Mutu" and "£" in article.body


def test_bad_files_are_reported_by_name_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 PNG" * 100)
    (folder / "empty.txt").write_text("   \n")
    (folder / "huge.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    (folder / "title-only.txt").write_text("Just a title\n")
    unreadable = folder / "locked.txt"
    unreadable.write_text(ARTICLE.replace("Fiji", "Samoa"))
    unreadable.chmod(0)
    store = Store(tmp_path / "db.sqlite")
    report = ingest(store, ToyEmbedder(), [str(folder), str(tmp_path / "missing.txt")])
    reasons = {Path(name).name: reason for name, reason in report.failed}
    assert report.added[0] == "Kurt Campbell visits Fiji" and len(report.added) == 1 + (os.geteuid() == 0)
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "no text" in reasons["title-only.txt"]
    assert "no such file" in reasons["missing.txt"]
    if os.geteuid() != 0:  # root reads any file
        assert "cannot be read" in reasons["locked.txt"]
    assert store.stats()["articles"] == 1 + (os.geteuid() == 0)


def test_the_same_text_under_another_name_is_indexed_once_and_kept_as_a_second_source(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "copy.txt").write_text(ARTICLE)
    store = Store(tmp_path / "db.sqlite")
    report = ingest(store, ToyEmbedder(), [str(tmp_path)])
    assert len(report.added) == 1
    assert report.duplicates == [(str(tmp_path / "copy.txt"), "Kurt Campbell visits Fiji")]
    stats = store.stats()
    assert stats["articles"] == 2 and stats["duplicates"] == 1
    assert stats["chunks"] == len(list(store.db.query("SELECT id FROM chunks WHERE article_id = 1")))
    assert [a.path for a in store.also_in([1])[1]] == [str(tmp_path / "copy.txt")]
    assert ingest(store, ToyEmbedder(), [str(tmp_path)]).unchanged == 2, "a re-run changes nothing"


def test_changed_content_is_reindexed_in_place(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    store = Store(tmp_path / "db.sqlite")
    ingest(store, ToyEmbedder(), [str(path)])
    path.write_text(ARTICLE.replace("Fiji", "Tonga"))
    report = ingest(store, ToyEmbedder(), [str(path)])
    assert report.updated == ["Kurt Campbell visits Tonga"]
    texts = [r["text"] for r in store.db.query("SELECT text FROM chunks")]
    assert texts and all("Tonga" in t for t in texts if "visited" in t)
    assert store.stats()["vectors"] == store.stats()["chunks"]


def test_a_different_model_reembeds_instead_of_mixing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    store = Store(tmp_path / "db.sqlite")
    ingest(store, ToyEmbedder("toy-v1"), [str(path)])
    report = ingest(store, ToyEmbedder("toy-v2"), [str(path)])
    assert report.unchanged == 1 and report.chunks == store.stats()["chunks"]
    models = {r["model"] for r in store.db.query("SELECT DISTINCT model FROM chunk_vectors")}
    assert models == {"toy-v2" + HEADED}


def no_half_articles(store: Store) -> bool:
    return not list(store.db.query(
        "SELECT id FROM articles a WHERE story_id IS NULL AND NOT EXISTS (SELECT 1 FROM chunks WHERE article_id = a.id)"
        " UNION SELECT c.id FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.id WHERE v.chunk_id IS NULL"))


def test_a_full_disk_fails_the_articles_that_do_not_fit_and_a_rerun_completes(tmp_path):
    """A real SQLITE_FULL: the database may not grow past max_page_count, as on a full disk."""
    store = Store(tmp_path / "db.sqlite")
    pages = next(store.db.query("PRAGMA page_count"))["page_count"]
    store.db.execute(f"PRAGMA max_page_count = {pages + 60}")  # room for a few articles, not 43
    report = ingest(store, ToyEmbedder(), [str(SEEDS)])
    written = store.stats()["articles"]
    assert 0 < written < 43 and len(report.failed) == 43 - written
    assert all("could not be written to the database (database or disk is full)" in reason
               for _, reason in report.failed)
    assert next(store.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok" and no_half_articles(store)
    store.db.execute("PRAGMA max_page_count = 1073741823")  # space again
    again = ingest(store, ToyEmbedder(), [str(SEEDS)])
    assert again.ok and store.stats()["articles"] == 43 and again.unchanged == written


def test_a_100_mb_file_malformed_html_and_a_file_that_disappears_mid_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "a-huge.txt").open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB (sparse)
    (folder / "b-malformed.html").write_text(
        "<html><head><title>Broken <b>page</head><body><div><p>Kurt Campbell visited Fiji <span>and <p>Tonga"
        "<table><tr><td>" + " ".join(["unclosed"] * 10) + "</body>")
    (folder / "c-good.txt").write_text(ARTICLE)
    (folder / "d-vanishing.txt").write_text(ARTICLE.replace("Fiji", "Samoa"))
    store = Store(tmp_path / "db.sqlite")

    def delete_the_last_file(done: int, total: int) -> None:
        if done == 1:
            (folder / "d-vanishing.txt").unlink()  # listed, then gone before it is read

    report = ingest(store, ToyEmbedder(), [str(folder)], delete_the_last_file)
    reasons = {name.rsplit("/", 1)[1]: reason for name, reason in report.failed}
    assert reasons["a-huge.txt"] == "too large (104.9 MB; the limit is 5 MB)"
    assert reasons["b-malformed.html"] == "no article text found in the page"
    assert reasons["d-vanishing.txt"].startswith("cannot be read (No such file or directory")
    assert report.added == ["Kurt Campbell visits Fiji"]
    assert next(store.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok" and no_half_articles(store)


def test_sigkill_mid_ingest_leaves_a_database_that_opens_and_a_rerun_completes(tmp_path):
    db = tmp_path / "killed.db"
    env = {**os.environ, "DATABASE_PATH": str(db), "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "bot", "ingest", str(SEEDS)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    written = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    written = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if written >= 3:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    half = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.article_id = a.id)"
    ).fetchone()[0]
    assert half == 0
    conn.close()
    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 failed" in rerun.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 43
    assert conn.execute("SELECT count(*) FROM chunks").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0]


def test_a_copy_arriving_while_the_first_is_still_encoding_is_one_story(tmp_path, monkeypatch, embedder):
    """Encoding runs beside preparing the next articles: with one-chunk batches every article is still
    being encoded when the next arrives; its exact and near copies must still become sources of it."""
    import core.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "EMBED_BATCH_CHUNKS", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    originals = sorted(SEEDS.glob("*.txt"))[:4]
    for i, path in enumerate(originals):
        (folder / f"{i}a.txt").write_text(path.read_text())
        (folder / f"{i}b.txt").write_text(path.read_text())  # the same text
        (folder / f"{i}c.txt").write_text(path.read_text() + "\n\nAn editor's note added at the end.\n")
    store = Store(tmp_path / "t.db")
    encoded: list[str] = []
    counting = SimpleNamespace(model_id=embedder.model_id, dimensions=embedder.dimensions,
                               embed=lambda texts: encoded.extend(texts) or embedder.embed(texts))
    report = ingest(store, counting, [str(folder)])
    assert report.ok and len(report.added) == 4
    assert len(report.duplicates) == 8
    stored = store.db.query("SELECT heading, text FROM chunks")
    assert sorted(encoded) == sorted(passage_text(r["heading"], r["text"]) for r in stored), \
        "a repeat is found before it is embedded: nothing encoded but the stories stored"
    assert store.db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 4
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_index_from_before_headings_is_searched_by_them_and_re_embedded_by_the_next_ingest(tmp_path):
    """Migration m012 gives every stored passage its article's heading in full-text search; the next ingest
    embeds each passage again under it (core/passages.py), and the old vectors go."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m012_passage_headings")
    body = "He met officials in Suva on Tuesday."
    article_id = db["articles"].insert({"source_key": "old", "title": "Kurt Campbell visits Fiji", "body": body,
                                         "content_hash": "h", "indexed_at": "2023-01-01T00:00:00"}).last_pk
    chunk_id = db["chunks"].insert({"article_id": article_id, "seq": 0, "start": 0, "end": len(body), "text": body,
                                     "sentences": f"[[0, {len(body)}]]"}).last_pk
    db["chunk_vectors"].insert({"chunk_id": chunk_id, "model": "toy-v1",
                                "vector": ToyEmbedder().embed([body])[0].tobytes()})
    db.conn.close()
    store = Store(path)
    assert [c for c, _ in store.fts_search("Campbell Fiji", 5)] == [chunk_id]  # only the heading names them
    assert store.chunks_without_vectors(TOY_KEY) == [(chunk_id, "Kurt Campbell visits Fiji", body)]
    ingest(store, ToyEmbedder(), [])
    assert [r["model"] for r in store.db.query("SELECT model FROM chunk_vectors")] == [TOY_KEY]
    store.delete_article(article_id)
    assert store.fts_search("Campbell Fiji", 5) == []
    store.db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")  # deletes kept it whole


def test_a_story_stored_before_the_shingle_sample_existed_is_still_found_when_repeated(tmp_path):
    """Migration m005 samples the shingles of the stories already stored."""
    db = tmp_path / "old.db"
    (tmp_path / "a.txt").write_text(ARTICLE)
    ingest(Store(db), ToyEmbedder(), [str(tmp_path / "a.txt")])
    conn = sqlite3.connect(db)
    conn.executescript("DROP TABLE story_shingles; DROP INDEX articles_title;"
                       " DELETE FROM _sqlite_migrations WHERE name = 'm005_story_shingles';")
    conn.commit()
    conn.close()
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Kurt Campbell visits Fiji", "Campbell in Suva") + "More later.\n")
    store = Store(db)
    assert store.db.execute("SELECT count(*) FROM story_shingles").fetchone()[0] > 0
    report = ingest(store, ToyEmbedder(), [str(tmp_path / "b.txt")])
    assert report.duplicates == [(str(tmp_path / "b.txt"), "Kurt Campbell visits Fiji")]
