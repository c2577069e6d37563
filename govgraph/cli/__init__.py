"""The ``govgraph`` command: a thin shell over the library, one module per group of commands.

Start-up stays light: this module and :mod:`govgraph.cli.common` import only Typer and Rich; every command imports
what it needs (networkx, pydantic models, the Neo4j driver, matplotlib) inside its body.
"""

from __future__ import annotations

from typing import Annotated

import typer

from govgraph.cli import common

app = typer.Typer(
    name="govgraph",
    help="A knowledge graph of the actors of global science-and-technology governance.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from govgraph import __version__

        print(f"govgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """govgraph: validate, analyse, load into Neo4j and export the S&T governance graph."""
    common.state.output = common.Output()  # each command sets its own (several runs in one process: tests)
    if debug:
        common.state.debug = True


def _register() -> None:
    from govgraph.cli import analysis_cmds, data_cmds, figure_cmd, import_cmds, neo4j_cmds, report_cmds, synth_cmd

    for module in (data_cmds, figure_cmd, report_cmds, neo4j_cmds, analysis_cmds, import_cmds, synth_cmd):
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
