"""Handoff endpoints: tasks passed along the follow-the-sun chain. Thin.

A project's tasks live under `/work/projects/{id}/tasks` for its team and the venture;
one task under `/work/tasks/{id}`; the freelancer's own under `/me/work/tasks`. Reads go
through `work.handoffs`' selectors, writes through its services (see docs/handoffs.md).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from bornglobal import clock
from bornglobal.apitypes import MAX_ID, InSchema, Int, Pages, Text
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import handoffs
from bornglobal.work.models_handoffs import MAX_NOTE

router = Router(tags=["work"])


class TaskPersonOut(Schema):
    id: int
    name: str
    time_zone: str


def _person(user) -> dict:
    return {
        "id": user.id,
        "name": user.full_name or user.email,
        "time_zone": handoffs.zone_of(user),
    }


class HandoffNoteOut(Schema):
    id: int
    giver: TaskPersonOut
    receiver: TaskPersonOut
    done: str
    next: str
    blockers: str
    handed_at: datetime
    opens_at: datetime

    @staticmethod
    def resolve_giver(handoff) -> dict:
        return _person(handoff.giver)

    @staticmethod
    def resolve_receiver(handoff) -> dict:
        return _person(handoff.receiver)


class TaskOut(Schema):
    id: int
    project_id: int
    title: str
    description: str
    state: str
    holder: TaskPersonOut
    held_from: datetime = Field(description="when the task is, or becomes, the holder's (UTC)")
    held_from_local: str = Field(description="the same instant on the holder's own clock")
    opened: bool = Field(description="true once the holder's window has opened")
    created_at: datetime
    done_at: datetime | None
    handoffs: list[HandoffNoteOut]

    @staticmethod
    def resolve_holder(task) -> dict:
        return _person(task.holder)

    @staticmethod
    def resolve_held_from_local(task) -> str:
        return task.held_from.astimezone(ZoneInfo(handoffs.zone_of(task.holder))).isoformat()

    @staticmethod
    def resolve_opened(task) -> bool:
        return task.held_from <= clock.now()

    @staticmethod
    def resolve_handoffs(task) -> list:
        return list(task.handoffs.all())


class TaskIn(InSchema):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field("", max_length=MAX_NOTE)
    holder_id: Int | None = Field(None, ge=1, le=MAX_ID, description="a teammate's user id")


class HandoffIn(InSchema):
    done: Text = Field("", max_length=MAX_NOTE, description="what is done")
    next: Text = Field("", max_length=MAX_NOTE, description="what is next")
    blockers: Text = Field("", max_length=MAX_NOTE, description="what blocks")
    to_user_id: Int | None = Field(
        None, ge=1, le=MAX_ID, description="a teammate; default: the next person in the chain"
    )


class ChainTurnOut(Schema):
    person: TaskPersonOut
    opens_at: datetime
    closes_at: datetime
    opens_local: str
    closes_local: str


PROJECT = "/work/projects/{project_id}"
TASK = "/work/tasks/{task_id}"


@router.get(f"{PROJECT}/tasks", response={200: list[TaskOut], **ERRORS})
@paginate(Pages)
def list_tasks(request, project_id: ObjectId):
    """The project's tasks, open first, each with its handoff notes as a thread."""
    return handoffs.tasks_of(actor_of(request), project_id)


@router.post(f"{PROJECT}/tasks", response={201: TaskOut, **ERRORS})
def create_task(request, project_id: ObjectId, payload: TaskIn):
    """A task held by the person named, else the creator (if on the team), else the
    person whose turn it is or comes next on the chain."""
    actor = actor_of(request)
    draft = handoffs.TaskDraft(payload.title, payload.description, payload.holder_id)
    task = handoffs.create_task(actor, project_id, draft)
    return Status(201, handoffs.task_for(actor, task.id))


@router.get(f"{PROJECT}/chain", response={200: list[ChainTurnOut], **ERRORS})
def chain_today(request, project_id: ObjectId):
    """Today's (UTC) relay of the project's team: who holds work when, with local times."""
    access = handoffs.project_access(actor_of(request), project_id)
    return [
        {
            "person": _person(mate.user),
            "opens_at": turn.opens_at,
            "closes_at": turn.closes_at,
            "opens_local": turn.local(turn.opens_at).isoformat(),
            "closes_local": turn.local(turn.closes_at).isoformat(),
        }
        for mate, turn in handoffs.chain_today(access.project)
    ]


@router.get(TASK, response={200: TaskOut, **ERRORS})
def get_task(request, task_id: ObjectId):
    return handoffs.task_for(actor_of(request), task_id)


@router.post(f"{TASK}/handoff", response={201: TaskOut, **ERRORS})
def hand_off(request, task_id: ObjectId, payload: HandoffIn):
    """Hand the task on with a note; it opens for the receiver when their window does."""
    actor = actor_of(request)
    note = handoffs.HandoffNote(payload.done, payload.next, payload.blockers, payload.to_user_id)
    handoffs.hand_off(actor, task_id, note)
    return Status(201, handoffs.task_for(actor, task_id))


@router.post(f"{TASK}/done", response={200: TaskOut, **ERRORS})
def mark_done(request, task_id: ObjectId):
    actor = actor_of(request)
    handoffs.mark_done(actor, task_id)
    return handoffs.task_for(actor, task_id)


@router.get("/me/work/tasks", response={200: list[TaskOut], **ERRORS})
@paginate(Pages)
def my_tasks(request):
    """Tasks that are yours now (`opened`) or coming to you (`held_from`)."""
    return handoffs.my_tasks(actor_of(request))


urlpatterns: list = []
