"""Request types and pagination shared by every API router: the input rules.

Each type validates a value the one strict way and says so in the OpenAPI
document (docs/api.md, "Input rules"):

- `InSchema`: the base of every request body schema (and of every schema
  nested in one): only a JSON object validates into it, never a string, number,
  array or null, so no field is read off a value by attribute access.
- `Text` refuses what no database column can hold (NUL characters, lone
  surrogates); its schema carries the pattern `^[^\\x00]*$`. Length limits are
  `max_length` on each field: longer text is refused (422), never cut.
  `NonBlank` is `Text` that must hold something besides white space (what Python's
  `str.strip` removes), for fields a service requires: `minLength: 1` and a pattern.
- `Currency`: an ISO 4217 code of money people pay with (`places.money_currencies`,
  no funds, metals, units, `XTS` or `XXX`), upper case, plus the codes an operator
  enables with `BORNGLOBAL_EXTRA_CURRENCIES`; an `enum` in the schema.
- `Country`: an ISO 3166-1 alpha-2 code, upper case; an `enum`.
- `Zone`: an IANA zone a place keeps (zone.tab) or `UTC`; an `enum`. No aliases.
- `Amount`: a decimal amount in ASCII digits ("120.50"), no sign, no exponent;
  `PositiveAmount` the same above zero ("0" and "00.00" do not match its pattern).
- `Day`: a date as the string `YYYY-MM-DD`, between 1900 and 2999 (never a
  number, never a date-time); its schema has `format: date` and a pattern of
  those years, months 01-12 and days 01-31 (the calendar is checked on parsing).
- `LocalTime`: a wall-clock time `HH:MM` or `HH:MM:SS`, without offset (a
  string with a pattern; OpenAPI's `format: time` demands an offset).
- `Instant`: a date-time string with its offset, `2026-03-02T08:00:00Z`;
  `LocalDateTime` one without (a wall clock in someone's zone), `2026-03-02T09:30`.
- `Bool`: a JSON `true` or `false` (not 0, 1 or "yes"). Query parameters stay
  `bool` (a query string has only text: `true`/`false`).
- `Int`: a JSON integer in a body (not `false`, `1.0` or "1"); query and path
  parameters stay `int` (their values are text).
- `number(...)`: a decimal as a JSON number or a string of ASCII digits.

`Pages` bounds `offset` to what a 64-bit column holds, so bad input is a 422 in
the error model rather than a database error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    NaiveDatetime,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from bornglobal.domain import places

MAX_ID = 2**63 - 1  # the largest primary key both databases store
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)
NO_NUL = r"^[^\x00]*$"
# Exactly the characters str.isspace() is true for (str.strip removes them), spelled out:
# `\s` differs between Python, ECMA (U+FEFF) and Rust (U+001C..U+001F).
BLANKS = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NON_BLANK = rf"^[^\x00]*[^\x00{BLANKS}][^\x00]*$"
AMOUNT_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
# The same with a non-zero digit: in the whole part, or in the fraction after zeros.
POSITIVE_AMOUNT_PATTERN = r"^([0-9]*[1-9][0-9]*(\.[0-9]+)?|0+\.[0-9]*[1-9][0-9]*)$"
DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DAY_SCHEMA_PATTERN = r"^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def storable(text: str) -> str:
    """Refuse what no database column can hold: NUL characters and lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


Text = Annotated[str, StringConstraints(pattern=NO_NUL), AfterValidator(storable)]
def text_like(pattern: str) -> Any:
    """`Text` with its own pattern (which must refuse NUL too): a field-level pattern
    would not replace the one `Text` carries."""
    return Annotated[str, StringConstraints(pattern=pattern), AfterValidator(storable)]


NonBlank = Annotated[
    str, StringConstraints(min_length=1, pattern=NON_BLANK), AfterValidator(storable)
]


class InSchema(Schema):
    """A request body, or an object inside one: only a JSON object validates into it.

    ninja's `Schema` reads fields off any value by attribute access (so the string
    "fix the build" has a `title`: its method, called); this refuses JSON's other
    values first. Python objects (a model, another schema) still validate, so a
    schema used for both input and output can derive from it too.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _objects_only(cls, value: Any, handler: Callable[[Any], Any]) -> Any:
        if value is None or isinstance(value, str | bytes | int | float | list | tuple):
            raise PydanticCustomError("model_type", "Input should be a JSON object")
        return handler(value)


@dataclass(frozen=True, slots=True)
class OneOf:
    """A string out of `choices()`, upper-cased codes; an `enum` in the JSON schema.

    `choices` is called when a value is checked and when the schema is written, so
    the operator's settings (extra currencies) count in both.
    """

    choices: Callable[[], frozenset[str]]
    code: str
    what: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema = handler(schema)
        json_schema["enum"] = sorted(self.choices())
        return json_schema

    def check(self, value: str) -> str:
        if value not in self.choices():
            raise PydanticCustomError(
                self.code, "'{value}' is not {what}", {"value": value, "what": self.what}
            )
        return value


def allowed_currencies() -> frozenset[str]:
    """Money currencies, with the operator's `BORNGLOBAL_EXTRA_CURRENCIES`."""
    return places.money_currencies(getattr(settings, "EXTRA_CURRENCIES", ()))


