"""The ESCO skills file the package ships, and the text normalisation used to match it.

No Django here: the data migration and the selectors both read through these helpers.
ESCO: © European Union, 2017-2024, https://esco.ec.europa.eu/ (CC BY 4.0).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "esco_skills_en.tsv.gz"
KINDS = {"S": "skill", "K": "knowledge"}
ESCO_VERSION = "v1.1.1"
ATTRIBUTION = "© European Union, 2017\u20132024, https://esco.ec.europa.eu/"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = "ESCO (European Skills, Competences, Qualifications and Occupations) classification"
MAX_NGRAM = 4
WORD = re.compile(r"[^\W_]+(?:[+#]+|(?:['\u2019][^\W_]+)?)")
# Single words too common to suggest a skill on their own ("use", "English" stays).
_STOPWORDS = (
    "a an and are as at be by do for from in is it of on or our the to we with you your "
    "work working team need someone job role use using new help make"
)
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True, slots=True)
class SkillRow:
    esco_id: str
    label: str
    alt_labels: tuple[str, ...]
    kind: str  # "skill" or "knowledge"
    description: str


def read_rows(path: Path = DATA_FILE) -> Iterator[SkillRow]:
    """Every skill of the shipped file, in id order."""
    yield from _rows(path)


@lru_cache(maxsize=1)
def _rows(path: Path) -> tuple[SkillRow, ...]:
    return tuple(_read(path))


def _read(path: Path) -> Iterator[SkillRow]:
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            esco_id, label, alts, kind, description = line.rstrip("\n").split("\t")
            yield SkillRow(
                esco_id,
                label,
                tuple(a for a in alts.split("|") if a),
                KINDS[kind],
                description,
            )


def singular(word: str) -> str:
    """A crude plural stripper, applied alike to labels and free text."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case words with plurals stripped: the unit both sides are compared in."""
    return [_token(m.group()) for m in WORD.finditer(text)]


def _token(word: str) -> str:
    return singular(word.lower().replace("\u2019", "'"))


def normalise(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True, slots=True)
class Phrase:
    esco_id: str
    label: str  # the label or alternative label that the phrase normalises
    preferred: bool
    kind: str


@lru_cache(maxsize=1)
def phrase_index(path: Path = DATA_FILE) -> dict[str, tuple[Phrase, ...]]:
    """Normalised label (up to MAX_NGRAM words) -> the skills it names."""
    index: dict[str, list[Phrase]] = {}
    for row in read_rows(path):
        for position, label in enumerate((row.label, *row.alt_labels)):
            key = normalise(label)
            size = key.count(" ") + 1
            if not key or size > MAX_NGRAM or (size == 1 and key in STOPWORDS):
                continue
            entry = Phrase(row.esco_id, label, position == 0, row.kind)
            bucket = index.setdefault(key, [])
            if all(p.esco_id != row.esco_id for p in bucket):
                bucket.append(entry)
    return {key: tuple(value) for key, value in index.items()}


SUFFIXES = ("ement", "ment", "ing", "ion", "ed", "er", "e")
_FUNCTION_WORDS = "a an and as at by for from in into of on or the to with"
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
SLACK = 3  # extra words a loose match may span beyond its own
BREAK = re.compile(r"[.,;:!?|\n\t]")  # a phrase never spans these


