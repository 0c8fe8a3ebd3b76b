"""A real HTTP server on 127.0.0.1 that plays the Slack Web API and response_urls, recording every call."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = "UBOT"


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.times: dict[str, float] = {}  # path -> perf_counter() of its last call
        # path -> queued (status, headers, body, channel or None for any call to that path)
        self.failures: dict[str, list[tuple[int, dict, dict, str | None]]] = {}
        self.lock = threading.Lock()
        self.history: dict[str, list[dict]] = {}  # channel -> messages posted there, newest last
        self.authorization: list[tuple[str, str]] = []  # (path, Authorization header) of every call, in order
        self.codes: dict[str, tuple[str, str, str]] = {}  # OAuth code -> (team id, team name, bot token)
        self.teams: dict[str, str] = {}  # bot token -> team id, once installed
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                self.do_POST(query=self.path.partition("?")[2])

            def do_POST(self, query: str = "") -> None:
                raw = query or self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if not query and "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    for key in ("blocks", "view", "metadata"):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                path = self.path.split("?")[0]
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or body.get("token", "")
                with fake.lock:
                    queued = fake.failures.get(path) or []
                    match = next((i for i, f in enumerate(queued) if f[3] in (None, body.get("channel"))), None)
                    failure = queued.pop(match)[:3] if match is not None else None
                    fake.calls.append((path, body))
                    fake.authorization.append((path, self.headers.get("Authorization") or ""))
                    fake.times[path] = time.perf_counter()
                if failure and failure[0] == "stall":  # Slack does the work, then answers too late
                    _, seconds, deliver = failure
                    reply = fake.reply(path, body, token) if deliver else {"ok": False, "error": "request_timeout"}
                    time.sleep(seconds)
                    failure = (200 if deliver else 504, {}, reply)
                status, headers, reply = failure or (200, {}, fake.reply(path, body, token))
                data = json.dumps(reply).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_url = self.url + "/api/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reply(self, path: str, body: dict, token: str = "") -> dict:
        if path.endswith("/auth.test"):
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": self.teams.get(token, "T1"),
                    "user": "us-china", "url": "https://example.slack.com/"}
        if path.endswith("/oauth.v2.access") and body.get("grant_type") == "refresh_token":
            return {"ok": True, "app_id": "A1", "token_type": "bot", "access_token": "xoxe.xoxb-rotated",
                    "refresh_token": "xoxe-1-refresh-2", "expires_in": 43200, "bot_user_id": BOT_USER,
                    "team": {"id": "TA", "name": "Newsroom A"}, "enterprise": None, "is_enterprise_install": False}
        if path.endswith("/oauth.v2.access"):
            if body.get("code") not in self.codes:
                return {"ok": False, "error": "invalid_code"}
            team_id, team_name, bot_token = self.codes.pop(body["code"])  # a code is good once, as on Slack
            self.teams[bot_token] = team_id
            return {"ok": True, "app_id": "A1", "authed_user": {"id": "UINSTALLER"}, "scope": body.get("scope", ""),
                    "token_type": "bot", "access_token": bot_token, "bot_user_id": BOT_USER,
                    "team": {"id": team_id, "name": team_name}, "enterprise": None, "is_enterprise_install": False}
        if path.endswith("/chat.postMessage"):
            ts = f"{time.time():.6f}"
            message = {"type": "message", "ts": ts, "text": body.get("text"), "blocks": body.get("blocks"),
                       "bot_id": "BBOT", "thread_ts": body.get("thread_ts")}
            if body.get("metadata"):
                message["metadata"] = body["metadata"]
            self.history.setdefault(body.get("channel"), []).append(message)
            return {"ok": True, "channel": body.get("channel"), "ts": ts}
        if path.endswith("/conversations.replies"):
            thread = [m for m in self.history.get(body.get("channel"), []) if m.get("thread_ts") == body.get("ts")]
            if str(body.get("include_all_metadata")).lower() not in {"true", "1"}:
                thread = [{k: v for k, v in m.items() if k != "metadata"} for m in thread]
            return {"ok": True, "messages": thread, "has_more": False}
        if path.endswith("/conversations.history"):
            oldest = float(body.get("oldest") or 0)
            messages = [m for m in self.history.get(body.get("channel"), []) if float(m["ts"]) > oldest]
            if str(body.get("include_all_metadata")).lower() not in {"true", "1"}:
                messages = [{k: v for k, v in m.items() if k != "metadata"} for m in messages]
            return {"ok": True, "messages": list(reversed(messages)), "has_more": False}
        return {"ok": True}

    def delivered(self, channel: str) -> list[dict]:
        """Messages chat.postMessage accepted into a channel (failed calls are in `calls` only)."""
        with self.lock:
            return list(self.history.get(channel, []))

    def stall(self, path: str, seconds: float, channel: str | None = None, deliver: bool = True) -> None:
        """The next call to path (for channel) is answered only after `seconds`; carried out at once if
        `deliver`, else never (a request lost on the way)."""
        with self.lock:
            self.failures.setdefault(path, []).append(("stall", seconds, deliver, channel))

    def fail(self, path: str, status: int, body: dict, headers: dict | None = None, times: int = 1,
             channel: str | None = None) -> None:
        """Answer the next `times` calls to path (only those for `channel`, if given) with this failure."""
        with self.lock:
            self.failures.setdefault(path, []).extend([(status, headers or {}, body, channel)] * times)

    def received(self, path_suffix: str) -> list[dict]:
        with self.lock:
            return [body for path, body in self.calls if path.endswith(path_suffix)]

    def wait_for(self, path_suffix: str, count: int = 1, timeout: float = 30) -> list[dict]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.received(path_suffix)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{path_suffix}: {len(self.received(path_suffix))} calls, wanted {count}")

    def will_install(self, code: str, team_id: str, team_name: str, bot_token: str) -> None:
        """The next oauth.v2.access with this code installs the app in that workspace with that bot token."""
        with self.lock:
            self.codes[code] = (team_id, team_name, bot_token)

    def tokens_used(self, path_suffix: str) -> list[str]:
        """The bearer token of each call to path, in order."""
        with self.lock:
            return [auth.removeprefix("Bearer ") for path, auth in self.authorization if path.endswith(path_suffix)]

    def response_url(self, name: str) -> str:
        return f"{self.url}/respond/{name}"

    def close(self) -> None:
        self.server.shutdown()
