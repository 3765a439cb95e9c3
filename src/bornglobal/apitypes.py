"""Request types and pagination shared by every API router.

`Text` refuses what no database column can hold (NUL characters, lone
surrogates), and `Pages` bounds `offset` to what a 64-bit column holds, so bad
input is a 422 in the error model rather than a database error.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, Field

MAX_ID = 2**63 - 1  # the largest primary key both databases store


def storable(text: str) -> str:
    """Refuse what no database column can hold: NUL characters and lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


Text = Annotated[str, AfterValidator(storable)]


class Pages(LimitOffsetPagination):
    """`limit`/`offset` pages with an offset the databases can hold (a 64-bit integer)."""

    class Input(Schema):
        limit: int = Field(
            ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_ID)
