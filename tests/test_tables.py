"""Bulk tables (CSV, Parquet) as input beside YAML: the same records as YAML, errors located FILE:ROW:COL."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from govgraph.bulk import BulkDataset
from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.synth import write_synth
from tests.conftest import run_govgraph

SIZES = {"orgs": 150, "states": 30, "memberships": 900, "ties": 200}


@pytest.fixture(scope="module")
def synth_dirs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("synth")
    return {fmt: write_synth(base / fmt, **SIZES, seed=4, fmt=fmt) and base / fmt for fmt in ("csv", "parquet", "yaml")}


def _dump(ds) -> tuple[list, list]:
    actors = [a.model_dump(mode="json") for a in ds.actors.values()]
    relations = [r.model_dump(mode="json") for r in ds.relations]
    return actors, relations


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_read_as_the_same_records_as_yaml(synth_dirs, fmt):
    tables, yaml = load_dataset([synth_dirs[fmt]]), load_dataset([synth_dirs["yaml"]])
    assert isinstance(tables, BulkDataset)
    assert tables.counts() == {"actors": 180, "relations": 1100, "sources": 8, "figures": 0}
    assert _dump(tables) == _dump(yaml)  # field by field, in the same order
    assert [a.model_dump(mode="json") for a in tables.sources.values()] == [
        a.model_dump(mode="json") for a in yaml.sources.values()
    ]
    assert tables.actor("org-001").name == "Organisation 1"
    assert tables.origins["actor:state-001"] == f"{synth_dirs[fmt] / f'actors.{fmt}'}:2"


def test_cli_validates_tables(synth_dirs):
    for fmt in ("csv", "parquet"):
        done = run_govgraph("validate", "--data", str(synth_dirs[fmt]))
        assert done.returncode == 0, done.stderr
        assert "4 files, 180 actors, 1100 relations, 8 sources, 0 figures" in done.stderr


SOURCES = "id,type,title\nsrc,document,A source\n"
ACTORS = """id,kind,name,founded,dissolved,org_type,hq_country,issue_areas,sources
org-a,organisation,Org A,1950,,intergovernmental,CH,climate_change,src
org-b,organsation,Org B,1960,,,,,src
org-c,organisation,Org C,19x0,,intergovernmental,ZZ,climate_chang,srcc@p. 2
org-a,organisation,Org A again,1950,,intergovernmental,,,src
st,state,State S,,,,,,src
org-d,organisation,Org D,1990,1980,un_body,,,src
"""
RELATIONS = """source,target,type,start,end,status,sources
st,org-a,member_of,1960,1970,full,src
st,org-x,member_of,1960,,,src
org-a,st,member_of,1960,,,src
st,org-a,member_of,1940,,,src
st,org-a,member_of,1980,1975,party,src
st,org-a,member_of,1960,1970,full,src
st,org-y,member_of,1960,,,src
"""
YAML = """sources:
  - id: ysrc
    type: document
    title: A YAML source
actors:
  - id: org-y
    kind: organisation
    name: Org Y
    org_type: un_body
    founded: 1950
    sources: [ysrc]
  - id: st
    kind: state
    name: Duplicate of a table actor
    sources: [ysrc]
relations:
  - type: partner_of
    source: org-y
    target: org-a
    start: 1951
    sources: [src]
