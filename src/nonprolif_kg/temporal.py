"""Relative dates, resolved against the document's date.

``五年前`` (five years ago) in a document of 11 June 2007 is ``2002``; ``去年``
(last year) ``2006``; ``去年九月`` ``2006-09``; ``今年`` ``2007``; ``本月``
``2007-06``; likewise "five years ago", "last year", "last September" in English.
:func:`relative_dates` finds them in a text and returns the span,
the text and the resolved value (an ISO year or year-month).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["RelativeDate", "relative_dates"]

_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_PATTERN = re.compile(
    r"(?P<ago>(?P<n>\d{1,2}|十[一二]?|[一二两三四五六七八九])年前)"
    r"|(?P<year>去年|今年|明年|前年)(?:(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?)?"
    r"|(?P<this_month>本月)"
)
_OFFSETS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_EN_NUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_EN_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_EN_PATTERN = re.compile(
    r"\b(?:(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) years? ago"
    r"|(?P<which>last|this|next) (?P<unit>year|"
    + "|".join(m.capitalize() for m in _EN_MONTHS)
    + r"))\b"
)
_EN_OFFSETS = {"last": -1, "this": 0, "next": 1}


@dataclass(frozen=True, order=True)
class RelativeDate:
    """A relative date: ``[begin, end)`` of the text, and its ISO value."""

    begin: int
    end: int
    text: str
    value: str


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUM[text]


def relative_dates(text: str, anchor: dt.date) -> list[RelativeDate]:
    """The relative dates in ``text``, resolved against ``anchor``."""
    found: list[RelativeDate] = []
    for m in _PATTERN.finditer(text):
        if m.group("ago"):
            value = f"{anchor.year - _number(m.group('n')):04d}"
        elif m.group("year"):
            year = anchor.year + _OFFSETS[m.group("year")]
            month = m.group("month")
            value = f"{year:04d}-{_number(month):02d}" if month else f"{year:04d}"
        else:
            value = f"{anchor.year:04d}-{anchor.month:02d}"
        found.append(RelativeDate(m.start(), m.end(), m.group(), value))
    for m in _EN_PATTERN.finditer(text):
        if m.group("n"):
            n = m.group("n")
            value = f"{anchor.year - (int(n) if n.isdigit() else _EN_NUM[n]):04d}"
        elif m.group("unit") == "year":
            value = f"{anchor.year + _EN_OFFSETS[m.group('which')]:04d}"
        else:
            month = _EN_MONTHS.index(m.group("unit").lower()) + 1
            offset = _EN_OFFSETS[m.group("which")]
            year = anchor.year + (offset if offset else 0)
            if m.group("which") == "last" and month < anchor.month:
                year += 1  # "last September" in June 2007 is September 2006
            value = f"{year:04d}-{month:02d}"
        found.append(RelativeDate(m.start(), m.end(), m.group(), value))
    return sorted(found)
