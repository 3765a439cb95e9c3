"""Django forms of the work pages: project, role, offer, time entry and dispute steps.

The forms check shapes only (a number, a date, a choice); the rules belong to the
services, whose refusals the views put back on the form. Amounts are typed as the
people who pay them write them ("1200.00") and read with `Money.of` in the
currency the service expects, so no float touches money.
"""

from __future__ import annotations

from datetime import datetime

from django import forms

from bornglobal.apitypes import allowed_currencies
from bornglobal.domain.contracts import AUTO_RELEASE_DAYS, MAX_WEEKLY_CAP_HOURS, ContractType
from bornglobal.domain.contracts import InvoicingMode as Invoicing
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.network.models import Skill
from bornglobal.work import services
from bornglobal.work.models import MAX_ROLE_COUNT

MAX_MINOR = 10**15  # far above any project, well inside a 64-bit column
SKILL_ROWS = 3
MILESTONE_ROWS = 3
LEVELS = [
    (n, f"{n} · {label}")
    for n, label in enumerate(("beginner", "basic", "skilled", "advanced", "expert"), start=1)
]
DATE = forms.DateInput(attrs={"type": "date"})


def amount(text: str, currency: str, what: str) -> Money:
    """The amount typed in `currency`, or a form error naming `what`."""
    try:
        money = Money.of(text.strip().replace(",", ""), currency)
    except (DomainError, TypeError, ValueError):
        raise forms.ValidationError(
            f"The {what} is an amount in {currency}, like 1200.00."
        ) from None
    if abs(money.minor) > MAX_MINOR:
        raise forms.ValidationError(f"The {what} is too large.")
    return money


class ProjectForm(forms.Form):
    title = forms.CharField(max_length=200)
    brief = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    budget = forms.CharField(max_length=24, help_text="In the venture's currency, e.g. 5000.00")
    starts_on = forms.DateField(required=False, widget=DATE)
    ends_on = forms.DateField(required=False, widget=DATE)

    def draft(self, currency: str) -> services.ProjectDraft:
        data = self.cleaned_data
        return services.ProjectDraft(
            title=data["title"],
            budget=amount(data["budget"], currency, "budget"),
            brief=data["brief"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )


class RoleForm(forms.Form):
    title = forms.CharField(max_length=200)
    hours = forms.IntegerField(min_value=1, max_value=100_000, help_text="Hours of work in all")
    count = forms.IntegerField(
        min_value=1,
        max_value=MAX_ROLE_COUNT,
        initial=1,
        label="People",
        help_text="How many people the role needs",
    )
    rate_ceiling = forms.CharField(
        required=False, max_length=24, label="Highest hourly rate", help_text="Optional"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, SKILL_ROWS + 1):
            self.fields[f"skill_{n}"] = forms.CharField(
                required=False,
                max_length=200,
                label=f"ESCO skill {n}",
                widget=forms.TextInput(attrs={"list": "skill-options", "autocomplete": "off"}),
            )
            self.fields[f"level_{n}"] = forms.TypedChoiceField(
                choices=LEVELS, coerce=int, initial=3, label=f"Level {n}"
            )

    def skill_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"skill_{n}"], self[f"level_{n}"]) for n in range(1, SKILL_ROWS + 1)]

    def clean(self):
        data = super().clean()
        skills = []
        for n in range(1, SKILL_ROWS + 1):
            label = " ".join((data.get(f"skill_{n}") or "").split())
            if not label:
                continue
            found = Skill.objects.filter(label__iexact=label).values_list("id", flat=True).first()
            if found is None:
                self.add_error(
                    f"skill_{n}", f'"{label}" is not an ESCO skill: pick one from the list.'
                )
            else:
                skills.append((found, data.get(f"level_{n}") or 3))
        data["skills"] = tuple(skills)
        return data

    def draft(self, currency: str) -> services.RoleDraft:
        data = self.cleaned_data
        ceiling = data["rate_ceiling"].strip()
        return services.RoleDraft(
            title=data["title"],
            hours=data["hours"],
            count=data["count"],
            rate_ceiling=amount(ceiling, currency, "rate ceiling") if ceiling else None,
            skills=data["skills"],
        )


