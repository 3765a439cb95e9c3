"""Tasks of a project and their handoffs along the follow-the-sun chain: reads and writes.

Who may do what:

- the project's **team** (freelancers with an active contract on it) and the venture's
  members who may edit it create tasks, hand them off and mark them done; the venture's
  other members may read them;
- a task is handed off by its holder, or on their behalf by a venture editor;
- anyone else, including a freelancer of another project, finds no such project or task
  (`not_found`), and a token scoped to a venture never reaches the freelancer's side.

Who receives a handoff is the rule of `domain.handoffs`: the next person in the relay
(or the person named), and the task becomes theirs when their window opens
(`Task.held_from`, `Handoff.opens_at`); before that it is coming to them. Every write
locks the task row, runs in one transaction and leaves an audit record, as a line on
the holder's contract timeline when they have a contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from bornglobal import clock
from bornglobal.domain import handoffs as rules
from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock_team import Member
from bornglobal.domain.contracts import ContractState
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.network.selectors_profiles import person_week
from bornglobal.notifications import task_events
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User
from bornglobal.work import timeline
from bornglobal.work.models import Contract, Project, ProjectStatus
from bornglobal.work.models_handoffs import MAX_NOTE, Handoff, Task, TaskState

MAX_TITLE = 200
CLOSED = (ProjectStatus.CLOSED, ProjectStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class Access:
    """What the actor may do on a project's tasks, and their own contract on it."""

    project: Project
    editor: bool
    contract: Contract | None

    @property
    def may_write(self) -> bool:
        return self.editor or self.contract is not None


@dataclass(frozen=True, slots=True)
class Teammate:
    """A freelancer on the project's team, as the clock sees them."""

    user: User
    contract: Contract
    member: Member


def _active_contracts(project_id: int) -> QuerySet[Contract]:
    return Contract.objects.filter(project_id=project_id, state=ContractState.ACTIVE)


def project_access(actor: Actor, project_id: int) -> Access:
    """The actor's access to the project's tasks; `not_found` when they have none."""
    project = Project.objects.select_related("venture").filter(id=project_id).first()
    if project is None:
        raise NotFound("No such project.")
    viewer = editor = False
    if actor.reaches_venture(project.venture_id):
        role = tenancy.role_in(actor.user, project.venture_id)
        viewer, editor = may(role, Action.VIEW_VENTURE), may(role, Action.EDIT_VENTURE)
    contract = None
    if actor.venture_scope is None:
        contract = _active_contracts(project.id).filter(freelancer=actor.user).order_by("id")
        contract = contract.first()
    if not viewer and contract is None:
        raise NotFound("No such project.")
    return Access(project, editor, contract)


def week_of(user: User) -> WorkingWeek:
    """The person's working week from their profile; 09:00-17:00 Mon-Fri without one."""
    return person_week(user)


def zone_of(user: User) -> str:
    return week_of(user).zone


def team_of(project: Project) -> list[Teammate]:
    """One teammate per freelancer with an active contract (their first), named uniquely."""
    contracts = _active_contracts(project.id).select_related("freelancer__profile__pattern", "role")
    team: list[Teammate] = []
    names: set[str] = set()
    for contract in contracts.order_by("id"):
        person = contract.freelancer
        if any(mate.user.id == person.id for mate in team):
            continue
        name = person.full_name or person.email
        if name.casefold() in names:
            name = f"{name} <{person.email}>"
        names.add(name.casefold())
        team.append(Teammate(person, contract, Member(name, week_of(person))))
    return team


def _teammate(team: list[Teammate], user_id: int | None) -> Teammate | None:
    return next((mate for mate in team if mate.user.id == user_id), None)


# Reads


def _with_thread(tasks: QuerySet[Task]) -> QuerySet[Task]:
    thread = Handoff.objects.select_related("giver", "receiver", "written_by")
    return tasks.select_related("holder", "project", "venture").prefetch_related(
        Prefetch("handoffs", queryset=thread.order_by("handed_at", "id"))
    )


