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

Scores are rounded to 10 decimals in the JSON, to three significant digits (``precision``) in tables; rows are
ordered by the first measure asked, descending, ties by id.
"""

from __future__ import annotations

import math
import random
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

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
from govgraph.precision import DEFAULT_PRECISION, significant
from govgraph.tables import Table

__all__ = [
    "EXACT_WORK",
    "IDENTICAL_BACKENDS",
    "MEASURES",
    "NUMPY_ABOVE",
    "PIVOTS",
    "PROJECTIONS",
    "SEED",
    "CentralityResult",
    "centrality",
    "centrality_of",
    "check_measures",
    "dependencies",
    "exact_betweenness",
    "method",
    "project",
    "sampled_betweenness",
]

_DIGITS = 10


#: Exact betweenness and closeness up to this many steps (nodes × edges of the projection; exact betweenness
#: costs about that many steps of networkx's Python, tens of seconds); above it both are estimated from
#: :data:`PIVOTS` sampled sources, seeded with :data:`SEED`.
EXACT_WORK = 20_000_000
#: Exact betweenness is summed with numpy (:func:`exact_betweenness`) above this many nodes, by networkx below.
NUMPY_ABOVE = 30
#: Sampled sources (pivots) of the estimates above :data:`EXACT_WORK`.
PIVOTS = 100
#: Seed of the pivot sample: the same sources, so the same scores, on every run.
SEED = 0
#: networkx backends whose results equal networkx's own, used for a measure when installed (``backend=``).
IDENTICAL_BACKENDS: tuple[str, ...] = ("parallel",)


_ADJACENCY: weakref.WeakKeyDictionary[nx.Graph, tuple[tuple[int, int], sp.csr_array]] = weakref.WeakKeyDictionary()


def _adjacency(h: nx.Graph) -> sp.csr_array:
    """The 0/1 adjacency matrix of ``h``, rows and columns in node order.

    Kept while ``h`` lives (and keeps its size): several measures of one graph read it, and at 90,000 nodes
    networkx takes seconds to convert it.
    """
    size = (h.number_of_nodes(), h.number_of_edges())
    cached = _ADJACENCY.get(h)
    if cached is None or cached[0] != size:
        cached = size, nx.to_scipy_sparse_array(h, nodelist=list(h), weight=None, dtype=np.float64, format="csr")
        _ADJACENCY[h] = cached
    return cached[1]


def _eigenvector(h: nx.Graph, max_iter: int = 100_000, tol: float = 1e-12) -> dict[str, float]:
    """networkx's eigenvector centrality, by its own iteration on a scipy sparse matrix.

    As ``networkx.eigenvector_centrality``: start uniform, multiply by ``A + I``, scale to unit length, stop when
    the change summed over nodes is below ``n · tol``. The same iteration gives the same answer on every graph,
    disconnected ones included (the start's projection onto the leading eigenspace), at C speed.
    """
    n = len(h)
    if n == 0:
        return {}
    a = _adjacency(h)
    x = np.full(n, 1 / n)
    for _ in range(max_iter):
        last = x
        x = last + a @ last
        x = x / (np.linalg.norm(x) or 1)
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(h, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)  # pragma: no cover - (A + I) converges on real graphs


def _pagerank(h: nx.Graph) -> dict[str, float]:
    """networkx's PageRank (its scipy sparse power iteration), α = 0.85."""
    return nx.pagerank(h, alpha=0.85, max_iter=1000, tol=1e-12) if len(h) else {}


def _exact(h: nx.Graph) -> bool:
    return h.number_of_nodes() * max(h.number_of_edges(), 1) <= EXACT_WORK


def _pivots(nodes: Sequence[str], k: int) -> list[str]:
    """``k`` nodes sampled with :data:`SEED` from the sorted node list (the same sample on every run)."""
    return sorted(random.Random(SEED).sample(list(nodes), k))


def _backend(measure: str) -> str:
    """The backend that runs ``measure``: an installed one of :data:`IDENTICAL_BACKENDS`, else networkx."""
    func = {"betweenness": nx.betweenness_centrality, "closeness": nx.closeness_centrality}.get(measure)
    implemented = getattr(func, "backends", ())
    return next((b for b in IDENTICAL_BACKENDS if b in implemented), "networkx")


def dependencies(a: sp.csr_array, sources: Sequence[int]) -> np.ndarray:
    """Brandes' dependencies of every node summed over ``sources`` (unweighted, undirected adjacency ``a``).

    All sources at once, level by level: ``sigma`` (shortest paths from each source) forward and the
    dependencies ``delta`` backward are sources × nodes arrays, each level one sparse product, in chunks of
    sources that keep an array near 32 MiB. The sums come in another order than networkx's node-by-node
    accumulation: equal to about 1e-12.
    """
    from scipy.sparse.csgraph import shortest_path

    n = a.shape[0]
    total = np.zeros(n)
    sources = np.asarray(sources, dtype=np.int64)
    step = max(1, (1 << 22) // max(n, 1))
    for lo in range(0, len(sources), step):
        src = sources[lo : lo + step]
        rows = np.arange(len(src))
        dist = shortest_path(a, directed=False, unweighted=True, indices=src)
        dist = np.where(np.isfinite(dist), dist, -1).astype(np.int64)
        sigma = np.zeros(dist.shape)
        sigma[rows, src] = 1.0
        depth = int(dist.max(initial=0))
        for level in range(1, depth + 1):  # paths counted forward: sigma(v) = sum of sigma over v's parents
            here = dist == level
            sigma[here] = np.asarray(np.where(dist == level - 1, sigma, 0.0) @ a)[here]
        delta = np.zeros(dist.shape)
        for level in range(depth, 0, -1):  # dependencies backward: delta(v) = sum sigma(v)/sigma(w) (1 + delta(w))
            share = np.where(dist == level, (1.0 + delta) / np.where(sigma > 0, sigma, 1.0), 0.0)
            delta += np.where(dist == level - 1, sigma * np.asarray(share @ a), 0.0)
        delta[rows, src] = 0.0
        total += delta.sum(axis=0)
    return total


def exact_betweenness(h: nx.Graph) -> dict[str, float]:
    """``networkx.betweenness_centrality(h, normalized=True)`` of a simple undirected graph, with numpy.

    Equal to networkx's to about 1e-12 (:func:`dependencies`), in a fraction of its time on graphs of hundreds of
    nodes; the regime-complex measures use it above a few dozen institutions.
    """
    n = len(h)
    total = dependencies(_adjacency(h), range(n)) if n else np.zeros(0)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return dict(zip(h, (total * scale).tolist(), strict=True))


def sampled_betweenness(h: nx.Graph, k: int, seed: int = SEED) -> dict[str, float]:
    """networkx's ``betweenness_centrality(h, k, normalized=True, seed=seed)``: the same sources, the same scaling.

    Brandes' accumulation from the sampled sources runs on a scipy matrix (:func:`dependencies`) instead of node
    by node in Python: equal to networkx's to about 1e-12.
    """
    nodes = list(h)
    index = {n: i for i, n in enumerate(nodes)}
    sources = random.Random(seed).sample(nodes, k)
    total = dependencies(_adjacency(h), [index[s] for s in sources])
    n = len(nodes)
    if n - 1 < 2:
        return dict.fromkeys(nodes, 0.0)
    is_source = np.zeros(n, dtype=bool)
    is_source[[index[s] for s in sources]] = True
    scale = np.where(is_source, 1 / ((k - 1) * (n - 2)) if k > 1 else math.nan, 1 / (k * (n - 2)))
    return dict(zip(nodes, (total * scale).tolist(), strict=True))


def _betweenness(h: nx.Graph) -> dict[str, float]:
    """networkx's betweenness, normalised; above :data:`EXACT_WORK` estimated from :data:`PIVOTS` sources.

    An installed identical backend runs it; else networkx itself on small graphs and the same sums with numpy
    above :data:`NUMPY_ABOVE` nodes (networkx's Python starts every source with a dict of all nodes, so a sparse
    graph of 4,000 nodes took 40 s; numpy takes well under one).
    """
    backend = _backend("betweenness")
    if backend != "networkx":
        k = None if _exact(h) else min(PIVOTS, len(h))
        return nx.betweenness_centrality(h, k=k, normalized=True, seed=SEED if k else None, backend=backend)
    if not _exact(h):
        return sampled_betweenness(h, min(PIVOTS, len(h)))
    return exact_betweenness(h) if len(h) > NUMPY_ABOVE else nx.betweenness_centrality(h, normalized=True)


def _batches(comp: np.ndarray, comp_size: np.ndarray, largest: int | None, nodes: int = 2048) -> list[np.ndarray]:
    """Nodes of whole components (those of at most ``largest`` nodes; all when None), a few thousand at a time.

    Each batch is small enough for all its distances to be a dense matrix, and no component is split, so the
    distances within a batch are the distances in the graph.
    """
    wanted = np.flatnonzero(comp_size <= largest) if largest is not None else np.arange(len(comp_size))
    members = np.flatnonzero(np.isin(comp, wanted))
    members = members[np.argsort(comp[members], kind="stable")]
    sizes = comp_size[np.unique(comp[members])]
    out, start, count = [], 0, 0
    for size in sizes.tolist():
        if count and count + size > nodes:
            out.append(members[start : start + count])
            start, count = start + count, 0
        count += size
    if count:
        out.append(members[start : start + count])
    return out


def _closeness(h: nx.Graph) -> dict[str, float]:
    """Closeness as networkx defines it ((r-1)/(n-1) · (r-1)/Σd, Wasserman–Faust), from C breadth-first searches.

    Exact up to :data:`EXACT_WORK`; above it, in each connected component larger than :data:`PIVOTS`, the sum
    of a node's distances is estimated from its distances to :data:`PIVOTS` sources sampled in the component
    (Eppstein and Wang 2004); smaller components stay exact.
    """
    n = len(h)
    if n == 0:
        return {}
    from scipy.sparse.csgraph import connected_components, shortest_path

    a = _adjacency(h)
    nodes = list(h)
    _, comp = connected_components(a, directed=False)
    comp_size = np.bincount(comp)
    total = np.zeros(n)
    exact = _exact(h)
    for idx in _batches(comp, comp_size, None if exact else PIVOTS):  # whole components, exact distances
        d = shortest_path(a[idx][:, idx], directed=False, unweighted=True)
        total[idx] = np.where(np.isfinite(d), d, 0).sum(axis=1)
    if not exact:
        rng = random.Random(SEED)
        for c in np.flatnonzero(comp_size > PIVOTS):
            members = np.flatnonzero(comp == c)
            pivots = np.array(sorted(rng.sample(members.tolist(), PIVOTS)))
            d = shortest_path(a, directed=False, unweighted=True, indices=pivots)[:, members]
            sums = d.sum(axis=0)  # each member's distances to the pivots (0 to itself when it is one)
            others = PIVOTS - np.isin(members, pivots)
            total[members] = sums * (comp_size[c] - 1) / others
    reach = comp_size[comp].astype(np.float64) - 1.0
    out = {}
    for k, u in enumerate(nodes):
        out[u] = (reach[k] / total[k]) * (reach[k] / (n - 1)) if total[k] > 0 and n > 1 else 0.0
    return out


#: Measure name -> function of a simple undirected graph (networkx's definitions and normalisation).
MEASURES: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
    "degree": nx.degree_centrality,
    "betweenness": _betweenness,
    "closeness": _closeness,
    "eigenvector": _eigenvector,
    "pagerank": _pagerank,
}


def method(measure: str, h: nx.Graph) -> dict[str, Any]:
    """How ``measure`` runs on ``h``: what computes it, and whether exact or estimated from sampled pivots.

    ``backend`` is ``networkx`` (its own code), ``scipy`` (networkx's definition computed on scipy sparse
    matrices, equal to networkx's result), or the name of an installed networkx backend.
    """
    estimated = measure in ("betweenness", "closeness") and not _exact(h)
    backend = {"eigenvector": "scipy", "closeness": "scipy"}.get(measure, "networkx")
    if measure == "betweenness":
        backend = _backend(measure)
        if backend == "networkx" and (estimated or len(h) > NUMPY_ABOVE):
            backend = "scipy"
    doc: dict[str, Any] = {"backend": backend, "exact": not estimated}
    if estimated:
        doc |= {"pivots": min(PIVOTS, len(h)), "seed": SEED}
    return doc


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


def _check_projection(projection: str) -> None:
    if projection not in PROJECTIONS:
        from govgraph.dataset import suggest

        raise UsageError(
            f"unknown projection {projection!r}{suggest(projection, PROJECTIONS)} (one of {', '.join(PROJECTIONS)})"
        )


def project(g: nx.MultiDiGraph, projection: str) -> nx.Graph:
    """The simple undirected graph a projection names (``links``, ``actors`` or ``membership``)."""
    _check_projection(projection)
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
    methods: dict[str, dict[str, Any]] = field(default_factory=dict)  # measure -> backend, exact, pivots, seed
    precision: int = DEFAULT_PRECISION  # significant digits the tables print (the JSON keeps every digit)

    def notes(self) -> list[str]:
        """What a reader must know about how the scores were made: estimates, and backends other than networkx."""
        out = []
        for m in self.measures:
            how = self.methods.get(m, {})
            if how.get("exact") is False:
                out.append(
                    f"{m} estimated from {how['pivots']} sampled sources (seed {how['seed']}): the projection "
                    f"exceeds {EXACT_WORK:,} node × edge steps"
                )
            if how.get("backend") not in (None, "networkx", "scipy"):
                out.append(f"{m} computed by the networkx backend {how['backend']!r}")
        return out

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
            "methods": self.methods,
            "rows": self.rows,
        }

    def tables(self) -> list[Table]:
        when = f" in {self.as_of}" if self.as_of is not None else " (all years)"
        columns = ["rank", "id", "name", "kind", *self.measures]
        rows = [
            [
                r["rank"],
                r["id"],
                r["name"],
                r["kind"],
                *(significant(r["scores"][m], self.precision) for m in self.measures),
            ]
            for r in self.rows
        ]
        caption = (
            f"{self.projection} projection: {self.description}; {self.nodes} nodes, {self.edges} edges; "
            f"sorted by {self.measures[0]}"
        )
        return [
            Table(
                "centrality",
                f"Centrality on the {self.projection} projection{when}",
                columns,
                rows,
                caption=caption,
                notes=self.notes(),
            )
        ]


def centrality_of(
    dataset: Any,
    as_of: int | None = None,
    measures: Sequence[str] | None = None,
    projection: str = "links",
    kinds: Iterable[str] | None = None,
    top: int | None = None,
) -> CentralityResult:
    """:func:`centrality` of a dataset's snapshot of ``as_of`` (default: :func:`govgraph.years.default_year`), on a
    graph that holds only the ties the projection reads (the link graph reads no membership: at a million
    memberships that graph is a tenth of the whole) and only what the measures read of each actor."""
    from govgraph.graph import build_graph, of_types, with_relations
    from govgraph.years import default_year

    check_measures(measures)
    _check_projection(projection)
    year = as_of if as_of is not None else default_year(dataset)
    reads = {"links": link_types, "membership": membership_types}.get(projection)
    data = with_relations(dataset, of_types(reads())) if reads is not None else dataset
    return centrality(build_graph(data, year, lean=True), measures, projection, kinds, top)


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
        {m: method(m, h) for m in chosen},
    )
