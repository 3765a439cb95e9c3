"""Request and response shapes of the invoicing endpoints.

Amounts go in as decimal strings in the invoice's currency (read with `Money.of`:
"1.234" EUR is refused, never rounded) and come out as exact minor units with the
currency and the same amount as a decimal string. Rates and quantities go out as
strings, so no client reads money through binary floating point.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from bornglobal.apitypes import (
    MAX_ID,
    Amount,
    Blank,
    Bool,
    Country,
    Currency,
    InSchema,
    Int,
    Text,
    number,
)
from bornglobal.domain.money import Money
from bornglobal.invoicing import standing
from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.money.schemas import (
    Day,
    MoneyOut,
    PositiveMoneyIn,
    decimal_text,
    parse_amount,
)

SupplyIn = Literal["services", "e-services", "goods"]
RateKindIn = Literal["standard", "reduced", "reduced_low", "super_reduced"]
Quantity = number(gt=0, le=10**9, max_digits=13, decimal_places=3)
Key = Annotated[Text, Field("", max_length=128)]
ObjectRef = Annotated[Int, Field(ge=1, le=MAX_ID)]


class LineIn(InSchema):
    description: Text = Field(..., min_length=1, max_length=300)
    quantity: Quantity = Decimal(1)
    unit_price: Amount = Field(..., description="Net of tax, in the invoice's currency.")
    supply: SupplyIn = "services"
    rate_kind: RateKindIn = "standard"
    ship_from: Country | Blank = ""
    ship_to: Country | Blank = ""

    def to_plan(self, currency: str) -> LinePlan:
        return LinePlan(
            self.description,
            self.quantity,
            parse_amount(self.unit_price, currency),
            self.supply,
            self.rate_kind,
            self.ship_from,
            self.ship_to,
        )


class InvoiceIn(InSchema):
    customer_id: ObjectRef
    currency: Currency | Blank = Field("", description="Default: the venture's currency.")
    supply_date: Day | None = None
    issue_date: Day | None = None
    due_date: Day | None = None
    lines: list[LineIn] = Field(..., min_length=1, max_length=100)
    idempotency_key: Key = ""
    note: Text = Field("", max_length=2000)


class CreditLineIn(InSchema):
    line_id: ObjectRef
    quantity: Quantity | None = Field(None, description="Default: all that is left.")


class CreditNoteIn(InSchema):
    lines: list[CreditLineIn] | None = Field(
        None, max_length=100, description="Default: everything left."
    )
    reason: Text = Field("", max_length=500)
    idempotency_key: Key = ""


class PaymentIn(InSchema):
    amount: PositiveMoneyIn
    paid_on: Day | None = None
    note: Text = Field("", max_length=200)


class PaymentOut(Schema):
    id: int
    amount: MoneyOut
    paid_on: date
    note: str


class CustomerIn(InSchema):
    name: Text = Field(..., min_length=1, max_length=200)
    country: Country
    address: Text = Field("", max_length=1000)
    vat_id: Text = Field("", max_length=32)
    is_business: Bool = True
    email: Text = Field("", max_length=254)


class CustomerOut(Schema):
    id: int
    name: str
    country: str
    address: str
    vat_id: str
    is_business: bool
    email: str


class BillingIn(InSchema):
    legal_name: Text = Field(..., min_length=1, max_length=200)
    address: Text = Field(..., min_length=1, max_length=1000)
    vat_id: Text = Field("", max_length=32)
    payment_terms_days: Int = Field(30, ge=0, le=365)
    over_eu_threshold: Bool = False


class BillingOut(Schema):
    legal_name: str
    address: str
    vat_id: str
    payment_terms_days: int
    over_eu_threshold: bool


class AgreementIn(InSchema):
    freelancer_email: Text = Field(..., min_length=3, max_length=254)
    terms: Text = Field("", max_length=4000)


class AgreementOut(Schema):
    id: int
    venture_id: int
    freelancer_id: int
    state: str
    terms: str
    proposed_at: datetime
    accepted_at: datetime | None
    ended_at: datetime | None


class PartyOut(Schema):
    name: str
    address: str
    country: str
    vat_id: str


class LineOut(Schema):
    id: int
    position: int
    description: str
    quantity: str
    unit_price: MoneyOut
    net: MoneyOut
    supply: str
    treatment: str
    rate_country: str
    rate: str
    tax_name: str
    legal_text: str
    why: str
    buyer_vat_id_status: str
    credits_line_id: int | None


class TaxGroupOut(Schema):
    treatment: str
    rate_country: str
    rate: str
    tax_name: str
    legal_text: str
    taxable: MoneyOut
    tax: MoneyOut
    national_tax: MoneyOut | None


class NationalOut(Schema):
    """Art. 230: the VAT in the seller's national currency, and the rate used."""

    tax: MoneyOut
    rate: str
    rate_source: str
    rate_date: date | None
    description: str


