"""LaTeX tables: booktabs rules, caption and label, special characters escaped, numbers right-aligned."""

from __future__ import annotations

import io
import re

from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.render import render
from govgraph.render.latex import escape, table_latex
from govgraph.tables import SimpleReport, Table
from tests.conftest import run_govgraph
from tests.export.conftest import SMALL

ALL_SPECIALS = "\\ & % $ # _ { } ~ ^"


def test_escape_every_special_character():
    assert escape(ALL_SPECIALS) == (
        r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} "
        r"\textasciicircum{}"
    )
    assert escape("Wi-Fi Alliance") == "Wi-Fi Alliance"


def test_booktabs_table():
    t = Table(
        "HQ by country",
        "Headquarters",
        ["country", "count", "share"],
        [["FR & co", 4, 0.5], ["US_1", 2, 0.25], ["total", 6, None]],
        caption="Seats: 100% of them",
        notes=["n = 6 #1"],
    )
    text = table_latex(t)
    lines = text.splitlines()
    assert lines[0] == r"\begin{table}[htbp]" and lines[-1] == r"\end{table}"
    assert r"\caption{Seats: 100\% of them}" in lines
    assert r"\label{tab:hq-by-country}" in lines
    assert r"\begin{tabular}{lrr}" in lines
    assert [ln for ln in lines if ln in (r"\toprule", r"\midrule", r"\bottomrule")] == [
        r"\toprule",
        r"\midrule",
        r"\bottomrule",
    ]
    assert r"country & count & share \\" in lines
    assert r"FR \& co & 4 & 0.5000 \\" in lines
    assert r"US\_1 & 2 & 0.2500 \\" in lines
    assert r"total & 6 &  \\" in lines
    assert r"\par\footnotesize n = 6 \#1" in lines
    # every row has as many cells as columns (no unescaped & inside a cell)
    rows = [ln for ln in lines if ln.endswith(r"\\")]
    assert all(len(re.split(r"(?<!\\)&", r)) == 3 for r in rows)


def test_caption_falls_back_to_title_and_report_header():
    rep = SimpleReport({}, [Table("a", "First $", ["x"], [[1]]), Table("b", "Second", ["y"], [["z"]])])
    buf = io.StringIO()
    render(rep, "latex", buf)
    text = buf.getvalue()
    assert text.startswith("% requires \\usepackage{booktabs}\n")
    assert r"\caption{First \$}" in text and r"\label{tab:a}" in text and r"\label{tab:b}" in text
    assert text.count(r"\begin{table}") == 2
    assert r"\begin{tabular}{r}" in text and r"\begin{tabular}{l}" in text


def test_every_report_command_gives_latex():
    res = CliRunner().invoke(app, ["stats", "--data", str(SMALL), "--format", "latex"])
    assert res.exit_code == 0, res.output
    assert r"\label{tab:actors-by-kind}" in res.stdout and r"\toprule" in res.stdout
    assert r"organisation & 9 \\" in res.stdout and r"total & 16 \\" in res.stdout
    proc = run_govgraph("stats", "--data", str(SMALL), "--format", "latex")
    assert proc.returncode == 0 and proc.stdout == res.stdout
