"""Every shape, with a conforming and a violating example, on both SHACL engines.

The conforming example is ``fixtures/shapes_base.ttl`` with the ontology; each case
changes it in one place (a SPARQL Update) and expects exactly the named shape to
report on the named path. pySHACL (Python) and pyshacl-turbo (Rust) are
independent implementations: every case runs on both and they must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF

from nonprolif_kg.errors import DataError
from nonprolif_kg.resources import ontology_dir, shapes_dir
from nonprolif_kg.shapes import Shapes, load_shapes
from nonprolif_kg.validate import ValidationReport, validate_graph, validate_part

from .conftest import FIXTURES

PREFIXES = """
PREFIX npo: <https://w3id.org/nonprolif/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX state: <https://w3id.org/nonprolif/id/state/>
PREFIX org: <https://w3id.org/nonprolif/id/org/>
PREFIX treaty: <https://w3id.org/nonprolif/id/treaty/>
PREFIX res: <https://w3id.org/nonprolif/id/resolution/>
PREFIX initiative: <https://w3id.org/nonprolif/id/initiative/>
PREFIX event: <https://w3id.org/nonprolif/id/event/>
PREFIX place: <https://w3id.org/nonprolif/id/place/>
PREFIX doc: <https://w3id.org/nonprolif/id/doc/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
D = "<https://w3id.org/nonprolif/id/doc/d"
EXPR, SEC, PAR = f"{D}/zh>", f"{D}/s/1>", f"{D}/p/1>"
CTX, SPAN, BUILD = (
    f"{D}/zh/p/1>",
    f"{D}/zh/p/1#char=4,6>",
    "<https://w3id.org/nonprolif/id/build/0.1.0-0>",
)
STANCE, FACT, CUE = f"{D}/p/1/stance/1>", f"{D}/p/1/fact/1>", f"{D}/zh/p/1#char=2,4>"


def drop(s: str, p: str) -> str:
    return f"DELETE WHERE {{ {s} {p} ?o }}"


def put(s: str, p: str, o: str) -> str:
    return f"DELETE {{ {s} {p} ?o }} INSERT {{ {s} {p} {o} }} WHERE {{ OPTIONAL {{ {s} {p} ?o }} }}"


def add(s: str, p: str, o: str) -> str:
    return f"INSERT DATA {{ {s} {p} {o} }}"


