"""Commands and events of the project economy, in the cosmicpython style.

A command says what someone wants done, in the imperative (`SubmitDeliverable`);
an event says what happened, in the past tense (`DeliverableSubmitted`). `apply`
checks a command against its state machine in `contracts` and answers the event
with the state before and after, or refuses with `illegal_transition`. Services
store the new state, and write the event's `name` to the audit log and timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bornglobal.domain.contracts import (
    CONTRACTS,
    MILESTONES,
    OFFERS,
    ContractAction,
    Machine,
    MilestoneAction,
    OfferAction,
    aware_utc,
)
from bornglobal.domain.money import Money


@dataclass(frozen=True, slots=True)
class Command:
    """Something asked of one offer, contract or milestone (`subject_id`)."""

    subject_id: int
    machine: ClassVar[Machine]
    action: ClassVar[str]


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to `subject_id`, moving it from `before` to `after`."""

    subject_id: int
    before: str
    after: str
    at: datetime

    @property
    def name(self) -> str:
        """snake_case of the class name: `MilestoneFunded` → `milestone_funded`."""
        title = type(self).__name__
        return "".join(f"_{c.lower()}" if c.isupper() else c for c in title).lstrip("_")


def _command(machine: Machine, action: str):
    def mark(cls):
        cls.machine, cls.action = machine, action
        return cls

    return mark


# Offers


@_command(OFFERS, OfferAction.SEND)
@dataclass(frozen=True, slots=True)
class SendOffer(Command):
    pass


@_command(OFFERS, OfferAction.ACCEPT)
@dataclass(frozen=True, slots=True)
class AcceptOffer(Command):
    pass


@_command(OFFERS, OfferAction.DECLINE)
@dataclass(frozen=True, slots=True)
class DeclineOffer(Command):
    reason: str = ""


@_command(OFFERS, OfferAction.EXPIRE)
@dataclass(frozen=True, slots=True)
class ExpireOffer(Command):
    pass


@_command(OFFERS, OfferAction.WITHDRAW)
@dataclass(frozen=True, slots=True)
class WithdrawOffer(Command):
    pass


# Contracts


@_command(CONTRACTS, ContractAction.PAUSE)
@dataclass(frozen=True, slots=True)
class PauseContract(Command):
    pass


@_command(CONTRACTS, ContractAction.RESUME)
@dataclass(frozen=True, slots=True)
class ResumeContract(Command):
    pass


@_command(CONTRACTS, ContractAction.DISPUTE)
@dataclass(frozen=True, slots=True)
class DisputeContract(Command):
    pass


@_command(CONTRACTS, ContractAction.RESOLVE)
@dataclass(frozen=True, slots=True)
class ResolveContractDispute(Command):
    pass


@_command(CONTRACTS, ContractAction.COMPLETE)
@dataclass(frozen=True, slots=True)
class CompleteContract(Command):
    pass


@_command(CONTRACTS, ContractAction.CANCEL)
@dataclass(frozen=True, slots=True)
class CancelContract(Command):
    pass


# Milestones


@_command(MILESTONES, MilestoneAction.FUND)
@dataclass(frozen=True, slots=True)
class FundMilestone(Command):
    pass


@_command(MILESTONES, MilestoneAction.START)
@dataclass(frozen=True, slots=True)
class StartMilestone(Command):
    pass


@_command(MILESTONES, MilestoneAction.SUBMIT)
@dataclass(frozen=True, slots=True)
class SubmitDeliverable(Command):
    note: str = ""


@_command(MILESTONES, MilestoneAction.REQUEST_CHANGES)
@dataclass(frozen=True, slots=True)
class RequestChanges(Command):
    note: str = ""


@_command(MILESTONES, MilestoneAction.ACCEPT)
@dataclass(frozen=True, slots=True)
class AcceptMilestone(Command):
    pass


@_command(MILESTONES, MilestoneAction.RELEASE_PART)
@dataclass(frozen=True, slots=True)
class ReleasePart(Command):
    amount: Money | None = None


@_command(MILESTONES, MilestoneAction.AUTO_RELEASE)
@dataclass(frozen=True, slots=True)
class AutoRelease(Command):
    pass


@_command(MILESTONES, MilestoneAction.DISPUTE)
@dataclass(frozen=True, slots=True)
class DisputeMilestone(Command):
    reason: str = ""


@_command(MILESTONES, MilestoneAction.RESOLVE)
@dataclass(frozen=True, slots=True)
class ResolveMilestoneDispute(Command):
    payee_share: Money | None = None


@_command(MILESTONES, MilestoneAction.REFUND)
@dataclass(frozen=True, slots=True)
class RefundMilestone(Command):
    pass


@_command(MILESTONES, MilestoneAction.CANCEL)
@dataclass(frozen=True, slots=True)
class CancelMilestone(Command):
    pass


def _event(name: str) -> type[Event]:
    return dataclass(frozen=True, slots=True)(type(name, (Event,), {"__module__": __name__}))


OfferSent = _event("OfferSent")
OfferAccepted = _event("OfferAccepted")
OfferDeclined = _event("OfferDeclined")
OfferExpired = _event("OfferExpired")
OfferWithdrawn = _event("OfferWithdrawn")
ContractPaused = _event("ContractPaused")
ContractResumed = _event("ContractResumed")
ContractDisputed = _event("ContractDisputed")
ContractDisputeResolved = _event("ContractDisputeResolved")
ContractCompleted = _event("ContractCompleted")
ContractCancelled = _event("ContractCancelled")
MilestoneFunded = _event("MilestoneFunded")
MilestoneStarted = _event("MilestoneStarted")
DeliverableSubmitted = _event("DeliverableSubmitted")
ChangesRequested = _event("ChangesRequested")
MilestoneAccepted = _event("MilestoneAccepted")
PartReleased = _event("PartReleased")
MilestoneAutoReleased = _event("MilestoneAutoReleased")
MilestoneDisputed = _event("MilestoneDisputed")
MilestoneDisputeResolved = _event("MilestoneDisputeResolved")
MilestoneRefunded = _event("MilestoneRefunded")
MilestoneCancelled = _event("MilestoneCancelled")

EVENT_FOR: dict[type[Command], type[Event]] = {
    SendOffer: OfferSent,
    AcceptOffer: OfferAccepted,
    DeclineOffer: OfferDeclined,
    ExpireOffer: OfferExpired,
    WithdrawOffer: OfferWithdrawn,
    PauseContract: ContractPaused,
    ResumeContract: ContractResumed,
    DisputeContract: ContractDisputed,
    ResolveContractDispute: ContractDisputeResolved,
    CompleteContract: ContractCompleted,
    CancelContract: ContractCancelled,
    FundMilestone: MilestoneFunded,
    StartMilestone: MilestoneStarted,
    SubmitDeliverable: DeliverableSubmitted,
    RequestChanges: ChangesRequested,
    AcceptMilestone: MilestoneAccepted,
    ReleasePart: PartReleased,
    AutoRelease: MilestoneAutoReleased,
    DisputeMilestone: MilestoneDisputed,
    ResolveMilestoneDispute: MilestoneDisputeResolved,
    RefundMilestone: MilestoneRefunded,
    CancelMilestone: MilestoneCancelled,
}


def apply(command: Command, state: str, at: datetime) -> Event:
    """The event `command` causes from `state` at instant `at`, or `illegal_transition`."""
    after = command.machine.next(state, command.action)
    before = command.machine.states(state)
    return EVENT_FOR[type(command)](command.subject_id, str(before), str(after), aware_utc(at))
