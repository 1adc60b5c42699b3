"""nonprolif-kg eval: precision, recall and F1 per language against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
from click.testing import CliRunner

from nonprolif_kg.cli import main
from nonprolif_kg.evaluate import evaluate

from .conftest import BUNDLED, FIXTURES

GOLD = FIXTURES / "bundled_gold.json"


def test_the_bundled_gold_scores_one() -> None:
    scores = evaluate([GOLD])["zh-Hans"]
    assert (scores["entities"].tp, scores["entities"].fp, scores["entities"].fn) == (139, 0, 0)
    assert scores["stances"].tp == 61 and scores["facts"].tp == 35
    assert scores["entities"].f1 == 1.0


def test_missed_and_spurious_items_count(tmp_path: Path) -> None:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    data["document"] = str(BUNDLED)
    data["paragraphs"]["22"] = []  # India is named there: a spurious find now
    data["paragraphs"]["9"] = ["org/un"]  # nothing is named in ¶3: a miss now
    data.pop("stances")
    data.pop("facts")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = evaluate([gold])["zh-Hans"]["entities"]
    assert (s.tp, s.fp, s.fn) == (138, 1, 1)
    assert round(s.precision, 4) == round(138 / 139, 4) == round(s.recall, 4)
    assert s.missed == ["gold.json: (9, 'org/un')"]
    assert s.spurious == ["gold.json: (22, 'state/IND')"]


def test_scores_per_language_and_the_command(tmp_path: Path) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_text(
        opencc.OpenCC("s2t").convert(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8"
    )
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    data.update(document="twin.txt", lang="zh-Hant")
    gold = tmp_path / "twin-gold.json"
    gold.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(gold)])
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| zh")]
    assert "| zh-Hans | entities | 1.000 | 1.000 | 1.000 | 139 | 0 | 0 |" in rows
    assert "| zh-Hant | entities | 1.000 | 1.000 | 1.000 | 139 | 0 | 0 |" in rows
    assert "| zh-Hant | stances | 1.000 | 1.000 | 1.000 | 61 | 0 | 0 |" in rows


def test_a_bad_gold_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: is not valid JSON (line 1:")
    other = tmp_path / "other.json"
    other.write_text('{"document": "nope.txt", "paragraphs": {}}', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(other)])
    assert (
        result.exit_code == 2 and "names a document that does not exist: nope.txt" in result.stderr
    )
