"""Stage 1, read: a file on disk -> :class:`~nonprolif_kg.model.SourceText`.

The format comes from the file name: plain text (``.txt``), HTML (``.html``,
``.htm``, ``.xhtml``; :mod:`nonprolif_kg.read_html`) or PDF (``.pdf``;
:mod:`nonprolif_kg.read_pdf`). Plain text is decoded from UTF-8 (with or
without a byte-order mark), UTF-16 (with a BOM, or without one when the byte
pattern shows it), GB18030 or Big5. Where more than one Chinese codec decodes
the bytes cleanly, the one whose text holds more of the most frequent Chinese
characters wins; bytes that are UTF-8 in long runs but not throughout are
refused as truncated or mixed, not decoded as mojibake. A file that is not a
regular file, is larger than the size limit, is empty, holds only white space,
looks binary or decodes in none of these is refused with an
:class:`~nonprolif_kg.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path

from .errors import InputError
from .model import SourceText

__all__ = [
    "read_source",
    "read_bytes",
    "decode",
    "media_type",
    "SUFFIXES",
    "MEDIA_TYPES",
    "DEFAULT_MAX_MB",
]

#: The media type of each file name ending the reader accepts.
MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": "application/pdf",
}
#: File name endings the reader accepts.
SUFFIXES: tuple[str, ...] = tuple(MEDIA_TYPES)

#: The default size limit of one document, in MB (10**6 bytes) of text.
DEFAULT_MAX_MB = 4

# How much larger than its text a file of each format may be: markup and the
# fonts and images of a PDF take room of their own.
_FILE_FACTOR = {"text/plain": 1, "text/html": 4, "application/pdf": 16}

# Eight UTF-8 encoded characters from U+0800 on, in a row: never seen in GB18030
# or Big5 text, so a file holding such runs that is not UTF-8 throughout is UTF-8
# damaged or mixed with another encoding.
_UTF8_RUN = re.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2}){8}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# The most frequent Chinese characters, in both scripts, used to choose between
# codecs that all decode a file without error.
_FREQUENT = frozenset(
    "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之"
    "过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如"
    "前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其"
    "种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政"
    "海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比"
    "住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司"
    "利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统"
    "色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权"
    "這來國個們說為開時會過學對裡後麼當發無現經頭動長樣實點見種聲間問機給幾業東車氣話"
    "議約條聯際區擴護標準關係進組織會員"
)

_CHINESE_CODECS = ("gb18030", "big5")


def media_type(path: Path) -> str | None:
    """The media type of ``path`` by its name's ending, or ``None`` if unsupported."""
    return MEDIA_TYPES.get(path.suffix.lower())


def read_source(
    path: Path, max_mb: float = DEFAULT_MAX_MB, data: bytes | None = None
) -> SourceText:
    """Read the document at ``path`` (or its bytes ``data``, read elsewhere) and
    return its text.

    Returns a :class:`SourceText` with the text (decoded, or extracted from HTML
    or PDF), the codec's name, the SHA-256 of the bytes and the media type.
    Raises :class:`InputError` if the file is in no supported format, cannot be
    read, is not a regular file, is over ``max_mb`` MB of text (a file of a
    format with markup may be larger, by a fixed factor: 4 for HTML, 16 for
    PDF), is empty or blank, is binary, or decodes in no supported encoding.
    """
    kind, limit = _kind_and_limit(path, max_mb)
    max_bytes = int(max_mb * 1_000_000)
    if data is None:
        data = _read_bytes(path, limit)
    elif len(data) > limit:
        raise _too_large(path, len(data), limit)
    encoding: str | None
    wraps = False
    if kind == "text/html":
        from .read_html import html_text

        text, encoding = html_text(data, path)
    elif kind == "application/pdf":
        from .read_pdf import pdf_text, spaced_paragraphs

        text, encoding = pdf_text(data, path, max_chars=max_bytes), None
        wraps = spaced_paragraphs(text)
    else:
        text, encoding = decode(data, path)
    if kind != "text/plain" and len(text) > max_bytes // 3 and len(text.encode()) > max_bytes:
        raise InputError(path, f"holds more than {max_mb:g} MB of text (raise --max-mb)")
    return SourceText(
        path=path,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=kind,
        wraps=wraps,
    )


