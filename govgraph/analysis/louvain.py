"""Louvain communities, step for step those of ``networkx.community.louvain_communities``, on integer arrays.

The regime-complex analyser splits large linked groups with networkx's seeded Louvain, and its partition is the
published output. networkx runs the method in Python on Graph objects: at 100,000 organisations most of
``regimes``' time went to building those graphs, to their views and to ``modularity``. This module performs the same
operations in the same order on lists of dicts keyed by node position (networkx 3.6, unweighted undirected graphs,
resolution 1, threshold 1e-7): the same shuffles of the same ``random.Random(seed)``, the same neighbour orders (a
coarsened graph's adjacency in the order networkx's ``Graph.edges`` would insert it), the same floating-point
expressions, so the communities are equal (the tests compare them with networkx's on random graphs). Weights are
whole numbers at every level, so sums that networkx takes in set order are exact in any order.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator

import networkx as nx

__all__ = ["louvain_communities"]

_THRESHOLD = 0.0000001
_RESOLUTION = 1


def _edges(adj: list[dict[int, int]]) -> Iterator[tuple[int, int, int]]:
    """Each edge once, in the order ``networkx.Graph.edges`` gives it for this adjacency."""
    done = [False] * len(adj)
    for n, nbrs in enumerate(adj):
        for nbr, wt in nbrs.items():
            if not done[nbr]:
                yield n, nbr, wt
        done[n] = True


def _degrees(adj: list[dict[int, int]]) -> list[int]:
    """Weighted degrees as networkx counts them (a self-loop twice)."""
    return [sum(nbrs.values()) + nbrs.get(n, 0) for n, nbrs in enumerate(adj)]


def _modularity(adj: list[dict[int, int]], communities: list[set[int]]) -> float:
    """``networkx.community.modularity`` of an undirected weighted graph (whole-number weights)."""
    degree = _degrees(adj)
    deg_sum = sum(degree)
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def contribution(comm: set[int]) -> float:
        inner = sum(wt for u in comm for v, wt in adj[u].items() if v >= u and v in comm)  # each edge once
        degree_sum = sum(degree[u] for u in comm)
        return inner / m - _RESOLUTION * degree_sum * degree_sum * norm

    return sum(map(contribution, communities))


def _one_level(
    adj: list[dict[int, int]], members: list[set[int]], m: float, partition: list[set[int]], rng: random.Random
) -> tuple[list[set[int]], list[set[int]], bool]:
    """One level of moves (networkx's ``_one_level``, undirected)."""
    n = len(adj)
    node2com = list(range(n))
    inner_partition = [{u} for u in range(n)]
    degrees = _degrees(adj)
    stot = list(degrees)
    nbrs = [{v: wt for v, wt in adj[u].items() if v != u} for u in range(n)]
    rand_nodes = list(range(n))
    rng.shuffle(rand_nodes)
    two_m2 = 2 * m**2  # the same float networkx divides by; resolution 1 multiplies whole numbers exactly
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, wt in nbrs[u].items():
                weights2com[node2com[nbr]] += wt
            degree = degrees[u]
            stot[best_com] -= degree
            remove_cost = -weights2com[best_com] / m + (stot[best_com] * degree) / two_m2
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - (stot[nbr_com] * degree) / two_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = members[u]
                partition[node2com[u]].difference_update(com)
                inner_partition[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner_partition[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    partition = list(filter(len, partition))
    inner_partition = list(filter(len, inner_partition))
    return partition, inner_partition, improvement


def _gen_graph(
    adj: list[dict[int, int]], members: list[set[int]], partition: list[set[int]]
) -> tuple[list[dict[int, int]], list[set[int]]]:
    """The graph of communities (networkx's ``_gen_graph``) and the original nodes each new node stands for."""
    node2com: dict[int, int] = {}
    merged = []
    for i, part in enumerate(partition):
        nodes: set[int] = set()
        for node in part:
            node2com[node] = i
            nodes.update(members[node])
        merged.append(nodes)
    out: list[dict[int, int]] = [{} for _ in partition]
    for node1, node2, wt in _edges(adj):
        com1, com2 = node2com[node1], node2com[node2]
        weight = wt + out[com1].get(com2, 0)
        out[com1][com2] = weight
        out[com2][com1] = weight
    return out, merged


def louvain_communities(g: nx.Graph, seed: int) -> list[set[str]]:
    """``networkx.community.louvain_communities(g, seed=seed)`` of an undirected graph without edge weights."""
    nodes = list(g)
    if g.number_of_edges() == 0:
        return [{u} for u in nodes]
    index = {u: k for k, u in enumerate(nodes)}
    adj: list[dict[int, int]] = [{} for _ in nodes]
    original = [[index[v] for v in g._adj[u]] for u in nodes]
    done = [False] * len(nodes)
    for u, nbrs in enumerate(original):  # networkx copies the graph edge by edge: that order is its adjacency
        for v in nbrs:
            if not done[v]:
                adj[u][v] = 1
                adj[v][u] = 1
        done[u] = True
    rng = random.Random(seed)
    partition = [{u} for u in range(len(nodes))]
    members = [{u} for u in range(len(nodes))]
    mod = _modularity(adj, partition)
    m = sum(_degrees(adj)) / 2
    partition, inner_partition, _ = _one_level(adj, members, m, partition, rng)
    improvement = True
    best = partition
    while improvement:
        best = [s.copy() for s in partition]
        new_mod = _modularity(adj, inner_partition)
        if new_mod - mod <= _THRESHOLD:
            break
        mod = new_mod
        adj, members = _gen_graph(adj, members, inner_partition)
        partition, inner_partition, improvement = _one_level(adj, members, m, partition, rng)
    return [{nodes[u] for u in part} for part in best]
