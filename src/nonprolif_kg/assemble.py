"""Stage 6, assembly: graph parts -> the corpus's graph files, byte-stable.

The dataset arrives as parts, one per named graph, each already sorted and
serialised (by the workers, for documents) and kept on disk
(:mod:`nonprolif_kg.spill`). The files are joined from them, a part or a piece
at a time, without making Python terms of their quads:

- ``graph.nq``: the parts' N-Quads in graph order;
- ``graph.trig``: the prefixes, then the parts' TriG blocks in graph order;
- ``graph.jsonld``: the context, then the parts' JSON-LD blocks;
- ``graph.ttl``: every distinct triple once, sorted: the parts' triples
  (N-Quads lines with the graph name cut off, each part's already sorted) are
  merged and repeats dropped, then written as Turtle by pyoxigraph a run of
  subjects at a time;
- ``void.ttl``: the description of the dataset (:mod:`nonprolif_kg.void`),
  counted during the same merge.

These are the bytes :mod:`nonprolif_kg.export` writes from the whole dataset
(tests compare them). Each file is written to a temporary file, and all are
renamed into place once every one of them was made.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from .export import Staging, prefixes
from .iri import Minter
from .jsonld import document
from .shard import strip_prefixes, with_activity
from .spill import PartStore, StoredPart
from .void import Statistics, description

__all__ = ["assemble", "merged_triples", "turtle"]

#: About how many triples pyoxigraph writes as Turtle in one call.
TURTLE_RUN = 50_000


def merged_triples(store: PartStore, parts: Sequence[StoredPart], activity: str) -> Iterator[bytes]:
    """The distinct triples of ``parts`` as N-Triples lines (without the line
    break), sorted: a merge of each part's sorted lines, read a piece at a time."""

    def lines(part: StoredPart) -> Iterator[bytes]:
        end = f" <{part.name}> .\n".encode()
        for chunk in store.chunks(part, "nquads"):
            chunk = with_activity(chunk, "nquads", part.name, activity)
            yield from chunk.replace(end, b" .\n").split(b"\n")[:-1]

    previous = None
    for line in heapq.merge(*(lines(p) for p in parts)):
        if line != previous:
            yield line
            previous = line


def turtle(lines: Iterable[bytes], minter: Minter, run: int = TURTLE_RUN) -> Iterator[bytes]:
    """Sorted N-Triples ``lines`` as Turtle, in pieces: the prefixes in name
    order, then one piece per run of about ``run`` triples, cut between subjects."""
    table = prefixes(minter)
    head: list[bytes] | None = None
    chunk: list[bytes] = []
    subject = b""

    def write(chunk: list[bytes]) -> tuple[list[bytes], bytes]:
        triples = ox.parse(b"\n".join(chunk) + b"\n", format=ox.RdfFormat.N_TRIPLES)
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=table)
        if data is None:
            raise RuntimeError("serialisation returned no bytes")
        return strip_prefixes(data)

    for line in lines:
        this = line[: line.index(b" ")]
        if len(chunk) >= run and this != subject:
            lines_head, body = write(chunk)
            if head is None:
                head = lines_head
                yield b"\n".join(sorted(head)) + b"\n"
            yield body
            chunk = []
        chunk.append(line)
        subject = this
    lines_head, body = write(chunk)
    if head is None:
        yield b"\n".join(sorted(lines_head)) + b"\n"
    if chunk:
        yield body


def _counted(lines: Iterable[bytes], stats: Statistics) -> Iterator[bytes]:
    """``lines`` as they are, counted into ``stats`` on the way."""
    for line in lines:
        stats.add(line)
        yield line


def assemble(
    store: PartStore,
    parts: Sequence[StoredPart],
    activity: str,
    minter: Minter,
    out: Path,
    license_iri: str,
) -> tuple[dict[str, Path], Statistics]:
    """Write the corpus files of the dataset made of ``parts`` (kept in ``store``,
    in any order) to ``out``, with ``activity`` as the build activity's IRI;
    return name -> path of the files, and the counts of the dataset's distinct
    triples. Files are written a piece at a time and put in place together."""
    ordered = sorted(parts, key=lambda p: p.name)

    def each(fmt: str) -> Iterator[bytes]:
        for part in ordered:
            yield with_activity(store.read(part, fmt), fmt, part.name, activity)

    stats = Statistics()
    head = b"\n".join(sorted(strip_prefixes(_prefix_block(minter))[0]))
    with Staging(out) as staging:
        lines = _counted(merged_triples(store, ordered, activity), stats)
        staging.write("graph.ttl", turtle(lines, minter))
        staging.write("graph.trig", itertools.chain([head + b"\n"], each("trig")))
        staging.write("graph.nq", each("nquads"))
        staging.write("graph.jsonld", document(each("jsonld"), minter))
        staging.write("void.ttl", [description(stats, minter, license_iri)])
        return staging.commit(), stats


def _prefix_block(minter: Minter) -> bytes:
    """The ``@prefix`` lines pyoxigraph writes (only once it writes a quad)."""
    node = ox.NamedNode(minter.graph("ontology"))
    quad = ox.Quad(node, node, node, node)
    data = ox.serialize([quad], format=ox.RdfFormat.TRIG, prefixes=prefixes(minter))
    if data is None:
        raise RuntimeError("serialisation returned no bytes")
    return data
