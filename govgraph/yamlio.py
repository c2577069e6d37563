"""Safe YAML reading: fast when the file is sound, located when it is not.

Two readers share one contract (a plain scalar is text unless it is a YAML 1.2 core ``int``, ``float``, ``null``
or ``true``/``false``; no tags, anchors, aliases, duplicate keys or deep nesting):

- :func:`load_yaml`, the locating reader: libyaml's C parser; a pre-pass over the event stream refuses explicit
  tags, anchors and aliases (alias bombs) and absurd nesting before anything is built; the constructor collects
  every duplicate key. Mappings come back as :class:`LocDict` and sequences as :class:`LocList`, which know the
  line and column of each item, so a validation error can name the exact place in the file.
- :func:`load_fast`, the fast reader (``yaml_rs``, a Rust parser, about 20 times faster): plain dicts and lists,
  no positions. It answers only for files that a cheap scan of the text shows to hold nothing the two readers
  could read differently (tags, anchors, aliases, directives, characters libyaml refuses or reads as line breaks,
  numbers outside the core forms); otherwise it answers None, and the caller uses the locating reader. Positions
  are computed where a problem is reported: the caller re-reads that file with :func:`load_yaml`.

YAML 1.1 surprises are not read: ``no``, ``yes``, ``on``, ``off`` are text, ``32:45`` is text (not base-60
1965), ``2020-13-45`` is text (a date field reports it, at its place), ``1_000`` and ``0b1`` are text.
"""

from __future__ import annotations

import math
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import Problem

__all__ = [
    "BULK_BYTES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "Duplicate",
    "LocDict",
    "LocList",
    "bulk_sized",
    "load_fast",
    "load_yaml",
    "locate",
    "read_yaml",
]

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64

try:  # libyaml, as the design asks; the pure-Python parser only where PyYAML was built without it
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

try:
    import yaml_rs
except ImportError:  # pragma: no cover - a platform without its wheel reads every file with libyaml
    yaml_rs = None


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


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping (the first value is kept)."""

    mapping: LocDict
    key: Any
    line: int
    col: int
    first_line: int

    @property
    def message(self) -> str:
        return f"duplicate key {self.key!r} (first at line {self.first_line})"


class _YamlProblem(Exception):
    def __init__(self, mark: Any, message: str):
        self.line = (mark.line + 1) if mark is not None else 1
        self.col = (mark.column + 1) if mark is not None else 1
        self.message = message


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# -- the scalar contract: YAML 1.2 core schema, nothing else -------------------------------------------------------

_CORE = {
    "bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    "null": (r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    "int": (r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    "float": (
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
}
#: Longest integer text converted to a number (Python refuses longer ones); longer digit runs stay text.
_MAX_INT_DIGITS = 4000


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader: core-schema scalars, LocDict/LocList with positions, every duplicate key collected."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry, replaced whole
    yaml_constructors: dict[Any, Any] = {}  # noqa: RUF012

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[Duplicate] = []
        self.bad_keys: list[tuple[int, int]] = []


for _kind, (_pattern, _first) in _CORE.items():
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_kind}", re.compile(_pattern), list(_first))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    text = node.value
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text) if len(text) <= _MAX_INT_DIGITS else text


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    text = node.value
    body = text.lstrip("+-").lower()
    if body == ".inf":
        return -math.inf if text.startswith("-") else math.inf
    if body == ".nan":
        return math.nan
    return float(text)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocDict:
    out = LocDict()
    out.line, out.col = _pos(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.bad_keys.append(_pos(key_node))
            continue
        if key in out:
            first = out.positions[key][0]
            loader.duplicates.append(Duplicate(out, key, *_pos(key_node), first))
            continue
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
_Loader.add_constructor("tag:yaml.org,2002:str", lambda loader, node: node.value)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: node.value.lower() == "true")
_Loader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _check_events(text: str) -> list[_YamlProblem]:
    """Tags, anchors, aliases and deep nesting, from the event stream, before anything is built.

    Every explicit tag is reported; the first anchor or alias, or nesting too deep, ends the scan.
    """
    loader = _Loader(text)
    found: list[_YamlProblem] = []
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return found
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                found.append(_YamlProblem(event.start_mark, "anchors and aliases are not allowed in govgraph data"))
                return found
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, (yaml.DocumentStartEvent, yaml.DocumentEndEvent)):
                found.append(
                    _YamlProblem(
                        event.start_mark,
                        f"the tag {_shown_tag(tag)} is not allowed in govgraph data (write the value plainly; "
                        "quote it to make it text)",
                    )
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    found.append(_YamlProblem(event.start_mark, f"nested deeper than {MAX_DEPTH} levels"))
                    return found
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


_PLAIN_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq"}


class _TagBlindLoader(_Loader):
    """Reads tagged nodes as if untagged (scalars as text), to tell which record and field a refused tag is in."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        plain = _PLAIN_TAGS.get(type(node), "tag:yaml.org,2002:map")
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:str":
            kind = node.tag.removeprefix("tag:yaml.org,2002:")
            if kind not in _CORE or not re.match(_CORE[kind][0], node.value):
                node.tag = plain
        elif not isinstance(node, yaml.ScalarNode):
            node.tag = plain
        return super().construct_object(node, deep)


