"""The pages that create a project, add a role and send an offer by hand."""

from bornglobal.work.models import Offer, Project, Role
from tests.work.assemble_fixtures import PYTHON


def test_the_founder_creates_a_project_through_the_form(client, kestrel):
    # given the founder on the new project page
    venture = kestrel["venture"]
    client.force_login(kestrel["founder"])
    assert client.get(f"/ventures/{venture.id}/work/projects/new/").status_code == 200
    # when she fills in a title, a brief, a budget in EUR and dates
    response = client.post(
        f"/ventures/{venture.id}/work/projects/new/",
        {"title": "Sensor kit", "brief": "Ship it.", "budget": "5000.00",
         "starts_on": "2026-07-01", "ends_on": "2026-09-30"},
    )
    # then the project exists with its budget in minor units, and she lands on its board
    project = Project.objects.get(title="Sensor kit")
    assert (project.budget_minor, project.budget_currency) == (500_000, "EUR")
    assert response.status_code == 302 and response.url.endswith(f"/projects/{project.id}/")


def test_a_bad_project_is_shown_on_the_form_not_a_500(client, kestrel):
    # given the founder
    client.force_login(kestrel["founder"])
    url = f"/ventures/{kestrel['venture'].id}/work/projects/new/"
    # when the budget is not an amount, or the project ends before it starts
    bad_amount = client.post(url, {"title": "X", "budget": "lots"})
    bad_dates = client.post(url, {"title": "X", "budget": "10.00", "starts_on": "2026-07-02",
                                  "ends_on": "2026-07-01"})
    huge = client.post(url, {"title": "X", "budget": "9" * 20})
    # then each comes back as a 400 with the reason, and nothing is created
    assert huge.status_code == 400 and "too large" in huge.content.decode()
    assert bad_amount.status_code == 400 and "amount in EUR" in bad_amount.content.decode()
    assert bad_dates.status_code == 400 and "invalid_dates" in bad_dates.content.decode()
    assert not Project.objects.filter(title="X").exists()


def test_the_founder_adds_a_role_with_esco_skills(client, kestrel):
    # given the founder on the project's new role page
    venture, project = kestrel["venture"], kestrel["project"]
    client.force_login(kestrel["founder"])
    url = f"/ventures/{venture.id}/work/projects/{project.id}/roles/new/"
    assert 'list="skill-options"' in client.get(url).content.decode()
    # when she adds a role for two people needing Python at level 4
    response = client.post(url, {"title": "Backend", "hours": "120", "count": "2",
                                 "rate_ceiling": "55.00", "skill_1": PYTHON.lower(),
                                 "level_1": "4", "level_2": "3", "level_3": "3"})
    # then the role has its count, ceiling and skill
    role = Role.objects.get(title="Backend")
    assert response.status_code == 302
    assert (role.count, role.rate_ceiling_minor) == (2, 5_500)
    assert [(s.skill.label, s.level) for s in role.skills.all()] == [(PYTHON, 4)]


def test_an_unknown_skill_is_refused_on_the_form(client, kestrel):
    client.force_login(kestrel["founder"])
    url = f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/roles/new/"
    response = client.post(url, {"title": "Backend", "hours": "10", "count": "1",
                                 "skill_1": "Underwater basket weaving", "level_1": "3",
                                 "level_2": "3", "level_3": "3"})
    assert response.status_code == 400 and "not an ESCO skill" in response.content.decode()
    assert not Role.objects.filter(title="Backend").exists()


def test_the_skill_box_suggests_esco_labels(client, kestrel):
    client.force_login(kestrel["founder"])
    options = client.get("/work/skill-options/", {"skill_1": "python"}).content.decode()
    assert PYTHON in options


def _offer(role, email, **changes):
    fields = {"role": role.id, "freelancer_email": email, "title": "Port", "type": "fixed",
              "milestone_1_title": "Prototype", "milestone_1_amount": "800.00",
              "auto_release_days": "7", "dispute_window_days": "10",
              "invoicing": "self_billing"}
    return fields | changes


