"""Fuzzy dates: a year, a year and month, or a full date, each possibly uncertain ("circa").

Written in YAML as ``1945``, ``1945-11``, ``1945-11-16`` or ``~1945`` (also ``c. 1945``, ``circa 1945``);
kept in canonical text form (``~1945-11``) so they round-trip through JSON, GraphML and Neo4j unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["FuzzyDate"]

_PATTERN = re.compile(r"^(?:~|c\.\s*|circa\s+|ca\.\s*)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.IGNORECASE)
CANONICAL_PATTERN = r"^~?\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date known to the year, the month or the day; ``circa`` marks it uncertain."""

    year: int
    month: int | None = None
    day: int | None = None
    circa: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            dt.date(self.year, self.month, self.day)  # raises ValueError for 1945-02-30

    @classmethod
    def parse(cls, value: Any) -> FuzzyDate:
        """Read a YAML or JSON value: int year, ``datetime.date``, or text as in the module doc.

        >>> str(FuzzyDate.parse("circa 1945-11")), FuzzyDate.parse(1931).year
        ('~1945-11', 1931)
        """
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, bool):
            raise ValueError("expected a year or a date, not true/false")
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return _from_text(value) if cls is FuzzyDate else cls._parse_text(value)
        raise ValueError(f"expected a year or a date, got {type(value).__name__}")

    @classmethod
    def _parse_text(cls, value: str) -> FuzzyDate:
        text = value.strip()
        m = _PATTERN.match(text)
        if not m:
            raise ValueError(f"{value!r} is not a date: write 1945, 1945-11, 1945-11-16 or ~1945")
        circa = not text[0].isdigit()
        year, month, day = (int(g) if g else None for g in m.groups())
        return cls(year, month, day, circa)  # type: ignore[arg-type]

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return ("~" if self.circa else "") + text

    def key(self) -> tuple[int, int, int]:
        """Sort key, unknown parts as 0."""
        return (self.year, self.month or 0, self.day or 0)

    def before(self, other: FuzzyDate) -> bool:
        """True when this date is certainly earlier than ``other`` at their common precision."""
        if self.year != other.year:
            return self.year < other.year
        if self.month is None or other.month is None or self.month != other.month:
            return self.month is not None and other.month is not None and self.month < other.month
        return self.day is not None and other.day is not None and self.day < other.day

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 9999},
                {"type": "string", "pattern": r"^(~|c\.\s*|circa\s+|ca\.\s*)?\d{4}(-\d{2}(-\d{2})?)?$"},
            ],
            "description": "A year, year-month or full date; prefix ~ (or 'circa') when uncertain.",
        }


#: Dates repeat (a dataset of 100,000 ties holds a few thousand distinct ones); FuzzyDate is immutable.
_from_text = functools.lru_cache(maxsize=16384)(FuzzyDate._parse_text)
