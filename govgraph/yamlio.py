"""Safe YAML reading that remembers where every value stood.

libyaml's C parser does the parsing; a pre-pass over the event stream rejects anchors and aliases (alias
bombs) and absurd nesting before anything is built, and the constructor rejects duplicate keys. Mappings come
back as :class:`LocDict` and sequences as :class:`LocList`, which know the line and column of each item, so
a validation error can name the exact place in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "LocDict", "LocList", "load_yaml", "locate"]

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64

try:  # libyaml, as the design asks; the pure-Python parser only where PyYAML was built without it
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader


class LocDict(dict):
    """A dict that remembers its own position and the position of each value."""

    line: int = 1
    col: int = 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.positions: dict[Any, tuple[int, int]] = {}


class LocList(list):
    """A list that remembers its own position and the position of each item."""

    line: int = 1
    col: int = 1

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.positions: list[tuple[int, int]] = []


class _YamlProblem(Exception):
    def __init__(self, mark: Any, message: str):
        self.line = (mark.line + 1) if mark is not None else 1
        self.col = (mark.column + 1) if mark is not None else 1
        self.message = message


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader building LocDict/LocList and refusing duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocDict:
    out = LocDict()
    out.line, out.col = _pos(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _YamlProblem(key_node.start_mark, "a mapping key must be a plain value") from None
        if key in out:
            line = out.positions[key][0]
            raise _YamlProblem(key_node.start_mark, f"duplicate key {key!r} (first at line {line})")
        out[key] = loader.construct_object(value_node, deep=True)
        out.positions[key] = _pos(value_node)
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocList:
    out = LocList(loader.construct_object(child, deep=True) for child in node.value)
    out.line, out.col = _pos(node)
    out.positions = [_pos(child) for child in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _check_events(text: str) -> None:
    """Reject anchors, aliases and deep nesting from the event stream, before building anything."""
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _YamlProblem(event.start_mark, "anchors and aliases are not allowed in govgraph data")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _YamlProblem(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _Located(Problem(name, line, 1, "", "", "not a text file (contains NUL bytes)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _Located(Problem(name, line, col, "", "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")) from None


class _Located(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read one YAML file safely; return ``(data, problems)`` with ``data`` None on failure."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(name, 1, 1, "", "", f"file is {size} bytes; the limit is {MAX_BYTES}")]
        text = _decode(path.read_bytes(), name)
    except _Located as exc:
        return None, [exc.problem]
    except OSError as exc:
        return None, [Problem(name, 1, 1, "", "", f"cannot read: {exc.strerror or exc}")]
    if not text.strip():
        return None, [Problem(name, 1, 1, "", "", "file is empty")]
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        if data is None:
            return None, [Problem(name, 1, 1, "", "", "file is empty (no data, only comments)")]
        return data, []
    except _YamlProblem as exc:
        return None, [Problem(name, exc.line, exc.col, "", "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in str(exc.problem):  # libyaml >= 0.2.6 (PyYAML 6.0.4) stops deep nesting itself
            return None, [Problem(name, line, col, "", "", f"nested deeper than {MAX_DEPTH} levels")]
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, [Problem(name, line, col, "", "", f"YAML syntax error: {what}")]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return None, [Problem(name, 1, 1, "", "", f"YAML error: {exc}")]


def locate(node: Any, path: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column of the value at ``path`` below ``node``, as deep as the path can be followed."""
    line, col = getattr(node, "line", 1), getattr(node, "col", 1)
    for step in path:
        if (isinstance(node, LocDict) and step in node) or (
            isinstance(node, LocList) and isinstance(step, int) and 0 <= step < len(node)
        ):
            line, col = node.positions[step]
            node = node[step]
        else:
            break
    return line, col
