"""Selecting part of the graph for an export or a figure: an ego network, an issue area, a regime complex,
some kinds of actor, some relation types.

Node filters (``kinds``, ``issue_area``, ``regime``) keep the actors that pass all of them; the relation filter
keeps the ties of those types (or categories); the ego network is then taken within what is left (ties in either
direction, up to ``radius`` steps). The result is a new graph with the same attributes, nodes and edges in sorted
order, and a ``selection`` graph attribute saying how it was chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from govgraph.errors import UsageError
from govgraph.vocab import vocabulary

__all__ = ["check_terms", "select", "subgraph"]


def check_terms(values: Iterable[str], known: Iterable[str], what: str) -> list[str]:
    """``values`` checked against the vocabulary terms ``known``; a UsageError with a suggestion otherwise."""
    from govgraph.dataset import suggest

    pool = sorted(set(known))
    out = []
    for value in values:
        if value not in pool:
            raise UsageError(f"unknown {what} {value!r}{suggest(value, pool)} (one of {', '.join(pool)})")
        out.append(value)
    return out


def relation_types_named(names: Iterable[str]) -> set[str]:
    """Relation types from names that are relation types or relation categories."""
    v = vocabulary()
    chosen: set[str] = set()
    for value in check_terms(names, [*v.relation_types, *v.relation_categories], "relation type or category"):
        chosen.update(v.relation_types_in(value) if value in v.relation_categories else [value])
    return chosen


def subgraph(
    g: nx.MultiDiGraph,
    nodes: Iterable[str],
    edge_keys: Iterable[str] | None = None,
    selection: dict[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """A new graph of ``nodes`` and the edges among them (only those keyed in ``edge_keys``, when given)."""
    keep = set(nodes)
    keys = None if edge_keys is None else set(edge_keys)
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    if selection:
        h.graph["selection"] = selection
    for n in sorted(keep):
        h.add_node(n, **g.nodes[n])
    edges = [
        (u, v, k, d)
        for u, v, k, d in g.edges(keys=True, data=True)
        if u in keep and v in keep and (keys is None or k in keys)
    ]
    for u, v, k, d in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
        h.add_edge(u, v, key=k, **d)
    return h


def _regime_nodes(g: nx.MultiDiGraph, number: int) -> set[str]:
    from govgraph.analysis.regimes import regime_complexes

    return set(regime_complexes(g).complex(number).institutions)


def select(
    g: nx.MultiDiGraph,
    ego: str | None = None,
    radius: int = 1,
    issue_area: str | None = None,
    regime: int | None = None,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The part of ``g`` chosen by the filters (the whole graph when none is given).

    ``ego`` is an id, name or alias; ``relations`` are relation types or categories (``membership`` ...);
    ``regime`` is the number of a regime complex found by :func:`govgraph.analysis.regimes.regime_complexes`.
    """
    v = vocabulary()
    selection: dict[str, Any] = {}
    nodes = set(g.nodes)
    if kinds:
        kinds = check_terms(kinds, v.kinds, "kind")
        nodes = {n for n in nodes if g.nodes[n].get("kind") in kinds}
        selection["kinds"] = sorted(set(kinds))
    if issue_area is not None:
        check_terms([issue_area], v.issue_areas, "issue area")
        nodes = {n for n in nodes if issue_area in g.nodes[n].get("issue_areas", [])}
        selection["issue_area"] = issue_area
    if regime is not None:
        nodes &= _regime_nodes(g, regime)
        selection["regime"] = regime
    keys = None
    if relations:
        types = relation_types_named(relations)
        keys = {k for *_, k, d in g.edges(keys=True, data=True) if d.get("type") in types}
        selection["relations"] = sorted(set(relations))
    h = subgraph(g, nodes, keys)
    if ego is not None:
        if radius < 0:
            raise UsageError(f"--radius must be 0 or more, not {radius}")
        from govgraph.describe import resolve_actor

        centre = resolve_actor(g, ego)
        if centre not in h:
            raise UsageError(f"{ego!r} ({centre}) is not in the selection: the other filters leave it out")
        reach = nx.single_source_shortest_path_length(h.to_undirected(as_view=True), centre, cutoff=radius)
        h = subgraph(h, reach)
        selection.update(ego=centre, radius=radius)
    if selection:
        h.graph["selection"] = selection
    return h
