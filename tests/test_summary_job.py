"""The summary made beside the assembly, and the seconds a build spends per stage."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from nonprolif_kg import pipeline, summary_job
from nonprolif_kg.errors import SummaryDiedError
from nonprolif_kg.pipeline import build
from nonprolif_kg.stopwatch import STAGES

from .conftest import BUNDLED, note_and_statement


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled note and an English statement."""
    return note_and_statement(tmp_path / "corpus")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def test_a_summary_made_beside_the_assembly_is_the_one_made_after_it(
    corpus: Path, tmp_path: Path
) -> None:
    one = build([corpus], tmp_path / "one", jobs=1, cache=None)
    two = build([corpus], tmp_path / "two", jobs=2, cache=None)
    files = _files(tmp_path / "one")
    assert "summary.json" in files and "graph.gexf" in files
    assert any(name.startswith("figures/") for name in files)
    assert files == _files(tmp_path / "two")
    assert sorted(p.name for p in one.outputs) == sorted(p.name for p in two.outputs)
    assert two.seconds["summary"] > 0 and two.seconds["assemble"] > 0


def test_with_threads_running_the_summary_process_is_started_afresh(
    corpus: Path, tmp_path: Path
) -> None:
    """A build in a program with threads (a Dask client's) does not fork: a lock
    a thread holds would stay held in the child. The summary is the same."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert summary_job.start_method() == "spawn"
        build([corpus], tmp_path / "spawned", jobs=2, cache=None)
    finally:
        stop.set()
        thread.join()
    build([corpus], tmp_path / "here", jobs=1, cache=None)
    assert _files(tmp_path / "spawned") == _files(tmp_path / "here")


def test_the_document_workers_are_gone_before_the_assembly(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Idle workers would hold their memory, and the pool's thread its locks,
    through the assembly and the summary's fork."""
    seen: list[list[multiprocessing.process.BaseProcess]] = []
    original = pipeline.assemble

    def assemble(*args: Any, **kwargs: Any) -> Any:
        seen.append(multiprocessing.active_children())
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "assemble", assemble)
    build([corpus], tmp_path / "out", jobs=2, cache=None, summary=False)
    assert seen == [[]]


def _fail(*args: object) -> list[str]:
    raise RuntimeError("the summary failed")


def _die(*args: object) -> list[str]:
    os._exit(9)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_summary_leaves_the_last_good_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(summary_job, "START_METHOD", "fork")  # the child sees the patch
    out = tmp_path / "out"
    build([corpus], out, jobs=jobs, cache=None)
    before = _files(out)
    (corpus / "note.txt").write_text(BUNDLED.read_text(encoding="utf-8") + "\n日本。\n")
    monkeypatch.setattr(summary_job, "write_part_summary", _fail)
    with pytest.raises(RuntimeError, match="the summary failed"):
        build([corpus], out, jobs=jobs, cache=None)
    assert _files(out) == before  # the new graph files were not put in place either
    assert not list(tmp_path.glob(".nonprolif-kg-parts-*"))


def test_a_summary_process_that_dies_is_reported_and_nothing_is_written(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summary_job, "START_METHOD", "fork")  # the child sees the patch
    out = tmp_path / "out"
    monkeypatch.setattr(summary_job, "write_part_summary", _die)
    with pytest.raises(SummaryDiedError, match="the process writing the summary died"):
        build([corpus], out, jobs=2, cache=None)
    assert not out.exists() or _files(out) == {}


def test_a_build_reports_the_seconds_of_each_stage_of_the_documents_it_processed(
    corpus: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    fresh = build([corpus], out, jobs=2, cache=cache, summary=False)
    assert tuple(fresh.stages) == STAGES
    assert all(seconds > 0 for seconds in fresh.stages.values())
    again = build([corpus], out, jobs=2, cache=cache, summary=False)
    assert again.cached == 2 and again.stages == {}
    assert set(again.seconds) == {"documents", "assemble"}
