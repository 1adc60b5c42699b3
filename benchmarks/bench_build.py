"""A full build of generated corpora, stage by stage, against the floor.

For each corpus size (default 100 and 1,000 documents) it runs
:func:`nonprolif_kg.pipeline.build` as ``nonprolif-kg build`` does (every
output, validation, summary) and prints documents, MB, triples, seconds per
stage of a document (read, extract, graph, validate, serialise: added up over
the documents, so over the workers), then the wall-clock seconds of the build's
stages (documents: every document's stages, in the workers; assemble: the
corpus files; summary: the network summary, made beside the assembly when there
is more than one job), documents/s, MB/s, triples/s and peak memory (of the
building process and of its largest child: a worker, or the summary's process;
each size is run in a process of its own, so that its peak is not an earlier
size's). The
floor is what no build can beat: reading the corpus and scanning it with the
compiled automaton alone, plus pyoxigraph writing the same number of triples
as N-Quads (timed on up to a million of them and scaled); the build's time is
printed as a multiple of it. The floor writes nothing to disk; the build writes
its files (``output GB``), and *disk* is the time the disk under the build's
folder takes to write and sync as many bytes (timed on up to 4 GB and scaled;
a virtual disk may hold a smaller sample in its host's cache), which neither a
build nor a rebuild can beat. Then one document is changed and the build run
again with the cache: the rebuild's time, and its share of the full build.

Run: ``python benchmarks/bench_build.py [N ...] [--jobs J]``.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from corpus import generate

from nonprolif_kg.extract import default_extractor
from nonprolif_kg.normalize import normalize
from nonprolif_kg.pipeline import build, collect
from nonprolif_kg.stopwatch import STAGES

#: The most quads the floor serialises; more are timed by scaling.
FLOOR_SAMPLE = 1_000_000
#: The most bytes the disk's time is measured on; more are timed by scaling.
DISK_SAMPLE = 4 << 30


def floor(paths: list[Path], nquads: Path, triples: int) -> float:
    """Seconds to read and scan ``paths`` and to write ``triples`` as N-Quads."""
    automaton = default_extractor().gazetteer._automaton  # noqa: SLF001 - the floor is its scan
    start = time.perf_counter()
    for path in paths:
        text = normalize(path.read_text(encoding="utf-8")).text
        for _ in automaton.iter(text):
            pass
    scan = time.perf_counter() - start
    quads = list(
        itertools.islice(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), FLOOR_SAMPLE)
    )
    start = time.perf_counter()
    ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    write = time.perf_counter() - start
    return scan + write * triples / max(1, len(quads))


def disk_seconds(folder: Path, total: int) -> float:
    """Seconds the disk under ``folder`` takes to write ``total`` bytes and
    sync them to disk, timed on up to :data:`DISK_SAMPLE` bytes and scaled."""
    sample = min(total, DISK_SAMPLE)
    piece = os.urandom(1 << 24)  # not compressible, should the file system compress
    path = folder / "disk-floor.bin"
    start = time.perf_counter()
    with open(path, "wb") as handle:
        written = 0
        while written < sample:
            written += handle.write(piece[: sample - written])
        handle.flush()
        os.fsync(handle.fileno())
    seconds = time.perf_counter() - start
    path.unlink()
    return seconds * total / max(sample, 1)


def output_bytes(out: Path) -> int:
    """The bytes of every file the build wrote into ``out``."""
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def peak_mb() -> tuple[float, float]:
    """Peak resident memory so far of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run(count: int, jobs: int | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = generate(folder, count)
        paths = collect([folder])
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        start = time.perf_counter()
        result = build([folder], out, jobs=jobs, cache=cache)
        total = time.perf_counter() - start
        own, worker = peak_mb()
        changed = paths[len(paths) // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\n日本。\n", encoding="utf-8")
        start = time.perf_counter()
        again = build([folder], out, jobs=jobs, cache=cache)
        rebuild = time.perf_counter() - start
        assert again.cached == count - 1, again.cached
        base = floor(paths, out / "graph.nq", result.quads)
        written = output_bytes(out)
        disk = disk_seconds(Path(tmp), written)
    mb = size / 1e6
    stages = result.seconds
    cells = [
        f"{count:,}",
        f"{mb:.1f}",
        f"{result.triples:,}",
        *(f"{result.stages.get(s, 0):.1f}" for s in STAGES),
        *(f"{stages.get(s, 0):.1f}" for s in ("documents", "assemble", "summary")),
        f"{total:.1f}",
        f"{count / total:.1f}",
        f"{mb / total:.2f}",
        f"{result.triples / total:,.0f}",
        f"{own:,.0f} / {worker:,.0f}",
        f"{base:.1f}",
        f"{total / base:.0f}x",
        f"{written / 1e9:.1f}",
        f"{disk:.1f}",
        f"{rebuild:.1f} ({100 * rebuild / total:.0f} %)",
    ]
    print("| " + " | ".join(cells) + " |", flush=True)


def main(argv: list[str]) -> None:
    jobs = None
    if "--jobs" in argv:
        i = argv.index("--jobs")
        jobs = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    counts = [int(a) for a in argv] or [100, 1000]
    print(
        "| documents | MB | triples | "
        + " | ".join(f"{s} s" for s in STAGES)
        + " | documents s | assemble s | summary s | total s | "
        "docs/s | MB/s | triples/s | peak MB (build / child) | floor s | vs floor | "
        "output GB | disk s | rebuild, one changed s |"
    )
    print("|" + " ---: |" * (16 + len(STAGES)))
    for count in counts:
        run_apart(count, jobs)


def run_apart(count: int, jobs: int | None) -> None:
    """:func:`run` in a new process, so that the peak memory it reports is that
    of this size's build alone (not, say, the floor of the size before it,
    which holds up to a million quads)."""
    process = multiprocessing.get_context("spawn").Process(target=run, args=(count, jobs))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"the benchmark of {count} documents failed (exit {process.exitcode})")


if __name__ == "__main__":
    main(sys.argv[1:])
