"""Stage 8, summarize: RDF -> networkx projections -> metrics a researcher reads.

Two projections of the graph:

1. the *co-mention network* (undirected): entities linked when one paragraph
   names both, weighted by the number of such paragraphs;
2. the *assertion network* (directed, several edges per pair): from each stance
   an edge actor -> addressee (or actor -> topic where there is no addressee),
   with the stance type and polarity; from each fact an edge subject -> object
   with the predicate (an initiative -> its proposer, an event -> its place).

:func:`summarize` computes, for the corpus and for each document: counts by
type; degree, weighted degree and PageRank; betweenness (exact up to
:data:`EXACT_BETWEENNESS` nodes, else sampled with ``k`` nodes and a fixed seed,
``k`` stated); connected components; Louvain communities (fixed seed); the most
central entities per type; the states most often urged and about what; the
instruments most often reaffirmed or supported. Ties are broken by IRI, so the
same graph always gives the same summary. Cost: PageRank and Louvain are about
linear in the edges; exact betweenness is O(nm), hence the sampling.

The projections are made of *rows*, the answers of SPARQL queries
(:data:`PART_QUERIES`) to the graph: :func:`project` asks a whole dataset,
while a corpus build asks each document's graph apart, in its worker
(:func:`part_rows`), and merges the rows (:func:`project_rows`), so that the
summary never holds the corpus's graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox
import rustworkx as rx

__all__ = [
    "PART_QUERIES",
    "PartRows",
    "Projections",
    "as_store",
    "part_rows",
    "project",
    "project_rows",
    "read_subset",
    "document_centrality",
    "exact_betweenness",
    "READ_PROPERTIES",
    "READ_CLASSES",
    "summarize",
    "EXACT_BETWEENNESS",
    "SEED",
    "TYPES",
]

SEED = 42
EXACT_BETWEENNESS = 2000
SAMPLE_K = 100
NPO = "https://w3id.org/nonprolif/ontology#"
#: Entity classes, by the local name of their npo: class, in display order.
TYPES: tuple[str, ...] = (
    "State",
    "Organization",
    "Treaty",
    "Resolution",
    "Initiative",
    "Event",
    "Place",
)
_APPEALS = ("urge", "call-upon", "request", "encourage")
_BACKING = ("reaffirm", "support")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
#: The properties the projections' queries (and the figures' timeline) read.
READ_PROPERTIES: frozenset[str] = frozenset(
    [_RDF + n for n in ("type", "subject", "predicate", "object")]
    + [_SKOS + n for n in ("prefLabel", "altLabel", "notation")]
    + [_DCT + n for n in ("language", "isPartOf", "identifier")]
    + ["http://www.w3.org/ns/prov#wasDerivedFrom"]
    + [
        NPO + n
        for n in ("mentions", "stanceType", "actor", "polarity", "addressee", "topic", "year")
    ]
)
#: The classes they read (``rdf:type`` of other classes is not read).
READ_CLASSES: frozenset[str] = frozenset(
    NPO + n for n in (*TYPES, "Expression", "Paragraph", "Document", "Stance", "Fact", "StanceType")
)


def read_subset(nquads: bytes) -> bytes:
    """The lines of sorted N-Quads ``nquads`` that :func:`project` reads (see
    :data:`READ_PROPERTIES`, :data:`READ_CLASSES`): a summary of the subset is
    the summary of the whole, from a store a fraction of the size."""
    type_iri = f"<{_RDF}type>".encode()
    properties = {f"<{p}>".encode() for p in READ_PROPERTIES}
    classes = {f"<{c}>".encode() for c in READ_CLASSES}
    kept = []
    for line in nquads.splitlines(keepends=True):
        _, predicate, rest = line.split(b" ", 2)
        if predicate not in properties:
            continue
        if predicate == type_iri and rest[: rest.index(b" ")] not in classes:
            continue
        kept.append(line)
    return b"".join(kept)


_PREFIXES = """
PREFIX npo: <https://w3id.org/nonprolif/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

