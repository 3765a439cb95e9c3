"""Tasks handed along the follow-the-sun chain: services, API, pages and who sees what.

Kestrel (Berlin) runs "Drone firmware" with Priya in Kolkata (09:00-17:00 IST =
03:30-11:30 UTC) and Sam in New York (09:00-17:00 EDT in June = 13:00-21:00 UTC).
Every test starts on Monday 2026-06-15 at 09:00 UTC, when Priya is on and Sam is not.
"""

from datetime import UTC, datetime

import pytest

from bornglobal import clock
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from bornglobal.work import handoffs
from bornglobal.work.models import ContractEvent
from bornglobal.work.models_handoffs import Handoff, Task
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.races import race
from tests.work.factories import FreelancerFactory, ProjectFactory, team_on

SAM_OPENS = datetime(2026, 6, 15, 13, tzinfo=UTC)  # 09:00 in New York (EDT)


@pytest.fixture
def sam(db):
    return FreelancerFactory(
        full_name="Sam Okafor", email="sam@example.org", time_zone="America/New_York"
    )


@pytest.fixture
def team(kestrel, priya, sam):
    contracts = team_on(kestrel["founder"], kestrel["project"], priya, sam)
    return {**kestrel, "priya": priya, "sam": sam, "contracts": contracts}


def _task(team, title="Port the IMU driver", **changes):
    draft = handoffs.TaskDraft(title, "Bring-up on the new board.", **changes)
    return handoffs.create_task(Actor(team["founder"]), team["project"].id, draft)


def _note(**changes):
    fields = {"done": "Driver compiles.", "next": "Calibrate the gyro.", "blockers": ""}
    return handoffs.HandoffNote(**(fields | changes))


# Services


def test_a_founders_task_goes_to_whoever_is_on_now(team):
    # given Priya on (03:30-11:30 UTC) and Sam off at 09:00 UTC
    # when the founder adds a task without naming a holder
    task = _task(team)
    # then Priya holds it from now, on her contract, and the creation is audited
    assert (task.holder, task.held_from) == (team["priya"], clock.now())
    assert task.holder_contract == team["contracts"][0]
    assert ContractEvent.objects.filter(contract=task.holder_contract, name="task_created").exists()
    assert AuditEvent.objects.filter(action="work.task_created").count() == 1


def test_a_handoff_goes_to_the_next_person_and_opens_with_their_window(team):
    # given Priya's task
    task = _task(team)
    # when she hands it off at 11:30 UTC, the end of her day
    with clock.travel_to(datetime(2026, 6, 15, 11, 30, tzinfo=UTC)):
        handoff = handoffs.hand_off(Actor(team["priya"]), task.id, _note())
        coming = list(handoffs.my_tasks(Actor(team["sam"])))
    # then Sam receives it, opening at 09:00 his time (13:00 UTC)
    task.refresh_from_db()
    assert (handoff.giver, handoff.receiver, handoff.opens_at) == (
        team["priya"],
        team["sam"],
        SAM_OPENS,
    )
    assert (task.holder, task.held_from) == (team["sam"], SAM_OPENS)
    # and before 13:00 it is coming to him, from 13:00 on it is his
    assert coming == [task] and not coming[0].held_from <= datetime(2026, 6, 15, 11, 30, tzinfo=UTC)
    with clock.travel_to(SAM_OPENS):
        assert handoffs.is_open_for_holder(handoffs.my_tasks(Actor(team["sam"])).get())
    # and Priya's contract timeline has the line, with the next step as its note
    line = ContractEvent.objects.get(contract=team["contracts"][0], name="task_handed_off")
    assert line.note == "Calibrate the gyro."
    # and Priya no longer sees it as hers
    assert not handoffs.my_tasks(Actor(team["priya"])).exists()


def test_a_handoff_may_name_its_receiver(team):
    # given Priya's task at 09:00 UTC, while Sam is off
    task = _task(team)
    # when she hands it to Sam by name
    handoff = handoffs.hand_off(Actor(team["priya"]), task.id, _note(to_user_id=team["sam"].id))
    # then it opens for him when his window does
    assert (handoff.receiver, handoff.opens_at) == (team["sam"], SAM_OPENS)


