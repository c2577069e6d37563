"""Two-mode (member × institution) data: a folder with the incidence matrix and the long table of memberships.

``incidence.csv``: one row per member (actor id in the first column, ``member``), one column per institution
(organisations, programmes and agreements with at least one member), 1 where the member belongs or belonged
at any time, else 0 — R's ``as.matrix(read.csv(f, row.names = 1))`` or pandas' ``read_csv(f, index_col=0)``
gives the matrix, igraph's ``graph_from_biadjacency_matrix`` the bipartite graph. A matrix of more than
25 million cells is written sparse instead, as ``incidence.mtx`` (Matrix Market; R ``Matrix::readMM``,
``scipy.io.mmread``), with the row and column ids in ``members.csv`` and ``institutions.csv``.
``memberships.csv``: one row per membership tie (``member_of``, ``party_to``), with ``member``,
``institution``, ``start``, ``end`` (as written), ``start_year``, ``end_year``, ``type``, ``status``, ``id``; a
member that left and rejoined has one row per period.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.base import register, write_folder
from govgraph.export.csv import csv_table

__all__ = ["MAX_DENSE_CELLS", "TwoModeExporter", "membership_rows", "twomode_tables"]

MAX_DENSE_CELLS = 25_000_000
_LONG = ["member", "institution", "start", "end", "start_year", "end_year", "type", "status", "id"]


def membership_rows(g: nx.MultiDiGraph, institutions: set[str]) -> list[dict[str, Any]]:
    """One row per membership tie into ``institutions``, by member, institution, start year, id."""
    from govgraph.analysis.projections import membership_types

    types = set(membership_types())
    rows = [
        {
            "member": u,
            "institution": v,
            **{c: d.get(c) for c in ("start", "end", "start_year", "end_year", "type", "status")},
            "id": k,
        }
        for u, v, k, d in g.edges(keys=True, data=True)
        if d.get("type") in types and v in institutions
    ]
    rows.sort(key=lambda r: (r["member"], r["institution"], r["start_year"] is None, r["start_year"] or 0, r["id"]))
    return rows


def twomode_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> text of the two-mode files of ``g``."""
    from govgraph.analysis.projections import membership_incidence

    inc = membership_incidence(g)
    files: dict[str, str] = {}
    if len(inc.rows) * len(inc.cols) <= MAX_DENSE_CELLS:
        dense = inc.matrix.tocsr()
        buf = io.StringIO()
        buf.write(",".join(["member", *inc.cols]) + "\n")
        for i, member in enumerate(inc.rows):
            row = dense[[i], :].toarray().ravel()
            buf.write(member + "," + ",".join("1" if x else "0" for x in row) + "\n")
        files["incidence.csv"] = buf.getvalue()
    else:
        import scipy.io

        buf_b = io.BytesIO()
        scipy.io.mmwrite(buf_b, (inc.matrix > 0).astype("int8").tocoo(), comment="members x institutions")
        files["incidence.mtx"] = buf_b.getvalue().decode("ascii")
        files["members.csv"] = "id\n" + "".join(m + "\n" for m in inc.rows)
        files["institutions.csv"] = "id\n" + "".join(c + "\n" for c in inc.cols)
    rows = membership_rows(g, set(inc.cols))
    files["memberships.csv"] = csv_table(_LONG, [{k: ("" if v is None else v) for k, v in r.items()} for r in rows])
    return files


@dataclass(frozen=True)
class TwoModeExporter:
    name: str = "twomode"
    suffix: str = ""
    description: str = "a folder with the member x institution incidence matrix and the long membership table"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        return write_folder(path, twomode_tables(g))


register(TwoModeExporter())