def tasks_of(actor: Actor, project_id: int) -> QuerySet[Task]:
    """The project's tasks, open first, newest first, each with its handoff thread."""
    access = project_access(actor, project_id)
    return _with_thread(Task.objects.filter(project=access.project)).order_by("state", "-id")


def task_for(actor: Actor, task_id: int) -> Task:
    project_id = Task.objects.filter(id=task_id).values_list("project_id", flat=True).first()
    try:
        if project_id is None:
            raise NotFound("No such task.")
        return tasks_of(actor, project_id).get(id=task_id)
    except NotFound:
        raise NotFound("No such task.") from None


def my_tasks(actor: Actor) -> QuerySet[Task]:
    """Open tasks the actor holds or that are coming to them, on projects they work on;
    the ones already theirs first (by when they opened)."""
    if actor.venture_scope is not None:
        return Task.objects.none()
    projects = Contract.objects.filter(freelancer=actor.user, state=ContractState.ACTIVE)
    mine = Task.objects.filter(
        holder=actor.user,
        state=TaskState.OPEN,
        project_id__in=projects.values("project_id"),
    )
    return _with_thread(mine).order_by("held_from", "id")


def is_open_for_holder(task: Task) -> bool:
    """Whether the task is already its holder's: their window has opened."""
    return task.held_from <= clock.now()


# Writes


def _lock_task(task_id: int) -> Task:
    task = Task.objects.select_for_update(of=("self",)).filter(id=task_id).first()
    if task is None:
        raise NotFound("No such task.")
    return task


def _checked_text(text: str, what: str, limit: int = MAX_NOTE) -> str:
    cleaned = (text or "").strip()
    if len(cleaned) > limit:
        raise DomainError(f"The {what} is longer than {limit} characters.", code="note_too_long")
    return cleaned


def _writable(actor: Actor, project_id: int) -> Access:
    access = project_access(actor, project_id)
    if not access.may_write:
        raise Forbidden(
            "Only the project's team and the venture's editors work on its tasks.",
            code="not_on_project",
        )
    return access


def _log(actor: Actor, task: Task, name: str, note: str = "", **after) -> None:
    """A timeline line on the holder's contract (it audits too), else an audit record."""
    summary = {"task": task.id, "title": task.title, **after}
    if task.holder_contract_id is not None:
        contract = Contract.objects.select_related("venture").get(id=task.holder_contract_id)
        timeline.record(contract, name, actor.user, note=note, after=summary)
        return
    audit.record(actor.user, f"work.{name}", venture=task.venture, target=task, after=summary)


@dataclass(frozen=True, slots=True)
class TaskDraft:
    title: str
    description: str = ""
    holder_id: int | None = None  # a teammate's user id; default: the creator or the chain


def _first_holder(actor: Actor, team: list[Teammate], holder_id: int | None, now: datetime):
    if holder_id is not None:
        mate = _teammate(team, holder_id)
        if mate is None:
            raise DomainError("That person is not on the project's team.", code="not_on_team")
        return mate, rules.turn_of(mate.member, now)
    mate = _teammate(team, actor.user.id)
    if mate is not None:
        return mate, rules.turn_of(mate.member, now)
    turn = rules.receiver([m.member for m in team], None, now)
    return next(m for m in team if m.member.name == turn.member), turn


def create_task(actor: Actor, project_id: int, draft: TaskDraft) -> Task:
    """A task on the project, held by the person named, the creator if on the team, or
    whoever's turn it is (or is next) on the chain."""
    title = _checked_text(draft.title, "title", MAX_TITLE)
    description = _checked_text(draft.description, "description")
    if not title:
        raise DomainError("A task needs a title.", code="invalid_title")
    with transaction.atomic():
        access = _writable(actor, project_id)
        project = Project.objects.select_for_update(of=("self",)).get(id=access.project.id)
        if project.status in CLOSED:
            raise Conflict(f"The project is {project.status}.", code="project_closed")
        team = team_of(project)
        if not team:
            raise Conflict("Nobody is under contract on the project yet.", code="no_team")
        now = clock.now()
        mate, turn = _first_holder(actor, team, draft.holder_id, now)
        task = Task.objects.create(
            venture_id=project.venture_id,
            project=project,
            title=title,
            description=description,
            holder=mate.user,
            holder_contract=mate.contract,
            held_from=turn.opens_at,
            created_by=actor.user,
            created_at=now,
        )
        _log(
            actor, task, "task_created", holder=mate.user.email, opens_at=turn.opens_at.isoformat()
        )
    return task


