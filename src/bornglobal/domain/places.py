"""Countries, currencies and time zones, checked against the standards.

Countries are ISO 3166-1 alpha-2 codes and currencies ISO 4217 codes, both
through pycountry. Time zones are IANA names, resolved through `zoneinfo`
(with the `tzdata` package as the database where the system has none).
A VAT number is checked against its country's format with python-stdnum when
the library knows that country's VAT scheme.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pycountry
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from bornglobal.domain.errors import DomainError


def country_code(raw: str) -> str:
    code = (raw or "").strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise DomainError(
            f"{raw!r} is not an ISO 3166-1 alpha-2 country code (e.g. DE, IN, BR).",
            code="invalid_country",
        )
    return code


def currency_code(raw: str) -> str:
    code = (raw or "").strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise DomainError(
            f"{raw!r} is not an ISO 4217 currency code (e.g. EUR, INR, BRL).",
            code="invalid_currency",
        )
    return code


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def time_zone(raw: str) -> str:
    name = (raw or "").strip()
    if name not in _zone_names():
        raise DomainError(
            f"{raw!r} is not an IANA time zone (e.g. Europe/Berlin, Asia/Kolkata).",
            code="invalid_time_zone",
        )
    try:
        ZoneInfo(name)
    except ZoneInfoNotFoundError:
        raise DomainError(
            f"Time zone {name!r} is not available.", code="invalid_time_zone"
        ) from None
    return name


def vat_id(raw: str, country: str) -> str:
    """Normalise a VAT number and check it for `country`; empty means none.

    EU numbers keep their country prefix (DE136695976; Greece uses EL), as on
    invoices and in VIES. Elsewhere the national format is used where
    python-stdnum knows it, and the number is kept as typed otherwise.
    """
    value = (raw or "").strip()
    if not value:
        return ""
    try:
        if country.lower() in eu_vat.MEMBER_STATES:
            prefix = "el" if country.lower() == "gr" else country.lower()
            compact = "".join(ch for ch in value.upper() if ch.isalnum())
            if compact[:2].isdigit():
                compact = prefix.upper() + compact
            if compact[:2].lower() != prefix:
                raise StdnumError("the prefix does not match the country")
            return eu_vat.validate(compact)
        module = get_cc_module(country.lower(), "vat")
        if module is None:
            return value.upper().replace(" ", "")
        return module.validate(value)
    except StdnumError as error:
        raise DomainError(
            f"{value!r} is not a valid {country} VAT number: {error}.", code="invalid_vat_id"
        ) from None


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def utc_offset_minutes(zone: str, at: datetime) -> int:
    """The zone's offset from UTC at instant `at` (aware), in minutes."""
    offset = at.astimezone(ZoneInfo(zone)).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0
