"""Relevance: how well a profile answers the skills and words asked for, and why.

The score is a sum a person can check by hand:

- each query skill the profile has counts ``MATCH_BASE + level + min(years, 10) / 5``
  (so covering more of the asked skills beats one skill at a higher level), times
  ``LOOSE_FACTOR`` when the free text named the skill only loosely (its words in
  another order or form);
- each query word found among the headline's words counts ``HEADLINE_WORD``;
- with the optional `semantic` extra, the cosine similarity (0 to 1) between the free
  text and the profile counts ``SEMANTIC_WEIGHT`` times over (0.8 is about one skill).

Ties go to the higher reputation, then to the older profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from bornglobal.network import taxonomy

MATCH_BASE = Decimal(3)
YEARS_CAP = 10
YEARS_PER_POINT = Decimal(5)
LOOSE_FACTOR = Decimal("0.6")
HEADLINE_WORD = Decimal(3)
SEMANTIC_WEIGHT = Decimal(10)
MAX_HEADLINE_TERMS = 6
COMMON_IN_HEADLINES = frozenset({
    "developer", "engineer", "expert", "freelance", "freelancer", "specialist", "senior",
})
SKIP = taxonomy.STOPWORDS | taxonomy.FUNCTION_WORDS | COMMON_IN_HEADLINES


@dataclass(frozen=True, slots=True)
class WantedSkill:
    """A skill the query asks for: given by id, or named by a phrase of the free text."""

    skill_id: int
    label: str
    esco_id: str
    phrase: str = ""  # as written in the text; empty when chosen by id
    exact: bool = True


@dataclass(frozen=True, slots=True)
class SkillMatch:
    skill_id: int
    label: str
    esco_id: str
    level: int
    years: int
    phrase: str
    points: Decimal


def skill_points(wanted: WantedSkill, level: int, years: int) -> Decimal:
    points = MATCH_BASE + level + Decimal(min(years, YEARS_CAP)) / YEARS_PER_POINT
    return points if wanted.exact else points * LOOSE_FACTOR


def headline_terms(text: str) -> tuple[str, ...]:
    """The query's content words, compared like the taxonomy compares (lower case, singular).

    Words too common in headlines ("developer", "engineer") still help the skill
    phrases match but are not searched for in headlines on their own.
    """
    terms: list[str] = []
    for word in taxonomy.words(text):
        if len(word) >= 2 and word not in SKIP and word not in terms:
            terms.append(word)
    return tuple(terms[:MAX_HEADLINE_TERMS])


def headline_hits(headline: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    if not terms:
        return ()
    lowered = headline.lower().replace("\u2019", "'")
    # A word that normalises to a term contains it (or, for "-ies" plurals, its stem),
    # so a headline without any of those strings is answered without splitting it.
    if not any((term[:-1] if term.endswith("y") else term) in lowered for term in terms):
        return ()
    present = _headline_words(headline)
    return tuple(term for term in terms if term in present)


@lru_cache(maxsize=100_000)
def _headline_words(headline: str) -> frozenset[str]:
    return frozenset(taxonomy.words(headline))


def relevance(
    matches: list[SkillMatch], hits: tuple[str, ...], similarity: Decimal | None = None
) -> Decimal:
    points = sum((m.points for m in matches), Decimal(0)) + HEADLINE_WORD * len(hits)
    return points + SEMANTIC_WEIGHT * (similarity or 0)


def matches_for(
    wanted: dict[int, WantedSkill], held: list[tuple[int, int, int]], memo: dict | None = None
) -> list[SkillMatch]:
    """The wanted skills among a profile's (skill_id, level, years), best first.

    A pool of a thousand profiles repeats the same (skill, level, years) many times:
    pass one `memo` dict for the whole pool and each match is scored once.
    """
    memo = {} if memo is None else memo
    found = []
    for posting in held:
        if posting[0] not in wanted:
            continue
        match = memo.get(posting)
        if match is None:
            skill_id, level, years = posting
            want = wanted[skill_id]
            match = memo[posting] = SkillMatch(
                skill_id, want.label, want.esco_id, level, years, want.phrase,
                skill_points(want, level, years),
            )
        found.append(match)
    if len(found) > 1:
        found.sort(key=lambda m: (-m.points, m.label))
    return found
