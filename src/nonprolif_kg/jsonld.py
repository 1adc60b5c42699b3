"""JSON-LD with readable keys, written deterministically.

:func:`context` is the JSON-LD ``@context`` of the project (published as
``ontology/context.jsonld`` for the default base): prefixes for the vocabularies
and the entity namespaces, and short terms for the common properties, so that
web developers read ``"label": {"en": "Iran", "zh-hans": "伊朗"}``,
``"mentions": ["state:IRN"]`` and ``"text": {"zh-hans": "…"}``. :func:`to_jsonld`
writes a dataset as one JSON-LD document with that context inline and one
``@graph`` per named graph, nodes and keys in sorted order, one node a line. A term is used only
where the value fits its coercion; any other value is written in expanded form
under the property's compact IRI, so the document always expands back to the
same RDF.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import pyoxigraph as ox

from .export import prefixes
from .iri import Minter

__all__ = ["context", "to_jsonld", "graph_block", "document", "TERMS"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = _XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: Short terms: name -> (property as compact IRI, coercion). The coercion is
#: "@language" (a language map), "@id" (an IRI), a datatype compact IRI, or "" (a
#: plain string).
TERMS: dict[str, tuple[str, str]] = {
    "label": ("skos:prefLabel", "@language"),
    "altLabel": ("skos:altLabel", "@language"),
    "key": ("npo:key", ""),
    "text": ("npo:text", "@language"),
    "title": ("dcterms:title", "@language"),
    "identifier": ("dcterms:identifier", ""),
    "date": ("dcterms:date", "xsd:date"),
    "partOf": ("dcterms:isPartOf", "@id"),
    "creator": ("dcterms:creator", "@id"),
    "mentions": ("npo:mentions", "@id"),
    "section": ("npo:inSection", "@id"),
    "order": ("npo:order", "xsd:integer"),
    "number": ("npo:number", ""),
    "kind": ("npo:paragraphKind", "@id"),
    "sender": ("npo:sender", "@id"),
    "recipient": ("npo:recipient", "@id"),
    "actor": ("npo:actor", "@id"),
    "addressee": ("npo:addressee", "@id"),
    "topic": ("npo:topic", "@id"),
    "stanceType": ("npo:stanceType", "@id"),
    "polarity": ("npo:polarity", "xsd:boolean"),
    "cue": ("npo:cue", "@id"),
    "evidence": ("npo:evidence", "@id"),
    "rule": ("npo:rule", ""),
    "derivedFrom": ("prov:wasDerivedFrom", "@id"),
    "generatedBy": ("prov:wasGeneratedBy", "@id"),
    "string": ("nif:isString", ""),
    "anchor": ("nif:anchorOf", ""),
    "begin": ("nif:beginIndex", "xsd:nonNegativeInteger"),
    "end": ("nif:endIndex", "xsd:nonNegativeInteger"),
    "context": ("nif:referenceContext", "@id"),
    "entity": ("itsrdf:taIdentRef", "@id"),
    "sameAs": ("owl:sameAs", "@id"),
}


def context(minter: Minter) -> dict[str, Any]:
    """The ``@context`` object: prefixes, then the short terms."""
    ctx: dict[str, Any] = {"@version": 1.1}
    for prefix, iri in prefixes(minter).items():
        ctx[prefix] = iri
    for name, (prop, coercion) in TERMS.items():
        if coercion == "":
            ctx[name] = prop
        elif coercion == "@language":
            ctx[name] = {"@id": prop, "@container": "@language"}
        else:
            ctx[name] = {"@id": prop, "@type": coercion}
    return ctx


#: How many compacted IRIs a :class:`_Compactor` keeps.
_KEPT = 50_000


class _Compactor:
    def __init__(self, minter: Minter) -> None:
        self.prefixes = sorted(prefixes(minter).items(), key=lambda kv: -len(kv[1]))
        self._iris: dict[str, str] = {}
        self.by_property: dict[str, tuple[str, str]] = {}
        table = dict(prefixes(minter))
        for name, (prop, coercion) in TERMS.items():
            prefix, local = prop.split(":", 1)
            full_coercion = coercion
            if coercion.startswith("xsd:"):
                full_coercion = _XSD + coercion[4:]
            self.by_property[table[prefix] + local] = (name, full_coercion)

    def iri(self, value: str) -> str:
        """``value`` as a compact IRI where a prefix fits. Kept for the next
        call, up to :data:`_KEPT` IRIs: a document's own IRIs are seldom met
        again, and a worker must not grow with every document it writes."""
        cached = self._iris.get(value)
        if cached is None:
            if len(self._iris) >= _KEPT:
                self._iris.clear()
            cached = value
            for prefix, ns in self.prefixes:
                local = value[len(ns) :]
                if value.startswith(ns) and local and not local.startswith("/"):
                    cached = f"{prefix}:{local}"
                    break
            self._iris[value] = cached
        return cached

    def node(self, subject: str, quads: Sequence[ox.Quad]) -> dict[str, Any]:
        """The JSON-LD object of ``subject`` made of its ``quads`` (of one graph)."""
        out: dict[str, Any] = {"@id": self.iri(subject)}
        grouped: dict[str, list[ox.NamedNode | ox.Literal]] = {}
        for q in quads:
            grouped.setdefault(q.predicate.value, []).append(q.object)  # type: ignore[arg-type]
        for prop in sorted(grouped):
            values = grouped[prop]
            if prop == _TYPE:
                out["@type"] = _one([self.iri(v.value) for v in values])
                continue
            term = self.by_property.get(prop)
            fitting: list[ox.NamedNode | ox.Literal] = []
            rest: list[ox.NamedNode | ox.Literal] = []
            for v in values:
                (fitting if term and _fits(v, term[1]) else rest).append(v)
            if term and fitting:
                name, coercion = term
                if coercion == "@language":
                    langs: dict[str, list[str]] = {}
                    for v in fitting:
                        assert isinstance(v, ox.Literal) and v.language
                        langs.setdefault(v.language, []).append(v.value)
                    out[name] = {k: _one(sorted(vs)) for k, vs in sorted(langs.items())}
                elif coercion == "@id":
                    out[name] = _one([self.iri(v.value) for v in fitting])
                else:
                    out[name] = _one([v.value for v in fitting])
            if rest:
                out[self.iri(prop)] = _one([self.expanded(v) for v in rest])
        return out

    def expanded(self, value: ox.NamedNode | ox.Literal) -> Any:
        if isinstance(value, ox.NamedNode):
            return {"@id": self.iri(value.value)}
        if value.language:
            return {"@value": value.value, "@language": value.language}
        if value.datatype.value == _STRING:
            return value.value
        return {"@value": value.value, "@type": self.iri(value.datatype.value)}


def _fits(value: ox.NamedNode | ox.Literal, coercion: str) -> bool:
    if coercion == "@id":
        return isinstance(value, ox.NamedNode)
    if not isinstance(value, ox.Literal):
        return False
    if coercion == "@language":
        return bool(value.language)
    if coercion == "":
        return not value.language and value.datatype.value == _STRING
    return value.datatype.value == coercion


def _one(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def graph_block(name: str, quads: Sequence[ox.Quad], minter: Minter) -> str:
    """The JSON-LD lines of one graph of the dataset, named ``name`` ("" for the
    default graph), made of ``quads`` (of that graph): a ``{"@id", "@graph"}``
    object for a named graph, else its nodes, one node a line and sorted, with no
    comma after the last. :func:`document` joins such blocks."""
    compactor = _compactor(minter)
    nodes: dict[str, list[ox.Quad]] = {}
    for q in quads:  # the quads themselves: a Triple made of each would be thrown away
        subject = q.subject
        key = subject.value if type(subject) is ox.NamedNode else str(subject)
        nodes.setdefault(key, []).append(q)
    encoded = [_COMPACT.encode(compactor.node(s, ts)) for s, ts in sorted(nodes.items())]
    if not name:
        return ",\n".join(f" {n}" for n in encoded)
    lines = [" {" + f'"@id": {_COMPACT.encode(compactor.iri(name))}, "@graph": [']
    lines += [f"  {n}," for n in encoded[:-1]] + [f"  {n}" for n in encoded[-1:]]
    return "\n".join(lines) + "\n ]}"


def document(blocks: Iterable[bytes], minter: Minter) -> Iterator[bytes]:
    """The UTF-8 text of a JSON-LD document, in pieces: the context inline, then
    the graph ``blocks`` (of :func:`graph_block`, encoded, in graph order)."""
    ctx = json.dumps(context(minter), ensure_ascii=False, indent=1)
    yield f'{{\n"@context": {ctx},\n"@graph": [\n'.encode()
    first = True
    for block in blocks:
        if not block:
            continue
        yield block if first else b",\n" + block
        first = False
    yield b"]\n}\n" if first else b"\n]\n}\n"


def to_jsonld(quads: Sequence[ox.Quad], minter: Minter) -> bytes:
    """The dataset as JSON-LD: the context inline, one ``@graph`` per named graph."""
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        graphs.setdefault(name, []).append(q)
    blocks = (graph_block(name, graphs[name], minter).encode() for name in sorted(graphs))
    return b"".join(document(blocks, minter))


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


@cache
def _compactor(minter: Minter) -> _Compactor:
    return _Compactor(minter)
