"""The dispute page: either side opens it and adds evidence, a mediator resolves it."""

from datetime import timedelta

from bornglobal import clock
from bornglobal.money import checks
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones
from bornglobal.work.models import ContractMilestone
from tests.work.factories import MONDAY, FreelancerFactory, hired


def _submitted(kestrel, priya):
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("900.00",))
    item = contract.milestones.first()
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Done")
    return contract, item


def test_a_dispute_from_opening_to_a_split(client, kestrel, priya):
    # given a submitted milestone, and the freelancer on its dispute page
    _, item = _submitted(kestrel, priya)
    url = f"/work/disputes/{item.id}/"
    client.force_login(priya)
    assert "Open dispute" in client.get(url).content.decode()
    # when she opens a dispute and adds evidence
    client.post(f"{url}open/", {"reason": "No answer for three weeks"})
    client.post(f"{url}evidence/", {"note": "Delivery link sent on 15 June"})
    page = client.get(url).content.decode()
    assert "Add evidence" in page and "Resolve dispute" not in page
    # and the founder adds hers and resolves it with 600.00 EUR to the freelancer
    client.force_login(kestrel["founder"])
    client.post(f"{url}evidence/", {"note": "Two of three boards work"})
    for _ in range(2):  # a double click pays once
        client.post(f"{url}resolve/", {"payee_share": "600.00", "note": "Two thirds",
                                       "key": "resolve-1"})
    # then the milestone is resolved, the timeline shows every step, and the ledger balances
    item = ContractMilestone.objects.select_related("milestone").get(id=item.id)
    assert item.state == "resolved" and item.milestone.released_minor == 60_000
    page = client.get(url).content.decode()
    for line in ("Milestone disputed", "Dispute evidence added", "Milestone dispute resolved",
                 "No answer for three weeks", "Two of three boards work", "Two thirds",
                 "refunded to the venture €300.00"):
        assert line in page
    assert checks.run(kestrel["venture"].id) == []


def test_refusals_are_messages(client, kestrel, priya):
    # given a submitted milestone disputed by the founder
    _, item = _submitted(kestrel, priya)
    url = f"/work/disputes/{item.id}/"
    client.force_login(kestrel["founder"])
    client.post(f"{url}open/", {"reason": "Late"})
    # when the share is more than is held, not an amount, or evidence comes too late
    too_much = client.post(f"{url}resolve/", {"payee_share": "5000.00", "key": "r"}, follow=True)
    garbage = client.post(f"{url}resolve/", {"payee_share": "lots", "key": "r"}, follow=True)
    with clock.travel_to(MONDAY + timedelta(days=30)):
        late = client.post(f"{url}evidence/", {"note": "More"}, follow=True)
    # then each is a message on the page and the milestone is still disputed
    assert [r.status_code for r in (too_much, garbage, late)] == [200, 200, 200]
    assert "invalid_amount" in garbage.content.decode()
    assert "evidence_window_closed" in late.content.decode()
    assert ContractMilestone.objects.get(id=item.id).state == "disputed"


def test_the_freelancer_cannot_resolve_and_strangers_see_nothing(client, kestrel, priya,
                                                                  other_founder):
    _, item = _submitted(kestrel, priya)
    url = f"/work/disputes/{item.id}/"
    client.force_login(priya)
    client.post(f"{url}open/", {"reason": "Late"})
    refused = client.post(f"{url}resolve/", {"payee_share": "900.00", "key": "r"}, follow=True)
    assert "conflict_of_interest" in refused.content.decode()
    for stranger in (other_founder, FreelancerFactory()):
        client.force_login(stranger)
        answers = [client.get(url).status_code,
                   client.post(f"{url}evidence/", {"note": "x"}).status_code]
        assert answers == [404, 404]
    assert ContractMilestone.objects.get(id=item.id).state == "disputed"
