"""Markdown pipe tables: title, header, alignment row (numbers right-aligned), cells escaped."""

from __future__ import annotations

import io

from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.render import render
from govgraph.render.markdown import table_markdown
from govgraph.tables import SimpleReport, Table
from tests.export.conftest import SMALL


def test_pipe_table():
    t = Table(
        "t",
        "Counts",
        ["name", "n", "share"],
        [["a|b", 1, 0.5], ["*x* `y` \\", 2, 0.25]],
        caption="A caption",
        notes=["a note"],
    )
    lines = table_markdown(t).splitlines()
    assert lines[0] == "### Counts"
    assert lines[2] == "| name | n | share |"
    assert lines[3] == "|---|---:|---:|"
    assert lines[4] == "| a\\|b | 1 | 0.5000 |"
    assert lines[5] == "| \\*x\\* \\`y\\` \\\\ | 2 | 0.2500 |"
    assert lines[-2:] == ["A caption", "- a note"]


def test_cell_with_line_break_stays_one_row():
    lines = table_markdown(Table("t", "T", ["c"], [["one\ntwo"]])).splitlines()
    assert lines[4] == "| one two |"


def test_report_and_cli():
    buf = io.StringIO()
    render(SimpleReport({}, [Table("a", "A", ["x"], [[1]]), Table("b", "B", ["y"], [["z"]])]), "markdown", buf)
    assert buf.getvalue().count("### ") == 2
    res = CliRunner().invoke(app, ["stats", "--data", str(SMALL), "--format", "markdown"])
    assert res.exit_code == 0, res.output
    assert "| organisation | 9 |" in res.stdout and "|---|---:|" in res.stdout


def test_data_never_becomes_markup() -> None:
    t = Table(
        "t", "Ego of <b>x</b> #1 ##", ["name"], [["[a](http://x) ![i](y) <script> &#x202e; _em_ ~~s~~ climate_change"]]
    )
    lines = table_markdown(t).splitlines()
    assert lines[0] == r"### Ego of \<b\>x\</b\> \#1 \#\#"
    assert lines[4] == (r"| \[a\](http://x) !\[i\](y) \<script\> \&#x202e; \_em\_ \~\~s\~\~ climate_change |")
