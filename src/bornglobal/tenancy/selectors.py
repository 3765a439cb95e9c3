"""Reads of the platform app, already scoped to what the actor may see.

Default deny: a venture the actor is not a member of (or that their token does
not reach) does not exist for them, so the answer is `NotFound`, never a hint
that it exists. A member whose role lacks the action gets `Forbidden`.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from bornglobal.domain.errors import Forbidden, NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import ApiToken, AuditEvent, Membership, User, Venture


def role_in(user: User, venture_id: int) -> str | None:
    return (
        Membership.objects.filter(user=user, venture_id=venture_id)
        .values_list("role", flat=True)
        .first()
    )


def ventures_for(actor: Actor) -> QuerySet[Venture]:
    if actor.freelancer_only:
        return Venture.objects.none()
    ventures = Venture.objects.filter(memberships__user=actor.user)
    if actor.venture_scope is not None:
        ventures = ventures.filter(id=actor.venture_scope)
    return ventures.annotate(member_count=Count("memberships", distinct=True)).order_by(
        "name", "id"
    )


def venture_for(actor: Actor, venture_id: int, action: Action = Action.VIEW_VENTURE) -> Venture:
    """The venture if the actor may perform `action` on it; else NotFound or Forbidden."""
    membership = None
    if actor.reaches_venture(venture_id):
        membership = (Membership.objects.select_related("venture")
                      .filter(user=actor.user, venture_id=venture_id).first())
    if membership is None:
        raise NotFound("No such venture.")
    if not may(membership.role, action):
        raise Forbidden(f"Your role ({membership.role}) may not do this.", code="role_forbidden")
    return membership.venture


def memberships_of(actor: Actor, venture_id: int) -> QuerySet[Membership]:
    venture = venture_for(actor, venture_id, Action.VIEW_MEMBERS)
    return Membership.objects.filter(venture=venture).select_related("user").order_by("id")


def membership_for(actor: Actor, venture_id: int, membership_id: int) -> Membership:
    membership = memberships_of(actor, venture_id).filter(id=membership_id).first()
    if membership is None:
        raise NotFound("No such membership.")
    return membership


def my_memberships(actor: Actor) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(user=actor.user).select_related("venture")
    if actor.freelancer_only:
        return memberships.none()
    if actor.venture_scope is not None:
        memberships = memberships.filter(venture_id=actor.venture_scope)
    return memberships.order_by("venture__name", "id")


def tokens_of(actor: Actor) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.filter(user=actor.user).select_related("venture")
    if not actor.may_manage_own_account:
        return tokens.none()
    return tokens


def token_for(actor: Actor, token_id: int) -> ApiToken:
    token = tokens_of(actor).filter(id=token_id).first()
    if token is None:
        raise NotFound("No such token.")
    return token


def audit_of(actor: Actor, venture_id: int) -> QuerySet[AuditEvent]:
    venture = venture_for(actor, venture_id, Action.VIEW_AUDIT)
    return AuditEvent.objects.filter(venture=venture).order_by("-created_at", "-id")


def my_audit(actor: Actor) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(actor=actor.user).order_by("-created_at", "-id")