def test_the_founder_sends_a_fixed_offer_by_hand(client, kestrel, priya):
    # given the founder on the send offer page
    venture, project = kestrel["venture"], kestrel["project"]
    client.force_login(kestrel["founder"])
    url = f"/ventures/{venture.id}/work/projects/{project.id}/offers/new/"
    assert client.get(url).status_code == 200
    # when she sends a fixed offer with one milestone to the freelancer's email
    response = client.post(url, _offer(kestrel["role"], priya.email))
    # then the offer is sent with the terms she chose, paid in the freelancer's currency
    offer = Offer.objects.get(freelancer=priya)
    assert response.status_code == 302 and offer.state == "sent"
    assert (offer.auto_release_days, offer.dispute_window_days) == (7, 10)
    assert offer.invoicing_mode == "self_billing" and offer.pay_currency == "INR"
    assert offer.milestones[0]["amount_minor"] == 80_000


def test_an_hourly_offer_above_the_ceiling_is_refused_on_the_form(client, kestrel, priya):
    # given a role whose ceiling is 60.00 EUR an hour
    client.force_login(kestrel["founder"])
    url = f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/offers/new/"
    # when the founder offers 75.00 an hour, then 40.00 with a 10-hour cap
    high = client.post(url, _offer(kestrel["role"], priya.email, type="hourly",
                                   hourly_rate="75.00", weekly_cap_hours="10"))
    ok = client.post(url, _offer(kestrel["role"], priya.email, type="hourly",
                                 hourly_rate="40.00", weekly_cap_hours="10", pay_currency="eur"))
    # then the first is refused on the page, the second sent
    assert high.status_code == 400 and "rate_above_ceiling" in high.content.decode()
    offer = Offer.objects.get(freelancer=priya)
    assert ok.status_code == 302
    assert (offer.hourly_rate_minor, offer.weekly_cap_hours, offer.pay_currency) == (4_000, 10,
                                                                                      "EUR")


def test_an_unknown_freelancer_is_a_message_not_an_error(client, kestrel):
    client.force_login(kestrel["founder"])
    url = f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/offers/new/"
    response = client.post(url, _offer(kestrel["role"], "nobody@example.org"))
    assert response.status_code == 400 and "freelancer_not_found" in response.content.decode()


def test_another_venture_cannot_reach_the_forms(client, kestrel, other_founder):
    # given a founder of another venture
    client.force_login(other_founder)
    venture, project = kestrel["venture"], kestrel["project"]
    base = f"/ventures/{venture.id}/work/projects/"
    # when they open or post the forms of this venture
    answers = [
        client.get(f"{base}new/").status_code,
        client.post(f"{base}new/", {"title": "Mine", "budget": "1.00"}).status_code,
        client.get(f"{base}{project.id}/roles/new/").status_code,
        client.get(f"{base}{project.id}/offers/new/").status_code,
    ]
    # then nothing of it exists for them
    assert answers == [404, 404, 404, 404]
    assert not Project.objects.filter(title="Mine").exists()


def test_the_founder_withdraws_an_open_offer_from_the_board(client, kestrel, priya, other_founder):
    # given an offer sent by hand, and the founder on the board
    venture, project = kestrel["venture"], kestrel["project"]
    client.force_login(kestrel["founder"])
    client.post(f"/ventures/{venture.id}/work/projects/{project.id}/offers/new/",
                _offer(kestrel["role"], priya.email))
    offer = Offer.objects.get(freelancer=priya)
    board = client.get(f"/ventures/{venture.id}/work/projects/{project.id}/").content.decode()
    assert "Withdraw" in board
    url = f"/ventures/{venture.id}/work/offers/{offer.id}/withdraw/"
    # when another venture's founder tries, then she does, then she clicks again
    client.force_login(other_founder)
    stranger = client.post(url)
    client.force_login(kestrel["founder"])
    first = client.post(url, follow=True)
    again = client.post(url, follow=True)
    # then the stranger gets a 404, the offer is withdrawn, and the repeat is a message
    offer.refresh_from_db()
    assert stranger.status_code == 404 and offer.state == "withdrawn"
    assert "is withdrawn" in first.content.decode()
    assert again.status_code == 200 and "(illegal_transition)" in again.content.decode()
