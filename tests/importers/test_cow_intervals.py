"""Membership intervals under five-yearly sampling, worked out by hand on a tiny COW-layout file.

``tests/fixtures/cow/five_yearly.csv`` has two IGOs: TIO (rows 1945, 1950, 1955, 1960, then 1965-1967 annual,
alive) and DIO (1950-1960, dead in 1960, replaced by TIO: ``replaced`` = TIO's ionum 10).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from govgraph.importers import import_cow_igo
from govgraph.importers.cow_igo import memberships_of
from tests.importers.conftest import FIVE_YEARLY


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("five") / "out"
    import_cow_igo(FIVE_YEARLY, out)
    return out


def _ties(ds, source: str, target: str) -> list[tuple]:
    return sorted(
        (r.start.year, r.end.year if r.end else None, r.status, r.notes)
        for r in ds.relations
        if r.type == "member_of" and r.source == source and r.target == target
    )


def test_counts(imported: Path) -> None:
    ds = load_dataset([imported])
    assert sorted(ds.actors) == ["cn", "cow-chn-roc", "cow-igo-dio", "cow-igo-tio", "de", "fr", "gb", "us"]
    assert sum(r.type == "member_of" for r in ds.relations) == 12  # 11 in TIO, 1 in DIO (worked out below)


def test_interval_ends_at_last_observed_year_between_five_yearly_rows(imported: Path) -> None:
    ds = load_dataset([imported])
    # usa: 1945 1, 1950 1, 1955 1, 1960 0, 1965 0, 1966 1, 1967 1 (TIO alive: the last run stays open)
    assert _ties(ds, "us", "cow-igo-tio") == [
        (1945, 1955, "full", "last observed as full member in 1955; next observation 1960: not a member."),
        (1966, None, "full", None),
    ]


def test_missing_data_is_never_read_as_not_a_member(imported: Path) -> None:
    ds = load_dataset([imported])
    # uk: 0, 0, 1, -9, 1, 1, 1 -> the -9 of 1960 splits the run; nothing claims 1956-1964 either way
    assert _ties(ds, "gb", "cow-igo-tio") == [
        (
            1955,
            1955,
            "full",
            "first observed as full member in 1955; previous observation 1950: not a member; "
            "followed by missing data (-9) from 1960.",
        ),
        (1965, None, "full", "preceded by missing data (-9) in 1960."),
    ]
    # france in DIO is -9 throughout: no membership at all, and no "not a member" either
    assert _ties(ds, "fr", "cow-igo-dio") == []


def test_status_changes_make_new_intervals(imported: Path) -> None:
    ds = load_dataset([imported])
    # france: 3, 3, 3, 2, 1, 1, 0
    assert _ties(ds, "fr", "cow-igo-tio") == [
        (1945, 1955, "observer", "last observed as observer in 1955; next observation 1960: associate member."),
        (
            1960,
            1960,
            "associate",
            "first observed as associate member in 1960; previous observation 1955: observer; "
            "last observed as associate member in 1960; next observation 1965: full member.",
        ),
        (1965, 1966, "full", "first observed as full member in 1965; previous observation 1960: associate member."),
    ]


def test_two_cow_columns_of_one_state_combine(imported: Path) -> None:
    ds = load_dataset([imported])
    # germany 1, 1, -1, -1, -1, -1, 1 and wgermany -1, -1, -1, 1, 1, 1, -1 -> de 1, 1, -1, 1, 1, 1, 1
    assert _ties(ds, "de", "cow-igo-tio") == [
        (
            1945,
            1950,
            "full",
            "last observed as full member in 1950; next observation 1955: not in the state system (-1).",
        ),
        (
            1960,
            None,
            "full",
            "first observed as full member in 1960; previous observation 1955: not in the state system (-1).",
        ),
    ]
    de = ds.actors["de"]
    assert (de.cow_code, de.iso2, de.iso3) == (255, "DE", "DEU")


def test_china_before_1949_is_the_republic_of_china(imported: Path) -> None:
    ds = load_dataset([imported])
    # china: 1 in 1945, 0 1950-1965, 1 in 1966 and 1967
    assert [t[:3] for t in _ties(ds, "cow-chn-roc", "cow-igo-tio")] == [(1945, 1945, "full")]
    assert _ties(ds, "cn", "cow-igo-tio") == [(1966, None, "full", None)]


def test_dead_igo_closes_memberships_and_gets_its_successor(imported: Path) -> None:
    ds = load_dataset([imported])
    dio = ds.actors["cow-igo-dio"]
    assert (dio.founded.year, dio.dissolved.year) == (1950, 1960)
    assert _ties(ds, "us", "cow-igo-dio") == [(1950, 1960, "full", None)]
    (succ,) = [r for r in ds.relations if r.type == "succeeded_by"]
    assert (succ.source, succ.target, succ.status, succ.start.year) == (
        "cow-igo-dio",
        "cow-igo-tio",
        "replacement",
        1960,
    )


def test_as_of_snapshots(imported: Path) -> None:
    g = build_graph(load_dataset([imported]))

    def members(year: int, igo: str) -> set[str]:
        return {
            u
            for u, v, d in build_graph(load_dataset([imported]), as_of=year).in_edges(igo, data=True)
            if d["type"] == "member_of"
        }

    assert members(1955, "cow-igo-tio") == {"us", "gb", "fr"}
    assert members(1962, "cow-igo-tio") == {"de"}  # us left, gb unknown (-9), fr between associate and full
    assert members(1966, "cow-igo-tio") == {"us", "gb", "fr", "de", "cn"}
    assert members(1955, "cow-igo-dio") == {"us"}
    assert "cow-igo-dio" not in build_graph(load_dataset([imported]), as_of=1961)
    assert g.number_of_nodes() == 8


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([1, 1, 1], [(1, 2000, None)]),
        ([0, 1, -9, 1], [(1, 2001, 2001), (1, 2003, None)]),
        ([3, 2, 1, 0], [(3, 2000, 2000), (2, 2001, 2001), (1, 2002, 2002)]),
        ([-1, -9, 0, -9], []),
    ],
)
def test_memberships_of_annual_rows(codes: list[int], expected: list[tuple]) -> None:
    years = list(range(2000, 2000 + len(codes)))
    got = memberships_of(years, codes, open_end=True)
    assert [(iv.status, iv.start, iv.end) for iv in got] == expected
