"""Row locks for the work app, always in one order: offer, contract, then contract
milestones by primary key. Money's own locks (escrow milestone, accounts) come after,
inside `money.services`, so a work service never waits in the opposite order. Each
lock is checked against the global order of `money.lock_order`."""

from __future__ import annotations

from bornglobal.money.lock_order import Rank, note
from bornglobal.work.models import Contract, ContractMilestone, Offer


def lock_offer(offer_id: int) -> Offer:
    note(Rank.OFFER, [offer_id])
    return Offer.objects.select_for_update(of=("self",)).select_related("venture").get(id=offer_id)


def lock_contract(contract_id: int) -> Contract:
    note(Rank.CONTRACT, [contract_id])
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("venture", "escrow", "project", "freelancer")
        .get(id=contract_id)
    )


def lock_milestone(contract_milestone_id: int, *, skip_locked: bool = False):
    """The contract and then its milestone, locked; None if another worker holds it
    and `skip_locked` is set."""
    found = ContractMilestone.objects.filter(id=contract_milestone_id).values_list(
        "contract_id", flat=True
    )
    contract_id = found.first()
    if contract_id is None:
        return None
    note(Rank.CONTRACT, [contract_id])
    rows = Contract.objects.select_for_update(of=("self",), skip_locked=skip_locked).filter(
        id=contract_id
    )
    contract = rows.select_related("venture", "escrow", "project", "freelancer").first()
    if contract is None:
        return None
    note(Rank.CONTRACT_MILESTONE, [contract_milestone_id])
    milestone = (
        ContractMilestone.objects.select_for_update(of=("self",))
        .select_related("milestone")
        .get(id=contract_milestone_id)
    )
    milestone.contract = contract
    return milestone
