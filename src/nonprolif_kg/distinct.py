"""The number of distinct terms in many graphs, counted in bounded memory.

VoID's ``void:distinctObjects`` of a corpus is the size of the union of its
graphs' objects, which grows with the corpus. Each graph's distinct objects
are kept (by the worker that makes its part) in :data:`BUCKETS` buckets by a
hash of their bytes (the top bits of their CRC-32, the same in every process
and every run), with where each bucket ends (:func:`bucketed`). A term falls
in the same bucket whichever graph holds it, so the union of one range of
buckets over all graphs is counted with a set of that range's terms alone,
and the ranges' counts add up (:func:`count_distinct`). The ranges are as
many as keep the bytes read into one set within a budget: one range for a
small corpus, and more as it grows, each part read once per range, a slice
at a time.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "BUCKETS",
    "Reader",
    "bucket_of",
    "bucketed",
    "bucket_ranges",
    "count_distinct",
    "slice_of",
]

#: The buckets of a part's objects, a power of two: the most ranges a count can use.
BUCKETS = 128
#: A term's bucket is the top bits of its CRC-32: ``crc32(term) >> _SHIFT``.
_SHIFT = 32 - (BUCKETS.bit_length() - 1)


def bucket_of(term: bytes) -> int:
    """The bucket of ``term``: the top bits of its CRC-32."""
    return zlib.crc32(term) >> _SHIFT


def bucketed(terms: Iterable[bytes]) -> tuple[bytes, bytes]:
    """``terms`` (distinct, no line breaks, in any order) as a payload of
    lines, bucket by bucket, each bucket's in byte order; and where each of the
    :data:`BUCKETS` buckets ends in it (unsigned 32-bit offsets, native order)."""
    buckets: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    crc32 = zlib.crc32
    for term in terms:
        buckets[crc32(term) >> _SHIFT].append(term)
    lines: list[bytes] = []
    ends = array("I")
    end = 0
    for bucket in buckets:
        bucket.sort()
        lines += bucket
        end += sum(map(len, bucket)) + len(bucket)
        ends.append(end)
    payload = b"\n".join(lines) + b"\n" if lines else b""
    return payload, ends.tobytes()


def bucket_ranges(total: int, budget: int) -> list[tuple[int, int]]:
    """The ranges of buckets (start, stop) that split ``total`` bytes of terms,
    spread evenly over the buckets by the hash, into pieces of about
    ``budget`` bytes, at most one per bucket."""
    count = min(BUCKETS, max(1, -(-total // max(budget, 1))))
    return [(i * BUCKETS // count, (i + 1) * BUCKETS // count) for i in range(count)]


#: Reads ``length`` bytes from ``offset`` of one source's payload of buckets.
Reader = Callable[[int, int], bytes]


def count_distinct(
    sources: Sequence[tuple[Reader, bytes]],
    budget: int,
    same: Mapping[bytes, bytes] | None = None,
) -> int:
    """The number of distinct terms in ``sources``, each a reader of its
    payload of buckets and its bucket ends (:func:`bucketed`), a range of
    buckets at a time (:func:`bucket_ranges`, ``budget`` bytes a range), each
    source's slice of the range read once. ``same`` maps a term to another
    that it stands for (a placeholder to the real term): the two count once."""
    same = same or {}
    total = sum(_end(ends, BUCKETS) for _, ends in sources)
    count = 0
    seen: set[bytes] = set()
    standing: set[bytes] = set()  # the terms that a stand-in was found for
    found: set[bytes] = set()  # those terms themselves, where found
    for start, stop in bucket_ranges(total, budget):
        for read, ends in sources:
            offset, length = slice_of(ends, start, stop)
            if length:
                seen.update(read(offset, length).split(b"\n")[:-1])
        for stand_in, term in same.items():
            if stand_in in seen:
                seen.discard(stand_in)
                standing.add(term)
            if term in seen:
                found.add(term)
        count += len(seen)
        seen.clear()
    return count + len(standing - found)


def _end(ends: bytes, bucket: int) -> int:
    """Where the bucket before ``bucket`` ends (0 for the first): the offset at
    which ``bucket`` begins."""
    if bucket == 0:
        return 0
    return int(memoryview(ends).cast("I")[bucket - 1])


def slice_of(ends: bytes, start: int, stop: int) -> tuple[int, int]:
    """The (offset, length) of buckets ``start`` to ``stop`` in their payload."""
    begin = _end(ends, start)
    return begin, _end(ends, stop) - begin
