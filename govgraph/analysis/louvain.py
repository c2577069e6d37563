"""Louvain communities, step for step those of ``networkx.community.louvain_communities``, compiled.

The regime-complex analyser splits large linked groups with networkx's seeded Louvain, and its partition is the
published output. networkx moves nodes one by one in Python; at 100,000 organisations that loop was most of
``regimes``' time. This module performs the same operations in the same order (networkx 3.6, undirected graphs
without weights, resolution 1, threshold 1e-7) on arrays, and runs the loop of moves compiled with numba:

* the same ``random.Random(seed)`` shuffles a list of the same length at each level;
* each node's neighbours come in the order networkx's adjacency holds them: a coarsened graph's adjacency is the
  order in which ``Graph.edges`` of the finer graph first inserts each pair (and the input is copied that way too);
* the same floating-point expressions in the same order; weights are whole numbers at every level, so the sums that
  networkx takes in set order are exact in any order, and modularity adds the communities' contributions with
  Python's ``sum`` in networkx's order.

So the communities are equal (the tests compare them with networkx's on random graphs).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx
import numpy as np

from govgraph.compiled import kernel

__all__ = ["louvain_communities", "louvain_labels"]

_THRESHOLD = 0.0000001


@dataclass(frozen=True)
class _Graph:
    """An undirected weighted graph as CSR rows in networkx's adjacency order; a self-loop appears once."""

    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray

    @property
    def sources(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def degrees(self) -> np.ndarray:
        """Weighted degrees as networkx counts them (a self-loop twice)."""
        n = len(self.indptr) - 1
        src = self.sources
        loops = src == self.indices
        return np.bincount(src, weights=self.weights, minlength=n).astype(np.int64) + np.bincount(
            src[loops], weights=self.weights[loops], minlength=n
        ).astype(np.int64)


def _coarsen(g: _Graph, node2com: np.ndarray, k: int) -> _Graph:
    """The graph of ``k`` communities (networkx's ``_gen_graph``, or its copy of a graph with the identity).

    networkx walks ``Graph.edges`` (each edge once, from its end that comes first; a self-loop once) and adds each
    as an edge between the two communities, summing weights: a community's neighbours are in the order of the
    first edge that joins them, counting both ends of that edge at its step.
    """
    src = g.sources
    once = g.indices >= src
    a, b, w = node2com[src[once]], node2com[g.indices[once]], g.weights[once]
    ends = np.stack([a, b], axis=1).ravel()
    other = np.stack([b, a], axis=1).ravel()
    weight = np.repeat(w, 2)
    keep = np.ones(len(ends), dtype=bool)
    keep[1::2] = a != b  # a loop is one edge
    ends, other, weight = ends[keep], other[keep], weight[keep]
    key = ends * k + other
    pairs, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    total = np.bincount(inverse, weights=weight).astype(np.int64)
    row = pairs // k
    order = np.lexsort((first, row))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=k))])
    return _Graph(indptr, (pairs % k)[order], total[order])


def _modularity(g: _Graph, community: np.ndarray, k: int) -> float:
    """``networkx.community.modularity`` of ``g`` split into communities ``0 .. k-1``."""
    degree = g.degrees()
    deg_sum = int(degree.sum())
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    src = g.sources
    inside = (g.indices >= src) & (community[src] == community[g.indices])  # each inner edge once
    inner = np.bincount(community[src[inside]], weights=g.weights[inside], minlength=k)
    degree_sum = np.bincount(community, weights=degree, minlength=k)
    return sum((inner / m - degree_sum * degree_sum * norm).tolist())


def _one_level(g: _Graph, m: float, rng: random.Random) -> tuple[np.ndarray, int, bool]:
    """One level of moves: each node's community numbered ``0 .. k-1`` in networkx's order, ``k``, and whether any
    node moved."""
    n = len(g.indptr) - 1
    order = list(range(n))
    rng.shuffle(order)
    src = g.sources
    off = g.indices != src  # a node's own loop is no neighbour
    indptr = np.concatenate([[0], np.cumsum(np.bincount(src[off], minlength=n))])
    degrees = g.degrees()
    node2com = np.arange(n, dtype=np.int64)
    improvement = kernel("louvain_moves")(
        indptr,
        g.indices[off].astype(np.int64),
        g.weights[off].astype(np.float64),
        degrees,
        m,
        np.array(order, dtype=np.int64),
        node2com,
        degrees.copy(),
    )
    used, compact = np.unique(node2com, return_inverse=True)  # non-empty communities, in index order
    return compact.astype(np.int64), len(used), bool(improvement)


def louvain_communities(g: nx.Graph, seed: int) -> list[set[str]]:
    """``networkx.community.louvain_communities(g, seed=seed)`` of an undirected graph without edge weights."""
    nodes = list(g)
    index = {u: i for i, u in enumerate(nodes)}
    rows = [[index[v] for v in g._adj[u]] for u in nodes]
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64)
    indices = np.fromiter((v for r in rows for v in r), dtype=np.int64, count=int(indptr[-1]))
    labels = louvain_labels(indptr, indices, seed)
    groups: list[set[str]] = [set() for _ in range(int(labels.max()) + 1 if len(labels) else 0)]
    for u, c in zip(nodes, labels.tolist(), strict=True):
        groups[c].add(u)
    return groups


def louvain_labels(indptr: np.ndarray, indices: np.ndarray, seed: int) -> np.ndarray:
    """The community (``0 .. k-1``) of each node of :func:`louvain_communities`, for a graph given as CSR rows in
    the order networkx's adjacency would hold them (a graph built from sorted edges: each row sorted)."""
    n = len(indptr) - 1
    identity = np.arange(n, dtype=np.int64)
    if len(indices) == 0:
        return identity
    level = _coarsen(_Graph(indptr, indices, np.ones(len(indices), dtype=np.int64)), identity, n)  # networkx's copy
    rng = random.Random(seed)
    mod = _modularity(level, identity, n)
    m = int(level.degrees().sum()) / 2
    where = identity  # each original node's node in the current level
    node2com, k, _ = _one_level(level, m, rng)
    best = node2com[where]
    improvement = True
    while improvement:
        best = node2com[where]
        new_mod = _modularity(level, node2com, k)
        if new_mod - mod <= _THRESHOLD:
            break
        mod = new_mod
        level, where = _coarsen(level, node2com, k), node2com[where]
        node2com, k, improvement = _one_level(level, m, rng)
    return best
