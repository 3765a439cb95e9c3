"""Request and response shapes of the platform endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from bornglobal.apitypes import Bool, Country, Currency, InSchema, Int, Text, Zone, text_like

RoleName = Literal["owner", "manager", "member"]
# A necessary shape of an address Django's validate_email takes: one @, no white space.
EMAIL_SHAPE = r"^[^@\s\x00]+@[^@\s\x00]+$"
EmailShaped = text_like(EMAIL_SHAPE)


class UserOut(Schema):
    id: int
    email: str
    full_name: str
    country: str
    time_zone: str
    currency: str
    locale: str
    is_freelancer: bool


class UserPatch(InSchema):
    full_name: Text | None = Field(None, max_length=200)
    country: Country | None = None
    time_zone: Zone | None = None
    currency: Currency | None = None
    locale: Text | None = Field(None, max_length=16)
    is_freelancer: Bool | None = None


class VentureOut(Schema):
    id: int
    name: str
    legal_country: str
    base_currency: str
    vat_id: str
    created_at: datetime
    my_role: str | None = None


class VentureIn(InSchema):
    name: Text = Field(..., min_length=1, max_length=200)
    legal_country: Country
    base_currency: Currency
    vat_id: Text = Field("", max_length=32)


class VenturePatch(InSchema):
    name: Text | None = Field(None, min_length=1, max_length=200)
    legal_country: Country | None = None
    base_currency: Currency | None = None
    vat_id: Text | None = Field(None, max_length=32)


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    country: str
    time_zone: str


class MembershipOut(Schema):
    id: int
    venture_id: int
    role: str
    title: str
    created_at: datetime
    user: MemberOut


class MembershipIn(InSchema):
    email: EmailShaped = Field(
        ..., max_length=254, json_schema_extra={"format": "email"},
        description="An email address (checked fully on saving; no email-validator here).",
    )
    role: RoleName
    title: Text = Field("", max_length=120)


class MembershipPatch(InSchema):
    role: RoleName


class TokenOut(Schema):
    id: int
    name: str
    scope: str
    venture_id: Int | None
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(InSchema):
    name: Text = Field(..., min_length=1, max_length=100)
    venture_id: Int | None = Field(
        None,
        ge=1,
        le=2**63 - 1,
        description="Limit the token to this venture; omit for your freelancer side.",
    )


class TokenCreatedOut(TokenOut):
    secret: Text = Field(..., description="Shown once. Store it now; only a digest is kept.")


class AuditOut(Schema):
    id: int
    actor_label: str
    action: str
    object_type: str
    object_id: str
    summary: dict[str, Any]
    created_at: datetime
