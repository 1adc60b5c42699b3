"""Pattern extractors: entities that are recognised by their form, not by a list.

Each function takes a paragraph's text, the gazetteer's matches in it and the
catalogue, and returns ``(begin, end, key)`` triples:

- :func:`unsc_resolutions`: every Security Council resolution cited by number,
  alone or in a list (``第1695号和第1718号决议``, ``1540、1695、1718、1737和1747号决议``),
  whether or not the catalogue lists it. Integer numbers are Security Council
  resolutions; General Assembly (``50/9``) and IAEA symbols have other forms.
- :func:`decision_symbols` and :func:`unga_resolutions`: other decisions by symbol
  (``S/PRST/2006/15``, ``A/RES/50/9``, ``GOV/2006/14``, ``GC(51)/RES/11``) and
  General Assembly resolutions by session and number (``大会第50/9号决议``).
- :func:`review_conferences`: ``2010年审议会议``, ``2006年《生物与毒素武器公约》第六次审议会议``,
  ``第二次审议会议``: the treaty is the one named in the phrase or, failing that, the
  last one named before it in the paragraph; the year or ordinal picks the event
  from the catalogue. A preparatory committee session that follows
  (``…筹备委员会第一次会议``) is found too.
- :func:`events_by_venue`: a summit or meeting named by where it was held
  (``卡纳纳斯基斯峰会``, ``在拉巴特该倡议会议上``, ``在格伦伊格尔斯作出的``), where the
  catalogue knows exactly one event at that place and no other year is given.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from .catalogue import Catalogue
from .clauses import clause_end, clause_start
from .matcher import Match
from .model import EntityType

__all__ = [
    "unsc_resolutions",
    "unsc_resolutions_en",
    "decision_symbols",
    "unga_resolutions",
    "review_conferences",
    "events_by_venue",
    "PATTERNS",
    "Found",
    "VENUE_RULE",
]

#: The rule id of :func:`events_by_venue`.
VENUE_RULE = "event-by-venue/1"

Found = tuple[int, int, str]
PatternFn = Callable[[str, Sequence[Match], Catalogue], list[Found]]

_NUM = r"(?<![\d/.])第?\s*\d{1,4}(?:\s*[(（]\d{4}[)）])?\s*[号號]?(?![\d/])"
_SEP = r"\s*(?:、|，|,|以及|和|及|与|與|或)\s*"
_RES_LIST = re.compile(rf"{_NUM}(?:{_SEP}{_NUM})*\s*(?:[号號])?\s*(?:决议|決議)")
_RES_ITEM = re.compile(r"第?\s*(\d{1,4})(?:\s*[(（]\d{4}[)）])?\s*[号號]?")

_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINAL = r"[一二三四五六七八九十\d]{1,3}"
_REVCON = re.compile(
    rf"(?:(\d{{4}})年)?(?:\d{{1,2}}月)?(?:《([^《》]{{1,60}})》)?(?:第({_ORDINAL})次|下一次)?"
    r"(?:审议会议|审议大会|審議會議|審議大會)"
)
_PREPCOM = re.compile(rf"(?:筹备委员会|籌備委員會)第({_ORDINAL})(?:次|届|屆)(?:会议|會議)")

_HEADS = ("峰会", "峰會", "会议", "會議", "Summit", "summit", "meeting", "Meeting")
_VERBS = ("作出", "发起", "發起", "通过", "通過", "达成", "達成", "商定", "启动", "啟動")
_YEAR = re.compile(r"(\d{4})年")
# What may stand between a year and the venue it dates: "2006年10月30日和31日在拉巴特".
_DATE_TO_VENUE = re.compile(r"[\d月日和至、\-—]*在.{0,6}")


def _listed(
    text: str, listing: re.Match[str], item: re.Pattern[str]
) -> Iterator[tuple[int, int, re.Match[str]]]:
    """Each ``item`` in a ``listing`` match with its span: the first item's span begins
    where the listing does (``resolutions 1540``), the last one's ends where the listing
    does (``1747号决议``), the others are the item alone."""
    items = list(item.finditer(text, listing.start(), listing.end()))
    for i, found in enumerate(items):
        begin = listing.start() if i == 0 else found.start()
        end = listing.end() if i == len(items) - 1 else found.end()
        yield begin, end, found


def unsc_resolutions(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """Security Council resolutions cited by number in Chinese text."""
    found: list[Found] = []
    for listing in _RES_LIST.finditer(text):
        for begin, end, item in _listed(text, listing, _RES_ITEM):
            number = int(item.group(1))
            if number > 0:
                found.append((begin, end, f"resolution/unsc-{number}"))
    return found


_EN_YEAR = r"(?:\s*\(\d{4}\))?"
_EN_ITEM = re.compile(rf"(?<![\d/.])(\d{{1,4}})(?![\d/]){_EN_YEAR}")
_EN_LIST = re.compile(
    rf"\b(?:[Rr]esolutions?|UNSCRs?)\s+(?:No\.\s*)?\d{{1,4}}(?![\d/]){_EN_YEAR}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)\d{{1,4}}(?![\d/]){_EN_YEAR})*"
)
_EN_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})(?:\s*\((\d{4})\))?")


def unsc_resolutions_en(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """Security Council resolutions cited in English: ``resolution 1540 (2004)``,
    ``resolutions 1695 (2006), 1718 (2006) and 1737 (2006)``, ``UNSCR 1540``,
    ``S/RES/1540 (2004)``. Numbers with a slash (``resolution 50/9``) are the
    General Assembly's and are left alone."""
    found: list[Found] = []
    for listing in _EN_LIST.finditer(text):
        for begin, end, item in _listed(text, listing, _EN_ITEM):
            found.append((begin, end, f"resolution/unsc-{int(item.group(1))}"))
    for symbol in _EN_SYMBOL.finditer(text):
        found.append((symbol.start(), symbol.end(), f"resolution/unsc-{int(symbol.group(1))}"))
    return [f for f in found if not f[2].endswith("-0")]


