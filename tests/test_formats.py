"""HTML pages and PDF files give the graph their plain text gives.

The pages and PDFs are made here from the test texts (``tests/documents.py``):
HTML in site chrome, in UTF-8 and GB2312; PDFs with a CJK font embedded and the
page furniture of UN documents. Each must give the same paragraphs, mentions,
stances and facts as the text it was made from.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from nonprolif_kg.errors import InputError
from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.pipeline import build, process
from nonprolif_kg.read import read_source
from nonprolif_kg.read_html import html_text
from nonprolif_kg.read_pdf import pdf_text, strip_furniture

from .conftest import BUNDLED, FIXTURES
from .documents import blocks, html_page, pdf_document, raw_pdf, scanned_pdf

TEXTS = [
    BUNDLED,
    FIXTURES / "english_statement.txt",
    FIXTURES / "english_resolution.txt",
    FIXTURES / "english_note.txt",
]


def same_graph_material(got: BuiltDocument, want: BuiltDocument) -> None:
    def paragraphs(b: BuiltDocument) -> list[tuple[str, str | None, str]]:
        return [(p.kind.value, p.number, p.text) for p in b.document.paragraphs]

    assert paragraphs(got) == paragraphs(want)
    assert got.document.header == want.document.header
    assert got.document.lang == want.document.lang
    assert got.mentions == want.mentions
    assert got.extraction.stances == want.extraction.stances
    assert got.extraction.facts == want.extraction.facts


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_an_html_page_gives_what_its_text_gives(tmp_path: Path, text: Path, charset: str) -> None:
    page = tmp_path / f"{text.stem}.html"
    page.write_bytes(html_page(blocks(text), charset=charset))
    got = process(page)
    assert got.document.source.media_type == "text/html"
    assert got.document.source.encoding == ("gb18030" if charset == "gb2312" else "utf-8")
    same_graph_material(got, process(text))


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_a_pdf_gives_what_its_text_gives(tmp_path: Path, text: Path) -> None:
    pdf = tmp_path / f"{text.stem}.pdf"
    pdf.write_bytes(pdf_document(blocks(text)))
    got = process(pdf)
    assert got.document.source.media_type == "application/pdf"
    assert got.document.source.encoding is None
    same_graph_material(got, process(text))


def test_the_pdf_furniture_is_gone(tmp_path: Path) -> None:
    text = pdf_text(pdf_document(blocks(BUNDLED), symbol="CD/1819", job="GE.07-61789 (C)"))
    assert "GE.07" not in text and "CD/1819" not in text and "Page" not in text
    assert text.startswith("2007年6月11日德国常驻裁军谈判会议代表团")


def test_site_chrome_is_not_text() -> None:
    text, _ = html_text(html_page(["我们敦促伊朗遵守安全理事会的决议。"]))
    assert text == "我们敦促伊朗遵守安全理事会的决议。"


def test_furniture_is_stripped_only_at_page_edges() -> None:
    pages = [
        ["A/RES/62/1", "Page 2", "First line of text.", "Page 2 is cited here.", "- 2 -"],
        ["A/RES/62/1", "Page 3", "More text.", "07-61789", "*0761789*"],
        ["A/RES/62/1", "Page 4", "Last text.", "第 4 页"],
    ]
    assert strip_furniture(pages) == [
        ["First line of text.", "Page 2 is cited here."],
        ["More text."],
        ["Last text."],
    ]


def test_markup_becomes_blocks_lines_and_marks() -> None:
    page = b"""<html><body><main>
      <h1>Title &amp; more</h1>
      <p>First   line<br>second&nbsp;line</p>
      <ul><li><p>nested item</p></li><li>item</li></ul>
      <ol start="3"><li>three</li><li>four</li></ol>
      <pre>  kept
    as is</pre>
      <p hidden>hidden</p><p style="x" aria-hidden="true">also hidden</p>
      <div class="site-menu">menu</div>
      <table><tr><td>cell one</td><td>cell two</td></tr></table>trailing text
    </main></body></html>"""
    text, encoding = html_text(page)
    assert encoding == "utf-8"
    assert text.split("\n\n") == [
        "Title & more",
        "First line\nsecond\xa0line",
        "• nested item",
        "• item",
        "3. three",
        "4. four",
        "  kept\n    as is",
        "cell one",
        "cell two",
        "trailing text",
    ]


def test_a_page_without_main_falls_back_to_the_body() -> None:
    text, _ = html_text(b"<html><body><nav>Menu</nav><p>IAEA</p><footer>f</footer></body></html>")
    assert text == "IAEA"


def test_xhtml_with_an_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>原子能机构</p></body></html>'
    assert html_text(page.encode())[0] == "原子能机构"


def test_a_wrong_charset_declaration_falls_back_to_detection() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>原子能机构和联合国</p></body></html>'
    text, encoding = html_text(page.encode("gb18030"))
    assert (text, encoding) == ("原子能机构和联合国", "gb18030")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"<html><body><script>x</script></body></html>", "holds no text outside its markup"),
        (
            b"<html><body>" + b"<div>" * 300 + b"deep" + b"</div>" * 300 + b"</body></html>",
            "nests its elements deeper than the parser's limit (256 levels)",
        ),
    ],
    ids=["no text", "too deep"],
)
def test_pages_refused(page: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        html_text(page, "page.html")
    assert str(info.value) == f"page.html: {reason}"


def test_pdfs_refused(tmp_path: Path) -> None:
    good = pdf_document(["我们敦促伊朗遵守安全理事会的决议。"])
    cases = {
        "scan.pdf": (scanned_pdf(), "has no text layer (a scanned document?); run OCR on it first"),
        "cut.pdf": (good[: len(good) // 3], "is not a readable PDF"),
        "noise.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "is not a readable PDF"),
        "blank.pdf": (raw_pdf(b""), "holds no text"),
    }
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as info:
            read_source(path)
        assert str(info.value).startswith(f"{path}: {reason}"), str(info.value)
        assert "\n" not in str(info.value)


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="The IAEA.")
    path = tmp_path / "locked.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(InputError, match="is encrypted with a password; decrypt it first"):
        read_source(path)


def test_a_pdf_without_paragraph_spacing_is_unwrapped_by_line_widths(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    from .documents import FONT

    pdf = FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for block in blocks(BUNDLED):
        pdf.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
    path = tmp_path / "tight.pdf"
    path.write_bytes(bytes(pdf.output()))
    source = read_source(path)
    assert not source.wraps
    numbers = [p.number for p in process(path).document.paragraphs if p.number]
    assert numbers == [str(n) for n in range(1, 21)]


def test_a_corpus_of_three_formats_builds_one_conforming_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED, corpus / "note.txt")
    (corpus / "statement.html").write_bytes(
        html_page(blocks(FIXTURES / "english_statement.txt"), lang="en")
    )
    (corpus / "resolution.pdf").write_bytes(
        pdf_document(blocks(FIXTURES / "english_resolution.txt"), symbol="S/RES/1718 (2006)")
    )
    out = tmp_path / "out"
    result = build([corpus], out, summary=False)
    assert result.validation is not None and result.validation.conforms
    assert not result.failures
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {b["doc_id"]: b["format"] for b in report["built"]} == {
        "note": "text/plain",
        "resolution": "application/pdf",
        "statement": "text/html",
    }
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = store.query(
        """PREFIX npo: <https://w3id.org/nonprolif/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?file ?format ?encoding WHERE {
          GRAPH ?g { ?e npo:sourceFile ?file ; dcterms:format ?format
                     OPTIONAL { ?e npo:encoding ?encoding } } } ORDER BY ?file""",
        use_default_graph_as_union=True,
    )
    assert isinstance(rows, ox.QuerySolutions)
    assert [
        (r["file"].value, r["format"].value, r["encoding"].value if r["encoding"] else None)
        for r in rows
    ] == [
        ("note.txt", "text/plain", "utf-8"),
        ("resolution.pdf", "application/pdf", None),
        ("statement.html", "text/html", "utf-8"),
    ]


def test_source_offsets_point_into_the_text_the_text_command_prints(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from nonprolif_kg.cli import main

    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(pdf_document(blocks(BUNDLED)))
    printed = CliRunner().invoke(main, ["text", str(pdf)])
    assert printed.exit_code == 0
    built = process(pdf)
    assert printed.stdout == built.document.source.text + "\n"
    normalized = built.document.normalized
    for paragraph in built.document.paragraphs:
        begin, end = normalized.source_span(paragraph.begin, paragraph.end)
        assert printed.stdout[begin:end].replace("\n", "") == paragraph.text
    refused = CliRunner().invoke(main, ["text", str(tmp_path / "missing.pdf")])
    assert refused.exit_code == 2
    assert (
        refused.stderr
        == f"error: {tmp_path / 'missing.pdf'}: cannot be read (No such file or directory)\n"
    )
