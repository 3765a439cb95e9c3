"""Talent search: free text, ESCO skills and filters over listed profiles, explained.

`search(actor, query)` answers a `SearchPage`. Listed profiles are public to every
logged-in actor; the viewer's currency and working week only shape the answer.

How it stays fast at a million profiles (see also `search_filters`):

1. **Filters become indexable conditions.** Region → `country IN`; overlap →
   `pattern_id IN` (hours computed once per working pattern); rate range →
   per-currency `BETWEEN` bounds; languages → `EXISTS` on the (language, profile)
   index.
2. **Free text becomes skills.** `suggest_skills` maps the text to ESCO skills,
   each with the phrase that named it; explicit skill ids join them. Every skill
   row is also a posting that carries a copy of its profile's filter columns
   (`network.postings`), so the best-reputed holders of a skill that pass the
   filters are one walk of the (skill, reputation desc, profile, filters...) index,
   which never visits the profile table and stops after the pool is full.
   Sorting by rate walks the `(currency, rate_minor)` index instead, probing the
   postings (`id IN` for rare skills, `EXISTS` for common ones).
3. **Headline words** are looked for only among the `HEADLINE_WINDOW` best-reputed
   profiles, then filtered (a bounded scan, never a LIKE over the table).
4. **A bounded pool is re-ranked.** The two sources give at most `POOL` profiles
   (more for deep pages, up to `MAX_POOL`); their postings of the wanted skills are
   read in one query and scored in Python (`search_rank`). The count is exact below
   the pool size and shown as "500+" above it. Sorting by rate merges one
   `(currency, rate_minor)` index walk per currency, compared in the viewer's currency.
"""

from __future__ import annotations

import heapq
from datetime import date, datetime, time
from decimal import Decimal
from itertools import islice
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q, QuerySet

from bornglobal import clock
from bornglobal.domain import availability, regions
from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import rates
from bornglobal.network import search_filters as filters
from bornglobal.network import search_rank as rank
from bornglobal.network import semantic
from bornglobal.network.models import Profile, ProfileLanguage, ProfileSkill, Skill
from bornglobal.network.search_query import RateShown, Result, SearchPage, SearchQuery, Sort
from bornglobal.network.selectors import suggest_skills
from bornglobal.tenancy.actors import Actor

POOL = 500
MAX_POOL = 2_000
HEADLINE_WINDOW = 5_000
RARE_POSTINGS = 20_000
TEXT_SKILLS = 8
SEMANTIC_K = 300  # nearest profiles asked of the semantic index, before the filters
SEMANTIC_FLOOR = 0.3  # below this cosine similarity a profile is not "close in meaning"
ALL_DAYS = frozenset(range(1, 8))
NINE, FIVE = time(9, 0), time(17, 0)

_posting_counts: dict[int, int] = {}


def viewer_week(actor: Actor, query: SearchQuery) -> WorkingWeek:
    """The window overlap is measured against: the viewer's own week, or the one asked."""
    user = actor.user
    profile = Profile.objects.select_related("pattern").filter(user=user).first()
    if profile is not None:
        own = filters.week_of(profile.pattern)
    else:
        country = user.country if user.country in filters._holiday_countries() else None
        own = WorkingWeek(user.time_zone or "UTC", NINE, FIVE, frozenset(range(1, 6)), country)
    if not query.has_window:
        return own
    try:
        return WorkingWeek(
            query.window_zone or own.zone, query.window_start or own.start,
            query.window_end or own.end, ALL_DAYS,
        )
    except DomainError as error:
        raise DomainError(
            error.message, code="bad_zone", details={"zone": query.window_zone}
        ) from None


