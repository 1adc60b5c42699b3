"""SPARQL over a graph file or an on-disk store, with safely bound parameters.

:func:`open_store` loads a graph file into an in-memory Oxigraph store (or opens
an on-disk one); :func:`run_query` runs a query with ``--bind`` values given as
RDF terms (:func:`parse_term`), which Oxigraph substitutes for the variables:
they are never pasted into the query text, so a value with quotes, braces or
``INSERT`` stays a value. Results come back as an aligned table for people
(labels beside IRIs), as the standard SPARQL JSON, CSV or TSV for machines, as
``true``/``false`` for ASK, and as Turtle for CONSTRUCT and DESCRIBE.

Named queries live in ``queries/`` (one ``.rq`` file each, whose first comment
line says what it answers); :func:`named_queries` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, NonprolifError
from .graphfile import read_quads
from .resources import queries_dir

__all__ = [
    "NamedQuery",
    "named_queries",
    "open_store",
    "parse_term",
    "run_query",
    "QueryError",
    "FORMATS",
]

#: Output formats of :func:`run_query`.
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


class QueryError(NonprolifError):
    """A query that cannot run: bad syntax, a bad binding, an unknown name."""


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its name (the file's stem), what it answers, its text."""

    name: str
    description: str
    text: str


def named_queries(directory: Path | None = None) -> list[NamedQuery]:
    """The named queries, by name."""
    folder = directory or queries_dir()
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comment = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        out.append(NamedQuery(path.stem, comment[0] if comment else "", text))
    return out


def named_query(name: str) -> NamedQuery:
    """The named query ``name``; raises :class:`QueryError` listing the names when unknown."""
    queries = {q.name: q for q in named_queries()}
    if name not in queries:
        raise QueryError(f"no query named {name!r} (known: {', '.join(sorted(queries))})")
    return queries[name]


def open_store(graph: Path | None = None, store_dir: Path | None = None) -> ox.Store:
    """An in-memory store holding the graph file ``graph``, or the on-disk store at
    ``store_dir`` opened read-only."""
    if store_dir is not None:
        if not (store_dir.is_dir() and any(store_dir.iterdir())):
            raise InputError(
                store_dir, "is not an Oxigraph store (make one with 'nonprolif-kg store')"
            )
        try:
            return ox.Store.read_only(str(store_dir))
        except OSError as exc:
            raise InputError(store_dir, f"cannot be opened as an Oxigraph store ({exc})") from None
    if graph is None:
        raise QueryError("give a graph file or --store")
    quads, _ = read_quads(graph)
    store = ox.Store()
    store.extend(quads)
    return store


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """An RDF term from its N-Triples form (``<iri>``, ``"text"@en``,
    ``"5"^^<http://www.w3.org/2001/XMLSchema#integer>``); a bare integer is an
    ``xsd:integer`` and anything else a plain string literal.

    Raises :class:`QueryError` for an IRI or literal that does not parse.
    """
    text = value.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if text.startswith(("<", '"')):
        try:
            (triple,) = ox.parse(f"<urn:x:s> <urn:x:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{value!r} is not an RDF term ({exc})") from None
        obj = triple.object
        if isinstance(obj, ox.NamedNode | ox.Literal):
            return obj
    return ox.Literal(value)


_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _bindings(binds: Iterable[str]) -> dict[ox.Variable, _Term]:
    out: dict[ox.Variable, _Term] = {}
    for bind in binds:
        name, sep, value = bind.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VARIABLE.fullmatch(name):
            raise QueryError(
                f"--bind {bind!r} must be NAME=VALUE, such as "
                "entity=<https://w3id.org/nonprolif/id/state/IRN>"
            )
        out[ox.Variable(name)] = parse_term(value)
    return out


def run_query(store: ox.Store, query: str, binds: Iterable[str] = (), fmt: str = "table") -> str:
    """Run ``query`` on ``store`` with ``binds`` (``NAME=VALUE``); return the output text.

    The default graph is the union of all graphs, so queries need no GRAPH clause.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    substitutions = _bindings(binds)
    try:
        result = store.query(
            query, substitutions=substitutions or None, use_default_graph_as_union=True
        )
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL ({exc.msg or exc})") from None
    except (RuntimeError, ValueError) as exc:
        message = str(exc)
        if "does not contains variable" in message:
            message = "a --bind variable must be selected by the query (" + message + ")"
        raise QueryError(message) from None
    if isinstance(result, ox.QueryBoolean):
        answer = "true" if bool(result) else "false"
        if fmt == "table":
            return answer + "\n"
        data = result.serialize(format=_RESULT_FORMATS[fmt])
        return data.decode("utf-8") if data else ""
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(list(result), format=ox.RdfFormat.TURTLE)
        return data.decode("utf-8") if data else ""
    if fmt == "table":
        return _table(store, result)
    data = result.serialize(format=_RESULT_FORMATS[fmt])
    return data.decode("utf-8") if data else ""


def _label(store: ox.Store, node: ox.NamedNode, cache: dict[str, str]) -> str:
    if node.value not in cache:
        found = ""
        for prop in (_LABEL, _RDFS_LABEL):
            labels = {
                q.object.language or "": q.object.value
                for q in store.quads_for_pattern(node, ox.NamedNode(prop), None)
                if isinstance(q.object, ox.Literal)
            }
            found = labels.get("en") or labels.get("zh-hans") or labels.get("") or ""
            if found:
                break
        cache[node.value] = found
    return cache[node.value]


def _cell(store: ox.Store, term: object, cache: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        label = _label(store, term, cache)
        return f"{label} <{term.value}>" if label else f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(store: ox.Store, solutions: ox.QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    cache: dict[str, str] = {}
    rows = [[_cell(store, row[name], cache) for name in names] for row in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
