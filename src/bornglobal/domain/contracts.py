"""Offers, contracts and milestones as explicit state machines, and a contract's terms.

An *offer* is what a venture proposes to a freelancer for a role; accepted, it
becomes a *contract*. A fixed-price contract is paid milestone by milestone out of
escrow; an hourly contract is paid for approved hours, never more per week than
its weekly cap. Every change of state is one row of a transition table below:

* `OFFERS`: draft → sent → accepted / declined / expired / withdrawn;
* `CONTRACTS`: active ⇄ paused, active/paused → disputed → active (resolved),
  active → completed, active/paused → cancelled;
* `MILESTONES`: pending → funded → in_progress → submitted → accepted,
  changes_requested → submitted again, auto_released when the venture does not
  answer within the auto-release period, part releases along the way, disputes
  that freeze the escrow until they are resolved, refunds and cancellations.

A pair (state, action) missing from a table is refused with `DomainError` code
`illegal_transition`, naming the state and the action. Milestone actions also need
the contract to be in a state that allows them (`MILESTONE_NEEDS_CONTRACT`).

The commands (imperative: `FundMilestone`) and events (past tense:
`MilestoneFunded`) live in `contracts_messages`; `apply` turns one into the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money, exponent


class OfferState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class OfferAction(StrEnum):
    SEND = "send"
    ACCEPT = "accept"
    DECLINE = "decline"
    EXPIRE = "expire"
    WITHDRAW = "withdraw"


class ContractState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DISPUTED = "disputed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ContractAction(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    DISPUTE = "dispute"
    RESOLVE = "resolve"
    COMPLETE = "complete"
    CANCEL = "cancel"


class MilestoneState(StrEnum):
    PENDING = "pending"
    FUNDED = "funded"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    ACCEPTED = "accepted"
    AUTO_RELEASED = "auto_released"
    DISPUTED = "disputed"
    RESOLVED = "resolved"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"


class MilestoneAction(StrEnum):
    FUND = "fund"
    START = "start"
    SUBMIT = "submit"
    REQUEST_CHANGES = "request_changes"
    ACCEPT = "accept"
    RELEASE_PART = "release_part"
    AUTO_RELEASE = "auto_release"
    DISPUTE = "dispute"
    RESOLVE = "resolve"
    REFUND = "refund"
    CANCEL = "cancel"


S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Machine(Generic[S, A]):
    """A transition table: (state, action) → next state. Anything else is refused."""

    name: str
    states: type[S]
    actions: type[A]
    table: Mapping[tuple[S, A], S] = field(repr=False)

    def next(self, state: S | str, action: A | str) -> S:
        """The state after `action`, or `DomainError(code="illegal_transition")`."""
        current, wanted = self.states(state), self.actions(action)
        after = self.table.get((current, wanted))
        if after is None:
            raise DomainError(
                f"A {self.name} that is {current} cannot {_verb(wanted)}.",
                code="illegal_transition",
                details={"machine": self.name, "state": str(current), "action": str(wanted)},
            )
        return after

    def allows(self, state: S | str, action: A | str) -> bool:
        return (self.states(state), self.actions(action)) in self.table

    def actions_from(self, state: S | str) -> tuple[A, ...]:
        """What may be done next, in the order the actions are declared."""
        current = self.states(state)
        return tuple(action for action in self.actions if (current, action) in self.table)

    def is_final(self, state: S | str) -> bool:
        return not self.actions_from(state)


def _verb(action: StrEnum) -> str:
    return str(action).replace("_", " ")


Of, C, M = OfferState, ContractState, MilestoneState
OA, CA, MA = OfferAction, ContractAction, MilestoneAction

OFFERS: Machine[OfferState, OfferAction] = Machine(
    "offer",
    OfferState,
    OfferAction,
    {
        (Of.DRAFT, OA.SEND): Of.SENT,
        (Of.DRAFT, OA.WITHDRAW): Of.WITHDRAWN,
        (Of.SENT, OA.ACCEPT): Of.ACCEPTED,
        (Of.SENT, OA.DECLINE): Of.DECLINED,
        (Of.SENT, OA.EXPIRE): Of.EXPIRED,
        (Of.SENT, OA.WITHDRAW): Of.WITHDRAWN,
    },
)

CONTRACTS: Machine[ContractState, ContractAction] = Machine(
    "contract",
    ContractState,
    ContractAction,
    {
        (C.ACTIVE, CA.PAUSE): C.PAUSED,
        (C.PAUSED, CA.RESUME): C.ACTIVE,
        (C.ACTIVE, CA.DISPUTE): C.DISPUTED,
        (C.PAUSED, CA.DISPUTE): C.DISPUTED,
        (C.DISPUTED, CA.RESOLVE): C.ACTIVE,
        (C.ACTIVE, CA.COMPLETE): C.COMPLETED,
        (C.ACTIVE, CA.CANCEL): C.CANCELLED,
        (C.PAUSED, CA.CANCEL): C.CANCELLED,
    },
)

_WORKING = (M.IN_PROGRESS, M.SUBMITTED, M.CHANGES_REQUESTED)
MILESTONES: Machine[MilestoneState, MilestoneAction] = Machine(
    "milestone",
    MilestoneState,
    MilestoneAction,
    {
        (M.PENDING, MA.FUND): M.FUNDED,
        (M.PENDING, MA.CANCEL): M.CANCELLED,
        (M.FUNDED, MA.START): M.IN_PROGRESS,
        (M.IN_PROGRESS, MA.SUBMIT): M.SUBMITTED,
        (M.CHANGES_REQUESTED, MA.SUBMIT): M.SUBMITTED,
        (M.SUBMITTED, MA.REQUEST_CHANGES): M.CHANGES_REQUESTED,
        (M.SUBMITTED, MA.ACCEPT): M.ACCEPTED,
        (M.SUBMITTED, MA.AUTO_RELEASE): M.AUTO_RELEASED,
        **{(state, MA.RELEASE_PART): state for state in _WORKING},
        **{(state, MA.DISPUTE): M.DISPUTED for state in (M.FUNDED, *_WORKING)},
        (M.DISPUTED, MA.RESOLVE): M.RESOLVED,
        (M.FUNDED, MA.REFUND): M.REFUNDED,
        (M.IN_PROGRESS, MA.REFUND): M.REFUNDED,
        (M.CHANGES_REQUESTED, MA.REFUND): M.REFUNDED,
    },
)

# The contract states in which each milestone action may happen: a paused contract
# keeps its escrow but no work moves; a disputed one moves only toward resolution.
MILESTONE_NEEDS_CONTRACT: Mapping[MilestoneAction, frozenset[ContractState]] = {
    **{action: frozenset({C.ACTIVE}) for action in MilestoneAction},
    MA.DISPUTE: frozenset({C.ACTIVE, C.PAUSED, C.DISPUTED}),
    MA.RESOLVE: frozenset({C.DISPUTED}),
    MA.REFUND: frozenset({C.ACTIVE, C.PAUSED}),
    MA.CANCEL: frozenset({C.ACTIVE, C.PAUSED}),
}

# A milestone in one of these states has nothing left to pay or do.
MILESTONE_DONE = frozenset(s for s in MilestoneState if MILESTONES.is_final(s))


def check_milestone_in_contract(
    action: MilestoneAction | str, contract_state: ContractState | str
) -> None:
    """Refuse a milestone action the contract's state does not allow."""
    wanted, state = MilestoneAction(action), ContractState(contract_state)
    if state not in MILESTONE_NEEDS_CONTRACT[wanted]:
        raise DomainError(
            f"The contract is {state}: a milestone cannot {_verb(wanted)} now.",
            code="illegal_transition",
            details={"machine": "contract", "state": str(state), "action": str(wanted)},
        )


