"""Many workspaces, end to end: `us-china serve` in OAuth mode, installed in two workspaces through
/slack/install -> the Slack stand-in's authorize -> /slack/oauth_redirect (oauth.v2.access on the stand-in),
then signed requests from each workspace. Asserts on what Slack would receive, including each call's token."""
from __future__ import annotations

import html
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from testkit.fake_slack import FakeSlack
from testkit.replicas import Replica, wait_healthy
from testkit.slack_requests import FORM, JSON, SECRET, command_body, event_body, post
from tests.conftest import ROOT

A, B = ("TA", "Newsroom A", "xoxb-token-of-workspace-a"), ("TB", "Partner B", "xoxb-token-of-workspace-b")
SHARED_CHANNEL = "CSHARED"  # a Slack Connect channel: one id, seen from both workspaces


def get(url: str, cookie: str = "") -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


class Bot:
    """One `us-china serve` in OAuth mode on a database that outlives it."""

    def __init__(self, slack: FakeSlack, db: Path, folder: Path) -> None:
        self.slack, self.db, self.folder, self.starts = slack, db, folder, 0
        self.replica: Replica | None = None

    def start(self) -> None:
        self.starts += 1
        env = {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "client-secret",
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": self.slack.api_url, "DATABASE_PATH": str(self.db),
               "HF_HUB_OFFLINE": "1", "TIMEZONE": "UTC", "ADMIN_USER_IDS": f"{A[0]}:UADMIN_A",
               "WATCH_INTERVAL_SECONDS": "2",
               "PATH": "/usr/bin:/bin"}
        self.replica = Replica(f"oauth-{self.starts}", env, self.folder)
        wait_healthy([self.replica])

    @property
    def base(self) -> str:
        return self.replica.url.removesuffix("/slack/events")

    def stop(self) -> None:
        self.replica.stop()

    def install(self, team: tuple[str, str, str], code: str) -> tuple[str, str]:
        """Click "Add to Slack", approve on Slack, follow the redirect back: the (state, cookie) used."""
        status, page, headers = get(self.base + "/slack/install")
        assert status == 200 and "Add to Slack" in page
        authorize = html.unescape(re.search(r'href="([^"]+/oauth/v2/authorize[^"]*)"', page).group(1))
        assert authorize.startswith(self.slack.url + "/oauth/v2/authorize?")
        query = parse_qs(urlparse(authorize).query)
        assert query["client_id"] == ["1111.2222"] and "chat:write" in query["scope"][0].split(",")
        cookie = headers["set-cookie"].split(";")[0]
        self.slack.will_install(code, *team)
        status, page, _ = get(f"{self.base}/slack/oauth_redirect?code={code}&state={query['state'][0]}", cookie)
        assert status == 200 and f"us-china is now in {team[1]}" in page, page
        return query["state"][0], cookie

    def command(self, team: str, text: str, reply: str, user: str = "U1", channel: str = SHARED_CHANNEL) -> str:
        """The text of the one answer to a slash command (or Bolt's refusal, sent in the HTTP response)."""
        status, body = post(self.replica.url, command_body(text, self.slack.response_url(reply), team=team,
                                                           user=user, channel=channel), FORM)
        assert status == 200
        if body:
            return body
        return self.slack.wait_for(f"/respond/{reply}")[0]["text"]


