"""English documents: unwrapping, segmentation, entities, resolutions, header,
stances and facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import rdflib

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.errors import InputError
from nonprolif_kg.evaluate import evaluate
from nonprolif_kg.language import detect_language
from nonprolif_kg.matcher import Gazetteer
from nonprolif_kg.normalize import BLOCK_SEPARATOR, normalize
from nonprolif_kg.pipeline import build, process

from .conftest import FIXTURES

NOTE = FIXTURES / "english_note.txt"


def test_language_detection() -> None:
    assert detect_language("We urge Iran to comply with resolution 1737.") == "en"
    assert detect_language("我们敦促伊朗。") == "zh-Hans"
    with pytest.raises(InputError, match="neither Chinese nor English"):
        detect_language("Совет Безопасности подтверждает резолюцию 1540.", "ru.txt")


def test_wrapped_english_lines_join_and_hyphens_mend() -> None:
    text = "We urge all States to sign the non-prolif-\neration treaty and\nto ratify it.\n\nNext."
    assert normalize(text).text.split(BLOCK_SEPARATOR) == [
        "We urge all States to sign the non-proliferation treaty and to ratify it.",
        "Next.",
    ]
    assert normalize("ﬁssile\u00a0material").text == "fissile material"


def test_the_english_note_is_segmented_and_its_header_read() -> None:
    built = process(NOTE)
    doc = built.document
    assert doc.lang == "en"
    assert [p.kind.value for p in doc.paragraphs] == [
        "title",
        "text",
        "heading",
        "numbered",
        "numbered",
        "numbered",
        "numbered",
    ]
    assert [p.number for p in doc.paragraphs if p.number] == ["1", "2", "3", "4"]
    assert "non-proliferation and disarmament regime" in doc.paragraphs[3].text
    header = doc.header
    assert (header.date, header.sender, header.recipient, header.doc_type) == (
        dt.date(2007, 6, 11),
        "state/DEU",
        "org/cd",
        "note-verbale",
    )


def test_english_entities_match_the_gold_traps_included() -> None:
    scores = evaluate([FIXTURES / "english_gold.json"])["en"]["entities"]
    assert (scores.missed, scores.spurious) == ([], [])
    assert scores.tp == 33


def test_english_stances_match_the_gold() -> None:
    scores = evaluate([FIXTURES / "english_gold.json"])["en"]["stances"]
    assert (scores.missed, scores.spurious) == ([], [])
    assert scores.tp == 5


def test_we_in_the_transmitted_statement_is_the_g8() -> None:
    doc = process(NOTE).document
    assert [(s.title, s.author) for s in doc.sections] == [
        (None, "state/DEU"),
        ("Heiligendamm Statement on Non-Proliferation", "org/g8"),
    ]


def test_english_resolution_lists_are_one_resource_each() -> None:
    built = process(NOTE)
    anchors = {(m.anchor, m.key) for m in built.mentions if m.key.startswith("resolution/")}
    assert ("resolutions 1540 (2004)", "resolution/unsc-1540") in anchors
    assert ("1747 (2007)", "resolution/unsc-1747") in anchors
    assert ("UNSCR 1737", "resolution/unsc-1737") in anchors
    assert ("S/RES/1887 (2009)", "resolution/unsc-1887") in anchors
    assert not [k for _, k in anchors if k in ("resolution/unsc-50", "resolution/unsc-9")]
    assert ("resolution 50/9", "resolution/unga-50-9") in anchors


def test_an_english_document_builds_a_conforming_graph(tmp_path: Path) -> None:
    result = build([NOTE], tmp_path, summary=False)
    assert result.validation is not None and result.validation.conforms
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert '"en"' in text and "/en/p/4" in text


RESOLUTION = FIXTURES / "english_resolution.txt"


def test_a_council_resolution_is_read_as_the_councils_text() -> None:
    built = process(RESOLUTION)
    header = built.document.header
    assert (header.doc_type, header.sender, header.date) == (
        "resolution",
        "org/unsc",
        dt.date(2006, 10, 14),
    )
    council = [m for m in built.mentions if m.rule == "self-reference-en/1"]
    assert [(m.paragraph, m.anchor, m.key) for m in council] == [(11, "the Council", "org/unsc")]


def test_the_resolution_matches_its_gold() -> None:
    scores = evaluate([FIXTURES / "english_resolution_gold.json"])["en"]
    for kind in ("entities", "stances"):
        assert (scores[kind].missed, scores[kind].spurious) == ([], []), kind
    assert (scores["entities"].tp, scores["stances"].tp) == (16, 5)


def test_the_council_is_not_the_security_council_in_other_texts() -> None:
    built = process(NOTE)
    assert not [m for m in built.mentions if m.rule == "self-reference-en/1"]


def test_english_facts_match_the_gold() -> None:
    scores = evaluate([FIXTURES / "english_statement_gold.json"])["en"]
    for kind in ("entities", "facts"):
        assert (scores[kind].missed, scores[kind].spurious) == ([], []), kind
    assert scores["facts"].tp == 11


def test_english_relative_dates() -> None:
    from nonprolif_kg.temporal import relative_dates

    found = relative_dates(
        "five years ago, last year, last September, this year", dt.date(2007, 6, 8)
    )
    assert [(d.text, d.value) for d in found] == [
        ("five years ago", "2002"),
        ("last year", "2006"),
        ("last September", "2006-09"),
        ("this year", "2007"),
    ]


def test_other_decisions_are_resources_that_conform(tmp_path: Path) -> None:
    source = tmp_path / "decisions.txt"
    source.write_text(
        "Statement on decisions\n\n"
        "1. We recall General Assembly resolution 50/9, the presidential statement "
        "S/PRST/2006/15, Board of Governors resolution GOV/2006/14 and General "
        "Conference resolution GC(51)/RES/11.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = build([source], out, summary=False)
    assert result.validation is not None and result.validation.conforms
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    rows = graph.query(
        """PREFIX npo: <https://w3id.org/nonprolif/ontology#>
        SELECT ?key ?body WHERE {
          ?r a npo:Resolution ; npo:key ?key ; npo:adoptedBy/npo:key ?body .
          ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?r .
        }"""
    )
    assert {(str(k), str(b)) for k, b in rows} == {
        ("resolution/unga-50-9", "org/unga"),
        ("resolution/unsc-prst-2006-15", "org/unsc"),
        ("resolution/iaea-gov-2006-14", "org/iaea-board"),
        ("resolution/iaea-gc-51-11", "org/iaea"),
    }


def test_a_name_with_a_curly_apostrophe_is_found() -> None:
    # The catalogue spells "Cote d'Ivoire" (no accent) with a straight apostrophe only.
    text = normalize("Officials of Cote d\u2019Ivoire attended.").text
    keys = {m.key for m in Gazetteer(load_catalogue()).find(text)}
    assert "state/CIV" in keys
