"""Graph parts kept on disk while a build runs, so that its memory is bounded by
its largest document rather than by the corpus.

A :class:`PartStore` appends each part's payloads (:data:`KINDS`) to one file
per kind in a folder, as parts arrive from the workers, and keeps for each a
:class:`StoredPart`: its name, quad count, validation, where its payloads are
and the counts of its triples. Assembly reads a part's payload whole
(:meth:`PartStore.read`) or in pieces of whole lines (:meth:`PartStore.chunks`),
so that thousands of parts can be merged at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .shard import GraphPart
from .validate import ValidationReport
from .void import Counts

__all__ = ["KINDS", "PartStore", "StoredPart"]

#: The payloads of a part, one file each.
KINDS: tuple[str, ...] = ("nquads", "trig", "jsonld", "summary", "turtle", "subjects", "objects")
#: Bytes read at a time by :meth:`PartStore.chunks`.
CHUNK = 1 << 16


@dataclass(frozen=True)
class StoredPart:
    """A part on disk: its graph ``name``, number of quads, validation, the
    (offset, length) of each payload in its kind's file, and its triples' counts."""

    name: str
    quads: int
    validation: ValidationReport | None
    places: tuple[tuple[int, int], ...]
    counts: Counts


class PartStore:
    """Parts appended to files in ``folder`` (which must exist and is the
    caller's to remove); a context manager that closes the files."""

    def __init__(self, folder: Path) -> None:
        self._files: dict[str, BinaryIO] = {
            kind: open(folder / f"parts.{kind}", "w+b")  # noqa: SIM115 - closed by close()
            for kind in KINDS
        }

    def __enter__(self) -> PartStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the files."""
        for handle in self._files.values():
            handle.close()

    def add(self, part: GraphPart) -> StoredPart:
        """Append ``part``'s payloads; return where they are."""
        places = []
        for kind in KINDS:
            data: bytes = getattr(part, kind)
            handle = self._files[kind]
            handle.seek(0, 2)
            places.append((handle.tell(), len(data)))
            handle.write(data)
        return StoredPart(part.name, part.quads, part.validation, tuple(places), part.counts)

    def read(self, part: StoredPart, kind: str) -> bytes:
        """The payload ``kind`` of ``part``, whole."""
        offset, length = part.places[KINDS.index(kind)]
        handle = self._files[kind]
        handle.seek(offset)
        return handle.read(length)

    def chunks(self, part: StoredPart, kind: str, size: int = CHUNK) -> Iterator[bytes]:
        """The payload ``kind`` of ``part`` in pieces of about ``size`` bytes, each
        ending at the end of a line. Pieces of several parts may be read in turn."""
        offset, length = part.places[KINDS.index(kind)]
        handle = self._files[kind]
        end = offset + length
        rest = b""
        while offset < end:
            handle.seek(offset)
            data = handle.read(min(size, end - offset))
            offset += len(data)
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest += data
                continue
            yield rest + data[:cut]
            rest = data[cut:]
        if rest:
            yield rest
