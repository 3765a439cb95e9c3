"""Freelancer profiles: who a person is, where and when they work, what they can do.

A profile belongs to one user (`User.is_freelancer`). Its working week is a
`WorkPattern` shared by every profile with the same zone, local hours, days and
holiday calendar: search works out the overlap hours once per pattern on the
date asked for (DST-correct, see `domain.availability`) and then filters profiles
by pattern, so a million profiles need a few thousand overlap computations, not a
million. The cached `reputation` is recomputed by `network.reviews` whenever a
review lands; the profile page shows how it was computed.

Payout details are not here: they live in `money.PayoutDetails`, where only the
person and the ventures that pay them can read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bornglobal.network.models.skills import Skill

ISO_COUNTRY = r"^[A-Z]{2}$"
ISO_CURRENCY = r"^[A-Z]{3}$"
ISO_WEEKDAYS = r"^1?2?3?4?5?6?7?$"


class WorkPattern(models.Model):
    """A working week: local hours on ISO weekdays in one zone, with a holiday calendar."""

    time_zone = models.CharField(max_length=64, help_text="IANA zone")
    start = models.TimeField(help_text="local start of the working day")
    end = models.TimeField(help_text="local end; not after start means it crosses midnight")
    days = models.CharField(max_length=7, help_text='ISO weekdays, e.g. "12345" = Mon-Fri')
    holidays_country = models.CharField(max_length=2, blank=True, default="")
    holidays_subdivision = models.CharField(max_length=10, blank=True, default="")

    class Meta:
        ordering = ["time_zone", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["time_zone", "start", "end", "days", "holidays_country",
                        "holidays_subdivision"],
                name="work_pattern_unique",
            ),
            models.CheckConstraint(
                condition=Q(days__regex=ISO_WEEKDAYS) & ~Q(days=""),
                name="work_pattern_days_iso_weekdays",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {self.time_zone} days {self.days}"


class Profile(models.Model):
    """A freelancer's public profile and the facts search filters on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    headline = models.CharField(max_length=160)
    bio = models.TextField(blank=True, default="")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    city = models.CharField(max_length=100, blank=True, default="")
    pattern = models.ForeignKey(WorkPattern, on_delete=models.PROTECT, related_name="profiles")
    rate_minor = models.BigIntegerField(help_text="hourly rate in minor units of `currency`")
    currency = models.CharField(max_length=3, help_text="ISO 4217, the freelancer's own")
    hours_per_week = models.PositiveSmallIntegerField(help_text="hours free for new work")
    listed = models.BooleanField(default=True, help_text="shown in search")
    reputation = models.DecimalField(
        max_digits=4, decimal_places=1, default=0, help_text="0-100, see domain.reputation"
    )
    review_count = models.PositiveIntegerField(default=0)
    completed_contracts = models.PositiveIntegerField(default=0)
    on_time_contracts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(country__regex=ISO_COUNTRY),
                                   name="profile_country_iso3166"),
            models.CheckConstraint(condition=Q(currency__regex=ISO_CURRENCY),
                                   name="profile_currency_iso4217"),
            models.CheckConstraint(condition=Q(rate_minor__gt=0), name="profile_rate_positive"),
            models.CheckConstraint(condition=Q(hours_per_week__lte=80),
                                   name="profile_hours_per_week_at_most_80"),
            models.CheckConstraint(condition=Q(reputation__gte=0) & Q(reputation__lte=100),
                                   name="profile_reputation_0_to_100"),
            models.CheckConstraint(condition=Q(on_time_contracts__lte=F("completed_contracts")),
                                   name="profile_on_time_within_completed"),
            models.CheckConstraint(condition=~Q(headline=""), name="profile_headline_not_empty"),
        ]
        indexes = [
            models.Index(fields=["country", "reputation"], name="profile_country_rep_idx"),
            models.Index(fields=["currency", "rate_minor"], name="profile_rate_idx"),
            models.Index(fields=["pattern"], name="profile_pattern_idx"),
            models.Index(fields=["-reputation", "id"], name="profile_reputation_idx"),
        ]

    def __str__(self) -> str:
        return self.headline


# The profile columns search filters and ranks on, copied onto each of its skills.
SEARCH_COPY = ("listed", "country", "pattern_id", "currency", "rate_minor", "hours_per_week",
               "reputation")


class ProfileSkill(models.Model):
    """A skill on a profile, with the freelancer's own level (1-5) and years of use.

    Each row is also a search *posting*: it carries a copy of its profile's
    `SEARCH_COPY` columns, so "holders of skill S that pass the filters, best
    reputed first" is one walk of `profile_skill_search_idx` that never visits the
    profile table (see `network.search`). `network.postings` keeps the copy equal
    on every write that changes those profile columns.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(help_text="1 beginner .. 5 expert")
    years = models.PositiveSmallIntegerField(default=0)
    # The copies are nullable so that adding them to a large table is instant; the
    # migration fills them and every writer sets them (a NULL copy is never listed).
    listed = models.BooleanField(null=True, help_text="copy of the profile's")
    country = models.CharField(max_length=2, null=True, help_text="copy of the profile's")
    pattern = models.ForeignKey(WorkPattern, on_delete=models.PROTECT, null=True,
                                db_index=False, related_name="+",
                                help_text="copy of the profile's")
    currency = models.CharField(max_length=3, null=True, help_text="copy of the profile's")
    rate_minor = models.BigIntegerField(null=True, help_text="copy of the profile's")
    hours_per_week = models.PositiveSmallIntegerField(null=True,
                                                      help_text="copy of the profile's")
    reputation = models.DecimalField(max_digits=4, decimal_places=1, null=True,
                                     help_text="copy of the profile's")

    class Meta:
        ordering = ["profile_id", "-level", "skill_id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_once"),
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=5),
                                   name="profile_skill_level_1_to_5"),
            models.CheckConstraint(condition=Q(years__lte=60), name="profile_skill_years_sane"),
        ]
        indexes = [models.Index(
            fields=["skill", "-reputation", "profile", "listed", "country", "pattern",
                    "currency", "rate_minor", "hours_per_week", "level", "years"],
            name="profile_skill_search_idx",
        )]


class LanguageLevel(models.TextChoices):
    """CEFR levels, and native."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


class ProfileLanguage(models.Model):
    """A language the freelancer works in: ISO 639-1 code (639-3 where there is none)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=3, help_text="ISO 639-1, or 639-3")
    level = models.CharField(max_length=6, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["profile_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="profile_language_once"),
            models.CheckConstraint(condition=Q(level__in=LanguageLevel.values),
                                   name="profile_language_level_valid"),
        ]
        indexes = [
            models.Index(fields=["language", "profile"], name="profile_language_idx"),
        ]


class PortfolioItem(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="portfolio")
    title = models.CharField(max_length=160)
    url = models.URLField(blank=True, default="")
    description = models.TextField(blank=True, default="")
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["profile_id", "-year", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="portfolio_title_not_empty"),
        ]


class TaxResidency(models.Model):
    """Where a freelancer is resident for tax, from a date; the latest one applies."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="tax_residencies")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    tax_id = models.CharField(max_length=32, blank=True, default="",
                              help_text="checked with python-stdnum where it knows the country")
    since = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["profile_id", "-since", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "since"], name="tax_residency_one_per_date"),
            models.CheckConstraint(condition=Q(country__regex=ISO_COUNTRY),
                                   name="tax_residency_country_iso3166"),
        ]
