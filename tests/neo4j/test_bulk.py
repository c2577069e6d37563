"""``govgraph load --bulk``: neo4j-admin's offline importer gives the same database as a Bolt load."""

from __future__ import annotations

import socket

import pytest

from govgraph.dataset import load_dataset
from govgraph.neo4j import bulk, server
from govgraph.neo4j.loader import load
from govgraph.schema_gen import neo4j_schema_statements
from tests.conftest import run_govgraph
from tests.neo4j.helpers import snapshot


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_bulk_import_equals_a_bolt_load_and_refuses_a_running_or_filled_database(clean_db, settings, tmp_path):
    from neo4j import GraphDatabase

    seeds = load_dataset()
    load(seeds, settings)
    by_bolt = snapshot(clean_db)
    inst = tmp_path / "bulk-instance"
    bolt_port, http_port = _free_port(), _free_port()
    password = "bulk-test-password"
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{bolt_port}", "NEO4J_PASSWORD": password, "NEO4J_USER": "neo4j"}
    args = ("load", "--bulk", "--instance-dir", str(inst), "--http-port", str(http_port), "--format", "json")
    try:
        proc = run_govgraph(*args, env=env)
        assert proc.returncode == 0, proc.stderr
        assert password not in proc.stdout + proc.stderr
        assert '"nodes": 262' in proc.stdout and '"relationships": 552' in proc.stdout
        with GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", password)) as driver:
            by_bulk = snapshot(driver)
            constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n").records[0]["n"]
            indexes = driver.execute_query("SHOW INDEXES YIELD state RETURN collect(state) AS s").records[0]["s"]
        # every node and relationship, with every property and its type, equal to the Bolt load's
        assert by_bulk["nodes"] == by_bolt["nodes"] and len(by_bulk["nodes"]) == 262
        assert by_bulk["relationships"] == by_bolt["relationships"] and len(by_bulk["relationships"]) == 552
        n_constraints = sum(s.startswith("CREATE CONSTRAINT") for s in neo4j_schema_statements())
        assert constraints == n_constraints
        assert indexes and set(indexes) == {"ONLINE"}

        running = run_govgraph(*args, env=env)  # the server of the instance now runs
        assert running.returncode == 2 and "is running" in running.stderr, running.stderr
    finally:
        server.stop(instance_dir=inst)
    filled = run_govgraph(*args, env=env)
    assert filled.returncode == 2 and "is not empty" in filled.stderr, filled.stderr
    assert "Traceback" not in filled.stderr + running.stderr


def test_the_importer_files_type_every_column_and_quote_every_text(tmp_path):
    seeds = load_dataset()
    nodes, rels, n_nodes, n_rels = bulk.write_import_files(seeds, tmp_path)
    assert (n_nodes, n_rels) == (262, 552)
    headers = {p.name.split("-", 1)[1]: p.read_text(encoding="utf-8").splitlines()[0] for p in nodes + rels}
    org = headers["Organisation.csv"].split(",")
    assert org[:2] == ["id:ID(Actor)", ":LABEL"]
    assert "founded_year:long" in org and "aliases:string[]" in org and "name:string" in org
    assert headers["MEMBER_OF.csv"].startswith(":START_ID(Actor),:END_ID(Actor),:TYPE,")
    assert headers["IN_ISSUE_AREA.csv"] == ":START_ID(Actor),:END_ID(IssueArea),:TYPE"
    with pytest.raises(ValueError, match="several types"):
        bulk._column_type("x", [1, "one"])
    assert bulk._cell('say "hi",\nbye') == '"say ""hi"",\nbye"'
    assert bulk._cell(["a", "b;c"]) == '"a\x1fb;c"' and bulk._cell(None) == "" and bulk._cell(True) == "true"


def test_a_database_is_empty_until_it_holds_a_node(tmp_path):
    assert bulk.database_is_empty(tmp_path)  # never created
    store = tmp_path / "data" / "databases" / "neo4j"
    store.mkdir(parents=True)
    (store / "neostore.nodestore.db").write_bytes(b"")
    (store / "neostore.relationshipstore.db").write_bytes(b"")
    assert bulk.database_is_empty(tmp_path)
    (store / "neostore.nodestore.db").write_bytes(b"\0" * 8192)
    assert not bulk.database_is_empty(tmp_path)
