"""Every registered command keeps the CLI's conventions: help text, --format, -o FILE / --out-dir DIR, --force,
comma lists, '-o -' for standard output; plus --version and shell completion. New commands are walked too."""

from __future__ import annotations

import json
from enum import Enum
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import typer

from govgraph.cli import app
from tests.conftest import FIXTURES, run_govgraph

MINI = FIXTURES / "mini"

#: commands that need a Neo4j server to run at all (their options are still checked).
NEEDS_SERVER = {"load", "query", "neo4j start", "neo4j stop", "neo4j status", "neo4j write-results"}
#: multi-valued options that cannot be comma lists, and why.
NOT_COMMA = {"--param": "a JSON value may hold commas"}
#: the arguments each runnable command needs besides its options (default: none).
ARGS = {"show": ["org-a"], "path": ["org-a", "st"], "ego": ["org-a"], "validate": [str(MINI)]}


def commands() -> list[tuple[str, Any]]:
    """(name, click command) of every registered command, groups walked."""

    def walk(cmd: Any, path: list[str]) -> list[tuple[str, Any]]:
        if hasattr(cmd, "commands"):
            return [c for name, sub in sorted(cmd.commands.items()) for c in walk(sub, [*path, name])]
        return [(" ".join(path), cmd)]

    return walk(typer.main.get_command(app), [])


def options(cmd: Any) -> dict[str, Any]:
    """Every option of ``cmd`` by each of its spellings."""
    return {name: p for p in cmd.params if hasattr(p, "opts") for name in [*p.opts, *p.secondary_opts]}


def choices(option: Any) -> set[str]:
    """The values an option takes, when it is an enumeration."""
    kind = option.type_descriptor.annotation if option is not None else None
    return {m.value for m in kind} if isinstance(kind, type) and issubclass(kind, Enum) else set()


ALL = commands()


def test_the_walk_sees_every_command() -> None:
    names = {n for n, _ in ALL}
    assert {"export", "report", "figure network", "overlap membership", "import csv", "neo4j status"} <= names
    assert len(names) >= 27


@pytest.mark.parametrize(("name", "cmd"), ALL, ids=[n for n, _ in ALL])
def test_command_conventions(name: str, cmd: Any) -> None:
    opts = options(cmd)
    assert (cmd.help or "").strip(), f"{name}: no help text"
    for p in cmd.params:
        if hasattr(p, "opts") and not p.hidden:
            assert (p.help or "").strip() or p.name == "help", f"{name} {p.opts}: no help"
    if "-o" in opts:  # -o names a file; where a folder is written it is the hidden old spelling of --out-dir
        o = opts["-o"]
        if "--output" in o.opts:
            assert o.metavar == "FILE" and not o.hidden and "'-' = standard output" in o.help, name
        else:
            assert o.hidden and o.metavar == "DIR" and "--out-dir" in opts, name
    if "--out-dir" in opts:
        assert opts["--out-dir"].metavar == "DIR", name
    if "-o" in opts or "--out-dir" in opts:
        assert "--force" in opts, f"{name}: writes files but has no --force"
    fmt = opts.get("--format")
    folder_alias = "-o" in opts and "--output" not in opts
    if "csv" in choices(fmt) and not folder_alias:  # a report: the output options (an import's is its summary)
        assert {"-o", "--output", "--out-dir", "--table", "--force"} <= set(opts), name
        assert choices(fmt) == {"table", "json", "csv", "latex", "markdown"}
    for p in cmd.params:
        if getattr(p, "multiple", False) and p.opts[0] not in NOT_COMMA:
            assert "comma" in (p.help or ""), f"{name} {p.opts[0]}: takes several values but says no comma list"


def runnable() -> list[tuple[str, list[str]]]:
    """Every command that writes one file with -o and runs without a server, with its arguments."""
    out = []
    for name, cmd in ALL:
        opts = options(cmd)
        if name in NEEDS_SERVER or "--output" not in opts:
            continue
        args = [*name.split(), *ARGS.get(name, [])]
        if "--data" in opts and name not in ("validate", "figure heatmap"):  # heatmap: the seeds, which overlap
            args += ["--data", str(MINI)]
        out.append((name, args))
    return out


@pytest.mark.parametrize(("name", "args"), runnable(), ids=[n for n, _ in runnable()])
def test_dash_is_standard_output_and_help_runs(tmp_path: Path, name: str, args: list[str]) -> None:
    assert run_govgraph(*name.split(), "--help").returncode == 0
    fmt = options(dict(ALL)[name]).get("--format")
    extra = ["--format", "json"] if "json" in choices(fmt) else []
    proc = run_govgraph(*args, *extra, "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() and list(tmp_path.iterdir()) == []  # stdout, never a file named '-'
    if extra:
        json.loads(proc.stdout)


def test_folder_outputs_refuse_standard_output(tmp_path: Path) -> None:
    for args in (["report"], ["schema"], ["export", "-f", "csv"]):
        proc = run_govgraph(*args, "-o", "-", cwd=tmp_path)
        assert proc.returncode == 2 and "standard output" in proc.stderr, args
    assert list(tmp_path.iterdir()) == []


def test_comma_lists_equal_repeated_options() -> None:
    for comma, repeated in (
        (["evolution", "--kind", "organisation,programme"], ["evolution", "--kind", "organisation", "-k", "programme"]),
        (
            ["centrality", "--kind", "organisation,state", "--measure", "degree,pagerank"],
            ["centrality", "-k", "organisation", "-k", "state", "-m", "degree", "-m", "pagerank"],
        ),
        (
            ["export", "-o", "-", "--kind", "organisation,state"],
            ["export", "-o", "-", "--kind", "organisation", "--kind", "state"],
        ),
    ):
        a = run_govgraph(*comma, "--data", str(MINI), "-f", "json")
        b = run_govgraph(*repeated, "--data", str(MINI), "-f", "json")
        assert a.returncode == 0 and a.stdout == b.stdout and json.loads(a.stdout), (comma, a.stderr)
    both = run_govgraph("validate", "--data", f"{MINI},seeds")
    assert both.returncode == 0 and "75 actors" in both.stderr


def test_version_and_completion() -> None:
    proc = run_govgraph("--version")
    assert proc.returncode == 0 and proc.stdout == f"govgraph {version('govgraph')}\n"
    proc = run_govgraph(
        env={"_GOVGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "govgraph overlap m", "COMP_CWORD": "2"}
    )
    assert proc.returncode == 0 and proc.stdout.split() == ["membership"]
    # the shell is found among the command's parents (shellingham), so run it from one, as a user does
    import subprocess

    from tests.conftest import govgraph_exe

    script = f'"{govgraph_exe()}" --show-completion; exit $?'  # a second statement: bash must not exec away
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "_GOVGRAPH_COMPLETE" in proc.stdout, proc.stderr
