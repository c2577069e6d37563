"""Rich tables for a terminal (plain text when the output is not a terminal)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from govgraph.render.cells import cell_text
from govgraph.tables import Report


def write(report: Report, out: TextIO) -> None:
    """Write each table of the report as a rich table."""
    console = Console(file=out, highlight=False, soft_wrap=False)
    for table in report.tables():
        rich_table = RichTable(
            title=Text(table.title), caption=Text(table.caption) if table.caption else None, title_justify="left"
        )
        for col in table.columns:
            rich_table.add_column(Text(col), overflow="fold")
        for row in table.rows:
            rich_table.add_row(*(Text(cell_text(v)) for v in row))  # Text: '[20]' is data, not markup
        console.print(rich_table)
        for note in table.notes:
            console.print(Text(note, style="dim"))
