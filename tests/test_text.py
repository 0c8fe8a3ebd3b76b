import os
import subprocess
import sys

from nlp.same_story import SAMPLE_EVERY, containment, shingle_hashes, shingle_sample, shingles
from nlp.sentences import CHUNK_MAX_SENTENCES, make_chunks, split_sentences
from tests.conftest import ROOT, SEEDS

BODY = ("A high-level U.S. delegation visited Wellington. The delegation met with the Prime Ministers.\n\n"
        "Second paragraph starts here. It has two sentences.")


def test_sentences_are_spans_into_the_body():
    spans = split_sentences(BODY)
    texts = [BODY[s.start:s.end] for s in spans]
    assert texts == ["A high-level U.S. delegation visited Wellington.", "The delegation met with the Prime Ministers.",
                     "Second paragraph starts here.", "It has two sentences."]


def test_chunks_never_cross_paragraphs():
    chunks = make_chunks(BODY, split_sentences(BODY))
    assert len(chunks) == 2
    assert "\n\n" not in BODY[chunks[0].start:chunks[0].end]


def test_run_on_text_is_cut_into_bounded_sentences():
    body = "word " * 2000
    spans = split_sentences(body)
    assert all(s.end - s.start <= 1200 for s in spans)
    chunks = make_chunks(body, spans)
    assert all(len(c.sentences) <= CHUNK_MAX_SENTENCES for c in chunks)
    assert sum(len(body[s.start:s.end].split()) for s in spans) == 2000


def test_shingle_hashes_are_the_same_in_every_process():
    """A sample of them is stored: a process with another hash seed must find the same shingles."""
    text = sorted(SEEDS.glob("*.txt"))[0].read_text()
    code = ("import sys; from nlp.same_story import shingle_hashes; "
            "print(shingle_hashes(sys.stdin.read())[:20].tolist())")
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                           cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other.strip() == str(shingle_hashes(text)[:20].tolist())


def test_a_sample_keeps_about_one_shingle_in_eight_and_estimates_containment():
    text = " ".join(p.read_text() for p in sorted(SEEDS.glob("*.txt"))[:5])
    hashes = shingle_hashes(text)
    sample = shingle_sample(hashes)
    assert 0.5 / SAMPLE_EVERY < len(sample) / len(set(hashes.tolist())) < 1.5 / SAMPLE_EVERY
    half = " ".join(text.split()[: len(text.split()) // 2])
    assert containment(shingles(half), shingles(text)) == 1.0
    estimate = len(shingle_sample(shingle_hashes(half)) & sample) / len(shingle_sample(shingle_hashes(half)))
    assert estimate == 1.0, "the shingles two texts share are sampled alike in both"
    assert containment(shingles("a b c"), shingles("x y z")) == 0.0 and len(shingle_hashes("")) == 1
