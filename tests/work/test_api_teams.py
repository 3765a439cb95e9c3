"""The teams and clock endpoints over HTTP: solver, plan, estimate, rota, assemble.

The solve, the rota, the proposal and the offers are jobs: the POST answers 202 with
the job's address, and the worker (the immediate backend in tests, run when the
request's transaction commits) writes the result that `GET /api/v1/jobs/{id}` reads.
"""

import json

from bornglobal.jobs.models import Job
from bornglobal.work.models import Offer
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.jobs.helpers import INSTANCE
from tests.work.assemble_fixtures import listed, needs_python

PEOPLE = [
    {"name": "Asha", "zone": "Asia/Kolkata", "work_start": "09:00", "work_end": "17:00"},
    {"name": "Lena", "zone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"},
]


def _post(client, url, body):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, text, content_type="application/json")


def _job(client, capture, url, body):
    """POST `url`, let the worker run the job, and answer the job as GET /jobs/{id} shows it."""
    with capture(execute=True):
        started = _post(client, url, body)
    assert started.status_code == 202, started.json()
    assert started["Location"] == started.json()["url"]
    return client.get(started["Location"]).json()


def test_solve_is_a_job_whose_result_is_the_solver_output(
    client, db, django_capture_on_commit_callbacks
):
    # given a logged-in user and the instance of docs/teams.md
    client.force_login(UserFactory())
    # when it is posted and the worker runs the job
    job = _job(client, django_capture_on_commit_callbacks, "/api/v1/teams/solve", INSTANCE)
    # then the job's result is the solver's output
    assert job["status"] == "succeeded", job
    assert job["kind"] == "team_solve" and job["progress"] == 100
    assert job["result"]["status"] == "optimal"
    assert job["result"]["team"] == [{"role": "backend", "candidate": "f1", "cost_minor": 784800}]


def test_the_solve_answers_202_before_any_solving(client, db):
    # given a logged-in user
    client.force_login(UserFactory())
    # when an instance is posted (no worker runs)
    started = _post(client, "/api/v1/teams/solve?exact=true&time_limit=30", INSTANCE)
    # then the answer is 202 with the queued job's address, and the job waits
    assert started.status_code == 202
    body = started.json()
    assert body["status"] == "queued"
    assert started["Location"] == f"/api/v1/jobs/{body['id']}" == body["url"]
    job = client.get(body["url"]).json()
    assert job["status"] == "queued" and job["result"] is None


def test_a_bad_instance_is_a_400_with_the_domain_code_at_post_time(client, db):
    # given an instance without candidates' currency rate
    client.force_login(UserFactory())
    bad = {**INSTANCE, "fx": {}}
    # when it is posted
    response = _post(client, "/api/v1/teams/solve", bad)
    # then 400 with a code from the instance checks, and no job
    assert response.status_code == 400
    assert response.json()["code"] == "missing_fx_rate"
    assert not Job.objects.exists()


def test_a_time_limit_above_30_s_is_refused_at_post_time(client, db):
    client.force_login(UserFactory())
    response = _post(client, "/api/v1/teams/solve?time_limit=31", INSTANCE)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_time_limit"
    assert not Job.objects.exists()


def test_malformed_json_and_huge_bodies_are_refused(client, db):
    client.force_login(UserFactory())
    # when the body is not JSON
    broken = _post(client, "/api/v1/teams/solve", "{not json")
    # then 400 malformed_json
    assert broken.status_code == 400
    assert broken.json()["code"] == "malformed_json"
    # when the body is over the limit
    huge = _post(client, "/api/v1/clock/plan", " " * 1_000_001)
    # then 413 too_large
    assert huge.status_code == 413
    assert huge.json()["code"] == "too_large"
    assert not Job.objects.exists()


def test_solve_needs_a_login(client, db):
    assert _post(client, "/api/v1/teams/solve", INSTANCE).status_code == 401


def test_clock_plan_and_estimate_answer_at_once_and_the_rota_is_a_job(
    client, db, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())
    # when a plan is asked for one day
    plan = _post(
        client, "/api/v1/clock/plan", {"people": PEOPLE, "from": "2026-03-02", "to": "2026-03-02"}
    )
    # then it has that day
    assert plan.status_code == 200, plan.json()
    assert len(plan.json()["days"]) == 1
    # when an estimate is asked
    estimate = _post(
        client,
        "/api/v1/clock/estimate",
        {"people": PEOPLE, "effort_hours": 24, "start": "2026-03-02T04:00:00Z"},
    )
    assert estimate.status_code == 200, estimate.json()
    # when a rota is asked for some hours
    rota = _job(
        client,
        django_capture_on_commit_callbacks,
        "/api/v1/clock/rota",
        {
            "people": PEOPLE,
            "week_of": "2026-03-02",
            "min_people": 1,
            "hours_utc": [8, 9, 10],
            "time_limit": 5,
        },
    )
    # then the job's result is the rota document
    assert rota["status"] == "succeeded", rota
    assert rota["result"]["week_of"] == "2026-03-02"
    assert rota["result"]["status"] == "optimal"
    assert len(rota["result"]["hours"]) == 21


