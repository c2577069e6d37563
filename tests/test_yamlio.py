"""Hostile bytes never crash the reader: each gives one located problem and no data."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph import yamlio
from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.yamlio import LocDict, LocList, load_yaml, locate


def read(tmp_path: Path, raw: bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    return load_yaml(path)


def single_problem(tmp_path: Path, raw: bytes):
    data, problems = read(tmp_path, raw)
    assert data is None
    assert len(problems) == 1, problems
    return problems[0]


def test_positions_are_remembered(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"a:\n  - x: 1\n    y: [1, 2]\nb: 2\n")
    assert problems == []
    assert isinstance(data, LocDict) and isinstance(data["a"], LocList)
    assert locate(data, ("a", 0, "y", 1)) == (3, 12)
    assert locate(data, ("b",)) == (4, 4)
    assert locate(data, ("a", 0, "missing")) == (2, 5)  # as deep as the path goes


def test_binary(tmp_path: Path) -> None:
    p = single_problem(tmp_path, b"a: 1\n\x00\x01\x02")
    assert p.line == 2 and "not a text file" in p.message


def test_not_utf8(tmp_path: Path) -> None:
    p = single_problem(tmp_path, b"a: 1\nb: caf" + b"\xe9\n")
    assert (p.line, p.col) == (2, 7) and "not valid UTF-8 (byte 0xe9)" in p.message


def test_utf8_bom_and_chinese_are_fine(tmp_path: Path) -> None:
    data, problems = read(tmp_path, "\ufeffname_zh: 联合国教科文组织\n".encode())
    assert problems == [] and data["name_zh"] == "联合国教科文组织"


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty(tmp_path: Path, raw: bytes) -> None:
    p = single_problem(tmp_path, raw)
    assert p.message.startswith("file is empty")


def test_syntax_error_located(tmp_path: Path) -> None:
    p = single_problem(tmp_path, b"a: [1, 2\nb: 3\n")
    assert p.line >= 2 and "YAML syntax error" in p.message


def test_alias_bomb_refused_before_expansion(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    p = single_problem(tmp_path, "\n".join(lines).encode())
    assert p.line == 1 and "anchors and aliases are not allowed" in p.message


def test_deep_nesting(tmp_path: Path) -> None:
    """Whichever stops it first (our event pre-pass or libyaml's own limit), the message is ours and located."""
    p = single_problem(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    assert p.message == "nested deeper than 64 levels"
    assert p.line == 1 and 1 <= p.col <= 1001


def test_python_tags_refused(tmp_path: Path) -> None:
    p = single_problem(tmp_path, b"a: !!python/object/apply:os.system ['echo pwned']\n")
    assert p.line == 1 and "python/object" in p.message


def test_huge_file_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_BYTES", 1000)
    p = single_problem(tmp_path, b"a: 1\n" * 300)
    assert "the limit is 1000" in p.message


def test_non_mapping_key(tmp_path: Path) -> None:
    p = single_problem(tmp_path, b"? [1, 2]\n: x\n")
    assert "mapping key" in p.message


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe\x00\x00", b"- 1\n- 2\n", b"just text", b"actors: 5\n", b"actors:\n  - 7\n", b"\x1b[31m: 1\n"],
)
def test_load_dataset_never_raises_anything_but_dataerror(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    with pytest.raises(DataError) as info:
        load_dataset([path])
    assert all(p.file == str(path) for p in info.value.problems)


@pytest.mark.parametrize(
    ("raw", "col", "shown"),
    [
        (b"a: !!bool yes\n", 4, "!!bool"),
        (b"a: !!timestamp 2001-12-14\n", 4, "!!timestamp"),
        (b"a: !!seq [1, 2]\n", 4, "!!seq"),
        (b"a: !!binary aGVsbG8=\n", 4, "!!binary"),
        (b"a: !!set {x, y}\n", 4, "!!set"),
        (b"a: !!str 1950\n", 4, "!!str"),
        (b"a: !local x\n", 4, "!local"),
        (b"a: ! x\n", 4, "!"),
    ],
)
def test_every_explicit_tag_refused_at_its_place(tmp_path: Path, raw: bytes, col: int, shown: str) -> None:
    p = single_problem(tmp_path, b"x: 1\n" + raw)
    assert (p.line, p.col) == (2, col)
    assert p.message.startswith(f"the tag {shown} is not allowed in govgraph data")


def test_all_tags_of_a_file_reported(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"a: !!bool yes\nb: [!!int 1, !!float 2]\n")
    assert data is None
    assert [(p.line, p.col) for p in problems] == [(1, 4), (2, 5), (2, 14)]


def test_plain_scalars_follow_the_yaml_12_core_schema(tmp_path: Path) -> None:
    """YAML 1.1's booleans, base-60 numbers, timestamps and underscores stay text; core forms are numbers."""
    text = (
        "t: [no, yes, on, off, y, n, NO, Yes, OFF]\n"
        "b60: 32:45\n"
        "date: 2020-13-45\n"
        "day: 2020-01-02\n"
        "under: 1_000\n"
        "bin: 0b101\n"
        "core: [017, 0o17, 0x1F, -5, +3, 1.5, 1e3, .inf, -.Inf, true, False, ~, null, '']\n"
        "empty:\n"
    )
    data, problems = read(tmp_path, text.encode())
    assert problems == []
    assert data["t"] == ["no", "yes", "on", "off", "y", "n", "NO", "Yes", "OFF"]
    assert (data["b60"], data["date"], data["day"], data["under"], data["bin"]) == (
        "32:45",
        "2020-13-45",
        "2020-01-02",
        "1_000",
        "0b101",
    )
    assert data["core"][:7] == [17, 15, 31, -5, 3, 1.5, 1000.0]
    assert data["core"][7:9] == [float("inf"), float("-inf")]
    assert data["core"][9:] == [True, False, None, None, ""]
    assert data["empty"] is None


def test_every_duplicate_key_reported(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\n")
    assert data is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (3, 1, "duplicate key 'a' (first at line 1)"),
        (4, 11, "duplicate key 'x' (first at line 4)"),
    ]


PLAIN = b"a: [1, x]\nb: {c: no, d: 2020-01-02}\nmember_of: org_12\n"


def test_fast_reader_reads_plain_files_as_the_locating_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(PLAIN)
    fast = yamlio.load_fast(path)
    assert fast == {"a": [1, "x"], "b": {"c": "no", "d": "2020-01-02"}, "member_of": "org_12"}
    assert type(fast["a"]) is list and not isinstance(fast, LocDict)  # no positions: found when needed
    assert fast == load_yaml(path)[0]


@pytest.mark.parametrize(
    "extra",
    [
        b"e: !!str 1\n",  # a tag
        b"e: &x 1\nf: *x\n",  # an anchor and an alias
        b"%YAML 1.1\n---\ne: 1\n",  # a directive
        b"e: 1_000\n",  # a number yaml_rs reads and the core schema does not
        b"e: [0b1]\n",
        b"e: -0x1F\n",
        b"e: .iNf\n",
        b"e:\tx\n",  # a tab
        "e: x\u0085y\n".encode(),  # NEL, a line break to libyaml
        "e: x\u2028y\n".encode(),
        b"e: 1\ne: 2\n",  # a duplicate key: yaml_rs refuses it, the locating reader reports it
        b"- 1\n",  # not a mapping
    ],
)
def test_fast_reader_leaves_doubtful_files_to_the_locating_reader(tmp_path: Path, extra: bytes) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(PLAIN + extra if not extra.startswith((b"%", b"-")) else extra)
    assert yamlio.load_fast(path) is None


@pytest.mark.parametrize("text", ["name: R & D\n", "a: x_1\nb: 2020_report_x\n", "a: '1_000'\n", "a: 0x1F\n"])
def test_harmless_lookalikes_still_read_fast(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert yamlio.load_fast(path) == load_yaml(path)[0]
