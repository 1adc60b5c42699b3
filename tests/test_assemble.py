"""Shards and assembly: the files joined from per-document parts are the bytes
the whole dataset serialises to, language versions of one document included."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif_kg.assemble import Batch, ReadAhead, assemble, merged_blocks, runs
from nonprolif_kg.errors import DamagedPartError
from nonprolif_kg.export import prefixes, strip_prefixes, write_outputs
from nonprolif_kg.graph import sort_quads
from nonprolif_kg.iri import Minter
from nonprolif_kg.pipeline import BuildResult, build
from nonprolif_kg.shard import ACTIVITY, GraphPart, graph_part, trig_block, with_activity
from nonprolif_kg.spill import (
    _MAGIC,
    COMPRESSED,
    KINDS,
    StoredPart,
    chunks,
    read,
    read_header,
    read_slice,
    write_part,
)
from nonprolif_kg.validate import ValidationResult, silent_report
from nonprolif_kg.void import DEFAULT_LICENSE, Statistics

from .conftest import BUNDLED, FIXTURES

FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "void.ttl")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """A build of the bundled note, an English statement and the two language
    versions of one G8 statement (one named graph made of two files)."""
    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    shutil.copytree(FIXTURES / "parallel", corpus)
    shutil.copy(BUNDLED, corpus / "note.txt")
    shutil.copy(FIXTURES / "english_statement.txt", corpus / "statement.txt")
    out = root / "out"
    return out, build([corpus], out, jobs=2, summary=False)


def test_assembled_files_are_the_whole_datasets_bytes(
    mixed: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    out, result = mixed
    quads = sort_quads(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}  # type: ignore[union-attr]
    assert len(graphs) == 3 + 3  # ontology, catalogue, provenance; three documents
    write_outputs(quads, Minter(), tmp_path)
    for name in FILES:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name
    assert result.quads == len(quads)


@pytest.mark.parametrize("graph", ["https://w3id.org/nonprolif/graph/doc/a%20b", ""])
def test_a_graphs_trig_block_is_what_pyoxigraph_writes(graph: str) -> None:
    """The TriG block made from the Turtle of a graph is pyoxigraph's own
    TriG, also for literals with line breaks, quotes, tabs and other scripts,
    and for the default graph (written by pyoxigraph itself)."""
    minter = Minter()
    name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    s, p = (
        ox.NamedNode(minter.entity("state/CHN")),
        ox.NamedNode("https://w3id.org/nonprolif/ontology#text"),
    )
    texts = ["a\nb\r\"c' \t d\\ \u2028 }", "中國 {\n}", "ends .\n"]
    quads = sort_quads(
        [ox.Quad(s, p, ox.Literal(t, language="zh-Hant"), name) for t in texts]
        + [ox.Quad(ox.NamedNode(minter.entity("org/iaea")), p, ox.Literal("1"), name)]
    )
    table = prefixes(minter)
    turtle = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.TURTLE, prefixes=table)
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=table)
    assert turtle is not None and trig is not None
    assert trig_block(quads, strip_prefixes(turtle)[1], table) == strip_prefixes(trig)[1]


def test_the_activity_placeholder_never_reaches_an_output(mixed: tuple[Path, BuildResult]) -> None:
    out, _ = mixed
    for name in (*FILES, "validation.txt", "report.json"):
        assert ACTIVITY not in (out / name).read_text(encoding="utf-8"), name
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = list(
        store.query(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?x "
            "<http://www.w3.org/ns/prov#wasGeneratedBy> ?a } "
            "GRAPH ?p { ?a a <http://www.w3.org/ns/prov#Activity> } }"
        )
    )
    assert rows[0]["n"].value == "1"  # type: ignore[index]


def test_text_that_spells_the_placeholder_is_left_as_it_is() -> None:
    minter = Minter()
    graph = ox.NamedNode(minter.graph("doc/x"))
    s, p = ox.NamedNode(minter.document("x")), ox.NamedNode("http://www.w3.org/ns/prov#x")
    sneaky = f'<{ACTIVITY}> .\n<{ACTIVITY}> ;\n"{ACTIVITY}"'
    quads = sort_quads(
        [
            ox.Quad(s, p, ox.Literal(sneaky), graph),
            ox.Quad(
                s,
                ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"),
                ox.NamedNode(ACTIVITY),
                graph,
            ),
        ]
    )
    part = graph_part(graph.value, quads, minter)
    real = "https://example.org/build/1"
    for fmt in ("nquads", "trig", "jsonld"):
        text = with_activity(getattr(part, fmt), fmt, graph.value, real).decode()
        assert text.count(real) == 1, fmt
        assert text.count(ACTIVITY) == 3, fmt


def test_a_subject_described_in_several_graphs_is_written_once(tmp_path: Path) -> None:
    minter = Minter()
    s = ox.NamedNode(minter.entity("state/IRN"))
    p, t = (
        ox.NamedNode("http://x/p"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    )
    c = ox.NamedNode("https://w3id.org/nonprolif/ontology#State")

    def part(name: str, values: list[str]) -> GraphPart:
        g = ox.NamedNode(minter.graph(name))
        quads = [ox.Quad(s, p, ox.Literal(v), g) for v in values] + [ox.Quad(s, t, c, g)]
        return graph_part(g.value, sort_quads(quads), minter)

    parts = [part("doc/a", ["1", "3"]), part("doc/b", ["2", "3"]), part("catalogue", ["4"])]
    stored = [write_part(tmp_path / f"{i}.part", x) for i, x in enumerate(parts)]
    stats = Statistics()
    for x in stored:
        stats.merge(x.counts)
    blocks = list(merged_blocks(stored, "https://e.org/b", minter, stats))
    assert len(blocks) == 1
    assert blocks[0].startswith(b"state:IRN a npo:State ;")
    assert blocks[0].count(b'"3"') == 1 and blocks[0].count(b"npo:State") == 1
    assert (stats.triples, stats.subjects) == (5, 1)  # "1" to "4" and the type
    assert stats.classes["https://w3id.org/nonprolif/ontology#State"] == 1
    assert stats.properties[b"<http://x/p>"] == 4


def test_assemble_writes_nothing_when_a_part_cannot_be_serialised(tmp_path: Path) -> None:
    minter = Minter()
    graph = minter.graph("doc/a")
    good = graph_part(graph, [], minter)
    broken = replace(good, turtle=b"<a> <b> <c> ;\n", subjects=b"<a>\n")
    out, spill = tmp_path / "out", tmp_path / "spill"
    out.mkdir()
    spill.mkdir()
    (out / "graph.nq").write_bytes(b"the last good file")
    parts = [write_part(spill / "good.part", good), write_part(spill / "broken.part", broken)]
    with pytest.raises(ValueError, match="does not end"):
        assemble(parts, "https://example.org/build/1", minter, out, DEFAULT_LICENSE)
    assert [p.name for p in out.iterdir()] == ["graph.nq"]
    assert (out / "graph.nq").read_bytes() == b"the last good file"


def test_part_files_are_read_back_whole_and_in_pieces_of_whole_lines(tmp_path: Path) -> None:
    minter = Minter()
    graph = minter.graph("doc/a")
    s = ox.NamedNode(minter.document("a"))
    quads = sort_quads(
        ox.Quad(s, ox.NamedNode(f"http://x/p{i}"), ox.Literal("x" * (i % 50)), ox.NamedNode(graph))
        for i in range(2_000)
    )
    parts = [graph_part(graph, quads[:n], minter) for n in (2_000, 0, 7)]
    stored = [write_part(tmp_path / f"{i}.part", p) for i, p in enumerate(parts)]
    for part, kept in zip(parts, stored, strict=True):
        assert read_header(kept.file) == (None, kept)
        for kind in KINDS:
            assert read(kept, kind) == getattr(part, kind)
        for size in (1, 100, 1 << 16):
            pieces = list(chunks(kept, "nquads", size))
            assert b"".join(pieces) == part.nquads
            assert all(piece.endswith(b"\n") for piece in pieces)
    whole = stored[0].file.read_bytes()
    for damaged in (whole[:-1], whole + b"x", b"", b"x" * 100, whole[:30]):
        stored[0].file.write_bytes(damaged)
        assert read_header(stored[0].file) is None


def test_a_slice_of_a_part_outside_its_payload_names_the_damaged_file(tmp_path: Path) -> None:
    minter = Minter()
    graph = minter.graph("doc/a")
    s = ox.NamedNode(minter.document("a"))
    quads = [ox.Quad(s, ox.NamedNode("http://x/p"), ox.Literal("x"), ox.NamedNode(graph))]
    stored = write_part(tmp_path / "a.part", graph_part(graph, quads, minter))
    objects = read(stored, "objects")
    assert read_slice(stored, "objects", 0, len(objects)) == objects
    assert read_slice(stored, "objects", len(objects), 0) == b""
    for offset, length in ((0, len(objects) + 1), (-1, 1), (1, -1)):
        with pytest.raises(DamagedPartError, match="a.part.*outside its objects"):
            read_slice(stored, "objects", offset, length)
    with pytest.raises(ValueError, match="compressed"):
        read_slice(stored, "nquads", 0, 1)
    whole = stored.file.read_bytes()
    stored.file.write_bytes(whole[: stored.places[KINDS.index("objects")][0] + 1])
    with pytest.raises(DamagedPartError, match="cut short"):
        read_slice(stored, "objects", 0, len(objects))


def test_part_files_keep_what_is_read_whole_compressed(tmp_path: Path) -> None:
    """The payloads read whole are compressed in the file, several times
    smaller; a damaged one is an error naming the file, not wrong bytes."""
    built = build([BUNDLED], tmp_path / "out", cache=tmp_path / "cache", summary=False)
    assert built.validation is not None
    (file,) = (tmp_path / "cache").glob("*.part")
    found = read_header(file)
    assert found is not None
    part = found[1]
    whole = sum(len(read(part, kind)) for kind in COMPRESSED)
    stored = sum(part.places[KINDS.index(kind)][1] for kind in COMPRESSED)
    assert stored * 4 < whole
    assert b"<https://w3id.org/nonprolif/graph/doc/" in read(part, "nquads")
    offset, length = part.places[KINDS.index("nquads")]
    data = bytearray(file.read_bytes())
    data[offset + 4 : offset + length] = bytes(length - 4)
    file.write_bytes(bytes(data))
    with pytest.raises(DamagedPartError, match=re.escape(str(file))):
        read(part, "nquads")


def test_headers_of_many_parts_share_what_they_repeat(tmp_path: Path) -> None:
    """The build keeps every document's header; read back, two documents'
    headers hold one object for a string or a results-free validation they
    both have, and say what was written."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED, corpus / "note.txt")
    shutil.copy(FIXTURES / "english_statement.txt", corpus / "statement.txt")
    build([corpus], tmp_path / "out", cache=tmp_path / "cache", summary=False)
    files = sorted((tmp_path / "cache").glob("*.part"))
    assert len(files) == 2
    first, second = (read_header(f) for f in files)
    assert first is not None and second is not None
    (info_a, a), (info_b, b) = first, second
    assert a.validation is not None and not a.validation.results and a.validation.conforms
    assert a.validation is b.validation
    shared = dict(a.counts.properties).keys() & dict(b.counts.properties).keys()
    assert shared
    assert {id(p) for p, _ in a.counts.properties if p in shared} == {
        id(p) for p, _ in b.counts.properties if p in shared
    }
    assert info_a is not None and info_b is not None
    common = set(info_a.keys) & set(info_b.keys)
    assert common
    assert {id(k) for k in info_a.keys if k in common} == {
        id(k) for k in info_b.keys if k in common
    }
    with open(files[0], "rb") as handle:
        handle.read(len(_MAGIC))
        header = handle.read(int.from_bytes(handle.read(8), "big"))
    raw_info, raw = pickle.loads(header)
    assert info_a == raw_info
    assert (a.name, a.quads, a.counts) == (raw.name, raw.quads, raw.counts)
    assert b"rdflib" not in header  # a validation without results: its outcome alone


