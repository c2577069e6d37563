"""One state actor per state, whatever code a dataset uses for it.

Codes resolved, in this order: the packaged aliases (``data/state_aliases.csv``: withdrawn ISO 3166-3 codes such
as ``SUN`` or ``CSK``, superseded codes such as ``ROM``, COW letter codes of historical states), ISO 3166-1 alpha-3
and alpha-2 (pycountry), then the COW letter codes and numeric codes of ``data/cow_states.csv``. The actor id is
the one the COW importer and the seeds use: the lower-case ISO alpha-2 code (``us``), or ``cow-<abb>`` for a
historical state without one (``cow-cze``, Czechoslovakia). A code that changes meaning in time (COW 710 and
ISO CHN: the Republic of China before 1949) gives the actor of that year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from govgraph.importers.crosswalks import StateCode, commented_rows, state_codes

__all__ = ["StateActor", "resolve_code", "resolve_cow", "resolve_name", "state_actor", "state_record"]


@dataclass(frozen=True)
class StateActor:
    """A govgraph state actor and its codes."""

    id: str
    name: str
    iso2: str | None = None
    iso3: str | None = None
    cow_code: int | None = None
    cow_abb: str | None = None
    until: int | None = None  # last year of a state that no longer exists
    note: str = ""


def _alias_rows() -> list[dict[str, str]]:
    return commented_rows("state_aliases.csv")


@cache
def _tables() -> tuple[dict[str, StateActor], dict[str, str], dict[int, StateCode], dict[str, StateCode]]:
    """actors by id, alias code -> id, COW code -> column, COW letter code -> column."""
    actors: dict[str, StateActor] = {}
    by_ccode: dict[int, StateCode] = {}
    by_abb: dict[str, StateCode] = {}
    for sc in sorted(state_codes().values(), key=lambda s: s.ccode):
        by_ccode.setdefault(sc.ccode, sc)
        by_abb.setdefault(sc.stateabb, sc)
        if sc.actor_id not in actors:
            actors[sc.actor_id] = StateActor(
                sc.actor_id, sc.statenme, sc.iso2, sc.iso3, sc.ccode, sc.stateabb, note=sc.note
            )
        if sc.earlier_id and sc.earlier_id not in actors:
            actors[sc.earlier_id] = StateActor(sc.earlier_id, sc.earlier_name or sc.statenme, note=sc.note)
    aliases: dict[str, str] = {}
    for r in _alias_rows():
        aliases[r["code"]] = r["actor_id"]
        if r["until"] and r["actor_id"] in actors and not actors[r["actor_id"]].iso2:
            a = actors[r["actor_id"]]
            actors[a.id] = StateActor(a.id, a.name, a.iso2, a.iso3, a.cow_code, a.cow_abb, int(r["until"]), a.note)
    return actors, aliases, by_ccode, by_abb


def _iso(code: str) -> Any:
    if len(code) == 3:
        return pycountry.countries.get(alpha_3=code)
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code)
    return None


def state_actor(actor_id: str) -> StateActor:
    """The state actor of an id the resolvers gave (ISO countries not in COW are made from pycountry)."""
    actors = _tables()[0]
    if actor_id in actors:
        return actors[actor_id]
    country = pycountry.countries.get(alpha_2=actor_id.upper())
    if country is None:
        raise KeyError(actor_id)
    name = getattr(country, "common_name", None) or country.name
    return StateActor(actor_id, name, country.alpha_2, country.alpha_3, note="ISO 3166-1; not a COW state")


def _in_year(actor_id: str, year: int | None) -> str:
    """The actor a code stands for in ``year`` (COW 710 / CHN before 1949: the Republic of China)."""
    if year is None:
        return actor_id
    for sc in state_codes().values():
        if sc.actor_id == actor_id and sc.since is not None and sc.earlier_id:
            return sc.actor_in(year)
    return actor_id


def resolve_code(code: str, year: int | None = None) -> str | None:
    """The actor id of a letter code (alias, ISO alpha-3/alpha-2, COW letter code), or None when unknown."""
    _, aliases, _, by_abb = _tables()
    code = code.strip()
    if code in aliases:
        return _in_year(aliases[code], year)
    country = _iso(code) if code.isalpha() and code.isupper() else None
    if country is not None:
        return _in_year(country.alpha_2.lower(), year)
    if code in by_abb:
        return by_abb[code].actor_in(year) if year is not None else by_abb[code].actor_id
    return None


def resolve_cow(ccode: int, year: int | None = None) -> str | None:
    """The actor id of a COW country code in ``year``, or None when the code is not a COW state column."""
    sc = _tables()[2].get(ccode)
    if sc is None:
        return None
    return sc.actor_in(year) if year is not None else sc.actor_id


@cache
def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                out.setdefault(_norm(n), c.alpha_2.lower())
    for a in _tables()[0].values():
        out.setdefault(_norm(a.name), a.id)
    for r in _alias_rows():
        out.setdefault(_norm(r["name"]), r["actor_id"])
    out.setdefault(_norm("Democratic Republic of the Congo"), "cd")
    return out


def _norm(name: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


def resolve_name(name: str, year: int | None = None) -> str | None:
    """The actor id of a state's English name (exact after normalising case and punctuation), or None."""
    aid = _names().get(_norm(name))
    return _in_year(aid, year) if aid else None


def state_record(actor_id: str, source_key: str, at: str) -> dict[str, Any]:
    """The state's record as every importer writes it (``merge: true``, so imports load together as one actor)."""
    a = state_actor(actor_id)
    rec: dict[str, Any] = {"id": a.id, "kind": "state", "name": a.name}
    aliases = [x for x in (a.cow_abb, a.iso3) if x and x != a.name]
    if aliases:
        rec["aliases"] = list(dict.fromkeys(aliases))
    if a.iso2:
        rec["iso2"], rec["iso3"] = a.iso2, a.iso3
    if a.cow_code is not None:
        rec["cow_code"] = a.cow_code
    if a.note:
        rec["notes"] = a.note + "."
    rec["sources"] = [{"key": source_key, "at": at}]
    rec["merge"] = True
    return rec
