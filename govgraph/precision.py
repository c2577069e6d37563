"""How many digits a table prints: three significant digits by default (``--precision N``); JSON keeps all.

Scores computed on complexes of a few units, or shares of a few dozen seats, do not support six decimals, so
tables round what they print; the JSON document, which scripts read, keeps the full value. One function,
:func:`significant`, rounds for every table: positional, except below 10⁻⁴ (p- and q-values), where the
exponent form is the readable one; ``trim`` says whether trailing zeros are dropped.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_PRECISION", "EXPONENT_BELOW", "significant"]

#: Significant digits a table prints unless ``--precision`` says otherwise.
DEFAULT_PRECISION = 3

#: Non-zero values smaller than this in magnitude print in exponent form (``2.57e-23``).
EXPONENT_BELOW = 1e-4


def significant(value: Any, digits: int = DEFAULT_PRECISION, *, trim: bool = False) -> Any:
    """A float as text with ``digits`` significant digits; anything else (ints, text, None) unchanged.

    Positional (``1840``, ``12300``), except non-zero values below :data:`EXPONENT_BELOW` in magnitude. With
    ``trim=False`` trailing zeros are kept, so the text shows the digits it claims (``0.200``, ``1.00``: scores
    and centralities); with ``trim=True`` they are dropped (``0.2``, ``1``, ``0``: shares, densities, p-values).

    >>> significant(0.358395), significant(0.2), significant(1.0), significant(2 / 3, 5), significant(0.0)
    ('0.358', '0.200', '1.00', '0.66667', '0.00')
    >>> significant(0.000012345), significant(12345.678), significant(1840.0), significant(7), significant(None)
    ('1.23e-05', '12300', '1840', 7, None)
    >>> significant(0.25, trim=True), significant(1840.0, trim=True), significant(0.0, trim=True)
    ('0.25', '1840', '0')
    >>> significant(2.5712e-23, trim=True), significant(1e-5), significant(1e-5, trim=True)
    ('2.57e-23', '1.00e-05', '1e-05')
    """
    if not isinstance(value, float) or isinstance(value, bool):
        return value
    import numpy as np

    if value != value:
        return "nan"
    small = value and abs(value) < EXPONENT_BELOW
    if trim and small:
        return np.format_float_scientific(value, precision=max(digits - 1, 0), unique=True, trim="-")
    if not trim:  # numpy's Dragon4 drops kept zeros after a carry (0.06 -> '0.06'); Python's format keeps them
        text = f"{value:#.{max(1, digits)}g}"
        if small or "e" not in text:
            return text[:-1] if text.endswith(".") else text
    return np.format_float_positional(value, precision=max(digits, 1), unique=True, fractional=False, trim="-")
