"""Centrality of actors on a stated projection: degree, betweenness, closeness, eigenvector, PageRank.

Every measure runs on a *simple undirected* graph (one edge per pair of actors, whatever the number, type or
direction of the ties between them), unweighted, normalised as networkx normalises it. None is run directed:
the direction of a govgraph relation is not a flow of importance (``member_of`` points at the institution,
``runs`` away from the owner, ``succeeded_by`` forward in time), so PageRank too treats each tie both ways.

Projections (see :mod:`govgraph.analysis.projections`):

* ``links``: institutions (organisations, programmes, agreements) tied by interaction, hierarchy, affiliation,
  succession or membership of one institution in another;
* ``actors``: every actor, tied by a relation of any type;
* ``membership``: institutions with members, joined when they share at least one member.

Scores are rounded to 10 decimals; rows are ordered by the first measure asked, descending, ties by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from govgraph.analysis.projections import (
    INSTITUTION_KINDS,
    actor_graph,
    check_kinds,
    link_graph,
    link_types,
    membership_projection,
    membership_types,
)
from govgraph.errors import UsageError
from govgraph.tables import Table

__all__ = ["MEASURES", "PROJECTIONS", "CentralityResult", "centrality", "check_measures", "project"]

_DIGITS = 10


def _eigenvector(h: nx.Graph) -> dict[str, float]:
    if h.number_of_nodes() == 0:
        return {}
    try:
        return nx.eigenvector_centrality(h, max_iter=10000, tol=1e-12)
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - (A + I) iteration converges on real graphs
        return nx.eigenvector_centrality_numpy(h)


#: Measure name -> networkx function on a simple undirected graph (networkx defaults for normalisation).
MEASURES: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
    "degree": nx.degree_centrality,
    "betweenness": lambda h: nx.betweenness_centrality(h, normalized=True),
    "closeness": nx.closeness_centrality,
    "eigenvector": _eigenvector,
    "pagerank": lambda h: nx.pagerank(h, alpha=0.85, max_iter=1000, tol=1e-12) if len(h) else {},
}

#: Projection name -> (builder, one-line description for reports and docs).
PROJECTIONS: dict[str, tuple[Callable[[nx.MultiDiGraph], nx.Graph], str]] = {
    "links": (link_graph, "institutions tied by " + ", ".join(link_types())),
    "actors": (actor_graph, "all actors tied by relations of any type"),
    "membership": (
        membership_projection,
        "institutions joined when they share a member (" + ", ".join(membership_types()) + ")",
    ),
}


def check_measures(measures: Iterable[str] | None) -> list[str]:
    """The measures asked for, in the order given, checked (all of them when none is given)."""
    from govgraph.dataset import suggest

    chosen = list(dict.fromkeys(m.strip() for m in (measures or ()) if m.strip())) or list(MEASURES)
    for m in chosen:
        if m not in MEASURES:
            raise UsageError(f"unknown measure {m!r}{suggest(m, MEASURES)} (one of {', '.join(MEASURES)})")
    return chosen


def project(g: nx.MultiDiGraph, projection: str) -> nx.Graph:
    """The simple undirected graph a projection names (``links``, ``actors`` or ``membership``)."""
    if projection not in PROJECTIONS:
        from govgraph.dataset import suggest

        raise UsageError(
            f"unknown projection {projection!r}{suggest(projection, PROJECTIONS)} (one of {', '.join(PROJECTIONS)})"
        )
    return PROJECTIONS[projection][0](g)


@dataclass
class CentralityResult:
    """Centrality scores of the actors of a projection, ranked."""

    projection: str
    description: str
    measures: list[str]
    kinds: list[str]
    as_of: int | None
    nodes: int
    edges: int
    top: int | None
    rows: list[dict[str, Any]]  # id, name, kind, rank, scores {measure: value}, ranks {measure: rank}

    def to_json(self) -> dict[str, Any]:
        return {
            "projection": self.projection,
            "description": self.description,
            "measures": self.measures,
            "sorted_by": self.measures[0],
            "kinds": self.kinds,
            "as_of": self.as_of,
            "graph": {"nodes": self.nodes, "edges": self.edges},
            "top": self.top,
            "rows": self.rows,
        }

    def tables(self) -> list[Table]:
        when = f" in {self.as_of}" if self.as_of is not None else " (all years)"
        columns = ["rank", "id", "name", "kind", *self.measures]
        rows = [[r["rank"], r["id"], r["name"], r["kind"], *(r["scores"][m] for m in self.measures)] for r in self.rows]
        caption = (
            f"{self.projection} projection: {self.description}; {self.nodes} nodes, {self.edges} edges; "
            f"sorted by {self.measures[0]}"
        )
        return [
            Table("centrality", f"Centrality on the {self.projection} projection{when}", columns, rows, caption=caption)
        ]


def _ranks(ids: list[str], scores: dict[str, float]) -> dict[str, int]:
    """1-based ranks by score descending, ties broken by id."""
    order = sorted(ids, key=lambda n: (-scores[n], n))
    return {n: i for i, n in enumerate(order, 1)}


def centrality(
    g: nx.MultiDiGraph,
    measures: Sequence[str] | None = None,
    projection: str = "links",
    kinds: Iterable[str] | None = None,
    top: int | None = None,
) -> CentralityResult:
    """Centrality of the actors of ``g`` on ``projection``.

    Scores are computed on the whole projection; ``kinds`` only selects which actors are listed (default: every
    kind in the projection) and ranks are among those listed; ``top`` keeps the first N rows. Rows are ordered
    by the first measure, descending, ties broken by id.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     g.add_node(n, kind="organisation", name=n.upper())
    >>> _ = g.add_edge("a", "b", key="r1", type="partner_of")
    >>> _ = g.add_edge("b", "c", key="r2", type="partner_of")
    >>> r = centrality(g, ["degree", "betweenness"])
    >>> [(row["id"], row["scores"]["degree"], row["scores"]["betweenness"]) for row in r.rows]
    [('b', 1.0, 1.0), ('a', 0.5, 0.0), ('c', 0.5, 0.0)]
    """
    chosen = check_measures(measures)
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    h = project(g, projection)
    kind_list = list(
        check_kinds(kinds, default=sorted({d.get("kind") for _, d in h.nodes(data=True)} or INSTITUTION_KINDS))
    )
    scores = {m: {n: round(float(v), _DIGITS) + 0.0 for n, v in MEASURES[m](h).items()} for m in chosen}
    listed = sorted(n for n, d in h.nodes(data=True) if d.get("kind") in set(kind_list))
    ranks = {m: _ranks(listed, scores[m]) for m in chosen}
    order = sorted(listed, key=lambda n: ranks[chosen[0]][n])
    rows = [
        {
            "id": n,
            "name": h.nodes[n].get("name", n),
            "kind": h.nodes[n].get("kind"),
            "rank": ranks[chosen[0]][n],
            "scores": {m: scores[m][n] for m in chosen},
            "ranks": {m: ranks[m][n] for m in chosen},
        }
        for n in order[: top or None]
    ]
    return CentralityResult(
        projection,
        PROJECTIONS[projection][1],
        chosen,
        kind_list,
        g.graph.get("as_of"),
        h.number_of_nodes(),
        h.number_of_edges(),
        top,
        rows,
    )
