"""Roles in a venture and what each may do.

A membership gives a user one role in one venture. The grants are a plain table
so that every app asks the same question (`may(role, action)`) and the answer is
default deny: an action not listed for a role is refused.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    MEMBER = "member"


class Action(StrEnum):
    VIEW_VENTURE = "view_venture"
    EDIT_VENTURE = "edit_venture"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_OWNERS = "manage_owners"
    VIEW_AUDIT = "view_audit"
    MANAGE_VENTURE_TOKENS = "manage_venture_tokens"
    DELETE_VENTURE = "delete_venture"
    VIEW_MONEY = "view_money"
    MANAGE_MONEY = "manage_money"


_MEMBER = frozenset({Action.VIEW_VENTURE, Action.VIEW_MEMBERS})
_MANAGER = _MEMBER | {
    Action.EDIT_VENTURE,
    Action.MANAGE_MEMBERS,
    Action.VIEW_AUDIT,
    Action.MANAGE_VENTURE_TOKENS,
    Action.VIEW_MONEY,
    Action.MANAGE_MONEY,
}
_OWNER = _MANAGER | {Action.MANAGE_OWNERS, Action.DELETE_VENTURE}

GRANTS: dict[Role, frozenset[Action]] = {
    Role.MEMBER: _MEMBER,
    Role.MANAGER: frozenset(_MANAGER),
    Role.OWNER: frozenset(_OWNER),
}


def may(role: Role | str | None, action: Action) -> bool:
    """True when `role` is granted `action`; anything unknown is refused."""
    if role is None:
        return False
    try:
        return action in GRANTS[Role(role)]
    except ValueError:
        return False


def may_assign(actor_role: Role | str | None, target_role: Role | str) -> bool:
    """Managers hand out member and manager roles; only owners make or unmake owners."""
    if Role(target_role) is Role.OWNER:
        return may(actor_role, Action.MANAGE_OWNERS)
    return may(actor_role, Action.MANAGE_MEMBERS)
