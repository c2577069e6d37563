"""What a value read from any door (YAML, tables, importers, Neo4j read-back) may hold.

One set of rules, checked wherever data enters: text is refused when it holds C0/C1 control characters other
than tab and newline (carriage return included: it breaks CSV rows and terminals), the non-characters U+FFFE and
U+FFFF, or lone surrogates; text is capped in length so that Neo4j's range indexes can index it (their key limit
is 8 kB of UTF-8, so 2,000 characters of up to 4 bytes each fit); integers stay within 64 bits (Neo4j's and
Parquet's integer); floats are finite.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = [
    "BAD_TEXT_PATTERN",
    "INT64_MAX",
    "INT64_MIN",
    "MAX_LONG_TEXT",
    "MAX_TEXT",
    "number_problem",
    "text_problem",
]

#: longest id, name, alias or other indexed text, in characters (4 bytes each at most: 8,000 bytes < 8,167)
MAX_TEXT = 2000
#: longest free text that is never indexed (notes, descriptions, titles of sources)
MAX_LONG_TEXT = 100_000
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

#: a regular expression (Python and Rust regex syntax alike) matching any character text may not hold
BAD_TEXT_PATTERN = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]"
_BAD = re.compile(BAD_TEXT_PATTERN)


def text_problem(value: str, *, limit: int = MAX_TEXT) -> str | None:
    """Why ``value`` cannot be stored as govgraph text, or None when it can.

    >>> text_problem("WFEO")
    >>> text_problem("a\\x1b[31mb")
    'holds control character U+001B at position 2'
    >>> text_problem("x" * 5, limit=4)
    'is 5 characters long; the limit is 4'
    """
    found = _BAD.search(value)
    if found:
        return f"holds {_describe(found.group())} at position {found.start() + 1}"
    if len(value) > limit:
        return f"is {len(value)} characters long; the limit is {limit}"
    return None


def number_problem(value: Any) -> str | None:
    """Why a number cannot be stored (outside 64 bits, NaN or infinite), or None when it can.

    >>> number_problem(2**63)
    'integer 9223372036854775808 is outside the 64-bit range'
    >>> number_problem(float("nan"))
    'NaN and infinity are not numbers govgraph stores'
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        return f"integer {value} is outside the 64-bit range"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN and infinity are not numbers govgraph stores"
    return None


def _describe(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    if code in (0xFFFE, 0xFFFF):
        return f"the non-character U+{code:04X}"
    return f"control character U+{code:04X}"
