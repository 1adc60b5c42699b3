"""A full build of generated corpora, stage by stage, against the floor.

For each corpus size (default 100 and 1,000 documents) it builds the graph as
``nonprolif-kg build`` does and prints documents, MB, triples, seconds per stage
(process: read, normalise, segment, extract; graph; validate; serialise; summary),
documents/s, MB/s, triples/s and peak memory. The floor is what no build can beat:
reading the corpus and scanning it with the compiled automaton alone, plus
pyoxigraph writing the same triples as N-Quads; the build's time is printed as a
multiple of it. Run: ``python benchmarks/bench_build.py [N ...] [--jobs J]``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from corpus import generate

from nonprolif_kg.export import write_outputs
from nonprolif_kg.extract import default_extractor
from nonprolif_kg.graph import DatasetBuilder
from nonprolif_kg.iri import Minter
from nonprolif_kg.normalize import normalize
from nonprolif_kg.pipeline import collect, process_all
from nonprolif_kg.shapes import load_shapes
from nonprolif_kg.summary_files import write_summary
from nonprolif_kg.validate import validate_quads


def floor(paths: list[Path], quads: list[ox.Quad]) -> float:
    automaton = default_extractor().gazetteer._automaton  # noqa: SLF001 - the floor is its scan
    start = time.perf_counter()
    for path in paths:
        text = normalize(path.read_text(encoding="utf-8")).text
        for _ in automaton.iter(text):
            pass
    ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return time.perf_counter() - start


def run(count: int, jobs: int | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = generate(folder, count)
        paths = collect([folder])
        extractor = default_extractor()
        shapes = load_shapes()
        minter = Minter()
        stages: dict[str, float] = {}

        def timed(name: str, fn):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = fn()
            stages[name] = time.perf_counter() - start
            return result

        built = timed("process", lambda: process_all(paths, jobs))
        keys = sorted({m.key for b in built for m in b.mentions})
        entities = list(extractor.catalogue.entities)
        entities += [extractor.entity(k) for k in keys if k not in extractor.catalogue]
        quads = timed("graph", lambda: DatasetBuilder(minter, entities).quads(built))
        timed("validate", lambda: validate_quads(quads, shapes))
        timed("serialise", lambda: write_outputs(quads, minter, Path(tmp) / "out"))
        timed("summary", lambda: write_summary(quads, Path(tmp) / "out"))
        total = sum(stages.values())
        triples = len({q.triple for q in quads})
        base = floor(paths, quads)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = size / 1e6
    cells = [
        f"{count:,}",
        f"{mb:.1f}",
        f"{triples:,}",
        *(f"{stages[s]:.1f}" for s in ("process", "graph", "validate", "serialise", "summary")),
        f"{total:.1f}",
        f"{count / total:.1f}",
        f"{mb / total:.2f}",
        f"{triples / total:,.0f}",
        f"{peak:,.0f}",
        f"{base:.1f}",
        f"{total / base:.0f}x",
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
        "| documents | MB | triples | process s | graph s | validate s | serialise s | "
        "summary s | total s | docs/s | MB/s | triples/s | peak MB | floor s | vs floor |"
    )
    print("|" + " ---: |" * 15)
    for count in counts:
        run(count, jobs)


if __name__ == "__main__":
    main(sys.argv[1:])
