"""Writing imported data as a folder of govgraph YAML files: whole, or not at all.

Files are written by a small block-style YAML writer (fast, no anchors or aliases, which govgraph's reader
refuses), keys in the order given, so the same input gives the same bytes. The folder is written beside the
target under a temporary name and renamed into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from govgraph.fileio import output_dir

__all__ = ["dump_yaml", "write_folder"]

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,()/+\-]*$")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(value: Any) -> str:
    """One scalar as YAML: plain where it reads back as the same string, else double-quoted."""
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    plain = _PLAIN.match(text) and not text.endswith(" ")
    if plain and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG:
        return text
    return json.dumps(text, ensure_ascii=bool(_UNPRINTABLE.search(text)))


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Block-style YAML of nested dicts and lists (records), appended to ``out`` line by line."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{indent}{_scalar(key)}:")
                _emit(item, indent + "  ", out)
            else:
                out.append(f"{indent}{_scalar(key)}: {_block_or_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                sub: list[str] = []
                _emit(item, indent + "  ", sub)
                out.append(f"{indent}- {sub[0].lstrip()}")
                out.extend(sub[1:])
            elif isinstance(item, list) and item:
                out.append(f"{indent}-")
                _emit(item, indent + "  ", out)
            else:
                out.append(f"{indent}- {_block_or_scalar(item)}")


def _block_or_scalar(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump_yaml(data: dict[str, Any]) -> str:
    """One YAML document of records: block style, keys in the order given, never an anchor or alias.

    A small writer for govgraph's plain data (mappings, lists, strings, numbers, booleans); it is many times
    faster than PyYAML's representer on tens of thousands of records. Strings that would read back as something
    else (``no``, ``1945``, ``null``) are quoted.
    """
    out: list[str] = []
    _emit(data, "", out)
    return "\n".join(out) + "\n"


def write_folder(out_dir: Path, files: Mapping[str, str | bytes], *, force: bool = False) -> list[Path]:
    """Write ``{file name: text or bytes}`` as the folder ``out_dir``, atomically; return the paths written.

    An existing non-empty folder is replaced only with ``force`` and only when it holds nothing but files of the
    names being written (a previous import), so a user's own files are never deleted.
    """
    out_dir = Path(out_dir)
    with output_dir(out_dir, force=force, own=set(files)) as tmp:  # whole folder, or nothing
        for name, text in files.items():
            if isinstance(text, bytes):  # Parquet tables (govgraph synth)
                (tmp / name).write_bytes(text)
            else:
                (tmp / name).write_text(text, encoding="utf-8", newline="\n")
    return [out_dir / name for name in files]
