"""Render any :class:`~govgraph.tables.Report` in one output format; one module per format."""

from __future__ import annotations

from enum import StrEnum
from typing import TextIO

from govgraph.tables import Report

__all__ = ["OutputFormat", "render"]


class OutputFormat(StrEnum):
    """The output formats every reporting command accepts."""

    table = "table"
    json = "json"
    csv = "csv"
    latex = "latex"
    markdown = "markdown"


def render(report: Report, fmt: OutputFormat | str, out: TextIO) -> None:
    """Write ``report`` to ``out`` in ``fmt``."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        from govgraph.render.json import write
    elif fmt is OutputFormat.csv:
        from govgraph.render.csv import write
    elif fmt is OutputFormat.latex:
        from govgraph.render.latex import write
    elif fmt is OutputFormat.markdown:
        from govgraph.render.markdown import write
    else:
        from govgraph.render.terminal import write
    write(report, out)
