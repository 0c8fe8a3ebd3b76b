import re
from pathlib import Path

import pytest

from core.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_match_the_contract():
    s = Settings.from_env({})
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.database_path == Path("data/us-china.db")
    assert s.seeds_dir == Path("seeds")
    assert s.slash_command == "/us-china"
    assert s.admin_user_ids == frozenset()
    assert s.timezone == "UTC"
    assert s.port == 3000
    assert not s.slack_configured


def test_values_are_parsed():
    s = Settings.from_env({"ADMIN_USER_IDS": " U1, U2 ,", "PORT": "8080", "SLACK_APP_TOKEN": "xapp-1",
                           "SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert s.admin_user_ids == {"U1", "U2"}
    assert s.port == 8080
    assert s.socket_mode
    assert s.slack_api_url == "http://127.0.0.1:9/api/"


def test_bad_port_is_named():
    with pytest.raises(ValueError, match="PORT"):
        Settings.from_env({"PORT": "eighty"})


def test_serving_names_missing_settings():
    assert Settings.from_env({}).missing_for_serving() == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    assert Settings.from_env({"SLACK_BOT_TOKEN": "x", "SLACK_APP_TOKEN": "y"}).missing_for_serving() == []


def test_real_environment_wins_over_dotenv(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("SLASH_COMMAND=/from-file\nTIMEZONE=Europe/London\n")
    monkeypatch.setenv("SLASH_COMMAND", "/from-env")
    s = load_settings(env_file)
    assert s.slash_command == "/from-env"
    assert s.timezone == "Europe/London"


def test_env_example_documents_every_setting():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    source = (ROOT / "core" / "config.py").read_text()
    read = set(re.findall(r'get\("([A-Z_]+)"', source)) | set(re.findall(r'env\.get\("([A-Z_]+)"', source))
    assert read <= documented, f"settings missing from .env.example: {read - documented}"
    for line in (ROOT / ".env.example").read_text().splitlines():
        if re.match(r"^[A-Z_]+=", line):
            assert line.split("=")[0] in read, f"{line} is documented but never read"
