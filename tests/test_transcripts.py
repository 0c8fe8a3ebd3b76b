"""Transcripts as speaker turns, on the seeds' real transcripts: turns and speakers are found, a reporter's
question is never quoted as an answer (the reply that follows is), and boilerplate is never quoted."""
from __future__ import annotations

import pytest

from nlp.boilerplate import is_boilerplate
from nlp.sentences import split_sentences
from nlp.transcript import label_length, parse_turns
from tests.conftest import SEEDS

WOODSIDE = "2023-11-16-remarks-by-president-biden-in-a-press-conference-woodside"
BRIEFING = "2023-06-05-press-briefing-by-press-secretary-karine-jean-pierre"
AUKUS_CALL = "2023-03-13-background-press-call-by-senior-administration-officials"
STATEMENT = "2023-08-07-statement-from-president-joe-biden-on-h-r-4004"


def seed(prefix: str) -> tuple[str, str]:
    [path] = SEEDS.glob(f"{prefix}*.txt")
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return title, body


def test_a_press_briefing_is_split_into_its_speakers_turns():
    title, body = seed(BRIEFING)
    turns = parse_turns(body, title)
    speakers = {t.speaker for t in turns if not t.asks}
    assert speakers == {"Karine Jean-Pierre", "John Kirby"}
    questions = [t for t in turns if t.asks]
    assert len(questions) > 40 and all(body[t.start:t.end].startswith("Q") for t in questions)
    assert all(a.end == b.start for a, b in zip(turns, turns[1:])), "turns follow each other without gaps"


@pytest.mark.parametrize("name,speakers", [
    (WOODSIDE, {"President Biden", "Jean-Pierre"}),  # this transcript never gives her first name
    (AUKUS_CALL, {"Senior Administration Official"}),
    ("2023-11-15-remarks-by-president-biden-and-president-xi", {"President Biden", "President Xi"}),
    ("2023-08-22-press-gaggle-by-national-security-advisor", {"Jake Sullivan"}),
])
def test_speakers_are_named_as_the_transcript_names_them(name, speakers):
    title, body = seed(name)
    assert {t.speaker for t in parse_turns(body, title) if not t.asks} >= speakers


def test_a_statement_is_not_a_transcript():
    title, body = seed(STATEMENT)
    assert parse_turns(body, title) == []


def test_a_speaker_label_is_not_part_of_the_quote():
    assert label_length("MS. JEAN-PIERRE: So, with all of the foreign policy news.") == len("MS. JEAN-PIERRE: ")
    assert label_length("Q Good afternoon.") == 2
    assert label_length("WASHINGTON – Today, President Joe Biden announced") == 0


def test_the_seeds_boilerplate_is_recognised_and_their_content_is_not():
    title, body = seed(WOODSIDE)
    sentences = [body[s.start:s.end] for s in split_sentences(body)]
    flagged = {s for s in sentences if is_boilerplate(s[label_length(s):])}
    for text in ("Thank you.", "(Laughter.)"):
        assert any(text in f for f in flagged), text
    for s in sentences:
        if "dictator in the sense" in s:
            assert s not in flagged
    for line in ("JOSEPH R. BIDEN JR.", "###", "END", "2:12 P.M. EDT", "(Cross-talk by reporters.)", "Next question.",
                 "Thanks very much.", "Go ahead."):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Thank you for the invitation to address the Security Council on Taiwan.")


def test_a_reporters_question_is_never_quoted_and_the_reply_is(seeded_store, embedder):
    from bot.app import make_answerer

    answer = make_answerer(seeded_store, embedder).answer("would Biden still call Xi a dictator after the summit?")
    quoted = [e.text for e in answer.excerpts + answer.more]
    assert not any("would you still refer to President Xi" in q for q in quoted)
    reply = [e for e in answer.excerpts + answer.more if "dictator in the sense" in e.text]
    assert reply and reply[0].speaker == "President Biden, press conference"


def test_a_spoken_reply_answers_at_the_spoken_threshold(seeded_store, embedder):
    """The cross-encoder scores a reply said in a briefing lower than a written answer: Kirby's "150, 140, 150 yards"
    scores under ANSWER_LOGIT, and is the answer all the same (core/no_answer.py SPOKEN_ANSWER_LOGIT)."""
    from bot.app import make_answerer

    answer = make_answerer(seeded_store, embedder).answer(
        "How close did the Chinese ship come to the American destroyer in the Taiwan Strait?")
    assert answer.state == "answered"
    assert "150, 140, 150 yards" in answer.lead.text and answer.lead.speaker == "John Kirby, press briefing"


@pytest.mark.parametrize("query", ["Yellen", "thank you", "Karine Jean-Pierre", "press briefing", "Joseph Biden"])
def test_boilerplate_is_never_quoted(seeded_store, embedder, query):
    from bot.app import make_answerer

    answer = make_answerer(seeded_store, embedder).answer(query)
    assert not any(is_boilerplate(e.text) for e in answer.excerpts + answer.more)
    assert not any(e.text.startswith(("Q ", "MS. ", "MR. ", "THE PRESIDENT:")) for e in answer.excerpts + answer.more)


def test_the_sentence_after_a_setup_is_quoted_with_it_from_the_same_speaker(seeded_store, embedder):
    """The answer needs the neighbour: Kirby sets the scene ("go back in time to when then-Speaker Pelosi
    visited Taiwan.") and names the channel in the next sentence."""
    from bot.app import make_answerer

    answer = make_answerer(seeded_store, embedder).answer(
        "Which channel did China cut off after Nancy Pelosi went to Taiwan, and which Kirby said is still closed?")
    assert answer.lead is not None
    assert answer.lead.text.startswith("I mean, go back in time to when then-Speaker Pelosi visited Taiwan. ")
    assert "one of them was the mil-to-mil line" in answer.lead.text
    assert answer.lead.speaker == "John Kirby, press briefing"
    body = seeded_store.article_text(answer.lead.article_id, answer.lead.position, 10**7)
    assert body.startswith(answer.lead.text)  # one verbatim quote: both sentences as the article has them


def test_a_neighbour_is_never_taken_from_the_next_speakers_turn(seeded_store, embedder):
    from core.candidates import Candidate, with_next
    from nlp.sentences import split_sentences

    for article in seeded_store.articles_indexed("0000", "9999"):
        turns = seeded_store.turns_of([article.id]).get(article.id, [])
        if len(turns) < 4:
            continue
        body = seeded_store.article_text(article.id, 0, 10**7)
        for turn in turns[:12]:
            last = [s for s in split_sentences(body) if turn.start <= s.start < turn.end][-1:]
            for span in last:
                candidate = Candidate(body[span.start:span.end], article, span.start, 1.0)
                assert with_next(seeded_store, candidate) is None, body[span.start:span.end]
        return
    raise AssertionError("no transcript in the seeds")
