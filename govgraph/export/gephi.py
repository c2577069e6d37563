"""Gephi's spreadsheet import: a folder with ``nodes.csv`` and ``edges.csv`` in the column names Gephi's
"Import spreadsheet" recognises by default.

Nodes: ``Id`` (the actor id), ``Label`` (the short name), then the attributes. Edges: ``Source``, ``Target``,
``Type`` (always ``Directed``), ``Id``, ``Label`` (the relation type), then the attributes, with the relation type
as ``relation_type`` and the dates as ``start_date`` / ``end_date``, since Gephi reserves ``Type``, ``Start`` and
``End`` (its column names are case-insensitive). Several relations between the same actors stay separate rows:
Gephi keeps them as parallel edges when "merge" is off. For the timeline use ``-f gexf``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from govgraph.export.attrs import EDGE_ORDER, NODE_ORDER, flat_edges, flat_nodes
from govgraph.export.base import register, write_folder
from govgraph.export.csv import csv_table

__all__ = ["EDGE_RENAME", "GephiExporter", "gephi_tables"]

#: Attributes renamed because Gephi reserves their names (case-insensitively).
EDGE_RENAME = {"type": "relation_type", "start": "start_date", "end": "end_date", "label": "relation_label"}
NODE_RENAME = {"label": "short_label", "id": "actor_id", "start": "start_date", "end": "end_date"}


def gephi_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text of the nodes and edges of ``g`` in Gephi's layout."""
    nodes = [
        {"Id": n, "Label": d["label"], **{NODE_RENAME.get(a, a): x for a, x in d.items() if a != "label"}}
        for n, d in flat_nodes(g)
    ]
    edges = [
        {
            "Source": u,
            "Target": v,
            "Type": "Directed",
            "Id": k,
            "Label": d.get("type", ""),
            **{EDGE_RENAME.get(a, a): x for a, x in d.items() if a != "id"},
        }
        for u, v, k, d in flat_edges(g)
    ]
    edge_order = tuple(EDGE_RENAME.get(a, a) for a in EDGE_ORDER)
    return {
        "nodes.csv": csv_table(["Id", "Label"], nodes, NODE_ORDER),
        "edges.csv": csv_table(["Source", "Target", "Type", "Id", "Label"], edges, edge_order),
    }


@dataclass(frozen=True)
class GephiExporter:
    name: str = "gephi"
    suffix: str = ""
    description: str = "a folder of nodes.csv and edges.csv for Gephi's spreadsheet import (Source, Target)"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        return write_folder(path, gephi_tables(g))


register(GephiExporter())