@dataclass(frozen=True, slots=True)
class HandoffNote:
    done: str = ""
    next: str = ""
    blockers: str = ""
    to_user_id: int | None = None  # a teammate; default: the next person in the relay


def _receiver(team: list[Teammate], task: Task, to_user_id: int | None, now: datetime):
    if to_user_id is not None:
        mate = _teammate(team, to_user_id)
        if mate is None:
            raise DomainError("That person is not on the project's team.", code="not_on_team")
        if mate.user.id == task.holder_id:
            raise DomainError("The task is already theirs.", code="hand_to_yourself")
        return mate, rules.turn_of(mate.member, now)
    giver = _teammate(team, task.holder_id)
    members = [m.member for m in team]
    turn = rules.receiver(members, giver.member.name if giver else None, now)
    return next(m for m in team if m.member.name == turn.member), turn


def hand_off(actor: Actor, task_id: int, note: HandoffNote) -> Handoff:
    """Pass the task on with a note: done, next, blockers (done or next required)."""
    done, following = _checked_text(note.done, "done"), _checked_text(note.next, "next")
    blockers = _checked_text(note.blockers, "blockers")
    if not done and not following:
        raise DomainError("Say what is done or what is next.", code="empty_note")
    with transaction.atomic():
        task = _lock_task(task_id)
        access = _writable(actor, task.project_id)
        if task.holder_id != actor.user.id and not access.editor:
            raise Forbidden("Only the task's holder hands it off.", code="not_your_task")
        if task.state == TaskState.DONE:
            raise Conflict("The task is done.", code="task_done")
        now = clock.now()
        mate, turn = _receiver(team_of(access.project), task, note.to_user_id, now)
        handoff = Handoff.objects.create(
            task=task,
            giver_id=task.holder_id,
            receiver=mate.user,
            receiver_contract=mate.contract,
            written_by=actor.user,
            done=done,
            next=following,
            blockers=blockers,
            handed_at=now,
            opens_at=turn.opens_at,
        )
        _log(
            actor,
            task,
            "task_handed_off",
            note=following or done,
            to=mate.user.email,
            opens_at=turn.opens_at.isoformat(),
        )
        task.holder, task.holder_contract, task.held_from = mate.user, mate.contract, turn.opens_at
        task.save(update_fields=["holder", "holder_contract", "held_from"])
        task_events.on_task_handed_off(handoff, actor.user)
    return handoff


def mark_done(actor: Actor, task_id: int) -> Task:
    """The task is finished: it leaves everyone's list; its thread stays."""
    with transaction.atomic():
        task = _lock_task(task_id)
        access = _writable(actor, task.project_id)
        if task.holder_id != actor.user.id and not access.editor:
            raise Forbidden("Only the task's holder marks it done.", code="not_your_task")
        if task.state == TaskState.DONE:
            raise Conflict("The task is already done.", code="task_done")
        task.state, task.done_at = TaskState.DONE, clock.now()
        task.save(update_fields=["state", "done_at"])
        _log(actor, task, "task_done")
    return task


def chain_today(project: Project, now: datetime | None = None) -> list[tuple[Teammate, rules.Turn]]:
    """Today's (UTC) relay of the project's team, each turn with its teammate."""
    team = team_of(project)
    if not team:
        return []
    moment = now or clock.now()
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    by_name = {mate.member.name: mate for mate in team}
    turns = rules.turns([m.member for m in team], midnight, midnight + timedelta(days=1))
    return [(by_name[turn.member], turn) for turn in turns]