def test_refusals_carry_codes(team, db):
    # given Priya's task and an outsider
    task = _task(team)
    outsider = FreelancerFactory()
    cases = [
        (Actor(team["priya"]), _note(done="", next=""), "empty_note"),
        (Actor(team["priya"]), _note(to_user_id=outsider.id), "not_on_team"),
        (Actor(team["priya"]), _note(to_user_id=team["priya"].id), "hand_to_yourself"),
        (Actor(team["priya"]), _note(next="x" * 4001), "note_too_long"),
        (Actor(team["sam"]), _note(), "not_your_task"),
        (Actor(outsider), _note(), "not_found"),
    ]
    # when each tries to hand it off, then each is refused with its code
    for actor, note, code in cases:
        with pytest.raises(DomainError) as refused:
            handoffs.hand_off(actor, task.id, note)
        assert refused.value.code == code
    # and a done task cannot be handed off or done again
    handoffs.mark_done(Actor(team["priya"]), task.id)
    for action in (
        lambda: handoffs.hand_off(Actor(team["priya"]), task.id, _note()),
        lambda: handoffs.mark_done(Actor(team["founder"]), task.id),
    ):
        with pytest.raises(DomainError) as refused:
            action()
        assert refused.value.code == "task_done"
    assert not Handoff.objects.exists()


def test_a_venture_member_who_may_not_edit_reads_but_does_not_write(team):
    # given a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=team["venture"], role="member")
    task = _task(team)
    # when they list the tasks and try to add one
    listed = list(handoffs.tasks_of(Actor(member), team["project"].id))
    # then they read them but may not write
    assert listed == [task]
    with pytest.raises(Forbidden) as refused:
        handoffs.create_task(Actor(member), team["project"].id, handoffs.TaskDraft("x"))
    assert refused.value.code == "not_on_project"


def test_a_freelancer_of_another_project_sees_nothing_of_it(team):
    # given a freelancer under contract on another venture's project
    other_founder = UserFactory()
    other = VentureFactory(base_currency="EUR")
    MembershipFactory(user=other_founder, venture=other, role="owner")
    stranger = FreelancerFactory()
    team_on(other_founder, ProjectFactory(venture=other), stranger)
    task = _task(team)
    # when they look for Kestrel's tasks, then nothing exists for them
    with pytest.raises(NotFound):
        handoffs.tasks_of(Actor(stranger), team["project"].id)
    with pytest.raises(NotFound):
        handoffs.task_for(Actor(stranger), task.id)
    assert not handoffs.my_tasks(Actor(stranger)).exists()


def test_a_project_without_a_team_has_no_one_to_hold_a_task(kestrel):
    # given a project with nobody under contract
    # when the founder adds a task, then it is refused
    with pytest.raises(DomainError) as refused:
        handoffs.create_task(
            Actor(kestrel["founder"]), kestrel["project"].id, handoffs.TaskDraft("x")
        )
    assert refused.value.code == "no_team"


def test_a_venture_editor_hands_off_for_the_holder(team):
    # given Priya's task
    task = _task(team)
    # when the founder hands it on for her, to Sam by name
    handoff = handoffs.hand_off(
        Actor(team["founder"]), task.id, _note(to_user_id=team["sam"].id)
    )
    # then the note is from Priya, written by the founder, and Sam holds the task
    assert (handoff.giver, handoff.written_by, handoff.receiver) == (
        team["priya"],
        team["founder"],
        team["sam"],
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_handoffs_of_one_task_at_once_pass_it_once(team):
    # given Priya's task
    task = _task(team)
    # when she sends the same handoff twice at the same instant, in two threads
    hand = lambda: handoffs.hand_off(Actor(team["priya"]), task.id, _note())  # noqa: E731
    outcomes = race(hand, hand)
    # then the first passes the task, the second finds it is no longer hers
    assert outcomes == ["done", "not_your_task"]
    assert Handoff.objects.filter(task=task).count() == 1


# API


def test_api_creates_lists_hands_off_and_marks_done(client, team):
    # given the founder logged in
    client.force_login(team["founder"])
    base = f"/api/v1/work/projects/{team['project'].id}"
    # when they create a task for Priya, and Priya hands it off
    created = client.post(
        f"{base}/tasks",
        {"title": "Flash the bootloader", "holder_id": team["priya"].id},
        content_type="application/json",
    )
    task_id = created.json()["id"]
    client.force_login(team["priya"])
    passed = client.post(
        f"/api/v1/work/tasks/{task_id}/handoff",
        {"done": "Bootloader flashed.", "next": "Test OTA.", "blockers": "No LoRa gateway."},
        content_type="application/json",
    )
    # then the task is Sam's from 09:00 New York time, not yet opened
    assert created.status_code == 201 and passed.status_code == 201
    body = passed.json()
    assert body["holder"]["name"] == "Sam Okafor"
    assert body["held_from_local"].startswith("2026-06-15T09:00:00-04:00")
    assert body["opened"] is False
    assert body["handoffs"][0]["blockers"] == "No LoRa gateway."
    # and Sam's list shows it, the project list and the chain answer the team
    client.force_login(team["sam"])
    mine = client.get("/api/v1/me/work/tasks").json()
    assert [t["id"] for t in mine["items"]] == [task_id]
    listed = client.get(f"{base}/tasks").json()
    assert listed["count"] == 1
    chain = client.get(f"{base}/chain").json()
    assert [turn["person"]["name"] for turn in chain] == ["Priya Raghavan", "Sam Okafor"]
    # and Sam marks it done once it is his
    with clock.travel_to(SAM_OPENS):
        done = client.post(f"/api/v1/work/tasks/{task_id}/done")
    assert done.status_code == 200 and done.json()["state"] == "done"


def test_api_bad_input_is_a_4xx_with_a_code(client, team):
    # given Priya's task and Priya logged in
    task = _task(team)
    client.force_login(team["priya"])
    url = f"/api/v1/work/tasks/{task.id}/handoff"
    # when she sends an empty note, a person off the team, and a too-long title
    empty = client.post(url, {}, content_type="application/json")
    stranger = client.post(
        url, {"next": "x", "to_user_id": 999_999}, content_type="application/json"
    )
    long_title = client.post(
        f"/api/v1/work/projects/{team['project'].id}/tasks",
        {"title": "x" * 201},
        content_type="application/json",
    )
    # then each is refused with a code
    assert (empty.status_code, empty.json()["code"]) == (400, "empty_note")
    assert (stranger.status_code, stranger.json()["code"]) == (400, "not_on_team")
    assert (long_title.status_code, long_title.json()["code"]) == (422, "validation_error")


def test_api_a_freelancer_of_another_project_gets_404(client, team):
    # given a freelancer on nobody's team here
    task = _task(team)
    client.force_login(FreelancerFactory())
    # when they read or write Kestrel's tasks
    answers = [
        client.get(f"/api/v1/work/projects/{team['project'].id}/tasks"),
        client.get(f"/api/v1/work/tasks/{task.id}"),
        client.post(
            f"/api/v1/work/tasks/{task.id}/handoff", {"next": "x"}, content_type="application/json"
        ),
    ]
    # then nothing exists for them
    assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "not_found")] * 3


