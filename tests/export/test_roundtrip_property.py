"""A property: any valid dataset with hostile text (quotes, backticks, right-to-left marks, emoji, Chinese, XML
and LaTeX specials, very long text) exported to every format and read back by an independent reader (networkx's
GraphML and GEXF readers, the csv module, json, bibtexparser) gives the same values.

Control characters are refused by the reader (govgraph.limits), so they are not generated. Names are capped at
the indexed-text limit (limits.MAX_TEXT); free text (descriptions, notes, titles of sources) goes to 10,000
characters. Bounded, derandomized examples: the same cases on every run, quick in CI.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import bibtexparser
import networkx as nx
import pytest
import yaml

from govgraph.dataset import load_dataset
from govgraph.export import exporter
from govgraph.export.attrs import flat_attrs, flat_value
from govgraph.export.gephi import EDGE_RENAME as GEPHI_RENAME
from govgraph.export.gexf import EDGE_RENAME
from govgraph.graph import build_graph
from govgraph.latex_text import escape
from govgraph.limits import MAX_TEXT

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

HOSTILE = [
    *"\"'`\\{}$%#_~^&<>;,= \t\n",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "😀",
    "👩🏽‍🔬",
    "中",
    "国",
    "科",
    "é",
    "ß",
    "]]>",
    "<!--",
    "&amp;",
    "\\\\",
    "\\end{document}",
    "--",
    "${x}",
    "%%",
]
LETTERS = list("abcXYZ019")


def _text(max_size: int) -> st.SearchStrategy[str]:
    pieces = st.lists(st.sampled_from(HOSTILE + LETTERS), min_size=1, max_size=12).map("".join)
    long = st.sampled_from(HOSTILE).map(lambda h: ("x" + h) * (max_size // (len(h) + 1)))
    return (st.one_of(pieces, long) if max_size > 200 else pieces).filter(
        lambda s: s.strip() != "" and len(s.strip()) <= max_size
    )


NAME = _text(MAX_TEXT)
LONG = _text(10_000)


@st.composite
def datasets(draw) -> dict:
    n = draw(st.integers(2, 4))
    sources = [
        {
            "id": f"s{i}",
            "type": draw(st.sampled_from(["reference", "article", "book", "document", "dataset"])),
            "title": draw(LONG),
            "authors": draw(st.lists(NAME, max_size=2)),
            "year": draw(st.integers(1900, 2024)),
            "container": draw(NAME),
            "note": draw(LONG),
        }
        for i in range(2)
    ]
    actors = [
        {
            "id": f"a{i}",
            "kind": "organisation",
            "org_type": "intergovernmental",
            "name": draw(NAME),
            "aliases": draw(st.lists(NAME, max_size=2, unique=True)),
            "description": draw(LONG),
            "notes": draw(LONG),
            "founded": draw(st.integers(1900, 2000)),
            "sources": [{"key": "s0", "at": draw(NAME)}],
        }
        for i in range(n)
    ]
    relations = [
        {
            "type": "partner_of",
            "source": f"a{i}",
            "target": f"a{i + 1}",
            "start": 2001 + i,
            "role": draw(NAME),
            "notes": draw(LONG),
            "sources": ["s1"],
        }
        for i in range(n - 1)
    ]
    return {"sources": sources, "actors": actors, "relations": relations}


def _graph(data: dict, folder: Path) -> nx.MultiDiGraph:
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**9), encoding="utf-8")
    return build_graph(load_dataset([path]))


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _as_text(row: dict) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


def check_round_trips(g: nx.MultiDiGraph, out: Path) -> None:
    nodes = {n: flat_attrs(d) for n, d in g.nodes(data=True)}
    edges = {k: flat_attrs(d) for _, _, k, d in g.edges(keys=True, data=True)}

    graphml = nx.read_graphml(exporter("graphml").write(g, out / "g.graphml")[0], force_multigraph=True)
    for n, want in nodes.items():
        got = dict(graphml.nodes[n])
        assert got.pop("label") == want["name"] and got.pop("name") == n
        got.pop("short_label")
        assert got == {k: v for k, v in want.items() if k != "name"}
    for u, v, k in g.edges(keys=True):
        assert graphml.edges[u, v, k] == edges[k]

    gexf = nx.read_gexf(exporter("gexf").write(g, out / "g.gexf")[0], version="1.3")
    for n, want in nodes.items():
        got = {a: x for a, x in gexf.nodes[n].items() if a not in ("label", "viz", "start", "end")}
        assert got == want
    for u, v, k in g.edges(keys=True):
        data = gexf.edges[u, v, k] if gexf.is_multigraph() else gexf.edges[u, v]  # simple when no parallel edges
        got = {a: x for a, x in data.items() if a not in ("id", "label", "start", "end")}
        assert got == {EDGE_RENAME.get(a, a): x for a, x in edges[k].items() if a != "id"}

    exporter("csv").write(g, out / "csv")
    for row in _csv(out / "csv" / "nodes.csv"):
        want = _as_text(nodes[row["id"]])
        assert row.pop("label") == want.pop("name")
        row.pop("short_label")
        assert {a: x for a, x in row.items() if a != "id" and x != ""} == want
    for row in _csv(out / "csv" / "edges.csv"):
        want = _as_text(edges[row["id"]])
        assert {a: x for a, x in row.items() if x != "" and a not in ("from", "to")} == want
    bib = g.graph["bibliography"]
    for row in _csv(out / "csv" / "sources.csv"):
        want = _as_text({a: flat_value(a, x) for a, x in bib[row["id"]].items() if x not in (None, [])})
        assert {a: x for a, x in row.items() if x != ""} == want

    exporter("gephi").write(g, out / "gephi")
    gephi_keys = ("Id", "Label", "Source", "Target", "Type")
    for row in _csv(out / "gephi" / "nodes.csv"):
        assert {a: x for a, x in row.items() if x != "" and a not in gephi_keys} == _as_text(nodes[row["Id"]])
    for row in _csv(out / "gephi" / "edges.csv"):
        want = _as_text({GEPHI_RENAME.get(a, a): x for a, x in edges[row["Id"]].items() if a != "id"})
        assert {a: x for a, x in row.items() if x != "" and a not in gephi_keys} == want

    lib = bibtexparser.parse_string(exporter("bibtex").write(g, out / "g.bib")[0].read_text(encoding="utf-8"))
    assert not lib.failed_blocks
    entries = {e.key: e.fields_dict for e in lib.entries}
    assert sorted(entries) == sorted(bib)
    for key, source in bib.items():  # BibTeX holds LaTeX: each value is the escaped text, whole, braces balanced
        assert entries[key]["title"].value == "{" + escape(source["title"]) + "}"
        authors = entries[key].get("author") or entries[key].get("organization")
        assert len(source.get("authors", [])) == (len(authors.value.split(" and ")) if authors else 0)

    with exporter("json").write(g, out / "g.json")[0].open(encoding="utf-8") as fh:
        back = nx.node_link_graph(json.load(fh))
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert {k: d for *_, k, d in back.edges(keys=True, data=True)} == {
        k: {**d, "start": d.get("start"), "end": d.get("end")} for *_, k, d in g.edges(keys=True, data=True)
    }


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(datasets())
def test_hostile_values_survive_every_format(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        check_round_trips(_graph(data, folder), folder)
