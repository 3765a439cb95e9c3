"""Who is told what when something happens on a contract.

`work.timeline.record` calls `on_contract_event` for every timeline line; offers
that have no contract yet call `on_offer_sent` and `on_offer_declined` from
`work.services`. Each handler writes the message in the reader's words, with
amounts a freelancer is paid in their own currency, and a dedupe key naming the
event ("milestone:12:funded"), so a replay never tells anyone twice. Nobody is
told about their own action. Events without a handler tell nobody.

| event | told |
|---|---|
| offer sent | the freelancer |
| offer accepted / declined | the person who sent it |
| offer withdrawn | the freelancer |
| offer expired | the freelancer and the person who sent it |
| contract completed | the freelancer and the person who sent the offer (review now) |
| milestone funded | the freelancer ("you may start") |
| deliverable submitted | the venture's people who may move money |
| changes requested | the freelancer |
| accepted, part released, auto-released, week approved | the freelancer (paid) |
| auto-released | also the venture's money people |
| dispute opened / evidence / resolved | both sides |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC
from typing import Any

from django.db import transaction

from bornglobal.domain.contracts import ContractType
from bornglobal.domain.money import Money, parse_money
from bornglobal.notifications import services
from bornglobal.notifications import wording as w
from bornglobal.notifications.models import Kind, Side
from bornglobal.tenancy.models import User
from bornglobal.work.models import Contract, ContractEvent, ContractMilestone, Offer

Messages = list[services.Message]


def _to_freelancer(contract: Contract, kind: Kind, key: str, title: str, body: str = ""):
    return services.Message(
        contract.freelancer, kind, Side.FREELANCER, key, title, body, w.freelancer_link(contract),
        contract.venture_id, contract.id,
    )


def _to_venture(contract: Contract, people, kind: Kind, key: str, title: str, body: str = ""):
    return [
        services.Message(
            person, kind, Side.VENTURE, key, title, body, w.venture_link(contract),
            contract.venture_id, contract.id,
        )
        for person in people
    ]


# Offers


def on_offer_sent(offer: Offer) -> None:
    person = offer.freelancer
    total = Money(sum(p["amount_minor"] for p in offer.milestones), offer.currency)
    pay = w.estimate(total, offer.pay_currency, person)
    body = f"{offer.venture.name} offers {w.amount(total, person)} ({pay}) for {offer.title}."
    if offer.expires_at:
        body += f" Answer by {offer.expires_at.astimezone(UTC):%d %b %Y %H:%M} UTC."
    services.notify([services.Message(
        person, Kind.OFFER, Side.FREELANCER, f"offer:{offer.id}:sent",
        f"{offer.venture.name} sent you an offer: “{offer.title}”", body,
        w.freelancer_link(), offer.venture_id,
    )])


def on_offer_declined(offer: Offer) -> None:
    services.notify([services.Message(
        offer.sent_by, Kind.OFFER, Side.VENTURE, f"offer:{offer.id}:declined",
        f"{w.name(offer.freelancer)} declined your offer “{offer.title}”",
        "The role is open again: send the offer to someone else.",
        w.venture_link(offer), offer.venture_id,
    )])


def on_offer_withdrawn(offer: Offer) -> None:
    services.notify([services.Message(
        offer.freelancer, Kind.OFFER, Side.FREELANCER, f"offer:{offer.id}:withdrawn",
        f"{offer.venture.name} withdrew its offer “{offer.title}”",
        "Nothing was agreed and nothing is owed.", w.freelancer_link(), offer.venture_id,
    )])


def on_offer_expired(offer: Offer) -> None:
    """Both sides: the freelancer did not answer in time."""
    key = f"offer:{offer.id}:expired"
    services.notify([
        services.Message(
            offer.freelancer, Kind.OFFER, Side.FREELANCER, key,
            f"The offer “{offer.title}” from {offer.venture.name} has expired",
            "It can no longer be accepted.", w.freelancer_link(), offer.venture_id,
        ),
        services.Message(
            offer.sent_by, Kind.OFFER, Side.VENTURE, key,
            f"Your offer “{offer.title}” to {w.name(offer.freelancer)} expired unanswered",
            "The role is open again: send the offer to someone else.",
            w.venture_link(offer), offer.venture_id,
        ),
    ])


def _completed(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    """Both sides: the contract is over; each may now review the other once."""
    key = f"contract:{contract.id}:completed"
    title = f"“{contract.title}” is completed: leave a review"
    body = "Each side reviews the other once; the review joins the verified work record."
    return [
        _to_freelancer(contract, Kind.PAYMENT, key, title, body),
        *_to_venture(contract, [contract.offer.sent_by], Kind.PAYMENT, key, title, body),
    ]


def _offer_accepted(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    offer = contract.offer
    return _to_venture(
        contract, [offer.sent_by], Kind.OFFER, f"offer:{offer.id}:accepted",
        f"{w.name(contract.freelancer)} accepted your offer “{offer.title}”",
        "The contract is open: fund the first milestone so the work can start.",
    )


# Milestones


def _funded(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item, person = entry.milestone, contract.freelancer
    held = Money(item.milestone.amount_minor, contract.currency)
    pay = w.estimate(held, contract.pay_currency, person)
    return [_to_freelancer(
        contract, Kind.FUNDING, f"milestone:{item.id}:funded",
        f"{w.milestone_title(item)} is funded: you may start",
        f"{contract.venture.name} put {w.amount(held, person)} ({pay}) in escrow for "
        f"{w.milestone_title(item)} on {contract.title}.",
    )]


def _submitted(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item = entry.milestone
    if item.auto_release_at is None:  # not waiting for an answer (an hourly week's booking)
        return []
    due = item.auto_release_at.astimezone(UTC)
    body = (
        f"Accept it or ask for changes by {due:%d %b %Y %H:%M} UTC; after that it is "
        f"released to {w.name(contract.freelancer)} automatically."
    )
    if entry.note:
        body = f"“{entry.note[:500]}”\n\n{body}"
    _warn_later(item)
    return _to_venture(
        contract, w.managers(contract.venture_id), Kind.SUBMISSION,
        f"milestone:{item.id}:submitted:{entry.id}",
        f"{w.name(contract.freelancer)} submitted {w.milestone_title(item)}", body,
    )


def _warn_later(item: ContractMilestone) -> None:
    from bornglobal.notifications import tasks

    at = item.auto_release_at
    transaction.on_commit(lambda: tasks.schedule_warning(item.id, at), robust=True)


def _changes(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item = entry.milestone
    return [_to_freelancer(
        contract, Kind.SUBMISSION, f"milestone:{item.id}:changes:{entry.id}",
        f"{contract.venture.name} asked for changes on {w.milestone_title(item)}",
        (entry.note or "See the contract for what to change.")[:1000],
    )]


def _paid_line(contract: Contract, item: ContractMilestone) -> str:
    paid = w.last_payment(item)
    return f"you were paid {w.amount(paid, contract.freelancer)}" if paid else "it was paid"


def _paid(title: str, key: str) -> Callable[..., Messages]:
    def write(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
        item = entry.milestone
        text = title.format(m=w.milestone_title(item), paid=_paid_line(contract, item),
                            week=after.get("week", ""))
        ref = f"{key.format(m=item.id, c=contract.id, e=entry.id, week=after.get('week', ''))}"
        return [_to_freelancer(
            contract, Kind.PAYMENT, ref, text, f"{contract.title} for {contract.venture.name}.",
        )]

    return write


def _auto_released(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item = entry.milestone
    told = _paid("{m} was released automatically: {paid}", "milestone:{m}:auto_released")
    gross = after.get("gross", "")
    return told(contract, entry, after) + _to_venture(
        contract, w.managers(contract.venture_id), Kind.PAYMENT,
        f"milestone:{item.id}:auto_released",
        f"{w.milestone_title(item)} was released automatically to "
        f"{w.name(contract.freelancer)}",
        f"Nobody answered the submission in time, so {gross} left the escrow of "
        f"{contract.title}.",
    )


# Disputes


def _both_sides(contract: Contract, item: ContractMilestone, key: str,
                titles: tuple[str, str], body: str, actor: User | None) -> Messages:
    """The freelancer and the venture's money people, except whoever did it."""
    freelancer_title, venture_title = titles
    kind, people = Kind.DISPUTE, w.managers(contract.venture_id)
    told = [_to_freelancer(contract, kind, key, freelancer_title, body)]
    told += _to_venture(contract, people, kind, key, venture_title, body)
    actor_id = actor.id if actor else None
    page = w.dispute_link(item)
    return [
        replace(message, link=page or message.link)
        for message in told
        if message.recipient.id != actor_id
    ]


