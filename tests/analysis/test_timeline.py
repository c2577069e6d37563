"""Analyses over a range of years: each year's rows are that year's own analysis; the figure is deterministic."""

from __future__ import annotations

import io

from govgraph.analysis.centrality import centrality
from govgraph.analysis.overlap import membership_overlap
from govgraph.analysis.projections import graph_as_of
from govgraph.analysis.timeline import Timeline, centrality_over, overlap_over


def test_centrality_over_is_each_years_centrality(full) -> None:
    t = centrality_over(full, [1925, 1960, 2019], ["degree", "pagerank"], "links", top=2)
    for year in (1925, 1960, 2019):
        one = centrality(graph_as_of(full, year), ["degree", "pagerank"], "links", top=2)
        want = sorted((year, r["id"], m, r["scores"][m]) for r in one.rows for m in ("degree", "pagerank"))
        assert [row for row in t.rows if row[0] == year] == want
    assert t.to_json()["rows"][0] == {"year": 1925, "id": "org-a", "measure": "degree", "value": 0.0}
    assert "each year's top 2" in t.description


def test_overlap_over_pairs_and_shared(full) -> None:
    t = overlap_over(full, [1960, 2019], "membership", metric="jaccard", min_value=0.5)
    for year in (1960, 2019):
        pairs = membership_overlap(graph_as_of(full, year), "jaccard", 0.5).pairs
        assert {(i, v) for y, i, m, v in t.rows if y == year and m == "jaccard"} == {
            (f"{p.a} + {p.b}", p.similarity) for p in pairs
        }


def test_table_precision_and_series_choice() -> None:
    rows = [(2000, "a", "x", 0.123456), (2000, "b", "x", 0.5), (2001, "a", "x", 0.9), (2001, "c", "x", 0.9)]
    t = Timeline("centrality", "test", [2000, 2001], rows)
    assert [r[3] for r in t.tables()[0].rows] == ["0.123", "0.500", "0.900", "0.900"]
    t.precision = 5
    assert t.tables()[0].rows[0][3] == "0.12346"
    assert t.to_json()["rows"][0]["value"] == 0.123456  # the JSON keeps every digit
    # last year first, then value, then id: a and c in 2001 (0.9, tie by id), then b (2000)
    assert t.series(2) == [("a", "x"), ("c", "x")] and t.series()[2] == ("b", "x")


def test_figure_bytes_repeat(tmp_path) -> None:
    t = Timeline("power", "shares", [2000, 2001], [(2000, "us", "share", 0.5), (2001, "us", "share", 0.6)])
    a, b = t.save_figure(tmp_path / "a.svg").read_bytes(), t.save_figure(tmp_path / "b.svg").read_bytes()
    assert a == b and b"<dc:date>" not in a
    png = t.save_figure(tmp_path / "c.png").read_bytes()
    assert png.startswith(b"\x89PNG") and png == t.save_figure(tmp_path / "d.png").read_bytes()
    assert io.BytesIO(a).read(5) == b"<?xml"
