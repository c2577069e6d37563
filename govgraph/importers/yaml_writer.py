"""Writing imported data as a folder of govgraph YAML files: whole, or not at all.

Files are dumped with libyaml (fast), without anchors or aliases (govgraph's reader refuses them), keys in the
order given, so the same input gives the same bytes. The folder is written beside the target under a temporary
name and renamed into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import UsageError

__all__ = ["dump_yaml", "write_folder"]

try:  # libyaml, as the reader uses
    _BaseDumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseDumper = yaml.SafeDumper


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that never writes anchors or aliases, even for objects shared between records."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """One YAML document: block style, keys in insertion order, Unicode kept, long lines unfolded."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100_000)


def _check_target(out_dir: Path, names: set[str], force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"cannot write to {out_dir}: it is a file, not a folder")
    if not out_dir.parent.is_dir():
        raise UsageError(f"cannot write {out_dir}: folder {out_dir.parent} does not exist")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not force:
            raise UsageError(f"{out_dir} exists and is not empty; use --force to replace it")
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in names)
        if foreign:
            raise UsageError(
                f"{out_dir} holds files an import did not write ({', '.join(foreign[:5])}); refusing to replace it"
            )


def write_folder(out_dir: Path, files: Mapping[str, str], *, force: bool = False) -> list[Path]:
    """Write ``{file name: text}`` as the folder ``out_dir``, atomically; return the paths written.

    An existing non-empty folder is replaced only with ``force`` and only when it holds nothing but files of the
    names being written (a previous import), so a user's own files are never deleted.
    """
    out_dir = Path(out_dir)
    _check_target(out_dir, set(files), force)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    old: Path | None = None
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; the import is an ordinary folder
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
    except BaseException:
        if old is not None and not out_dir.exists():
            os.replace(old, out_dir)
            old = None
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return [out_dir / name for name in files]
