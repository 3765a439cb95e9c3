"""Talent search over the REST API: GET /profiles/search. Thin: parses, asks `network.search`.

Dates, times and amounts arrive as text and are parsed here, so that a bad one is a
400 with its own code (`bad_date`, `bad_time`, `rate_range_invalid`) rather than a
generic validation error.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema

from bornglobal.apierrors import ErrorOut
from bornglobal.apitypes import MAX_ID, Country, Text, number
from bornglobal.domain.errors import DomainError
from bornglobal.money.schemas import MoneyOut, decimal_text
from bornglobal.network.search import search
from bornglobal.network.search_query import MAX_LIMIT, LanguageNeed, Result, SearchQuery, Sort
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["network"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
Short = Annotated[Text, Field(max_length=64)]


class SearchParams(Schema):
    q: Annotated[Text, Field(max_length=500, description="free text: skills, words")] = ""
    skill: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        [], max_length=20, description="skill ids (repeat the parameter)"
    )
    country: list[Country] = Field([], max_length=50, description="ISO 3166-1 alpha-2 codes")
    region: Short = Field("", description="UN M49 region or sub-region, name or code")
    language: list[Annotated[Text, Field(max_length=10)]] = Field(
        [], max_length=5, description='ISO 639 code, optionally with a level: "pt" or "pt:B2"'
    )
    overlap_hours: Short = Field("", description="at least this many hours of overlap")
    zone: Short = Field("", description="IANA zone of the window (default: your own)")
    start: Short = Field("", description="local start of the window, HH:MM")
    end: Short = Field("", description="local end of the window, HH:MM")
    date: Short = Field("", description="the day of the overlap and of the rates, YYYY-MM-DD")
    rate_min: Short = Field("", description="lowest hourly rate in your currency")
    rate_max: Short = Field("", description="highest hourly rate in your currency")
    min_hours: int | None = Field(None, ge=0, le=80, description="free hours per week")
    min_reputation: number(ge=0, le=100, max_digits=4, decimal_places=1) | None = None
    sort: Literal["relevance", "rate", "reputation"] = "relevance"
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


class MatchedSkillOut(Schema):
    skill_id: int
    esco_id: str
    label: str
    level: int
    years: int
    phrase: str = Field(description="the words of `q` that named the skill; empty if by id")


class RateOut(Schema):
    own: MoneyOut
    converted: MoneyOut | None = Field(description="in your currency; null without a rate")
    rate: str | None
    rate_date: date | None = Field(description="the publication date of the rate used")
    rate_source: str | None
    description: str


class WhyOut(Schema):
    skills: list[MatchedSkillOut]
    headline_words: list[str]
    overlap_hours: str
    overlap_date: date
    viewer_window: str
    rate: RateOut
    score: str
    similarity: str | None = Field(
        None, description="cosine similarity to `q` in meaning (only with the semantic extra)")


class ProfileHitOut(Schema):
    id: int
    url: str
    name: str
    headline: str
    country: str
    city: str
    time_zone: str
    local_time: datetime
    working_hours: str
    reputation: str
    hours_per_week: int
    why: WhyOut


class SearchOut(Schema):
    items: list[ProfileHitOut]
    count: int = Field(description="exact, or a lower bound when count_capped")
    count_capped: bool
    has_more: bool
    viewer_currency: str
    date: date


def _parsed(text: str, parse, code: str, what: str):
    try:
        if not text.strip().isascii():  # Decimal and fromisoformat read other scripts' digits
            raise ValueError(text)
        return parse(text.strip()) if text.strip() else None
    except (ValueError, InvalidOperation):
        raise DomainError(f"{text!r} is not {what}.", code=code, details={"value": text}) from None


def query_from(params: SearchParams) -> SearchQuery:
    languages = []
    for item in params.language:
        code, _, level = item.partition(":")
        languages.append(LanguageNeed(code, level.strip()))
    return SearchQuery(
        text=params.q,
        skill_ids=tuple(dict.fromkeys(params.skill)),
        countries=tuple(params.country),
        region=params.region.strip(),
        languages=tuple(languages),
        min_overlap=_parsed(params.overlap_hours, Decimal, "bad_overlap", "a number of hours"),
        window_zone=params.zone.strip(),
        window_start=_parsed(params.start, time.fromisoformat, "bad_time", "a time (HH:MM)"),
        window_end=_parsed(params.end, time.fromisoformat, "bad_time", "a time (HH:MM)"),
        on=_parsed(params.date, date.fromisoformat, "bad_date", "a date (YYYY-MM-DD)"),
        rate_min=_parsed(params.rate_min, Decimal, "rate_range_invalid", "an amount"),
        rate_max=_parsed(params.rate_max, Decimal, "rate_range_invalid", "an amount"),
        min_hours_per_week=params.min_hours,
        min_reputation=params.min_reputation,
        sort=Sort(params.sort),
        limit=params.limit,
        offset=params.offset,
    )


def hit_out(result: Result, page) -> dict:
    rate = result.rate.rate
    return {
        "id": result.profile_id,
        "url": f"/network/profiles/{result.profile_id}/",
        "name": result.name,
        "headline": result.headline,
        "country": result.country,
        "city": result.city,
        "time_zone": result.time_zone,
        "local_time": result.local_time,
        "working_hours": result.working_hours,
        "reputation": str(result.reputation),
        "hours_per_week": result.hours_per_week,
        "why": {
            "skills": [
                {"skill_id": m.skill_id, "esco_id": m.esco_id, "label": m.label,
                 "level": m.level, "years": m.years, "phrase": m.phrase}
                for m in result.skills
            ],
            "headline_words": list(result.headline_words),
            "overlap_hours": str(result.overlap_hours),
            "overlap_date": page.on,
            "viewer_window": page.viewer_window,
            "rate": {
                "own": result.rate.own,
                "converted": result.rate.converted,
                "rate": decimal_text(rate.value) if rate else None,
                "rate_date": rate.used if rate else None,
                "rate_source": rate.source if rate else None,
                "description": result.rate.description,
            },
            "score": str(result.score),
            "similarity": str(result.similarity) if result.similarity is not None else None,
        },
    }


@router.get("/profiles/search", response={200: SearchOut, **ERRORS})
def search_profiles(request, params: Query[SearchParams]):
    """Listed freelancers matching free text, skills and filters; each says why it matched.

    Rates are compared and shown in your currency, with the rate's date and source.
    Overlap is measured against your own working week (or the window given by
    `zone`/`start`/`end`) on `date` (default: today in that zone), DST-correct.
    """
    page = search(actor_of(request), query_from(params))
    return {
        "items": [hit_out(item, page) for item in page.items],
        "count": page.count,
        "count_capped": page.count_capped,
        "has_more": page.has_more,
        "viewer_currency": page.viewer_currency,
        "date": page.on,
    }
