"""Forms of the "My profile" page. They shape input; `network.profiles` decides what is valid.

Skills and languages are rows posted as `skill-<n>-esco_id/level/years` and
`language-<n>-code/level`, plus one "add" row each: a skill is added by its ESCO
label (the live search suggests labels), a language by its ISO 639 code.
"""

from __future__ import annotations

from functools import cache

import pycountry
from django import forms

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.network import profiles
from bornglobal.network.models import LanguageLevel, Skill
from bornglobal.tenancy.forms import country_choices, currency_choices, zone_choices

WEEKDAYS = [("1", "Mon"), ("2", "Tue"), ("3", "Wed"), ("4", "Thu"), ("5", "Fri"), ("6", "Sat"),
            ("7", "Sun")]
SKILL_LEVELS = [(str(n), f"{n} · {name}") for n, name in
                ((1, "beginner"), (2, "basic"), (3, "solid"), (4, "advanced"), (5, "expert"))]
LANGUAGE_LEVELS = [(value, "Native" if value == "native" else value)
                   for value in LanguageLevel.values]
MAX_ROWS = 100

# Which field a service error is about, by its code.
FIELD_OF_ERROR = {
    "invalid_headline": "headline", "invalid_bio": "bio", "invalid_city": "city",
    "invalid_country": "country", "invalid_currency": "currency", "invalid_rate": "rate",
    "invalid_amount": "rate", "invalid_hours_per_week": "hours_per_week",
    "invalid_time_zone": "time_zone", "invalid_days": "days", "invalid_working_hours": "start",
}
WEEK_FIELD_OF_ERROR = {"invalid_country": "holidays_country"}
SKILL_ERRORS = {"unknown_skill", "duplicate_skill", "invalid_skill_level", "invalid_skill_years",
                "too_many_skills"}
LANGUAGE_ERRORS = {"invalid_language", "invalid_language_level", "duplicate_language",
                   "too_many_languages"}


@cache
def language_choices() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((lang.alpha_2, f"{lang.name} ({lang.alpha_2})")
                         for lang in pycountry.languages if hasattr(lang, "alpha_2")),
                        key=lambda choice: choice[1]))


def _optional(choices) -> list:
    return [("", "None"), *choices]


class FreelancerProfileForm(forms.Form):
    headline = forms.CharField(label="Headline", max_length=160,
                               help_text="One line: what you do, e.g. \"Django developer, "
                                         "payments and APIs\".")
    bio = forms.CharField(label="About you", required=False, max_length=profiles.MAX_BIO,
                          widget=forms.Textarea(attrs={"rows": 5}))
    country = forms.ChoiceField(label="Country", choices=country_choices)
    city = forms.CharField(label="City", max_length=100, required=False)
    time_zone = forms.ChoiceField(label="Time zone", choices=zone_choices)
    start = forms.TimeField(label="Working day starts", widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label="Working day ends", widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"),
        help_text="An end before the start means you work across midnight.")
    days = forms.MultipleChoiceField(label="Working days", choices=WEEKDAYS,
                                     widget=forms.CheckboxSelectMultiple)
    holidays_country = forms.ChoiceField(label="Public holidays of", required=False,
                                         choices=lambda: _optional(country_choices()))
    holidays_subdivision = forms.CharField(label="Holiday region", max_length=10, required=False,
                                           help_text="e.g. BY for Bavaria, MH for Maharashtra.")
    rate = forms.CharField(label="Hourly rate", max_length=40,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                           help_text="In your own currency, e.g. 45.00.")
    currency = forms.ChoiceField(label="Currency", choices=currency_choices)
    hours_per_week = forms.IntegerField(label="Hours a week free for new work", min_value=0,
                                        max_value=profiles.MAX_HOURS_PER_WEEK)
    listed = forms.BooleanField(label="Show me in search", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "profile_%s")
        super().__init__(*args, **kwargs)

    def working_hours(self) -> profiles.WorkingHours:
        data = self.cleaned_data
        return profiles.WorkingHours(
            time_zone=data["time_zone"], start=data["start"], end=data["end"],
            days="".join(sorted(data["days"])), holidays_country=data["holidays_country"],
            holidays_subdivision=data["holidays_subdivision"].strip().upper())

    def clean(self):
        data = super().clean()
        needed = ("time_zone", "start", "end", "days")
        if all(name in data for name in needed):
            try:
                profiles.working_week(self.working_hours())
            except DomainError as error:
                field = WEEK_FIELD_OF_ERROR.get(error.code) or FIELD_OF_ERROR.get(error.code)
                self.add_error(field, error.message)
        return data


