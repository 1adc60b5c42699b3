"""A document's shard: its named graph in every form the corpus outputs need.

The worker that processes a document also makes its shard: the document
graph's quads (:meth:`~nonprolif_kg.graph.DatasetBuilder.document_quads`),
sorted and written as N-Quads, as a TriG block and as a JSON-LD block, asked
the network summary's queries (its *rows*), and validated against the shapes
with the context the graph needs (the ontology's class hierarchy, the types of
the entities it names). The build then joins
shards (:mod:`nonprolif_kg.assemble`) without making Python terms for the
documents' quads again, and a cached shard is used as it is.

The build activity's IRI is made from every document of the corpus, which a
worker does not know; a shard holds :data:`ACTIVITY` in its place and
the assembly puts the real one in. The placeholder is only ever an
object at the end of a line (of N-Quads or TriG) or a whole JSON string, which
document text cannot imitate: N-Quads and TriG escape line breaks in literals,
and JSON escapes quotes (:func:`with_activity`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .distinct import bucketed
from .export import prefixes, strip_prefixes
from .extract import Extractor
from .graph import (
    BuiltDocument,
    DatasetBuilder,
    Source,
    entity_quads,
    ontology_quads,
    sort_graph,
)
from .iri import Minter
from .jsonld import graph_block
from .shapes import Shapes
from .stopwatch import Stopwatch
from .summarize import document_centrality, part_rows, read_subset
from .validate import ValidationReport, graph_needs, ntriples, validate_part
from .void import Counts, Statistics

__all__ = [
    "ACTIVITY",
    "DocumentInfo",
    "GraphPart",
    "Shard",
    "ShardSettings",
    "Sharder",
    "graph_part",
    "header_parts",
    "own_first",
    "trig_block",
    "with_activity",
]

#: Stands for the build activity's IRI in a shard.
ACTIVITY = "urn:nonprolif-kg:build-activity"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PROV_ACTIVITY = "http://www.w3.org/ns/prov#Activity"
#: What a document graph's validation needs of the ontology: its types and hierarchy.
_CONTEXT = (_RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#subClassOf")


@dataclass(frozen=True)
class DocumentInfo:
    """What the build needs to know of a processed document besides its graph:
    the file, its id, language, format and hash, and counts for the report."""

    path: Path
    doc_id: str
    lang: str
    media_type: str
    sha256: str
    paragraphs: int
    mentions: int
    keys: tuple[str, ...]  # the distinct keys of the entities it names, sorted
    #: Its part of the network summary (:func:`~nonprolif_kg.summarize.document_centrality`).
    centrality: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def source(self) -> Source:
        """The document version as the build's provenance names it."""
        return Source(self.doc_id, self.lang, self.sha256)


@dataclass(frozen=True)
class GraphPart:
    """One named graph, serialised: ``nquads`` (its distinct quads sorted, one a
    line), ``trig`` (its TriG block, without prefixes) and ``jsonld`` (its
    :func:`~nonprolif_kg.jsonld.graph_block`), with its ``validation`` (``None``
    when not validated), the number of its quads, and ``rows``, what the network
    summary reads of it (:func:`~nonprolif_kg.summarize.part_rows`, as JSON).

    For ``graph.ttl`` and ``void.ttl``: ``turtle``, its triples as Turtle
    without prefixes, a block per subject; ``subjects``, the N-Triples terms of
    those subjects in the same order, a line each; both in two sections, the
    graph's own subjects first, and ``own``, the bytes of the first section
    in each (:func:`own_first`); ``objects``, its distinct objects, a line
    each, in buckets, and ``object_ends``, where each bucket ends
    (:func:`~nonprolif_kg.distinct.bucketed`); and the ``counts`` of its
    triples."""

    name: str
    nquads: bytes
    trig: bytes
    jsonld: bytes
    quads: int
    validation: ValidationReport | None = field(compare=False)
    rows: bytes
    turtle: bytes
    subjects: bytes
    own: tuple[int, int]
    objects: bytes
    object_ends: bytes
    counts: Counts


