"""The gazetteer: leftmost-longest matching, word edges, stop phrases, context."""

from __future__ import annotations

import pytest

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.matcher import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(load_catalogue())


def keys(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.key for m in gazetteer.find(text)]


def test_the_longer_reading_wins(gazetteer: Gazetteer) -> None:
    assert keys(gazetteer, "关于朝鲜半岛，我们谴责朝鲜的核试验") == [
        "place/korean-peninsula",
        "state/PRK",
    ]
    assert keys(gazetteer, "印度尼西亚和印度") == ["state/IDN", "state/IND"]
    assert keys(gazetteer, "联合国安全理事会和联合国") == ["org/unsc", "org/un"]
    assert keys(gazetteer, "原子能机构理事会") == ["org/iaea-board"]


def test_spans_slice_the_text(gazetteer: Gazetteer) -> None:
    text = "我们敦促伊朗暂停所有铀浓缩活动"
    (match,) = gazetteer.find(text)
    assert (match.begin, match.end, text[match.begin : match.end]) == (4, 6, "伊朗")


def test_latin_labels_match_whole_words_only(gazetteer: Gazetteer) -> None:
    assert keys(gazetteer, "Niger and Nigeria") == ["state/NER", "state/NGA"]
    assert keys(gazetteer, "the IAEAS and IAEA") == ["org/iaea"]
    assert keys(gazetteer, "Papua New Guinea") == ["state/PNG"]


def test_stop_phrases_block_a_label_inside_them(gazetteer: Gazetteer) -> None:
    assert keys(gazetteer, "所有合法国家和法国") == ["state/FRA"]


def test_context_aliases_need_their_context(gazetteer: Gazetteer) -> None:
    assert keys(gazetteer, "七国和八国集团峰会") == ["org/g7", "org/g8"]
    assert keys(gazetteer, "七国代表") == []
    assert keys(gazetteer, "原子能机构的安全标准") == ["org/iaea", "treaty/iaea-safety-standards"]
    assert keys(gazetteer, "核安全标准") == []
    assert keys(gazetteer, "原子能机构…很远很远很远的安全标准") == ["org/iaea"]


def test_traditional_chinese_labels_match(gazetteer: Gazetteer) -> None:
    assert keys(gazetteer, "國際原子能機構和北韓") == ["org/iaea", "state/PRK"]
    assert keys(gazetteer, "朝鮮半島") == ["place/korean-peninsula"]
