"""In a real Neo4j: the exported Cypher script recreates the graph (twice = once), and ``--cypher FILE`` exports
what a query returns."""

from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.dataset import load_dataset
from govgraph.export.cypher import cypher_script
from govgraph.graph import build_graph
from govgraph.neo4j.connection import ConnectionSettings
from tests.conftest import run_govgraph
from tests.export.conftest import N_EDGES, N_NODES, SMALL


@pytest.fixture
def small():
    return build_graph(load_dataset([SMALL]))


def _settings(uri, auth) -> ConnectionSettings:
    user, password = auth if auth else ("neo4j", None)
    return ConnectionSettings(uri=uri, user=user, password=password)


def _run_script(driver, text: str) -> None:
    for line in text.splitlines():
        if line and not line.startswith("//"):
            driver.execute_query(line.rstrip(";"))


def _counts(driver) -> tuple[int, int]:
    nodes = driver.execute_query("MATCH (n:Actor) RETURN count(n) AS c").records[0]["c"]
    rels = driver.execute_query("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS c").records[0]["c"]
    return nodes, rels


def test_script_recreates_the_graph_and_is_idempotent(clean_db, small):
    script = cypher_script(small)
    _run_script(clean_db, script)
    assert _counts(clean_db) == (N_NODES, N_EDGES)
    _run_script(clean_db, script)
    assert _counts(clean_db) == (N_NODES, N_EDGES)
    rec = clean_db.execute_query("MATCH (n:Actor:Firm {id: 'huawei'}) RETURN n").records[0]["n"]
    assert rec["name"] == small.nodes["huawei"]["name"]  # quotes and a backslash survive
    assert rec["founded_year"] == 1987 and rec["aliases"] == ["Huawei"]
    cn = clean_db.execute_query("MATCH (n:State {id: 'cn'}) RETURN n.name AS name, n.aliases AS a").records[0]
    assert (cn["name"], cn["a"]) == ("People's Republic of China", ["China", "中国"])
    types = clean_db.execute_query("MATCH (:Actor)-[r]->(:Actor) RETURN type(r) AS t, count(*) AS c ORDER BY t")
    assert {r["t"]: r["c"] for r in types.records}["MEMBER_OF"] == 7
    role = clean_db.execute_query("MATCH ()-[r:PARTNER_OF]->() RETURN r.role AS role").records[0]["role"]
    assert role == "observer at COP21; 'focal point'"


def _load(uri, auth):
    from govgraph.neo4j.loader import load

    load(load_dataset([SMALL]), _settings(uri, auth))


def test_cypher_selection_of_paths_and_nodes(clean_db, neo4j_uri, neo4j_auth, tmp_path):
    pytest.importorskip("govgraph.neo4j.reader")
    from govgraph.neo4j.cypher_select import select_cypher
    from govgraph.neo4j.reader import read_dataset

    _load(neo4j_uri, neo4j_auth)
    settings = _settings(neo4j_uri, neo4j_auth)
    g = build_graph(read_dataset(settings))
    query = tmp_path / "q.cypher"
    query.write_text("MATCH p = (:Actor {id: 'wmo'})-[:SPONSORS]->(:Actor) RETURN p;\n", encoding="utf-8")
    h = select_cypher(g, settings, query)
    assert sorted(h.nodes) == ["ipcc", "wcrp", "wmo"] and h.number_of_edges() == 2
    assert h.nodes["ipcc"] == g.nodes["ipcc"]
    query.write_text("MATCH (n:Organisation) WHERE n.hq_country = 'CH' RETURN collect(n) AS ns", encoding="utf-8")
    h = select_cypher(g, settings, query)
    assert sorted(h.nodes) == ["ipcc", "wmo"] and h.number_of_edges() == 0  # only what the query returns


def test_export_cypher_command(clean_db, neo4j_uri, neo4j_auth, tmp_path):
    pytest.importorskip("govgraph.neo4j.reader")
    _load(neo4j_uri, neo4j_auth)
    query = tmp_path / "q.cypher"
    query.write_text("MATCH (s:State)-[r:MEMBER_OF]->(o) RETURN s, r, o", encoding="utf-8")
    out = tmp_path / "members.graphml"
    env = {"NEO4J_URI": neo4j_uri, "NEO4J_USER": neo4j_auth[0] if neo4j_auth else "neo4j"}
    if neo4j_auth:
        env["NEO4J_PASSWORD"] = neo4j_auth[1]
    proc = run_govgraph("export", "--cypher", str(query), "-f", "graphml", "-o", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    back = nx.read_graphml(out)
    assert sorted(back.nodes) == ["cn", "fr", "unesco", "us", "wmo"] and back.number_of_edges() == 6
    query.write_text("MATCH (n RETURN n", encoding="utf-8")
    res = CliRunner().invoke(app, ["export", "--cypher", str(query), "-o", str(tmp_path / "bad.json")], env=env)
    assert res.exit_code == 5 and "--cypher" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "bad.json").exists()


def test_a_database_built_from_the_export_reads_back_as_one_built_by_load(clean_db, neo4j_uri, neo4j_auth):
    """export -f cypher writes properties the way load does (one function), so --from-neo4j reads it alike."""
    from govgraph.neo4j.loader import load
    from govgraph.neo4j.reader import read_dataset
    from tests.neo4j.helpers import node

    settings = _settings(neo4j_uri, neo4j_auth)
    seeds = load_dataset()
    load(seeds, settings)
    by_load = read_dataset(settings)
    loaded_unesco = node(clean_db, "unesco")
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    _run_script(clean_db, cypher_script(build_graph(seeds)))
    by_export = read_dataset(settings)
    assert by_export.actors == by_load.actors == seeds.actors
    assert by_export.relations == by_load.relations == seeds.relations
    assert by_export.sources == by_load.sources == seeds.sources
    assert by_export.figures == by_load.figures == seeds.figures
    # the node itself: the same labels and the same properties, caption and citation text included
    assert node(clean_db, "unesco") == loaded_unesco
    assert loaded_unesco[1]["caption"] == "UNESCO"
