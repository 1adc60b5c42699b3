"""Write the summary: ``summary.json``, ``summary.md``, ``figures/``, and the two
projections as ``graph.graphml`` and ``graph.gexf`` for Gephi and Cytoscape.

The GraphML/GEXF files hold both projections in one directed multigraph: every
edge has a ``projection`` attribute (``comention`` with its ``weight``, or
``assertion`` with its ``relation`` and ``polarity``), every node its ``label``
and ``type``.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .export import Payload, write_atomic
from .gexf import gexf_lines
from .graphml import write_graphml
from .summarize import Projections, project, summarize

__all__ = [
    "SummaryInputs",
    "combined_graph",
    "read_summary",
    "summary_inputs",
    "write_summary",
    "write_summary_files",
]


def combined_graph(proj: Projections, lang: str) -> nx.MultiDiGraph:
    """Both projections in one graph, nodes and edges in sorted order."""
    g = nx.MultiDiGraph()
    nodes = sorted(set(proj.comention.nodes) | set(proj.assertions.nodes))
    for n in nodes:
        g.add_node(n, label=proj.label(n, lang), type=proj.types.get(n, ""))
    for a, b, d in sorted(proj.comention.edges(data=True)):
        g.add_edge(
            a,
            b,
            key=f"comention:{a}|{b}",
            projection="comention",
            weight=d["weight"],
            relation="",
            polarity="",
        )
    for a, b, k, d in sorted(proj.assertions.edges(keys=True, data=True)):
        g.add_edge(
            a,
            b,
            key=f"assertion:{k}",
            projection="assertion",
            weight=1,
            relation=d["relation"],
            polarity=d["polarity"],
        )
    return g


def _events(proj: Projections, lang: str) -> list[tuple[int, str, str]]:
    """The mentioned events for the timeline: (year, label, IRI), by year and IRI."""
    return [(year, proj.label(e, lang), e) for e, year in proj.events]


def _gexf(g: nx.MultiDiGraph) -> Iterator[bytes]:
    """The GEXF of ``g`` (:mod:`nonprolif_kg.gexf`), in pieces of many lines."""
    lines = gexf_lines(g)
    while batch := list(itertools.islice(lines, 8192)):
        yield ("\n".join(batch) + "\n").encode("ascii")


def _table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> list[str]:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(summary: dict[str, Any], figures: Sequence[Path]) -> str:
    """``summary.md``: the figures and the tables a person reads."""
    c = summary["comention"]
    out = ["# Summary of the knowledge graph", ""]
    out.append(
        f"{summary['documents']} document(s); {c.get('nodes', 0)} entities and "
        f"{c.get('edges', 0)} co-mention links; {summary['assertions']['edges']} "
        f"assertion edges. Labels in `{summary['labelLanguage']}`."
    )
    out += ["", "## Projections", ""]
    for name, text in summary["projections"].items():
        out.append(f"- **{name}**: {text}")
    if figures:
        out += ["", "## Figures", ""]
        for path in figures:
            if path.suffix == ".png":
                out.append(f"![{path.stem}](figures/{path.name})")
                out.append("")
    if c.get("nodes"):
        out += ["", "## Entities by type", ""]
        out += _table(sorted(c["countsByType"].items()), ["type", "entities"])
        out += ["", "## Most central entities (co-mention network)", ""]
        out += _table(
            [
                (
                    e["label"],
                    e["type"],
                    e["degree"],
                    e["weightedDegree"],
                    e["pagerank"],
                    e["betweenness"],
                )
                for e in c["top"]
            ],
            ["entity", "type", "degree", "weighted degree", "PageRank", "betweenness"],
        )
        sample = c.get("betweennessSample")
        out += [
            "",
            "Betweenness is " + (f"sampled from {sample} nodes (seed 42)." if sample else "exact."),
        ]
        out += ["", "## Most central entities of each type", ""]
        for t, entries in c["topByType"].items():
            out.append(f"- **{t}**: " + ", ".join(e["label"] for e in entries))
        out += ["", "## Communities (Louvain, seed 42)", ""]
        out += _table(
            [
                (
                    i + 1,
                    com["size"],
                    ", ".join(com["members"][:12]) + (" …" if com["size"] > 12 else ""),
                )
                for i, com in enumerate(c["communities"])
            ],
            ["#", "size", "members"],
        )
        out += [
            "",
            f"Connected components: {len(c['components'])} "
            f"(sizes {', '.join(str(s) for s in c['components'])}).",
        ]
    out += ["", "## States most often urged, called upon, requested or encouraged", ""]
    out += _table(
        [
            (e["label"], e["times"], ", ".join(e["about"]) or "—")
            for e in summary["mostUrgedStates"]
        ],
        ["state", "times", "about"],
    )
    out += ["", "## Instruments most often reaffirmed or supported", ""]
    out += _table(
        [(e["label"], e["times"]) for e in summary["mostBackedInstruments"]],
        ["instrument", "times"],
    )
    out += ["", "## Per document", ""]
    out += _table(
        [
            (ident, d["paragraphs"], d["entities"], ", ".join(e["label"] for e in d["top"]))
            for ident, d in summary["perDocument"].items()
        ],
        ["document", "paragraphs", "entities", "most central"],
    )
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class SummaryInputs:
    """What the summary files are made of, once read from the graph (or from
    its graphs' rows): its projections, the summary, the events for the
    timeline and the labels' language. Holds nothing of the graph."""

    proj: Projections
    summary: dict[str, Any]
    events: list[tuple[int, str, str]]
    lang: str


def read_summary(
    dataset: Sequence[ox.Quad] | ox.Store,
    label_lang: str | None = None,
    per_document: Mapping[str, dict[str, Any]] | None = None,
) -> SummaryInputs:
    """Read what the summary needs from a dataset (its quads, or a store
    holding it); ``per_document`` is passed to :func:`summarize`."""
    return summary_inputs(project(dataset), label_lang, per_document)


def summary_inputs(
    proj: Projections,
    label_lang: str | None = None,
    per_document: Mapping[str, dict[str, Any]] | None = None,
) -> SummaryInputs:
    """What the summary files are made of, from the projections ``proj`` (of a
    dataset, :func:`~nonprolif_kg.summarize.project`, or of its graphs' rows,
    :func:`~nonprolif_kg.summarize.project_rows`); ``per_document`` is passed
    to :func:`summarize`."""
    summary = summarize(proj, label_lang, per_document=per_document)
    lang = summary["labelLanguage"]
    return SummaryInputs(proj, summary, _events(proj, lang), lang)


def write_summary_files(inputs: SummaryInputs, out: Path) -> list[Path]:
    """Write the summary files of ``inputs`` into ``out``; return them."""
    from .figures import draw_all

    proj, summary, lang = inputs.proj, inputs.summary, inputs.lang
    figures = draw_all(proj, summary, inputs.events, out / "figures")
    combined = combined_graph(proj, lang)
    payloads: dict[str, Payload] = {
        "summary.json": (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode(),
        "summary.md": to_markdown(summary, figures).encode("utf-8"),
        "graph.graphml": functools.partial(write_graphml, combined),
        "graph.gexf": _gexf(combined),
    }
    written = list(figures)
    for name, data in payloads.items():
        write_atomic(out / name, data)
        written.append(out / name)
    return written


def write_summary(
    dataset: Sequence[ox.Quad] | ox.Store,
    out: Path,
    label_lang: str | None = None,
    per_document: Mapping[str, dict[str, Any]] | None = None,
) -> list[Path]:
    """Summarize a dataset, its quads or a store holding it, into ``out``; return
    the files written. ``per_document`` is passed to :func:`summarize`."""
    return write_summary_files(read_summary(dataset, label_lang, per_document), out)
