"""``import csv``: users' nodes and edges tables, validated as govgraph data, errors located by row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.graph import build_graph
from govgraph.importers import import_csv_tables

NODES = (
    "id,kind,name,aliases,org_type,agreement_type,founded,hq_country,hq_city,issue_areas,functions,sources\n"
    "wfeo,organisation,World Federation of Engineering Organizations,WFEO; FMOI,professional_federation,,1968,FR,"
    "Paris,engineering; climate_change,standard_setting,\n"
    "unfccc,agreement,UN Framework Convention on Climate Change,UNFCCC,,treaty,1992,,,climate_change,,\n"
    "fr,state,France,,,,,,,,,src2\n"
)
EDGES = """\
source,target,type,start,end,status,role,sources
wfeo,unfccc,participates_in,2015,,,observer at COP21,
fr,wfeo,member_of,1968,1990,full,,
"""
SOURCES = """\
id,type,title,url,accessed
src2,web,France at WFEO,https://example.org/fr,2024-05-01
"""


def _tables(tmp_path: Path, nodes: str = NODES, edges: str = EDGES) -> tuple[Path, Path]:
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    n.write_text(nodes, encoding="utf-8")
    e.write_text(edges, encoding="utf-8")
    return n, e


def _problems(tmp_path: Path, nodes: str = NODES, edges: str = EDGES, **kw) -> list:
    n, e = _tables(tmp_path, nodes, edges)
    with pytest.raises(DataError) as info:
        import_csv_tables(n, e, tmp_path / "out", **kw)
    assert not (tmp_path / "out").exists()
    return info.value.problems


def test_tables_become_valid_yaml(tmp_path: Path) -> None:
    n, e = _tables(tmp_path)
    s = tmp_path / "sources.csv"
    s.write_text(SOURCES, encoding="utf-8")
    report = import_csv_tables(n, e, tmp_path / "out", sources=s, source_title="My table", source_url="https://x.org")
    assert report.counts == {"sources": 2, "actors": 3, "relations": 2}
    ds = load_dataset([tmp_path / "out"])
    wfeo = ds.actors["wfeo"]
    assert (wfeo.aliases, wfeo.headquarters.city, wfeo.headquarters.country) == (["WFEO", "FMOI"], "Paris", "FR")
    assert wfeo.issue_areas == ["engineering", "climate_change"] and wfeo.founded.year == 1968
    assert [c.key for c in wfeo.sources] == ["user-data"]  # empty cell: the --source-title source
    assert [c.key for c in ds.actors["fr"].sources] == ["src2"]
    assert str(ds.sources["src2"].accessed) == "2024-05-01"
    g = build_graph(ds, as_of=1980)
    assert g.has_edge("fr", "wfeo") and not build_graph(ds, as_of=1995).has_edge("fr", "wfeo")
    assert "founded: 1968\n" in (tmp_path / "out" / "actors.yaml").read_text(encoding="utf-8")


def test_errors_name_file_row_column_id_field(tmp_path: Path) -> None:
    nodes = NODES.replace("professional_federation", "profesional_federation").replace(",FR,Paris", ",FRA,Paris")
    edges = EDGES.replace("member_of,1968", "member,1968").replace("wfeo,unfccc,", "wfeo,unfcc,")
    found = _problems(tmp_path, nodes, edges, source_title="T")
    got = {(Path(p.file).name, p.line, p.col, p.id, p.field) for p in found}
    assert got == {
        ("nodes.csv", 2, 5, "wfeo", "org_type"),
        ("nodes.csv", 2, 8, "wfeo", "headquarters.country"),
        ("edges.csv", 2, 2, "wfeo:participates_in:unfcc:2015", "target"),
        ("edges.csv", 3, 3, "fr:member:wfeo", "type"),
        ("nodes.csv", 4, 12, "fr", "sources.0"),  # src2 is not defined without sources.csv
    }
    by_field = {p.field: p.message for p in found}
    assert "did you mean 'professional_federation'" in by_field["org_type"]
    assert "did you mean 'member_of'" in by_field["type"]
    assert "did you mean 'unfccc'" in by_field["target"]


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    found = _problems(tmp_path, NODES.replace("org_type", "orgtype").replace("id,kind,name", "ident,kind,name"))
    got = sorted((p.line, p.col, p.field, p.message) for p in found)
    assert got == [
        (1, 1, "id", "missing required nodes column"),
        (1, 1, "ident", "unknown nodes column"),
        (1, 5, "orgtype", "unknown nodes column; did you mean 'org_type'?"),
    ]


def test_rows_without_sources_need_a_source(tmp_path: Path) -> None:
    found = _problems(tmp_path)
    got = {(Path(p.file).name, p.line, p.col, p.field, p.message) for p in found}
    tail = "no sources: fill the sources column, or give --source-title or --sources"
    assert got == {
        ("nodes.csv", 2, 12, "sources", tail),
        ("nodes.csv", 3, 12, "sources", tail),
        ("edges.csv", 2, 8, "sources", tail),
        ("edges.csv", 3, 8, "sources", tail),
        ("nodes.csv", 4, 12, "sources.0", "unknown source 'src2'"),
    }


def test_control_characters_and_nul_are_refused_where_they_are(tmp_path: Path) -> None:
    (p,) = _problems(tmp_path, nodes='id,kind,name\nx,organisation,"A\x1bB"\n', edges="source,target,type\n")
    assert (p.line, p.col, p.id, p.field) == (2, 3, "x", "name")
    assert "control character U+001B" in p.message
    (p,) = _problems(tmp_path, nodes="id,kind,name\nx,organisation,A\x00B\n", edges="source,target,type\n")
    assert (p.line, p.col, p.message) == (2, 17, "not a CSV text file (contains NUL bytes)")