def initial_of(profile, user) -> dict:
    """The form's starting values: the profile's, or for a new one the person's own."""
    if profile is None:
        return {"start": "09:00", "end": "17:00", "days": ["1", "2", "3", "4", "5"],
                "listed": True, "hours_per_week": 20, "country": user.country,
                "time_zone": user.time_zone, "currency": user.currency,
                "holidays_country": user.country}
    pattern = profile.pattern
    rate = Money(profile.rate_minor, profile.currency)
    return {
        "headline": profile.headline, "bio": profile.bio, "country": profile.country,
        "city": profile.city, "time_zone": pattern.time_zone, "start": pattern.start,
        "end": pattern.end, "days": list(pattern.days),
        "holidays_country": pattern.holidays_country,
        "holidays_subdivision": pattern.holidays_subdivision,
        "rate": str(rate.to_decimal()), "currency": profile.currency,
        "hours_per_week": profile.hours_per_week, "listed": profile.listed,
    }


def _int(raw: str, default: int = -1) -> int:
    try:
        return int((raw or "").strip())
    except ValueError:
        return default


def skill_rows(post) -> tuple[list[profiles.SkillEntry], list[str]]:
    """The skills kept (not ticked for removal) and the one added by label; plus errors."""
    entries, errors = [], []
    for n in range(MAX_ROWS):
        esco_id = post.get(f"skill-{n}-esco_id")
        if esco_id is None:
            break
        if post.get(f"skill-{n}-remove"):
            continue
        entries.append(profiles.SkillEntry(esco_id, _int(post.get(f"skill-{n}-level")),
                                           _int(post.get(f"skill-{n}-years"), 0)))
    label = " ".join((post.get("add_skill") or "").split())
    if label:
        skill = Skill.objects.filter(label__iexact=label).first()
        if skill is None:
            errors.append(f"\"{label}\" is not an ESCO skill label: pick one from the list.")
        else:
            entries.append(profiles.SkillEntry(skill.esco_id, _int(post.get("add_skill_level")),
                                               _int(post.get("add_skill_years"), 0)))
    return entries, errors


def language_rows(post) -> list[profiles.LanguageEntry]:
    entries = []
    for n in range(MAX_ROWS):
        code = post.get(f"language-{n}-code")
        if code is None:
            break
        if not post.get(f"language-{n}-remove"):
            entries.append(profiles.LanguageEntry(code, post.get(f"language-{n}-level", "")))
    if (post.get("add_language") or "").strip():
        entries.append(profiles.LanguageEntry(post["add_language"],
                                              post.get("add_language_level", "")))
    return entries


class PortfolioForm(forms.Form):
    title = forms.CharField(label="Title", max_length=160)
    url = forms.URLField(label="Link", required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(label="Description", required=False,
                                  max_length=profiles.MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    year = forms.IntegerField(label="Year", required=False, min_value=profiles.EARLIEST_YEAR,
                              max_value=2999)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "portfolio_%s")
        super().__init__(*args, **kwargs)


class TaxResidencyForm(forms.Form):
    country = forms.ChoiceField(label="Country of tax residence", choices=country_choices)
    tax_id = forms.CharField(label="Tax number", max_length=40, required=False,
                             help_text="Checked against the country's format where known.")
    since = forms.DateField(label="Resident since", widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tax_%s")
        super().__init__(*args, **kwargs)


def show_error(form: forms.Form, error: DomainError, fields: dict[str, str]) -> None:
    """Put a service's refusal on the field it is about, or on the whole form."""
    field = fields.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)
