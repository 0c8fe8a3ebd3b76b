"""Fetching web pages and feeds safely: timeouts, a size cap, redirects checked hop by hop, no private hosts.

Every way a fetch can fail becomes a FetchError (a BadSource) whose message is for the person who
gave the URL: "the server answered 404 Not Found", "larger than 5 MB", "refused: 10.0.0.5 is a
private address".
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from sources.errors import FetchError
from sources.files import MAX_BYTES, SourceMeta, _from_txt, content_hash, extract_html
from sources.ssrf import check_host
from store import NewArticle

CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 20.0
MAX_REDIRECTS = 5
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json", "text/html"}  # some servers label feeds text/html; feedparser decides
USER_AGENT = "us-china-bot/0.1 (+https://github.com/; news indexing for a Slack team)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional headers matched
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    def text(self) -> str:
        """The body decoded by its declared charset, else a <meta charset>, else UTF-8."""
        declared = re.search(r"charset=([\w.-]+)", self.content_type, re.I)
        sniffed = re.search(rb"<meta[^>]+charset=[\"']?([\w.-]+)", self.body[:4096], re.I)
        for encoding in [declared.group(1) if declared else None, sniffed.group(1).decode() if sniffed else None]:
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    pass
        return self.body.decode("utf-8", errors="replace")


def normalise_url(url: str) -> str:
    """The URL as a key: scheme and host lower-cased, no fragment. Raises FetchError if not http(s)."""
    url = url.strip().strip("<>")
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"only http and https links can be added, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError("the link has no host name")
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


class Fetcher:
    def __init__(self, allow_private: bool = False, total_timeout: float = TOTAL_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT, max_bytes: int = MAX_BYTES) -> None:
        self.allow_private = allow_private
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            follow_redirects=False, headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(total_timeout, connect=connect_timeout))

    def fetch(self, url: str, accept: set[str] = PAGE_TYPES, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        url = normalise_url(url)
        deadline = time.monotonic() + self.total_timeout
        headers = {k: v for k, v in {"If-None-Match": etag, "If-Modified-Since": last_modified}.items() if v}
        for _ in range(MAX_REDIRECTS + 1):
            check_host(url, self.allow_private)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and response.headers.get("location"):
                        url = normalise_url(urljoin(url, response.headers["location"]))
                        continue
                    return self._read(url, response, accept, deadline)
            except httpx.TimeoutException as e:
                raise FetchError(f"timed out (limits: {CONNECT_TIMEOUT:.0f} s to connect, "
                                 f"{self.total_timeout:.0f} s in all)") from e
            except httpx.HTTPError as e:
                raise FetchError(f"could not fetch it ({type(e).__name__}: {e})") from e
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _read(self, url: str, response: httpx.Response, accept: set[str], deadline: float) -> Fetched:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if response.status_code == 304:
            return Fetched(url, 304, "", b"", etag, modified)
        if response.status_code >= 400:
            raise FetchError(f"the server answered {response.status_code} {response.reason_phrase}".rstrip())
        content_type = response.headers.get("content-type", "")
        kind = content_type.split(";")[0].strip().lower()
        if kind and kind not in accept:
            raise FetchError(f"not a web page (content type {kind})")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"larger than {self.max_bytes // (1024 * 1024)} MB ({int(declared) / 1e6:.0f} MB)")
        data = bytearray()
        for piece in response.iter_bytes():
            data += piece
            if len(data) > self.max_bytes:
                raise FetchError(f"larger than {self.max_bytes // (1024 * 1024)} MB")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out (it took more than {self.total_timeout:.0f} s)")
        if b"\x00" in data[:8192]:
            raise FetchError("binary content, not a web page")
        if not data.strip():
            raise FetchError("the page is empty")
        return Fetched(url, response.status_code, content_type, bytes(data), etag, modified)

    def close(self) -> None:
        self.client.close()


def load_url(fetcher: Fetcher, url: str) -> NewArticle:
    """A web page as an article: main text, title, date and outlet via trafilatura; the URL is its key."""
    key = normalise_url(url)
    page = fetcher.fetch(key)
    text = page.text()
    if page.content_type.lower().startswith("text/plain"):
        title, body = _from_txt(text)
        meta = SourceMeta(outlet=urlsplit(page.url).hostname)
    else:
        title, body, meta = extract_html(text, page.url)
    if not body.strip():
        raise FetchError("no article text found in the page")
    return NewArticle(source_key=key, title=title, body=body, content_hash=content_hash(title, body),
                      outlet=meta.outlet, url=page.url, published=meta.published)


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://", text.strip(), re.I))
