"""Shapes of the caller's account in the API: who am I, and my personal tokens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from dienhong.core.schemas import InputSchema, Text
from dienhong.org.schemas import PersonRef, PostOut, UnitRef


class RoleOut(Schema):
    role: str = Field(description="Role code, e.g. `unit_head`.")
    label: str = Field(description="The role's name in the request's language.")
    unit: UnitRef = Field(description="The role applies to this unit and all its sub-units.")
    valid_from: date | None
    valid_to: date | None


class TwoFactorOut(Schema):
    required: bool = Field(
        description="The account must pass a second factor (administrator roles)."
    )
    enabled: bool = Field(description="An authenticator app is set up.")
    verified: bool = Field(description="This session passed the second factor (false for tokens).")


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    language: str = Field(description="The interface language the user chose.")
    auth_method: Literal["session", "token"]
    person: PersonRef | None = Field(description="The person in the directory behind this login.")
    posts: list[PostOut] = Field(description="The person's posts today.")
    roles: list[RoleOut] = Field(description="Roles in force today.")
    permissions: list[str] = Field(description="Every permission the roles carry, e.g. `org.view`.")
    two_factor: TwoFactorOut


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the secret, to recognise it.")
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    is_usable: bool


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="Shown once: send it as `Authorization: Bearer <secret>`.")


class TokenPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TokenOut]


class TokenCreateIn(InputSchema):
    name: Text = Field(min_length=1, max_length=100, description="What the token is for.")
    days: int | None = Field(None, ge=1, le=366, description="Lifetime in days (default 90).")
