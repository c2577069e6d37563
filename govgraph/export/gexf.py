"""GEXF 1.3 for Gephi, dynamic: nodes live from their founding to their dissolution year and edges from their start to
their end year, so Gephi's timeline plays the graph's history.

Written with :mod:`xml.etree` (networkx writes GEXF 1.3 with a wrong XML Schema namespace and today's date, so its
bytes change every day). Time is in integer years (``timeformat="integer"``, closed intervals, as govgraph's
snapshots). Attributes are typed (``integer``, ``double``, ``boolean``, ``string``); lists are ``"; "``-joined
strings. Each edge has its relation type as its GEXF ``kind`` (Gephi keeps edges of different kinds apart) and
``label``, and as the ``relation_type`` attribute, since GEXF reserves ``type`` (directed or not); ``start``/``end``
are GEXF's interval, so the dates as written are ``start_date`` and ``end_date``.

Repeated relations of one type between the same two actors (a state that left and rejoined) are ONE edge with a
``<spells>`` element, one spell per period, not parallel edges: the edge's id is the first relation's id,
``relation_ids`` lists them all, ``spell_count`` counts them, and an attribute whose value differs between the
periods holds each period's value in spell order, ``"; "``-joined. A spell that is still open ends at the data's
latest year and one of unknown start begins at its earliest (networkx's GEXF reader needs both ends of a spell).
Each node has a colour by kind (``viz:color``). The cited source keys are listed in the file's description; the
bibliography itself is ``govgraph export --format bibtex``.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.colours import kind_rgb
from govgraph.export.attrs import EDGE_ORDER, NODE_ORDER, attr_types, flat_edges, flat_nodes, ordered_keys
from govgraph.export.base import register
from govgraph.export.sources import cited_keys
from govgraph.fileio import atomic_write_bytes

__all__ = ["NS", "VIZ", "GexfExporter", "gexf_tree"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_TYPES = {int: "integer", float: "double", bool: "boolean", str: "string"}
#: Edge attributes renamed because GEXF gives their names another meaning.
EDGE_RENAME = {"type": "relation_type", "start": "start_date", "end": "end_date"}
_NODE_TIME = ("founded_year", "dissolved_year")
_EDGE_TIME = ("start_year", "end_year")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _declare(graph: ET.Element, cls: str, types: dict[str, type], order: tuple[str, ...]) -> list[str]:
    """Add the ``<attributes>`` block of one class; return the attribute names in order."""
    names = ordered_keys(set(types), order)
    block = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    for name in names:
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": _GEXF_TYPES.get(types[name], "string")})
    return names


def _attvalues(parent: ET.Element, names: list[str], data: dict[str, Any]) -> None:
    values = ET.SubElement(parent, "attvalues")
    for name in names:
        if name in data:
            ET.SubElement(values, "attvalue", {"for": name, "value": _text(data[name])})


def _interval(attrs: dict[str, str], data: dict[str, Any], keys: tuple[str, str]) -> None:
    start, end = (data.get(k) for k in keys)
    if start is not None:
        attrs["start"] = str(int(start))
    if end is not None:
        attrs["end"] = str(int(end))


def merged_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any], list[tuple[Any, Any]]]]:
    """One edge per (source, target, relation type): (source, target, id, attributes, spells). Spells are the
    (start year, end year) of each relation, in order of start (unknown last), then id."""
    from govgraph.analysis.projections import latest_year

    years = [d[k] for *_, d in g.edges(data=True) for k in _EDGE_TIME if d.get(k) is not None]
    first, last = (min(years), latest_year(g)) if years else (None, None)
    groups: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = {}
    for u, v, k, d in flat_edges(g):
        groups.setdefault((u, v, str(d.get("type", ""))), []).append((k, d))
    out = []
    for (u, v, _), members in sorted(groups.items()):
        members.sort(key=lambda m: (m[1].get("start_year") is None, m[1].get("start_year") or 0, m[0]))
        renamed = [{EDGE_RENAME.get(a, a): x for a, x in d.items() if a != "id"} for _, d in members]
        if len(members) == 1:
            out.append((u, v, members[0][0], renamed[0], []))
            continue
        merged: dict[str, Any] = {}
        for name in sorted({a for d in renamed for a in d} - set(_EDGE_TIME)):
            values = [d.get(name) for d in renamed]
            first = values[0]
            same = all(x == first for x in values)
            merged[name] = first if same else "; ".join("" if x is None else _text(x) for x in values)
        merged["relation_ids"] = "; ".join(k for k, _ in members)
        merged["spell_count"] = len(members)
        spells = [(d.get("start_year", first), d.get("end_year", last)) for d in renamed]
        out.append((u, v, members[0][0], merged, spells))
    return out


def gexf_tree(g: nx.MultiDiGraph) -> ET.ElementTree:
    """The GEXF 1.3 document of ``g``."""
    nodes = flat_nodes(g)
    edges = merged_edges(g)
    root = ET.Element(
        "gexf",
        {
            "xmlns": NS,
            "xmlns:viz": VIZ,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "govgraph"
    when = f" as of {g.graph['as_of']}" if g.graph.get("as_of") is not None else ""
    ET.SubElement(meta, "description").text = (
        f"govgraph export{when}: {len(nodes)} actors, {g.number_of_edges()} relations as {len(edges)} edges. "
        f"Sources cited: {'; '.join(sorted(cited_keys(g))) or 'none'} (BibTeX: govgraph export --format bibtex)."
    )
    graph = ET.SubElement(
        root,
        "graph",
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "integer", "timerepresentation": "interval"},
    )
    node_types = attr_types([{a: x for a, x in d.items() if a != "label"} for _, d in nodes])
    node_names = _declare(graph, "node", node_types, NODE_ORDER)
    edge_order = tuple(EDGE_RENAME.get(a, a) for a in EDGE_ORDER)
    edge_names = _declare(graph, "edge", attr_types([d for _, _, _, d, _ in edges]), edge_order)
    xml_nodes = ET.SubElement(graph, "nodes")
    for n, d in nodes:
        attrs = {"id": n, "label": d["label"]}
        _interval(attrs, d, _NODE_TIME)
        node = ET.SubElement(xml_nodes, "node", attrs)
        _attvalues(node, node_names, d)
        r, gr, b = kind_rgb(d.get("kind", ""))
        ET.SubElement(node, "viz:color", {"r": str(r), "g": str(gr), "b": str(b), "a": "1.0"})
    xml_edges = ET.SubElement(graph, "edges")
    for u, v, k, d, spells in edges:
        rtype = str(d.get("relation_type", ""))
        attrs = {"id": k, "source": u, "target": v, "kind": rtype, "label": rtype}
        _interval(attrs, d, _EDGE_TIME)
        edge = ET.SubElement(xml_edges, "edge", attrs)
        _attvalues(edge, edge_names, d)
        if spells:
            block = ET.SubElement(edge, "spells")
            for start, end in spells:
                spell: dict[str, str] = {}
                _interval(spell, {"s": start, "e": end}, ("s", "e"))
                ET.SubElement(block, "spell", spell)
    ET.indent(root)
    return ET.ElementTree(root)


@dataclass(frozen=True)
class GexfExporter:
    name: str = "gexf"
    suffix: str = ".gexf"
    description: str = "GEXF 1.3, dynamic (Gephi's timeline plays founding, dissolution, start and end years)"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        buf = io.BytesIO()
        gexf_tree(g).write(buf, encoding="utf-8", xml_declaration=True)
        buf.write(b"\n")
        with atomic_write_bytes(path) as fh:
            fh.write(buf.getvalue())
        return [path]


register(GexfExporter())