def search(actor: Actor, query: SearchQuery) -> SearchPage:
    viewer = viewer_week(actor, query)
    on = query.on or datetime.now(ZoneInfo(viewer.zone)).date()
    currency = actor.user.currency
    wanted = _wanted_skills(query)
    terms = rank.headline_terms(query.text)
    meaning = _meaning(query.text)
    base = Profile.objects.filter(_filters(query, viewer, on, currency))
    if wanted or terms or meaning:
        held_where = _filters(query, viewer, on, currency, owner="profile_id")
        ranked, count, capped = _pool_ranked(
            base, held_where, query, wanted, terms, meaning, on, currency
        )
    else:
        ranked, count, capped = _plain_ranked(base, query, on, currency)
    page = ranked[query.offset : query.offset + query.limit + 1]
    items = _results(page[: query.limit], wanted, terms, viewer, on, currency)
    return SearchPage(
        items=items,
        count=count,
        count_capped=capped,
        has_more=len(page) > query.limit,
        on=on,
        viewer_currency=currency,
        viewer_window=f"{viewer.start:%H:%M}-{viewer.end:%H:%M} {viewer.zone}",
        wanted=list(wanted.values()),
        terms=terms,
    )


# Resolving the query


def _wanted_skills(query: SearchQuery) -> dict[int, rank.WantedSkill]:
    wanted: dict[int, rank.WantedSkill] = {}
    if query.skill_ids:
        found = Skill.objects.in_bulk(list(query.skill_ids))
        missing = sorted(set(query.skill_ids) - set(found))
        if missing:
            raise DomainError(
                f"No skill with id {missing[0]}.", code="unknown_skill",
                details={"skill_ids": missing},
            )
        for skill in found.values():
            wanted[skill.id] = rank.WantedSkill(skill.id, skill.label, skill.esco_id)
    if query.text.strip():
        for suggestion in suggest_skills(query.text, TEXT_SKILLS):
            skill = suggestion.skill
            wanted.setdefault(skill.id, rank.WantedSkill(
                skill.id, skill.label, skill.esco_id, suggestion.why, suggestion.exact
            ))
    return wanted


def _filters(
    query: SearchQuery, viewer: WorkingWeek, on: date, currency: str, owner: str = "pk"
) -> Q:
    """The filters as one condition on profiles, or on postings with `owner="profile_id"`

    (postings carry the same column names, see `network.postings`)."""
    where = Q(listed=True)
    countries = set(query.countries)
    if query.region:
        in_region = regions.countries_in(query.region)
        countries = countries & in_region if countries else set(in_region)
        countries = countries or {"--"}
    if countries:
        where &= Q(country__in=sorted(countries))
    for need in query.languages:
        spoken = ProfileLanguage.objects.filter(
            profile_id=OuterRef(owner), language=need.code, level__in=need.levels
        )
        where &= Q(Exists(spoken))
    if query.min_overlap is not None and query.min_overlap > 0:
        patterns = filters.patterns_with_overlap(viewer, on, query.min_overlap)
        where &= filters.column_in("pattern_id", patterns)
    if query.rate_min is not None or query.rate_max is not None:
        wanted = filters.RateRange(
            currency,
            None if query.rate_min is None else filters.major_to_minor(query.rate_min, currency),
            None if query.rate_max is None else filters.major_to_minor(query.rate_max, currency),
        )
        where &= filters.rate_clause(wanted, on)
    if query.min_hours_per_week:
        where &= Q(hours_per_week__gte=query.min_hours_per_week)
    if query.min_reputation is not None:
        where &= Q(reputation__gte=query.min_reputation)
    return where


def _postings(skill_id: int) -> int:
    if skill_id not in _posting_counts:
        _posting_counts[skill_id] = ProfileSkill.objects.filter(skill_id=skill_id).count()
    return _posting_counts[skill_id]


def forget() -> None:
    _posting_counts.clear()
    filters.forget()


def _holding(skill_ids: list[int]) -> Q:
    """Profiles holding any of the skills, phrased for the plan that suits their rarity."""
    postings = ProfileSkill.objects.filter(skill_id__in=skill_ids)
    if sum(_postings(skill_id) for skill_id in skill_ids) <= RARE_POSTINGS:
        return Q(id__in=postings.values("profile_id"))
    return Q(Exists(postings.filter(profile_id=OuterRef("pk"))))


# Ranking


