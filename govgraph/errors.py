"""One small exception hierarchy; the CLI maps each class to a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DataError",
    "DatabaseAuthError",
    "DatabaseError",
    "DatabaseUnavailable",
    "ExitCode",
    "GovgraphError",
    "Problem",
    "UsageError",
]


class ExitCode:
    """Process exit codes, one per kind of failure."""

    OK = 0
    INVALID_DATA = 1
    USAGE = 2
    DB_UNAVAILABLE = 3
    DB_AUTH = 4
    DB_ERROR = 5
    INTERNAL = 70


@dataclass(frozen=True, order=True)
class Problem:
    """One located validation problem: ``FILE:LINE:COL: <id>: <field>: message``."""

    file: str
    line: int
    col: int
    id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.id or '-'}: {self.field or '-'}: {self.message}"


class GovgraphError(Exception):
    """Base of every error govgraph raises on purpose."""

    exit_code = ExitCode.INTERNAL


class DataError(GovgraphError):
    """Input data is invalid; carries every problem found, not just the first."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found")


class UsageError(GovgraphError):
    """The command was called wrongly (unknown id, bad option value, missing file)."""

    exit_code = ExitCode.USAGE


class DatabaseUnavailable(GovgraphError):
    """The Neo4j server cannot be reached."""

    exit_code = ExitCode.DB_UNAVAILABLE


class DatabaseAuthError(GovgraphError):
    """Neo4j refused the credentials."""

    exit_code = ExitCode.DB_AUTH


class DatabaseError(GovgraphError):
    """Neo4j answered with an error (bad Cypher, constraint violation)."""

    exit_code = ExitCode.DB_ERROR
