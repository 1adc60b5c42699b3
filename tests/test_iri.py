"""IRI minting: valid, stable, and refusing what cannot be an IRI."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nonprolif_kg.iri import DEFAULT_BASE, Minter, check_base, lang_segment

segment = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)


@given(segment, st.integers(0, 10_000), st.integers(0, 500), st.integers(1, 500))
def test_minted_iris_are_valid_and_stable(doc_id: str, order: int, begin: int, length: int) -> None:
    minter = Minter()
    iris = [
        minter.document(doc_id),
        minter.expression(doc_id, "zh-Hans"),
        minter.paragraph(doc_id, order),
        minter.context(doc_id, "en", order),
        minter.span(doc_id, "zh-Hans", order, begin, begin + length),
        minter.entity(f"org/{doc_id}"),
        minter.graph(f"doc/{doc_id}"),
    ]
    for iri in iris:
        assert ox.NamedNode(iri).value == iri
        assert iri.startswith(DEFAULT_BASE)
    assert iris == [Minter().document(doc_id), *iris[1:]]


def test_layout_follows_the_design() -> None:
    m = Minter()
    assert m.entity("state/IRN") == "https://w3id.org/nonprolif/id/state/IRN"
    assert m.entity("resolution/unsc-1540") == "https://w3id.org/nonprolif/id/resolution/unsc-1540"
    assert m.expression("cd-1819", "zh-Hans") == "https://w3id.org/nonprolif/id/doc/cd-1819/zh"
    assert m.paragraph("cd-1819", 7) == "https://w3id.org/nonprolif/id/doc/cd-1819/p/7"
    assert lang_segment("zh-Hant") == "zh-hant"


@pytest.mark.parametrize("bad", ["ftp://x/", "https://x", "not an iri/", "https://x y/", "/rel/"])
def test_bad_bases_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        check_base(bad)


def test_unsafe_segments_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be an IRI path segment"):
        Minter().entity("org/a b")


def test_document_ids_from_non_ascii_file_names() -> None:
    from pathlib import Path

    from nonprolif_kg.segment import doc_id_from_path

    assert doc_id_from_path(Path("G8 声明 2007.txt")) == "g8-2007-ee6a1ffa"
    assert doc_id_from_path(Path("报告 2007.txt")) == "2007-45d5ec33"
    assert doc_id_from_path(Path("报告.txt")).startswith("doc-")
    assert doc_id_from_path(Path("报告.txt")) != doc_id_from_path(Path("声明.txt"))
    assert doc_id_from_path(Path("000_ab.txt")) == "000-ab"
