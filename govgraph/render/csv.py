"""CSV: one table as plain CSV; several tables each after a ``# name`` line, separated by a blank line."""

from __future__ import annotations

import csv
from typing import TextIO

from govgraph.render.cells import cell_text
from govgraph.tables import Report


def write(report: Report, out: TextIO) -> None:
    """Write the report's tables as CSV."""
    tables = report.tables()
    writer = csv.writer(out, lineterminator="\n")
    for i, table in enumerate(tables):
        if len(tables) > 1:
            if i:
                out.write("\n")
            out.write(f"# {table.name}\n")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([cell_text(v, 6) for v in row])