def contract_is_done(milestone_states: list[MilestoneState | str]) -> bool:
    """A contract completes when it has milestones and every one of them is done."""
    return bool(milestone_states) and all(
        MilestoneState(state) in MILESTONE_DONE for state in milestone_states
    )


def check_part(held: Money, part: Money) -> Money:
    """A part release pays less than the escrow still holds (all of it is `accept`)."""
    if part.currency != held.currency or not (part.is_positive and part < held):
        raise DomainError(
            f"A part release must be more than zero and less than the {held} held.",
            code="invalid_part",
            details={"held": str(held), "part": str(part)},
        )
    return part


def aware_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise DomainError("Instants must carry a time zone.", code="naive_datetime")
    return instant.astimezone(UTC)


def auto_release_due(submitted_at: datetime, period_days: int) -> datetime:
    """When a submitted milestone is paid unless the venture answers first (UTC)."""
    return aware_utc(submitted_at) + timedelta(days=check_auto_release_days(period_days))


AUTO_RELEASE_DAYS = (7, 14, 28)
DISPUTE_WINDOW_DAYS = range(1, 61)
MAX_FEE_BP = 10_000
MAX_WEEKLY_CAP_HOURS = 80


def check_auto_release_days(days: int) -> int:
    if isinstance(days, bool) or days not in AUTO_RELEASE_DAYS:
        raise DomainError(
            "The auto-release period is 7, 14 or 28 days.",
            code="invalid_auto_release_period",
            details={"allowed": list(AUTO_RELEASE_DAYS), "got": repr(days)},
        )
    return days


