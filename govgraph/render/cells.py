"""How a single cell value is written as text, shared by the text formats, and what makes text safe to show."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["cell_text", "plain"]

#: Terminal escape sequences (CSI ``ESC [ ... final``, OSC ``ESC ] ... BEL|ST``, other ``ESC x``), then any other
#: C0/C1 control character, DEL, and the bidirectional overrides that reorder what a terminal shows.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def plain(text: str, *, newlines: bool = True) -> str:
    """``text`` without terminal escape sequences or control characters (tab and newline kept unless not
    ``newlines``, when they become spaces), so data can never move the cursor, recolour or retitle a terminal."""
    text = _ESCAPES.sub("", text)
    if not newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return text


def cell_text(value: Any, float_digits: int = 4) -> str:
    """Plain text of a cell: lists joined by '; ', floats to fixed digits, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.{float_digits}f}"
    if isinstance(value, (list, tuple, set)):
        items = sorted(value) if isinstance(value, set) else value
        return "; ".join(cell_text(v, float_digits) for v in items)
    return str(value)
