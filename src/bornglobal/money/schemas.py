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
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from bornglobal.domain.money import InvalidAmount, Money

MAX_AMOUNT_MINOR = 10**15  # far above any real payment, far below the 64-bit columns
RATE_PLACES = 12  # the decimal places the ledger stores a rate with
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def _storable(text: str) -> str:
    """Refuse what no database column can hold: NUL characters and lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


def _plausible_day(day: date) -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"must be between {EARLIEST_DAY} and {LATEST_DAY}")
    return day


Text = Annotated[str, AfterValidator(_storable)]
Day = Annotated[date, AfterValidator(_plausible_day)]
IdempotencyKey = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=128,
        description="Unique per venture. A retry with the same key returns the first result.",
    ),
]


def rate_text(value: Decimal | None) -> str | None:
    """A rate as text, to the places the ledger keeps ("84.1234", not "84.123400000000")."""
    if value is None:
        return None
    with localcontext(prec=60):
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-RATE_PLACES)).normalize()
    return format(rounded, "f")


class MoneyIn(Schema):
    amount: Text = Field(..., min_length=1, max_length=40, examples=["120.50"])
    currency: Text = Field(..., min_length=3, max_length=3, examples=["EUR"])

    def to_money(self) -> Money:
        money = Money.of(self.amount, self.currency.strip().upper())
        if abs(money.minor) > MAX_AMOUNT_MINOR:
            raise InvalidAmount(
                f"{money} is more than this platform handles in one amount.",
                details={"amount": self.amount, "currency": money.currency},
            )
        return money


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

    @staticmethod
    def resolve_label(account) -> str:
        return str(account)

    @staticmethod
    def resolve_balance(account) -> Money:
        return Money(account.normal_balance_minor, account.currency)


class StatementLineOut(Schema):
    transaction_id: int
    occurred_at: datetime
    kind: str
    memo: str
    amount: MoneyOut
    balance: MoneyOut

    @staticmethod
    def resolve_transaction_id(line) -> int:
        return line.posting.transaction_id

    @staticmethod
    def resolve_occurred_at(line) -> datetime:
        return line.posting.transaction.occurred_at

    @staticmethod
    def resolve_kind(line) -> str:
        return line.posting.transaction.kind

    @staticmethod
    def resolve_memo(line) -> str:
        return line.posting.transaction.memo


class StatementOut(Schema):
    account: AccountOut
    lines: list[StatementLineOut]


class PostingOut(Schema):
    id: int
    account_id: int
    amount: MoneyOut

    @staticmethod
    def resolve_amount(posting) -> Money:
        return Money(posting.amount_minor, posting.currency)


class FxOut(Schema):
    base: str
    quote: str
    rate: str
    source: str
    rate_date: date | None


class TransactionOut(Schema):
    id: int
    kind: str
    idempotency_key: str
    memo: str
    occurred_at: datetime
    milestone_id: int | None
    reverses_id: int | None
    postings: list[PostingOut]
    fx: FxOut | None

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
        }


class DepositIn(Schema):
    amount: MoneyIn
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

    @staticmethod
    def resolve_amount(milestone) -> Money:
        return Money(milestone.amount_minor, milestone.escrow.currency)

    @staticmethod
    def resolve_funded(milestone) -> Money:
        return Money(milestone.funded_minor, milestone.escrow.currency)

    @staticmethod
    def resolve_released(milestone) -> Money:
        return Money(milestone.released_minor, milestone.escrow.currency)

    @staticmethod
    def resolve_refunded(milestone) -> Money:
        return Money(milestone.refunded_minor, milestone.escrow.currency)

    @staticmethod
    def resolve_held(milestone) -> Money:
        return Money(milestone.held_minor, milestone.escrow.currency)


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


class MilestoneIn(Schema):
    title: Text = Field(..., min_length=1, max_length=200)
    amount: MoneyIn
    due_on: Day | None = None


class EscrowIn(Schema):
    payee_email: Text = Field(..., min_length=3, max_length=254)
    contract_ref: Text = Field(..., min_length=1, max_length=64)
    title: Text = Field(..., min_length=1, max_length=200)
    payee_currency: Text | None = Field(
        None, min_length=3, max_length=3, description="Defaults to the payee's own currency."
    )
    milestones: list[MilestoneIn] = Field(..., min_length=1, max_length=100)


class KeyIn(Schema):
    idempotency_key: IdempotencyKey


class ReleaseIn(Schema):
    idempotency_key: IdempotencyKey
    amount: MoneyIn | None = Field(None, description="Defaults to everything held.")
    on: Day | None = Field(None, description="Rate date; defaults to today.")


class RefundIn(Schema):
    idempotency_key: IdempotencyKey
    amount: MoneyIn | None = Field(None, description="Defaults to everything held.")


class DisputeIn(Schema):
    reason: Text = Field(..., min_length=1, max_length=2000)


class ResolveIn(Schema):
    idempotency_key: IdempotencyKey
    payee_share: MoneyIn
    on: Day | None = None


class FeeOut(Schema):
    name: str
    basis_points: int
    amount: str


class DisclosureOut(Schema):
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
    rate_note: str
    fees: list[FeeOut]
    created_at: datetime

    @staticmethod
    def resolve_gross(disclosure) -> Money:
        return Money(disclosure.gross_minor, disclosure.currency)

    @staticmethod
    def resolve_fee(disclosure) -> Money:
        return Money(disclosure.fee_minor, disclosure.currency)

    @staticmethod
    def resolve_net(disclosure) -> Money:
        return Money(disclosure.net_minor, disclosure.currency)

    @staticmethod
    def resolve_paid(disclosure) -> Money:
        return Money(disclosure.paid_minor, disclosure.paid_currency)

    @staticmethod
    def resolve_mid_market_rate(disclosure) -> str:
        return rate_text(disclosure.mid_market_rate)

    @staticmethod
    def resolve_applied_rate(disclosure) -> str:
        return rate_text(disclosure.applied_rate)


class ResolutionOut(Schema):
    paid: DisclosureOut | None
    refunded: TransactionOut | None


class EarningOut(DisclosureOut):
    venture_id: int
    venture_name: str
    contract_ref: str | None
    milestone_title: str | None

    @staticmethod
    def resolve_venture_id(disclosure) -> int:
        return disclosure.transaction.venture_id

    @staticmethod
    def resolve_venture_name(disclosure) -> str:
        return disclosure.transaction.venture.name

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

    @staticmethod
    def resolve_account_id(account) -> int:
        return account.id

    @staticmethod
    def resolve_venture_name(account) -> str:
        return account.venture.name

    @staticmethod
    def resolve_owed(account) -> Money:
        return Money(account.normal_balance_minor, account.currency)


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

    @staticmethod
    def resolve_amount(line) -> Money:
        return Money(line.amount_minor, line.currency)

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


class PayoutDetailsIn(Schema):
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
    describe: str
    amount: MoneyOut | None
    converted: MoneyOut | None


class OperatorRatesIn(Schema):
    csv: Text = Field(
        ...,
        min_length=1,
        max_length=100_000,
        description="Rows of currency,date,per_eur with that header line.",
    )
    note: Text = Field("CSV import", max_length=200)


class ImportedOut(Schema):
    imported: int
