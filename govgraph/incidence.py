"""Membership held once as sparse spells: members × institutions, with the years each membership held.

Analysers that look at membership year by year (overlap over time, projections, regimes) need the members ×
institutions matrix of each year. Rebuilding a snapshot graph per year and reading its edges again costs a pass
over every tie per year; :class:`MembershipSpells` reads the membership ties once into flat arrays and gives any
year's :class:`~govgraph.analysis.projections.Incidence` by masking them (vectorised, no Python loop over ties).

API::

    spells = MembershipSpells.from_graph(g)          # or .from_dataset(ds): from its columns, no graph built
    inc = spells.at(1990)                            # Incidence: members × institutions that held in 1990
    inc = spells.at(None)                            # every membership ever recorded
    inc.matrix, inc.rows, inc.cols                   # scipy.sparse.csr_array (int64, 0/1), row and column ids

``spells.at(year)`` equals ``membership_incidence(snapshot(g, year))`` of :mod:`govgraph.analysis.projections`
(same rows, columns and entries; a test checks it): a membership counts in ``year`` when its start and end years
include it (ends inclusive, open ends unbounded) and both ends exist that year; columns are the institutions of
``kinds`` with at least one member then, rows their members, both sorted; two spells of one pair count once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["MembershipSpells"]

_OPEN_START = np.iinfo(np.int32).min
_OPEN_END = np.iinfo(np.int32).max


def _years(values: Iterable[Any], open_value: int) -> np.ndarray:
    return np.fromiter((open_value if v is None else v for v in values), dtype=np.int32)


@dataclass
class MembershipSpells:
    """Every membership tie as (member, institution, start year, end year), with each actor's lifetime.

    ``actors`` are the ids of every actor that appears (sorted); ``member`` and ``institution`` index into it, one
    entry per tie; ``start``/``end`` are years (open ends as the int32 extremes); ``founded``/``dissolved`` give each
    actor's lifetime the same way, and ``kind`` its kind.
    """

    actors: list[str]
    kind: np.ndarray
    founded: np.ndarray
    dissolved: np.ndarray
    member: np.ndarray
    institution: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def from_graph(cls, g: nx.MultiDiGraph) -> MembershipSpells:
        """The membership ties (``member_of``, ``party_to``) of a govgraph graph."""
        from govgraph.analysis.projections import membership_types

        types = set(membership_types())
        ties = [(u, v, d.get("start_year"), d.get("end_year")) for u, v, d in g.edges(data=True) if d["type"] in types]
        actors = sorted(g.nodes)
        index = {a: i for i, a in enumerate(actors)}
        nodes = [g.nodes[a] for a in actors]
        return cls(
            actors=actors,
            kind=np.array([d.get("kind") for d in nodes], dtype=object),
            founded=_years((d.get("founded_year") for d in nodes), _OPEN_START),
            dissolved=_years((d.get("dissolved_year") for d in nodes), _OPEN_END),
            member=np.fromiter((index[t[0]] for t in ties), dtype=np.int64, count=len(ties)),
            institution=np.fromiter((index[t[1]] for t in ties), dtype=np.int64, count=len(ties)),
            start=_years((t[2] for t in ties), _OPEN_START),
            end=_years((t[3] for t in ties), _OPEN_END),
        )

    @classmethod
    def from_dataset(cls, dataset: Any) -> MembershipSpells:
        """From a dataset's columns (:class:`~govgraph.frames.Frames`), without building its graph."""
        from govgraph.frames import Frames

        return cls.from_frames(Frames.of(dataset))

    @classmethod
    def from_frames(cls, frames: Any) -> MembershipSpells:
        """From the actor and relation frames of a dataset (:class:`~govgraph.frames.Frames`)."""
        import polars as pl

        from govgraph.analysis.projections import membership_types

        actors = frames.actors
        ids = actors["id"]
        ties = frames.relations.filter(pl.col("type").is_in(pl.Series(membership_types()).implode()))
        position = pl.DataFrame({"id": ids, "i": np.arange(len(ids), dtype=np.int64)})
        ties = ties.join(position.rename({"id": "source", "i": "m"}), on="source").join(
            position.rename({"id": "target", "i": "n"}), on="target"
        )
        return cls(
            actors=ids.to_list(),
            kind=actors["kind"].to_numpy().astype(object),
            founded=actors["founded_y"].fill_null(_OPEN_START).to_numpy().astype(np.int32),
            dissolved=actors["dissolved_y"].fill_null(_OPEN_END).to_numpy().astype(np.int32),
            member=ties["m"].to_numpy(),
            institution=ties["n"].to_numpy(),
            start=ties["start_y"].fill_null(_OPEN_START).to_numpy().astype(np.int32),
            end=ties["end_y"].fill_null(_OPEN_END).to_numpy().astype(np.int32),
        )

    def _alive(self, year: int) -> np.ndarray:
        return (self.founded <= year) & (self.dissolved >= year)

    def at(self, year: int | None, kinds: Iterable[str] | None = None) -> Any:
        """Members × institutions of the memberships that held in ``year`` (every one ever, with None)."""
        from govgraph.analysis.projections import INSTITUTION_KINDS, Incidence

        wanted = np.isin(self.kind, list(kinds or INSTITUTION_KINDS))
        keep = wanted[self.institution]
        if year is not None:
            alive = self._alive(year)
            keep &= (self.start <= year) & (self.end >= year) & alive[self.member] & alive[self.institution]
        member, institution = self.member[keep], self.institution[keep]
        cols = np.unique(institution)
        rows = np.unique(member)
        r = np.searchsorted(rows, member)
        c = np.searchsorted(cols, institution)
        matrix = sp.csr_array((np.ones(len(r), dtype=np.int64), (r, c)), shape=(len(rows), len(cols)))
        matrix.sum_duplicates()
        matrix.data[:] = 1  # two spells of one pair count once
        return Incidence(matrix, [self.actors[i] for i in rows], [self.actors[j] for j in cols])
