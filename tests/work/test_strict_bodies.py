"""Strict input on the work endpoints (issue 13): bodies are objects, titles are kept as
sent, and time is logged only on the contract's own days."""
# ruff: noqa: DTZ001  (the local wall-clock times are naive on purpose)

import json
from datetime import date, datetime, timedelta

import pytest

from bornglobal.domain.errors import DomainError
from bornglobal.tenancy.actors import Actor
from bornglobal.work import timesheets
from bornglobal.work.models import TimeEntry
from bornglobal.work.models_handoffs import Task
from tests.work.factories import hourly_hired, team_on


def _tasks_url(kestrel) -> str:
    return f"/api/v1/work/projects/{kestrel['project'].id}/tasks"


def test_a_task_from_a_string_body_is_refused(client, kestrel, priya):
    # given a project with a team
    team_on(kestrel["founder"], kestrel["project"], priya)
    client.force_login(kestrel["founder"])
    # when a task is posted as the bare string "fix the build"
    response = client.post(_tasks_url(kestrel), '"fix the build"', content_type="application/json")
    # then 400 malformed_json, and no task "Fix The Build" (str.title, read as an attribute)
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"
    assert not Task.objects.exists()


def test_a_task_title_is_kept_as_the_client_sent_it(client, kestrel, priya):
    # given a project with a team
    team_on(kestrel["founder"], kestrel["project"], priya)
    client.force_login(kestrel["founder"])
    # when a task is posted with a lower-case title
    body = json.dumps({"title": "fix the build"})
    response = client.post(_tasks_url(kestrel), body, content_type="application/json")
    # then its title is exactly that
    assert response.status_code == 201, response.content
    assert response.json()["title"] == Task.objects.get().title == "fix the build"


def test_time_before_the_contract_began_is_refused(kestrel, priya):
    # given an hourly contract that began on Monday 2026-06-15 (Priya's calendar, Kolkata)
    contract = hourly_hired(kestrel, priya)
    # when she logs time three weeks before it existed, then the day before it began
    for day in (datetime(2026, 5, 25, 10), datetime(2026, 6, 14, 23, 0)):
        with pytest.raises(DomainError) as refused:
            timesheets.log_time(Actor(priya), contract.id, day, 60, "Early work")
        # then each is refused as outside the contract, and nothing is logged
        assert (refused.value.status, refused.value.code) == (422, "outside_contract")
    assert refused.value.details["first"] == "2026-06-15"
    assert not TimeEntry.objects.exists()


def test_time_on_the_first_day_of_the_contract_counts(kestrel, priya):
    # given a contract accepted on Monday at 14:30 in Kolkata (09:00 UTC)
    contract = hourly_hired(kestrel, priya)
    # when she logs the morning of that day, before it was accepted
    entry = timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 8), 60, "Setup")
    # then it counts (the rule is the contract's days, on her calendar)
    assert entry.minutes == 60


def test_the_contract_days_end_on_the_day_it_ended(kestrel, priya):
    # given a contract that ended two days after it began (Monday 2026-06-15, Kolkata)
    contract = hourly_hired(kestrel, priya)
    contract.ended_at = contract.created_at + timedelta(days=2)
    # when days are checked against it, then its last day counts and the next does not
    timesheets.check_contract_dates(contract, date(2026, 6, 17), "Asia/Kolkata")
    with pytest.raises(DomainError) as refused:
        timesheets.check_contract_dates(contract, date(2026, 6, 18), "Asia/Kolkata")
    assert refused.value.code == "outside_contract"
    assert refused.value.details["last"] == "2026-06-17"


def test_the_api_refuses_time_before_the_contract_with_a_code(client, kestrel, priya):
    # given Priya's hourly contract
    contract = hourly_hired(kestrel, priya)
    client.force_login(priya)
    # when she logs time weeks before the contract existed through the API
    body = {"started_local": "2026-05-25T10:00", "minutes": 60, "memo": "Early"}
    url = f"/api/v1/me/work/contracts/{contract.id}/time"
    response = client.post(url, json.dumps(body), content_type="application/json")
    # then 422 outside_contract
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "outside_contract"


@pytest.mark.parametrize("started", [0, 1781510400, "2026-06-15T10:00+05:30", "2026-06-15"])
def test_a_local_start_is_a_wall_clock_string(client, kestrel, priya, started):
    # given Priya's hourly contract
    contract = hourly_hired(kestrel, priya)
    client.force_login(priya)
    # when the start is a number, has an offset or is only a date
    body = {"started_local": started, "minutes": 60, "memo": "Port"}
    url = f"/api/v1/me/work/contracts/{contract.id}/time"
    response = client.post(url, json.dumps(body), content_type="application/json")
    # then 422 on started_local
    assert response.status_code == 422, response.content
    assert response.json()["details"][0]["loc"][-1] == "started_local"
