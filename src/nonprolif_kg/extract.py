"""Stage 4, extract: a :class:`~nonprolif_kg.model.Document` -> an :class:`Extraction`.

Runs the gazetteer (:mod:`nonprolif_kg.matcher`) over every paragraph, then each
pattern extractor of :data:`nonprolif_kg.patterns.PATTERNS`, which may build on the
gazetteer's matches, then back-references (:mod:`nonprolif_kg.coref`). Mentions
from different extractors may overlap (a resolution inside the name of the
committee it set up); identical ones are kept once. Stances
(:mod:`nonprolif_kg.stances`) and facts (:mod:`nonprolif_kg.facts`) are then
read from each paragraph and its mentions. Every result is sorted, so the same
document always gives the same extraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from .catalogue import Catalogue, is_decision_key, load_catalogue, resolution_entity
from .coref import back_references, self_references
from .facts import find_facts
from .header import identify_parties, section_authors
from .lexicon import Lexicon, load_lexicon
from .matcher import Gazetteer
from .model import Document, Entity, Extraction, Fact, Mention, ParagraphKind, Stance
from .patterns import PATTERNS
from .script import simplified_view
from .stances import find_stances

__all__ = ["extract", "Extractor", "GAZETTEER_RULE"]

GAZETTEER_RULE = "gazetteer/1"


class Extractor:
    """The compiled extraction pipeline for one catalogue and lexicon."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon | None = None) -> None:
        """Compile the gazetteer for ``catalogue``; ``lexicon`` defaults to the bundled one."""
        self.catalogue = catalogue
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = Gazetteer(catalogue)

    def mentions(self, document: Document) -> tuple[Mention, ...]:
        """Every mention in ``document``, sorted: gazetteer, patterns, back-references."""
        return self._mentions(document, [simplified_view(p.text) for p in document.paragraphs])

    def _mentions(self, document: Document, views: Sequence[str]) -> tuple[Mention, ...]:
        """:meth:`mentions`, given each paragraph's :func:`simplified_view`."""
        found: set[Mention] = set()
        for paragraph, view in zip(document.paragraphs, views, strict=True):
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
                for begin, end, key in pattern(view, matches, self.catalogue):
                    found.add(Mention(paragraph.order, begin, end, key, text[begin:end], rule))
        simplified = [
            replace(p, text=view) for p, view in zip(document.paragraphs, views, strict=True)
        ]
        for ref in back_references(simplified, sorted(found), self.catalogue):
            text = _paragraph_text(document, ref.paragraph)
            found.add(replace(ref, anchor=text[ref.begin : ref.end]))
        return tuple(sorted(found))

    def run(self, document: Document) -> tuple[Document, Extraction]:
        """Extract mentions, stances and facts; complete the header and section authors."""
        views = [simplified_view(p.text) for p in document.paragraphs]
        mentions = self._mentions(document, views)
        titles = {p.order for p in document.paragraphs if p.kind is ParagraphKind.TITLE}
        header = identify_parties(document.header, (m for m in mentions if m.paragraph in titles))
        document = replace(document, header=header)
        document = replace(document, sections=section_authors(document, mentions))
        if document.lang == "en":
            own = self_references(document.paragraphs, mentions, header.sender)
            mentions = tuple(sorted({*mentions, *own}))
        authors = {s.index: s.author for s in document.sections}
        cues = self.lexicon.for_lang(document.lang)
        by_paragraph: dict[int, list[Mention]] = {}
        for m in mentions:
            by_paragraph.setdefault(m.paragraph, []).append(m)
        stances: list[Stance] = []
        facts: list[Fact] = []
        for p, view in zip(document.paragraphs, views, strict=True):
            own = by_paragraph.get(p.order, [])
            stances += [
                replace(st, cue=p.text[st.cue_begin : st.cue_end])
                for st in find_stances(
                    p.order, view, own, authors.get(p.section), cues, document.lang
                )
            ]
            facts += find_facts(p.order, view, own, self.catalogue, header.date)
        return document, Extraction(
            mentions, tuple(sorted(set(stances))), tuple(sorted(set(facts), key=_fact_key))
        )

    def entity(self, key: str) -> Entity:
        """The catalogue entity for ``key``, or the one minted for a resolution."""
        entity = self.catalogue.get(key)
        if entity is not None:
            return entity
        if is_decision_key(key):
            return resolution_entity(key)
        raise KeyError(key)


def _paragraph_text(document: Document, order: int) -> str:
    return document.paragraphs[order - 1].text


def _fact_key(f: Fact) -> tuple[int, int, int, str, str, str]:
    return (f.paragraph, f.begin, f.end, f.subject, f.predicate, str(f.obj))


@cache
def default_extractor() -> Extractor:
    """The extractor over the bundled catalogue, compiled once per process."""
    return Extractor(load_catalogue())


def extract(document: Document) -> tuple[Document, Extraction]:
    """Extract with the bundled catalogue; see :meth:`Extractor.run`."""
    return default_extractor().run(document)


__all__ += ["default_extractor"]
