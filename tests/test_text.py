from store.text import CHUNK_MAX_SENTENCES, make_chunks, split_sentences

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
