"""The ontology and the vocabulary module agree, and the ontology is complete."""

from __future__ import annotations

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from nonprolif_kg.lexicon import load_lexicon
from nonprolif_kg.resources import ontology_dir
from nonprolif_kg.vocab import NPO, NPO_IRI

ONTOLOGY = rdflib.Graph().parse(ontology_dir() / "nonprolif.ttl")
OWL_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
KINDS = (*OWL_KINDS, SKOS.Concept, SKOS.ConceptScheme)


def declared(kinds: tuple[rdflib.URIRef, ...] = KINDS) -> set[str]:
    return {
        str(s)[len(NPO_IRI) :]
        for kind in kinds
        for s in ONTOLOGY.subjects(RDF.type, kind)
        if str(s).startswith(NPO_IRI)
    }


def test_vocab_names_exactly_the_declared_terms() -> None:
    in_module = set(NPO.__annotations__)
    assert in_module == declared()


def test_a_misspelt_term_raises() -> None:
    try:
        NPO.mention  # noqa: B018
    except AttributeError:
        return
    raise AssertionError("NPO.mention should not exist")


def test_every_term_has_english_and_chinese_labels_and_a_comment() -> None:
    for name in sorted(declared(OWL_KINDS)):
        term = NPO[name]
        langs = {lbl.language for lbl in ONTOLOGY.objects(term, RDFS.label)}
        assert {"en", "zh-Hans"} <= {str(x) for x in langs}, name
        assert list(ONTOLOGY.objects(term, RDFS.comment)), name


def test_every_property_has_a_domain_and_a_range() -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ONTOLOGY.subjects(RDF.type, kind):
            assert ONTOLOGY.value(prop, RDFS.domain) is not None, prop
            assert ONTOLOGY.value(prop, RDFS.range) is not None, prop


def test_the_graph_uses_only_declared_npo_terms(bundled_terms: set[str]) -> None:
    assert bundled_terms <= declared()


def test_the_stance_scheme_matches_the_lexicon_types() -> None:
    concepts = {
        str(ONTOLOGY.value(c, SKOS.notation)): c
        for c in ONTOLOGY.subjects(SKOS.inScheme, NPO.StanceTypes)
    }
    types = load_lexicon().types
    assert set(concepts) == {t.notation for t in types}
    for t in types:
        labels = {
            (str(lbl), lbl.language)
            for lbl in ONTOLOGY.objects(concepts[t.notation], SKOS.prefLabel)
        }
        assert {(t.en, "en"), (t.zh, "zh-Hans")} <= labels
    required = {
        "reaffirm",
        "support",
        "welcome",
        "urge",
        "call-upon",
        "request",
        "encourage",
        "commit",
        "condemn",
        "regret",
        "note",
        "decide",
    }
    assert required <= set(concepts)
