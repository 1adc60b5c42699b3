"""Stage segment: the bundled document's paragraphs, sections and header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.model import ParagraphKind, SourceText
from nonprolif_kg.normalize import normalize
from nonprolif_kg.segment import doc_id_from_path, segment

from .conftest import load_fixture


def test_paragraphs_equal_the_expected_list(bundled: BuiltDocument) -> None:
    expected = load_fixture("bundled_paragraphs.json")
    got = [
        {
            "order": p.order,
            "kind": p.kind.value,
            "section": p.section,
            "number": p.number,
            "text": p.text,
        }
        for p in bundled.document.paragraphs
    ]
    assert got == expected


def test_numbered_paragraphs_run_from_1_to_20(bundled: BuiltDocument) -> None:
    numbers = [p.number for p in bundled.document.paragraphs if p.kind is ParagraphKind.NUMBERED]
    assert numbers == [str(n) for n in range(1, 21)]


def test_header(bundled: BuiltDocument) -> None:
    header = bundled.document.header
    assert header.date == dt.date(2007, 6, 11)
    assert header.doc_type == "note-verbale"
    assert header.sender == "state/DEU"
    assert header.recipient == "org/cd"
    assert header.transmits == ("关于不扩散问题的海利根达姆声明", "核安全与保障小组的报告")


def test_sections_are_the_note_and_the_two_transmitted_texts(bundled: BuiltDocument) -> None:
    doc = bundled.document
    assert [s.title for s in doc.sections] == [None, *doc.header.transmits]
    first = {
        s.index: min(p.order for p in doc.paragraphs if p.section == s.index) for s in doc.sections
    }
    assert first == {0: 1, 1: 6, 2: 27}


def test_paragraph_text_slices_the_normalised_text(bundled: BuiltDocument) -> None:
    doc = bundled.document
    for p in doc.paragraphs:
        assert doc.normalized.text[p.begin : p.end] == p.text


def test_doc_id_is_a_slug_of_the_file_name() -> None:
    assert doc_id_from_path(Path("corpus/000_5a18f3973b53acff.txt")) == "000-5a18f3973b53acff"
    assert doc_id_from_path(Path("CD 1819 (zh).txt")) == "cd-1819-zh"
    assert doc_id_from_path(Path("___.txt")) == "doc"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("我们重申支持。，：1.2. •−\n\n\u2029abc")), max_size=300)
)
def test_paragraphs_never_overlap_and_keep_order(text: str) -> None:
    normalized = normalize(text)
    source = SourceText(path=Path("x.txt"), text=text, encoding="utf-8", sha256="0" * 64)
    doc = segment(source, normalized, "zh-Hans")
    previous_end = -1
    for order, p in enumerate(doc.paragraphs, start=1):
        assert p.order == order
        assert previous_end <= p.begin < p.end <= len(normalized.text)
        assert normalized.text[p.begin : p.end] == p.text
        previous_end = p.end
