"""Membership overlap as a heatmap: the Jaccard index of the member sets of every pair of institutions
(shared members / members of either), for the institutions with the most members."""

from __future__ import annotations

import networkx as nx
import numpy as np
from matplotlib.figure import Figure

from govgraph.errors import UsageError
from govgraph.figures.style import new_figure, short_label

__all__ = ["heatmap_figure", "jaccard_matrix"]


def jaccard_matrix(g: nx.MultiDiGraph, top: int = 20) -> tuple[list[str], np.ndarray]:
    """The ``top`` institutions by member count (ties by id, then sorted by id) and their Jaccard matrix
    (diagonal 1), from :mod:`govgraph.analysis.overlap`'s sparse products."""
    from govgraph.analysis.overlap import similarity
    from govgraph.analysis.projections import membership_incidence

    inc = membership_incidence(g)
    sizes = np.asarray(inc.matrix.sum(axis=0)).ravel()
    order = sorted(range(len(inc.cols)), key=lambda j: (-int(sizes[j]), inc.cols[j]))[:top]
    chosen = sorted(order, key=lambda j: inc.cols[j])
    if len(chosen) < 2:
        raise UsageError("fewer than two institutions with members: no overlap to draw")
    sim = similarity(inc.matrix[:, chosen], "jaccard").toarray()
    np.fill_diagonal(sim, 1.0)
    return [inc.cols[j] for j in chosen], sim


def heatmap_figure(g: nx.MultiDiGraph, top: int = 20, width: float = 7, height: float = 6, dpi: int = 150) -> Figure:
    """Draw :func:`jaccard_matrix` with a colour bar, each cell labelled when the matrix is small."""
    if top < 2:
        raise UsageError(f"--top must be at least 2, not {top}")
    ids, sim = jaccard_matrix(g, top)
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    image = ax.imshow(sim, vmin=0.0, vmax=1.0, cmap="viridis")
    labels = [short_label(g.nodes[n]).replace("\n", " ") for n in ids]
    ax.set_xticks(range(len(ids)), labels, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(ids)), labels, fontsize=7)
    if len(ids) <= 12:
        for i in range(len(ids)):
            for j in range(len(ids)):
                ax.text(
                    j,
                    i,
                    f"{sim[i, j]:.2f}",
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if sim[i, j] < 0.6 else "black",
                )
    fig.colorbar(image, ax=ax, label="membership Jaccard index")
    ax.set_title(f"Membership overlap of {len(ids)} institutions", fontsize=9)
    return fig
