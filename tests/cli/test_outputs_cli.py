"""Outputs are safe and whole, through the installed command: --force, '-o -', links, FIFOs, full targets, and
CSV, Markdown and terminal output of hostile but valid data."""

from __future__ import annotations

import csv
import io
import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, govgraph_exe, run_govgraph

MINI = FIXTURES / "mini"
NO_COLUMNS = {"COLUMNS": ""}  # as in a pipe: no width asked for


def hostile(tmp_path: Path) -> Path:
    """The mini dataset with names that a spreadsheet, Markdown or a CSV reader could misread."""
    text = (MINI / "data.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Organisation A", 'name: \'=HYPERLINK("http://evil","x")\'')
    text = text.replace("name: Organisation B", "name: '<b>B</b> [link](http://x) | _em_ *s* # h'")
    text = text.replace("name: Programme C", 'name: "-2+3, \\"quoted\\"\\nsecond line"')
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "data.yaml").write_text(text, encoding="utf-8")
    return folder


def test_second_write_needs_force_for_every_kind_of_output(tmp_path: Path) -> None:
    cases = {
        "export.json": ["export", "-f", "json", "-o"],
        "fig.svg": ["figure", "foundings", "--kind", "organisation,programme", "-o"],
        "centrality.csv": ["centrality", "-f", "csv", "-o"],
        "tables": ["export", "-f", "csv", "-o"],  # the old spelling of --out-dir
    }
    for name, args in cases.items():
        target = tmp_path / name
        first = run_govgraph(*args, str(target), "--data", str(MINI))
        assert first.returncode == 0, first.stderr
        before = target.read_bytes() if target.is_file() else {p.name: p.read_bytes() for p in target.iterdir()}
        again = run_govgraph(*args, str(target), "--data", str(MINI))
        assert again.returncode == 2 and f"{target}" in again.stderr and "use --force" in again.stderr, name
        after = target.read_bytes() if target.is_file() else {p.name: p.read_bytes() for p in target.iterdir()}
        assert after == before
        forced = run_govgraph(*args, str(target), "--data", str(MINI), "--force")
        assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(cases)  # no temporary file or folder left