def _untagged(text: str) -> Any:
    """The data of ``text`` with its tags ignored, or None when it cannot be read so."""
    loader = _TagBlindLoader(text)
    try:
        return loader.get_single_data()
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


# -- reading the bytes --------------------------------------------------------------------------------------------


class _Located(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


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


def _read_text(path: Path, name: str) -> str:
    """The file's text; a located problem when it is not a regular file, too large, binary or not UTF-8."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO, device or socket"
            raise _Located(Problem(name, 1, 1, "", "", f"not a regular file ({what}); give a YAML file"))
        if info.st_size > MAX_BYTES:
            raise _Located(Problem(name, 1, 1, "", "", f"file is {info.st_size} bytes; the limit is {MAX_BYTES}"))
        return _decode(path.read_bytes(), name)
    except OSError as exc:
        raise _Located(Problem(name, 1, 1, "", "", f"cannot read: {exc.strerror or exc}")) from None


# -- the locating reader ------------------------------------------------------------------------------------------


@dataclass
class ReadResult:
    """What :func:`read_yaml` found: the data (None when unreadable), problems, and duplicate keys."""

    data: Any
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    #: With tags refused (and nothing worse), the data read as if untagged: only to name each tag's record.
    tagged_tree: Any = None


def read_yaml(path: Path, display: str | None = None) -> ReadResult:
    """Read one YAML file with positions; duplicate keys are returned apart (the caller names their record).

    ``data`` is None when the file cannot be read or parsed, or holds a refused construct; ``problems`` then say
    why, each located. Mapping keys that are not plain values are problems too (the pair is left out).
    """
    name = display or str(path)
    try:
        text = _read_text(path, name)
    except _Located as exc:
        return ReadResult(None, [exc.problem])
    if not text.strip():
        return ReadResult(None, [Problem(name, 1, 1, "", "", "file is empty")])
    try:
        refused = _check_events(text)
        if refused:
            problems = [Problem(name, p.line, p.col, "", "", p.message) for p in refused]
            tags_only = all(p.message.startswith("the tag ") for p in refused)
            return ReadResult(None, problems, tagged_tree=_untagged(text) if tags_only else None)
        loader = _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        if data is None:
            return ReadResult(None, [Problem(name, 1, 1, "", "", "file is empty (no data, only comments)")])
        bad = [Problem(name, line, col, "", "", "a mapping key must be a plain value") for line, col in loader.bad_keys]
        return ReadResult(None if bad else data, bad, loader.duplicates)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in str(exc.problem):  # libyaml >= 0.2.6 (PyYAML 6.0.4) stops deep nesting itself
            return ReadResult(None, [Problem(name, line, col, "", "", f"nested deeper than {MAX_DEPTH} levels")])
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return ReadResult(None, [Problem(name, line, col, "", "", f"YAML syntax error: {what}")])
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return ReadResult(None, [Problem(name, 1, 1, "", "", f"YAML error: {exc}")])


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read one YAML file safely, with positions; return ``(data, problems)`` with ``data`` None on any problem.

    Every duplicate key is a problem here, located at the second key.
    """
    name = display or str(path)
    result = read_yaml(path, name)
    problems = result.problems + [Problem(name, d.line, d.col, "", "", d.message) for d in result.duplicates]
    return (None if problems else result.data), problems


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


# -- the fast reader ----------------------------------------------------------------------------------------------

#: Characters libyaml refuses, reads as line breaks (NEL, U+2028, U+2029) or treats apart (tab, a BOM inside).
_ODD_CHAR = re.compile(r"[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: Where a node property (``&a``, ``!tag``), an alias (``*a``) or a directive (``%``) may stand.
_INDICATOR = re.compile(r"[&*!%]")
#: Where a number that yaml_rs reads and the core schema does not (``1_000``, ``0b1``, ``-0x1``, ``.Inf``) may be;
#: each pattern starts with a literal, so the scan runs at memory speed.
#: An underscore between two ASCII letters (``member_of``, the common case) is never in a number: not a hint.
_NUMBER_HINTS = (
    re.compile("_(?:(?![A-Za-z])|(?<![A-Za-z]_))"),  # the literal first: the scan runs at memory speed
    re.compile("0[bBXOxo]"),
    re.compile(r"(?i)\.(?:inf|nan)"),
)
#: Every form yaml_rs may read as a number (a superset); the core forms among them are read alike by both readers.
_ANY_NUMBER = re.compile(r"[-+]?(?:0[xXoObB][0-9a-fA-F_]*|[0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9_]*)?|\.(?i:inf|nan))")
_CORE_SCALAR = re.compile("|".join(f"(?:{pattern[1:-1]})" for pattern, _ in _CORE.values()))
_TOKEN_START = ("", " ", "\n", "\r", "[", "{", ",", ":", "-", "+", ".")
_TOKEN_END = frozenset(" \t\n\r[]{},#:'\"")


def _number_differs_at(text: str, i: int) -> bool:
    """Whether the token around ``i`` (up to a blank, flow indicator, colon, hash or quote) is a number to
    yaml_rs and text to the core schema. A token touching a quote is quoted text, or plain text holding a quote."""
    start, end = i, i
    while start > 0 and text[start - 1] not in _TOKEN_END:
        start -= 1
    while end < len(text) and text[end] not in _TOKEN_END:
        end += 1
    if text[start - 1 : start] in ("'", '"') or text[end : end + 1] in ("'", '"'):
        return False
    token = text[start:end]
    return _ANY_NUMBER.fullmatch(token) is not None and _CORE_SCALAR.fullmatch(token) is None


def _inside_word(text: str, i: int) -> bool:
    """An underscore between a letter and a non-digit (``member_of``): no number can hold it."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return not before.isdigit() and not after.isdigit() and before not in _TOKEN_START


#: The printable ASCII characters and line breaks: an ASCII text with nothing else has no odd character.
_ASCII_PLAIN = b"\n\r" + bytes(range(0x20, 0x7F))


def _odd_char_in(text: str) -> bool:
    """Whether :data:`_ODD_CHAR` finds a character in ``text`` (an ASCII text is checked at memory speed)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_PLAIN))
    return _ODD_CHAR.search(text) is not None


