"""Sentences and clauses of a paragraph's text, by punctuation.

The extractors look for frames within a clause (a venue and its summit) or a
sentence (a cue and its topics); this module is where those units are cut.
Sentences end at 。！？ (and ! ?, and a Latin full stop before a capital);
clauses also at ，；： (and , ; :).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Spanned(Protocol):
    @property
    def begin(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)

__all__ = [
    "CLAUSE_END",
    "SENTENCE_END",
    "clause_start",
    "clause_end",
    "sentences",
    "by_sentence",
]

SENTENCE_END = frozenset("。！？!?\u2029")
CLAUSE_END = SENTENCE_END | frozenset("，；：,;:")


def clause_start(text: str, at: int, floor: int = 0) -> int:
    """Where the clause holding position ``at`` starts (not before ``floor``)."""
    i = at
    while i > floor and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def clause_end(text: str, at: int) -> int:
    """Where the clause holding position ``at`` ends (the index of its punctuation)."""
    while at < len(text) and text[at] not in CLAUSE_END:
        at += 1
    return at


def _full_stop(text: str, i: int) -> bool:
    """A Latin full stop that ends a sentence: ". " before a capital or a digit, not
    after a lone capital (U.S., S. Korea)."""
    return (
        text[i] == "."
        and i + 2 < len(text)
        and text[i + 1] == " "
        and (text[i + 2].isupper() or text[i + 2].isdigit())
        and not (i >= 1 and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalpha()))
    )


def sentences(text: str) -> list[tuple[int, int]]:
    """The ``[begin, end)`` spans of the sentences of ``text``, punctuation included."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END or (ch == "." and _full_stop(text, i)):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def by_sentence(text: str, items: Sequence[_S]) -> list[tuple[int, int, list[_S]]]:
    """Each sentence of ``text`` with the items (mentions) that begin in it.

    Lets the extractors work sentence by sentence, so that their cost grows with
    the length of a paragraph, not with its square.
    """
    ordered = sorted(items, key=lambda m: m.begin)
    begins = [m.begin for m in ordered]
    out = []
    for begin, end in sentences(text):
        lo, hi = bisect_left(begins, begin), bisect_left(begins, end)
        out.append((begin, end, ordered[lo:hi]))
    return out
