"""Accuracy on the bundled document against the gold file written by reading it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif_kg.graph import BuiltDocument

from .conftest import load_fixture


def test_every_entity_of_the_gold_file_is_found_and_nothing_else(bundled: BuiltDocument) -> None:
    gold = load_fixture("bundled_gold.json")["paragraphs"]
    found: dict[str, set[str]] = {}
    for mention in bundled.mentions:
        found.setdefault(str(mention.paragraph), set()).add(mention.key)
    missed = {p: sorted(set(keys) - found.get(p, set())) for p, keys in gold.items()}
    spurious = {p: sorted(keys - set(gold.get(p, []))) for p, keys in found.items()}
    missed = {p: k for p, k in missed.items() if k}
    spurious = {p: k for p, k in spurious.items() if k}
    assert (missed, spurious) == ({}, {}), f"missed: {missed}\nspurious: {spurious}"


def test_the_document_names_every_seed_key(bundled: BuiltDocument) -> None:
    from .test_catalogue import SEED_KEYS

    keys = {m.key for m in bundled.mentions}
    resolutions = {f"resolution/unsc-{n}" for n in (1695, 1696, 1718, 1737, 1747)}
    assert keys == set(SEED_KEYS) | resolutions


def test_mentions_slice_their_anchor_text(bundled: BuiltDocument) -> None:
    paragraphs = {p.order: p for p in bundled.document.paragraphs}
    for m in bundled.mentions:
        assert paragraphs[m.paragraph].text[m.begin : m.end] == m.anchor


_LABELS = [
    "伊朗",
    "朝鲜半岛",
    "朝鲜",
    "原子能机构理事会",
    "安理会",
    "第1737号决议",
    "核供应国集团",
    "Nuclear Suppliers Group",
    "IAEA",
    "《不扩散条约》",
    "1540、1695和1718号决议",
    "卡纳纳斯基斯峰会",
    "印度尼西亚",
    "七国和八国集团",
    "合法国家",
    "2010年审议会议",
]
_FILLER = ["我们", "敦促", "。", "，", "和", " ", "the ", "a", "1", "\n", "\u2029"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_LABELS + _FILLER), min_size=1, max_size=40))
def test_offsets_slice_anchors_on_any_text(pieces: list[str]) -> None:
    from pathlib import Path

    from nonprolif_kg.extract import default_extractor
    from nonprolif_kg.model import SourceText
    from nonprolif_kg.normalize import normalize
    from nonprolif_kg.segment import segment

    text = "".join(pieces)
    normalized = normalize(text)
    source = SourceText(path=Path("x.txt"), text=text, encoding="utf-8", sha256="0" * 64)
    document, extraction = default_extractor().run(segment(source, normalized, "zh-Hans"))
    paragraphs = {p.order: p for p in document.paragraphs}
    for m in extraction.mentions:
        assert paragraphs[m.paragraph].text[m.begin : m.end] == m.anchor
        assert m.begin < m.end
    for s in extraction.stances:
        assert paragraphs[s.paragraph].text[s.cue_begin : s.cue_end] == s.cue
    for f in extraction.facts:
        assert 0 <= f.begin < f.end <= len(paragraphs[f.paragraph].text)
