"""The seed inventory: the paper's actors, relations and figures are in seeds/, each with its sources.

These tests pin what the paper says (and where it disagrees with public sources, that the paper's value
is kept with a note), so an edit to the seed data that loses a fact or a citation fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.paths import project_root

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/govgraph.schema.json"

#: Every actor of shared/paper/INVENTORY.md, by id.
INVENTORY_ACTORS = {
    # organisations
    "leopoldina",
    "berlin_academy",
    "prussian_academy",
    "bavarian_academy",
    "german_chemical_society",
    "ieee",
    "icu",
    "uia",
    "league_of_nations",
    "icic",
    "unesco",
    "wipo",
    "wto",
    "oecd",
    "uspto",
    "epo",
    "jpo",
    "icsu",
    "issc",
    "wfeo",
    "wfeo_cee",
    "unfccc_secretariat",
    "who",
    "iso",
    "iec",
    "itu",
    "wifi_alliance",
    "bluetooth_sig",
    "jedec",
    "ecosoc",
    "un_dpi",
    "cast",
    "cciee",
    "un",
    # programmes
    "ihp",
    "mab",
    "iggp",
    "ibsp",
    "wcrp",
    "igbp",
    "diversitas",
    "ihdp",
    "future_earth",
    "wssf",
    "oecd_gsf",
    # agreements and instruments
    "trips",
    "wipo_convention",
    "unfccc",
    "gatt",
    "ecosoc_res_1296",
    "ecosoc_res_1996_31",
    "un_charter",
    "wfeo_code_sd",
    "cn_fyp14",
    # states and firms
    "us",
    "cn",
    "de",
    "jp",
    "ps",
    "huawei",
}

#: Bodies the paper only implies, added from public sources.
PUBLIC_ACTORS = {"isc", "wmo", "unep", "unu", "ipcc", "ioc", "belmont_forum", "essp", "irc", "birpi", "pct"}

#: Organisations without a known headquarters (each says why in its notes).
NO_HEADQUARTERS = {"icu", "wfeo_cee", "belmont_forum"}


@pytest.fixture(scope="module")
def data():
    return load_dataset([SEEDS])


def _rels(data, type_, source=None, target=None):
    return [
        r
        for r in data.relations
        if r.type == type_ and (source is None or r.source == source) and (target is None or r.target == target)
    ]


def _one(data, type_, source, target):
    found = _rels(data, type_, source, target)
    assert found, f"no {type_} relation {source} -> {target}"
    return found


def _notes(record) -> str:
    return " ".join(c.note or "" for c in record.sources) + " " + (getattr(record, "notes", None) or "")


# --- the packaged seeds --------------------------------------------------------------------------------


def test_default_path_loads_the_seeds():
    if project_root() is None:
        pytest.skip("not running from a checkout with pyproject.toml")
    assert set(load_dataset().actors) == set(load_dataset([SEEDS]).actors)


def test_every_seed_file_names_the_schema():
    files = sorted(SEEDS.rglob("*.yaml"))
    assert files
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path.name


# --- inventory and citations ---------------------------------------------------------------------------


def test_inventory_actors_present_with_sources(data):
    missing = (INVENTORY_ACTORS | PUBLIC_ACTORS) - set(data.actors)
    assert not missing
    for actor_id in INVENTORY_ACTORS:
        keys = {c.key for c in data.actors[actor_id].sources}
        assert keys, actor_id
        assert "paper" in keys, f"{actor_id} does not cite the paper"


def test_every_record_cites_a_source_that_resolves(data):
    records = [*data.actors.values(), *data.relations, *data.figures.values()]
    for record in records:
        assert record.sources, record
        for cite in record.sources:
            assert cite.key in data.sources, (record, cite.key)


def test_bibliography_holds_the_paper_and_its_references(data):
    paper = data.sources["paper"]
    assert paper.type == "paper"
    assert paper.title.startswith("Development and Operation Mechanisms of International Science")
    for n in range(1, 34):
        ref = data.sources[f"ref{n:02d}"]
        assert ref.type == "reference" and ref.ref == n
    for source in data.sources.values():
        if source.type == "web":
            assert source.url and source.accessed


def test_organisations_have_headquarters(data):
    for actor in data.actors.values():
        if actor.kind != "organisation":
            continue
        if actor.id in NO_HEADQUARTERS:
            assert actor.headquarters is None and actor.notes
        else:
            assert actor.headquarters is not None, actor.id


def test_states_carry_codes(data):
    codes = {
        "us": ("US", "USA", 2),
        "cn": ("CN", "CHN", 710),
        "de": ("DE", "DEU", 255),
        "jp": ("JP", "JPN", 740),
        "ps": ("PS", "PSE", None),
    }
    for state_id, (iso2, iso3, cow) in codes.items():
        state = data.actors[state_id]
        assert (state.iso2, state.iso3, state.cow_code) == (iso2, iso3, cow)


# --- the paper's values where public sources disagree -------------------------------------------------


def test_ieee_and_icu_dated_1884_with_notes(data):
    ieee = data.actors["ieee"]
    assert ieee.founded.year == 1884
    assert "1963" in _notes(ieee)
    icu = data.actors["icu"]
    assert icu.founded.year == 1884
    assert "IUPAC" in _notes(icu)


def test_prussian_academy_dated_1745_with_note(data):
    academy = data.actors["prussian_academy"]
    assert academy.founded.year == 1745
    assert "1744" in _notes(academy)


def test_oecd_megascience_forum_dated_1992(data):
    assert data.actors["oecd_gsf"].founded.year == 1992
    _one(data, "runs", "oecd", "oecd_gsf")


def test_huawei_memberships_end_2021_by_state_action(data):
    for alliance in ("wifi_alliance", "bluetooth_sig", "jedec"):
        (membership,) = _one(data, "member_of", "huawei", alliance)
        assert membership.end.year == 2021
        assert membership.end_reason == "state_action"
        assert "2019" in _notes(membership)
    (ban,) = _one(data, "sanctions", "us", "huawei")
    assert ban.start.year == 2021 and "2019" in (ban.notes or "")  # the paper's year, public date noted
    assert "2021" in _notes(ban)


# --- succession, sponsorship, programmes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "status", "year"),
    [
        ("igbp", "future_earth", "merger", None),
        ("diversitas", "future_earth", "merger", None),
        ("ihdp", "future_earth", "merger", None),
        ("icsu", "isc", "merger", 2018),
        ("issc", "isc", "merger", 2018),
        ("gatt", "wto", "transformation", 1995),
        ("icic", "unesco", None, None),
        ("league_of_nations", "un", None, None),
    ],
)
def test_succession_chains(data, source, target, status, year):
    (succession,) = _one(data, "succeeded_by", source, target)
    if status:
        assert succession.status == status
    if year:
        assert succession.start.year == year
    assert not _rels(data, "succeeded_by", "wcrp"), "WCRP continues; it did not merge into Future Earth"


def test_icsu_sponsors_the_gec_programmes(data):
    for programme in ("wcrp", "igbp", "diversitas", "ihdp"):
        _one(data, "sponsors", "icsu", programme)
    assert {r.source for r in _rels(data, "sponsors", target="wcrp")} >= {"icsu", "wmo", "ioc", "isc"}
    assert {r.source for r in _rels(data, "sponsors", target="future_earth")} >= {
        "icsu",
        "issc",
        "isc",
        "belmont_forum",
        "unesco",
        "unep",
        "unu",
    }
    assert {r.source for r in _rels(data, "sponsors", target="ipcc")} == {"wmo", "unep"}


def test_unesco_runs_its_four_programmes(data):
    assert {r.target for r in _rels(data, "runs", "unesco")} == {"ihp", "mab", "iggp", "ibsp"}
    _one(data, "runs", "issc", "wssf")


def test_paper_relations(data):
    _one(data, "partner_of", "wfeo", "unfccc")
    (cop,) = _one(data, "participates_in", "wfeo", "unfccc")
    assert cop.role == "COP21" and cop.start.year == 2015
    _one(data, "administers", "wto", "trips")
    _one(data, "administers", "wipo", "wipo_convention")
    _one(data, "administers", "unfccc_secretariat", "unfccc")
    _one(data, "establishes", "league_of_nations", "icic")
    agencies = {r.source: r.start.year for r in _rels(data, "specialised_agency_of", target="un")}
    assert agencies.keys() >= {"unesco", "wipo", "who", "itu", "wmo"}
    assert agencies["wipo"] == 1974
    (palestine,) = _one(data, "member_of", "ps", "unesco")
    assert palestine.start.year == 2011
    withheld = {r.start.year for r in _rels(data, "withholds_funding", "us", "unesco")}
    assert withheld == {1983, 2011}


# --- issue areas and figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("climate_change", {"unfccc", "unfccc_secretariat", "wmo", "ipcc", "wfeo", "wcrp", "unep"}),
        ("intellectual_property", {"wipo", "wipo_convention", "wto", "trips", "uspto", "epo", "jpo"}),
        ("technical_standards", {"iso", "iec", "itu", "ieee", "wifi_alliance", "bluetooth_sig", "jedec"}),
        (
            "global_environmental_change_research",
            {"icsu", "isc", "issc", "wcrp", "igbp", "diversitas", "ihdp", "future_earth", "unesco", "wmo", "unu"},
        ),
    ],
)
def test_regime_complex_issue_areas_are_tagged(data, area, expected):
    tagged = {a.id for a in data.actors.values() if area in a.issue_areas}
    assert expected <= tagged


def test_figures(data):
    expected = {
        "st_orgs_total": (20000, "about"),
        "uia_st_categories": (23, "exact"),
        "basic_sciences_orgs_2021": (3290, "exact"),
        "basic_sciences_orgs_pre_1800": (24, "exact"),
        "basic_sciences_orgs_per_decade_postwar": (293, "about"),
        "ieee_active_standards": (1000, "more_than"),
        "ieee_standards_in_development": (500, "more_than"),
        "iso_standards": (24194, "more_than"),
        "wipo_convention_signatories": (51, "exact"),
        "unesco_core_budget_gap": (28, "exact"),
        "shanghai_intl_orgs": (40, "more_than"),
        "cciee_study_orgs": (100, "exact"),
    }
    for figure_id, (value, qualifier) in expected.items():
        figure = data.figures[figure_id]
        assert (figure.value, figure.qualifier) == (value, qualifier), figure_id
        assert any(c.key == "paper" for c in figure.sources)
