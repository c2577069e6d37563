"""One table per CSV: a command that gives several tables writes a folder of them, or the one named by --table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from govgraph.render import render
from govgraph.tables import SimpleReport
from tests.conftest import FIXTURES, run_govgraph

MINI = FIXTURES / "mini"
REG = FIXTURES / "regimes"


def read_table(text: str) -> list[list[str]]:
    """Rows of one CSV table, each as long as the header (what pandas and R need)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows and all(len(r) == len(rows[0]) for r in rows), text[:200]
    assert not rows[0][0].startswith("# ")  # no "# name" line before the header
    return rows


@pytest.mark.parametrize(
    ("args", "tables"),
    [
        (["show", "org-a", "--data", str(MINI)], ["actor", "ties", "sources"]),
        (["regimes", "--data", str(REG)], ["regime_complexes", "regime_members"]),
        (["evolution", "--data", str(MINI)], None),
        (["power", "--data", str(MINI)], None),
    ],
)
def test_multi_table_commands_write_a_folder(tmp_path: Path, args: list[str], tables: list[str] | None) -> None:
    refused = run_govgraph(*args, "--format", "csv")
    assert refused.returncode == 2 and "--table NAME" in refused.stderr and "--out-dir DIR" in refused.stderr
    names = refused.stderr.split("(")[1].split(")")[0].split(", ")  # the message lists the tables
    if tables is not None:
        assert names == tables
    out = tmp_path / "tables"
    proc = run_govgraph(*args, "--format", "csv", "--out-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in names)
    for name in names:
        one = run_govgraph(*args, "--format", "csv", "--table", name)
        assert one.returncode == 0, one.stderr
        assert one.stdout == (out / f"{name}.csv").read_text(encoding="utf-8")
        read_table(one.stdout)


def test_table_names_checked_and_comma_lists(tmp_path: Path) -> None:
    proc = run_govgraph("show", "org-a", "--data", str(MINI), "-f", "csv", "--table", "tie")
    assert proc.returncode == 2 and "no table 'tie'; did you mean 'ties'?" in proc.stderr
    proc = run_govgraph("show", "org-a", "--data", str(MINI), "-f", "markdown", "--table", "actor,ties")
    assert proc.returncode == 0 and proc.stdout.count("### ") == 2
    proc = run_govgraph("show", "org-a", "--data", str(MINI), "-f", "json", "--table", "actor")
    assert proc.returncode == 2 and "json is one document" in proc.stderr
    proc = run_govgraph("show", "org-a", "--data", str(MINI), "-f", "markdown", "--out-dir", str(tmp_path / "md"))
    assert proc.returncode == 0 and sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "actor.md",
        "sources.md",
        "ties.md",
    ]


def test_library_renders_each_table_alone() -> None:
    from govgraph.dataset import load_dataset
    from govgraph.describe import show
    from govgraph.graph import build_graph

    report = show(build_graph(load_dataset([MINI])), "org-a")
    for table in report.tables():
        buf = io.StringIO()
        render(SimpleReport({}, [table]), "csv", buf)
        assert read_table(buf.getvalue())[0] == table.columns
