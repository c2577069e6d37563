"""GraphML read back by networkx's reader and by python-igraph, compared with the source graph."""

from __future__ import annotations

import json
import warnings

import igraph
import networkx as nx

from govgraph.export import exporter
from govgraph.export.attrs import flat_attrs
from govgraph.export.sources import cited_bibliography
from govgraph.select import select

from .conftest import CITED, N_EDGES, N_NODES


def _write(g, tmp_path):
    path = tmp_path / "g.graphml"
    assert exporter("graphml").write(g, path) == [path]
    return path


def test_networkx_reads_every_node_edge_and_attribute(small_graph, tmp_path):
    back = nx.read_graphml(_write(small_graph, tmp_path), force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (N_NODES, N_EDGES)
    for n, d in small_graph.nodes(data=True):
        flat = flat_attrs(d)
        short = back.nodes[n]["short_label"]
        assert back.nodes[n] == {**flat, "name": n, "label": d["name"], "short_label": short}
    assert back.nodes["unesco"]["founded_year"] == 1945 and isinstance(back.nodes["unesco"]["founded_year"], int)
    assert back.nodes["icsu"]["dissolved_year"] == 2018
    assert back.nodes["unesco"]["issue_areas"] == "education_culture; science_cooperation; water"
    assert back.nodes["unesco"]["citations"] == "paper; unesco-web (History)"
    assert back.nodes["unesco"]["short_label"] == "UNESCO"
    assert back.nodes["huawei"]["label"] == 'Huawei Technologies "Co." \\ Ltd'
    for u, v, k, d in small_graph.edges(keys=True, data=True):
        assert back.edges[u, v, k] == flat_attrs(d)
    assert back.edges["us", "unesco", "us-unesco-1"]["end_year"] == 1984


def test_bibliography_travels_as_a_graph_attribute(small_graph, tmp_path):
    back = nx.read_graphml(_write(small_graph, tmp_path))
    bib = json.loads(back.graph["bibliography"])
    assert sorted(bib) == CITED
    assert bib == cited_bibliography(small_graph)


def test_igraph_reads_it(small_graph, tmp_path):
    with warnings.catch_warnings():  # igraph says it keeps our 'id' edge attribute rather than adding its own
        warnings.simplefilter("ignore", RuntimeWarning)
        ig = igraph.Graph.Read_GraphML(str(_write(small_graph, tmp_path)))
    assert ig.is_directed()
    assert (ig.vcount(), ig.ecount()) == (N_NODES, N_EDGES)
    v = ig.vs.find(name="unesco")  # the vertex name is the id, as R's V(g)["unesco"] needs
    assert v["id"] == "unesco" and v["label"] == small_graph.nodes["unesco"]["name"]
    assert int(v["founded_year"]) == 1945 and v["kind"] == "organisation" and v["sources"] == "paper; unesco-web"
    types = sorted(e["type"] for e in ig.es)
    assert types == sorted(d["type"] for *_, d in small_graph.edges(data=True))
    pairs = sorted((ig.vs[e.source]["id"], ig.vs[e.target]["id"]) for e in ig.es)
    assert pairs == sorted((u, v) for u, v in small_graph.edges())
    assert sorted(ig.es["id"]) == sorted(k for *_, k in small_graph.edges(keys=True))
    assert ig["bibliography"].startswith("{")


def test_selection_is_recorded(small_graph, tmp_path):
    back = nx.read_graphml(_write(select(small_graph, ego="wmo", radius=1), tmp_path))
    assert back.graph["selection"] == "ego=wmo; radius=1"


def test_same_bytes_every_time(small_graph, tmp_path):
    a = _write(small_graph, tmp_path).read_bytes()
    b = exporter("graphml").write(small_graph, tmp_path / "again.graphml")[0].read_bytes()
    assert a == b
