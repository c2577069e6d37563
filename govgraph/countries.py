"""ISO 3166 country codes (from pycountry), for validating headquarters and states."""

from __future__ import annotations

from functools import cache

import pycountry

__all__ = ["country_codes", "country_name", "is_country_code"]


@cache
def country_codes() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code (and Kosovo's XK) with its short English name."""
    codes = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    codes["XK"] = "Kosovo"  # user-assigned code in common use (COW, World Bank); not in ISO 3166-1
    return codes


def is_country_code(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-2 code."""
    return code in country_codes()


def country_name(code: str) -> str:
    """The short English name of a country code (the code itself when unknown)."""
    return country_codes().get(code, code)
