"""The one place where resource IRIs are minted.

Every IRI is derived from content or position (a key, a document id, a paragraph's
order, a span's offsets), never from a counter or a random value, so the same
input always gives the same IRIs. The layout follows the design's table:

=================  ==============================================
entity             ``{base}id/{key}`` (``id/state/IRN``)
document (work)    ``{base}id/doc/{doc-id}``
language version   ``{base}id/doc/{doc-id}/{lang}`` (``/zh``)
section            ``{base}id/doc/{doc-id}/s/{n}``
paragraph          ``{base}id/doc/{doc-id}/p/{n}``
paragraph text     ``{base}id/doc/{doc-id}/{lang}/p/{n}`` (a NIF context)
text span          ``{base}id/doc/{doc-id}/{lang}/p/{n}#char={b},{e}``
named graph        ``{base}graph/{name}``
build activity     ``{base}id/build/{version}-{digest}``
=================  ==============================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["DEFAULT_BASE", "Minter", "lang_segment", "check_base", "ENTITY_PREFIXES"]

#: The default resource base.
DEFAULT_BASE = "https://w3id.org/nonprolif/"

#: Turtle prefix for each entity type's namespace (``{base}id/{type}/``).
ENTITY_PREFIXES: dict[str, str] = {
    "state": "state",
    "org": "org",
    "treaty": "treaty",
    "resolution": "res",
    "initiative": "initiative",
    "event": "event",
    "place": "place",
}

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_LANG_SEGMENTS = {"zh-Hans": "zh", "zh": "zh", "zh-Hant": "zh-hant"}


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute http(s) IRI ending in ``/`` or ``#``.

    Raises ``ValueError`` saying what is wrong otherwise.
    """
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base IRI {base!r} must be an absolute http or https IRI")
    if not base.endswith(("/", "#")):
        raise ValueError(f"base IRI {base!r} must end with '/' or '#'")
    if any(ch in base for ch in ' <>"{}|\\^`'):
        raise ValueError(f"base IRI {base!r} contains a character IRIs do not allow")
    return base


def lang_segment(lang: str) -> str:
    """The IRI path segment of a language version: ``zh-Hans`` -> ``zh``, ``en`` -> ``en``."""
    return _LANG_SEGMENTS.get(lang, lang.lower())


def _segment(value: str) -> str:
    if not _SAFE_SEGMENT.fullmatch(value):
        raise ValueError(f"{value!r} cannot be an IRI path segment")
    return value


@dataclass(frozen=True)
class Minter:
    """Mints IRIs (as strings) under one resource base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        check_base(self.base)

    @property
    def id_base(self) -> str:
        """The namespace of all resources: ``{base}id/``."""
        return f"{self.base}id/"

    def entity(self, key: str) -> str:
        """An entity from its catalogue key (``state/IRN``)."""
        kind, _, local = key.partition("/")
        return f"{self.id_base}{_segment(kind)}/{_segment(local)}"

    def entity_namespace(self, kind: str) -> str:
        """The namespace of one entity type (``{base}id/state/``)."""
        return f"{self.id_base}{kind}/"

    @property
    def document_namespace(self) -> str:
        """The namespace of the documents and all their parts: ``{base}id/doc/``."""
        return f"{self.id_base}doc/"

    def document(self, doc_id: str) -> str:
        """A document as a work."""
        return f"{self.document_namespace}{_segment(doc_id)}"

    def expression(self, doc_id: str, lang: str) -> str:
        """One language version of a document."""
        return f"{self.document(doc_id)}/{lang_segment(lang)}"

    def section(self, doc_id: str, index: int) -> str:
        """A section of a document by its 0-based index."""
        return f"{self.document(doc_id)}/s/{index}"

    def paragraph(self, doc_id: str, order: int) -> str:
        """A paragraph by its 1-based order, the same in every language."""
        return f"{self.document(doc_id)}/p/{order}"

    def context(self, doc_id: str, lang: str, order: int) -> str:
        """A paragraph's text in one language (a NIF context)."""
        return f"{self.expression(doc_id, lang)}/p/{order}"

    def span(self, doc_id: str, lang: str, order: int, begin: int, end: int) -> str:
        """A span of a paragraph's text, by RFC 5147 character offsets."""
        return f"{self.context(doc_id, lang, order)}#char={begin},{end}"

    def graph(self, name: str) -> str:
        """A named graph: ``ontology``, ``catalogue``, ``provenance`` or ``doc/{doc-id}``."""
        return f"{self.base}graph/{name}"

    def build(self, version: str, digest: str) -> str:
        """The build activity that produced the graph."""
        return f"{self.id_base}build/{_segment(version)}-{_segment(digest)}"
