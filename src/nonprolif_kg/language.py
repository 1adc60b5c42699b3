"""Which language a document is in, from its text.

The extractor reads Chinese in either script, and English. :func:`detect_language`
counts the Han characters and, among those that differ between the two scripts,
how many are Simplified and how many Traditional (OpenCC's tables decide); a text
of mostly ASCII letters is English. Any other text is refused, so that a document
in another language is not silently built as a document that names nothing.
"""

from __future__ import annotations

import operator
import re
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["detect_language", "SUPPORTED"]

#: Languages the extractor supports.
SUPPORTED: tuple[str, ...] = ("zh-Hans", "zh-Hant", "en")
_MIN_HAN_SHARE = 0.2
_MIN_LATIN_SHARE = 0.6


@cache
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


#: Runs of Han characters: the CJK Unified Ideographs, Extension A, and planes 2 and 3.
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff]+")


def detect_language(text: str, path: Path | str = "<text>") -> str:
    """Return ``zh-Hans``, ``zh-Hant`` or ``en`` for ``text``.

    Chinese when at least a fifth of the letters are Han characters; English when
    at least three fifths are ASCII letters. Raises :class:`InputError` (naming
    ``path``) for anything else.
    """
    letters = "".join(filter(str.isalpha, text))
    han = "".join(_HAN.findall(letters))
    if letters and len(han) < _MIN_HAN_SHARE * len(letters):
        latin = len(letters.encode("ascii", "ignore"))
        if latin >= _MIN_LATIN_SHARE * len(letters):
            return "en"
    if not letters or len(han) < _MIN_HAN_SHARE * len(letters):
        raise InputError(
            path,
            "is not in a supported language (it is neither Chinese nor English text; "
            f"supported: {', '.join(SUPPORTED)})",
        )
    s2t, t2s = _converters()
    sample = han[:20000]
    as_traditional = s2t.convert(sample)
    as_simplified = t2s.convert(sample)
    simplified_only = sum(map(operator.ne, sample, as_traditional))
    traditional_only = sum(map(operator.ne, sample, as_simplified))
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"
