"""Flat, typed attributes for formats without lists or maps (GraphML, GEXF, CSV).

Integers stay integers (years), booleans and floats keep their type, strings stay strings; lists are joined
with ``"; "`` and citations become ``key`` or ``key (at)`` text, so every value is a scalar of one type.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from govgraph.labels import node_label

__all__ = ["LIST_SEPARATOR", "attr_types", "citation_text", "flat_attrs", "flat_value", "node_label"]

LIST_SEPARATOR = "; "

#: Node attributes listed first (in this order) in tables; the rest follow sorted.
NODE_ORDER = (
    "kind",
    "name",
    "label",
    "aliases",
    "founded",
    "founded_year",
    "dissolved",
    "dissolved_year",
    "hq_country",
    "hq_city",
    "org_type",
    "issue_areas",
    "functions",
    "member_types",
    "sources",
)
#: Edge attributes listed first (in this order).
EDGE_ORDER = ("type", "category", "start", "start_year", "end", "end_year", "status", "role", "end_reason", "sources")


def citation_text(citation: dict[str, Any] | str) -> str:
    """One citation as text: ``key`` or ``key (at)``, with its note after a colon."""
    if isinstance(citation, str):
        return citation
    text = citation["key"]
    if citation.get("at"):
        text += f" ({citation['at']})"
    if citation.get("note"):
        text += f": {citation['note']}"
    return text


def flat_value(key: str, value: Any) -> Any:
    """A scalar for one attribute value (lists joined, citations as text, maps as ``k=v`` pairs)."""
    if isinstance(value, (list, tuple, set)):
        items = sorted(value) if isinstance(value, set) else list(value)
        if key == "citations":
            items = [citation_text(c) for c in items]
        return LIST_SEPARATOR.join(str(flat_value(key, v)) for v in items)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{k}={flat_value(k, v)}" for k, v in sorted(value.items()))
    return value


def flat_attrs(data: dict[str, Any], rename: dict[str, str] | None = None) -> dict[str, Any]:
    """Attributes with every value a scalar; ``None`` and empty lists dropped; keys renamed where ``rename`` says."""
    rename = rename or {}
    return {rename.get(k, k): flat_value(k, v) for k, v in data.items() if v is not None and v != []}


def ordered_keys(keys: set[str], first: tuple[str, ...]) -> list[str]:
    """``keys`` with the ones in ``first`` leading in that order, then the rest sorted."""
    return [k for k in first if k in keys] + sorted(keys - set(first))


def attr_types(rows: list[dict[str, Any]]) -> dict[str, type]:
    """The one Python type of each attribute over all rows (mixed int/float become float, others str)."""
    seen: dict[str, set[type]] = {}
    for row in rows:
        for k, v in row.items():
            seen.setdefault(k, set()).add(type(v))
    out: dict[str, type] = {}
    for k, types in seen.items():
        if len(types) == 1:
            out[k] = types.pop()
        elif types <= {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def flat_nodes(g: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    """Every node with flat attributes and a ``label``, in node order."""
    return [(n, {"label": node_label(d), **flat_attrs(d)}) for n, d in g.nodes(data=True)]


def flat_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge (source, target, key, flat attributes), in edge order."""
    return [(u, v, k, flat_attrs(d)) for u, v, k, d in g.edges(keys=True, data=True)]
