"""A nearest-neighbour index over unit vectors keyed by profile id (faiss, no Django).

Vectors are float32 and normalised, so the inner product is the cosine similarity.
Below `EXACT_UP_TO` vectors the index is exact (`IndexFlatIP`): a brute-force scan of
that many vectors takes well under a millisecond. Above it, the index is an inverted
file (`IndexIVFFlat`): k-means splits the space into `nlist` cells, each vector sits in
the cell of its nearest centroid, and a query scans only the `nprobe` nearest cells.
The vectors are stored uncompressed, so the only approximation is which cells are
scanned; `nprobe` was chosen by `bench/semantic.py` to keep recall@10 against exact
brute force above 0.95 at a million profiles.

An IVF index takes updates in place: `upsert` removes a profile's old vector and adds
the new one to the cell of its nearest centroid; centroids are not retrained. When the
index has grown well past the size it was trained at, `needs_retraining` says so and
a full rebuild places the centroids afresh.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

DIMENSIONS = 384
EXACT_UP_TO = 20_000
TRAIN_POINTS_PER_CELL = 40  # faiss warns below 39
TRAIN_ITERATIONS = 10
DEFAULT_NPROBE = 32
RETRAIN_GROWTH = 4


def cells_for(count: int) -> int:
    """IVF cells for `count` vectors: about sqrt(n), with enough points to train each.

    More cells make a query scan fewer vectors but make k-means training cost more
    (it grows with cells squared at a fixed points-per-cell): at a million vectors,
    1,000 cells train in seconds and a query at nprobe 32 scans about 3% of them.
    """
    return max(16, min(int(np.sqrt(count)), count // TRAIN_POINTS_PER_CELL))


def as_matrix(vectors: np.ndarray) -> np.ndarray:
    """Float32, C-contiguous, two-dimensional: what faiss takes."""
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    return matrix.reshape(1, -1) if matrix.ndim == 1 else matrix


@dataclass
class VectorIndex:
    """Profile vectors, searchable by cosine similarity, updatable one profile at a time."""

    index: faiss.Index
    trained_at: int = 0  # vectors present when the cells were placed (0: exact index)
    nprobe: int = DEFAULT_NPROBE

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, *, nprobe: int = DEFAULT_NPROBE,
              exact_up_to: int = EXACT_UP_TO, seed: int = 1234) -> VectorIndex:
        """An index over `vectors` (one row per id): exact when small, IVF when large."""
        matrix = as_matrix(vectors)
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        if len(keys) <= exact_up_to:
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIMENSIONS))
            index.add_with_ids(matrix, keys)
            return cls(index=index, trained_at=0, nprobe=nprobe)
        cells = cells_for(len(keys))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIMENSIONS), DIMENSIONS, cells,
                                   faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = seed
        index.cp.niter = TRAIN_ITERATIONS
        index.train(_training_sample(matrix, TRAIN_POINTS_PER_CELL * cells, seed))
        index.set_direct_map_type(faiss.DirectMap.Hashtable)  # reconstruct and remove by id
        index.add_with_ids(matrix, keys)
        index.nprobe = nprobe
        return cls(index=index, trained_at=len(keys), nprobe=nprobe)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def exact(self) -> bool:
        return self.trained_at == 0

    def needs_retraining(self) -> bool:
        """True when a rebuild would serve better: exact but large, or grown past its cells."""
        if self.exact:
            return self.size > EXACT_UP_TO * RETRAIN_GROWTH
        return self.size > self.trained_at * RETRAIN_GROWTH

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Ids and similarities of the `k` nearest vectors per query, best first; id -1 pads."""
        if not self.exact:
            faiss.extract_index_ivf(self.index).nprobe = self.nprobe
        similarities, ids = self.index.search(as_matrix(queries), k)
        return ids, similarities

    def vectors_of(self, ids) -> list[tuple[int, np.ndarray]]:
        """The stored vector of each id the index holds (ids it lacks are left out)."""
        found = []
        for key in ids:
            try:
                found.append((int(key), self.index.reconstruct(int(key))))
            except RuntimeError:  # faiss: id not in the index
                continue
        return found

    def remove(self, ids: np.ndarray) -> int:
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        if len(keys) == 0:
            return 0
        # An IVF index keeps a hash table from id to slot; it removes only by id array.
        return int(self.index.remove_ids(faiss.IDSelectorArray(len(keys), faiss.swig_ptr(keys))))

    def upsert(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Replace the vectors of `ids` (adding those not yet there)."""
        keys = np.ascontiguousarray(ids, dtype=np.int64)
        if len(keys) == 0:
            return
        self.remove(keys)
        self.index.add_with_ids(as_matrix(vectors), keys)

    def save(self, folder: Path) -> None:
        """Write the index atomically: a reader sees the old files or the new, never half."""
        folder.mkdir(parents=True, exist_ok=True)
        staged = folder / "profiles.faiss.tmp"
        faiss.write_index(self.index, str(staged))
        os.replace(staged, folder / "profiles.faiss")
        meta = {"trained_at": self.trained_at, "nprobe": self.nprobe, "size": self.size}
        _write_json(folder / "profiles.json", meta)

    @classmethod
    def load(cls, folder: Path, *, read_only: bool = False) -> VectorIndex | None:
        """The saved index; `read_only` maps the file instead of reading it (0.1 s, not
        9 s, at a million vectors, and the pages are shared by every serving process).
        A later save replaces the file, so a mapped reader keeps its old copy intact."""
        path = folder / "profiles.faiss"
        if not path.exists():
            return None
        meta = json.loads((folder / "profiles.json").read_text())
        flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY if read_only else 0
        return cls(index=faiss.read_index(str(path), flags), trained_at=meta["trained_at"],
                   nprobe=meta["nprobe"])


def _training_sample(matrix: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(matrix) <= size:
        return matrix
    rng = np.random.default_rng(seed)
    return matrix[np.sort(rng.choice(len(matrix), size, replace=False))]


def exact_top_k(matrix: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Brute-force cosine top-k in numpy (the baseline): row positions and similarities."""
    scores = as_matrix(queries) @ matrix.T
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    picked = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-picked, axis=1)
    return np.take_along_axis(top, order, axis=1), np.take_along_axis(picked, order, axis=1)


def recall_at_k(found: np.ndarray, exact: np.ndarray, found_sims: np.ndarray,
                exact_sims: np.ndarray, tolerance: float = 1e-5) -> tuple[float, float]:
    """Recall@k by id, and counting ties: a hit scoring at least the k-th exact score."""
    k = exact.shape[1]
    by_id = np.mean([len(set(f) & set(e)) / k for f, e in zip(found, exact, strict=True)])
    kth = exact_sims[:, -1:] - tolerance
    with_ties = np.mean(np.minimum((found_sims >= kth) & (found >= 0), 1).sum(axis=1) / k)
    return float(by_id), float(with_ties)


def _write_json(path: Path, payload: dict) -> None:
    staged = path.with_suffix(".tmp")
    staged.write_text(json.dumps(payload, sort_keys=True))
    os.replace(staged, path)
