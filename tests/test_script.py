"""Either Chinese script, or a mix: the same entities, stances and facts."""

from __future__ import annotations

from pathlib import Path

import opencc

from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.pipeline import process
from nonprolif_kg.script import simplified_view

from .conftest import BUNDLED


def test_the_view_keeps_every_offset() -> None:
    text = "國際原子能機構和北韓，2007年。"
    view = simplified_view(text)
    assert len(view) == len(text)
    assert view == "国际原子能机构和北韩，2007年。"


def test_a_traditional_twin_gives_what_the_simplified_document_gives(
    bundled: BuiltDocument, tmp_path: Path
) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_text(
        opencc.OpenCC("s2t").convert(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8"
    )
    traditional = process(twin)
    assert traditional.document.lang == "zh-Hant"

    def keys(b: BuiltDocument) -> set[tuple[int, str]]:
        return {(m.paragraph, m.key) for m in b.mentions}

    def stances(b: BuiltDocument) -> set[tuple[object, ...]]:
        return {
            (s.paragraph, s.stance_type, s.actor, s.addressees, s.topics, s.polarity)
            for s in b.extraction.stances
        }

    def facts(b: BuiltDocument) -> set[tuple[object, ...]]:
        return {(f.paragraph, f.subject, f.predicate, f.obj, f.when) for f in b.extraction.facts}

    assert keys(traditional) == keys(bundled)
    assert stances(traditional) == stances(bundled)
    assert facts(traditional) == facts(bundled)
    anchors = {m.anchor for m in traditional.mentions}
    assert "化學武器公約" in anchors and "化学武器公约" not in anchors


def test_mixed_script_text_matches(tmp_path: Path) -> None:
    doc = tmp_path / "mixed.txt"
    doc.write_text(
        "八國集團敦促伊朗與國際原子能機構充分合作，并遵守安理會第1737号決議。\n", encoding="utf-8"
    )
    built = process(doc)
    assert {m.key for m in built.mentions} >= {
        "state/IRN",
        "org/iaea",
        "org/unsc",
        "resolution/unsc-1737",
    }
    (urge,) = [s for s in built.extraction.stances if s.stance_type == "urge"]
    assert urge.addressees == ("state/IRN",) and urge.actor == "org/g8"