# (case id, update, shape name, path) -- one violation expected from each.
CASES: list[tuple[str, str, str, str]] = [
    (
        "two English labels",
        add("state:IRN", "skos:prefLabel", '"Persia"@en'),
        "entity › preferred labels",
        "skos:prefLabel",
    ),
    (
        "no English label",
        'DELETE DATA { state:IRN skos:prefLabel "Iran"@en }',
        "entity › English label",
        "skos:prefLabel",
    ),
    (
        "no Chinese label",
        'DELETE DATA { state:IRN skos:prefLabel "伊朗"@zh-Hans }',
        "entity › Chinese label",
        "skos:prefLabel",
    ),
    (
        "untagged alt label",
        add("state:IRN", "skos:altLabel", '"Iran"'),
        "entity › alternative labels",
        "skos:altLabel",
    ),
    ("no key", drop("treaty:npt", "npo:key"), "entity › key", "npo:key"),
    (
        "same as not Wikidata",
        add("state:IRN", "owl:sameAs", "<http://dbpedia.org/resource/Iran>"),
        "entity › same as",
        "owl:sameAs",
    ),
    ("state key", put("state:IRN", "npo:key", '"state/iran"'), "state › state key", "npo:key"),
    ("state closed", add("state:IRN", "npo:heldAt", "place:rabat"), "state", "npo:heldAt"),
    (
        "alpha-3",
        drop("state:MAR", "npo:iso3166Alpha3"),
        "state › alpha-3 code",
        "npo:iso3166Alpha3",
    ),
    (
        "alpha-2",
        put("state:IRN", "npo:iso3166Alpha2", '"I"'),
        "state › alpha-2 code",
        "npo:iso3166Alpha2",
    ),
    (
        "numeric",
        put("state:IRN", "npo:iso3166Numeric", '"36"'),
        "state › numeric code",
        "npo:iso3166Numeric",
    ),
    ("place key", put("place:rabat", "npo:key", '"place/Rabat"'), "place › place key", "npo:key"),
    (
        "located in",
        put("place:rabat", "npo:locatedIn", "org:iaea"),
        "place › located in",
        "npo:locatedIn",
    ),
    (
        "territory alpha-2",
        add("place:hong-kong", "npo:iso3166Alpha2", '"XH"'),
        "place › alpha-2 code",
        "npo:iso3166Alpha2",
    ),
    (
        "territory alpha-3",
        add("place:hong-kong", "npo:iso3166Alpha3", '"XHK"'),
        "place › alpha-3 code",
        "npo:iso3166Alpha3",
    ),
    (
        "territory numeric",
        add("place:hong-kong", "npo:iso3166Numeric", '"999"'),
        "place › numeric code",
        "npo:iso3166Numeric",
    ),
    ("place closed", add("place:rabat", "npo:year", '"2000"^^xsd:gYear'), "place", "npo:year"),
    (
        "org key",
        put("org:iaea", "npo:key", '"org/IAEA"'),
        "organisation › organisation key",
        "npo:key",
    ),
    (
        "part of",
        put("org:iaea-board", "npo:partOf", "state:IRN"),
        "organisation › part of",
        "npo:partOf",
    ),
    (
        "established by",
        put("org:1540-committee", "npo:establishedBy", "treaty:npt"),
        "organisation › established by",
        "npo:establishedBy",
    ),
    ("org year", put("org:iaea", "npo:year", '"1957"'), "organisation › year", "npo:year"),
    ("org closed", add("org:iaea", "npo:heldAt", "place:rabat"), "organisation", "npo:heldAt"),
    (
        "treaty key",
        put("treaty:npt", "npo:key", '"treaty/NPT"'),
        "treaty or other instrument › treaty key",
        "npo:key",
    ),
    (
        "treaty year",
        put("treaty:npt", "npo:year", "1968"),
        "treaty or other instrument › year",
        "npo:year",
    ),
    (
        "treaty symbol",
        add("treaty:npt", "npo:unSymbol", '"A/1"'),
        "treaty or other instrument › UN symbol",
        "npo:unSymbol",
    ),
    (
        "treaty closed",
        add("treaty:npt", "npo:partOf", "org:iaea"),
        "treaty or other instrument",
        "npo:partOf",
    ),
    (
        "resolution key",
        put("res:unsc-1737", "npo:key", '"resolution/1737"'),
        "resolution › resolution key",
        "npo:key",
    ),
    (
        "resolution number datatype",
        'INSERT DATA { res:unga-50-9 a npo:Resolution ; npo:key "resolution/unga-50-9" ; '
        'skos:prefLabel "A/RES/50/9"@en , "第50/9号决议"@zh-Hans ; npo:resolutionNumber "9" }',
        "resolution › resolution number",
        "npo:resolutionNumber",
    ),
    (
        "resolution year",
        put("res:unsc-1540", "npo:year", '"2004"'),
        "resolution › year",
        "npo:year",
    ),
    (
        "resolution symbol",
        add("res:unsc-1540", "npo:unSymbol", '"S/RES/1540"'),
        "resolution › UN symbol",
        "npo:unSymbol",
    ),
    (
        "subject state",
        put("res:unsc-1737", "npo:subjectState", "org:iaea"),
        "resolution › subject state",
        "npo:subjectState",
    ),
    (
        "resolution closed",
        add("res:unsc-1737", "npo:heldAt", "place:rabat"),
        "resolution",
        "npo:heldAt",
    ),
    (
        "unsc number missing",
        drop("res:unsc-1737", "npo:resolutionNumber"),
        "Security Council resolution number",
        "",
    ),
    (
        "initiative key",
        put("initiative:gicnt", "npo:key", '"initiative/GICNT"'),
        "initiative › initiative key",
        "npo:key",
    ),
    (
        "initiative year",
        put("initiative:gicnt", "npo:year", '"2006-01-01"^^xsd:date'),
        "initiative › year",
        "npo:year",
    ),
    (
        "initiative closed",
        add("initiative:gicnt", "npo:partOf", "org:iaea"),
        "initiative",
        "npo:partOf",
    ),
    (
        "event key",
        put("event:npt-revcon-2010", "npo:key", '"event/NPT 2010"'),
        "event › event key",
        "npo:key",
    ),
    (
        "event year",
        add("event:gicnt-meeting-2006", "npo:year", '"2007"^^xsd:gYear'),
        "event › year",
        "npo:year",
    ),
    (
        "start date",
        put("event:gicnt-meeting-2006", "npo:startDate", '"October 2006"'),
        "event › start date",
        "npo:startDate",
    ),
    (
        "series",
        add("event:gicnt-meeting-2006", "npo:series", '"other"'),
        "event › series",
        "npo:series",
    ),
    ("ordinal", put("event:npt-revcon-2010", "npo:ordinal", "0"), "event › ordinal", "npo:ordinal"),
    (
        "session",
        put("event:npt-prepcom-2007", "npo:session", '"1"'),
        "event › session",
        "npo:session",
    ),
    (
        "held at",
        put("event:gicnt-meeting-2006", "npo:heldAt", "state:MAR"),
        "event › held at",
        "npo:heldAt",
    ),
    (
        "concerns treaty",
        put("event:npt-revcon-2010", "npo:concernsTreaty", "org:iaea"),
        "event › concerns treaty",
        "npo:concernsTreaty",
    ),
    (
        "prepares for",
        put("event:npt-prepcom-2007", "npo:preparesFor", "treaty:npt"),
        "event › prepares for",
        "npo:preparesFor",
    ),
    ("event closed", add("event:npt-revcon-2010", "npo:partOf", "org:iaea"), "event", "npo:partOf"),
    (
        "document symbol",
        add("doc:d", "npo:unSymbol", '"CD/1" , "CD/2"'),
        "document › UN symbol",
        "npo:unSymbol",
    ),
    (
        "identifier",
        put("doc:d", "dcterms:identifier", '"D 1"'),
        "document › identifier",
        "dcterms:identifier",
    ),
    (
        "title",
        add("doc:d", "dcterms:title", '"另一个"@zh-Hans'),
        "document › title",
        "dcterms:title",
    ),
    (
        "date datatype",
        put("doc:d", "dcterms:date", '"2007-06-11"'),
        "document › date",
        "dcterms:date",
    ),
    (
        "document type",
        put("doc:d", "npo:documentType", "npo:Heading"),
        "document › document type",
        "npo:documentType",
    ),
    ("sender", put("doc:d", "npo:sender", '"Iran"'), "document › sender", "npo:sender"),
    (
        "recipient",
        add("doc:d", "npo:recipient", "state:MAR"),
        "document › recipient",
        "npo:recipient",
    ),
    ("transmits", put("doc:d", "npo:transmits", PAR), "document › transmits", "npo:transmits"),
    ("misspelt property", add("doc:d", "npo:sendr", "state:IRN"), "document", "npo:sendr"),
    (
        "expression of",
        drop(EXPR, "npo:expressionOf"),
        "language version › expression of",
        "npo:expressionOf",
    ),
    (
        "language",
        put(EXPR, "dcterms:language", '"Chinese!"'),
        "language version › language",
        "dcterms:language",
    ),
    (
        "source file",
        drop(EXPR, "npo:sourceFile"),
        "language version › source file",
        "npo:sourceFile",
    ),
    ("hash", put(EXPR, "npo:sha256", '"abc"'), "language version › hash", "npo:sha256"),
    (
        "encoding",
        add(EXPR, "npo:encoding", '"big5"'),
        "language version › encoding",
        "npo:encoding",
    ),
    ("no format", drop(EXPR, "dcterms:format"), "language version › format", "dcterms:format"),
    (
        "format",
        put(EXPR, "dcterms:format", '"application/msword"'),
        "language version › format",
        "dcterms:format",
    ),
    (
        "generated by",
        put(EXPR, "prov:wasGeneratedBy", '"build"'),
        "language version › generated by",
        "prov:wasGeneratedBy",
    ),
    ("expression closed", add(EXPR, "npo:order", "1"), "language version", "npo:order"),
    ("section document", drop(SEC, "dcterms:isPartOf"), "section › document", "dcterms:isPartOf"),
    ("section order", put(SEC, "npo:order", "-1"), "section › order", "npo:order"),
    ("section title", add(SEC, "dcterms:title", '"Statement"'), "section › title", "dcterms:title"),
    ("section closed", add(SEC, "npo:text", '"x"@en'), "section", "npo:text"),
    (
        "paragraph document",
        put(PAR, "dcterms:isPartOf", SEC),
        "paragraph › document",
        "dcterms:isPartOf",
    ),
    ("paragraph section", drop(PAR, "npo:inSection"), "paragraph › section", "npo:inSection"),
    ("paragraph order", put(PAR, "npo:order", "0"), "paragraph › order", "npo:order"),
    (
        "paragraph kind",
        put(PAR, "npo:paragraphKind", "npo:NoteVerbale"),
        "paragraph › kind",
        "npo:paragraphKind",
    ),
    ("printed number", put(PAR, "npo:number", "1"), "paragraph › printed number", "npo:number"),
    ("text", put(PAR, "npo:text", '"no language"'), "paragraph › text", "npo:text"),
    ("mentions", add(PAR, "npo:mentions", '"Iran"'), "paragraph › mentions", "npo:mentions"),
    ("paragraph closed", add(PAR, "npo:mention", "state:IRN"), "paragraph", "npo:mention"),
    ("numbered without number", drop(PAR, "npo:number"), "numbered paragraph", ""),
    (
        "software version",
        drop(BUILD, "npo:softwareVersion"),
        "build activity › software version",
        "npo:softwareVersion",
    ),
    ("used", add(BUILD, "prov:used", PAR), "build activity › used", "prov:used"),
    (
        "started at",
        add(BUILD, "prov:startedAtTime", '"today"'),
        "build activity › started at",
        "prov:startedAtTime",
    ),
    (
        "context string",
        put(CTX, "nif:isString", '"我们敦促伊朗。"@zh'),
        "paragraph text (NIF context) › string",
        "nif:isString",
    ),
    (
        "context begin",
        put(CTX, "nif:beginIndex", '"1"^^xsd:nonNegativeInteger'),
        "paragraph text (NIF context) › begin",
        "nif:beginIndex",
    ),
    (
        "context end",
        put(CTX, "nif:endIndex", "7"),
        "paragraph text (NIF context) › end",
        "nif:endIndex",
    ),
    (
        "context length",
        put(CTX, "nif:endIndex", '"8"^^xsd:nonNegativeInteger'),
        "paragraph text (NIF context)",
        "",
    ),
    (
        "context paragraph",
        drop(CTX, "npo:ofParagraph"),
        "paragraph text (NIF context) › paragraph",
        "npo:ofParagraph",
    ),
    (
        "context expression",
        put(CTX, "dcterms:isPartOf", "doc:d"),
        "paragraph text (NIF context) › language version",
        "dcterms:isPartOf",
    ),
    (
        "context source begin",
        put(CTX, "npo:sourceBeginIndex", '"9"^^xsd:nonNegativeInteger'),
        "paragraph text (NIF context) › source begin",
        "npo:sourceBeginIndex",
    ),
    (
        "context source end",
        drop(CTX, "npo:sourceEndIndex"),
        "paragraph text (NIF context) › source end",
        "npo:sourceEndIndex",
    ),
    (
        "context closed",
        add(CTX, "nif:anchorOf", '"x"'),
        "paragraph text (NIF context)",
        "nif:anchorOf",
    ),
    (
        "span context",
        drop(SPAN, "nif:referenceContext"),
        "mention (NIF span) › context",
        "nif:referenceContext",
    ),
    (
        "span begin after end",
        put(SPAN, "nif:beginIndex", '"6"^^xsd:nonNegativeInteger'),
        "mention (NIF span) › begin",
        "nif:beginIndex",
    ),
    ("span end", drop(SPAN, "nif:endIndex"), "mention (NIF span) › end", "nif:endIndex"),
    ("span anchor", drop(SPAN, "nif:anchorOf"), "mention (NIF span) › anchor", "nif:anchorOf"),
    (
        "span entity",
        put(SPAN, "itsrdf:taIdentRef", '"Iran"'),
        "mention (NIF span) › entity",
        "itsrdf:taIdentRef",
    ),
    ("span rule", put(SPAN, "npo:rule", '"gazetteer"'), "mention (NIF span) › rule", "npo:rule"),
    (
        "span source begin",
        put(SPAN, "npo:sourceBeginIndex", '"8"^^xsd:nonNegativeInteger'),
        "mention (NIF span) › source begin",
        "npo:sourceBeginIndex",
    ),
    (
        "span source end",
        drop(SPAN, "npo:sourceEndIndex"),
        "mention (NIF span) › source end",
        "npo:sourceEndIndex",
    ),
    ("span anchor text", put(SPAN, "nif:anchorOf", '"伊拉克"'), "mention (NIF span)", ""),
    ("span closed", add(SPAN, "npo:mentions", "state:IRN"), "mention (NIF span)", "npo:mentions"),
    (
        "term English label",
        'DELETE DATA { npo:State rdfs:label "state"@en }',
        "ontology term › English label",
        "rdfs:label",
    ),
    (
        "term Chinese label",
        'DELETE DATA { npo:State rdfs:label "国家"@zh-Hans }',
        "ontology term › Chinese label",
        "rdfs:label",
    ),
    ("term comment", drop("npo:State", "rdfs:comment"), "ontology term › comment", "rdfs:comment"),
    (
        "property domain",
        drop("npo:mentions", "rdfs:domain"),
        "ontology property › domain",
        "rdfs:domain",
    ),
    (
        "property range",
        drop("npo:mentions", "rdfs:range"),
        "ontology property › range",
        "rdfs:range",
    ),
]
# Cases where a second shape rightly reports too.
ALSO: dict[str, list[tuple[str, str]]] = {
    "fact without its triple": [],
    "span begin after end": [("mention (NIF span)", "")],  # the anchor no longer matches
}
CASES += [
    (
        "proposed by",
        put("initiative:gicnt", "npo:proposedBy", "treaty:npt"),
        "initiative › proposed by",
        "npo:proposedBy",
    ),
    (
        "launched at",
        add("initiative:gicnt", "npo:launchedAt", "place:rabat"),
        "initiative › launched at",
        "npo:launchedAt",
    ),
    (
        "established at",
        put("org:iaea-iec", "npo:establishedAt", "org:iaea"),
        "organisation › established at",
        "npo:establishedAt",
    ),
    (
        "adopted by",
        put("res:unsc-1540", "npo:adoptedBy", "state:IRN"),
        "resolution › adopted by",
        "npo:adoptedBy",
    ),
    (
        "adopted at",
        put("treaty:npt", "npo:adoptedAt", "place:rabat"),
        "treaty or other instrument › adopted at",
        "npo:adoptedAt",
    ),
    (
        "number of states",
        put("treaty:npt", "npo:stateCount", "-1"),
        "treaty or other instrument › number of states",
        "npo:stateCount",
    ),
    (
        "event date",
        put("event:gicnt-meeting-2006", "npo:date", '"30 October 2006"'),
        "event › date",
        "npo:date",
    ),
    (
        "section author",
        put(SEC, "dcterms:creator", "treaty:npt"),
        "section › author",
        "dcterms:creator",
    ),
    (
        "stance type",
        put(STANCE, "npo:stanceType", "npo:Heading"),
        "stance › stance type",
        "npo:stanceType",
    ),
    ("stance actor", put(STANCE, "npo:actor", "treaty:npt"), "stance › actor", "npo:actor"),
    (
        "stance addressee",
        put(STANCE, "npo:addressee", "event:npt-revcon-2010"),
        "stance › addressee",
        "npo:addressee",
    ),
    ("stance topic", add(STANCE, "npo:topic", '"the NPT"'), "stance › topic", "npo:topic"),
    ("stance polarity", put(STANCE, "npo:polarity", '"no"'), "stance › polarity", "npo:polarity"),
    ("stance cue", put(STANCE, "npo:cue", '"敦促"'), "stance › cue", "npo:cue"),
    (
        "stance paragraph",
        drop(STANCE, "prov:wasDerivedFrom"),
        "stance › paragraph",
        "prov:wasDerivedFrom",
    ),
    ("stance rule", drop(STANCE, "npo:rule"), "stance › rule", "npo:rule"),
    (
        "stance generated by",
        drop(STANCE, "prov:wasGeneratedBy"),
        "stance › generated by",
        "prov:wasGeneratedBy",
    ),
    ("stance closed", add(STANCE, "npo:mentions", "state:IRN"), "stance", "npo:mentions"),
    (
        "stance without participants",
        f"DELETE WHERE {{ {STANCE} npo:addressee ?a }} ; DELETE WHERE {{ {STANCE} npo:topic ?t }}",
        "stance participants",
        "",
    ),
    ("fact subject", put(FACT, "rdf:subject", '"GICNT"'), "fact › subject", "rdf:subject"),
    (
        "fact predicate",
        put(FACT, "rdf:predicate", "npo:mentions"),
        "fact › predicate",
        "rdf:predicate",
    ),
    ("fact object", drop(FACT, "rdf:object"), "fact › object", "rdf:object"),
    ("fact evidence", drop(FACT, "npo:evidence"), "fact › evidence", "npo:evidence"),
    ("fact when", put(FACT, "npo:when", '"last year"'), "fact › when", "npo:when"),
    (
        "fact when text",
        add(FACT, "npo:whenText", '"去年秋天"'),
        "fact › when, as written",
        "npo:whenText",
    ),
    (
        "fact paragraph",
        put(FACT, "prov:wasDerivedFrom", SEC),
        "fact › paragraph",
        "prov:wasDerivedFrom",
    ),
    ("fact rule", put(FACT, "npo:rule", '"launched at"'), "fact › rule", "npo:rule"),
    (
        "fact generated by",
        add(FACT, "prov:wasGeneratedBy", "<urn:x:other>"),
        "fact › generated by",
        "prov:wasGeneratedBy",
    ),
    ("fact closed", add(FACT, "npo:topic", "treaty:npt"), "fact", "npo:topic"),
    (
        "fact without its triple",
        "DELETE DATA { initiative:gicnt npo:launchedAt event:gicnt-meeting-2006 }",
        "fact triple",
        "",
    ),
    (
        "evidence context",
        drop(CUE, "nif:referenceContext"),
        "evidence span › context",
        "nif:referenceContext",
    ),
    (
        "evidence begin",
        put(CUE, "nif:beginIndex", '"5"^^xsd:nonNegativeInteger'),
        "evidence span › begin",
        "nif:beginIndex",
    ),
    ("evidence end", drop(CUE, "nif:endIndex"), "evidence span › end", "nif:endIndex"),
    ("evidence anchor", drop(CUE, "nif:anchorOf"), "evidence span › anchor", "nif:anchorOf"),
    ("evidence anchor text", put(CUE, "nif:anchorOf", '"呼吁"'), "evidence span", ""),
]
ALSO.update(
    {
        # a literal as cue is itself checked as an evidence span, and has none of its parts
        "stance cue": [
            ("evidence span › context", "nif:referenceContext"),
            ("evidence span › begin", "nif:beginIndex"),
            ("evidence span › end", "nif:endIndex"),
            ("evidence span › anchor", "nif:anchorOf"),
        ],
        # the span check says so too; it tests begin < end itself, for SUBSTR with a negative
        # length is "" in pySHACL (as XPath says) but an error in pyshacl-turbo
        "evidence begin": [("evidence span", "")],
        # the reified triple no longer stands beside the fact
        "fact subject": [("fact triple", "")],
        "fact predicate": [("fact triple", "")],
    }
)
WARNINGS = [("no date", drop("doc:d", "dcterms:date"), "document date › date", "dcterms:date")]

