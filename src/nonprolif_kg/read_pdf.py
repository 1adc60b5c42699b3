"""Read PDF: the bytes of a PDF file -> the text of its text layer, page furniture removed.

Text comes from pypdf's text extraction, page by page in content order, which
for the single-column layout of UN documents is reading order. What repeats at
the top or bottom of the pages is removed: UN job numbers (``GE.07-61789
(C)``, ``07-61789``), bar-code digits (``*0761789*``), page numbers (``3``,
``- 3 -``, ``Page 3``, ``第3页``), document symbols (``CD/1819``,
``S/RES/1718 (2006)``), "Please recycle", and any other line that
stands at the edge of at least half the pages with only its digits changing.
The text is laid out (pypdf's layout mode), so that the space between
paragraphs shows as a blank line; where it does (:func:`spaced_paragraphs`),
every other line break is a wrap, and
:func:`nonprolif_kg.normalize.normalize` joins the lines of a paragraph; where
it does not, lines are joined by their widths and endings, as in a text file.

A PDF without a text layer (a scan) is refused with that reason, as is one that
is damaged, encrypted with a password, holds a stream that inflates beyond
:data:`MAX_STREAM_BYTES` (a compression bomb) or more text than the caller
allows. pypdf's own warnings about damaged files are kept off stderr: the
refusal says what matters.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["pdf_text", "strip_furniture", "spaced_paragraphs", "MAX_STREAM_BYTES"]

#: The most bytes one compressed stream of a PDF may inflate to.
MAX_STREAM_BYTES = 32_000_000
_STREAM_LIMITS = (
    "maximum_declared_stream_length",
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "array_based_stream_maximum_output_length",
)

# Lines at most this far from the top or bottom of a page may be furniture.
_EDGE = 3
_FURNITURE = re.compile(
    r"""^(?:
        (?:[A-Z]{1,3}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}   # job number
      | \*\d{7,}\*                                                    # bar-code digits
      | [-–—]?\s*\d{1,4}\s*[-–—]?                                     # page number
      | (?:Page|page|PAGE)\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?
      | \d{1,4}\s*/\s*\d{1,4}
      | 第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?
      | ♲?\s*Please\s+recycle\s*♲?
      | [A-Z]{1,8}(?:/[A-Z0-9.-]+)+(?:\s*\([A-Za-z0-9. ]+\))?(?:\s+(?:Page|page)\s+\d{1,4})?
    )$""",
    re.X,
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def pdf_text(data: bytes, path: Path | str = "<pdf>", max_chars: int = 16_000_000) -> str:
    """The text of the PDF ``data``: pages joined by a line break, furniture removed.

    Raises :class:`InputError` (naming ``path``) for a PDF that cannot be read,
    is encrypted, has no text layer, inflates a stream beyond
    :data:`MAX_STREAM_BYTES`, or holds more than ``max_chars`` characters of text.
    """
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    limits: dict[str, Any] = {name: MAX_STREAM_BYTES for name in _STREAM_LIMITS}
    pages: list[list[str]] = []
    images = False
    total = 0
    try:
        with warnings.catch_warnings(), apply_configuration(None, **limits):
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(path, "is encrypted with a password; decrypt it first")
            for page in reader.pages:
                text = _page_text(page)
                total += len(text)
                if total > max_chars:
                    raise InputError(
                        path, f"holds more than {max_chars / 1e6:g} MB of text (raise --max-mb)"
                    )
                pages.append(text.splitlines())
                if not text.strip():
                    images = images or _has_images(page)
    except InputError:
        raise
    except LimitReachedError:
        raise InputError(
            path,
            f"holds a stream that inflates beyond {MAX_STREAM_BYTES / 1e6:g} MB "
            "(a compression bomb?)",
        ) from None
    except FileNotDecryptedError:
        raise InputError(path, "is encrypted with a password; decrypt it first") from None
    except RecursionError:
        raise InputError(path, "is not a readable PDF (its objects nest too deeply)") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(path, f"is not a readable PDF ({_reason(exc)})") from None
    if not pages:
        raise InputError(path, "is not a readable PDF (it has no pages)")
    if not any(line.strip() for lines in pages for line in lines):
        if images:
            raise InputError(path, "has no text layer (a scanned document?); run OCR on it first")
        raise InputError(path, "holds no text")
    return "\n".join("\n".join(lines) for lines in strip_furniture(pages))


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """``pages`` (lists of lines) without the headers and footers at their edges.

    A line within :data:`_EDGE` lines of a page's top or bottom is furniture when
    it looks like a job number, bar code, page number or "Please recycle", or
    when, digits aside, it stands at the edge of at least half the pages (two at
    least). Furniture is removed from the top and the bottom of each page until a
    line that is not furniture.
    """
    edges: Counter[str] = Counter()
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        edges.update({_shape(line) for line in kept[:_EDGE] + kept[-_EDGE:]})
    repeated = {shape for shape, n in edges.items() if n >= 2 and n * 2 >= len(pages)}

    def furniture(line: str) -> bool:
        stripped = line.strip()
        return not stripped or bool(_FURNITURE.match(stripped)) or _shape(line) in repeated

    out = []
    for lines in pages:
        begin, end = 0, len(lines)
        seen = 0
        while begin < end and seen < _EDGE and furniture(lines[begin]):
            seen += bool(lines[begin].strip())
            begin += 1
        seen = 0
        while end > begin and seen < _EDGE and furniture(lines[end - 1]):
            seen += bool(lines[end - 1].strip())
            end -= 1
        out.append(lines[begin:end])
    return out


def spaced_paragraphs(text: str) -> bool:
    """True when the laid-out ``text`` sets its paragraphs apart with blank lines:
    some lines follow a blank line, but not nearly all (double-spaced text has
    one after every line, and a blank line then says nothing; the same 80 % as
    :func:`nonprolif_kg.normalize.normalize` uses)."""
    lines = text.split("\n")
    filled = sum(1 for line in lines if line.strip())
    after_blank = sum(
        1
        for before, line in zip(lines, lines[1:], strict=False)
        if line.strip() and not before.strip()
    )
    return 0 < after_blank < 0.8 * (filled - 1)


def _shape(line: str) -> str:
    """A line with its digits and spaces folded: page headers differ only there."""
    return _SPACE.sub("", _DIGITS.sub("#", line))


def _page_text(page: Any) -> str:
    """The text of one page, laid out: a blank line where a vertical gap is wider
    than a line's spacing (between paragraphs), indentation as spaces."""
    text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    return text if isinstance(text, str) else ""


def _has_images(page: object) -> bool:
    """True when the page draws an image (a scanned page does)."""
    try:
        resources = page["/Resources"]  # type: ignore[index]
        xobjects = resources.get("/XObject", {}) if resources else {}
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                return True
    except Exception:  # damaged resources: no evidence of images
        return False
    return False


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
