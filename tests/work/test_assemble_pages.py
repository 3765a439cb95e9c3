"""The "Assemble a team" and "Team clock" pages."""

from bornglobal.work.models import Offer
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.network.factories import ProfileFactory, WorkPatternFactory
from tests.work.assemble_fixtures import listed, needs_python
from tests.work.factories import hired


def _url(kestrel, tail=""):
    return f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/{tail}"


def test_the_board_links_to_assemble_and_the_team_clock(client, kestrel):
    client.force_login(kestrel["founder"])
    page = client.get(_url(kestrel)).content.decode()
    assert _url(kestrel, "assemble/") in page
    assert _url(kestrel, "clock/") in page


def test_the_assemble_page_shows_the_team_cost_chart_and_alternatives(client, kestrel):
    # given a role needing Python and two listed people
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    listed("Ana", 4_500)
    client.force_login(kestrel["founder"])
    # when the founder opens the page asking for UTC hours 9-15
    response = client.get(_url(kestrel, "assemble/"), {"hours_utc": "9-15"})
    # then the proposal, the chart, the alternative and the send button are there
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bea" in page and "Ana" in page
    assert "€3,200.00" in page
    assert "<svg" in page
    assert "Send offers" in page


def test_the_assemble_page_shows_why_there_is_no_team(client, kestrel):
    needs_python(kestrel["role"])
    client.force_login(kestrel["founder"])
    page = client.get(_url(kestrel, "assemble/")).content.decode()
    assert "No team." in page
    assert "Firmware engineer" in page


def test_send_offers_from_the_page(client, kestrel):
    # given a proposal
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    # when the founder presses "Send offers"
    response = client.post(_url(kestrel, "assemble/offers/"), {"hours_utc": "", "min_people": "1"})
    # then she is back on the board and the offer exists
    assert response.status_code == 302
    assert Offer.objects.filter(project=kestrel["project"], state="sent").count() == 1


def test_another_venture_gets_404_on_the_pages(client, kestrel):
    stranger = UserFactory()
    MembershipFactory(user=stranger, venture=VentureFactory(), role="owner")
    client.force_login(stranger)
    assert client.get(_url(kestrel, "assemble/")).status_code == 404
    assert client.post(_url(kestrel, "assemble/offers/")).status_code == 404
    assert client.get(_url(kestrel, "clock/")).status_code == 404
    assert not Offer.objects.exists()


def test_the_team_clock_shows_the_chain_and_the_gaps(client, kestrel, priya):
    # given Priya (Kolkata) under contract, with a working pattern on her profile
    pattern = WorkPatternFactory(time_zone="Asia/Kolkata", holidays_country="")
    ProfileFactory(user=priya, pattern=pattern, currency="INR", rate_minor=300_000)
    hired(kestrel["founder"], kestrel["role"], priya)
    client.force_login(kestrel["founder"])
    # when the founder opens the team clock (a Monday)
    response = client.get(_url(kestrel, "clock/"))
    # then Priya's day is on the chart and the rest of the day is a gap
    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya Raghavan" in page
    assert "nobody on" in page
    assert "<svg" in page
