"""What every money page shares: the viewer's locale, amounts formatted in it, and the
pieces of the venture's books page (balances, escrow cards, payouts, accounts, ledger
check) as plain rows for the templates.

Amounts stay integers in minor units until they are shown: `Money.format` renders them
in the viewer's locale (Babel), and charts receive major units as exact decimal text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from django.urls import reverse

from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action, may
from bornglobal.money import checks, selectors
from bornglobal.money.forms import new_key
from bornglobal.money.models import Account, Escrow, Milestone, PayoutLine, Purpose
from bornglobal.tenancy import selectors as tenancy

FALLBACK_LOCALE = "en"
CHART_BASE_PX, CHART_BAR_PX = 110, 52  # the balance chart grows with its currencies
BALANCE_SERIES = (
    ("wallet", "Wallet"),
    ("escrow", "In escrow"),
    ("payable", "Owed to payees"),
    ("fees", "Fees"),
)
ACCOUNT_NAMES = {
    Purpose.WALLET: "Wallet",
    Purpose.PLATFORM_FEES: "Platform fees",
    Purpose.FX_CLEARING: "FX clearing",
    Purpose.FX_GAIN_LOSS: "FX gain/loss",
    Purpose.BANK_CLEARING: "Bank clearing",
}
# The order accounts are listed in: what a founder looks at first comes first.
PURPOSE_ORDER = (Purpose.WALLET, Purpose.ESCROW, Purpose.PAYABLE, Purpose.PLATFORM_FEES,
                 Purpose.FX_GAIN_LOSS, Purpose.FX_CLEARING, Purpose.BANK_CLEARING)
# Which buttons a milestone offers in each state.
ACTIONS_BY_STATE = {
    Milestone.State.PENDING: ("fund",),
    Milestone.State.FUNDED: ("release_all", "release_part", "refund", "dispute"),
    Milestone.State.DISPUTED: ("resolve",),
    Milestone.State.SETTLED: (),
}


@cache
def _known_locale(name: str) -> bool:
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def viewer_locale(user) -> str:
    """The user's formatting locale (e.g. "hi_IN"), or English when it is unknown."""
    name = (getattr(user, "locale", "") or "").strip()
    return name if name and _known_locale(name) else FALLBACK_LOCALE


def major_units(amount: Money) -> str:
    """Exact decimal text in major units for charts: Money(123450, "EUR") -> "1234.50"."""
    return str(amount.to_decimal())


def rate_text(rate: Decimal) -> str:
    """A stored rate without its padding zeros: 89.930000000000 -> "89.93"."""
    return f"{rate.normalize():f}"


@dataclass(frozen=True, slots=True)
class BalanceCard:
    currency: str
    figures: tuple[tuple[str, str], ...]


def balances(all_positions: list[selectors.CurrencyPosition], locale: str) -> dict:
    """Per currency with money in it: cards of formatted figures, and the chart's exact
    major units."""
    positions = [position for position in all_positions
                 if any(not getattr(position, key).is_zero for key, _ in BALANCE_SERIES)]
    cards, series = [], {key: [] for key, _ in BALANCE_SERIES}
    texts = {key: [] for key, _ in BALANCE_SERIES}
    for position in positions:
        amounts = {key: getattr(position, key) for key, _ in BALANCE_SERIES}
        cards.append(BalanceCard(position.currency, tuple(
            (label, amounts[key].format(locale)) for key, label in BALANCE_SERIES)))
        for key, _ in BALANCE_SERIES:
            series[key].append(major_units(amounts[key]))
            texts[key].append(amounts[key].format(locale))
    chart = {
        "labels": [position.currency for position in positions],
        "series": [{"key": key, "label": label, "amounts": series[key], "texts": texts[key]}
                   for key, label in BALANCE_SERIES],
    }
    height = CHART_BASE_PX + CHART_BAR_PX * len(positions)
    return {"balance_cards": cards, "balance_chart": chart, "chart_height": height}


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    milestone: Milestone
    figures: tuple[tuple[str, str], ...]
    actions: tuple[str, ...]
    keys: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EscrowCard:
    escrow: Escrow
    total: str
    held: str
    rows: tuple[MilestoneRow, ...]
    notice: str = ""
    error: str = ""