_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![A-Za-z/])S/PRST/(\d{4})/(\d{1,4})(?![\d/])"), "unsc-prst"),
    (re.compile(r"(?<![A-Za-z/])A/RES/(\d{1,3})/(\d{1,4})(?![\d/])"), "unga"),
    (re.compile(r"(?<![A-Za-z/])GOV/(\d{4})/(\d{1,4})(?![\d/])"), "iaea-gov"),
    (re.compile(r"(?<![A-Za-z/])GC\((\d{1,3})\)/RES/(\d{1,4})(?![\d/])"), "iaea-gc"),
)
_SLASHED = r"\d{1,3}/\d{1,4}(?![\d/])"
_GA_ITEM = re.compile(r"(?:第\s*)?(\d{1,3})/(\d{1,4})(?:\s*[号號])?")
_GA_EN = re.compile(
    rf"(?<=General Assembly )[Rr]esolutions?\s+{_SLASHED}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:resolution\s+)?{_SLASHED})*"
)
_GA_ZH = re.compile(
    rf"(?<=大会|大會|联大|聯大)第?\s*{_SLASHED}\s*[号號]?"
    rf"(?:{_SEP}第?\s*{_SLASHED}\s*[号號]?)*\s*(?:决议|決議)"
)


def decision_symbols(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """Decisions cited by document symbol, in any language: ``S/PRST/2006/15``,
    ``A/RES/50/9``, ``GOV/2006/14``, ``GC(51)/RES/11``. (Security Council
    resolutions' ``S/RES/N`` is read by :func:`unsc_resolutions_en`.)"""
    found: list[Found] = []
    if "/" not in text:  # in every symbol: most paragraphs are done without a regex
        return found
    for pattern, body in _SYMBOLS:
        for symbol in pattern.finditer(text):
            first, second = int(symbol.group(1)), int(symbol.group(2))
            if first > 0 and second > 0:
                found.append((symbol.start(), symbol.end(), f"resolution/{body}-{first}-{second}"))
    return found


def unga_resolutions(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """General Assembly resolutions cited by session and number after the Assembly's
    name: ``General Assembly resolution 50/9``, ``General Assembly resolutions 50/9
    and 51/45``, ``大会第50/9号决议``, ``联大第50/9号和第51/45号决议``. A bare
    ``resolution 7/36`` is left alone: other bodies number theirs the same way."""
    found: list[Found] = []
    if "/" not in text:  # in every session/number
        return found
    for listing in (*_GA_EN.finditer(text), *_GA_ZH.finditer(text)):
        for begin, end, item in _listed(text, listing, _GA_ITEM):
            session, number = int(item.group(1)), int(item.group(2))
            if session > 0 and number > 0:
                found.append((begin, end, f"resolution/unga-{session}-{number}"))
    return found


def _zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_ZH_DIGITS.get(tens, 0) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0))
        return value
    return _ZH_DIGITS.get(text)