def read_bytes(path: Path, max_mb: float = DEFAULT_MAX_MB) -> bytes:
    """The bytes of the document at ``path``, checked as :func:`read_source`
    checks them (supported format, regular file, size), for reading elsewhere."""
    return _read_bytes(path, _kind_and_limit(path, max_mb)[1])


def _kind_and_limit(path: Path, max_mb: float) -> tuple[str, int]:
    """The media type of ``path`` and the most bytes a file of it may have."""
    kind = media_type(path)
    if kind is None:
        raise InputError(path, f"is not in a supported format (supported: {', '.join(SUFFIXES)})")
    return kind, int(max_mb * 1_000_000) * _FILE_FACTOR[kind]


def _too_large(path: Path, size: int, limit: int) -> InputError:
    return InputError(
        path,
        f"is {size / 1e6:.1f} MB, over the limit of {limit / 1e6:g} MB "
        "for a file of its format (raise --max-mb)",
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused unread if over ``limit``."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "is not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:  # grew while being read
        raise InputError(path, f"is over the limit of {limit / 1e6:g} MB (raise --max-mb)")
    return data


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, codec name)``.

    Raises :class:`InputError` (naming ``path``) when the bytes are empty, blank,
    binary or in no supported encoding.
    """
    if not data:
        raise InputError(path, "is empty")
    text_encoding = _decode_by_bom(data) or _decode_utf16_without_bom(data)
    if text_encoding is None:
        if b"\x00" in data:
            raise InputError(path, "is binary, not text (it contains NUL bytes)")
        text_encoding = _decode_utf8(data, path) or _decode_chinese(data)
    if text_encoding is None:
        raise InputError(path, "is not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5)")
    text, encoding = text_encoding
    if _looks_binary(text):
        raise InputError(path, "is binary, not text (it is mostly control characters)")
    if not text.strip():
        raise InputError(path, "holds no text (only white space)")
    return text, encoding


def _decode_by_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_replacing_lone_surrogates(data, codec)
    return None


def _decode_replacing_lone_surrogates(data: bytes, codec: str) -> tuple[str, str] | None:
    """``data`` decoded, each encoded surrogate without its pair made U+FFFD (no
    text can hold one); ``None`` when the bytes are not ``codec`` otherwise."""
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode(codec, "surrogatepass")
    except UnicodeDecodeError:
        return None
    return _LONE_SURROGATE.sub(
        "\ufffd", text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    ), codec


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16: NUL bytes on one side, and text that reads as text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if min(even_nuls, odd_nuls) > 0.1 * max(even_nuls, odd_nuls) or even_nuls == odd_nuls:
        return None
    codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f")
    return (text, codec) if printable >= 0.95 * len(text) else None


def _decode_utf8(data: bytes, path: Path | str) -> tuple[str, str] | None:
    """UTF-8 text, or ``None`` for another encoding; raises :class:`InputError`
    for UTF-8 that is cut off or mixed with another encoding."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        with_surrogates = _decode_replacing_lone_surrogates(data, "utf-8")
        if with_surrogates is not None:
            return with_surrogates
        if not _UTF8_RUN.search(data):
            return None
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            raise InputError(
                path, "is truncated: it ends in the middle of a UTF-8 character"
            ) from None
        raise InputError(
            path,
            f"is UTF-8 only in part: byte {exc.start} is not UTF-8 "
            "(a damaged file, or encodings mixed in one file)",
        ) from None


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    candidates: list[tuple[int, int, str, str]] = []
    for rank, codec in enumerate(_CHINESE_CODECS):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in text if ch in _FREQUENT)
        candidates.append((-score, rank, text, codec))
    if not candidates:
        return None
    _, _, text, codec = min(candidates)
    return text, codec


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > 0.1 * len(sample)
