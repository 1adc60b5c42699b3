"""Stage normalize: unwrapping, folding, and the offset map back to the source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nonprolif_kg.normalize import BLOCK_SEPARATOR, normalize

from .conftest import BUNDLED

WRAPPED = (
    " 德国常驻日内瓦裁军谈判会议代表团向联合国日内瓦办事处致意，谨转交 2007\n\n"
    "年 6 月 7 日和 8 日在德国海利根达姆举行的八国集团峰会的两份声明：  \n\n"
    "− 关于不扩散问题的海利根达姆声明  \n\n"
    "− 核安全与保障小组的报告  \n\n"
)


def blocks(text: str) -> list[str]:
    return normalize(text).text.split(BLOCK_SEPARATOR)


def test_digits_and_cjk_close_up() -> None:
    assert normalize("2007 年 6 月 11 日").text == "2007年6月11日"
    assert normalize("第 1695、1718、1737 和 1747 号决议").text == "第1695、1718、1737和1747号决议"
    assert normalize("小组 (核安保小组 )。").text == "小组(核安保小组)。"


def test_full_width_letters_digits_and_spaces_fold() -> None:
    assert normalize("ＩＡＥＡ　２００７年").text == "IAEA 2007年"


def test_latin_words_keep_one_space() -> None:
    assert normalize("the  Nuclear\tSuppliers   Group").text == "the Nuclear Suppliers Group"


def test_hard_wrapped_cjk_lines_join_without_space() -> None:
    assert blocks(WRAPPED * 3)[:3] == [
        "德国常驻日内瓦裁军谈判会议代表团向联合国日内瓦办事处致意，谨转交2007年6月7日和8日"
        "在德国海利根达姆举行的八国集团峰会的两份声明：",
        "− 关于不扩散问题的海利根达姆声明",
        "− 核安全与保障小组的报告",
    ]


def test_bundled_document_unwraps_into_55_blocks() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    result = normalize(text)
    assert len(result.text.split(BLOCK_SEPARATOR)) == 55
    assert "\n" not in result.text


def test_a_page_break_inside_a_word_is_mended() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert "我们现在期待着原子能机构总干事本月下旬" in normalize(text).text


def test_a_text_that_is_not_hard_wrapped_keeps_its_lines() -> None:
    assert blocks("第一段。\n第二段很长很长。\n短\n") == ["第一段。", "第二段很长很长。", "短"]


def test_paragraph_separator_always_breaks() -> None:
    assert blocks("甲\u2029乙") == ["甲", "乙"]


def test_offsets_point_at_the_source_characters() -> None:
    source = " 2007 年 6 月\n\n德国"
    result = normalize(source)
    assert result.text == "2007年6月\u2029德国"
    for i, ch in enumerate(result.text):
        if ch != BLOCK_SEPARATOR:
            assert source[result.offsets[i]] == ch
    assert result.source_span(0, 5) == (1, 7)


_PIECES = list(
    "德国伊朗朝鲜半岛。，：；《》“”() 1234567890abcXYZ.-•−　\t\n\n\n\u2029\u2028\x00\u200b"
)
_PIECES += ["ＡＢＣ", "２００７", " 年 ", "  1.  ", "我们重申支持不扩散核武器条约的目标和义务" * 2]
text_strategy = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join) | st.text(
    max_size=200
)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    assert normalize(once.text).text == once.text


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_offsets_are_increasing_and_inside_the_source(text: str) -> None:
    result = normalize(text)
    assert len(result.offsets) == len(result.text) + 1
    inner = result.offsets[:-1]
    assert list(inner) == sorted(inner)
    assert all(0 <= o < len(text) for o in inner)
    for i, ch in enumerate(result.text):
        if ch not in (" ", BLOCK_SEPARATOR):
            original = text[result.offsets[i]]
            assert original == ch or ch in normalize(original).text  # ligatures: one to two


def test_curly_apostrophes_between_latin_letters_become_straight() -> None:
    source = "the Democratic People\u2019s Republic and C\u00f4te d\u2019Ivoire"
    result = normalize(source)
    assert result.text == "the Democratic People's Republic and C\u00f4te d'Ivoire"
    assert result.offsets[result.text.index("'")] == source.index("\u2019")  # one for one


def test_quotation_marks_and_chinese_quotes_are_kept() -> None:
    assert normalize("\u2018quoted\u2019 words").text == "\u2018quoted\u2019 words"
    assert normalize("他说\u201c\u2018好\u2019\u201d").text == "他说\u201c\u2018好\u2019\u201d"


def test_a_number_split_by_a_wrap_in_chinese_text_is_joined() -> None:
    from nonprolif_kg.normalize import normalize

    assert normalize("伙伴关系自20\n02年发起以来", wraps=True).text == "伙伴关系自2002年发起以来"
    assert normalize("We met in 20\n02 and again.", wraps=True).text == "We met in 20 02 and again."


def _fold_one_by_one(source: str) -> tuple[list[str], list[int]]:
    """The folding of one line character by character, every one through the
    rules (:func:`~nonprolif_kg.normalize._fold_at`), against which the
    folding by runs is checked."""
    from nonprolif_kg import normalize as n

    out: list[str] = []
    offsets: list[int] = []
    pending: int | None = None
    for i in range(len(source)):
        pending = n._fold_at(source, i, len(source), pending, out, offsets)
    return out, offsets


_FOLDED = st.characters(codec="utf-8") | st.sampled_from(
    list(" \t\u3000\u00a0\u00ad\u200b\x07\ufb01\uff21\uff10\u2019\u2018\u02bcab中文。-1")
)


@settings(max_examples=500, deadline=None)
@given(st.text(_FOLDED, max_size=60))
def test_folding_by_runs_is_folding_one_character_at_a_time(source: str) -> None:
    from nonprolif_kg.normalize import _fold_into

    out: list[str] = []
    offsets: list[int] = []
    _fold_into(source, 0, len(source), out, offsets)
    assert (out, offsets) == _fold_one_by_one(source)
