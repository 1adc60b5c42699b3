"""Stage read: decoding by detection, and refusal of what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from nonprolif_kg.errors import InputError
from nonprolif_kg.read import decode, read_source

SAMPLE = "我们敦促伊朗暂停所有铀浓缩活动。联合国安全理事会第1737号决议。\n"
TRADITIONAL = "我們敦促伊朗暫停所有鈾濃縮活動。聯合國安全理事會第1737號決議。\n"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (("Iran " + SAMPLE).encode("utf-16-le"), "utf-16-le"),
        (("Iran " + SAMPLE).encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
)
def test_decodes_by_detection(data: bytes, codec: str) -> None:
    text, found = decode(data)
    assert found == codec
    assert text.lstrip("\ufeff") in (SAMPLE, "Iran " + SAMPLE, TRADITIONAL)


def test_gb18030_text_is_not_taken_for_big5() -> None:
    long_text = SAMPLE * 20
    assert decode(long_text.encode("gb18030")) == (long_text, "gb18030")


def test_read_source_records_path_codec_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    source = read_source(path)
    assert source.text == SAMPLE
    assert source.encoding == "gb18030"
    assert source.path == path
    assert len(source.sha256) == 64


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n  \n", "holds no text (only white space)"),
        ("　\n".encode(), "holds no text (only white space)"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00", "is binary, not text (it contains NUL bytes)"),
        (bytes(range(1, 32)) * 20, "is binary, not text (it is mostly control characters)"),
        (
            b"\xff\xfe\xfd\x80\x81",
            "is not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5)",
        ),
    ],
)
def test_refuses_what_is_not_text(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: {reason}"
    assert info.value.path == path


def test_refuses_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_source(folder)


def test_random_binary_with_nuls_on_both_sides_is_not_utf16(tmp_path: Path) -> None:
    data = bytes((i * 37 + 11) % 256 for i in range(4096))
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="is binary, not text"):
        read_source(path)
