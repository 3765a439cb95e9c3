"""Forms of the partner pages: the directory filters and the listing editor.

The editor keeps the three lists as plain text, one entry a line, so they are quick to
type on a phone: capabilities as comma- or line-separated names per kind, the price list
as "item | unit | from quantity | price" and shipping zones as "ES 3" (country, transit
days). The form only splits the text; `network.partners` decides what is valid.
"""

from __future__ import annotations

import re

from django import forms

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.network import partners
from bornglobal.network.models import Partner, PartnerKind
from bornglobal.network.selectors_partners import PartnerFilters
from bornglobal.tenancy.forms import (
    country_choices,
    country_prompt_choices,
    currency_choices,
    zone_choices,
)

CAPABILITY_FIELDS = (("processes", "process"), ("materials", "material"),
                     ("services", "service"))
SORT_CHOICES = (("name", "Name"), ("lead_time", "Lead time"))
FIELD_OF_CODE = {
    "invalid_name": "name", "invalid_kind": "kind", "invalid_description": "description",
    "invalid_country": "country", "invalid_city": "city", "invalid_time_zone": "time_zone",
    "invalid_currency": "currency", "invalid_min_order": "min_order_quantity",
    "invalid_unit": "min_order_unit", "invalid_lead_time": "lead_time_days",
    "invalid_capability": "processes", "too_many_capabilities": "processes",
    "invalid_price": "prices", "duplicate_price_break": "prices", "too_many_prices": "prices",
    "invalid_transit_days": "shipping_zones", "duplicate_shipping_zone": "shipping_zones",
    "too_many_zones": "shipping_zones",
}
_ZONE_LINE = re.compile(r"([A-Za-z]{2})\s*[:,;]?\s*(\d{1,4})\s*(?:days?|d)?")


def kind_choices() -> list[tuple[str, str]]:
    return [(value, label.capitalize()) for value, label in PartnerKind.choices]


def _any_country() -> list[tuple[str, str]]:
    return [("", "Any country"), *country_choices()]


class PartnerFilterForm(forms.Form):
    """The directory's filters, read from the query string (a GET form)."""

    MORE = ("q", "country", "sort", "max_lead_time", "max_min_order", "mine")

    q = forms.CharField(label="Name", max_length=100, required=False)
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=lambda: [("", "Any kind"), *kind_choices()])
    capability = forms.CharField(label="Capability", max_length=100, required=False)
    country = forms.ChoiceField(label="Based in", required=False, choices=_any_country)
    ships_to = forms.ChoiceField(label="Ships to", required=False, choices=_any_country)
    max_lead_time = forms.IntegerField(label="Lead time at most (days)", required=False,
                                       min_value=0, max_value=partners.MAX_DAYS)
    max_min_order = forms.IntegerField(label="Minimum order at most", required=False,
                                       min_value=1, max_value=partners.MAX_QUANTITY)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)
    mine = forms.BooleanField(label="Only my listings", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["capability"].widget.attrs.update(
            {"list": "capability-names", "autocomplete": "off",
             "placeholder": "e.g. cnc, screen printing"})
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})
        for name in ("max_lead_time", "max_min_order"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    field_order = ("capability", "kind", "ships_to", "q", "country", "sort", "max_lead_time",
                   "max_min_order", "mine")

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if name not in self.MORE]

    def more_fields(self) -> list:
        return [self[name] for name in self.fields if name in self.MORE]

    def more_in_use(self) -> bool:
        """Whether a filter under "More filters" is set (then that part starts open)."""
        return any(self.data.get(name) not in (None, "") for name in self.MORE
                   if name != "sort") or self.data.get("sort") not in (None, "", "name")

    def filters(self) -> PartnerFilters:
        """The filters of the valid fields (an invalid one is left out and shown)."""
        data = self.cleaned_data if self.is_bound else {}
        return PartnerFilters(
            kind=data.get("kind") or "", capability=data.get("capability") or "",
            country=data.get("country") or "", ships_to=data.get("ships_to") or "",
            max_lead_time=data.get("max_lead_time"), max_min_order=data.get("max_min_order"),
            q=data.get("q") or "", mine=bool(data.get("mine")), sort=data.get("sort") or "name",
        )


def _split_names(text: str) -> list[str]:
    return [name for name in re.split(r"[,\n]", text or "") if name.strip()]


def _lines(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate((text or "").splitlines(), 1)
            if line.strip()]


