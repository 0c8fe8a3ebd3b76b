"""Pick the near-duplicate threshold on real pairs: every pair of BBC articles (../shared/data/bbc-fulltext,
read in place, research use only) that shares 5-word shingles, scored by shingle containment (the share
of the shorter text's shingles found in the other — what core/ingest.py uses).

Prints how many pairs fall in each band, then every pair between 0.5 and 0.95 with both headlines, so the
cut-off can be judged by reading them. Usage: python bench/near_duplicates.py [CORPUS_DIR]
"""
from __future__ import annotations

import collections
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nlp.same_story import containment, shingles

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc-fulltext"
BANDS = [(0.95, 1.01), (0.8, 0.95), (0.7, 0.8), (0.6, 0.7), (0.5, 0.6), (0.3, 0.5), (0.0, 0.3)]


def scored_pairs(root: Path) -> list[tuple[float, str, str]]:
    docs = {}
    for path in sorted(root.rglob("*.txt")):
        title, _, body = path.read_text(errors="replace").strip().partition("\n")
        docs[path] = (title.strip(), shingles(body))
    postings = collections.defaultdict(list)
    for path, (_, sh) in docs.items():
        for s in sh:
            postings[s].append(path)
    shared = collections.Counter()
    for paths in postings.values():
        if 1 < len(paths) < 50:  # shingles in 50+ articles are boilerplate, not evidence
            shared.update(itertools.combinations(sorted(paths), 2))
    print(f"{len(docs)} articles")
    return sorted(((containment(docs[a][1], docs[b][1]), docs[a][0], docs[b][0])
                   for (a, b), n in shared.items() if n >= 3), reverse=True)


def main(root: Path) -> None:
    pairs = scored_pairs(root)
    print(f"{len(pairs)} pairs share at least 3 shingles\n\n| containment | pairs |\n|---|---|")
    for low, high in BANDS:
        print(f"| {low:.2f}–{min(high, 1):.2f} | {sum(low <= c < high for c, _, _ in pairs)} |")
    print("\nBorderline pairs (headlines):")
    for c, a, b in pairs:
        if 0.5 <= c < 0.95:
            print(f"  {c:.2f}  {a}  |  {b}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
