"""A job's page and its htmx fragment: polling while it runs, the result once it is done."""

from bornglobal.jobs import runner, services
from bornglobal.jobs.models import JobKind
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory
from tests.jobs.helpers import INSTANCE

POLL = 'hx-trigger="every 1s"'


def _solve_job(user):
    document = {"instance": INSTANCE, "exact": False, "time_limit": 5.0}
    return services.create(Actor(user), JobKind.TEAM_SOLVE, document)


def test_a_running_job_polls_every_second_and_its_page_refreshes(client, db):
    # given a queued solve
    user = UserFactory()
    job = _solve_job(user)
    client.force_login(user)
    # when its fragment and its page are opened
    fragment = client.get(f"/jobs/{job.id}/progress/").content.decode()
    page = client.get(f"/jobs/{job.id}/").content.decode()
    # then the fragment asks htmx to fetch itself again every second, with a progress bar,
    # and the page refreshes itself for browsers without JavaScript
    assert f'hx-get="/jobs/{job.id}/progress/"' in fragment and POLL in fragment
    assert '<progress max="100" value="0"' in fragment and "queued" in fragment
    assert "<html" not in fragment
    assert '<meta http-equiv="refresh" content="2">' in page and POLL in page
    assert "<script>" not in page and "onclick" not in page


def test_a_finished_job_shows_its_result_and_stops_polling(client, db):
    # given a solve the worker has run
    user = UserFactory()
    job = _solve_job(user)
    runner.run(job.id)
    client.force_login(user)
    # when its fragment and page are opened
    fragment = client.get(f"/jobs/{job.id}/progress/").content.decode()
    page = client.get(f"/jobs/{job.id}/").content.decode()
    # then the result is shown and nothing polls or refreshes any more
    assert 'data-testid="solve-status">optimal<' in fragment
    assert POLL not in fragment and POLL not in page
    assert 'http-equiv="refresh"' not in page


def test_a_failed_job_shows_its_code(client, db, settings):
    # given a heavy rota that the CPU cap stops
    from tests.jobs.helpers import big_team

    settings.JOB_CPU_SECONDS = 1
    user = UserFactory()
    document = {"people": big_team(), "week_of": "2026-03-09", "min_people": 5,
                "hours_utc": None, "time_limit": 20.0}  # fmt: skip
    job = services.create(Actor(user), JobKind.CLOCK_ROTA, document)
    runner.run(job.id)
    client.force_login(user)
    # when its page is opened, then the refusal is named
    page = client.get(f"/jobs/{job.id}/").content.decode()
    assert "(cpu_limit)" in page and POLL not in page


def test_someone_elses_job_page_is_404(client, db):
    job = _solve_job(UserFactory())
    client.force_login(UserFactory())
    assert client.get(f"/jobs/{job.id}/").status_code == 404
    assert client.get(f"/jobs/{job.id}/progress/").status_code == 404