class OfferForm(forms.Form):
    role = forms.TypedChoiceField(coerce=int, choices=())
    freelancer_email = forms.EmailField(label="Freelancer's email")
    title = forms.CharField(max_length=200, required=False, help_text="The role's title if empty")
    type = forms.ChoiceField(
        choices=[
            (ContractType.FIXED.value, "Fixed price, by milestones"),
            (ContractType.HOURLY.value, "Hourly, with a weekly cap"),
        ],
        widget=forms.RadioSelect,
        initial=ContractType.FIXED.value,
        label="Contract type",
    )
    hourly_rate = forms.CharField(required=False, max_length=24, label="Hourly rate")
    weekly_cap_hours = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_WEEKLY_CAP_HOURS, label="Weekly cap (h)"
    )
    pay_currency = forms.RegexField(
        regex=r"^[A-Za-z]{3}$",
        required=False,
        max_length=3,
        label="Pay currency",
        help_text="The freelancer's own currency if empty",
    )
    auto_release_days = forms.TypedChoiceField(
        coerce=int,
        initial=14,
        label="Auto-release after",
        choices=[(d, f"{d} days") for d in AUTO_RELEASE_DAYS],
    )
    dispute_window_days = forms.IntegerField(
        min_value=1, max_value=60, initial=14, label="Dispute window (days)"
    )
    invoicing = forms.ChoiceField(
        initial=Invoicing.FREELANCER_INVOICES.value,
        label="Invoicing",
        choices=[
            (Invoicing.FREELANCER_INVOICES.value, "The freelancer invoices"),
            (Invoicing.SELF_BILLING.value, "Self-billing (we invoice on their behalf)"),
        ],
    )
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_pay_currency(self) -> str:
        code = self.cleaned_data["pay_currency"].upper()
        if code and code not in allowed_currencies():
            raise forms.ValidationError(f"{code} is not a currency people are paid in.")
        return code

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.id, role.title) for role in roles]
        for n in range(1, MILESTONE_ROWS + 1):
            self.fields[f"milestone_{n}_title"] = forms.CharField(
                required=False, max_length=200, label=f"Milestone {n}"
            )
            self.fields[f"milestone_{n}_amount"] = forms.CharField(
                required=False, max_length=24, label=f"Amount {n}"
            )
            self.fields[f"milestone_{n}_due"] = forms.DateField(
                required=False, widget=DATE, label=f"Due {n}"
            )

    def milestone_rows(self) -> list[tuple]:
        return [
            (
                self[f"milestone_{n}_title"],
                self[f"milestone_{n}_amount"],
                self[f"milestone_{n}_due"],
            )
            for n in range(1, MILESTONE_ROWS + 1)
        ]

    def _plans(self, currency: str) -> tuple[money.MilestonePlan, ...]:
        data, plans = self.cleaned_data, []
        for n in range(1, MILESTONE_ROWS + 1):
            title, typed = data[f"milestone_{n}_title"], data[f"milestone_{n}_amount"].strip()
            if title or typed:
                plans.append(
                    money.MilestonePlan(
                        title,
                        amount(typed or "0", currency, f"amount of milestone {n}"),
                        data[f"milestone_{n}_due"],
                    )
                )
        return tuple(plans)

    def draft(self, currency: str) -> services.OfferDraft:
        data = self.cleaned_data
        hourly = data["type"] == ContractType.HOURLY.value
        rate = data["hourly_rate"].strip()
        return services.OfferDraft(
            role_id=data["role"],
            freelancer_email=data["freelancer_email"],
            title=data["title"],
            type=ContractType(data["type"]),
            milestones=() if hourly else self._plans(currency),
            pay_currency=data["pay_currency"].upper() or None,
            auto_release_days=data["auto_release_days"],
            dispute_window_days=data["dispute_window_days"],
            invoicing=Invoicing(data["invoicing"]),
            hourly_rate=amount(rate, currency, "hourly rate") if hourly and rate else None,
            weekly_cap_hours=data["weekly_cap_hours"] if hourly else None,
            message=data["message"],
        )


class TimeEntryForm(forms.Form):
    started = forms.CharField(
        label="Started (your local time)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60, label="Minutes")
    memo = forms.CharField(max_length=500, label="What you worked on")

    def clean_started(self) -> datetime:
        text = self.cleaned_data["started"].strip()
        try:
            local = datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError("Give a date and time, like 2026-06-15 09:00.") from None
        if local.tzinfo is not None:
            raise forms.ValidationError("Give your local time without an offset.")
        return local


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why is the milestone disputed?",
    )


class EvidenceForm(forms.Form):
    note = forms.CharField(
        max_length=4_000, widget=forms.Textarea(attrs={"rows": 3}), label="Evidence"
    )


class ResolveForm(forms.Form):
    payee_share = forms.CharField(
        max_length=24, label="To the freelancer", help_text="The rest goes back to the venture"
    )
    note = forms.CharField(
        required=False, max_length=4_000, label="Decision", widget=forms.Textarea(attrs={"rows": 2})
    )
