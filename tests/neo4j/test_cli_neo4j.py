"""``govgraph load``, ``query``, ``--from-neo4j`` and ``neo4j status|start|stop`` through CliRunner and subprocesses."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from tests.conftest import run_govgraph
from tests.neo4j.helpers import MINI, ROOT, label_counts

runner = CliRunner()


def invoke(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


def _no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text and 'File "' not in text


# --------------------------------------------------------------------------------------------------- load


def test_load_then_load_again_through_the_runner(clean_db, cli_env):
    first = invoke("load", "--data", str(MINI), "--format", "json")
    assert first.exit_code == 0, first.output
    doc = json.loads(first.stdout)
    assert (doc["created"], doc["updated"], doc["removed"], doc["records"]) == (51, 0, 0, 51)
    assert "loaded: 51 records into" in first.stderr and "51 created" in first.stderr
    second = invoke("load", "--data", str(MINI), "--format", "json")
    assert json.loads(second.stdout)["unchanged"] == 51 and json.loads(second.stdout)["created"] == 0


def test_load_as_a_real_subprocess_and_replace(clean_db, cli_env, tmp_path):
    proc = run_govgraph("load", "--data", str(MINI), env=cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "Loaded into" in proc.stdout and "total" in proc.stdout
    smaller = tmp_path / "smaller.yaml"
    text = (MINI / "data.yaml").read_text(encoding="utf-8")
    smaller.write_text(text.split("figures:")[0], encoding="utf-8")  # the same data without its figure
    proc = run_govgraph("load", "--data", str(smaller), "--replace", "--format", "json", env=cli_env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["by_label_or_type"]["Figure"]["removed"] == 1
    assert "Figure" not in label_counts(clean_db)


def test_invalid_data_writes_nothing(clean_db, cli_env, tmp_path):
    broken = tmp_path / "broken.yaml"
    text = (MINI / "data.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("org_type: scientific_council", "org_type: scientific_councl"), encoding="utf-8")
    proc = run_govgraph("load", "--data", str(broken), env=cli_env)
    assert proc.returncode == 1
    assert f"{broken}:" in proc.stderr and "org-b: org_type" in proc.stderr
    assert "did you mean 'scientific_council'" in proc.stderr
    _no_traceback(proc.stdout, proc.stderr)
    assert label_counts(clean_db) == {}  # not even the vocabulary terms


# ------------------------------------------------------------------------------------- reading back


def test_reports_read_from_neo4j(clean_db, cli_env):
    assert invoke("load", "--data", str(MINI)).exit_code == 0
    from_yaml = invoke("stats", "--data", str(MINI), "--format", "json")
    from_db = invoke("stats", "--from-neo4j", "--format", "json")
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.stdout) == json.loads(from_yaml.stdout)
    shown = invoke("show", "org-b", "--from-neo4j", "--format", "json")
    assert shown.exit_code == 0 and json.loads(shown.stdout) == json.loads(
        invoke("show", "org-b", "--data", str(MINI), "--format", "json").stdout
    )


def test_export_from_neo4j_equals_export_from_yaml(clean_db, cli_env, tmp_path):
    assert run_govgraph("load", "--data", str(MINI), env=cli_env).returncode == 0
    a, b = tmp_path / "yaml.json", tmp_path / "db.json"
    assert run_govgraph("export", "--data", str(MINI), "-o", str(a), env=cli_env).returncode == 0
    proc = run_govgraph("export", "--from-neo4j", "-o", str(b), env=cli_env)
    assert proc.returncode == 0, proc.stderr
    assert a.read_bytes() == b.read_bytes()


# ---------------------------------------------------------------------------------------------- query


def test_query_a_file_with_a_param_through_the_runner(clean_db, cli_env):
    assert invoke("load").exit_code == 0  # the seeds
    res = invoke("query", "queries/actor_ties.cypher", "--param", "actor=unesco", "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    g = build_graph(load_dataset())
    assert doc["params"] == {"actor": "unesco"} and doc["query"] == "actor_ties.cypher"
    assert len(doc["rows"]) == g.in_degree("unesco") + g.out_degree("unesco")
    csv_out = invoke("query", "actor_ties", "-p", "actor=unesco", "--format", "csv")
    assert csv_out.stdout.splitlines()[0] == "direction,relation,other,other_name,status,start,end,tie"
    assert "(unesco:Organisation)-[:RUNS]->(ihp:Programme)" in csv_out.stdout  # the tie, for Browser


def test_query_as_a_real_subprocess_same_bytes_twice(clean_db, cli_env):
    assert run_govgraph("load", env=cli_env).returncode == 0
    path = str(ROOT / "queries" / "league_of_nations_to_unesco.cypher")
    one = run_govgraph("query", path, "--format", "json", env=cli_env)
    two = run_govgraph("query", path, "--format", "json", env=cli_env)
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    (row,) = json.loads(one.stdout)["rows"]
    assert row["actors"][0] == "league_of_nations" and row["actors"][-1] == "unesco"
    table = run_govgraph("query", path, env=cli_env)
    assert "What is the road from the League of Nations to UNESCO?" in table.stdout


def test_query_list():
    listed = invoke("query", "--list", "--format", "json")
    assert listed.exit_code == 0
    names = [q["name"] for q in json.loads(listed.stdout)["queries"]]
    assert len(names) >= 12 and "wfeo_unfccc_ties.cypher" in names


def test_query_usage_errors():
    for args, text in (
        (("query",), "give a query file"),
        (("query", "RETURN 1", "--param", "oops"), "NAME=VALUE"),
        (("query", "wfeo_unfcc_ties"), "did you mean 'wfeo_unfccc_ties.cypher'"),
        (("query", "MATCH (n {id: $id}) RETURN n"), "--param id=VALUE"),
    ):
        res = invoke(*args)
        assert res.exit_code == 2, (args, res.output)
        assert text in res.stderr
        _no_traceback(res.output)


# -------------------------------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    "args",
    [("load", "--data", str(MINI)), ("query", "RETURN 1 AS one"), ("stats", "--from-neo4j")],
    ids=["load", "query", "stats"],
)
def test_server_down_is_exit_3_with_a_clear_message(args):
    proc = run_govgraph(*args, "--uri", "bolt://127.0.0.1:1", env={"NEO4J_PASSWORD": "s3cret-never-shown"})
    assert proc.returncode == 3, proc.stderr
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in proc.stderr and "govgraph neo4j start" in proc.stderr
    _no_traceback(proc.stdout, proc.stderr)
    assert "s3cret-never-shown" not in proc.stdout + proc.stderr


def _log_in(uri: str, auth: tuple[str, str]) -> None:
    """A good login, which resets Neo4j's count of failed ones (3 in a row lock the user for a few seconds)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ClientError

    for _ in range(30):
        try:
            with GraphDatabase.driver(uri, auth=auth) as driver:
                driver.verify_connectivity()
            return
        except ClientError:
            time.sleep(0.5)


