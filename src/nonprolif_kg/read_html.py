"""Read HTML: the bytes of a web page -> its main text, one block per paragraph.

The page is decoded by its byte-order mark, else the charset its ``<meta>``
declares, else as plain text is (:func:`nonprolif_kg.read.decode`), and parsed
with lxml's HTML parser (libxml2), which never fetches anything and does not
expand entities declared in a DTD, so entity bombs stay inert. The text is
taken from ``<main>`` (or the one ``role="main"`` element, or the one
``<article>``) when the page has one, else from ``<body>``; scripts, styles,
forms, navigation, banners, site headers and footers, hidden elements and
elements whose class or id names navigation (``nav``, ``menu``,
``breadcrumb``, ``cookie``, ...) are dropped. Every block element (``<p>``,
``<h1>``..``<h6>``, ``<li>``, ``<td>``, ...) becomes a block of its own, blocks
are separated by a blank line, ``<br>`` breaks a line, white space is collapsed
as a browser would (kept in ``<pre>``), and list items get a bullet (``•``) or
their number (``3.``), as a browser shows them. The tree is walked without
recursion; a page nesting elements deeper than libxml2's limit (256) is
refused rather than cut short.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree, html

from .errors import InputError

__all__ = ["html_text", "MAX_DEPTH"]

_DROP = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "menu",
        "dialog",
        "video",
        "audio",
        "map",
    }
)
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "menu"}
)
_CHROME_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "cookie",
        "cookies",
        "skip",
        "share",
        "social",
        "toolbar",
        "pagination",
        "footer",
        "masthead",
    }
)
_BLOCKS = frozenset(
    {
        "html",
        "body",
        "main",
        "article",
        "section",
        "header",
        "footer",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "address",
        "hr",
        "center",
        "fieldset",
        "legend",
        "details",
        "summary",
    }
)
_LANDMARKS = frozenset({"main", "article"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# A DOCTYPE with an internal subset (entity declarations): HTML has no use for
# one, and the parser would show its end as text.
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)
#: How deep elements may nest: libxml2's limit without its "huge" option.
MAX_DEPTH = 256
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CONTROLS = {c: " " for c in range(32) if chr(c) not in "\t\n\r"} | {0x7F: " "}
_WORDS = re.compile(r"[a-z]+")


def html_text(data: bytes, path: Path | str = "<html>") -> tuple[str, str]:
    """The main text of the HTML page ``data``, and the codec that decoded it.

    Blocks are separated by a blank line. Raises :class:`InputError` (naming
    ``path``) for bytes that decode in no supported encoding, that the parser
    cannot read, or that hold no text outside markup.
    """
    markup, encoding = _decode(data, path)
    markup = _XML_DECLARATION.sub("", markup, count=1)
    markup = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", markup, count=1).translate(_CONTROLS)
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"is not readable HTML ({exc})") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise InputError(
            path, f"nests its elements deeper than the parser's limit ({MAX_DEPTH} levels)"
        )
    text = _Blocks().walk(_main(root))
    if not text.strip():
        raise InputError(path, "holds no text outside its markup")
    return text, encoding


def _decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode by BOM, else by the declared charset, else by detection."""
    from .read import decode

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "x-gbk", "euc-cn", "cp936"):
            name = "gb18030"  # the superset browsers decode these labels with
        try:
            codec = codecs.lookup(name).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, path)


def _main(root: etree._Element) -> etree._Element:
    """The element holding the page's main text."""
    for query in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(query)
        if isinstance(found, list) and len(found) == 1 and isinstance(found[0], etree._Element):
            return found[0]
    bodies = root.xpath("//body")
    if isinstance(bodies, list) and bodies and isinstance(bodies[0], etree._Element):
        return bodies[0]
    return root


def _is_chrome(element: etree._Element, in_landmark: bool) -> bool:
    """True for an element that is site furniture, not text."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP:
        return True
    if tag in ("header", "footer") and not in_landmark:
        return True
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    if attrib.get("role", "").lower() in _CHROME_ROLES:
        return True
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}".lower()
    return not _CHROME_WORDS.isdisjoint(_WORDS.findall(names))


class _Blocks:
    """Collects text into blocks while walking a tree once, without recursion."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.mark: str | None = None  # a list item's bullet or number, before its text
        self.pre = 0

    def walk(self, top: etree._Element) -> str:
        """The text of ``top``: blocks separated by a blank line."""
        skipping: etree._Element | None = None
        landmarks = 0
        lists: list[list[int | None]] = []  # per open list: [next number] or [None]
        for event, element in etree.iterwalk(top, events=("start", "end")):
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if skipping is not None:
                    continue
                if element is not top and _is_chrome(element, landmarks > 0):
                    skipping = element
                    continue
                landmarks += tag in _LANDMARKS
                self._start(element, tag, lists)
                continue
            if skipping is not None:
                if element is not skipping:
                    continue
                skipping = None
            else:
                landmarks -= tag in _LANDMARKS
                self._end(tag, lists)
            if element is not top and element.tail:
                self._text(element.tail)
        self._flush_block()
        return "\n\n".join(self.blocks)

    def _start(self, element: etree._Element, tag: str, lists: list[list[int | None]]) -> None:
        if tag in _BLOCKS:
            self._flush_block()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            start = (element.get("start") or "1").strip()
            lists.append([int(start) if start.isdigit() else 1] if tag == "ol" else [None])
        elif tag == "li":
            mark = "•"
            if lists and lists[-1][0] is not None:
                number = lists[-1][0]
                mark = f"{number}."
                lists[-1][0] = number + 1
            self.mark = mark
        elif tag == "br":
            self._flush_line()
        if element.text:
            self._text(element.text)

    def _end(self, tag: str, lists: list[list[int | None]]) -> None:
        if tag in ("ul", "ol") and lists:
            lists.pop()
        if tag in _BLOCKS:
            self._flush_block()
        if tag == "pre":
            self.pre -= 1

    def _text(self, text: str) -> None:
        if self.pre:
            lines = text.split("\n")
            self.parts.append(lines[0])
            for line in lines[1:]:
                self._flush_line()
                self.parts.append(line)
        else:
            self.parts.append(_SPACE.sub(" ", text))

    def _flush_line(self) -> None:
        line = "".join(self.parts)
        line = line.rstrip() if self.pre else _SPACE.sub(" ", line).strip()
        self.parts = []
        if line.strip():
            if self.mark:
                line, self.mark = f"{self.mark} {line}", None
            self.lines.append(line)

    def _flush_block(self) -> None:
        self._flush_line()
        if self.lines:
            self.blocks.append("\n".join(self.lines))
        self.lines = []
