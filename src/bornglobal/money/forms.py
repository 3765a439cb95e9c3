"""Forms of the money pages. They shape input into `Money` and plans; the services
decide what is allowed. Every form that moves money carries a hidden idempotency key,
made when the form is rendered, so that a double submit is answered by the first result.
"""

from __future__ import annotations

import uuid

from django import forms

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money.services import MilestonePlan
from bornglobal.tenancy.forms import currency_choices

MILESTONE_ROWS = 4
AMOUNT_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}

# Which form field a service error is about, by the error's code.
FIELD_OF_ERROR = {
    "invalid_amount": "amount",
    "invalid_currency": "currency",
    "payee_not_found": "payee_email",
    "invalid_contract_ref": "contract_ref",
    "escrow_exists": "contract_ref",
    "no_milestones": "milestone_1_title",
    "currency_mismatch": "milestone_1_amount",
    "invalid_holder": "account_holder",
    "invalid_iban": "iban",
    "invalid_share": "payee_share",
}


def new_key() -> str:
    return uuid.uuid4().hex


def show_money_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the field it is about, or on the whole form."""
    field = FIELD_OF_ERROR.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)


class KeyedForm(forms.Form):
    """A form whose submission is one money movement, under one idempotency key."""

    idempotency_key = forms.CharField(max_length=128, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())

    def key(self) -> str:
        return self.cleaned_data["idempotency_key"]


def _money(form: forms.Form, field: str, text: str, currency: str) -> Money | None:
    try:
        return Money.of(text, currency)
    except DomainError as error:
        form.add_error(field, error.message)
        return None


class DepositForm(KeyedForm):
    amount = forms.CharField(label="Amount", max_length=32,
                             widget=forms.TextInput(attrs=AMOUNT_ATTRS))
    currency = forms.ChoiceField(label="Currency", choices=currency_choices)
    memo = forms.CharField(label="Memo", max_length=300, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "e.g. Seed round"}))

    def __init__(self, *args, base_currency: str = "EUR", **kwargs):
        kwargs.setdefault("auto_id", "deposit_%s")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("currency", base_currency)

    def clean(self):
        data = super().clean()
        if data.get("amount") and data.get("currency"):
            data["money"] = _money(self, "amount", data["amount"], data["currency"])
        return data


class EscrowForm(forms.Form):
    """An escrow for one contract: the payee, the contract and up to four milestones."""

    payee_email = forms.EmailField(label="Payee's email", widget=forms.EmailInput(
        attrs={"placeholder": "name@example.org", "autocomplete": "off"}))
    contract_ref = forms.CharField(label="Contract reference", max_length=64,
                                   widget=forms.TextInput(attrs={"placeholder": "e.g. K-002"}))
    title = forms.CharField(label="Title", max_length=200, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "e.g. Mobile app"}))

    def __init__(self, *args, currency: str = "EUR", **kwargs):
        kwargs.setdefault("auto_id", "escrow_%s")
        super().__init__(*args, **kwargs)
        self.currency = currency
        for row in range(1, MILESTONE_ROWS + 1):
            first = row == 1
            self.fields[f"milestone_{row}_title"] = forms.CharField(
                label=f"Milestone {row}", max_length=200, required=first)
            self.fields[f"milestone_{row}_amount"] = forms.CharField(
                label=f"Amount ({currency})", max_length=32, required=first,
                widget=forms.TextInput(attrs=AMOUNT_ATTRS))
            self.fields[f"milestone_{row}_due_on"] = forms.DateField(
                label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def milestone_rows(self) -> list[tuple]:
        """(title, amount, due) bound fields, one tuple per row, for the template."""
        return [tuple(self[f"milestone_{row}_{part}"] for part in ("title", "amount", "due_on"))
                for row in range(1, MILESTONE_ROWS + 1)]

    def uses_extra_rows(self) -> bool:
        """True when rows past the second hold input (so they are shown open)."""
        return any(self[f"milestone_{row}_{part}"].value()
                   for row in range(3, MILESTONE_ROWS + 1) for part in ("title", "amount"))

    def clean(self):
        data = super().clean()
        plans = []
        for row in range(1, MILESTONE_ROWS + 1):
            title = data.get(f"milestone_{row}_title", "")
            amount = data.get(f"milestone_{row}_amount", "")
            if not title and not amount:
                continue
            if not title:
                self.add_error(f"milestone_{row}_title", "Give the milestone a title.")
                continue
            if not amount:
                self.add_error(f"milestone_{row}_amount", "Give the milestone an amount.")
                continue
            money = _money(self, f"milestone_{row}_amount", amount, self.currency)
            if money is not None:
                plans.append(MilestonePlan(title, money, data.get(f"milestone_{row}_due_on")))
        data["plans"] = plans
        return data


class ReleaseForm(KeyedForm):
    amount = forms.CharField(label="Amount", max_length=32, required=False,
                             widget=forms.TextInput(attrs=AMOUNT_ATTRS))


class RefundForm(KeyedForm):
    pass


class FundForm(KeyedForm):
    pass


class DisputeForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=200, required=False,
                             widget=forms.TextInput(attrs={"placeholder": "e.g. late delivery"}))


class ResolveForm(KeyedForm):
    payee_share = forms.CharField(label="Payee's share", max_length=32,
                                  widget=forms.TextInput(attrs=AMOUNT_ATTRS))


class PayoutBatchForm(KeyedForm):
    pass


class LineFailedForm(KeyedForm):
    pass


class PayoutDetailsForm(forms.Form):
    account_holder = forms.CharField(label="Account holder", max_length=70,
                                     widget=forms.TextInput(attrs={"autocomplete": "name"}))
    iban = forms.CharField(label="IBAN", max_length=42, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "spellcheck": "false"}))
    bic = forms.CharField(label="BIC", max_length=11, required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "off",
                                                        "spellcheck": "false"}))

    def __init__(self, *args, has_iban: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "payout_%s")
        super().__init__(*args, **kwargs)
        if has_iban:
            self.fields["iban"].help_text = "Leave empty to keep the IBAN you saved."
        else:
            self.fields["iban"].help_text = "Needed for SEPA transfers in euros."
