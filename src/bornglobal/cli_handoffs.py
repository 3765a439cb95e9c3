"""`bornglobal handoffs …`: tasks passed along a project's follow-the-sun chain.

Every action takes `--as EMAIL` and acts with that person's permissions, as the web
app and the API do: the project's team (freelancers under an active contract) and the
venture's editors work on its tasks.

  tasks   a project's tasks, who holds each and from when, with the last note
  mine    the tasks that are yours now, and those coming to you (on your clock)
  chain   today's relay of the project's team, with local times
  add     a new task on a project
  pass    hand a task on: --done, --next, --blockers (to the next person, or --to)
  done    mark a task done
"""

from __future__ import annotations

import argparse
import json

from bornglobal.domain.errors import DomainError, NotFound


def _with_django(func):
    def run(args: argparse.Namespace) -> int:
        from bornglobal.cli import _setup_django

        _setup_django()
        return func(args)

    return run


def _user_id(email: str, code: str) -> int:
    from bornglobal.tenancy.models import User

    address = (email or "").strip().lower()
    found = User.objects.filter(email=address, is_active=True).values_list("id", flat=True)
    user_id = found.first()
    if user_id is None:
        raise DomainError(f"no active account has this email ({address})", code=code)
    return user_id


def _actor(args: argparse.Namespace):
    from bornglobal.tenancy.actors import Actor
    from bornglobal.tenancy.models import User

    try:
        user_id = _user_id(args.as_email, "user_not_found")
    except DomainError as missing:
        raise NotFound(missing.message, code="user_not_found") from None
    return Actor(User.objects.get(id=user_id))


def _local(instant, user) -> str:
    from zoneinfo import ZoneInfo

    from bornglobal.work import handoffs

    zone = handoffs.zone_of(user)
    return f"{instant.astimezone(ZoneInfo(zone)):%a %Y-%m-%d %H:%M} {zone}"


def _row(task, now) -> dict:
    notes = list(task.handoffs.all())
    last = notes[-1] if notes else None
    return {
        "id": task.id,
        "project": task.project_id,
        "title": task.title,
        "state": task.state,
        "holder": task.holder.email,
        "held_from": task.held_from.isoformat(),
        "held_from_local": _local(task.held_from, task.holder),
        "opened": task.held_from <= now,
        "last_note": (
            {"done": last.done, "next": last.next, "blockers": last.blockers} if last else None
        ),
        "handoffs": len(notes),
    }


def _print_rows(rows: list[dict], as_json: bool, what: str) -> None:
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        when = "since" if row["opened"] else "coming at"
        print(f"{row['id']:>6}  {row['state']:<4}  {row['title']}")
        print(f"        {row['holder']} {when} {row['held_from_local']}")
        note = row["last_note"]
        if note:
            for label in ("done", "next", "blockers"):
                if note[label]:
                    print(f"        {label}: {note[label]}")
    print(f"{len(rows)} {what}.")


@_with_django
def cmd_tasks(args: argparse.Namespace) -> int:
    from bornglobal import clock
    from bornglobal.work import handoffs

    now = clock.now()
    tasks = handoffs.tasks_of(_actor(args), args.project)
    _print_rows([_row(task, now) for task in tasks], args.json, "task(s)")
    return 0


@_with_django
def cmd_mine(args: argparse.Namespace) -> int:
    from bornglobal import clock
    from bornglobal.work import handoffs

    now = clock.now()
    rows = [_row(task, now) for task in handoffs.my_tasks(_actor(args))]
    _print_rows(rows, args.json, "task(s) yours now or coming to you")
    return 0


@_with_django
def cmd_chain(args: argparse.Namespace) -> int:
    from bornglobal.work import handoffs

    access = handoffs.project_access(_actor(args), args.project)
    turns = handoffs.chain_today(access.project)
    for mate, turn in turns:
        local = f"{turn.local(turn.opens_at):%H:%M}-{turn.local(turn.closes_at):%H:%M}"
        print(
            f"{turn.opens_at:%H:%M}-{turn.closes_at:%H:%M} UTC  {mate.member.name} "
            f"({local} {turn.zone})"
        )
    print(f"{len(turns)} turn(s) today (UTC).")
    return 0


@_with_django
def cmd_add(args: argparse.Namespace) -> int:
    from bornglobal.work import handoffs

    actor = _actor(args)
    holder = _user_id(args.holder, "not_on_team") if args.holder else None
    draft = handoffs.TaskDraft(args.title, args.description, holder)
    task = handoffs.create_task(actor, args.project, draft)
    opens = _local(task.held_from, task.holder)
    print(f"Task {task.id} added; held by {task.holder.email} from {opens}.")
    return 0


@_with_django
def cmd_pass(args: argparse.Namespace) -> int:
    from bornglobal.work import handoffs

    actor = _actor(args)
    to = _user_id(args.to, "not_on_team") if args.to else None
    note = handoffs.HandoffNote(args.done, args.next, args.blockers, to)
    handoff = handoffs.hand_off(actor, args.task, note)
    receiver = handoff.receiver
    print(
        f"Task {args.task} handed to {receiver.email}; theirs from "
        f"{_local(handoff.opens_at, receiver)}."
    )
    return 0


@_with_django
def cmd_done(args: argparse.Namespace) -> int:
    from bornglobal.work import handoffs

    task = handoffs.mark_done(_actor(args), args.task)
    print(f"Task {task.id} done.")
    return 0


def _as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as", dest="as_email", required=True, metavar="EMAIL", help="act as this person"
    )


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `handoffs` command group to the main parser."""
    group = sub.add_parser(
        "handoffs",
        help="tasks passed along a project's follow-the-sun chain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = group.add_subparsers(dest="handoffs_command", required=True, metavar="ACTION")
    for name, func, what in (
        ("tasks", cmd_tasks, "list a project's tasks"),
        ("chain", cmd_chain, "today's relay of a project's team"),
    ):
        listing = actions.add_parser(name, help=what, description=what.capitalize() + ".")
        listing.add_argument("--project", type=int, required=True, metavar="ID")
        _as(listing)
        if name == "tasks":
            listing.add_argument("--json", action="store_true", help="print JSON")
        listing.set_defaults(func=func)
    mine = actions.add_parser("mine", help="your tasks, now and coming", description="Your tasks.")
    _as(mine)
    mine.add_argument("--json", action="store_true", help="print JSON")
    mine.set_defaults(func=cmd_mine)
    add = actions.add_parser("add", help="add a task to a project", description="Add a task.")
    add.add_argument("--project", type=int, required=True, metavar="ID")
    add.add_argument("--title", required=True)
    add.add_argument("--description", default="")
    add.add_argument("--holder", metavar="EMAIL", help="a teammate (default: you or the chain)")
    _as(add)
    add.set_defaults(func=cmd_add)
    hand = actions.add_parser(
        "pass",
        help="hand a task on with a note",
        description="Hand TASK on with a note (--done or --next required). It goes to the "
        "next person in the chain, or --to a teammate, and becomes theirs when their "
        "working window opens.",
    )
    hand.add_argument("task", type=int, metavar="TASK")
    hand.add_argument("--done", default="", help="what is done")
    hand.add_argument("--next", default="", help="what is next")
    hand.add_argument("--blockers", default="", help="what blocks")
    hand.add_argument("--to", metavar="EMAIL", help="a teammate (default: the chain's next)")
    _as(hand)
    hand.set_defaults(func=cmd_pass)
    done = actions.add_parser("done", help="mark a task done", description="Mark TASK done.")
    done.add_argument("task", type=int, metavar="TASK")
    _as(done)
    done.set_defaults(func=cmd_done)
