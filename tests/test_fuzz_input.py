"""Fuzzing the input side: arbitrary bytes into the YAML readers, arbitrary JSON-like records into validation.

Bounded (200 examples each) and derandomized (the same examples on every run), so CI stays quick and repeatable.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.dataset import load_dataset, validate_records
from govgraph.errors import DataError, Problem
from govgraph.model import Dataset
from govgraph.yamlio import load_fast, load_yaml

FUZZ = settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Characters that drive a YAML parser into its corners, and a few that a reader must refuse.
YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab01:-[]{},#&*!|>'\"?%@` \t\n\r.~_+eoxNTF", "\x00", "\x1b", "\x85", "é", "联"]),
    max_size=80,
)
RAW = st.one_of(st.binary(max_size=200), YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass")))


def _located(problems: list[Problem], name: str) -> None:
    assert problems
    for p in problems:
        assert p.file == name and p.line >= 1 and p.col >= 1 and p.message
        str(p)  # renders


@FUZZ
@given(raw=RAW)
def test_any_bytes_give_data_or_located_problems(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(raw)
        data, problems = load_yaml(path)
        if data is None:
            _located(problems, str(path))
        else:
            assert problems == []
        load_fast(path)  # never raises: None sends the file to the locating reader
        try:
            ds = load_dataset([path])
        except DataError as exc:
            _located(exc.problems, str(path))
        else:
            assert isinstance(ds, Dataset)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)

VALID = {
    "sources": {"id": "s", "type": "document", "title": "T"},
    "actors": {"id": "a", "kind": "organisation", "name": "A", "org_type": "intergovernmental", "sources": ["s"]},
    "relations": {"type": "member_of", "source": "b", "target": "a", "start": 1990, "sources": ["s"]},
    "figures": {"id": "f", "value": 3, "unit": "u", "description": "d", "sources": ["s"]},
}
FIELDS = sorted({k for record in VALID.values() for k in record} | {"founded", "notes", "aliases", "headquarters"})


@st.composite
def records(draw: Any) -> list[tuple[str, Any, str]]:
    """A valid base (a state and an organisation it may join) and records with arbitrary values in known fields."""
    out = [("sources", VALID["sources"], "base"), ("actors", VALID["actors"], "base")]
    out.append(("actors", {"id": "b", "kind": "state", "name": "B", "sources": ["s"]}, "base"))
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(sorted(VALID)))
        record: Any = dict(VALID[section])
        for _ in range(draw(st.integers(0, 3))):
            record[draw(st.sampled_from(FIELDS))] = draw(JSON)
        if draw(st.booleans()):
            record = draw(JSON)  # anything at all where a record should be
        out.append((section, record, "fuzz"))
    return out


@FUZZ
@given(rows=records())
def test_any_records_give_a_dataset_or_located_problems(rows: list[tuple[str, Any, str]]) -> None:
    try:
        ds = validate_records(rows)
    except DataError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file in ("base", "fuzz") and p.message
            str(p)
    else:
        for rec in [*ds.sources.values(), *ds.actors.values(), *ds.relations, *ds.figures.values()]:
            for value in rec.model_dump().values():
                assert not (isinstance(value, float) and not math.isfinite(value))