#: What :func:`part_rows` asks of a graph, by kind of row: the projections are
#: made of these rows, from one graph or merged from many (:func:`project_rows`).
#: Each query reads the triples of one subject and those it names, so that rows
#: of the corpus's graphs, merged, are the rows of the corpus: a stance's or
#: fact's own triples, a paragraph's and an expression's lie in the graph of
#: their document. The joins across graphs (a stance type's notation, a
#: mentioned event's year) are made when the rows are merged.
PART_QUERIES: dict[str, str] = {
    "types": """SELECT DISTINCT ?e ?t WHERE { ?e a ?t .
        FILTER(?t IN (npo:State, npo:Organization, npo:Treaty, npo:Resolution,
                      npo:Initiative, npo:Event, npo:Place)) }""",
    "labels": "SELECT DISTINCT ?e (LANG(?l) AS ?lang) (STR(?l) AS ?label) "
    "WHERE { ?e skos:prefLabel ?l }",
    "names": """SELECT DISTINCT ?e (LANG(?l) AS ?lang) (STR(?l) AS ?label) WHERE {
        { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } }""",
    "expressions": """SELECT DISTINCT ?x ?lang WHERE {
        ?x a npo:Expression ; dcterms:language ?lang }""",
    "paragraphs": "SELECT DISTINCT ?p ?d WHERE { ?p a npo:Paragraph ; dcterms:isPartOf ?d }",
    "documents": "SELECT DISTINCT ?d ?id WHERE { ?d a npo:Document ; dcterms:identifier ?id }",
    "mentions": "SELECT DISTINCT ?p ?e WHERE { ?p npo:mentions ?e }",
    "notations": "SELECT DISTINCT ?t ?n WHERE { ?t skos:notation ?n }",
    "stances": """SELECT DISTINCT ?s ?t ?actor ?polarity ?p ?addressee ?topic WHERE {
        ?s a npo:Stance ; npo:stanceType ?t ; npo:actor ?actor ;
           npo:polarity ?polarity ; prov:wasDerivedFrom ?p .
        OPTIONAL { ?s npo:addressee ?addressee }
        OPTIONAL { ?s npo:topic ?topic } }""",
    "facts": """SELECT DISTINCT ?f ?s ?p ?o WHERE { ?f a npo:Fact ;
        rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . FILTER(isIRI(?o)) }""",
    "events": "SELECT DISTINCT ?e WHERE { ?e a npo:Event }",
    "years": "SELECT DISTINCT ?e ?year WHERE { ?e npo:year ?year }",
}

#: A graph's rows: for each kind of :data:`PART_QUERIES`, its solutions, each
#: the values of its variables in order (``""`` for an unbound one).
PartRows = Mapping[str, Sequence[Sequence[str]]]


