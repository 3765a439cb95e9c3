"""The jobs API: 202 and Location, status and result, who sees a job, caps, idempotency."""

from bornglobal.jobs import services
from bornglobal.jobs.models import Job, JobKind, JobStatus
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory
from tests.jobs.helpers import INSTANCE, big_team, post
from tests.work.assemble_fixtures import listed, needs_python

SOLVE = "/api/v1/teams/solve"


def test_a_job_answers_202_with_its_location_then_its_status_and_result(
    client, db, django_capture_on_commit_callbacks
):
    # given a logged-in user
    client.force_login(UserFactory())
    # when a solve is posted and the worker runs it
    with django_capture_on_commit_callbacks(execute=True):
        started = post(client, SOLVE, INSTANCE)
    # then the POST answered 202 with the job's id, status and address in Location
    assert started.status_code == 202
    body = started.json()
    assert set(body) == {"id", "status", "url"}
    assert started["Location"] == body["url"] == f"/api/v1/jobs/{body['id']}"
    # and the job reads back finished, with times, progress 100 and the solver's output
    job = client.get(body["url"]).json()
    assert job["status"] == "succeeded" and job["progress"] == 100 and job["error"] is None
    assert job["venture_id"] is None and job["kind"] == "team_solve"
    assert job["started_at"] and job["finished_at"]
    assert job["result"]["team"][0]["candidate"] == "f1"


def test_a_failed_job_answers_the_code_and_message(
    client, db, settings, django_capture_on_commit_callbacks
):
    # given a CPU cap of one second and a rota of 200 people that needs far more
    settings.JOB_CPU_SECONDS = 1
    client.force_login(UserFactory())
    body = {"people": big_team(), "week_of": "2026-03-09", "min_people": 5, "time_limit": 20}
    # when it is posted and the worker runs it
    with django_capture_on_commit_callbacks(execute=True):
        started = post(client, "/api/v1/clock/rota", body)
    # then the POST was accepted, and the job failed with the cap's code, not a 500
    job = client.get(started["Location"]).json()
    assert started.status_code == 202
    assert job["status"] == "failed", job
    assert job["error"]["code"] == "cpu_limit"
    assert "CPU time" in job["error"]["message"]
    assert job["result"] is None


def test_someone_elses_job_is_404(client, db):
    # given a solve queued by one user
    owner = UserFactory()
    client.force_login(owner)
    url = post(client, SOLVE, INSTANCE)["Location"]
    # when another user asks for it, or for a job that does not exist
    client.force_login(UserFactory())
    # then both are 404 in the error model
    for response in (client.get(url), client.get("/api/v1/jobs/999999"),
                     client.post(url + "/cancel")):  # fmt: skip
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_a_venture_job_is_seen_by_members_who_may_assemble_and_nobody_else(client, kestrel):
    # given a proposal job of the venture, started by the founder
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    client.force_login(kestrel["founder"])
    url = post(client, f"/api/v1/projects/{kestrel['project'].id}/assemble", {})["Location"]
    manager, member = UserFactory(), UserFactory()
    MembershipFactory(user=manager, venture=kestrel["venture"], role="manager")
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    # when a manager, a plain member and a stranger ask for it
    client.force_login(manager)
    seen_by_manager = client.get(url)
    client.force_login(member)
    seen_by_member = client.get(url)
    client.force_login(UserFactory())
    seen_by_stranger = client.get(url)
    # then only the manager sees it
    assert seen_by_manager.status_code == 200
    assert seen_by_member.status_code == 404 and seen_by_stranger.status_code == 404


def test_a_token_for_another_venture_does_not_see_a_venture_job(client, kestrel):
    # given the founder's proposal job and a token of hers limited to another venture
    from bornglobal.tenancy import services as tenancy
    from tests.factories import VentureFactory

    client.force_login(kestrel["founder"])
    url = post(client, f"/api/v1/projects/{kestrel['project'].id}/assemble", {})["Location"]
    other = VentureFactory()
    MembershipFactory(user=kestrel["founder"], venture=other, role="owner")
    secret = tenancy.issue_token(Actor(kestrel["founder"]), "other", other.id).secret
    client.logout()
    # when the token asks for the job, then it is 404
    assert client.get(url, headers={"Authorization": f"Bearer {secret}"}).status_code == 404


