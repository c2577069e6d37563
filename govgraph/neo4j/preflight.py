"""What Neo4j cannot store, found before the first write, so that a load never stops half-way on valid data.

Two things a valid dataset may hold that a Neo4j write refuses mid-load: a value of an indexed property
(ids, actor names, relation keys) longer than a range index key (8,167 bytes of UTF-8; we cap at
``MAX_TEXT * 4`` = 8,000 bytes, what :mod:`govgraph.limits` promises every door), and a number outside what
Neo4j stores (64-bit integers, finite floats: :func:`govgraph.limits.number_problem`). Relation keys are built
from two ids and a date, so they can pass every check on text and still be too long. Each problem is located
where the record came from (``FILE:LINE``, its id and the property).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from govgraph.errors import Problem
from govgraph.limits import INT64_MAX, INT64_MIN, MAX_TEXT, number_problem
from govgraph.schema_gen import neo4j_schema_statements

__all__ = ["INDEX_KEY_BYTES", "indexed_properties", "unwritable"]

#: longest indexed value, in bytes of UTF-8 (Neo4j's range-index key limit is 8,167 bytes)
INDEX_KEY_BYTES = MAX_TEXT * 4

_ON = re.compile(r"FOR \((?:\w+)?:(\w+)\)|FOR \(\)-\[\w+:(\w+)\]-\(\)")
_PROP = re.compile(r"(?:REQUIRE|ON \() *\w+\.(\w+)")


def indexed_properties() -> dict[str, set[str]]:
    """Label or relationship type -> the properties govgraph's schema indexes on it."""
    out: dict[str, set[str]] = {}
    for statement in neo4j_schema_statements():
        on, prop = _ON.search(statement), _PROP.search(statement)
        if on and prop:
            out.setdefault(on.group(1) or on.group(2), set()).add(prop.group(1))
    return out


def _values(value: Any) -> Iterable[Any]:
    if isinstance(value, list):
        yield from value
    else:
        yield value


def row_problems(props: dict[str, Any], indexed: set[str]) -> Iterable[tuple[str, str]]:
    """(property, message) for each value of ``props`` that Neo4j cannot store or index."""
    for name, value in sorted(props.items()):
        for item in _values(value):
            why = number_problem(item) if isinstance(item, int | float) else None
            if why:
                yield name, why
            elif isinstance(item, str) and name in indexed:
                size = len(item.encode("utf-8", "surrogatepass"))
                if size > INDEX_KEY_BYTES:
                    yield (
                        name,
                        (
                            f"is {size} bytes of UTF-8; Neo4j indexes at most {INDEX_KEY_BYTES} bytes "
                            "(shorten it, or give the record a shorter explicit id)"
                        ),
                    )


#: a text of at most this many characters is at most INDEX_KEY_BYTES of UTF-8 (4 bytes a character at most)
_SHORT = INDEX_KEY_BYTES // 4
_SAFE = (str, bool, type(None))


def _plainly_fine(props: dict[str, Any], indexed: set[str]) -> bool:
    """True when every value of ``props`` is certainly storable: texts short enough to index, integers within
    64 bits. A fast first look (a million rows pass here); a False sends the row to :func:`row_problems`."""
    for name, value in props.items():
        if type(value) is list:
            if not all(_plain_value(name, item, indexed) for item in value):
                return False
        elif not _plain_value(name, value, indexed):
            return False
    return True


def _plain_value(name: str, value: Any, indexed: set[str]) -> bool:
    kind = type(value)
    if kind is str:
        return len(value) <= _SHORT or name not in indexed
    if kind is int:
        return INT64_MIN <= value <= INT64_MAX
    return kind in _SAFE


def unwritable(batches: Iterable[Any], origins: dict[str, str]) -> list[Problem]:
    """Problems in the rows of the planned ``batches`` (see :func:`govgraph.neo4j.loader.plan_batches`)."""
    indexes = indexed_properties()
    problems: list[Problem] = []
    for batch in batches:
        indexed = indexes.get(batch.name, set()) | (indexes.get("Actor", set()) if batch.actors else set())
        for row in batch.rows:
            props = row.get("props", {})
            links = row.get("links", ())
            rid = row.get("id", "")
            if (
                (type(rid) is str and (len(rid) <= _SHORT or "id" not in indexed))
                and _plainly_fine(props, indexed)
                and all(_plainly_fine(link["props"], set()) for link in links)
            ):
                continue
            props = {"id": row["id"], **props} if "id" in row else dict(props)
            found = list(row_problems(props, indexed))
            for link in links:
                found += [(f"{k} (citation of {link['key']})", m) for k, m in row_problems(link["props"], set())]
            if not found:
                continue
            file, _, line = origins.get(f"{batch.record}:{row['id']}", "-:0").rpartition(":")
            for prop, message in found:
                problems.append(Problem(file or "-", int(line) if line.isdigit() else 0, 1, row["id"], prop, message))
    return sorted(set(problems))
