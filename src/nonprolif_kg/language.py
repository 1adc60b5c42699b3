"""Which language a document is in, from its text.

The extractor reads Chinese in either script. :func:`detect_language` counts the
Han characters and, among those that differ between the two scripts, how many
are Simplified and how many Traditional (OpenCC's tables decide). A text with
too little Chinese is refused, so that a document in another language is not
silently built as a document that names nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["detect_language", "SUPPORTED"]

#: Languages the extractor supports.
SUPPORTED: tuple[str, ...] = ("zh-Hans", "zh-Hant")
_MIN_HAN_SHARE = 0.2


@cache
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF


def detect_language(text: str, path: Path | str = "<text>") -> str:
    """Return ``zh-Hans`` or ``zh-Hant`` for ``text``.

    Raises :class:`InputError` (naming ``path``) when fewer than a fifth of the
    letters are Han characters.
    """
    letters = [ch for ch in text if ch.isalpha()]
    han = "".join(ch for ch in letters if _is_han(ch))
    if not letters or len(han) < _MIN_HAN_SHARE * len(letters):
        raise InputError(
            path,
            "is not in a supported language (it is not Chinese text; "
            f"supported: {', '.join(SUPPORTED)})",
        )
    s2t, t2s = _converters()
    sample = han[:20000]
    as_traditional = s2t.convert(sample)
    as_simplified = t2s.convert(sample)
    simplified_only = sum(1 for a, b in zip(sample, as_traditional, strict=False) if a != b)
    traditional_only = sum(1 for a, b in zip(sample, as_simplified, strict=False) if a != b)
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"
