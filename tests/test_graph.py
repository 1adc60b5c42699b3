"""Stages graph and export: what the built graph says, and that it is byte-stable."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode

from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.iri import DEFAULT_BASE
from nonprolif_kg.pipeline import BuildResult, build

from .conftest import ROOT

BASE = "https://w3id.org/nonprolif/"
DOC = BASE + "id/doc/000-5a18f3973b53acff"
PREFIXES = """
PREFIX npo: <https://w3id.org/nonprolif/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def store(path: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(path), format=ox.RdfFormat.TRIG)
    return s


def test_outputs_parse_in_oxigraph_and_rdflib(built_graph: tuple[Path, BuildResult]) -> None:
    out, result = built_graph
    ttl = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    nq = list(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(ttl) == result.triples
    assert len(trig) == len(nq) == result.quads
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    dataset = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert len(graph) == result.triples
    assert len(list(dataset.quads((None, None, None, None)))) == result.quads


def test_no_blank_nodes(built_graph: tuple[Path, BuildResult]) -> None:
    out, _ = built_graph
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_named_graphs(built_graph: tuple[Path, BuildResult]) -> None:
    out, _ = built_graph
    names = {str(g) for g in store(out / "graph.trig").named_graphs()}
    assert names == {
        f"<{BASE}graph/{n}>"
        for n in ("ontology", "catalogue", "provenance", "doc/000-5a18f3973b53acff")
    }


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        build([ROOT / "corpus"], tmp_path / name)
    for file in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "void.ttl"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_every_output_has_the_same_bytes_whatever_the_string_hashing(tmp_path: Path) -> None:
    """Python hashes strings differently in each process unless told not to; no
    output may depend on it (the co-mention figure once followed a set's order)."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-c", "from nonprolif_kg.cli import main; main()", "build"]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = tmp_path / seed
        subprocess.run([*command, str(ROOT / "corpus"), "--out", str(out)], check=True, env=env)
    files = sorted(
        p.relative_to(tmp_path / "1")
        for p in (tmp_path / "1").rglob("*")
        if p.is_file() and ".cache" not in p.parts
    )
    assert len(files) >= 15
    for file in files:
        assert (tmp_path / "1" / file).read_bytes() == (tmp_path / "2" / file).read_bytes(), file


def test_turtle_uses_one_prefix_per_entity_type(built_graph: tuple[Path, BuildResult]) -> None:
    text = (built_graph[0] / "graph.ttl").read_text(encoding="utf-8")
    for prefix in ("state", "org", "treaty", "res", "initiative", "event", "place"):
        assert f"@prefix {prefix}: <{BASE}id/" in text
    assert "res:unsc-1540" in text and "state:IRN" in text


def test_document_work_expression_and_header(built_graph: tuple[Path, BuildResult]) -> None:
    rows = list(
        store(built_graph[0] / "graph.trig").query(
            PREFIXES
            + f"""
        SELECT ?date ?sender ?recipient ?lang ?file WHERE {{ GRAPH ?g {{
          <{DOC}> dcterms:date ?date ; npo:sender ?sender ; npo:recipient ?recipient .
          ?e npo:expressionOf <{DOC}> ; dcterms:language ?lang ; npo:sourceFile ?file .
        }} }}"""
        )
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["date"] == ox.Literal(
        "2007-06-11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    assert row["sender"] == ox.NamedNode(BASE + "id/state/DEU")
    assert row["recipient"] == ox.NamedNode(BASE + "id/org/cd")
    assert row["lang"].value == "zh-Hans"
    assert row["file"].value == "000_5a18f3973b53acff.txt"


def test_paragraphs_have_number_order_section_and_text(
    built_graph: tuple[Path, BuildResult],
) -> None:
    rows = list(
        store(built_graph[0] / "graph.trig").query(
            PREFIXES
            + """
        SELECT ?order ?number ?section ?text WHERE { GRAPH ?g {
          ?p a npo:Paragraph ; npo:order ?order ; npo:inSection ?section ; npo:text ?text .
          OPTIONAL { ?p npo:number ?number }
        } } ORDER BY ?order"""
        )
    )
    assert len(rows) == 55
    thirteenth = rows[18]
    assert thirteenth["number"].value == "13"
    assert thirteenth["section"].value.endswith("/s/1")
    assert thirteenth["text"].language == "zh-hans"
    assert thirteenth["text"].value.startswith("我们重申，在履行所有条约义务的同时")


def test_every_span_slices_its_anchor(built_graph: tuple[Path, BuildResult]) -> None:
    rows = list(
        store(built_graph[0] / "graph.trig").query(
            PREFIXES
            + """
        SELECT ?anchor ?slice ?entity WHERE { GRAPH ?g {
          ?span nif:referenceContext ?ctx ; nif:beginIndex ?b ; nif:endIndex ?e ;
                nif:anchorOf ?anchor ; itsrdf:taIdentRef ?entity .
          ?ctx nif:isString ?s .
          BIND(SUBSTR(?s, ?b + 1, ?e - ?b) AS ?slice)
        } }"""
        )
    )
    assert len(rows) > 150
    assert all(r["anchor"].value == r["slice"].value for r in rows)


def test_source_offsets_point_into_the_source_file(built_graph: tuple[Path, BuildResult]) -> None:
    source = (ROOT / "corpus" / "000_5a18f3973b53acff.txt").read_text(encoding="utf-8")
    rows = list(
        store(built_graph[0] / "graph.trig").query(
            PREFIXES
            + """
        SELECT ?anchor ?b ?e WHERE { GRAPH ?g {
          ?span nif:anchorOf ?anchor ; npo:sourceBeginIndex ?b ; npo:sourceEndIndex ?e .
        } }"""
        )
    )
    for r in rows:
        original = source[int(r["b"].value) : int(r["e"].value)]
        assert "".join(original.split()) == r["anchor"].value


def test_mentions_link_paragraphs_to_catalogue_entities(
    built_graph: tuple[Path, BuildResult],
) -> None:
    rows = list(
        store(built_graph[0] / "graph.trig").query(
            PREFIXES
            + f"""
        SELECT DISTINCT ?label WHERE {{
          GRAPH <{BASE}graph/doc/000-5a18f3973b53acff> {{ ?p npo:mentions ?e }}
          GRAPH <{BASE}graph/catalogue> {{ ?e skos:prefLabel ?label FILTER(lang(?label) = "en") }}
        }}"""
        )
    )
    labels = {r["label"].value for r in rows}
    assert {
        "Iran",
        "North Korea",
        "Nuclear Suppliers Group",
        "Security Council resolution 1747 (2007)",
    } <= labels
    assert len(labels) == 80


def test_base_option_changes_every_resource_iri(tmp_path: Path) -> None:
    build([ROOT / "corpus"], tmp_path, base="http://example.org/kg/")
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "http://example.org/kg/id/state/" in text
    assert "https://w3id.org/nonprolif/id/" not in text


def test_every_stance_and_fact_has_its_provenance(built_graph: tuple[Path, BuildResult]) -> None:
    s = store(built_graph[0] / "graph.trig")
    missing = list(
        s.query(
            PREFIXES
            + """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?x WHERE { GRAPH ?g {
          ?x a ?kind . FILTER(?kind IN (npo:Stance, npo:Fact))
          FILTER NOT EXISTS {
            ?x prov:wasDerivedFrom ?p ; npo:rule ?rule ; prov:wasGeneratedBy ?build .
            ?p a npo:Paragraph .
            { ?x npo:cue ?span } UNION { ?x npo:evidence ?span }
            ?span nif:anchorOf ?words ; nif:referenceContext ?ctx .
          }
        } }"""
        )
    )
    assert missing == []
    counts = {
        str(r["kind"]): int(r["n"].value)
        for r in s.query(
            PREFIXES
            + """
        SELECT ?kind (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a ?kind
          FILTER(?kind IN (npo:Stance, npo:Fact)) } } GROUP BY ?kind"""
        )
    }
    assert counts == {
        "<https://w3id.org/nonprolif/ontology#Stance>": 61,
        "<https://w3id.org/nonprolif/ontology#Fact>": 35,
    }
    version = list(
        s.query(
            PREFIXES
            + """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?v WHERE { GRAPH ?g { ?x prov:wasGeneratedBy ?b } GRAPH ?h {
          ?b npo:softwareVersion ?v } }"""
        )
    )
    assert [r["v"].value for r in version] == ["0.1.0"]


def test_background_facts_stay_in_the_catalogue(built_graph: tuple[Path, BuildResult]) -> None:
    s = store(built_graph[0] / "graph.trig")
    catalogue = f"<{BASE}graph/catalogue>"
    doc = f"<{BASE}graph/doc/000-5a18f3973b53acff>"
    in_catalogue = list(
        s.query(
            PREFIXES
            + f"""
        SELECT ?x WHERE {{ GRAPH {catalogue} {{
          ?x a ?k FILTER(?k IN (npo:Stance, npo:Fact)) }} }}"""
        )
    )
    assert in_catalogue == []
    background = list(
        s.query(
            PREFIXES
            + f"""
        SELECT ?x WHERE {{ GRAPH {doc} {{ ?x npo:year|npo:subjectState|npo:startDate ?v }} }}"""
        )
    )
    assert background == []
    # the same statement can be both: background (where a summit was held) and said by the text
    said = s.query(
        PREFIXES
        + f"""
        ASK {{ GRAPH {catalogue} {{ <{BASE}id/event/g8-summit-2002> npo:heldAt ?p }}
               GRAPH {doc} {{ <{BASE}id/event/g8-summit-2002> npo:heldAt ?p }} }}"""
    )
    assert bool(said)


def test_triples_sort_by_subject_predicate_object() -> None:
    import pyoxigraph as ox

    from nonprolif_kg.export import unique_triples

    n, b, lit = ox.NamedNode, ox.BlankNode, ox.Literal
    g = ox.DefaultGraph()
    terms_s = [n("http://x/a"), n("http://x/a/b"), n("http://x/a-"), b("b1"), b("b12"), b("b1x")]
    terms_p = [n("http://p/q"), n("http://p/q2"), n("http://p/"), n("http://p/q/r")]
    terms_o = [lit("a b"), lit("a"), lit("a", language="en"), n("http://x/a"), b("b1"), lit("1")]
    quads = [ox.Quad(s, p, o, g) for s in terms_s for p in terms_p for o in terms_o]
    quads += quads[:5]
    expected = sorted(
        {q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
    )
    assert unique_triples(quads) == expected


def test_quads_sort_by_graph_subject_predicate_object() -> None:
    import pyoxigraph as ox

    from nonprolif_kg.graph import sort_quads

    n, b, lit = ox.NamedNode, ox.BlankNode, ox.Literal
    graphs = [ox.DefaultGraph(), n("http://g/a"), n("http://g/a/b"), n("http://g/a-")]
    subjects = [n("http://x/a"), n("http://x/a/b"), b("b1"), b("b12")]
    objects = [lit("a b"), lit("a"), lit("a", language="en"), lit("1", datatype=n("http://t"))]
    quads = [
        ox.Quad(s, n(p), o, g)
        for g in graphs
        for s in subjects
        for p in ("http://p/q", "http://p/q2", "http://p/")
        for o in objects
    ]
    expected = sorted(
        set(quads),
        key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
    )
    assert sort_quads(quads + quads[:7]) == expected


def test_a_graph_sorts_with_its_nquads_text() -> None:
    """sort_graph: one graph's quads in sort_quads' order, repeats dropped, and
    their N-Quads text, the same bytes pyoxigraph writes for them."""
    import pyoxigraph as ox

    from nonprolif_kg.graph import sort_graph, sort_quads

    n, lit = ox.NamedNode, ox.Literal
    objects = [
        lit("a b"),
        lit("a"),
        lit("a", language="en"),
        lit('q"\\n'),
        lit("a\nb"),
        n("http://o"),
    ]
    for graph in (ox.DefaultGraph(), n("http://g/a")):
        quads = [
            ox.Quad(n(s), n(p), o, graph)
            for s in ("http://x/a/b", "http://x/a", "http://x/a1")
            for p in ("http://p/q2", "http://p/q", "http://p/")
            for o in objects
        ]
        ordered, text = sort_graph(quads[::-1] + quads[:5])
        assert ordered == sort_quads(quads)
        assert text == ox.serialize(ordered, format=ox.RdfFormat.N_QUADS)
    assert sort_graph([]) == ([], b"")


def test_a_worker_keeps_nothing_of_the_documents_it_has_made(
    bundled: BuiltDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker makes thousands of documents' shards: what it keeps between
    them (terms made once, compacted IRIs) must not grow with each document's
    own IRIs, or its memory grows with the corpus."""
    import dataclasses

    from nonprolif_kg import jsonld
    from nonprolif_kg.extract import default_extractor
    from nonprolif_kg.graph import _n
    from nonprolif_kg.shard import Sharder, ShardSettings

    monkeypatch.setattr(jsonld, "_KEPT", 500)
    sharder = Sharder(ShardSettings(DEFAULT_BASE, None, "auto"), default_extractor())
    sizes = []
    for i in range(3):
        document = dataclasses.replace(bundled.document, doc_id=f"copy-{i}")
        shard = sharder.shard(dataclasses.replace(bundled, document=document))
        assert f"copy-{i}".encode() in shard.part.nquads
        sizes.append(_n.cache_info().currsize)
        assert len(jsonld._compactor(sharder.minter)._iris) <= 500
    assert sizes[0] == sizes[1] == sizes[2]