class StandingOut(Schema):
    state: Literal["open", "overdue", "paid", "credit_note"]
    outstanding: MoneyOut
    days_overdue: int
    statutory_interest: MoneyOut | None
    compensation: MoneyOut | None
    interest_note: str
    summary: str


class InvoiceOut(Schema):
    id: int
    reference: str
    kind: str
    origin: str
    series: str
    number: int
    venture_id: int
    freelancer_id: int | None
    customer_id: int | None
    credits_id: int | None
    issue_date: date
    supply_date: date
    due_date: date
    currency: str
    seller: PartyOut
    buyer: PartyOut
    buyer_is_business: bool
    lines: list[LineOut]
    tax_groups: list[TaxGroupOut]
    net: MoneyOut
    tax: MoneyOut
    total: MoneyOut
    national: NationalOut | None
    legal_texts: list[str]
    note: str
    standing: StandingOut


def _money(minor: int | None, currency: str) -> Money | None:
    return None if minor is None else Money(minor, currency)


def invoice_out(invoice: Invoice) -> dict:
    """The document as the API answers it, with where it stands today."""
    cur = invoice.currency
    return {
        **{
            name: getattr(invoice, name)
            for name in (
                "id",
                "reference",
                "kind",
                "origin",
                "number",
                "venture_id",
                "freelancer_id",
                "customer_id",
                "credits_id",
                "issue_date",
                "supply_date",
                "due_date",
                "currency",
                "buyer_is_business",
                "note",
            )
        },
        "series": invoice.series.code,
        "seller": {
            "name": invoice.seller_name,
            "address": invoice.seller_address,
            "country": invoice.seller_country,
            "vat_id": invoice.seller_vat_id,
        },
        "buyer": {
            "name": invoice.buyer_name,
            "address": invoice.buyer_address,
            "country": invoice.buyer_country,
            "vat_id": invoice.buyer_vat_id,
        },
        "lines": [_line(line, cur) for line in invoice.lines.all()],
        "tax_groups": [_group(g, invoice) for g in invoice.tax_groups.all()],
        "net": Money(invoice.net_minor, cur),
        "tax": Money(invoice.tax_minor, cur),
        "total": Money(invoice.total_minor, cur),
        "national": _national(invoice),
        "legal_texts": sorted({g.legal_text for g in invoice.tax_groups.all() if g.legal_text}),
        "standing": _standing(invoice),
    }


def _line(line, currency: str) -> dict:
    return {
        "id": line.id,
        "position": line.position,
        "description": line.description,
        "quantity": decimal_text(line.quantity),
        "unit_price": Money(line.unit_price_minor, currency),
        "net": Money(line.net_minor, currency),
        "supply": line.supply_kind,
        "treatment": line.treatment,
        "rate_country": line.rate_country,
        "rate": decimal_text(line.rate),
        "tax_name": line.tax_name,
        "legal_text": line.legal_text,
        "why": line.why,
        "buyer_vat_id_status": line.buyer_vat_id_status,
        "credits_line_id": line.credits_line_id,
    }


def _group(group, invoice: Invoice) -> dict:
    return {
        "treatment": group.treatment,
        "rate_country": group.rate_country,
        "rate": decimal_text(group.rate),
        "tax_name": group.tax_name,
        "legal_text": group.legal_text,
        "taxable": Money(group.net_minor, invoice.currency),
        "tax": Money(group.tax_minor, invoice.currency),
        "national_tax": _money(group.national_tax_minor, invoice.national_currency),
    }


def _national(invoice: Invoice) -> dict | None:
    if invoice.national_tax_minor is None:
        return None
    return {
        "tax": Money(invoice.national_tax_minor, invoice.national_currency),
        "rate": decimal_text(invoice.fx_rate) if invoice.fx_rate is not None else "",
        "rate_source": invoice.fx_source,
        "rate_date": invoice.fx_date,
        "description": invoice.fx_note,
    }


def _standing(invoice: Invoice) -> dict:
    where = standing.of(invoice)
    return {
        "state": "credit_note" if invoice.is_credit_note else where.state,
        "outstanding": where.outstanding,
        "days_overdue": where.days_overdue,
        "statutory_interest": where.interest,
        "compensation": where.compensation,
        "interest_note": where.interest_note,
        "summary": where.summary(),
    }


ReportKind = Literal["vat-summary", "oss", "ec-sales-list"]


class ReportOut(Schema):
    kind: str
    start: date
    end: date
    columns: list[str]
    rows: list[list[str | int]]
