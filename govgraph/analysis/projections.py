"""The graphs and matrices the analysers work on, all derived from one :func:`govgraph.graph.build_graph` graph.

* the year a report looks at (:func:`latest_year`, :func:`graph_as_of`);
* simple undirected projections: the institution link graph, the full actor graph, the membership projection;
* sparse incidence matrices: members × institutions (:func:`membership_incidence`) and vocabulary terms ×
  institutions (:func:`term_incidence`), the input of :func:`govgraph.analysis.overlap.similarity`.

Relation types are never spelt here: they come from the vocabulary by category. Every node list is sorted
so every algorithm sees the same graph, in the same order, on every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from govgraph.errors import UsageError
from govgraph.graph import snapshot
from govgraph.vocab import vocabulary

__all__ = [
    "INSTITUTION_KINDS",
    "LINK_CATEGORIES",
    "TERM_ATTRIBUTES",
    "Incidence",
    "actor_graph",
    "check_kinds",
    "graph_as_of",
    "latest_year",
    "link_graph",
    "link_types",
    "membership_incidence",
    "membership_projection",
    "membership_types",
    "nodes_of_kinds",
    "term_incidence",
    "undirected_simple",
]

#: Kinds of actor that are institutions (states and firms are members, not institutions).
INSTITUTION_KINDS: tuple[str, ...] = ("organisation", "programme", "agreement")

#: Relation categories of the institution link graph: every category that can join two institutions.
#: (``state_action`` never does: its source is always a state.)
LINK_CATEGORIES: tuple[str, ...] = ("interaction", "hierarchy", "affiliation", "succession", "membership")

#: Node attributes holding vocabulary terms, and the vocabulary list each draws on.
TERM_ATTRIBUTES: dict[str, str] = {"functions": "functions", "issue_areas": "issue_areas"}


def check_kinds(kinds: Iterable[str] | None, default: Sequence[str] = INSTITUTION_KINDS) -> tuple[str, ...]:
    """Kinds of actor checked against the vocabulary (``default`` when none); a UsageError names a wrong one."""
    from govgraph.dataset import suggest

    chosen = tuple(dict.fromkeys(k.strip() for k in (kinds or ()) if k.strip())) or tuple(default)
    known = vocabulary().kinds
    for kind in chosen:
        if kind not in known:
            raise UsageError(f"unknown kind {kind!r}{suggest(kind, known)} (one of {', '.join(known)})")
    return chosen


def latest_year(g: nx.MultiDiGraph) -> int | None:
    """The latest year the graph records (founding, dissolution, start or end of a tie), or None if undated."""
    years = [d[k] for _, d in g.nodes(data=True) for k in ("founded_year", "dissolved_year") if k in d]
    years += [d[k] for *_, d in g.edges(data=True) for k in ("start_year", "end_year") if k in d]
    return max(years) if years else None


def graph_as_of(g: nx.MultiDiGraph, as_of: int | None, default: str = "latest") -> nx.MultiDiGraph:
    """The graph a report looks at: the snapshot of ``as_of``; without it, ``default``.

    ``default="latest"`` takes the snapshot of :func:`latest_year` (what holds now, as far as the data knows:
    ended memberships and dissolved bodies drop out); ``default="all"`` keeps every actor and tie ever recorded.
    The year used is in ``graph["as_of"]`` (absent for ``"all"``).
    """
    if default not in ("latest", "all"):
        raise ValueError(f"default must be 'latest' or 'all', not {default!r}")
    if as_of is None and default == "latest":
        as_of = latest_year(g)
    return snapshot(g, as_of) if as_of is not None else g


def nodes_of_kinds(g: nx.MultiDiGraph, kinds: Iterable[str] = INSTITUTION_KINDS) -> list[str]:
    """Ids of the nodes of the given kinds, sorted."""
    wanted = set(kinds)
    return sorted(n for n, d in g.nodes(data=True) if d.get("kind") in wanted)


def link_types() -> list[str]:
    """Relation types of the institution link graph (the categories in :data:`LINK_CATEGORIES`), sorted."""
    return vocabulary().relation_types_in(*LINK_CATEGORIES)


def membership_types() -> list[str]:
    """Relation types that make an actor a member of an institution (``member_of``, ``party_to``), sorted."""
    return vocabulary().relation_types_in("membership")


def undirected_simple(
    g: nx.MultiDiGraph, nodes: Iterable[str] | None = None, types: Iterable[str] | None = None
) -> nx.Graph:
    """A simple undirected graph of ``g``: the given nodes, one edge wherever any tie of the given types joins two.

    Each edge carries ``types`` (sorted relation types) and ``relations`` (sorted relation ids) of the ties it
    stands for. Nodes keep their attributes and are added in sorted order.
    """
    keep = sorted(g.nodes if nodes is None else set(nodes) & set(g.nodes))
    allowed = None if types is None else set(types)
    h = nx.Graph()
    h.graph.update(g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in keep)
    merged: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        if u == v or u not in h or v not in h or (allowed is not None and d["type"] not in allowed):
            continue
        kinds, ids = merged.setdefault((min(u, v), max(u, v)), (set(), set()))
        kinds.add(d["type"])
        ids.add(k)
    for (u, v), (kinds, ids) in sorted(merged.items()):
        h.add_edge(u, v, types=sorted(kinds), relations=sorted(ids))
    return h


def link_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The institution link graph: organisations, programmes and agreements, tied by :func:`link_types`."""
    return undirected_simple(g, nodes_of_kinds(g, INSTITUTION_KINDS), link_types())


