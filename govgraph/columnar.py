"""Checking bulk rows column by column (polars expressions), not one pydantic object per row.

The rules are the models' (:mod:`govgraph.model`) and the shared text and number rules (:mod:`govgraph.limits`),
written as expressions over whole columns: ids and codes by pattern, vocabulary terms by membership, dates by one
regular expression and a calendar check, list cells item by item after ``;``-splitting. Only the rows that fail are
turned into Python, each into a :class:`~govgraph.errors.Problem` located ``FILE:ROW:COL`` with the message the YAML
validation gives for the same mistake ("did you mean" included). Checks across records (references, kinds of the
ends of a tie, dates against lifetimes, duplicates) are joins, in :mod:`govgraph.bulk`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import polars as pl

from govgraph.errors import Problem
from govgraph.limits import BAD_TEXT_PATTERN, MAX_LONG_TEXT, MAX_TEXT, text_problem
from govgraph.model import ACTOR_MODELS, ID_PATTERN
from govgraph.vocab import vocabulary

__all__ = ["DATE_PATTERN", "Checker", "check_section", "date_parts", "fuzzy_before", "has_part"]

#: What a fuzzy date looks like in a cell (as :class:`govgraph.dates.FuzzyDate` reads text).
DATE_PATTERN = r"(?i)^(~|c\.\s*|circa\s+|ca\.\s*)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$"
_ID_COLUMNS = {"actors": ("id",), "relations": ("id", "source", "target"), "sources": ("id",)}
_LONG_TEXT = {"description", "notes", "note", "title"}
_INT_COLUMNS = {"actors": ("cow_code",), "relations": (), "sources": ("year", "ref")}
_DATE_COLUMNS = {"actors": ("founded", "founded_disputed", "dissolved"), "relations": ("start", "end"), "sources": ()}
#: list column -> vocabulary list its items come from
_VOCAB_LISTS = {"issue_areas": "issue_areas", "functions": "functions", "member_types": "member_types"}
#: scalar column -> vocabulary list
_VOCAB_CELLS = {
    "actors": {"kind": "kinds", "org_type": "organisation_types", "agreement_type": "agreement_types"},
    "relations": {"type": "relation_types", "end_reason": "end_reasons"},
    "sources": {"type": "source_types"},
}
#: Columns whose values are checked against a closed shape (so the free-text rules add nothing).
_SHAPED = {
    section: {*_ID_COLUMNS[section], *_DATE_COLUMNS[section], *_INT_COLUMNS[section], *_VOCAB_CELLS[section]}
    | ({"hq_country", "iso2", "iso3", "uia_type"} if section == "actors" else set())
    | ({"status"} if section == "relations" else set())
    for section in _ID_COLUMNS
}
_PATTERNS = {"hq_country": r"^[A-Z]{2}$", "iso2": r"^[A-Z]{2}$", "iso3": r"^[A-Z]{3}$", "uia_type": r"^[A-Z]$"}


@cache
def _suggest(value: str, pool: tuple[str, ...]) -> str:
    from govgraph.dataset import suggest

    return suggest(value, pool)


def _term_message(vocab: str, value: str) -> str:
    terms = tuple(vocabulary().terms(vocab))
    return f"unknown {vocab.replace('_', ' ')[:-1]} {value!r}{_suggest(value, terms)}"


def _id_message(value: str) -> str:
    import re

    if len(value) > 120:
        return "string should have at most 120 characters"
    hint = value.strip().lower().replace(" ", "_")
    tail = f"; did you mean {hint!r}?" if hint != value and re.fullmatch(ID_PATTERN, hint) else ""
    return f"{value!r} is not a valid id (lower-case letters, digits, '_', '.', '-'){tail}"


class Checker:
    """The rows of one section (several tables concatenated), and the problems found in them so far.

    ``frame`` has the section's columns as text plus ``_file``, ``_row`` and ``_n`` (the row's index in the frame);
    ``cols`` gives each file's column positions. :meth:`report` turns the rows an expression flags into problems
    and remembers them as invalid.
    """

    def __init__(self, section: str, frame: pl.DataFrame, cols: dict[str, dict[str, int]]):
        from govgraph.tableio import COLUMNS

        self.section = section
        n = frame.height  # added by hstack: with_columns would copy every column of a frame read in chunks
        missing = [pl.Series(c, dtype=pl.String).extend_constant(None, n) for c in COLUMNS[section] if c not in frame]
        self.frame = frame.hstack(missing).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_n"))
        self.cols = cols
        self.problems: list[Problem] = []
        self.bad: set[int] = set()
        self.pending: list[tuple[Any, ...]] = []
        self.citations: pl.DataFrame | None = None

    def _record_id(self, row: dict[str, Any]) -> str:
        """The id a problem names: the record's id; for a relation without one, ``source:type:target``."""
        if "_rid" in row:
            return row["_rid"]
        if self.section != "relations" or row.get("id"):
            return row.get("id") or ""
        return ":".join(row.get(c) or "?" for c in ("source", "type", "target"))

    def has(self, column: str) -> bool:
        return column in self.frame.columns

    def col_map(self, file: str) -> dict[str, int]:
        """Column positions in ``file``."""
        return self.cols.get(file, {})

    def col(self, file: str, column: str) -> int:
        cols = self.cols.get(file, {})
        if column == "headquarters":
            return cols.get("hq_country", cols.get("hq_city", 1))
        return cols.get(column, 1)

    def report(
        self,
        mask: pl.Expr,
        field: str,
        message: str | Callable[[dict[str, Any]], str],
        *,
        column: str | None = None,
        frame: pl.DataFrame | None = None,
        needs: tuple[str, ...] = (),
    ) -> None:
        """Every row where ``mask`` holds is a problem at ``column`` (default ``field``): ``message`` or
        ``message(row)`` (``row`` has the columns ``needs`` and the field's own).

        Without ``frame`` the check is on the section's rows, and it waits for :meth:`flush`, which evaluates all
        waiting masks in one pass over the rows (polars runs them in parallel); with ``frame`` (list items, joins)
        it runs at once.
        """
        check = (mask, field, message, column or field, needs)
        if frame is None:
            self.pending.append(check)
        else:
            self._emit(frame, *check)

    def flush(self) -> None:
        """Evaluate the waiting checks: one pass for all of them, then the failing rows of those that fail."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        self._run(self.frame, pending)

    def report_all(
        self, frame: pl.DataFrame, checks: list[tuple[pl.Expr, str, str | Callable[[dict[str, Any]], str], str]]
    ) -> None:
        """Several :meth:`report` on one ``frame`` at once: ``(mask, field, message, needs)`` each; one pass over
        the rows tells which find anything, and only those are run."""
        self._run(frame, [(mask, field, message, field, needs) for mask, field, message, needs in checks])

    def report_items(
        self,
        column: str,
        items: pl.DataFrame,
        mask: pl.Expr,
        field: str,
        message: str | Callable[[dict[str, Any]], str],
        needs: tuple[str, ...] = (),
    ) -> None:
        """:meth:`report` for list items (one row per item of each distinct cell of ``column``: ``_cell`` and the
        item's columns): each row whose cell holds a flagged item is a problem, once per such item."""
        bad = items.filter(mask)
        if bad.height == 0:
            return
        cells = bad["_cell"].unique().implode()
        rows = self.frame.select("_n", pl.col(column).alias("_cell")).filter(pl.col("_cell").is_in(cells))
        found = rows.join(bad, on="_cell", how="inner", maintain_order="left_right")
        self._emit(found, pl.lit(True), field, message, column, needs)

    def _run(self, frame: pl.DataFrame, checks: list[tuple[Any, ...]]) -> None:
        if not checks or frame.height == 0:
            return
        hits = frame.select(m.any().alias(str(i)) for i, (m, *_) in enumerate(checks)).row(0)
        for hit, check in zip(hits, checks, strict=True):
            if hit:
                self._emit(frame, *check)

    def _emit(
        self,
        source: pl.DataFrame,
        mask: pl.Expr,
        field: str,
        message: str | Callable[[dict[str, Any]], str],
        column: str,
        needs: tuple[str, ...],
    ) -> None:
        bad = source.filter(mask)
        if bad.height == 0:
            return
        ids = ("_rid",) if "_rid" in bad.columns else ("id", "source", "type", "target")
        missing = [c for c in ("_file", "_row", *needs, *ids, column) if c not in bad.columns and self.has(c)]
        if missing:  # a narrow frame (joins carry few columns): the rest from the section's rows
            rows = self.frame.filter(pl.col("_n").is_in(bad["_n"].implode())).select("_n", *dict.fromkeys(missing))
            bad = bad.join(rows, on="_n", how="left", maintain_order="left")
        wanted = ["_file", "_row", "_n", *needs, *(c for c in ids if c in bad.columns)]
        if column in bad.columns:
            wanted.append(column)
        for row in bad.select(list(dict.fromkeys(wanted))).iter_rows(named=True):
            text = message if isinstance(message, str) else message(row)
            where = self.col(row["_file"], column)
            self.problems.append(Problem(row["_file"], row["_row"], where, self._record_id(row), field, text))
            self.bad.add(row["_n"])

    def valid(self) -> pl.DataFrame:
        """The rows without a problem."""
        self.flush()
        if not self.bad:
            return self.frame
        return self.frame.filter(~pl.col("_n").is_in(pl.Series(sorted(self.bad), dtype=pl.Int64).implode()))


def add_date_parts(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """``frame`` with ``{column}_y``, ``_m``, ``_d`` (integers, null where absent) and the canonical text in
    ``column``. Plain years (most cells) are cast directly; only the other cells go through the date pattern."""
    text = pl.col(column)
    year = text.cast(pl.Int32, strict=False)  # also reads '+123' and '-123': a plain year is 4 bytes, no sign
    plain = (text.str.len_bytes() == 4) & (year >= 0) & ~text.str.starts_with("+")
    out = frame.with_columns(
        pl.when(plain).then(year).alias(f"{column}_y"),
        pl.lit(None, dtype=pl.Int32).alias(f"{column}_m"),
        pl.lit(None, dtype=pl.Int32).alias(f"{column}_d"),
    )
    rest = out.filter(text.is_not_null() & pl.col(f"{column}_y").is_null())
    if rest.height == 0:
        return out
    parsed = rest.select("_n", *date_parts(column))
    return out.update(parsed, on="_n", include_nulls=True)


def date_parts(column: str) -> list[pl.Expr]:
    """``{column}_y``, ``_m``, ``_d`` (integers, null where absent) and the canonical text in ``column``."""
    groups = pl.col(column).str.extract_groups(DATE_PATTERN)
    circa = groups.struct.field("1").is_not_null()
    y, m, d = (groups.struct.field(str(i)) for i in (2, 3, 4))
    canonical = pl.concat_str(
        [pl.when(circa).then(pl.lit("~")).otherwise(pl.lit("")), y, ("-" + m).fill_null(""), ("-" + d).fill_null("")]
    )
    return [
        y.cast(pl.Int32, strict=False).alias(f"{column}_y"),
        m.cast(pl.Int32, strict=False).alias(f"{column}_m"),
        d.cast(pl.Int32, strict=False).alias(f"{column}_d"),
        pl.when(y.is_not_null()).then(canonical).otherwise(pl.col(column)).alias(column),
    ]


def has_part(frame: pl.DataFrame, column: str) -> bool:
    """Whether the date part ``column`` (``founded_m``) holds a value in some row (most tables hold only years)."""
    return column in frame.columns and frame[column].null_count() < frame.height


def fuzzy_before(a: str, b: str, frame: pl.DataFrame | None = None) -> pl.Expr:
    """``a`` is certainly before ``b`` at their common precision (:meth:`FuzzyDate.before`), from date parts.

    With the ``frame`` it will run on, a comparison of months (days) that no row can make is left out.
    """
    ya, ma, da, yb, mb, db = (pl.col(f"{x}_{p}") for x in (a, b) for p in "ymd")
    if frame is not None and not (has_part(frame, f"{a}_m") and has_part(frame, f"{b}_m")):
        return ya < yb
    months = ma.is_not_null() & mb.is_not_null()
    days = months & da.is_not_null() & db.is_not_null()
    return (ya < yb) | (months & (ya == yb) & (ma < mb)) | (days & (ya == yb) & (ma == mb) & (da < db))


def _check_dates(c: Checker, column: str) -> None:
    if not c.has(column):
        return
    raw = pl.col(column)
    c.frame = add_date_parts(c.frame.with_columns(raw.alias(f"{column}_raw")), column)
    y, m, d = (pl.col(f"{column}_{p}") for p in "ymd")
    shown = f"{column}_raw"

    def not_a_date(row: dict[str, Any]) -> str:
        return f"{row[shown]!r} is not a date: write 1945, 1945-11, 1945-11-16 or ~1945"

    c.report(raw.is_not_null() & y.is_null(), column, not_a_date, needs=(shown,))
    c.report(y == 0, column, "year 0 is out of range")
    if not has_part(c.frame, f"{column}_m"):
        return  # years only (the common case): no month or day to check
    c.report((m < 1) | (m > 12), column, lambda r: f"month {r[f'{column}_m']} is out of range", needs=(f"{column}_m",))
    full = pl.format(
        "{}-{}-{}", y.cast(pl.String).str.zfill(4), m.cast(pl.String).str.zfill(2), d.cast(pl.String).str.zfill(2)
    )
    bad_day = d.is_not_null() & (m >= 1) & (m <= 12) & (y >= 1) & full.str.to_date("%Y-%m-%d", strict=False).is_null()
    c.report(bad_day, column, "day is out of range for month")


def _check_text(c: Checker, column: str) -> None:
    limit = MAX_LONG_TEXT if column in _LONG_TEXT else MAX_TEXT
    text = pl.col(column)
    flagged = text.str.contains(BAD_TEXT_PATTERN) | (text.str.len_chars() > limit)
    c.report(flagged, column, lambda r: text_problem(r[column], limit=limit) or "", needs=(column,))


def _check_ints(c: Checker, column: str) -> None:
    text = pl.col(column)
    not_int = text.is_not_null() & ~text.str.contains(r"^[+-]?\d+$")
    c.report(not_int, column, "input should be a valid integer, unable to parse string as an integer")
    digits = text.str.strip_chars_start("+-").str.strip_chars_start("0").str.len_chars()
    too_big = text.is_not_null() & ~not_int & (digits >= 19) & text.cast(pl.Int64, strict=False).is_null()
    c.report(too_big, column, lambda r: f"integer {r[column]} is outside the 64-bit range", needs=(column,))


def _list_items(c: Checker, column: str) -> pl.DataFrame:
    """One row per item of each distinct cell of a ``;``-separated list column: ``_cell`` and ``_item`` (cells
    with an empty list have none). A million ties cite a few thousand distinct cells: each is split and checked
    once, and :meth:`Checker.report_items` finds the rows of the cells that fail."""
    cells = c.frame.select(pl.col(column).unique().alias("_cell")).filter(pl.col("_cell").is_not_null())
    items = cells.with_columns(pl.col("_cell").str.split(";").alias("_item")).explode("_item")
    items = items.with_columns(pl.col("_item").str.strip_chars())
    return items.filter(pl.col("_item").is_not_null() & (pl.col("_item") != ""))


def _check_vocab_cell(c: Checker, column: str, vocab: str) -> None:
    terms = pl.Series(list(vocabulary().terms(vocab)), dtype=pl.String)
    text = pl.col(column)
    c.report(
        text.is_not_null() & ~text.is_in(terms.implode()),
        column,
        lambda r: _term_message(vocab, r[column]),
        needs=(column,),
    )


def _check_list(c: Checker, column: str) -> None:
    items = _list_items(c, column)
    limit = MAX_TEXT
    bad_text = pl.col("_item").str.contains(BAD_TEXT_PATTERN) | (pl.col("_item").str.len_chars() > limit)
    c.report_items(column, items, bad_text, column, lambda r: text_problem(r["_item"], limit=limit) or "", ("_item",))
    vocab = _VOCAB_LISTS.get(column)
    if vocab:
        terms = pl.Series(list(vocabulary().terms(vocab)), dtype=pl.String)
        c.report_items(
            column,
            items,
            ~pl.col("_item").is_in(terms.implode()),
            column,
            lambda r: _term_message(vocab, r["_item"]),
            ("_item",),
        )


def citation_items(c: Checker) -> pl.DataFrame:
    """One row per citation: ``_key`` and ``_at`` (``key@at``), with the row it stands in (split once per checker)."""
    if c.citations is None:
        c.citations = _split_citations(c)
    return c.citations


def _split_citations(c: Checker) -> pl.DataFrame:
    items = _list_items(c, "sources")
    parts = pl.col("_item").str.splitn("@", 2)
    return items.with_columns(
        parts.struct.field("field_0").str.strip_chars().alias("_key"),
        parts.struct.field("field_1").str.strip_chars().replace("", None).alias("_at"),
    )


def _check_citations(c: Checker) -> None:
    if not c.has("sources"):
        c.report(pl.lit(True), "sources", "missing required field")
        return
    c.report(
        pl.col("sources").is_null() | ~pl.col("sources").str.contains(r"[^;\s]"),
        "sources",
        "missing required field",
    )
    cites = citation_items(c)
    key = pl.col("_key")
    bad_key = ~key.str.contains(ID_PATTERN) | (key.str.len_chars() > 120)
    c.report_items("sources", cites, bad_key, "sources", lambda r: _id_message(r["_key"]), ("_key",))
    at = pl.col("_at")
    bad_at = at.str.contains(BAD_TEXT_PATTERN) | (at.str.len_chars() > MAX_TEXT)
    c.report_items("sources", cites, bad_at, "sources", lambda r: text_problem(r["_at"]) or "", ("_at",))


def _check_required(c: Checker, columns: tuple[str, ...]) -> None:
    for column in columns:
        if c.has(column):
            c.report(pl.col(column).is_null(), column, "missing required field")


def _check_ids(c: Checker) -> None:
    for column in _ID_COLUMNS[c.section]:
        if c.has(column):
            text = pl.col(column)
            bad = text.is_not_null() & (~text.str.contains(ID_PATTERN) | (text.str.len_chars() > 120))
            c.report(bad, column, lambda r, col=column: _id_message(r[col]), needs=(column,))


#: actor column -> the model field it fills (headquarters from two columns)
_ACTOR_FIELD = {"hq_country": "headquarters", "hq_city": "headquarters"}


def _check_actor_kinds(c: Checker) -> None:
    """Fields a kind of actor lacks (``org_type`` on a state) and those it needs (``org_type``, ``agreement_type``)."""
    kind = pl.col("kind")
    for name, model in ACTOR_MODELS.items():
        fields = set(model.model_fields)
        for column in c.frame.columns:
            if column.startswith("_") or column.endswith(("_raw", "_y", "_m", "_d")) or column == "kind":
                continue
            if _ACTOR_FIELD.get(column, column) not in fields:
                c.report((kind == name) & pl.col(column).is_not_null(), column, f"{column} does not apply to a {name}")
        for column in ("org_type", "agreement_type"):
            if column in fields and model.model_fields[column].is_required():
                present = pl.col(column).is_null() if c.has(column) else pl.lit(True)
                c.report((kind == name) & present, column, "missing required field")
    if c.has("hq_city"):
        no_country = pl.col("hq_country").is_null() if c.has("hq_country") else pl.lit(True)
        c.report(
            pl.col("hq_city").is_not_null() & no_country,
            "headquarters.country",
            "missing required field",
            column="hq_city",
        )
    if c.has("hq_country"):
        from govgraph.countries import is_country_code

        codes = pl.Series(
            [x for x in c.frame["hq_country"].drop_nulls().unique().to_list() if not is_country_code(x)],
            dtype=pl.String,
        )
        good_shape = pl.col("hq_country").str.contains(_PATTERNS["hq_country"])
        msg = "{!r} is not an ISO 3166-1 alpha-2 country code"
        c.report(
            good_shape & pl.col("hq_country").is_in(codes.implode()),
            "headquarters.country",
            lambda r: msg.format(r["hq_country"]),
            column="hq_country",
            needs=("hq_country",),
        )
    before = fuzzy_before("dissolved", "founded", c.frame)
    c.report(
        before,
        "dissolved",
        lambda r: f"dissolved {r['dissolved']} before founded {r['founded']}",
        needs=("dissolved", "founded"),
    )
    if c.has("founded_disputed"):
        no_founded = pl.col("founded").is_null() if c.has("founded") else pl.lit(True)
        needs_paper = "a disputed founding date needs founded (the paper's date, which is kept)"
        c.report(pl.col("founded_disputed").is_not_null() & no_founded, "founded_disputed", needs_paper)


def _check_patterns(c: Checker) -> None:
    for column, pattern in _PATTERNS.items():
        if c.has(column):
            text = pl.col(column)
            field = "headquarters.country" if column == "hq_country" else column
            message = f"string should match pattern '{pattern}'"
            c.report(text.is_not_null() & ~text.str.contains(pattern), field, message, column=column)


def _check_relation_fields(c: Checker) -> None:
    vocab = vocabulary()
    statuses = sorted({s for r in vocab.relation_types.values() for s in r.statuses})
    if c.has("status"):
        status = pl.col("status")

        def unknown(row: dict[str, Any]) -> str:
            rtype = vocab.relation_types.get(row["type"])
            names = list(rtype.statuses) if rtype else []
            tail = _suggest(row["status"], tuple(names))
            return f"unknown status {row['status']!r}{tail} (allowed: {', '.join(names) or 'none'})"

        c.report(
            status.is_not_null() & ~status.is_in(pl.Series(statuses).implode()),
            "status",
            unknown,
            needs=("type", "status"),
        )
        known = status.is_in(pl.Series(statuses).implode()) & pl.col("type").is_in(
            pl.Series(list(vocab.relation_types)).implode()
        )
        allowed = pl.DataFrame(
            [(name, s) for name, r in vocab.relation_types.items() for s in r.statuses],
            schema={"type": pl.String, "status": pl.String},
            orient="row",
        )
        # the few distinct (type, status) pairs are checked, then the rows of those that do not fit
        pairs = c.frame.group_by("type", "status").len().filter(known).join(allowed, on=["type", "status"], how="anti")
        mismatched = c.frame.join(pairs.drop("len"), on=["type", "status"], how="semi") if pairs.height else None

        def wrong(row: dict[str, Any]) -> str:
            names = ", ".join(vocab.relation_types[row["type"]].statuses) or "none"
            return f"status {row['status']!r} does not apply to {row['type']} (allowed: {names})"

        if mismatched is not None:
            c.report(pl.lit(True), "status", wrong, frame=mismatched, needs=("type", "status"))
    c.report(pl.col("source") == pl.col("target"), "target", "a relation cannot tie an actor to itself")
    if c.has("start") and c.has("end"):
        c.report(
            fuzzy_before("end", "start", c.frame),
            "end",
            lambda r: f"end {r['end']} is before start {r['start']}",
            needs=("start", "end"),
        )


def _check_source_fields(c: Checker) -> None:
    if c.has("accessed"):
        day = pl.col("accessed").str.to_date("%Y-%m-%d", strict=False)
        c.report(
            pl.col("accessed").is_not_null() & day.is_null(),
            "accessed",
            "input should be a valid date in the format YYYY-MM-DD",
        )
    url = pl.col("url").is_null() if c.has("url") else pl.lit(True)
    accessed = pl.col("accessed").is_null() if c.has("accessed") else pl.lit(True)
    c.report(
        (pl.col("type") == "web") & (url | accessed),
        "type",
        "a web source needs url and accessed (the date it was read)",
    )


def check_section(section: str, frame: pl.DataFrame, cols: dict[str, dict[str, int]]) -> Checker:
    """Check every row of one section on its own (no references to other records yet); return the checker."""
    from govgraph.tableio import COLUMNS, LIST_COLUMNS, REQUIRED

    c = Checker(section, frame, cols)
    _check_required(c, REQUIRED[section])
    _check_ids(c)
    for column, vocab in _VOCAB_CELLS[section].items():
        _check_vocab_cell(c, column, vocab)
    for column in COLUMNS[section]:
        if column in LIST_COLUMNS:
            if column != "sources" or section == "sources":
                _check_list(c, column)
        elif column not in _SHAPED[section]:  # terms, ids, dates, codes: their own checks admit only clean text
            _check_text(c, column)
    for column in _INT_COLUMNS[section]:
        _check_ints(c, column)
    for column in _DATE_COLUMNS[section]:
        _check_dates(c, column)
    if section == "actors":
        _check_patterns(c)
        _check_actor_kinds(c)
    if section != "sources":
        _check_citations(c)
    if section == "relations":
        _check_relation_fields(c)
    if section == "sources":
        _check_source_fields(c)
    c.flush()
    return c
