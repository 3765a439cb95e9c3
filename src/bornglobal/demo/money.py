"""The money part of the demo: a year of believable history, written through the services.

`load_money(seed, progress)` runs after the platform part, in the same database
transaction. It loads the operator rate table (`money_rates`), plans the history
(`money_plan.plan_money`, pure), then replays each step inside
`clock.travel_to(step.at)` through `money.services` and `money.payouts`, acting as the
venture's founder (or the payee, for their own bank details and one dispute). So
every transaction, audit record and disclosure carries its past instant, and every
release converts at the rate of its own day. The books pass `bornglobal ledger check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bornglobal import clock
from bornglobal.demo import Progress
from bornglobal.demo.money_plan import (
    HISTORY_END,
    HISTORY_START,
    Batch,
    Candidate,
    Deposit,
    Dispute,
    FailLine,
    Fund,
    OpenContract,
    Refund,
    Release,
    Resolve,
    SaveDetails,
    Step,
    plan_money,
)
from bornglobal.demo.money_rates import OPERATOR_CURRENCIES, load_rates
from bornglobal.demo.platform import VENTURES
from bornglobal.domain.money import Money
from bornglobal.money import payouts, services
from bornglobal.money.models import (
    Disclosure,
    Escrow,
    LedgerTransaction,
    Milestone,
    PayoutBatch,
    PayoutLine,
)
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User, Venture

REPORT_EVERY = 25


@dataclass(frozen=True, slots=True)
class MoneySummary:
    contracts: int
    milestones: int
    transactions: int
    payout_batches: int
    sepa_lines: int
    payee_currencies: tuple[str, ...]
    operator_currencies: tuple[str, ...]  # payee currencies paid at operator-table rates
    rate_rows: int

    def describe(self) -> str:
        return (
            f"Money history {HISTORY_START:%Y-%m-%d} to {HISTORY_END:%Y-%m-%d}: "
            f"{self.contracts} contracts with {self.milestones} milestones, "
            f"{self.transactions:,} ledger transactions, {self.payout_batches} payout "
            f"batches ({self.sepa_lines} SEPA lines); payees paid in "
            f"{len(self.payee_currencies)} currencies ({', '.join(self.payee_currencies)}), "
            f"{len(self.operator_currencies)} of them at operator-table rates "
            f"({', '.join(self.operator_currencies)}); {self.rate_rows} demo rate rows "
            f"(illustrative, not market data)."
        )


def candidates() -> list[Candidate]:
    """Every freelancer who could be paid, in a stable order."""
    rows = (User.objects.filter(is_freelancer=True, is_active=True)
            .order_by("email").values_list("email", "currency", "country"))
    return [Candidate(*row) for row in rows]


def load_money(seed: int = 42, progress: Progress | None = None) -> MoneySummary:
    """Write the demo's rates and money history; see the module docstring."""
    report = progress or (lambda done, total, stage: None)
    plan = plan_money(seed, candidates())
    total = len(plan.steps) + 1
    report(0, total, "exchange rates")
    rate_rows = load_rates()
    report(1, total, "money history")
    books = _Books()
    for done, step in enumerate(plan.steps, start=2):
        with clock.travel_to(step.at):
            books.apply(step)
        if done % REPORT_EVERY == 0 or done == total:
            report(done, total, "money history")
    return _summary(rate_rows)


class _Books:
    """Replays steps: finds the ventures, people, milestones and batches they name."""

    def __init__(self) -> None:
        self.ventures: list[tuple[Venture, Actor]] = []
        for spec in VENTURES:
            founder = User.objects.get(email=spec.founder.email)
            venture = Venture.objects.get(name=spec.name, memberships__user=founder)
            self.ventures.append((venture, Actor(founder)))
        self.people: dict[str, User] = {}
        self.milestones: dict[tuple[int, str, int], int] = {}
        self.batches: dict[tuple[int, str], PayoutBatch] = {}

    def person(self, email: str) -> User:
        if email not in self.people:
            self.people[email] = User.objects.get(email=email)
        return self.people[email]

    def apply(self, step: Step) -> None:
        venture, actor = self.ventures[step.venture]
        money = _in(venture.base_currency)
        match step:
            case Deposit():
                services.deposit(actor, venture.id, money(step.minor), step.key, step.memo)
            case OpenContract():
                self._open(step, venture, actor)
            case Fund():
                services.fund_milestone(actor, venture.id, self._milestone(step), step.key)
            case Release():
                services.release(actor, venture.id, self._milestone(step), step.key,
                                 amount=money(step.minor), on=step.at.date())
            case Refund():
                services.refund(actor, venture.id, self._milestone(step), step.key,
                                money(step.minor))
            case Dispute():
                by = Actor(self._payee(venture, step.ref)) if step.by_payee else actor
                services.open_dispute(by, venture.id, self._milestone(step), step.reason)
            case Resolve():
                services.resolve_dispute(actor, venture.id, self._milestone(step), step.key,
                                         money(step.payee_minor), on=step.at.date())
            case SaveDetails():
                payee = self.person(step.payee)
                payouts.save_payout_details(Actor(payee), payee.full_name, step.iban)
            case Batch():
                batch = payouts.create_batch(actor, venture.id, step.key)
                self.batches[step.venture, step.key] = batch
            case FailLine():
                batch = self.batches[step.venture, step.batch_key]
                line = batch.lines.get(payee=self.person(step.payee))
                payouts.mark_line_failed(actor, venture.id, line.id, step.key)

    def _open(self, step: OpenContract, venture: Venture, actor: Actor) -> None:
        plans = [services.MilestonePlan(title, Money(minor, venture.base_currency), due)
                 for title, minor, due in step.milestones]
        escrow = services.open_escrow(actor, venture.id, step.payee, step.ref, step.title, plans)
        ids = escrow.milestones.order_by("id").values_list("id", flat=True)
        for index, milestone_id in enumerate(ids):
            self.milestones[step.venture, step.ref, index] = milestone_id

    def _milestone(self, step: Fund | Release | Refund | Dispute | Resolve) -> int:
        return self.milestones[step.venture, step.ref, step.index]

    def _payee(self, venture: Venture, ref: str) -> User:
        return Escrow.objects.select_related("payee").get(venture=venture,
                                                          contract_ref=ref).payee


def _in(currency: str):
    """Minor units to Money in `currency`; None (everything held) stays None."""

    def money(minor: int | None) -> Money | None:
        return None if minor is None else Money(minor, currency)

    return money


def _summary(rate_rows: int) -> MoneySummary:
    paid = Disclosure.objects.values_list("paid_currency", "rate_source").distinct()
    return MoneySummary(
        contracts=Escrow.objects.count(),
        milestones=Milestone.objects.count(),
        transactions=LedgerTransaction.objects.count(),
        payout_batches=PayoutBatch.objects.count(),
        sepa_lines=PayoutLine.objects.filter(rail=PayoutLine.Rail.SEPA).count(),
        payee_currencies=tuple(sorted({currency for currency, _source in paid})),
        operator_currencies=tuple(sorted({
            currency for currency, source in paid
            if currency in OPERATOR_CURRENCIES and "operator table" in source})),
        rate_rows=rate_rows,
    )
