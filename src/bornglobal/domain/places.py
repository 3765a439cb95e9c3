"""Countries, currencies and time zones, checked against the standards.

Countries are ISO 3166-1 alpha-2 codes and currencies ISO 4217 codes, both
through pycountry; `money_currencies` leaves out the ISO codes that are no one's
money (funds, precious metals, accounting units, the test and no-currency codes).
Time zones are the IANA zones a place keeps (tzdata's `zone.tab`) and `UTC`,
resolved through `zoneinfo` (with the `tzdata` package as the database where the
system has none): aliases such as `localtime`, `Factory`, `posixrules`,
`US/Eastern` or `Asia/Calcutta` are refused.
A VAT number is checked against its country's format with python-stdnum when
the library knows that country's VAT scheme.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable
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


# ISO 4217 codes that name no country's money: bond-market and accounting units
# (XBA-XBD, XDR, XSU, XUA, XAD), funds (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW),
# precious metals (XAU, XAG, XPT, XPD), the test code XTS and "no currency" XXX.
# CLDR (Babel) marks every one of them as not legal tender anywhere.
NOT_MONEY = frozenset({
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",
    "XAD", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT",
    "XSU", "XTS", "XUA", "XXX",
})  # fmt: skip


@cache
def _iso_currencies() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def money_currencies(extra: Iterable[str] = ()) -> frozenset[str]:
    """ISO 4217 codes of money people pay with, and any of `extra` ISO 4217 knows."""
    return (_iso_currencies() - NOT_MONEY) | (frozenset(extra) & _iso_currencies())


@cache
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


def currency_code(raw: str) -> str:
    code = (raw or "").strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise DomainError(
            f"{raw!r} is not an ISO 4217 currency code (e.g. EUR, INR, BRL).",
            code="invalid_currency",
        )
    return code


@cache
def zone_tab() -> tuple[tuple[str, str, str], ...]:
    """(country, ISO 6709 coordinates, zone) for every line of tzdata's zone.tab."""
    table = importlib.resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text()
    rows = []
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, coordinates, zone, *_comment = line.split("\t")
            rows.append((code, coordinates, zone))
    return tuple(rows)


@cache
def zone_names() -> frozenset[str]:
    """The IANA zones a person or a place can be in: zone.tab's, and UTC."""
    return frozenset({zone for _code, _point, zone in zone_tab()} | {"UTC"}) & frozenset(
        available_timezones()
    )


def time_zone(raw: str) -> str:
    name = (raw or "").strip()
    if name not in zone_names():
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
