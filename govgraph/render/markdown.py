"""Markdown (GitHub pipe tables), one per table with its title as a heading."""

from __future__ import annotations

from typing import TextIO

from govgraph.render.cells import cell_text
from govgraph.tables import Report, Table


def _escape(text: str) -> str:
    """Escape what would break a pipe-table cell or turn into markup: backslash, pipe, asterisk, backtick."""
    for ch in "\\|*`":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r\n", " ").replace("\n", " ")


def _numeric(table: Table, col: int) -> bool:
    values = [r[col] for r in table.rows if r[col] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def table_markdown(table: Table, level: int = 3) -> str:
    """One table as Markdown, with its title, caption and notes."""
    lines = [f"{'#' * level} {table.title}", ""]
    lines.append("| " + " | ".join(_escape(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if _numeric(table, i) else "---" for i in range(len(table.columns))) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_escape(cell_text(v)) for v in row) + " |")
    if table.caption:
        lines += ["", table.caption]
    lines += [f"- {n}" for n in table.notes]
    return "\n".join(lines) + "\n"


def write(report: Report, out: TextIO) -> None:
    """Write each table of the report as Markdown."""
    out.write("\n".join(table_markdown(t) for t in report.tables()))
