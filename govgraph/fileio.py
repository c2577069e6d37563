"""Outputs written safely: whole or not at all, never through a link, never over a file without ``--force``.

Every command and writer opens its target through these (they are the only way govgraph writes user files):

- ``open_output(path, *, force=False, binary=False)``: a context manager giving a file handle for one file.
  ``-`` is standard output. An existing regular file is replaced only with ``force``; a symlink, FIFO, device,
  socket or folder is refused (use ``-`` for standard output). The text is written to a hidden temporary file
  beside the target and renamed into place when the block ends without error; on error nothing changes.
- ``output_dir(path, *, force=False, own=None)``: a context manager giving a fresh hidden temporary folder beside
  ``path``; write the files into it, and when the block ends it becomes ``path`` as a whole (an old folder is
  swapped out in one step and removed). An existing non-empty folder is replaced only with ``force``, and, when
  ``own`` is given (names, or a test on a name), only if every entry in it is one this kind of output writes, so a
  user's own files are never deleted. A run killed midway leaves the old folder intact and at most a hidden
  ``.NAME.*.tmp`` folder, which data folders skip.
- ``check_output(path, *, force=False, folder=False)``: the same checks alone, so a command can refuse its target
  before a long computation.
- ``atomic_write_text(path)`` / ``atomic_write_bytes(path)``: ``open_output`` with ``force=True``, for library
  writers (an exporter's ``write``) whose command has already called ``check_output`` with the user's ``--force``.

A target that cannot be written (read-only folder, full disk, file size limit, parent not a folder) raises
:class:`~govgraph.errors.UsageError` naming the path, so the command exits 2, never with "internal error".
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from govgraph.errors import UsageError

__all__ = [
    "STDOUT",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output",
    "is_stdout",
    "open_output",
    "output_dir",
]

#: The target name that means standard output.
STDOUT = "-"

#: errno values that mean "this target cannot be written", reported as usage errors with the path.
_WRITE_ERRNOS = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EFBIG,
    errno.EIO,
    errno.ENOTDIR,
    errno.ENAMETOOLONG,
    errno.EEXIST,
    errno.EISDIR,
    errno.ENOTEMPTY,
}


def is_stdout(path: Path | str | None) -> bool:
    """Whether ``path`` is ``-`` (standard output)."""
    return path is not None and str(path) == STDOUT


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _what(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _cannot(path: Path, exc: OSError) -> UsageError:
    return UsageError(f"cannot write {path}: {exc.strerror or exc}")


def _parent(path: Path) -> Path:
    parent = path.parent if str(path.parent) else Path(".")
    try:
        st = os.stat(parent)
    except FileNotFoundError:
        raise UsageError(f"cannot write {path}: folder {parent} does not exist") from None
    except NotADirectoryError:
        raise UsageError(f"cannot write {path}: {parent} is not a folder") from None
    except OSError as exc:
        raise _cannot(path, exc) from None
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"cannot write {path}: {parent} is not a folder")
    return parent


def _entries_not_own(path: Path, own: Collection[str] | Callable[[str], bool] | None) -> list[str]:
    if own is None:
        return []
    test = own if callable(own) else own.__contains__
    return sorted(name for name in os.listdir(path) if not test(name))


def check_output(
    path: Path | str,
    *,
    force: bool = False,
    folder: bool = False,
    own: Collection[str] | Callable[[str], bool] | None = None,
) -> None:
    """Refuse ``path`` as an output now, with a clear message, if writing it later would be refused.

    ``folder``: the target is a folder (see :func:`output_dir`); otherwise one file (see :func:`open_output`).
    """
    if is_stdout(path):
        if folder:
            raise UsageError("a folder cannot be written to standard output ('-'); name a folder")
        return
    path = Path(path)
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        _parent(path)
        return
    except OSError as exc:
        raise _cannot(path, exc) from None
    what = _what(st.st_mode)
    if folder:
        if stat.S_ISLNK(st.st_mode):
            raise UsageError(f"refusing to write {path}: it is a symbolic link; name the real folder")
        if not stat.S_ISDIR(st.st_mode):
            raise UsageError(f"cannot write the folder {path}: it is {what or 'a file'}; name a folder")
        if any(os.scandir(path)):
            if not force:
                raise UsageError(f"{path} exists and is not empty; use --force to replace it")
            foreign = _entries_not_own(path, own)
            if foreign:
                raise UsageError(
                    f"refusing to replace {path}: it holds files this command did not write "
                    f"({', '.join(foreign[:5])}{', ...' if len(foreign) > 5 else ''})"
                )
        _parent(path)
        return
    if what == "a folder":
        raise UsageError(f"cannot write {path}: it is a folder; name a file (or use --out-dir for a folder)")
    if what is not None:
        raise UsageError(f"refusing to write {path}: it is {what}, not a regular file; use '-o -' for standard output")
    if not force:
        raise UsageError(f"{path} exists; use --force to replace it")
    _parent(path)


@contextmanager
def _stdout(binary: bool) -> Iterator[IO]:
    out: IO = sys.stdout.buffer if binary else sys.stdout
    yield out
    out.flush()


@contextmanager
def open_output(path: Path | str, *, force: bool = False, binary: bool = False) -> Iterator[IO]:
    """Open one output file (``-`` = standard output); it appears, whole, only when the block ends without error.

    Text is UTF-8 with ``\\n`` line ends. See the module docstring for what is refused.
    """
    if is_stdout(path):
        with _stdout(binary) as out:
            yield out
        return
    path = Path(path)
    check_output(path, force=force)
    parent = _parent(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the mode a plain open() would
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, "wb" if binary else "w", **kwargs) as fh:
            yield fh
        _place_file(tmp, path, force)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in _WRITE_ERRNOS:
            raise _cannot(path, exc) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _place_file(tmp: str, path: Path, force: bool) -> None:
    """Rename ``tmp`` to ``path``; without ``force`` never over a file that appeared meanwhile."""
    if force:
        check_output(path, force=True)  # not through a link or onto a FIFO that appeared meanwhile
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if path exists: no clobbering, even in a race
    except FileExistsError:
        raise UsageError(f"{path} exists; use --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        check_output(path, force=False)  # a file system without hard links: check, then rename
        os.replace(tmp, path)
        return
    os.unlink(tmp)


@contextmanager
def atomic_write_text(path: Path | str) -> Iterator[IO[str]]:
    """Open ``path`` for text, replacing a regular file (the command checked ``--force``); ``-`` is stdout."""
    with open_output(path, force=True) as fh:
        yield fh


@contextmanager
def atomic_write_bytes(path: Path | str) -> Iterator[IO[bytes]]:
    """Open ``path`` for bytes, replacing a regular file (the command checked ``--force``); ``-`` is stdout."""
    with open_output(path, force=True, binary=True) as fh:
        yield fh


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def output_dir(
    path: Path | str,
    *,
    force: bool = False,
    own: Collection[str] | Callable[[str], bool] | None = None,
) -> Iterator[Path]:
    """A fresh hidden folder beside ``path``; when the block ends without error it becomes ``path``, whole.

    See the module docstring for what is refused and what a killed run leaves.
    """
    if is_stdout(path):
        check_output(path, folder=True)
    path = Path(path)
    check_output(path, force=force, folder=True, own=own)
    parent = _parent(path)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the output is an ordinary folder
        yield tmp
        check_output(path, force=force, folder=True, own=own)  # nothing changed it meanwhile
        if os.path.isdir(path) and _exchange(tmp, path):
            shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old folder
            return
        if os.path.isdir(path):
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.replace(path, old / "old")
            try:
                os.replace(tmp, path)
            except BaseException:
                os.replace(old / "old", path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.errno in _WRITE_ERRNOS:
            raise _cannot(path, exc) from None
        raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
