"""The contract page: terms, milestones, timeline, and the reviews once it is completed."""

from bornglobal.network.models import Review
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones
from tests.work.factories import FreelancerFactory, hired


def _completed(kestrel, priya):
    """A one-milestone contract funded, submitted and accepted."""
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("800.00",))
    item = contract.milestones.first()
    milestones.fund(founder, venture_id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Done")
    milestones.accept(founder, venture_id, item.id, "accept-1")
    return contract


def test_both_sides_see_the_terms_and_the_timeline(client, kestrel, priya):
    # given an accepted offer with a funded milestone
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.first()
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    # when the founder and then the freelancer open the contract page
    client.force_login(kestrel["founder"])
    theirs = client.get(f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/")
    client.force_login(priya)
    mine = client.get(f"/me/work/contracts/{contract.id}/")
    # then each sees the terms, the milestones and the timeline's lines
    for page in (theirs, mine):
        text = page.content.decode()
        assert page.status_code == 200
        assert "auto-release after 14 days" in text and "Part 1" in text
        assert "Offer accepted" in text and "Milestone funded" in text
    assert "Open a dispute" in mine.content.decode()


def test_a_stranger_sees_no_contract(client, kestrel, priya, other_founder, other_venture):
    # given a contract, another freelancer and another venture's founder
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    stranger = FreelancerFactory()
    # when they try the contract's pages
    client.force_login(stranger)
    as_freelancer = client.get(f"/me/work/contracts/{contract.id}/").status_code
    client.force_login(other_founder)
    as_venture = [
        client.get(f"/ventures/{other_venture.id}/work/contracts/{contract.id}/").status_code,
        client.get(f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/").status_code,
    ]
    # then it does not exist for them
    assert (as_freelancer, as_venture) == (404, [404, 404])


def test_each_side_reviews_a_completed_contract_once_from_its_page(client, kestrel, priya):
    # given a completed contract
    contract = _completed(kestrel, priya)
    page_url = f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/"
    client.force_login(kestrel["founder"])
    assert "Send review" in client.get(page_url).content.decode()
    # when the founder sends her review with the form on the page (the network's review view)
    client.post(f"/network/reviews/{contract.escrow_id}/", {"stars": "5", "text": "Great"})
    # and the freelancer sends hers
    client.force_login(priya)
    client.post(f"/network/reviews/{contract.escrow_id}/", {"stars": "4", "text": "Clear"})
    # then there is one review each way, shown on the page without a form any more
    directions = sorted(Review.objects.filter(contract_id=contract.escrow_id)
                        .values_list("direction", flat=True))
    assert directions == ["of_client", "of_freelancer"]
    mine = client.get(f"/me/work/contracts/{contract.id}/").content.decode()
    assert "Send review" not in mine and "Great" in mine and "Clear" in mine
    # and a second review is refused
    again = client.post(f"/network/reviews/{contract.escrow_id}/", {"stars": "1"})
    assert again.status_code in (302, 404)
    assert Review.objects.filter(contract_id=contract.escrow_id).count() == 2
