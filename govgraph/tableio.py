"""Bulk records as tables (CSV or Parquet) beside YAML: finding them and reading them into polars frames.

The layout (the README's "Tables" section and ``schema/tables.md``): a data folder may hold ``actors.csv``,
``relations.csv``, ``sources.csv`` or ``<anything>.actors.csv`` (``.relations``, ``.sources``), and the same with
``.parquet``. One row per record, the same field names and vocabulary as YAML, an empty cell is an absent field,
list cells are ``;``-separated, a citation is ``key`` or ``key@at``.

Every cell is read as text (Parquet numbers are cast to text), stripped, and an empty cell becomes null, so the
checks of :mod:`govgraph.columnar` see one shape whatever the file format. Each frame carries ``_file`` and
``_row``: the line in the file (header = 1; for Parquet, the row number counting the header as 1), so that every
problem is located ``FILE:ROW:COL``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import Problem, UsageError

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "REQUIRED",
    "TABLE_SUFFIXES",
    "TableFrame",
    "data_files",
    "read_table",
    "relations_csv",
    "table_section",
]

#: Columns of each section, in the order the layout documents them (the ``NODE_COLUMNS`` of the CSV importer).
COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": (
        "id", "kind", "name", "name_zh", "aliases", "founded", "founded_disputed", "dissolved", "hq_country",
        "hq_city", "org_type", "uia_type", "agreement_type", "iso2", "iso3", "cow_code", "issue_areas", "functions",
        "member_types", "url", "description", "notes", "sources",
    ),
    "relations": ("id", "source", "target", "type", "start", "end", "status", "role", "end_reason", "notes", "sources"),
    "sources": ("id", "type", "title", "authors", "year", "container", "url", "accessed", "ref", "note"),
}  # fmt: skip
REQUIRED = {
    "actors": ("id", "kind", "name"),
    "relations": ("source", "target", "type"),
    "sources": ("id", "type", "title"),
}
#: Columns whose cells are ``;``-separated lists.
LIST_COLUMNS = frozenset({"aliases", "issue_areas", "functions", "member_types", "sources", "authors"})
TABLE_SUFFIXES = (".csv", ".parquet")
_YAML_SUFFIXES = (".yaml", ".yml")


def table_section(path: Path) -> str | None:
    """The section a table file holds (``actors``, ``relations``, ``sources``), or None when it is not a table.

    >>> table_section(Path("memberships.relations.csv")), table_section(Path("actors.parquet"))
    ('relations', 'actors')
    >>> table_section(Path("notes.csv")) is None
    True
    """
    if path.suffix not in TABLE_SUFFIXES:
        return None
    section = path.stem.rpartition(".")[2]
    return section if section in COLUMNS else None


def data_files(paths: Sequence[Path | str] | None) -> tuple[list[Path], list[Path]]:
    """The YAML files and the tables named by ``paths`` (folders searched recursively); the seeds by default.

    ``seeds`` names the packaged seeds when there is no such file or folder here. Folders are searched without
    their hidden entries (``.git``, an editor's temporary files, the ``.NAME.*.tmp`` folder a killed write leaves);
    a FIFO, device or socket is refused, never read. A file named directly must be YAML or a table of the layout.
    Raises UsageError when a path is missing or not a regular file, or when nothing is found.
    """
    from govgraph.dataset import SEEDS_WORD
    from govgraph.paths import seeds_dir

    yaml_found: list[Path] = []
    tables: list[Path] = []
    for raw in paths or [seeds_dir()]:
        path = Path(raw)
        if str(raw) == SEEDS_WORD and not path.exists():
            path = seeds_dir()
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if _data_entry(p, path)]
            yaml_found.extend(p for p in found if p.suffix in _YAML_SUFFIXES)
            tables.extend(p for p in found if table_section(p))
        elif path.is_file():
            if table_section(path):
                tables.append(path)
            elif path.suffix in TABLE_SUFFIXES:
                raise UsageError(
                    f"{path}: a table must be named actors, relations or sources (or <name>.actors{path.suffix} ...)"
                )
            else:
                yaml_found.append(path)
        elif path.exists():
            raise UsageError(f"{path}: not a regular file or folder (a FIFO, device or socket is not read as data)")
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not yaml_found and not tables:
        raise UsageError("no YAML files or tables found in " + ", ".join(str(p) for p in paths or []))
    return yaml_found, tables


def _data_entry(path: Path, folder: Path) -> bool:
    """Whether ``path``, found in ``folder``, is a data file: hidden entries are skipped; a FIFO, device or socket
    with a data name is refused."""
    if any(part.startswith(".") for part in path.relative_to(folder).parts):
        return False
    if path.is_file():
        return True
    if path.is_dir() or not (path.suffix in _YAML_SUFFIXES or table_section(path)):
        return False
    raise UsageError(f"{path}: not a regular file (a FIFO, device or socket is not read as data)")


@dataclass
class TableFrame:
    """One table read: its section, the frame of text cells (plus ``_file``, ``_row``), and column positions."""

    file: str
    section: str
    frame: Any  # polars.DataFrame
    cols: dict[str, int] = field(default_factory=dict)


def _text_frame(frame: Any) -> Any:
    """Every column as stripped text, empty cells null.

    A scan finds the columns with a cell to strip or empty (a CSV reader gives null for most empty cells already);
    only those are rewritten, so a clean million-row table is not copied.
    """
    import polars as pl

    other = [pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t != pl.String]
    if other:
        frame = frame.with_columns(other)
    columns = frame.columns
    # \s is Unicode White_Space, which is what strip_chars() strips
    padded = [pl.col(c).str.contains(r"^\s|\s$").any() for c in columns]
    empty = [(pl.col(c) == "").any() for c in columns]
    flags = frame.select(
        *(e.alias(f"p{i}") for i, e in enumerate(padded)), *(e.alias(f"e{i}") for i, e in enumerate(empty))
    )
    flags = flags.row(0) if columns else ()
    n = len(columns)
    fixed = []
    for i, c in enumerate(columns):
        if flags[i]:
            fixed.append(pl.col(c).str.strip_chars().replace("", None))
        elif flags[n + i]:
            fixed.append(pl.col(c).replace("", None))
    return frame.with_columns(fixed) if fixed else frame


def _header_problems(name: str, section: str, header: list[str]) -> list[Problem]:
    from govgraph.dataset import suggest

    allowed = COLUMNS[section]
    problems = [
        Problem(name, 1, i, "", col, f"unknown {section} column{suggest(col, allowed)}")
        for i, col in enumerate(header, 1)
        if col not in allowed
    ]
    seen: dict[str, int] = {}
    for i, col in enumerate(header, 1):
        if col in seen:
            problems.append(Problem(name, 1, i, "", col, f"repeated column (first at column {seen[col]})"))
        seen.setdefault(col, i)
    unknown = [h for h in header if h not in allowed]
    problems += [
        Problem(name, 1, 1, "", col, f"missing required {section} column{suggest(col, unknown)}")
        for col in REQUIRED[section]
        if col not in header
    ]
    return problems


def _csv_lines(raw: bytes, n_rows: int) -> list[int] | None:
    """The line each record starts on, when some cell spans lines (else None: record i is on line i + 2)."""
    if raw.count(b"\n") <= n_rows + 1:
        return None
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))
    next(reader, None)
    starts, last = [], reader.line_num
    for row in reader:
        if any(cell.strip() for cell in row):
            starts.append(last + 1)
        last = reader.line_num
    return starts


def _ragged(name: str, text: str, width: int) -> list[Problem]:
    """Rows with more cells than the header (what makes a CSV unreadable as a table), located by Python's reader."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    problems, last = [], 1
    try:
        for row in reader:
            line, last = last + 1, reader.line_num
            if len(row) > width:
                msg = f"{len(row)} cells, the header has {width} columns"
                problems.append(Problem(name, line, width + 1, row[0].strip(), "row", msg))
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, 1, "", "", f"not readable as CSV: {exc}"))
    return problems


