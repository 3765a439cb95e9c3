"""The "Assemble a team" and "Team clock" pages.

Proposing and sending offers are jobs: the page posts, comes back with `?job=` and
shows the job's progress, then its result. In these tests the worker is the immediate
backend, which runs a job when the request's transaction commits.
"""

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


def _run(client, capture, url, form):
    """Post a form that starts a job, let the worker run it, and answer the page after."""
    with capture(execute=True):
        started = client.post(url, form)
    assert started.status_code == 302, started.content
    return client.get(started["Location"])


def _propose(client, kestrel, capture, **form):
    return _run(client, capture, _url(kestrel, "assemble/propose/"), form).content.decode()


def test_the_assemble_page_starts_a_proposal_job_and_shows_its_progress(client, kestrel):
    # given a role needing Python and a listed person
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    # when the founder opens the page, then it offers "Propose" and computes nothing yet
    page = client.get(_url(kestrel, "assemble/")).content.decode()
    assert "Propose" in page and "Bea" not in page
    # when she presses "Propose" (no worker has run the job yet)
    started = client.post(_url(kestrel, "assemble/propose/"), {"hours_utc": "9-15"})
    page = client.get(started["Location"]).content.decode()
    # then the page shows the queued job, polled every second by htmx
    assert "job=" in started["Location"] and "hours_utc=9-15" in started["Location"]
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    assert 'data-status="queued"' in page and "/jobs/" in page


def test_the_assemble_page_shows_the_team_cost_chart_and_alternatives(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given a role needing Python and two listed people
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    listed("Ana", 4_500)
    client.force_login(kestrel["founder"])
    # when the founder proposes for UTC hours 9-15 and the worker runs the job
    page = _propose(client, kestrel, django_capture_on_commit_callbacks, hours_utc="9-15")
    # then the proposal, the chart, the alternative and the send button are there
    assert 'data-status="succeeded"' in page and 'hx-trigger="every 1s"' not in page
    assert "Bea" in page and "Ana" in page
    assert "€3,200.00" in page
    assert "<svg" in page
    assert "Send offers" in page


def test_the_assemble_page_shows_why_there_is_no_team(
    client, kestrel, django_capture_on_commit_callbacks
):
    needs_python(kestrel["role"])
    client.force_login(kestrel["founder"])
    page = _propose(client, kestrel, django_capture_on_commit_callbacks)
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


def test_send_offers_from_the_page(client, kestrel, django_capture_on_commit_callbacks):
    # given a proposal shown to the founder
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    capture = django_capture_on_commit_callbacks
    shown = _shown_form(_propose(client, kestrel, capture))
    # when she presses "Send offers" and the job runs
    page = _run(client, capture, _url(kestrel, "assemble/offers/"), shown).content.decode()
    # then the page says so and links to the board, and the offer to the person shown exists
    assert "1 offer sent." in page and _url(kestrel) in page
    offer = Offer.objects.get(project=kestrel["project"], state="sent")
    assert offer.freelancer.full_name == "Bea"


def test_send_offers_refuses_when_the_team_changed_since_the_page_was_drawn(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given the page showing Bea at 40 EUR an hour
    needs_python(kestrel["role"])
    bea = listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    capture = django_capture_on_commit_callbacks
    shown = _shown_form(_propose(client, kestrel, capture))
    # when Bea raises her rate before the founder presses "Send offers"
    bea.rate_minor = 4_500
    bea.save()
    page = _run(client, capture, _url(kestrel, "assemble/offers/"), shown).content.decode()
    # then nothing is sent and the founder is told what changed
    assert not Offer.objects.exists()
    assert "The team changed since the page was drawn" in page
    assert "Bea now costs €3,600.00 instead of €3,200.00" in page


def test_send_offers_refuses_a_person_already_offered(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given the page drawn, and then an offer sent to Bea from elsewhere
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    capture = django_capture_on_commit_callbacks
    shown = _shown_form(_propose(client, kestrel, capture))
    _run(client, capture, _url(kestrel, "assemble/offers/"), shown)
    # when the founder presses "Send offers" again on the old page
    page = _run(client, capture, _url(kestrel, "assemble/offers/"), shown).content.decode()
    # then no second offer exists and the page says why
    assert Offer.objects.count() == 1
    assert "Bea already has an open offer on the project" in page


def test_a_double_click_on_send_offers_starts_one_job(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given the proposal with its "Send offers" form (one idempotency key per drawing)
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    page = _propose(client, kestrel, django_capture_on_commit_callbacks)
    form = page[page.index('assemble/offers/"') :]
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form).group(1)
    shown = {**_shown_form(page), "idempotency_key": key}
    # when the form is posted twice
    first = client.post(_url(kestrel, "assemble/offers/"), shown)
    second = client.post(_url(kestrel, "assemble/offers/"), shown)
    # then both answers show the same job
    assert first["Location"] == second["Location"]


def test_a_role_needing_two_people_shows_both_seats(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given a role needing two people and three listed people
    kestrel["role"].count = 2
    kestrel["role"].save()
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    listed("Ana", 4_500)
    listed("Caio", 5_000)
    client.force_login(kestrel["founder"])
    # when the founder proposes and sends the offers
    capture = django_capture_on_commit_callbacks
    page = _propose(client, kestrel, capture)
    shown = _shown_form(page)
    _run(client, capture, _url(kestrel, "assemble/offers/"), shown)
    # then both seats are shown, the two cheapest, and both get an offer
    assert "(1 of 2)" in page and "(2 of 2)" in page
    assert len(shown["seat"]) == 2
    names = {o.freelancer.full_name for o in Offer.objects.all()}
    assert names == {"Bea", "Ana"}


def test_coverage_is_for_a_day_the_people_work(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given a project starting on a Saturday and people working Monday to Friday
    project = kestrel["project"]
    project.starts_on = date(2026, 6, 20)
    project.ends_on = date(2026, 7, 31)
    project.save()
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    # when the founder proposes a team
    page = _propose(client, kestrel, django_capture_on_commit_callbacks)
    # then coverage is for the Monday after the start, and the page says why
    assert "Coverage is for <strong>Monday 22 Jun 2026</strong>" in page
    assert "the project&#x27;s start date" in page


def test_another_venture_gets_404_on_the_pages(client, kestrel):
    stranger = UserFactory()
    MembershipFactory(user=stranger, venture=VentureFactory(), role="owner")
    client.force_login(stranger)
    assert client.get(_url(kestrel, "assemble/")).status_code == 404
    assert client.post(_url(kestrel, "assemble/propose/")).status_code == 404
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
