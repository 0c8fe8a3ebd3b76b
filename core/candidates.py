"""The sentences an answer may quote, gathered from the retrieved passages.

Each is verbatim from its article, without the speaker label a transcript prints before it, and knows its
speaker. Boilerplate never enters. A reporter's question never enters either: when a question matches, the
first sentences of the reply that follows it are the candidates instead.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from nlp.boilerplate import is_boilerplate
from nlp.sentences import split_sentences
from nlp.transcript import Turn, kind_of_document, label_length, turn_at
from store import Article, Passage, Storage

MIN_WORDS = 4
REPLY_SENTENCES = 3  # of the reply to a matching question, the first few are candidates


@dataclass(frozen=True)
class Candidate:
    text: str
    article: Article
    position: int  # offset of text in the article body
    passage_score: float  # the retrieval score of the passage it came from
    speaker: str | None = None  # "Karine Jean-Pierre, press briefing" for a transcript's sentence
    said_by: str | None = None  # "Karine Jean-Pierre": who says it, when a transcript names them
    turn_end: int | None = None  # in a transcript, where its speaker's turn ends (an offset in the article body)

    @property
    def in_context(self) -> str:
        """The sentence as the cross-encoder reads it: after its article's title and its speaker, which often
        hold what the question names and the sentence leaves out ("Earlier today, I met with …" in a Bali press
        availability of Secretary Blinken's)."""
        said = f"{self.said_by}: " if self.said_by else ""
        return f"{self.article.title.rstrip('. ')}. {said}{self.text}"


def gather(store: Storage, ranked: Sequence[tuple[int, float]], passages: dict[int, Passage]) -> list[Candidate]:
    """Candidates from the passages in rank order, each sentence once (a sentence several articles quote is
    one candidate, from the best-ranked passage)."""
    turns = store.turns_of(list({p.article.id for p in passages.values()}))
    found: list[Candidate] = []
    seen: set[str] = set()
    replied: set[tuple[int, int]] = set()

    def add(candidate: Candidate) -> None:
        key = " ".join(candidate.text.lower().split())
        if key not in seen and len(candidate.text.split()) >= MIN_WORDS and not is_boilerplate(candidate.text):
            seen.add(key)
            found.append(candidate)

    for chunk_id, score in ranked:
        passage = passages.get(chunk_id)
        if passage is None:
            continue
        article, article_turns = passage.article, turns.get(passage.article.id, [])
        for start, _end, raw in passage.sentences:
            turn = turn_at(article_turns, start)
            if turn is not None and turn.asks:
                reply = _reply_to(article_turns, turn)
                if reply is not None and (article.id, reply.start) not in replied:
                    replied.add((article.id, reply.start))
                    for c in _reply_candidates(store, article, reply, score):
                        add(c)
                continue
            cut = label_length(raw)
            add(Candidate(raw[cut:].strip(), article, start + cut, score, _speaker(turn, article), _said_by(turn),
                          turn.end if turn is not None else None))
    return found


def _reply_to(turns: list[Turn], question: Turn) -> Turn | None:
    """The first turn after a question that is not another question or the moderator."""
    later = [t for t in turns if t.start >= question.end]
    return next((t for t in later if not t.asks), None) if later and not later[0].asks else None


def _reply_candidates(store: Storage, article: Article, reply: Turn, score: float) -> list[Candidate]:
    text = store.article_text(article.id, reply.start, reply.end)
    spans = split_sentences(text)[:REPLY_SENTENCES]
    out = []
    for span in spans:
        sentence = text[span.start:span.end]
        cut = label_length(sentence)
        out.append(Candidate(sentence[cut:].strip(), article, reply.start + span.start + cut, score,
                             _speaker(reply, article), _said_by(reply), reply.end))
    return out


def _said_by(turn: Turn | None) -> str | None:
    return None if turn is None or turn.asks or not turn.speaker else turn.speaker


def _speaker(turn: Turn | None, article: Article) -> str | None:
    if turn is None or turn.asks or not turn.speaker:
        return None
    kind = kind_of_document(article.title)
    return f"{turn.speaker}, {kind}" if kind else turn.speaker


FOLLOWING_CHARS = 600  # how far after a sentence its neighbour is looked for


def with_next(store: Storage, candidate: Candidate) -> Candidate | None:
    """The candidate and the sentence after it, as one verbatim quote: the sentence the answer needs when the
    candidate only sets it up ("I was asked by Xi Jinping were we just trying to surround China." — the reply
    is next). None when the next sentence is in another paragraph or another speaker's turn, or is boilerplate."""
    start = candidate.position
    text = store.article_text(candidate.article.id, start, start + len(candidate.text) + FOLLOWING_CHARS)
    spans = split_sentences(text)
    if len(spans) < 2 or spans[0].start > 0:
        return None
    first, following = spans[0], spans[1]
    between = text[first.end:following.start]
    sentence = text[following.start:following.end]
    if "\n" in between or is_boilerplate(sentence) or label_length(sentence) or len(sentence.split()) < MIN_WORDS:
        return None
    if candidate.turn_end is not None and start + following.start >= candidate.turn_end:
        return None  # the next speaker's
    return replace(candidate, text=text[:following.end].strip())
