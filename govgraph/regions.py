"""The country table: ISO 3166 alpha-2 -> UN M49 region, sub-region, and North/South (``data/regions.csv``).

The table names its sources in its header comment: UNSD M49 for the regions, UNCTAD's "developed economies"
for North. Power-structure reports read it to group headquarters by region and across the North-South divide.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["UNKNOWN", "CountryRegion", "region_of", "regions"]

UNKNOWN = "unknown"


@dataclass(frozen=True)
class CountryRegion:
    """One row of the country table."""

    iso2: str
    iso3: str
    m49: str
    name: str
    region: str
    subregion: str
    intermediate_region: str
    north_south: str
    note: str


@cache
def regions() -> dict[str, CountryRegion]:
    """Every country of the table by alpha-2 code (read once)."""
    text = resources.files("govgraph").joinpath("data/regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        r["iso2"]: CountryRegion(
            iso2=r["iso2"],
            iso3=r["iso3"],
            m49=r["m49"],
            name=r["name"],
            region=r["region"],
            subregion=r["subregion"],
            intermediate_region=r["intermediate_region"],
            north_south=r["north_south"],
            note=r["note"],
        )
        for r in rows
    }


def region_of(code: str) -> CountryRegion:
    """The table row of a country code; an ``unknown`` row for a code the table does not hold."""
    row = regions().get(code)
    if row is None:
        return CountryRegion(code, "", "", code, UNKNOWN, UNKNOWN, "", UNKNOWN, "not in the country table")
    return row
