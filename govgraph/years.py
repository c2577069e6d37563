"""Which years an analysis looks at: the default year, and the ``--over START:END[:STEP]`` range.

One rule picks the year a command looks at when the user names none (``--as-of``): **the latest year the data
observes that is not in the future** (:func:`default_year`). A year is observed when something is founded or
dissolved in it, or a tie starts or ends in it; a planned end (a membership until 2030) is not yet a fact, so
years after the current one are passed over. The current year is today's (UTC), or the year of
``SOURCE_DATE_EPOCH`` when that is set (the reproducible-builds convention), so a rerun can be pinned.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from govgraph.errors import UsageError

__all__ = ["MAX_YEARS", "current_year", "default_year", "observed_years", "parse_over"]

#: At most this many years in one ``--over`` range.
MAX_YEARS = 1000


def current_year() -> int:
    """This year (UTC), or the year of ``SOURCE_DATE_EPOCH`` (seconds since 1970) when it is set.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"  # 2023-11-14
    >>> current_year()
    2023
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).year
    return dt.datetime.now(dt.UTC).year


def observed_years(data: Any) -> set[int]:
    """Every year a graph or a dataset records: foundings and dissolutions of actors, starts and ends of ties.

    A dataset gives the years its graph would (:func:`govgraph.graph.build_graph`), so a command can pick its
    year before it builds anything; a :class:`~govgraph.bulk.BulkDataset` reads them off its columns.
    """
    if hasattr(data, "nodes"):
        years = {d[k] for _, d in data.nodes(data=True) for k in ("founded_year", "dissolved_year") if k in d}
        return years | {d[k] for *_, d in data.edges(data=True) for k in ("start_year", "end_year") if k in d}
    if hasattr(data, "tables"):
        import polars as pl

        actors, relations = data.tables["actors"], data.tables["relations"]
        columns = [actors[c] for c in ("founded_y", "dissolved_y")] + [relations[c] for c in ("start_y", "end_y")]
        found = pl.concat([c.cast(pl.Int64).drop_nulls().unique() for c in columns])
        return set(found.to_list()) | observed_years(data.yaml_part)
    years = {d.year for a in data.actors.values() for d in (a.founded, a.dissolved) if d}
    return years | {d.year for r in data.relations for d in (r.start, r.end) if d}


def _is_data(value: Any) -> bool:
    """True for a graph or a dataset, asked of its type: asking a table-backed dataset for ``actors`` builds them."""
    kind = type(value)
    return hasattr(kind, "nodes") or hasattr(kind, "tables") or "actors" in getattr(kind, "model_fields", {})


def default_year(years: Any, today: int | None = None) -> int | None:
    """The latest year the data observes that is not in the future (None when it observes none).

    ``years`` is a graph or a dataset (its :func:`observed_years`) or an iterable of years; ``today`` defaults to
    :func:`current_year`. Every command, the report and the analysers take their default year from here.

    >>> default_year([1945, 1990, 2019], today=2026)
    2019
    >>> default_year([1945, 2019, 2030], today=2026)   # a planned end in 2030 is not observed yet
    2019
    >>> default_year([2030], today=2026) is None, default_year([], today=2026) is None
    (True, True)
    """
    pool: Iterable[int] = observed_years(years) if _is_data(years) else years
    now = current_year() if today is None else today
    past = [y for y in pool if y <= now]
    return max(past) if past else None


def parse_over(text: str) -> list[int]:
    """The years of ``START:END[:STEP]`` (both ends included; STEP defaults to 1).

    >>> parse_over("1990:2020:10"), parse_over("2018:2020")
    ([1990, 2000, 2010, 2020], [2018, 2019, 2020])
    >>> parse_over("1990:2015:10")   # the end is kept when the step passes it
    [1990, 2000, 2010, 2015]
    >>> parse_over("2020:1990")
    Traceback (most recent call last):
    ...
    govgraph.errors.UsageError: --over 2020:1990: START must not be after END
    """
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not all(p.strip().lstrip("-").isdigit() for p in parts):
        raise UsageError(f"--over {text}: expected START:END[:STEP] in whole years (e.g. 1950:2020:10)")
    start, end, step = (int(p) for p in [*parts, "1"][:3])
    if not (1 <= start <= 9999 and 1 <= end <= 9999):
        raise UsageError(f"--over {text}: years must be between 1 and 9999")
    if start > end:
        raise UsageError(f"--over {text}: START must not be after END")
    if step < 1:
        raise UsageError(f"--over {text}: STEP must be at least 1")
    years = list(range(start, end + 1, step))
    if years[-1] != end:
        years.append(end)
    if len(years) > MAX_YEARS:
        raise UsageError(f"--over {text}: {len(years)} years; at most {MAX_YEARS} (use a larger STEP)")
    return years