"""


def _folder(tmp_path: Path, fmt: str) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    for name, text in (("sources", SOURCES), ("actors", ACTORS), ("relations", RELATIONS)):
        csv = d / f"{name}.csv"
        csv.write_text(text, encoding="utf-8")
        if fmt == "parquet":
            pl.read_csv(csv, infer_schema=False).write_parquet(d / f"bulk.{name}.parquet")
            csv.unlink()
    (d / "curated.yaml").write_text(YAML, encoding="utf-8")
    return d


def test_problems_located_in_csv(tmp_path):
    d = _folder(tmp_path, "csv")
    with pytest.raises(DataError) as err:
        load_dataset([d])
    got = {str(p).replace(str(d) + "/", "") for p in err.value.problems}
    expected = {
        "actors.csv:3:2: org-b: kind: unknown kind 'organsation'; did you mean 'organisation'?",
        "actors.csv:4:4: org-c: founded: '19x0' is not a date: write 1945, 1945-11, 1945-11-16 or ~1945",
        "actors.csv:4:7: org-c: headquarters.country: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
        "actors.csv:4:8: org-c: issue_areas: unknown issue area 'climate_chang'; did you mean 'climate_change'?",
        "actors.csv:5:1: org-a: id: duplicate actor id (first at actors.csv:2)",
        "actors.csv:6:1: st: id: duplicate actor id (first at curated.yaml:12)",
        "actors.csv:7:5: org-d: dissolved: dissolved 1980 before founded 1990",
        "relations.csv:3:2: st:member_of:org-x: target: unknown actor 'org-x'; did you mean 'org-y' or 'org-a'?",
        "relations.csv:4:2: org-a:member_of:st: target: a member_of target must be a organisation or programme, "
        "not a state (st)",
        "relations.csv:5:4: st:member_of:org-a: start: starts 1940, before org-a was founded (1950)",
        "relations.csv:6:5: st:member_of:org-a: end: end 1975 is before start 1980",
        "relations.csv:6:6: st:member_of:org-a: status: status 'party' does not apply to member_of "
        "(allowed: full, associate, observer)",
        "relations.csv:7:1: st:member_of:org-a:1960: id: duplicate relation id (first at relations.csv:2)",
    }
    missing = expected - got
    assert not missing, (missing, got)
    # org-c is invalid (bad date), so nothing refers to it as unknown; org-b's kind is wrong, the same
    assert not any("org-b'" in p or "'org-c'" in p.split(": ", 3)[-1] for p in got if "unknown actor" in p)
    assert not any("curated.yaml" in p and "org-a" in p for p in got)  # the YAML tie to a table actor is fine


def test_problems_located_in_parquet(tmp_path):
    d = _folder(tmp_path, "parquet")
    with pytest.raises(DataError) as err:
        load_dataset([d])
    got = {str(p).replace(str(d) + "/", "") for p in err.value.problems}
    assert "bulk.actors.parquet:3:2: org-b: kind: unknown kind 'organsation'; did you mean 'organisation'?" in got
    assert "bulk.relations.parquet:6:5: st:member_of:org-a: end: end 1975 is before start 1980" in got


def test_yaml_and_tables_refer_to_each_other(tmp_path):
    d = _folder(tmp_path, "csv")
    (d / "actors.csv").write_text("\n".join([*ACTORS.splitlines()[:2], ACTORS.splitlines()[5]]) + "\n")
    (d / "relations.csv").write_text(RELATIONS.splitlines()[0] + "\nst,org-y,member_of,1960,,,ysrc\n")
    (d / "curated.yaml").write_text(YAML.split("  - id: st")[0] + YAML.split("sources: [ysrc]\n")[-1])
    ds = load_dataset([d])
    assert sorted(ds.actors) == ["org-a", "org-y", "st"]
    assert [r.key for r in ds.relations] == ["org-y:partner_of:org-a:1951", "st:member_of:org-y:1960"]
    assert ds.relations[1].sources[0].key == "ysrc"


def test_header_problems(tmp_path):
    d = tmp_path / "h"
    d.mkdir()
    (d / "actors.csv").write_text("id,knd,name,foundd\nx,organisation,X,1950\n")
    done = run_govgraph("validate", "--data", str(d))
    assert done.returncode == 1
    assert f"{d}/actors.csv:1:2: -: knd: unknown actors column; did you mean 'kind'?" in done.stderr
    assert f"{d}/actors.csv:1:4: -: foundd: unknown actors column; did you mean 'founded'?" in done.stderr
    assert f"{d}/actors.csv:1:1: -: kind: missing required actors column; did you mean 'knd'?" in done.stderr


def test_ragged_row_and_bad_bytes(tmp_path):
    d = tmp_path / "r"
    d.mkdir()
    (d / "actors.csv").write_text("id,kind,name\nx,state,X\ny,state,Y,extra\n")
    done = run_govgraph("validate", "--data", str(d))
    assert done.returncode == 1 and f"{d}/actors.csv:3:4: y: row: 4 cells, the header has 3 columns" in done.stderr
    (d / "actors.csv").write_bytes(b"id,kind,name\nx,state,\xff\n")
    done = run_govgraph("validate", "--data", str(d))
    assert done.returncode == 1 and f"{d}/actors.csv:2:9: -: -: not valid UTF-8 (byte 0xff)" in done.stderr
    assert "Traceback" not in done.stderr


def test_commands_take_table_folders(synth_dirs, tmp_path):
    copy = tmp_path / "t"
    shutil.copytree(synth_dirs["csv"], copy)
    done = run_govgraph("stats", "--data", str(copy), "--format", "json")
    assert done.returncode == 0, done.stderr
    yaml = run_govgraph("stats", "--data", str(synth_dirs["yaml"]), "--format", "json")
    assert done.stdout == yaml.stdout


def test_yaml_merge_onto_a_table_actor_refused(tmp_path):
    d = tmp_path / "m"
    d.mkdir()
    (d / "actors.csv").write_text("id,kind,name,org_type,sources\norg-a,organisation,Org A,un_body,src\n")
    (d / "sources.csv").write_text(SOURCES)
    (d / "more.yaml").write_text(
        "actors:\n  - {id: org-a, kind: organisation, name: A, org_type: un_body, merge: true, aliases: [AA],\n"
        "     sources: [src]}\n"
    )
    with pytest.raises(DataError) as err:
        load_dataset([d])
    assert [str(p).replace(str(d) + "/", "") for p in err.value.problems] == [
        "more.yaml:2:72: org-a: merge: merge: true adds to a YAML record; "
        "this actor is a table row (add the fields there)"
    ]


def test_padded_and_quoted_empty_cells_read_as_yaml_reads_them(tmp_path):
    """Only the columns with a padded or empty-quoted cell are rewritten; every cell ends stripped, "" absent."""
    d = tmp_path / "p"
    d.mkdir()
    (d / "sources.csv").write_text(SOURCES)
    (d / "actors.csv").write_text(
        'id,kind,name,org_type,founded,sources\n  org-a ,organisation,Org A,un_body,"",src\n'
        "st,state,\u00a0State S\u3000,,,src\n"
    )
    (d / "relations.csv").write_text("source,target,type,start,status,sources\nst,org-a,member_of, 1960 ,full,src\n")
    ds = load_dataset([d])
    assert sorted(ds.actors) == ["org-a", "st"]
    assert ds.actors["org-a"].founded is None and ds.actors["st"].name == "State S"
    assert [(r.key, str(r.start), r.status) for r in ds.relations] == [("st:member_of:org-a:1960", "1960", "full")]


def test_month_dates_against_lifetimes_and_shared_bad_citations(tmp_path):
    """Months count where both dates have one (years only otherwise); a bad citation that several rows share is
    reported on every row that holds it."""
    d = tmp_path / "m"
    d.mkdir()
    (d / "sources.csv").write_text(SOURCES)
    (d / "actors.csv").write_text(
        "id,kind,name,org_type,founded,sources\norg-a,organisation,Org A,un_body,1950-06,src\nst,state,S,,,src\n"
    )
    (d / "relations.csv").write_text(
        "source,target,type,start,end,sources\n"
        "st,org-a,member_of,1950-03,,src\n"  # a month before the founding: reported
        "st,org-a,member_of,1950,,src\n"  # the same year, no month: not before
        "st,org-a,member_of,1951-01,1950-12,srcx@p. 1\n"
        "st,org-a,member_of,1952,,srcx@p. 1; src\n"
    )
    with pytest.raises(DataError) as err:
        load_dataset([d])
    got = sorted(str(p).replace(str(d) + "/", "") for p in err.value.problems)
    assert got == [
        "relations.csv:2:4: st:member_of:org-a: start: starts 1950-03, before org-a was founded (1950-06)",
        "relations.csv:4:5: st:member_of:org-a: end: end 1950-12 is before start 1951-01",
        "relations.csv:4:6: st:member_of:org-a: sources: unknown source 'srcx'; did you mean 'src'?",
        "relations.csv:5:6: st:member_of:org-a: sources: unknown source 'srcx'; did you mean 'src'?",
    ]
