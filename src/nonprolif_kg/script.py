"""Chinese script folding for matching: a Simplified view of any Chinese text.

:func:`simplified_view` maps every Traditional character to its Simplified form,
character by character (OpenCC's tables), so the view has exactly the length of
the text and every offset in it is an offset in the text. The matcher and the
rules read the view; anchors are cut from the text itself. A character whose
Simplified form is not one character is kept as it is. Text in either script,
or in both mixed, gives the same view.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["simplified_view"]


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _fold(ch: str) -> str:
    if ch.isascii():
        return ch
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


class _FoldTable(dict[int, str]):
    """Code point -> its character's fold, for :meth:`str.translate`: filled as
    characters are first met, so that a text is folded at the speed of C, not
    of a Python call per character."""

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def simplified_view(text: str) -> str:
    """``text`` with each Traditional character replaced by its Simplified form."""
    return text.translate(_TABLE)
