"""govgraph's Louvain equals networkx's seeded louvain_communities, community for community."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from govgraph.analysis.louvain import louvain_communities


def _canon(parts) -> list[list]:
    return sorted(sorted(p) for p in parts)


def _shuffled(g: nx.Graph, rng: random.Random) -> nx.Graph:
    """The same graph with nodes and edges inserted in another order (networkx's result depends on it)."""
    h = nx.Graph()
    nodes, edges = list(g.nodes), list(g.edges)
    rng.shuffle(nodes)
    rng.shuffle(edges)
    h.add_nodes_from(nodes)
    h.add_edges_from(edges)
    return h


def _graph(kind: int, n: int, seed: int) -> nx.Graph:
    if kind == 0:
        return nx.gnm_random_graph(n, 3 * n, seed=seed)
    if kind == 1:
        return nx.planted_partition_graph(6, max(2, n // 6), 0.5, 0.02, seed=seed)
    if kind == 2:
        return nx.barabasi_albert_graph(n, 2, seed=seed)
    return nx.relabel_nodes(nx.connected_watts_strogatz_graph(n, 4, 0.1, seed=seed), lambda x: f"org-{x:04d}")


@pytest.mark.parametrize("trial", range(40))
def test_equals_networkx_on_random_graphs(trial: int) -> None:
    rng = random.Random(trial)
    g = _shuffled(_graph(trial % 4, rng.randint(10, 300), trial), rng)
    seed = rng.randint(0, 1000)
    assert _canon(louvain_communities(g, seed)) == _canon(nx.community.louvain_communities(g, seed=seed))


def test_several_levels_and_a_larger_graph() -> None:
    g = nx.planted_partition_graph(40, 25, 0.3, 0.004, seed=7)
    expected = nx.community.louvain_communities(g, seed=42)
    got = louvain_communities(g, 42)
    assert _canon(got) == _canon(expected)
    assert 20 <= len(got) <= 60  # planted: about forty communities


def test_by_hand() -> None:
    """Two triangles joined by one edge: two communities whatever the seed; no edges: every node alone."""
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")])
    for seed in range(5):
        assert _canon(louvain_communities(g, seed)) == [["a", "b", "c"], ["d", "e", "f"]]
    empty = nx.Graph()
    empty.add_nodes_from(["x", "y"])
    assert _canon(louvain_communities(empty, 0)) == [["x"], ["y"]]
