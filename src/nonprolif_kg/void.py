"""A description of the built dataset in VoID and DCAT (``void.ttl``).

The dataset ``{base}id/dataset`` with its triple count, distinct subjects and
objects, a partition per class (how many instances) and per property (how many
triples), the vocabularies it uses, its dumps as DCAT distributions with their
media types, its licence and the software version that built it. Every node has
an IRI (``{base}id/dataset/class/npo-Paragraph``, …): no blank nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from . import __version__
from .export import prefixes, sorted_prefix_block
from .iri import Minter

__all__ = ["describe", "description", "Counts", "Statistics", "DUMPS", "DEFAULT_LICENSE"]

#: The dumps a build writes, with their media types.
DUMPS: dict[str, str] = {
    "graph.ttl": "text/turtle",
    "graph.trig": "application/trig",
    "graph.nq": "application/n-quads",
    "graph.jsonld": "application/ld+json",
}
#: The licence recorded unless the build is given another.
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

_VOID = "http://rdfs.org/ns/void#"
_DCAT = "http://www.w3.org/ns/dcat#"
_DCT = "http://purl.org/dc/terms/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE_TERM = f"<{_RDF_TYPE}>".encode()
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OWL = "http://www.w3.org/2002/07/owl#"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(_XSD + "integer"))


def _slug(iri: str, minter: Minter) -> str:
    for prefix, ns in sorted(prefixes(minter).items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns) :]
            return f"{prefix}-{''.join(c if c.isalnum() or c in '-_' else '-' for c in local)}"
    return "".join(c if c.isalnum() else "-" for c in iri)


@dataclass(frozen=True)
class Counts:
    """The counts of one graph's distinct triples that add up across graphs:
    triples, subjects, instances per class, triples per property (as N-Triples
    terms). Triples two graphs share are counted in each."""

    triples: int
    subjects: int
    classes: tuple[tuple[str, int], ...]
    properties: tuple[tuple[bytes, int], ...]


class Statistics:
    """Counts of a dataset's distinct triples, fed one N-Triples line at a time
    in sorted order (:meth:`add`): triples, distinct subjects and objects,
    instances per class, triples per property. Subjects are counted as they
    change, so only the distinct objects are held."""

    def __init__(self) -> None:
        self.triples = 0
        self.subjects = 0
        self.objects: set[bytes] = set()
        self.classes: Counter[str] = Counter()
        self.properties: Counter[bytes] = Counter()
        self._subject = b""
        #: The number of distinct objects where it was counted without the set.
        self.objects_counted: int | None = None

    def add(self, line: bytes) -> None:
        """Count one distinct triple, an N-Triples line (``" ."`` at its end or
        not), sorted after the lines added before it."""
        subject, predicate, obj = line.removesuffix(b" .").split(b" ", 2)
        self.triples += 1
        if subject != self._subject:
            self.subjects += 1
            self._subject = subject
        self.objects.add(obj)
        self.properties[predicate] += 1
        if predicate == _TYPE_TERM and obj.startswith(b"<"):
            self.classes[obj[1:-1].decode()] += 1

    def distinct_objects(self) -> int:
        """How many distinct objects the triples have."""
        return len(self.objects) if self.objects_counted is None else self.objects_counted

    def counts(self) -> Counts:
        """The counts that add up across graphs (all but the distinct objects)."""
        return Counts(
            self.triples,
            self.subjects,
            tuple(sorted(self.classes.items())),
            tuple(sorted(self.properties.items())),
        )

    def merge(self, counts: Counts) -> None:
        """Add the counts of another graph's triples (objects apart)."""
        self.triples += counts.triples
        self.subjects += counts.subjects
        self.classes.update(dict(counts.classes))
        self.properties.update(dict(counts.properties))

    def repeated(self, line: bytes, times: int) -> None:
        """Take back a distinct triple (an N-Triples line) counted ``times`` more
        than once, by graphs that share it."""
        _, predicate, obj = line.removesuffix(b" .").split(b" ", 2)
        self.triples -= times
        self.properties[predicate] -= times
        if predicate == _TYPE_TERM and obj.startswith(b"<"):
            self.classes[obj[1:-1].decode()] -= times

    def property_counts(self) -> dict[str, int]:
        """Triples per property IRI."""
        return {p[1:-1].decode(): n for p, n in self.properties.items()}


