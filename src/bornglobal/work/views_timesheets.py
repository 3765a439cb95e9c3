"""Timesheet pages of an hourly contract. Thin.

The freelancer logs time by hand (their local time, minutes, a memo) and sees each
week against the cap (`work.timesheets.log_time`); the venture sees each week's
entries, funds this week or the next (`work.timesheet_weeks.fund_week`), approves an
ended week, which pays it from that week's escrow (`work.timesheets.approve_week`),
and ends the contract (`end_hourly`), all with the page's idempotency key.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import contract_pages, timesheet_weeks, timesheets
from bornglobal.work.contract_pages import FREELANCER, VENTURE
from bornglobal.work.forms import TimeEntryForm
from bornglobal.work.page_actions import attempt as _attempt
from bornglobal.work.page_actions import new_key as _key


def _context(contract, side: str, form=None) -> dict:
    weeks = contract_pages.weeks(contract)
    return {
        "contract": contract,
        "side": side,
        "hourly": contract.contract_type == "hourly",
        "weeks": weeks,
        "to_fund": contract_pages.weeks_to_fund(contract, weeks),
        "ceiling": contract.terms.weekly_ceiling,
        "form": form,
        "key": _key(),
    }


@login_required
@refusals_as_http
def my_timesheet(request, contract_id: int):
    contract = contract_pages.contract_as(request.actor, FREELANCER, contract_id, None)
    form = TimeEntryForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                timesheets.log_time(
                    request.actor, contract.id, data["started"], data["minutes"], data["memo"]
                )
            except (NotFound, Forbidden):
                raise
            except DomainError as error:
                form.add_error(None, f"{error.message} ({error.code})")
            else:
                messages.success(request, f"{data['minutes']} minutes logged.")
                return redirect("work_my_timesheet", contract.id)
    context = _context(contract, FREELANCER, form)
    return render(request, "work/timesheet.html", context, status=status)


@login_required
@require_GET
@refusals_as_http
def venture_timesheet(request, venture_id: int, contract_id: int):
    contract = contract_pages.contract_as(request.actor, VENTURE, contract_id, venture_id)
    return render(request, "work/timesheet.html", _context(contract, VENTURE))


def _week_action(request, venture_id: int, contract_id: int, action, done: str):
    """Run `action(week, key)` on the posted week; refusals are messages on the page."""
    contract = contract_pages.contract_as(request.actor, VENTURE, contract_id, venture_id)
    key = request.POST.get("key", "") or _key()
    try:
        week = date.fromisoformat(request.POST.get("week", ""))
    except ValueError:
        messages.error(request, "Pick a week (invalid_week).")
    else:
        _attempt(request, lambda: action(week, key), done.format(week=f"{week:%-d %b %Y}"))
    return redirect("work_timesheet", venture_id, contract.id)


@login_required
@require_POST
@refusals_as_http
def approve(request, venture_id: int, contract_id: int):
    def action(week, key):
        return timesheets.approve_week(request.actor, venture_id, contract_id, week, key)

    return _week_action(
        request, venture_id, contract_id, action, "The week of {week} is approved and paid."
    )


@login_required
@require_POST
@refusals_as_http
def fund(request, venture_id: int, contract_id: int):
    def action(week, key):
        return timesheet_weeks.fund_week(request.actor, venture_id, contract_id, week, key)

    return _week_action(
        request, venture_id, contract_id, action, "The week of {week} is funded in escrow."
    )


@login_required
@require_POST
@refusals_as_http
def end(request, venture_id: int, contract_id: int):
    contract = contract_pages.contract_as(request.actor, VENTURE, contract_id, venture_id)
    key = request.POST.get("key", "") or _key()
    _attempt(
        request,
        lambda: timesheet_weeks.end_hourly(request.actor, venture_id, contract.id, key),
        "The contract has ended; unused weeks went back to the wallet.",
    )
    return redirect("work_timesheet", venture_id, contract.id)
