"""How a single cell value is written as text, shared by the text formats."""

from __future__ import annotations

from typing import Any


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
