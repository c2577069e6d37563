"""The COW IGO importer on the real sample: counts, intervals checked by hand against the CSV rows, snapshots,
the merge with the seeds, and the analysers running on the imported data."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from govgraph.analysis.centrality import centrality
from govgraph.analysis.overlap import membership_overlap
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from govgraph.importers import import_cow_igo
from govgraph.importers.crosswalks import state_codes
from govgraph.paths import seeds_dir
from tests.importers.conftest import SAMPLE, needs_sample

pytestmark = needs_sample


def _raw() -> tuple[list[str], list[dict[str, str]]]:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _cell(rows: list[dict[str, str]], ioname: str, year: int, column: str) -> str:
    (row,) = [r for r in rows if r["ioname"] == ioname and int(r["year"]) == year]
    return row[column]


def _ties(ds, source: str, target: str) -> list[tuple]:
    return sorted(
        (r.start.year, r.end.year if r.end else None, r.status)
        for r in ds.relations
        if r.type == "member_of" and r.source == source and r.target == target
    )


def test_counts(sample_import: Path) -> None:
    ds = load_dataset([sample_import])
    kinds = Counter(a.kind for a in ds.actors.values())
    # 32 IGOs; 217 COW state columns -> 216 actors (germany + wgermany are de) + cow-chn-roc (China before 1949)
    assert kinds == {"organisation": 32, "state": 217}
    # COW marks 5 dead; EURATOM (deaddate 1992) is kept alive by data/org_crosswalk.csv (DIGO: living in 2016)
    dead = sorted(a.id for a in ds.actors.values() if a.kind == "organisation" and a.dissolved)
    assert dead == ["cow-igo-eldo", "cow-igo-esro", "cow-igo-intelsat", "cow-igo-ipi"]
    report = (sample_import / "import-report.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[3:5] for line in report[1:]] == [["conflict", "EURATOM"]]
    types = Counter(r.type for r in ds.relations)
    assert types == {"member_of": 2538, "succeeded_by": 3}
    assert list(ds.sources) == ["cow-igo-v3"]


def test_membership_count_matches_a_plain_run_count(sample_import: Path) -> None:
    """Every column that is one actor on its own: intervals = runs of one code in 1/2/3, counted naively."""
    header, rows = _raw()
    ds = load_dataset([sample_import])
    special = {"germany", "wgermany", "china"}
    expected = 0
    for column in header[3:220]:
        if column in special:
            continue
        for ioname in dict.fromkeys(r["ioname"] for r in rows):
            seq = [r[column] for r in rows if r["ioname"] == ioname]
            if ioname == "WHO":
                seq = [r[column] for r in rows if r["ioname"] == ioname and int(r["year"]) >= 1948]
            if ioname == "WMO":
                seq = [r[column] for r in rows if r["ioname"] == ioname and int(r["year"]) >= 1950]
            expected += sum(1 for i, c in enumerate(seq) if c in "123" and (i == 0 or seq[i - 1] != c))
    ids = {c: state_codes()[c].actor_id for c in header[3:220] if c not in special}
    got = sum(1 for r in ds.relations if r.type == "member_of" and r.source in set(ids.values()) - {"de", "cn"})
    assert got == expected


def test_us_and_uk_in_unesco(sample_import: Path) -> None:
    _, rows = _raw()
    # the CSV: usa 1 through 1984, 0 from 1985; uk 1 through 1985, 0 1986-1996, 1 again from 1997
    assert [_cell(rows, "UNESCO", y, "usa") for y in (1945, 1984, 1985, 2014)] == ["1", "1", "0", "0"]
    assert [_cell(rows, "UNESCO", y, "uk") for y in (1985, 1986, 1996, 1997, 2014)] == ["1", "0", "0", "1", "1"]
    ds = load_dataset([sample_import])
    assert _ties(ds, "us", "unesco") == [(1945, 1984, "full")]
    assert _ties(ds, "gb", "unesco") == [(1945, 1985, "full"), (1997, None, "full")]


def test_china_in_unesco_and_itu(sample_import: Path) -> None:
    _, rows = _raw()
    assert [_cell(rows, "UNESCO", y, "china") for y in (1948, 1949, 1970, 1971)] == ["1", "0", "0", "1"]
    assert [_cell(rows, "ITU", y, "china") for y in (1919, 1920, 1948, 1949, 1971, 1972)] == [
        "0",
        "1",
        "1",
        "0",
        "0",
        "1",
    ]
    ds = load_dataset([sample_import])
    assert _ties(ds, "cow-chn-roc", "unesco") == [(1945, 1948, "full")]
    assert _ties(ds, "cn", "unesco") == [(1971, None, "full")]
    assert _ties(ds, "cow-chn-roc", "cow-igo-itu") == [] and _ties(ds, "cow-chn-roc", "itu") == [(1920, 1948, "full")]
    assert _ties(ds, "cn", "itu") == [(1972, None, "full")]


def test_germany_and_japan_in_bipm(sample_import: Path) -> None:
    _, rows = _raw()
    assert [_cell(rows, "BIPM", y, "germany") for y in (1945, 1946, 1989, 1990)] == ["1", "-1", "-1", "1"]
    assert [_cell(rows, "BIPM", y, "wgermany") for y in (1954, 1955, 1989, 1990)] == ["-1", "1", "1", "-1"]
    assert [_cell(rows, "BIPM", y, "japan") for y in (1884, 1885, 1945, 1946, 1951, 1952)] == [
        "0",
        "1",
        "1",
        "-1",
        "-1",
        "1",
    ]
    ds = load_dataset([sample_import])
    assert _ties(ds, "de", "cow-igo-bipm") == [(1875, 1945, "full"), (1955, None, "full")]
    assert _ties(ds, "jp", "cow-igo-bipm") == [(1885, 1945, "full"), (1952, None, "full")]


def test_status_changes_in_cern(sample_import: Path) -> None:
    _, rows = _raw()
    assert [_cell(rows, "CERN", y, "israel") for y in (1990, 1991, 2011, 2012, 2013, 2014)] == [
        "0",
        "3",
        "3",
        "2",
        "2",
        "1",
    ]
    ds = load_dataset([sample_import])
    assert _ties(ds, "il", "cow-igo-cern") == [
        (1991, 2011, "observer"),
        (2012, 2013, "associate"),
        (2014, None, "full"),
    ]


def test_who_memberships_start_when_the_who_existed(sample_import: Path) -> None:
    _, rows = _raw()
    assert [_cell(rows, "WHO", y, "usa") for y in (1946, 1947, 1948)] == ["0", "0", "1"]
    assert [_cell(rows, "WHO", y, "uk") for y in (1946, 1947, 1948)] == ["1", "1", "1"]
    ds = load_dataset([sample_import])
    assert ds.actors["who"].founded.year == 1948
    assert _ties(ds, "gb", "who")[0][0] == 1948  # COW's 1946-47 rows are the constitution's signatories
    assert _ties(ds, "us", "who") == [(1948, None, "full")]


def test_dissolved_igos_and_successors(sample_import: Path) -> None:
    ds = load_dataset([sample_import])
    dead = {a.id: a.dissolved.year for a in ds.actors.values() if a.kind == "organisation" and a.dissolved}
    assert dead == {
        "cow-igo-eldo": 1975,
        "cow-igo-esro": 1975,
        "cow-igo-intelsat": 2001,  # EURATOM (COW deaddate 1992) is alive by the crosswalk: see test_counts
        "cow-igo-ipi": 1977,
    }
    succ = sorted((r.source, r.target, r.status) for r in ds.relations if r.type == "succeeded_by")
    assert succ == [
        ("cow-igo-eldo", "cow-igo-esa", "replacement"),
        ("cow-igo-esro", "cow-igo-esa", "replacement"),
        ("cow-igo-ipi", "epo", "merger"),
    ]
    assert _ties(ds, "fr", "cow-igo-esro") == [(1964, 1975, "full")]  # closed: ESRO died in 1975


def test_states_carry_cow_and_iso_codes(sample_import: Path) -> None:
    ds = load_dataset([sample_import])
    us, ru, cze = ds.actors["us"], ds.actors["ru"], ds.actors["cow-cze"]
    assert (us.cow_code, us.iso2, us.iso3) == (2, "US", "USA")
    assert (ru.cow_code, ru.iso2) == (365, "RU")
    assert (cze.cow_code, cze.iso2, cze.name) == (315, None, "Czechoslovakia")
    assert all(c.key == "cow-igo-v3" for a in ds.actors.values() for c in a.sources)


def test_as_of_snapshots(sample_import: Path) -> None:
    ds = load_dataset([sample_import])

    def members(year: int, igo: str) -> set[str]:
        g = build_graph(ds, as_of=year)
        return {u for u, _, d in g.in_edges(igo, data=True) if d["type"] == "member_of"}

    assert "us" in members(1980, "unesco") and "us" not in members(1990, "unesco")
    assert "gb" not in members(1990, "unesco") and "gb" in members(2000, "unesco")
    assert "cow-igo-esro" in build_graph(ds, as_of=1970) and "cow-igo-esro" not in build_graph(ds, as_of=1980)
    assert "cow-igo-wto" not in build_graph(ds, as_of=1990)  # wto is crosswalked: id "wto"
    assert "wto" not in build_graph(ds, as_of=1990) and "wto" in build_graph(ds, as_of=1995)


def test_membership_overlap_runs_and_matches_a_hand_count(sample_import: Path) -> None:
    ds = load_dataset([sample_import])
    g = build_graph(ds, as_of=2000)
    report = membership_overlap(g, metric="jaccard")
    pairs = {(p.a, p.b): p for p in report.pairs}
    esa_members = {u for u, _, d in g.in_edges("cow-igo-esa", data=True) if d["type"] == "member_of"}
    cern_members = {u for u, _, d in g.in_edges("cow-igo-cern", data=True) if d["type"] == "member_of"}
    key = ("cow-igo-cern", "cow-igo-esa")
    assert pairs[key].shared == len(esa_members & cern_members)
    assert pairs[key].similarity == pytest.approx(len(esa_members & cern_members) / len(esa_members | cern_members))


def test_centrality_runs_on_the_membership_projection(sample_import: Path) -> None:
    ds = load_dataset([sample_import])
    g = build_graph(ds, as_of=2000)
    result = centrality(g, measures=["degree"], projection="membership")
    got = {row["id"]: row["scores"]["degree"] for row in result.to_json()["rows"]}
    # reference: organisations joined when they share a member, networkx degree centrality
    orgs = sorted(n for n, d in g.nodes(data=True) if d["kind"] == "organisation" and g.in_degree(n))
    members = {o: {u for u, _, d in g.in_edges(o, data=True) if d["type"] == "member_of"} for o in orgs}
    h = nx.Graph()
    h.add_nodes_from(orgs)
    h.add_edges_from((a, b) for i, a in enumerate(orgs) for b in orgs[i + 1 :] if members[a] & members[b])
    ref = nx.degree_centrality(h)
    assert got == pytest.approx(ref)


def test_seeds_plus_cow_is_one_graph_without_duplicates(sample_import: Path) -> None:
    seeds = load_dataset()
    cow = load_dataset([sample_import])
    both = load_dataset([seeds_dir(), sample_import])
    shared = set(seeds.actors) & set(cow.actors)
    assert {"unesco", "wipo", "itu", "who", "wto", "us", "cn", "de"} <= shared
    assert len(both.actors) == len(seeds.actors) + len(cow.actors) - len(shared)
    unesco = both.actors["unesco"]
    assert str(unesco.founded) == "1945-11-16"  # the seed's value wins
    assert unesco.headquarters.city == "Paris"
    assert "UN Education, Scientific, & Cultural Org" in unesco.aliases  # COW's name joins the aliases
    assert {"paper", "cow-igo-v3"} <= {c.key for c in unesco.sources}
    g = build_graph(both)
    assert g.has_edge("us", "unesco", "cow.us.member_of.unesco.1945")


def test_same_input_same_bytes(sample_import: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    import_cow_igo(SAMPLE, again)
    for f in sorted(sample_import.iterdir()):
        assert (again / f.name).read_bytes() == f.read_bytes(), f.name


def test_written_yaml_has_no_anchors_and_reads_back(sample_import: Path) -> None:
    import yaml

    for f in sample_import.glob("*.yaml"):
        events = list(yaml.parse(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
        assert not any(getattr(e, "anchor", None) or isinstance(e, yaml.AliasEvent) for e in events)