@dataclass(frozen=True)
class Shard:
    """A processed document: what the build needs of it, and its graph;
    ``seconds``, what its stages took where it was made elsewhere (on a
    cluster's worker), to be added to the build's figures."""

    info: DocumentInfo
    part: GraphPart
    seconds: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class ShardSettings:
    """The options that change a shard: the resource base, and the shapes and
    engine it is validated with (``shapes`` ``None``: not validated)."""

    base: str
    shapes: Shapes | None
    engine: str

    def digest(self) -> str:
        """A SHA-256 of these settings, for cache keys: the base, the engine and
        the bytes of every shapes file."""
        digest = hashlib.sha256(f"{self.base}\0{self.engine}\0".encode())
        for path in self.shapes.files if self.shapes else ():
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()


def with_activity(data: bytes, fmt: str, graph: str, activity: str) -> bytes:
    """``data``, whole lines of a part's ``nquads``, ``trig``, ``turtle`` or
    ``jsonld`` (``fmt``) of graph ``graph``, with the build activity's IRI ``activity`` in
    place of :data:`ACTIVITY`."""
    placeholder, real = f"<{ACTIVITY}>".encode(), f"<{activity}>".encode()
    if fmt == "nquads":
        end = f" <{graph}> .\n".encode()
        return data.replace(b" " + placeholder + end, b" " + real + end)
    if fmt in ("trig", "turtle"):
        data = data.replace(placeholder + b" ;\n", real + b" ;\n")
        return data.replace(placeholder + b" .\n", real + b" .\n")
    if fmt == "jsonld":
        return data.replace(f'"{ACTIVITY}"'.encode(), f'"{activity}"'.encode())
    raise ValueError(f"unknown part format {fmt!r}")


