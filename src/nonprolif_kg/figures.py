"""Figures of the summary: the co-mention network, the most central entities, and a
timeline of the events the documents name, as PNG and SVG.

Labels are the entities' own labels in the chosen language, drawn with the
bundled CJK font (a subset of WenQuanYi Micro Hei that covers every Chinese label
of the catalogue) with DejaVu Sans for other scripts. Layouts use a fixed seed and
files carry no dates, so the same graph always gives the same files. Networks
show the top N entities (stated in the title) rather than every node.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .export import write_atomic  # noqa: E402
from .resources import package_dir  # noqa: E402
from .summarize import SEED, TYPES, Projections  # noqa: E402

__all__ = ["draw_all", "font_family", "COLOURS"]

#: A colour for each entity type (colour-blind-safe palette).
COLOURS: dict[str, str] = {
    "State": "#0072B2",
    "Organization": "#E69F00",
    "Treaty": "#009E73",
    "Resolution": "#CC79A7",
    "Initiative": "#D55E00",
    "Event": "#56B4E9",
    "Place": "#999999",
}
_FONT = package_dir() / "data" / "fonts" / "wqy-microhei-subset.ttf"


@cache
def font_family() -> list[str]:
    """Register the bundled CJK font; return the font family list to draw with."""
    font_manager.fontManager.addfont(str(_FONT))
    name = font_manager.FontProperties(fname=str(_FONT)).get_name()
    return [name, "DejaVu Sans"]


def _setup() -> None:
    plt.rcParams["font.family"] = font_family()
    plt.rcParams["svg.hashsalt"] = "nonprolif-kg"
    plt.rcParams["axes.unicode_minus"] = False


def _save(fig: Any, out: Path, stem: str) -> list[Path]:
    written = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = out / f"{stem}.{ext}"
        tmp = out / f".{stem}.{ext}.tmp"
        fig.savefig(tmp, format=ext, dpi=120, metadata=meta, bbox_inches="tight")
        write_atomic(path, tmp.read_bytes())
        tmp.unlink()
        written.append(path)
    plt.close(fig)
    return written


def _ordered_subgraph(g: nx.Graph, nodes: Sequence[str]) -> nx.Graph:
    """The subgraph of ``g`` on ``nodes`` with nodes and edges in sorted order.

    networkx's subgraph view iterates over a set of the nodes, in an order that
    changes with Python's string hashing from run to run, and the layout
    follows that order: a copy in sorted order keeps the figure's bytes stable.
    """
    keep = sorted(nodes)
    sub = nx.Graph()
    sub.add_nodes_from((n, g.nodes[n]) for n in keep)
    edges = sorted((min(a, b), max(a, b)) for a, b in g.subgraph(keep).edges)
    sub.add_edges_from((a, b, g.edges[a, b]) for a, b in edges)
    return sub


def draw_network(
    proj: Projections, summary: dict[str, Any], lang: str, out: Path, top: int = 30
) -> list[Path]:
    """The co-mention network: the ``top`` entities by PageRank of its largest component."""
    g = proj.comention
    if g.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(g, weight="weight")
    largest = max(nx.connected_components(g), key=lambda c: (len(c), sorted(c)))
    ranked = sorted(largest, key=lambda n: (-pagerank[n], n))
    sub = _ordered_subgraph(g, ranked[:top])
    if sub.number_of_nodes() > 1 and nx.is_connected(sub):
        pos = nx.kamada_kawai_layout(sub, weight=None)
    else:
        pos = nx.spring_layout(sub, seed=SEED)
    fig, ax = plt.subplots(figsize=(12, 9))
    weights = [sub.edges[e]["weight"] for e in sub.edges]
    nx.draw_networkx_edges(
        sub, pos, ax=ax, width=[0.4 + 0.8 * w for w in weights], alpha=0.3, edge_color="#555555"
    )
    sizes = [2400 * pagerank[n] / max(pagerank.values()) + 80 for n in sub.nodes]
    colours = [COLOURS.get(proj.types.get(n, ""), "#cccccc") for n in sub.nodes]
    nx.draw_networkx_nodes(sub, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.85)
    nx.draw_networkx_labels(
        sub,
        pos,
        ax=ax,
        labels={n: proj.short_label(n, lang) for n in sub.nodes},
        font_size=9,
        font_family=font_family(),
    )
    for t in TYPES:
        ax.scatter([], [], color=COLOURS[t], label=t)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    ax.set_title(
        f"Co-mention network: the top {sub.number_of_nodes()} of "
        f"{g.number_of_nodes()} entities by PageRank, largest connected part "
        "(edge width: paragraphs naming both)"
    )
    ax.axis("off")
    return _save(fig, out, "comention-network")


def draw_top(summary: dict[str, Any], out: Path) -> list[Path]:
    """A bar chart of the most central entities (PageRank in the co-mention network)."""
    top = summary["comention"].get("top", [])
    if not top:
        return []
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(top) + 1.2))
    labels = [e["shortLabel"] for e in reversed(top)]
    values = [e["pagerank"] for e in reversed(top)]
    colours = [COLOURS.get(e["type"], "#cccccc") for e in reversed(top)]
    ax.barh(range(len(top)), values, color=colours)
    ax.set_yticks(range(len(top)), labels)
    ax.set_xlabel("PageRank in the co-mention network")
    ax.set_title(f"The {len(top)} most central entities")
    return _save(fig, out, "top-entities")


def draw_timeline(events: Sequence[tuple[int, str, str]], out: Path) -> list[Path]:
    """A timeline of dated events: (year, label, type) each."""
    if not events:
        return []
    fig, ax = plt.subplots(figsize=(11, 0.35 * len(events) + 1.5))
    for i, (year, label, _) in enumerate(events):
        ax.scatter([year], [i], color=COLOURS["Event"], s=40, zorder=3)
        ax.annotate(
            label, (year, i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8
        )
    years = [y for y, _, _ in events]
    ax.set_xlim(min(years) - 1, max(years) + 4)
    ax.set_yticks([])
    ax.set_xlabel("year")
    ax.set_title("Events the documents name")
    ax.grid(axis="x", alpha=0.3)
    return _save(fig, out, "timeline")


def draw_all(
    proj: Projections, summary: dict[str, Any], events: Sequence[tuple[int, str, str]], out: Path
) -> list[Path]:
    """Draw every figure into ``out``; return the files written."""
    _setup()
    out.mkdir(parents=True, exist_ok=True)
    lang = summary["labelLanguage"]
    return [
        *draw_network(proj, summary, lang, out),
        *draw_top(summary, out),
        *draw_timeline(events, out),
    ]
