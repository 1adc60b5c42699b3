"""The values that pass between the pipeline's stages.

Every value is a frozen dataclass: hashable, comparable, and safe to share between
stages and processes. Offsets are Python string indices (code points), end-exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = [
    "EntityType",
    "SourceText",
    "NormalizedText",
    "ParagraphKind",
    "Paragraph",
    "Section",
    "DocumentHeader",
    "Document",
    "Alias",
    "Entity",
    "Mention",
    "Stance",
    "Fact",
    "Extraction",
]


@dataclass(frozen=True)
class SourceText:
    """A decoded input file.

    ``text`` is the file's text: for plain text the content as decoded,
    untouched; for HTML and PDF the text extracted from the markup or the text
    layer, one block per paragraph (offsets in the graph point into it).
    ``encoding`` names the codec that decoded the bytes (``None`` for PDF, whose
    text layer is Unicode), ``sha256`` is the hash of the raw bytes and
    ``media_type`` the file's format: ``text/plain``, ``text/html`` or
    ``application/pdf``. ``wraps`` is true when every single line break of
    ``text`` is a wrap inside a paragraph and blank lines part paragraphs (text
    laid out from a PDF whose paragraphs are set apart by space).
    """

    path: Path
    text: str
    encoding: str | None
    sha256: str
    media_type: str = "text/plain"
    wraps: bool = False


@dataclass(frozen=True)
class NormalizedText:
    """Text after unwrapping and folding, with a map back to the source.

    Blocks (paragraphs, headings, bullet items) are separated by U+2029 PARAGRAPH
    SEPARATOR and contain no line breaks. ``offsets[i]`` is the index in the source
    text of the character that became ``text[i]``; ``offsets[len(text)]`` is the
    source index just past the last character, so a span ``[b, e)`` of ``text``
    came from ``[offsets[b], offsets[e - 1] + 1)`` of the source.
    """

    text: str
    offsets: tuple[int, ...]

    def source_span(self, begin: int, end: int) -> tuple[int, int]:
        """Map a non-empty span ``[begin, end)`` of ``text`` to the source text."""
        if not 0 <= begin < end <= len(self.text):
            raise ValueError(f"span [{begin}, {end}) is outside the text")
        return self.offsets[begin], self.offsets[end - 1] + 1


class ParagraphKind(StrEnum):
    """What a block of a document is."""

    TITLE = "title"
    HEADING = "heading"
    NUMBERED = "numbered"
    BULLET = "bullet"
    TEXT = "text"


@dataclass(frozen=True, order=True)
class Paragraph:
    """One block of a document.

    ``order`` is its 1-based position in the document (the ``n`` of its IRI);
    ``number`` is the number printed before a numbered paragraph (``"13"``), else
    ``None``; ``text`` excludes that number and any bullet mark; ``begin`` and
    ``end`` locate ``text`` in the normalised text; ``section`` is the 0-based
    index of the section holding it.
    """

    order: int
    kind: ParagraphKind
    text: str
    begin: int
    end: int
    section: int
    number: str | None = None


@dataclass(frozen=True, order=True)
class Section:
    """A part of a document: the covering note, or one text it transmits.

    ``index`` is 0 for the document's own text; ``title`` is the heading that
    opens a transmitted text (``None`` for the covering part); ``author`` is the
    key of who speaks in it (the sender for the covering part), once known.
    """

    index: int
    title: str | None
    author: str | None = None


@dataclass(frozen=True)
class DocumentHeader:
    """What the document says about itself.

    ``date`` is the date of the document; ``sender`` and ``recipient`` are catalogue
    keys (``state/DEU``, ``org/cd``) where they could be identified; ``doc_type``
    names the genre (``note-verbale``); ``transmits`` lists the titles of the texts
    the document transmits, in order; ``symbol`` is its UN document symbol, where
    known (from a metadata file).
    """

    title: str | None = None
    date: dt.date | None = None
    sender: str | None = None
    recipient: str | None = None
    doc_type: str | None = None
    transmits: tuple[str, ...] = ()
    symbol: str | None = None


@dataclass(frozen=True)
class Document:
    """A segmented document: its identity, header, sections and paragraphs."""

    doc_id: str
    lang: str
    source: SourceText
    normalized: NormalizedText
    header: DocumentHeader
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]


class EntityType(StrEnum):
    """The kinds of entity the catalogue holds; the value is the key's prefix."""

    STATE = "state"
    ORGANIZATION = "org"
    TREATY = "treaty"
    RESOLUTION = "resolution"
    INITIATIVE = "initiative"
    EVENT = "event"
    PLACE = "place"


