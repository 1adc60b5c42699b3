"""Regenerate the bundled CJK font subset used to draw Chinese labels in figures.

The figures label entities with their catalogue labels, so a font that covers the
characters of every Chinese label in the catalogue (Simplified and Traditional)
renders them all. This script subsets WenQuanYi Micro Hei (Apache-2.0), which
Debian ships as fonts-wqy-microhei, to those characters and ASCII:

    apt-get install fonts-wqy-microhei
    .venv/bin/python scripts/subset_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

Run it again after adding labels with new characters to the catalogue; a test
fails while a catalogue label has a character the subset lacks.
"""

from __future__ import annotations

import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.resources import package_dir

TARGET = package_dir() / "data" / "fonts" / "wqy-microhei-subset.ttf"


def characters() -> str:
    """Every character of the catalogue's Chinese labels, plus printable ASCII."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for entity in load_catalogue().entities:
        for lang, text in entity.labels:
            if lang.startswith("zh"):
                chars.update(text)
        for alias in entity.aliases:
            if alias.lang.startswith("zh"):
                chars.update(alias.text)
    chars.update("，。、：；（）《》“”—…·")
    return "".join(sorted(chars))


def main(source: str) -> None:
    collection = TTCollection(source)
    font = collection.fonts[0]
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"{TARGET}: {TARGET.stat().st_size} bytes, {len(characters())} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
