"""World regions: which countries a region such as "Western Africa" or "Europe" covers.

The grouping is the UN "Standard country or area codes for statistical use"
(M49) of the United Nations Statistics Division: five regions (Africa, Americas,
Asia, Europe, Oceania), their sub-regions ("Sub-Saharan Africa", "Northern
America", "South-eastern Asia", ...) and, inside some sub-regions, intermediate
regions ("Western Africa", "Caribbean", "South America", ...). Each ISO 3166-1
country or area belongs to exactly one of each level it has; Antarctica has none.

The table ships as `data/m49.csv` (country, its M49 code, then code and English
name of region, sub-region and intermediate region). It was taken from the M49
columns of the "Countries & Territories Taxonomy" file that the
`hdx-python-country` package (MIT) ships, which reproduces the UNSD M49 table.

A region is named by its English M49 name (any case, extra spaces ignored) or
its three-digit M49 code ("150" is Europe, "011" Western Africa); "World" (001)
covers every country the table places in a region.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from bornglobal.domain.errors import DomainError

DATA_FILE = Path(__file__).resolve().parent / "data" / "m49.csv"
WORLD_CODE = "001"
WORLD_NAME = "World"


class Level(StrEnum):
    WORLD = "world"
    REGION = "region"
    SUB_REGION = "sub-region"
    INTERMEDIATE = "intermediate region"


@dataclass(frozen=True, slots=True)
class Region:
    """An M49 region at one level, with the ISO 3166-1 alpha-2 codes it covers."""

    code: str
    name: str
    level: Level
    countries: frozenset[str]
    parent: str | None = None  # the M49 code of the region one level up


class UnknownRegion(DomainError):
    code = "unknown_region"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _table() -> tuple[dict[str, Region], dict[str, str]]:
    """(code -> Region, lower-case name -> code), read once per process."""
    members: dict[tuple[str, str, Level, str | None], set[str]] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            levels = (
                (row["region_code"], row["region"], Level.REGION, WORLD_CODE),
                (row["sub_region_code"], row["sub_region"], Level.SUB_REGION, row["region_code"]),
                (
                    row["intermediate_region_code"],
                    row["intermediate_region"],
                    Level.INTERMEDIATE,
                    row["sub_region_code"],
                ),
            )
            for code, name, level, parent in levels:
                if code:
                    members.setdefault((code, name, level, parent), set()).add(row["country"])
    regions = {
        code: Region(code, name, level, frozenset(countries), parent)
        for (code, name, level, parent), countries in members.items()
    }
    world = frozenset().union(*(r.countries for r in regions.values() if r.level == Level.REGION))
    regions[WORLD_CODE] = Region(WORLD_CODE, WORLD_NAME, Level.WORLD, world)
    names = {_key(region.name): code for code, region in regions.items()}
    return regions, names


def region(name_or_code: str) -> Region:
    """The region with this M49 name or code; `UnknownRegion` (code unknown_region) if none."""
    regions, names = _table()
    text = _key(name_or_code or "")
    code = text.zfill(3) if text.isdigit() else names.get(text)
    if code not in regions:
        raise UnknownRegion(
            f"{name_or_code!r} is not a UN M49 region or sub-region "
            "(e.g. Europe, Western Africa, South-eastern Asia, Latin America and the Caribbean).",
            details={"region": name_or_code},
        )
    return regions[code]


def countries_in(name_or_code: str) -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of the countries and areas in a region."""
    return region(name_or_code).countries


def regions_of(country: str) -> list[Region]:
    """The regions a country belongs to, broadest first (region, sub-region, intermediate)."""
    regions, _ = _table()
    found = [r for r in regions.values() if r.level != Level.WORLD and country in r.countries]
    order = list(Level)
    return sorted(found, key=lambda r: order.index(r.level))


def all_regions() -> list[Region]:
    """Every region, in M49 tree order: each region followed by its sub-regions."""
    regions, _ = _table()
    children: dict[str | None, list[Region]] = {}
    for item in regions.values():
        children.setdefault(item.parent, []).append(item)
    ordered: list[Region] = []

    def walk(parent: str | None) -> None:
        for item in sorted(children.get(parent, []), key=lambda r: r.name):
            ordered.append(item)
            walk(item.code)

    walk(None)
    return ordered