@dataclass(frozen=True, order=True)
class Alias:
    """A text the matcher recognises as naming an entity.

    ``requires`` lists keys of which one must be named in the same paragraph for
    the alias to count (for short forms that are only unambiguous in context);
    ``within``, when set, says that such a mention must end at most that many
    characters before the alias starts.
    """

    text: str
    lang: str
    requires: tuple[str, ...] = ()
    within: int | None = None


@dataclass(frozen=True)
class Entity:
    """A catalogue entry.

    ``key`` is the IRI path under the resource base (``state/IRN``); ``labels``
    maps a language tag to the preferred label; ``aliases`` are the other names;
    ``ids`` maps an identifier scheme (``iso3166-alpha3``, ``wikidata``,
    ``un-symbol``) to the identifier; ``facts`` holds background facts
    (``year``, ``venue``, ``series``, ``ordinal``, ``number``, ``subject``...).
    """

    key: str
    type: EntityType
    labels: tuple[tuple[str, str], ...]
    aliases: tuple[Alias, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, str | int], ...] = field(default=())

    def label(self, lang: str) -> str | None:
        """The preferred label in ``lang``, or ``None``."""
        return dict(self.labels).get(lang)

    def fact(self, name: str) -> str | int | None:
        """The background fact ``name``, or ``None``."""
        return dict(self.facts).get(name)


@dataclass(frozen=True, order=True)
class Mention:
    """An entity named in a paragraph.

    ``paragraph`` is the paragraph's ``order``; ``begin``/``end`` index the
    paragraph's text; ``anchor`` is ``text[begin:end]``; ``key`` is the entity's
    catalogue key; ``rule`` names the extractor rule that found it.
    """

    paragraph: int
    begin: int
    end: int
    key: str
    anchor: str
    rule: str


@dataclass(frozen=True, order=True)
class Stance:
    """A speech act the text reports (an n-ary relation).

    ``actor`` says it (a key), ``stance_type`` is a notation of the stance-type
    scheme, ``addressees`` and ``topics`` are keys, ``polarity`` is False where the
    text negates it. ``cue_begin``/``cue_end`` locate the trigger word in the
    paragraph's text; ``rule`` names the rule that found it.
    """

    paragraph: int
    cue_begin: int
    cue_end: int
    cue: str
    stance_type: str
    actor: str
    addressees: tuple[str, ...]
    topics: tuple[str, ...]
    polarity: bool
    rule: str


@dataclass(frozen=True, order=True)
class Fact:
    """A binary fact the text states: ``subject`` ``predicate`` ``obj``.

    ``predicate`` is the local name of an ``npo:`` property; ``obj`` is a key, or
    a literal value (an ``int`` count, an ISO date string) for datatype
    properties. ``begin``/``end`` locate the evidence in the paragraph's text.
    ``when`` and ``when_text`` keep a relative date the text gives (五年前) and the
    value it resolves to against the document's date (``2002``).
    """

    paragraph: int
    begin: int
    end: int
    subject: str
    predicate: str
    obj: str | int
    rule: str
    when: str | None = None
    when_text: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document, each kind sorted."""

    mentions: tuple[Mention, ...]
    stances: tuple[Stance, ...] = ()
    facts: tuple[Fact, ...] = ()
