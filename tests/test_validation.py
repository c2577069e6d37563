"""Each class of validation error: its message and its location (file, line, column, id, field)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DataError, Problem

HEADER = """\
sources:
  - id: src
    type: document
    title: A source
"""


def problems(tmp_path: Path, body: str, name: str = "data.yaml", header: str = HEADER) -> list[Problem]:
    path = tmp_path / name
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset([path])
    return info.value.problems


def only(tmp_path: Path, body: str) -> Problem:
    found = problems(tmp_path, body)
    assert len(found) == 1, found
    return found[0]


ORG = """\
actors:
  - id: org
    kind: organisation
    name: Org
    org_type: intergovernmental
    founded: 1950
    sources: [src]
"""


def test_valid_fixture_loads(mini: Path) -> None:
    ds = load_dataset([mini])
    assert sorted(ds.actors) == ["org-a", "org-b", "prog-c", "st"]
    assert len(ds.relations) == 4
    assert str(ds.actors["org-b"].founded) == "~1931"
    assert ds.actors["org-b"].founded.circa
    assert str(ds.actors["org-b"].dissolved) == "2018-07"
    assert ds.origins["actor:org-a"].endswith("data.yaml:13")


def test_unknown_field_names_line_and_suggests(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("    founded: 1950\n", "    founded: 1950\n    foundd: 1951\n"))
    assert (p.line, p.col, p.id, p.field) == (11, 13, "org", "foundd")
    assert "unknown field" in p.message and "did you mean 'founded'" in p.message
    assert str(p) == f"{tmp_path / 'data.yaml'}:11:13: org: foundd: {p.message}"


def test_unknown_vocabulary_term_suggests(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("intergovernmental", "intergovermental"))
    assert (p.line, p.field) == (9, "org_type")
    assert "did you mean 'intergovernmental'" in p.message


def test_unknown_list_term_points_at_the_item(tmp_path: Path) -> None:
    p = only(tmp_path, ORG + "    functions: [agenda_setting, knowledge_exchnge]\n")
    assert (p.line, p.col, p.field) == (12, 33, "functions.1")
    assert "did you mean 'knowledge_exchange'" in p.message


def test_unknown_kind(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("kind: organisation", "kind: organization"))
    assert p.id == "org" and "unknown kind 'organization'" in p.message and "'organisation'" in p.message


def test_missing_required_field(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("    org_type: intergovernmental\n", ""))
    assert (p.id, p.field, p.message) == ("org", "org_type", "missing required field")
    assert p.line == 6  # the record's own line when the field is absent


def test_missing_sources_is_an_error(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("    sources: [src]\n", ""))
    assert p.field == "sources" and p.message == "missing required field"


def test_unknown_source_key(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("[src]", "[src, scr]"))
    assert (p.line, p.field) == (11, "sources.1")
    assert "unknown source 'scr'" in p.message and "did you mean 'src'" in p.message


def test_bad_date(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("1950", "1950-13"))
    assert p.field == "founded" and "month 13" in p.message


def test_dissolved_before_founded(tmp_path: Path) -> None:
    p = only(tmp_path, ORG + "    dissolved: 1949\n")
    assert (p.field, p.line) == ("dissolved", 12)
    assert "before founded 1950" in p.message


def test_bad_country_code(tmp_path: Path) -> None:
    p = only(tmp_path, ORG + "    headquarters: {city: X, country: ZZ}\n")
    assert p.field == "headquarters.country" and "ISO 3166" in p.message


REL = (
    ORG
    + """\
  - id: st
    kind: state
    name: S
    sources: [src]
relations:
  - type: member_of
    source: st
    target: org
    start: 1960
    status: full
    sources: [src]