def test_a_validation_with_results_is_kept_whole_in_a_header() -> None:
    result = ValidationResult("Violation", "span", "urn:x", "", "", "no.", "urn:s", "c", "x")
    report = replace(silent_report(False, "turbo"), results=(result,))
    stored = StoredPart("g", 1, report, Statistics().counts(), ((0, 0),) * len(KINDS), b"", (0, 0))
    back = pickle.loads(pickle.dumps(stored, protocol=5))
    assert back.validation is not None and back.validation.results == (result,)
    assert back.validation.graph is not report.graph and len(back.validation.graph) == 2
    quiet = pickle.loads(pickle.dumps(replace(stored, validation=silent_report(True, "turbo"))))
    again = pickle.loads(pickle.dumps(replace(stored, validation=silent_report(True, "turbo"))))
    assert quiet.validation is again.validation and quiet.validation.conforms


def test_the_summary_of_what_it_reads_is_the_summary_of_the_whole(
    mixed: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    from nonprolif_kg.summarize import read_subset
    from nonprolif_kg.summary_files import write_summary

    out, _ = mixed
    nquads = (out / "graph.nq").read_bytes()
    subset = read_subset(nquads)
    assert len(subset) < len(nquads) / 2
    for name, data in (("whole", nquads), ("subset", subset)):
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        write_summary(store, tmp_path / name)
    for file in ("summary.json", "summary.md", "graph.graphml", "graph.gexf"):
        assert (tmp_path / "whole" / file).read_bytes() == (tmp_path / "subset" / file).read_bytes()
    summary = (tmp_path / "subset" / "summary.json").read_text(encoding="utf-8")
    assert '"mostUrgedStates": [\n  {' in summary and "perDocument" in summary


def test_the_summary_of_each_graphs_rows_is_the_summary_of_the_whole(
    mixed: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    """Workers hand over the rows of their document's graph, not the graph;
    merged, the rows of every named graph (joined across graphs: a stance
    type's notation is in the ontology's, an event's year in the catalogue's)
    give the summary of the whole dataset."""
    from nonprolif_kg.summarize import part_rows, project_rows, read_subset
    from nonprolif_kg.summary_files import summary_inputs, write_summary, write_summary_files

    out, _ = mixed
    nquads = (out / "graph.nq").read_bytes()
    by_graph: dict[bytes, list[bytes]] = {}
    for line in nquads.splitlines(keepends=True):
        by_graph.setdefault(line.rsplit(b" ", 2)[-2], []).append(line)
    assert len(by_graph) > 4
    rows = [part_rows(read_subset(b"".join(lines))) for lines in by_graph.values()]
    proj = project_rows(reversed(rows))
    assert proj.events and proj.stances and proj.assertions.number_of_edges()
    write_summary_files(summary_inputs(proj), tmp_path / "rows")
    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    write_summary(store, tmp_path / "whole")
    files = ("summary.json", "summary.md", "graph.graphml", "graph.gexf", "figures/timeline.png")
    for file in files:
        assert (tmp_path / "whole" / file).read_bytes() == (tmp_path / "rows" / file).read_bytes()


def test_per_document_figures_from_the_workers_are_those_of_the_graph(tmp_path: Path) -> None:
    """Workers compute each document's part of the summary from what they
    extracted; it must be what the graph says (a document in two language
    versions is computed from the graph, as neither worker sees both)."""
    from nonprolif_kg.summary_files import write_summary

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "parallel", corpus)
    shutil.copy(BUNDLED, corpus / "note.txt")
    shutil.copy(FIXTURES / "english_statement.txt", corpus / "statement.txt")
    build([corpus], tmp_path / "out", jobs=2)
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    write_summary(store, tmp_path / "graph")
    got = (tmp_path / "out" / "summary.json").read_text(encoding="utf-8")
    assert got == (tmp_path / "graph" / "summary.json").read_text(encoding="utf-8")
    assert '"perDocument": {' in got and got.count('"paragraphs":') == 3


def test_a_documents_own_subjects_are_merged_in_large_pieces(tmp_path: Path) -> None:
    """Forty document graphs, each with its own paragraphs and a triple about
    one entity they share: the merge is the whole's Turtle, reads each
    graph's own subjects in a few large pieces (their first piece small, as
    every graph is read from at once), and holds what its budget allows."""
    minter = Minter()
    entity, text = ox.NamedNode(minter.entity("state/IRN")), ox.NamedNode("http://x/text")
    parts, triples = [], set()
    for i in range(40):
        doc = f"d{i:02}"
        g = ox.NamedNode(minter.graph(f"doc/{doc}"))
        quads = [
            ox.Quad(ox.NamedNode(minter.paragraph(doc, k)), text, ox.Literal(f"{doc} {k} " * 30), g)
            for k in range(1, 30)
        ]
        quads.append(ox.Quad(entity, text, ox.Literal(doc), g))
        part = graph_part(g.value, sort_quads(quads), minter)
        assert 0 < part.own[0] < len(part.turtle) and 0 < part.own[1] < len(part.subjects)
        parts.append(write_part(tmp_path / f"{i}.part", part))
        triples.update(q.triple for q in quads)
    whole = ox.serialize(
        sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes(minter)
    )
    assert whole is not None
    first, sizes, budget = 256, (256, 16 << 10), 64 << 10
    ahead = ReadAhead(budget, first, sizes)
    merged = b"".join(merged_blocks(parts, "https://e.org/b", minter, Statistics(), ahead))
    assert merged == strip_prefixes(whole)[1]
    own_bytes = sum(p.own[0] + p.own[1] for p in parts)
    assert own_bytes / sizes[0] > 1_000  # read in the smallest pieces: over a thousand reads
    assert ahead.reads < 40 * 10
    assert ahead.peak <= budget + 4 * 40 * (first + 1_000)  # four streams a graph; a line
    assert ahead.held == 0


def test_a_graphs_own_subjects_come_first_each_section_in_order() -> None:
    from nonprolif_kg.shard import own_first

    blocks = {
        b"<http://b/id/doc/a>": b"<http://b/id/doc/a> <p> 1 .\n",
        b"<http://b/id/doc/a-2>": b"<http://b/id/doc/a-2> <p> 2 .\n",  # another document's
        b"<http://b/id/doc/a/p/1>": b"<http://b/id/doc/a/p/1> <p> 3 ;\n\t<q> 4 .\n",
        b"<http://b/id/state/IRN>": b"<http://b/id/state/IRN> <p> 5 .\n",
    }
    subjects = sorted(blocks)
    turtle = b"".join(blocks[s] for s in subjects)
    moved, lines, own = own_first(turtle, subjects, b"<http://b/id/doc/a")
    order = [b"<http://b/id/doc/a/p/1>", b"<http://b/id/doc/a>"]
    order += [b"<http://b/id/doc/a-2>", b"<http://b/id/state/IRN>"]
    assert lines == b"".join(s + b"\n" for s in order)
    assert moved == b"".join(blocks[s] for s in order)
    assert own == (len(blocks[order[0]] + blocks[order[1]]), len(order[0] + order[1]) + 2)
    assert own_first(turtle, subjects, None) == (turtle, lines_of(subjects), (0, 0))
    mine = subjects[2:3]
    assert own_first(blocks[mine[0]], mine, b"<http://b/id/doc/a")[2] == (
        len(blocks[mine[0]]),
        len(mine[0]) + 1,
    )


def lines_of(terms: list[bytes]) -> bytes:
    return b"".join(t + b"\n" for t in terms)


def test_staged_files_are_put_in_place_only_once_all_are_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are synced by a thread while the next is written; a file that
    cannot be synced (a full disk: ``os.fsync`` made to fail as it would)
    fails the commit, which renames none and leaves the last good files, and
    no thread is left behind either way."""
    import errno
    import os
    import threading

    from nonprolif_kg.export import Staging

    threads = threading.active_count()
    with Staging(tmp_path) as staging:
        staging.write("a.txt", b"one")
        staging.write("b.txt", [b"tw", b"o"])
        assert staging.commit() == {"a.txt": tmp_path / "a.txt", "b.txt": tmp_path / "b.txt"}
    assert (tmp_path / "b.txt").read_bytes() == b"two"
    assert threading.active_count() == threads

    synced: list[int] = []

    def full(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"), Staging(tmp_path) as staging:
        staging.write("a.txt", b"new one")
        staging.write("b.txt", b"new two")
        staging.write("c.txt", b"three")
        staging.commit()
    assert len(synced) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"one"
    assert threading.active_count() == threads


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sets(st.binary(max_size=3), max_size=30), st.lists(st.integers(1, 5), max_size=8)
        ),
        max_size=6,
    )
)
def test_runs_merge_sorted_streams_in_order(streams: list[tuple[set[bytes], list[int]]]) -> None:
    """runs: every item of every stream once, in key order (a key several
    streams hold, once from each, with its own item), whatever the batches."""

    def batches(index: int, keys: list[bytes], cuts: list[int]) -> Iterator[Batch]:
        start = 0
        for cut in [*cuts, len(keys)]:
            if keys[start : start + cut]:
                yield (
                    keys[start : start + cut],
                    [bytes([index]) + k for k in keys[start : start + cut]],
                )
            start += cut
        if keys[start:]:
            yield keys[start:], [bytes([index]) + k for k in keys[start:]]

    sources = [sorted(keys) for keys, _ in streams]
    cuts = [cut for _, cut in streams]
    merged = list(runs([batches(i, keys, cuts[i]) for i, keys in enumerate(sources)]))
    keys = [k for run, _ in merged for k in run]
    items = [item for _, run in merged for item in run]
    assert keys == sorted(k for source in sources for k in source)
    assert sorted(items) == sorted(
        bytes([i]) + k for i, source in enumerate(sources) for k in source
    )
    assert all(len({item[0] for item in run}) == 1 for _, run in merged)  # a run is one stream's


def test_runs_take_a_stream_whole_up_to_the_next_streams_key() -> None:
    """Streams of keys no other stream holds come as one run each, batches apart."""
    streams = [
        iter([([b"a", b"b"], [b"1", b"2"]), ([b"c"], [b"3"])]),
        iter([([b"d", b"e", b"f"], [b"4", b"5", b"6"])]),
        iter([([b"c", b"g"], [b"7", b"8"])]),
    ]
    assert list(runs(streams)) == [
        ([b"a", b"b"], [b"1", b"2"]),
        ([b"c"], [b"3"]),
        ([b"c"], [b"7"]),
        ([b"d", b"e", b"f"], [b"4", b"5", b"6"]),
        ([b"g"], [b"8"]),
    ]


@pytest.mark.parametrize(
    ("subjects", "message"),
    [(b"<a>\n", "more blocks than subjects"), (b"<a>\n<b>\n<c>\n", "fewer blocks than subjects")],
)
def test_a_part_whose_subjects_and_blocks_disagree_is_refused(
    tmp_path: Path, subjects: bytes, message: str
) -> None:
    """A part lists one subject for each Turtle block; a list too short or too
    long names the part, rather than pairing blocks with the wrong subjects."""
    minter = Minter()
    graph = minter.graph("doc/a")
    good = graph_part(graph, [], minter)
    broken = replace(good, turtle=b"<a> <p> <o> .\n<b> <p> <o> .\n", subjects=subjects)
    stored = [write_part(tmp_path / "broken.part", broken)]
    with pytest.raises(ValueError, match=f"{re.escape(graph)} has {message}"):
        list(merged_blocks(stored, "https://e.org/b", minter, Statistics()))
