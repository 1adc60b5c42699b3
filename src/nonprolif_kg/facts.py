"""Binary facts a text states (Chinese, and English where noted), each with the span
that is its evidence.

- ``proposedBy`` (``proposed-by-zh/1``): 美国关于全球核能源伙伴关系的倡议;
  (``proposed-by-en/1``): "the GNEP, proposed by the United States", "Germany's MESP"
- ``launchedAt`` (``launched-at-zh/1``): 五年前在卡纳纳斯基斯发起的《…全球伙伴关系》;
  (``launched-at-en/1``): "the Global Partnership, launched at Kananaskis five years ago"
- ``establishedAt`` (``established-at/1``): 在卡纳纳斯基斯峰会上，…同意建立…小组
- ``establishedBy`` (``established-by/1``): 1540号决议委员会, a body named after its resolution
- ``adoptedBy`` (``adopted-by/1``): 安全理事会第1540号决议, 安理会第1696、1737和1747号决议;
  a list after the Council holds only the Council's own decisions and ends at another body's
- ``adoptedAt`` (``adopted-at-zh/1``): 在拉巴特该倡议会议上通过的原则声明
- ``heldAt`` (``held-at/1``): 卡纳纳斯基斯峰会, an event named by its venue
- ``date`` (``event-date-zh/1``): 2006年10月30日和31日在拉巴特该倡议会议
- ``stateCount`` (``state-count/1``): 已有88个国家承诺执行…《…行为准则》, "88 States have …"

A relative date before a launch (五年前, 去年) is kept with the fact, as written
and as resolved against the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .catalogue import Catalogue, decision_body
from .clauses import by_sentence, clause_end, clause_start
from .model import Fact, Mention
from .patterns import VENUE_RULE
from .temporal import RelativeDate, relative_dates

__all__ = ["find_facts"]

_PROPOSAL = re.compile(r"关于[^。；，]{0,60}?的?(?:倡议|建议|提议)")
_LAUNCH = re.compile(r"[^。；，]{0,2}?(?:发起|启动|提出)的[《“]?")
_ESTABLISH = re.compile(r"建立|设立|成立|\b(?:establish|established|set up|create|created)\b")
_ESTABLISH_GAP = re.compile(r"\s*(?:the\s+)?")
_ADOPT = re.compile(r"上?通过的[《“]?")
_ISSUER_GAP = re.compile(r"|第|的各项决议包括|的决议|\s+|\s+resolutions?,?\s+(?:including\s+)?")
_LIST_GAP = re.compile(r"\s*(?:、|，|,|和|及|以及|与|或)\s*|\s*,\s*(?:and\s+)?|\s+and\s+")
_EN_PROPOSED_BY = re.compile(r",?\s*(?:which was\s+)?(?:proposed|put forward) by\s+(?:the\s+)?")
_EN_POSSESSIVE = re.compile(r"['’]s\s+(?:\w+\s+){0,2}?")
_EN_LAUNCHED = re.compile(r",?\s*(?:which was\s+)?launched\s+(?:at|in)\s+(?:the\s+)?")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:(?:和|至|-|—)(?:\d{1,2}月)?\d{1,2}日)?在")
_COUNT = re.compile(r"(\d{1,3})(?:个国家|\s+(?:States|countries)\b)")


def find_facts(
    order: int,
    text: str,
    mentions: Sequence[Mention],
    catalogue: Catalogue,
    doc_date: dt.date | None,
) -> list[Fact]:
    """The facts of one paragraph (its ``order`` and ``text``)."""
    facts: list[Fact] = []
    dates = relative_dates(text, doc_date) if doc_date else []
    for s_begin, s_end, local in by_sentence(text, mentions):
        ms = sorted(local, key=lambda m: (m.begin, m.end, m.key))
        facts += _proposals(order, text, ms)
        facts += _launches(order, text, ms, dates)
        facts += _establishments(order, text, ms, catalogue)
        facts += _adoptions(order, text, ms)
        facts += _venues_and_dates(order, text, ms)
        facts += _counts(order, text, ms, s_begin, s_end)
    return facts


def _proposals(order: int, text: str, ms: Sequence[Mention]) -> list[Fact]:
    out = _proposals_en(order, text, ms)
    for state in (m for m in ms if m.key.startswith("state/")):
        match = _PROPOSAL.match(text, state.end)
        if not match:
            continue
        inside = [
            m
            for m in ms
            if m.key.startswith("initiative/") and match.start() <= m.begin and m.end <= match.end()
        ]
        for initiative in inside:
            out.append(
                Fact(
                    order,
                    state.begin,
                    match.end(),
                    initiative.key,
                    "proposedBy",
                    state.key,
                    "proposed-by-zh/1",
                )
            )
    return out


def _proposals_en(order: int, text: str, ms: Sequence[Mention]) -> list[Fact]:
    """ "the GNEP, proposed by the United States" and "the United States' GNEP"."""
    out = []
    states = {m.begin: m for m in ms if m.key.startswith("state/")}
    initiatives = [m for m in ms if m.key.startswith("initiative/")]
    for initiative in initiatives:
        match = _EN_PROPOSED_BY.match(text, initiative.end)
        if match and match.end() in states:
            state = states[match.end()]
            out.append(
                Fact(
                    order,
                    initiative.begin,
                    state.end,
                    initiative.key,
                    "proposedBy",
                    state.key,
                    "proposed-by-en/1",
                )
            )
    for state in states.values():
        match = _EN_POSSESSIVE.match(text, state.end)
        if not match:
            continue
        for initiative in initiatives:
            if initiative.begin == match.end():
                out.append(
                    Fact(
                        order,
                        state.begin,
                        initiative.end,
                        initiative.key,
                        "proposedBy",
                        state.key,
                        "proposed-by-en/1",
                    )
                )
    return out


def _launches(
    order: int, text: str, ms: Sequence[Mention], dates: Sequence[RelativeDate]
) -> list[Fact]:
    out = []
    events = [m for m in ms if m.key.startswith("event/") and m.rule == VENUE_RULE]
    for event in events:
        match = _LAUNCH.match(text, event.end)
        if not match:
            continue
        following = [
            m
            for m in ms
            if m.key.startswith("initiative/")
            and m.begin >= match.end()
            and m.begin - match.end() <= 1
        ]
        if not following:
            continue
        initiative = following[0]
        before = [d for d in dates if d.end <= event.begin and event.begin - d.end <= 2]
        when = before[-1] if before else None
        begin = when.begin if when else event.begin
        out.append(
            Fact(
                order,
                begin,
                initiative.end,
                initiative.key,
                "launchedAt",
                event.key,
                "launched-at-zh/1",
                when.value if when else None,
                when.text if when else None,
            )
        )
    for initiative in (m for m in ms if m.key.startswith("initiative/")):
        match = _EN_LAUNCHED.match(text, initiative.end)
        if not match:
            continue
        at = [e for e in events if e.begin == match.end()]
        if not at:
            continue
        event = at[0]
        after = [d for d in dates if d.begin >= event.end and d.begin - event.end <= 2]
        when = after[0] if after else None
        end = when.end if when else event.end
        out.append(
            Fact(
                order,
                initiative.begin,
                end,
                initiative.key,
                "launchedAt",
                event.key,
                "launched-at-en/1",
                when.value if when else None,
                when.text if when else None,
            )
        )
    return out


def _establishments(
    order: int, text: str, ms: Sequence[Mention], catalogue: Catalogue
) -> list[Fact]:
    out = []
    for event in (m for m in ms if m.key.startswith("event/")):
        sentence_end = len(text)
        for end_char in "。！？":
            at = text.find(end_char, event.end)
            if at != -1:
                sentence_end = min(sentence_end, at)
        for verb in _ESTABLISH.finditer(text, event.end, sentence_end):
            bodies = [
                m
                for m in ms
                if m.key.startswith("org/")
                and m.begin >= verb.end()
                and _ESTABLISH_GAP.fullmatch(text, verb.end(), m.begin)
            ]
            for body in bodies:
                out.append(
                    Fact(
                        order,
                        event.begin,
                        body.end,
                        body.key,
                        "establishedAt",
                        event.key,
                        "established-at/1",
                    )
                )
    for body in (m for m in ms if m.key.startswith("org/")):
        entity = catalogue.get(body.key)
        named_by = entity.fact("establishedBy") if entity else None
        for inner in ms:
            if inner.key == named_by and body.begin <= inner.begin and inner.end <= body.end:
                out.append(
                    Fact(
                        order,
                        body.begin,
                        body.end,
                        body.key,
                        "establishedBy",
                        inner.key,
                        "established-by/1",
                    )
                )
    return out


def _adoptions(order: int, text: str, ms: Sequence[Mention]) -> list[Fact]:
    out = []
    resolutions = [m for m in ms if m.key.startswith("resolution/")]
    for council in (m for m in ms if m.key == "org/unsc"):
        chain: list[Mention] = []
        cursor = council.end
        gap = _ISSUER_GAP
        for res in resolutions:
            if res.begin < cursor:
                continue
            if not gap.fullmatch(text, cursor, res.begin) or decision_body(res.key) != council.key:
                break  # the list ends, or names another body's decision
            chain.append(res)
            cursor, gap = res.end, _LIST_GAP
        for res in chain:
            out.append(
                Fact(
                    order,
                    council.begin,
                    res.end,
                    res.key,
                    "adoptedBy",
                    council.key,
                    "adopted-by/1",
                )
            )
    for event in (m for m in ms if m.key.startswith("event/")):
        match = _ADOPT.match(text, event.end)
        if not match:
            continue
        for instrument in (m for m in ms if m.key.startswith("treaty/") and m.begin == match.end()):
            out.append(
                Fact(
                    order,
                    event.begin,
                    instrument.end,
                    instrument.key,
                    "adoptedAt",
                    event.key,
                    "adopted-at-zh/1",
                )
            )
    return out


def _venues_and_dates(order: int, text: str, ms: Sequence[Mention]) -> list[Fact]:
    out = []
    for event in (m for m in ms if m.rule == VENUE_RULE):
        places = [
            m
            for m in ms
            if m.key.startswith("place/") and event.begin <= m.begin and m.end <= event.end
        ]
        for place in places:
            out.append(
                Fact(order, event.begin, event.end, event.key, "heldAt", place.key, "held-at/1")
            )
        for date in _DATE.finditer(text, clause_start(text, event.begin), event.begin):
            if event.begin - date.end() > 6:
                continue
            try:
                day = dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
            except ValueError:
                continue
            out.append(
                Fact(
                    order,
                    date.start(),
                    event.end,
                    event.key,
                    "date",
                    day.isoformat(),
                    "event-date-zh/1",
                )
            )
    return out


def _counts(order: int, text: str, ms: Sequence[Mention], begin: int, end: int) -> list[Fact]:
    out = []
    for match in _COUNT.finditer(text, begin, end):
        end = clause_end(text, match.end())
        instruments = [
            m for m in ms if m.key.startswith("treaty/") and match.end() <= m.begin and m.end <= end
        ]
        if instruments:
            target = instruments[0]
            out.append(
                Fact(
                    order,
                    match.start(),
                    target.end,
                    target.key,
                    "stateCount",
                    int(match.group(1)),
                    "state-count/1",
                )
            )
    return out
