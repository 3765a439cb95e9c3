"""Skill postings: each `ProfileSkill` row carries a copy of its profile's search filters.

Search answers "holders of skill S that pass the filters, best reputed first" by
walking one index of postings, never visiting the profile table (`network.search`).
That works only while every posting's copy of `SEARCH_COPY` equals its profile's.
The rule: whoever writes those profile columns calls `sync(profile)` in the same
transaction, and whoever creates postings fills them with `stamp(rows, profile)`.
`out_of_sync()` lists any posting that breaks the rule (tests use it after every
writer; an operator can too).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from bornglobal.network.models import Profile, ProfileSkill
from bornglobal.network.models.profiles import SEARCH_COPY


def copy_of(profile: Profile) -> dict:
    """The posting columns for a profile, as keyword arguments."""
    return {name: getattr(profile, name) for name in SEARCH_COPY}


def stamp(rows: Iterable[ProfileSkill], profile: Profile) -> None:
    """Fill new postings with their profile's filters before they are saved."""
    copy = copy_of(profile)
    for row in rows:
        row.profile = profile
        for name, value in copy.items():
            setattr(row, name, value)


def sync(profile: Profile) -> int:
    """Make the profile's postings carry its current filters; answers the rows updated."""
    return ProfileSkill.objects.filter(profile_id=profile.pk).update(**copy_of(profile))


def out_of_sync() -> QuerySet[ProfileSkill]:
    """Postings whose copy differs from their profile (empty when every writer kept the rule)."""
    differs = Q()
    for name in SEARCH_COPY:
        ours, theirs = name, f"profile__{name}"
        differs |= ~Q(**{ours: F(theirs)}) | Q(**{f"{ours}__isnull": True})
    return ProfileSkill.objects.filter(differs)