def _disputed(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item, m = entry.milestone, w.milestone_title(entry.milestone)
    by = w.name(entry.actor)
    due = after.get("evidence_due", "")[:16].replace("T", " ")
    body = f"Reason: “{entry.note[:500]}”\n\nAdd your evidence by {due} UTC; the escrow is frozen."
    return _both_sides(
        contract, item, f"milestone:{item.id}:disputed:{entry.id}",
        (f"{by} disputed {m}", f"{by} disputed {m}"), body, entry.actor,
    )


def _evidence(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    m = w.milestone_title(entry.milestone)
    title = f"New evidence in the dispute over {m}"
    body = f"{w.name(entry.actor)} added: “{entry.note[:500]}”"
    return _both_sides(contract, entry.milestone, f"dispute-evidence:{entry.id}",
                       (title, title), body, entry.actor)


def _resolved(contract: Contract, entry: ContractEvent, after: dict) -> Messages:
    item, m = entry.milestone, w.milestone_title(entry.milestone)
    paid = parse_money(after["paid"]) if after.get("paid") else None
    to_freelancer = (
        f"The dispute over {m} is resolved: {_paid_line(contract, item)}"
        if paid and paid.is_positive else f"The dispute over {m} is resolved: nothing was paid"
    )
    to_venture = (
        f"The dispute over {m} is resolved: {after.get('paid', '')} to "
        f"{w.name(contract.freelancer)}, {after.get('refunded', '')} back to the venture"
    )
    body = entry.note[:1000] or f"{contract.title} for {contract.venture.name}."
    return _both_sides(contract, item, f"milestone:{item.id}:resolved",
                       (to_freelancer, to_venture), body, entry.actor)


HANDLERS: dict[str, Callable[[Contract, ContractEvent, dict], Messages]] = {
    "offer_accepted": _offer_accepted,
    "contract_completed": _completed,
    "milestone_funded": _funded,
    "deliverable_submitted": _submitted,
    "changes_requested": _changes,
    "milestone_accepted": _paid("{m} was accepted: {paid}", "milestone:{m}:accepted"),
    "part_released": _paid("Part of {m} was released: {paid}", "milestone:{m}:part:{e}"),
    "timesheet_week_approved": _paid(
        "Your week of {week} was approved: {paid}", "contract:{c}:week:{week}:approved"
    ),
    "milestone_auto_released": _auto_released,
    "milestone_disputed": _disputed,
    "dispute_evidence_added": _evidence,
    "milestone_dispute_resolved": _resolved,
}


# An hourly week is paid by approving its timesheet: the week's milestone is submitted
# and accepted (or part released) in the same step, and `timesheet_week_approved` says it.
WEEK_BOOKINGS = {"deliverable_submitted", "milestone_accepted", "part_released"}
CONTRACT_WIDE = {"offer_accepted", "contract_completed"}


def on_contract_event(contract: Contract, entry: ContractEvent, after: dict[str, Any]) -> None:
    """Tell the people an event concerns (called by `work.timeline.record`)."""
    handler = HANDLERS.get(entry.name)
    hourly = contract.contract_type == ContractType.HOURLY
    if handler is None or (hourly and entry.name in WEEK_BOOKINGS):
        return
    if entry.milestone_id is None and entry.name not in CONTRACT_WIDE:
        return  # every other handled event is about one milestone
    told = handler(contract, entry, after or {})
    services.notify([m for m in told if m.recipient.id != entry.actor_id])
