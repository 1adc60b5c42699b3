"""The README is true: its commands are the ones CI runs, its query runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from nonprolif_kg.pipeline import BuildResult

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_the_two_commands_stand_at_the_top() -> None:
    first = blocks("sh")[0]
    assert "make graph" in first and "make test" in first
    assert README.index("make graph") < README.index("## What `make graph` makes")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make graph" in ci


def test_the_makefile_builds_the_corpus_as_the_readme_says() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "nonprolif-kg build $(CORPUS)/ --out $(OUT)/" in makefile
    assert "nonprolif-kg build corpus/ --out build/" in README


def test_the_first_query_runs_as_shown(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    (query,) = blocks("sparql")
    (tmp_path / "first.rq").write_text(query, encoding="utf-8")
    (tmp_path / "build").symlink_to(built_graph[0], target_is_directory=True)
    script = next(b for b in blocks("sh") if "pyoxigraph" in b)
    code = script.split("-c '", 1)[1].rsplit("'", 1)[0]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[:2] == ["1 Group of Eight", "2 United Nations"]
    number, names = lines[2].split(" ", 1)
    assert number == "4"
    assert set(names.split(", ")) == {
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        "Chemical Weapons Convention",
        "Biological and Toxin Weapons Convention",
    }


def test_readme_figures_match_the_build(built_graph: tuple[Path, BuildResult]) -> None:
    _, result = built_graph
    assert f"{result.paragraphs} paragraphs" in README
    assert f"{result.mentions} mentions of {result.entities} entities" in README


def test_the_first_query_runs_with_the_command_too(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from nonprolif_kg.cli import main

    (query,) = blocks("sparql")
    (tmp_path / "first.rq").write_text(query, encoding="utf-8")
    assert ".venv/bin/nonprolif-kg query build/graph.trig first.rq" in README
    result = CliRunner().invoke(
        main, ["query", str(built_graph[0] / "graph.trig"), str(tmp_path / "first.rq")]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["number", "names"]
    assert lines[2].startswith("1 ") and "Group of Eight" in lines[2]
