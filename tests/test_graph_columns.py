"""The graph built from table columns equals the graph built from the same records as pydantic objects."""

from __future__ import annotations

from pathlib import Path

from govgraph.bulk import BulkDataset
from govgraph.dataset import load_dataset
from govgraph.graph import LEAN_EDGE, LEAN_NODE, build_graph
from govgraph.model import Dataset
from govgraph.synth import write_synth


def _as_records(ds: BulkDataset) -> Dataset:
    return Dataset.model_construct(sources=ds.sources, figures=ds.figures, actors=ds.actors, relations=ds.relations)


def _listing(g):
    nodes = [(n, list(d.items())) for n, d in g.nodes(data=True)]
    edges = [(u, v, k, list(d.items())) for u, v, k, d in g.edges(keys=True, data=True)]
    return nodes, edges


def test_columns_and_records_give_the_same_graph(tmp_path: Path):
    write_synth(tmp_path / "s", orgs=120, states=15, memberships=700, ties=150, seed=9)
    # a YAML file beside the tables, with a tie to a table actor, an explicit relation id and a headquarters city
    (tmp_path / "s" / "curated.yaml").write_text(
        "actors:\n"
        "  - {id: zz-org, kind: organisation, name: ZZ, org_type: un_body, founded: 1900-05,\n"
        "     headquarters: {city: Geneva, country: CH}, aliases: [Z], sources: [{key: synth-01, at: p. 1}]}\n"
        "relations:\n"
        "  - {id: a-tie, type: partner_of, source: zz-org, target: org-001, sources: [synth-02]}\n"
        "  - {type: member_of, source: state-001, target: zz-org, start: 1950, status: full, sources: [synth-02]}\n",
        encoding="utf-8",
    )
    ds = load_dataset([tmp_path / "s"])
    assert isinstance(ds, BulkDataset)
    bulk = build_graph(ds)  # from columns: ds.relations not built yet
    assert "relations" not in ds.__dict__
    records = build_graph(_as_records(ds))
    assert _listing(bulk) == _listing(records)
    assert bulk.number_of_edges() == 852 and bulk.nodes["zz-org"]["hq_city"] == "Geneva"
    lean = build_graph(ds, lean=True)
    assert list(lean.edges(keys=True)) == list(bulk.edges(keys=True))
    assert all(set(d) <= set(LEAN_NODE) for _, d in lean.nodes(data=True))
    assert all(set(d) <= set(LEAN_EDGE) for *_, d in lean.edges(data=True))
    assert lean.nodes["org-001"]["name"] == "Organisation 1"


def test_a_year_is_built_directly_as_the_snapshot_of_the_whole(tmp_path: Path):
    """``build_graph(ds, year)`` from columns filters before it builds, and gives what ``snapshot`` of the whole
    graph gives: the same nodes, edges, attributes and adjacency order (analysers iterate in it)."""
    from govgraph.graph import snapshot
    from govgraph.years import default_year

    write_synth(tmp_path / "s", orgs=150, states=20, memberships=900, ties=200, seed=4)
    (tmp_path / "s" / "curated.yaml").write_text(  # YAML ties interleave with table ties; one ended in 1980
        "relations:\n"
        "  - {type: partner_of, source: org-002, target: org-001, start: 1970, end: 1980, sources: [synth-02]}\n"
        "  - {type: member_of, source: state-001, target: org-003, start: 2021, status: full, sources: [synth-02]}\n",
        encoding="utf-8",
    )
    ds = load_dataset([tmp_path / "s"])
    whole = build_graph(ds)
    assert default_year(ds) == default_year(whole) == 2024
    for year in (1975, 1990, 2024):
        direct, cut = build_graph(ds, year), snapshot(whole, year)
        assert "relations" not in ds.__dict__  # still from columns
        assert _listing(direct) == _listing(cut)
        assert [list(direct.pred[n]) for n in direct] == [list(cut.pred[n]) for n in cut]
        assert direct.graph == cut.graph and direct.graph["as_of"] == year
        assert 0 < direct.number_of_edges() < whole.number_of_edges()
    assert build_graph(ds, 1975).has_edge("org-002", "org-001") and not build_graph(ds, 1990).has_edge(
        "org-002", "org-001"
    )
