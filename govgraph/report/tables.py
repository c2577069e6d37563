"""Cutting long tables for the report (the command of the section prints them whole)."""

from __future__ import annotations

from dataclasses import replace

from govgraph.tables import Table

__all__ = ["cut"]


def cut(table: Table, max_rows: int, command: str) -> Table:
    """The table with at most ``max_rows`` rows, and a note saying where the rest is."""
    if len(table.rows) <= max_rows:
        return table
    note = f"first {max_rows} of {len(table.rows)} rows; `{command} --format csv` gives all of them."
    return replace(table, rows=table.rows[:max_rows], notes=[*table.notes, note])
