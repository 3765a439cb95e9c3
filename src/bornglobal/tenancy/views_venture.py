"""Venture pages: the founder home, venture settings and the members table.

The members table is an htmx partial: adding a member, changing a role and
removing a member answer an htmx request with the fresh table (and the chart
data of the team's time zones), and a plain form post with a redirect.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, Role, may, may_assign
from bornglobal.tenancy import selectors, services
from bornglobal.tenancy.forms import (
    AddMemberForm,
    ChangeRoleForm,
    VentureForm,
    role_choices,
    show_domain_error,
)
from bornglobal.tenancy.middleware import SESSION_KEY
from bornglobal.tenancy.models import Membership
from bornglobal.tenancy.views import clock_label, offset_label, refusals_as_http

RECENT_AUDIT_EVENTS = 10


@dataclass(frozen=True, slots=True)
class MemberRow:
    membership: Membership
    country: str
    local_time: str
    offset_minutes: int
    offset: str
    may_change: bool
    may_remove: bool
    is_self: bool


def member_rows(actor, venture_id: int, actor_role: str | None, now: datetime) -> list[MemberRow]:
    manages = may(actor_role, Action.MANAGE_MEMBERS)
    rows = []
    for membership in selectors.memberships_of(actor, venture_id):
        person = membership.user
        minutes = places.utc_offset_minutes(person.time_zone, now)
        is_self = person.id == actor.user.id
        may_change = manages and may_assign(actor_role, membership.role)
        rows.append(MemberRow(
            membership=membership,
            country=places.country_name(person.country),
            local_time=clock_label(person.time_zone, now),
            offset_minutes=minutes,
            offset=offset_label(minutes),
            may_change=may_change,
            may_remove=may_change or is_self,
            is_self=is_self,
        ))
    return rows


def zone_chart(rows: list[MemberRow]) -> dict:
    """Members per UTC offset, west to east, with their names for the tooltips."""
    counts = Counter(row.offset_minutes for row in rows)
    names = defaultdict(list)
    for row in rows:
        names[row.offset_minutes].append(row.membership.user.full_name)
    offsets = sorted(counts)
    return {
        "labels": [offset_label(minutes) for minutes in offsets],
        "counts": [counts[minutes] for minutes in offsets],
        "names": [names[minutes] for minutes in offsets],
    }


def _assignable(role: str | None) -> list[Role]:
    return [candidate for candidate in Role if may_assign(role, candidate)]


def members_context(request, venture, add_form=None, notice="", error="") -> dict:
    actor = request.actor
    role = selectors.role_in(actor.user, venture.id)
    rows = member_rows(actor, venture.id, role, timezone.now())
    assignable = _assignable(role)
    return {
        "venture": venture,
        "rows": rows,
        "may_manage_members": may(role, Action.MANAGE_MEMBERS),
        "assignable_roles": role_choices(assignable),
        "add_form": add_form or AddMemberForm(roles=assignable),
        "members_notice": notice,
        "members_error": error,
        "zone_chart": zone_chart(rows),
    }


def _venture_initial(venture) -> dict:
    return {name: getattr(venture, name)
            for name in ("name", "legal_country", "base_currency", "vat_id")}


def _remember(request, venture_id: int) -> None:
    if request.session.get(SESSION_KEY) != venture_id:
        request.session[SESSION_KEY] = venture_id


def recent_audit(actor, venture_id: int, role: str | None) -> list[dict] | None:
    """The latest audit events, described; None when the role may not see the audit."""
    if not may(role, Action.VIEW_AUDIT):
        return None
    events = selectors.audit_of(actor, venture_id)[:RECENT_AUDIT_EVENTS]
    return [describe(event) for event in events]


def describe(event) -> dict:
    after = event.summary.get("after") or event.summary.get("before") or {}
    return {
        "at": event.created_at,
        "who": event.actor_label,
        "what": event.action.replace(".", " ").replace("_", " "),
        "detail": ", ".join(f"{key}: {value}" for key, value in after.items()),
    }


@login_required
@refusals_as_http
def venture_home(request, venture_id: int):
    actor = request.actor
    venture = selectors.venture_for(actor, venture_id)
    _remember(request, venture.id)
    role = selectors.role_in(actor.user, venture.id)
    context = members_context(request, venture)
    context.update({
        "role": role,
        "shell_venture_id": venture.id,
        "legal_country": places.country_name(venture.legal_country),
        "audit_events": recent_audit(actor, venture.id, role),
        "venture_form": None,
    })
    if may(role, Action.EDIT_VENTURE):
        context["venture_form"] = VentureForm(initial=_venture_initial(venture))
    return render(request, "tenancy/founder_home.html", context)


@login_required
@refusals_as_http
def venture_new(request):
    form = VentureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            venture = services.create_venture(request.actor, **form.cleaned_data)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_domain_error(form, error)
        else:
            _remember(request, venture.id)
            messages.success(request, f"{venture.name} is created. You are its owner.")
            return redirect("venture_home", venture_id=venture.id)
    return render(request, "tenancy/venture_new.html", {"form": form})


@login_required
@refusals_as_http
def venture_edit(request, venture_id: int):
    venture = selectors.venture_for(request.actor, venture_id, Action.EDIT_VENTURE)
    form = VentureForm(request.POST or None, initial=_venture_initial(venture))
    if request.method == "POST" and form.is_valid():
        try:
            venture = services.update_venture(request.actor, venture.id, **form.cleaned_data)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_domain_error(form, error)
        else:
            messages.success(request, "The venture's details are saved.")
            return redirect("venture_home", venture_id=venture.id)
    context = {"form": form, "venture": venture, "shell_venture_id": venture.id}
    return render(request, "tenancy/venture_edit.html", context)


def _members_answer(request, venture, add_form=None, notice="", error=""):
    """The fresh members table for htmx; a redirect with a message for a plain post."""
    if request.htmx:
        context = members_context(request, venture, add_form, notice, error)
        role = selectors.role_in(request.actor.user, venture.id)
        context["audit_events"] = recent_audit(request.actor, venture.id, role)
        context["audit_oob"] = context["audit_events"] is not None
        return render(request, "tenancy/_members.html", context)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect("venture_home", venture_id=venture.id)


def _form_problem(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


@login_required
@require_POST
@refusals_as_http
def member_add(request, venture_id: int):
    actor = request.actor
    venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MEMBERS)
    roles = _assignable(selectors.role_in(actor.user, venture.id))
    form = AddMemberForm(request.POST, roles=roles)
    if not form.is_valid():
        return _members_answer(request, venture, form, error=_form_problem(form))
    try:
        membership = services.add_member(actor, venture.id, **form.cleaned_data)
    except (NotFound, Forbidden) as error:
        if getattr(error, "code", "") != "user_not_found":
            raise
        show_domain_error(form, error)
        return _members_answer(request, venture, form, error=error.message)
    except DomainError as error:
        show_domain_error(form, error)
        return _members_answer(request, venture, form, error=error.message)
    notice = f"{membership.user.full_name} joined as {membership.role}."
    return _members_answer(request, venture, notice=notice)


@login_required
@require_POST
@refusals_as_http
def member_role(request, venture_id: int, membership_id: int):
    actor = request.actor
    membership = selectors.membership_for(actor, venture_id, membership_id)
    venture = membership.venture
    form = ChangeRoleForm(request.POST)
    if not form.is_valid():
        return _members_answer(request, venture, error=_form_problem(form))
    try:
        services.change_role(actor, venture.id, membership.id, form.cleaned_data["role"])
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        return _members_answer(request, venture, error=error.message)
    notice = f"{membership.user.full_name} is now {form.cleaned_data['role']}."
    return _members_answer(request, venture, notice=notice)


@login_required
@require_POST
@refusals_as_http
def member_remove(request, venture_id: int, membership_id: int):
    actor = request.actor
    membership = selectors.membership_for(actor, venture_id, membership_id)
    venture = membership.venture
    try:
        services.remove_member(actor, venture.id, membership.id)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        return _members_answer(request, venture, error=error.message)
    if membership.user_id == actor.user.id:
        messages.success(request, f"You left {venture.name}.")
        if request.htmx:
            return HttpResponseClientRedirect(reverse("home"))
        return redirect("home")
    return _members_answer(request, venture, notice=f"{membership.user.full_name} was removed.")