Row = tuple  # (id, reputation, rate_minor, currency, headline)
COLUMNS = ("id", "reputation", "rate_minor", "currency", "headline")


def _by_reputation(rows: QuerySet, size: int) -> list[Row]:
    return list(rows.order_by("-reputation", "id").values_list(*COLUMNS)[:size])


def _by_rate(rows: QuerySet, size: int, on: date, currency: str) -> list[Row]:
    """The `size` cheapest in the viewer's currency: one index walk per currency, merged."""
    chain = rates.current()
    walks = []
    for own in filters.profile_currencies():
        rate = filters.rate_between(chain, own, currency, on)
        factor = rate.value if rate else None
        found = rows.filter(currency=own).order_by("rate_minor", "id").values_list(*COLUMNS)
        walks.append([((_rate_key(row, factor), row[0]), row) for row in found[:size]])
    return [row for _, row in islice(heapq.merge(*walks, key=lambda pair: pair[0]), size)]


def _rate_key(row: Row, factor: Decimal | None) -> tuple:
    """Comparable hourly cost in the viewer's currency (unconvertible rates last)."""
    if factor is None:
        return (1, Decimal(0))
    return (0, Money(row[2], row[3]).to_decimal() * factor)


def _plain_ranked(base: QuerySet, query: SearchQuery, on: date, currency: str):
    size = query.offset + query.limit + 1
    if query.sort == Sort.RATE:
        rows = _by_rate(base, size, on, currency)
    else:
        rows = _by_reputation(base, size)
    count = base[: POOL + 1].count()
    return [(row, [], (), None) for row in rows], min(count, POOL), count > POOL


def _meaning(text: str) -> dict[int, Decimal]:
    """Profiles close in meaning to the free text, with the semantic extra; else none."""
    if not text.strip() or not semantic.available():
        return {}
    return {profile_id: Decimal(f"{similarity:.3f}")
            for profile_id, similarity in semantic.semantic_candidates(text, SEMANTIC_K)
            if similarity >= SEMANTIC_FLOOR}


def _pool_ranked(base, held_where, query, wanted, terms, meaning, on, currency):
    size = min(MAX_POOL, max(POOL, query.offset + query.limit + 1))
    sources: list[list[Row]] = []
    held: dict[int, list] = {}
    if wanted and query.sort == Sort.RATE:
        sources.append(_by_rate(base.filter(_holding(sorted(wanted))), size, on, currency))
    elif wanted:
        rows, held = _best_holders(held_where, sorted(wanted), size)
        sources.append(_with_headlines(rows) if terms else rows)
    if terms:
        # The window is taken before the filters, so that its cost is bounded even
        # when they are selective (a region of a few countries, a narrow rate range).
        window = Profile.objects.order_by("-reputation", "id").values("id")[:HEADLINE_WINDOW]
        said = Q()
        for term in terms:
            said |= Q(headline__icontains=term)
        sources.append(_by_reputation(base.filter(said, id__in=window), size))
    if meaning:  # the index knows nothing of filters: they apply here, in SQL
        sources.append(_by_reputation(base.filter(id__in=list(meaning)), size))
    capped = any(len(source) >= size for source in sources)
    pool = {row[0]: row for source in sources for row in source}
    held.update(_held_skills([pid for pid in pool if pid not in held], list(wanted)))
    scored, memo = [], {}
    for profile_id, row in pool.items():
        matches = rank.matches_for(wanted, held.get(profile_id, []), memo)
        hits = rank.headline_hits(row[4], terms)
        similarity = meaning.get(profile_id)
        if matches or hits or similarity:
            scored.append((row, matches, hits, similarity))
    scored.sort(key=_sort_key(query.sort, on, currency))
    return scored, min(len(scored), size), capped or len(scored) > size


POSTING_COLUMNS = ("profile_id", "reputation", "rate_minor", "currency", "skill_id", "level",
                   "years")


