"""Regenerate the bundled CJK font subset used to draw Chinese labels in figures.

The figures label entities with their catalogue labels, so a font that covers the
characters of every Chinese label in the catalogue (Simplified and Traditional)
renders them all. This script subsets WenQuanYi Micro Hei (Apache-2.0), which
Debian ships as fonts-wqy-microhei, to those characters and ASCII:

    apt-get install fonts-wqy-microhei
    .venv/bin/python scripts/subset_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

Run it again after adding labels with new characters to the catalogue; a test
fails while a catalogue label has a character the subset lacks.

With ``--tests`` it writes the font the test suite embeds in the PDFs it makes
(``tests/fixtures/fonts/wqy-microhei-tests.ttf``): the characters of the
bundled corpus, the test texts and the catalogue's labels, ASCII and the punctuation of UN
documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.resources import package_dir

TARGET = package_dir() / "data" / "fonts" / "wqy-microhei-subset.ttf"
ROOT = Path(__file__).resolve().parent.parent
TEST_TARGET = ROOT / "tests" / "fixtures" / "fonts" / "wqy-microhei-tests.ttf"


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


def test_characters() -> str:
    """The characters of the bundled corpus, the test texts and the catalogue,
    and punctuation."""
    chars = set(characters())
    texts = [*(ROOT / "corpus").glob("*.txt"), *(ROOT / "tests" / "fixtures").glob("*.txt")]
    for path in sorted(texts):
        chars.update(path.read_text(encoding="utf-8"))
    chars.update("•−–—‘’“”…　，。：；！？（）《》、·")
    return "".join(sorted(ch for ch in chars if ch.isprintable()))


def main(source: str, target: Path = TARGET, text: str | None = None) -> None:
    text = text if text is not None else characters()
    collection = TTCollection(source)
    font = collection.fonts[0]
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    print(f"{target}: {target.stat().st_size} bytes, {len(text)} characters")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--tests"]
    font_file = args[0] if args else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    if "--tests" in sys.argv[1:]:
        main(font_file, TEST_TARGET, test_characters())
    else:
        main(font_file)
