"""The receiver of a handed-off task is told, once, when it becomes theirs."""
# ruff: noqa: F811  (the work fixtures are imported below and used by name)

from datetime import UTC, datetime

from django.core import mail

from bornglobal import clock
from bornglobal.notifications.models import Notification
from bornglobal.tenancy.actors import Actor
from bornglobal.work import handoffs
from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
from tests.work.factories import FreelancerFactory, team_on


def test_the_receiver_is_told_from_when_the_task_is_theirs_in_their_time(
    kestrel, priya, django_capture_on_commit_callbacks
):
    # given Priya (Kolkata) and Sam (New York) on the team, and Priya's task
    sam = FreelancerFactory(full_name="Sam Okafor", time_zone="America/New_York")
    team_on(kestrel["founder"], kestrel["project"], priya, sam)
    task = handoffs.create_task(
        Actor(kestrel["founder"]), kestrel["project"].id, handoffs.TaskDraft("Port the IMU")
    )
    # when Priya hands it off at the end of her day, 11:30 UTC
    note = handoffs.HandoffNote("Driver compiles.", "Calibrate the gyro.", "No gyro spec.")
    with clock.travel_to(datetime(2026, 6, 15, 11, 30, tzinfo=UTC)), \
            django_capture_on_commit_callbacks(execute=True):
        handoff = handoffs.hand_off(Actor(priya), task.id, note)
    # then Sam is told once, in his own time, with the note, and e-mailed
    told = Notification.objects.get(recipient=sam, kind="handoff")
    assert told.title == "Port the IMU: yours from Mon 15 Jun 09:00 (America/New_York)"
    assert "Next: Calibrate the gyro." in told.body and "Blockers: No gyro spec." in told.body
    assert told.key == f"handoff:{handoff.id}"
    assert [m.to for m in mail.outbox] == [[sam.email]]
    # and Priya, who wrote the note, is not told about her own handoff
    assert not Notification.objects.filter(recipient=priya, kind="handoff").exists()