def test_wrong_password_is_exit_4_and_never_printed(neo4j_uri, neo4j_auth):
    if neo4j_auth is None:
        pytest.skip("the test server runs without authentication")
    wrong = "wrong-" + neo4j_auth[1][::-1]
    try:
        for args in (("load", "--data", str(MINI)), ("query", "RETURN 1 AS one")):
            proc = run_govgraph(*args, "--uri", neo4j_uri, "--password", wrong)
            assert proc.returncode == 4, proc.stderr
            assert "refused the credentials of user 'neo4j'" in proc.stderr
            _no_traceback(proc.stdout, proc.stderr)
            assert wrong not in proc.stdout + proc.stderr
            _log_in(neo4j_uri, neo4j_auth)
        res = invoke("query", "RETURN 1 AS one", "--uri", neo4j_uri, "--password", wrong)
        assert res.exit_code == 4 and wrong not in res.output
    finally:
        _log_in(neo4j_uri, neo4j_auth)


def test_the_right_password_is_never_printed(clean_db, neo4j_uri, neo4j_auth):
    if neo4j_auth is None:
        pytest.skip("the test server runs without authentication")
    proc = run_govgraph("load", "--data", str(MINI), "--uri", neo4j_uri, "--password", neo4j_auth[1], "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert neo4j_auth[1] not in proc.stdout + proc.stderr


def test_a_bad_uri_is_a_usage_error():
    res = invoke("query", "RETURN 1", "--uri", "http://127.0.0.1:7474")
    assert res.exit_code == 2 and "unsupported Neo4j URI" in res.stderr


# ---------------------------------------------------------------------------------------- neo4j server


def test_status_of_an_instance_that_never_ran(tmp_path: Path):
    res = invoke("neo4j", "status", "--instance-dir", str(tmp_path), "--format", "json")
    assert res.exit_code == 3
    doc = json.loads(res.stdout)
    assert doc["running"] is False and doc["bolt_uri"].startswith("bolt://127.0.0.1:")
    stop = run_govgraph("neo4j", "stop", "--instance-dir", str(tmp_path))
    assert stop.returncode == 0 and "not running" in stop.stderr


def test_status_and_start_of_the_running_test_server(neo4j_server, neo4j_target):
    inst = str(neo4j_target.instance_dir)
    proc = run_govgraph("neo4j", "status", "--instance-dir", inst, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["running"] is True and doc["bolt_uri"] == neo4j_target.uri and doc["pid"] == neo4j_server.pid
    again = invoke("neo4j", "start", "--instance-dir", inst, "--format", "json")  # already running: a no-op
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["pid"] == neo4j_server.pid
    assert "Browser: http://127.0.0.1:" in again.stderr


def test_start_with_a_wrong_password_is_exit_4_as_load_and_query(neo4j_server, neo4j_target, neo4j_auth):
    if neo4j_auth is None:
        pytest.skip("the test server runs without authentication")
    wrong = "wrong-" + neo4j_auth[1][::-1]
    inst = str(neo4j_target.instance_dir)
    try:
        proc = run_govgraph("neo4j", "start", "--instance-dir", inst, "--password", wrong)
        assert proc.returncode == 4, proc.stderr
        assert "refused the password given for user 'neo4j'" in proc.stderr
        assert wrong not in proc.stdout + proc.stderr
        _no_traceback(proc.stdout, proc.stderr)
    finally:
        _log_in(neo4j_target.uri, neo4j_auth)
    right = run_govgraph("neo4j", "start", "--instance-dir", inst, "--password", neo4j_auth[1], "--format", "json")
    assert right.returncode == 0, right.stderr
    assert json.loads(right.stdout)["pid"] == neo4j_server.pid  # still the one server


# ------------------------------------------------------------------------- every report reads from Neo4j


def _reports_with_from_neo4j() -> list[tuple[str, ...]]:
    """Every registered command with --from-neo4j and an output --format json, with arguments where needed."""
    import inspect

    import typer

    from govgraph.render import OutputFormat

    group = typer.main.get_command(app)
    args = {"ego": ("icsu",), "show": ("icsu",), "path": ("league_of_nations", "unesco")}
    out = []
    for name, command in sorted(group.commands.items()):
        if command.callback is None:  # a group (neo4j)
            continue
        params = {p.name: p for p in command.params}
        fmt = inspect.signature(command.callback).parameters.get("fmt")
        if "from_neo4j" in params and fmt is not None and isinstance(fmt.default, OutputFormat):
            required = [p.name for p in command.params if p.required]
            if not required or name in args:
                out.append((name, *args.get(name, ())))
    return out


def test_reports_from_neo4j_match_the_yaml_ones(clean_db, cli_env):
    assert invoke("load").exit_code == 0
    commands = _reports_with_from_neo4j()
    assert {"stats", "show"} <= {c[0] for c in commands}
    for command in commands:
        from_yaml = invoke(*command, "--format", "json")
        from_db = invoke(*command, "--from-neo4j", "--format", "json")
        assert from_yaml.exit_code == 0, (command, from_yaml.output)
        assert from_db.exit_code == 0, (command, from_db.output)
        assert from_db.stdout == from_yaml.stdout, command
