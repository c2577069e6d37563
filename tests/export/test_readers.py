"""Every export read back by the tool its users read it with, with that tool's defaults: pandas, python-igraph
(``Graph.DataFrame`` is R's ``graph_from_data_frame``), networkx, and R igraph itself when R is installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings

import igraph
import networkx as nx
import pytest

from govgraph.export import exporter
from govgraph.export.siena import default_waves, siena_tables
from govgraph.graph import snapshot
from tests.conftest import run_govgraph

from .conftest import N_EDGES, N_NODES, SMALL

pd = pytest.importorskip("pandas")

#: member_of / party_to ties of the fixture into institutions, by hand (member, institution).
MEMBERSHIPS = {
    ("us", "unesco"),
    ("fr", "unesco"),
    ("cn", "unesco"),
    ("fr", "wmo"),
    ("us", "wmo"),
    ("huawei", "wfa"),
}


def test_csv_for_r_and_pandas(small_graph, tmp_path):
    exporter("csv").write(small_graph, tmp_path / "csv")
    nodes = pd.read_csv(tmp_path / "csv" / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(tmp_path / "csv" / "edges.csv", keep_default_na=False)
    assert list(edges.columns[:2]) == ["from", "to"] and nodes.columns[0] == "id"
    g = igraph.Graph.DataFrame(edges, directed=True, vertices=nodes, use_vids=False)
    assert (g.vcount(), g.ecount()) == (N_NODES, N_EDGES)
    assert g.vs.find(name="unesco")["label"] == small_graph.nodes["unesco"]["name"]
    pairs = sorted((g.vs[e.source]["name"], g.vs[e.target]["name"], e["id"]) for e in g.es)
    assert pairs == sorted(small_graph.edges(keys=True))
    us = g.es.select(id="us-unesco-1")[0]
    assert us["type"] == "member_of" and int(us["end_year"]) == 1984


def test_gephi_flavour(small_graph, tmp_path):
    exporter("gephi").write(small_graph, tmp_path / "gephi")
    nodes = pd.read_csv(tmp_path / "gephi" / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(tmp_path / "gephi" / "edges.csv", keep_default_na=False, dtype=str)
    assert list(nodes.columns[:2]) == ["Id", "Label"]
    assert list(edges.columns[:5]) == ["Source", "Target", "Type", "Id", "Label"]
    lower = [c.lower() for c in edges.columns]
    assert lower.count("type") == 1 and "start" not in lower and "end" not in lower  # Gephi's reserved names
    assert set(edges["Type"]) == {"Directed"}
    row = edges.set_index("Id").loc["us-unesco-1"]
    assert (row["Source"], row["Target"], row["Label"], row["relation_type"]) == ("us", "unesco", *["member_of"] * 2)
    assert row["start_date"] == "1946" and row["end_date"] == "1984"
    assert nodes.set_index("Id").loc["unesco", "Label"] == "UNESCO"


def test_graphml_name_is_the_id(small_graph, tmp_path):
    path = exporter("graphml").write(small_graph, tmp_path / "g.graphml")[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        g = igraph.Graph.Read_GraphML(str(path))
    assert sorted(g.vs["name"]) == sorted(small_graph.nodes)
    assert g.vs.find(name="unesco")["label"] == small_graph.nodes["unesco"]["name"]


def test_node_link_with_networkx_defaults(small_graph, tmp_path):
    path = exporter("json").write(small_graph, tmp_path / "g.json")[0]
    with path.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    g = nx.node_link_graph(doc)  # networkx >= 3.4 reads "edges" by default
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    old = nx.node_link_graph(doc, edges="links")  # older readers
    assert sorted(old.edges(keys=True)) == sorted(small_graph.edges(keys=True))


def test_pajek_with_networkx_and_igraph(small_graph, tmp_path):
    path = exporter("pajek").write(small_graph, tmp_path / "g.net")[0]
    g = nx.read_pajek(path)
    assert sorted(g.nodes) == sorted(small_graph.nodes) and g.number_of_edges() == N_EDGES
    want = sorted((u, v, d["type"]) for u, v, d in small_graph.edges(data=True))
    assert sorted((u, v, d["l"]) for u, v, d in g.edges(data=True)) == want
    ig = igraph.Graph.Read_Pajek(str(path))
    assert (ig.vcount(), ig.ecount()) == (N_NODES, N_EDGES) and ig.is_directed()
    ids = ig.vs["name"]
    assert sorted((ids[e.source], ids[e.target], e["label"]) for e in ig.es) == want


def test_twomode_incidence_and_long_table(small_graph, tmp_path):
    exporter("twomode").write(small_graph, tmp_path / "tm")
    inc = pd.read_csv(tmp_path / "tm" / "incidence.csv", index_col=0)
    assert inc.index.name == "member"
    ones = {(m, i) for m in inc.index for i in inc.columns if inc.loc[m, i] == 1}
    assert ones == MEMBERSHIPS and set(inc.values.ravel()) == {0, 1}
    long = pd.read_csv(tmp_path / "tm" / "memberships.csv", keep_default_na=False)
    assert list(long.columns[:4]) == ["member", "institution", "start", "end"]
    us = long[(long.member == "us") & (long.institution == "unesco")]
    assert us[["start", "end"]].astype(str).values.tolist() == [["1946", "1984"], ["2003", ""]]
    assert len(long) == len(MEMBERSHIPS) + 1
    bip = igraph.Graph.Biadjacency(inc.values.tolist())
    assert bip.ecount() == len(MEMBERSHIPS)


def test_siena_panel(small_graph, tmp_path):
    exporter("siena").write(small_graph, tmp_path / "panel")
    waves = pd.read_csv(tmp_path / "panel" / "waves.csv")["year"].tolist()
    assert waves == default_waves(small_graph) == [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2019]
    m1990 = pd.read_csv(tmp_path / "panel" / "wave-1990.csv", index_col=0)
    m2010 = pd.read_csv(tmp_path / "panel" / "wave-2010.csv", index_col=0)
    assert list(m1990.index) == list(m2010.index) and list(m1990.columns) == list(m2010.columns)
    assert m1990.loc["us", "unesco"] == 0 and m2010.loc["us", "unesco"] == 1  # left 1984, back 2003
    assert m1990.loc["fr", "unesco"] == 1 and m1990.loc["huawei", "wfa"] == 10  # huawei: no founding, wfa: 2018?
    snap = snapshot(small_graph, 1990)
    for member in m1990.index:
        for inst in m1990.columns:
            value = m1990.loc[member, inst]
            if member not in snap or inst not in snap:
                assert value == 10
            else:
                assert value == int(snap.has_edge(member, inst))
    assert list(siena_tables(small_graph, [1990, 2010])) == ["waves.csv", "wave-1990.csv", "wave-2010.csv"]


def test_cli_writes_every_new_format(tmp_path):
    for fmt, name in [("twomode", "tm"), ("pajek", "g.net"), ("gephi", "gephi")]:
        proc = run_govgraph("export", "--data", str(SMALL), "-f", fmt, "-o", str(tmp_path / name))
        assert proc.returncode == 0, proc.stderr
    proc = run_govgraph(
        "export", "--data", str(SMALL), "-f", "siena", "--waves", "1990,2010", "-o", str(tmp_path / "p")
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["wave-1990.csv", "wave-2010.csv", "waves.csv"]
    proc = run_govgraph("export", "--data", str(SMALL), "-f", "siena", "--waves", "1990", "-o", str(tmp_path / "q"))
    assert proc.returncode == 2 and "at least two waves" in proc.stderr and not (tmp_path / "q").exists()
    proc = run_govgraph("export", "--data", str(SMALL), "-f", "json", "--waves", "1990", "-o", str(tmp_path / "j"))
    assert proc.returncode == 2 and "--waves is for --format siena" in proc.stderr


R_SCRIPT = r"""
suppressMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
nodes <- read.csv(file.path(args[1], "nodes.csv"), stringsAsFactors = FALSE)
edges <- read.csv(file.path(args[1], "edges.csv"), stringsAsFactors = FALSE)
g <- graph_from_data_frame(edges, vertices = nodes)
h <- read_graph(args[2], format = "graphml")
p <- read_graph(args[3], format = "pajek")
cat(vcount(g), ecount(g), V(g)["unesco"]$name, vcount(h), ecount(h), V(h)["unesco"]$label == V(g)["unesco"]$label,
    vcount(p), ecount(p), "\n")
"""


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (apt-get install r-cran-igraph)")
def test_r_igraph_reads_csv_graphml_and_pajek(small_graph, tmp_path):
    has_igraph = subprocess.run(["Rscript", "-e", "library(igraph)"], capture_output=True)
    if has_igraph.returncode != 0:
        pytest.skip("R has no igraph package (apt-get install r-cran-igraph)")
    exporter("csv").write(small_graph, tmp_path / "csv")
    exporter("graphml").write(small_graph, tmp_path / "g.graphml")
    exporter("pajek").write(small_graph, tmp_path / "g.net")
    script = tmp_path / "read.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        ["Rscript", str(script), str(tmp_path / "csv"), str(tmp_path / "g.graphml"), str(tmp_path / "g.net")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    n, m = str(N_NODES), str(N_EDGES)
    assert proc.stdout.split() == [n, m, "unesco", n, m, "TRUE", n, m]
