"""Stage 7, validate: RDF + shapes -> a :class:`ValidationReport`.

Two engines run the same shapes: pySHACL, the reference, and pyshacl-turbo, a
Rust engine with pySHACL's API that is tens of times faster. ``engine="auto"``
takes pyshacl-turbo where it is installed.

A dataset is validated part by part so that the cost grows linearly with the
corpus: the ontology graph alone; the catalogue graph; the provenance graph;
and the documents' graphs, each together with the class hierarchy of the
ontology and the types of the entities it names (so that ``sh:class``
constraints can be checked). Small document graphs are validated in batches of
up to :data:`BATCH_QUADS` quads: no shape relates nodes of two documents, so a
batch reports what its graphs would one by one, without the cost of a call per
document. Results are merged, with repeats removed, into one report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, SH

from .errors import DataError
from .shapes import Shapes

__all__ = [
    "ENGINES",
    "ValidationResult",
    "ValidationReport",
    "available_engine",
    "silent_report",
    "validate_graph",
    "validate_quads",
    "validate_part",
    "GraphData",
    "ntriples",
    "graph_needs",
    "combine",
]

#: The most quads of document graphs validated in one call of the engine.
BATCH_QUADS = 20_000

#: The engines ``engine=`` accepts.
ENGINES: tuple[str, ...] = ("auto", "turbo", "pyshacl")
#: A graph to validate: its quads, or its triples as N-Triples (UTF-8 bytes).
GraphData = Sequence[ox.Quad] | bytes

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One result of a validation, as text: what failed, where, and why."""

    severity: str
    shape_name: str
    focus: str
    path: str
    value: str
    message: str
    shape: str
    constraint: str
    focus_label: str

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two results one: severity, shape, focus, path, value, message."""
        return (self.severity, self.shape, self.focus, self.path, self.value, self.message)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph or dataset.

    ``conforms`` is false when any result is a Violation (warnings and infos do not
    stop a build); ``graph`` is the standard ``sh:ValidationReport`` as RDF.
    """

    conforms: bool
    engine: str
    results: tuple[ValidationResult, ...]
    graph: rdflib.Graph

    def count(self, severity: str) -> int:
        """How many results have ``severity`` (Violation, Warning, Info)."""
        return sum(1 for r in self.results if r.severity == severity)


def silent_report(conforms: bool, engine: str) -> ValidationReport:
    """A report without results (``conforms``, by ``engine``), its graph the
    report node alone: what an engine gives a graph that raised nothing."""
    graph = rdflib.Graph()
    graph.bind("sh", SH)
    node = rdflib.BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, rdflib.Literal(conforms)))
    return ValidationReport(conforms, engine, (), graph)


