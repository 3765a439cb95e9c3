"""What a talent search asks, checked, and what it answers (plain dataclasses).

The web page, the REST API and the benchmark all build a `SearchQuery`, hand it
to `network.search.search` and read back a `SearchPage` whose every `Result` says
why it matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

import pycountry

from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import Rate
from bornglobal.domain.money import Money
from bornglobal.network.models import LanguageLevel
from bornglobal.network.search_rank import SkillMatch, WantedSkill

LEVELS = [choice.value for choice in LanguageLevel]
MAX_LIMIT = 50
MAX_TEXT = 500
MAX_SKILLS = 20


class Sort(StrEnum):
    RELEVANCE = "relevance"
    RATE = "rate"
    REPUTATION = "reputation"


@dataclass(frozen=True, slots=True)
class LanguageNeed:
    """An ISO 639 language, optionally at a CEFR level or better ("B2", "native")."""

    code: str
    min_level: str = ""

    def __post_init__(self) -> None:
        code = self.code.strip().lower()
        known = (
            pycountry.languages.get(alpha_2=code) if len(code) == 2
            else pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
        )
        if known is None:
            raise DomainError(
                f"{self.code!r} is not an ISO 639 language code (e.g. en, pt, sw).",
                code="unknown_language",
                details={"language": self.code},
            )
        object.__setattr__(self, "code", code)
        if self.min_level and self.min_level not in LEVELS:
            raise DomainError(
                f"{self.min_level!r} is not a language level ({', '.join(LEVELS)}).",
                code="bad_language_level",
                details={"level": self.min_level},
            )

    @property
    def levels(self) -> list[str]:
        """The levels that satisfy the need (all when no minimum is given)."""
        return LEVELS[LEVELS.index(self.min_level):] if self.min_level else LEVELS


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Free text, skills and filters. Rates are in the viewer's currency, major units.

    The overlap window defaults to the viewer's own working week; naming a zone, a
    start or an end makes it that window on the date asked, whatever the weekday.
    """

    text: str = ""
    skill_ids: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    region: str = ""
    languages: tuple[LanguageNeed, ...] = ()
    min_overlap: Decimal | None = None
    window_zone: str = ""
    window_start: time | None = None
    window_end: time | None = None
    on: date | None = None
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    min_hours_per_week: int | None = None
    min_reputation: Decimal | None = None
    sort: Sort = Sort.RELEVANCE
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        if len(self.text) > MAX_TEXT:
            raise DomainError(f"Search with at most {MAX_TEXT} characters.", code="text_too_long")
        if len(self.skill_ids) > MAX_SKILLS:
            raise DomainError(f"Ask for at most {MAX_SKILLS} skills.", code="too_many_skills")
        if not 1 <= self.limit <= MAX_LIMIT or self.offset < 0:
            raise DomainError(
                f"limit is 1..{MAX_LIMIT} and offset at least 0.", code="bad_page"
            )
        for bound in (self.rate_min, self.rate_max):
            if bound is not None and (not bound.is_finite() or bound < 0):
                raise DomainError("A rate bound is a positive amount.", code="rate_range_invalid")
        if self.rate_min is not None and self.rate_max is not None and (
            self.rate_min > self.rate_max
        ):
            raise DomainError(
                f"The lowest rate ({self.rate_min}) is above the highest ({self.rate_max}).",
                code="rate_range_invalid",
            )
        if self.min_overlap is not None and not Decimal(0) <= self.min_overlap <= 24:
            raise DomainError("Overlap is 0 to 24 hours.", code="bad_overlap")

    @property
    def has_window(self) -> bool:
        return bool(self.window_zone or self.window_start or self.window_end)


@dataclass(frozen=True, slots=True)
class RateShown:
    """The freelancer's own rate and, where a rate exists, the viewer's equivalent."""

    own: Money
    converted: Money | None
    rate: Rate | None

    @property
    def description(self) -> str:
        return self.rate.describe() if self.rate else f"no exchange rate for {self.own.currency}"


@dataclass(frozen=True, slots=True)
class Result:
    profile_id: int
    name: str
    headline: str
    country: str
    city: str
    time_zone: str
    local_time: datetime
    working_hours: str
    reputation: Decimal
    hours_per_week: int
    skills: list[SkillMatch]  # the query's skills the profile has, best first
    headline_words: tuple[str, ...]  # query words found in the headline
    overlap_hours: Decimal  # with the viewer's window on the date
    rate: RateShown
    score: Decimal
    similarity: Decimal | None = None  # to the free text in meaning (the semantic extra)


@dataclass(frozen=True, slots=True)
class SearchPage:
    items: list[Result]
    count: int  # exact, or at least this many when `count_capped`
    count_capped: bool
    has_more: bool
    on: date
    viewer_currency: str
    viewer_window: str
    wanted: list[WantedSkill] = field(default_factory=list)
    terms: tuple[str, ...] = ()

    @property
    def count_text(self) -> str:
        return f"{self.count:,}+" if self.count_capped else f"{self.count:,}"
