"""Figures: the numbers behind them (by hand), the files (non-blank, of the stated size, same bytes every run),
and the ``govgraph figure`` command."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from govgraph.errors import UsageError
from govgraph.figures import save_figure
from govgraph.figures.foundings import foundings_figure, foundings_of, foundings_per_decade
from govgraph.figures.headquarters import headquarters_by_country, headquarters_figure, headquarters_of
from govgraph.figures.heatmap import cluster_order, heatmap_figure, jaccard_matrix
from govgraph.figures.network import layout, network_figure, spread_labels
from govgraph.graph import snapshot
from govgraph.select import select
from tests.conftest import run_govgraph
from tests.export.conftest import SMALL

from .conftest import check_pdf, check_png, check_svg

runner = CliRunner()


def test_foundings_per_decade_by_hand(small_graph):
    # organisations: icsu 1931; un, unesco 1945; wmo 1950; wfeo 1968; unep 1972; ipcc 1988; wfa 1999; isc 2018
    assert foundings_per_decade(small_graph) == {
        1930: 1,
        1940: 2,
        1950: 1,
        1960: 1,
        1970: 1,
        1980: 1,
        1990: 1,
        2000: 0,
        2010: 1,
    }
    # programmes: wcrp 1980, ihp 1975
    assert foundings_per_decade(small_graph, ["programme"]) == {1970: 1, 1980: 1}
    assert not any(foundings_per_decade(small_graph, ["state"]).values())


def test_headquarters_by_country_by_hand(small_graph):
    # alive in the latest year (2019; icsu dissolved 2018): FR unesco, isc, wfeo; CH wmo, ipcc; US un, wfa; KE unep
    assert headquarters_by_country(small_graph) == [("FR", 3), ("CH", 2), ("US", 2), ("KE", 1)]
    assert headquarters_by_country(snapshot(small_graph, 1980)) == [("FR", 3), ("CH", 1), ("KE", 1), ("US", 1)]
    assert headquarters_by_country(small_graph, ["firm"]) == [("CN", 1)]


def test_jaccard_matrix_matches_sets(small_graph):
    ids, sim = jaccard_matrix(small_graph)
    assert ids == ["unesco", "wfa", "wmo"]
    members = {i: {u for u, v, d in small_graph.edges(data=True) if v == i and d["type"] == "member_of"} for i in ids}
    for a, i in enumerate(ids):
        for b, j in enumerate(ids):
            expected = 1.0 if a == b else len(members[i] & members[j]) / len(members[i] | members[j])
            assert sim[a, b] == pytest.approx(expected)
    assert sim[0, 2] == pytest.approx(2 / 3)  # unesco {cn, fr, us} vs wmo {fr, us}
    assert np.allclose(sim, sim.T)


def test_layout_is_deterministic(small_graph):
    assert layout(small_graph) == layout(small_graph.copy())


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize(
    "draw",
    [
        lambda g, w, h, d: network_figure(select(g, ego="unesco", radius=2), w, h, d),
        lambda g, w, h, d: foundings_figure(foundings_of(g, ["organisation"]), w, h, d),
        lambda g, w, h, d: headquarters_figure(headquarters_of(g, ["organisation"]), 10, w, h, d),
        lambda g, w, h, d: heatmap_figure(g, 20, w, h, d),
    ],
    ids=["network", "foundings", "headquarters", "heatmap"],
)
def test_figure_files_non_blank_stated_size_stable(small_graph, tmp_path, draw, suffix):
    width, height, dpi = 5.0, 3.5, 80
    paths = [save_figure(draw(small_graph, width, height, dpi), tmp_path / f"{i}{suffix}", dpi) for i in (1, 2)]
    if suffix == ".png":
        check_png(paths[0], width, height, dpi)
    elif suffix == ".svg":
        check_svg(paths[0], width, height)
    else:
        check_pdf(paths[0], width, height)
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_bad_requests(small_graph, tmp_path):
    with pytest.raises(UsageError, match=r"\.svg, \.pdf or \.png"):
        save_figure(foundings_figure(foundings_of(small_graph)), tmp_path / "f.jpg")
    with pytest.raises(UsageError, match="nothing to draw"):
        foundings_figure(foundings_of(small_graph, ["state"]))
    with pytest.raises(UsageError, match="out of range"):
        foundings_figure(foundings_of(small_graph), width=0.1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("which", ["network", "foundings", "headquarters", "heatmap"])
def test_figure_command(which, tmp_path):
    out = tmp_path / f"{which}.png"
    res = runner.invoke(
        app, ["figure", which, "--data", str(SMALL), "-o", str(out), "--width", "4", "--height", "3", "--dpi", "50"]
    )
    assert res.exit_code == 0, res.output
    check_png(out, 4, 3, 50)


def test_figure_network_selection_and_errors(tmp_path):
    out = tmp_path / "n.svg"
    res = runner.invoke(
        app,
        [
            "figure",
            "network",
            "--data",
            str(SMALL),
            "-o",
            str(out),
            "--issue-area",
            "climate_change",
            "--as-of",
            "2000",
        ],
    )
    assert res.exit_code == 0, res.output
    check_svg(out, 8, 6)
    res = runner.invoke(app, ["figure", "network", "--data", str(SMALL), "-o", str(tmp_path / "x.gif")])
    assert res.exit_code == 2 and ".svg, .pdf or .png" in res.output
    res = runner.invoke(app, ["figure", "foundings", "--data", str(SMALL), "-o", str(out), "--kind", "stat"])
    assert res.exit_code == 2 and "did you mean 'state'" in res.output


def test_installed_command_draws_figure_2_as_pdf(tmp_path):
    out = tmp_path / "fig2.pdf"
    proc = run_govgraph("figure", "foundings", "--data", str(SMALL), "-o", str(out), "--width", "6", "--height", "3")
    assert proc.returncode == 0, proc.stderr
    check_pdf(out, 6, 3)
    again = tmp_path / "again.pdf"
    run_govgraph("figure", "foundings", "--data", str(SMALL), "-o", str(again), "--width", "6", "--height", "3")
    assert again.read_bytes() == out.read_bytes()


def _bars(fig, gid_prefix):
    """(x or y, height or width) of every bar drawn, read from the figure's artists."""
    ax = fig.axes[0]
    return [p for p in ax.patches if (p.get_gid() or "").startswith(gid_prefix)]