def available_engine(engine: str = "auto") -> str:
    """Resolve ``engine`` to ``turbo`` or ``pyshacl``.

    Raises :class:`ValueError` for an unknown name or for ``turbo`` when
    pyshacl-turbo is not installed.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "pyshacl":
        return engine
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        if engine == "turbo":
            raise ValueError(
                "the turbo engine needs pyshacl-turbo: pip install pyshacl-turbo"
            ) from None
        return "pyshacl"
    return "turbo"


def _engine_label(engine: str) -> str:
    dist = "pyshacl-turbo" if engine == "turbo" else "pyshacl"
    return f"{dist} {metadata.version(dist)}"


def _run(
    data: rdflib.Graph, shapes: Shapes, engine: str, use: list[str] | None = None
) -> rdflib.Graph:
    impl: Any
    if engine == "turbo":
        import pyshacl_turbo as impl
    else:
        import pyshacl as impl
    try:
        _, report, _ = impl.validate(
            data,
            shacl_graph=shapes.graph,
            allow_warnings=True,
            allow_infos=True,
            advanced=True,
            use_shapes=use,
        )
    except Exception as exc:  # both engines raise their own error types for bad shapes
        raise _unusable(shapes, exc) from None
    if not isinstance(report, rdflib.Graph):
        raise TypeError(f"the {engine} engine returned no report graph")
    return report


def _unusable(shapes: Shapes, exc: Exception) -> DataError:
    """The error for shapes an engine refuses (each engine raises its own types)."""
    return DataError(shapes.files[0].parent, 0, f"the shapes cannot be used ({exc})")


def validate_graph(data: rdflib.Graph, shapes: Shapes, engine: str = "auto") -> ValidationReport:
    """Validate one RDF graph against ``shapes`` with ``engine``."""
    resolved = available_engine(engine)
    report = _run(data, shapes, resolved)
    return _report([(report, data)], shapes, resolved)


def validate_quads(
    quads: Sequence[ox.Quad],
    shapes: Shapes,
    engine: str = "auto",
    batch_quads: int = BATCH_QUADS,
    context: Sequence[ox.Quad] = (),
) -> ValidationReport:
    """Validate a dataset part by part (see the module's description), document
    graphs in batches of up to ``batch_quads`` quads (1: each on its own).

    ``context`` are quads of graphs validated elsewhere (the ontology's class
    hierarchy, the catalogue's types) that the parts may need; they are not
    validated themselves.
    """
    resolved = available_engine(engine)
    reports = []
    for part, classes in _parts(quads, batch_quads, context):
        report = _validate_part(part, classes, shapes, resolved)
        if report is not None:
            reports.append((report, part))
    return _report(reports, shapes, resolved)


def validate_part(
    part: GraphData, classes: set[str], shapes: Shapes, engine: str = "auto"
) -> ValidationReport:
    """Validate one graph ``part`` (quads, or N-Triples) that carries its own
    context (the class hierarchy, the types of the IRIs it uses; see
    :func:`validate_quads`) with the shapes of ``classes``, the classes of its
    subjects. This is what :func:`validate_quads` does for each of its parts,
    for a caller that has the part and its context at hand (a worker and its
    document's graph, already written as N-Triples)."""
    resolved = available_engine(engine)
    report = _validate_part(part, classes, shapes, resolved)
    return _report([] if report is None else [(report, part)], shapes, resolved)


def _validate_part(
    part: GraphData, classes: set[str], shapes: Shapes, resolved: str
) -> rdflib.Graph | None:
    """The engine's report graph of ``part`` under the shapes of ``classes``
    (``None``: no shape applies)."""
    use = shapes.for_classes(classes)
    if not use:
        return None
    run = _turbo_runner(shapes) if resolved == "turbo" else None
    if run is not None:
        return run(part, use)
    return _run(_graph(_quads(part)), shapes, resolved, use)


def combine(reports: Sequence[ValidationReport], engine: str | None = None) -> ValidationReport:
    """One report of validations of parts of a dataset: each result once (by
    :attr:`ValidationResult.key`, the first kept), in the report graph too.
    ``engine`` labels it (default: the first report's engine)."""
    results: list[ValidationResult] = []
    seen: set[tuple[str, ...]] = set()
    merged = rdflib.Graph()
    merged.bind("sh", SH)
    node = rdflib.BNode()
    for report in reports:
        items = {r.key: r for r in report.results}
        for result in report.graph.subjects(RDF.type, SH.ValidationResult):
            key = _key(report.graph, result)
            if key in seen or key not in items:
                continue
            seen.add(key)
            results.append(items[key])
            merged.add((node, SH.result, result))
            for triple in report.graph.triples((result, None, None)):
                merged.add(triple)
    conforms = not any(r.severity == "Violation" for r in results)
    merged.add((node, RDF.type, SH.ValidationReport))
    merged.add((node, SH.conforms, rdflib.Literal(conforms)))
    label = engine if engine is not None else (reports[0].engine if reports else "")
    return ValidationReport(conforms, label, tuple(sorted(set(results))), merged)


_Runner = Callable[[GraphData, list[str]], rdflib.Graph]
_RUNNERS: dict[int, tuple[Shapes, _Runner | None]] = {}


def _turbo_runner(shapes: Shapes) -> _Runner | None:
    """:func:`_compiled_runner` of ``shapes``, made once per shapes object (a
    worker validates many documents with the same shapes)."""
    found = _RUNNERS.get(id(shapes))
    if found is None or found[0] is not shapes:
        found = (shapes, _compiled_runner(shapes))
        _RUNNERS[id(shapes)] = found
    return found[1]


def _compiled_runner(shapes: Shapes) -> _Runner | None:
    """A function validating a graph with pyshacl-turbo's shapes compiled once,
    the graph handed over as N-Triples text, which the engine parses natively
    (no rdflib graph and no Python term per triple; a worker has the text of
    its document's graph already); ``None`` where this pyshacl-turbo has no
    such interface, and the rdflib route is taken."""
    try:
        import pyshacl_turbo
        from pyshacl_turbo.rdf import Input
    except ImportError:
        return None
    compile_shapes = getattr(pyshacl_turbo, "compile_shapes", None)
    if compile_shapes is None:
        return None
    try:
        compiled = compile_shapes(shapes.graph, advanced=True)
    except Exception as exc:  # the engine's own error types for bad shapes
        raise _unusable(shapes, exc) from None

    def run(part: GraphData, use: list[str]) -> rdflib.Graph:
        data = Input(ntriples(part).decode("utf-8"), "nt", None, {}, {})
        try:
            _, report, _ = compiled.validate(
                data, allow_warnings=True, allow_infos=True, use_shapes=use
            )
        except Exception as exc:
            raise _unusable(shapes, exc) from None
        if not isinstance(report, rdflib.Graph):
            raise TypeError("the turbo engine returned no report graph")
        return report

    return run


def ntriples(part: GraphData) -> bytes:
    """The triples of ``part`` as N-Triples (the bytes themselves where it is given so)."""
    if isinstance(part, bytes):
        return part
    text = ox.serialize((q.triple for q in part), format=ox.RdfFormat.N_TRIPLES)
    if text is None:
        raise RuntimeError("serialisation returned no bytes")
    return text


def _quads(part: GraphData) -> Sequence[ox.Quad]:
    """The quads of ``part`` (parsed, where it is N-Triples)."""
    if isinstance(part, bytes):
        return list(ox.parse(part, format=ox.RdfFormat.N_TRIPLES))
    return part


_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)


def graph_needs(
    own: Sequence[ox.Quad], types_of: Mapping[str, Sequence[ox.Quad]]
) -> tuple[set[str], list[ox.Quad]]:
    """What validating the graph of the quads ``own`` needs: the classes its
    ``rdf:type`` triples give (whose shapes apply), and the quads ``types_of``
    (term value -> its ``rdf:type`` quads) holds for the terms it names as
    subject or object, in term order, so that ``sh:class`` can be checked."""
    named: set[str] = set()
    classes: set[str] = set()
    for q in own:
        named.add(q.subject.value)  # type: ignore[union-attr]
        if type(q.object) is ox.NamedNode:
            named.add(q.object.value)
            if q.predicate.value == _TYPE:
                classes.add(q.object.value)
    return classes, [q for term in sorted(named & types_of.keys()) for q in types_of[term]]


def _parts(
    quads: Sequence[ox.Quad], batch_quads: int = BATCH_QUADS, context: Sequence[ox.Quad] = ()
) -> list[tuple[list[ox.Quad], set[str]]]:
    """Split a dataset into its named graphs, each with the context it needs.

    A part is validated with the shapes of the classes its own subjects have;
    its context is the ontology's class hierarchy and the types that other graphs
    give the IRIs it uses, so that ``sh:class`` can be checked without validating
    those IRIs again.
    """
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(q)
    hierarchy = [
        q
        for q in (*quads, *context)
        if q.predicate.value == _SUBCLASS and str(q.graph_name).endswith("/graph/ontology>")
    ]
    types: dict[str, list[ox.Quad]] = {}
    for q in (*quads, *context):
        if q.predicate.value == _TYPE:
            types.setdefault(q.subject.value, []).append(q)  # type: ignore[union-attr]
    parts: list[tuple[list[ox.Quad], set[str]]] = []
    batch: list[ox.Quad] = []
    batch_classes: set[str] = set()
    for name in sorted(by_graph):
        own = by_graph[name]
        classes, typed = graph_needs(own, types)
        needed = [q for q in typed if q.graph_name != own[0].graph_name]
        if "/graph/doc/" not in name:
            parts.append((own + needed + hierarchy, classes))
            continue
        if batch and len(batch) + len(own) > batch_quads:
            parts.append((batch + hierarchy, batch_classes))
            batch, batch_classes = [], set()
        batch += own + needed
        batch_classes |= classes
    if batch:
        parts.append((batch + hierarchy, batch_classes))
    return parts


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@cache
def _uri(value: str) -> rdflib.URIRef:
    return rdflib.URIRef(value)


@cache
def _literal(value: str, language: str | None, datatype: str | None) -> rdflib.Literal:
    if language:
        return rdflib.Literal(value, lang=language)
    if datatype is None or datatype == _XSD_STRING:
        return rdflib.Literal(value)
    return rdflib.Literal(value, datatype=_uri(datatype))


def _term(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.language, None if term.language else term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError(f"cannot validate an RDF-star term: {term}")


def _graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """An rdflib graph of the quads' triples, terms converted directly (twice as fast as a
    round trip through N-Triples)."""
    graph = rdflib.Graph()
    graph.addN((_term(q.subject), _term(q.predicate), _term(q.object), graph) for q in quads)
    return graph


def _report(
    reports: Sequence[tuple[rdflib.Graph, rdflib.Graph | GraphData]],
    shapes: Shapes,
    engine: str,
) -> ValidationReport:
    """The report of a validation made part by part: each engine report with its
    part's data (for the focus nodes' labels)."""
    own = []
    for report, part in reports:
        found = list(report.subjects(RDF.type, SH.ValidationResult))
        if not found:
            continue
        data = part if isinstance(part, rdflib.Graph) else _graph(_quads(part))  # for labels
        items: dict[tuple[str, ...], ValidationResult] = {}
        for result in found:
            items.setdefault(_key(report, result), _result(report, result, shapes, data))
        own.append(ValidationReport(False, "", tuple(items.values()), report))
    return combine(own, _engine_label(engine))


def _key(report: rdflib.Graph, node: rdflib.term.Node) -> tuple[str, ...]:
    """The :attr:`ValidationResult.key` of the result ``node`` of ``report``."""

    def text(prop: rdflib.URIRef) -> str:
        value = report.value(node, prop)
        return "" if value is None else _show(value)

    severity = report.value(node, SH.resultSeverity)
    message = report.value(node, SH.resultMessage)
    return (
        _SEVERITIES.get(severity, str(severity))
        if isinstance(severity, rdflib.URIRef)
        else str(severity),
        text(SH.sourceShape),
        text(SH.focusNode),
        text(SH.resultPath),
        text(SH.value),
        str(message) if message is not None else "",
    )


def _result(
    report: rdflib.Graph, node: rdflib.term.Node, shapes: Shapes, data: rdflib.Graph
) -> ValidationResult:
    severity, shape, focus, path, value, message = _key(report, node)
    source = report.value(node, SH.sourceShape)
    constraint = report.value(node, SH.sourceConstraintComponent)
    return ValidationResult(
        severity=severity,
        shape_name=shapes.name_of(source) if source is not None else "",
        focus=focus,
        path=path,
        value=value,
        message=message,
        shape=shape,
        constraint=str(constraint).rsplit("#", 1)[-1] if constraint is not None else "",
        focus_label=_label(data, report.value(node, SH.focusNode)),
    )


def _show(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.BNode):
        return "(blank node)"
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    return term.n3() if isinstance(term, rdflib.Literal) else str(term)


def _label(data: rdflib.Graph, focus: rdflib.term.Node | None) -> str:
    if focus is None:
        return ""
    from rdflib import DCTERMS, SKOS

    labels = {
        lit.language: str(lit)
        for lit in data.objects(focus, SKOS.prefLabel)
        if isinstance(lit, rdflib.Literal)
    }
    for lang in ("en", "zh-hans", "zh-Hans"):
        if lang in labels:
            return labels[lang]
    for prop in (RDFS.label, DCTERMS.identifier, SKOS.prefLabel):
        value = data.value(focus, prop)
        if value is not None:
            return str(value)
    return ""
