"""CSV: one table per file (RFC 4180), safe to open in a spreadsheet.

Every field holding a comma, a quote, CR or LF is quoted (Python's :mod:`csv` leaves a lone CR unquoted when
lines end in LF). Report CSV is meant for spreadsheets as much as for pandas and R, so a text cell that a
spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-`` or ``@``, or a tab or CR, and is not a
number such as ``-1.5``) gets a leading ``'``, which spreadsheets show as text; numbers are never touched.
Data tables that govgraph or other tools read back (``export -f csv``, importers' tables) use :func:`csv_row`
without :func:`spreadsheet_safe`, so their values stay intact.

Several tables cannot share one CSV stream; :func:`govgraph.cli.common.emit` asks for ``--table`` or ``--out-dir``.
Called directly, :func:`write` still writes each table after a ``# name`` line, separated by a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

from govgraph.render.cells import cell_text
from govgraph.tables import Report

__all__ = ["csv_row", "spreadsheet_safe", "write"]

_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_field(text: str) -> str:
    """One field, quoted when it holds a comma, a quote, CR or LF."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_row(fields: Iterable[str]) -> str:
    """One CSV line (ending in ``\\n``) of text fields; a lone empty field is written ``""`` so the row is kept."""
    fields = list(fields)
    if len(fields) == 1 and fields[0] == "":
        return '""\n'
    return ",".join(csv_field(f) for f in fields) + "\n"


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula; numbers unchanged."""
    if text and _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: Any) -> str:
    text = cell_text(value, 6)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return spreadsheet_safe(text)


def write(report: Report, out: TextIO) -> None:
    """Write the report's tables as CSV (see the module docstring)."""
    tables = report.tables()
    for i, table in enumerate(tables):
        if len(tables) > 1:
            if i:
                out.write("\n")
            out.write(f"# {table.name}\n")
        out.write(csv_row(spreadsheet_safe(c) for c in table.columns))
        for row in table.rows:
            out.write(csv_row(_cell(v) for v in row))