# Pages


def test_the_project_page_shows_tasks_threads_and_the_chain(client, team):
    # given a task handed from Priya to Sam
    task = _task(team)
    handoffs.hand_off(Actor(team["priya"]), task.id, _note(blockers="Board rev B late."))
    client.force_login(team["founder"])
    # when the founder opens the project's tasks page
    url = f"/ventures/{team['venture'].id}/work/projects/{team['project'].id}/tasks/"
    page = client.get(url).content.decode()
    # then the task, its holder to come, the note and today's chain are on it
    assert "Port the IMU driver" in page
    assert "Coming to <strong>Sam Okafor</strong> at Mon 15 Jun 09:00 (America/New_York)" in page
    assert "Board rev B late." in page
    assert "09:00\u201317:00 Asia/Kolkata" in page


def test_my_tasks_page_says_when_a_task_comes_to_me_on_my_clock(client, team):
    # given a task handed to Sam, opening at 09:00 his time
    task = _task(team)
    handoffs.hand_off(Actor(team["priya"]), task.id, _note())
    client.force_login(team["sam"])
    # when Sam opens My tasks before and after 13:00 UTC
    before = client.get("/me/work/tasks/").content.decode()
    with clock.travel_to(SAM_OPENS):
        after = client.get("/me/work/tasks/").content.decode()
    # then it is coming at 09:00 New York time, then it is his, next step prominent
    assert "yours at <strong>Mon 15 Jun 09:00 (America/New_York)</strong>" in before
    assert "Nothing is yours right now." in before
    assert "Nothing is on its way to you." in after
    assert "<strong>Calibrate the gyro.</strong>" in after


def test_the_hand_off_form_passes_the_task_and_refusals_come_back_as_messages(client, team):
    # given Priya's task and Priya logged in
    task = _task(team)
    client.force_login(team["priya"])
    url = f"/work/tasks/{task.id}/handoff/"
    # when she posts an empty note, then a real one
    empty = client.post(url, {"back": "/me/work/tasks/"}, follow=True)
    passed = client.post(url, {"done": "Done.", "next": "Next.", "back": "https://evil.example/"})
    # then the first is refused with its code on the page, the second passes the task
    assert "empty_note" in empty.content.decode()
    assert passed.status_code == 302 and passed["Location"] == "/me/work/tasks/"
    assert Task.objects.get().holder == team["sam"]


def test_pages_are_404_for_a_freelancer_of_another_project(client, team):
    # given a stranger logged in
    task = _task(team)
    client.force_login(FreelancerFactory())
    # when they open the team page or post a handoff
    page = client.get(f"/me/work/projects/{team['project'].id}/tasks/")
    post = client.post(f"/work/tasks/{task.id}/handoff/", {"next": "x"})
    # then neither exists
    assert (page.status_code, post.status_code) == (404, 404)