def test_report_folder_needs_force_and_keeps_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert run_govgraph("report", "--data", str(MINI), "--out-dir", str(out)).returncode == 0
    html = (out / "report.html").read_bytes()
    proc = run_govgraph("report", "--data", str(MINI), "-o", str(out))
    assert proc.returncode == 2 and "use --force" in proc.stderr
    (out / "my-notes.txt").write_text("mine")
    proc = run_govgraph("report", "--data", str(MINI), "-o", str(out), "--force")
    assert proc.returncode == 2 and "my-notes.txt" in proc.stderr
    assert (out / "report.html").read_bytes() == html and (out / "my-notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["export", "-f", "json"], "{"),
        (["export", "-f", "graphml"], "<?xml"),
        (["figure", "headquarters"], "<?xml"),
        (["centrality", "-f", "csv"], "rank,id,name"),
        (["stats", "-f", "json"], "{"),
    ],
)
def test_dash_writes_to_standard_output(tmp_path: Path, args: list[str], start: str) -> None:
    proc = run_govgraph(*args, "-o", "-", "--data", str(MINI), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(start) and list(tmp_path.iterdir()) == []


def test_links_fifos_and_devices_are_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep")
    (tmp_path / "link.json").symlink_to(real)
    os.mkfifo(tmp_path / "fifo")
    for target, words in (
        (tmp_path / "link.json", "symbolic link"),
        (tmp_path / "fifo", "FIFO"),
        (Path("/dev/stdout"), "symbolic link"),
        (Path("/dev/null"), "device"),
    ):
        proc = run_govgraph("export", "-f", "json", "-o", str(target), "--force", "--data", str(MINI))
        assert proc.returncode == 2 and words in proc.stderr and "'-o -'" in proc.stderr, proc.stderr
        assert "internal error" not in proc.stderr
    assert real.read_text() == "keep" and (tmp_path / "link.json").is_symlink()


def run_limited(*args: str, max_bytes: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run govgraph with a file-size limit, as a full disk would stop it (works for root too)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    env = {**os.environ, "COLUMNS": "200", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [govgraph_exe(), *args], cwd=cwd, env=env, capture_output=True, text=True, preexec_fn=limit, timeout=300
    )


def test_full_target_is_exit_2_with_the_path(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("old")
    proc = run_limited(
        "export", "-f", "json", "-o", "old.json", "--force", "--data", str(MINI), max_bytes=100, cwd=tmp_path
    )
    assert proc.returncode == 2 and "cannot write old.json: File too large" in proc.stderr, proc.stderr
    proc = run_limited("report", "--data", str(MINI), "--out-dir", "rep", max_bytes=100, cwd=tmp_path)
    assert proc.returncode == 2 and "cannot write rep: File too large" in proc.stderr, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"] and (tmp_path / "old.json").read_text() == "old"


def test_parent_that_is_a_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    proc = run_govgraph("centrality", "-f", "csv", "-o", str(tmp_path / "plain" / "c.csv"), "--data", str(MINI))
    assert proc.returncode == 2 and "plain is not a folder" in proc.stderr


def test_csv_quotes_line_breaks_and_neutralises_formulas(tmp_path: Path) -> None:
    data = hostile(tmp_path)
    proc = run_govgraph("links", "-f", "csv", "--data", str(data))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout, newline="")))
    names = {r["source"]: r for r in rows}
    assert names["org-b"]["target"] == "prog-c"
    proc = run_govgraph("show", "org-a", "-f", "csv", "--table", "actor", "--data", str(data))
    fields = dict(csv.reader(io.StringIO(proc.stdout, newline="")))
    assert fields["name"] == '\'=HYPERLINK("http://evil","x")'
    proc = run_govgraph("show", "prog-c", "-f", "csv", "--table", "actor", "--data", str(data))
    fields = dict(csv.reader(io.StringIO(proc.stdout, newline="")))
    assert fields["name"] == '\'-2+3, "quoted"\nsecond line'
    # exports are data for R and pandas: values stay exactly as given
    assert run_govgraph("export", "-f", "csv", "--out-dir", str(tmp_path / "x"), "--data", str(data)).returncode == 0
    with open(tmp_path / "x" / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = {r["id"]: r["label"] for r in csv.DictReader(fh)}  # the full name (R takes `id` as the name)
    assert nodes["prog-c"] == '-2+3, "quoted"\nsecond line' and nodes["org-a"].startswith("=HYPERLINK")


def test_markdown_escapes_cells_and_headings(tmp_path: Path) -> None:
    proc = run_govgraph("show", "org-b", "-f", "markdown", "--data", str(hostile(tmp_path)))
    assert proc.returncode == 0, proc.stderr
    assert r"\<b\>B\</b\> \[link\](http://x) \| \_em\_ \*s\* # h" in proc.stdout
    assert "<b>" not in proc.stdout and "[link](" not in proc.stdout


def test_pipe_gets_tsv_never_wrapped(tmp_path: Path) -> None:
    data = hostile(tmp_path)
    proc = run_govgraph("links", "--data", str(data), env=NO_COLUMNS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].split("\t")[:3] == ["source", "type", "target"]
    assert not any(ch in proc.stdout for ch in "│┃━")
    proc = run_govgraph("show", "prog-c", "--data", str(data), env=NO_COLUMNS)
    assert 'name\t-2+3, "quoted" second line\n' in proc.stdout  # the line break became a space: one row, one line
    narrow = run_govgraph("show", "org-a", "--data", str(data), env={"COLUMNS": "20"})
    assert narrow.returncode == 0 and '=HYPERLINK("http://evil","x")' in narrow.stdout  # wider than cut
