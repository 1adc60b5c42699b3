"""Back-references: short names that stand for an entity named in full before,
and a body's references to itself.

《公约》 in a paragraph about the Chemical Weapons Convention is that convention;
《条约》, 该条约, 《行为守则》, 这一守则, 《导则》, 这一行为准则, 该倡议, 这一倡议
likewise refer to the instrument or initiative last named whose name ends in the
same head word; bare 伙伴关系 refers to a partnership named earlier in the same
paragraph. :func:`back_references` returns them as mentions (rule
``back-reference-zh/1``) that do not overlap the mentions already found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from .catalogue import Catalogue
from .model import Mention, Paragraph

__all__ = ["back_references", "self_references", "RULE", "SELF_RULE"]

RULE = "back-reference-zh/1"
SELF_RULE = "self-reference-en/1"
_COUNCIL = re.compile(r"\b(?:[Tt]his |[Tt]he )?Council\b")


@dataclass(frozen=True)
class _Head:
    pattern: re.Pattern[str]
    head: str  # the word the antecedent's name must contain
    kinds: tuple[str, ...]  # key prefixes the antecedent may have
    same_paragraph: bool


_HEADS = (
    _Head(re.compile(r"《公约》|该公约|这一公约"), "公约", ("treaty/",), False),
    _Head(re.compile(r"《条约》|该条约|这一条约"), "条约", ("treaty/",), False),
    _Head(re.compile(r"《行为守则》|该守则|这一守则"), "守则", ("treaty/",), False),
    _Head(re.compile(r"《导则》|该导则|这一导则"), "导则", ("treaty/",), False),
    _Head(re.compile(r"该行为准则|这一行为准则|《行为准则》"), "准则", ("treaty/",), False),
    _Head(re.compile(r"该倡议|这一倡议"), "倡议", ("initiative/",), False),
    _Head(re.compile(r"伙伴关系"), "伙伴关系", ("initiative/",), True),
)


def back_references(
    paragraphs: Sequence[Paragraph], mentions: Sequence[Mention], catalogue: Catalogue
) -> list[Mention]:
    """Resolve the back-references of a document's paragraphs, in order."""
    by_paragraph: dict[int, list[Mention]] = {}
    for m in mentions:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    history: list[Mention] = []  # full mentions so far, in reading order
    found: list[Mention] = []
    for paragraph in paragraphs:
        own = sorted(by_paragraph.get(paragraph.order, []), key=lambda m: (m.end, m.begin))
        ends = [m.end for m in own]
        covered = {i for m in own for i in range(m.begin, m.end)}
        for head in _HEADS:
            for match in head.pattern.finditer(paragraph.text):
                begin, end = match.span()
                if any(i in covered for i in range(begin, end)):
                    continue
                pool = own[: bisect_right(ends, begin)]
                candidates = (
                    reversed(pool)
                    if head.same_paragraph
                    else chain(reversed(pool), reversed(history))
                )
                antecedent = next(
                    (
                        m
                        for m in candidates
                        if m.key.startswith(head.kinds) and _named(m, head.head, catalogue)
                    ),
                    None,
                )
                if antecedent is not None:
                    found.append(
                        Mention(paragraph.order, begin, end, antecedent.key, match.group(), RULE)
                    )
        history.extend(m for m in own if m.rule != RULE)
    return found


def _named(mention: Mention, head: str, catalogue: Catalogue) -> bool:
    if head in mention.anchor:
        return True
    entity = catalogue.get(mention.key)
    return entity is not None and any(head in text for _, text in entity.labels)


def self_references(
    paragraphs: Sequence[Paragraph], mentions: Sequence[Mention], author: str | None
) -> list[Mention]:
    """In a text by the Security Council, "the Council" is the Council itself.

    Elsewhere "the Council" may be any council and is left alone.
    """
    if author != "org/unsc":
        return []
    by_paragraph: dict[int, list[Mention]] = {}
    for m in mentions:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    found = []
    for paragraph in paragraphs:
        covered = {i for m in by_paragraph.get(paragraph.order, []) for i in range(m.begin, m.end)}
        for match in _COUNCIL.finditer(paragraph.text):
            if not any(i in covered for i in range(match.start(), match.end())):
                found.append(
                    Mention(
                        paragraph.order,
                        match.start(),
                        match.end(),
                        author,
                        match.group(),
                        SELF_RULE,
                    )
                )
    return found
