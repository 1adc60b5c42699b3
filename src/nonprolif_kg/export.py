"""Stage 6, export: sorted quads -> files, byte-stable and written atomically.

``graph.ttl`` holds every triple of the dataset once (the union of its named
graphs), ``graph.trig`` the named graphs, ``graph.nq`` the same as N-Quads for
bulk loaders, ``graph.jsonld`` the same as JSON-LD with readable keys
(:mod:`nonprolif_kg.jsonld`), and ``void.ttl`` describes the dataset
(:mod:`nonprolif_kg.void`). Quads are sorted before they are written and prefixes are fixed
(one for each entity type, ``state:``, ``org:``, ``treaty:``, ``res:``, …), so
the same dataset always gives the same bytes. pyoxigraph writes the files; each
is written to a temporary file in the output folder and renamed into place, so a
failed build never leaves half a file or replaces the last good one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .iri import ENTITY_PREFIXES, Minter
from .vocab import PREFIXES

__all__ = [
    "prefixes",
    "unique_triples",
    "to_turtle",
    "to_trig",
    "to_nquads",
    "Payload",
    "write_atomic",
    "write_outputs",
    "Staging",
    "strip_prefixes",
    "sorted_prefix_block",
]


def prefixes(minter: Minter) -> dict[str, str]:
    """The prefixes used in every serialisation, sorted by name."""
    table = dict(PREFIXES)
    for kind, prefix in ENTITY_PREFIXES.items():
        table[prefix] = minter.entity_namespace(kind)
    table["graph"] = minter.graph("")
    return dict(sorted(table.items()))


def unique_triples(quads: Sequence[ox.Quad]) -> list[ox.Triple]:
    """The distinct triples of ``quads``, sorted by subject, predicate and object.

    Sorting by a triple's N-Triples text gives that order: a subject or predicate
    holds no space, and the space after it sorts before any character it can hold.
    """
    return sorted({q.triple for q in quads}, key=str)


def _bytes(data: bytes | None) -> bytes:
    if data is None:  # pyoxigraph returns None only when given an output file
        raise RuntimeError("serialisation returned no bytes")
    return data


def strip_prefixes(data: bytes) -> tuple[list[bytes], bytes]:
    """Split Turtle or TriG as pyoxigraph writes it into its ``@prefix`` lines and
    the rest (what follows the line break that ends the last of them: a blank
    line in TriG, the first subject in Turtle)."""
    lines = data.split(b"\n")
    count = 0
    while count < len(lines) and lines[count].startswith(b"@prefix "):
        count += 1
    return lines[:count], b"\n".join(lines[count:])


def sorted_prefix_block(data: bytes | None) -> bytes:
    """``data`` with the ``@prefix`` lines that open it in name order.

    pyoxigraph writes them in an order of its own; sorting them here keeps the
    output the same on every machine.
    """
    head, rest = strip_prefixes(_bytes(data))
    return b"\n".join([*sorted(head), rest])


def to_turtle(
    quads: Sequence[ox.Quad], minter: Minter, triples: Sequence[ox.Triple] | None = None
) -> bytes:
    """Every triple of ``quads`` once, as Turtle; ``triples`` are their
    :func:`unique_triples` where already computed."""
    triples = unique_triples(quads) if triples is None else triples
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes(minter))
    return sorted_prefix_block(data)


def to_trig(quads: Sequence[ox.Quad], minter: Minter) -> bytes:
    """``quads`` as TriG, one block per named graph. ``quads`` must be sorted by graph."""
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes(minter))
    return sorted_prefix_block(data)


def to_nquads(quads: Sequence[ox.Quad]) -> bytes:
    """``quads`` as N-Quads, one a line."""
    return _bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


#: What a file is written from: its bytes, pieces of bytes one after another,
#: or a function that writes to the binary file it is given.
Payload = bytes | Iterable[bytes] | Callable[[BinaryIO], object]


def write_atomic(path: Path, data: Payload) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place
    (a :class:`Staging` of one file)."""
    with Staging(path.parent) as staging:
        staging.write(path.name, data)
        staging.commit()


