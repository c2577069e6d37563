"""Cutting long tables for the report (the command of the section prints them whole)."""

from __future__ import annotations

from dataclasses import replace

from govgraph.tables import Table

__all__ = ["cut", "is_time_table"]

#: First columns that make a table a time series: its most recent rows matter most.
TIME_COLUMNS = ("decade", "year", "as_of")


def is_time_table(table: Table) -> bool:
    """True when the first column is a time (decade, year) in ascending order."""
    if not table.columns or table.columns[0] not in TIME_COLUMNS:
        return False
    values = [r[0] for r in table.rows]
    return all(isinstance(v, int) for v in values) and values == sorted(values)


def cut(table: Table, max_rows: int, command: str) -> Table:
    """The table with at most ``max_rows`` rows (the most recent ones of a time table, else the first), and a note
    saying where the rest is."""
    n = max(len(table.rows), table.rows_total or 0)
    if n <= max_rows:
        return table
    if is_time_table(table):
        rows, which = table.rows[-max_rows:], f"the {max_rows} most recent"
    else:
        rows, which = table.rows[:max_rows], f"the first {max_rows}"
    note = f"{which} of {n} rows; `{command}` prints them all."
    return replace(table, rows=rows, notes=[*table.notes, note])
