"""A handed-off task's receiver is told it is coming, and from when it is theirs.

`work.handoffs.hand_off` calls `on_task_handed_off` in its transaction. The message
names the task, the instant it becomes the receiver's in their own local time (when
their working window opens, or now if they are on), and carries the note: what is
done, what is next, what blocks. Nobody is told about a handoff to themselves.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse

from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Side


def _body(handoff) -> str:
    lines = [
        f"{label}: {text}"
        for label, text in (
            ("Done", handoff.done),
            ("Next", handoff.next),
            ("Blockers", handoff.blockers),
        )
        if text
    ]
    return "\n".join(lines)


def on_task_handed_off(handoff, writer) -> None:
    receiver = handoff.receiver
    if receiver.id == writer.id:
        return
    opens = handoff.opens_at.astimezone(ZoneInfo(receiver.time_zone))
    when = "now" if handoff.opens_at <= handoff.handed_at else f"from {opens:%a %d %b %H:%M}"
    task = handoff.task
    services.notify(
        [
            services.Message(
                receiver,
                Kind.HANDOFF,
                Side.FREELANCER,
                f"handoff:{handoff.id}",
                f"{task.title}: yours {when} ({receiver.time_zone})",
                _body(handoff),
                reverse("work_my_tasks"),
                task.venture_id,
                handoff.receiver_contract_id,
            )
        ]
    )