Currency = Annotated[
    str,
    OneOf(allowed_currencies, "invalid_currency", "an ISO 4217 code of money (EUR, INR, BRL)"),
    Field(examples=["EUR"]),
]
Country = Annotated[
    str,
    OneOf(places.country_codes, "invalid_country", "an ISO 3166-1 alpha-2 code (DE, IN, BR)"),
    Field(examples=["DE"]),
]
Zone = Annotated[
    str,
    OneOf(places.zone_names, "invalid_time_zone", "an IANA time zone (Europe/Berlin, UTC)"),
    Field(examples=["Asia/Kolkata"]),
]
Amount = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=AMOUNT_PATTERN,
        examples=["120.50"],
        description="A decimal amount in ASCII digits, in major units: 120.50.",
    ),
]
PositiveAmount = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=POSITIVE_AMOUNT_PATTERN,
        examples=["120.50"],
        description="A decimal amount above zero in ASCII digits, in major units: 120.50.",
    ),
]
Bool = StrictBool
Int = StrictInt  # a body's integer: JSON `false` is not 0
Blank = Literal[""]  # "none" where a field's empty string means that, e.g. `Country | Blank`


@dataclass(frozen=True, slots=True)
class _StringPattern:
    """Adds `pattern` to the string branch of a JSON schema (a number-or-string field)."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema = handler(schema)
        for branch in json_schema.get("anyOf", [json_schema]):
            if branch.get("type") == "string":
                branch["pattern"] = self.pattern
        return json_schema


def _ascii_decimal(value: Any) -> Any:
    if isinstance(value, bool) or (
        isinstance(value, str) and not re.fullmatch(AMOUNT_PATTERN, value)
    ):
        raise PydanticCustomError(
            "decimal_type", "Input should be a number, or a decimal written in ASCII digits"
        )
    return value


def number(**constraints: Any) -> Any:
    """A decimal type: a JSON number, or a string of ASCII digits ("1.5"; never "1e3" or
    other scripts' digits), with pydantic's `Field` constraints (gt, le, decimal_places).
    `decimal_places` is stated in the schema as `multipleOf` of the number branch too."""
    if "decimal_places" in constraints:
        constraints.setdefault("multiple_of", Decimal(1).scaleb(-constraints["decimal_places"]))
    return Annotated[
        Decimal,
        Field(**constraints),
        BeforeValidator(_ascii_decimal),
        _StringPattern(AMOUNT_PATTERN),
    ]


def _iso_day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # a date from Python code
    if not isinstance(value, str) or not DAY_PATTERN.fullmatch(value):
        raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")
    return value


def _plausible_day(day: date) -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"must be between {EARLIEST_DAY} and {LATEST_DAY}")
    return day


Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    AfterValidator(_plausible_day),
    _StringPattern(DAY_SCHEMA_PATTERN),
]


def _string_only(value: Any) -> Any:
    if isinstance(value, str | datetime):
        return value
    raise PydanticCustomError("datetime_type", "Input should be an ISO 8601 date-time string")


# An instant: an ISO 8601 / RFC 3339 string with its UTC offset (never a number).
Instant = Annotated[AwareDatetime, BeforeValidator(_string_only)]


def _wall_clock(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if not isinstance(value, str) or not re.fullmatch(TIME_PATTERN, value):
        raise PydanticCustomError("time_type", "Input should be a local time written HH:MM")
    return value


LocalTime = Annotated[
    time,
    BeforeValidator(_wall_clock),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN, "examples": ["09:00"]}),
]


LOCAL_DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _local_date_time(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(LOCAL_DATETIME_PATTERN, value):
        raise PydanticCustomError(
            "datetime_type", "Input should be a local date and time written YYYY-MM-DDTHH:MM"
        )
    return value


# A wall-clock date and time in someone's own zone, without offset: 2026-03-02T09:30.
LocalDateTime = Annotated[
    NaiveDatetime,
    BeforeValidator(_local_date_time),
    WithJsonSchema(
        {"type": "string", "pattern": LOCAL_DATETIME_PATTERN, "examples": ["2026-03-02T09:30"]}
    ),
]


class Pages(LimitOffsetPagination):
    """`limit`/`offset` pages with an offset the databases can hold (a 64-bit integer)."""

    class Input(Schema):
        limit: int = Field(
            ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_ID)
