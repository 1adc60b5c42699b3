"""A generated corpus for the benchmarks: the bundled document's paragraphs,
shuffled, with the names of states, places and treaties swapped.

Each document keeps the bundled document's header and takes its paragraphs in a
shuffled order, so that every document differs but reads like the original.
Every state, place and treaty the bundled document names by its Chinese label is
then renamed, document by document, to another catalogue entity of the same
kind (a state to a state), so that the corpus names the whole catalogue and
the extractor and the graph have as much work as in real documents, not one
document's entities over and over.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.model import EntityType

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "000_5a18f3973b53acff.txt"

#: The kinds of entity whose names are swapped.
SWAPPED = (EntityType.STATE, EntityType.PLACE, EntityType.TREATY)


def _labels() -> dict[EntityType, list[str]]:
    """The Chinese (simplified) labels of the catalogue's entities of each swapped kind."""
    labels: dict[EntityType, list[str]] = {kind: [] for kind in SWAPPED}
    for entity in load_catalogue().entities:
        label = entity.label("zh-Hans")
        if entity.type in labels and label:
            labels[entity.type].append(label)
    return {kind: sorted(set(names)) for kind, names in labels.items()}


def generate(folder: Path, documents: int, seed: int = 7) -> int:
    """Write ``documents`` files into ``folder``; return their total size in bytes."""
    source = SOURCE.read_text(encoding="utf-8")
    head, body = source.split(" 1.  ", 1)
    blocks = (" 1.  " + body).split("\n\n")
    labels = _labels()
    kind_of = {name: kind for kind, names in labels.items() for name in names if name in body}
    # Longest first, so that a name inside a longer one (朝鲜 in 朝鲜半岛) is not cut.
    named = re.compile("|".join(map(re.escape, sorted(kind_of, key=lambda n: (-len(n), n)))))
    rng = random.Random(seed)
    size = 0
    for i in range(documents):
        rng.shuffle(blocks)
        swap = {name: rng.choice(labels[kind]) for name, kind in sorted(kind_of.items())}
        text = named.sub(lambda m, swap=swap: swap[m.group(0)], "\n\n".join(blocks))
        data = (head + text).encode("utf-8")
        (folder / f"doc-{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size
