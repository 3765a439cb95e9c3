"""The venture is warned once, 48 hours before a submitted milestone auto-releases."""

from datetime import timedelta

from django.test import override_settings

from bornglobal import clock
from bornglobal.cli import main
from bornglobal.notifications import auto_release, tasks
from bornglobal.notifications.models import Notification


def _warnings():
    return Notification.objects.filter(kind="auto_release")


def test_the_sweep_warns_once_inside_the_last_48_hours(kestrel, team, submitted):
    # given a milestone submitted today, auto-releasing in 14 days
    due = submitted.auto_release_at
    # when the sweep runs three days before, then nobody is warned yet
    assert auto_release.warn_due(due - timedelta(days=3)) == 0
    # when it runs 47 hours before, twice, then the money people were warned once
    assert auto_release.warn_due(due - timedelta(hours=47)) == 1
    assert auto_release.warn_due(due - timedelta(hours=46)) == 0
    told = sorted(_warnings().values_list("recipient__email", flat=True))
    assert told == ["jonas@example.org", kestrel["founder"].email]
    warning = _warnings().first()
    assert "is released to Priya Raghavan in about 47 hours" in warning.title
    assert "1.200,00 €" in warning.body or "€1,200.00" in warning.body


def test_the_task_and_the_sweep_share_one_warning(kestrel, submitted):
    # when the deferred task fires and then the sweep catches up
    with clock.travel_to(submitted.auto_release_at - timedelta(hours=24)):
        assert tasks.warn_auto_release.call(submitted.id) is True
        assert tasks.warn_due_auto_releases.call() == 0
    # then the founder has a single warning
    assert _warnings().count() == 1


def test_an_answered_milestone_is_not_warned_about(kestrel, submitted):
    # given the founder asked for changes (the clock stops)
    from bornglobal.tenancy.actors import Actor
    from bornglobal.work import milestones

    due = submitted.auto_release_at
    milestones.request_changes(Actor(kestrel["founder"]), kestrel["venture"].id, submitted.id,
                               "More tests")
    # when the sweep runs in the last 48 hours, then nobody is warned
    assert auto_release.warn_due(due - timedelta(hours=10)) == 0
    assert _warnings().count() == 0


@override_settings(AUTO_RELEASE_WARNING_HOURS=72)
def test_the_warning_period_is_a_setting(kestrel, submitted):
    # when the sweep runs 70 hours before with a 72-hour setting, then it warns
    assert auto_release.warn_due(submitted.auto_release_at - timedelta(hours=70)) == 1


def test_the_cli_runs_the_sweep_and_prints_the_count(kestrel, submitted, capsys):
    # when `bornglobal notifications warn-due` runs a day before, twice
    with clock.travel_to(submitted.auto_release_at - timedelta(days=1)):
        first = main(["notifications", "warn-due"])
        second = main(["notifications", "warn-due"])
    # then the first run warned about one milestone and the second about none
    out = capsys.readouterr().out
    assert first == second == 0
    assert "1 milestone(s) warned about" in out and "0 milestone(s) warned about" in out
