"""``govgraph export`` through typer's runner and the installed command: every format, the selection options,
the same bytes on every run, and clear errors with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.export import formats
from tests.conftest import run_govgraph

from .conftest import CITED, N_EDGES, N_NODES, SMALL

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["export", "--data", str(SMALL), *args], env={"COLUMNS": "200"})


def test_every_format_is_offered():
    assert formats() == ["bibtex", "csv", "cypher", "gephi", "gexf", "graphml", "json", "pajek", "siena", "twomode"]


@pytest.mark.parametrize("fmt", formats())
def test_each_format_same_bytes_twice(fmt, tmp_path):
    outs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.{fmt}"
        res = invoke("--format", fmt, "--output", str(out))
        assert res.exit_code == 0, res.output
        assert f"({N_NODES} nodes, {N_EDGES} links)" in res.output
        files = sorted(out.iterdir()) if out.is_dir() else [out]
        outs.append([f.read_bytes() for f in files])
    assert outs[0] == outs[1] and all(outs[0])


def test_json_keeps_the_node_link_contract(tmp_path):
    out = tmp_path / "g.json"
    assert invoke("-f", "json", "-o", str(out), "--as-of", "1990").exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["links"] == doc["edges"]
    g = nx.node_link_graph(doc)
    assert "isc" not in g and "us-unesco-1" not in {k for *_, k in g.edges(keys=True)}
    unesco = next(n for n in doc["nodes"] if n["id"] == "unesco")
    assert {"id", "name", "kind", "aliases", "sources"} <= set(unesco)
    assert {"source", "target", "type", "start", "sources"} <= set(doc["links"][0])
    assert sorted(doc["graph"]["bibliography"]) == CITED and doc["graph"]["as_of"] == 1990


def test_selection_options(tmp_path):
    out = tmp_path / "g.graphml"
    res = invoke("-f", "graphml", "-o", str(out), "--kind", "state,organisation", "--relation", "membership")
    assert res.exit_code == 0, res.output
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == 12 and back.number_of_edges() == 6
    res = invoke("-f", "graphml", "-o", str(out), "--force", "--issue-area", "climate_change", "--ego", "WMO")
    assert res.exit_code == 0, res.output
    assert sorted(nx.read_graphml(out).nodes) == ["ipcc", "wcrp", "wmo"]


def test_regime_option(tmp_path):
    pytest.importorskip("govgraph.analysis.regimes")
    out = tmp_path / "r.gexf"
    res = invoke("-f", "gexf", "-o", str(out), "--regime", "1")
    assert res.exit_code == 0, res.output
    assert sorted(nx.read_gexf(out, version="1.3").nodes) == ["ipcc", "unep", "unfccc", "wcrp", "wfeo", "wmo"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "gexff"], "did you mean 'gexf'"),
        (["--kind", "stat"], "did you mean 'state'"),
        (["--ego", "unescoo"], "did you mean 'unesco'"),
        (["--relation", "membershp"], "did you mean 'membership'"),
        (["--issue-area", "climate"], "unknown issue area"),
        (["--cypher", "q.cypher"], "excludes --data"),
    ],
)
def test_bad_usage_exit_2_nothing_written(args, message, tmp_path):
    out = tmp_path / "out.json"
    res = invoke("-o", str(out), *args)
    assert res.exit_code == 2, res.output
    assert message in res.output and "Traceback" not in res.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(tmp_path):
    res = invoke("-f", "graphml", "-o", str(tmp_path / "no" / "g.graphml"))
    assert res.exit_code == 2 and "does not exist" in res.output


def test_installed_command_writes_gexf_and_bibtex(tmp_path: Path):
    proc = run_govgraph(
        "export", "--data", str(SMALL), "--format", "gexf", "-o", str(tmp_path / "g.gexf"), "--ego", "unesco"
    )
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stderr and "(6 nodes, 7 links)" in proc.stderr
    # us -> unesco member_of 1946-1984 and 2003- is one edge with two spells
    assert nx.read_gexf(tmp_path / "g.gexf", version="1.3").number_of_edges() == 6
    proc = run_govgraph("export", "--data", str(SMALL), "--format", "bibtex", "-o", str(tmp_path / "g.bib"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "g.bib").read_text(encoding="utf-8").count("\n@") == len(CITED) + 1  # and @preamble
    proc = run_govgraph("export", "--data", str(SMALL), "--format", "xml", "-o", str(tmp_path / "x"))
    assert proc.returncode == 2 and "unknown export format 'xml'" in proc.stderr and "Traceback" not in proc.stderr


def test_default_output_name_follows_the_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("-f", "gexf").exit_code == 0
    assert invoke("-f", "csv").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["govgraph-csv", "govgraph.gexf"]
    assert sorted(p.name for p in (tmp_path / "govgraph-csv").iterdir()) == ["edges.csv", "nodes.csv", "sources.csv"]
