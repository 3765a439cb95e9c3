"""Real threads against PostgreSQL: two workers telling the same person about the same
event at the same instant write one notification and send one e-mail."""


import pytest
from django.core import mail

from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Notification, Side
from tests.factories import UserFactory
from tests.races import race


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_workers_notifying_the_same_event_write_it_once(attempt):
    # given a person and one event
    person = UserFactory()
    message = services.Message(person, Kind.AUTO_RELEASE, Side.VENTURE,
                               f"milestone:9:auto_release_warning:{attempt}", "Released soon")
    # when two workers notify it at the same instant
    outcomes = race(lambda: services.notify([message]), lambda: services.notify([message]))
    # then neither failed, one notification exists and one e-mail was sent
    assert outcomes == ["done", "done"]
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == 1
