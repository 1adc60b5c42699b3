"""Stances: the speech acts a Chinese text reports, as n-ary relations.

For every cue of the lexicon (重申, 敦促, 深感遗憾, 不履行, …) in a sentence:

1. *Who speaks.* The cue must follow its subject with nothing but adverbs
   between (将, 还, 继续, 再次, 迄今, …): an entity (伊朗迄今不履行 -> Iran;
   八国集团领导人同意 -> the G8; a mission, 德国常驻…代表团谨请 -> Germany), or
   我们 or nothing, which is the author of the section (the G8 for its statement,
   the sender for the covering note). A cue after any other word (国际社会要求,
   作出的承诺) is not a speech act of the text, and one in a conditional clause
   (如果伊朗拒绝履行) is not asserted.
2. *Whom.* For cues that take an addressee (敦促, 呼吁, 请, 鼓励), the state or
   organisation right after the cue (所有, 各 may stand between).
3. *About what.* The entities between the cue and the next cue of the sentence
   (two cues in a row, 重申完全支持, share what follows), less the actor and the
   addressees, less names inside other names (the resolution in the name of the
   1540 Committee), less modifiers (安理会 in 安理会第1695号决议, 原子能机构 in
   原子能机构的安全标准, 美国 in 美国关于…的倡议), and less a place that names an
   event (卡纳纳斯基斯 as the Kananaskis summit).

A stance is kept when it has an addressee or a topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .clauses import by_sentence, clause_start
from .lexicon import Cue
from .model import Mention, Stance

__all__ = ["find_stances", "RULE", "participants", "Grammar", "GRAMMARS"]

RULE = "stance-zh/1"
_ADVERBS = (
    "将|还|也|再次|继续|坚决|完全|充分|谨|深感|尤其|进一步|已经|已|都|一致|共同|并|迄今|愿|"
    "同时|现在|仍然|仍|亦|特别|均|正在|曾|从而|因此|为此|则|又|更|一再|一贯|始终|随时"
)
_EN_ADVERBS = (
    r"\b(?:also|further|again|once|strongly|firmly|fully|therefore|now|continue to|"
    r"continues to|will|shall|hereby|moreover|equally|likewise|particularly|in particular|"
    r"still|thus|and|deeply)\b"
)


@dataclass(frozen=True)
class Grammar:
    """What links a cue to its subject, addressee and topics in one language."""

    rule: str
    adverb_run: re.Pattern[str]  # what may stand between two cues, or subject and cue
    subject_tail: re.Pattern[str]  # what may follow a subject entity before its cue
    we: re.Pattern[str]  # a clause opening that means "the author speaks"
    conditional: re.Pattern[str]
    addressee_gap: re.Pattern[str]
    modifier_gap: re.Pattern[str]
    word_edges: bool  # cues must stand as whole words


GRAMMARS: dict[str, Grammar] = {
    "zh": Grammar(
        rule=RULE,
        adverb_run=re.compile(rf"(?:{_ADVERBS}|\s)*"),
        subject_tail=re.compile(rf"(?P<noun>领导人|政府|代表团)?(?:{_ADVERBS}|\s)*"),
        we=re.compile(rf"(?:我们|我国|{_ADVERBS}|\s)*"),
        conditional=re.compile(r"如果|若|倘若|假如|一旦"),
        addressee_gap=re.compile(r"(?:所有|各|其他|有关|\s)*"),
        modifier_gap=re.compile(r"|的|第|《|“|的各项决议包括|的决议"),
        word_edges=False,
    ),
    "en": Grammar(
        rule="stance-en/1",
        adverb_run=re.compile(rf"(?:{_EN_ADVERBS}|\s)*"),
        subject_tail=re.compile(
            rf"(?:\s+(?P<noun>leaders|Leaders|Government|Permanent Mission))?(?:{_EN_ADVERBS}|\s)*"
        ),
        we=re.compile(rf"(?:\b[Ww]e\b|{_EN_ADVERBS}|\s)*"),
        conditional=re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ss]hould)\b"),
        addressee_gap=re.compile(r"(?:\s|\bthe\b|\ball\b|\bother\b|\bGovernment of\b)*"),
        modifier_gap=re.compile(r"\s*|\s*'s\s*|\s+resolutions?(?:,\s*including)?\s+"),
        word_edges=True,
    ),
}
_AGENTS = ("state/", "org/")


@dataclass(frozen=True)
class _Found:
    cue: Cue
    begin: int
    end: int
    actor: str


def participants(
    mentions: Sequence[Mention], text: str, grammar: Grammar = GRAMMARS["zh"]
) -> list[Mention]:
    """The mentions that can take part in a stance: no nested names, no modifiers,
    no place that names an event, sorted by position."""
    spans = {(m.begin, m.end) for m in mentions if not m.key.startswith("place/")}
    out = []
    for m in sorted(mentions, key=lambda m: (m.begin, -m.end, m.key)):
        if any(
            o.begin <= m.begin and m.end <= o.end and (o.begin, o.end) != (m.begin, m.end)
            for o in mentions
        ):
            continue
        if m.key.startswith("place/") and (m.begin, m.end) in spans:
            continue
        if _is_modifier(m, mentions, text, grammar):
            continue
        out.append(m)
    return out


def _is_modifier(m: Mention, mentions: Sequence[Mention], text: str, grammar: Grammar) -> bool:
    if not m.key.startswith(_AGENTS):
        return False
    if m.key.startswith("state/") and text.startswith("关于", m.end):
        return True
    return any(
        o.begin >= m.end and grammar.modifier_gap.fullmatch(text, m.end, o.begin)
        for o in mentions
        if o is not m
    )


def _cue_pattern(cues: Sequence[Cue], word_edges: bool) -> re.Pattern[str]:
    return _alternation(frozenset(c.text for c in cues), word_edges)


@lru_cache(maxsize=64)
def _alternation(texts: frozenset[str], word_edges: bool) -> re.Pattern[str]:
    """The pattern finding any of ``texts``, longest first (made once per set of cues)."""
    ordered = sorted(texts, key=lambda t: (-len(t), t))
    alternation = "|".join(re.escape(t) for t in ordered)
    return re.compile(rf"\b(?:{alternation})\b" if word_edges else alternation)


def find_stances(
    order: int,
    text: str,
    mentions: Sequence[Mention],
    author: str | None,
    cues: Sequence[Cue],
    lang: str = "zh",
) -> list[Stance]:
    """The stances of one paragraph (its ``order`` and ``text``) in ``lang``."""
    grammar = GRAMMARS.get(lang.split("-")[0])
    if not cues or grammar is None:
        return []
    by_text = {c.text: c for c in cues}
    pattern = _cue_pattern(cues, grammar.word_edges)
    stances: list[Stance] = []
    for s_begin, s_end, local in by_sentence(text, mentions):
        people = participants(local, text, grammar)
        covered = {i for m in local for i in range(m.begin, m.end)}
        found: list[_Found] = []
        for match in pattern.finditer(text, s_begin, s_end):
            if any(i in covered for i in range(match.start(), match.end())):
                continue
            actor = _actor(text, s_begin, match.start(), local, author, found, grammar)
            if actor is not None:
                found.append(_Found(by_text[match.group()], match.start(), match.end(), actor))
        for i, item in enumerate(found):
            scope_end = _scope_end(text, found, i, s_end, grammar)
            stance = _build(order, text, item, scope_end, people, grammar)
            if stance is not None:
                stances.append(stance)
    return stances


def _actor(
    text: str,
    s_begin: int,
    at: int,
    mentions: Sequence[Mention],
    author: str | None,
    found: list[_Found],
    grammar: Grammar,
) -> str | None:
    start = clause_start(text, at, s_begin)
    if grammar.conditional.search(text, start, at):
        return None
    previous = [f for f in found if f.end <= at and f.begin >= start]
    if previous and grammar.adverb_run.fullmatch(text, previous[-1].end, at):
        return previous[-1].actor
    agents = [m for m in mentions if m.key.startswith(_AGENTS) and start <= m.begin and m.end <= at]
    if agents:
        last = max(agents, key=lambda m: (m.end, -m.begin))
        tail = grammar.subject_tail.fullmatch(text, last.end, at)
        if tail is not None:
            if tail.group("noun") == "代表团":
                states = [m for m in agents if m.key.startswith("state/")]
                return (states[0] if states else last).key
            return last.key
    if grammar.we.fullmatch(text, start, at):
        return author
    return None


def _scope_end(text: str, found: list[_Found], i: int, s_end: int, grammar: Grammar) -> int:
    j = i
    while j + 1 < len(found) and grammar.adverb_run.fullmatch(
        text, found[j].end, found[j + 1].begin
    ):
        j += 1  # 重申完全支持: the first cue shares the scope of the last
    return found[j + 1].begin if j + 1 < len(found) else s_end


def _build(
    order: int,
    text: str,
    item: _Found,
    scope_end: int,
    people: Sequence[Mention],
    grammar: Grammar,
) -> Stance | None:
    in_scope = [m for m in people if item.end <= m.begin and m.end <= scope_end]
    addressees: list[str] = []
    if item.cue.addressee and in_scope:
        first = in_scope[0]
        if first.key.startswith(_AGENTS) and grammar.addressee_gap.fullmatch(
            text, item.end, first.begin
        ):
            addressees.append(first.key)
            in_scope = [m for m in in_scope if m.begin >= first.end]
    topics: list[str] = []
    for m in in_scope:
        if m.key not in topics and m.key != item.actor and m.key not in addressees:
            topics.append(m.key)
    if not addressees and not topics:
        return None
    return Stance(
        paragraph=order,
        cue_begin=item.begin,
        cue_end=item.end,
        cue=item.cue.text,
        stance_type=item.cue.type,
        actor=item.actor,
        addressees=tuple(addressees),
        topics=tuple(topics),
        polarity=item.cue.polarity,
        rule=grammar.rule,
    )
