"""Why the store opens one connection per thread: sqlite-utils wraps each read in a savepoint with a fixed
name, so reads from several threads on ONE shared connection interleave their savepoints and fail.

Run: .venv/bin/python bench/threads.py DB
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import threading
import time

from sqlite_utils import Database

sys.path.insert(0, ".")
from store import Store


def hammer(get_db, threads: int = 8, reads: int = 300) -> tuple[int, float]:
    """Readers on several threads while one thread writes in transactions, as the bot does."""
    errors = []
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            try:
                with get_db().atomic() as db:
                    db.execute("UPDATE counters SET value = value WHERE name = 'vectors_added'")
                    time.sleep(0.001)
            except Exception as e:
                errors.append(type(e).__name__)

    def work() -> None:
        for _ in range(reads):
            try:
                list(get_db().query("SELECT id, title FROM articles ORDER BY id LIMIT 20"))
            except Exception as e:
                errors.append(type(e).__name__)

    start = time.perf_counter()
    writer = threading.Thread(target=write)
    writer.start()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    stop.set()
    writer.join()
    return len(errors), time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", help="an indexed database (a copy: the benchmark writes to it)")
    path = parser.parse_args().db
    shared = Database(sqlite3.connect(path, check_same_thread=False))
    errors, seconds = hammer(lambda: shared)
    print(f"shared connection: {errors} errors in {seconds:.2f} s")
    store = Store(path)
    errors, seconds = hammer(lambda: store.db)
    print(f"connection per thread (Store.db): {errors} errors in {seconds:.2f} s")
