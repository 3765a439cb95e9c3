"""The "Assemble a team" and "Team clock" pages."""

import re
from datetime import date

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


def _shown_form(page: str) -> dict:
    """The hidden fields of the page's "Send offers" form, as the browser would post them."""
    form = page[page.index('assemble/offers/"') :]
    form = form[: form.index("</form>")]
    fields: dict = {"seat": re.findall(r'name="seat" value="([^"]+)"', form)}
    for name in ("hours_utc", "min_people", "on"):
        fields[name] = re.search(rf'name="{name}" value="([^"]*)"', form).group(1)
    return fields


def test_send_offers_from_the_page(client, kestrel):
    # given a proposal shown to the founder
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    shown = _shown_form(client.get(_url(kestrel, "assemble/")).content.decode())
    # when she presses "Send offers"
    response = client.post(_url(kestrel, "assemble/offers/"), shown)
    # then she is back on the board and the offer to the person shown exists
    assert response.status_code == 302
    offer = Offer.objects.get(project=kestrel["project"], state="sent")
    assert offer.freelancer.full_name == "Bea"


def test_send_offers_refuses_when_the_team_changed_since_the_page_was_drawn(client, kestrel):
    # given the page showing Bea at 40 EUR an hour
    needs_python(kestrel["role"])
    bea = listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    shown = _shown_form(client.get(_url(kestrel, "assemble/")).content.decode())
    # when Bea raises her rate before the founder presses "Send offers"
    bea.rate_minor = 4_500
    bea.save()
    response = client.post(_url(kestrel, "assemble/offers/"), shown, follow=True)
    # then nothing is sent and the founder is told what changed
    page = response.content.decode()
    assert not Offer.objects.exists()
    assert "The team changed since the page was drawn" in page
    assert "Bea now costs €3,600.00 instead of €3,200.00" in page


def test_send_offers_refuses_a_person_already_offered(client, kestrel):
    # given the page drawn, and then an offer sent to Bea from elsewhere
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    shown = _shown_form(client.get(_url(kestrel, "assemble/")).content.decode())
    client.post(_url(kestrel, "assemble/offers/"), shown)
    # when the founder presses "Send offers" again on the old page
    response = client.post(_url(kestrel, "assemble/offers/"), shown, follow=True)
    # then no second offer exists and the page says why
    assert Offer.objects.count() == 1
    assert "Bea already has an open offer on the project" in response.content.decode()


def test_a_role_needing_two_people_shows_both_seats(client, kestrel):
    # given a role needing two people and three listed people
    kestrel["role"].count = 2
    kestrel["role"].save()
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    listed("Ana", 4_500)
    listed("Caio", 5_000)
    client.force_login(kestrel["founder"])
    # when the founder opens the page and sends the offers
    page = client.get(_url(kestrel, "assemble/")).content.decode()
    shown = _shown_form(page)
    client.post(_url(kestrel, "assemble/offers/"), shown)
    # then both seats are shown, the two cheapest, and both get an offer
    assert "(1 of 2)" in page and "(2 of 2)" in page
    assert len(shown["seat"]) == 2
    names = {o.freelancer.full_name for o in Offer.objects.all()}
    assert names == {"Bea", "Ana"}


def test_coverage_is_for_a_day_the_people_work(client, kestrel):
    # given a project starting on a Saturday and people working Monday to Friday
    project = kestrel["project"]
    project.starts_on = date(2026, 6, 20)
    project.ends_on = date(2026, 7, 31)
    project.save()
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    # when the founder opens the page
    page = client.get(_url(kestrel, "assemble/")).content.decode()
    # then coverage is for the Monday after the start, and the page says why
    assert "Coverage is for <strong>Monday 22 Jun 2026</strong>" in page
    assert "the project&#x27;s start date" in page


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