def fast_reader_applies(text: str) -> bool:
    """True when :func:`load_fast` may read ``text``: nothing in it that the two readers could read differently.

    A superset test (a false alarm only costs speed): an indicator of a node property, alias or directive where
    a node may start (after a line start, ``[``, ``{``, ``,``, ``:``, ``?`` or ``-`` and blanks); a character
    libyaml refuses, reads as a line break, or a tab; a token that yaml_rs reads as a number and the YAML 1.2
    core schema as text (underscores, ``0b``, upper-case or signed prefixes, ``.inf``/``.nan`` in any case).
    """
    if yaml_rs is None or _odd_char_in(text):
        return False
    indicators = [c for c in "&*!%" if c in text]  # each a memchr; most files have none
    for found in _INDICATOR.finditer(text) if indicators else ():
        i = found.start() - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] in "\n\r[{,:?-":
            return False
    for hint in _NUMBER_HINTS:
        for found in hint.finditer(text):
            i = found.start()
            if hint is _NUMBER_HINTS[0] and _inside_word(text, i):
                continue
            if _number_differs_at(text, i):
                return False
    return True


#: YAML files larger than this together may hold bulk records (see :func:`govgraph.bulk.load_yaml_bulk`).
BULK_BYTES = 1_000_000


def bulk_sized(paths: list[Path]) -> bool:
    """Whether ``paths`` add up to :data:`BULK_BYTES` (a file that cannot be sized counts as empty: reading it
    reports why)."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total >= BULK_BYTES


def load_fast(path: Path, display: str | None = None) -> dict[str, Any] | None:
    """The file's top-level mapping as plain dicts and lists, or None: then read it with :func:`load_yaml`.

    None whenever the fast reader cannot vouch for the file: unreadable, not a single mapping, a syntax error or
    a duplicate key (the locating reader reports them), or anything :func:`fast_reader_applies` refuses. What it
    returns equals what :func:`load_yaml` returns, less the positions. Values nested deeper than a valid record
    can hold are the validator's to refuse (and the locating reader then names them).
    """
    try:
        text = _read_text(path, display or str(path))
    except _Located:
        return None
    if not fast_reader_applies(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # any failure of the fast reader means: read the file the careful way
        return None
    return data if isinstance(data, dict) and data else None
