"""Stage 3, segment: normalised text -> :class:`~nonprolif_kg.model.Document`.

Splits the normalised text into its blocks and says what each is: the title (a
first block without sentence punctuation), headings, numbered paragraphs, bullet
items and plain paragraphs. A covering note that lists the texts it transmits (as
bullet items) opens a new section at each later heading that repeats one of
those titles; other headings stay inside their section. The header (title,
date, genre, transmitted titles) is read from the title block; the sender and
recipient are filled in by :mod:`nonprolif_kg.header` once entities are known.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .header import parse_title
from .model import (
    Document,
    DocumentHeader,
    NormalizedText,
    Paragraph,
    ParagraphKind,
    Section,
    SourceText,
)
from .normalize import BLOCK_SEPARATOR, MARKER_RE

__all__ = ["segment", "doc_id_from_path"]

_NUMBER_RE = re.compile(r"\(?([0-9a-z]{1,3}|[一二三四五六七八九十]{1,3})[.)．、）]?")
_BULLETS = frozenset("•·▪●◦■-−–—*")
_SENTENCE_END = frozenset("。！？；：!?;:.．…")
_HEADING_MAX = 120
_TITLE_MAX = 400


def doc_id_from_path(path: Path) -> str:
    """A document id from a file name: its stem, lower case, runs of other
    characters than ASCII letters and digits made one hyphen (``000_ab.txt`` ->
    ``000-ab``). A name with other letters or digits (``报告 2007.txt``) keeps
    its ASCII part and gains eight hexadecimal digits of the SHA-256 of its NFC
    stem (``2007-45d5ec33``; ``doc-…`` when no ASCII is left), so that such names
    do not collide and ids stay ASCII."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = re.sub(r"[^0-9a-z]+", "-", stem.lower()).strip("-")
    if any(ch.isalnum() and not ch.isascii() for ch in stem):
        digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
        return f"{slug or 'doc'}-{digest}"
    return slug or "doc"


def segment(
    source: SourceText, normalized: NormalizedText, lang: str, doc_id: str | None = None
) -> Document:
    """Split ``normalized`` into paragraphs and sections and read the header.

    ``lang`` is the document's language tag; ``doc_id`` defaults to
    :func:`doc_id_from_path` of the source's path. Every paragraph's
    ``normalized.text[begin:end]`` equals its ``text``.
    """
    blocks = list(_blocks(normalized.text))
    paragraphs: list[Paragraph] = []
    sections: list[Section] = [Section(index=0, title=None)]
    announced: list[str] = []
    header = DocumentHeader()
    for order, (begin, end) in enumerate(blocks, start=1):
        kind, number, text_begin = _classify(normalized.text, begin, end)
        text = normalized.text[text_begin:end]
        if order == 1 and kind is ParagraphKind.TEXT and _title_like(text):
            kind = ParagraphKind.HEADING
        if kind is ParagraphKind.HEADING and order == 1:
            kind = ParagraphKind.TITLE
            header = parse_title(text)
        section = sections[-1].index
        if kind is ParagraphKind.BULLET and section == 0:
            announced.append(text)
        elif kind is ParagraphKind.HEADING and (
            text in announced or _named_in_cover(text, paragraphs)
        ):
            section = len(sections)
            sections.append(Section(index=section, title=text))
        paragraphs.append(
            Paragraph(
                order=order,
                kind=kind,
                text=text,
                begin=text_begin,
                end=end,
                section=section,
                number=number,
            )
        )
    transmitted = tuple(s.title for s in sections[1:] if s.title is not None)
    header = DocumentHeader(
        title=header.title,
        date=header.date,
        doc_type=header.doc_type,
        transmits=transmitted,
    )
    return Document(
        doc_id=doc_id or doc_id_from_path(source.path),
        lang=lang,
        source=source,
        normalized=normalized,
        header=header,
        sections=tuple(sections),
        paragraphs=tuple(paragraphs),
    )


def _named_in_cover(heading: str, paragraphs: list[Paragraph]) -> bool:
    """True when the covering text names this heading as a text it transmits."""
    return len(heading) >= 8 and any(
        p.section == 0 and p.kind is ParagraphKind.TEXT and heading in p.text for p in paragraphs
    )


def _title_like(text: str) -> bool:
    """A first block that reads as a long title: no sentence end, at most 400 characters."""
    return text[-1] not in _SENTENCE_END and "。" not in text and len(text) <= _TITLE_MAX


def _blocks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == BLOCK_SEPARATOR:
            if start < i:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _classify(text: str, begin: int, end: int) -> tuple[ParagraphKind, str | None, int]:
    """Return the block's kind, printed number and where its text starts."""
    marker = MARKER_RE.match(text, begin, end)
    if marker is not None:
        body = marker.end()
        while body < end and text[body] == " ":
            body += 1
        if body < end:
            mark = marker.group()
            if mark in _BULLETS:
                return ParagraphKind.BULLET, None, body
            found = _NUMBER_RE.fullmatch(mark)
            number = found.group(1) if found else mark
            return ParagraphKind.NUMBERED, number, body
    block = text[begin:end]
    if block[-1] not in _SENTENCE_END and "。" not in block and len(block) <= _HEADING_MAX:
        return ParagraphKind.HEADING, None, begin
    return ParagraphKind.TEXT, None, begin
