"""The curated life spans every importer agrees on, so that imports load together (and with the seeds) as one.

An actor that several sources name (a seed, a crosswalked organisation, a state of the seeds) gets its founding
and end from one place: the seeds (the paper's value wins), else ``data/org_crosswalk.csv``. Each importer writes
those dates for it, lists its own disagreeing value as a ``conflict`` in the import report, and fits every tie to
the spans of both its ends (:func:`fit_tie`): a tie that starts before an actor existed starts with it, one that
ends after an organisation ended ends with it, one that lies wholly outside is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from govgraph.dates import FuzzyDate
from govgraph.importers.crosswalks import org_links

__all__ = ["Span", "curated_spans", "fit_tie", "seed_actor", "span_value"]


@dataclass(frozen=True)
class Span:
    """When an actor existed, and who says so (``seeds``, ``crosswalk`` or the dataset being imported)."""

    founded: FuzzyDate | None
    dissolved: FuzzyDate | None
    by: str


def _date(value: Any) -> FuzzyDate | None:
    return None if value is None or value == "" else FuzzyDate.parse(value)


def span_value(date: FuzzyDate | None) -> Any:
    """A date as an importer writes it: a bare year as an int, anything finer as text."""
    if date is None:
        return None
    if date.month is None and not date.circa:
        return date.year
    return str(date)


@cache
def _seeds() -> Any:
    from govgraph.dataset import load_dataset

    return load_dataset()


def seed_actor(actor_id: str) -> Any:
    """The seed actor of this id, or None."""
    return _seeds().actors.get(actor_id)


@cache
def curated_spans() -> dict[str, Span]:
    """Actor id -> its curated span: every seed actor, then every crosswalk row that is not a seed."""
    out = {aid: Span(a.earliest_founded, a.dissolved, "seeds") for aid, a in _seeds().actors.items()}
    for link in org_links():
        if link.actor_id not in out:
            out[link.actor_id] = Span(_date(link.founded), _date(link.dissolved), "crosswalk")
    return out


def fit_tie(
    start: Any, end: Any, ends: list[str], spans: dict[str, Span] | None = None
) -> tuple[Any, Any, list[str]] | str:
    """``start`` and ``end`` fitted to the spans of the actors ``ends`` (default: the curated spans): the new pair
    and what changed, or (a string) why the tie is left out. Actors without a span change nothing."""
    spans = curated_spans() if spans is None else spans
    changes: list[str] = []
    for aid in ends:
        span = spans.get(aid)
        if span is None:
            continue
        s, e = _date(start), _date(end)
        f, d = span.founded, span.dissolved
        if f is not None and e is not None and e.before(f):
            return f"it ends {e}, before {aid} existed ({span.by}: founded {f})"
        if d is not None and s is not None and d.before(s):
            return f"it starts {s}, after {aid} ended ({span.by}: dissolved {d})"
        if f is not None and s is not None and s.before(f):
            start = span_value(f)
            changes.append(f"start {s} moved to {f}, when {aid} came into being ({span.by})")
        if d is not None and e is not None and d.before(e):
            end = span_value(d)
            changes.append(f"end {e} moved to {d}, when {aid} ended ({span.by})")
    return start, end, changes
