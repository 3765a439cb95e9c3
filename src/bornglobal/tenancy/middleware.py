"""Request middleware of the platform.

- `TrustedProxyMiddleware` (first in the chain) drops the forwarded headers of a request
  whose peer is not a trusted proxy (see `proxies.py`).
- `CurrentVentureMiddleware` puts the actor and the current venture (the one picked in
  the switcher) on the request.
"""

from __future__ import annotations

from bornglobal.tenancy import proxies
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Membership

SESSION_KEY = "bornglobal_venture_id"


class TrustedProxyMiddleware:
    """X-Forwarded-* headers count only from a peer in `BORNGLOBAL_TRUSTED_PROXIES`.

    Django trusts `SECURE_PROXY_SSL_HEADER` from whoever sends it, so a client that can
    reach the app directly could claim HTTPS. Dropping the headers of untrusted peers
    here, before `SecurityMiddleware`, makes the setting safe to turn on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not proxies.peer_is_trusted(request):
            for header in proxies.FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class CurrentVentureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_membership = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.actor = Actor(user=user)
            request.current_membership = current_membership(request)
        return self.get_response(request)


def current_membership(request) -> Membership | None:
    memberships = Membership.objects.filter(user=request.user).select_related("venture")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        membership = memberships.filter(venture_id=chosen).first()
        if membership is not None:
            return membership
    return memberships.order_by("venture__name", "id").first()
