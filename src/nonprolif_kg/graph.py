"""Stage 5, graph: documents, mentions and the catalogue -> RDF quads.

Builds the dataset as pyoxigraph :class:`~pyoxigraph.Quad` values, one named graph
for each of: the ontology, the catalogue (reference data, including Security
Council resolutions minted from the text), the build's provenance, and each
document. Term IRIs come from :mod:`nonprolif_kg.vocab` and resource IRIs from
:mod:`nonprolif_kg.iri`. There are no blank nodes.

Document graph, for a document ``d`` in language ``l``:

- ``d`` (npo:Document): identifier, title, date, genre, sender, recipient and
  the sections it transmits;
- ``d/l`` (npo:Expression): language, source file, its hash, format and encoding;
- ``d/s/n`` (npo:Section) and ``d/p/n`` (npo:Paragraph): order, printed number,
  kind, section, text with its language tag, and ``npo:mentions`` of each entity;
- ``d/l/p/n`` (nif:Context): the paragraph's text, with its place in the source;
- ``d/l/p/n#char=b,e`` (nif:Phrase): each mention's span, anchor text, entity
  (``itsrdf:taIdentRef``), rule, and place in the source file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

from . import __version__, vocab
from .iri import Minter
from .model import Document, Entity, EntityType, Extraction, Fact, Mention, ParagraphKind, Stance
from .resources import ontology_dir


class _Terms:
    """A namespace whose terms are made once: rdflib builds and checks a new
    URIRef at every attribute access, a cost paid per quad."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term  # type: ignore[no-any-return]

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]  # type: ignore[no-any-return]


DCTERMS: Any = _Terms(rdflib.DCTERMS)
OWL: Any = _Terms(rdflib.OWL)
PROV: Any = _Terms(rdflib.PROV)
RDF: Any = _Terms(rdflib.RDF)
RDFS: Any = _Terms(rdflib.RDFS)
SKOS: Any = _Terms(rdflib.SKOS)
XSD: Any = _Terms(rdflib.XSD)
ITSRDF: Any = _Terms(vocab.ITSRDF)
NIF: Any = _Terms(vocab.NIF)
NPO: Any = _Terms(vocab.NPO)
WD: Any = _Terms(vocab.WD)

__all__ = [
    "DatasetBuilder",
    "BuiltDocument",
    "Source",
    "ontology_quads",
    "entity_quads",
    "sort_quads",
    "sort_graph",
]

_CLASS = {
    EntityType.STATE: NPO.State,
    EntityType.ORGANIZATION: NPO.Organization,
    EntityType.TREATY: NPO.Treaty,
    EntityType.RESOLUTION: NPO.Resolution,
    EntityType.INITIATIVE: NPO.Initiative,
    EntityType.EVENT: NPO.Event,
    EntityType.PLACE: NPO.Place,
}
_KIND = {
    ParagraphKind.TITLE: NPO.Title,
    ParagraphKind.HEADING: NPO.Heading,
    ParagraphKind.NUMBERED: NPO.NumberedParagraph,
    ParagraphKind.BULLET: NPO.BulletItem,
    ParagraphKind.TEXT: NPO.TextParagraph,
}
_DOC_TYPE = {
    "note-verbale": NPO.NoteVerbale,
    "letter": NPO.Letter,
    "resolution": NPO.ResolutionText,
}
_ID_PROPERTY = {
    "iso3166-alpha2": NPO.iso3166Alpha2,
    "iso3166-alpha3": NPO.iso3166Alpha3,
    "iso3166-numeric": NPO.iso3166Numeric,
    "un-symbol": NPO.unSymbol,
}
# Background facts: name -> (property, kind) with kind one of "iri", "gYear",
# "date", "integer", "string".
_FACTS: dict[str, tuple[URIRef, str]] = {
    "venue": (NPO.heldAt, "iri"),
    "country": (NPO.locatedIn, "iri"),
    "partOf": (NPO.partOf, "iri"),
    "subject": (NPO.subjectState, "iri"),
    "establishedBy": (NPO.establishedBy, "iri"),
    "adoptedBy": (NPO.adoptedBy, "iri"),
    "treaty": (NPO.concernsTreaty, "iri"),
    "for": (NPO.preparesFor, "iri"),
    "year": (NPO.year, "gYear"),
    "date": (NPO.startDate, "date"),
    "series": (NPO.series, "string"),
    "ordinal": (NPO.ordinal, "integer"),
    "session": (NPO.session, "integer"),
    "number": (NPO.resolutionNumber, "integer"),
}


