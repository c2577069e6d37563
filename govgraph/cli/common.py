"""What every command shares: option aliases, the two consoles, data loading and error handling.

Data goes to stdout, messages and progress to stderr. Domain errors become a short message and the exit
code of their class; a traceback appears only with ``--debug``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from govgraph.errors import DataError, ExitCode, GovgraphError
from govgraph.render import OutputFormat, render
from govgraph.tables import Report

__all__ = [
    "AsOfOpt",
    "DataOpt",
    "DatabaseOpt",
    "FormatOpt",
    "FromNeo4jOpt",
    "PasswordOpt",
    "UriOpt",
    "UserOpt",
    "emit",
    "err_console",
    "guarded",
    "load",
    "open_graph",
    "settings_from",
    "state",
]

err_console = Console(stderr=True, highlight=False)


class _State:
    debug: bool = bool(os.environ.get("GOVGRAPH_DEBUG"))


state = _State()

DataOpt = Annotated[
    list[Path] | None,
    typer.Option("--data", "-d", help="YAML file or folder (repeatable; several merge). Default: the packaged seeds."),
]
AsOfOpt = Annotated[
    int | None, typer.Option("--as-of", min=1, max=9999, help="Only what held in this year.", show_default=False)
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
FromNeo4jOpt = Annotated[bool, typer.Option("--from-neo4j", help="Read the graph from Neo4j instead of YAML.")]
UriOpt = Annotated[
    str | None, typer.Option("--uri", help="Neo4j URI \\[env: NEO4J_URI; default bolt://127.0.0.1:7687]")
]
UserOpt = Annotated[str | None, typer.Option("--user", help="Neo4j user \\[env: NEO4J_USER; default neo4j]")]
PasswordOpt = Annotated[
    str | None, typer.Option("--password", help="Neo4j password \\[env: NEO4J_PASSWORD]", show_default=False)
]
DatabaseOpt = Annotated[str | None, typer.Option("--database", help="Neo4j database \\[env: NEO4J_DATABASE]")]

F = TypeVar("F", bound=Callable[..., Any])


def _print_error(exc: GovgraphError) -> None:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            err_console.print(str(problem), markup=False, soft_wrap=True)
        files = len({p.file for p in exc.problems})
        err_console.print(f"[red]invalid data:[/red] {exc} in {files} file{'s' if files != 1 else ''}")
    else:
        err_console.print(f"[red]error:[/red] {exc}", soft_wrap=True)


def guarded(func: F) -> F:
    """Run a command body, turning govgraph errors into a message and their exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except GovgraphError as exc:
            if state.debug:
                raise
            _print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception as exc:
            if state.debug:
                raise
            err_console.print(
                f"[red]internal error:[/red] {type(exc).__name__}: {exc}\n(run again with --debug for a traceback)",
                soft_wrap=True,
            )
            raise typer.Exit(ExitCode.INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def settings_from(uri: str | None, user: str | None, password: str | None, database: str | None) -> Any:
    """Connection settings from options, falling back to the environment."""
    from govgraph.neo4j.connection import ConnectionSettings

    return ConnectionSettings.from_env(uri=uri, user=user, password=password, database=database)


def load(
    data: list[Path] | None,
    *,
    from_neo4j: bool = False,
    settings: Any = None,
) -> Any:
    """The dataset a command works on: YAML files (default the seeds) or what is in Neo4j."""
    if from_neo4j:
        if data:
            from govgraph.errors import UsageError

            raise UsageError("--data and --from-neo4j exclude each other")
        from govgraph.neo4j.reader import read_dataset

        return read_dataset(settings or settings_from(None, None, None, None))
    from govgraph.dataset import load_dataset

    return load_dataset(data)


def open_graph(
    data: list[Path] | None,
    as_of: int | None,
    from_neo4j: bool,
    conn: tuple[str | None, str | None, str | None, str | None],
    default: str = "all",
) -> Any:
    """The graph a command works on: loaded (YAML or Neo4j), built, and cut to ``as_of``.

    Without ``as_of``, ``default="all"`` keeps every actor and tie ever recorded and ``default="latest"`` takes
    the snapshot of the latest year the data records (see :func:`govgraph.analysis.projections.graph_as_of`).
    """
    from govgraph.analysis.projections import graph_as_of
    from govgraph.graph import build_graph

    ds = load(data, from_neo4j=from_neo4j, settings=settings_from(*conn) if from_neo4j else None)
    return graph_as_of(build_graph(ds), as_of, default)


def emit(report: Report, fmt: OutputFormat, output: Path | None = None) -> None:
    """Render a report to stdout, or to ``output`` (written whole, or not at all)."""
    if output is None or str(output) == "-":
        render(report, fmt, sys.stdout)
        return
    from govgraph.fileio import atomic_write_text

    with atomic_write_text(output) as fh:
        render(report, fmt, fh)
    err_console.print(f"wrote {output}")
