"""Distinct objects of many graphs counted a range of hash buckets at a time:
the same number as a set of them all, however many ranges the budget makes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif_kg.assemble import _statistics
from nonprolif_kg.distinct import (
    BUCKETS,
    Reader,
    bucket_of,
    bucket_ranges,
    bucketed,
    count_distinct,
    slice_of,
)
from nonprolif_kg.graph import sort_quads
from nonprolif_kg.iri import Minter
from nonprolif_kg.shard import ACTIVITY, graph_part
from nonprolif_kg.spill import read, read_header, write_part

terms = st.binary(min_size=1, max_size=12).filter(lambda t: b"\n" not in t)


def _source(values: set[bytes]) -> tuple[Reader, bytes]:
    payload, ends = bucketed(sorted(values))

    def read(offset: int, length: int) -> bytes:
        return payload[offset : offset + length]

    return read, ends


def test_a_part_keeps_its_objects_by_bucket_with_where_each_ends() -> None:
    values = [f"term {i}".encode() for i in range(500)]
    payload, ends = bucketed(values)
    assert len(ends) == 4 * BUCKETS
    assert sorted(payload.split(b"\n")[:-1]) == sorted(values)
    for bucket in range(BUCKETS):
        offset, length = slice_of(ends, bucket, bucket + 1)
        lines = payload[offset : offset + length].split(b"\n")[:-1]
        assert {bucket_of(t) for t in lines} <= {bucket}
        assert lines == sorted(t for t in values if bucket_of(t) == bucket)
    assert slice_of(ends, 0, BUCKETS) == (0, len(payload))


def test_bucket_ranges_cover_every_bucket_once_in_pieces_of_the_budget() -> None:
    assert bucket_ranges(0, 100) == bucket_ranges(100, 100) == [(0, BUCKETS)]
    for total, budget in ((1_000, 100), (10**9, 64 << 20), (10**12, 1)):
        ranges = bucket_ranges(total, budget)
        assert ranges[0][0] == 0 and ranges[-1][1] == BUCKETS
        assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(ranges, ranges[1:], strict=False))
        assert len(ranges) == min(BUCKETS, -(-total // budget))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sets(terms, max_size=30), max_size=6),
    st.integers(min_value=1, max_value=400),
    st.booleans(),
)
def test_the_count_is_the_size_of_the_union(
    graphs: list[set[bytes]], budget: int, real_elsewhere: bool
) -> None:
    """Whatever the ranges, and a stand-in (the activity's placeholder) counted
    once with the term it stands for, whether or not that term is there too."""
    stand_in, real = b"<placeholder>", b"<real>"
    if graphs:
        graphs[0] = graphs[0] | {stand_in}
        if real_elsewhere:
            graphs[-1] = graphs[-1] | {real}
    union = set().union(*graphs) if graphs else set()
    expected = len({real if t == stand_in else t for t in union})
    sources = [_source(g) for g in graphs]
    assert count_distinct(sources, budget, {stand_in: real}) == expected
    assert count_distinct(sources, 10**9, {stand_in: real}) == expected


def test_the_objects_of_part_files_are_counted_from_their_buckets(tmp_path: Path) -> None:
    """Parts written to files and read back, with objects shared between graphs
    and the activity's placeholder in one and the real activity in another:
    one range and a range per bucket give the number a set of all objects does."""
    minter = Minter()
    real = "https://example.org/build/1"
    p = ox.NamedNode("http://x/p")

    def quads(name: str, values: list[ox.NamedNode | ox.Literal]) -> list[ox.Quad]:
        g, s = ox.NamedNode(minter.graph(name)), ox.NamedNode(minter.graph(name) + "/s")
        return sort_quads([ox.Quad(s, p, v, g) for v in values])

    shared = [ox.Literal("中国"), ox.Literal("3", datatype=ox.NamedNode("http://x/int"))]
    graphs = [
        quads("doc/a", [*shared, ox.NamedNode(ACTIVITY), ox.Literal("a")]),
        quads("doc/b", [*shared, *(ox.Literal(f"b{i}") for i in range(300))]),
        quads("provenance", [ox.NamedNode(real), ox.Literal("a")]),
    ]
    stored = []
    for i, graph in enumerate(graphs):
        part = graph_part(graph[0].graph_name.value, graph, minter)  # type: ignore[union-attr]
        written = write_part(tmp_path / f"{i}.part", part)
        read_back = read_header(tmp_path / f"{i}.part")
        assert read_back is not None and read_back[1] == written
        assert sorted(read(written, "objects").split(b"\n")) == sorted(part.objects.split(b"\n"))
        stored.append(written)
    objects = {str(q.object).replace(ACTIVITY, real) for graph in graphs for q in graph}
    assert len(objects) == 2 + 1 + 1 + 300  # shared, the activity, "a", b0 to b299
    for budget in (1, 100, 10**9):
        assert _statistics(stored, real, budget).distinct_objects() == len(objects), budget
