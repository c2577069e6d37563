"""The exporter interface and its registry.

An exporter writes a graph (a :func:`govgraph.graph.build_graph` MultiDiGraph, whole or a selection) to a
path, whole or not at all. Formats register themselves by name; the CLI offers exactly what is registered.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

import networkx as nx

from govgraph.errors import UsageError
from govgraph.fileio import output_dir

__all__ = ["Exporter", "exporter", "formats", "register", "write_folder"]

#: format name -> module that defines it (imported only when used).
_MODULES = {
    "bibtex": "govgraph.export.bibtex",
    "csv": "govgraph.export.csv",
    "cypher": "govgraph.export.cypher",
    "gephi": "govgraph.export.gephi",
    "gexf": "govgraph.export.gexf",
    "graphml": "govgraph.export.graphml",
    "json": "govgraph.export.nodelink",
    "pajek": "govgraph.export.pajek",
    "siena": "govgraph.export.siena",
    "twomode": "govgraph.export.twomode",
}
_REGISTRY: dict[str, Exporter] = {}


class Exporter(Protocol):
    """Writes a graph in one format."""

    name: str
    suffix: str
    description: str

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        """Write ``g`` to ``path``; return the files written."""
        ...


def write_folder(path: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` (name -> text, all computed beforehand) as the folder ``path``, whole or not at all.

    The command has checked the target (``--force``) before the work; an existing folder is replaced only when it
    holds nothing but files of the names being written.
    """
    path = Path(path)
    with output_dir(path, force=True, own=lambda name: name.endswith((".csv", ".mtx"))) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="")
    return [path / name for name in files]


def register(exp: Exporter) -> Exporter:
    """Add an exporter to the registry (called by each format module)."""
    _REGISTRY[exp.name] = exp
    return exp


def formats() -> list[str]:
    """The names of every export format."""
    return sorted(_MODULES)


def exporter(name: str) -> Exporter:
    """The exporter for format ``name``."""
    if name not in _MODULES:
        from govgraph.dataset import suggest

        raise UsageError(f"unknown export format {name!r}{suggest(name, _MODULES)} (one of {', '.join(formats())})")
    importlib.import_module(_MODULES[name])
    return _REGISTRY[name]
