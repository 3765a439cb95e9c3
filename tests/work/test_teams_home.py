"""The Teams page: projects with their teams on the clock, and the "Solve an instance" tool."""

import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from bornglobal.jobs.models import Job
from bornglobal.work.views_teams import EXAMPLE
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.network.factories import ProfileFactory, WorkPatternFactory
from tests.work.factories import hired


def _url(kestrel, tail=""):
    return f"/ventures/{kestrel['venture'].id}/teams/{tail}"


def test_the_teams_page_lists_each_project_with_its_team_and_local_time(client, kestrel, priya):
    # given Priya (Kolkata) under contract on the project
    pattern = WorkPatternFactory(time_zone="Asia/Kolkata", holidays_country="")
    ProfileFactory(user=priya, pattern=pattern, currency="INR", rate_minor=300_000)
    hired(kestrel["founder"], kestrel["role"], priya)
    client.force_login(kestrel["founder"])
    # when the founder opens Teams (Monday 09:00 UTC)
    page = client.get(_url(kestrel)).content.decode()
    # then the project, its status, Priya with her zone and local time, and the links show
    assert "Drone firmware" in page
    kestrel["project"].refresh_from_db()
    assert f"badge-state-{kestrel['project'].status}" in page
    assert "Priya Raghavan (Firmware engineer)" in page
    assert "Asia/Kolkata" in page and "now Mon 14:30" in page
    assert "1 of 1 seat under contract" in page
    p = kestrel["project"].id
    assert f"/work/projects/{p}/assemble/" in page and f"/work/projects/{p}/clock/" in page
    # and the navigation marks Teams as the current capability
    nav = re.search(r'<a [^>]*data-capability="teams"[^>]*>', page).group(0)
    assert 'aria-current="page"' in nav and "Solve a team instance" in page


def _solve(client, kestrel, capture, form):
    """Post the solve form, let the worker run the job, and answer the page it leads to."""
    with capture(execute=True):
        started = client.post(_url(kestrel, "solve/"), form)
    assert started.status_code == 302, started.content
    assert "?job=" in started["Location"]
    return client.get(started["Location"])


def test_solving_starts_a_job_and_the_page_polls_its_progress(client, kestrel):
    # given the founder on the Teams page
    client.force_login(kestrel["founder"])
    # when she solves the example instance (no worker has run the job yet)
    started = client.post(
        _url(kestrel, "solve/"), {"instance": json.dumps(EXAMPLE), "time_limit": "5"}
    )
    page = client.get(started["Location"]).content.decode()
    # then the page shows the queued job with a progress bar that htmx polls every second,
    # a link to the job's own page for browsers without JavaScript, and her instance
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    assert re.search(r'hx-get="/jobs/\d+/progress/"', page)
    assert re.search(r'href="/jobs/\d+/"', page)
    assert "Asia/Kolkata" in page


def test_solving_the_example_instance_shows_the_team(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given the founder on the Teams page
    client.force_login(kestrel["founder"])
    # when she solves the example instance pasted in the form, and the worker runs it
    response = _solve(
        client,
        kestrel,
        django_capture_on_commit_callbacks,
        {"instance": json.dumps(EXAMPLE), "time_limit": "5"},
    )
    # then the solver's team, its cost and the JSON output are shown
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="solve-status">optimal<' in page
    assert "priya" in page and "pat" in page
    assert "&quot;lower_bound_minor&quot;" in page


def test_an_uploaded_instance_is_solved_too(client, kestrel, django_capture_on_commit_callbacks):
    client.force_login(kestrel["founder"])
    upload = SimpleUploadedFile("team.json", json.dumps(EXAMPLE).encode(), "application/json")
    form = {"file": upload, "instance": ""}
    response = _solve(client, kestrel, django_capture_on_commit_callbacks, form)
    assert 'data-testid="solve-status">optimal<' in response.content.decode()


def test_a_bad_instance_is_a_coded_message_not_an_error(client, kestrel):
    # given an instance whose candidate has an unknown zone
    client.force_login(kestrel["founder"])
    bad = json.loads(json.dumps(EXAMPLE))
    bad["candidates"][0]["zone"] = "Mars/Olympus"
    # when the founder solves it, and then text that is not JSON
    response = client.post(_url(kestrel, "solve/"), {"instance": json.dumps(bad)})
    garbled = client.post(_url(kestrel, "solve/"), {"instance": "{nope"})
    too_long = client.post(
        _url(kestrel, "solve/"), {"instance": json.dumps(EXAMPLE), "time_limit": "31"}
    )
    # then each is a 400 page with the instance check's code, and the text is kept
    assert response.status_code == 400
    assert "(invalid_time_zone)" in response.content.decode()
    assert "Mars/Olympus" in response.content.decode()
    assert garbled.status_code == 400 and "(malformed_json)" in garbled.content.decode()
    assert too_long.status_code == 400 and "(invalid_time_limit)" in too_long.content.decode()
    # and no job was started
    assert not Job.objects.exists()


def test_another_persons_solve_is_not_shown(client, kestrel, django_capture_on_commit_callbacks):
    # given a solve started by the founder
    client.force_login(kestrel["founder"])
    started = client.post(_url(kestrel, "solve/"), {"instance": json.dumps(EXAMPLE)})
    job_url = started["Location"].split("#")[0]
    # when a manager of the same venture opens the founder's job on the page or directly
    manager = UserFactory()
    MembershipFactory(user=manager, venture=kestrel["venture"], role="manager")
    client.force_login(manager)
    page = client.get(job_url).content.decode()
    job_id = Job.objects.get().id
    # then the pasted instance is the founder's alone: not shown, and 404 for the job
    assert "<progress" not in page
    assert client.get(f"/jobs/{job_id}/").status_code == 404
    assert client.get(f"/jobs/{job_id}/progress/").status_code == 404


def test_a_plain_member_sees_teams_but_may_not_solve(client, kestrel):
    # given a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    client.force_login(member)
    # when they open Teams and try to solve
    page = client.get(_url(kestrel))
    solved = client.post(_url(kestrel, "solve/"), {"instance": json.dumps(EXAMPLE)})
    # then they see the projects but not the team's people, and solving is refused
    assert page.status_code == 200 and "Drone firmware" in page.content.decode()
    assert "visible to members who see the books" in page.content.decode()
    assert solved.status_code == 403


def test_another_venture_gets_404(client, kestrel):
    stranger = UserFactory()
    MembershipFactory(user=stranger, venture=VentureFactory(), role="owner")
    client.force_login(stranger)
    assert client.get(_url(kestrel)).status_code == 404
    assert client.post(_url(kestrel, "solve/"), {"instance": "{}"}).status_code == 404
