"""query -> Answer: intent, hybrid retrieval, sentence selection. No Slack, no SQL.

Every sentence an Answer holds is verbatim from an indexed article, with its source.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date

import numpy as np

from core.answer_kinds import holds, wanted
from core.candidates import Candidate, gather, with_next
from core.clock import utc_now
from core.filters import GRAMMAR, FilterError, Filters, human_date
from core.filters import parse as parse_filters
from core.intent import classify
from core.limits import MAX_QUERY_CHARS, clean_input
from core.no_answer import answer_state, off_subject
from core.passages import vector_key
from model.embeddings import Embedder
from model.reranker import Reranker
from nlp.people import (
    GENDERED,
    KNIGHTED,
    PARTICLES,
    PEERAGE,
    ROLE_HEADS,
    ROYALTY,
    SAME_PEERAGE,
    is_honorific,
    is_name_suffix,
    is_role_head,
    subsumed,
)
from nlp.words import content_words
from store import Article, Storage
from store.records import ArticleFilter

# Hybrid score = (1 - DENSE_WEIGHT) * BM25 / best BM25 + DENSE_WEIGHT * cosine. Chosen with bench/quality.py
# on XQuAD-en: tuned on the even-numbered questions, 0.7 scores recall@1 0.956 / MRR@10 0.973 on the odd ones;
# reciprocal rank fusion (k=60) scored 0.937 / 0.962 on all, txtai's hybrid 0.952 / 0.972.
DENSE_WEIGHT = 0.7
CANDIDATES = 40
# Each retriever also scores the other's hits (store scored_by_both), so the top TOP_CHUNKS are ranked on both scores;
# 16 rather than 12 then put 9 more seeds tune answers first (README "Quality": retrieval that scores both ways).
TOP_CHUNKS = 16
# A passage ends after four sentences, even mid-paragraph; what the best passages lead up to is often in the next
# one ("He underscored that …", "So … the ball is in their court"): for a question, the passage after each of the
# best FOLLOWING joins the candidates (README "Quality": where the answering sentence was lost).
FOLLOWING = 2
LATEST_POOL = 3  # with `latest`, this many times the passages: the newest relevant ones need not rank in the top 12
MAX_EXCERPTS = 5
MAX_NAME_WORDS = 6  # words of a name, not counting titles and particles ("Prince Alwaleed bin Talal bin Abdulaziz")
MAX_MENTIONS = 300  # a profile reads at most this many mentions (with a role first, newest first)
MAX_MORE = 50  # excerpts kept for the More button: ten pages
MIN_EXCERPTS = 3
# The cross-encoder reads the SHORTLIST sentences the bi-encoder ranks first. A sentence's relevance is its
# logit, plus COSINE_WEIGHT x its cosine to the question, plus KIND_BONUS when it holds the kind of answer the
# question asks for (core/answer_kinds.py); core/no_answer.py decides whether the best one answers. Others
# within LOGIT_GAP of the best, and above EXCERPT_LOGIT, are shown beside it. Chosen by a grid search on the
# tune half of testkit/labels (README "Quality").
SHORTLIST = 30  # 20 before the headings (core/passages.py): README "Quality" has both
COSINE_WEIGHT = 4.0
KIND_BONUS = 1.0
NEIGHBOUR_GAIN = 2.0
LOGIT_GAP = 8.0  # 6.0 until the eighth session: README "Quality" has both
# When the best-scored sentence lacks the kind of answer asked for, the best one that holds it leads if it scores this
# much: "Where did Singapore police arrest …" is answered by "… was arrested at Changi Airport …", not by "The trading
# scandal is the biggest to hit Singapore …". Chosen on the tune sets (4.5, 7, 8.5): 8.5 answered 4 more of the
# 160 BBC tune questions first and refused 5 fewer, for one near-miss unanswerable answered more.
KIND_LEAD = 8.5
EXCERPT_LOGIT = -2.0
# A topic brief (no cross-encoder): sentences down to this cosine-based relevance, and within TOPIC_GAP of the
# best, may join, chosen for relevance and against repetition (MMR_LAMBDA).
TOPIC_FLOOR = 0.38
TOPIC_GAP = 0.25
MMR_LAMBDA = 0.7
SAME_SENTENCE = 0.9  # cosine above which a sentence repeats one already shown
# A sentence's score: its cosine to the query, plus these shares of its word overlap with the query and
# of its passage's retrieval score (relative to the best passage's).
LEXICAL_WEIGHT = 0.15
PASSAGE_WEIGHT = 0.1


# How an honorific asked says which of two people with one surname is meant: by gender ("Mrs Blair" is Cherie), or as
# a doctor or a professor ("Dr Williams" is the Archbishop, Dr Rowan Williams, not the singer Andy Williams).
CALLED = {**GENDERED, "dr": "dr", "prof": "prof", "professor": "prof"}


@dataclass(frozen=True)
class Excerpt:
    text: str
    title: str
    source: str | None
    published: str | None
    score: float
    outlet: str | None = None
    article_id: int = 0
    position: int = 0
    role: str | None = None  # for who-is answers: the role this sentence gives the person
    also: tuple[tuple[str, str | None], ...] = ()  # other sources of the same story: (outlet or title, link)
    speaker: str | None = None  # in a transcript, who says it: "Karine Jean-Pierre, press briefing"


@dataclass(frozen=True)
class Answer:
    query: str
    intent: str
    answered: bool
    summary: str
    excerpts: list[Excerpt] = field(default_factory=list)
    entity: str | None = None
    more: list[Excerpt] = field(default_factory=list)
    lead: Excerpt | None = None  # the sentence the summary quotes: the answer, for a question
    # answered | related (no sentence answers it; the closest are shown as such) | nothing
    state: str = ""
    filters: Filters = field(default_factory=Filters)  # parsed out of the query; query keeps them as typed
    # who-is: the others the name asked may mean (a surname several people share), each a profile of its own
    also_named: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.state:
            object.__setattr__(self, "state", "answered" if self.answered else "nothing")

    def to_json(self) -> dict:
        data = {
            "query": self.query,
            "intent": self.intent,
            "answered": self.answered,
            "state": self.state,
            "summary": self.summary,
            "filters": self.filters.to_json(),
            "excerpts": [
                {k: v for k, v in asdict(e).items()
                 if k in {"text", "title", "source", "published", "score", "role", "speaker"} and v is not None}
                | ({"also": [{"outlet": name, "source": link} for name, link in e.also]} if e.also else {})
                for e in self.excerpts
            ],
        }
        if self.intent == "who-is":
            data["entity"] = self.entity
            data["also_named"] = self.also_named
        return data


def _excerpt(text: str, article: Article, score: float, position: int, role: str | None = None,
             speaker: str | None = None) -> Excerpt:
    return Excerpt(text=text, title=article.title, source=article.url or article.path, published=article.published,
                   score=round(float(score), 4), outlet=article.outlet, article_id=article.id, position=position,
                   role=role, speaker=speaker)


def _as_excerpt(c: Candidate, relevance: float) -> Excerpt:
    return _excerpt(c.text, c.article, float(relevance), c.position, speaker=c.speaker)


def _summary(excerpts: list[Excerpt], lead: Excerpt, newest_first: bool = False) -> str:
    """'3 excerpts from 2 articles. Most relevant: “…”': the line that quotes the answer (or a topic's centre);
    with `latest`, 'newest first' and the newest excerpt."""
    n_articles = len({e.article_id for e in excerpts})
    counted = (f"{len(excerpts)} excerpt{'s' if len(excerpts) != 1 else ''} from {n_articles} "
               f"article{'s' if n_articles != 1 else ''}")
    if newest_first:
        return f"{counted}, newest first. Newest ({lead.published or 'undated'}): “{lead.text}”"
    return f"{counted}. Most relevant: “{lead.text}”"


def _relevance(logit: float, cosine: float, kind: str | None, has_kind: bool) -> float:
    """How well a sentence answers the question: the cross-encoder's logit, the cosine, and a bonus when it holds
    the kind of answer asked for (the weights were chosen on the tune half; README "Quality")."""
    return logit + COSINE_WEIGHT * cosine + (KIND_BONUS if kind and has_kind else 0.0)


def fuse(lexical: list[tuple[int, float]], dense: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Passages by hybrid score, best first: BM25 scaled by the best BM25 score, and cosine, weighted by
    DENSE_WEIGHT (bench/retriever_models.py fuses other models' cosines the same way)."""
    fused: dict[int, float] = {}
    best = max((score for _, score in lexical), default=0.0)
    for chunk_id, score in lexical:
        fused[chunk_id] = (1 - DENSE_WEIGHT) * score / best if best > 0 else 0.0
    for chunk_id, cosine in dense:
        fused[chunk_id] = fused.get(chunk_id, 0.0) + DENSE_WEIGHT * max(0.0, cosine)
    return sorted(fused.items(), key=lambda kv: -kv[1])


def _best_passage(candidates: list[Candidate]) -> str:
    """The sentences of the best-ranked passage: what the no-answer gate checks the question's words against."""
    return " ".join(c.text for c in candidates if c.passage_score == candidates[0].passage_score)


def _looks_like_a_name(text: str) -> bool:
    """'Elon Musk', 'Xi' are names; 'the MVP of Super Bowl 50', 'the first person to ...' are not."""
    words = text.split()
    return bool(words) and len(words) <= 4 and all(w[:1].isupper() or w in {"de", "van", "von", "bin"} for w in words)


def is_title(word: str) -> bool:
    """A title before a name: 'Secretary', 'then-Speaker', 'Mr', 'Dr.'; not a given name."""
    low = word.lower().rstrip(".")
    return is_role_head(low) or is_honorific(word)


def _same_given_name(stored: str, given: str | None) -> bool:
    """'Yellen' or 'Janet Yellen' may be the Janet Yellen asked about; 'Jack Yellen' may not."""
    parts = stored.split()
    return given is None or len(parts) == 1 or parts[0].lower() == given.lower()


def newest_first(excerpts: list[Excerpt]) -> list[Excerpt]:
    """Newest article first (undated last), each article's sentences in reading order (the sorts are stable)."""
    in_articles = sorted(excerpts, key=lambda e: (e.article_id, e.position))
    return sorted(in_articles, key=lambda e: e.published or "", reverse=True)


def profile_line(with_roles: list[Excerpt], most: int = 3) -> str:
    """'nominee for Deputy Secretary of State (2023); White House Indo-Pacific Coordinator (2021–23) …': the
    roles in the order given (current first), each with the years of the articles giving it; wordings that
    differ only by case, a possessive or "ex-" for "former" are one entry ("Labour's campaign spokesman", "Labour
    campaign spokesman"; "Ex-Labour MP", "former Labour MP"), in the first wording, and so is a role already said
    inside an earlier one ("Foreign Minister" after "State Councilor and Foreign Minister")."""
    wording: dict[str, str] = {}
    years: dict[str, set[str]] = {}
    for e in with_roles:
        key = re.sub(r"^ex-\s*", "former ", re.sub(r"[’']s\b", "", e.role.lower()))
        key = next((k for k in wording if f" {key} " in f" {k} "), key)
        wording.setdefault(key, e.role)
        years.setdefault(key, set()).update([e.published[:4]] if e.published else [])
    entries = []
    for key, role in list(wording.items())[:most]:
        span = sorted(years[key])
        when = "" if not span else f" ({span[0]})" if len(span) == 1 else f" ({span[0]}–{span[-1][2:]})"
        entries.append(role + when)
    return "; ".join(entries) + (" …" if len(wording) > most else "")


def reading_order(excerpts: list[Excerpt]) -> list[Excerpt]:
    """Group by article (best article first), and keep each article's sentences in reading order."""
    best: dict[int, float] = {}
    for e in excerpts:
        best[e.article_id] = max(best.get(e.article_id, 0.0), e.score)
    return sorted(excerpts, key=lambda e: (-best[e.article_id], e.article_id, e.position))


def _spread(excerpts: list[Excerpt], n: int, per_article: int = 2) -> list[Excerpt]:
    """The first n excerpts, at most per_article from one article, so one long bio does not crowd out the rest."""
    counts: dict[int, int] = {}
    picked = []
    for e in excerpts:
        if counts.get(e.article_id, 0) < per_article:
            picked.append(e)
            counts[e.article_id] = counts.get(e.article_id, 0) + 1
    picked = picked[:n]
    return [e for e in excerpts if e in picked]


class Answerer:
    def __init__(self, store: Storage, embedder: Embedder, reranker: Reranker) -> None:
        self.store = store
        self.embedder = embedder
        self.reranker = reranker

    def answer(self, query: str, today: date | None = None) -> Answer:
        """The answer to a query as typed: its filters (core/filters.py) parsed out and applied in the search; a
        malformed filter is answered with the grammar."""
        query = clean_input(query)[:MAX_QUERY_CHARS]
        try:
            text, filters = parse_filters(query, today or utc_now().date())
        except FilterError as e:
            return Answer(query, "invalid-filter", False, str(e))
        if not text:
            return Answer(query, "invalid-filter", False,
                          f"A filter narrows a question: add what to look for. {GRAMMAR}", filters=filters)
        intent = classify(text)
        if intent.kind == "who-is":
            return self.who_is(query, intent.subject, filters, text)
        return self.search(query, intent.kind, filters, text)

    def _also(self, excerpts: list[Excerpt]) -> list[Excerpt]:
        """Name the other outlets that carried each excerpt's story, so it is cited once."""
        others = self.store.also_in(list({e.article_id for e in excerpts}))
        return [replace(e, also=tuple((a.outlet or a.title, a.link) for a in others[e.article_id]))
                if e.article_id in others else e for e in excerpts]

    # -- retrieval -----------------------------------------------------------------------

    def retrieve(self, query: str, query_vector: np.ndarray, k: int = TOP_CHUNKS,
                 where: ArticleFilter | None = None, candidates: int = CANDIDATES) -> list[tuple[int, float]]:
        """Hybrid retrieval among the articles `where` allows (`fuse`)."""
        lexical, dense = self.store.hybrid_search(query, query_vector, vector_key(self.embedder), candidates, where)
        return fuse(lexical, dense)[:k]

    def _following(self, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The passage after each of the best FOLLOWING passages, from the same article, with that passage's score
        (after all the retrieved ones: a sentence is a candidate once, from its best-ranked passage)."""
        best = ranked[:FOLLOWING]
        after = self.store.following([chunk_id for chunk_id, _ in best])
        retrieved = {chunk_id for chunk_id, _ in ranked}
        return [(after[chunk_id], score) for chunk_id, score in best
                if chunk_id in after and after[chunk_id] not in retrieved]

    def search(self, query: str, intent: str, filters: Filters | None = None, text: str | None = None) -> Answer:
        """A question's answer or a topic's brief for `text` (the query without its filters), from the articles
        the filters allow; with `latest`, a larger pool, and the newest relevant sentences first."""
        filters, text = filters or Filters(), text or query
        query_vector = self.embedder.embed([text])[0]
        scale = LATEST_POOL if filters.latest else 1
        ranked = self.retrieve(text, query_vector, TOP_CHUNKS * scale, filters.articles, CANDIDATES * scale)
        if intent == "question":
            ranked += self._following(ranked)
        candidates = gather(self.store, ranked, self.store.passages([cid for cid, _ in ranked]))
        if not candidates:
            return self.nothing(query, intent, filters, text)
        vectors = self.embedder.embed([c.text for c in candidates])
        cosine = vectors @ query_vector
        query_words = content_words(text)
        lexical = np.array([len(query_words & content_words(c.text)) / max(len(query_words), 1) for c in candidates])
        passage = np.array([c.passage_score for c in candidates]) / max(c.passage_score for c in candidates)
        prior = cosine + LEXICAL_WEIGHT * lexical + PASSAGE_WEIGHT * passage
        if intent != "question":
            return self._brief(query, intent, candidates, prior, cosine, vectors, filters, text)
        shortlist = [int(i) for i in np.argsort(-prior)[:SHORTLIST]]
        logits = self.reranker.score(text, [candidates[i].in_context for i in shortlist])
        kind = wanted(text)
        has_kind = {i: kind is None or holds(kind, candidates[i].text, text) for i in shortlist}
        relevance = np.full(len(candidates), -np.inf, dtype=np.float32)
        for i, logit in zip(shortlist, logits):
            relevance[i] = _relevance(logit, cosine[i], kind, has_kind[i])
        order = [int(i) for i in np.argsort(-relevance) if np.isfinite(relevance[i])]
        best = order[0]
        if not has_kind[best]:  # lacks what is asked: the best one that holds it leads, if it scores KIND_LEAD
            best = next((i for i in order if has_kind[i] and relevance[i] >= KIND_LEAD), best)
        candidates[best], relevance[best], has_kind[best] = self._with_next_if_needed(
            text, candidates[best], float(relevance[best]), float(cosine[best]), kind, has_kind[best])
        state = answer_state(float(relevance[best]), has_kind[best],
                             off_subject(self.store, text, float(cosine.max()), _best_passage(candidates)),
                             spoken=candidates[best].speaker is not None)
        if state == "nothing":
            return self.nothing(query, intent, filters, text)
        chosen = self._pick(order, relevance, vectors)
        arrange = newest_first if filters.latest else reading_order
        excerpts = arrange([_as_excerpt(candidates[i], relevance[i]) for i in chosen])
        more = self._also([_as_excerpt(candidates[i], relevance[i]) for i in order if i not in chosen])
        if state == "related":
            summary = "No sentence in the articles answers this directly. The closest:"
            return Answer(query, intent, False, summary, self._also(excerpts), more=more, state="related",
                          filters=filters)
        lead = _as_excerpt(candidates[best], relevance[best])
        return Answer(query, intent, True, _summary(excerpts, lead), self._also(excerpts), more=more, lead=lead,
                      state="answered", filters=filters)

    def _with_next_if_needed(self, question: str, best: Candidate, relevance: float, cosine: float,
                             kind: str | None, has_kind: bool) -> tuple[Candidate, float, bool]:
        """The best sentence, or it and the sentence after it when the cross-encoder finds the two answer the
        question better by NEIGHBOUR_GAIN (the reply after a setup, the figure after "Look,")."""
        pair = with_next(self.store, best)
        if pair is None:
            return best, relevance, has_kind
        pair_kind = kind is None or holds(kind, pair.text, question)
        score = _relevance(float(self.reranker.score(question, [pair.in_context])[0]), cosine, kind, pair_kind)
        if score > relevance + NEIGHBOUR_GAIN:
            return pair, score, pair_kind
        return best, relevance, has_kind

    def _brief(self, query: str, intent: str, candidates: list[Candidate], relevance: np.ndarray, cosine: np.ndarray,
               vectors: np.ndarray, filters: Filters, text: str) -> Answer:
        """A topic brief: the most relevant sentences that do not repeat each other (MMR), across articles, in
        reading order; its summary line is the most central of them. With `latest`, of the sentences relevant
        enough to quote, the newest articles' come first and the summary quotes the newest. The cross-encoder is
        not used here: it favours sentences that repeat the topic's words over ones that say something about it."""
        if off_subject(self.store, text, float(cosine.max()), _best_passage(candidates)):
            return self.nothing(query, intent, filters, text)
        order = self._mmr(relevance, vectors, len(candidates) if filters.latest else MAX_EXCERPTS * 2)
        floor = max(TOPIC_FLOOR, float(relevance[order[0]]) - TOPIC_GAP)
        if filters.latest:
            quotable = [i for i in order if relevance[i] >= floor and cosine[i] >= TOPIC_FLOOR * 0.75]
            quotable.sort(key=lambda i: candidates[i].article.published or "", reverse=True)  # stable: MMR order
            chosen = self._newest(quotable, candidates, vectors)
            order = quotable + [i for i in order if i not in quotable]
        else:
            chosen = [i for i in order[:MAX_EXCERPTS] if relevance[i] >= floor or order.index(i) < MIN_EXCERPTS]
            chosen = [i for i in chosen if cosine[i] >= TOPIC_FLOOR * 0.75]
        if not chosen:  # the passages matched, but no sentence of theirs is close enough to quote
            return self.nothing(query, intent, filters, text)
        arrange = newest_first if filters.latest else reading_order
        excerpts = arrange([_as_excerpt(candidates[i], relevance[i]) for i in chosen])
        central = excerpts[0] if filters.latest else None
        if central is None:
            best = self._central(chosen, vectors)
            central = _as_excerpt(candidates[best], relevance[best])
        rest = [_as_excerpt(candidates[i], relevance[i]) for i in order if i not in chosen]
        return Answer(query, intent, True, _summary(excerpts, central, filters.latest), self._also(excerpts),
                      more=self._also(rest), lead=central, state="answered", filters=filters)

    @staticmethod
    def _mmr(relevance: np.ndarray, vectors: np.ndarray, n: int) -> list[int]:
        """Maximal marginal relevance: relevant sentences that do not repeat each other."""
        chosen: list[int] = []
        remaining = list(range(len(relevance)))
        while remaining and len(chosen) < n:
            redundancy = (vectors[remaining] @ vectors[chosen].T).max(axis=1) if chosen else np.zeros(len(remaining))
            scores = MMR_LAMBDA * relevance[remaining] - (1 - MMR_LAMBDA) * redundancy
            pick = remaining[int(np.argmax(scores))]
            chosen.append(pick)
            remaining.remove(pick)
        return chosen

    @staticmethod
    def _newest(quotable: list[int], candidates: list[Candidate], vectors: np.ndarray) -> list[int]:
        """Up to MAX_EXCERPTS of the quotable sentences (newest article first), two an article at most, none
        repeating one already chosen."""
        chosen: list[int] = []
        per_article: dict[int, int] = {}
        for i in quotable:
            article = candidates[i].article.id
            if per_article.get(article, 0) < 2 and (
                    not chosen or float((vectors[chosen] @ vectors[i]).max()) < SAME_SENTENCE):
                chosen.append(i)
                per_article[article] = per_article.get(article, 0) + 1
            if len(chosen) == MAX_EXCERPTS:
                break
        return chosen

    @staticmethod
    def _pick(order: list[int], relevance: np.ndarray, vectors: np.ndarray) -> list[int]:
        """The best sentences in order of relevance, skipping any that repeats one already chosen: at least
        MIN_EXCERPTS, and up to MAX_EXCERPTS while they stay within LOGIT_GAP of the best. A "related only" reply
        shows as many as an answer: none of them is offered as the answer, and the reader looks further down."""
        floor = max(float(relevance[order[0]]) - LOGIT_GAP, EXCERPT_LOGIT)
        chosen: list[int] = []
        for i in order:
            if len(chosen) == MAX_EXCERPTS or (len(chosen) >= MIN_EXCERPTS and relevance[i] < floor):
                break
            if not chosen or float((vectors[chosen] @ vectors[i]).max()) < SAME_SENTENCE:
                chosen.append(i)
        return chosen

    @staticmethod
    def _central(chosen: list[int], vectors: np.ndarray) -> int:
        """The sentence closest to the others shown: a topic's summary line."""
        if len(chosen) < 3:
            return chosen[0]
        block = vectors[chosen]
        return chosen[int(np.argmax((block @ block.T).sum(axis=1)))]

    # -- who-is --------------------------------------------------------------------------

    def resolve(self, name: str) -> str | None:
        """The name the corpus uses for the person asked about: 'Campbell' -> 'Kurt Campbell', 'Yi' -> 'Wang Yi';
        'Secretary Yellen' and 'Janet Yellen' -> 'Yellen' when the articles give only the surname; 'then-Speaker
        Pelosi' -> 'Pelosi'. A stored name with another given name is never taken for the one asked."""
        words = re.findall(r"[\w’'\-]+", name)
        if len([w for w in words if not is_title(w) and w.lower() not in PARTICLES | {"of"}]) > MAX_NAME_WORDS:
            return None  # a description, not a name: "the second candidate … promised to stand at the … election"
        while len(words) > 1 and is_name_suffix(words[-1]):
            words = words[:-1]  # "Ferdinand Marcos, Jr." is Ferdinand Marcos; "Ian MacDonald QC" is Ian MacDonald
        if "of" in words[2:]:  # a peer's territorial designation: "Lord Callaghan of Cardiff"
            words = words[:words.index("of", 2)]
        if len(words) == 2 and words[0].lower() in KNIGHTED:  # "Sir Ian" is the Sir Ian the articles name
            knight = next((n for n, _ in self.store.people_named(words) if n.lower().startswith(
                " ".join(words).lower() + " ")), None)
            if knight:
                words = knight.split()
        titled = [k for k, w in enumerate(words[:-1]) if is_title(w)]
        peer = " ".join(words[titled[-1]:]) if titled and words[titled[-1]].lower() in PEERAGE else None
        royal = bool(titled) and words[titled[-1]].lower() in ROYALTY
        called = CALLED.get(words[titled[-1]].lower().rstrip(".")) if titled else None  # "Mrs Blair", "Dr Williams"
        if titled:  # "Secretary Yellen", "then-Speaker Pelosi", "Mr Howard", "Foreign Minister Qin Gang"
            words = words[titled[-1] + 1:]
        if not words:
            return None
        if words[0] == "of":  # "Secretary of the Navy Del Toro": the name is the longest tail a person has
            tails = [words[k:] for k in range(1, len(words)) if words[k][0].isupper()]
            return next((found for tail in tails if (found := self._named(tail))), None)
        found = self._named(words)
        if found is None and len(words) > 1:  # "Janet Yellen" where the articles say "Secretary Yellen"
            found = self._named(words[-1:], given=words[0])
        if found and found != words[0] and len(words) == 1 and (royal or not titled) and self._royal(words[0]) \
                and not self._royal(found):
            # "Prince Edward", and "Edward" alone, is the prince the articles name so, not Edward Leigh; but
            # "Alwaleed" is Prince Alwaleed bin Talal
            return next((n for n, _ in self.store.people_named(words) if n == words[0]), found)
        if called and found and len(words) == 1:
            found = self._called_so(found, words[0], called)  # "Mrs Blair" is Cherie, not Tony
        if peer and found and len(words) == 1 and not self._styled_as(peer, found):
            # "Lord Archer" is the peer the articles name so, not Howard Archer
            # ("Lady Morgan" is the articles' "Baroness Morgan": a baroness is styled Lady)
            title, rest = peer.lower().split(maxsplit=1)
            styles = [peer.lower(), f"{SAME_PEERAGE.get(title, title)} {rest}"]
            stored = {n.lower(): n for n, _ in self.store.people_named(rest.split())}
            return next((stored[style] for style in styles if style in stored), found)
        return found

    def _called_so(self, found: str, surname: str, honorific: str) -> str:
        """The person with this surname the articles call as the asked honorific does ("Mrs Blair", "Ms Hughes",
        "Dr Williams"):
        of the one found and the four next most named, the first the sentences naming them call so more often than
        the other way; else the one found."""
        def styles(person: str) -> Counter:
            said = " ".join(m.sentence for m in self.store.mentions_of([person], MAX_MENTIONS))
            return Counter(CALLED[h.lower().rstrip(".")] for h in re.findall(
                rf"\b({'|'.join(CALLED)})\.?\s+{re.escape(surname)}\b", said, flags=re.I))

        people = [found] + [n for n, _ in self.store.people_named([surname]) if n != found and " " in n
                            and n.split()[-1].lower() == surname.lower()
                            and (not is_honorific(n.split()[0]) or len(n.split()) > 2)][:4]  # "Dr Rowan Williams"
        counts = [styles(n) for n in people]
        return next((n for n, c in zip(people, counts) if c[honorific] > sum(c.values()) - c[honorific]), found)

    def _named(self, words: list[str], given: str | None = None) -> str | None:
        people = [(n, c) for n, c in self.store.people_named(words) if _same_given_name(n, given)]
        full = [(n, c) for n, c in people if " " in n and not is_honorific(n.split()[0])]
        if len(words) == 1:  # a surname: "Martin" is Michael Martin before it is Martin Mubanga
            full = [(n, c) for n, c in full if n.split()[-1].lower() == words[0].lower()] or full
            # spelt as asked first: "MacDonald" is Ian MacDonald before Ken Macdonald
            full = [(n, c) for n, c in full if n.split()[-1] == words[0]] + [
                (n, c) for n, c in full if n.split()[-1] != words[0]]
        if full:
            asked = " ".join(words).lower()
            exact = [n for n, _ in full if n.lower() == asked]
            if exact and (len(words) > 2 or len(words) > 1 and any(w.lower() in PARTICLES for w in words)):
                # "Lula da Silva" is Luiz Inacio Lula da Silva: the end of a longer name, when it is three words or
                # holds a particle (too distinctive to be someone else's) and what comes before it are given names
                # ("Presidents George Bush", "Prof Joni Lovenduski" are not longer names)
                longer = [n for n, _ in full if n.lower().endswith(" " + asked) and all(
                    re.fullmatch(r"[A-Z][a-z]+", w) and not is_title(w) for w in n.split()[:-len(words)])]
                return longer[0] if longer else exact[0]
            return exact[0] if exact else full[0][0]
        return people[0][0] if people else None

    def _not_a_person(self, name: str) -> bool:
        """The name asked is one the people check found is not a person: a search answers it instead."""
        return bool(self.store.rejected_named(re.findall(r"[\w’'\-]+", name)))

    def aliases(self, person: str) -> list[str]:
        """The names the articles give this person: the full name, and each word of it ("Blunkett"; "Wang" for
        Wang Yi) or last words ("Baez Silva") the resolver takes for this person; each also after an honorific
        ("Mr Blunkett", "Sir Menzies Campbell", "Mr Baez Silva") and in any case."""
        words = person.split()
        royal = self._royal(person)  # "Prince Alwaleed bin Talal" is the Prince Alwaleed of the articles
        names = [words] + [[w] for w in words if len(words) > 1 and self.resolve(w) == person
                           and (royal or not self._royal(w))]
        names += [words[k:] for k in range(1, len(words) - 1) if self.resolve(" ".join(words[k:])) == person]
        aliases = [" ".join(name) for name in names]
        for name in names:  # the same names spelt in another case ("ClearView", "Mr MacDonald") are theirs too
            asked = " ".join(name).lower()
            aliases += [n for n, _ in self.store.people_named(name) if n not in aliases and (
                n.lower() == asked or is_honorific(n.split()[0]) and n.split(" ", 1)[1].lower() == asked and (
                    len(name) > 1 or self._styled_as(n, person)))]
        knighted = {" ".join(a.split()[:2]) for a in aliases if a.split()[0].lower() in KNIGHTED and len(a.split()) > 2}
        return aliases + [k for k in knighted if k not in aliases and self.resolve(k) == person]  # "Sir Ian"

    def _royal(self, word: str) -> bool:
        """A name the articles give a royal title ("Prince Edward", "King Abdullah"): as one word, that royal, not
        everyone whose name holds the word (Edward Leigh is no prince)."""
        return any(m.role and m.role.split()[-1].lower() in ROYALTY for m in self.store.mentions_of([word], 20))

    def _styled_as(self, peer: str, person: str) -> bool:
        """A peer by surname is the person with that surname only when an article names both ("Lord Callaghan",
        "Jim Callaghan"): "Lord Archer" is not Howard Archer, "Baroness Morgan" not Rhodri Morgan."""
        return peer.split()[0].lower() not in PEERAGE or " " not in person or self.store.named_together(peer, person)

    def also_named(self, asked: str, person: str, aliases: list[str], most: int = 3) -> list[str]:
        """Others the articles name by the surname asked alone ("who is Johnson", "who is Mr Johnson": Alan Johnson
        is answered, Boris Johnson is named beside him), when the asker gave only a surname, with or without a
        title, and they are mentioned a third as often as the one answered."""
        words = [w for w in asked.split() if not is_title(w)]
        if len(words) != 1 or " " not in person:
            return []
        named = [(n, c) for n, c in self.store.people_named(words) if " " in n and not is_honorific(n.split()[0])
                 and n.split()[-1].lower() == words[0].lower()]
        top = next((c for n, c in named if n == person), 0)
        return [n for n, c in named if n != person and n not in aliases and 3 * c >= top][:most]

    def who_is(self, query: str, name: str, filters: Filters | None = None, text: str | None = None) -> Answer:
        """The roles the articles give a person, newest first. The person is found in the whole index; with
        filters, only the mentions in the articles they allow are quoted (`latest` changes nothing: a profile
        is newest first already)."""
        filters = filters or Filters()
        person = self.resolve(name)
        if person is None:
            role_words = content_words(name)
            if role_words & ROLE_HEADS:
                holders = self.store.people_with_role(sorted(role_words))
                if holders:
                    person = holders[0]
        if person is None and (not _looks_like_a_name(name) or self._not_a_person(name)):
            # "who won the final?", "who was the MVP of ...?"; "who is Mario Kart" (the people check's verdict)
            return self.search(query, "question", filters, text)
        if person is None:
            return Answer(query, "who-is", False, self._empty_hint() or
                          f"I found nothing about {name} in the indexed articles.", entity=None, filters=filters)
        aliases = self.aliases(person)
        mentions = self.store.mentions_of(aliases, MAX_MENTIONS, filters.articles)
        if not mentions:
            return self.nothing(query, "who-is", filters, person)
        roles: dict[tuple[str, int], Excerpt] = {}
        plain: list[Excerpt] = []
        for m in mentions:
            excerpt = _excerpt(m.sentence, m.article, 1.0, m.sentence_start, role=m.role)
            if m.role:
                roles.setdefault((m.role.lower(), m.article.id), excerpt)
            else:
                plain.append(excerpt)
        role_texts = list({e.role for e in roles.values()})
        for key, excerpt in list(roles.items()):
            if subsumed(excerpt.role, role_texts):
                del roles[key]
                plain.append(replace(excerpt, role=None))
        articles_giving = Counter(role for role, _ in roles)

        def newest_then_commonest(e: Excerpt) -> tuple[str, int, int]:
            """Newest article first; among articles of one date (or undated), the role most articles give."""
            return e.published or "", articles_giving[e.role.lower()] if e.role else 0, -e.position

        with_roles = sorted(roles.values(), key=newest_then_commonest, reverse=True)
        plain = sorted(plain, key=newest_then_commonest, reverse=True)
        shown = _spread(with_roles or plain, MAX_EXCERPTS)
        more = [e for e in (with_roles + plain if with_roles else plain) if e not in shown][:MAX_MORE]
        if with_roles:
            summary = f"{person}: {profile_line(with_roles)}"
        else:
            articles = len({e.article_id for e in plain})
            summary = f"{person} is mentioned in {articles} article(s); no title or role is given."
        asked = [w for w in name.split() if not is_title(w)]
        if len(asked) > 1 and " " not in person:
            # "who is Janet Yellen" where the seeds say only "Secretary Yellen": answered by the surname, and said
            # so, for the articles cannot tell a Janet from another Yellen ("who is Boris Johnson": Speaker Johnson)
            summary = f"The articles name only “{person}”, never “{' '.join(asked)}”. {summary}"
        others = self.also_named(name, person, aliases)
        if others:
            summary += f" (also named {name.split()[-1]}: " + ", ".join(others) + ")"
        return Answer(query, "who-is", True, summary, self._also(shown), entity=person, more=self._also(more),
                      filters=filters, also_named=others)

    # -- nothing found -------------------------------------------------------------------

    def _empty_hint(self, articles: int | None = None) -> str | None:
        if (self.store.article_count() if articles is None else articles) == 0:
            return "The index is empty: run `us-china ingest` (or `make run`) to index the articles first."
        return None

    def nothing(self, query: str, intent: str, filters: Filters | None = None, text: str | None = None) -> Answer:
        filters = filters or Filters()
        articles = self.store.article_count()
        if hint := self._empty_hint(articles):
            return Answer(query, intent, False, hint, filters=filters)
        if filters.restricts:
            return Answer(query, intent, False, self._nothing_filtered(text or query, filters), filters=filters)
        people = self.store.top_people(4)
        hint = f" The index holds {articles} articles"
        hint += f", often about {', '.join(people)}." if people else "."
        return Answer(query, intent, False, f"I found nothing in the indexed articles that answers “{query}”.{hint}",
                      filters=filters)

    def _nothing_filtered(self, text: str, filters: Filters) -> str:
        """'Nothing on taiwan since 1 Nov 2026; the newest article is from 16 Nov 2023.': the newest article the
        filters allow, else the newest from the source or outlet asked for, else the newest of all."""
        where = replace(filters, latest=False)
        said = f"Nothing on {text} {where.describe()}"
        _, newest = self.store.published_range(filters.articles)
        if newest:
            return f"{said}; the newest article {where.describe()} is from {human_date(newest)}."
        place = Filters(source=filters.source, outlet=filters.outlet)
        oldest, newest = self.store.published_range(place.articles)
        if newest is None and place.restricts:
            outlets = ", ".join(f"{name} ({n})" for name, n in self.store.outlets()[:6])
            return f"{said}: no indexed article is {place.describe()}. Outlets indexed: {outlets}."
        if newest is None:
            return f"{said}: no indexed article has a publication date."
        whose = f"the newest article {place.describe()}".rstrip()
        span = f"; the oldest is from {human_date(oldest)}" if filters.before and oldest else ""
        return f"{said}; {whose} is from {human_date(newest)}{span}."
