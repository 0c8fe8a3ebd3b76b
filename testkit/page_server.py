"""A real web server on 127.0.0.1 serving pages and feeds built from the real texts in seeds/ (never made up),
plus every way a page can be bad: 404, 500, slow, 50 MB, binary, a PDF, no article text, redirect loops."""
from __future__ import annotations

import csv
import html
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(name_part: str) -> dict:
    """A seed article: file, title, url, date and body, from seeds/ and seeds/sources.csv."""
    path = next(SEEDS.glob(f"*{name_part}*.txt"))
    with (SEEDS / "sources.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["file"] == path.name)
    title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
    return {"file": path.name, "title": row["title"] or title.strip(), "url": row["url"], "date": row["date"],
            "body": body.strip()}


def article_html(article: dict, site: str) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in article["body"].split("\n") if p.strip())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article['title'])} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(article['title'])}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="article:published_time" content="{article['date']}T12:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>{html.escape(article['title'])}</h1>
<time datetime="{article['date']}">{article['date']}</time>
{paragraphs}
</article></main><footer>Public domain U.S. Government work.</footer></body></html>"""


def rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """items: (title, link, date)."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(d).replace(tzinfo=UTC))}</pubDate></item>"
        for t, link, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>http://example.org/</link><description>{html.escape(title)}</description>{entries}"
            "</channel></rss>")


class PageServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.not_modified = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                if path == "/slow":
                    time.sleep(3)
                if path == "/huge":  # 50 MB of HTML, no Content-Length: only a size cap stops it
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    block = b"<p>" + b"filler text " * 5000 + b"</p>"
                    try:
                        for _ in range(50 * 1024 * 1024 // len(block) + 1):
                            self.wfile.write(f"{len(block):x}\r\n".encode() + block + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if path.startswith("/loop/"):
                    n = int(path.rsplit("/", 1)[1])
                    return self._send(302, {"Location": f"/loop/{n + 1}"}, b"")
                status, headers, body = server.routes.get(path, (404, {"Content-Type": "text/html"},
                                                                 b"<html><body><h1>Not Found</h1></body></html>"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    server.not_modified += 1
                    return self._send(304, {"ETag": etag}, b"")
                self._send(status, headers, body)

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.add_bad_pages()

    def page(self, path: str, article: dict, site: str) -> str:
        self.routes[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, article_html(article, site).encode())
        return self.url + path

    def feed(self, path: str, title: str, items: list[tuple[str, str, str]], etag: str) -> str:
        self.routes[path] = (200, {"Content-Type": "application/rss+xml", "ETag": etag}, rss(title, items).encode())
        return self.url + path

    def add_bad_pages(self) -> None:
        self.routes["/500"] = (500, {"Content-Type": "text/html"}, b"<html><body>Internal Server Error</body></html>")
        self.routes["/slow"] = (200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>")
        self.routes["/binary"] = (200, {"Content-Type": "text/html"}, bytes(range(256)) * 64)
        self.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n" + b"0" * 2000)
        self.routes["/nav-only"] = (200, {"Content-Type": "text/html"},
                                    b"<html><head><title>Menu</title></head><body><nav><a href='/a'>A</a>"
                                    b"<a href='/b'>B</a></nav></body></html>")
        self.routes["/not-a-feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, b"<html>oops</html>")

    def close(self) -> None:
        self.server.shutdown()
