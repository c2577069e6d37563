"""The packaged crosswalks: every COW state column has its codes; ISO codes are real and consistent."""

from __future__ import annotations

import csv

import pycountry
import pytest

from govgraph.countries import is_country_code
from govgraph.importers.crosswalks import igo_crosswalk, state_codes, successors
from govgraph.vocab import vocabulary
from tests.importers.conftest import STATE_COLUMNS


def test_all_217_state_columns() -> None:
    codes = state_codes()
    assert len(codes) == 217
    if STATE_COLUMNS.is_file():
        with STATE_COLUMNS.open(encoding="utf-8") as fh:
            official = {r["column"]: (int(r["ccode"]), r["stateabb"]) for r in csv.DictReader(fh)}
        assert {c: (s.ccode, s.stateabb) for c, s in codes.items()} == official


def test_iso_codes_are_valid_and_agree() -> None:
    for s in state_codes().values():
        if s.iso2 is None:
            assert s.iso3 is None and s.note, f"{s.column}: a state without ISO code needs a note saying why"
            continue
        assert is_country_code(s.iso2), s.column
        if s.iso2 != "XK":
            assert pycountry.countries.get(alpha_2=s.iso2).alpha_3 == s.iso3, s.column


@pytest.mark.parametrize(
    ("column", "actor"),
    [
        ("usa", "us"),
        ("uk", "gb"),
        ("germany", "de"),
        ("wgermany", "de"),
        ("egermany", "cow-gdr"),
        ("russia", "ru"),
        ("czechoslovakia", "cow-cze"),
        ("nyemen", "cow-yar"),
        ("yugoslaviaserb", "rs"),
        ("baden", "cow-bad"),
        ("korea", "cow-kor"),
        ("sokorea", "kr"),
        ("nokorea", "kp"),
        ("zanzibar", "cow-zan"),
    ],
)
def test_actor_ids(column: str, actor: str) -> None:
    assert state_codes()[column].actor_id == actor


def test_china_before_1949() -> None:
    china = state_codes()["china"]
    assert (china.actor_in(1948), china.actor_in(1949)) == ("cow-chn-roc", "cn")


def test_only_iso_actor_ids_repeat() -> None:
    ids = [s.actor_id for s in state_codes().values()]
    assert sorted({i for i in ids if ids.count(i) > 1}) == ["de"]


def test_igo_crosswalk_and_successors() -> None:
    links = igo_crosswalk()
    assert {links[n].actor_id for n in (4410, 4560, 3160, 4550, 4530, 4580)} == {
        "unesco",
        "wipo",
        "itu",
        "who",
        "wmo",
        "wto",
    }
    assert all(link.org_type in vocabulary().organisation_types for link in links.values())
    assert len({link.actor_id for link in links.values()}) == len(links)
    assert all(s.status in vocabulary().relation_types["succeeded_by"].statuses for s in successors().values())
