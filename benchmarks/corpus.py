"""A generated corpus for the benchmarks: the bundled document's paragraphs, shuffled.

Each document keeps the bundled document's header and takes its wrapped lines in a
shuffled order, so that every document differs but reads like the original.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(folder: Path, documents: int, seed: int = 7) -> int:
    """Write ``documents`` files into ``folder``; return their total size in bytes."""
    source = (ROOT / "corpus" / "000_5a18f3973b53acff.txt").read_text(encoding="utf-8")
    head, body = source.split(" 1.  ", 1)
    blocks = (" 1.  " + body).split("\n\n")
    rng = random.Random(seed)
    size = 0
    for i in range(documents):
        rng.shuffle(blocks)
        data = (head + "\n\n".join(blocks)).encode("utf-8")
        (folder / f"doc-{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size
