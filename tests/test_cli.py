"""The command line as a user runs it: real subprocesses, the real model."""
import json
import os
import re
import subprocess
import sys

from tests.conftest import ROOT, SEEDS


def run(args, db, stdin=None, extra_env=None):
    env = {**os.environ, "DATABASE_PATH": str(db), "SEEDS_DIR": str(SEEDS), "HF_HUB_OFFLINE": "1"}
    for name in [n for n in env if n.startswith("SLACK_")]:
        env.pop(name)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_make_run_without_slack_indexes_then_answers_from_stdin(seeded_copy):
    result = run(["run"], seeded_copy, stdin="who is Kurt Campbell\ntensions taiwan\n")
    assert result.returncode == 0, result.stderr
    assert "43 unchanged" in result.stdout
    assert "manifest.yml" in result.stdout, "says how to connect Slack"
    assert "White House Indo-Pacific Coordinator" in result.stdout
    assert "Taiwan" in result.stdout.split("Indo-Pacific Coordinator", 1)[1]


def test_ask_json_follows_the_contract(seeded_copy):
    result = run(["ask", "who is Kurt Campbell", "--json"], seeded_copy)
    data = json.loads(result.stdout)
    assert data["intent"] == "who-is" and data["answered"] and data["entity"] == "Kurt Campbell"
    assert {"text", "title", "source", "published", "score"} <= set(data["excerpts"][0])


def test_stats_and_help_do_not_import_the_model(seeded_copy):
    result = run(["stats"], seeded_copy, extra_env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert re.search(r"articles: 43\b", result.stdout)
    for imports in (result.stderr, run(["--help"], seeded_copy, extra_env={"PYTHONPROFILEIMPORTTIME": "1"}).stderr):
        assert "import time:" in imports
        assert not re.search(r"\|\s+(torch|sentence_transformers)$", imports, re.M)


def test_ingest_exit_code_says_whether_anything_failed(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = run(["ingest", str(bad)], tmp_path / "db.sqlite")
    assert result.returncode == 1 and "binary" in result.stderr


def test_digest_prints_or_posts(seeded_copy, slack):
    printed = run(["digest", "--channel", "C1", "--topic", "fentanyl", "--since", "1d"], seeded_copy)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("2 new stories on fentanyl since ")
    assert "“" in printed.stdout and "fentanyl" in printed.stdout.split("\n", 1)[1].lower()
    empty = run(["digest", "--channel", "C1", "--since", "1d", "--topic", "taiwan"], seeded_copy,
                extra_env={"DATABASE_PATH": str(seeded_copy.parent / "empty.db")})
    assert empty.stdout.startswith("Nothing new on taiwan since ")
    assert "--post needs SLACK_BOT_TOKEN" in run(["digest", "--channel", "C1", "--post"], seeded_copy).stderr
    assert run(["digest", "--channel", "C1", "--since", "yesterday"], seeded_copy).returncode == 2
    # run() drops SLACK_* from the environment; a .env-less child gets them back through extra_env
    posted = run(["digest", "--channel", "CCLI", "--topic", "fentanyl", "--post"], seeded_copy,
                 extra_env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.api_url})
    assert posted.returncode == 0, posted.stderr
    [message] = slack.delivered("CCLI")
    assert message["text"].startswith("2 new stories on fentanyl") and len(message["blocks"]) == 5


def test_a_database_url_that_cannot_be_reached_is_one_clear_line(tmp_path):
    from testkit.ports import free_port

    url = f"postgresql://bot:secret-password@127.0.0.1:{free_port()}/us_china"
    for command in (["stats"], ["ask", "tensions taiwan"], ["serve"]):
        result = run(command, tmp_path / "unused.db", extra_env={
            "DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-x", "SLACK_SIGNING_SECRET": "s"})
        assert result.returncode == 1, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("Error: cannot open the database at postgresql://bot:***@127.0.0.1:")
        assert "secret-password" not in result.stderr and "Traceback" not in result.stderr
    result = run(["stats"], tmp_path / "unused.db", extra_env={"DATABASE_URL": "mysql://localhost/x"})
    assert result.returncode == 1 and "DATABASE_URL must be sqlite:///" in result.stderr
