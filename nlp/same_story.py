"""Same-story detection: word shingles, a stable sample of them, and containment.

A new article that contains most of a stored story's shingles (containment >= the ingest threshold) is
another source of that story, not a new one: it is cited as "Also in", never indexed twice.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

WORD = re.compile(r"\w+")
# Share of the shorter text's 5-word shingles found in the other, at or above which two articles are one
# story. bench/near_duplicates.py over the 2,225 BBC articles: read pair by pair, all 172 pairs at 0.68 or
# more are one story (often re-headlined); the next pair down, at 0.60, is two stories ("Beatles suits sell
# for $110,000" / "Early Elvis recordings go on sale"). One same-story pair sits lower, at 0.57.
SAME_STORY_CONTAINMENT = 0.65
_MIX = np.uint64(0x9E3779B97F4A7C15)  # the golden-ratio multiplier: spreads the bits of each word's crc32
# Stored shingle sample: 1 in 8, ~50 for a 400-word article. A story repeated at containment 0.65 shares
# none of them with its copy only by chance: 0.35 ** (samples of the shorter text).
SAMPLE_EVERY = 8
# A story is a candidate repeat when it shares this share of the smaller sample: well under the 0.65
# containment that decides, as a sample of ~50 shingles estimates containment within about ±0.15.
SAMPLE_SHARE = 0.3
SMALL_SAMPLE = 10  # below this many sampled shingles, any one shared makes a candidate


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """Stable 64-bit hashes of the text's overlapping word `size`-grams, the same in every process: a
    sample of them is stored (story_shingles) to find the stories a new article may repeat."""
    words = WORD.findall(text.lower())
    codes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    if len(codes) < size:  # a text shorter than one shingle is one shingle
        codes = np.concatenate([codes, np.zeros(size - len(codes), dtype=np.uint64)])
    n = len(codes) - size + 1
    hashes = codes[:n].copy()
    for i in range(1, size):  # vectorised: as fast as hashing tuples of words, and stable
        hashes = hashes * _MIX + codes[i:i + n]
    hashes ^= hashes >> np.uint64(31)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(29)
    return hashes.view(np.int64)


def shingles(text: str, size: int = 5) -> set[int]:
    """The text's word `size`-grams as a set of hashes: what near-duplicate detection compares."""
    return set(shingle_hashes(text, size).tolist())


def samples_overlap(shared: int, mine: int, theirs: int) -> bool:
    """Whether two texts whose samples (of sizes mine, theirs) share `shared` shingles may be one story:
    at least SAMPLE_SHARE of the smaller sample, or any shared shingle when a sample is too small to say."""
    smaller = min(mine, theirs)
    return shared > 0 and (shared >= SAMPLE_SHARE * smaller or smaller < SMALL_SAMPLE)


def shingle_sample(hashes: np.ndarray) -> set[int]:
    """One shingle in SAMPLE_EVERY, chosen by its hash, so two texts sample the shingles they share alike:
    the shared share of two samples estimates the containment of the texts (mod-p sampling)."""
    return set(hashes[(hashes & (SAMPLE_EVERY - 1)) == 0].tolist())


def same_story(a: set[int], b: set[int]) -> bool:
    """Two texts are one story when one contains most of the other's shingles."""
    return containment(a, b) >= SAME_STORY_CONTAINMENT


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller text's shingles found in the other: 1.0 when one text contains the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
