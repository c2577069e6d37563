"""CSV: a folder with ``nodes.csv``, ``edges.csv`` and ``sources.csv`` (the bibliography of the cited sources).

One row per actor, relation or source; one column per attribute; lists joined with ``"; "``. Every file is
computed before any is written, and each is written whole or not at all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.errors import UsageError
from govgraph.export.attrs import EDGE_ORDER, NODE_ORDER, flat_attrs, flat_edges, flat_nodes, ordered_keys
from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_text

__all__ = ["CsvExporter", "csv_tables"]

SOURCE_ORDER = ("type", "title", "authors", "year", "container", "url", "accessed", "ref", "note")


def _table(key_columns: list[str], rows: list[dict[str, Any]], order: tuple[str, ...]) -> str:
    columns = key_columns + [c for c in ordered_keys({k for r in rows for k in r}, order) if c not in key_columns]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text of the nodes, edges and cited sources of ``g``."""
    nodes = [{"id": n, **d} for n, d in flat_nodes(g)]
    edges = [
        {"id": k, "source": u, "target": v, **{a: x for a, x in d.items() if a != "id"}} for u, v, k, d in flat_edges(g)
    ]
    sources = [
        {"id": k, **flat_attrs({a: x for a, x in s.items() if a != "id"})} for k, s in cited_bibliography(g).items()
    ]
    return {
        "nodes.csv": _table(["id"], nodes, NODE_ORDER),
        "edges.csv": _table(["id", "source", "target"], edges, EDGE_ORDER),
        "sources.csv": _table(["id"], sources, SOURCE_ORDER),
    }


@dataclass(frozen=True)
class CsvExporter:
    name: str = "csv"
    suffix: str = ""
    description: str = "a folder of nodes.csv, edges.csv and sources.csv (lists joined with '; ')"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise UsageError(f"cannot write CSV to {path}: it is a file; csv export writes a folder")
        if not path.parent.is_dir():
            raise UsageError(f"cannot write {path}: folder {path.parent} does not exist")
        tables = csv_tables(g)
        path.mkdir(exist_ok=True)
        written = []
        for name, text in tables.items():
            with atomic_write_text(path / name) as fh:
                fh.write(text)
            written.append(path / name)
        return written


register(CsvExporter())
