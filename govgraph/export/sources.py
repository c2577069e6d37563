"""The sources behind a graph's facts, so every export can carry its bibliography."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["cited_bibliography", "cited_keys"]


def cited_keys(g: nx.MultiDiGraph) -> set[str]:
    """Keys of every source cited by a node, an edge, or a figure of the graph."""
    keys: set[str] = set()
    for _, d in g.nodes(data=True):
        keys.update(d.get("sources", []))
    for *_, d in g.edges(data=True):
        keys.update(d.get("sources", []))
    return keys


def cited_bibliography(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The bibliography entries cited by the graph's nodes and edges, by key."""
    keys = cited_keys(g)
    return {k: v for k, v in sorted(g.graph.get("bibliography", {}).items()) if k in keys}
