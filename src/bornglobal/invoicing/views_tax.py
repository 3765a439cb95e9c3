"""The "Tax check" page: which VAT/GST applies to a sale, at what rate, and why.

A form of the sale's facts; the answer comes from `domain.tax.decide`, the same
decision as `bornglobal tax quote` and `GET /api/v1/tax/quote`. With htmx the answer
is redrawn as the form changes; without JavaScript the form is a plain GET.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bornglobal import clock
from bornglobal.domain.errors import DomainError
from bornglobal.domain.tax import RateKind, Supply, TaxFacts, decide

SUPPLIES = [
    ("services", "general services"),
    ("e-services", "electronically supplied services"),
    ("goods", "goods shipped"),
]
RATE_KINDS = [
    ("standard", "standard rate"),
    ("reduced", "reduced rate"),
    ("reduced_low", "lower reduced rate"),
    ("super_reduced", "super-reduced rate"),
]
COUNTRY = {"class": "upper", "maxlength": 2, "autocomplete": "off"}


class TaxCheckForm(forms.Form):
    seller_country = forms.CharField(
        label="Seller's country", max_length=2, widget=forms.TextInput(COUNTRY)
    )
    seller_vat_id = forms.CharField(
        label="Seller's VAT/GST number",
        required=False,
        max_length=40,
        help_text="Leave empty if the seller is not registered.",
    )
    buyer_country = forms.CharField(
        label="Buyer's country", max_length=2, widget=forms.TextInput(COUNTRY)
    )
    buyer_vat_id = forms.CharField(label="Buyer's VAT/GST number", required=False, max_length=40)
    business = forms.BooleanField(label="The buyer is a business", required=False)
    supply = forms.ChoiceField(label="What is sold", choices=SUPPLIES)
    ship_from = forms.CharField(
        label="Goods leave from",
        required=False,
        max_length=2,
        widget=forms.TextInput(COUNTRY),
        help_text="Goods only; default: the seller's country.",
    )
    ship_to = forms.CharField(
        label="Goods go to",
        required=False,
        max_length=2,
        widget=forms.TextInput(COUNTRY),
        help_text="Goods only; default: the buyer's country.",
    )
    over_threshold = forms.BooleanField(
        label="EU-wide cross-border B2C sales pass EUR 10,000 a year", required=False
    )
    rate_kind = forms.ChoiceField(label="Rate", choices=RATE_KINDS, initial="standard")
    date = forms.DateField(label="Date of supply", widget=forms.DateInput(attrs={"type": "date"}))

    def facts(self) -> TaxFacts:
        data = self.cleaned_data
        return TaxFacts(
            seller_country=data["seller_country"],
            seller_vat_id=data["seller_vat_id"] or None,
            buyer_country=data["buyer_country"],
            buyer_is_business=data["business"],
            buyer_vat_id=data["buyer_vat_id"] or None,
            supply=Supply(data["supply"]),
            supply_date=data["date"],
            ship_from=data["ship_from"] or None,
            ship_to=data["ship_to"] or None,
            over_eu_threshold=data["over_threshold"],
            rate_kind=RateKind(data["rate_kind"] or "standard"),
        )


def _answer(request) -> dict:
    asked = bool(request.GET)
    form = TaxCheckForm(
        request.GET if asked else None,
        initial={"date": clock.today(), "supply": "services", "rate_kind": "standard"},
    )
    decision, refusal = None, None
    if asked and form.is_valid():
        try:
            decision = decide(form.facts())
        except DomainError as error:
            refusal = {"code": error.code, "message": error.message}
    label = decision.treatment.value.replace("_", " ") if decision else ""
    return {
        "form": form,
        "asked": asked,
        "decision": decision,
        "treatment_label": label,
        "refusal": refusal,
    }


@login_required
@require_GET
def tax_check(request):
    """The page; with htmx only the answer."""
    context = _answer(request)
    if request.htmx:
        return render(request, "invoicing/tax_check_answer.html", context)
    return render(request, "invoicing/tax_check.html", context)
