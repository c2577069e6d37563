"""The loader against a real Neo4j: counts worked out by hand on the mini fixture, idempotency, --replace."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DatabaseError, DataError
from govgraph.neo4j import queries as Q
from govgraph.neo4j.loader import load
from govgraph.neo4j.preflight import INDEX_KEY_BYTES
from govgraph.schema_gen import neo4j_schema_statements, neo4j_schema_text
from govgraph.vocab import vocabulary
from tests.conftest import run_govgraph
from tests.neo4j.helpers import (
    MINI,
    ROOT,
    label_counts,
    mini_variant,
    node,
    snapshot,
    type_counts,
)

N_TERMS = len(vocabulary().issue_areas) + len(vocabulary().functions)


def test_vocabulary_term_counts_are_what_the_numbers_below_assume():
    assert (len(vocabulary().issue_areas), len(vocabulary().functions)) == (29, 11)


def test_first_load_creates_everything(clean_db, settings):
    ds = load_dataset([MINI])
    summary = load(ds, settings)
    # 2 sources + 29 issue areas + 11 functions + 4 actors + 1 figure + 4 relations
    assert (summary.created, summary.updated, summary.unchanged, summary.removed) == (51, 0, 0, 0)
    assert summary.records == 51 and summary.rate > 0
    by = summary.counts
    assert (by["Organisation"].created, by["State"].created, by["Programme"].created) == (2, 1, 1)
    assert (by["MEMBER_OF"].created, by["SPONSORS"].created, by["PARTNER_OF"].created) == (2, 1, 1)

    labels = label_counts(clean_db)
    assert labels == {
        "Actor": 4,
        "Organisation": 2,
        "State": 1,
        "Programme": 1,
        "Source": 2,
        "Figure": 1,
        "IssueArea": 29,
        "Function": 11,
    }
    # derived links: climate_change x2; org-a's 2 functions; 4 actors + 1 figure cite sources; the figure's subject
    assert type_counts(clean_db) == {
        "MEMBER_OF": 2,
        "SPONSORS": 1,
        "PARTNER_OF": 1,
        "IN_ISSUE_AREA": 2,
        "HAS_FUNCTION": 2,
        "SOURCED_FROM": 5,
        "ABOUT": 1,
    }


def test_properties_are_flat_and_complete(clean_db, settings):
    load(load_dataset([MINI]), settings)
    labels, props = node(clean_db, "org-b")
    assert labels == {"Actor", "Organisation"}
    assert props == {
        "id": "org-b",
        "kind": "organisation",
        "name": "Organisation B",
        "caption": "Organisation B",  # short: the name itself
        "org_type": "scientific_council",
        "founded": "~1931",
        "founded_year": 1931,
        "dissolved": "2018-07",
        "dissolved_year": 2018,
        "issue_areas": ["climate_change"],
        "sources": ["fx"],
        "citations": '[{"at":"p. 3","key":"fx"}]',
    }
    _, a = node(clean_db, "org-a")
    assert (a["hq_country"], a["hq_city"], a["aliases"], a["name_zh"]) == ("CH", "Geneva", ["OA"], "甲组织")
    assert a["functions"] == ["agenda_setting", "standard_setting"]
    rel = clean_db.execute_query(
        "MATCH (:Actor {id: 'st'})-[r:MEMBER_OF {id: 'st:member_of:org-a:1960'}]->(:Actor {id: 'org-a'}) "
        "RETURN properties(r) AS p"
    ).records[0]["p"]
    assert rel == {
        "id": "st:member_of:org-a:1960",
        "start": "1960",
        "end": "1970",
        "start_year": 1960,
        "end_year": 1970,
        "status": "full",
        "category": "membership",
        "sources": ["fx"],
        "citations": '[{"key":"fx"}]',
    }
    at = clean_db.execute_query(
        "MATCH (:Actor {id: 'org-b'})-[c:SOURCED_FROM]->(s:Source) RETURN s.id AS s, c.at AS at"
    )
    assert [(r["s"], r["at"]) for r in at.records] == [("fx", "p. 3")]
    _, web = node(clean_db, "fx-web")
    assert web["accessed"] == "2024-05-01" and web["type"] == "web"
    _, term = node(clean_db, "climate_change")
    assert term["definition"] == vocabulary().issue_areas["climate_change"]


def test_constraints_and_indexes_come_from_the_generated_schema(clean_db, settings):
    load(load_dataset([MINI]), settings)
    names = {r["name"] for r in clean_db.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {"actor_id", "organisation_id", "source_id", "figure_id", "issuearea_id", "function_id"} <= names
    indexes = {r["name"] for r in clean_db.execute_query("SHOW INDEXES YIELD name").records}
    assert {"actor_name", "rel_member_of_id"} <= indexes
    committed = (ROOT / "schema" / "neo4j-constraints.cypher").read_text(encoding="utf-8")
    assert committed == neo4j_schema_text()
    assert len(neo4j_schema_statements()) == 11 + len(vocabulary().relation_types)


def test_loading_twice_changes_nothing(clean_db, settings):
    ds = load_dataset([MINI])
    load(ds, settings)
    before = snapshot(clean_db)
    again = load(ds, settings)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 51, 0)
    assert snapshot(clean_db) == before


def test_a_changed_record_counts_as_updated(clean_db, settings, tmp_path):
    load(load_dataset([MINI]), settings)

    def rename(data):
        data["actors"][1]["name"] = "Organisation B, renamed"
        data["actors"][1]["sources"] = ["fx"]

    summary = load(load_dataset([mini_variant(tmp_path, rename)]), settings)
    assert (summary.created, summary.updated, summary.counts["Organisation"].updated) == (0, 1, 1)
    _, props = node(clean_db, "org-b")
    assert props["name"] == "Organisation B, renamed" and props["citations"] == '[{"key":"fx"}]'
    at = clean_db.execute_query("MATCH (:Actor {id: 'org-b'})-[c:SOURCED_FROM]->() RETURN c.at AS at").records
    assert [r["at"] for r in at] == [None]  # the link follows the citation, which lost its page


def test_a_kind_change_moves_the_label(clean_db, settings, tmp_path):
    load(load_dataset([MINI]), settings)

    def to_org(data):
        prog = next(a for a in data["actors"] if a["id"] == "prog-c")
        prog.update(kind="organisation", org_type="think_tank")

    summary = load(load_dataset([mini_variant(tmp_path, to_org)]), settings)
    assert summary.counts["Organisation"].updated == 1
    labels, _ = node(clean_db, "prog-c")
    assert labels == {"Actor", "Organisation"}


def test_replace_removes_what_the_data_no_longer_holds(clean_db, settings, tmp_path):
    load(load_dataset([MINI]), settings)
    clean_db.execute_query("MATCH (a:Actor {id: 'org-a'}) CREATE (:Note {text: 'mine'})-[:ABOUT_NOTE]->(a)")
    clean_db.execute_query(  # drawn in Browser, no id: not in the data
        "MATCH (a:Actor {id: 'prog-c'}), (b:Actor {id: 'org-a'}) CREATE (a)-[:MEMBER_OF]->(b)"
    )

    def drop_b(data):
        data["actors"] = [a for a in data["actors"] if a["id"] != "org-b"]
        data["relations"] = [r for r in data["relations"] if "org-b" not in (r["source"], r["target"])]

    smaller = mini_variant(tmp_path, drop_b)
    plain = load(load_dataset([smaller]), settings)
    assert plain.removed == 0 and node(clean_db, "org-b") is not None  # without --replace nothing goes

    summary = load(load_dataset([smaller]), settings, replace=True)
    assert summary.removed == 4
    assert summary.counts["Organisation"].removed == 1
    assert (summary.counts["SPONSORS"].removed, summary.counts["PARTNER_OF"].removed) == (1, 1)
    assert summary.counts["MEMBER_OF"].removed == 1  # the id-less one drawn in Browser
    assert node(clean_db, "org-b") is None
    types = type_counts(clean_db)
    assert types == {
        "MEMBER_OF": 2,
        "IN_ISSUE_AREA": 1,
        "HAS_FUNCTION": 2,
        "SOURCED_FROM": 4,
        "ABOUT": 1,
        "ABOUT_NOTE": 1,
    }
    assert label_counts(clean_db)["Note"] == 1  # not govgraph's: left alone
    assert label_counts(clean_db)["Actor"] == 3


def test_replace_removes_sources_and_figures(clean_db, settings, tmp_path):
    load(load_dataset([MINI]), settings)

    def drop(data):
        data["figures"] = []
        data["sources"] = [s for s in data["sources"] if s["id"] == "fx"]
        for a in data["actors"]:
            a["sources"] = ["fx"]
        for r in data["relations"]:
            r["sources"] = ["fx"]

    summary = load(load_dataset([mini_variant(tmp_path, drop)]), settings, replace=True)
    assert (summary.counts["Source"].removed, summary.counts["Figure"].removed) == (1, 1)
    assert "Figure" not in label_counts(clean_db) and label_counts(clean_db)["Source"] == 1


def test_a_relation_id_moved_to_other_ends_is_rewritten(clean_db, settings, tmp_path):
    load(load_dataset([MINI]), settings)

    def move(data):
        rel = next(r for r in data["relations"] if r.get("id") == "a-b-partner")
        rel["target"] = "prog-c"

    load(load_dataset([mini_variant(tmp_path, move)]), settings)
    rows = clean_db.execute_query("MATCH (a)-[r {id: 'a-b-partner'}]->(b) RETURN a.id AS a, b.id AS b").records
    assert [(r["a"], r["b"]) for r in rows] == [("org-a", "prog-c")]


def test_progress_is_reported_up_to_the_total(clean_db, settings):
    calls = []
    load(load_dataset([MINI]), settings, progress=lambda done, total, what: calls.append((done, total, what)))
    assert calls[-1][0] == calls[-1][1] == 51
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert "Organisation" in {c[2] for c in calls}


def test_small_batches_give_the_same_database(clean_db, settings):
    ds = load_dataset([MINI])
    load(ds, settings)
    before = snapshot(clean_db)
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    summary = load(ds, settings, batch_size=1)
    assert summary.created == 51 and snapshot(clean_db) == before


def test_creating_what_is_not_there_and_merging_what_is_give_the_same_database(clean_db, settings):
    """A first load creates without lookups; over nodes already there (relationships gone) it merges the nodes
    and creates the relationships and links: the same database both ways, the relations counted as created."""
    ds = load_dataset([MINI])
    load(ds, settings)
    whole = snapshot(clean_db)
    clean_db.execute_query("MATCH ()-[r]->() DELETE r")
    summary = load(ds, settings)
    assert (summary.created, summary.unchanged) == (4, 47)  # the 4 relations; 47 nodes found as they were
    assert snapshot(clean_db) == whole


def test_summary_renders_as_json_and_tables(clean_db, settings):
    summary = load(load_dataset([MINI]), settings)
    doc = json.loads(json.dumps(summary.to_json()))
    assert doc["created"] == 51 and doc["by_label_or_type"]["MEMBER_OF"]["created"] == 2
    (table,) = summary.tables()
    assert table.rows[-1][:2] == ["total", 51]
    assert "Firm" not in [r[0] for r in table.rows]  # nothing happened to firms: no row


def test_labels_and_types_outside_the_vocabulary_are_refused():
    with pytest.raises(ValueError):
        Q.merge_nodes("Person")
    with pytest.raises(ValueError):
        Q.sync_links("Actor", "KNOWS", "Actor")
    with pytest.raises(KeyError):
        Q.merge_relations("likes")
    assert "MERGE (a)-[r:MEMBER_OF {id: row.id}]->(b)" in Q.merge_relations("member_of")
    assert "$rows" in Q.merge_actors("state") and "SET n:State" in Q.merge_actors("state")


# ------------------------------------------------------------------------------ nothing half-written


def test_an_over_long_indexed_value_is_refused_before_the_first_write(clean_db, settings):
    ds = load_dataset([MINI])
    name = "名" * 2700  # 8,100 bytes of UTF-8: valid text, but beyond what a range index holds
    ds.actors["org-b"] = ds.actors["org-b"].model_copy(update={"name": name})
    with pytest.raises(DataError) as info:
        load(ds, settings)
    (p,) = info.value.problems
    assert (p.id, p.field) == ("org-b", "name")
    assert p.message.startswith("is 8100 bytes of UTF-8; Neo4j indexes at most 8000 bytes")
    assert p.file.endswith("data.yaml") and p.line > 0
    assert label_counts(clean_db) == {}  # not even the constraints' first batch of nodes


def test_the_index_limit_is_real(clean_db, settings):
    """The cap the preflight applies is below what Neo4j refuses, and Neo4j does refuse beyond it."""
    from neo4j.exceptions import Neo4jError

    load(load_dataset([MINI]), settings)  # constraints and indexes
    clean_db.execute_query("MATCH (n:Actor {id: 'org-a'}) SET n.name = $n", n="x" * INDEX_KEY_BYTES)
    with pytest.raises(Neo4jError):
        clean_db.execute_query("MATCH (n:Actor {id: 'org-a'}) SET n.name = $n", n="x" * 9000)


def test_an_integer_beyond_64_bits_exits_1_and_writes_nothing(clean_db, cli_env, tmp_path):
    def huge(data):
        next(a for a in data["actors"] if a["id"] == "st")["cow_code"] = 2**63

    proc = run_govgraph("load", "--data", str(mini_variant(tmp_path, huge)), env=cli_env)
    assert proc.returncode == 1, proc.stderr
    assert "st: cow_code:" in proc.stderr and "64-bit" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert label_counts(clean_db) == {}


def test_a_failure_mid_load_says_so_once_and_a_re_run_completes(clean_db, settings):
    ds = load_dataset([MINI])
    load(ds, settings)
    whole = snapshot(clean_db)
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    # a node that breaks the uniqueness of :Organisation ids once org-b is written: the load stops there
    clean_db.execute_query("CREATE (:Organisation {id: 'org-b'})")
    with pytest.raises(DatabaseError) as info:
        load(ds, settings)
    message = str(info.value)
    assert "ConstraintValidationFailed" in message
    assert message.count("The database now holds part of this load") == 1
    assert "loading the same data again completes it" in message
    assert label_counts(clean_db)["Source"] == 2 and "State" not in label_counts(clean_db)
    clean_db.execute_query("MATCH (n:Organisation {id: 'org-b'}) WHERE NOT n:Actor DELETE n")
    load(ds, settings)
    assert snapshot(clean_db) == whole


def test_the_drivers_own_log_lines_never_reach_the_terminal(tmp_path):
    code = (
        "import logging, govgraph.neo4j\n"
        "from govgraph.neo4j.connection import driver_log\n"
        "with driver_log() as log:\n"
        "    logging.getLogger('neo4j.session').warning('Transaction failed and will be retried in 1s (x)')\n"
        "    logging.getLogger('neo4j.pool').error('Failed to read from defunct connection')\n"
        "print(log.retried)\n"
        "logging.getLogger('neo4j.io').warning('after the load too')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert (proc.stdout, proc.stderr) == ("1\n", "")


def test_the_fast_relation_properties_equal_the_graph_attributes():
    """relation_props copies plain fields itself for speed: it must equal the edge_attrs way on every seed."""
    from govgraph.neo4j import properties as P

    relations = load_dataset().relations
    assert len(relations) > 100
    for rel in relations:
        assert P.relation_props(rel) == P._relation_props_dumped(rel), rel.key


def test_captions_are_the_acronym_where_the_name_is_long():
    from govgraph.neo4j.properties import caption_of

    assert caption_of("WFEO", []) == "WFEO"
    long = "United Nations Educational, Scientific and Cultural Organization"
    assert caption_of(long, ["Unesco Paris office", "UNESCO"]) == "UNESCO"
    assert caption_of(long, ["a name with spaces"]) == long  # no one-word alias: Browser shortens the name
    assert caption_of("x" * 24, ["X"]) == "x" * 24  # 24 characters is not long
