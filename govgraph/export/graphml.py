"""GraphML for Cytoscape, R/python igraph, yEd and Gephi.

Every node and edge attribute is a typed GraphML key (years ``long``, text ``string``); GraphML has no list
type, so lists are ``"; "``-joined strings. A node's ``name`` is its id (R igraph's vertex name, so
``V(g)["unesco"]`` works), its ``label`` the full name (Gephi, yEd and Cytoscape show it) and ``short_label`` an
acronym where the name is long. A relation's id is both the GraphML edge
``id`` (networkx reads it as the edge key) and an ``id`` edge attribute (igraph reads that one). The graph
carries the bibliography of the cited sources as a JSON string (``bibliography``) and, for a snapshot, ``as_of``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.attrs import flat_edges, flat_nodes, flat_value
from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_bytes

__all__ = ["GraphMLExporter", "flat_graph"]


def graph_attrs(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Scalar graph-level attributes: the cited bibliography as JSON, the snapshot year, the selection."""
    attrs: dict[str, Any] = {
        "bibliography": json.dumps(cited_bibliography(g), sort_keys=True, ensure_ascii=False),
        "list_separator": "; ",
    }
    if g.graph.get("as_of") is not None:
        attrs["as_of"] = int(g.graph["as_of"])
    if g.graph.get("selection"):
        attrs["selection"] = flat_value("selection", g.graph["selection"])
    return attrs


def node_attrs(node: str, flat: dict[str, Any]) -> dict[str, Any]:
    """GraphML attributes of a node from its flat attributes: ``name`` = id, ``label`` = full name."""
    rest = {k: v for k, v in flat.items() if k not in ("name", "label")}
    return {"name": node, "label": flat.get("name", node), "short_label": flat["label"], **rest}


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose node, edge and graph attributes are all scalars."""
    h = nx.MultiDiGraph(**graph_attrs(g))
    for n, d in flat_nodes(g):
        h.add_node(n, **node_attrs(n, d))
    for u, v, k, d in flat_edges(g):
        h.add_edge(u, v, key=k, **d)
    return h


@dataclass(frozen=True)
class GraphMLExporter:
    name: str = "graphml"
    suffix: str = ".graphml"
    description: str = "GraphML with typed attributes (Cytoscape, igraph, yEd, Gephi)"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        buf = io.BytesIO()
        nx.write_graphml(flat_graph(g), buf, encoding="utf-8", prettyprint=True)
        with atomic_write_bytes(path) as fh:
            fh.write(buf.getvalue())
        return [path]


register(GraphMLExporter())