def describe(
    quads: Sequence[ox.Quad],
    minter: Minter,
    license_iri: str = DEFAULT_LICENSE,
    triples: Sequence[ox.Triple] | None = None,
) -> list[ox.Triple]:
    """The VoID/DCAT description of the dataset made of ``quads``, sorted;
    ``triples`` are the distinct triples of ``quads`` where already computed."""
    if triples is None:
        triples = list({q.triple for q in quads})
    stats = Statistics()
    for line in sorted(str(t).encode() for t in triples):
        stats.add(line)
    return _triples(stats, minter, license_iri)


def description(stats: Statistics, minter: Minter, license_iri: str = DEFAULT_LICENSE) -> bytes:
    """The Turtle of the description of a dataset counted in ``stats``
    (``void.ttl``), its prefixes sorted."""
    triples = _triples(stats, minter, license_iri)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes(minter))
    return sorted_prefix_block(data)


def _triples(stats: Statistics, minter: Minter, license_iri: str) -> list[ox.Triple]:
    dataset = f"{minter.id_base}dataset"
    d = _n(dataset)
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(s, _n(p), o))

    add(d, _RDF_TYPE, _n(_VOID + "Dataset"))
    add(d, _RDF_TYPE, _n(_DCAT + "Dataset"))
    add(d, _DCT + "title", ox.Literal("nonprolif-kg knowledge graph", language="en"))
    add(
        d,
        _DCT + "description",
        ox.Literal(
            "States, organisations, instruments, resolutions, initiatives, events and places named "
            "in arms-control and non-proliferation documents, the stances and facts the texts "
            "assert, and where each was said.",
            language="en",
        ),
    )
    add(d, _DCT + "license", _n(license_iri))
    add(d, _OWL + "versionInfo", ox.Literal(__version__))
    add(d, _VOID + "uriSpace", ox.Literal(minter.id_base))
    add(d, _VOID + "triples", _int(stats.triples))
    add(d, _VOID + "distinctSubjects", _int(stats.subjects))
    add(d, _VOID + "distinctObjects", _int(stats.distinct_objects()))
    classes, properties = stats.classes, stats.property_counts()
    add(d, _VOID + "classes", _int(len(classes)))
    add(d, _VOID + "properties", _int(len(properties)))
    for cls, count in sorted(classes.items()):
        part = _n(f"{dataset}/class/{_slug(cls, minter)}")
        add(d, _VOID + "classPartition", part)
        add(part, _VOID + "class", _n(cls))
        add(part, _VOID + "entities", _int(count))
    for prop, count in sorted(properties.items()):
        part = _n(f"{dataset}/property/{_slug(prop, minter)}")
        add(d, _VOID + "propertyPartition", part)
        add(part, _VOID + "property", _n(prop))
        add(part, _VOID + "triples", _int(count))
    used = set(properties) | set(classes)
    for ns in sorted(prefixes(minter).values()):
        if any(term.startswith(ns) for term in used) and not ns.startswith(minter.base):
            add(d, _VOID + "vocabulary", _n(ns))
    add(d, _VOID + "vocabulary", _n("https://w3id.org/nonprolif/ontology#"))
    for name, media in DUMPS.items():
        dump = _n(f"{minter.base}dump/{name}")
        add(d, _VOID + "dataDump", dump)
        dist = _n(f"{dataset}/distribution/{name.replace('.', '-')}")
        add(d, _DCAT + "distribution", dist)
        add(dist, _RDF_TYPE, _n(_DCAT + "Distribution"))
        add(dist, _DCAT + "downloadURL", dump)
        add(dist, _DCAT + "mediaType", _n(f"https://www.iana.org/assignments/media-types/{media}"))
        add(dist, _DCT + "title", ox.Literal(name))
    return sorted(set(out), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
