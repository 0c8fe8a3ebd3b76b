"""Answer latency, memory and cold start at about 10k, 100k and 1M chunks.

The base index is real: seeds/ and the 2,225 BBC articles (../shared/data/bbc-fulltext, read in place)
ingested through `ingest()` with the bot's engine. Larger indexes repeat the base articles as distinct
articles (their own ids, source keys, FTS rows and vector rows); the copies reuse the base's real
vectors instead of embedding the same text again. For each size:
- warm `answer()` p50/p95/p99 over a fixed query set (the development set plus news questions),
  3 passes in one process after one warm-up pass; each figure is the median of --runs processes;
- `us-china serve` (HTTP, local Slack stand-in): seconds to /healthz 200 and to the first answer at
  the response_url, RSS after start and after that answer;
- database size per 1k chunks.

Run: .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000] [--runs 3] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext"
NEWS_QUERIES = [
    "oil prices", "who is Tony Blair", "mobile phone sales", "Chelsea transfer", "film awards nominations",
    "interest rates Bank of England", "who is Gordon Brown", "broadband in the UK", "steel tariffs",
    "what did the chancellor say about the budget?",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def build_base(path: Path) -> dict:
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import Store

    embedder = make_embedder()
    store = Store(path)
    start = time.perf_counter()
    report = ingest(store, embedder, [str(ROOT / "seeds"), str(BBC)])
    seconds = time.perf_counter() - start
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {"ingest_s": seconds, "chunks": report.chunks, "added": len(report.added)}


def mark_copy(text: str, copy: int) -> str:
    """The chunk's text with a mark of this copy, of the same length (offsets stay valid): the spaces at the
    copy number's 1-bits become zero-width spaces. Answers quote a sentence that several articles share
    once, so word-for-word copies would leave a big index few distinct candidates and look cheap to answer;
    marked, each copy's sentences are candidates of their own, as distinct articles' sentences would be."""
    spaces = [i for i, ch in enumerate(text) if ch == " "][:16]
    chars = list(text)
    for bit, at in enumerate(spaces):
        if copy >> bit & 1:
            chars[at] = "\u200b"
    return "".join(chars)


def grow(base: Path, target: Path, chunks_wanted: int) -> int:
    """Copy base articles into a new database, again and again as distinct articles, to chunks_wanted."""
    for stale in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)  # a write-ahead log left from an earlier run would be replayed into the copy
    con = sqlite3.connect(base)
    con.execute("VACUUM INTO ?", [str(target)])
    con.close()
    con = sqlite3.connect(target)
    con.create_function("mark", 2, mark_copy, deterministic=True)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("ATTACH ? AS base", [str(base)])
    max_article = con.execute("SELECT max(id) FROM base.articles").fetchone()[0]
    max_chunk = con.execute("SELECT max(id) FROM base.chunks").fetchone()[0]
    have = con.execute("SELECT count(*) FROM chunks").fetchone()[0]
    if have > chunks_wanted:  # smaller than the base: drop the newest articles
        keep = con.execute("SELECT article_id FROM chunks WHERE id = (SELECT id FROM chunks ORDER BY id "
                           "LIMIT 1 OFFSET ?)", [chunks_wanted]).fetchone()[0]
        con.execute("DELETE FROM chunk_vectors WHERE chunk_id IN (SELECT id FROM chunks WHERE article_id >= ?)",
                    [keep])
        con.execute("DELETE FROM mentions WHERE article_id >= ?", [keep])
        con.execute("DELETE FROM chunks WHERE article_id >= ?", [keep])
        con.execute("UPDATE articles SET story_id = NULL WHERE story_id >= ?", [keep])
        con.execute("DELETE FROM articles WHERE id >= ?", [keep])
        con.commit()
        con.execute("VACUUM")  # the size per 1k chunks must not count the freed pages
    copy = 0
    while (have := con.execute("SELECT count(*) FROM chunks").fetchone()[0]) < chunks_wanted:
        copy += 1
        a, c = copy * max_article, copy * max_chunk
        # the last copy stops at the article that reaches the wanted size
        last = con.execute("SELECT article_id FROM base.chunks ORDER BY id LIMIT 1 OFFSET ?",
                           [min(chunks_wanted - have, max_chunk) - 1]).fetchone()[0]
        with con:
            con.execute(f"""INSERT INTO articles (id, source_key, title, outlet, url, path, published, content_hash,
                            body, indexed_at, story_id)
                            SELECT id + {a}, source_key || '#copy{copy}', title, outlet, url, path, published,
                            content_hash || '#copy{copy}', body, indexed_at, story_id + {a}
                            FROM base.articles WHERE id <= ?""", [last])
            con.execute(f"""INSERT INTO chunks (id, article_id, seq, start, "end", heading, text, sentences)
                            SELECT id + {c}, article_id + {a}, seq, start, "end", heading, mark(text, {copy}),
                            sentences
                            FROM base.chunks WHERE article_id <= ?""", [last])
            con.execute(f"""INSERT INTO turns (article_id, start, "end", label, asks, speaker)
                            SELECT article_id + {a}, start, "end", label, asks, speaker
                            FROM base.turns WHERE article_id <= ?""", [last])
            con.execute(f"""INSERT INTO chunk_vectors (chunk_id, model, vector)
                            SELECT v.chunk_id + {c}, v.model, v.vector FROM base.chunk_vectors v
                            JOIN base.chunks ch ON ch.id = v.chunk_id WHERE ch.article_id <= ?""", [last])
            con.execute(f"""INSERT INTO mentions (person_id, article_id, role, sentence_start, sentence_end)
                            SELECT person_id, article_id + {a}, role, sentence_start, sentence_end
                            FROM base.mentions WHERE article_id <= ?""", [last])
    with con:
        n = con.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0]
        con.execute("UPDATE counters SET value = ? WHERE name = 'vectors_added'", [n])
        con.execute("UPDATE counters SET value = 0 WHERE name = 'vectors_removed'")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return have


def store_url(db: Path | str) -> str:
    """A database file, or a DATABASE_URL as it is (bench/pg_scale.py passes PostgreSQL's)."""
    return db if isinstance(db, str) else f"sqlite:///{db}"


def latency_run(db: Path | str) -> dict:
    """One process: open, warm up, then 3 passes of the query set; latencies in ms."""
    code = f"""
import json, time, sys
sys.path.insert(0, {str(ROOT)!r})
from bot.app import make_answerer
from store import open_store
from model.embeddings import make_embedder
from testkit.dev_questions import DEV_SET
queries = [c.query for c in DEV_SET] + {NEWS_QUERIES!r}
answerer = make_answerer(open_store({store_url(db)!r}), make_embedder())
t = time.perf_counter(); answerer.answer("warm up"); first = time.perf_counter() - t
for q in queries: answerer.answer(q)
times, retrieval = [], []
for _ in range(3):
    for q in queries:
        t = time.perf_counter(); answerer.answer(q); times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); answerer.retrieve(q, answerer.embedder.embed([q])[0])
        retrieval.append((time.perf_counter() - t) * 1000)
rss = int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]) / 1024
print(json.dumps({{"times": times, "retrieval": retrieval, "first_s": first, "peak_rss_mb": rss}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    times, retrieval = data.pop("times"), data.pop("retrieval")
    return {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "p99_ms": pct(times, 99),
            "retrieval_p50_ms": pct(retrieval, 50), "retrieval_p95_ms": pct(retrieval, 95), **data}


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024


def serve_run(db: Path | str, port: int) -> dict:
    """Cold start of `us-china serve`: /healthz, then one slash command answered at the response_url."""
    from testkit.fake_slack import FakeSlack
    from testkit.slack_requests import FORM, SECRET, command_body, post

    slack = FakeSlack()
    env = {**os.environ, "DATABASE_URL": store_url(db), "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": slack.url, "PORT": str(port), "SLACK_APP_TOKEN": "", "RATE_LIMIT_PER_MINUTE": "0"}
    start = time.perf_counter()
    server = subprocess.Popen([str(ROOT / ".venv/bin/us-china"), "serve"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
        healthz = time.perf_counter() - start
        rss_start = rss_mb(server.pid)
        status, _ = post(f"http://127.0.0.1:{port}/slack/events",
                         command_body("tensions taiwan", slack.response_url("first")), FORM)
        assert status == 200
        slack.wait_for("/respond/first", timeout=600)
        first_answer = slack.times["/respond/first"] - start
        time.sleep(0.5)
        return {"healthz_s": healthz, "first_answer_s": first_answer, "rss_start_mb": rss_start,
                "rss_answering_mb": rss_mb(server.pid)}
    finally:
        server.terminate()
        server.wait(30)
        slack.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", help="keep the databases here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        base = work / "base.db"
        if not base.exists():
            built = build_base(base)
            print(f"base: seeds/ + BBC ingested in {built['ingest_s']:.0f} s, {built['chunks']:,} chunks")
        rows = []
        for size in (int(s) for s in args.sizes.split(",")):
            db = work / f"scale-{size}.db"
            if not db.exists():  # built under another name first: an interrupted build is never reused
                start = time.perf_counter()
                partial = db.with_suffix(".partial")
                grow(base, partial, size)
                partial.rename(db)
                print(f"built {db.name} in {time.perf_counter() - start:.0f} s", flush=True)
            chunks = sqlite3.connect(db).execute("SELECT count(*) FROM chunks").fetchone()[0]
            size_bytes = db.stat().st_size
            runs = []
            for run in range(args.runs):
                runs.append(latency_run(db) | serve_run(db, 3900 + run))
                print(f"  {chunks:,} chunks run {run + 1}: {json.dumps({k: round(v, 3) for k, v in runs[-1].items()})}",
                      flush=True)
            rows.append((chunks, size_bytes, runs))
        print(f"\n# {os.cpu_count()} cores; median of {args.runs} runs (min–max)")
        keys = ["p50_ms", "p95_ms", "p99_ms", "retrieval_p50_ms", "retrieval_p95_ms", "first_s", "peak_rss_mb",
                "healthz_s", "first_answer_s",
                "rss_start_mb", "rss_answering_mb"]
        print("| figure | " + " | ".join(f"{c:,} chunks" for c, _, _ in rows) + " |")
        print("|---|" + "---|" * len(rows))
        for key in keys:
            cells = []
            for _, _, runs in rows:
                values = [r[key] for r in runs]
                cells.append(f"{statistics.median(values):,.2f} ({min(values):,.2f}–{max(values):,.2f})")
            print(f"| {key} | " + " | ".join(cells) + " |")
        print("| database MB per 1k chunks | " + " | ".join(f"{b / c * 1000 / 1e6:.2f}" for c, b, _ in rows) + " |")


if __name__ == "__main__":
    main()