NAMESPACES = {line.split()[1][:-1]: line.split()[2][1:-1] for line in PREFIXES.strip().splitlines()}


def expand(curie: str) -> str:
    if not curie:
        return ""
    prefix, _, local = curie.partition(":")
    return f"<{NAMESPACES[prefix]}{local}>"


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return load_shapes()


def base() -> rdflib.Graph:
    graph = rdflib.Graph().parse(FIXTURES / "shapes_base.ttl")
    return graph.parse(ontology_dir() / "nonprolif.ttl")


def violations(report: ValidationReport) -> set[tuple[str, str, str]]:
    return {(r.severity, r.shape_name, r.path) for r in report.results}


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_the_conforming_example_conforms(shapes: Shapes, engine: str) -> None:
    report = validate_graph(base(), shapes, engine)
    assert report.conforms and report.results == ()


@pytest.mark.parametrize(
    ("case", "update", "shape", "path"), CASES + WARNINGS, ids=[c[0] for c in CASES + WARNINGS]
)
def test_each_shape_catches_its_violation_on_both_engines(
    shapes: Shapes, case: str, update: str, shape: str, path: str
) -> None:
    graph = base()
    graph.update(PREFIXES + update)
    severity = "Warning" if (case, update, shape, path) in WARNINGS else "Violation"
    found = {}
    for engine in ("turbo", "pyshacl"):
        report = validate_graph(graph, shapes, engine)
        found[engine] = violations(report)
        assert report.conforms is (severity != "Violation")
    assert found["turbo"] == found["pyshacl"], "the two engines disagree"
    # a worker hands its document's graph over as N-Triples, with the shapes of its classes
    classes = {str(o) for o in graph.objects(None, RDF.type)}
    text = graph.serialize(format="nt", encoding="utf-8")
    for engine in ("turbo", "pyshacl"):
        assert violations(validate_part(text, classes, shapes, engine)) == found[engine], engine
    expected = {(severity, shape, expand(path))}
    expected |= {("Violation", name, expand(p)) for name, p in ALSO.get(case, [])}
    assert found["turbo"] == expected