def actor_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The full actor graph: every actor, one edge wherever a tie of any type joins two."""
    return undirected_simple(g)


@dataclass(frozen=True)
class Incidence:
    """A binary sparse incidence matrix: ``matrix[i, j] == 1`` when row element ``rows[i]`` belongs to set ``cols[j]``.

    For membership, rows are members and columns institutions; for functional overlap, rows are vocabulary
    terms and columns institutions. ``matrix`` is a ``scipy.sparse.csr_array`` of ``int64``.
    """

    matrix: sp.csr_array
    rows: list[str]
    cols: list[str]

    def transpose(self) -> Incidence:
        """The same incidence seen from the other side (sets become elements)."""
        return Incidence(sp.csr_array(self.matrix.T), self.cols, self.rows)


def _incidence(pairs: set[tuple[str, str]], rows: list[str], cols: list[str]) -> Incidence:
    """A binary CSR matrix from (row id, column id) pairs; pairs outside ``rows``/``cols`` are dropped."""
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: j for j, c in enumerate(cols)}
    kept = sorted((ri[r], ci[c]) for r, c in pairs if r in ri and c in ci)
    i = np.fromiter((p[0] for p in kept), dtype=np.int64, count=len(kept))
    j = np.fromiter((p[1] for p in kept), dtype=np.int64, count=len(kept))
    data = np.ones(len(kept), dtype=np.int64)
    return Incidence(sp.csr_array((data, (i, j)), shape=(len(rows), len(cols))), rows, cols)


def membership_incidence(
    g: nx.MultiDiGraph,
    institutions: Iterable[str] | None = None,
    kinds: Iterable[str] = INSTITUTION_KINDS,
) -> Incidence:
    """Members × institutions from the membership ties (``member_of``, ``party_to``) of ``g``.

    Columns are ``institutions`` when given (in sorted order, kept even if they have no member), otherwise every
    institution of ``kinds`` that has at least one member. Rows are every actor that is a member of one of those
    columns, sorted. A member tied twice to one institution (two spells of membership) counts once.
    """
    types = set(membership_types())
    pairs = {(u, v) for u, v, d in g.edges(data=True) if d["type"] in types}
    if institutions is None:
        wanted = set(kinds)
        cols = sorted({v for _, v in pairs if g.nodes[v].get("kind") in wanted})
    else:
        cols = sorted(set(institutions))
    colset = set(cols)
    rows = sorted({u for u, v in pairs if v in colset})
    return _incidence(pairs, rows, cols)


def term_incidence(
    g: nx.MultiDiGraph,
    attribute: str = "functions",
    institutions: Iterable[str] | None = None,
    kinds: Iterable[str] = INSTITUTION_KINDS,
) -> Incidence:
    """Vocabulary terms × institutions: which institution serves which function or issue area.

    ``attribute`` is ``functions`` or ``issue_areas``. Rows are the vocabulary's terms in sorted order (all of
    them, so row indices are stable); columns are ``institutions`` when given, otherwise every institution of
    ``kinds`` with at least one term.
    """
    if attribute not in TERM_ATTRIBUTES:
        raise UsageError(f"unknown attribute {attribute!r} (one of {', '.join(TERM_ATTRIBUTES)})")
    rows = sorted(vocabulary().terms(TERM_ATTRIBUTES[attribute]))
    if institutions is None:
        wanted = set(kinds)
        cols = sorted(n for n, d in g.nodes(data=True) if d.get("kind") in wanted and d.get(attribute))
    else:
        cols = sorted(set(institutions))
    pairs = {(t, n) for n in cols for t in g.nodes[n].get(attribute, [])}
    return _incidence(pairs, rows, cols)


def membership_projection(g: nx.MultiDiGraph, kinds: Iterable[str] = INSTITUTION_KINDS) -> nx.Graph:
    """The one-mode projection of institutions through shared members (``A^T A`` of the membership incidence).

    Nodes are the institutions of ``kinds`` with at least one member; an edge joins two that share a member,
    with ``weight`` = the number of members they share (as ``networkx.bipartite.weighted_projected_graph``).
    """
    inc = membership_incidence(g, kinds=kinds)
    co = sp.triu(inc.matrix.T @ inc.matrix, k=1).tocoo()
    h = nx.Graph()
    h.graph.update(g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in inc.cols)
    order = np.lexsort((co.col, co.row))
    h.add_edges_from((inc.cols[int(co.row[k])], inc.cols[int(co.col[k])], {"weight": int(co.data[k])}) for k in order)
    return h
