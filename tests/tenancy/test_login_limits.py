"""Login is by email, rate-limited per email and address, and audited."""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse

from bornglobal.tenancy.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_login_by_email_is_audited(client, founder, venture):
    # when the founder logs in with their email
    response = _login(client, founder.email.upper(), PASSWORD)
    # then they are in, and the login is recorded
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.login", actor=founder).exists()


def test_repeated_failures_lock_the_login_even_for_the_right_password(client, founder):
    # given five failed attempts for one email from one address
    statuses = [_login(client, founder.email, "wrong-password").status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4
    # when the right password is tried next
    response = _login(client, founder.email, PASSWORD)
    # then login is refused for now, with a page that says so
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="user.login_failed").count() >= 5


def test_failures_for_one_email_do_not_lock_another(client, founder, other_founder):
    # given five failures for the founder
    for _ in range(5):
        _login(client, founder.email, "wrong-password")
    # when another person logs in from the same address
    response = _login(client, other_founder.email, PASSWORD)
    # then they get in
    assert response.status_code == 302


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2():
    # when a password is hashed with the production hasher list
    encoded = make_password("a-long-and-private-phrase")
    # then argon2 did it
    assert identify_hasher(encoded).algorithm == "argon2"


def test_changing_the_case_of_the_email_does_not_reset_the_count(client, founder):
    # given failures with the email in mixed case
    for variant in ("A", "b", "C", "d", "E"):
        email = founder.email.upper() if variant.isupper() else founder.email
        _login(client, email, "wrong-password")
    # when the right password is then tried
    response = _login(client, founder.email, PASSWORD)
    # then the lock holds
    assert response.status_code == 429
