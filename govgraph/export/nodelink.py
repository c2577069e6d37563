"""networkx node-link JSON (d3, networkx ``node_link_graph``), with the bibliography of the exported facts.

The relations are under ``edges``, the key networkx 3.4 and later read by default
(``nx.node_link_graph(json.load(f))``), and the same list again under ``links``, the key of older networkx and of
d3 examples (``nx.node_link_graph(doc, edges="links")``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_text

__all__ = ["NodeLinkExporter", "node_link"]


def node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link document: nodes, edges (with ``key``; also as ``links``), the bibliography and figures."""
    data = nx.node_link_data(g, edges="edges")
    for link in data["edges"]:  # the documented fields are always there, null when unknown
        link.setdefault("start", None)
        link.setdefault("end", None)
    data["links"] = data["edges"]
    data["graph"] = {k: v for k, v in g.graph.items() if k not in ("bibliography", "figures")}
    data["graph"]["bibliography"] = cited_bibliography(g)
    data["graph"]["figures"] = g.graph.get("figures", {})
    return data


@dataclass(frozen=True)
class NodeLinkExporter:
    name: str = "json"
    suffix: str = ".json"
    description: str = "networkx node-link JSON (nodes, edges and the same as links, bibliography)"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        with atomic_write_text(path) as fh:
            json.dump(node_link(g), fh, indent=2, sort_keys=True, ensure_ascii=False)
            fh.write("\n")
        return [path]


register(NodeLinkExporter())
