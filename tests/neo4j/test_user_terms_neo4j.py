"""Terms a data folder adds reach Neo4j and come back: load, read back, same records, same vocabulary."""

from __future__ import annotations

import json

from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.graph import build_graph
from govgraph.neo4j.loader import load
from govgraph.neo4j.reader import read_dataset
from govgraph.vocab import shipped, vocabulary
from tests.conftest import run_govgraph
from tests.neo4j.test_reader import assert_same_graph
from tests.test_user_terms import user_folder


def test_user_terms_round_trip(clean_db, settings, tmp_path):
    ds = load_dataset([user_folder(tmp_path / "mine")])
    summary = load(ds, settings)
    assert summary.counts["Term"].created == 6  # 2 issue areas, 1 organisation type, source type, end reason, hosts
    back = read_dataset(settings)
    assert back.vocab.user == ds.vocab.user
    assert back.vocab.relation_types["hosts"] == ds.vocab.relation_types["hosts"]
    assert back.actors == ds.actors and back.sources == ds.sources
    assert back.relations == ds.relations
    assert_same_graph(build_graph(ds), build_graph(back))
    assert vocabulary() is shipped()

    # what Neo4j holds: the new relationship type, the new issue area as a node, the terms with their definitions
    rels = clean_db.execute_query("MATCH (:Actor)-[r:HOSTS]->(:Actor) RETURN r.id AS id, r.category AS c").records
    assert sorted((r["id"], r["c"]) for r in rels) == [
        ("icann:hosts:iana", "affiliation"),
        ("isa:hosts:icann", "affiliation"),
    ]
    area = clean_db.execute_query(
        "MATCH (a:Actor {id: 'isa'})-[:IN_ISSUE_AREA]->(t:IssueArea {id: 'oceans_law'}) RETURN t.definition AS d"
    ).records
    assert [r["d"] for r in area] == ["The law of the sea, its seabed and its fisheries."]
    term = clean_db.execute_query("MATCH (t:Term {id: 'relation_types:hosts'}) RETURN properties(t) AS p").records
    props = term[0]["p"]
    assert (props["category"], props["sources"], props["targets"]) == (
        "affiliation",
        ["organisation"],
        ["organisation", "agreement"],
    )
    assert json.loads(props["statuses"]) == {"interim": "Hosting for a transition period."}


def test_a_term_broken_in_browser_is_reported(clean_db, settings, tmp_path):
    load(load_dataset([user_folder(tmp_path / "mine")]), settings)
    clean_db.execute_query("MATCH (t:Term {id: 'organisation_types:registry'}) SET t.definition = ''")
    try:
        read_dataset(settings)
    except DataError as exc:
        shown = [str(p) for p in exc.problems]
    else:
        raise AssertionError("a term without a definition was read back")
    assert any("registry: vocabulary.organisation_types.registry: missing definition" in p for p in shown), shown
    # and the records that use it are refused, named by id
    assert any("isa: org_type: unknown organisation type 'registry'" in p for p in shown), shown


def test_cli_load_read_back_and_replace(clean_db, cli_env, tmp_path):
    folder = user_folder(tmp_path / "mine")
    loaded = run_govgraph("load", "--data", str(folder), env=cli_env)
    assert loaded.returncode == 0, loaded.stderr
    stats = run_govgraph("stats", "--from-neo4j", "--format", "csv", "--table", "relations_by_type", env=cli_env)
    assert stats.returncode == 0, stats.stderr
    assert "\nhosts,2\n" in stats.stdout
    # replacing with the seeds removes the terms the seeds do not hold
    replaced = run_govgraph("load", "--replace", env=cli_env)
    assert replaced.returncode == 0, replaced.stderr
    left = clean_db.execute_query("MATCH (t:Term) RETURN count(t) AS n").records[0]["n"]
    areas = clean_db.execute_query("MATCH (t:IssueArea {id: 'oceans_law'}) RETURN count(t) AS n").records[0]["n"]
    assert (left, areas) == (0, 0)


def test_cypher_export_carries_the_terms(clean_db, settings, tmp_path):
    """A database built from `export --format cypher` reads back as one built by `load`, user terms included."""
    folder = user_folder(tmp_path / "mine")
    script = tmp_path / "graph.cypher"
    made = run_govgraph("export", "--format", "cypher", "--data", str(folder), "-o", str(script))
    assert made.returncode == 0, made.stderr
    statements = [x for x in script.read_text(encoding="utf-8").splitlines() if x and not x.startswith("//")]
    assert sum(x.startswith("MERGE (t:Term ") for x in statements) == 6
    for statement in statements:
        clean_db.execute_query(statement.rstrip(";"))
    ds, back = load_dataset([folder]), read_dataset(settings)
    assert back.vocab.user == ds.vocab.user
    assert_same_graph(build_graph(ds), build_graph(back))
