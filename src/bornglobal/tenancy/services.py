"""Every write of the platform app: accounts, ventures, memberships and tokens.

Each service owns its transaction, checks permission through the selectors
(default deny: a venture the actor cannot reach is "not found"), locks rows in
primary-key order where a rule spans rows (the last owner), and leaves an audit
record.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, Role, may_assign
from bornglobal.tenancy import audit, selectors
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.locks import lock_ventures
from bornglobal.tenancy.models import ApiToken, Membership, TokenScope, User, Venture

TOKEN_PREFIX = "bg"  # noqa: S105  (a public marker, not a secret)


@dataclass(frozen=True, slots=True)
class PersonDetails:
    full_name: str
    country: str
    time_zone: str
    currency: str
    locale: str = "en"
    is_freelancer: bool = False


def _clean_person(details: PersonDetails) -> dict:
    name = details.full_name.strip()
    if not name:
        raise DomainError("A full name is required.", code="invalid_name")
    return {
        "full_name": name[:200],
        "country": places.country_code(details.country),
        "time_zone": places.time_zone(details.time_zone),
        "currency": places.currency_code(details.currency),
        "locale": (details.locale or "en")[:16],
        "is_freelancer": details.is_freelancer,
    }


def _clean_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise DomainError(f"{raw!r} is not an email address.", code="invalid_email") from None
    return email


def sign_up(email: str, password: str, details: PersonDetails) -> User:
    email = _clean_email(email)
    fields = _clean_person(details)
    candidate = User(email=email, **fields)
    try:
        validate_password(password, candidate)
    except DjangoValidationError as error:
        raise DomainError(
            "The password is too weak.", code="weak_password", details=error.messages
        ) from None
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise Conflict("An account with this email already exists.", code="email_taken")
        try:
            user = User.objects.create_user(email, password, **fields)
        except IntegrityError:
            raise Conflict(
                "An account with this email already exists.", code="email_taken"
            ) from None
        audit.record(user, "user.signed_up", target=user, after={"email": email})
    return user


def update_profile(actor: Actor, **changes) -> User:
    if not actor.may_manage_own_account:
        raise Forbidden("This token may not change the account.", code="token_scope")
    user = actor.user
    values = {
        name: changes[name] if changes.get(name) is not None else getattr(user, name)
        for name in ("full_name", "country", "time_zone", "currency", "locale", "is_freelancer")
    }
    fields = _clean_person(PersonDetails(**values))
    with transaction.atomic():
        before, after = audit.changes(user, fields)
        if after:
            User.objects.filter(pk=user.pk).update(**fields)
            audit.record(user, "user.updated", target=user, before=before, after=after)
    user.refresh_from_db()
    return user


def create_venture(
    actor: Actor, name: str, legal_country: str, base_currency: str, vat_id: str = ""
) -> Venture:
    if not actor.may_manage_own_account:
        raise Forbidden("This token may not create ventures.", code="token_scope")
    fields = _clean_venture(name, legal_country, base_currency, vat_id)
    with transaction.atomic():
        venture = Venture.objects.create(created_by=actor.user, created_at=clock.now(), **fields)
        Membership.objects.create(
            user=actor.user, venture=venture, role=Role.OWNER, title="Founder",
            created_at=clock.now(),
        )
        audit.record(actor.user, "venture.created", venture=venture, target=venture, after=fields)
    return venture


def _clean_venture(name: str, legal_country: str, base_currency: str, vat_id: str) -> dict:
    clean_name = (name or "").strip()
    if not clean_name:
        raise DomainError("A venture needs a name.", code="invalid_name")
    country = places.country_code(legal_country)
    return {
        "name": clean_name[:200],
        "legal_country": country,
        "base_currency": places.currency_code(base_currency),
        "vat_id": places.vat_id(vat_id, country),
    }


def update_venture(actor: Actor, venture_id: int, **changes) -> Venture:
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.EDIT_VENTURE)
        lock_ventures([venture.id])
        values = {
            key: changes[key] if changes.get(key) is not None else getattr(venture, key)
            for key in ("name", "legal_country", "base_currency", "vat_id")
        }
        fields = _clean_venture(**values)
        before, after = audit.changes(venture, fields)
        if after:
            Venture.objects.filter(pk=venture.pk).update(**fields)
            audit.record(
                actor.user,
                "venture.updated",
                venture=venture,
                target=venture,
                before=before,
                after=after,
            )
        venture.refresh_from_db()
    return venture


def add_member(actor: Actor, venture_id: int, email: str, role: str, title: str = "") -> Membership:
    role = _clean_role(role)
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MEMBERS)
        _require_assign(actor, venture, role)
        user = User.objects.filter(email=_clean_email(email), is_active=True).first()
        if user is None:
            raise NotFound(
                "No active account has this email; ask them to sign up first.",
                code="user_not_found",
            )
        if Membership.objects.filter(venture=venture, user=user).exists():
            raise Conflict("This person is already a member.", code="already_member")
        membership = Membership.objects.create(
            venture=venture, user=user, role=role, title=title.strip()[:120],
            created_at=clock.now(),
        )
        audit.record(
            actor.user,
            "membership.added",
            venture=venture,
            target=membership,
            after={"email": user.email, "role": role},
        )
    return membership


def change_role(actor: Actor, venture_id: int, membership_id: int, role: str) -> Membership:
    role = _clean_role(role)
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MEMBERS)
        lock_ventures([venture.id])
        membership = _membership_in(venture, membership_id)
        _require_assign(actor, venture, membership.role)
        _require_assign(actor, venture, role)
        if membership.role == Role.OWNER and role != Role.OWNER:
            _require_another_owner(venture, membership)
        before = {"role": membership.role}
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            actor.user,
            "membership.role_changed",
            venture=venture,
            target=membership,
            before=before,
            after={"role": role},
        )
    return membership


def remove_member(actor: Actor, venture_id: int, membership_id: int) -> None:
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.VIEW_VENTURE)
        lock_ventures([venture.id])
        membership = _membership_in(venture, membership_id)
        leaving_self = membership.user_id == actor.user.id
        if not leaving_self:
            selectors.venture_for(actor, venture_id, Action.MANAGE_MEMBERS)
            _require_assign(actor, venture, membership.role)
        if membership.role == Role.OWNER:
            _require_another_owner(venture, membership)
        audit.record(
            actor.user,
            "membership.removed",
            venture=venture,
            target=membership,
            before={"email": membership.user.email, "role": membership.role},
        )
        membership.delete()


def _clean_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise DomainError(
            f"{role!r} is not a role: use owner, manager or member.", code="invalid_role"
        ) from None


def _require_assign(actor: Actor, venture: Venture, role: str) -> None:
    if not may_assign(selectors.role_in(actor.user, venture.id), role):
        raise Forbidden(f"Your role may not manage {role}s.", code="role_forbidden")


def _membership_in(venture: Venture, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_related("user").filter(venture=venture, id=membership_id).first()
    )
    if membership is None:
        raise NotFound("No such membership in this venture.")
    return membership


def _require_another_owner(venture: Venture, leaving: Membership) -> None:
    owners = Membership.objects.filter(venture=venture, role=Role.OWNER).exclude(id=leaving.id)
    if not owners.exists():
        raise Conflict("A venture keeps at least one owner.", code="last_owner")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: ApiToken
    secret: str


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(actor: Actor, name: str, venture_id: int | None = None) -> IssuedToken:
    if not actor.may_manage_own_account:
        raise Forbidden("A token may not mint tokens.", code="token_scope")
    clean_name = (name or "").strip()[:100]
    if not clean_name:
        raise DomainError("A token needs a name.", code="invalid_name")
    with transaction.atomic():
        venture = None
        if venture_id is not None:
            venture = selectors.venture_for(actor, venture_id, Action.MANAGE_VENTURE_TOKENS)
        prefix = secrets.token_hex(4)
        secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(
            user=actor.user,
            venture=venture,
            scope=TokenScope.VENTURE if venture else TokenScope.FREELANCER,
            name=clean_name,
            prefix=prefix,
            digest=token_digest(secret),
        )
        audit.record(
            actor.user,
            "token.issued",
            venture=venture,
            target=token,
            after={"name": clean_name, "scope": token.scope},
        )
    return IssuedToken(token=token, secret=secret)


def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = selectors.token_for(actor, token_id)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(
                actor.user,
                "token.revoked",
                venture=token.venture,
                target=token,
                after={"name": token.name},
            )
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token for `secret`, touching its last-used time; None if unknown."""
    if not secret.startswith(f"{TOKEN_PREFIX}_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def create_admin(email: str, password: str, full_name: str, country: str, time_zone: str) -> User:
    """An operator account with access to /admin/ (used by `bornglobal createadmin`)."""
    user = sign_up(email, password, PersonDetails(full_name, country, time_zone, "EUR"))
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    audit.record(user, "user.made_admin", target=user)
    user.refresh_from_db()
    return user
