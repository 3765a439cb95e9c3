"""Forms of the web shell. They shape input; the services decide what is valid."""

from __future__ import annotations

from functools import cache

import pycountry
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from bornglobal.apitypes import allowed_currencies
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError
from bornglobal.domain.roles import Role

ZONE_REGIONS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
    "Australia", "Europe", "Indian", "Pacific",
)
FREELANCER_SCOPE = "freelancer"

# Which form field a service error is about, by the error's code.
FIELD_OF_ERROR = {
    "invalid_email": "email",
    "email_taken": "email",
    "weak_password": "password",
    "invalid_name": "name",
    "invalid_country": "country",
    "invalid_time_zone": "time_zone",
    "invalid_currency": "currency",
    "invalid_vat_id": "vat_id",
    "invalid_role": "role",
    "user_not_found": "email",
    "already_member": "email",
}


@cache
def country_choices() -> tuple[tuple[str, str], ...]:
    codes = [country.alpha_2 for country in pycountry.countries]
    return tuple(sorted(((code, places.country_name(code)) for code in codes),
                        key=lambda choice: choice[1]))


def country_prompt_choices() -> list[tuple[str, str]]:
    return [("", "Choose a country…"), *country_choices()]


@cache
def currency_choices() -> tuple[tuple[str, str], ...]:
    """The currencies the API takes too (no funds, metals or test codes; docs/api.md)."""
    allowed = allowed_currencies()
    return tuple(
        sorted((currency.alpha_3, f"{currency.alpha_3} · {currency.name}")
               for currency in pycountry.currencies if currency.alpha_3 in allowed)
    )


@cache
def _zones_by_region() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    names = sorted(places.zone_names())
    groups = []
    for region in ZONE_REGIONS:
        zones = tuple((name, name.replace("_", " ")) for name in names
                      if name.startswith(f"{region}/"))
        groups.append((region, zones))
    return (("", (("UTC", "UTC"),)), *groups)


def zone_choices(current: str | None = None) -> list:
    """IANA zones grouped by region; a valid zone outside the regions is kept too."""
    groups = [(region, list(zones)) if region else zones[0]
              for region, zones in _zones_by_region()]
    known = {name for _, zones in _zones_by_region() for name, _ in zones}
    if current and current not in known and current in places.zone_names():
        groups.insert(1, (current, current))
    return groups


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the field it is about, or on the whole form."""
    field = FIELD_OF_ERROR.get(error.code)
    if field == "name" and "name" not in form.fields:
        field = "full_name" if "full_name" in form.fields else None
    if field not in form.fields:
        field = None
    messages = error.details if isinstance(error.details, list) and error.details else []
    form.add_error(field, error.message)
    for detail in messages:
        form.add_error(field, detail)


class EmailLoginForm(AuthenticationForm):
    """Django's login form, labelled for email login. The field stays `username` (axes)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "inputmode": "email"}
        )
        self.fields["password"].label = "Password"


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    country = forms.ChoiceField(label="Country", choices=country_prompt_choices)
    time_zone = forms.ChoiceField(label="Time zone", initial="UTC")
    currency = forms.ChoiceField(label="Currency", choices=currency_choices, initial="EUR")
    is_freelancer = forms.BooleanField(label="I also work as a freelancer", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.data.get("time_zone") if self.is_bound else self.initial.get("time_zone")
        self.fields["time_zone"].choices = zone_choices(current)

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name]
                for name in ("full_name", "country", "time_zone", "currency", "is_freelancer")}


class SignupForm(PersonForm):
    email = forms.EmailField(label="Email",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label="Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not a common password.",
    )

    field_order = ("email", "full_name", "password", "country", "time_zone", "currency",
                   "is_freelancer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.attrs["data-guess-zone"] = "true"


class ProfileForm(PersonForm):
    pass


class VentureForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    legal_country = forms.ChoiceField(label="Legal country", choices=country_prompt_choices)
    base_currency = forms.ChoiceField(label="Base currency", choices=currency_choices,
                                      initial="EUR")
    vat_id = forms.CharField(label="VAT ID", max_length=32, required=False,
                             help_text="Optional; checked against the country's format.")

    field_order = ("name", "legal_country", "base_currency", "vat_id")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "venture_%s")
        super().__init__(*args, **kwargs)


def role_choices(roles) -> list[tuple[str, str]]:
    return [(str(role), str(role).capitalize()) for role in roles]


class AddMemberForm(forms.Form):
    email = forms.EmailField(label="Email", widget=forms.EmailInput(
        attrs={"placeholder": "name@example.org", "autocomplete": "off"}))
    role = forms.ChoiceField(label="Role", choices=role_choices(Role), initial=Role.MEMBER)
    title = forms.CharField(label="Title", max_length=120, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "e.g. Designer"}))

    def __init__(self, *args, roles=tuple(Role), **kwargs):
        kwargs.setdefault("auto_id", "member_%s")
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=role_choices(Role))


class TokenForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100,
                           widget=forms.TextInput(attrs={"placeholder": "e.g. accounting sync"}))
    scope = forms.ChoiceField(label="Scope")

    def __init__(self, *args, ventures=(), **kwargs):
        kwargs.setdefault("auto_id", "token_%s")
        super().__init__(*args, **kwargs)
        choices = [(FREELANCER_SCOPE, "My freelancer side")]
        choices += [(f"venture:{venture.id}", f"Venture: {venture.name}") for venture in ventures]
        self.fields["scope"].choices = choices

    def venture_id(self) -> int | None:
        scope = self.cleaned_data["scope"]
        if scope == FREELANCER_SCOPE:
            return None
        return int(scope.removeprefix("venture:"))
