"""A small metadata file beside a document: what the text itself may not say.

For ``a.zh.txt`` the file is ``a.zh.meta.json``::

    {"symbol": "CD/1819", "date": "2007-06-11", "lang": "zh-Hans", "author": "org/g8"}

All keys are optional. ``symbol`` (the UN document symbol) gives the document id
(``cd-1819``), so that two files with one symbol, in two languages, become two
language versions of one document; ``date`` and ``lang`` override what is read
from the text; ``author`` says who speaks in the document's own text ("we") when
the text does not say it. A malformed file is refused with its path and the
reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .language import SUPPORTED

__all__ = ["Metadata", "read_metadata", "metadata_path", "symbol_id"]

_KEYS = frozenset({"symbol", "date", "lang", "author"})
_KEY_RE = re.compile(r"(state|org)/[A-Za-z0-9-]+")


@dataclass(frozen=True)
class Metadata:
    """What a metadata file says; ``None`` where it says nothing."""

    symbol: str | None = None
    date: dt.date | None = None
    lang: str | None = None
    author: str | None = None


def metadata_path(document: Path) -> Path:
    """Where the metadata of ``document`` would be: its name with ``.meta.json``."""
    return document.with_suffix(".meta.json")


def symbol_id(symbol: str) -> str:
    """A document id from a UN symbol: ``CD/1819`` -> ``cd-1819``."""
    return re.sub(r"[^0-9a-z]+", "-", symbol.lower()).strip("-") or "doc"


def read_metadata(document: Path) -> Metadata:
    """The metadata beside ``document``, or empty metadata when there is no file."""
    path = metadata_path(document)
    if not path.exists():
        return Metadata()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise InputError(path, "must hold a JSON object")
    unknown = set(data) - _KEYS
    if unknown:
        raise InputError(
            path, f"has an unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_KEYS))})"
        )
    symbol, date, lang, author = (data.get(k) for k in ("symbol", "date", "lang", "author"))
    if symbol is not None and (not isinstance(symbol, str) or not symbol.strip()):
        raise InputError(path, "'symbol' must be a non-empty string such as \"CD/1819\"")
    parsed_date = None
    if date is not None:
        try:
            parsed_date = dt.date.fromisoformat(str(date))
        except ValueError:
            raise InputError(path, f"'date' {date!r} is not a date (YYYY-MM-DD)") from None
    if lang is not None and lang not in SUPPORTED:
        raise InputError(path, f"'lang' {lang!r} is not one of {', '.join(SUPPORTED)}")
    if author is not None and (not isinstance(author, str) or not _KEY_RE.fullmatch(author)):
        raise InputError(path, f"'author' {author!r} must be a key such as \"org/g8\"")
    return Metadata(symbol=symbol, date=parsed_date, lang=lang, author=author)