def test_a_user_past_the_cap_gets_429_and_no_job(client, db, settings):
    # given a cap of two queued or running jobs per user, and two queued
    settings.JOBS_PER_USER = 2
    client.force_login(UserFactory())
    assert post(client, SOLVE, INSTANCE).status_code == 202
    assert post(client, SOLVE, INSTANCE).status_code == 202
    # when a third is posted
    third = post(client, SOLVE, INSTANCE)
    # then it is refused with too_many_jobs and the limit
    assert third.status_code == 429
    assert third.json()["code"] == "too_many_jobs"
    assert third.json()["details"] == {"scope": "user", "limit": 2, "active": 2}
    assert Job.objects.count() == 2


def test_a_finished_or_cancelled_job_frees_its_place(client, db, settings):
    # given a user at the cap of one job
    settings.JOBS_PER_USER = 1
    client.force_login(UserFactory())
    url = post(client, SOLVE, INSTANCE)["Location"]
    assert post(client, SOLVE, INSTANCE).status_code == 429
    # when the queued job is cancelled
    cancelled = client.post(url + "/cancel")
    # then it says so, and a new job is accepted
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert post(client, SOLVE, INSTANCE).status_code == 202


def test_a_venture_past_its_cap_gets_429(client, kestrel, settings):
    # given a venture cap of one job, held by the founder's proposal
    settings.JOBS_PER_VENTURE = 1
    client.force_login(kestrel["founder"])
    url = f"/api/v1/projects/{kestrel['project'].id}/assemble"
    assert post(client, url, {}).status_code == 202
    # when a manager of the venture asks for another
    manager = UserFactory()
    MembershipFactory(user=manager, venture=kestrel["venture"], role="manager")
    client.force_login(manager)
    refused = post(client, url, {})
    # then it is refused for the venture, though the manager has no job of their own
    assert refused.status_code == 429
    assert refused.json()["details"]["scope"] == "venture"
    # and the manager's own user-level solve is still accepted
    assert post(client, SOLVE, INSTANCE).status_code == 202


def test_a_retry_with_the_same_key_answers_the_same_job(client, db):
    client.force_login(UserFactory())
    # when the same solve is sent twice with one key
    first = post(client, SOLVE, INSTANCE, **{"Idempotency-Key": "solve-1"})
    second = post(client, SOLVE, INSTANCE, **{"Idempotency-Key": "solve-1"})
    # then both answer the one job
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert Job.objects.count() == 1


def test_the_same_key_with_another_request_is_409(client, db):
    client.force_login(UserFactory())
    post(client, SOLVE, INSTANCE, **{"Idempotency-Key": "solve-1"})
    # when the key comes back with another instance, or the same body to another endpoint
    other = {**INSTANCE, "budget_minor": 1}
    changed = post(client, SOLVE, other, **{"Idempotency-Key": "solve-1"})
    exact = post(client, SOLVE + "?exact=true", INSTANCE, **{"Idempotency-Key": "solve-1"})
    # then 409 idempotency_key_reused, and no second job
    for response in (changed, exact):
        assert response.status_code == 409
        assert response.json()["code"] == "idempotency_key_reused"
    assert Job.objects.count() == 1


def test_keys_are_per_user(client, db):
    # given two users sending the same key
    for _ in range(2):
        client.force_login(UserFactory())
        assert post(client, SOLVE, INSTANCE, **{"Idempotency-Key": "k"}).status_code == 202
    # then each has their own job
    assert Job.objects.count() == 2


def test_a_job_left_running_by_a_dead_worker_stops_counting(db, settings):
    # given a cap of one and a job that has been "running" far longer than any job may
    from bornglobal import clock

    settings.JOBS_PER_USER = 1
    actor = Actor(UserFactory())
    stale = services.create(actor, JobKind.TEAM_SOLVE, {"instance": INSTANCE})
    Job.objects.filter(id=stale.id).update(
        status=JobStatus.RUNNING, started_at=clock.now() - services.stale_after() * 2
    )
    # when the user starts another job
    fresh = services.create(actor, JobKind.TEAM_SOLVE, {"instance": INSTANCE, "again": True})
    # then it is accepted and the stale one is failed as worker_lost
    stale.refresh_from_db()
    assert fresh.status == JobStatus.QUEUED
    assert stale.status == JobStatus.FAILED and stale.error_code == "worker_lost"
