"""validate, stats, show, export and schema through typer's runner and through the installed command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from govgraph.cli import app
from tests.conftest import run_govgraph

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_validate_fixture_ok(mini: Path) -> None:
    res = invoke("validate", str(mini))
    assert res.exit_code == 0, res.output
    assert "valid: 1 files, 4 actors, 4 relations, 2 sources, 1 figures" in res.output


def test_validate_json_counts(mini: Path) -> None:
    res = invoke("validate", str(mini), "--format", "json")
    doc = json.loads(res.stdout)
    assert doc["valid"] is True and doc["counts"] == {"actors": 4, "relations": 4, "sources": 2, "figures": 1}


def test_validate_broken_file_exit_1_located(tmp_path: Path, mini: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = (mini / "data.yaml").read_text(encoding="utf-8").replace("org_type: scientific_council", "org_type: council")
    broken.write_text(text, encoding="utf-8")
    proc = run_govgraph("validate", str(broken))
    assert proc.returncode == 1
    assert f"{broken}:27:15: org-b: org_type: unknown organisation type 'council'" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    res = invoke("validate", str(broken), "--format", "json")
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert doc["valid"] is False
    assert doc["problems"][0] | {"message": ""} == {
        "file": str(broken),
        "line": 27,
        "col": 15,
        "id": "org-b",
        "field": "org_type",
        "message": "",
    }


def test_validate_binary_file_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(bytes(range(256)))
    proc = run_govgraph("validate", str(bad))
    assert proc.returncode == 1 and "not a text file" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_missing_path_is_usage_error(tmp_path: Path) -> None:
    proc = run_govgraph("validate", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr


def test_unknown_option_is_usage_error() -> None:
    proc = run_govgraph("stats", "--bogus")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_stats_json_and_csv(mini: Path) -> None:
    doc = json.loads(invoke("stats", "-d", str(mini), "-f", "json").stdout)
    assert doc["actors"] == 4 and doc["relations"] == 4
    assert doc["by_kind"] == {"organisation": 2, "state": 1, "firm": 0, "programme": 1, "agreement": 0}
    assert doc["by_relation_type"]["member_of"] == 2 and doc["by_relation_type"]["sponsors"] == 1
    doc1965 = json.loads(invoke("stats", "-d", str(mini), "--as-of", "1965", "-f", "json").stdout)
    assert doc1965["as_of"] == 1965 and doc1965["actors"] == 3 and doc1965["relations"] == 1
    out = invoke("stats", "-d", str(mini), "-f", "csv", "--table", "actors_by_kind").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["kind", "count"] and ["organisation", "2"] in rows and ["total", "4"] in rows


def test_show_by_alias_with_ties_and_sources(mini: Path) -> None:
    doc = json.loads(invoke("show", "OA", "-d", str(mini), "-f", "json").stdout)
    assert doc["id"] == "org-a"
    assert [(t["direction"], t["type"], t["other"]) for t in doc["ties"]] == [
        ("in", "member_of", "st"),
        ("in", "member_of", "st"),
        ("out", "partner_of", "org-b"),
    ]
    assert set(doc["bibliography"]) == {"fx"}


def test_show_unknown_suggests() -> None:
    res = invoke("show", "org-aa", "-d", str(Path(__file__).parents[1] / "fixtures" / "mini"))
    assert res.exit_code == 2 and "did you mean 'org-a'" in res.output


def test_export_json_node_link_with_sources(tmp_path: Path, mini: Path) -> None:
    out = tmp_path / "g.json"
    proc = run_govgraph("export", "--format", "json", "-o", str(out), "--data", str(mini))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert set(nodes) == {"org-a", "org-b", "prog-c", "st"}
    for n in doc["nodes"]:
        assert {"id", "name", "kind", "aliases", "sources"} <= set(n) and n["sources"]
    links = {link["key"]: link for link in doc["links"]}
    assert len(links) == 4
    m = links["st:member_of:org-a:1960"]
    assert (m["source"], m["target"], m["type"], m["start"], m["end"], m["sources"]) == (
        "st",
        "org-a",
        "member_of",
        "1960",
        "1970",
        ["fx"],
    )
    assert (links["a-b-partner"]["start"], links["a-b-partner"]["end"]) == ("2000", None)  # null, not missing
    assert set(doc["graph"]["bibliography"]) == {"fx", "fx-web"}
    g = nx.node_link_graph(doc, edges="links", multigraph=True, directed=True)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 4


def test_export_invalid_data_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n", encoding="utf-8")
    out = tmp_path / "g.json"
    proc = run_govgraph("export", "-o", str(out), "--data", str(bad))
    assert proc.returncode == 1 and not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_every_command_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():
        assert (cmd.help or "").strip(), f"{name} has no help text"
        assert invoke(name, "--help").exit_code == 0


def test_shared_options_are_declared_once_and_reach_every_reading_command() -> None:
    """Every command that reads a graph offers the same data-source options, from one declaration."""
    import typer.main

    group = typer.main.get_command(app)
    shared = {"--data", "--as-of", "--from-neo4j", "--uri", "--user", "--password", "--database"}
    reading = [
        "stats",
        "show",
        "centrality",
        "links",
        "path",
        "ego",
        "regimes",
        "evolution",
        "power",
        "report",
        "export",
    ]
    for name in reading:
        opts = {o for p in group.commands[name].params for o in p.opts}
        assert shared <= opts, (name, shared - opts)
    for sub, names in (("overlap", ["membership", "function"]), ("figure", ["network", "foundings", "heatmap"])):
        for name in names:
            opts = {o for p in group.commands[sub].commands[name].params for o in p.opts}
            assert shared <= opts, (sub, name, shared - opts)
