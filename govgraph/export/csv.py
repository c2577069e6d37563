"""CSV: a folder with ``nodes.csv``, ``edges.csv`` and ``sources.csv`` (the bibliography of the cited sources), laid
out for R and pandas with their defaults.

``edges.csv`` starts with ``from`` and ``to`` (actor ids), as R igraph's ``graph_from_data_frame(edges, vertices =
nodes)`` and tidygraph's ``tbl_graph`` expect; ``nodes.csv`` starts with ``id``, which they take as the vertex name,
so it has no ``name`` column (R would overwrite the vertex names with it): the full name is ``label``, an acronym
where the name is long ``short_label``. One row per actor, relation or source; one column per attribute; lists
joined with ``"; "``. Every file is computed before any is written, and the folder is written whole or not at all.
Fields holding a comma, quote, CR or LF are quoted; values are written as they are (no spreadsheet-formula guard: R,
pandas and govgraph's importers read these tables back). Gephi's spreadsheet importer has its own layout: ``govgraph
export -f gephi``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.attrs import EDGE_ORDER, NODE_ORDER, flat_attrs, flat_edges, flat_nodes, ordered_keys
from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import output_dir
from govgraph.render.csv import csv_row

__all__ = ["CsvExporter", "csv_table", "csv_tables"]

NAMES = ("name", "label")
SOURCE_ORDER = ("type", "title", "authors", "year", "container", "url", "accessed", "ref", "note")


def csv_table(key_columns: list[str], rows: list[dict[str, Any]], order: tuple[str, ...] = ()) -> str:
    """CSV text: ``key_columns`` first, then the other keys of ``rows`` (those in ``order`` first, the rest
    sorted); every field holding a line break is quoted."""
    columns = key_columns + [c for c in ordered_keys({k for r in rows for k in r}, order) if c not in key_columns]
    text = [csv_row(columns)]
    for row in rows:
        if row.keys() - set(columns):
            raise ValueError(f"row fields not in the header: {sorted(row.keys() - set(columns))}")
        text.append(csv_row("" if row.get(c) is None else str(row[c]) for c in columns))
    return "".join(text)


def source_rows(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One flat row per cited source, by key."""
    return [
        {"id": k, **flat_attrs({a: x for a, x in s.items() if a != "id"})} for k, s in cited_bibliography(g).items()
    ]


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text of the nodes, edges and cited sources of ``g``."""
    nodes = [
        {
            "id": n,
            "label": d.get("name", n),
            "short_label": d["label"],
            **{a: x for a, x in d.items() if a not in NAMES},
        }
        for n, d in flat_nodes(g)
    ]
    edges = [{"from": u, "to": v, "id": k, **{a: x for a, x in d.items() if a != "id"}} for u, v, k, d in flat_edges(g)]
    return {
        "nodes.csv": csv_table(["id", "label", "short_label"], nodes, NODE_ORDER),
        "edges.csv": csv_table(["from", "to", "id"], edges, EDGE_ORDER),
        "sources.csv": csv_table(["id"], source_rows(g), SOURCE_ORDER),
    }


@dataclass(frozen=True)
class CsvExporter:
    name: str = "csv"
    suffix: str = ""
    description: str = "a folder of nodes.csv, edges.csv (from, to first) and sources.csv, for R and pandas"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        """Write the folder ``path`` whole; an existing one is replaced only if it holds nothing but CSV files."""
        path = Path(path)
        tables = csv_tables(g)
        with output_dir(path, force=True, own=lambda name: name.endswith(".csv")) as tmp:
            for name, text in tables.items():
                (tmp / name).write_text(text, encoding="utf-8", newline="")
        return [path / name for name in tables]


register(CsvExporter())
