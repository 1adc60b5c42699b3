"""Graph parts as files, so that a build's memory is bounded by its largest
document rather than by the corpus, and a cached document costs a small read.

A part file holds one named graph's payloads (:data:`KINDS`) after a header
with what the build keeps in memory: the document's
:class:`~nonprolif_kg.shard.DocumentInfo` (for a document's graph), and the
part's name, quad count, validation, triple counts and where each payload is.
Workers write the files of the documents they process (in the cache, or in a
temporary folder), and hand back only the header as a :class:`StoredPart`;
the assembly reads a payload whole (:func:`read`; those it reads whole are kept
compressed, :data:`COMPRESSED`) or in pieces of whole lines (:func:`chunks`), so
that thousands of parts can be merged at once. A payload whose bytes changed
since it was written is a :class:`~nonprolif_kg.errors.DamagedPartError`.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import lz4.block

from .errors import DamagedPartError
from .shard import DocumentInfo, GraphPart
from .validate import ValidationReport, silent_report
from .void import Counts

__all__ = [
    "KINDS",
    "StoredPart",
    "write_part",
    "read_header",
    "read",
    "read_slice",
    "chunks",
    "kept",
    "kept_info",
]

_T = TypeVar("_T")

#: The payloads of a part, in the order they are written.
KINDS: tuple[str, ...] = ("nquads", "trig", "jsonld", "rows", "turtle", "subjects", "objects")
#: The payloads kept compressed (LZ4): those the assembly reads whole, three
#: quarters of a part's bytes, seven times smaller, so that the parts of
#: 10,000 documents stay in the page cache until they are assembled. The others
#: are merged a piece at a time from thousands of parts at once.
COMPRESSED: frozenset[str] = frozenset({"nquads", "trig", "jsonld", "rows"})
#: Bytes read at a time by :func:`chunks`.
CHUNK = 1 << 16
_MAGIC = b"nonprolif-kg part 5\n"


@dataclass(frozen=True)
class StoredPart:
    """A part in ``file``: its graph ``name``, number of quads, validation,
    triple counts, the (offset, length) of each payload in the file, where
    each bucket of its objects ends in theirs
    (:func:`~nonprolif_kg.distinct.bucketed`), and the bytes of the section of
    its own subjects in its ``turtle`` and ``subjects``
    (:func:`~nonprolif_kg.shard.own_first`)."""

    name: str
    quads: int
    validation: ValidationReport | None
    counts: Counts
    places: tuple[tuple[int, int], ...]
    object_ends: bytes
    own: tuple[int, int]
    file: Path = Path()
    #: Seconds per stage it took to make, where it was made in this build (not
    #: kept in the file: a part read back, from a cache, has none).
    seconds: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with a validation without results as its outcome and engine
        alone: unpickling its report graph is three quarters of a header's
        cost, and a rebuild reads a header per document."""
        state = dict(self.__dict__)
        report = state["validation"]
        if report is not None and not report.results:
            state["validation"] = (report.conforms, report.engine)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled with one report shared by every validation without
        results of the same outcome and engine (see :func:`kept`)."""
        report = state["validation"]
        if isinstance(report, tuple):
            state["validation"] = _silent(*report)
        self.__dict__.update(state)


def write_part(path: Path, part: GraphPart, info: DocumentInfo | None = None) -> StoredPart:
    """Write ``part`` (of the document ``info``, if any) to ``path``, through a
    temporary file renamed into place; return it as stored."""
    payloads = [_packed(kind, getattr(part, kind)) for kind in KINDS]
    places, offset = [], 0
    for payload in payloads:
        places.append((offset, len(payload)))
        offset += len(payload)
    stored = StoredPart(
        part.name,
        part.quads,
        part.validation,
        part.counts,
        tuple(places),
        part.object_ends,
        part.own,
    )
    header = pickle.dumps((info, stored), protocol=5)
    start = len(_MAGIC) + 8 + len(header)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + len(header).to_bytes(8, "big") + header)
            for payload in payloads:
                handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return replace(stored, file=path, places=tuple((start + o, n) for o, n in places))


#: Values many parts' headers hold alike (a class's IRI, a property's term, an
#: entity's key, a validation without results), kept once: see :func:`kept`.
_SAME: dict[object, object] = {}
_SILENT: dict[tuple[bool, str], ValidationReport] = {}


def _same(value: _T) -> _T:
    return _SAME.setdefault(value, value)  # type: ignore[return-value]


def _silent(
    conforms: bool, engine: str, report: ValidationReport | None = None
) -> ValidationReport:
    """The one report without results of ``conforms`` and ``engine`` shared by
    every part: ``report`` (one such) or a new one, where none is yet."""
    key = (conforms, engine)
    found = _SILENT.get(key)
    if found is None:
        found = _SILENT[key] = report or silent_report(conforms, engine)
    return found


def kept(stored: StoredPart) -> StoredPart:
    """``stored`` as the build keeps it, for each of thousands of documents: the
    terms its counts repeat from part to part made one object each, and a
    validation without results replaced by one report shared by every such
    part (a report holds a graph: 13 KB). The same values as went in; with
    :func:`kept_info`, a third of the memory of headers unpickled apart."""
    report = stored.validation
    if report is not None and not report.results:
        report = _silent(report.conforms, report.engine, report)
    counts = replace(
        stored.counts,
        classes=tuple((_same(c), n) for c, n in stored.counts.classes),
        properties=tuple((_same(p), n) for p, n in stored.counts.properties),
    )
    return replace(stored, validation=report, counts=counts)


def kept_info(info: DocumentInfo) -> DocumentInfo:
    """``info`` as the build keeps it: the entity keys it shares with other
    documents one object each."""
    return replace(info, keys=tuple(_same(k) for k in info.keys))


def read_header(path: Path) -> tuple[DocumentInfo | None, StoredPart] | None:
    """The document and part that ``path`` holds, or ``None`` when it is not a
    whole part file (missing, damaged, cut short, of another version)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            size = int.from_bytes(handle.read(8), "big")
            info, stored = pickle.loads(handle.read(size))
            length = os.fstat(handle.fileno()).st_size
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(stored, StoredPart) or not isinstance(info, DocumentInfo | None):
        return None
    start = len(_MAGIC) + 8 + size
    if length != start + sum(n for _, n in stored.places):
        return None
    info, stored = (info and kept_info(info)), kept(stored)
    return info, replace(stored, file=path, places=tuple((start + o, n) for o, n in stored.places))


