"""Sentences and chunks: the units we index, with offsets back into the article body."""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import blingfire
import numpy as np

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_SENTENCE_CHARS = 1200
CHUNK_WORDS = 60
CHUNK_MAX_SENTENCES = 4
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    sentences: tuple[Span, ...]


def _paragraphs(body: str) -> list[Span]:
    spans, pos = [], 0
    for match in PARAGRAPH_BREAK.finditer(body):
        spans.append(Span(pos, match.start()))
        pos = match.end()
    spans.append(Span(pos, len(body)))
    return [s for s in spans if body[s.start:s.end].strip()]


def _trim(body: str, start: int, end: int) -> Span | None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _cut_long(body: str, span: Span) -> list[Span]:
    """A run-on 'sentence' (a table, a list with no stops) is cut at spaces so no chunk is huge."""
    if span.end - span.start <= MAX_SENTENCE_CHARS:
        return [span]
    pieces, start = [], span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        cut = body.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        if piece := _trim(body, start, cut):
            pieces.append(piece)
        start = cut
    if piece := _trim(body, start, span.end):
        pieces.append(piece)
    return pieces


def _sentence_offsets(text: str) -> list[tuple[int, int]]:
    """blingfire's sentence (start, end) character offsets. Its own wrapper maps UTF-8 byte offsets to
    characters in a Python loop over every byte; NumPy maps them here, in half the time."""
    raw = text.encode("utf-8")
    size = len(raw) * 2
    out, starts, ends = ctypes.create_string_buffer(size), (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)()
    n = blingfire.blingfire.TextToSentencesWithOffsets(ctypes.c_char_p(raw), ctypes.c_int(len(raw)), ctypes.byref(out),
                                                       ctypes.byref(starts), ctypes.byref(ends), ctypes.c_int(size))
    if n == -1 or n > size:
        return []
    count = out.value.count(b"\n") + 1
    first = np.frombuffer(starts, dtype=np.int32, count=count)
    after = np.frombuffer(ends, dtype=np.int32, count=count) + 1  # blingfire's end is the last byte
    if len(raw) != len(text):  # not ASCII: the character each byte belongs to
        data = np.frombuffer(raw, dtype=np.uint8)
        char_of = np.append(np.cumsum((data & 0xC0) != 0x80) - 1, len(text))
        first, after = char_of[first], char_of[after]
    return list(zip(first.tolist(), after.tolist()))


# blingfire ends a sentence after these; they are followed by a name or a case's second party
NOT_AN_END = re.compile(r"(?:^|\s)(?:v|vs|Gen|Gens|Sen|Sens|Rep|Reps|Gov|Lt|Col|Adm|Sgt|Capt|Maj|Cmdr|Rev|Hon|Messrs)"
                        r"\.$")


def split_sentences(body: str) -> list[Span]:
    """Sentence spans in reading order; paragraphs never join, so headings stay on their own."""
    spans: list[Span] = []
    for para in _paragraphs(body):
        text = body[para.start:para.end]
        pieces: list[tuple[int, int]] = []
        for start, end in _sentence_offsets(text):
            if pieces and NOT_AN_END.search(text[pieces[-1][0]:pieces[-1][1]]) and text[start:start + 1].isupper():
                pieces[-1] = (pieces[-1][0], end)  # "Roe v. | Wade.", "Gen. | Milley said" are one sentence
            else:
                pieces.append((start, end))
        for start, end in pieces:
            if span := _trim(body, para.start + start, para.start + end):
                spans.extend(_cut_long(body, span))
    return spans


def make_chunks(body: str, sentences: list[Span]) -> list[Chunk]:
    """Group consecutive sentences into windows of about CHUNK_WORDS words, never across paragraphs."""
    chunks: list[Chunk] = []
    current: list[Span] = []
    words = 0

    def flush() -> None:
        nonlocal current, words
        if current:
            chunks.append(Chunk(current[0].start, current[-1].end, tuple(current)))
        current, words = [], 0

    for sentence in sentences:
        if current and "\n\n" in body[current[-1].end:sentence.start].replace("\r", ""):
            flush()
        n = len(body[sentence.start:sentence.end].split())
        if current and (words + n > CHUNK_WORDS * 1.5 or len(current) >= CHUNK_MAX_SENTENCES):
            flush()
        current.append(sentence)
        words += n
        if words >= CHUNK_WORDS:
            flush()
    flush()
    return chunks
