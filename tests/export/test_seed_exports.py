"""The packaged seeds in every format, read back by the independent readers: counts equal the graph's, and the
BibTeX holds exactly the sources the graph cites. (No seed numbers are hard-coded: the data grows.)"""

from __future__ import annotations

import csv
import warnings

import bibtexparser
import igraph
import networkx as nx
import pytest

from govgraph.dataset import load_dataset
from govgraph.export import exporter
from govgraph.export.sources import cited_keys
from govgraph.graph import build_graph


@pytest.fixture(scope="module")
def seeds():
    return build_graph(load_dataset())


def test_seeds_round_trip_every_format(seeds, tmp_path):
    n, m = seeds.number_of_nodes(), seeds.number_of_edges()
    assert n > 0 and m > 0
    for fmt in ("graphml", "gexf", "csv", "bibtex", "json", "cypher"):
        exporter(fmt).write(seeds, tmp_path / fmt)
    assert nx.read_graphml(tmp_path / "graphml", force_multigraph=True).number_of_edges() == m
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ig = igraph.Graph.Read_GraphML(str(tmp_path / "graphml"))
    assert (ig.vcount(), ig.ecount()) == (n, m)
    gexf = nx.read_gexf(tmp_path / "gexf", version="1.3")
    merged = len({(u, v, d["type"]) for u, v, d in seeds.edges(data=True)})  # repeated ties are one edge, spells
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (n, merged)
    assert sum(len(d.get("spells", [None])) for *_, d in gexf.edges(data=True)) == m
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == m
    lib = bibtexparser.parse_string((tmp_path / "bibtex").read_text(encoding="utf-8"))
    assert not lib.failed_blocks
    assert {e.key for e in lib.entries} == cited_keys(seeds) & set(seeds.graph["bibliography"])
    text = (tmp_path / "cypher").read_text(encoding="utf-8")
    assert text.count("\nMERGE (n:Actor") == n and text.count("\nMATCH (a:Actor") == m