class Staging:
    """Files written to temporary files in ``out`` (:meth:`write`, from pieces of
    bytes or by a writer, so that no file need be held whole in memory) and renamed into place
    together by :meth:`commit`; a context manager that removes what was not
    committed, so that a failure leaves the last good files as they were.

    A written file is synced to disk by a thread of its own while the next file
    is made (the disk writes one while the build makes another), and
    :meth:`commit` renames none before all are synced."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._staged: dict[str, str] = {}
        self._syncer: ThreadPoolExecutor | None = None
        self._syncs: list[Future[None]] = []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        for sync in self._synced():
            sync.exception()  # the build failed already: its error is the one to tell
        for tmp in self._staged.values():
            Path(tmp).unlink(missing_ok=True)
        self._staged.clear()

    def write(self, name: str, data: Payload) -> None:
        """Write the file ``name`` from ``data``, to be put in place on commit."""
        fd, _ = self._temporary(name)
        handle = os.fdopen(fd, "wb")
        try:
            if callable(data):
                data(handle)
            else:
                for piece in [data] if isinstance(data, bytes) else data:
                    handle.write(piece)
            handle.flush()
        except BaseException:
            handle.close()
            raise
        if self._syncer is None:
            self._syncer = ThreadPoolExecutor(1, thread_name_prefix="nonprolif-kg-sync")
        self._syncs.append(self._syncer.submit(_sync, handle))

    def _synced(self) -> list[Future[None]]:
        """Wait for the files' syncs to end; return them (each done, or failed)."""
        syncs, self._syncs = self._syncs, []
        if self._syncer is not None:
            self._syncer.shutdown(wait=True)
            self._syncer = None
        return syncs

    def adopt(self, name: str, source: Path) -> None:
        """Take the finished file ``source`` (moved, not copied, where it is on
        the same file system) as the file ``name``, to be put in place on commit."""
        fd, tmp = self._temporary(name)
        os.close(fd)
        shutil.move(source, tmp)
        os.chmod(tmp, 0o666 & ~_umask())

    def _temporary(self, name: str) -> tuple[int, str]:
        """A new temporary file beside the file ``name`` (its descriptor and
        path), staged as ``name``, with the permissions a new file gets."""
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self._staged[name] = tmp
        os.chmod(tmp, 0o666 & ~_umask())
        return fd, tmp

    def commit(self) -> dict[str, Path]:
        """Rename every staged file into place once all are on disk; return
        name -> path. Raises the :class:`OSError` of a file that could not be
        synced (a full disk), renaming none."""
        for sync in self._synced():
            sync.result()
        written = {}
        for name, tmp in self._staged.items():
            os.replace(tmp, self.out / name)
            written[name] = self.out / name
        self._staged.clear()
        return written


def _sync(handle: BinaryIO) -> None:
    """Put the written file ``handle`` on disk and close it."""
    try:
        os.fsync(handle.fileno())
    finally:
        handle.close()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_outputs(
    quads: Sequence[ox.Quad], minter: Minter, out: Path, license_iri: str | None = None
) -> dict[str, Path]:
    """Serialise every format first, then write them all; return name -> path.

    Writes ``graph.ttl``, ``graph.trig``, ``graph.nq``, ``graph.jsonld`` and the
    dataset description ``void.ttl``. Nothing is written unless every
    serialisation succeeded.
    """
    from .jsonld import to_jsonld
    from .void import DEFAULT_LICENSE, describe

    triples = unique_triples(quads)
    void = describe(quads, minter, license_iri or DEFAULT_LICENSE, triples)
    payloads = {
        "graph.ttl": to_turtle(quads, minter, triples),
        "graph.trig": to_trig(quads, minter),
        "graph.nq": to_nquads(quads),
        "graph.jsonld": to_jsonld(quads, minter),
        "void.ttl": sorted_prefix_block(
            ox.serialize(void, format=ox.RdfFormat.TURTLE, prefixes=prefixes(minter))
        ),
    }
    written: dict[str, Path] = {}
    for name, data in payloads.items():
        write_atomic(out / name, data)
        written[name] = out / name
    return written
