from bornglobal import demo
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.money import checks
from bornglobal.network.models import Review
from bornglobal.tenancy.models import User
from bornglobal.work.models import (
    Attachment,
    Contract,
    ContractEvent,
    ContractMilestone,
    Offer,
    Project,
)


def test_the_work_demo_has_every_stage_and_the_ledger_check_stays_clean(db):
    # given an empty database
    # when the small demo is loaded
    demo.load(seed=42, size="small")
    # then the ledger check passes with the work projects booked
    assert checks.run() == []
    # and there are projects being staffed, running and closed
    statuses = set(Project.objects.values_list("status", flat=True))
    assert {"staffing", "running", "closed"} <= statuses
    staffing = Project.objects.get(status="staffing")
    assert staffing.roles.count() >= 2
    assert Offer.objects.filter(project=staffing, state="sent").count() >= 2
    # and a running contract has a paid milestone and a submission waiting
    waiting = ContractMilestone.objects.get(state=MilestoneState.SUBMITTED)
    assert waiting.contract.state == ContractState.ACTIVE
    assert waiting.contract.milestones.filter(state=MilestoneState.ACCEPTED).exists()
    report = Attachment.objects.get(milestone=waiting)
    assert report.name == "lora-range-test.csv" and report.file.read().startswith(b"distance_km")
    # and the hourly contract has weeks approved and this week funded
    hourly = Contract.objects.get(contract_type="hourly")
    assert hourly.weeks.count() >= 3
    assert hourly.milestones.filter(state=MilestoneState.FUNDED).exists() or (
        hourly.milestones.filter(state=MilestoneState.IN_PROGRESS).exists()
    )
    assert ContractMilestone.objects.filter(state=MilestoneState.FUNDED).exists() or (
        ContractMilestone.objects.filter(state=MilestoneState.IN_PROGRESS).exists()
    )
    # and one contract is in dispute with evidence from both sides
    disputed = Contract.objects.get(state=ContractState.DISPUTED)
    evidence = ContractEvent.objects.filter(contract=disputed, name="dispute_evidence_added")
    assert {e.actor_id for e in evidence} == {disputed.freelancer_id, disputed.offer.sent_by_id}
    # and the closed project's contracts are all completed and reviewed both ways
    closed = Project.objects.get(status="closed")
    contract = Contract.objects.get(project=closed)
    assert contract.state == ContractState.COMPLETED
    assert Review.objects.filter(contract=contract.escrow).count() == 2
    # and the freelancers live on at least three continents
    people = User.objects.filter(work_contracts__isnull=False).distinct()
    zones = {zone.split("/")[0] for zone in people.values_list("time_zone", flat=True)}
    assert len(zones) >= 3
