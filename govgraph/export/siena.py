"""A panel of yearly membership networks for RSiena: one member × institution matrix per wave.

Folder contents: ``waves.csv`` (the years), and ``wave-YEAR.csv`` for each, all with the same rows (every
member, by id, first column ``member``) and columns (every institution with a member in any wave, by id).
A cell is 1 when the membership holds in that year (the snapshot of ``--as-of YEAR``), 0 when it does not,
and 10, RSiena's structural zero, when the member or the institution does not exist that year (before its
founding or after its dissolution), so RSiena does not model an impossible tie. In R::

    waves <- read.csv("waves.csv")$year
    m <- lapply(waves, function(y) as.matrix(read.csv(sprintf("wave-%d.csv", y), row.names = 1)))
    net <- sienaDependent(array(unlist(m), c(dim(m[[1]]), length(m))), type = "bipartite",
                          nodeSet = c("members", "institutions"))

Waves default to every year ending in 0 from the first membership's start to the data's latest year (and that
latest year); ``govgraph export -f siena --waves 1990,2000,2010`` chooses them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from govgraph.errors import UsageError
from govgraph.export.base import register, write_folder

__all__ = ["SienaExporter", "default_waves", "siena_tables"]

STRUCTURAL_ZERO = 10


def default_waves(g: nx.MultiDiGraph) -> list[int]:
    """Every year ending in 0 from the first membership start to the latest year, and the latest year."""
    from govgraph.analysis.projections import latest_year, membership_types

    types = set(membership_types())
    starts = [d["start_year"] for *_, d in g.edges(data=True) if d.get("type") in types and "start_year" in d]
    last = latest_year(g)
    if not starts or last is None:
        return []
    first = min(starts)
    years = list(range(-(-first // 10) * 10, last + 1, 10))
    return sorted(set(years) | {last})


def siena_tables(g: nx.MultiDiGraph, waves: list[int] | None = None) -> dict[str, str]:
    """File name -> text of the panel files of ``g`` at ``waves`` (default :func:`default_waves`)."""
    from govgraph.analysis.projections import membership_incidence, membership_types, snapshot

    years = sorted(set(waves)) if waves else default_waves(g)
    if len(years) < 2:
        raise UsageError(
            "a panel needs at least two waves (years); the data has dated memberships in fewer — give --waves"
        )
    inc = membership_incidence(g)
    rows, cols = inc.rows, inc.cols
    col_index = {c: j for j, c in enumerate(cols)}
    types = set(membership_types())
    files = {"waves.csv": "year\n" + "".join(f"{y}\n" for y in years)}
    header = ",".join(["member", *cols]) + "\n"
    for year in years:
        snap = snapshot(g, year)
        held: dict[str, set[int]] = {}
        for u, v, d in snap.edges(data=True):
            if d.get("type") in types and v in col_index:
                held.setdefault(u, set()).add(col_index[v])
        absent_cols = [j for j, c in enumerate(cols) if c not in snap]
        buf = io.StringIO()
        buf.write(header)
        for member in rows:
            if member not in snap:
                cells = [str(STRUCTURAL_ZERO)] * len(cols)
            else:
                cells = ["0"] * len(cols)
                for j in held.get(member, ()):
                    cells[j] = "1"
                for j in absent_cols:
                    cells[j] = str(STRUCTURAL_ZERO)
            buf.write(member + "," + ",".join(cells) + "\n")
        files[f"wave-{year}.csv"] = buf.getvalue()
    return files


@dataclass(frozen=True)
class SienaExporter:
    name: str = "siena"
    suffix: str = ""
    description: str = "a folder of yearly member x institution matrices (one per wave) for RSiena"
    waves: tuple[int, ...] = ()

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        return write_folder(path, siena_tables(g, list(self.waves)))


register(SienaExporter())
