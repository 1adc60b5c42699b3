"""The gazetteer: find catalogue labels in text, leftmost-longest.

One Aho-Corasick automaton (pyahocorasick) holds every label and alias of the
catalogue, folded as :func:`~nonprolif_kg.normalize.normalize` folds text, plus
the catalogue's stop phrases (which match and yield nothing). Overlapping matches
are settled by one key: the earliest start wins, then the longest; so 朝鲜半岛
(the peninsula) wins over 朝鲜 (the state) and 印度尼西亚 over 印度. Labels in
Latin script match only at word boundaries and with their case.

Aliases with ``requires`` count only in a paragraph that also names one of the
required entities (within ``within`` characters before the alias, when set): the
first pass matches the unconditional labels, the second adds the conditional
ones whose condition holds and settles overlaps again.

Building the automaton costs about a millisecond per hundred labels; a scan is
linear in the text's length plus the number of matches.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .catalogue import Catalogue
from .model import Alias
from .normalize import normalize
from .script import simplified_view

__all__ = ["Gazetteer", "Match"]


@dataclass(frozen=True, order=True)
class Match:
    """A label found in text: ``[begin, end)`` names the entity ``key``."""

    begin: int
    end: int
    key: str


@dataclass(frozen=True)
class _Entry:
    key: str | None  # None for a stop phrase
    alias: Alias | None
    latin: bool


class Gazetteer:
    """A compiled matcher over a catalogue's labels."""

    def __init__(self, catalogue: Catalogue) -> None:
        """Compile the labels, aliases and stop phrases of ``catalogue``."""
        table: dict[str, list[_Entry]] = {}
        for entity in catalogue.entities:
            names: list[tuple[str, Alias | None]] = [(text, None) for _, text in entity.labels]
            names += [(alias.text, alias) for alias in entity.aliases]
            for text, alias in names:
                folded = _fold(text)
                if folded:
                    entry = _Entry(
                        entity.key,
                        alias if alias and alias.requires else None,
                        _is_latin_edge(folded),
                    )
                    table.setdefault(folded, []).append(entry)
        for phrase in catalogue.stop_phrases:
            folded = _fold(phrase)
            if folded:
                table.setdefault(folded, []).append(_Entry(None, None, _is_latin_edge(folded)))
        self._automaton = ahocorasick.Automaton()
        for text, entries in table.items():
            unique = sorted(set(entries), key=lambda e: (e.key or "", e.alias or Alias("", "")))
            self._automaton.add_word(text, (len(text), tuple(unique)))
        self._automaton.make_automaton()
        self.size = len(table)

    def find(self, text: str) -> list[Match]:
        """Every entity named in ``text``, leftmost-longest, in order of position.

        Matching reads the :func:`~nonprolif_kg.script.simplified_view` of ``text``
        against labels folded the same way, so either Chinese script (or a mix)
        matches; offsets are offsets in ``text``."""
        candidates = self._candidates(simplified_view(text))
        plain = [(b, e, [x for x in entries if x.alias is None]) for b, e, entries in candidates]
        first = _settle(plain)
        if not any(x.alias is not None for _, _, entries in candidates for x in entries):
            return first
        named: dict[str, list[int]] = {}
        for m in first:
            named.setdefault(m.key, []).append(m.end)  # ascending: ``first`` is in order
        allowed: list[tuple[int, int, list[_Entry]]] = []
        for begin, end, entries in candidates:
            kept = [x for x in entries if x.alias is None or _holds(x.alias, begin, named)]
            allowed.append((begin, end, kept))
        return _settle(allowed)

    def _candidates(self, text: str) -> list[tuple[int, int, list[_Entry]]]:
        found: list[tuple[int, int, list[_Entry]]] = []
        for last, (length, entries) in self._automaton.iter(text):
            begin, end = last - length + 1, last + 1
            kept = [x for x in entries if not x.latin or _at_word_edges(text, begin, end)]
            if kept:
                found.append((begin, end, kept))
        return found


def _settle(candidates: Iterable[tuple[int, int, list[_Entry]]]) -> list[Match]:
    """Leftmost-longest selection; a span whose entries name two entities yields nothing."""
    ordered = sorted(
        ((b, -e, entries) for b, e, entries in candidates if entries), key=lambda c: (c[0], c[1])
    )
    out: list[Match] = []
    cursor = 0
    for begin, neg_end, entries in ordered:
        end = -neg_end
        if begin < cursor:
            continue
        cursor = end
        keys = {x.key for x in entries}
        if len(keys) == 1 and None not in keys:
            (key,) = keys
            assert key is not None
            out.append(Match(begin, end, key))
    return out


def _holds(alias: Alias, begin: int, named: dict[str, list[int]]) -> bool:
    """True when an entity the alias requires is named (within ``alias.within``
    characters before ``begin``, when that is set); ``named`` maps keys to the
    ascending end offsets of their mentions."""
    for key in alias.requires:
        ends = named.get(key)
        if not ends:
            continue
        if alias.within is None:
            return True
        i = bisect_right(ends, begin)  # the last mention ending at or before begin
        if i and begin - ends[i - 1] <= alias.within:
            return True
    return False


def _fold(text: str) -> str:
    return simplified_view(normalize(text).text.replace("\u2029", " "))


def _is_latin_edge(text: str) -> bool:
    return _word_char(text[0]) or _word_char(text[-1])


def _word_char(ch: str) -> bool:
    return ch.isalnum() and ch.isascii() or (ch.isalpha() and ord(ch) < 0x2E80)


def _at_word_edges(text: str, begin: int, end: int) -> bool:
    before = text[begin - 1] if begin > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_word_char(before) and _word_char(text[begin])) and not (
        _word_char(after) and _word_char(text[end - 1])
    )
