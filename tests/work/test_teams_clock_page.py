"""The team clock page: the round UTC dial, the estimate form and the rota form."""

from datetime import time

from bornglobal.jobs.models import Job
from tests.factories import MembershipFactory, UserFactory
from tests.network.factories import ProfileFactory, WorkPatternFactory
from tests.work.factories import FreelancerFactory, hired


def _url(kestrel):
    return f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/clock/"


def _two_sites(kestrel, priya):
    """Priya in Kolkata 09:00-17:00 and Kenji in Tokyo 09:00-17:00, both under contract."""
    kolkata = WorkPatternFactory(time_zone="Asia/Kolkata", holidays_country="")
    ProfileFactory(user=priya, pattern=kolkata, currency="INR", rate_minor=300_000)
    kenji = FreelancerFactory(full_name="Kenji Sato", email="kenji@example.org")
    tokyo = WorkPatternFactory(
        time_zone="Asia/Tokyo", start=time(9), end=time(17), holidays_country=""
    )
    ProfileFactory(user=kenji, pattern=tokyo, currency="JPY", rate_minor=4_000)
    hired(kestrel["founder"], kestrel["role"], priya)
    hired(kestrel["founder"], kestrel["role"], kenji)


def test_the_dial_has_a_ring_per_person_the_handoff_and_local_times(client, kestrel, priya):
    # given Priya (Kolkata) and Kenji (Tokyo) under contract
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    # when the founder opens the team clock
    page = client.get(_url(kestrel)).content.decode()
    # then the dial has a ring for each, Kenji's handoff to Priya and their local times
    assert 'data-testid="team-dial"' in page
    assert 'data-member="Kenji Sato (Firmware engineer)"' in page
    assert 'data-member="Priya Raghavan (Firmware engineer)"' in page
    assert page.count('data-testid="handoff-mark"') == 2
    assert "08:00 UTC: Kenji Sato (Firmware engineer) → Priya Raghavan" in page
    assert "11:30 UTC: Priya Raghavan (Firmware engineer) → Kenji Sato" in page
    assert "00:00-08:00" in page and "Mon 09:00-17:00" in page
    assert "Asia/Kolkata" in page and 'aria-label="People on the clock today"' in page


def test_the_estimate_form_compares_the_chain_with_the_best_alone(client, kestrel, priya):
    # given two sites under contract
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    # when the founder asks for 40 hours from Monday 00:00 UTC through htmx
    response = client.get(
        _url(kestrel),
        {"effort_hours": "40", "start": "2026-03-02T00:00", "overhead_minutes": "30"},
        headers={"HX-Request": "true"},
    )
    # then only the result comes back: the chain, the best solo and the ratio
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "Chain (" in page and "Alone: " in page
    assert 'data-testid="estimate-ratio">0.' in page


def test_a_bad_estimate_is_a_message_not_an_error(client, kestrel, priya):
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    response = client.get(_url(kestrel), {"effort_hours": "-3", "start": "2026-03-02T00:00"})
    assert response.status_code == 200
    assert "(invalid_effort)" in response.content.decode()


def test_the_rota_form_starts_a_job_and_shows_its_progress_through_htmx(client, kestrel, priya):
    # given two sites under contract
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    # when the founder asks for a rota through htmx (no worker has run the job yet)
    response = client.post(
        _url(kestrel) + "rota/",
        {"week_of": "2026-03-02", "min_people": "1", "hours_utc": "", "time_limit": "5"},
        headers={"HX-Request": "true"},
    )
    # then only the job's fragment comes back, polling its progress every second
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    job = Job.objects.get()
    assert job.kind == "clock_rota" and job.venture_id == kestrel["venture"].id
    assert sorted(p["name"] for p in job.input["people"]) == [
        "Kenji Sato (Firmware engineer)", "Priya Raghavan (Firmware engineer)"
    ]
    assert {p["zone"] for p in job.input["people"]} == {"Asia/Tokyo", "Asia/Kolkata"}


def test_the_rota_job_names_the_uncovered_hours_and_why(
    client, kestrel, priya, django_capture_on_commit_callbacks
):
    # given two sites under contract (16 hours a day on weekdays, nobody at weekends)
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    # when the founder asks for one person on every hour of the week, within 5 seconds,
    # without JavaScript, and the worker runs the job
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            _url(kestrel) + "rota/",
            {"week_of": "2026-03-02", "min_people": "1", "hours_utc": "", "time_limit": "5"},
        )
    response = client.get(started["Location"])
    # then the team clock shows the rota with the hours nobody works named
    page = response.content.decode()
    assert response.status_code == 200
    assert "rota_job=" in started["Location"]
    assert 'aria-label="People rostered per UTC hour"' in page
    assert "nobody works then" in page
    assert "Sat 00:00" in page


def test_a_bad_rota_request_is_a_message_and_no_job(client, kestrel, priya):
    _two_sites(kestrel, priya)
    client.force_login(kestrel["founder"])
    response = client.post(
        _url(kestrel) + "rota/",
        {"week_of": "2026-03-02", "min_people": "two"},
        headers={"HX-Request": "true"},
    )
    plain = client.post(
        _url(kestrel) + "rota/", {"week_of": "2026-03-02", "min_people": "two"}, follow=True
    )
    assert "(invalid_min_people)" in response.content.decode()
    assert "(invalid_min_people)" in plain.content.decode()
    assert not Job.objects.exists()


def test_a_plain_member_may_not_start_a_rota(client, kestrel, priya):
    # given a plain member, who does not see the books and so not the team clock
    _two_sites(kestrel, priya)
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    client.force_login(member)
    # when they post the rota form
    response = client.post(_url(kestrel) + "rota/", {"week_of": "2026-03-02", "min_people": "1"})
    # then it is refused and no job exists
    assert response.status_code == 403
    assert not Job.objects.exists()
