"""CSV folder read back with the csv module."""

from __future__ import annotations

import csv

import pytest

from govgraph.errors import UsageError
from govgraph.export import exporter
from govgraph.export.sources import cited_bibliography

from .conftest import CITED, N_EDGES, N_NODES


def _rows(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_nodes_edges_and_sources(small_graph, tmp_path):
    out = tmp_path / "csv"
    written = exporter("csv").write(small_graph, out)
    assert [p.name for p in written] == ["nodes.csv", "edges.csv", "sources.csv"]
    nodes, edges, sources = (_rows(out / n) for n in ("nodes.csv", "edges.csv", "sources.csv"))
    assert len(nodes) == N_NODES and len(edges) == N_EDGES
    by_id = {r["id"]: r for r in nodes}
    assert sorted(by_id) == sorted(small_graph.nodes)
    assert int(by_id["unesco"]["founded_year"]) == 1945
    assert by_id["unesco"]["issue_areas"].split("; ") == small_graph.nodes["unesco"]["issue_areas"]
    assert by_id["fr"]["founded_year"] == ""
    assert by_id["huawei"]["label"] == small_graph.nodes["huawei"]["name"] and "name" not in by_id["huawei"]
    assert by_id["cn"]["aliases"] == "China; 中国"
    assert {(r["from"], r["to"], r["id"]) for r in edges} == set(small_graph.edges(keys=True))
    us1 = next(r for r in edges if r["id"] == "us-unesco-1")
    assert (us1["type"], int(us1["start_year"]), int(us1["end_year"]), us1["end_reason"]) == (
        "member_of",
        1946,
        1984,
        "withdrawn",
    )
    assert [r["id"] for r in sources] == CITED
    assert sources[1]["title"] == cited_bibliography(small_graph)["paper"]["title"]
    assert sources[1]["authors"] == "Li, Wei; Zhang San"


def test_refuses_a_file_as_folder(small_graph, tmp_path):
    target = tmp_path / "taken"
    target.write_text("keep me")
    with pytest.raises(UsageError, match="it is a file"):
        exporter("csv").write(small_graph, target)
    assert target.read_text() == "keep me"
