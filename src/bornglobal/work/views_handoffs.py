"""Pages: a project's "Tasks and handoffs" and the freelancer's "My tasks".

The project page shows the tasks, who holds each (and from when on their clock), the
handoff notes as a thread, and today's chain order with local times. My tasks shows
what is mine now and what comes to me next, at what time on MY clock, with the last
note's done / next / blockers first. Both carry the hand-off form. Reads and writes
go through `work.handoffs`; views only shape what the templates show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.errors import DomainError
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import handoffs
from bornglobal.work.models_handoffs import Handoff, Task
from bornglobal.work.page_actions import attempt


def _local(instant: datetime, zone: str) -> str:
    return f"{instant.astimezone(ZoneInfo(zone)):%a %d %b %H:%M} ({zone})"


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task as a page shows it."""

    task: Task
    opened: bool
    opens_local: str
    last: Handoff | None
    thread: list[dict]
    may_act: bool


def _thread(task: Task) -> list[dict]:
    return [
        {
            "note": note,
            "handed": _local(note.handed_at, handoffs.zone_of(note.giver)),
            "opens": _local(note.opens_at, handoffs.zone_of(note.receiver)),
        }
        for note in task.handoffs.all()
    ]


def _rows(tasks, viewer, editor: bool, zone: str | None = None) -> list[TaskRow]:
    now = clock.now()
    rows = []
    for task in tasks:
        notes = list(task.handoffs.all())
        rows.append(
            TaskRow(
                task=task,
                opened=task.held_from <= now,
                opens_local=_local(task.held_from, zone or handoffs.zone_of(task.holder)),
                last=notes[-1] if notes else None,
                thread=_thread(task),
                may_act=task.state == "open" and (editor or task.holder_id == viewer.id),
            )
        )
    return rows


def chain_rows(project) -> list[dict]:
    """Today's chain of the project's team, for the pages (local and UTC times)."""
    now = clock.now()
    return [
        {
            "name": mate.member.name,
            "zone": turn.zone,
            "opens": f"{turn.local(turn.opens_at):%H:%M}",
            "closes": f"{turn.local(turn.closes_at):%H:%M}",
            "utc": f"{turn.opens_at:%H:%M}-{turn.closes_at:%H:%M} UTC",
            "on_now": turn.opens_at <= now < turn.closes_at,
        }
        for mate, turn in handoffs.chain_today(project)
    ]


@login_required
@refusals_as_http
def project_tasks(request, project_id: int, venture_id: int | None = None):
    access = handoffs.project_access(request.actor, project_id)
    if venture_id is not None and access.project.venture_id != venture_id:
        raise Http404("No such project.")
    tasks = handoffs.tasks_of(request.actor, project_id)
    context = {
        "project": access.project,
        "venture": access.project.venture if venture_id else None,
        "access": access,
        "rows": _rows(tasks, request.user, access.editor),
        "chain": chain_rows(access.project),
        "team": handoffs.team_of(access.project),
        "today": clock.today(),
        "back": request.path,
    }
    return render(request, "work/handoffs.html", context)


@login_required
@refusals_as_http
def my_tasks(request):
    zone = handoffs.zone_of(request.user)
    rows = _rows(handoffs.my_tasks(request.actor), request.user, False, zone)
    teams = {}
    for row in rows:
        if row.task.project_id not in teams:
            teams[row.task.project_id] = handoffs.team_of(row.task.project)
    context = {
        "now_rows": [(row, teams[row.task.project_id]) for row in rows if row.opened],
        "coming_rows": [(row, teams[row.task.project_id]) for row in rows if not row.opened],
        "zone": zone,
        "now_local": _local(clock.now(), zone),
        "back": request.path,
    }
    return render(request, "work/handoffs_mine.html", context)


def _back(request) -> str:
    back = request.POST.get("back", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("work_my_tasks")


def _int_or_none(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise DomainError("Choose a person from the list.", code="invalid_person")
    return int(text)


def _attempt(request, action, success: str):
    """Run the write; a refusal is a message on the page it came from."""
    attempt(request, action, success)
    return redirect(_back(request))


@login_required
@require_POST
@refusals_as_http
def create_task(request, project_id: int):
    data = request.POST

    def create():
        draft = handoffs.TaskDraft(
            data.get("title", ""), data.get("description", ""), _int_or_none(data.get("holder"))
        )
        handoffs.create_task(request.actor, project_id, draft)

    return _attempt(request, create, "Task added.")


@login_required
@require_POST
@refusals_as_http
def hand_off(request, task_id: int):
    data = request.POST

    def hand():
        note = handoffs.HandoffNote(
            data.get("done", ""),
            data.get("next", ""),
            data.get("blockers", ""),
            _int_or_none(data.get("to")),
        )
        passed = handoffs.hand_off(request.actor, task_id, note)
        zone = handoffs.zone_of(passed.receiver)
        who = passed.receiver.full_name or passed.receiver.email
        messages.info(request, f"Handed to {who}; theirs from {_local(passed.opens_at, zone)}.")

    return _attempt(request, hand, "Handoff written.")


@login_required
@require_POST
@refusals_as_http
def mark_done(request, task_id: int):
    return _attempt(request, lambda: handoffs.mark_done(request.actor, task_id), "Task done.")