def milestone_row(milestone: Milestone, currency: str, locale: str, manages: bool) -> MilestoneRow:
    def shown(minor: int) -> str:
        return Money(minor, currency).format(locale)

    figures = (
        ("Amount", shown(milestone.amount_minor)),
        ("Funded", shown(milestone.funded_minor)),
        ("Released", shown(milestone.released_minor)),
        ("Refunded", shown(milestone.refunded_minor)),
        ("Held", shown(milestone.held_minor)),
    )
    actions = ACTIONS_BY_STATE.get(milestone.state, ()) if manages else ()
    return MilestoneRow(milestone, figures, actions, {action: new_key() for action in actions})


def escrow_card(escrow: Escrow, locale: str, manages: bool, notice="", error="") -> EscrowCard:
    milestones = list(escrow.milestones.all())
    total = Money(sum(m.amount_minor for m in milestones), escrow.currency)
    held = Money(sum(m.held_minor for m in milestones), escrow.currency)
    rows = tuple(milestone_row(m, escrow.currency, locale, manages) for m in milestones)
    return EscrowCard(escrow, total.format(locale), held.format(locale), rows, notice, error)


@dataclass(frozen=True, slots=True)
class LineRow:
    line: PayoutLine
    amount: str
    fail_key: str


@dataclass(frozen=True, slots=True)
class BatchRow:
    batch: object
    lines: tuple[LineRow, ...]
    sepa_lines: int
    csv_lines: int


def payouts(actor, venture_id: int, locale: str, owed: list[Money]) -> dict:
    rows = []
    for batch in selectors.batches_of(actor, venture_id):
        lines = [LineRow(line, Money(line.amount_minor, line.currency).format(locale), new_key())
                 for line in batch.lines.all()]
        paid = [row.line for row in lines if row.line.state == PayoutLine.State.PAID]
        rows.append(BatchRow(
            batch, tuple(lines),
            sepa_lines=sum(1 for line in paid if line.rail == PayoutLine.Rail.SEPA),
            csv_lines=sum(1 for line in paid if line.rail == PayoutLine.Rail.CSV),
        ))
    return {
        "batches": rows,
        "owed_texts": [amount.format(locale) for amount in owed if amount.is_positive],
        "batch_key": new_key(),
    }


def account_label(account: Account) -> str:
    if account.purpose == Purpose.ESCROW and account.escrow is not None:
        return f"Escrow {account.escrow.contract_ref}"
    if account.purpose == Purpose.PAYABLE and account.person is not None:
        return f"Owed to {account.person.full_name}"
    return ACCOUNT_NAMES.get(account.purpose, account.get_purpose_display())


@dataclass(frozen=True, slots=True)
class AccountRow:
    account: Account
    label: str
    balance: str
    url: str


def _listing_order(account: Account) -> tuple:
    purpose = Purpose(account.purpose)
    rank = PURPOSE_ORDER.index(purpose) if purpose in PURPOSE_ORDER else len(PURPOSE_ORDER)
    return rank, account.currency, account.id


def account_rows(actor, venture_id: int, locale: str) -> list[AccountRow]:
    accounts = sorted(selectors.accounts_of(actor, venture_id), key=_listing_order)
    return [
        AccountRow(
            account,
            account_label(account),
            Money(account.normal_balance_minor, account.currency).format(locale),
            reverse("money_statement", args=[venture_id, account.id]),
        )
        for account in accounts
    ]


def may_manage_money(actor, venture_id: int) -> bool:
    return may(tenancy.role_in(actor.user, venture_id), Action.MANAGE_MONEY)


def books_context(request, venture, *, with_escrows: bool = True) -> dict:
    """The venture's money page except its entry forms; without escrow cards for htmx."""
    actor, locale = request.actor, viewer_locale(request.user)
    manages = may_manage_money(actor, venture.id)
    positions = selectors.positions(actor, venture.id)
    context = balances(positions, locale)
    context.update(payouts(actor, venture.id, locale, [p.payable for p in positions]))
    escrows = selectors.escrows_of(actor, venture.id) if with_escrows else []
    context.update({
        "venture": venture,
        "shell_venture_id": venture.id,
        "may_manage_money": manages,
        "escrow_cards": [escrow_card(escrow, locale, manages) for escrow in escrows],
        "account_rows": account_rows(actor, venture.id, locale),
        "violations": checks.run(venture.id),
    })
    return context
