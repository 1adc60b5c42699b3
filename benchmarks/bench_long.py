"""Extraction time on long inputs: one paragraph of growing length, and one document
of a growing number of paragraphs, to show the cost grows linearly.

Run: ``python benchmarks/bench_long.py``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from nonprolif_kg.pipeline import process

ROOT = Path(__file__).resolve().parent.parent


def timed(text: str) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        built = process(path)
        return time.perf_counter() - start, len(built.document.paragraphs), len(built.mentions)


def main() -> None:
    source = (ROOT / "corpus" / "000_5a18f3973b53acff.txt").read_text(encoding="utf-8")
    one_line = source.replace("\n", "")
    print("| input | characters | paragraphs | mentions | seconds |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, unit in (("one paragraph", one_line), ("as paragraphs", source)):
        for copies in (20, 200):
            seconds, paragraphs, mentions = timed(unit * copies)
            print(
                f"| {copies} copies, {label} | {len(unit) * copies:,} | {paragraphs:,} | "
                f"{mentions:,} | {seconds:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