def review_conferences(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """Review conferences (and their preparatory committees) of a treaty."""
    found: list[Found] = []
    if "审议" not in text and "審議" not in text:  # in every name: the regex, tried at
        return found  # every position (its head is optional), is left for the few
    treaties = sorted((m for m in matches if m.key.startswith("treaty/")), key=lambda m: m.end)
    ends = [m.end for m in treaties]
    index = _event_index(catalogue)
    for conf in _REVCON.finditer(text):
        year = int(conf.group(1)) if conf.group(1) else None
        ordinal = _zh_number(conf.group(3)) if conf.group(3) else None
        if year is None and ordinal is None:
            continue
        # The last treaty named inside the conference's name, else the last before it.
        upto = bisect_right(ends, conf.end())
        named = [
            m for m in treaties[bisect_left(ends, conf.start()) : upto] if conf.start() <= m.begin
        ]
        before = bisect_right(ends, conf.start())
        if named:
            treaty = named[-1]
        elif before:
            treaty = treaties[before - 1]
        else:
            continue
        key = index.revcon(treaty.key, year, ordinal)
        if key is None:
            continue
        found.append((conf.start(), conf.end(), key))
        prep = _PREPCOM.match(text, conf.end())
        if prep:
            session = _zh_number(prep.group(1))
            prep_key = index.prepcom(key, session)
            if prep_key:
                found.append((conf.start(), prep.end(), prep_key))
    return found


def events_by_venue(text: str, matches: Sequence[Match], catalogue: Catalogue) -> list[Found]:
    """Summits and meetings named by their venue."""
    found: list[Found] = []
    index = _event_index(catalogue)
    covered = _Covered((m.begin, m.end) for m in matches)
    for place in matches:
        event = index.at_venue(place.key)
        if event is None:
            continue
        clause_start, clause_stop = clause_bounds(text, place.begin, place.end)
        if _dated_otherwise(text, clause_start, place.begin, index.year(event)):
            continue
        head_end = _head_after(text, place.end, clause_stop, covered)
        if head_end is not None:
            found.append((place.begin, head_end, event))
        elif (
            head_begin := _latin_head_before(text, clause_start, place.begin, covered)
        ) is not None:
            found.append((head_begin, place.end, event))
        elif (
            place.begin > 0 and text[place.begin - 1] == "在" and text.startswith(_VERBS, place.end)
        ) or _EN_VERB_AT.search(text, max(0, place.begin - 40), place.begin):
            found.append((place.begin, place.end, event))
    return found


def clause_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    """The clause around the span ``[begin, end)``."""
    return clause_start(text, begin), clause_end(text, end)


def _dated_otherwise(text: str, start: int, venue: int, year: int | None) -> bool:
    """True when a date just before the venue gives another year than the event's."""
    for found in _YEAR.finditer(text, start, venue):
        if _DATE_TO_VENUE.fullmatch(text, found.end(), venue) and int(found.group(1)) != year:
            return True
    return False


_EN_VERB_AT = re.compile(
    r"\b(?:launched|adopted|made|agreed|established|reached|taken)\s+(?:at|in)\s+(?:the\s+)?$"
)
_LATIN_HEAD_BEFORE = re.compile(r"\b(?:[Ss]ummit|[Mm]eeting)\b(?:\s+\w+){0,3}?\s+(?:at|in)\s+$")


class _Covered:
    """Spans, asked in logarithmic time whether one of them covers a position."""

    def __init__(self, spans: Iterator[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._begins = [b for b, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def __contains__(self, at: int) -> bool:
        """True when some span ``[b, e)`` has ``b <= at < e``."""
        i = bisect_right(self._begins, at)
        return i > 0 and self._reach[i - 1] > at


def _latin_head_before(text: str, start: int, place: int, covered: _Covered) -> int | None:
    """English order: "the G8 summit held at Heiligendamm" (the head before the venue)."""
    match = _LATIN_HEAD_BEFORE.search(text, start, place)
    if match is None or match.start() in covered:
        return None
    return match.start()


def _head_after(text: str, start: int, stop: int, covered: _Covered) -> int | None:
    for head in _HEADS:
        at = text.find(head, start, stop)
        while at != -1:
            if at not in covered:
                return at + len(head)
            at = text.find(head, at + 1, stop)
    return None


@dataclass(frozen=True)
class _EventIndex:
    revcons: dict[tuple[str, int | None, int | None], str]
    prepcoms: dict[tuple[str, int | None], str]
    venues: dict[str, str]
    years: dict[str, int]

    def revcon(self, treaty: str, year: int | None, ordinal: int | None) -> str | None:
        if year is not None and ordinal is not None:
            return self.revcons.get((treaty, year, ordinal))
        return self.revcons.get((treaty, year, None)) or self.revcons.get((treaty, None, ordinal))

    def prepcom(self, revcon: str, session: int | None) -> str | None:
        return self.prepcoms.get((revcon, session))

    def at_venue(self, place: str) -> str | None:
        return self.venues.get(place)

    def year(self, event: str) -> int | None:
        return self.years.get(event)


@cache
def _event_index(catalogue: Catalogue) -> _EventIndex:
    revcons: dict[tuple[str, int | None, int | None], str] = {}
    prepcoms: dict[tuple[str, int | None], str] = {}
    by_venue: dict[str, list[str]] = {}
    years: dict[str, int] = {}
    for event in catalogue.of_type(EntityType.EVENT):
        treaty, year, ordinal = event.fact("treaty"), event.fact("year"), event.fact("ordinal")
        if isinstance(year, int):
            years[event.key] = year
        series = str(event.fact("series") or "")
        if isinstance(treaty, str) and series.endswith("-revcon"):
            y = year if isinstance(year, int) else None
            o = ordinal if isinstance(ordinal, int) else None
            revcons[(treaty, y, o)] = event.key
            revcons[(treaty, y, None)] = event.key
            revcons[(treaty, None, o)] = event.key
        target, session = event.fact("for"), event.fact("session")
        if isinstance(target, str) and isinstance(session, int):
            prepcoms[(target, session)] = event.key
        venue = event.fact("venue")
        if isinstance(venue, str):
            by_venue.setdefault(venue, []).append(event.key)
    venues = {place: keys[0] for place, keys in by_venue.items() if len(keys) == 1}
    return _EventIndex(revcons, prepcoms, venues, years)


#: The pattern extractors, in the order they run, with the rule id each records.
PATTERNS: tuple[tuple[str, PatternFn], ...] = (
    ("unsc-resolution-zh/1", unsc_resolutions),
    ("unsc-resolution-en/1", unsc_resolutions_en),
    ("decision-symbol/1", decision_symbols),
    ("unga-resolution/1", unga_resolutions),
    ("review-conference-zh/1", review_conferences),
    (VENUE_RULE, events_by_venue),
)