class ContractType(StrEnum):
    FIXED = "fixed"
    HOURLY = "hourly"


class InvoicingMode(StrEnum):
    FREELANCER_INVOICES = "freelancer_invoices"
    SELF_BILLING = "self_billing"


@dataclass(frozen=True, slots=True)
class Terms:
    """What both sides agree to, shown on the offer and the contract, never changed.

    `pay_currency` is what the freelancer is paid in (escrow is funded in the
    venture's currency and converted on each payment). `dispute_window_days` is how
    long each side has to attach evidence once a dispute is open. `platform_fee_bp`
    is the instance's fee on each release, in basis points. An hourly contract has a
    rate (in the venture's currency) and a weekly cap in hours; a fixed one has neither.
    """

    type: ContractType
    pay_currency: str
    auto_release_days: int = 14
    dispute_window_days: int = 14
    platform_fee_bp: int = 0
    invoicing: InvoicingMode = InvoicingMode.FREELANCER_INVOICES
    hourly_rate: Money | None = None
    weekly_cap_hours: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", ContractType(self.type))
        object.__setattr__(self, "invoicing", InvoicingMode(self.invoicing))
        exponent(self.pay_currency)
        check_auto_release_days(self.auto_release_days)
        if self.dispute_window_days not in DISPUTE_WINDOW_DAYS:
            raise DomainError("The dispute window is 1 to 60 days.", code="invalid_dispute_window")
        if not 0 <= self.platform_fee_bp <= MAX_FEE_BP:
            raise DomainError("The platform fee is 0 to 10000 bp.", code="invalid_platform_fee")
        self._check_type()

    def _check_type(self) -> None:
        hourly = self.hourly_rate is not None, self.weekly_cap_hours is not None
        if self.type is ContractType.FIXED and any(hourly):
            raise DomainError(
                "A fixed-price contract has no hourly rate or weekly cap.", code="invalid_terms"
            )
        if self.type is ContractType.HOURLY:
            if not all(hourly) or not self.hourly_rate.is_positive:
                raise DomainError(
                    "An hourly contract needs a rate above zero and a weekly cap.",
                    code="invalid_terms",
                )
            if not 1 <= self.weekly_cap_hours <= MAX_WEEKLY_CAP_HOURS:
                raise DomainError(
                    f"The weekly cap is 1 to {MAX_WEEKLY_CAP_HOURS} hours.",
                    code="invalid_weekly_cap",
                )

    def evidence_due(self, dispute_opened_at: datetime) -> datetime:
        return aware_utc(dispute_opened_at) + timedelta(days=self.dispute_window_days)

    def week_pay(self, minutes: int) -> Money:
        """Pay for `minutes` of approved work in one week, refused above the cap."""
        if self.type is not ContractType.HOURLY:
            raise DomainError("Only hourly contracts are paid by the hour.", code="not_hourly")
        check_weekly_cap(0, minutes, self.weekly_cap_hours)
        return self.hourly_rate.scaled(minutes, 60)

    @property
    def weekly_ceiling(self) -> Money | None:
        """The most one week can cost (rate x cap), for funding a week's escrow."""
        if self.type is not ContractType.HOURLY:
            return None
        return self.hourly_rate.scaled(self.weekly_cap_hours, 1)


def check_weekly_cap(logged_minutes: int, adding_minutes: int, cap_hours: int) -> int:
    """Refuse time that would take a week past its cap; answers the new week total."""
    if adding_minutes < 0 or logged_minutes < 0:
        raise DomainError("Time cannot be negative.", code="invalid_minutes")
    total = logged_minutes + adding_minutes
    if total > cap_hours * 60:
        raise DomainError(
            f"This week would reach {total} minutes, above the cap of {cap_hours} hours.",
            code="weekly_cap_exceeded",
            details={"logged": logged_minutes, "adding": adding_minutes, "cap_hours": cap_hours},
        )
    return total


def check_rate_ceiling(rate: Money, ceiling: Money | None) -> Money:
    """An hourly rate offered for a role stays at or under the role's ceiling."""
    if ceiling is not None and (rate.currency != ceiling.currency or rate > ceiling):
        raise DomainError(
            f"{rate} an hour is above the role's ceiling of {ceiling}.",
            code="rate_above_ceiling",
        )
    return rate