def test_foundings_bars_are_the_counts(small_graph):
    evo = foundings_of(small_graph, ["organisation", "programme"])
    fig = foundings_figure(evo)
    drawn: dict[int, int] = {}
    for bar in _bars(fig, "bars-"):
        decade = round(bar.get_x() + bar.get_width() / 2)
        drawn[decade] = drawn.get(decade, 0) + round(bar.get_height())
    assert {d: n for d, n in drawn.items() if n} == {r["decade"]: r["total"] for r in evo.decades if r["total"]}
    # by hand: 9 organisations and 2 programmes founded (states have no founding year)
    assert sum(drawn.values()) == 11
    title = fig.axes[0].get_title()
    assert "organisation, programme" in title and "n = 11" in title


def test_headquarters_bars_and_title(small_graph):
    fig = headquarters_figure(headquarters_of(snapshot(small_graph, 1980)))
    bars = _bars(fig, "bars")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert dict(zip(labels, [round(b.get_width()) for b in bars], strict=True)) == {
        "France (FR)": 3,
        "Switzerland (CH)": 1,
        "Kenya (KE)": 1,
        "United States (US)": 1,
    }
    assert "1980" in fig.axes[0].get_title() and "n = 6" in fig.axes[0].get_title()


def test_report_draws_the_same_figures(small_graph):
    from govgraph.analysis.evolution import evolution
    from govgraph.report.figures import foundings_svg, svg_text

    evo = evolution(small_graph)
    assert foundings_svg(evo) == svg_text(foundings_figure(evo, width=7.0, height=3.4, dpi=100))


def test_heatmap_is_clustered_and_shows_the_matrix(small_graph):
    ids, sim = jaccard_matrix(small_graph)
    order = cluster_order(sim)
    assert sorted(order) == list(range(len(ids))) and order == cluster_order(sim.copy())
    fig = heatmap_figure(small_graph)
    image = next(a for a in fig.axes[0].get_images() if a.get_gid() == "jaccard")
    assert np.allclose(image.get_array(), sim[np.ix_(order, order)])
    # members sharing institutions sit side by side: pairs with Jaccard > 0 are adjacent in the order
    shown = [ids[i] for i in order]
    legend = next(t for ax in fig.axes for t in ax.texts if t.get_gid() == "names").get_text()
    assert all(small_graph.nodes[n]["name"].split()[0] in legend for n in shown)


def test_parallel_ties_drawn_once_with_a_count(small_graph):
    fig = network_figure(select(small_graph, ego="unesco", radius=1))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "×3" in texts  # us -> unesco: member_of twice (1946-1984, 2003-) and withholds_funding: one arrow
    assert "unesco" in fig.axes[0].get_title() and "all years" in fig.axes[0].get_title()


def test_labels_do_not_overlap():
    pos = {f"n{i}": (0.0, i * 0.0001) for i in range(5)} | {"far": (1.0, 0.05)}  # five nodes almost on one spot
    labels = {n: "A long label" for n in pos}
    spread = spread_labels(pos, labels, 4, 3)
    ys = sorted(y for n, y in spread.values() if n < 0.5)
    # one line of 7 pt type on a 3 in high figure whose nodes span 0.05: 7 * 1.35 / 72 / 3 * 0.05 * 1.3 = 0.00284
    assert min(b - a for a, b in itertools.pairwise(ys)) >= 0.00284 * 0.95
    assert spread == spread_labels(pos, labels, 4, 3)
