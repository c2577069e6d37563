"""queries/*.cypher on the seeds (each answers), cross-checked against networkx, and the query runner."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DatabaseError, UsageError
from govgraph.neo4j.loader import load
from govgraph.neo4j.results import write_results
from govgraph.neo4j.run_query import QueryText, parse_params, resolve_query, run_query, to_cell, to_jsonable
from govgraph.paths import queries_dir
from govgraph.vocab import label_for_kind, vocabulary
from tests.neo4j.helpers import MINI, ROOT, settings_for

QUERY_FILES = sorted((ROOT / "queries").glob("*.cypher"))


def needs_results(path) -> bool:
    """A query over analysis results says so: ``// Needs: `govgraph neo4j write-results` first``."""
    return re.search(r"^// Needs: `govgraph neo4j write-results`", path.read_text(encoding="utf-8"), re.M) is not None


DATA_QUERIES = [p for p in QUERY_FILES if not needs_results(p)]
RESULT_QUERIES = [p for p in QUERY_FILES if needs_results(p)]


def rows(result) -> list[dict]:
    return result.to_json()["rows"]


# ------------------------------------------------------------------------------------- the files themselves


def test_there_are_at_least_a_dozen_questions():
    assert len(QUERY_FILES) >= 12
    assert queries_dir() == ROOT / "queries"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_each_file_says_its_question_first(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"^// Question: .+\?$", first), first


@pytest.mark.parametrize("path", DATA_QUERIES, ids=lambda p: p.stem)
def test_each_query_answers_on_the_seeds(seeded, path):
    settings, _ = seeded
    result = run_query(settings, str(path))
    assert result.records, f"{path.name} returned no rows on the seed data"
    assert result.query.question


@pytest.mark.parametrize("path", RESULT_QUERIES, ids=lambda p: p.stem)
def test_each_result_query_answers_after_write_results(seeded, path):
    settings, _ = seeded
    assert {p.name for p in RESULT_QUERIES} >= {"most_central.cypher", "regime_complexes.cypher"}
    write_results(None, settings)  # the seeds' results; a second call finds them unchanged
    result = run_query(settings, str(path))
    assert result.records, f"{path.name} returned no rows on the seed data after write-results"
    assert result.query.question


def test_the_style_sheet_styles_every_label_and_type():
    grass = (ROOT / "queries" / "style.grass").read_text(encoding="utf-8")
    labels = ["Actor", *(label_for_kind(k) for k in vocabulary().kinds), "Source", "Figure", "IssueArea", "Function"]
    labels.append("RegimeComplex")
    for label in labels:
        assert re.search(rf"node\.{label} \{{[^}}]*color: #[0-9A-F]{{6}};[^}}]*caption: '[^']*';", grass), label
    types = [r.neo4j_type for r in vocabulary().relation_types.values()]
    for rtype in [*types, "IN_ISSUE_AREA", "HAS_FUNCTION", "SOURCED_FROM", "ABOUT", "IN_COMPLEX"]:
        assert re.search(rf"relationship\.{rtype} \{{[^}}]*caption:", grass), rtype
    assert grass.count("{") == grass.count("}")


# ------------------------------------------------------------------------- answers cross-checked with networkx


def test_shared_members_equal_the_graph_computation(seeded):
    settings, g = seeded
    members: dict[str, set[str]] = {}
    for u, v, d in g.edges(data=True):
        if d["type"] in ("member_of", "party_to"):
            members.setdefault(v, set()).add(u)
    expected = sorted(
        (
            (a, b, len(members[a] & members[b]), sorted(members[a] & members[b]))
            for a, b in combinations(sorted(members), 2)
            if members[a] & members[b]
        ),
        key=lambda t: (-t[2], t[0], t[1]),
    )
    result = run_query(settings, "shared_members")
    got = [(r["institution"], r["other"], r["shared"], r["members"]) for r in rows(result)]
    assert got == expected


def test_headquarters_by_country_equal_the_graph_computation(seeded):
    settings, g = seeded
    count = Counter(d["hq_country"] for _, d in g.nodes(data=True) if d["kind"] == "organisation" and "hq_country" in d)
    got = {r["country"]: r["organisations"] for r in rows(run_query(settings, "headquarters_by_country"))}
    assert got == dict(count)


def test_functional_overlap_equals_the_graph_computation(seeded):
    settings, g = seeded
    orgs = {n: set(d.get("functions", [])) for n, d in g.nodes(data=True) if d["kind"] == "organisation"}
    und = g.to_undirected(as_view=True)
    expected = {}
    for a, b in combinations(sorted(orgs), 2):
        shared = orgs[a] & orgs[b]
        if len(shared) >= 3:
            expected[(a, b)] = (sorted(shared), und.has_edge(a, b))
    got = {
        (r["organisation"], r["other"]): (r["shared"], r["linked"])
        for r in rows(run_query(settings, "functional_overlap"))
    }
    assert got == expected


def test_the_road_from_the_league_to_unesco(seeded):
    settings, g = seeded
    (row,) = rows(run_query(settings, "league_of_nations_to_unesco"))
    und = g.to_undirected(as_view=True)
    expected_len = len(__import__("networkx").shortest_path(und, "league_of_nations", "unesco")) - 1
    assert row["actors"][0] == "league_of_nations" and row["actors"][-1] == "unesco"
    assert "icic" in row["actors"] and row["steps"] == expected_len


