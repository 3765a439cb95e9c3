"""Request and response shapes of the money endpoints.

Amounts come in as a decimal string and a currency (`MoneyIn`, read with
`Money.of`, so "1.234" EUR is refused, never rounded) and go out as
`MoneyOut`: the exact minor units, the currency and the same amount as a
decimal string. Rates go out as strings too, so no client ever parses money
or a rate through binary floating point.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, localcontext
from operator import attrgetter
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from bornglobal.apitypes import Amount, Currency, Day, InSchema, PositiveAmount, Text
from bornglobal.domain.money import InvalidAmount, Money, parse_money
from bornglobal.money.releases import MAX_MINOR

MAX_AMOUNT_MINOR = MAX_MINOR
RATE_PLACES = 12  # the decimal places the ledger stores a rate with
IdempotencyKey = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=128,
        description="Unique per venture. A retry with the same key returns the first result.",
    ),
]
OptionalKey = Annotated[
    Text,
    Field(
        max_length=128,
        description="Recommended. Unique per venture: a retry with the same key and request "
        "answers the first result; another request under it is refused "
        "(409 idempotency_key_reused).",
    ),
]


def decimal_text(value: Decimal) -> str:
    """A rate as plain text without trailing zeros: "140.5", never "1.405E+2"."""
    with localcontext(prec=60):
        return format(Decimal(value).normalize(), "f")


def rate_text(value: Decimal | None) -> str | None:
    """A rate to the places the ledger keeps, so a retry reads the same as the first answer."""
    if value is None:
        return None
    with localcontext(prec=60):
        return decimal_text(Decimal(value).quantize(Decimal(1).scaleb(-RATE_PLACES)))


def parse_amount(amount: str, currency: str) -> Money:
    """`Money.of` for text from a request, refusing amounts past `MAX_AMOUNT_MINOR`."""
    money = Money.of(amount, currency.strip().upper())
    if abs(money.minor) > MAX_AMOUNT_MINOR:
        raise InvalidAmount(
            f"{money} is more than this platform handles in one amount.",
            details={"amount": amount, "currency": money.currency},
        )
    return money


def _amount(minor: str, currency: str) -> staticmethod:
    """A resolver reading Money from two (dotted) attributes: ("gross_minor", "currency")."""
    minor_of, currency_of = attrgetter(minor), attrgetter(currency)
    return staticmethod(lambda obj: Money(minor_of(obj), currency_of(obj)))


def _value(path: str) -> staticmethod:
    """A resolver reading a (dotted) attribute: "posting.transaction.kind"."""
    value_of = attrgetter(path)
    return staticmethod(lambda obj: value_of(obj))


def _rate(path: str) -> staticmethod:
    value_of = attrgetter(path)
    return staticmethod(lambda obj: rate_text(value_of(obj)))


def _one_row_per_line(text: str) -> str:
    """Any line break ends a row (the csv module refuses a bare carriage return)."""
    return "\n".join(text.splitlines())


class MoneyIn(InSchema):
    amount: Amount
    currency: Currency

    def to_money(self) -> Money:
        return parse_amount(self.amount, self.currency)


class PositiveMoneyIn(MoneyIn):
    """Money a service moves or charges: more than zero (the schema's pattern says so)."""

    amount: PositiveAmount


class MoneyOut(Schema):
    minor: int = Field(..., description="Exact amount in minor units (cents, paise, yen).")
    currency: str
    amount: str = Field(..., description="The same amount in major units, e.g. '120.50'.")

    @staticmethod
    def resolve_amount(money: Money) -> str:
        return str(money.to_decimal())


class PositionOut(Schema):
    currency: str
    wallet: MoneyOut
    escrow: MoneyOut
    payable: MoneyOut
    fees: MoneyOut


class AccountOut(Schema):
    id: int
    purpose: str
    type: str
    currency: str
    label: str
    escrow_id: int | None
    person_id: int | None
    balance: MoneyOut
    created_at: datetime

    resolve_label = staticmethod(lambda account: str(account))
    resolve_balance = _amount("normal_balance_minor", "currency")


class FxOut(Schema):
    base: str
    quote: str
    rate: str
    source: str
    rate_date: date | None
    age_days: int | None = Field(
        None, description="How much older the rate was than the day it was used for."
    )


class StatementLineOut(Schema):
    transaction_id: int
    occurred_at: datetime
    kind: str
    memo: str
    amount: MoneyOut
    balance: MoneyOut
    fx: FxOut | None = Field(None, description="The conversion, with the rate's age, if any.")

    resolve_transaction_id = _value("posting.transaction_id")
    resolve_occurred_at = _value("posting.transaction.occurred_at")
    resolve_kind = _value("posting.transaction.kind")
    resolve_memo = _value("posting.transaction.memo")

    @staticmethod
    def resolve_fx(line) -> dict | None:
        return TransactionOut.resolve_fx(line.posting.transaction)


class StatementOut(Schema):
    account: AccountOut
    lines: list[StatementLineOut]


class PostingOut(Schema):
    id: int
    account_id: int
    amount: MoneyOut

    resolve_amount = _amount("amount_minor", "currency")


class TransactionOut(Schema):
    id: int
    kind: str
    idempotency_key: str
    memo: str
    occurred_at: datetime
    milestone_id: int | None
    reverses_id: int | None
    value_date: date | None = Field(
        None, description="The day a payment was for (today when the request gave none)."
    )
    postings: list[PostingOut]
    fx: FxOut | None = Field(..., description="The conversion, when money changed currency.")

    @staticmethod
    def resolve_fx(txn) -> dict | None:
        if not txn.fx_base:
            return None
        return {
            "base": txn.fx_base,
            "quote": txn.fx_quote,
            "rate": rate_text(txn.fx_rate),
            "source": txn.fx_source,
            "rate_date": txn.fx_date,
            "age_days": txn.fx_age_days,
        }


class DepositIn(InSchema):
    amount: PositiveMoneyIn
    idempotency_key: IdempotencyKey
    memo: Text = Field("", max_length=300)


class PayeeOut(Schema):
    id: int
    email: str
    full_name: str


class MilestoneOut(Schema):
    id: int
    escrow_id: int
    title: str
    state: str
    due_on: date | None
    amount: MoneyOut
    funded: MoneyOut
    released: MoneyOut
    refunded: MoneyOut
    held: MoneyOut

    resolve_amount = _amount("amount_minor", "escrow.currency")
    resolve_funded = _amount("funded_minor", "escrow.currency")
    resolve_released = _amount("released_minor", "escrow.currency")
    resolve_refunded = _amount("refunded_minor", "escrow.currency")
    resolve_held = _amount("held_minor", "escrow.currency")


class EscrowOut(Schema):
    id: int
    contract_ref: str
    title: str
    currency: str
    payee_currency: str
    state: str
    created_at: datetime
    payee: PayeeOut
    milestones: list[MilestoneOut]


class MilestoneIn(InSchema):
    title: Text = Field(..., min_length=1, max_length=200)
    amount: PositiveMoneyIn
    due_on: Day | None = None


class EscrowIn(InSchema):
    payee_email: Text = Field(..., min_length=3, max_length=254)
    contract_ref: Text = Field(..., min_length=1, max_length=64)
    title: Text = Field(..., min_length=1, max_length=200)
    payee_currency: Currency | None = Field(
        None, description="Defaults to the payee's own currency."
    )
    milestones: list[MilestoneIn] = Field(..., min_length=1, max_length=100)
    idempotency_key: OptionalKey = ""


class KeyIn(InSchema):
    idempotency_key: IdempotencyKey


class ReleaseIn(InSchema):
    idempotency_key: IdempotencyKey
    amount: PositiveMoneyIn | None = Field(None, description="Defaults to everything held.")
    on: Day | None = Field(None, description="Rate date; defaults to today.")


class RefundIn(InSchema):
    idempotency_key: IdempotencyKey
    amount: PositiveMoneyIn | None = Field(None, description="Defaults to everything held.")


class DisputeIn(InSchema):
    reason: Text = Field(..., min_length=1, max_length=2000)
    idempotency_key: OptionalKey = ""


class ResolveIn(InSchema):
    idempotency_key: IdempotencyKey
    payee_share: MoneyIn
    on: Day | None = None


class FeeOut(Schema):
    name: str
    basis_points: int
    amount: MoneyOut

    @staticmethod
    def resolve_amount(fee: dict) -> Money:
        return parse_money(fee["amount"])


class DisclosureOut(Schema):
    """What the payee was told: gross, fee and net in escrow currency, and what was paid."""

    id: int
    transaction_id: int
    gross: MoneyOut
    fee: MoneyOut
    net: MoneyOut
    paid: MoneyOut
    mid_market_rate: str
    applied_rate: str
    rate_source: str
    rate_date: date
    rate_age_days: int = Field(
        ..., description="Days the rate was older than the payment's day (0: published then)."
    )
    rate_note: str
    fees: list[FeeOut]
    created_at: datetime

    resolve_gross = _amount("gross_minor", "currency")
    resolve_fee = _amount("fee_minor", "currency")
    resolve_net = _amount("net_minor", "currency")
    resolve_paid = _amount("paid_minor", "paid_currency")
    resolve_mid_market_rate = _rate("mid_market_rate")
    resolve_applied_rate = _rate("applied_rate")


class ResolutionOut(Schema):
    paid: DisclosureOut | None
    refunded: TransactionOut | None


class EarningOut(DisclosureOut):
    venture_id: int
    venture_name: str
    contract_ref: str | None
    milestone_title: str | None

    resolve_venture_id = _value("transaction.venture_id")
    resolve_venture_name = _value("transaction.venture.name")

    @staticmethod
    def resolve_contract_ref(disclosure) -> str | None:
        milestone = disclosure.transaction.milestone
        return milestone.escrow.contract_ref if milestone else None

    @staticmethod
    def resolve_milestone_title(disclosure) -> str | None:
        milestone = disclosure.transaction.milestone
        return milestone.title if milestone else None


class PayableOut(Schema):
    account_id: int
    venture_id: int
    venture_name: str
    owed: MoneyOut

    resolve_account_id = _value("id")
    resolve_venture_name = _value("venture.name")
    resolve_owed = _amount("normal_balance_minor", "currency")


class PayoutLineOut(Schema):
    id: int
    batch_id: int
    payee: PayeeOut
    amount: MoneyOut
    rail: str
    iban_last4: str
    state: str
    transaction_id: int
    reversal_id: int | None

    resolve_amount = _amount("amount_minor", "currency")

    @staticmethod
    def resolve_iban_last4(line) -> str:
        return line.iban[-4:]


class PayoutBatchOut(Schema):
    id: int
    idempotency_key: str
    state: str
    created_at: datetime
    lines: list[PayoutLineOut]


class PayoutDetailsOut(Schema):
    account_holder: str
    iban: str
    bic: str
    updated_at: datetime


class PayoutDetailsIn(InSchema):
    account_holder: Text = Field(..., min_length=1, max_length=70)
    iban: Text = Field("", max_length=50, description="Spaces are allowed; checked as an IBAN.")
    bic: Text = Field("", max_length=11)


class FxQuoteOut(Schema):
    base: str
    quote: str
    rate: str
    requested: date
    used: date
    source: str
    fell_back: bool
    age_days: int = Field(..., description="How much older than `requested` the rate is.")
    stale: bool = Field(
        ..., description="Past the newest rate there is, within BORNGLOBAL_FX_MAX_AGE_DAYS."
    )
    describe: str
    amount: MoneyOut | None
    converted: MoneyOut | None


class OperatorRatesIn(InSchema):
    csv: Annotated[Text, AfterValidator(_one_row_per_line)] = Field(
        ...,
        min_length=1,
        max_length=100_000,
        description="Rows of currency,date,per_eur with that header line.",
    )
    note: Text = Field("CSV import", max_length=200)


class ImportedOut(Schema):
    imported: int
