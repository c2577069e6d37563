"""What every command shares: option aliases, the two consoles, data loading and error handling.

Data goes to stdout, messages and progress to stderr. Domain errors become a short message and the exit
code of their class; a traceback appears only with ``--debug``.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
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


@dataclass(frozen=True)
class Connection:
    """The Neo4j connection options of a command (``--uri --user --password --database``)."""

    uri: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    def settings(self) -> Any:
        """Connection settings, options first, then the environment."""
        return settings_from(self.uri, self.user, self.password, self.database)


@dataclass(frozen=True)
class GraphSource:
    """Where a command's graph comes from: ``--data`` files or ``--from-neo4j``, and ``--as-of``."""

    data: list[Path] | None = None
    as_of: int | None = None
    from_neo4j: bool = False
    neo4j: Connection = field(default_factory=Connection)

    def dataset(self) -> Any:
        """The dataset: the YAML files (default the seeds) or what is in Neo4j."""
        return load(self.data, from_neo4j=self.from_neo4j, settings=self.neo4j.settings() if self.from_neo4j else None)

    def graph(self, default: str = "all") -> Any:
        """The graph, cut to ``--as-of``; without it ``default`` ("all" or "latest", see :func:`open_graph`)."""
        return open_graph(self.data, self.as_of, self.from_neo4j, astuple(self.neo4j), default)


#: name -> (option alias, default) of the options every command that reads data shares.
_CONNECTION_PARAMS = {
    "uri": (UriOpt, None),
    "user": (UserOpt, None),
    "password": (PasswordOpt, None),
    "database": (DatabaseOpt, None),
}
_SOURCE_PARAMS = {
    "data": (DataOpt, None),
    "as_of": (AsOfOpt, None),
    "from_neo4j": (FromNeo4jOpt, False),
    **_CONNECTION_PARAMS,
}


def with_options(func: F, name: str, options: dict[str, tuple[Any, Any]], make: Callable[[dict[str, Any]], Any]) -> F:
    """Replace ``func``'s parameter ``name`` by the CLI ``options`` (name -> (alias, default)); pass ``make(values)``.

    Typer reads a command's options from its signature, so options that many commands share are declared once:
    the wrapper's signature lists the command's own parameters, then these, and the command receives one object.
    """
    sig = inspect.signature(func, eval_str=True)
    own = [
        p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.kind is p.POSITIONAL_OR_KEYWORD else p
        for p in sig.parameters.values()
        if p.name != name
    ]
    added = [
        inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=alias)
        for key, (alias, default) in options.items()
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {key: kwargs.pop(key) for key in options}
        return func(*args, **{name: make(values)}, **kwargs)

    wrapper.__signature__ = sig.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *added]} | {"return": sig.return_annotation}
    return wrapper  # type: ignore[return-value]


def connection_options(func: F) -> F:
    """Give a command ``--uri --user --password --database``; it receives them as ``neo4j: Connection``."""
    return with_options(func, "neo4j", _CONNECTION_PARAMS, lambda v: Connection(**v))


def source_options(func: F) -> F:
    """Give a command ``--data --as-of --from-neo4j`` and the connection options, as ``data_source: GraphSource``."""

    def make(v: dict[str, Any]) -> GraphSource:
        conn = Connection(**{k: v.pop(k) for k in _CONNECTION_PARAMS})
        return GraphSource(neo4j=conn, **v)

    return with_options(func, "data_source", _SOURCE_PARAMS, make)


def emit(report: Report, fmt: OutputFormat, output: Path | None = None) -> None:
    """Render a report to stdout, or to ``output`` (written whole, or not at all)."""
    if output is None or str(output) == "-":
        render(report, fmt, sys.stdout)
        return
    from govgraph.fileio import atomic_write_text

    with atomic_write_text(output) as fh:
        render(report, fmt, fh)
    err_console.print(f"wrote {output}")
