"""Semantic matching: recall@10 and latency of the faiss IVF index against exact brute force.

    python bench/semantic.py                       # every listed profile of the configured database
    python bench/semantic.py --profiles 100000     # at most this many
    python bench/semantic.py --synthetic 1000000   # synthetic profiles made from ESCO skills

Needs the extra: pip install 'bornglobal[semantic]'. Profile vectors are built the way
the product builds them (`semantic.profile_vectors`: level-weighted mean of ESCO skill
vectors plus the headline). When the database has no profiles, or with --synthetic,
profiles are made up: an anchor skill plus 2-6 of its 40 nearest skills, levels 1-5,
and a headline naming the anchor skill. 200 job-description-like queries are embedded
by the model; each is answered by the index (ANN) and by an exact numpy scan of the
same vectors (the baseline), in the same run. Recall@10 is given by id, and counting
ties (an ANN hit scoring at least the exact 10th score is as good as it). Skill
vectors are cached in $BORNGLOBAL_DATA_DIR/semantic (the first run embeds the labels).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

QUERIES = 200
TEMPLATES = (
    "We are looking for a freelancer who can {a} and {b}. Experience with {c} is a plus.",
    "Remote contract, three months: an expert in {a} to help our small team with {b}.",
    "Need someone for {a}; you will also work on {b} and {c}.",
    "Seeking a specialist: {a}. Part-time, fully remote, overlap with Europe.",
    "Job: {a} and {b} for an early-stage venture selling worldwide.",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=0, help="cap on database profiles")
    parser.add_argument("--synthetic", type=int, default=0, help="make this many profiles")
    parser.add_argument("--nprobe", default="16,32,48,64", help="IVF cells scanned per query")
    args = parser.parse_args()
    _django()
    from bornglobal.network.semantic import index_folder, unavailable_reason

    if unavailable_reason():
        sys.exit(unavailable_reason())
    folder = index_folder()
    started = time.perf_counter()
    ids, vectors, source = _profiles(args, folder)
    vector_seconds = time.perf_counter() - started
    print(f"{len(ids):,} profile vectors ({source}) in {vector_seconds:.1f} s")
    queries, embed_ms = _queries(folder)
    print(f"{QUERIES} queries embedded: p50 {np.percentile(embed_ms, 50):.1f} ms, "
          f"p95 {np.percentile(embed_ms, 95):.1f} ms each")
    _compare(ids, vectors, queries, [int(n) for n in args.nprobe.split(",")])


def _django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bornglobal.settings")
    os.environ.setdefault("BORNGLOBAL_DEMO", "1")
    import django

    django.setup()


def _profiles(args, folder: Path):
    from bornglobal.network.models import Profile
    from bornglobal.network.semantic import profile_vectors

    profiles = Profile.objects.filter(listed=True)
    if not args.synthetic and _has_profiles(profiles):
        if args.profiles:
            last = profiles.order_by("id").values_list("id", flat=True)[args.profiles - 1:][:1]
            profiles = profiles.filter(id__lte=last[0]) if last else profiles
        ids, vectors = profile_vectors(profiles, folder, _progress)
        print(file=sys.stderr)
        return ids, vectors, "database"
    count = args.synthetic or args.profiles or 100_000
    return np.arange(1, count + 1), _synthetic(count, folder), "synthetic"


def _has_profiles(profiles) -> bool:
    from django.db import DatabaseError

    try:
        return profiles.exists()
    except DatabaseError:  # no schema yet: nothing to read
        return False


def _progress(stage: str, done: int, total: int) -> None:
    print(f"\r{stage}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)


def _skill_matrix(folder: Path) -> np.ndarray:
    from bornglobal.network import taxonomy
    from bornglobal.network.semantic_vectors import SkillVectors

    skills = SkillVectors(folder)
    rows = skills.rows([(row.esco_id, row.label) for row in taxonomy.read_rows()],
                       lambda done, total: _progress("skills", done, total))
    return skills.matrix[rows]


def _synthetic(count: int, folder: Path) -> np.ndarray:
    from bornglobal.network.semantic_vectors import compose

    skills = _skill_matrix(folder)
    neighbours = np.zeros((len(skills), 40), dtype=np.int64)
    for start in range(0, len(skills), 2000):
        scores = skills[start:start + 2000] @ skills.T
        neighbours[start:start + 2000] = np.argpartition(-scores, 40, axis=1)[:, :40]
    rng = np.random.default_rng(7)
    anchors = rng.integers(0, len(skills), count)
    sizes = rng.integers(3, 8, count)
    offsets = np.zeros(count + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(sizes)
    owners = np.repeat(np.arange(count), sizes)
    rows = neighbours[anchors[owners], rng.integers(0, 40, offsets[-1])]
    rows[offsets[:-1]] = anchors
    levels = rng.integers(1, 6, offsets[-1]).astype(np.float32)
    vectors = np.empty((count, skills.shape[1]), dtype=np.float32)
    for first in range(0, count, 100_000):  # headline vectors in slices, not 1.5 GB at once
        last = min(first + 100_000, count)
        span = offsets[first:last + 1]
        vectors[first:last] = compose(skills, span - span[0], rows[span[0]:span[-1]],
                                      levels[span[0]:span[-1]], skills[anchors[first:last]])
    return vectors


def _queries(folder: Path) -> tuple[np.ndarray, list[float]]:
    from bornglobal.network import taxonomy
    from bornglobal.network.semantic_vectors import embedder

    labels = [row.label for row in taxonomy.read_rows()]
    rng = np.random.default_rng(11)
    texts = []
    for n in range(QUERIES):
        a, b, c = (labels[i] for i in rng.integers(0, len(labels), 3))
        texts.append(TEMPLATES[n % len(TEMPLATES)].format(a=a, b=b, c=c))
    model = embedder()
    model.embed(texts[:2])  # warm up
    vectors, timings = [], []
    for text in texts:
        began = time.perf_counter()
        vectors.append(model.embed([text])[0])
        timings.append((time.perf_counter() - began) * 1000)
    return np.stack(vectors), timings


def _compare(ids: np.ndarray, vectors: np.ndarray, queries: np.ndarray, probes: list[int]):
    from bornglobal.network.semantic_index import VectorIndex, exact_top_k, recall_at_k

    exact, exact_sims, exact_ms = [], [], []
    for query in queries:
        began = time.perf_counter()
        rows, sims = exact_top_k(vectors, query, 10)
        exact_ms.append((time.perf_counter() - began) * 1000)
        exact.append(ids[rows[0]])
        exact_sims.append(sims[0])
    exact, exact_sims = np.stack(exact), np.stack(exact_sims)
    began = time.perf_counter()
    index = VectorIndex.build(ids, vectors)
    build_seconds = time.perf_counter() - began
    kind = "exact (flat)" if index.exact else f"IVF-Flat, {index.index.nlist} cells"
    print(f"index: {kind}, built in {build_seconds:.1f} s over {index.size:,} vectors")
    print(f"{'nprobe':>7}{'recall@10':>11}{'w/ ties':>9}{'ANN p50':>9}{'ANN p95':>9}"
          f"{'exact p50':>11}{'exact p95':>11}{'speed-up':>10}")
    ex50, ex95 = np.percentile(exact_ms, 50), np.percentile(exact_ms, 95)
    for nprobe in probes if not index.exact else [0]:
        index.nprobe = nprobe
        found, found_sims, ann_ms = [], [], []
        for query in queries:
            began = time.perf_counter()
            hit, sims = index.search(query, 10)
            ann_ms.append((time.perf_counter() - began) * 1000)
            found.append(hit[0])
            found_sims.append(sims[0])
        by_id, ties = recall_at_k(np.stack(found), exact, np.stack(found_sims), exact_sims)
        an50, an95 = np.percentile(ann_ms, 50), np.percentile(ann_ms, 95)
        print(f"{nprobe or '-':>7}{by_id:>11.3f}{ties:>9.3f}{an50:>8.2f}m{an95:>8.2f}m"
              f"{ex50:>10.1f}m{ex95:>10.1f}m{ex50 / an50:>9.0f}x")


if __name__ == "__main__":
    main()
