"""Stances and facts of the bundled document against the gold written by reading it,
and the pieces they rest on: back-references, relative dates, the cue lexicon."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from nonprolif_kg.errors import DataError
from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.lexicon import lexicon_dir, load_lexicon
from nonprolif_kg.pipeline import process
from nonprolif_kg.temporal import relative_dates

from .conftest import load_fixture

GOLD = load_fixture("bundled_gold.json")


def stance_rows(items: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {
        (
            s["paragraph"],
            s["type"],
            s["actor"],
            frozenset(s["addressees"]),  # type: ignore[arg-type]
            frozenset(s["topics"]),
            s["polarity"],
        )  # type: ignore[arg-type]
        for s in items
    }


def test_stances_match_the_gold(bundled: BuiltDocument) -> None:
    gold = stance_rows(GOLD["stances"])
    found = {
        (
            s.paragraph,
            s.stance_type,
            s.actor,
            frozenset(s.addressees),
            frozenset(s.topics),
            s.polarity,
        )
        for s in bundled.extraction.stances
    }
    missed, spurious = sorted(gold - found, key=str), sorted(found - gold, key=str)
    assert (missed, spurious) == ([], []), f"missed: {missed}\nspurious: {spurious}"
    assert len(bundled.extraction.stances) == len(GOLD["stances"])


def test_facts_match_the_gold(bundled: BuiltDocument) -> None:
    gold = {
        (
            f["paragraph"],
            f["subject"],
            f["predicate"],
            f["object"],
            f.get("when"),
            f.get("whenText"),
        )
        for f in GOLD["facts"]
    }
    found = {
        (f.paragraph, f.subject, f.predicate, f.obj, f.when, f.when_text)
        for f in bundled.extraction.facts
    }
    missed, spurious = sorted(gold - found, key=str), sorted(found - gold, key=str)
    assert (missed, spurious) == ([], []), f"missed: {missed}\nspurious: {spurious}"


def test_iran_is_said_not_to_comply_with_three_resolutions(bundled: BuiltDocument) -> None:
    (stance,) = [s for s in bundled.extraction.stances if s.stance_type == "comply"]
    assert stance.actor == "state/IRN" and stance.polarity is False
    assert set(stance.topics) == {f"resolution/unsc-{n}" for n in (1696, 1737, 1747)}
    assert stance.cue == "不履行"


def test_we_is_the_author_of_each_section(bundled: BuiltDocument) -> None:
    authors = [s.author for s in bundled.document.sections]
    assert authors == ["state/DEU", "org/g8", "org/g8"]


def test_back_references_resolve_to_the_instrument_last_named(bundled: BuiltDocument) -> None:
    refs = {
        (m.paragraph, m.anchor, m.key) for m in bundled.mentions if m.rule == "back-reference-zh/1"
    }
    assert (24, "《公约》", "treaty/cwc") in refs
    assert (25, "《公约》", "treaty/bwc") in refs
    assert (17, "《条约》", "treaty/npt") in refs
    assert (26, "《行为守则》", "treaty/hcoc") in refs
    assert (51, "《导则》", "treaty/import-export-guidance") in refs
    assert (51, "这一行为准则", "treaty/code-of-conduct-radioactive-sources") in refs
    assert (14, "伙伴关系", "initiative/global-partnership") in refs
    assert (23, "这一倡议", "initiative/gicnt") in refs
    # 伙伴关系 with no partnership named before it in the paragraph stays unresolved
    assert not [r for r in refs if r[0] == 22]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五年前", "2002"),
        ("去年", "2006"),
        ("去年九月", "2006-09"),
        ("今年", "2007"),
        ("本月", "2007-06"),
        ("3年前", "2004"),
        ("明年", "2008"),
    ],
)
def test_relative_dates_resolve_against_the_document_date(text: str, value: str) -> None:
    (found,) = relative_dates(f"在{text}发起", dt.date(2007, 6, 11))
    assert (found.text, found.value) == (text, value)
    assert (found.begin, found.end) == (1, 1 + len(text))


def test_spelling_variants_are_one_entity(bundled: BuiltDocument) -> None:
    anchors = {m.anchor: m.key for m in bundled.mentions}
    assert anchors["卡那那斯基"] == anchors["卡纳纳斯基斯"] == "place/kananaskis"
    assert anchors["圣比得堡"] == anchors["圣彼得堡"] == "place/st-petersburg"


def test_the_lexicon_is_checked_on_load(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), folder)
    path = folder / "stances.zh.tsv"
    text = path.read_text(encoding="utf-8")
    text += "催促\tpester\t1\taddressee\n敦促\turge\t1\taddressee\n劝告\tadvise\t2\tboth\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_lexicon(folder)
    message = str(info.value)
    lines = len(text.splitlines())
    assert f"{path}:{lines - 2}: unknown stance type 'pester'" in message
    assert f"{path}:{lines - 1}: cue '敦促' is listed twice" in message
    assert f"{path}:{lines}: polarity must be 1 or 0, not '2'" in message
    assert f"{path}:{lines}: takes must be addressee or topic, not 'both'" in message


def test_the_lexicon_has_chinese_and_english_cues() -> None:
    lexicon = load_lexicon()
    assert {c.text for c in lexicon.for_lang("zh-Hans")} >= {"重申", "敦促", "深感遗憾", "不履行"}
    assert {c.text for c in lexicon.for_lang("en")} >= {"reaffirms", "urges", "calls upon"}


@pytest.mark.parametrize(
    ("text", "adopted"),
    [
        (
            "1. 安理会第1540号决议、S/PRST/2006/15和GOV/2006/14。",
            {"resolution/unsc-1540", "resolution/unsc-prst-2006-15"},
        ),
        (
            "1. We recall Security Council resolutions 1540 (2004) and 1718 (2006) and A/RES/50/9.",
            {"resolution/unsc-1540", "resolution/unsc-1718"},
        ),
    ],
)
def test_the_council_adopts_only_its_own_decisions_in_a_list(
    tmp_path: Path, text: str, adopted: set[str]
) -> None:
    source = tmp_path / "decisions.txt"
    source.write_text(f"Statement\n\n{text}\n", encoding="utf-8")
    facts = process(source).extraction.facts
    assert {f.subject for f in facts if f.predicate == "adoptedBy"} == adopted
    assert {f.obj for f in facts if f.predicate == "adoptedBy"} == {"org/unsc"}
