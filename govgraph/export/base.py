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

__all__ = ["Exporter", "exporter", "formats", "register"]

#: format name -> module that defines it (imported only when used).
_MODULES = {
    "bibtex": "govgraph.export.bibtex",
    "csv": "govgraph.export.csv",
    "cypher": "govgraph.export.cypher",
    "gexf": "govgraph.export.gexf",
    "graphml": "govgraph.export.graphml",
    "json": "govgraph.export.nodelink",
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
