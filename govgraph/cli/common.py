"""What every command shares: option aliases, the two consoles, data loading, output and error handling.

Data goes to stdout, messages and progress to stderr. Domain errors become a short message and the exit
code of their class; a traceback appears only with ``--debug``.

Output conventions (every reporting command, through :func:`output_options` and :func:`emit`): ``--format``;
``-o/--output FILE`` writes one file whole (``-`` = standard output; an existing file needs ``--force``; links,
FIFOs and devices are refused); ``--out-dir DIR`` writes one file per table (csv, markdown, latex);
``--table NAME`` keeps only the named tables. CSV holds one table per file: a command that gives several tables
needs ``--table`` or ``--out-dir`` with ``--format csv``. Options that take several values accept them
comma-separated or repeated (:func:`split_list`).
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
import sys
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from govgraph.errors import DataError, ExitCode, GovgraphError, UsageError
from govgraph.render import OutputFormat, render
from govgraph.render.cells import plain
from govgraph.tables import Report, SimpleReport, Table

__all__ = [
    "AsOfOpt",
    "DataOpt",
    "DatabaseOpt",
    "ForceOpt",
    "FormatOpt",
    "FromNeo4jOpt",
    "OutDirAliasOpt",
    "OutDirOpt",
    "Output",
    "OutputOpt",
    "PasswordOpt",
    "UriOpt",
    "UserOpt",
    "check_one_csv",
    "emit",
    "err_console",
    "guarded",
    "load",
    "one_folder",
    "open_graph",
    "out_dir_option",
    "output_options",
    "settings_from",
    "split_list",
    "split_paths",
    "state",
]

err_console = Console(stderr=True, highlight=False)


@dataclass(frozen=True)
class Output:
    """Where a command's report goes: ``-o/--output FILE``, ``--out-dir DIR``, ``--table NAME``, ``--force``."""

    file: Path | None = None
    out_dir: Path | None = None
    table: list[str] | None = None
    force: bool = False


class _State:
    debug: bool = bool(os.environ.get("GOVGRAPH_DEBUG"))
    output: Output = Output()


state = _State()

DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="YAML files or folders (comma-separated or repeated; several merge). Default: the packaged seeds.",
    ),
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
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file, whole or not at all ('-' = standard output; an existing file needs --force).",
        show_default=False,
    ),
]


def out_dir_option(help: str) -> Any:
    """``--out-dir DIR``, the option that names a folder to write, with this command's ``help``."""
    return typer.Option("--out-dir", metavar="DIR", help=help, show_default=False)


OutDirOpt = Annotated[
    Path | None,
    out_dir_option("Write one file per table into this folder (csv, markdown, latex; an existing one needs --force)."),
]
#: ``-o/--out DIR``: the old spelling of ``--out-dir`` in commands that write a folder (hidden; see one_folder).
OutDirAliasOpt = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="DIR", hidden=True, help="Old spelling of --out-dir.")
]
TableOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--table",
        metavar="NAME",
        help="Only these tables (comma-separated or repeated; an unknown name lists them).",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file or folder.")]

F = TypeVar("F", bound=Callable[..., Any])


def one_folder(out_dir: Path | None, alias: Path | None) -> Path | None:
    """The folder named by ``--out-dir`` or its old spelling ``-o/--out`` (both may be given if they agree)."""
    if out_dir is not None and alias is not None and out_dir != alias:
        raise UsageError("--out-dir and its old spelling -o/--out name different folders: give one")
    return out_dir if out_dir is not None else alias


def split_paths(values: list[Path] | None) -> list[Path] | None:
    """``--data`` values, comma-separated or repeated; a value that names an existing path is never split."""
    if not values:
        return None
    out: list[Path] = []
    for v in values:
        text = str(v)
        if "," in text and not Path(text).exists():
            out += [Path(part.strip()) for part in text.split(",") if part.strip()]
        else:
            out.append(Path(v))
    return out


def split_list(values: list[str] | None) -> list[str]:
    """An option's values given comma-separated, repeated, or both, as one list (``--kind a,b --kind c``)."""
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def _print_error(exc: GovgraphError) -> None:
    from rich.markup import escape

    if isinstance(exc, DataError):
        for problem in exc.problems:
            err_console.print(plain(str(problem)), markup=False, soft_wrap=True)
        files = len({p.file for p in exc.problems})
        err_console.print(f"[red]invalid data:[/red] {exc} in {files} file{'s' if files != 1 else ''}")
    else:
        err_console.print(f"[red]error:[/red] {escape(plain(str(exc)))}", soft_wrap=True)


def guarded(func: F) -> F:
    """Run a command body, turning govgraph errors into a message and their exit code.

    The body runs in a copy of the context, so what it makes active (its data's vocabulary: :func:`load`) ends
    with it, also when several commands run in one process.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return contextvars.copy_context().run(func, *args, **kwargs)
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
            from rich.markup import escape

            err_console.print(
                f"[red]internal error:[/red] {type(exc).__name__}: {escape(plain(str(exc)))}\n"
                "(run again with --debug for a traceback)",
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
    """The dataset a command works on: YAML files (default the seeds) or what is in Neo4j.

    Its vocabulary (the shipped one plus the terms the data adds) is active for the rest of the command.
    """
    data = split_paths(data)
    if from_neo4j:
        if data:
            from govgraph.errors import UsageError

            raise UsageError("--data and --from-neo4j exclude each other")
        from govgraph.neo4j.reader import read_dataset

        ds = read_dataset(settings or settings_from(None, None, None, None))
    else:
        from govgraph.dataset import load_dataset

        ds = load_dataset(data)
    from govgraph.vocab import activate

    activate(ds.vocab)
    return ds


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
    from govgraph.years import default_year

    ds = load(data, from_neo4j=from_neo4j, settings=settings_from(*conn) if from_neo4j else None)
    if as_of is None and default == "latest":
        as_of = default_year(ds)  # the snapshot is built directly, never the whole graph first
    g = build_graph(ds, as_of)
    return g if as_of is not None else graph_as_of(g, None, default)


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


def with_options(
    func: F, name: str | None, options: dict[str, tuple[Any, Any]], make: Callable[[dict[str, Any]], Any]
) -> F:
    """Replace ``func``'s parameter ``name`` by the CLI ``options`` (name -> (alias, default)); pass ``make(values)``.

    Typer reads a command's options from its signature, so options that many commands share are declared once:
    the wrapper's signature lists the command's own parameters, then these, and the command receives one object.
    With ``name=None`` the command receives nothing: ``make`` is called for its effect.
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
        made = make(values)
        return func(*args, **kwargs) if name is None else func(*args, **{name: made}, **kwargs)

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


