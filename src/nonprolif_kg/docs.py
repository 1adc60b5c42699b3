"""HTML documentation of the ontology (by pyLODE) and of the SHACL shapes.

``python -m nonprolif_kg.docs OUT`` (``make docs``) writes ``OUT/ontology.html``,
rendered by pyLODE from ``ontology/nonprolif.ttl``; ``OUT/shapes.html``, a page per
node shape with its targets and each constraint with its message, rendered here
(pyLODE does not render SHACL); and ``OUT/index.html`` linking the two.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import rdflib
from rdflib import RDF, SH

from .export import write_atomic
from .resources import ontology_dir
from .shapes import Shapes, load_shapes

__all__ = ["write_docs", "shapes_html"]

_SKIP = {SH.path, SH.name, SH.message, SH.property, SH.targetClass, RDF.type}
_PREFIXES = {
    "https://w3id.org/nonprolif/ontology#": "npo:",
    "https://w3id.org/nonprolif/shapes#": "nps:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#": "nif:",
    "http://www.w3.org/2005/11/its/rdf#": "itsrdf:",
}
_STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4 }
table { border-collapse: collapse; width: 100% } td, th { border: 1px solid #ccc;
padding: .3em .5em; vertical-align: top; text-align: left } code { font-size: 90% }
h2 { border-bottom: 2px solid #446; margin-top: 2em }
"""


def _short(term: rdflib.term.Node, graph: rdflib.Graph) -> str:
    if isinstance(term, rdflib.URIRef):
        text = str(term)
        for iri, prefix in _PREFIXES.items():
            if text.startswith(iri):
                return prefix + text[len(iri) :]
        return f"<{text}>"
    if isinstance(term, rdflib.BNode):
        items = (
            list(rdflib.collection.Collection(graph, term))
            if (term, RDF.first, None) in graph
            else []
        )
        if items:
            return "( " + " ".join(_short(i, graph) for i in items) + " )"
        return "[…]"
    if isinstance(term, rdflib.Literal):
        return str(term)
    return str(term)


def _constraints(node: rdflib.term.Node, graph: rdflib.Graph) -> str:
    parts = []
    for p, o in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if p in _SKIP:
            continue
        if p == SH.sparql:
            query = graph.value(o, SH.select)
            parts.append(f"<code>sh:sparql</code><pre>{html.escape(str(query).strip())}</pre>")
            continue
        parts.append(
            f"<code>{html.escape(_short(p, graph))} {html.escape(_short(o, graph))}</code>"
        )
    return "<br>".join(parts)


def shapes_html(shapes: Shapes) -> str:
    """One HTML page describing every named node shape and its property shapes."""
    graph = shapes.graph
    body = [
        "<h1>nonprolif-kg SHACL shapes</h1>",
        "<p>What a valid graph looks like. Files: "
        + ", ".join(f"<code>{html.escape(f.name)}</code>" for f in shapes.files)
        + "</p>",
    ]
    nodes = sorted(
        (n for n in graph.subjects(RDF.type, SH.NodeShape) if isinstance(n, rdflib.URIRef)), key=str
    )
    for node in nodes:
        name = graph.value(node, SH.name) or _short(node, graph)
        targets = ", ".join(
            _short(t, graph) for t in sorted(graph.objects(node, SH.targetClass), key=str)
        )
        body.append(f'<h2 id="{html.escape(_short(node, graph))}">{html.escape(str(name))}</h2>')
        body.append(
            f"<p><code>{html.escape(_short(node, graph))}</code>"
            + (f", targets <code>{html.escape(targets)}</code>" if targets else "")
            + "</p>"
        )
        own = _constraints(node, graph)
        message = graph.value(node, SH.message)
        if own or message:
            body.append(f"<p>{own}</p>")
            if message:
                body.append(f"<p><em>{html.escape(str(message))}</em></p>")
        rows = []
        for prop in graph.objects(node, SH.property):
            path = graph.value(prop, SH.path)
            if path is None:
                continue
            rows.append(
                (
                    str(graph.value(prop, SH.name) or ""),
                    _short(path, graph),
                    _constraints(prop, graph),
                    str(graph.value(prop, SH.message) or ""),
                )
            )
        if rows:
            body.append(
                "<table><tr><th>name</th><th>path</th><th>constraints</th><th>message</th></tr>"
            )
            for pname, shown, constraints, msg in sorted(rows):
                body.append(
                    f"<tr><td>{html.escape(pname)}</td><td><code>{html.escape(shown)}"
                    f"</code></td><td>{constraints}</td><td>{html.escape(msg)}</td></tr>"
                )
            body.append("</table>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>nonprolif-kg shapes</title><style>{_STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_docs(out: Path, shapes_folder: Path | None = None) -> list[Path]:
    """Write the ontology page (pyLODE), the shapes page and an index into ``out``."""
    from pylode import OntPub

    out.mkdir(parents=True, exist_ok=True)
    ontology_page = OntPub(ontology=ontology_dir() / "nonprolif.ttl").make_html()
    pages = {
        "ontology.html": str(ontology_page),
        "shapes.html": shapes_html(load_shapes(shapes_folder)),
        "index.html": (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>nonprolif-kg documentation</title><style>{_STYLE}</style></head><body>"
            "<h1>nonprolif-kg documentation</h1><ul>"
            '<li><a href="ontology.html">The ontology</a> (classes, properties, labels)</li>'
            '<li><a href="shapes.html">The SHACL shapes</a> (what a valid graph holds)</li>'
            "</ul></body></html>\n"
        ),
    }
    written = []
    for name, text in pages.items():
        write_atomic(out / name, text.encode("utf-8"))
        written.append(out / name)
    return written


if __name__ == "__main__":  # pragma: no cover - exercised through make docs
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/docs")
    for path in write_docs(target):
        print(path)