class Sharder:
    """Makes shards under one set of :class:`ShardSettings`; made once per
    process, since it holds the context every document graph is validated with."""

    def __init__(self, settings: ShardSettings, extractor: Extractor) -> None:
        self.settings = settings
        self.extractor = extractor
        self.minter = Minter(settings.base)
        self.builder = DatasetBuilder(self.minter, ())
        hierarchy: list[ox.Quad] = []
        self._types_of: dict[str, list[ox.Quad]] = {}
        self._catalogue = ox.NamedNode(self.minter.graph("catalogue"))
        if settings.shapes is not None:
            provenance = ox.NamedNode(self.minter.graph("provenance"))
            context = [q for q in ontology_quads(self.minter) if q.predicate.value in _CONTEXT]
            context.append(
                ox.Quad(
                    ox.NamedNode(ACTIVITY),
                    ox.NamedNode(_RDF_TYPE),
                    ox.NamedNode(_PROV_ACTIVITY),
                    provenance,
                )
            )
            for entity in extractor.catalogue.entities:
                context.extend(self._types(entity_quads(entity, self.minter, self._catalogue)))
            for q in context:
                if q.predicate.value == _RDF_TYPE:
                    self._types_of.setdefault(q.subject.value, []).append(q)  # type: ignore[union-attr]
                else:
                    hierarchy.append(q)
        #: The ontology's class hierarchy as N-Triples, a part of every validation.
        self._hierarchy = ntriples(hierarchy)

    @staticmethod
    def _types(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
        return [q for q in quads if q.predicate.value == _RDF_TYPE]

    def shard(self, built: BuiltDocument, clock: Stopwatch | None = None) -> Shard:
        """The shard of one processed document; ``clock`` times the stages
        ``graph``, ``validate`` and ``serialise``."""
        clock = clock or Stopwatch()
        doc = built.document
        with clock("graph"):
            keys = tuple(sorted({m.key for m in built.mentions}))
            named: dict[str, set[str]] = {}
            for mention in built.mentions:
                paragraph = self.minter.paragraph(doc.doc_id, mention.paragraph)
                named.setdefault(paragraph, set()).add(self.minter.entity(mention.key))
            info = DocumentInfo(
                path=doc.source.path,
                doc_id=doc.doc_id,
                lang=doc.lang,
                media_type=doc.source.media_type,
                sha256=doc.source.sha256,
                paragraphs=len(doc.paragraphs),
                mentions=len(built.mentions),
                keys=keys,
                centrality=document_centrality(named, len(doc.paragraphs)),
            )
            quads = self.builder.document_quads(built, ox.NamedNode(ACTIVITY))
            name = self.minter.graph(f"doc/{doc.doc_id}")
        return Shard(info=info, part=self.part(name, quads, keys, clock))

    def part(
        self,
        name: str,
        quads: list[ox.Quad],
        keys: tuple[str, ...],
        clock: Stopwatch | None = None,
    ) -> GraphPart:
        """One document graph ``name`` made of ``quads`` (activity as
        :data:`ACTIVITY`) as a :class:`GraphPart`, validated when the settings
        say so; ``keys`` are the entities its documents name. ``clock`` times
        the stages ``graph`` (sorting), ``validate`` and ``serialise``."""
        clock = clock or Stopwatch()
        with clock("graph"):
            ordered, nquads = sort_graph(quads)
        validation = None
        shapes = self.settings.shapes
        if shapes is not None:
            with clock("validate"):
                validation = self._validate(ordered, _triples(nquads, name), keys, shapes)
        with clock("serialise"):
            return graph_part(name, ordered, self.minter, validation, nquads)

    def _validate(
        self, ordered: list[ox.Quad], triples: bytes, keys: tuple[str, ...], shapes: Shapes
    ) -> ValidationReport:
        """Validate one document graph, its quads ``ordered`` and their triples
        as N-Triples, with the context it needs: the types of the IRIs it names
        (the catalogue's, and those of entities outside it, the ``keys``), and
        the ontology's class hierarchy. The engine is handed N-Triples."""
        classes, typed = graph_needs(ordered, self._types_of)
        for key in keys:
            if key not in self.extractor.catalogue:
                entity = self.extractor.entity(key)
                typed += self._types(entity_quads(entity, self.minter, self._catalogue))
        part = b"".join((triples, ntriples(typed), self._hierarchy))
        return validate_part(part, classes, shapes, self.settings.engine)


def graph_part(
    name: str,
    quads: Sequence[ox.Quad],
    minter: Minter,
    validation: ValidationReport | None = None,
    nquads: bytes | None = None,
) -> GraphPart:
    """The graph ``name`` made of ``quads`` (sorted, distinct) as a
    :class:`GraphPart`; ``nquads``, their N-Quads text where it is at hand
    (:func:`~nonprolif_kg.graph.sort_graph`)."""
    table = prefixes(minter)
    if nquads is None:
        nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    turtle = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.TURTLE, prefixes=table)
    if nquads is None or turtle is None:
        raise RuntimeError("serialisation returned no bytes")
    turtle = strip_prefixes(turtle)[1]
    stats = Statistics()
    subjects: list[bytes] = []
    for line in _triples(nquads, name).split(b"\n")[:-1]:
        stats.add(line)
        if len(subjects) < stats.subjects:
            subjects.append(line[: line.index(b" ")])
    objects, object_ends = bucketed(stats.objects)
    trig = trig_block(quads, turtle, table)
    turtle, subject_lines, own = own_first(turtle, subjects, _own_prefix(name, minter))
    return GraphPart(
        name=name,
        nquads=nquads,
        trig=trig,
        jsonld=graph_block(name, quads, minter).encode("utf-8"),
        quads=len(quads),
        validation=validation,
        rows=json.dumps(
            part_rows(read_subset(nquads)), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8"),
        turtle=turtle,
        subjects=subject_lines,
        own=own,
        objects=objects,
        object_ends=object_ends,
        counts=stats.counts(),
    )


def _own_prefix(name: str, minter: Minter) -> bytes | None:
    """The start of the N-Triples terms of a document graph's own nodes (the
    document, its versions, paragraphs, spans, stances: ``<{base}id/doc/{id}``),
    ``None`` for another graph."""
    documents = minter.graph("doc/")
    if not name.startswith(documents):
        return None
    return f"<{minter.document_namespace}{name[len(documents) :]}".encode()


def _joined(terms: Sequence[bytes]) -> bytes:
    """``terms`` written a line each."""
    return b"".join(t + b"\n" for t in terms)


def _lines(terms: Sequence[bytes]) -> int:
    """The bytes of ``terms`` written a line each (:func:`_joined`), counted."""
    return sum(map(len, terms)) + len(terms)


def own_first(
    turtle: bytes, subjects: Sequence[bytes], prefix: bytes | None
) -> tuple[bytes, bytes, tuple[int, int]]:
    """A graph's Turtle blocks (``turtle``, a block per subject in subject
    order) and its ``subjects`` (N-Triples terms) rearranged for the merge of
    ``graph.ttl``: first the subjects of the graph's own nodes (those whose
    term is ``prefix`` then ``>`` or ``/``), then the others (entities that
    other graphs describe too), each section in subject order; and how many
    bytes the first section takes in each. A document's own section comes
    whole in the merge, which no other graph's subject cuts (but another
    version of the same document), and is read in large pieces."""
    if prefix is None:
        return turtle, _joined(subjects), (0, 0)
    own = (prefix + b">", prefix + b"/")
    mine = [t.startswith(own) for t in subjects]
    if all(mine):
        return turtle, _joined(subjects), (len(turtle), _lines(subjects))
    pieces = turtle.split(b" .\n")
    if len(pieces) != len(subjects) + 1 or pieces[-1]:
        raise ValueError(f"{len(pieces) - 1} Turtle blocks for {len(subjects)} subjects")
    count = mine.index(False)
    if not any(mine[count:]):  # the own subjects sort first (a document's, mostly): as they are
        head = sum(map(len, pieces[:count])) + 3 * count  # each block ends in " .\n"
        return turtle, _joined(subjects), (head, _lines(subjects[:count]))
    order = [i for i, m in enumerate(mine) if m] + [i for i, m in enumerate(mine) if not m]
    owned = sum(mine)
    blocks = [pieces[i] + b" .\n" for i in order]
    terms = [subjects[i] for i in order]
    return b"".join(blocks), _joined(terms), (sum(map(len, blocks[:owned])), _lines(terms[:owned]))


def trig_block(quads: Sequence[ox.Quad], turtle: bytes, table: dict[str, str]) -> bytes:
    """The TriG block (``@prefix`` lines left out) of one named graph made of
    ``quads``, from ``turtle``, their triples as pyoxigraph writes them in
    Turtle with the prefixes ``table``, without its ``@prefix`` lines.

    pyoxigraph writes a graph in TriG as it writes its triples in Turtle, each
    line indented by a tab, between a line naming the graph and a closing
    brace; Turtle escapes the line breaks of literals, so every line break ends
    a line of the graph. The opening line is written by pyoxigraph (from the
    first quad alone), so that the graph's name is abbreviated as it would be.
    A default graph (no braces) or no quads is written by pyoxigraph whole."""
    if not quads or not isinstance(quads[0].graph_name, ox.NamedNode) or not turtle:
        trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=table)
        if trig is None:
            raise RuntimeError("serialisation returned no bytes")
        return strip_prefixes(trig)[1]
    first = ox.serialize(quads[:1], format=ox.RdfFormat.TRIG, prefixes=table)
    if first is None:
        raise RuntimeError("serialisation returned no bytes")
    head = strip_prefixes(first)[1]
    opening = head[: head.index(b" {\n") + 3]
    return opening + b"\t" + turtle[:-1].replace(b"\n", b"\n\t") + b"\n}\n"


def _triples(nquads: bytes, name: str) -> bytes:
    """The N-Quads ``nquads`` of the graph ``name`` as N-Triples: the graph's
    name taken off each line's end."""
    return nquads.replace(f" <{name}> .\n".encode(), b" .\n")


def header_parts(quads: Sequence[ox.Quad], minter: Minter) -> list[GraphPart]:
    """The parts of the graphs of ``quads`` (sorted by graph, distinct), not validated."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name.value), []).append(q)  # type: ignore[union-attr]
    return [graph_part(name, by_graph[name], minter) for name in sorted(by_graph)]
