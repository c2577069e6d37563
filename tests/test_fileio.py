"""Outputs are safe and whole: the library side of govgraph.fileio, on real files, links, FIFOs and processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.dataset import yaml_files
from govgraph.errors import UsageError
from govgraph.fileio import atomic_write_text, check_output, open_output, output_dir
from tests.conftest import FIXTURES


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary files or folders left beside a target."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with open_output(target) as fh:
        fh.write("a\r\nb\n")
        assert not target.exists()  # nothing appears until the block ends
    assert target.read_bytes() == b"a\r\nb\n" and leftovers(tmp_path) == []


def test_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(UsageError, match=r"out.txt exists; use --force"), open_output(target) as fh:
        fh.write("new")
    assert target.read_text() == "old"
    with open_output(target, force=True) as fh:
        fh.write("new")
    assert target.read_text() == "new" and leftovers(tmp_path) == []


def test_error_inside_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), open_output(target, force=True) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_symlink_is_refused_even_with_force(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    for force in (False, True):
        with pytest.raises(UsageError, match="symbolic link"), open_output(link, force=force) as fh:
            fh.write("x")
    assert link.is_symlink() and real.read_text() == "keep"


def test_fifo_device_and_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="FIFO"):
        check_output(fifo, force=True)
    with pytest.raises(UsageError, match="device"):
        check_output(Path("/dev/null"), force=True)
    with pytest.raises(UsageError, match=r"symbolic link.*'-o -'"):
        check_output(Path("/dev/stdout"), force=True)
    with pytest.raises(UsageError, match="is a folder"):
        check_output(tmp_path, force=True)


def test_parent_that_is_a_file_or_missing(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(UsageError, match=r"plain is not a folder"), open_output(tmp_path / "plain" / "x") as fh:
        fh.write("x")
    with pytest.raises(UsageError, match=r"folder .*missing does not exist"):
        check_output(tmp_path / "missing" / "out.txt")


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    with open_output("-") as fh:
        fh.write("to stdout\n")
    with atomic_write_text(Path("-")) as fh:
        fh.write("again\n")
    assert capsys.readouterr().out == "to stdout\nagain\n"


def test_read_only_folder_is_a_usage_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; covered by the file-size limit test in tests/cli")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with (
            pytest.raises(UsageError, match=r"cannot write .*ro/x: Permission denied"),
            open_output(folder / "x") as fh,
        ):
            fh.write("x")
    finally:
        folder.chmod(0o755)


def test_output_dir_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    with output_dir(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".tables.")
        (tmp / "a.csv").write_text("1")
        (tmp / "b.csv").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == ["a.csv", "b.csv"]
    with pytest.raises(UsageError, match="exists and is not empty; use --force"), output_dir(target) as tmp:
        (tmp / "c.csv").write_text("3")
    with output_dir(target, force=True, own=lambda n: n.endswith(".csv")) as tmp:
        (tmp / "c.csv").write_text("3")
    assert sorted(p.name for p in target.iterdir()) == ["c.csv"]  # the old output is gone as a whole
    assert leftovers(tmp_path) == []


def test_output_dir_keeps_foreign_files_and_old_output_on_error(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    target.mkdir()
    (target / "a.csv").write_text("old")
    (target / "notes.txt").write_text("mine")
    csv_only = output_dir(target, force=True, own=lambda n: n.endswith(".csv"))
    with pytest.raises(UsageError, match=r"holds files this command did not write \(notes.txt\)"), csv_only as tmp:
        (tmp / "a.csv").write_text("new")
    (target / "notes.txt").unlink()
    with pytest.raises(RuntimeError), output_dir(target, force=True) as tmp:
        (tmp / "a.csv").write_text("new")
        raise RuntimeError("boom")
    assert (target / "a.csv").read_text() == "old" and leftovers(tmp_path) == []


def test_output_dir_refuses_links_files_and_stdout(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="symbolic link"):
        check_output(tmp_path / "link", force=True, folder=True)
    with pytest.raises(UsageError, match="it is a file"):
        check_output(tmp_path / "file", force=True, folder=True)
    with pytest.raises(UsageError, match="standard output"):
        check_output("-", folder=True)


KILLED_WRITE = """
import os, signal, sys
from govgraph.fileio import output_dir
with output_dir(sys.argv[1], force=True) as tmp:
    (tmp / "a.yaml").write_text("actors: [{id: half\\n")  # half-written, invalid YAML
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_run_leaves_old_output_and_nothing_validate_reads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = data / "mini"
    target.mkdir()
    for f in (FIXTURES / "mini").iterdir():
        (target / f.name).write_bytes(f.read_bytes())
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    hidden = leftovers(data)
    assert len(hidden) == 1 and hidden[0].startswith(".mini.") and (data / hidden[0] / "a.yaml").is_file()
    assert sorted(yaml_files([data])) == sorted(target / n for n in before if n.endswith((".yaml", ".yml")))
