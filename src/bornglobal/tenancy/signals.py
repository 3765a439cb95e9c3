"""Login and logout leave audit records; failed logins are counted by django-axes."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from bornglobal.tenancy import audit


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit.record(user, "user.login", target=user)


@receiver(user_login_failed)
def audit_login_failure(sender, credentials, request=None, **kwargs) -> None:
    audit.record(
        None, "user.login_failed", after={"email": str(credentials.get("username", ""))[:254]}
    )
