"""Validation time per 1,000 paragraphs, with each SHACL engine.

Builds a generated corpus from the bundled document (its paragraphs shuffled into
new documents) of N documents, then validates the dataset part by part with each
engine and prints a table. Run with ``make bench``; pass document counts as
arguments (default: 10 40).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from corpus import generate

from nonprolif_kg.extract import default_extractor
from nonprolif_kg.graph import DatasetBuilder
from nonprolif_kg.iri import Minter
from nonprolif_kg.pipeline import collect, process
from nonprolif_kg.shapes import load_shapes
from nonprolif_kg.validate import available_engine, validate_quads


def main(counts: list[int]) -> None:
    shapes = load_shapes()
    engines = ["pyshacl"]
    if available_engine("auto") == "turbo":
        engines.insert(0, "turbo")
    extractor = default_extractor()
    print("| documents | paragraphs | quads | engine | seconds | s per 1,000 paragraphs |")
    print("| ---: | ---: | ---: | --- | ---: | ---: |")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), count)
            built = [process(p, extractor) for p in collect([Path(tmp)])]
        keys = sorted({m.key for b in built for m in b.mentions})
        entities = list(extractor.catalogue.entities)
        entities += [extractor.entity(k) for k in keys if k not in extractor.catalogue]
        quads = DatasetBuilder(Minter(), entities).quads(built)
        paragraphs = sum(len(b.document.paragraphs) for b in built)
        for engine in engines:
            start = time.perf_counter()
            report = validate_quads(quads, shapes, engine)
            seconds = time.perf_counter() - start
            assert report.conforms, "the generated corpus should conform"
            per_k = seconds / paragraphs * 1000
            print(
                f"| {count} | {paragraphs} | {len(quads)} | {report.engine} | "
                f"{seconds:.2f} | {per_k:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 40])
