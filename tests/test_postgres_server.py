"""The throwaway PostgreSQL server (testkit/postgres.py): pgvector works, data survives a stop and a start on the
same port, and stop() leaves nothing behind."""
from __future__ import annotations

import psycopg
import pytest

from testkit.postgres import PostgresServer


@pytest.fixture(scope="module")
def pg():
    with PostgresServer(settings={"maintenance_work_mem": "64MB"}) as server:
        reason = server.vector_math_crashes()
        if reason:
            pytest.skip(reason)
        yield server


def test_vector_extension_is_recent(pg: PostgresServer) -> None:
    with psycopg.connect(pg.url) as conn:
        (version,) = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
        assert conn.execute("SHOW maintenance_work_mem").fetchone() == ("64MB",)
    assert tuple(int(part) for part in version.split(".")[:2]) >= (0, 8)


def test_hnsw_cosine_search_and_data_survive_stop_start_and_restart(pg: PostgresServer) -> None:
    with psycopg.connect(pg.url) as conn:
        conn.execute("CREATE TABLE passages (id int PRIMARY KEY, embedding vector(3))")
        conn.execute("CREATE INDEX ON passages USING hnsw (embedding vector_cosine_ops)")
        conn.execute("INSERT INTO passages VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')")
    nearest = "SELECT id FROM passages ORDER BY embedding <=> '[1,0.05,0]' LIMIT 2"
    with psycopg.connect(pg.url) as conn:
        assert conn.execute(nearest).fetchall() == [(1,), (3,)]

    port = pg.port
    pg.stop_server()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg.url, connect_timeout=2)
    pg.start_server()
    pg.restart()
    assert pg.port == port
    with psycopg.connect(pg.url) as conn:
        assert conn.execute(nearest).fetchall() == [(1,), (3,)]


def test_create_database_has_vector(pg: PostgresServer) -> None:
    url = pg.create_database("bench_extra")
    assert url.endswith(f":{pg.port}/bench_extra")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT '[3,4]'::vector <-> '[0,0]'").fetchone() == (5.0,)


def test_stop_kills_the_server_and_removes_its_files() -> None:
    server = PostgresServer(fsync=True).start()
    data_dir, socket_dir = server.data_dir, server.socket_dir
    assert data_dir is not None and socket_dir is not None and (data_dir / "PG_VERSION").exists()
    with psycopg.connect(server.url) as conn:
        assert conn.execute("SHOW fsync").fetchone() == ("on",)
    server.stop()
    assert not data_dir.exists() and not socket_dir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.url, connect_timeout=2)