"""
)


def test_valid_relation_block_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(HEADER + REL, encoding="utf-8")
    assert len(load_dataset([path]).relations) == 1


def test_unknown_actor_reference_suggests_by_id_and_by_alias(tmp_path: Path) -> None:
    p = only(tmp_path, REL.replace("target: org", "target: orgg"))
    assert (p.id, p.field, p.line) == ("st:member_of:orgg:1960", "target", 19)
    assert "unknown actor 'orgg'" in p.message and "did you mean 'org'" in p.message
    p = only(tmp_path, REL.replace("target: org", "target: ORG"))
    assert "did you mean 'org'" in p.message


def test_relation_end_kind_checked(tmp_path: Path) -> None:
    p = only(tmp_path, REL.replace("source: st\n    target: org", "source: org\n    target: st"))
    assert p.field in ("source", "target") and "must be a" in p.message


def test_status_must_fit_the_relation_type(tmp_path: Path) -> None:
    p = only(tmp_path, REL.replace("status: full", "status: general"))
    assert p.field == "status" and "does not apply to member_of" in p.message


def test_relation_before_actor_founded(tmp_path: Path) -> None:
    p = only(tmp_path, REL.replace("start: 1960", "start: 1940"))
    assert p.field == "start" and "before org was founded (1950)" in p.message


def test_relation_end_before_start(tmp_path: Path) -> None:
    p = only(tmp_path, REL.replace("start: 1960", "start: 1960\n    end: 1955"))
    assert p.field == "end" and "before start 1960" in p.message


def test_duplicate_ids_across_files(tmp_path: Path, mini: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text((mini / "data.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset([mini, other])
    dups = [p for p in info.value.problems if "duplicate" in p.message]
    assert {p.id for p in dups} >= {"org-a", "fx", "fig-one", "a-b-partner"}
    assert all(p.file == str(other) and str(mini / "data.yaml") in p.message for p in dups)


def test_all_errors_of_all_files_reported_together(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("actors: [1]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(HEADER + ORG.replace("1950", "x") + "    bogus: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset([tmp_path])
    found = info.value.problems
    files = {Path(p.file).name for p in found}
    assert files == {"a.yaml", "b.yaml"}
    assert len(found) == 3


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    p = only(tmp_path, ORG + "    name: Again\n")
    assert p.line == 12 and "duplicate key 'name' (first at line 8)" in p.message


def test_unknown_top_level_section(tmp_path: Path) -> None:
    p = only(tmp_path, "actor: []\n")
    assert p.field == "actor" and "did you mean 'actors'" in p.message


def test_bad_citation_mapping_is_located(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("[src]", "[src, {key: src, pg: 3}]"))
    assert (p.field, p.line) == ("sources.1.pg", 11)
    assert "unknown field" in p.message


def test_suggestion_by_substring(tmp_path: Path) -> None:
    p = only(tmp_path, ORG.replace("intergovernmental", "council"))
    assert "did you mean 'scientific_council'" in p.message


def cli_problems(path: Path) -> tuple[int, list[str]]:
    """Run ``govgraph validate`` on ``path``; its exit code and the located problem lines it printed."""
    from tests.conftest import run_govgraph

    result = run_govgraph("validate", str(path))
    return result.returncode, [line for line in result.stderr.splitlines() if line.startswith(str(path))]


def test_base60_is_text_reported_at_its_field(tmp_path: Path) -> None:
    """YAML 1.1 would read ``32:45`` as the number 1965; govgraph reads text and says it is no date."""
    p = only(tmp_path, ORG.replace("founded: 1950", "founded: 32:45"))
    assert (p.line, p.col, p.id, p.field) == (10, 14, "org", "founded")
    assert p.message.startswith("'32:45' is not a date")
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and lines == [f"{tmp_path / 'data.yaml'}:10:14: org: founded: {p.message}"]


def test_norway_no_and_yes_are_text(tmp_path: Path) -> None:
    """``NO`` (Norway) and ``yes`` are text, not booleans."""
    path = tmp_path / "ok.yaml"
    body = "actors:\n  - {id: nor, kind: state, name: yes, iso2: NO, headquarters: {country: NO}, sources: [src]}\n"
    path.write_text(HEADER + body, encoding="utf-8")
    nor = load_dataset([path]).actors["nor"]
    assert (nor.name, nor.iso2, nor.headquarters.country) == ("yes", "NO", "NO")


def test_every_bad_date_reported_at_its_node(tmp_path: Path) -> None:
    body = ORG.replace("founded: 1950", "founded: 2020-13-45") + "    dissolved: 2021-02-30\n"
    found = problems(tmp_path, body)
    assert [(p.line, p.col, p.id, p.field) for p in found] == [(10, 14, "org", "founded"), (12, 16, "org", "dissolved")]
    assert found[0].message == "month 13 is out of range"
    assert found[1].message == "day is out of range for month"
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and len(lines) == 2 and lines[0].endswith(":10:14: org: founded: month 13 is out of range")


def test_every_duplicate_key_named_by_record_and_field(tmp_path: Path) -> None:
    body = ORG + "    name: Again\n    headquarters: {country: FR, country: DE}\n"
    found = problems(tmp_path, body)
    assert [(p.line, p.col, p.id, p.field, p.message) for p in found] == [
        (12, 5, "org", "name", "duplicate key 'name' (first at line 8)"),
        (13, 33, "org", "headquarters.country", "duplicate key 'country' (first at line 13)"),
    ]
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and lines[0].endswith(":12:5: org: name: duplicate key 'name' (first at line 8)")


def test_tag_in_a_record_refused_with_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(HEADER + ORG.replace("name: Org", "name: !!binary aGVsbG8="), encoding="utf-8")
    code, lines = cli_problems(path)
    assert code == 1
    assert lines == [
        f"{path}:8:11: org: name: the tag !!binary is not allowed in govgraph data (write the value plainly; "
        "quote it to make it text)"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"Org\\e[31m"', "text holds control character U+001B at position 4"),
        ('"Org\\x85x"', "text holds control character U+0085 at position 4"),
        ('"Org\\uFFFE"', "text holds the non-character U+FFFE at position 4"),
        ("O" + "r" * 2000, "text is 2001 characters long; the limit is 2000"),
    ],
)
def test_bad_text_refused_at_its_field(tmp_path: Path, value: str, message: str) -> None:
    p = only(tmp_path, ORG.replace("name: Org", f"name: {value}"))
    assert (p.line, p.col, p.id, p.field, p.message) == (8, 11, "org", "name", message)
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and lines == [f"{tmp_path / 'data.yaml'}:8:11: org: name: {message}"]


def test_long_text_has_its_own_cap(tmp_path: Path) -> None:
    p = only(tmp_path, ORG + f"    notes: {'n' * 100_001}\n")
    assert (p.line, p.col, p.id, p.field) == (12, 12, "org", "notes")
    assert p.message == "text is 100001 characters long; the limit is 100000"
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and lines == [f"{tmp_path / 'data.yaml'}:12:12: org: notes: {p.message}"]
    path = tmp_path / "ok.yaml"
    path.write_text(HEADER + ORG + f"    notes: {'n' * 100_000}\n    aliases: [{'a' * 2000}]\n", encoding="utf-8")
    assert len(load_dataset([path]).actors["org"].notes) == 100_000


def test_numbers_within_64_bits_and_finite(tmp_path: Path) -> None:
    body = (
        ORG
        + "  - {id: st, kind: state, name: S, cow_code: 9223372036854775808, sources: [src]}\n"
        + "figures:\n"
        + "  - {id: f1, value: .nan, unit: u, description: d, sources: [src]}\n"
        + "  - {id: f2, value: -.inf, unit: u, description: d, sources: [src]}\n"
        + "  - {id: f3, value: -9223372036854775808, unit: u, description: d, sources: [src]}\n"
    )
    found = problems(tmp_path, body)
    assert [(p.line, p.col, p.id, p.field, p.message) for p in found] == [
        (12, 46, "st", "cow_code", "integer 9223372036854775808 is outside the 64-bit range"),
        (14, 21, "f1", "value", "NaN and infinity are not numbers govgraph stores"),
        (15, 21, "f2", "value", "NaN and infinity are not numbers govgraph stores"),
    ]
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and len(lines) == 3


def test_records_from_other_doors_checked_alike() -> None:
    """CSV and importer rows go through validate_records, which applies the same text and number rules."""
    from govgraph.dataset import validate_records

    rows = [
        ("sources", {"id": "s", "type": "document", "title": "T"}, "rows.csv"),
        ("actors", {"id": "a", "kind": "state", "name": "A\x00", "sources": ["s"]}, "rows.csv"),
        ("actors", {"id": "b", "kind": "state", "name": "B\ud800", "sources": ["s"]}, "rows.csv"),
        ("relations", {"type": "member_of", "source": "a", "target": "a", "role": "r" * 2001, "sources": ["s"]}, "r"),
    ]
    with pytest.raises(DataError) as info:
        validate_records(rows)
    found = {(p.id, p.field): p.message for p in info.value.problems}
    assert found[("a", "name")] == "text holds control character U+0000 at position 2"
    assert found[("b", "name")] == "text holds a lone surrogate U+D800 at position 2"
    assert found[("a:member_of:a", "role")] == "text is 2001 characters long; the limit is 2000"


def test_fifo_and_device_refused_with_exit_2(tmp_path: Path) -> None:
    import os

    from tests.conftest import run_govgraph

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for target, what in ((fifo, "not a regular file or folder"), (Path("/dev/zero"), "not a regular file or folder")):
        result = run_govgraph("validate", str(target))
        assert result.returncode == 2
        assert f"{target}: {what} (a FIFO, device or socket is not read as data)" in result.stderr
    result = run_govgraph("validate", str(tmp_path))  # a FIFO inside a data folder is refused too
    assert result.returncode == 2 and f"{fifo}: not a regular file" in result.stderr


def test_hidden_entries_of_a_folder_skipped(tmp_path: Path) -> None:
    from tests.conftest import run_govgraph

    (tmp_path / "data.yaml").write_text(HEADER, encoding="utf-8")
    (tmp_path / ".partial.yaml").write_text("broken: [\n", encoding="utf-8")
    (tmp_path / ".tmp-export").mkdir()
    (tmp_path / ".tmp-export" / "x.yaml").write_text("broken: [\n", encoding="utf-8")
    assert len(load_dataset([tmp_path]).sources) == 1
    result = run_govgraph("validate", str(tmp_path))
    assert result.returncode == 0 and "valid: 1 files" in result.stderr


def test_problem_in_a_fast_read_file_located_by_reading_it_again(tmp_path: Path) -> None:
    """A file the fast reader read (no positions) gets its cross-record problems located all the same."""
    from govgraph.yamlio import load_fast

    path = tmp_path / "data.yaml"
    path.write_text(HEADER + REL.replace("target: org", "target: orgg"), encoding="utf-8")
    assert load_fast(path) is not None
    p = only(tmp_path, REL.replace("target: org", "target: orgg"))
    assert (p.line, p.col, p.id, p.field) == (19, 13, "st:member_of:orgg:1960", "target")
    code, lines = cli_problems(path)
    assert code == 1 and lines == [f"{path}:19:13: st:member_of:orgg:1960: target: {p.message}"]


def test_origins_of_fast_read_records(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(HEADER + REL, encoding="utf-8")
    ds = load_dataset([path])
    assert dict(ds.origins) == {
        "source:src": f"{path}:2",
        "actor:org": f"{path}:6",
        "actor:st": f"{path}:12",
        "relation:st:member_of:org:1960": f"{path}:17",
    }


def test_every_tag_named_by_record_and_field(tmp_path: Path) -> None:
    body = (
        ORG.replace("kind: organisation", "kind: !!str organisation")
        + "    aliases: !!seq [x, !!int y]\nfoo: !!set {a}\n"
    )
    found = problems(tmp_path, body)
    assert [(p.line, p.col, p.id, p.field) for p in found] == [
        (7, 11, "org", "kind"),
        (12, 14, "org", "aliases"),
        (12, 24, "org", "aliases.1"),
        (13, 6, "", "foo"),
    ]
    assert [p.message.split(" is not allowed")[0] for p in found] == [
        "the tag !!str",
        "the tag !!seq",
        "the tag !!int",
        "the tag !!set",
    ]
    code, lines = cli_problems(tmp_path / "data.yaml")
    assert code == 1 and len(lines) == 4 and ":12:24: org: aliases.1: the tag !!int is not allowed" in lines[2]
