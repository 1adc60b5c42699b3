"""Stage 2, normalize: source text -> :class:`~nonprolif_kg.model.NormalizedText`.

PDF-extracted text is hard-wrapped at a fixed width, with blank lines between
lines, page breaks in the middle of sentences and spaces around every number. This
stage rebuilds the blocks (paragraphs, headings, bullet items) and folds the
spacing, keeping for every output character the index of the source character it
came from.

Line joining. A document is *hard-wrapped* when many of its lines share one
display width (the *measure*). In a hard-wrapped document a line continues the
block before it unless it starts with a paragraph mark (``1.``, ``•``, ``−``), or
the line before it ends a block: a line that ends a sentence (``。``, ``：``, ``.``)
and is shorter than the measure, or a short line without final punctuation (a
heading) followed by a long one. Two short lines without final punctuation
form one wrapped heading. Joined CJK text takes no space; Latin text takes one.
In a document that is not hard-wrapped, a line that starts in lower case
continues a line that does not end a sentence, and every other line is a block.
A blank line is a block break, except in text that has a blank line after
nearly every line (as PDF extraction writes it).

A hyphen at the end of a line between two Latin letters (proli-/feration) is a
word split by the wrap and is removed.

Folding. Full-width digits, Latin letters and the ideographic space become ASCII;
ligatures (ﬁ, ﬂ) become their letters; a curly apostrophe between two Latin
letters (People’s, d’Ivoire) becomes ``'`` (quotation marks, and everything in
Chinese text, are kept);
white space between a CJK character and a CJK character, digit or ASCII
punctuation is dropped (``2007 年 6 月`` reads ``2007年6月``); other runs of white
space become one space; control characters and invisible format characters are
dropped. U+2029 in the input is always a block break.

Normalising normalised text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from .model import NormalizedText

__all__ = ["normalize", "BLOCK_SEPARATOR", "display_width", "is_cjk", "MARKER_RE"]

#: The character that separates blocks in normalised text.
BLOCK_SEPARATOR = "\u2029"

_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACE = frozenset(
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_TERMINAL = frozenset("。！？；：!?;:.．…」』”\"')）")
#: A paragraph mark at the start of a line: a number, a lettered item or a bullet.
MARKER_RE = re.compile(
    r"(?:\d{1,3}[.)．](?![\d.])|\(\d{1,3}\)|\([a-z]{1,3}\)|（[一二三四五六七八九十\d]{1,3}）"
    r"|[一二三四五六七八九十]{1,3}、|[•·▪●◦■\-−–—*](?=\s))"
)


def is_cjk(ch: str) -> bool:
    """True for characters that CJK text sets without spaces (wide or full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


class _Widths(dict[str, int]):
    """Character -> its width in columns, filled as characters are first met."""

    def __missing__(self, ch: str) -> int:
        width = 2 if is_cjk(ch) else 1
        self[ch] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """The width of ``text`` in columns: 2 for wide characters, 1 for others."""
    return sum(map(_WIDTHS.__getitem__, text))


@dataclass(frozen=True)
class _Line:
    begin: int  # source index of the first non-space character
    end: int  # source index just past the last non-space character
    hard_break_before: bool  # a U+2029 came before this line
    width: int
    terminal: bool
    marked: bool
    starts_lower: bool = False


def normalize(source: str, wraps: bool = False) -> NormalizedText:
    """Unwrap and fold ``source``; return the text and its offset map.

    The result's blocks are separated by :data:`BLOCK_SEPARATOR`. With ``wraps``
    every line break that is not a blank line is a wrap to undo (a paragraph
    mark or number still opens a block), as in text laid out from a PDF whose
    paragraphs are set apart by space; without it, wraps are told from
    paragraph breaks by the lines' widths and endings. Runs in time linear in
    the length of ``source``.
    """
    lines = _split_lines(source)
    measure = _measure(lines) if not wraps else None
    out: list[str] = []
    offsets: list[int] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None:
            if _joins(prev, line, measure) if not wraps else _wrapped(line):
                _append_join(source, prev, line, out, offsets)
            else:
                out.append(BLOCK_SEPARATOR)
                offsets.append(prev.end)
        _fold_into(source, line.begin, line.end, out, offsets)
        prev = line
    text, mapped = _finish(out, offsets, len(source))
    return NormalizedText(text=text, offsets=mapped)


def _split_lines(source: str) -> list[_Line]:
    lines: list[_Line] = []
    blank_before: list[bool] = []
    start = 0
    hard = False
    blank = False
    for match in [*_LINE_BREAK.finditer(source), None]:
        stop = match.start() if match else len(source)
        begin, end = _strip(source, start, stop)
        if begin < end:
            text = source[begin:end]
            lines.append(
                _Line(
                    begin=begin,
                    end=end,
                    hard_break_before=hard,
                    width=display_width(text),
                    terminal=_ends_sentence(text),
                    marked=MARKER_RE.match(text) is not None,
                    starts_lower=text[0].islower() and text[0].isascii(),
                )
            )
            blank_before.append(blank)
            hard = blank = False
        elif match is not None and start > 0:
            blank = True
        if match is not None:
            hard = hard or match.group() == BLOCK_SEPARATOR
            start = match.end()
    # A blank line breaks a block, unless the text has one after nearly every line
    # (as PDF extraction writes it), where blank lines say nothing.
    if lines and sum(blank_before) < 0.8 * (len(lines) - 1):
        lines = [
            replace(line, hard_break_before=True) if gap and not line.hard_break_before else line
            for line, gap in zip(lines, blank_before, strict=True)
        ]
    return lines


def _strip(source: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and _invisible(source[begin]):
        begin += 1
    while end > begin and _invisible(source[end - 1]):
        end -= 1
    return begin, end


def _invisible(ch: str) -> bool:
    return ch in _SPACE or ch in _DROP or _is_control(ch)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 32 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000


def _ends_sentence(text: str) -> bool:
    return text[-1] in _TERMINAL


def _measure(lines: list[_Line]) -> int | None:
    """The common width of a hard-wrapped text's lines, or ``None``."""
    widths = [line.width for line in lines if line.width > 20]
    if len(widths) < 3:
        return None
    counts = Counter(widths)
    measure = max(counts, key=lambda w: (counts[w], w))
    near = sum(n for w, n in counts.items() if abs(w - measure) <= 2)
    if near < max(3, len(widths) // 4):
        return None
    return measure


def _joins(prev: _Line, line: _Line, measure: int | None) -> bool:
    if line.hard_break_before or line.marked:
        return False
    if measure is None:
        # Not wrapped at one width (ragged Latin text): a line that starts in lower
        # case continues a line that does not end a sentence.
        return line.starts_lower and not prev.terminal
    if prev.terminal:
        return prev.width >= measure
    full = prev.width >= measure * 0.85
    if full or line.starts_lower:
        return True
    # Two short lines without final punctuation: one heading wrapped over lines.
    return not line.terminal and line.width < measure * 0.85


def _wrapped(line: _Line) -> bool:
    """In text whose paragraphs are set apart, a line continues the one before
    unless a blank line or a paragraph mark opens it."""
    return not (line.hard_break_before or line.marked)


def _append_join(source: str, prev: _Line, line: _Line, out: list[str], offsets: list[int]) -> None:
    left = source[prev.end - 1]
    right = source[line.begin]
    if _hyphenated(source, prev, right):
        out.pop()  # the hyphen that split a word across lines
        offsets.pop()
        return
    if not (is_cjk(left) or is_cjk(right) or _split_number(source, prev, right)):
        out.append(" ")
        offsets.append(prev.end)


def _split_number(source: str, prev: _Line, right: str) -> bool:
    """True when a wrap split a number in CJK text (``2002年`` as ``20`` / ``02年``):
    digits on both sides, and CJK just before the left digits."""
    if not (source[prev.end - 1].isdigit() and right.isdigit()):
        return False
    i = prev.end - 1
    while i > prev.begin and source[i - 1].isdigit():
        i -= 1
    return i > prev.begin and is_cjk(source[i - 1])


def _hyphenated(source: str, prev: _Line, right: str) -> bool:
    """A word split across lines: a letter, a hyphen at the line's end, a lower-case letter."""
    return (
        prev.end - prev.begin >= 2
        and source[prev.end - 1] in "-\u00ad"
        and source[prev.end - 2].isalpha()
        and source[prev.end - 2].isascii()
        and right.islower()
        and right.isascii()
    )


#: The characters :func:`_fold_into` changes, drops or looks around: spaces,
#: invisible and control characters, ligatures, full-width letters and digits,
#: and apostrophes; runs of any others are copied as they are.
_SPECIAL = re.compile(
    "["
    + "".join(sorted(_SPACE | _DROP))
    + "\x00-\x1f\x7f-\x9f\ud800-\udfff\ufb00-\ufb06"
    + "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2019\u2018\u02bc]"
)


def _fold_into(source: str, begin: int, end: int, out: list[str], offsets: list[int]) -> None:
    """Append the folded characters of ``source[begin:end]`` to ``out`` and
    their source offsets to ``offsets``: runs of spaces as one space (none
    where CJK text meets), invisible and control characters dropped,
    ligatures spelled out, full-width letters and digits made ASCII, an
    apostrophe between Latin letters made ``'``. Runs of characters that none
    of this touches are copied at once; the others go through
    :func:`_fold_at` one by one."""
    pending_space: int | None = None
    i = begin
    while i < end:
        found = _SPECIAL.search(source, i, end)
        stop = found.start() if found else end
        if stop > i:  # a run of characters kept as they are
            _space_before(source[i], pending_space, out, offsets)
            pending_space = None
            out.extend(source[i:stop])
            offsets.extend(range(i, stop))
            i = stop
            if found is None:
                break
        pending_space = _fold_at(source, i, end, pending_space, out, offsets)
        i += 1


def _fold_at(
    source: str, i: int, end: int, pending_space: int | None, out: list[str], offsets: list[int]
) -> int | None:
    """Fold the character ``source[i]`` (of a line ending at ``end``) into
    ``out`` and ``offsets``, after the run of spaces not yet written that
    begins at ``pending_space`` (``None``: none); return where the run of
    spaces not yet written after it begins."""
    ch = source[i]
    if ch in _SPACE:
        return i if pending_space is None else pending_space
    if ch in _DROP or _is_control(ch):
        return pending_space
    folded = _LIGATURES.get(ch) or _fold_char(ch)
    if ch in _APOSTROPHES and pending_space is None and _apostrophe(out, source, i, end):
        folded = "'"
    _space_before(folded[0], pending_space, out, offsets)
    for part in folded:
        out.append(part)
        offsets.append(i)
    return None


def _space_before(
    following: str, pending_space: int | None, out: list[str], offsets: list[int]
) -> None:
    """Write the run of spaces beginning at ``pending_space`` (if any) as one
    space before the character ``following``, unless the two sides drop it."""
    if pending_space is not None and out and not _drops_space(out[-1], following):
        out.append(" ")
        offsets.append(pending_space)


_APOSTROPHES = frozenset("\u2019\u2018\u02bc")


def _latin_letter(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x0250  # Latin letters end at U+024F


def _apostrophe(out: list[str], source: str, i: int, end: int) -> bool:
    """Whether the quote mark at ``source[i]`` stands between two Latin letters."""
    return bool(out) and _latin_letter(out[-1]) and i + 1 < end and _latin_letter(source[i + 1])


_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return ch


def _drops_space(left: str, right: str) -> bool:
    if left == BLOCK_SEPARATOR:
        return True
    return (is_cjk(left) and _tight(right)) or (is_cjk(right) and _tight(left))


def _tight(ch: str) -> bool:
    return is_cjk(ch) or ch.isdigit() or (ch.isascii() and not ch.isalnum() and not ch.isspace())


def _finish(out: list[str], offsets: list[int], source_len: int) -> tuple[str, tuple[int, ...]]:
    text = "".join(out)
    end = offsets[-1] + 1 if offsets else source_len
    return text, (*offsets, end)
