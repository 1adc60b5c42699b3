"""The document header: what a document's title and opening say about it.

:func:`parse_title` reads the date and genre from a title such as
``2007年6月11日德国常驻裁军谈判会议代表团致裁谈会秘书长的普通照会，转交…``;
:func:`identify_parties` fills in the sender (the state whose mission writes) and
the recipient (the body addressed) from the entities found in the title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from .model import Document, DocumentHeader, Mention, Paragraph, ParagraphKind, Section

__all__ = ["parse_title", "identify_parties", "find_date", "section_authors"]

_ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_EN_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_EN_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_EN_MONTHS) + r") (\d{4})\b", re.IGNORECASE)
_GENRES = (
    ("普通照会", "note-verbale"),
    ("note verbale", "note-verbale"),
    ("adopted by the security council", "resolution"),
    ("letter", "letter"),
)
# A mission: "<state>常驻<place?><body>代表团致<recipient>", "Permanent Mission of <state>".
_ZH_SENDER = re.compile(r"常驻[^致]{0,30}代表团")
_ZH_RECIPIENT = re.compile(r"致")
_EN_SENDER = re.compile(r"Permanent Mission of (?:the )?|adopted by (?:the )?", re.IGNORECASE)
_EN_RECIPIENT = re.compile(r"\baddressed to\b|\bto the\b", re.IGNORECASE)


def find_date(text: str) -> dt.date | None:
    """The first valid date written in ``text`` (Chinese or English form), or ``None``."""
    candidates: list[tuple[int, dt.date]] = []
    for m in _ZH_DATE.finditer(text):
        date = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date:
            candidates.append((m.start(), date))
    for m in _EN_DATE.finditer(text):
        date = _date(int(m.group(3)), _EN_MONTHS[m.group(2).lower()], int(m.group(1)))
        if date:
            candidates.append((m.start(), date))
    return min(candidates)[1] if candidates else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_title(title: str) -> DocumentHeader:
    """Read the date and genre from a document title; sender and recipient stay unset."""
    lowered = title.lower()
    genre = next((g for cue, g in _GENRES if cue in lowered), None)
    return DocumentHeader(title=title, date=find_date(title), doc_type=genre)


def identify_parties(header: DocumentHeader, title_mentions: Iterable[Mention]) -> DocumentHeader:
    """Fill in sender and recipient from the mentions found in the title.

    The sender is the last state named before a mission (``常驻…代表团``), or the
    state after "Permanent Mission of"; the recipient is the first organisation
    named after ``致`` (to), or after "to the". Returns the header unchanged when
    the title has no such frame.
    """
    if header.title is None:
        return header
    mentions = sorted(title_mentions)
    sender = recipient = None
    mission = _ZH_SENDER.search(header.title)
    if mission:
        states = [m for m in mentions if m.key.startswith("state/") and m.end <= mission.start()]
        if states:
            sender = states[-1].key
        to = _ZH_RECIPIENT.search(header.title, mission.end())
        if to:
            orgs = [m for m in mentions if m.key.startswith("org/") and m.begin >= to.end()]
            if orgs:
                recipient = orgs[0].key
    english = _EN_SENDER.search(header.title)
    if english and sender is None:
        states = [
            m for m in mentions if m.key.startswith(("state/", "org/")) and m.begin >= english.end()
        ]
        if states:
            sender = states[0].key
            to = _EN_RECIPIENT.search(header.title, states[0].end)
            orgs = [m for m in mentions if m.key.startswith("org/") and to and m.begin >= to.end()]
            if orgs:
                recipient = orgs[0].key
    return replace(header, sender=sender or header.sender, recipient=recipient or header.recipient)


def section_authors(document: Document, mentions: Iterable[Mention]) -> tuple[Section, ...]:
    """Say who speaks in each section.

    The covering text is the sender's. A text it transmits is by the last
    organisation named in the paragraph that announces it: the one that names its
    title, else the one before the list of titles (…八国集团峰会的两份声明：);
    failing both, by the sender.
    """
    by_paragraph: dict[int, list[Mention]] = {}
    for m in mentions:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    sender = document.header.sender
    paragraphs = document.paragraphs
    cover = [p for p in paragraphs if p.section == 0]

    def announcer(title: str | None) -> Paragraph | None:
        naming = [
            p
            for p in cover
            if title
            and p.kind is not ParagraphKind.BULLET
            and title in p.text
            and p.kind is not ParagraphKind.TITLE
        ]
        if naming:
            return naming[0]
        for i, p in enumerate(cover):
            if p.kind is ParagraphKind.BULLET and i > 0:
                return cover[i - 1]
        return None

    def author(section: Section) -> str | None:
        if section.index == 0:
            return sender
        announcing = announcer(section.title)
        if announcing is None:
            return sender
        orgs = sorted(
            (m for m in by_paragraph.get(announcing.order, []) if m.key.startswith("org/")),
            key=lambda m: m.end,
        )
        return orgs[-1].key if orgs else sender

    return tuple(replace(s, author=author(s)) for s in document.sections)
