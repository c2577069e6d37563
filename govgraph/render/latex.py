"""LaTeX booktabs tables with caption and label, ready for a paper."""

from __future__ import annotations

import re
from typing import TextIO

from govgraph.render.cells import cell_text
from govgraph.tables import Report, Table

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape(text: str) -> str:
    """Escape LaTeX's special characters."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _numeric(table: Table, col: int) -> bool:
    values = [r[col] for r in table.rows if r[col] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def table_latex(table: Table) -> str:
    """One table as a booktabs ``table`` environment; the label is ``tab:<name>``."""
    align = "".join("r" if _numeric(table, i) else "l" for i in range(len(table.columns)))
    label = "tab:" + re.sub(r"[^a-z0-9]+", "-", table.name.lower()).strip("-")
    lines = [
        r"\begin{table}[htbp]",
        r"\centering",
        rf"\caption{{{escape(table.caption or table.title)}}}",
        rf"\label{{{label}}}",
        rf"\begin{{tabular}}{{{align}}}",
        r"\toprule",
        " & ".join(escape(c) for c in table.columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(escape(cell_text(v)) for v in row) + r" \\" for row in table.rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if table.notes:
        lines.append(r"\par\footnotesize " + escape(" ".join(table.notes)))
    lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"


def write(report: Report, out: TextIO) -> None:
    """Write each table as LaTeX (needs ``\\usepackage{booktabs}``)."""
    out.write("% requires \\usepackage{booktabs}\n")
    out.write("\n".join(table_latex(t) for t in report.tables()))
