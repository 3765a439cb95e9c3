"""How the pages show a finished Teams job: one presenter per kind (see `jobs.kinds`).

Each takes the request and the job and answers the template that draws the result
inside the job's fragment, with its context, built from the job's result document
only (the same JSON the API answers): the solver's output on the Teams page, the rota
grid on the team clock, the proposed team with its coverage chart, alternatives and
the "Send offers" form on Assemble, and the offers sent.
"""

from __future__ import annotations

import json
from datetime import date

from django.urls import reverse

from bornglobal.domain.money import Money
from bornglobal.jobs.models import Job
from bornglobal.money.views_shared import viewer_locale
from bornglobal.work import clock_pages
from bornglobal.work.page_actions import new_key
from bornglobal.work.views_assemble import bar_chart, hour_spans


def present_team_solve(request, job: Job) -> tuple[str, dict]:
    output = job.result
    instance = job.input.get("instance")
    currency = instance.get("currency", "") if isinstance(instance, dict) else ""
    locale = viewer_locale(request.user)

    def money(minor):
        return None if minor is None or not currency else Money(minor, currency).format(locale)

    solved = {
        "output": output,
        "team": [{**member, "cost": money(member["cost_minor"])} for member in output["team"]],
        "cost": money(output["cost_minor"]),
        "bound": money(output["lower_bound_minor"]),
        "pretty": json.dumps(output, indent=2),
    }
    return "work/job_team_solve.html", {"solved": solved}


def present_clock_rota(request, job: Job) -> tuple[str, dict]:
    result = job.result
    return "work/team_clock_rota.html", {
        "rota_result": result,
        "rota_grid": clock_pages.rota_grid(result),
        "rota_runs": clock_pages.uncovered_runs(result),
        "rota_hours": [f"{h:02d}" for h in range(24)],
    }


def _hour_list(hours) -> str:
    return ", ".join(f"{h:02d}" for h in hours) or "none"


def _coverage_chart(proposal: dict) -> dict:
    rows = []
    if proposal["required_hours_utc"]:
        rows.append(("Required", hour_spans(proposal["required_hours_utc"], "viewer", "required")))
    for seat in proposal["team"]:
        rows.append((seat["name"], hour_spans(seat["hours_utc"], "person", "works")))
    if proposal["team"]:
        rows.append(("Team", hour_spans(proposal["covered_hours_utc"], "overlap", "covered")))
    return bar_chart(rows)


def _seats(proposal: dict, locale: str) -> list[dict]:
    currency = proposal["currency"]

    def money(minor: int) -> str:
        return Money(minor, currency).format(locale)

    return [
        {
            **seat,
            "cost": money(seat["cost_minor"]),
            "rate": Money(seat["rate_minor"], seat["rate_currency"]).format(locale),
            "alternatives": [
                {
                    **alt,
                    "cost": money(alt["cost_minor"]),
                    "delta": ("+" if alt["delta_minor"] > 0 else "") + money(alt["delta_minor"]),
                    "lost": _hour_list(alt["hours_lost_utc"]),
                    "gained": _hour_list(alt["hours_gained_utc"]),
                }
                for alt in seat["alternatives"]
            ],
        }
        for seat in proposal["team"]
    ]


def present_assemble_proposal(request, job: Job) -> tuple[str, dict]:
    proposal, locale = job.result, viewer_locale(request.user)
    currency = proposal["currency"]
    total = proposal["cost_minor"]
    budget = proposal["budget_minor"]
    hours = job.input["hours_utc"]
    project_id = job.input["project_id"]
    return "work/job_assemble_proposal.html", {
        "proposal": proposal,
        "on": date.fromisoformat(proposal["date"]),
        "seats": _seats(proposal, locale),
        "chart": _coverage_chart(proposal),
        "total": None if total is None else Money(total, currency).format(locale),
        "budget": Money(budget, currency).format(locale),
        "remaining": None if total is None else Money(budget - total, currency).format(locale),
        "offers_url": reverse("work_assemble_offers", args=[job.venture_id, project_id]),
        "hours_text": ",".join(str(h) for h in hours),
        "min_people": job.input["min_people"],
        "offers_key": new_key(),
    }


def present_assemble_offers(request, job: Job) -> tuple[str, dict]:
    project_id = job.input["project_id"]
    return "work/job_assemble_offers.html", {
        "offer_ids": job.result["offer_ids"],
        "board_url": reverse("work_board", args=[job.venture_id, project_id]),
    }