def _read_csv(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """One CSV file as a frame of text cells and ``_row``, or its problems.

    The bytes go to polars as they are (no decoding and encoding again): an ASCII file (the common case, checked in
    milliseconds) is valid UTF-8 already; any other is decoded once to check it and to locate a bad byte.
    """
    import polars as pl

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(name, line, 1, "", "", "not a text file (contains NUL bytes)")]
    if raw.isascii():
        blank = not raw or raw.isspace()
        first = raw[: raw.find(b"\n")] if b"\n" in raw else raw
        header_line = first.decode("ascii")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start]
            line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
            msg = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the table as UTF-8 CSV"
            return None, [Problem(name, line, col, "", "", msg)]
        blank = not text.strip()
        header_line = text.partition("\n")[0]
        del text
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
    if blank:
        return None, [Problem(name, 1, 1, "", "", "file is empty (a table needs at least its header)")]
    header = next(csv.reader(io.StringIO(header_line)), [])
    problems: list[Problem] = []
    try:
        frame = pl.read_csv(raw, infer_schema=False, has_header=True, raise_if_empty=False, quote_char='"')
    except Exception:  # a ragged or badly quoted row: locate it with Python's reader
        found = _ragged(name, raw.decode("utf-8"), len(header))
        return None, found or [Problem(name, 1, 1, "", "", "not readable as CSV")]
    frame = frame.rename({old: new.strip() for old, new in zip(frame.columns, header, strict=False)})
    frame = _text_frame(frame)
    starts = _csv_lines(raw, frame.height)
    rows = pl.Series("_row", starts, dtype=pl.Int64) if starts is not None and len(starts) == frame.height else None
    if rows is None:
        rows = pl.int_range(2, frame.height + 2, dtype=pl.Int64, eager=True).alias("_row")
    return frame.hstack([rows]), problems


