"""make docs: the ontology page (pyLODE) and the shapes page."""

from __future__ import annotations

from pathlib import Path

from nonprolif_kg.docs import shapes_html, write_docs
from nonprolif_kg.shapes import load_shapes


def test_docs_describe_every_class_and_shape(tmp_path: Path) -> None:
    pages = write_docs(tmp_path)
    assert [p.name for p in pages] == ["ontology.html", "shapes.html", "index.html"]
    ontology = (tmp_path / "ontology.html").read_text(encoding="utf-8")
    for term in ("Paragraph", "mentions", "段落", "Resolution"):
        assert term in ontology
    shapes = (tmp_path / "shapes.html").read_text(encoding="utf-8")
    assert "mention (NIF span)" in shapes
    assert "A span names the rule that found it, as name/version." in shapes
    assert 'href="shapes.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_shapes_page_lists_every_named_node_shape() -> None:
    shapes = load_shapes()
    page = shapes_html(shapes)
    from rdflib import RDF, SH, URIRef

    for node in shapes.graph.subjects(RDF.type, SH.NodeShape):
        name = shapes.graph.value(node, SH.name)
        if isinstance(node, URIRef) and name is not None:
            assert f">{name}</h2>" in page
