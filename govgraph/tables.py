"""The one shape every report takes before it is rendered: titled tables plus a JSON document.

Analysers return result objects that implement :class:`Report`; the renderers in :mod:`govgraph.render`
turn any report into a rich table, CSV, JSON, LaTeX or Markdown, so each format is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["Report", "SimpleReport", "Table"]


@dataclass
class Table:
    """A titled table: column names and rows of plain values."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    caption: str | None = None
    notes: list[str] = field(default_factory=list)
    rows_total: int | None = None  # rows of the whole table when only its first rows are held (None: all are)


@runtime_checkable
class Report(Protocol):
    """What every analyser result provides."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable document of the whole result."""
        ...

    def tables(self) -> list[Table]:
        """The result as one or more tables."""
        ...


@dataclass
class SimpleReport:
    """A report made of ready tables and a ready JSON document."""

    document: dict[str, Any]
    table_list: list[Table]

    def to_json(self) -> dict[str, Any]:
        return self.document

    def tables(self) -> list[Table]:
        return self.table_list