def _read_parquet(path: Path, name: str) -> tuple[Any, list[Problem]]:
    import polars as pl

    try:
        frame = pl.read_parquet(path)
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    except Exception as exc:
        return None, [Problem(name, 1, 1, "", "", f"not readable as Parquet: {str(exc).splitlines()[0]}")]
    nested = [c for c, t in frame.schema.items() if t.is_nested()]
    if nested:
        lists = [frame.select(pl.col(c).cast(pl.List(pl.String)).list.join(";")) for c in nested]
        frame = frame.with_columns(s.to_series() for s in lists)
    frame = _text_frame(frame)
    return frame.hstack([pl.int_range(2, frame.height + 2, dtype=pl.Int64, eager=True).alias("_row")]), []


def read_table(path: Path | str) -> tuple[TableFrame | None, list[Problem]]:
    """Read one table (its section from its name) as text cells; header problems make it unreadable (None)."""
    import polars as pl

    path = Path(path)
    name = str(path)
    section = table_section(path)
    if section is None:
        raise UsageError(f"{name} is not a table of the layout (actors, relations or sources; .csv or .parquet)")
    frame, problems = (_read_csv if path.suffix == ".csv" else _read_parquet)(path, name)
    if frame is None:
        return None, problems
    header = [c for c in frame.columns if c != "_row"]
    problems += _header_problems(name, section, header)
    if problems:
        return None, problems
    if header:  # rows of empty cells are not records (filtered only when there are some: a filter copies every cell)
        empty = pl.all_horizontal(pl.col(c).is_null() for c in header)
        if frame.select(empty.any()).item():
            frame = frame.filter(~empty)
    # the file's name in every row: one category repeated (as a text literal, a copy of it per row)
    frame = frame.with_columns(pl.repeat(pl.lit(name, dtype=pl.Categorical), pl.len()).alias("_file"))
    return TableFrame(name, section, frame, {c: i for i, c in enumerate(header, 1)}), []


#: What each column holds, for the generated layout document (``schema/tables.md``).
_HOLDS = {
    "id": "id: lower-case letters, digits, `_`, `.`, `-`",
    "source": "id of an actor",
    "target": "id of an actor",
    "founded": "date: `1945`, `1945-11`, `1945-11-16`, `~1945`",
    "founded_disputed": "date a public source gives where it disputes `founded` (the paper's, kept)",
    "dissolved": "date",
    "start": "date",
    "end": "date",
    "hq_country": "ISO 3166-1 alpha-2 code (with `hq_city`: the headquarters)",
    "iso2": "two capital letters",
    "iso3": "three capital letters",
    "uia_type": "one capital letter",
    "cow_code": "integer",
    "year": "integer",
    "ref": "integer",
    "accessed": "date `YYYY-MM-DD` (web sources need it and `url`)",
    "sources": "citations: `key` or `key@at` (`paper@§2.3 [20]; wfeo_story`)",
    "status": "a status of the relation type (see the vocabulary)",
}


