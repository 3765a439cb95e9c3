"""Deployment checks of our own, run by `bornglobal manage check --deploy`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def https_needs_a_trusted_proxy(app_configs, **kwargs) -> list[Warning]:
    """An https instance URL with no trusted proxy: Django never sees a request as HTTPS
    (the proxy's X-Forwarded-Proto is ignored), so it sends no HSTS header and cannot
    redirect HTTP to HTTPS."""
    if getattr(settings, "SERVED_OVER_HTTPS", False) and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "BORNGLOBAL_INSTANCE_URL is https but BORNGLOBAL_TRUSTED_PROXIES is empty: "
                "requests through the TLS proxy look like plain HTTP to the app, so no HSTS "
                "header is sent and HTTP is not redirected to HTTPS.",
                hint="Set BORNGLOBAL_TRUSTED_PROXIES to the proxy's address (e.g. 127.0.0.1) "
                "and have the proxy send X-Forwarded-Proto and X-Forwarded-For.",
                id="bornglobal.W001",
            )
        ]
    return []
