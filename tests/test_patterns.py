"""Pattern extractors: resolutions, review conferences, events named by venue."""

from __future__ import annotations

import pytest

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.matcher import Gazetteer
from nonprolif_kg.normalize import normalize
from nonprolif_kg.patterns import (
    decision_symbols,
    events_by_venue,
    review_conferences,
    unga_resolutions,
    unsc_resolutions,
    unsc_resolutions_en,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(load_catalogue())


def run(fn, gazetteer: Gazetteer, raw: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    text = normalize(raw).text
    found = fn(text, gazetteer.find(text), load_catalogue())
    return [(text[b:e], key) for b, e, key in found]


def test_a_list_of_resolutions_is_one_resource_each(gazetteer: Gazetteer) -> None:
    assert run(unsc_resolutions, gazetteer, "第 1695、1718、1737 和 1747 号决议") == [
        ("第1695", "resolution/unsc-1695"),
        ("1718", "resolution/unsc-1718"),
        ("1737", "resolution/unsc-1737"),
        ("1747号决议", "resolution/unsc-1747"),
    ]


def test_resolutions_numbered_one_by_one(gazetteer: Gazetteer) -> None:
    assert run(unsc_resolutions, gazetteer, "安理会第1695号和第1718号决议") == [
        ("第1695号", "resolution/unsc-1695"),
        ("第1718号决议", "resolution/unsc-1718"),
    ]


def test_a_resolution_the_catalogue_does_not_list(gazetteer: Gazetteer) -> None:
    assert run(unsc_resolutions, gazetteer, "第2999(2030)号决议") == [
        ("第2999(2030)号决议", "resolution/unsc-2999")
    ]


def test_other_bodies_resolutions_are_not_security_council_ones(gazetteer: Gazetteer) -> None:
    assert run(unsc_resolutions, gazetteer, "大会第50/9号决议") == []
    assert run(unsc_resolutions, gazetteer, "安理会决议") == []


def test_review_conferences_by_year_ordinal_and_context(gazetteer: Gazetteer) -> None:
    assert run(
        review_conferences,
        gazetteer,
        "《不扩散条约》的审议已随2010年审议会议筹备委员会第一次会议开始",
    ) == [
        ("2010年审议会议", "event/npt-revcon-2010"),
        ("2010年审议会议筹备委员会第一次会议", "event/npt-prepcom-2007"),
    ]
    assert run(
        review_conferences, gazetteer, "欢迎2006年《生物与毒素武器公约》第六次审议会议的成果"
    ) == [("2006年《生物与毒素武器公约》第六次审议会议", "event/bwc-revcon-2006")]
    assert run(review_conferences, gazetteer, "《化学武器公约》…在第二次审议会议上") == [
        ("第二次审议会议", "event/cwc-revcon-2008")
    ]


def test_a_review_conference_without_a_treaty_is_not_guessed(gazetteer: Gazetteer) -> None:
    assert run(review_conferences, gazetteer, "2010年审议会议") == []


def test_events_named_by_venue(gazetteer: Gazetteer) -> None:
    assert run(events_by_venue, gazetteer, "在卡纳纳斯基斯峰会上") == [
        ("卡纳纳斯基斯峰会", "event/g8-summit-2002")
    ]
    assert run(events_by_venue, gazetteer, "我们重申在格伦伊格尔斯作出的承诺") == [
        ("格伦伊格尔斯", "event/g8-summit-2005")
    ]
    assert run(events_by_venue, gazetteer, "2006年10月30日和31日在拉巴特该倡议会议上") == [
        ("拉巴特该倡议会议", "event/gicnt-meeting-2006")
    ]


def test_a_venue_with_another_year_is_not_that_event(gazetteer: Gazetteer) -> None:
    assert run(events_by_venue, gazetteer, "2010年在拉巴特举行的会议") == []
    assert run(events_by_venue, gazetteer, "日内瓦裁军谈判会议") == []
    assert run(events_by_venue, gazetteer, "卡纳纳斯基斯的目标") == []


def test_decisions_by_symbol_in_either_language(gazetteer: Gazetteer) -> None:
    text = "See S/PRST/2006/15, A/RES/50/9, GOV/2006/14 and GC(51)/RES/11; 见GOV/2003/69号决议。"
    assert run(decision_symbols, gazetteer, text) == [
        ("S/PRST/2006/15", "resolution/unsc-prst-2006-15"),
        ("A/RES/50/9", "resolution/unga-50-9"),
        ("GOV/2006/14", "resolution/iaea-gov-2006-14"),
        ("GOV/2003/69", "resolution/iaea-gov-2003-69"),
        ("GC(51)/RES/11", "resolution/iaea-gc-51-11"),
    ]


def test_symbols_that_are_not_decisions_are_left_alone(gazetteer: Gazetteer) -> None:
    for text in ("GOV/INF/2006/1", "CD/1819", "S/RES/1540 (2004)", "XA/RES/50/9", "GOV/2006/0"):
        assert run(decision_symbols, gazetteer, text) == [], text


def test_general_assembly_resolutions_by_session_and_number(gazetteer: Gazetteer) -> None:
    assert run(
        unga_resolutions, gazetteer, "We recall General Assembly resolutions 50/9 and 51/45."
    ) == [
        ("resolutions 50/9", "resolution/unga-50-9"),
        ("51/45", "resolution/unga-51-45"),
    ]
    assert run(
        unga_resolutions, gazetteer, "重申大会第50/9号和第51/45号决议以及联大第61/82号决议"
    ) == [
        ("第50/9号", "resolution/unga-50-9"),
        ("第51/45号决议", "resolution/unga-51-45"),
        ("第61/82号决议", "resolution/unga-61-82"),
    ]
    assert run(unga_resolutions, gazetteer, "大會第50/9號決議") == [
        ("第50/9號決議", "resolution/unga-50-9")
    ]


def test_a_slashed_number_without_the_assembly_is_not_claimed(gazetteer: Gazetteer) -> None:
    text = "Human Rights Council resolution 7/36 and resolution 50/9"
    assert run(unga_resolutions, gazetteer, text) == []
    assert run(unsc_resolutions_en, gazetteer, text) == []