_OUTPUT_PARAMS = {
    "output": (OutputOpt, None),
    "out_dir": (OutDirOpt, None),
    "table": (TableOpt, None),
    "force": (ForceOpt, False),
}


def output_options(func: F) -> F:
    """Give a reporting command ``-o/--output``, ``--out-dir``, ``--table`` and ``--force``, used by :func:`emit`."""

    def make(v: dict[str, Any]) -> None:
        from govgraph.fileio import check_output

        state.output = Output(file=v["output"], out_dir=v["out_dir"], table=split_list(v["table"]), force=v["force"])
        if v["output"] is not None:  # refuse a bad target before the work, not after
            check_output(v["output"], force=v["force"])
        if v["out_dir"] is not None:
            check_output(v["out_dir"], force=v["force"], folder=True)

    return with_options(func, None, _OUTPUT_PARAMS, make)


#: the file suffix of each format written one table per file by --out-dir.
_SUFFIX = {OutputFormat.csv: ".csv", OutputFormat.markdown: ".md", OutputFormat.latex: ".tex"}


def _chosen(tables: list[Table], names: list[str]) -> list[Table]:
    by_name = {t.name: t for t in tables}
    for name in names:
        if name not in by_name:
            from govgraph.dataset import suggest

            raise UsageError(
                f"no table {name!r}{suggest(name, by_name)}; this command gives {', '.join(by_name) or 'none'}"
            )
    return [t for t in tables if t.name in names]


def _file_names(tables: list[Table], suffix: str) -> list[str]:
    """A file name per table (its name, made safe), unique."""
    import re

    names: list[str] = []
    for t in tables:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", t.name).strip("._") or "table"
        name, n = base + suffix, 2
        while name in names:
            name, n = f"{base}-{n}{suffix}", n + 1
        names.append(name)
    return names


def check_one_csv(names: list[str], fmt: OutputFormat) -> None:
    """Refuse ``--format csv`` of several tables (named ``names``) unless ``--table`` or ``--out-dir`` picks how:
    called by :func:`emit`, and before the work by a command whose work has effects (a write into Neo4j)."""
    opts = state.output
    if OutputFormat(fmt) is OutputFormat.csv and len(names) > 1 and not opts.table and opts.out_dir is None:
        raise _many_tables(names)


def _many_tables(names: list[str]) -> UsageError:
    return UsageError(
        f"this gives {len(names)} tables ({', '.join(names)}) and a CSV file holds one: "
        "choose one with --table NAME, or write each to a file with --out-dir DIR"
    )


def emit(report: Report, fmt: OutputFormat, output: Path | None = None) -> None:
    """Render a report as the command's output options say (see the module docstring).

    To standard output by default; to ``-o FILE`` (or ``output``) whole, or not at all; one file per table into
    ``--out-dir``. ``--format csv`` of several tables without ``--table`` or ``--out-dir`` is refused, since one
    CSV stream cannot hold several tables.
    """
    opts = state.output if output is None else replace(state.output, file=output)
    fmt = OutputFormat(fmt)
    if opts.table or opts.out_dir is not None or fmt is OutputFormat.csv:
        tables = report.tables()
        if opts.table:
            if fmt is OutputFormat.json:
                raise UsageError("--table picks tables of table, csv, markdown or latex output; json is one document")
            tables = _chosen(tables, opts.table)
            report = SimpleReport(report.to_json(), tables)
        if opts.out_dir is not None:
            _emit_dir(tables, fmt, opts)
            return
        if fmt is OutputFormat.csv and len(tables) > 1:
            raise _many_tables([t.name for t in tables])
    if opts.file is None or str(opts.file) == "-":
        render(report, fmt, sys.stdout)
        return
    from govgraph.fileio import open_output

    with open_output(opts.file, force=opts.force) as fh:
        render(report, fmt, fh)
    err_console.print(f"wrote {opts.file}", markup=False, highlight=False)


def _emit_dir(tables: list[Table], fmt: OutputFormat, opts: Output) -> None:
    from govgraph.fileio import output_dir

    if opts.file is not None:
        raise UsageError("-o/--output names one file and --out-dir a folder: give one of them")
    if fmt not in _SUFFIX:
        raise UsageError(f"--out-dir writes one file per table as csv, markdown or latex, not {fmt.value}")
    suffix = _SUFFIX[fmt]
    names = _file_names(tables, suffix)
    with output_dir(opts.out_dir, force=opts.force, own=lambda n: n.endswith(suffix)) as tmp:  # type: ignore[arg-type]
        for table, name in zip(tables, names, strict=True):
            with open(tmp / name, "w", encoding="utf-8", newline="") as fh:
                render(SimpleReport({}, [table]), fmt, fh)
    err_console.print(f"wrote {opts.out_dir}: {', '.join(names)}", markup=False, highlight=False)