def stem(word: str) -> str:
    """Cruder than `singular`: "manage", "managing" and "management" share "manag"."""
    word = singular(word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(label: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(label) if w not in FUNCTION_WORDS)


@lru_cache(maxsize=1)
def loose_index(path: Path = DATA_FILE) -> dict[str, tuple[tuple[frozenset[str], Phrase], ...]]:
    """Rarest stem -> (stems, phrase) for labels of 2..MAX_NGRAM content words.

    Finds "manage social media" for the label "social media management": every content
    word of a label, in any order, within a short window of the text.
    """
    entries: list[tuple[frozenset[str], Phrase]] = []
    frequency: dict[str, int] = {}
    for row in read_rows(path):
        seen: set[frozenset[str]] = set()
        for position, label in enumerate((row.label, *row.alt_labels)):
            stems = content_stems(label)
            if not 2 <= len(stems) <= MAX_NGRAM or stems in seen:
                continue
            seen.add(stems)
            entries.append((stems, Phrase(row.esco_id, label, position == 0, row.kind)))
            for s in stems:
                frequency[s] = frequency.get(s, 0) + 1
    index: dict[str, list[tuple[frozenset[str], Phrase]]] = {}
    for stems, phrase in entries:
        rarest = min(sorted(stems), key=lambda s: frequency[s])
        index.setdefault(rarest, []).append((stems, phrase))
    return {key: tuple(value) for key, value in index.items()}


@dataclass(frozen=True, slots=True)
class Match:
    esco_id: str
    phrase: str  # as written in the free text
    label: str  # the label or alternative label it matched
    preferred: bool
    kind: str
    size: int  # words matched


def load_skills(skill_model, using: str = "default", batch: int = 2_000) -> int:
    """Write every skill of the shipped file as rows of `skill_model`; returns how many.

    The data migration calls it with its historical model; tests that empty the table
    (transactional browser tests flush it) call it to put the taxonomy back.
    """
    rows, written = [], 0
    for row in read_rows():
        rows.append(skill_model(esco_id=row.esco_id, label=row.label,
                                alt_labels="|".join(row.alt_labels), kind=row.kind,
                                description=row.description))
        if len(rows) == batch:
            skill_model.objects.using(using).bulk_create(rows)
            written, rows = written + len(rows), []
    skill_model.objects.using(using).bulk_create(rows)
    return written + len(rows)


def warm() -> None:
    """Build both indexes now (a few seconds), so no request pays for them.

    The web server calls this when a worker starts (`bornglobal/wsgi.py`).
    """
    phrase_index()
    loose_index()


def find_phrases(
    text: str,
    index: dict[str, tuple[Phrase, ...]] | None = None,
    loose: dict[str, tuple[tuple[frozenset[str], Phrase], ...]] | None = None,
) -> list[Match]:
    """Each skill whose label or alternative label occurs in `text`, best match per skill.

    Exact phrases (normalised) rank before loose ones (the same content words in another
    order or form); then by words matched (longer first), preferred label before
    alternative, skill/competence before knowledge, and first occurrence.
    """
    index = phrase_index() if index is None else index
    loose = loose_index() if loose is None else loose
    found = list(WORD.finditer(text))
    spans = [(m.start(), m.end()) for m in found]
    tokens = [_token(m.group()) for m in found]
    best: dict[str, tuple[tuple, Match]] = {}
    for start in range(len(tokens)):
        for size in range(min(MAX_NGRAM, len(tokens) - start), 0, -1):
            key = " ".join(tokens[start : start + size])
            for phrase in index.get(key, ()):
                written = text[spans[start][0] : spans[start + size - 1][1]]
                if size > 1 and BREAK.search(written):
                    continue
                match = Match(
                    phrase.esco_id, written, phrase.label, phrase.preferred, phrase.kind, size
                )
                rank = (0, -size, not phrase.preferred, phrase.kind != "skill", start)
                if phrase.esco_id not in best or rank < best[phrase.esco_id][0]:
                    best[phrase.esco_id] = (rank, match)
    stems = [stem(token) for token in tokens]
    for at, token_stem in enumerate(stems):
        for wanted, phrase in loose.get(token_stem, ()):
            reach = len(wanted) + SLACK
            low, high = max(0, at - reach + 1), min(len(stems), at + reach)
            hits = [i for i in range(low, high) if stems[i] in wanted]
            if {stems[i] for i in hits} != wanted:
                continue
            first, last = hits[0], hits[-1]
            if last - first >= reach:
                continue
            written = text[spans[first][0] : spans[last][1]]
            if BREAK.search(written):
                continue
            match = Match(
                phrase.esco_id, written, phrase.label, phrase.preferred, phrase.kind, len(wanted)
            )
            rank = (1, -len(wanted), not phrase.preferred, phrase.kind != "skill", first)
            if phrase.esco_id not in best or rank < best[phrase.esco_id][0]:
                best[phrase.esco_id] = (rank, match)
    return [match for _, match in sorted(best.values(), key=lambda pair: pair[0])]
