"""The ``govgraph`` command: a thin shell over the library, one module per group of commands."""

from __future__ import annotations

from typing import Annotated

import typer

from govgraph.cli import common

app = typer.Typer(
    name="govgraph",
    help="A knowledge graph of the actors of global science-and-technology governance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """govgraph: validate, analyse, load into Neo4j and export the S&T governance graph."""
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
