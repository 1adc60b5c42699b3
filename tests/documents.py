"""Make HTML pages and PDF files of a text, as UN web sites and printers do.

The blocks of a plain-text document (its paragraphs as the normaliser reads
them, numbers and bullets included) are written as the paragraphs of an HTML
page wrapped in site chrome, or set on A4 pages with a CJK font embedded and
the furniture of a UN document: the symbol at the head of each page, a page
number and a job number at the foot.
"""

from __future__ import annotations

import html
import zlib
from pathlib import Path

from nonprolif_kg.normalize import BLOCK_SEPARATOR, normalize
from nonprolif_kg.read import decode

FONT = Path(__file__).resolve().parent / "fixtures" / "fonts" / "wqy-microhei-tests.ttf"


def blocks(path: Path) -> list[str]:
    """The blocks of the plain-text document at ``path``, as normalised."""
    text, _ = decode(path.read_bytes(), path)
    return normalize(text).text.split(BLOCK_SEPARATOR)


def html_page(blocks: list[str], lang: str = "zh", charset: str = "utf-8") -> bytes:
    """An HTML page holding ``blocks`` as paragraphs (bullets as a list), with
    a site header, navigation, scripts, styles, a cookie banner and a footer."""
    body: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block[:1] in "•−-" and block[1:2] == " ":
            items.append(f"<li>{html.escape(block[2:])}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        tag = "h1" if not body else "p"
        body.append(f"<{tag}>{html.escape(block)}</{tag}>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>Official document</title>
<style>p {{ margin: 1em }}</style><script>var menu = "<p>Home</p>";</script></head>
<body><header><a href="/">United Nations</a> Welcome to the site</header>
<nav><ul><li><a href="/en">English</a></li><li><a href="/zh">中文</a></li></ul></nav>
<div class="breadcrumb">Home &gt; Documents</div>
<main>
{chr(10).join(body)}
</main>
<div id="cookie-banner">This site uses cookies.</div>
<footer>Copyright United Nations</footer></body></html>
"""
    # Sites that declare GB2312 write GBK or GB18030, as browsers read it.
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def pdf_document(blocks: list[str], symbol: str = "CD/1819", job: str = "GE.07-61789 (C)") -> bytes:
    """A PDF of ``blocks`` with the test font embedded, wrapped at characters,
    and UN page furniture: ``symbol`` and the page number at the head of every
    page, ``job`` at the foot."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    class UNDocument(FPDF):
        def header(self) -> None:
            self.set_font("wqy", size=9)
            self.cell(0, 5, symbol, align="R", new_x="LMARGIN", new_y="NEXT")
            if self.page_no() > 1:
                self.cell(0, 5, f"Page {self.page_no()}", align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("wqy", size=11)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("wqy", size=8)
            self.cell(0, 5, job, align="L")
            self.set_font("wqy", size=11)

    pdf = UNDocument(format="A4")
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for block in blocks:
        # Chinese wraps between any two characters, English between words.
        wrap = WrapMode.CHAR if any(ord(ch) > 0x2E80 for ch in block) else WrapMode.WORD
        pdf.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT", wrapmode=wrap)
        pdf.ln(2)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF whose one page is an image and has no text layer, as a scan has."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("L", (200, 280), color=255)
    for x in range(20, 180):
        for y in range(40, 44):
            image.putpixel((x, y), 0)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


def raw_pdf(content: bytes, compressed: bytes | None = None) -> bytes:
    """A one-page PDF written by hand whose content stream is ``content``, or,
    given ``compressed``, that FlateDecode stream as it is."""
    stream = compressed if compressed is not None else zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
