"""Accuracy on the bundled document against the gold file written by reading it."""

from __future__ import annotations

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