def _best_holders(where: Q, skill_ids: list[int], size: int) -> tuple[list[Row], dict]:
    """The `size` best-reputed holders of any of the skills that pass the filters.

    One walk of `profile_skill_search_idx` per skill, in (reputation desc, profile)
    order, stopping at `size` postings that pass; the union's best `size` are exact.
    Their postings of the wanted skills come back too, and are complete: a profile
    missing from a walk that stopped early has `size` better-reputed holders ahead
    of it, so it is not among the best `size` either.
    """
    best: dict[int, Row] = {}
    held: dict[int, list] = {}
    for skill_id in skill_ids:
        postings = (ProfileSkill.objects.filter(where, skill_id=skill_id)
                    .order_by("-reputation", "profile_id").values_list(*POSTING_COLUMNS))
        for pid, reputation, rate_minor, own, skill, level, years in postings[:size]:
            best.setdefault(pid, (pid, reputation, rate_minor, own, ""))
            held.setdefault(pid, []).append((skill, level, years))
    rows = sorted(best.values(), key=lambda row: (-row[1], row[0]))[:size]
    return rows, {row[0]: held[row[0]] for row in rows}


def _with_headlines(rows: list[Row]) -> list[Row]:
    """The rows with their profiles' headlines, for matching headline words."""
    headlines = dict(Profile.objects.filter(id__in=[row[0] for row in rows])
                     .values_list("id", "headline"))
    return [(*row[:4], headlines[row[0]]) for row in rows]


def _held_skills(profile_ids: list[int], skill_ids: list[int]) -> dict[int, list]:
    held: dict[int, list] = {}
    if not profile_ids or not skill_ids:
        return held
    postings = ProfileSkill.objects.filter(skill_id__in=skill_ids, profile_id__in=profile_ids)
    for profile_id, skill_id, level, years in postings.values_list(
        "profile_id", "skill_id", "level", "years"
    ):
        held.setdefault(profile_id, []).append((skill_id, level, years))
    return held


def _sort_key(sort: Sort, on: date, currency: str):
    if sort == Sort.REPUTATION:
        return lambda entry: (-entry[0][1], entry[0][0])
    if sort == Sort.RATE:
        chain = rates.current()
        factors = {}

        def cheapest(entry):
            own = entry[0][3]
            if own not in factors:
                rate = filters.rate_between(chain, own, currency, on)
                factors[own] = rate.value if rate else None
            return (_rate_key(entry[0], factors[own]), entry[0][0])

        return cheapest
    return lambda entry: (
        -rank.relevance(entry[1], entry[2], entry[3]), -entry[0][1], entry[0][0]
    )


# Explaining


def _results(page, wanted, terms, viewer, on, currency) -> list[Result]:
    ids = [row[0] for row, _, _, _ in page]
    profiles = Profile.objects.select_related("user", "pattern").in_bulk(ids)
    chain = rates.current()
    now = clock.now()
    results = []
    for row, matches, hits, similarity in page:
        profile = profiles[row[0]]
        own = Money(profile.rate_minor, profile.currency)
        conversion = filters.converted(own, currency, on, chain)
        zone = ZoneInfo(profile.pattern.time_zone)
        results.append(Result(
            profile_id=profile.id,
            name=profile.user.full_name,
            headline=profile.headline,
            country=profile.country,
            city=profile.city,
            time_zone=profile.pattern.time_zone,
            local_time=now.astimezone(zone),
            working_hours=f"{profile.pattern.start:%H:%M}-{profile.pattern.end:%H:%M}",
            reputation=profile.reputation,
            hours_per_week=profile.hours_per_week,
            skills=matches,
            headline_words=hits,
            overlap_hours=_overlap(profile, viewer, on),
            rate=RateShown(
                own,
                conversion.target if conversion else None,
                conversion.rate if conversion else None,
            ),
            score=rank.relevance(matches, hits, similarity),
            similarity=similarity,
        ))
    return results


def _overlap(profile: Profile, viewer: WorkingWeek, on: date) -> Decimal:
    cached = filters.cached_overlap(viewer, on)
    if cached is not None and profile.pattern_id in cached:
        return cached[profile.pattern_id]
    return availability.overlap_hours_on(filters.week_of(profile.pattern), viewer, on)
