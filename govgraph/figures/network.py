"""A subgraph as a network diagram: nodes coloured by kind (with a legend), sized by degree, labelled with short
names or acronyms; ties as arrows coloured by relation category. The layout is deterministic (Kamada-Kawai, or a
spring layout with a fixed seed for large graphs, on the nodes in sorted order)."""

from __future__ import annotations

import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from govgraph.colours import category_colour
from govgraph.errors import UsageError
from govgraph.figures.style import kind_colour, new_figure, short_label
from govgraph.vocab import vocabulary

__all__ = ["layout", "network_figure"]

SEED = 42


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions of the undirected simple graph (nodes and edges sorted): Kamada-Kawai (no randomness) up to
    500 nodes, which keeps unconnected actors near the rest; a spring layout with seed 42 beyond."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    h.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u != v}))
    if h.number_of_nodes() == 1:
        return {n: (0.0, 0.0) for n in h}
    small = h.number_of_nodes() <= 500
    pos = nx.kamada_kawai_layout(h) if small else nx.spring_layout(h, seed=SEED, iterations=100)
    return {n: (round(float(x), 6), round(float(y), 6)) for n, (x, y) in sorted(pos.items())}


def _category_colours() -> dict[str, str]:
    return {c: category_colour(c) for c in vocabulary().relation_categories}


def spread_labels(
    pos: dict[str, tuple[float, float]],
    labels: dict[str, str],
    width: float,
    height: float,
    rounds: int = 400,
    sizes: dict[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Label positions near their nodes that do not overlap: each label is a box (its text's size on a figure of
    ``width`` x ``height`` inches, 7 pt type) pushed apart from the boxes it overlaps, a little each round, and
    pulled back towards its node. Deterministic (no randomness; ties broken by id order)."""
    nodes = sorted(pos)
    if len(nodes) < 2:
        return {n: (pos[n][0], pos[n][1]) for n in nodes}
    xy = np.array([pos[n] for n in nodes], dtype=float)
    span = np.ptp(xy, axis=0)
    span[span == 0] = 1.0
    char_w, line_h = 7 * 0.62 / 72 / width * span[0] * 1.3, 7 * 1.35 / 72 / height * span[1] * 1.3
    lines = [labels[n].split("\n") for n in nodes]
    half = np.array([[max(len(x) for x in ls) * char_w / 2, len(ls) * line_h / 2] for ls in lines])
    radius = np.array([np.sqrt((sizes or {}).get(n, 0.0)) / 2 / 72 / height * span[1] * 1.3 for n in nodes])
    anchor = xy.copy()
    anchor[:, 1] += half[:, 1] + radius + line_h * 0.2  # just above the node's marker
    at = anchor.copy()
    order = np.arange(len(nodes))
    for _ in range(rounds):
        dx = at[:, None, 0] - at[None, :, 0]
        dy = at[:, None, 1] - at[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        tie = np.where(order[:, None] < order[None, :], -1.0, 1.0)
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        push_y = np.where(hit & (oy <= ox), sy * oy / 2, 0.0).sum(axis=1)
        push_x = np.where(hit & (ox < oy), sx * ox / 2, 0.0).sum(axis=1)
        at += np.stack([push_x, push_y], axis=1)
        free = ~hit.any(axis=1)  # only labels clear of the others drift back towards their node
        at[free] += (anchor[free] - at[free]) * 0.01
    return {n: (round(float(x), 6), round(float(y), 6)) for n, (x, y) in zip(nodes, at, strict=True)}


def network_title(g: nx.MultiDiGraph) -> str:
    """What the figure shows: the selection (regime, issue area, ego, kinds), the year, the counts."""
    parts = []
    selection = g.graph.get("selection")
    if selection:
        items = selection.items() if isinstance(selection, dict) else [(None, selection)]
        parts.append(", ".join(f"{k} {v}" if k else str(v) for k, v in items))
    when = f"in {g.graph['as_of']}" if g.graph.get("as_of") is not None else "all years"
    what = "; ".join(parts) if parts else "whole graph"
    return f"{what} ({when}): {g.number_of_nodes()} actors, {g.number_of_edges()} relations"


def network_figure(
    g: nx.MultiDiGraph, width: float = 8, height: float = 6, dpi: int = 150, title: str | None = None
) -> Figure:
    """Draw ``g`` (any selection) on a figure of ``width`` x ``height`` inches: parallel ties between two actors
    as one arrow labelled with their count, labels kept apart."""
    if g.number_of_nodes() == 0:
        raise UsageError("the selection is empty: nothing to draw")
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    ax.set_axis_off()
    pos = layout(g)
    cat_colour = _category_colours()
    counts: dict[tuple[str, str], int] = {}
    edge_cats: dict[tuple[str, str], str] = {}
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("id", ""))):
        if u == v:
            continue
        counts[(u, v)] = counts.get((u, v), 0) + 1
        edge_cats.setdefault((u, v), d.get("category", ""))
    simple = nx.DiGraph()
    nodes = sorted(g.nodes)
    simple.add_nodes_from(nodes)
    edges = sorted(edge_cats)
    simple.add_edges_from(edges)
    degree = dict(g.degree())
    sizes = [80 + 40 * min(degree[n], 20) for n in nodes]
    nx.draw_networkx_edges(
        simple,
        pos,
        ax=ax,
        edgelist=edges,
        arrows=True,
        arrowsize=8,
        width=[0.8 + 0.5 * (counts[e] - 1) for e in edges],
        edge_color=[cat_colour.get(edge_cats[e], "#999999") for e in edges],
        nodelist=nodes,
        node_size=sizes,
        alpha=0.7,
    )
    multi = {e: f"×{counts[e]}" for e in edges if counts[e] > 1}
    if multi:
        nx.draw_networkx_edge_labels(
            simple, pos, edge_labels=multi, ax=ax, font_size=6, rotate=False, bbox={"alpha": 0}
        )
    nx.draw_networkx_nodes(
        simple,
        pos,
        ax=ax,
        nodelist=nodes,
        node_size=sizes,
        node_color=[kind_colour(g.nodes[n].get("kind", "")) for n in nodes],
        edgecolors="white",
        linewidths=0.5,
    )
    labels = {n: short_label(g.nodes[n]) for n in nodes}
    label_pos = spread_labels(pos, labels, width, height, sizes=dict(zip(nodes, sizes, strict=True)))
    for n in nodes:
        (x, y), (lx, ly) = pos[n], label_pos[n]
        if abs(lx - x) + abs(ly - y) > 1e-9:
            ax.plot([x, lx], [y, ly], color="#bbbbbb", linewidth=0.4, zorder=0)
    nx.draw_networkx_labels(
        simple,
        label_pos,
        labels=labels,
        ax=ax,
        font_size=7,
        verticalalignment="center",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
    )
    kinds = [k for k in vocabulary().kinds if any(d.get("kind") == k for _, d in g.nodes(data=True))]
    cats = [c for c in cat_colour if c in set(edge_cats.values())]
    handles = [Line2D([], [], marker="o", linestyle="", color=kind_colour(k), label=k) for k in kinds]
    handles += [Line2D([], [], color=cat_colour[c], label=c.replace("_", " ")) for c in cats]
    ax.legend(handles=handles, loc="best", fontsize=7, frameon=False)
    ax.set_title(title or network_title(g), fontsize=9)
    ax.margins(0.08)
    return fig
