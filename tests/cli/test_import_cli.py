"""``govgraph import cow-igo`` and ``govgraph import csv`` through typer's runner and the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.importers import import_cow_igo
from tests.conftest import run_govgraph
from tests.importers.conftest import FIVE_YEARLY, SAMPLE, STATE_COLUMNS, needs_sample

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_cow_igo_json_report_is_the_library_result(tmp_path: Path) -> None:
    res = invoke("import", "cow-igo", str(FIVE_YEARLY), "-o", str(tmp_path / "cli"), "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    lib = import_cow_igo(FIVE_YEARLY, tmp_path / "lib").to_json()
    assert {k: v for k, v in doc.items() if k != "out_dir"} == {k: v for k, v in lib.items() if k != "out_dir"}
    assert doc["counts"] == {
        "rows": 10,
        "organisations": 2,
        "dissolved organisations": 1,
        "states": 6,
        "memberships": 12,
        "successions": 1,
    }
    for f in doc["files"]:
        assert (tmp_path / "cli" / f).read_bytes() == (tmp_path / "lib" / f).read_bytes()


def test_cow_igo_damaged_file_exit_1_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        FIVE_YEARLY.read_text(encoding="utf-8").replace("TIO,Test Intl Org,1950,1,", "TIO,Test Intl Org,1950,x,"),
        encoding="utf-8",
    )
    res = invoke("import", "cow-igo", str(bad), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert f"{bad}:3:4: TIO: usa: 'x' is not a COW membership code" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_cow_igo_existing_folder_exit_2(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    res = invoke("import", "cow-igo", str(FIVE_YEARLY), "-o", str(tmp_path / "out"))
    assert res.exit_code == 2 and "use --force" in res.output


@needs_sample
def test_cow_igo_subprocess_imports_validates_and_analyses(tmp_path: Path) -> None:
    out = tmp_path / "cow"
    proc = run_govgraph("import", "cow-igo", str(SAMPLE), "--states", str(STATE_COLUMNS), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "memberships" in proc.stdout and "2538" in proc.stdout
    assert "Traceback" not in proc.stderr
    val = run_govgraph("validate", str(out))
    assert val.returncode == 0 and "249 actors, 2541 relations" in val.stderr
    merged = run_govgraph("validate", "--data", str(out), "--data", str(Path(__file__).resolve().parents[2] / "seeds"))
    assert merged.returncode == 0, merged.stderr
    stats = run_govgraph("stats", "--data", str(out), "--as-of", "1980", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    overlap = run_govgraph("overlap", "membership", "--data", str(out), "--as-of", "2000", "--format", "json")
    assert overlap.returncode == 0, overlap.stderr
    pairs = {(p["a"], p["b"]): p for p in json.loads(overlap.stdout)["pairs"]}
    assert pairs[("itu", "who")]["shared"] == 185
    cent = run_govgraph("centrality", "--data", str(out), "-p", "membership", "--as-of", "2000", "-f", "json")
    assert cent.returncode == 0, cent.stderr
    assert json.loads(cent.stdout)["graph"]["nodes"] == 26


def test_csv_import_and_located_errors(tmp_path: Path) -> None:
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text(
        "id,kind,name,org_type\nwfeo,organisation,WFEO,professional_federation\nfr,state,France,\n", encoding="utf-8"
    )
    edges.write_text("source,target,type,start,status\nfr,wfeo,member_of,1968,full\n", encoding="utf-8")
    out = tmp_path / "out"
    res = invoke(
        "import",
        "csv",
        "--nodes",
        str(nodes),
        "--edges",
        str(edges),
        "-o",
        str(out),
        "--source-title",
        "My table",
        "--format",
        "json",
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["counts"] == {"sources": 1, "actors": 2, "relations": 1}
    assert run_govgraph("validate", str(out)).returncode == 0
    edges.write_text("source,target,type,start,status\nfr,wfeo,member_off,1968,full\n", encoding="utf-8")
    proc = run_govgraph(
        "import", "csv", "--nodes", str(nodes), "--edges", str(edges), "-o", str(tmp_path / "o2"), "--source-title", "T"
    )
    assert proc.returncode == 1
    assert (
        f"{edges}:2:3: fr:member_off:wfeo: type: unknown relation type 'member_off'; did you mean 'member_of'?"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr and not (tmp_path / "o2").exists()


def test_import_commands_have_help() -> None:
    for cmd in ("cow-igo", "csv"):
        res = invoke("import", cmd, "--help")
        assert res.exit_code == 0 and "--out" in res.output