@cache
def _n(iri: str) -> ox.NamedNode:
    """The node of a vocabulary or entity IRI, made once per process. A
    document's own IRIs (its paragraphs, spans, stances) are made with
    :class:`pyoxigraph.NamedNode` each time: kept here, a worker's memory would
    grow with every document it processes."""
    return ox.NamedNode(iri)


def _t(term: URIRef) -> ox.NamedNode:
    return _n(str(term))


def _lit(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _typed(value: str | int, datatype: URIRef) -> ox.Literal:
    return ox.Literal(str(value), datatype=_t(datatype))


_A = _t(RDF.type)


@dataclass(frozen=True)
class Source:
    """A document version as the build's provenance names it: id, language and
    the SHA-256 of its file."""

    doc_id: str
    lang: str
    sha256: str


def _source(built: BuiltDocument) -> Source:
    doc = built.document
    return Source(doc.doc_id, doc.lang, doc.source.sha256)


@dataclass(frozen=True)
class BuiltDocument:
    """A document ready for the graph: the segmented document and what was extracted."""

    document: Document
    extraction: Extraction

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The document's mentions."""
        return self.extraction.mentions


def ontology_quads(minter: Minter) -> list[ox.Quad]:
    """The ontology file's triples, in the ontology's named graph."""
    graph = _n(minter.graph("ontology"))
    path = ontology_dir() / "nonprolif.ttl"
    return [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    ]


def entity_quads(entity: Entity, minter: Minter, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The description of one catalogue entity: type, key, labels, identifiers, facts.

    Aliases that only count in context (``requires``) are matcher rules, not names,
    and are left out.
    """
    s = _n(minter.entity(entity.key))

    def q(p: URIRef, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(s, _t(p), o, graph)

    yield q(RDF.type, _t(_CLASS[entity.type]))
    yield q(NPO.key, _lit(entity.key))
    for lang, label in entity.labels:
        yield q(SKOS.prefLabel, _lit(label, lang))
    for alias in entity.aliases:
        if not alias.requires:
            yield q(SKOS.altLabel, _lit(alias.text, alias.lang))
    for scheme, ident in entity.ids:
        if scheme == "wikidata":
            yield q(OWL.sameAs, _n(str(WD[ident])))
        elif scheme in _ID_PROPERTY:
            yield q(_ID_PROPERTY[scheme], _lit(ident))
    for name, value in entity.facts:
        if name not in _FACTS:
            continue
        prop, kind = _FACTS[name]
        if kind == "iri":
            yield q(prop, _n(minter.entity(str(value))))
        elif kind == "gYear":
            yield q(prop, _typed(f"{int(value):04d}", XSD.gYear))
        elif kind == "date":
            yield q(prop, _typed(value, XSD.date))
        elif kind == "integer":
            yield q(prop, _typed(int(value), XSD.integer))
        else:
            yield q(prop, _lit(str(value)))


class DatasetBuilder:
    """Turns built documents and the catalogue into one dataset of quads."""

    def __init__(
        self, minter: Minter, entities: Iterable[Entity], build_time: dt.datetime | None = None
    ) -> None:
        """``entities`` are every entity to describe in the catalogue graph;
        ``build_time``, when given, is recorded as the build's ``prov:startedAtTime``
        (it is an input, not the clock, so that the output stays byte-stable)."""
        self.minter = minter
        self.entities = sorted(entities, key=lambda e: e.key)
        self.build_time = build_time

    def quads(self, documents: Sequence[BuiltDocument]) -> list[ox.Quad]:
        """Every quad of the dataset, sorted (graph, subject, predicate, object)."""
        sources = [_source(b) for b in documents]
        activity = _n(self.activity(sources))
        out = self.header_quads(sources)
        for built in documents:
            out.extend(self.document_quads(built, activity))
        return sort_quads(out)

    def header_quads(self, sources: Sequence[Source]) -> list[ox.Quad]:
        """The quads of the graphs that are not a document's: the ontology, the
        catalogue and the build's provenance, for documents ``sources``."""
        out: list[ox.Quad] = list(ontology_quads(self.minter))
        catalogue = _n(self.minter.graph("catalogue"))
        for entity in self.entities:
            out.extend(entity_quads(entity, self.minter, catalogue))
        out.extend(self._provenance(_n(self.activity(sources)), sources))
        return out

    def activity(self, sources: Sequence[Source]) -> str:
        """The IRI of the build of documents ``sources``: the software version and a
        digest of the documents' hashes."""
        digest = hashlib.sha256("\n".join(sorted(s.sha256 for s in sources)).encode())
        return self.minter.build(__version__, digest.hexdigest()[:16])

    def _provenance(self, activity: ox.NamedNode, sources: Sequence[Source]) -> Iterator[ox.Quad]:
        g = _n(self.minter.graph("provenance"))
        yield ox.Quad(activity, _A, _t(PROV.Activity), g)
        yield ox.Quad(activity, _t(RDFS.label), _lit("nonprolif-kg build", "en"), g)
        yield ox.Quad(activity, _t(NPO.softwareVersion), _lit(__version__), g)
        if self.build_time is not None:
            stamp = self.build_time.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
            yield ox.Quad(activity, _t(PROV.startedAtTime), _typed(stamp, XSD.dateTime), g)
        for source in sources:
            expression = ox.NamedNode(self.minter.expression(source.doc_id, source.lang))
            yield ox.Quad(activity, _t(PROV.used), expression, g)

    def document_quads(self, built: BuiltDocument, activity: ox.NamedNode) -> list[ox.Quad]:
        """The quads of one document's named graph."""
        doc = built.document
        m = self.minter
        g = ox.NamedNode(m.graph(f"doc/{doc.doc_id}"))
        out: list[ox.Quad] = []

        def add(s: ox.NamedNode, p: URIRef, o: ox.NamedNode | ox.Literal) -> None:
            out.append(ox.Quad(s, _t(p), o, g))

        work = ox.NamedNode(m.document(doc.doc_id))
        expr = ox.NamedNode(m.expression(doc.doc_id, doc.lang))
        header = doc.header
        add(work, RDF.type, _t(NPO.Document))
        add(work, DCTERMS.identifier, _lit(doc.doc_id))
        if header.title:
            add(work, DCTERMS.title, _lit(header.title, doc.lang))
        if header.date:
            add(work, DCTERMS.date, _typed(header.date.isoformat(), XSD.date))
        if header.symbol:
            add(work, NPO.unSymbol, _lit(header.symbol))
        if header.doc_type in _DOC_TYPE:
            add(work, NPO.documentType, _t(_DOC_TYPE[header.doc_type]))
        if header.sender:
            add(work, NPO.sender, _n(m.entity(header.sender)))
        if header.recipient:
            add(work, NPO.recipient, _n(m.entity(header.recipient)))

        add(expr, RDF.type, _t(NPO.Expression))
        add(expr, NPO.expressionOf, work)
        add(expr, DCTERMS.language, _lit(doc.lang))
        add(expr, NPO.sourceFile, _lit(doc.source.path.name))
        add(expr, NPO.sha256, _lit(doc.source.sha256))
        if doc.source.encoding is not None:
            add(expr, NPO.encoding, _lit(doc.source.encoding))
        add(expr, DCTERMS.format, _lit(doc.source.media_type))
        add(expr, PROV.wasGeneratedBy, activity)

        for section in doc.sections:
            sec = ox.NamedNode(m.section(doc.doc_id, section.index))
            add(sec, RDF.type, _t(NPO.Section))
            add(sec, DCTERMS.isPartOf, work)
            add(sec, NPO.order, _typed(section.index, XSD.integer))
            if section.title:
                add(sec, DCTERMS.title, _lit(section.title, doc.lang))
                add(work, NPO.transmits, sec)
            if section.author:
                add(sec, DCTERMS.creator, _n(m.entity(section.author)))

        by_paragraph: dict[int, list[Mention]] = {}
        for mention in built.mentions:
            by_paragraph.setdefault(mention.paragraph, []).append(mention)
        norm = doc.normalized
        for p in doc.paragraphs:
            par = ox.NamedNode(m.paragraph(doc.doc_id, p.order))
            ctx = ox.NamedNode(m.context(doc.doc_id, doc.lang, p.order))
            add(par, RDF.type, _t(NPO.Paragraph))
            add(par, DCTERMS.isPartOf, work)
            add(par, NPO.inSection, ox.NamedNode(m.section(doc.doc_id, p.section)))
            add(par, NPO.order, _typed(p.order, XSD.integer))
            add(par, NPO.paragraphKind, _t(_KIND[p.kind]))
            if p.number is not None:
                add(par, NPO.number, _lit(p.number))
            add(par, NPO.text, _lit(p.text, doc.lang))
            src_begin, src_end = norm.source_span(p.begin, p.end)
            add(ctx, RDF.type, _t(NIF.Context))
            add(ctx, RDF.type, _t(NIF.OffsetBasedString))
            add(ctx, NIF.isString, _lit(p.text))
            add(ctx, NIF.beginIndex, _typed(0, XSD.nonNegativeInteger))
            add(ctx, NIF.endIndex, _typed(len(p.text), XSD.nonNegativeInteger))
            add(ctx, NPO.ofParagraph, par)
            add(ctx, DCTERMS.isPartOf, expr)
            add(ctx, NPO.sourceBeginIndex, _typed(src_begin, XSD.nonNegativeInteger))
            add(ctx, NPO.sourceEndIndex, _typed(src_end, XSD.nonNegativeInteger))
            for mention in by_paragraph.get(p.order, []):
                entity = _n(m.entity(mention.key))
                span = ox.NamedNode(
                    m.span(doc.doc_id, doc.lang, p.order, mention.begin, mention.end)
                )
                b, e = norm.source_span(p.begin + mention.begin, p.begin + mention.end)
                add(par, NPO.mentions, entity)
                add(span, RDF.type, _t(NIF.Phrase))
                add(span, RDF.type, _t(NIF.OffsetBasedString))
                add(span, NIF.referenceContext, ctx)
                add(span, NIF.beginIndex, _typed(mention.begin, XSD.nonNegativeInteger))
                add(span, NIF.endIndex, _typed(mention.end, XSD.nonNegativeInteger))
                add(span, NIF.anchorOf, _lit(mention.anchor))
                add(span, ITSRDF.taIdentRef, entity)
                add(span, NPO.rule, _lit(mention.rule))
                add(span, NPO.sourceBeginIndex, _typed(b, XSD.nonNegativeInteger))
                add(span, NPO.sourceEndIndex, _typed(e, XSD.nonNegativeInteger))
        by_order = {p.order: p for p in doc.paragraphs}
        for k, stance in _numbered(built.extraction.stances):
            out.extend(
                self._stance_quads(built, stance, k, by_order[stance.paragraph].text, activity, g)
            )
        for k, fact in _numbered(built.extraction.facts):
            out.extend(self._fact_quads(built, fact, k, by_order[fact.paragraph].text, activity, g))
        return out

    def _span(
        self, doc: Document, order: int, text: str, begin: int, end: int, g: ox.NamedNode
    ) -> tuple[ox.NamedNode, list[ox.Quad]]:
        m = self.minter
        span = ox.NamedNode(m.span(doc.doc_id, doc.lang, order, begin, end))
        quads = [
            ox.Quad(span, _A, _t(NIF.OffsetBasedString), g),
            ox.Quad(
                span,
                _t(NIF.referenceContext),
                ox.NamedNode(m.context(doc.doc_id, doc.lang, order)),
                g,
            ),
            ox.Quad(span, _t(NIF.beginIndex), _typed(begin, XSD.nonNegativeInteger), g),
            ox.Quad(span, _t(NIF.endIndex), _typed(end, XSD.nonNegativeInteger), g),
            ox.Quad(span, _t(NIF.anchorOf), _lit(text[begin:end]), g),
        ]
        return span, quads

    def _stance_quads(
        self,
        built: BuiltDocument,
        st: Stance,
        k: str,
        text: str,
        activity: ox.NamedNode,
        g: ox.NamedNode,
    ) -> list[ox.Quad]:
        doc, m = built.document, self.minter
        node = ox.NamedNode(f"{m.paragraph(doc.doc_id, st.paragraph)}/stance/{k}")
        cue, quads = self._span(doc, st.paragraph, text, st.cue_begin, st.cue_end, g)

        def add(p: URIRef, o: ox.NamedNode | ox.Literal) -> None:
            quads.append(ox.Quad(node, _t(p), o, g))

        add(RDF.type, _t(NPO.Stance))
        add(NPO.stanceType, _t(NPO[_concept(st.stance_type)]))
        add(NPO.actor, _n(m.entity(st.actor)))
        for key in st.addressees:
            add(NPO.addressee, _n(m.entity(key)))
        for key in st.topics:
            add(NPO.topic, _n(m.entity(key)))
        add(NPO.polarity, _typed("true" if st.polarity else "false", XSD.boolean))
        add(NPO.cue, cue)
        add(PROV.wasDerivedFrom, ox.NamedNode(m.paragraph(doc.doc_id, st.paragraph)))
        add(NPO.rule, _lit(st.rule))
        add(PROV.wasGeneratedBy, activity)
        return quads

    def _fact_quads(
        self,
        built: BuiltDocument,
        fact: Fact,
        k: str,
        text: str,
        activity: ox.NamedNode,
        g: ox.NamedNode,
    ) -> list[ox.Quad]:
        doc, m = built.document, self.minter
        node = ox.NamedNode(f"{m.paragraph(doc.doc_id, fact.paragraph)}/fact/{k}")
        evidence, quads = self._span(doc, fact.paragraph, text, fact.begin, fact.end, g)
        subject = _n(m.entity(fact.subject))
        predicate = _t(NPO[fact.predicate])
        obj = _fact_object(fact, m)

        def add(p: URIRef, o: ox.NamedNode | ox.Literal) -> None:
            quads.append(ox.Quad(node, _t(p), o, g))

        add(RDF.type, _t(NPO.Fact))
        add(RDF.type, _t(RDF.Statement))
        quads.append(ox.Quad(node, _t(RDF.subject), subject, g))
        quads.append(ox.Quad(node, _t(RDF.predicate), predicate, g))
        quads.append(ox.Quad(node, _t(RDF.object), obj, g))
        quads.append(ox.Quad(subject, predicate, obj, g))
        add(NPO.evidence, evidence)
        if fact.when:
            kind = XSD.gYearMonth if "-" in fact.when else XSD.gYear
            add(NPO.when, _typed(fact.when, kind))
        if fact.when_text:
            add(NPO.whenText, _lit(fact.when_text))
        add(PROV.wasDerivedFrom, ox.NamedNode(m.paragraph(doc.doc_id, fact.paragraph)))
        add(NPO.rule, _lit(fact.rule))
        add(PROV.wasGeneratedBy, activity)
        return quads


_DATATYPES: dict[str, URIRef] = {"stateCount": XSD.integer, "date": XSD.date}


def _fact_object(fact: Fact, minter: Minter) -> ox.NamedNode | ox.Literal:
    if fact.predicate in _DATATYPES:
        return _typed(fact.obj, _DATATYPES[fact.predicate])
    return _n(minter.entity(str(fact.obj)))


def _concept(notation: str) -> str:
    """The local name of a stance type's concept: ``call-upon`` -> ``CallUpon``."""
    return "".join(word.capitalize() for word in notation.split("-"))


def _numbered(items: Sequence[Stance] | Sequence[Fact]) -> Iterator[tuple[str, Any]]:
    """A key for each item from what it says, not from where it stands, so that the
    same stance or fact read in two language versions of a document is one node.

    The key hashes the item's content (type, actor, addressees, topics and polarity;
    or subject, predicate and object); a second identical item in one paragraph
    gets ``-2``, and so on.
    """
    seen: dict[tuple[int, str], int] = {}
    for item in items:
        if isinstance(item, Stance):
            content = "|".join(
                [
                    item.stance_type,
                    item.actor,
                    ",".join(sorted(item.addressees)),
                    ",".join(sorted(item.topics)),
                    str(item.polarity),
                ]
            )
        else:
            content = "|".join([item.subject, item.predicate, str(item.obj)])
        digest = hashlib.sha256(content.encode()).hexdigest()[:12]
        count = seen.get((item.paragraph, digest), 0) + 1
        seen[(item.paragraph, digest)] = count
        yield (digest if count == 1 else f"{digest}-{count}"), item


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The distinct ``quads`` sorted by graph, subject, predicate and object
    (each graph's quads by :func:`sort_graph`)."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(q)
    out: list[ox.Quad] = []
    for name in sorted(by_graph):
        out.extend(sort_graph(by_graph[name])[0])
    return out


def sort_graph(quads: Sequence[ox.Quad]) -> tuple[list[ox.Quad], bytes]:
    """The distinct ``quads`` of one graph sorted by subject, predicate and
    object, with their N-Quads text (a line each, in that order).

    A quad's N-Quads line sorts in subject, predicate, object order (a subject
    or predicate holds no space, and the space after a term sorts before any
    character a longer term could have there), so the quads are sorted by their
    lines, which pyoxigraph writes in one call.
    """
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if text is None:
        raise RuntimeError("serialisation returned no bytes")
    by_line = dict(zip(text.split(b"\n"), quads, strict=False))
    lines = sorted(by_line)
    return [by_line[line] for line in lines], (b"\n".join(lines) + b"\n" if lines else b"")
