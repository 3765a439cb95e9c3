"""Real threads against PostgreSQL: two workers telling the same person about the same
event at the same instant write one notification and send one e-mail."""

import threading

import pytest
from django.core import mail
from django.db import connection

from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Notification, Side
from tests.factories import UserFactory


def _race(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors: list[Exception] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_workers_notifying_the_same_event_write_it_once(attempt):
    # given a person and one event
    person = UserFactory()
    message = services.Message(person, Kind.AUTO_RELEASE, Side.VENTURE,
                               f"milestone:9:auto_release_warning:{attempt}", "Released soon")
    # when two workers notify it at the same instant
    errors = _race(lambda: services.notify([message]), lambda: services.notify([message]))
    # then neither failed, one notification exists and one e-mail was sent
    assert errors == []
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == 1
