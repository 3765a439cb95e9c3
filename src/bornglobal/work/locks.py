"""Row locks for the work app, always in one order: offer, contract, then contract
milestones by primary key. Money's own locks (escrow milestone, accounts) come after,
inside `money.services`, so a work service never waits in the opposite order."""

from __future__ import annotations

from bornglobal.work.models import Contract, ContractMilestone, Offer


def lock_offer(offer_id: int) -> Offer:
    return Offer.objects.select_for_update(of=("self",)).select_related("venture").get(id=offer_id)


def lock_contract(contract_id: int) -> Contract:
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
    rows = Contract.objects.select_for_update(of=("self",), skip_locked=skip_locked).filter(
        id=contract_id
    )
    contract = rows.select_related("venture", "escrow", "project", "freelancer").first()
    if contract is None:
        return None
    milestone = (
        ContractMilestone.objects.select_for_update(of=("self",))
        .select_related("milestone")
        .get(id=contract_milestone_id)
    )
    milestone.contract = contract
    return milestone
