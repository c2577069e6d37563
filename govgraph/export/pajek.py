"""Pajek ``.net`` for Pajek, UCINET and any tool that reads it (networkx ``read_pajek``, igraph ``Read_Pajek``).

Vertices are numbered 1..n in id order and labelled with their actor id (quoted); every relation is one arc
``i j 1 l "type"`` (weight 1, label the relation type), so parallel relations stay separate arcs. Names and
other attributes are not in Pajek's format: join them from ``govgraph export -f csv``'s ``nodes.csv`` by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from govgraph.export.base import register
from govgraph.fileio import atomic_write_text

__all__ = ["PajekExporter", "pajek_text"]


def pajek_text(g: nx.MultiDiGraph) -> str:
    """The ``.net`` text of ``g``: vertices by id, arcs in (source, target, id) order."""
    ids = sorted(g.nodes)
    number = {n: i for i, n in enumerate(ids, start=1)}
    lines = [f"*Vertices {len(ids)}"]
    lines += [f'{number[n]} "{n}"' for n in ids]
    lines.append("*Arcs")
    for u, v, _k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        lines.append(f'{number[u]} {number[v]} 1 l "{d.get("type", "")}"')
    return "\r\n".join(lines) + "\r\n"


@dataclass(frozen=True)
class PajekExporter:
    name: str = "pajek"
    suffix: str = ".net"
    description: str = "Pajek .net (Pajek, UCINET): vertices labelled by id, one arc per relation"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        text = pajek_text(g)
        with atomic_write_text(path) as fh:
            fh.write(text)
        return [path]


register(PajekExporter())
