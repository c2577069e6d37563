"""How many digits a table prints: three significant digits by default (``--precision N``); JSON keeps all.

Scores computed on complexes of a few units, or shares of a few dozen seats, do not support six decimals, so
tables round what they print; the JSON document, which scripts read, keeps the full value.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_PRECISION", "significant"]

#: Significant digits a table prints unless ``--precision`` says otherwise.
DEFAULT_PRECISION = 3


def significant(value: Any, digits: int = DEFAULT_PRECISION) -> Any:
    """A float as text with ``digits`` significant digits (trailing zeros kept); anything else unchanged.

    >>> significant(0.358395), significant(0.2), significant(1.0), significant(2 / 3, 5), significant(0.0)
    ('0.358', '0.200', '1.00', '0.66667', '0.00')
    >>> significant(0.000012345), significant(12345.678), significant(7), significant(None)
    ('1.23e-05', '1.23e+04', 7, None)
    """
    if not isinstance(value, float) or isinstance(value, bool):
        return value
    text = f"{value:#.{max(1, digits)}g}"
    return text[:-1] if text.endswith(".") else text