def test_icsu_programmes_equal_the_graph(seeded):
    settings, g = seeded
    expected = sorted(
        v
        for _, v, d in g.out_edges("icsu", data=True)
        if d["type"] in ("sponsors", "runs") and g.nodes[v]["kind"] == "programme"
    )
    got = sorted({r["programme"] for r in rows(run_query(settings, "icsu_programmes_and_successors"))})
    assert got == sorted(set(expected)) and "wcrp" in got


def test_a_parameter_default_can_be_overridden(seeded):
    settings, g = seeded
    result = run_query(settings, "hq_united_states_and_china", {"countries": ["CH"]})
    expected = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "organisation" and d.get("hq_country") == "CH")
    assert [r["id"] for r in rows(result)] == expected
    assert result.params == {"countries": ["CH"]}


# ------------------------------------------------------------------------------------------ the runner


def test_parse_params_reads_json_where_it_parses():
    assert parse_params(["year=1990", 'ids=["a","b"]', "name=WFEO", "flag=true", "text=a=b"]) == {
        "year": 1990,
        "ids": ["a", "b"],
        "name": "WFEO",
        "flag": True,
        "text": "a=b",
    }
    with pytest.raises(UsageError, match="NAME=VALUE"):
        parse_params(["novalue"])
    with pytest.raises(UsageError):
        parse_params(["bad name=1"])


def test_query_text_reads_question_defaults_and_parameters():
    q = QueryText.parse(
        '// Question: Who?\n// @param actor = "wfeo"\n// @param n = 3\n'
        "MATCH (a {id: $actor}) // not $this\nRETURN a LIMIT $n;\n"
    )
    assert q.question == "Who?" and q.defaults == {"actor": "wfeo", "n": 3}
    assert q.parameters() == ["actor", "n"] and not q.text.endswith(";")


def test_resolve_query_finds_files_and_packaged_names(tmp_path):
    f = tmp_path / "mine.cypher"
    f.write_text("// Question: One?\nRETURN 1 AS one\n", encoding="utf-8")
    assert resolve_query(str(f)).name == "mine.cypher"
    assert resolve_query("successions").name == "successions.cypher"
    assert resolve_query("queries/successions.cypher").question.startswith("Which institutions")
    assert resolve_query("RETURN 1 AS x").name is None
    with pytest.raises(UsageError, match=re.escape("did you mean 'successions.cypher'")):
        resolve_query("succesions")


def test_a_missing_parameter_is_a_usage_error_before_connecting():
    from govgraph.neo4j.connection import ConnectionSettings

    nowhere = ConnectionSettings(uri="bolt://127.0.0.1:1")
    with pytest.raises(UsageError, match="--param id=VALUE"):
        run_query(nowhere, "MATCH (n {id: $id}) RETURN n")


def test_nodes_relationships_and_paths_render_as_cypher(clean_db, neo4j_uri, neo4j_auth):
    s = settings_for(neo4j_uri, neo4j_auth)
    load(load_dataset([MINI]), s)
    result = run_query(s, "MATCH p = (a:Actor {id: 'org-b'})-[r:SPONSORS]->(b) RETURN a, r, p, date('2020-01-02') AS d")
    a, r, p, d = result.records[0]
    assert [to_cell(v) for v in (a, r, p, d)] == [
        "(org-b:Organisation)",
        "(org-b)-[:SPONSORS]->(prog-c)",
        "(org-b:Organisation)-[:SPONSORS]->(prog-c:Programme)",
        "2020-01-02",
    ]
    doc = to_jsonable(a)
    assert doc["id"] == "org-b" and doc["labels"] == ["Actor", "Organisation"]
    assert doc["properties"]["founded"] == "~1931"
    assert to_jsonable(r) == {
        "type": "SPONSORS",
        "start": "org-b",
        "end": "prog-c",
        "properties": {
            "id": "org-b:sponsors:prog-c:1980",
            "category": "interaction",
            "start": "1980",
            "start_year": 1980,
            "sources": ["fx", "fx-web"],
            "citations": '[{"key":"fx"},{"key":"fx-web"}]',
        },
    }
    (alone,) = run_query(s, "MATCH ()-[r:SPONSORS]->() RETURN r").records[0]
    assert to_cell(alone) == '()-[:SPONSORS {id: "org-b:sponsors:prog-c:1980"}]->()'  # ends not returned
    back = run_query(s, "MATCH p = (b:Actor {id: 'prog-c'})<-[:SPONSORS]-(a) RETURN p").records[0][0]
    assert to_cell(back) == "(prog-c:Programme)<-[:SPONSORS]-(org-b:Organisation)"


def test_a_query_cannot_write(clean_db, neo4j_uri, neo4j_auth):
    s = settings_for(neo4j_uri, neo4j_auth)
    with pytest.raises(DatabaseError, match=r"AccessMode|read"):
        run_query(s, "CREATE (n:Scribble) RETURN n")
    assert clean_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0