class PartnerForm(forms.Form):
    name = forms.CharField(label="Business name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=kind_choices)
    description = forms.CharField(label="Description", required=False,
                                  max_length=partners.MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    country = forms.ChoiceField(label="Country", choices=country_prompt_choices)
    city = forms.CharField(label="City", max_length=100, required=False)
    time_zone = forms.ChoiceField(label="Time zone")
    currency = forms.ChoiceField(label="Price-list currency", choices=currency_choices)
    min_order_quantity = forms.IntegerField(label="Minimum order", min_value=1,
                                            max_value=partners.MAX_QUANTITY, initial=1)
    min_order_unit = forms.CharField(label="Unit of the minimum order", max_length=32,
                                     initial="unit")
    lead_time_days = forms.IntegerField(label="Lead time (days)", min_value=0,
                                        max_value=partners.MAX_DAYS)
    listed = forms.BooleanField(label="Show in the partner directory", required=False,
                                initial=True)
    processes = forms.CharField(label="Processes", required=False, widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "cnc milling, laser cutting"}))
    materials = forms.CharField(label="Materials", required=False, widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "aluminium, oak"}))
    services = forms.CharField(label="Services", required=False, widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "design for manufacture"}))
    prices = forms.CharField(
        label="Price list", required=False,
        widget=forms.Textarea(attrs={"rows": 5,
                                     "placeholder": "printed tote bag | bag | 50 | 4.20"}),
        help_text="One line per price break: item | unit | from quantity | price per unit, "
                  "in the price-list currency.")
    shipping_zones = forms.CharField(
        label="Shipping zones", required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "ES 3\nFR 4"}),
        help_text='One line per country: the ISO code and transit days, e.g. "ES 3". '
                  '"EU 5" stands for all 27 EU member states; a country on its own line '
                  "overrides it.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "partner_%s")
        super().__init__(*args, **kwargs)
        current = self.data.get("time_zone") if self.is_bound else self.initial.get("time_zone")
        self.fields["time_zone"].choices = zone_choices(current)
        for name in ("min_order_quantity", "lead_time_days"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self._capability_fields: list[str] = []

    def _price_lines(self) -> list[partners.PriceBreak]:
        lines = []
        for number, line in _lines(self.cleaned_data.get("prices", "")):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 4 or not parts[2].isdigit() or len(parts[2]) > 12:
                self.add_error("prices", f"Line {number}: write item | unit | from quantity | "
                                         "price, e.g. “tote bag | bag | 50 | 4.20”.")
                continue
            lines.append(partners.PriceBreak(parts[0], int(parts[2]), parts[3], parts[1]))
        return lines

    def _zone_lines(self) -> list[partners.ShippingZone]:
        zones = []
        for number, line in _lines(self.cleaned_data.get("shipping_zones", "")):
            match = _ZONE_LINE.fullmatch(line)
            if match is None:
                self.add_error("shipping_zones", f"Line {number}: write a country code and "
                                                 "transit days, e.g. “ES 3”.")
                continue
            zones.append(partners.ShippingZone(match[1], int(match[2])))
        return zones

    def listing(self) -> partners.Listing | None:
        """The listing the valid form describes, or None (with the errors on the form)."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        pairs = [(field, kind, name) for field, kind in CAPABILITY_FIELDS
                 for name in _split_names(data[field])]
        self._capability_fields = [field for field, _, _ in pairs]
        capabilities = tuple(partners.Capability(kind, name) for _, kind, name in pairs)
        prices, zones = tuple(self._price_lines()), tuple(self._zone_lines())
        if self.errors:
            return None
        return partners.Listing(
            name=data["name"], kind=data["kind"], description=data["description"],
            country=data["country"], city=data["city"], time_zone=data["time_zone"],
            currency=data["currency"], min_order_quantity=data["min_order_quantity"],
            min_order_unit=data["min_order_unit"], lead_time_days=data["lead_time_days"],
            listed=data["listed"], capabilities=capabilities, prices=prices,
            shipping_zones=zones,
        )

    def show_error(self, error: DomainError) -> None:
        """Put a service's refusal on the field it is about, or on the whole form."""
        details = error.details if isinstance(error.details, dict) else {}
        field = details.get("field")
        index = details.get("index")
        if field == "capabilities" and isinstance(index, int) and index < len(
                self._capability_fields):
            field = self._capability_fields[index]
        elif field not in self.fields:
            field = FIELD_OF_CODE.get(error.code)
        self.add_error(field if field in self.fields else None, error.message)


def initial_for(partner: Partner) -> dict:
    """The editor's fields for an existing listing."""
    names = {kind: [] for _, kind in CAPABILITY_FIELDS}
    for capability in partner.capabilities.all():
        names[capability.kind].append(capability.name)
    prices = [
        f"{p.item} | {p.unit} | {p.min_quantity} | "
        f"{Money(p.price_minor, partner.currency).to_decimal()}"
        for p in partner.prices.all()
    ]
    zones = [f"{z.country} {z.transit_days}" for z in partner.ships_to.all()]
    return {
        "name": partner.name, "kind": partner.kind, "description": partner.description,
        "country": partner.country, "city": partner.city, "time_zone": partner.time_zone,
        "currency": partner.currency, "min_order_quantity": partner.min_order_quantity,
        "min_order_unit": partner.min_order_unit, "lead_time_days": partner.lead_time_days,
        "listed": partner.listed,
        **{field: ", ".join(names[kind]) for field, kind in CAPABILITY_FIELDS},
        "prices": "\n".join(prices), "shipping_zones": "\n".join(zones),
    }
