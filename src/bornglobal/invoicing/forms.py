"""Forms of the invoicing pages. They shape input into line plans and money; the
services decide what is allowed and say why not."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django import forms

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.invoicing.models import SupplyKind
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.tenancy.forms import currency_choices

LINE_ROWS = 3
RATE_KINDS = [
    ("standard", "standard rate"),
    ("reduced", "reduced rate"),
    ("reduced_low", "lower reduced rate"),
    ("super_reduced", "super-reduced rate"),
]
DATE = forms.DateInput(attrs={"type": "date"})
FIELD_OF_ERROR = {
    "invalid_vat_id": "vat_id",
    "invalid_country": "country",
    "invalid_legal_name": "legal_name",
    "invalid_address": "address",
    "invalid_terms": "payment_terms_days",
    "customer_not_found": "customer",
    "no_lines": "line_1_description",
    "exceeds_outstanding": "amount",
    "currency_mismatch": "currency",
    "invalid_due_date": "due_date",
}


def show_error(form: forms.Form, error: DomainError) -> None:
    field = FIELD_OF_ERROR.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)


class BillingForm(forms.Form):
    legal_name = forms.CharField(label="Legal name", max_length=200)
    address = forms.CharField(label="Address", widget=forms.Textarea(attrs={"rows": 3}))
    vat_id = forms.CharField(label="VAT ID", max_length=32, required=False)
    payment_terms_days = forms.IntegerField(
        label="Payment terms (days)", min_value=0, max_value=365, initial=30
    )
    over_eu_threshold = forms.BooleanField(
        label="EU cross-border B2C sales above EUR 10,000 a year (OSS)", required=False
    )


class CustomerForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    country = forms.CharField(label="Country (ISO code)", max_length=2)
    address = forms.CharField(
        label="Address", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_business = forms.BooleanField(label="A business", required=False, initial=True)
    vat_id = forms.CharField(label="VAT ID", max_length=32, required=False)
    email = forms.EmailField(label="Email", required=False)


class InvoiceForm(forms.Form):
    idempotency_key = forms.CharField(max_length=128, widget=forms.HiddenInput)
    customer = forms.ChoiceField(label="Customer")
    currency = forms.ChoiceField(label="Currency", choices=currency_choices)
    supply_date = forms.DateField(label="Date of supply", widget=DATE)
    due_date = forms.DateField(
        label="Due date (default: payment terms)", widget=DATE, required=False
    )

    def __init__(self, *args, customers=(), currency="EUR", **kwargs):
        kwargs.setdefault("auto_id", "invoice_%s")
        super().__init__(*args, **kwargs)
        self.fields["customer"].choices = [(c.id, f"{c.name} ({c.country})") for c in customers]
        self.initial.setdefault("currency", currency)
        self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        for row in range(1, LINE_ROWS + 1):
            first = row == 1
            self.fields[f"line_{row}_description"] = forms.CharField(
                label=f"Line {row}", max_length=300, required=first
            )
            self.fields[f"line_{row}_quantity"] = forms.DecimalField(
                label="Quantity",
                min_value=Decimal("0.001"),
                max_digits=14,
                decimal_places=3,
                required=False,
                initial=1 if first else None,
            )
            self.fields[f"line_{row}_price"] = forms.CharField(
                label="Unit price (net)", max_length=32, required=first
            )
            self.fields[f"line_{row}_supply"] = forms.ChoiceField(
                label="Supply",
                choices=SupplyKind.choices,
                initial=SupplyKind.SERVICES,
                required=False,
            )
            self.fields[f"line_{row}_rate_kind"] = forms.ChoiceField(
                label="Rate", choices=RATE_KINDS, initial="standard", required=False
            )

    def line_rows(self):
        return [
            [
                self[f"line_{row}_{part}"]
                for part in ("description", "quantity", "price", "supply", "rate_kind")
            ]
            for row in range(1, LINE_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        plans = []
        for row in range(1, LINE_ROWS + 1):
            description = (data.get(f"line_{row}_description") or "").strip()
            if not description:
                continue
            try:
                price = Money.of(data.get(f"line_{row}_price") or "", data.get("currency", "EUR"))
            except (DomainError, InvalidOperation) as error:
                self.add_error(f"line_{row}_price", getattr(error, "message", str(error)))
                continue
            plans.append(
                LinePlan(
                    description,
                    data.get(f"line_{row}_quantity") or Decimal(1),
                    price,
                    data.get(f"line_{row}_supply") or "services",
                    data.get(f"line_{row}_rate_kind") or "standard",
                )
            )
        data["plans"] = plans
        return data


class PaymentForm(forms.Form):
    amount = forms.CharField(label="Amount", max_length=32)
    paid_on = forms.DateField(label="Paid on", widget=DATE)


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=DATE)
    end = forms.DateField(label="To", widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The period ends before it starts.")
        return data
