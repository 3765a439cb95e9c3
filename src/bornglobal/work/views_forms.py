"""Pages to create a project, add a role and send an offer by hand. Thin.

Each page is a Django form; a valid one becomes the service's draft
(`work.services.create_project/add_role/send_offer`) and a refusal of the service
is put back on the form with its code, answered with HTTP 400 (never a 500).
NotFound is a 404 and Forbidden a 403 (`refusals_as_http`).
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action
from bornglobal.network import selectors as network
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import forms, selectors, services
from bornglobal.work.page_actions import attempt as _attempt

SKILL_OPTIONS = 8
# What the form named that does not exist: said on the form, not a 404 page.
INPUT_NOT_FOUND = {"freelancer_not_found", "skill_not_found", "role_not_found"}


def _submit(request, form, write) -> object | None:
    """Run `write()` for a valid form; a refusal becomes a form error. The result or None."""
    if not form.is_valid():
        return None
    try:
        return write()
    except NotFound as error:
        if error.code not in INPUT_NOT_FOUND:
            raise
        form.add_error(None, f"{error.message} ({error.code})")
    except Forbidden:
        raise
    except django_forms.ValidationError as error:
        form.add_error(None, error)
    except DomainError as error:
        form.add_error(None, f"{error.message} ({error.code})")
    return None


def _page(request, template: str, context: dict):
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@login_required
@refusals_as_http
def new_project(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.EDIT_VENTURE)
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST":
        project = _submit(
            request,
            form,
            lambda: services.create_project(
                request.actor, venture_id, form.draft(venture.base_currency)
            ),
        )
        if project is not None:
            messages.success(request, f"Project “{project.title}” created: add its roles.")
            return redirect("work_board", venture_id, project.id)
    return _page(request, "work/project_form.html", {"venture": venture, "form": form})


@login_required
@refusals_as_http
def new_role(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.EDIT_VENTURE)
    project = selectors.project_for(request.actor, venture_id, project_id)
    form = forms.RoleForm(request.POST or None)
    if request.method == "POST":
        role = _submit(
            request,
            form,
            lambda: services.add_role(
                request.actor, venture_id, project_id, form.draft(project.budget_currency)
            ),
        )
        if role is not None:
            messages.success(request, f"Role “{role.title}” added.")
            return redirect("work_board", venture_id, project_id)
    context = {"venture": venture, "project": project, "form": form}
    return _page(request, "work/role_form.html", context)


@login_required
@refusals_as_http
def new_offer(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.MANAGE_MONEY)
    project = selectors.project_for(request.actor, venture_id, project_id)
    roles = list(project.roles.all())
    initial = {"role": request.GET.get("role")} if request.GET.get("role") else None
    form = forms.OfferForm(request.POST or None, roles=roles, initial=initial)
    if request.method == "POST":
        offer = _submit(
            request,
            form,
            lambda: services.send_offer(
                request.actor, venture_id, form.draft(project.budget_currency)
            ),
        )
        if offer is not None:
            messages.success(request, f"Offer sent to {offer.freelancer.full_name}.")
            return redirect("work_board", venture_id, project_id)
    context = {"venture": venture, "project": project, "form": form, "roles": roles}
    return _page(request, "work/offer_form.html", context)


@login_required
@require_GET
def skill_options(request):
    """`<option>`s of ESCO labels for a role's skill boxes (htmx fills the datalist)."""
    typed = next((value for value in request.GET.values() if value.strip()), "")
    query = " ".join(typed.split())[:100]
    skills = network.autocomplete(query, SKILL_OPTIONS) if query else []
    return render(request, "network/my_profile_skill_options.html", {"skills": skills})



@login_required
@require_POST
@refusals_as_http
def withdraw_offer(request, venture_id: int, offer_id: int):
    """Take back an offer not yet answered; a refusal is a message on the board."""
    offer = selectors.offers_of(request.actor, venture_id).filter(id=offer_id).first()
    if offer is None:
        raise NotFound("No such offer.")
    _attempt(
        request,
        lambda: services.withdraw_offer(request.actor, venture_id, offer_id),
        f"The offer to {offer.freelancer.full_name} is withdrawn.",
    )
    return redirect("work_board", venture_id, offer.project_id)
