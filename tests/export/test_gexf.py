"""GEXF 1.3 (dynamic): read back by networkx's GEXF reader and checked as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from govgraph.export import exporter
from govgraph.export.attrs import flat_attrs
from govgraph.export.gexf import EDGE_RENAME, NS
from govgraph.graph import snapshot

from .conftest import CITED, N_EDGES, N_NODES


def _write(g, tmp_path, name="g.gexf"):
    path = tmp_path / name
    assert exporter("gexf").write(g, path) == [path]
    return path


def test_networkx_reads_nodes_edges_and_typed_attributes(small_graph, tmp_path):
    back = nx.read_gexf(_write(small_graph, tmp_path), version="1.3")
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (N_NODES, N_EDGES - 1)  # us-unesco: one edge
    assert back.graph["mode"] == "dynamic"
    for n, d in small_graph.nodes(data=True):
        got = {k: v for k, v in back.nodes[n].items() if k not in ("label", "viz", "start", "end")}
        assert got == flat_attrs(d)
    unesco = back.nodes["unesco"]
    assert unesco["start"] == 1945 and "end" not in unesco and unesco["label"] == "UNESCO"
    assert back.nodes["icsu"]["start"] == 1931 and back.nodes["icsu"]["end"] == 2018
    assert "start" not in back.nodes["fr"]  # states without a founding year live throughout
    assert unesco["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    for u, v, k, d in small_graph.edges(keys=True, data=True):
        if k.startswith("us-unesco"):
            continue
        got = back.edges[u, v, k]
        expected = {EDGE_RENAME.get(a, a): x for a, x in flat_attrs(d).items() if a != "id"}
        assert {a: x for a, x in got.items() if a not in ("id", "label", "start", "end")} == expected
        assert got["id"] == k and got["label"] == d["type"]
        assert got["start"] == d["start_year"] and got.get("end") == d.get("end_year")


def test_gexf_13_dynamic_header(small_graph, tmp_path):
    root = ET.parse(_write(small_graph, tmp_path)).getroot()
    assert root.tag == f"{{{NS}}}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{{{NS}}}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == (
        "dynamic",
        "integer",
        "directed",
    )
    types = {a.get("title"): a.get("type") for a in graph.iter(f"{{{NS}}}attribute")}
    assert types["founded_year"] == "integer" and types["start_year"] == "integer" and types["name"] == "string"
    description = root.find(f"{{{NS}}}meta/{{{NS}}}description").text
    assert all(key in description for key in CITED) and "unused" not in description


def test_snapshot_and_determinism(small_graph, tmp_path):
    g = snapshot(small_graph, 1990)
    a = _write(g, tmp_path, "a.gexf").read_bytes()
    b = _write(g, tmp_path, "b.gexf").read_bytes()
    assert a == b
    back = nx.read_gexf(tmp_path / "a.gexf", version="1.3")
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert "isc" not in back and "icsu" in back


def test_repeated_membership_is_one_edge_with_spells(small_graph, tmp_path):
    back = nx.read_gexf(_write(small_graph, tmp_path), version="1.3")
    us_unesco = [(k, d) for k, d in back["us"]["unesco"].items() if d["relation_type"] == "member_of"]
    assert len(us_unesco) == 1
    key, d = us_unesco[0]
    # 1946-1984, then 2003 until the data's latest year (2019: huawei's sanction, end of its wfa membership)
    assert key == "us-unesco-1" and d["spells"] == [(1946, 1984), (2003, 2019)]
    assert d["relation_ids"] == "us-unesco-1; us-unesco-2" and d["spell_count"] == 2
    assert d["status"] == "full" and d["sources"] == "paper; unesco-web" and d["end_reason"] == "withdrawn; "
    assert "start" not in d and "end" not in d
    xml = ET.parse(tmp_path / "g.gexf").getroot().iter(f"{{{NS}}}edge")
    kinds = sorted(e.get("kind") for e in xml)  # GEXF's edge kind: Gephi keeps edges of different kinds apart
    assert kinds == sorted({(u, v, x["type"]): x["type"] for u, v, x in small_graph.edges(data=True)}.values())