def test_clock_bad_input_is_a_4xx_with_a_code(client, db):
    client.force_login(UserFactory())
    cases = [
        ("/api/v1/clock/plan", {"people": PEOPLE, "from": "yesterday"}, "invalid_date"),
        ("/api/v1/clock/plan", {"from": "2026-03-02"}, "missing_field"),
        ("/api/v1/clock/plan", {"people": [], "from": "2026-03-02"}, "empty_team"),
        (
            "/api/v1/clock/estimate",
            {"people": PEOPLE, "effort_hours": "x", "start": "2026-03-02T04:00:00Z"},
            "invalid_effort",
        ),
        (
            "/api/v1/clock/rota",
            {"people": PEOPLE, "week_of": "2026-03-02", "hours_utc": [30]},
            "invalid_hours",
        ),
        (
            "/api/v1/clock/rota",
            {"people": PEOPLE, "week_of": "2026-03-02", "min_people": 51},
            "invalid_min_people",
        ),
        ("/api/v1/clock/rota", {"people": [], "week_of": "2026-03-02"}, "empty_team"),
        (
            "/api/v1/clock/rota",
            {"people": PEOPLE, "week_of": "2026-03-02", "hours_utc": []},
            "invalid_hours",
        ),
        ("/api/v1/clock/rota", {"people": PEOPLE}, "missing_field"),
    ]
    for url, body, code in cases:
        response = _post(client, url, body)
        assert response.status_code == 400, (url, response.json())
        assert response.json()["code"] == code
    assert not Job.objects.exists()


def test_assemble_and_send_offers_over_the_api(client, kestrel, django_capture_on_commit_callbacks):
    # given a role needing Python and a listed person
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    project_id = kestrel["project"].id
    # when the founder asks for the proposal
    proposal = _job(
        client, django_capture_on_commit_callbacks, f"/api/v1/projects/{project_id}/assemble", {}
    )
    # then the job's result proposes Bea
    assert proposal["status"] == "succeeded", proposal
    assert proposal["venture_id"] == kestrel["venture"].id
    [member] = proposal["result"]["team"]
    assert member["name"] == "Bea"
    assert member["cost_minor"] == 320_000
    # when she sends the offers
    sent = _job(
        client,
        django_capture_on_commit_callbacks,
        f"/api/v1/projects/{project_id}/assemble/offers",
        {},
    )
    # then one offer exists
    assert sent["status"] == "succeeded", sent
    assert Offer.objects.filter(id__in=sent["result"]["offer_ids"]).count() == 1


def test_another_venture_gets_404_on_assemble(client, kestrel):
    # given the owner of another venture
    stranger = UserFactory()
    MembershipFactory(user=stranger, venture=VentureFactory(), role="owner")
    client.force_login(stranger)
    project_id = kestrel["project"].id
    # when they ask for the proposal or send offers
    seen = _post(client, f"/api/v1/projects/{project_id}/assemble", {})
    sent = _post(client, f"/api/v1/projects/{project_id}/assemble/offers", {})
    # then the project does not exist for them, and no job was made
    assert seen.status_code == 404
    assert sent.status_code == 404
    assert not Offer.objects.exists()
    assert not Job.objects.exists()


def test_assemble_bad_hours_are_refused_by_the_schema(client, kestrel):
    # given the founder
    client.force_login(kestrel["founder"])
    # when the hours are not a list of UTC hours, or the people per hour are out of range
    base = f"/api/v1/projects/{kestrel['project'].id}/assemble"
    for query in ("hours_utc=9-x", "hours_utc=8-25", "min_people=11"):
        response = _post(client, f"{base}?{query}", {})
        # then 422 names the field, and no job is made
        assert response.status_code == 422, (query, response.json())
        assert response.json()["details"][0]["loc"][-1] in ("hours_utc", "min_people")
    assert not Job.objects.exists()


def test_send_offers_to_the_team_shown_and_refuse_a_changed_one(
    client, kestrel, django_capture_on_commit_callbacks
):
    # given the proposal Bea, read over the API
    needs_python(kestrel["role"])
    bea = listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    project_id = kestrel["project"].id
    capture = django_capture_on_commit_callbacks
    proposal = _job(client, capture, f"/api/v1/projects/{project_id}/assemble", {})["result"]
    team = [
        {"role_id": m["role_id"], "profile_id": m["profile_id"], "cost_minor": m["cost_minor"]}
        for m in proposal["team"]
    ]
    url = f"/api/v1/projects/{project_id}/assemble/offers?on={proposal['date']}"
    # when Bea's rate changes and the founder sends offers to the team she was shown
    bea.rate_minor = 4_100
    bea.save()
    changed = _job(client, capture, url, {"team": team})
    # then nothing is sent: the job failed with what changed
    assert changed["status"] == "failed", changed
    assert changed["error"]["code"] == "team_changed"
    assert "Bea now costs" in changed["error"]["details"]["problems"][0]
    assert not Offer.objects.exists()
    # when she sends the team at its current cost, then exactly Bea gets the offer
    team[0]["cost_minor"] = 328_000
    sent = _job(client, capture, url, {"team": team})
    assert sent["status"] == "succeeded", sent
    assert Offer.objects.get().freelancer.full_name == "Bea"
