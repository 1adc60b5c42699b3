"""Stage 6, assembly: graph parts -> the corpus's graph files, byte-stable.

The dataset arrives as parts, one per named graph, each already sorted and
serialised (by the workers, for documents) and kept on disk
(:mod:`nonprolif_kg.spill`). The files are joined from them, a part or a piece
at a time, without making Python terms of their quads:

- ``graph.nq``: the parts' N-Quads in graph order;
- ``graph.trig``: the prefixes, then the parts' TriG blocks in graph order;
- ``graph.jsonld``: the context, then the parts' JSON-LD blocks;
- ``graph.ttl``: every distinct triple once, sorted: the workers wrote each
  part's triples as Turtle, a block per subject, with the list of its subjects;
  the blocks of all parts are merged in subject order, and a subject several
  graphs describe is written anew from the union of its triples;
- ``void.ttl``: the description of the dataset (:mod:`nonprolif_kg.void`), from
  the parts' counts (less what graphs repeat) and a count of their distinct
  objects a range of hash buckets at a time (:mod:`nonprolif_kg.distinct`).

These are the bytes :mod:`nonprolif_kg.export` writes from the whole dataset
(tests compare them). Each file is written to a temporary file, and all are
renamed into place once every one of them was made.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from .distinct import count_distinct
from .export import Staging, prefixes, strip_prefixes
from .iri import Minter
from .jsonld import document
from .shard import ACTIVITY, with_activity
from .spill import StoredPart, chunks, read, read_slice
from .void import Statistics, description

__all__ = ["Batch", "ReadAhead", "assemble", "merged_blocks", "runs"]


#: Bytes a merge holds read ahead of its parts, beyond each part's first piece;
#: also the bytes of objects counted in one set (:func:`_statistics`).
MERGE_BUDGET = 64 << 20
#: The smallest and largest piece read at a time from one part in a merge.
MERGE_CHUNKS = (1 << 12, 1 << 16)
#: The size of a part's first piece in a merge: every part is read from at
#: once, as the merge begins.
FIRST_PIECE = 1 << 10


class ReadAhead:
    """What a merge of many parts reads, a piece at a time, and holds: a part's
    first piece is small (:data:`FIRST_PIECE`: the merge reads one of every
    part as it begins); each later piece, read once the merge has taken all
    of the part's last, is the largest (:data:`MERGE_CHUNKS`) while the merge
    holds less than ``budget``, else the smallest. A document's own subjects,
    which no other part's come between, are so read in few large pieces, however
    many parts are merged; ``held`` and ``peak`` are the bytes held now and at
    most, ``reads`` the pieces read."""

    def __init__(
        self,
        budget: int = MERGE_BUDGET,
        first: int = FIRST_PIECE,
        sizes: tuple[int, int] = MERGE_CHUNKS,
    ) -> None:
        self.budget, self.first, self.sizes = budget, first, sizes
        self.held = self.peak = self.reads = 0

    def pieces(
        self, part: StoredPart, kind: str, span: tuple[int, int | None] = (0, None)
    ) -> Iterator[bytes]:
        """The bytes ``span`` of the payload ``kind`` of ``part`` in pieces of
        whole lines (:func:`~nonprolif_kg.spill.chunks`), each held until the
        next is asked for."""
        started = False

        def size() -> int:
            nonlocal started
            self.reads += 1
            if not started:
                started = True
                return self.first
            low, high = self.sizes
            return max(low, min(high, self.budget - self.held))

        for piece in chunks(part, kind, size, span):
            self.held += len(piece)
            self.peak = max(self.peak, self.held)
            try:
                yield piece
            finally:
                self.held -= len(piece)


#: A piece of a sorted stream: its keys, distinct and in order, and an item for each.
Batch = tuple[list[bytes], list[bytes]]


def _blocks(
    part: StoredPart, activity: str, ahead: ReadAhead, span: tuple[int, int | None]
) -> Iterator[list[bytes]]:
    """The bytes ``span`` of a part's Turtle, its subjects' blocks a piece at
    a time (a block ends with the only line that ends in ``" ."``: line breaks
    in literals are escaped), read as ``ahead`` says."""
    pending = b""
    for chunk in ahead.pieces(part, "turtle", span):
        pieces = (pending + with_activity(chunk, "turtle", part.name, activity)).split(b" .\n")
        pending = pieces.pop()
        if pieces:
            yield [piece + b" .\n" for piece in pieces]
    if pending:
        raise ValueError(f"the Turtle of {part.name} does not end a subject's block")


def _subject_blocks(
    part: StoredPart, activity: str, ahead: ReadAhead, own: bool
) -> Iterator[Batch]:
    """The subjects of one section of a part (``own``: its own subjects, else
    the others; :func:`~nonprolif_kg.shard.own_first`), each with its Turtle
    block, in batches."""
    turtle, lines = part.own
    spans = ((0, turtle), (0, lines)) if own else ((turtle, None), (lines, None))
    subjects = (chunk.split(b"\n")[:-1] for chunk in ahead.pieces(part, "subjects", spans[1]))
    keys: list[bytes] = []
    for blocks in _blocks(part, activity, ahead, spans[0]):
        while len(keys) < len(blocks):
            more = next(subjects, None)
            if more is None:
                raise ValueError(f"the Turtle of {part.name} has more blocks than subjects")
            keys += more
        yield keys[: len(blocks)], blocks
        keys = keys[len(blocks) :]
    if keys or next(subjects, []):
        raise ValueError(f"the Turtle of {part.name} has fewer blocks than subjects")


def runs(streams: Sequence[Iterator[Batch]]) -> Iterator[Batch]:
    """The items of sorted ``streams`` (each a series of batches, none empty)
    in key order, in runs: from the stream that holds the smallest key, every
    item up to the next key another stream holds, cut from its batch at once,
    so that the merge costs a heap step a run, not an item (a document's own
    subjects, which no other graph describes, come as one run). A key that
    several streams hold comes in runs of one item, one after the other."""
    current: list[Batch] = []
    heap: list[tuple[bytes, int]] = []
    for index, stream in enumerate(streams):
        batch = next(stream, ([], []))
        current.append(batch)
        if batch[0]:
            heap.append((batch[0][0], index))
    heapq.heapify(heap)
    starts = [0] * len(current)
    while heap:
        _, index = heap[0]
        keys, items = current[index]
        start = starts[index]
        # The smallest key of the other streams: a child of the heap's root.
        end = len(keys) if len(heap) == 1 else bisect.bisect_left(keys, min(heap[1:3])[0], start)
        end = max(end, start + 1)
        yield keys[start:end], items[start:end]
        if end == len(keys):
            keys, items = current[index] = next(streams[index], ([], []))
            end = 0
        if keys:
            starts[index] = end
            heapq.heapreplace(heap, (keys[end], index))
        else:
            heapq.heappop(heap)


def merged_blocks(
    parts: Sequence[StoredPart],
    activity: str,
    minter: Minter,
    stats: Statistics,
    ahead: ReadAhead | None = None,
) -> Iterator[bytes]:
    """Every subject's Turtle block in the dataset made of ``parts``, in subject
    order: a merge of the parts' blocks (:func:`runs`), in pieces. A subject
    that several graphs describe (an entity a fact is about, in a document and
    in the catalogue) gets its triples once, written by pyoxigraph as it writes
    the whole; ``stats``, holding the sum of the parts' counts, loses what
    those graphs repeat. The parts are read as ``ahead`` says (default: a
    :class:`ReadAhead` of its own)."""
    head = _prefix_lines(minter)
    table = prefixes(minter)
    ahead = ahead or ReadAhead()

    def union(blocks: list[bytes]) -> bytes:
        # Each block is whole statements, so their concatenation is one
        # document, parsed at once; a triple in it as often as graphs give it.
        seen = Counter(ox.parse(head + b"".join(blocks), format=ox.RdfFormat.TURTLE))
        stats.subjects -= len(blocks) - 1
        for triple, times in seen.items():
            if times > 1:
                stats.repeated(str(triple).encode(), times - 1)
        triples = sorted(seen, key=str)
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=table)
        if data is None:
            raise RuntimeError("serialisation returned no bytes")
        return strip_prefixes(data)[1]

    # The last subject seen, with its blocks: the next run may describe it too.
    group: list[bytes] = []
    subject = b""
    sections = [_subject_blocks(p, activity, ahead, own) for p in parts for own in (True, False)]
    for keys, blocks in runs(sections):
        start = 0
        if group and keys[0] == subject:
            group.append(blocks[0])
            start = 1
            if len(keys) == 1:
                continue
        if group:
            yield group[0] if len(group) == 1 else union(group)
        if len(blocks) - start > 1:
            yield b"".join(blocks[start:-1])
        group, subject = [blocks[-1]], keys[-1]
    if group:
        yield group[0] if len(group) == 1 else union(group)


def _statistics(
    parts: Sequence[StoredPart], activity: str, budget: int = MERGE_BUDGET
) -> Statistics:
    """The sum of ``parts``' counts, and the number of their distinct objects,
    counted from the parts' buckets of objects (:mod:`nonprolif_kg.distinct`)
    with about ``budget`` bytes of them held at a time. The placeholder stands
    for the activity: the two count once."""
    stats = Statistics()
    for part in parts:
        stats.merge(part.counts)
    sources = [(functools.partial(read_slice, part, "objects"), part.object_ends) for part in parts]
    same = {f"<{ACTIVITY}>".encode(): f"<{activity}>".encode()}
    stats.objects_counted = count_distinct(sources, budget, same)
    return stats


def assemble(
    parts: Sequence[StoredPart],
    activity: str,
    minter: Minter,
    out: Path,
    license_iri: str,
    finish: Callable[[Staging], None] | None = None,
    step: Callable[[str], None] | None = None,
) -> tuple[dict[str, Path], Statistics]:
    """Write the corpus files of the dataset made of ``parts`` (part files, in
    any order) to ``out``, with ``activity`` as the build activity's IRI; return
    name -> path of the files, and the counts of the dataset's distinct triples.
    Files are written a piece at a time and put in place together, with those
    ``finish`` stages (the summary's) once the graph files are written.
    ``step(what)`` is called as each step begins ("writing graph.nq")."""
    ordered = sorted(parts, key=lambda p: p.name)
    say = step or (lambda what: None)

    def each(fmt: str) -> Iterator[bytes]:
        for part in ordered:
            yield with_activity(read(part, fmt), fmt, part.name, activity)

    say(f"counting the distinct objects of {len(ordered)} graph(s)")
    stats = _statistics(ordered, activity)
    head = _prefix_lines(minter)
    with Staging(out) as staging:
        say("writing graph.ttl")
        blocks = merged_blocks(ordered, activity, minter, stats)
        staging.write("graph.ttl", itertools.chain([head], blocks))
        say("writing graph.trig")
        staging.write("graph.trig", itertools.chain([head], each("trig")))
        say("writing graph.nq")
        staging.write("graph.nq", each("nquads"))
        say("writing graph.jsonld")
        staging.write("graph.jsonld", document(each("jsonld"), minter))
        staging.write("void.ttl", [description(stats, minter, license_iri)])
        if finish is not None:
            finish(staging)
        say("putting the files in place")
        return staging.commit(), stats


def _prefix_lines(minter: Minter) -> bytes:
    """The ``@prefix`` lines pyoxigraph writes (only once it writes a quad), in
    name order, each ending in a line break."""
    node = ox.NamedNode(minter.graph("ontology"))
    quad = ox.Quad(node, node, node, node)
    data = ox.serialize([quad], format=ox.RdfFormat.TRIG, prefixes=prefixes(minter))
    if data is None:
        raise RuntimeError("serialisation returned no bytes")
    return b"".join(line + b"\n" for line in sorted(strip_prefixes(data)[0]))
