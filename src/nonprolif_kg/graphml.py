"""GraphML of the summary's combined graph, written a line at a time.

networkx's GraphML writer (lxml's incremental writer) builds an element object
for every node, edge and value before it writes them: for a corpus of 1,000
documents (90,000 edges) that is most of the summary's time. The combined graph
(:func:`nonprolif_kg.summary_files.combined_graph`) has one fixed shape (nodes
with a ``label`` and a ``type``; edges with a ``projection``, an integer
``weight``, a ``relation`` and a ``polarity``, keyed by a string), so its
GraphML is written here as text, in the bytes networkx writes for it (tests
compare the two). A graph of any other shape, or with text XML cannot hold, is
written by networkx.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import BinaryIO

import networkx as nx

__all__ = ["graphml_lines", "write_graphml"]

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_NODE_KEYS = ("label", "type")
_EDGE_KEYS = ("projection", "weight", "relation", "polarity")
#: Characters XML 1.0 cannot hold (lxml refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: How many texts are joined for one check of their characters, and how many
#: nodes or edges are written at a time.
_BATCH = 4096
_ESCAPE = re.compile('[&<>"\r\n\t]')
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def _text(value: str) -> str:
    """``value`` as element text, escaped as libxml2 escapes it."""
    return _ESCAPE.sub(lambda m: _TEXT.get(m.group(), m.group()), value)


def _attr(value: str) -> str:
    """``value`` as an attribute value, escaped as libxml2 escapes it."""
    return _ESCAPE.sub(lambda m: _ATTRIBUTE[m.group()], value)


def _rows(g: nx.MultiDiGraph) -> Iterator[tuple[bool, tuple[object, ...]]]:
    """For each node and edge of ``g``: whether its attributes have the
    combined graph's shape, and the values its GraphML writes as text."""
    for node, data in g.nodes(data=True):
        yield tuple(data) == _NODE_KEYS, (node, *data.values())
    for _, _, key, data in g.edges(keys=True, data=True):
        shaped = tuple(data) == _EDGE_KEYS and type(data["weight"]) is int
        texts = (key, data.get("projection"), data.get("relation"), data.get("polarity"))
        yield shaped, texts


def _fits(g: nx.MultiDiGraph) -> bool:
    """Whether ``g`` has the combined graph's shape, nodes and edges, and only
    text XML can hold: one pass over its nodes and edges, a batch at a time,
    so that no copy of all its texts is made."""
    if not isinstance(g, nx.MultiDiGraph) or not g.number_of_edges() or g.graph:
        return False
    rows = _rows(g)
    while batch := list(itertools.islice(rows, _BATCH)):
        if not all(shaped for shaped, _ in batch):
            return False
        texts = [t for _, row in batch for t in row]
        strings = [t for t in texts if type(t) is str]
        if len(strings) < len(texts) or _NOT_XML.search("".join(strings)):
            return False
    return True


def graphml_lines(g: nx.MultiDiGraph) -> Iterator[str]:
    """The GraphML of the combined graph ``g`` (of the shape :func:`_fits`
    checks) in pieces, nodes and edges in ``g``'s order: the text networkx
    writes for it."""
    keys = [f"d{i}" for i in range(len(_NODE_KEYS) + len(_EDGE_KEYS))]
    declared = [
        f'<key id="{key}" for="node" attr.name="{name}" attr.type="string"/>\n'
        for key, name in zip(keys, _NODE_KEYS, strict=False)
    ] + [
        f'<key id="{key}" for="edge" attr.name="{name}" '
        f'attr.type="{"long" if name == "weight" else "string"}"/>\n'
        for key, name in zip(keys[len(_NODE_KEYS) :], _EDGE_KEYS, strict=True)
    ]
    yield _HEAD + "".join(reversed(declared)) + '<graph edgedefault="directed">'
    label, kind, projection, weight, relation, polarity = keys
    for node, data in g.nodes(data=True):
        yield (
            f'<node id="{_attr(node)}">\n'
            f'  <data key="{label}">{_text(data["label"])}</data>\n'
            f'  <data key="{kind}">{_text(data["type"])}</data>\n'
            "</node>\n"
        )
    for a, b, key, data in g.edges(keys=True, data=True):
        yield (
            f'<edge source="{_attr(a)}" target="{_attr(b)}" id="{_attr(key)}">\n'
            f'  <data key="{projection}">{_text(data["projection"])}</data>\n'
            f'  <data key="{weight}">{data["weight"]}</data>\n'
            f'  <data key="{relation}">{_text(data["relation"])}</data>\n'
            f'  <data key="{polarity}">{_text(data["polarity"])}</data>\n'
            "</edge>\n"
        )
    yield "</graph></graphml>"


def write_graphml(g: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """Write the GraphML of ``g`` to the binary file ``handle``: by
    :func:`graphml_lines` where ``g`` has the combined graph's shape, a batch
    of nodes or edges at a time; else by networkx."""
    if not _fits(g):
        nx.write_graphml(g, handle)
        return
    pieces = graphml_lines(g)
    while batch := list(itertools.islice(pieces, _BATCH)):
        handle.write("".join(batch).encode("utf-8"))
