"""Writing files whole or not at all: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from govgraph.errors import UsageError

__all__ = ["atomic_write_bytes", "atomic_write_text"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _atomic(path: Path, mode: str, **kwargs: str) -> Iterator[IO]:
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the mode a plain open() would
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_write_text(path: Path) -> Iterator[IO[str]]:
    """Open ``path`` for text; it appears only when the block finishes without error."""
    with _atomic(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


@contextmanager
def atomic_write_bytes(path: Path) -> Iterator[IO[bytes]]:
    """Open ``path`` for bytes; it appears only when the block finishes without error."""
    with _atomic(path, "wb") as fh:
        yield fh
