"""Tables for people: rich tables on a terminal, plain TSV in a pipe or a file.

On a terminal each table is a rich table with its title, caption and notes. In a pipe or a file the output is
plain TSV, one table after another: a ``# title`` line, the header, the rows, and ``# note`` lines, with a blank
line between tables; tabs and line breaks inside a value become spaces, so ``grep``, ``cut -f`` and ``sort`` see
whole values. A pipe that sets ``COLUMNS`` gets rich tables at that width, or as wide as they need when they do not
fit: a value is never wrapped. Terminal escape sequences and control characters in the data are dropped either way.
"""

from __future__ import annotations

import os
from typing import TextIO

from govgraph.render.cells import cell_text, plain
from govgraph.tables import Report, Table

__all__ = ["write"]


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def _tsv_table(table: Table, out: TextIO) -> None:
    def line(cells: list[str]) -> str:
        return "\t".join(plain(c, newlines=False) for c in cells) + "\n"

    out.write(f"# {plain(table.title, newlines=False)}\n")
    out.write(line(table.columns))
    for row in table.rows:
        out.write(line([cell_text(v) for v in row]))
    for text in [*([table.caption] if table.caption else []), *table.notes]:
        out.write(f"# {plain(text, newlines=False)}\n")


def _rich_tables(report: Report, out: TextIO, terminal: bool) -> None:
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table as RichTable
    from rich.text import Text

    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    console = Console(file=out, highlight=False, soft_wrap=False, width=width)
    for table in report.tables():
        rich_table = RichTable(
            title=Text(plain(table.title)),
            caption=Text(plain(table.caption)) if table.caption else None,
            title_justify="left",
        )
        for col in table.columns:
            rich_table.add_column(Text(plain(col)), overflow="fold")
        for row in table.rows:
            rich_table.add_row(*(Text(plain(cell_text(v))) for v in row))  # Text: '[20]' is data, not markup
        if not terminal:  # a pipe with COLUMNS: that width if the table fits, else as wide as it is, never wrapped
            natural = Measurement.get(console, console.options.update_width(1_000_000), rich_table).maximum
            console.width = max(width or 80, natural)
        console.print(rich_table)
        for note in table.notes:
            console.print(Text(plain(note), style="dim"))


def write(report: Report, out: TextIO) -> None:
    """Write each table of the report: rich on a terminal or with ``COLUMNS`` set, else TSV."""
    terminal = _is_terminal(out)
    if terminal or os.environ.get("COLUMNS", "").isdigit():
        _rich_tables(report, out, terminal)
        return
    for i, table in enumerate(report.tables()):
        if i:
            out.write("\n")
        _tsv_table(table, out)
