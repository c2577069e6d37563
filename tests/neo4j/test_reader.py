"""Reading back: YAML -> Neo4j -> graph equals YAML -> graph, and a graph broken in Browser is reported."""

from __future__ import annotations

import networkx as nx
import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.graph import build_graph
from govgraph.neo4j.loader import load
from govgraph.neo4j.reader import read_dataset
from tests.neo4j.helpers import MINI


def assert_same_graph(expected: nx.MultiDiGraph, got: nx.MultiDiGraph) -> None:
    """Node for node, edge for edge, attribute for attribute, and the graph's bibliography and figures."""
    assert sorted(got.nodes) == sorted(expected.nodes)
    for n, data in expected.nodes(data=True):
        assert got.nodes[n] == data, n
    assert sorted(got.edges(keys=True)) == sorted(expected.edges(keys=True))
    for u, v, k, data in expected.edges(keys=True, data=True):
        assert got.edges[u, v, k] == data, k
    assert got.graph == expected.graph


def test_round_trip_of_the_mini_fixture(clean_db, settings):
    ds = load_dataset([MINI])
    load(ds, settings)
    back = read_dataset(settings)
    assert_same_graph(build_graph(ds), build_graph(back))
    assert_same_graph(build_graph(ds, as_of=1965), build_graph(back, as_of=1965))
    # the records themselves come back equal, not only the graph
    assert back.actors == ds.actors and back.sources == ds.sources and back.figures == ds.figures
    assert back.relations == ds.relations


def test_round_trip_of_the_seeds(clean_db, settings):
    ds = load_dataset()
    load(ds, settings)
    expected, got = build_graph(ds), build_graph(read_dataset(settings))
    assert expected.number_of_nodes() > 50 and expected.number_of_edges() > 30
    assert_same_graph(expected, got)


def test_an_edit_in_browser_is_what_is_analysed(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (n:Actor {id: 'org-a'}) SET n.name = 'Renamed in Browser', n.founded = '1951'")
    clean_db.execute_query(
        "MATCH (a:Actor {id: 'org-a'}), (b:Actor {id: 'prog-c'}) "
        "CREATE (a)-[:RUNS {start: '1990', citations: '[{\"key\":\"fx\"}]'}]->(b)"
    )
    g = build_graph(read_dataset(settings))
    assert g.nodes["org-a"]["name"] == "Renamed in Browser"
    assert g.nodes["org-a"]["founded_year"] == 1951  # derived again from the edited text
    assert g.has_edge("org-a", "prog-c", "org-a:runs:prog-c:1990")
    assert g.edges["org-a", "prog-c", "org-a:runs:prog-c:1990"]["category"] == "hierarchy"


def _problems(settings) -> list:
    with pytest.raises(DataError) as info:
        read_dataset(settings)
    return info.value.problems


def test_a_misspelt_term_is_located_with_a_suggestion(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (n:Actor {id: 'org-a'}) SET n.org_type = 'intergovernmentl'")
    (p,) = _problems(settings)
    assert (p.id, p.field) == ("org-a", "org_type")
    assert "did you mean 'intergovernmental'" in p.message
    assert p.file.startswith("neo4j bolt") or p.file.startswith("neo4j neo4j")


def test_broken_citations_and_missing_fields_are_named(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (n:Actor {id: 'org-b'}) SET n.citations = '[{broken'")
    clean_db.execute_query("CREATE (:Actor:Firm {id: 'new-firm', kind: 'firm'})")  # no name, no sources
    problems = _problems(settings)
    located = {(p.id, p.field) for p in problems}
    assert ("org-b", "citations") in located
    assert ("new-firm", "name") in located and ("new-firm", "sources") in located


def test_kind_and_labels_must_agree(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (n:Actor {id: 'st'}) REMOVE n:State SET n:Firm")
    (p,) = _problems(settings)
    assert (p.id, p.field) == ("st", "kind") and ":Firm" in p.message


def test_a_relation_between_the_wrong_kinds_is_refused(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query(
        "MATCH (a:Actor {id: 'prog-c'}), (b:Actor {id: 'st'}) "
        "CREATE (a)-[:MEMBER_OF {id: 'bad-one', sources: ['fx'], citations: '[{\"key\":\"fx\"}]'}]->(b)"
    )
    (p,) = _problems(settings)
    assert (p.id, p.field) == ("bad-one", "target")
    assert "must be a organisation or programme, not a state" in p.message


def test_an_unknown_source_key_is_refused(clean_db, settings):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (s:Source {id: 'fx-web'}) DETACH DELETE s")
    problems = _problems(settings)
    assert {p.id for p in problems} == {"prog-c", "org-b:sponsors:prog-c:1980"}  # both cited it
    assert all("unknown source 'fx-web'" in p.message for p in problems)


def test_text_and_numbers_read_back_obey_the_limits(clean_db, settings):
    """What a Browser user can store but no other door accepts is refused, located by id and property."""
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (n:Actor {id: 'org-a'}) SET n.name = 'Org \u001b[31mA'")
    clean_db.execute_query("MATCH (n:Actor {id: 'org-b'}) SET n.aliases = ['ok', $long]", long="x" * 2001)
    clean_db.execute_query("MATCH (n:Actor {id: 'st'}) SET n.cow_code = 0.0/0.0")
    clean_db.execute_query(
        "MATCH ()-[r {id: 'a-b-partner'}]->() SET r.citations = $c", c='[{"key":"fx","note":"bad \\u0007 bell"}]'
    )
    problems = {(p.id, p.field): p.message for p in _problems(settings)}
    assert problems == {
        ("org-a", "name"): "holds control character U+001B at position 5",
        ("org-b", "aliases"): "is 2001 characters long; the limit is 2000",
        ("st", "cow_code"): "NaN and infinity are not numbers govgraph stores",
        ("a-b-partner", "citations.note"): "holds control character U+0007 at position 5",
    }


def test_value_problems_cap_short_and_long_text_differently():
    from govgraph.limits import MAX_LONG_TEXT, MAX_TEXT
    from govgraph.neo4j.reader import value_problems

    assert value_problems({"notes": "n" * (MAX_TEXT + 1), "name": "n" * MAX_TEXT, "founded_year": 2**62}) == []
    assert value_problems({"notes": "n" * (MAX_LONG_TEXT + 1)}) == [
        ("notes", f"is {MAX_LONG_TEXT + 1} characters long; the limit is {MAX_LONG_TEXT}")
    ]
    assert value_problems({"x": float("inf"), "ok": True}) == [
        ("x", "NaN and infinity are not numbers govgraph stores")
    ]