def _packed(kind: str, data: bytes) -> bytes:
    """The payload ``kind`` as its part file holds it."""
    return lz4.block.compress(data, store_size=True) if kind in COMPRESSED else data


def read(part: StoredPart, kind: str) -> bytes:
    """The payload ``kind`` of ``part``, whole."""
    offset, length = part.places[KINDS.index(kind)]
    with open(part.file, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    if len(data) != length:
        raise DamagedPartError(part.file, "cut short")
    if kind not in COMPRESSED:
        return data
    try:
        whole: bytes = lz4.block.decompress(data)
    except lz4.block.LZ4BlockError as exc:
        raise DamagedPartError(part.file, f"its {kind} do not decompress: {exc}") from None
    return whole


def chunks(
    part: StoredPart,
    kind: str,
    size: int | Callable[[], int] = CHUNK,
    span: tuple[int, int | None] = (0, None),
) -> Iterator[bytes]:
    """The payload ``kind`` of ``part`` in pieces of about ``size`` bytes (or
    as many as ``size()`` says before each read), each ending at the end of
    a line; no file stays open between pieces, so that any number of parts
    can be read in turn (a compressed payload is read whole, then cut).
    ``span`` (start, stop) limits an uncompressed payload to those bytes of it
    (stop ``None``: to its end), which must begin and end lines."""
    next_size = size if callable(size) else lambda: size
    if kind in COMPRESSED:
        yield from _pieces(read(part, kind), next_size())
        return
    start, length = part.places[KINDS.index(kind)]
    first, last = span
    end = start + (length if last is None else min(last, length))
    offset = start + first
    rest = b""
    while offset < end:
        data = _read_at(part.file, offset, min(next_size(), end - offset))
        if not data:
            raise DamagedPartError(part.file, "cut short")
        offset += len(data)
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest += data
            continue
        yield rest + data[:cut]
        rest = data[cut:]
    if rest:
        yield rest


def read_slice(part: StoredPart, kind: str, offset: int, length: int) -> bytes:
    """``length`` bytes from ``offset`` of the payload ``kind`` of ``part``, one
    that is not kept compressed. Raises :class:`DamagedPartError` for bytes
    outside the payload or past the file's end."""
    if kind in COMPRESSED:
        raise ValueError(f"the {kind} of a part are kept compressed: read them whole")
    start, size = part.places[KINDS.index(kind)]
    if offset < 0 or length < 0 or offset + length > size:  # its header disagrees with itself
        raise DamagedPartError(
            part.file, f"bytes {offset} to {offset + length} lie outside its {kind}"
        )
    data = _read_at(part.file, start + offset, length) if length else b""
    if len(data) != length:
        raise DamagedPartError(part.file, "cut short")
    return data


def _read_at(path: Path, offset: int, size: int) -> bytes:
    """Up to ``size`` bytes of the file ``path`` from ``offset``, the file
    opened for this read only (a merge reads from more parts than a process
    may hold open) and without a buffered file object (half the cost, for a
    read of a few kilobytes)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, size, offset)
    finally:
        os.close(fd)


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    """``data`` in pieces of about ``size`` bytes, each ending at the end of a
    line (the last as ``data`` ends)."""
    start = 0
    while start < len(data):
        cut = data.find(b"\n", start + max(size, 1) - 1) + 1 or len(data)
        yield data[start:cut]
        start = cut
