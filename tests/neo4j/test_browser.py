"""Neo4j Browser: the packaged queries return what Browser draws, agree with the vocabulary, and the style
sheet is generated from the vocabulary (issue 12 item 8)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from govgraph.neo4j.results import write_results
from govgraph.neo4j.run_query import run_query
from govgraph.vocab import vocabulary
from tests.neo4j.helpers import ROOT
from tests.neo4j.test_queries import QUERY_FILES, needs_results, rows

#: queries that count or rank (no actors or ties to draw): tables only
TABLE_ONLY = {"foundings_by_stage", "headquarters_by_country"}


def _graph_values(value) -> int:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, (Node, Relationship, Path)):
        return 1
    if isinstance(value, (list, tuple)):
        return sum(_graph_values(v) for v in value)
    return 0


@pytest.mark.parametrize("path", [p for p in QUERY_FILES if p.stem not in TABLE_ONLY], ids=lambda p: p.stem)
def test_each_question_about_actors_or_ties_returns_something_browser_draws(seeded, path):
    settings, _ = seeded
    if needs_results(path):
        write_results(None, settings)
    result = run_query(settings, str(path))
    drawn = sum(_graph_values(v) for row in result.records for v in row)
    assert drawn >= len(result.records) > 0, f"{path.name}: Browser would show a table only"


def test_table_only_queries_are_counts():
    for name in TABLE_ONLY:
        text = (ROOT / "queries" / f"{name}.cypher").read_text(encoding="utf-8")
        assert "count(" in text, name


def test_relationship_types_in_queries_are_the_vocabularys():
    known = {r.neo4j_type for r in vocabulary().relation_types.values()} | {
        "IN_ISSUE_AREA",
        "HAS_FUNCTION",
        "SOURCED_FROM",
        "ABOUT",
        "IN_COMPLEX",
    }
    for path in QUERY_FILES:
        text = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("//"))
        for group in re.findall(r"\[\w*:([A-Z_|]+)", text):
            for rtype in group.split("|"):
                assert rtype in known, f"{path.name}: {rtype} is not a relation type of the vocabulary"


def test_foundings_by_stage_uses_the_vocabularys_stage_years(seeded):
    stages = vocabulary().stages
    text = (ROOT / "queries" / "foundings_by_stage.cypher").read_text(encoding="utf-8")
    bounds = dict(re.findall(r"founded_year >= (\d{4}) THEN '\d (\w+)'", text))
    assert {name: int(year) for year, name in bounds.items()} == {
        name: s["start"] for name, s in stages.items() if name != min(stages, key=lambda n: stages[n]["start"])
    }
    for name, s in stages.items():
        assert (
            f"{name.replace('_', ' ')} governance (from {s['start']})" in text or f"{name} (from {s['start']})" in text
        )
    settings, g = seeded
    expected = Counter(
        vocabulary().stage_of_year(d["founded_year"]) or "single_internal"
        for _, d in g.nodes(data=True)
        if d["kind"] in ("organisation", "programme", "agreement") and "founded_year" in d
    )
    got = {r["stage"].split(" ", 1)[1]: r["founded"] for r in rows(run_query(settings, "foundings_by_stage"))}
    assert got == dict(expected)


def test_the_style_sheet_is_generated_from_the_vocabulary():
    from govgraph.neo4j.style import main, style_grass

    assert (ROOT / "queries" / "style.grass").read_text(encoding="utf-8") == style_grass(), (
        "queries/style.grass is stale: python -m govgraph.neo4j.style > queries/style.grass"
    )
    assert main(["--check"]) == 0
    assert style_grass().count("caption: '{caption}';") == 1 + len(vocabulary().kinds)