@dataclass
class Projections:
    """The two networks, the entities' labels and types, the raw stance rows,
    and the mentioned events with their years."""

    comention: nx.Graph
    assertions: nx.MultiDiGraph
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    short: dict[str, dict[str, str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    paragraph_doc: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, set[str]] = field(default_factory=dict)  # paragraph -> entities
    stances: list[dict[str, Any]] = field(default_factory=list)
    majority_lang: str = "en"
    events: list[tuple[str, int]] = field(default_factory=list)  # (event, year), sorted

    def label(self, iri: str, lang: str) -> str:
        """The entity's label in ``lang`` (or English, or its IRI's last segment)."""
        labels = self.labels.get(iri, {})
        return labels.get(lang.lower()) or labels.get("en") or iri.rsplit("/", 1)[-1]

    def short_label(self, iri: str, lang: str) -> str:
        """The shortest name of the entity in ``lang`` (an acronym, a short form), for
        figures; else :meth:`label`."""
        return self.short.get(iri, {}).get(lang.lower()) or self.label(iri, lang)


def as_store(data: Sequence[ox.Quad] | ox.Store) -> ox.Store:
    """``data`` as a store: the store itself, or a new one holding the quads."""
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    store.extend(data)
    return store


def part_rows(data: Sequence[ox.Quad] | ox.Store | bytes) -> dict[str, list[list[str]]]:
    """The rows (:data:`PART_QUERIES`) of a dataset: its quads, a store holding
    it, or its N-Quads; JSON-ready, and small beside the graph."""
    if isinstance(data, bytes):
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
    else:
        store = as_store(data)
    rows: dict[str, list[list[str]]] = {}
    for kind, query in PART_QUERIES.items():
        solutions = store.query(_PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        rows[kind] = [
            [term.value if (term := row[n]) is not None else "" for n in names]
            for row in solutions  # type: ignore[union-attr]
        ]
    return rows


class _Merged:
    """The distinct rows of many graphs, each string kept once."""

    def __init__(self) -> None:
        self.rows: dict[str, set[tuple[str, ...]]] = {kind: set() for kind in PART_QUERIES}
        self._strings: dict[str, str] = {}

    def add(self, part: PartRows) -> None:
        strings = self._strings
        for kind, rows in part.items():
            into = self.rows[kind]
            for row in rows:
                into.add(tuple(strings.setdefault(v, v) for v in row))

    def sorted(self, kind: str) -> list[tuple[str, ...]]:
        return sorted(self.rows[kind])


def project(data: Sequence[ox.Quad] | ox.Store) -> Projections:
    """Build both projections from a dataset: its quads, or a store holding it."""
    return project_rows([part_rows(data)])


def project_rows(parts: Iterable[PartRows]) -> Projections:
    """Build both projections from the rows of a dataset's graphs
    (:func:`part_rows` of each), as from the dataset itself."""
    merged = _Merged()
    for part in parts:
        merged.add(part)
    proj = Projections(comention=nx.Graph(), assertions=nx.MultiDiGraph())
    for e, t in merged.sorted("types"):
        proj.types[e] = t[len(NPO) :]
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for e, lang, label in merged.sorted("labels"):
        labels[e][lang.lower()] = label
    proj.labels = dict(labels)
    short: dict[str, dict[str, str]] = defaultdict(dict)
    for e, lang, label in merged.sorted("names"):
        best = short[e].get(lang.lower())
        if len(label) >= 2 and (best is None or (len(label), label) < (len(best), best)):
            short[e][lang.lower()] = label
    proj.short = dict(short)
    langs = Counter(lang for _, lang in merged.rows["expressions"])
    if langs:
        proj.majority_lang = sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    proj.paragraph_doc = {p: d for p, d in merged.sorted("paragraphs")}
    proj.documents = {d: ident for d, ident in merged.sorted("documents")}
    mentions: dict[str, set[str]] = defaultdict(set)
    for p, e in merged.rows["mentions"]:
        mentions[p].add(e)
    proj.mentions = dict(mentions)
    events = {e for (e,) in merged.rows["events"]}
    mentioned = {e for es in mentions.values() for e in es}
    proj.events = sorted(
        {(e, int(year)) for e, year in merged.rows["years"] if e in events and e in mentioned},
        key=lambda item: (item[1], item[0]),
    )
    _comention(proj)
    _assertions(merged, proj)
    return proj


def _comention(proj: Projections) -> None:
    g = proj.comention
    entities = sorted({e for es in proj.mentions.values() for e in es})
    for e in entities:
        g.add_node(e, label=proj.label(e, "en"), type=proj.types.get(e, ""))
    weights: Counter[tuple[str, str]] = Counter()
    for paragraph in sorted(proj.mentions):
        es = sorted(proj.mentions[paragraph])
        for i, a in enumerate(es):
            for b in es[i + 1 :]:
                weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, weight=w)


def _stances(merged: _Merged) -> list[dict[str, str]]:
    """The stances' rows, each with its type's notation (one row per
    notation), ordered by stance, addressee and topic (unbound first)."""
    notations: dict[str, list[str]] = defaultdict(list)
    for t, n in merged.sorted("notations"):
        notations[t].append(n)
    rows = {
        (s, addressee, topic, notation, actor, polarity, p)
        for s, t, actor, polarity, p, addressee, topic in merged.rows["stances"]
        for notation in notations.get(t, ())
    }
    names = ("s", "addressee", "topic", "type", "actor", "polarity", "p")
    return [dict(zip(names, row, strict=True)) for row in sorted(rows)]


def _assertions(merged: _Merged, proj: Projections) -> None:
    g = proj.assertions
    rows = _stances(merged)
    proj.stances = rows
    seen: set[tuple[str, str, str, str]] = set()
    for r in rows:
        target = r["addressee"] or r["topic"]
        key = (r["s"], r["actor"], target, r["type"])
        if not target or key in seen:
            continue
        seen.add(key)
        g.add_edge(
            r["actor"],
            target,
            key=f"{r['s']}>{target}",
            kind="stance",
            relation=r["type"],
            polarity=r["polarity"],
        )
    for f, s, p, o in merged.sorted("facts"):
        g.add_edge(s, o, key=f, kind="fact", relation=p[len(NPO) :], polarity="true")
    for node in g.nodes:
        g.nodes[node]["label"] = proj.label(node, "en")
        g.nodes[node]["type"] = proj.types.get(node, "")


def _ranked(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def exact_betweenness(g: nx.Graph) -> dict[str, float]:
    """The normalised betweenness of every node of the undirected, unweighted
    graph ``g`` without self-loops: the values of
    :func:`networkx.betweenness_centrality`, computed by rustworkx (fifty times
    faster on a corpus's co-mention network), on one thread so that the sums
    are always made in the same order."""
    names = list(g.nodes)
    index = {name: i for i, name in enumerate(names)}
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(names)
    graph.add_edges_from_no_data([(index[a], index[b]) for a, b in g.edges])
    scores = rx.graph_betweenness_centrality(
        graph, normalized=True, parallel_threshold=len(names) + 1
    )
    return {name: scores[i] for i, name in enumerate(names)}


def _centrality(
    g: nx.Graph, proj: Projections, lang: str
) -> tuple[dict[str, float], int | None, Callable[[str], dict[str, Any]]]:
    """PageRank of ``g``'s nodes, the betweenness sample size (``None``: exact), and
    a function giving a node's entry: label, type, degrees, PageRank, betweenness."""
    degree = dict(g.degree())
    weighted = dict(g.degree(weight="weight"))
    pagerank = nx.pagerank(g, weight="weight")
    if g.number_of_nodes() <= EXACT_BETWEENNESS:
        betweenness = exact_betweenness(g)
        sample = None
    else:
        sample = SAMPLE_K
        betweenness = nx.betweenness_centrality(g, k=SAMPLE_K, seed=SEED)

    def entry(iri: str) -> dict[str, Any]:
        return {
            "iri": iri,
            "label": proj.label(iri, lang),
            "shortLabel": proj.short_label(iri, lang),
            "type": proj.types.get(iri, ""),
            "degree": degree[iri],
            "weightedDegree": weighted[iri],
            "pagerank": round(pagerank[iri], 6),
            "betweenness": round(betweenness[iri], 6),
        }

    return pagerank, sample, entry


def _metrics(g: nx.Graph, proj: Projections, lang: str, top: int) -> dict[str, Any]:
    if g.number_of_nodes() == 0:
        return {"nodes": 0, "edges": 0}
    n = g.number_of_nodes()
    pagerank, sample, entry = _centrality(g, proj, lang)
    components = sorted(
        (sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0])
    )
    communities = sorted(
        (sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=SEED)),
        key=lambda c: (-len(c), c[0]),
    )

    by_type: dict[str, list[dict[str, Any]]] = {}
    for t in TYPES:
        members = {k: v for k, v in pagerank.items() if proj.types.get(k) == t}
        if members:
            by_type[t] = [entry(k) for k, _ in _ranked(members, 5)]
    return {
        "nodes": n,
        "edges": g.number_of_edges(),
        "countsByType": {t: sum(1 for x in g if proj.types.get(x) == t) for t in TYPES},
        "components": [len(c) for c in components],
        "betweennessSample": sample,
        "top": [entry(k) for k, _ in _ranked(pagerank, top)],
        "topByType": by_type,
        "communities": [
            {
                "size": len(c),
                "members": [
                    proj.label(x, lang) for x in sorted(c, key=lambda x: (-pagerank[x], x))
                ],
            }
            for c in communities
        ],
    }


