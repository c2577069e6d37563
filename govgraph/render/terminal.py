"""Rich tables for a terminal (plain text when the output is not a terminal)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table as RichTable

from govgraph.render.cells import cell_text
from govgraph.tables import Report


def write(report: Report, out: TextIO) -> None:
    """Write each table of the report as a rich table."""
    console = Console(file=out, highlight=False, soft_wrap=False)
    for table in report.tables():
        rich_table = RichTable(title=table.title, caption=table.caption, title_justify="left")
        for col in table.columns:
            rich_table.add_column(col, overflow="fold")
        for row in table.rows:
            rich_table.add_row(*(cell_text(v) for v in row))
        console.print(rich_table)
        for note in table.notes:
            console.print(f"[dim]{note}[/dim]")
