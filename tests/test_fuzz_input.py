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

FUZZ = settings(
    max_examples=200, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

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


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types (``1``, ``1.0`` and ``True`` differ; NaN equals NaN)."""
    both = (isinstance(a, dict) and isinstance(b, dict)) or (isinstance(a, list) and isinstance(b, list))
    if type(a) is not type(b) and not both:
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


#: Plain scalars on both sides of every line the two readers could draw: YAML 1.1 forms, core forms, near misses.
TRICKY_WORDS = """
no yes on off y n NO Yes OFF true True TRUE false FALSE tRue null Null NULL nULL ~
0 00 017 -0 +12 0o17 0o8 0x1F 0x1f 0X1F -0x1F +0o7 0b101 0B1 1_000 _1 1__0 1_ 1e3 1E3 1.e3 .5 +.5 -.5e-2
1. 0. 1.5.2 .inf -.inf +.inf .Inf .INF .iNf .nan .NaN .NAN -.nan 1e400 99999999999999999999999 32:45
2020-01-02 2020-13-45 2001-12-14t21:59:43.10-05:00 12:34:56 org_1 member_of ar6_wg1 2020_report
"""
TRICKY = [*TRICKY_WORDS.split(), "'quoted 1'", '"dq \\t tab"', "R & D", "a #not comment", "x: y"]
SCALAR = st.one_of(
    st.sampled_from(TRICKY), st.text(alphabet="abo019_.-+:eExXB~ ", min_size=1, max_size=8).map(str.strip)
)


@st.composite
def documents(draw: Any) -> str:
    """A small YAML mapping of tricky scalars, flow lists and nested blocks."""
    lines = []
    for n, key in enumerate(draw(st.lists(st.sampled_from(["a", "b", "c", "d", "1", "no", "on"]), unique=True))):
        shape = draw(st.integers(0, 2))
        if shape == 0:
            lines.append(f"{key}: {draw(SCALAR)}")
        elif shape == 1:
            lines.append(f"{key}: [{', '.join(draw(st.lists(SCALAR, max_size=3)))}]")
        else:
            lines.append(f"{key}:")
            lines += [f"  - {draw(SCALAR)}" for _ in range(draw(st.integers(1, 2)))]
        if n == 0 and draw(st.booleans()):
            lines.append(f"{key}: duplicate")
    return "\n".join(lines) + "\n"


@settings(FUZZ, max_examples=300)
@given(text=st.one_of(documents(), YAMLISH))
def test_fast_reader_reads_what_the_locating_reader_reads(text: str) -> None:
    """Where both readers read a file, they give the same values, of the same types.

    (yaml_rs accepts a little YAML 1.2 syntax that libyaml refuses, such as ``[:]``; such a file is only ever
    valid data if its values pass validation, and the next test holds the datasets equal.)
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        fast = load_fast(path)
        data, _ = load_yaml(path)
        if fast is not None and data is not None:
            assert _same(data, fast), (text, data, fast)


@st.composite
def data_files(draw: Any) -> str:
    """A govgraph data file whose values are tricky plain scalars."""
    state = {"name": draw(SCALAR), "iso2": draw(st.sampled_from(["NO", "no", "FR", "Yes"]))}
    org = {"name": draw(SCALAR), "founded": draw(SCALAR), "aliases": f"[{draw(SCALAR)}]"}
    rel = {"start": draw(SCALAR), "role": draw(SCALAR)}
    return (
        "sources:\n  - {id: s, type: document, title: T}\nactors:\n"
        f"  - {{id: st, kind: state, name: {state['name']}, iso2: {state['iso2']}, sources: [s]}}\n"
        f"  - id: o\n    kind: organisation\n    org_type: intergovernmental\n    name: {org['name']}\n"
        f"    founded: {org['founded']}\n    aliases: {org['aliases']}\n    sources: [s]\n"
        f"relations:\n  - {{type: member_of, source: st, target: o, start: {rel['start']}, role: {rel['role']},"
        " sources: [s]}\n"
    )


def _outcome(path: Path) -> Any:
    try:
        ds = load_dataset([path])
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return [r.model_dump() for r in [*ds.sources.values(), *ds.actors.values(), *ds.relations]]


@settings(FUZZ, max_examples=150)
@given(text=data_files())
def test_dataset_same_whichever_reader(text: str) -> None:
    """load_dataset gives the same records, or the same located problems, with or without the fast reader."""
    from govgraph import yamlio

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        fast = _outcome(path)
        saved, yamlio.yaml_rs = yamlio.yaml_rs, None  # the reference: the locating reader alone
        try:
            careful = _outcome(path)
        finally:
            yamlio.yaml_rs = saved
        assert fast == careful, text
