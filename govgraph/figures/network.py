"""A subgraph as a network diagram: nodes coloured by kind (with a legend), sized by degree, labelled with short
names or acronyms; ties as arrows coloured by relation category. The layout is deterministic (Kamada-Kawai, or a
spring layout with a fixed seed for large graphs, on the nodes in sorted order)."""

from __future__ import annotations

import networkx as nx
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


def network_figure(
    g: nx.MultiDiGraph, width: float = 8, height: float = 6, dpi: int = 150, title: str | None = None
) -> Figure:
    """Draw ``g`` (any selection) on a figure of ``width`` x ``height`` inches."""
    if g.number_of_nodes() == 0:
        raise UsageError("the selection is empty: nothing to draw")
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    ax.set_axis_off()
    pos = layout(g)
    cat_colour = _category_colours()
    simple = nx.DiGraph()
    simple.add_nodes_from(sorted(g.nodes))
    edge_cats: dict[tuple[str, str], str] = {}
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("id", ""))):
        edge_cats.setdefault((u, v), d.get("category", ""))
    simple.add_edges_from(sorted(edge_cats))
    degree = dict(g.degree())
    nodes = sorted(g.nodes)
    nx.draw_networkx_edges(
        simple,
        pos,
        ax=ax,
        edgelist=sorted(edge_cats),
        arrows=True,
        arrowsize=8,
        width=0.8,
        edge_color=[cat_colour.get(edge_cats[e], "#999999") for e in sorted(edge_cats)],
        node_size=[80 + 40 * degree[n] for n in nodes],
        alpha=0.7,
    )
    nx.draw_networkx_nodes(
        simple,
        pos,
        ax=ax,
        nodelist=nodes,
        node_size=[80 + 40 * degree[n] for n in nodes],
        node_color=[kind_colour(g.nodes[n].get("kind", "")) for n in nodes],
        edgecolors="white",
        linewidths=0.5,
    )
    labels = {n: short_label(g.nodes[n]) for n in nodes}
    ys = [y for _, y in pos.values()]
    lift = 0.035 * ((max(ys) - min(ys)) or 1.0)  # labels sit above their node, not on it
    label_pos = {n: (x, y + lift) for n, (x, y) in pos.items()}
    nx.draw_networkx_labels(
        simple,
        label_pos,
        labels=labels,
        ax=ax,
        font_size=7,
        verticalalignment="bottom",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
    )
    kinds = [k for k in vocabulary().kinds if any(d.get("kind") == k for _, d in g.nodes(data=True))]
    cats = [c for c in cat_colour if c in set(edge_cats.values())]
    handles = [Line2D([], [], marker="o", linestyle="", color=kind_colour(k), label=k) for k in kinds]
    handles += [Line2D([], [], color=cat_colour[c], label=c.replace("_", " ")) for c in cats]
    ax.legend(handles=handles, loc="best", fontsize=7, frameon=False)
    when = f" ({g.graph['as_of']})" if g.graph.get("as_of") is not None else ""
    ax.set_title(title or f"{g.number_of_nodes()} actors, {g.number_of_edges()} relations{when}", fontsize=9)
    ax.margins(0.08)
    return fig
