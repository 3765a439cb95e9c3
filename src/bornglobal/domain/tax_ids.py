"""Countries and VAT/GST identification numbers as the tax rules need them.

Countries are ISO 3166-1 alpha-2 codes. Two spellings seen on invoices are
accepted and normalised: ``UK`` is read as ``GB`` and ``EL`` (Greece's VAT
prefix) as ``GR``. Everything the rules return uses the ISO code.

A VAT number is checked for *format* with python-stdnum: the country prefix,
length and check digits. No registry (VIES, HMRC, ABR) is reachable from here,
so a number that passes is reported as "format valid, not verified online",
never as verified. A number that fails is refused with ``invalid_vat_id``.

EU numbers carry their member state's prefix (DE136695976; Greece uses EL);
a number typed without it gets the party's prefix, and a number with another
member state's prefix is refused, because the rules read the number's country
as the party's country. Elsewhere the national scheme is used: GB VAT
registration number, Norwegian organisation number with MVA, Swiss UID with
MWST, Australian ABN, New Zealand IRD number (the GST number), Singapore UEN
(the GST number of most businesses) and Indian GSTIN. For other countries the
number is kept as typed and reported as not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

import pycountry
from stdnum.au import abn
from stdnum.ch import vat as ch_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.in_ import gstin
from stdnum.no import mva
from stdnum.nz import ird
from stdnum.sg import uen

from bornglobal.domain.tax_rates import TaxError

# fmt: off
EU = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
# fmt: on
ALIASES = {"UK": "GB", "EL": "GR"}
FORMAT_VALID = "format valid, not verified online"
NOT_GIVEN = "not given"

_NATIONAL: dict[str, tuple[ModuleType, str]] = {
    "GB": (gb_vat, "GB"),
    "NO": (mva, "NO"),
    "CH": (ch_vat, ""),
    "AU": (abn, ""),
    "NZ": (ird, ""),
    "SG": (uen, ""),
    "IN": (gstin, ""),
}


def country(raw: str) -> str:
    """An ISO 3166-1 alpha-2 code from `raw` ("de", "UK", "EL" are accepted)."""
    code = (raw or "").strip().upper()
    code = ALIASES.get(code, code)
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise TaxError(
            f"{raw!r} is not an ISO 3166-1 alpha-2 country code (e.g. DE, FR, GB, IN).",
            code="unknown_country",
            details={"country": str(raw)},
        )
    return code


def in_eu(code: str) -> bool:
    return code in EU


def eu_prefix(code: str) -> str:
    """The VAT number prefix of a member state: the ISO code, except EL for Greece."""
    return "EL" if code == "GR" else code


@dataclass(frozen=True, slots=True)
class VatId:
    """A VAT number in its normal form, and what is known about it."""

    number: str | None
    status: str


def check(raw: str | None, party_country: str, party: str = "buyer") -> VatId:
    """Normalise and format-check `raw` as a VAT number of `party_country`."""
    text = (raw or "").strip()
    if not text:
        return VatId(None, NOT_GIVEN)
    try:
        if party_country in EU:
            return VatId(_eu_number(text, party_country), FORMAT_VALID)
        if party_country in _NATIONAL:
            module, prefix = _NATIONAL[party_country]
            return VatId(prefix + module.validate(_without_prefix(text, prefix)), FORMAT_VALID)
    except ValidationError as error:
        raise TaxError(
            f"The {party}'s VAT number {text!r} is not a valid {party_country} number: {error}",
            code="invalid_vat_id",
            details={"vat_id": text, "country": party_country, "party": party},
        ) from None
    compact = "".join(text.split()).upper()
    return VatId(compact, f"not checked: no format rule for {party_country}")


def _eu_number(text: str, party_country: str) -> str:
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    prefix = eu_prefix(party_country)
    if compact[:2].isdigit() or (party_country == "AT" and compact[:1] == "U"):
        compact = prefix + compact
    if compact[:2] != prefix:
        raise _PrefixMismatch(f"it starts with {compact[:2]}, not {prefix}")
    return eu_vat.validate(compact)


def _without_prefix(text: str, prefix: str) -> str:
    compact = "".join(text.split()).upper()
    if prefix and compact.startswith(prefix) and prefix != "NO":
        return compact[len(prefix) :]
    return text


class _PrefixMismatch(ValidationError):
    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def __str__(self) -> str:
        return self.message
