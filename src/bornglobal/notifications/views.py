"""The Notifications page: the inbox, mark read, open, and e-mail choices. Thin.

Reads go through `notifications.selectors`, writes through `notifications.services`.
Every change is a POST with the CSRF token; someone else's notification is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from bornglobal.notifications import selectors, services
from bornglobal.tenancy.views import refusals_as_http

PAGE_SIZE = 30


def _back(request, fallback: str = "/notifications/") -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("show") == "unread"
    found = selectors.inbox(request.actor, unread_only=unread_only)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread_only": unread_only,
        "choices": selectors.email_choices(request.actor),
    }
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
@refusals_as_http
def read(request, notification_id: int):
    services.mark_read(request.actor, notification_id)
    return redirect(_back(request))


@login_required
@require_POST
@refusals_as_http
def open_link(request, notification_id: int):
    """Mark it read and go where it points."""
    notification = services.mark_read(request.actor, notification_id)
    link = notification.link
    safe = link and url_has_allowed_host_and_scheme(link, {request.get_host()})
    return redirect(link if safe else "notifications")


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(request.actor)
    messages.success(request, f"{count} notification(s) marked read.")
    return redirect(_back(request))


@login_required
@require_POST
@refusals_as_http
def email_choices(request):
    wanted = set(request.POST.getlist("email"))
    for choice in selectors.email_choices(request.actor):
        services.set_email(request.actor, choice["kind"], choice["kind"] in wanted)
    messages.success(request, "E-mail choices saved.")
    return redirect("notifications")