def tables_markdown() -> str:
    """The table layout as Markdown, generated from the columns and the vocabulary (``schema/tables.md``)."""
    from govgraph.columnar import _LONG_TEXT, _VOCAB_CELLS, _VOCAB_LISTS

    lines = [
        "# govgraph table layout",
        "",
        "Generated from `govgraph/tableio.py` and `govgraph/vocabulary.yaml`; do not edit by hand.",
        "",
        "A data folder may hold bulk records as tables beside YAML: `actors.csv`, `relations.csv`, `sources.csv`, or",
        "`<anything>.actors.csv` (`.relations.csv`, `.sources.csv`), and the same with `.parquet`. One row per record;",
        "the same field names and vocabulary as YAML; an empty cell is an absent field; list cells are `;`-separated.",
        "Errors are located `FILE:ROW:COL: <id>: <field>: message`, ROW being the line in the file (header = 1; in",
        "Parquet, the row number counting the header as 1).",
        "",
    ]
    for section, columns in COLUMNS.items():
        vocab = _VOCAB_CELLS[section]
        lines += [f"## {section}", "", "| column | required | holds |", "|---|---|---|"]
        for column in columns:
            if column in vocab:
                holds = f"a term of `{vocab[column]}`"
            elif column in _VOCAB_LISTS:
                holds = f"`;`-separated terms of `{_VOCAB_LISTS[column]}`"
            elif column in _HOLDS:
                holds = _HOLDS[column]
            elif column in LIST_COLUMNS:
                holds = "`;`-separated text"
            else:
                holds = "text, up to 100,000 characters" if column in _LONG_TEXT else "text, up to 2,000 characters"
            required = "yes" if column in REQUIRED[section] else ""
            if section == "actors" and column in ("org_type", "agreement_type"):
                required = f"for {column.split('_')[0].replace('org', 'organisation')}s"
            if section != "sources" and column == "sources":
                required = "yes"
            lines.append(f"| `{column}` | {required} | {holds} |")
        lines.append("")
    return "\n".join(lines)


def _cell(column: str, value: Any) -> str | None:
    """``value`` as a cell of ``column`` in the layout, or None when the layout cannot hold it as it is."""
    if value is None:
        return ""
    if column == "sources":
        parts = []
        for cit in value:
            if isinstance(cit, str):
                text = cit
            elif isinstance(cit, dict) and set(cit) <= {"key", "at"} and "key" in cit:
                text = cit["key"] if cit.get("at") is None else f"{cit['key']}@{cit['at']}"
            else:
                return None  # a citation with a note: only YAML holds it
            if ";" in text or text != text.strip():
                return None
            parts.append(text)
        return "; ".join(parts)
    if isinstance(value, (list, dict, bool)):
        return None
    return str(value)


def relations_csv(records: Sequence[dict[str, Any]]) -> str | None:
    """Relation records (dicts with YAML's fields) as the text of a ``.relations.csv`` table of the layout; None
    when a record holds what the layout cannot (another field, a citation with a note, a ``;`` inside a citation).

    The columns are those the records use, in the layout's order; importers write their bulk ties this way, so a
    million memberships are read back column by column.

    >>> print(relations_csv([{"type": "member_of", "source": "fr", "target": "unesco", "start": 1946,
    ...                       "sources": [{"key": "cow-igo-v3", "at": "UNESCO, column france"}]}]), end="")
    source,target,type,start,sources
    fr,unesco,member_of,1946,"cow-igo-v3@UNESCO, column france"
    """
    from govgraph.render.csv import csv_row

    layout = COLUMNS["relations"]
    used = {k for r in records for k in r}
    if used - set(layout):
        return None
    columns = [c for c in layout if c in used or c in REQUIRED["relations"]]
    lines = [csv_row(columns)]
    for record in records:
        cells = [_cell(c, record.get(c)) for c in columns]
        if any(cell is None for cell in cells):
            return None
        lines.append(csv_row(cells))  # type: ignore[arg-type]
    return "".join(lines)
