"""LaTeX tables: xltabular at \\linewidth, siunitx numbers, captions with title and year, --columns, --names zh,
special characters escaped; every reporting command's tables compiled by pdflatex with no overfull box."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.latex_text import escape as latex_escape
from govgraph.render import render
from govgraph.render.latex import LatexSettings, escape, table_latex
from govgraph.tables import SimpleReport, Table
from tests.conftest import run_govgraph
from tests.export.conftest import SMALL

ALL_SPECIALS = "\\ & % $ # _ { } ~ ^ < > |"


def test_escape_every_special_character():
    assert escape(ALL_SPECIALS) == (
        r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textless{} \textgreater{} "
        r"\textbar{}"
    )
    assert escape("Wi-Fi Alliance") == "Wi-Fi Alliance"


def test_non_ascii_for_pdflatex_and_for_xelatex():
    assert latex_escape("Hüfner Étienne ß") == r"H{\"u}fner {\'E}tienne {\ss}"
    assert latex_escape("中国 (China) 😀") == r"{\govgraphforeign{中国}} (China) {\govgraphforeign{😀}}"
    assert latex_escape("中国 & Hüfner", native=True) == r"中国 \& Hüfner"


def _rows(text: str) -> list[str]:
    body = text.split(r"\endlastfoot")[1].split(r"\end{xltabular}")[0]
    return [ln for ln in body.strip().splitlines()]


def test_xltabular_with_numbers_aligned():
    t = Table(
        "HQ by country",
        "Headquarters",
        ["country", "count", "share"],
        [["FR & co", 4, 0.5], ["US_1", 12, 0.25], ["total", 16, None]],
        caption="Seats: 100% of them",
        notes=["n = 6 #1"],
    )
    text = table_latex(t, 2020, LatexSettings())
    assert r"\begin{xltabular}{\linewidth}{@{}>{\raggedright\arraybackslash\hspace{0pt}}XrS[table-format=1.4]@{}}" in (
        text
    )
    assert r"\caption{Headquarters (2020)}\label{tab:hq-by-country}\\" in text
    assert r"\caption[]{Headquarters (2020) (continued)}\\" in text  # long tables repeat the head
    assert text.count(r"\toprule") == 2 and text.count(r"\bottomrule") == 1
    assert _rows(text) == [
        r"FR \& co & 4 & 0.5000 \\",
        r"US\_\allowbreak\hspace{0pt}1 & 12 & 0.2500 \\",
        r"total & 16 &  \\",
    ]
    assert r"Seats:\allowbreak\hspace{0pt} 100\% of them n = 6 \#1" in text
    assert all(len(re.split(r"(?<!\\)&", r)) == 3 for r in _rows(text))


def test_columns_option_and_year_once():
    t = Table("c", "Centrality in 2026", ["rank", "id", "degree"], [[1, "un", 0.2]])
    text = table_latex(t, 2026, LatexSettings(columns=("degree", "id")))
    assert r"\caption{Centrality in 2026}" in text  # the year is not repeated
    assert _rows(text) == [r"0.2000 & un \\"]
    with pytest.raises(Exception, match="did you mean 'rank'"):
        table_latex(t, None, LatexSettings(columns=("rnk",)))


def test_report_header_and_every_table():
    rep = SimpleReport({"as_of": 1990}, [Table("a", "First $", ["x"], [[1]]), Table("b", "Second", ["y"], [["z"]])])
    buf = io.StringIO()
    render(rep, "latex", buf)
    text = buf.getvalue()
    assert text.startswith("% requires \\usepackage{booktabs,xltabular,siunitx,graphicx}\n\\providecommand")
    assert r"\caption{First \$ (1990)}" in text and r"\label{tab:a}" in text and r"\label{tab:b}" in text
    assert text.count(r"\begin{xltabular}") == 2


def test_cli_options():
    res = CliRunner().invoke(app, ["stats", "--data", str(SMALL), "--format", "latex"])
    assert res.exit_code == 0, res.output
    assert r"\label{tab:actors-by-kind}" in res.stdout and r"\toprule" in res.stdout
    assert r"organisation & 9 \\" in res.stdout and r"total & 16 \\" in res.stdout
    proc = run_govgraph("stats", "--data", str(SMALL), "--format", "latex")
    assert proc.returncode == 0 and proc.stdout == res.stdout
    proc = run_govgraph("show", "cn", "--data", str(SMALL), "--format", "latex", "--names", "zh")
    assert proc.returncode == 0 and "name & 中国 \\\\" in proc.stdout
    proc = run_govgraph("show", "cn", "--data", str(SMALL), "--format", "latex")
    assert "中国" not in proc.stdout.replace(r"\govgraphforeign{中国}", "")
    proc = run_govgraph("centrality", "--data", str(SMALL), "--format", "latex", "--columns", "rnk")
    assert proc.returncode == 2 and "did you mean 'rank'" in proc.stderr and proc.stdout == ""


COMMANDS = [
    ["stats"],
    ["show", "unesco"],
    ["show", "cn"],
    ["centrality"],
    ["overlap", "membership"],
    ["overlap", "function"],
    ["links"],
    ["path", "unesco", "isc"],
    ["ego", "unesco"],
    ["regimes"],
    ["evolution"],
    ["power"],
]
DOC = (
    "\\documentclass{article}\n\\usepackage{booktabs,xltabular,siunitx,graphicx}\n"
    "\\begin{document}\n%s\n\\end{document}\n"
)


def need_pdflatex() -> None:
    if (
        shutil.which("pdflatex") is None
        or subprocess.run(["kpsewhich", "siunitx.sty"], capture_output=True).stdout == b""
    ):
        if os.environ.get("CI") == "true":
            pytest.fail("pdflatex with xltabular and siunitx is not installed (CI must install TeX Live: see .ci)")
        pytest.skip("pdflatex with xltabular and siunitx is not installed")


@pytest.mark.parametrize("data", ["seeds", "small"])
def test_every_table_compiles_without_overfull_box(data, tmp_path):
    need_pdflatex()
    args = {"seeds": [], "small": ["--data", str(SMALL)]}[data]
    inputs = []
    for i, cmd in enumerate(COMMANDS):
        res = CliRunner().invoke(app, [*cmd, *args, "--format", "latex"], env={"COLUMNS": "200"})
        if res.exit_code != 0:  # an actor the data lacks (show cn in the seeds): nothing to typeset
            assert res.exit_code == 2, res.output
            continue
        (tmp_path / f"t{i}.tex").write_text(res.stdout, encoding="utf-8")
        inputs.append(f"\\input{{t{i}}}")
    assert len(inputs) >= len(COMMANDS) - 3
    (tmp_path / "doc.tex").write_text(DOC % "\n".join(inputs), encoding="utf-8")
    for _ in range(2):  # longtable settles its column widths on the second run
        done = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    overfull = [ln for ln in log.splitlines() if ln.startswith("Overfull")]
    assert overfull == []
