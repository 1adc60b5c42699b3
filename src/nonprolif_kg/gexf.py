"""GEXF 1.2 of the summary's combined graph, written a line at a time.

networkx's GEXF writer builds the whole document as an XML tree before it
writes a byte: for a corpus of 10,000 documents (a million edges) that tree
takes gigabytes and most of the summary's time. The combined graph
(:func:`nonprolif_kg.summary_files.combined_graph`) has one fixed shape (nodes
with a ``label`` and a ``type``; edges with a key, a ``projection``, a
``weight``, a ``relation`` and a ``polarity``), so its GEXF is written here line
by line, in the layout networkx gives it (tests compare the two), with only the
``creator`` naming this project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

__all__ = ["gexf_lines"]

_HEAD = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">'
)

#: The edges' attributes, in the order of their ids (1 on; the nodes' type is 0).
_EDGE_ATTRIBUTES = ("projection", "relation", "polarity", "networkx_key")


#: The characters an attribute value escapes.
_SPECIAL = re.compile('[&<>"\r\n\t]')


def _attr(value: object) -> str:
    """``value`` as an XML attribute value: escaped as ElementTree escapes it,
    every character outside ASCII as a character reference."""
    text = str(value)
    if text.isascii() and not _SPECIAL.search(text):
        return text  # most values: nothing to escape
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def gexf_lines(g: nx.MultiDiGraph, creator: str = "nonprolif-kg") -> Iterator[str]:
    """The lines (without line breaks) of the GEXF document of the combined
    graph ``g``, nodes and edges in ``g``'s order, edges numbered from 0."""
    yield _HEAD
    yield "  <meta>"
    yield f"    <creator>{_attr(creator)}</creator>"
    yield "  </meta>"
    yield '  <graph defaultedgetype="directed" mode="static" name="">'
    if g.number_of_edges():
        yield '    <attributes mode="static" class="edge">'
        for i, title in enumerate(_EDGE_ATTRIBUTES, start=1):
            yield f'      <attribute id="{i}" title="{title}" type="string" />'
        yield "    </attributes>"
    if g.number_of_nodes():
        yield '    <attributes mode="static" class="node">'
        yield '      <attribute id="0" title="type" type="string" />'
        yield "    </attributes>"
        yield "    <nodes>"
        for node, data in g.nodes(data=True):
            yield f'      <node id="{_attr(node)}" label="{_attr(data["label"])}">'
            yield "        <attvalues>"
            yield f'          <attvalue for="0" value="{_attr(data["type"])}" />'
            yield "        </attvalues>"
            yield "      </node>"
        yield "    </nodes>"
    else:
        yield "    <nodes />"
    if g.number_of_edges():
        yield "    <edges>"
        for i, (a, b, key, data) in enumerate(g.edges(keys=True, data=True)):
            yield (
                f'      <edge source="{_attr(a)}" target="{_attr(b)}" id="{i}" '
                f'weight="{_attr(data["weight"])}">'
            )
            yield "        <attvalues>"
            values = (data["projection"], data["relation"], data["polarity"], key)
            for j, value in enumerate(values, start=1):
                yield f'          <attvalue for="{j}" value="{_attr(value)}" />'
            yield "        </attvalues>"
            yield "      </edge>"
        yield "    </edges>"
    else:
        yield "    <edges />"
    yield "  </graph>"
    yield "</gexf>"
