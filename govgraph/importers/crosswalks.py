"""The packaged crosswalks from Correlates of War codes to govgraph actors.

- ``data/cow_states.csv``: every COW state column -> COW code, ISO 3166 codes, and the govgraph actor id
  (the lower-case ISO alpha-2 code, as the seeds use; ``cow-<stateabb>`` for historical states without one).
- ``data/cow_crosswalk.csv``: COW ``ionum`` -> the id of the same organisation in the seeds.
- ``data/cow_successors.csv``: COW ``ionum`` -> the ``ionum`` of its successor, for IGOs that COW flags as
  ``replaced`` / ``integrated`` (COW gives the flag, not the successor).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "IgoLink",
    "OrgLink",
    "StateCode",
    "Successor",
    "commented_rows",
    "igo_crosswalk",
    "links_by",
    "org_links",
    "state_codes",
    "successors",
]


@dataclass(frozen=True)
class StateCode:
    """One COW state column and the govgraph actor(s) it stands for."""

    column: str
    ccode: int
    stateabb: str
    statenme: str
    iso2: str | None
    iso3: str | None
    since: int | None  # years before this belong to ``earlier_id`` (None: the whole column is ``actor_id``)
    earlier_id: str | None
    earlier_name: str | None
    note: str

    @property
    def actor_id(self) -> str:
        """The govgraph id: ISO alpha-2 in lower case, else ``cow-<stateabb>``."""
        return self.iso2.lower() if self.iso2 else f"cow-{self.stateabb.lower()}"

    def actor_in(self, year: int) -> str:
        """The actor this column stands for in ``year``."""
        if self.since is not None and year < self.since and self.earlier_id:
            return self.earlier_id
        return self.actor_id


@dataclass(frozen=True)
class IgoLink:
    """A COW IGO that is also a seed organisation."""

    ionum: int
    ioname: str
    actor_id: str
    org_type: str
    since: int | None  # the seed's founding year, where later than COW's: earlier rows are not memberships
    note: str


@dataclass(frozen=True)
class Successor:
    """A successor COW does not name, from the packaged list."""

    ionum: int
    successor_ionum: int
    status: str
    note: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("govgraph").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def state_codes() -> dict[str, StateCode]:
    """COW state column name -> its codes (all 217 columns of the COW IGO data)."""
    out = {}
    for r in _rows("cow_states.csv"):
        out[r["column"]] = StateCode(
            column=r["column"],
            ccode=int(r["ccode"]),
            stateabb=r["stateabb"],
            statenme=r["statenme"],
            iso2=r["iso2"] or None,
            iso3=r["iso3"] or None,
            since=_int(r["since"]),
            earlier_id=r["earlier_id"] or None,
            earlier_name=r["earlier_name"] or None,
            note=r["note"],
        )
    return out


@cache
def igo_crosswalk() -> dict[int, IgoLink]:
    """COW ionum -> the seed organisation it is."""
    links = (
        IgoLink(int(r["ionum"]), r["ioname"], r["actor_id"], r["org_type"], _int(r["since"]), r["note"])
        for r in _rows("cow_crosswalk.csv")
    )
    return {link.ionum: link for link in links}


@cache
def successors() -> dict[int, Successor]:
    """COW ionum -> its successor, where COW flags one but does not name it."""
    return {
        int(r["ionum"]): Successor(int(r["ionum"]), int(r["successor_ionum"]), r["status"], r["note"])
        for r in _rows("cow_successors.csv")
    }


@dataclass(frozen=True)
class OrgLink:
    """One organisation or agreement across datasets (``data/org_crosswalk.csv``), checked by hand."""

    actor_id: str
    kind: str
    cow_ionum: int | None
    manyios_id: str | None
    huggo_id: str | None
    founded: int | None  # the span every importer gives it (None for a seed: the seed's dates win)
    dissolved: int | None
    checked: str
    note: str


def commented_rows(name: str) -> list[dict[str, str]]:
    """The rows of a packaged CSV whose leading ``#`` lines say where its data come from."""
    text = resources.files("govgraph").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@cache
def org_links() -> tuple[OrgLink, ...]:
    """Every row of the organisation and agreement crosswalk."""
    return tuple(
        OrgLink(
            r["actor_id"],
            r["kind"],
            _int(r["cow_ionum"]),
            r["manyios_id"] or None,
            r["huggo_id"] or None,
            _int(r["founded"]),
            _int(r["dissolved"]),
            r["checked"],
            r["note"],
        )
        for r in commented_rows("org_crosswalk.csv")
    )


def links_by(dataset: str) -> dict[Any, OrgLink]:
    """The crosswalk keyed by one dataset's id: ``cow`` (ionum), ``manyios`` (igoID) or ``huggo`` (manyID)."""
    attr = {"cow": "cow_ionum", "manyios": "manyios_id", "huggo": "huggo_id"}[dataset]
    return {getattr(link, attr): link for link in org_links() if getattr(link, attr) is not None}
