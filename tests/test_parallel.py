"""Language versions of one document: a metadata file gives them one symbol, and they
become two expressions of one work, with shared paragraphs and merged assertions."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from nonprolif_kg.errors import InputError
from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.metadata import read_metadata
from nonprolif_kg.pipeline import BuildResult, build, process

from .conftest import FIXTURES

PARALLEL = FIXTURES / "parallel"
ZH, EN = PARALLEL / "statement.zh.txt", PARALLEL / "statement.en.txt"
WORK = "https://w3id.org/nonprolif/id/doc/g8-2007-np"
PREFIXES = """
PREFIX npo: <https://w3id.org/nonprolif/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def pair() -> tuple[BuiltDocument, BuiltDocument]:
    return process(ZH), process(EN)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("parallel")
    return out, build([PARALLEL], out, summary=False)


def test_both_versions_get_the_symbols_document_id(pair: tuple[BuiltDocument, ...]) -> None:
    zh, en = pair
    assert zh.document.doc_id == en.document.doc_id == "g8-2007-np"
    assert (zh.document.lang, en.document.lang) == ("zh-Hans", "en")
    assert zh.document.header.sender == en.document.header.sender == "org/g8"


def test_entities_agree_paragraph_by_paragraph(pair: tuple[BuiltDocument, ...]) -> None:
    zh, en = pair

    def keys(b: BuiltDocument) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for m in b.mentions:
            out.setdefault(m.paragraph, set()).add(m.key)
        return out

    assert keys(zh) == keys(en)


def test_stances_and_facts_agree(pair: tuple[BuiltDocument, ...]) -> None:
    zh, en = pair

    def stances(b: BuiltDocument) -> set[tuple[object, ...]]:
        return {
            (s.paragraph, s.stance_type, s.actor, s.addressees, frozenset(s.topics), s.polarity)
            for s in b.extraction.stances
        }

    def facts(b: BuiltDocument) -> set[tuple[object, ...]]:
        return {(f.paragraph, f.subject, f.predicate, f.obj) for f in b.extraction.facts}

    assert stances(zh) == stances(en) and len(stances(zh)) == 11
    assert facts(zh) == facts(en) and len(facts(zh)) == 5


def test_one_work_two_expressions_shared_paragraphs(built: tuple[Path, BuildResult]) -> None:
    out, result = built
    assert result.validation is not None and result.validation.conforms
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    query = (
        PREFIXES
        + f"""SELECT ?lang WHERE {{ GRAPH ?g {{
        ?e npo:expressionOf <{WORK}> ; dcterms:language ?lang }} }} ORDER BY ?lang"""
    )
    langs = [r["lang"].value for r in store.query(query)]
    assert langs == ["en", "zh-Hans"]
    texts = list(
        store.query(
            PREFIXES
            + f"""SELECT ?text WHERE {{ GRAPH ?g {{
        <{WORK}/p/2> npo:text ?text }} }}"""
        )
    )
    assert sorted(t["text"].language for t in texts) == ["en", "zh-hans"]
    symbol = list(
        store.query(
            PREFIXES
            + f"""SELECT ?s WHERE {{ GRAPH ?g {{
        <{WORK}> npo:unSymbol ?s }} }}"""
        )
    )
    assert [r["s"].value for r in symbol] == ["G8/2007/NP"]


def test_an_assertion_in_both_versions_is_one_node_with_two_evidences(
    built: tuple[Path, BuildResult],
) -> None:
    store = ox.Store()
    store.load(path=str(built[0] / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = list(
        store.query(
            PREFIXES
            + """
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?fact (COUNT(DISTINCT ?evidence) AS ?n) WHERE { GRAPH ?g {
          ?fact a npo:Fact ; npo:evidence ?evidence } } GROUP BY ?fact"""
        )
    )
    assert len(rows) == 5
    assert {int(r["n"].value) for r in rows} == {2}
    cues = list(
        store.query(
            PREFIXES
            + """
        SELECT ?stance (COUNT(DISTINCT ?cue) AS ?n) WHERE { GRAPH ?g {
          ?stance a npo:Stance ; npo:cue ?cue } } GROUP BY ?stance"""
        )
    )
    assert len(cues) == 11 and {int(r["n"].value) for r in cues} == {2}


def test_a_bad_metadata_file_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("我们敦促伊朗。\n", encoding="utf-8")
    meta = tmp_path / "a.meta.json"
    for content, reason in (
        (
            '{"symbol": "CD/1", "colour": "red"}',
            "has an unknown key 'colour' (known: author, date, lang, symbol)",
        ),
        ('{"date": "11 June 2007"}', "'date' '11 June 2007' is not a date (YYYY-MM-DD)"),
        ('{"lang": "fr"}', "'lang' 'fr' is not one of zh-Hans, zh-Hant, en"),
        ("[1]", "must hold a JSON object"),
    ):
        meta.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as info:
            read_metadata(doc)
        assert str(info.value) == f"{meta}: {reason}"
    meta.write_text(json.dumps({"symbol": "CD/1819", "author": "org/g8"}), encoding="utf-8")
    built = process(doc)
    assert built.document.doc_id == "cd-1819"
    assert [s.actor for s in built.extraction.stances] == ["org/g8"]
