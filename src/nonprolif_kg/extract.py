"""Stage 4, extract: a :class:`~nonprolif_kg.model.Document` -> its mentions.

Runs the gazetteer (:mod:`nonprolif_kg.matcher`) over every paragraph, then each
pattern extractor of :data:`nonprolif_kg.patterns.PATTERNS`, which may build on the
gazetteer's matches. Mentions from different extractors may overlap (a
resolution inside the name of the committee it set up); identical ones are kept
once. The result is sorted by paragraph and position, so the same document
always gives the same mentions.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from .catalogue import Catalogue, load_catalogue, resolution_entity
from .header import identify_parties
from .matcher import Gazetteer
from .model import Document, Entity, Mention, ParagraphKind
from .patterns import PATTERNS

__all__ = ["extract", "Extractor", "GAZETTEER_RULE"]

GAZETTEER_RULE = "gazetteer/1"


class Extractor:
    """The compiled extraction pipeline for one catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        """Compile the gazetteer for ``catalogue``."""
        self.catalogue = catalogue
        self.gazetteer = Gazetteer(catalogue)

    def mentions(self, document: Document) -> tuple[Mention, ...]:
        """Every mention in ``document``, sorted."""
        found: set[Mention] = set()
        for paragraph in document.paragraphs:
            text = paragraph.text
            matches = self.gazetteer.find(text)
            for m in matches:
                found.add(
                    Mention(
                        paragraph.order,
                        m.begin,
                        m.end,
                        m.key,
                        text[m.begin : m.end],
                        GAZETTEER_RULE,
                    )
                )
            for rule, pattern in PATTERNS:
                for begin, end, key in pattern(text, matches, self.catalogue):
                    found.add(Mention(paragraph.order, begin, end, key, text[begin:end], rule))
        return tuple(sorted(found))

    def run(self, document: Document) -> tuple[Document, tuple[Mention, ...]]:
        """Extract mentions and complete the header's sender and recipient."""
        mentions = self.mentions(document)
        titles = {p.order for p in document.paragraphs if p.kind is ParagraphKind.TITLE}
        header = identify_parties(document.header, (m for m in mentions if m.paragraph in titles))
        return replace(document, header=header), mentions

    def entity(self, key: str) -> Entity:
        """The catalogue entity for ``key``, or the one minted for a resolution."""
        entity = self.catalogue.get(key)
        if entity is not None:
            return entity
        if key.startswith("resolution/unsc-"):
            return resolution_entity(key)
        raise KeyError(key)


@cache
def default_extractor() -> Extractor:
    """The extractor over the bundled catalogue, compiled once per process."""
    return Extractor(load_catalogue())


def extract(document: Document) -> tuple[Document, tuple[Mention, ...]]:
    """Extract with the bundled catalogue; see :meth:`Extractor.run`."""
    return default_extractor().run(document)


__all__ += ["default_extractor"]
