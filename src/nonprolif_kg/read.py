"""Stage 1, read: a file on disk -> :class:`~nonprolif_kg.model.SourceText`.

Decodes plain text in UTF-8 (with or without a byte-order mark), UTF-16 (with a
BOM, or without one when the byte pattern shows it), GB18030 and Big5. Where
more than one Chinese codec decodes the bytes cleanly, the one whose text holds
more of the most frequent Chinese characters wins. A file that is empty, holds
only white space, looks binary or decodes in none of these is refused with an
:class:`~nonprolif_kg.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .errors import InputError
from .model import SourceText

__all__ = ["read_source", "decode", "SUFFIXES"]

#: File name endings the reader accepts.
SUFFIXES: tuple[str, ...] = (".txt",)

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


def read_source(path: Path) -> SourceText:
    """Read and decode the text file at ``path``.

    Returns a :class:`SourceText` with the decoded text, the codec's name and the
    SHA-256 of the bytes. Raises :class:`InputError` if the file cannot be read,
    is empty or blank, is binary, or decodes in no supported encoding.
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    text, encoding = decode(data, path)
    return SourceText(
        path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest()
    )


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
        text_encoding = _decode_utf8(data) or _decode_chinese(data)
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
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


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


def _decode_utf8(data: bytes) -> tuple[str, str] | None:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


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
