"""Membership overlap as a heatmap: the Jaccard index of the member sets of every pair of institutions
(shared members / members of either), for the institutions with the most members, ordered by hierarchical
clustering so that institutions with overlapping memberships sit together; short labels on the axes and the
full names in a legend beside the matrix."""

from __future__ import annotations

import textwrap

import networkx as nx
import numpy as np
from matplotlib.figure import Figure

from govgraph.errors import UsageError
from govgraph.figures.style import new_figure
from govgraph.labels import acronym

__all__ = ["cluster_order", "heatmap_figure", "jaccard_matrix"]


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


def cluster_order(sim: np.ndarray) -> list[int]:
    """Row order from average-linkage clustering of the distances 1 - Jaccard, leaves ordered optimally
    (deterministic: no randomness, inputs sorted by id)."""
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sim, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    condensed = squareform((dist + dist.T) / 2, checks=False)
    tree = linkage(condensed, method="average")
    return [int(i) for i in leaves_list(optimal_leaf_ordering(tree, condensed))]


def heatmap_figure(g: nx.MultiDiGraph, top: int = 20, width: float = 7, height: float = 6, dpi: int = 150) -> Figure:
    """Draw :func:`jaccard_matrix` in :func:`cluster_order` with a colour bar, each cell labelled when the matrix
    is small, and a legend of full names."""
    if top < 2:
        raise UsageError(f"--top must be at least 2, not {top}")
    ids, sim = jaccard_matrix(g, top)
    order = cluster_order(sim)
    ids = [ids[i] for i in order]
    sim = sim[np.ix_(order, order)]
    fig = new_figure(width, height, dpi)
    grid = fig.add_gridspec(1, 2, width_ratios=[3, 2])
    ax = fig.add_subplot(grid[0, 0])
    image = ax.imshow(sim, vmin=0.0, vmax=1.0, cmap="viridis", gid="jaccard")
    labels = [acronym(g.nodes[n]) or n for n in ids]  # short and whole: an acronym, else the id
    ax.set_xticks(range(len(ids)), labels, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(ids)), labels, fontsize=7)
    if len(ids) <= 8:
        for i in range(len(ids)):
            for j in range(len(ids)):
                colour = "white" if sim[i, j] < 0.6 else "black"
                ax.text(j, i, f"{sim[i, j]:.2f}", ha="center", va="center", fontsize=6, color=colour)
    fig.colorbar(image, ax=ax, label="membership Jaccard index", shrink=0.6)
    year = f" in {g.graph['as_of']}" if g.graph.get("as_of") is not None else ""
    ax.set_title(f"Membership overlap, {len(ids)} largest institutions{year}\n(Jaccard; clustered)", fontsize=9)
    names = fig.add_subplot(grid[0, 1])
    names.set_axis_off()
    legend = []
    for lab, n in zip(labels, ids, strict=True):
        full = textwrap.wrap(str(g.nodes[n].get("name", n)), width=30, break_long_words=False) or [n]
        legend += [f"{lab}: {full[0]}", *("    " + line for line in full[1:])]
    names.text(0, 1, "\n".join(legend), va="top", ha="left", fontsize=6, transform=names.transAxes, gid="names")
    return fig
