"""``merge: true``: a record that adds to the actor of the same id defined elsewhere, or stands alone."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset, validate_records
from govgraph.errors import DataError
from govgraph.graph import build_graph

BASE = """\
sources:
  - {id: a, type: document, title: A}
actors:
  - id: org
    kind: organisation
    name: Organisation
    aliases: [ORG]
    org_type: un_specialised_agency
    founded: 1945-11-16
    issue_areas: [health]
    sources: [a]
"""
EXTRA = """\
sources:
  - {id: b, type: dataset, title: B}
actors:
  - id: org
    kind: organisation
    name: Org (other name)
    aliases: [ORG, Other]
    org_type: intergovernmental
    founded: 1940
    dissolved: 2000
    issue_areas: [health, trade]
    sources: [b]
    merge: true
"""


def _files(tmp_path: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        paths.append(path)
    return paths


def test_merge_record_joins_lists_and_fills_only_what_is_missing(tmp_path: Path) -> None:
    ds = load_dataset(_files(tmp_path, base=BASE, extra=EXTRA))
    org = ds.actors["org"]
    assert org.name == "Organisation" and org.org_type == "un_specialised_agency"  # the plain record wins
    assert str(org.founded) == "1945-11-16"
    assert str(org.dissolved) == "2000"  # missing there: filled in
    assert org.aliases == ["ORG", "Other"]
    assert org.issue_areas == ["health", "trade"]
    assert [c.key for c in org.sources] == ["a", "b"]
    assert org.merge is None and "merge" not in build_graph(ds).nodes["org"]
    assert ds.origins["actor:org"].endswith("base.yaml:4")


def test_order_of_files_does_not_matter(tmp_path: Path) -> None:
    a, b = _files(tmp_path, base=BASE, extra=EXTRA)
    assert load_dataset([a, b]).actors == load_dataset([b, a]).actors


def test_merge_record_alone_stands_as_the_actor(tmp_path: Path) -> None:
    ds = load_dataset(_files(tmp_path, extra=EXTRA))
    assert ds.actors["org"].name == "Org (other name)" and ds.actors["org"].merge is None


def test_two_plain_records_are_still_duplicates(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_dataset(_files(tmp_path, base=BASE, again=BASE.replace("{id: a,", "{id: a2,").replace("[a]", "[a2]")))
    (p,) = info.value.problems
    assert p.field == "id" and p.message.startswith("duplicate actor id (first at")


def test_merge_of_another_kind_is_an_error(tmp_path: Path) -> None:
    state = EXTRA.replace("kind: organisation", "kind: state").replace("    org_type: intergovernmental\n", "")
    with pytest.raises(DataError) as info:
        load_dataset(_files(tmp_path, base=BASE, extra=state))
    (p,) = info.value.problems
    assert (p.line, p.id, p.field) == (5, "org", "kind")
    assert p.message.startswith("cannot merge a state into the organisation org of ")


def test_validate_records_checks_like_yaml() -> None:
    records = [
        ("sources", {"id": "s", "type": "document", "title": "S"}, "mem"),
        ("actors", {"id": "x", "kind": "state", "name": "X", "sources": ["s"]}, "mem"),
        ("relations", {"type": "member_of", "source": "x", "target": "nobody", "sources": ["s"]}, "mem"),
    ]
    with pytest.raises(DataError) as info:
        validate_records(records)
    (p,) = info.value.problems
    assert (p.field, p.message) == ("target", "unknown actor 'nobody'")
    ds = validate_records(records[:2])
    assert list(ds.actors) == ["x"]
