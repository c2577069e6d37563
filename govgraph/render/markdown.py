"""Markdown (GitHub pipe tables), one per table with its title as a heading.

Data never turns into markup: cells and headings escape what would break a pipe table or become emphasis, code,
a link, an image, HTML or an entity (backslash, pipe, ``*``, backtick, ``[``, ``]``, ``<``, ``>``, ``&``, ``~``,
and ``_`` where it could start or end emphasis, i.e. not between two letters or digits as in ``climate_change``);
headings also escape ``#``; line breaks become spaces and control characters are dropped.
"""

from __future__ import annotations

import re
from typing import TextIO

from govgraph.render.cells import cell_text, plain
from govgraph.tables import Report, Table

_SPECIAL = re.compile(r"[\\|*`\[\]<>&~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape(text: str) -> str:
    """``text`` as literal inline Markdown, on one line."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), plain(text, newlines=False))


def escape_heading(text: str) -> str:
    """``text`` as a literal heading (``#`` escaped too, so no closing sequence is eaten)."""
    return escape(text).replace("#", "\\#")


def _numeric(table: Table, col: int) -> bool:
    values = [r[col] for r in table.rows if r[col] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def table_markdown(table: Table, level: int = 3) -> str:
    """One table as Markdown, with its title, caption and notes."""
    lines = [f"{'#' * level} {escape_heading(table.title)}", ""]
    lines.append("| " + " | ".join(escape(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if _numeric(table, i) else "---" for i in range(len(table.columns))) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(escape(cell_text(v)) for v in row) + " |")
    if table.caption:
        lines += ["", table.caption]
    lines += [f"- {n}" for n in table.notes]
    return "\n".join(lines) + "\n"


def write(report: Report, out: TextIO) -> None:
    """Write each table of the report as Markdown."""
    out.write("\n".join(table_markdown(t) for t in report.tables()))
