"""YAML files with many relations: the relations are checked as table rows, with the models' result exactly.

Every test compares with the models' reading of the same files (``bulk_sized`` patched to refuse), field by field:
the records, which fields each record was given, the citations, and where each record is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph.dataset as dataset
from govgraph.bulk import BULK_YAML_RELATIONS, BulkDataset
from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.synth import write_synth
from tests.conftest import run_govgraph


@pytest.fixture(scope="module")
def big_yaml(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bulk") / "yaml"
    write_synth(out, orgs=600, states=60, memberships=BULK_YAML_RELATIONS, ties=200, seed=5, fmt="yaml")
    return out


def _models(paths: list[Path], monkeypatch: pytest.MonkeyPatch):
    """The dataset the models read (the bulk reading refused)."""
    with monkeypatch.context() as m:
        m.setattr(dataset, "bulk_sized", lambda files: False)
        return load_dataset(paths)


def _dump(ds) -> tuple:
    return (
        [(a.model_dump(mode="json"), sorted(a.model_fields_set)) for a in ds.actors.values()],
        [
            (r.model_dump(mode="json"), sorted(r.model_fields_set), [sorted(c.model_fields_set) for c in r.sources])
            for r in ds.relations
        ],
        [s.model_dump(mode="json") for s in ds.sources.values()],
        dict(ds.origins),
    )


def test_many_yaml_relations_read_as_rows_give_the_models_records(big_yaml, monkeypatch):
    fast = load_dataset([big_yaml])
    assert isinstance(fast, BulkDataset)
    assert fast.counts() == {"actors": 660, "relations": BULK_YAML_RELATIONS + 200, "sources": 8, "figures": 0}
    slow = _models([big_yaml], monkeypatch)
    assert not isinstance(slow, BulkDataset)
    assert _dump(fast) == _dump(slow)
    key = fast.relations[0].key
    assert fast.origins[f"relation:{key}"].startswith(f"{big_yaml / 'memberships.yaml'}:")


def _edit(big_yaml: Path, tmp_path: Path, old: str, new: str) -> Path:
    d = tmp_path / "d"
    d.mkdir()
    for f in big_yaml.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "memberships.yaml":
            assert old in text
            text = text.replace(old, new, 1)
        (d / f.name).write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    status: full\n", "    status: full\n    end: null\n"),  # explicit null: a field given
        ("    status: full\n", "    status: full\n    role: ' chair '\n"),  # text the models strip
        ("      - synth-01\n", "      - {key: synth-01, note: Says so.}\n"),  # a note: no cell holds it
        ("    start: 2020\n", "    start: '2020'\n"),  # a quoted year
    ],
)
def test_records_a_row_reads_otherwise_go_through_the_models(big_yaml, tmp_path, monkeypatch, old, new):
    d = _edit(big_yaml, tmp_path, old, new)
    fast, slow = load_dataset([d]), _models([d], monkeypatch)
    assert _dump(fast) == _dump(slow)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    target: org-", "    target: orgx-", "target: unknown actor 'orgx-"),
        ("    status: full\n", "    status: ful\n", "status: unknown status 'ful'; did you mean 'full'?"),
        ("    start: 2020\n", "    start: 20x0\n", "start: '20x0' is not a date"),
        ("    status: full\n", "    status: 7\n", "status:"),
        ("    type: member_of\n", "    type: member_of\n    colour: red\n", "colour: unknown field"),
    ],
)
def test_problems_reported_by_the_models_in_place(big_yaml, tmp_path, monkeypatch, old, new, message):
    d = _edit(big_yaml, tmp_path, old, new)
    with pytest.raises(DataError) as fast:
        load_dataset([d])
    with pytest.raises(DataError) as slow:
        _models([d], monkeypatch)
    assert [str(p) for p in fast.value.problems] == [str(p) for p in slow.value.problems]
    assert any(message in str(p) and "memberships.yaml:" in str(p) for p in fast.value.problems)
    if "unknown actor" in message:  # and through the command, once
        done = run_govgraph("validate", "--data", str(d))
        assert done.returncode == 1 and message in done.stderr, done.stderr
