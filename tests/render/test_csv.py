"""Report CSV: RFC 4180 quoting (CR too), spreadsheet formulas neutralised in text cells, numbers untouched."""

from __future__ import annotations

import csv
import io

from govgraph.render import render
from govgraph.render.csv import csv_row, spreadsheet_safe
from govgraph.tables import SimpleReport, Table


def test_every_line_break_is_quoted_and_reads_back() -> None:
    rows = [["a\rb", "c\nd", 'e,"f'], [""], ["x", ""]]
    text = "".join(csv_row(r) for r in rows)
    assert text == '"a\rb","c\nd","e,""f"\n""\nx,\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == rows


def test_formulas_neutralised_numbers_kept() -> None:
    table = Table("t", "T", ["name", "score", "label"], [["=1+1", -1.5, "-1.5"], ["@SUM(A1)", -2, "-abc"]])
    out = io.StringIO()
    render(SimpleReport({}, [table]), "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "score", "label"],
        ["'=1+1", "-1.500000", "-1.5"],
        ["'@SUM(A1)", "-2", "'-abc"],
    ]
    assert [spreadsheet_safe(t) for t in ("+3", "1e5", "plain", "\tx", "+x")] == ["+3", "1e5", "plain", "'\tx", "'+x"]