@pytest.fixture(scope="module")
def bot(seeded_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspaces")
    shutil.copy(seeded_db, folder / "bot.db")
    slack = FakeSlack()
    running = Bot(slack, folder / "bot.db", folder)
    running.start()
    yield running
    running.stop()
    slack.close()


def next_minute(seconds_ahead: int) -> datetime:
    return (datetime.now(UTC) + timedelta(seconds=seconds_ahead)).replace(second=0, microsecond=0)


def test_two_workspaces_apart_then_one_uninstalls_and_a_restart_keeps_the_rest(bot):
    slack = bot.slack
    state_a, cookie_a = bot.install(A, "code-a")
    bot.install(B, "code-b")

    # each workspace's slash command is authorized and answered with its own token
    for team, token in ((A[0], A[2]), (B[0], B[2])):
        before = len(slack.tokens_used("/auth.test"))
        assert "Indo-Pacific" in bot.command(team, "who is Kurt Campbell", f"who-{team}")
        assert slack.tokens_used("/auth.test")[before:] == [token]

    # a mention in each is posted with that workspace's token
    for n, team in enumerate((A[0], B[0])):
        event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who is Kurt Campbell", "ts": f"{100 + n}.1",
                 "channel": f"CMENTION{team}"}
        assert post(bot.replica.url, event_body(event, f"EvMention{team}", team=team), JSON)[0] == 200
        [reply] = [r for r in slack.wait_for("/chat.postMessage", n + 1) if r["channel"] == f"CMENTION{team}"]
        assert "Indo-Pacific" in str(reply["blocks"])
    posts = [(body["channel"], token) for body, token in zip(slack.received("/chat.postMessage"),
                                                             slack.tokens_used("/chat.postMessage"), strict=True)]
    assert posts == [("CMENTIONTA", A[2]), ("CMENTIONTB", B[2])]

    # schedules are each workspace's own, even in a channel both share; admins are per workspace
    due = next_minute(90)
    at = f"{due:%H:%M}"
    assert bot.command(A[0], f"schedule daily {at}", "a-no", user="U1").startswith("Only <@UADMIN_A> can create")
    made_a = bot.command(A[0], f"schedule daily {at} taiwan", "a-make", user="UADMIN_A")
    made_b = bot.command(B[0], f"schedule daily {at}", "b-make", user="U1")
    id_a, id_b = (int(re.match(r"Scheduled #(\d+)", made).group(1)) for made in (made_a, made_b))
    listed_b = bot.command(B[0], "schedule list", "b-list")
    assert listed_b.startswith(f"#{id_b} daily") and f"#{id_a}" not in listed_b
    assert bot.command(B[0], f"schedule cancel {id_a}", "b-cancel-a").startswith(f"There is no schedule #{id_a}")
    assert bot.command(A[0], "schedule list", "a-list").startswith(f"#{id_a} daily")
    home = {"type": "app_home_opened", "user": "U1", "channel": "DHOME", "tab": "home"}
    assert post(bot.replica.url, event_body(home, "EvHomeB", team=B[0]), JSON)[0] == 200
    [view] = slack.wait_for("/views.publish")
    assert slack.tokens_used("/views.publish") == [B[2]]
    assert f"#{id_b} daily" in str(view["view"]) and f"#{id_a} " not in str(view["view"])

    # a forged state and a replayed one are refused, and exchange no code
    exchanges = len(slack.received("/oauth.v2.access"))
    status, page, _ = get(f"{bot.base}/slack/oauth_redirect?code=forged&state=made-up", cookie_a)
    assert status == 400 and "was not installed" in page and "invalid_browser" in page  # not this browser's
    status, page, _ = get(f"{bot.base}/slack/oauth_redirect?code=forged&state=made-up",
                          "slack-app-oauth-state=made-up")
    assert status == 401 and "was not installed" in page and "invalid_state" in page  # never issued
    slack.will_install("code-replay", "TEVIL", "Evil", "xoxb-evil")
    status, page, _ = get(f"{bot.base}/slack/oauth_redirect?code=code-replay&state={state_a}", cookie_a)
    assert status == 401 and "invalid_state" in page  # used once already
    assert len(slack.received("/oauth.v2.access")) == exchanges

    # a watch in each workspace, on a person a new article will name
    for team, user in ((A[0], "UADMIN_A"), (B[0], "U1")):
        said = bot.command(team, "watch Wendy Ridgeway", f"watch-{team}", user=user, channel=f"CWATCH{team}")
        assert said.startswith("Watching #"), said

    # workspace A removes the app: its installation and schedules go, B's digest still posts on time
    posted_before = len(slack.received("/chat.postMessage"))
    assert post(bot.replica.url, event_body({"type": "app_uninstalled"}, "EvUninstallA", team=A[0]), JSON)[0] == 200
    time.sleep(1)
    refused = bot.command(A[0], "who is Kurt Campbell", "a-after")
    assert refused.startswith("us-china is not installed in this workspace")
    mention = {"type": "app_mention", "user": "U1", "text": "<@UBOT> taiwan", "ts": "200.1", "channel": "CMENTIONTA"}
    assert post(bot.replica.url, event_body(mention, "EvMentionAfter", team=A[0]), JSON)[0] == 200
    assert "Indo-Pacific" in bot.command(B[0], "who is Kurt Campbell", "b-after")
    deadline = time.time() + 150
    while not any(b["channel"] == SHARED_CHANNEL for b in slack.received("/chat.postMessage")):
        assert time.time() < deadline, "B's digest never came"
        time.sleep(1)
    time.sleep(3)  # time enough for a wrong second digest to show
    digests = list(zip(slack.received("/chat.postMessage"), slack.tokens_used("/chat.postMessage"),
                       strict=True))[posted_before:]
    assert [(body["channel"], token) for body, token in digests] == [(SHARED_CHANNEL, B[2])]
    assert digests[0][0]["metadata"]["event_payload"]["schedule_id"] == id_b

    # a new article names the watched person: B's watch posts with B's token, A's stopped with its workspace
    article = bot.folder / "ridgeway.txt"
    article.write_text("Ridgeway named envoy\n\nTrade envoy Wendy Ridgeway will lead the talks on tariffs, the "
                       "ministry said on Monday. Wendy Ridgeway said the talks would be hard.\n")
    env = {"DATABASE_PATH": str(bot.db), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    ingested = subprocess.run([sys.executable, "-m", "bot", "ingest", str(article)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    assert ingested.returncode == 0, ingested.stderr
    deadline = time.time() + 60
    while not any(b["channel"] == f"CWATCH{B[0]}" for b in slack.received("/chat.postMessage")):
        assert time.time() < deadline, "B's watch never posted"
        time.sleep(0.5)
    time.sleep(3)
    alerts = [(body["channel"], token) for body, token in zip(slack.received("/chat.postMessage"),
              slack.tokens_used("/chat.postMessage"), strict=True) if body["channel"].startswith("CWATCH")]
    assert alerts == [(f"CWATCH{B[0]}", B[2])]
    with sqlite3.connect(bot.db) as db:
        assert db.execute("SELECT count(*) FROM slack_bots WHERE team_id = ?", [A[0]]).fetchone()[0] == 0
        assert db.execute("SELECT cancelled_at IS NOT NULL FROM schedules WHERE id = ?", [id_a]).fetchone()[0] == 1

    # a restart: B's installation and schedule are still there, A is still refused
    bot.stop()
    bot.start()
    before = len(slack.tokens_used("/auth.test"))
    assert "Indo-Pacific" in bot.command(B[0], "who is Kurt Campbell", "b-restart")
    assert slack.tokens_used("/auth.test")[before:] == [B[2]]
    assert bot.command(B[0], "schedule list", "b-list-restart").startswith(f"#{id_b} daily at {at} UTC")
    assert bot.command(A[0], "schedule list", "a-restart").startswith("us-china is not installed")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_installations_live_in_the_bots_own_database_and_outlast_the_process(backend, request, tmp_path):
    """slack_sdk's SQLAlchemy stores on each of our databases: a second opening (a restart, another replica)
    finds the installation; a state is good once."""
    from slack_sdk.oauth.installation_store import Installation

    from bot.installations import open_installations
    from core.config import Settings
    from store import open_store

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'bot.db'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"oauth_{tmp_path.name[-20:].lower()}")
    open_store(url).close()  # the articles' schema first, as `serve` does
    settings = Settings(database_url=url, slack_client_id="1111.2222", slack_client_secret="s")
    installations, states = open_installations(settings)
    installations.save(Installation(app_id="A1", team_id="TA", team_name="Newsroom A", bot_token="xoxb-a",
                                    bot_id="BBOT", bot_user_id="UBOT", bot_scopes="chat:write", user_id="U1"))
    state = states.issue()
    again, states_again = open_installations(settings)
    assert again.find_bot(enterprise_id=None, team_id="TA").bot_token == "xoxb-a"
    assert again.find_bot(enterprise_id=None, team_id="TB") is None
    assert states_again.consume(state) and not states.consume(state)
    again.delete_all(enterprise_id=None, team_id="TA")
    assert installations.find_bot(enterprise_id=None, team_id="TA") is None


def test_work_outside_a_request_rotates_a_token_about_to_expire(tmp_path):
    """With token rotation on, a digest or queued answer due after the bot token's expiry gets a fresh token
    (oauth.v2.access, grant_type=refresh_token, on the stand-in) and the new one is saved for next time."""
    from slack_sdk.oauth.installation_store import Installation

    from bot.app import connect
    from bot.installations import open_installations
    from core.config import Settings
    from store import open_store

    slack = FakeSlack()
    try:
        url = f"sqlite:///{tmp_path / 'bot.db'}"
        open_store(url).close()
        settings = Settings(database_url=url, slack_client_id="1111.2222", slack_client_secret="s",
                            slack_api_url=slack.api_url)
        installations, _ = open_installations(settings)
        installations.save(Installation(app_id="A1", team_id="TA", bot_token="xoxe.xoxb-old", bot_id="BBOT",
                                        bot_user_id="UBOT", bot_refresh_token="xoxe-1-refresh",
                                        bot_token_expires_in=60, user_id="U1"))
        client = connect(settings).workspaces.client("TA")
        assert client.token == "xoxe.xoxb-rotated"
        [refresh] = slack.received("/oauth.v2.access")
        assert refresh["grant_type"] == "refresh_token" and refresh["refresh_token"] == "xoxe-1-refresh"
        assert installations.find_bot(enterprise_id=None, team_id="TA").bot_token == "xoxe.xoxb-rotated"
        assert connect(settings).workspaces.client("TA").token == "xoxe.xoxb-rotated"
        assert len(slack.received("/oauth.v2.access")) == 1, "a fresh token is not rotated again"
    finally:
        slack.close()


def test_manifest_asks_for_the_scopes_the_install_asks_for():
    import yaml

    from bot.installations import BOT_SCOPES
    from tests.conftest import ROOT

    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")


def test_admins_per_workspace():
    from core.admins import is_admin
    from core.config import Settings

    settings = Settings.from_env({"ADMIN_USER_IDS": "TA:UA, UEVERY"})
    assert is_admin(settings, "UA", "TA") and is_admin(settings, "UEVERY", "TA") and is_admin(settings, "UEVERY", "TB")
    assert not is_admin(settings, "UB", "TA") and not is_admin(settings, "UA", "TB")
    assert is_admin(Settings.from_env({"ADMIN_USER_IDS": "TA:UA"}), "ANYONE", "TB"), "no id applies to TB"


def test_oauth_settings_say_what_is_missing():
    from core.config import Settings

    assert Settings.from_env({"SLACK_CLIENT_ID": "1.2"}).missing_for_serving() == [
        "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET"]
    oauth = Settings.from_env({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x",
                               "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "http://127.0.0.1:9/api/"})
    assert oauth.missing_for_serving() == [] and not oauth.socket_mode
    assert oauth.oauth_authorize_url == "http://127.0.0.1:9/oauth/v2/authorize"
    assert Settings().oauth_authorize_url == "https://slack.com/oauth/v2/authorize"