def _appeals(proj: Projections, lang: str) -> list[dict[str, Any]]:
    states: dict[str, dict[str, Any]] = {}
    for r in proj.stances:
        if r["type"] in _APPEALS and r["addressee"] and proj.types.get(r["addressee"]) == "State":
            entry = states.setdefault(r["addressee"], {"stances": set(), "about": Counter()})
            entry["stances"].add(r["s"])
            if r["topic"]:
                entry["about"][r["topic"]] += 1
    out = []
    for iri, entry in states.items():
        out.append(
            {
                "iri": iri,
                "label": proj.label(iri, lang),
                "times": len(entry["stances"]),
                "about": [
                    proj.label(t, lang)
                    for t, _ in sorted(entry["about"].items(), key=lambda kv: (-kv[1], kv[0]))
                ],
            }
        )
    return sorted(out, key=lambda e: (-e["times"], e["iri"]))


def _backed(proj: Projections, lang: str) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    for r in proj.stances:
        if r["type"] in _BACKING and proj.types.get(r["topic"]) in ("Treaty", "Resolution"):
            counts[r["topic"]] += 1
    return [
        {"iri": iri, "label": proj.label(iri, lang), "times": n}
        for iri, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def document_centrality(mentions: Mapping[str, Iterable[str]], paragraphs: int) -> dict[str, Any]:
    """The per-document part of the summary, without labels: the co-mention
    network of one document whose paragraphs (``paragraphs`` of them) name the
    entities ``mentions`` gives (paragraph IRI -> entity IRIs); its size, and its
    five most central entities with their degrees, PageRank and betweenness."""
    sub = nx.Graph()
    for p in sorted(mentions):
        es = sorted(set(mentions[p]))
        sub.add_nodes_from(es)
        for i, a in enumerate(es):
            for b in es[i + 1 :]:
                w = sub.edges[a, b]["weight"] + 1 if sub.has_edge(a, b) else 1
                sub.add_edge(a, b, weight=w)
    top: list[dict[str, Any]] = []
    if sub.number_of_nodes():
        pagerank, _, entry = _centrality(sub, Projections(nx.Graph(), nx.MultiDiGraph()), "")
        top = [entry(k) for k, _ in _ranked(pagerank, 5)]
        for item in top:
            for label in ("label", "shortLabel", "type"):
                del item[label]
    return {
        "paragraphs": paragraphs,
        "entities": sub.number_of_nodes(),
        "edges": sub.number_of_edges(),
        "top": top,
    }


def summarize(
    proj: Projections,
    lang: str | None = None,
    top: int = 15,
    per_document: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The summary as a JSON-ready dict (see the README for its schema).

    ``per_document`` holds :func:`document_centrality` of documents (by
    identifier) where it was computed already (by the workers); the others'
    is computed here.
    """
    lang = (lang or proj.majority_lang).lower()
    per_doc: dict[str, Any] = {}
    by_doc: dict[str, list[str]] = defaultdict(list)
    for paragraph, doc in proj.paragraph_doc.items():
        by_doc[doc].append(paragraph)
    known = per_document or {}
    for doc, ident in sorted(proj.documents.items(), key=lambda kv: kv[1]):
        found = known.get(ident)
        if found is None:
            paragraphs = by_doc.get(doc, [])
            found = document_centrality(
                {p: proj.mentions.get(p, ()) for p in paragraphs}, len(paragraphs)
            )
        per_doc[ident] = {
            **found,
            "top": [
                {
                    "iri": item["iri"],
                    "label": proj.label(item["iri"], lang),
                    "shortLabel": proj.short_label(item["iri"], lang),
                    "type": proj.types.get(item["iri"], ""),
                    **{k: v for k, v in item.items() if k != "iri"},
                }
                for item in found["top"]
            ],
        }
    return {
        "labelLanguage": lang,
        "documents": len(proj.documents),
        "projections": {
            "comention": "Entities linked when one paragraph names both; weight = paragraphs.",
            "assertions": "Directed edges from stances (actor -> addressee, else -> topic; "
            "relation = stance type) and facts (subject -> object; relation = "
            "predicate).",
        },
        "comention": _metrics(proj.comention, proj, lang, top),
        "assertions": {
            "nodes": proj.assertions.number_of_nodes(),
            "edges": proj.assertions.number_of_edges(),
            "relations": dict(
                sorted(
                    Counter(d["relation"] for _, _, d in proj.assertions.edges(data=True)).items()
                )
            ),
        },
        "mostUrgedStates": _appeals(proj, lang),
        "mostBackedInstruments": _backed(proj, lang),
        "perDocument": per_doc,
    }
