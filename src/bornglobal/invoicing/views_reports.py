"""Tax report pages and their CSV downloads: the domestic VAT summary, the OSS return
and the EC sales list for a period (by issue date). Reads go through `reports`."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bornglobal import clock
from bornglobal.domain.errors import DomainError
from bornglobal.domain.roles import Action, may
from bornglobal.invoicing import reports, selectors
from bornglobal.invoicing.forms import PeriodForm
from bornglobal.tenancy.views import refusals_as_http

TITLES = {
    "vat-summary": "Domestic VAT summary",
    "oss": "OSS return",
    "ec-sales-list": "EC sales list",
}


def _period(request) -> tuple[PeriodForm, date, date]:
    start, end = reports.previous_quarter(clock.today())
    form = PeriodForm(request.GET or {"start": start, "end": end})
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@login_required
@refusals_as_http
def report_page(request, venture_id: int):
    venture = selectors.books(request.actor, venture_id)
    form, start, end = _period(request)
    query = f"?start={start.isoformat()}&end={end.isoformat()}"
    sections = []
    for kind in reports.KINDS:
        try:
            found = reports.rows(kind, request.actor, venture.id, start, end)
        except DomainError as error:
            form.add_error(None, error.message)
            found = []
        sections.append(
            {
                "kind": kind,
                "title": TITLES[kind],
                "header": [name.replace("_", " ") for name in reports.header(kind)],
                "rows": [astuple(row) for row in found],
                "csv": reverse("invoicing_report_csv", args=[venture.id, kind]) + query,
            }
        )
    return render(
        request,
        "invoicing/reports.html",
        {
            "venture": venture,
            "shell_venture_id": venture.id,
            "form": form,
            "start": start,
            "end": end,
            "sections": sections,
        },
    )


@login_required
@refusals_as_http
def report_csv(request, venture_id: int, kind: str):
    if kind not in reports.KINDS:
        raise Http404("No such report.")
    form, start, end = _period(request)
    if not form.is_valid():
        return HttpResponse(
            "; ".join(e for errs in form.errors.values() for e in errs),
            status=400,
            content_type="text/plain",
        )
    try:
        found = reports.rows(kind, request.actor, venture_id, start, end)
    except DomainError as error:
        if error.status in (403, 404):
            raise
        return HttpResponse(error.message, status=400, content_type="text/plain")
    response = HttpResponse(reports.as_csv(kind, found), content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="{kind}-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    return response


@login_required
def reports_current(request):
    membership = getattr(request, "current_membership", None)
    if membership is not None and may(membership.role, Action.VIEW_MONEY):
        return redirect("invoicing_reports", venture_id=membership.venture_id)
    return redirect("invoicing_mine")
