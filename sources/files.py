"""Files -> text and metadata. Every way a file can be bad becomes a BadSource with a reason."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sources.errors import BadSource
from store import NewArticle

MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SOURCES_FILE = "sources.csv"


@dataclass(frozen=True)
class SourceMeta:
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def expand(inputs: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to index from files and folders, and the inputs that are not there."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            missing.append((item, "no such file or folder"))
    return list(dict.fromkeys(files)), missing


def read_sources_csv(folder: Path) -> dict[str, SourceMeta]:
    """`file,title,url,date,...` rows beside the articles; a broken sources.csv is ignored, not fatal."""
    path = folder / SOURCES_FILE
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return {
                row["file"]: SourceMeta(
                    row.get("title") or None, row.get("url") or None,
                    _iso_date(row.get("date")), row.get("outlet") or None)
                for row in csv.DictReader(f) if row.get("file")
            }
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return {}


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return match.group() if match else None


BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes) -> str:
    """Text in the encodings news files come in: a byte-order mark says UTF-8 or UTF-16; otherwise UTF-8 if
    it decodes strictly, else Windows-1252 (which Latin-1 files read the same in every printable character),
    else Latin-1. charset-normalizer was measured and not used: on short Western texts it chose Mac Roman or
    cp775 for Windows-1252 ("£", curly quotes), where this order is right. NUL bytes without a UTF-16 mark
    are a binary file."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise BadSource(f"not {encoding} text although it starts with a {encoding} mark") from e
    if b"\x00" in data[:8192]:
        raise BadSource("binary file, not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadSource(f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BadSource(f"cannot be read ({e.strerror or e})") from e
    if len(data) > MAX_BYTES:
        raise BadSource("too large (it grew past 5 MB while being read)")
    text = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadSource("empty file")
    return text


def _from_txt(text: str) -> tuple[str, str]:
    title, _, body = text.strip().partition("\n")
    return title.strip(), body.strip()


MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_MARKS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _from_md(text: str) -> tuple[str, str]:
    lines = text.strip().split("\n")
    title = next((line.lstrip("#").strip() for line in lines if line.startswith("# ")), "")
    if not title:
        title, lines = lines[0].lstrip("#").strip(), lines[1:]
    else:
        lines = [line for line in lines if line.lstrip("#").strip() != title]
    body = "\n".join(re.sub(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)", "", line) for line in lines)
    body = MD_MARKS.sub(r"\2", MD_LINK.sub(r"\1", body))
    return title, body.strip()


def extract_html(html: str, url: str | None = None) -> tuple[str, str, SourceMeta]:
    """Main text, title, date and outlet of a web page, via trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (getattr(doc, "text", None) or "").strip() if doc else ""
    if len(text.split()) < 20:
        raise BadSource("no article text found in the page")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    meta = SourceMeta(title or None, doc.url or url, _iso_date(doc.date), doc.sitename or doc.hostname)
    return title or lines[0][:150], "\n\n".join(lines), meta


def load_file(path: Path, meta: SourceMeta | None = None) -> NewArticle:
    """A file as an article: .txt (first line the title), .md or .html."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise BadSource(f"unsupported file type {suffix or '(none)'}; use .txt, .md or .html")
    text = _read_text(path)
    meta = meta or SourceMeta()
    page = SourceMeta()
    if suffix in {".html", ".htm"}:
        title, body, page = extract_html(text)
    elif suffix in {".md", ".markdown"}:
        title, body = _from_md(text)
    else:
        title, body = _from_txt(text)
    if not body.strip():
        raise BadSource("no text after the title line")
    title = meta.title or title or path.stem
    return NewArticle(
        source_key=str(path.resolve()),
        title=title,
        body=body,
        content_hash=content_hash(title, body),
        outlet=meta.outlet or page.outlet,
        url=meta.url or page.url,
        path=str(path),
        published=meta.published or page.published,
    )
