"""The catalogue: generated states, curated entries, checks on load."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nonprolif_kg.catalogue import (
    LANGS,
    UN_LANGS,
    decision_body,
    load_catalogue,
    resolution_entity,
)
from nonprolif_kg.errors import DataError
from nonprolif_kg.model import EntityType
from nonprolif_kg.resources import catalogue_dir

# Every key of ../shared/keys-seed.md: the entities the bundled document names.
SEED_KEYS = """
state/DEU state/RUS state/USA state/JPN state/GBR state/IRN state/PRK state/IND state/UKR
state/ARM org/un org/unsc org/unog org/cd org/g8 org/g7 org/nssg org/iaea org/iaea-board
org/iaea-iec org/nsg org/eu org/ebrd org/oecd-nea org/1540-committee treaty/npt treaty/cwc
treaty/bwc treaty/fmct treaty/csa treaty/additional-protocol treaty/icsant treaty/cppnm
treaty/hcoc treaty/cns treaty/joint-convention treaty/code-of-conduct-radioactive-sources
treaty/import-export-guidance treaty/iaea-safety-standards treaty/six-party-joint-statement-2005
treaty/six-party-initial-actions-2007 treaty/gicnt-statement-of-principles resolution/unsc-1540
initiative/psi initiative/global-partnership initiative/gicnt initiative/gnep
initiative/six-party-talks initiative/russia-fuel-cycle-centres initiative/six-country-concept
initiative/japan-standby-arrangements initiative/enrichment-bond initiative/mesp initiative/irrs
initiative/gnsn event/g8-summit-2007 event/g8-summit-2002 event/g8-summit-2005
event/g8-summit-2006 event/npt-revcon-2010 event/npt-prepcom-2007 event/cwc-revcon-2008
event/bwc-revcon-2006 event/bwc-revcon-2011 event/gicnt-meeting-2006
event/iaea-special-event-2006 place/heiligendamm place/geneva place/kananaskis place/gleneagles
place/st-petersburg place/rabat place/chernobyl place/metsamor place/korean-peninsula
""".split()

BEYOND = """
treaty/ctbt treaty/tpnw treaty/geneva-protocol org/opcw org/ctbto org/zangger-committee org/mtcr
org/wassenaar-arrangement org/australia-group org/p5 org/nato org/au treaty/tlatelolco
treaty/rarotonga treaty/bangkok treaty/pelindaba treaty/semipalatinsk treaty/new-start
""".split()


def test_every_seed_key_and_the_common_ones_beyond_are_there() -> None:
    catalogue = load_catalogue()
    missing = [k for k in SEED_KEYS + BEYOND if k not in catalogue]
    assert missing == []


def test_193_members_and_two_observers_are_states() -> None:
    states = list(load_catalogue().of_type(EntityType.STATE))
    assert len(states) == 195
    assert all(re.fullmatch(r"state/[A-Z]{3}", s.key) for s in states)
    keys = {s.key for s in states}
    assert {"state/VAT", "state/PSE", "state/SSD", "state/PRK"} <= keys
    assert not {"state/HKG", "state/TWN", "state/ATA", "state/ESH"} & keys


def test_other_iso_territories_are_places() -> None:
    catalogue = load_catalogue()
    hong_kong = catalogue.get("place/hong-kong")
    assert hong_kong is not None and hong_kong.type is EntityType.PLACE
    assert dict(hong_kong.ids)["iso3166-alpha3"] == "HKG"
    assert catalogue.get("place/antarctica") is not None


def test_every_entity_is_labelled_in_english_and_both_chinese_scripts() -> None:
    for entity in load_catalogue().entities:
        labels = dict(entity.labels)
        assert all(labels.get(lang) for lang in LANGS), entity.key


def test_states_are_named_in_the_six_un_languages() -> None:
    for state in load_catalogue().of_type(EntityType.STATE):
        labels = dict(state.labels)
        assert all(labels.get(lang) for lang in UN_LANGS), state.key


def test_curated_short_forms_of_states() -> None:
    catalogue = load_catalogue()

    def names(key: str) -> set[str]:
        entity = catalogue.get(key)
        assert entity is not None
        return {t for _, t in entity.labels} | {a.text for a in entity.aliases}

    assert {"联合王国", "英国"} <= names("state/GBR")
    assert {"俄罗斯联邦", "俄罗斯"} <= names("state/RUS")
    assert {"朝鲜", "朝鮮", "Democratic People's Republic of Korea"} <= names("state/PRK")
    assert {"伊朗", "Iran (Islamic Republic of)"} <= names("state/IRN")


def test_traditional_labels_come_from_opencc_for_curated_entries() -> None:
    iaea = load_catalogue().get("org/iaea")
    assert iaea is not None
    assert dict(iaea.labels)["zh-Hant"] == "國際原子能機構"


def test_background_facts() -> None:
    catalogue = load_catalogue()
    res = catalogue.get("resolution/unsc-1737")
    assert res is not None
    assert res.fact("year") == 2006 and res.fact("subject") == "state/IRN"
    assert res.label("en") == "Security Council resolution 1737 (2006)"
    summit = catalogue.get("event/g8-summit-2007")
    assert summit is not None and summit.fact("venue") == "place/heiligendamm"


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(catalogue_dir(), target)
    return target


def test_malformed_lines_are_all_reported_with_file_and_line(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    path = folder / "places.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "{not json"
    lines[3] = '{"key": "place/x", "labels": {"en": "X"}}'
    lines[4] = '{"key": "planet/mars", "labels": {"en": "Mars", "zh-Hans": "火星"}}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalogue(folder)
    message = str(info.value)
    assert "3 problems" in message
    assert f"{path}:2: not valid JSON" in message
    assert f"{path}:4: place/x: 'labels' lacks 'zh-Hans'" in message
    assert f"{path}:5: key 'planet/mars' does not start with a known type" in message


def test_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    extra = '{"key": "org/iaea", "labels": {"en": "IAEA", "zh-Hans": "原子能机构"}}\n'
    with (folder / "places.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    with pytest.raises(DataError, match="key 'org/iaea' is defined twice"):
        load_catalogue(folder)


def test_a_fact_naming_an_unknown_key_is_refused(tmp_path: Path) -> None:
    folder = copy_catalogue(tmp_path)
    extra = (
        '{"key": "place/nowhere", "labels": {"en": "Nowhere", "zh-Hans": "无处"},'
        ' "facts": {"country": "state/XXX"}}\n'
    )
    with (folder / "places.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    with pytest.raises(DataError, match="place/nowhere: fact 'country' names unknown key"):
        load_catalogue(folder)


@pytest.mark.parametrize(
    ("key", "label_en", "label_zh", "symbol", "adopted_by", "year"),
    [
        (
            "resolution/unsc-1540",
            "Security Council resolution 1540",
            "安全理事会第1540号决议",
            "S/RES/1540",
            "org/unsc",
            None,
        ),
        (
            "resolution/unsc-prst-2006-15",
            "Statement by the President of the Security Council S/PRST/2006/15",
            "安全理事会主席声明S/PRST/2006/15",
            "S/PRST/2006/15",
            "org/unsc",
            2006,
        ),
        (
            "resolution/unga-50-9",
            "General Assembly resolution 50/9",
            "大会第50/9号决议",
            "A/RES/50/9",
            "org/unga",
            None,
        ),
        (
            "resolution/iaea-gov-2006-14",
            "IAEA Board of Governors resolution GOV/2006/14",
            "国际原子能机构理事会决议GOV/2006/14",
            None,
            "org/iaea-board",
            2006,
        ),
        (
            "resolution/iaea-gc-51-11",
            "IAEA General Conference resolution GC(51)/RES/11",
            "国际原子能机构大会决议GC(51)/RES/11",
            None,
            "org/iaea",
            None,
        ),
    ],
)
def test_decision_entities_are_made_from_their_keys(
    key: str, label_en: str, label_zh: str, symbol: str | None, adopted_by: str, year: int | None
) -> None:
    entity = resolution_entity(key)
    labels = dict(entity.labels)
    facts = dict(entity.facts)
    assert (labels["en"], labels["zh-Hans"]) == (label_en, label_zh)
    assert dict(entity.ids).get("un-symbol") == symbol
    assert facts["adoptedBy"] == adopted_by
    assert facts.get("year") == year
    assert adopted_by in load_catalogue()


def test_a_key_of_no_known_decision_form_is_refused() -> None:
    with pytest.raises(ValueError, match="unsc-prst-YYYY-N"):
        resolution_entity("resolution/unga-50")


def test_the_body_of_a_decision_comes_from_its_key() -> None:
    assert [
        decision_body(k)
        for k in (
            "resolution/unsc-1540",
            "resolution/unsc-prst-2006-15",
            "resolution/unga-50-9",
            "resolution/iaea-gov-2006-14",
            "resolution/iaea-gc-51-11",
            "treaty/npt",
        )
    ] == ["org/unsc", "org/unsc", "org/unga", "org/iaea-board", "org/iaea", None]