def test_every_shape_has_a_case(shapes: Shapes) -> None:
    from rdflib import RDF, SH

    named = set()
    for prop in shapes.graph.subjects(SH.path, None):
        if (None, SH.property, prop) in shapes.graph:
            named.add(shapes.name_of(prop))
    for node in shapes.graph.subjects(RDF.type, SH.NodeShape):
        has_own = any(
            True for p in (SH.closed, SH.sparql, SH["or"]) for _ in shapes.graph.objects(node, p)
        )
        if has_own and isinstance(node, rdflib.URIRef):
            named.add(shapes.name_of(node))
    covered = {c[2] for c in CASES + WARNINGS}
    assert named - covered == set()


def test_a_shapes_file_that_does_not_parse_is_refused_with_file_and_line(tmp_path: Path) -> None:
    for path in shapes_dir().glob("*.ttl"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = tmp_path / "text.ttl"
    broken.write_text(
        broken.read_text(encoding="utf-8") + "\nnps:X a sh:NodeShape ;\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        load_shapes(tmp_path)
    assert str(info.value).startswith(f"{broken}:")
    assert "is not valid Turtle" in str(info.value)


def test_a_malformed_shape_is_refused_with_its_file(tmp_path: Path) -> None:
    for path in shapes_dir().glob("*.ttl"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    bad = tmp_path / "extra.ttl"
    bad.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:x:BadShape> a sh:NodeShape ; sh:targetClass <urn:x:C> ;\n"
        '    sh:property [ sh:path <urn:x:p> ; sh:minCount "one" ] .\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_shapes(tmp_path)
    assert str(info.value).startswith(f"{bad}: is not valid SHACL")


def test_an_empty_shapes_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="holds no shapes"):
        load_shapes(tmp_path)
