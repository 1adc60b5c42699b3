"""What a build shows while it runs: the documents' line on a terminal, each
later stage with its seconds, and nothing when stderr is not a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from nonprolif_kg.pipeline import build
from nonprolif_kg.progress import Progress

from .conftest import BUNDLED, note_and_statement


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_documents_line_is_rewritten_then_each_stage_gets_a_timed_line() -> None:
    clock, out = _Clock(), io.StringIO()
    shown = Progress(out, clock)
    shown.stage("checking the cache for 4 document(s)")
    clock.now += 0.25
    shown.documents(0, 4)  # the documents begin: the rate counts from here
    clock.now += 2
    shown.documents(1, 4)
    clock.now += 2
    shown.documents(4, 4)
    shown.stage("writing graph.nq")
    clock.now += 1.5
    shown.stage("waiting for the summary")
    clock.now += 3
    shown.close()
    shown.close()  # nothing left open: nothing written
    assert out.getvalue() == (
        "checking the cache for 4 document(s)... 0.2 s\n"
        "\r0/4 documents, 0.0/s, 0 s left "
        "\r1/4 documents, 0.5/s, 6 s left "
        "\r4/4 documents, 1.0/s, 0 s left \n"
        "writing graph.nq... 1.5 s\n"
        "waiting for the summary... 3.0 s\n"
    )


def test_a_build_that_stops_midway_has_its_line_ended() -> None:
    clock, out = _Clock(), io.StringIO()
    shown = Progress(out, clock)
    shown.documents(0, 3)
    shown.documents(1, 3)  # no time passed: no rate yet
    clock.now += 4
    shown.documents(2, 3)
    shown.close()
    assert out.getvalue() == (
        "\r0/3 documents, 0.0/s, 0 s left "
        "\r1/3 documents, 0.0/s, 0 s left "
        "\r2/3 documents, 0.5/s, 2 s left \n"
    )


def test_a_build_reports_every_document_and_every_stage_after_them(tmp_path: Path) -> None:
    corpus = note_and_statement(tmp_path / "corpus")
    done: list[tuple[int, int]] = []
    stages: list[str] = []
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(
        [corpus], out, jobs=2, cache=cache, progress=lambda *d: done.append(d), stage=stages.append
    )
    after = [
        "counting the distinct objects of 5 graph(s)",
        "writing graph.ttl",
        "writing graph.trig",
        "writing graph.nq",
        "writing graph.jsonld",
        "waiting for the summary",
        "putting the files in place",
    ]
    assert done == [(0, 2), (1, 2), (2, 2)]  # the last too, though no document follows it
    assert stages == ["checking the cache for 2 document(s)", *after]
    done.clear()
    stages.clear()
    (corpus / "note.txt").write_text(BUNDLED.read_text(encoding="utf-8") + "\n日本。\n")
    build(
        [corpus], out, jobs=1, cache=cache, progress=lambda *d: done.append(d), stage=stages.append
    )
    assert done == [(0, 1), (1, 1)]
    assert stages == [
        "checking the cache for 2 document(s)",
        "reading 1 cached document(s)",
        *after[:-2],
        "writing the summary",
        after[-1],
    ]


def _run(args: list[str], terminal: bool) -> str:
    """stderr of the command ``args``, on a terminal of its own or a pipe."""
    command = [sys.executable, "-c", "from nonprolif_kg.cli import main; main()", *args]
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, check=True).stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait() == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_progress_is_shown_on_a_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    corpus = note_and_statement(tmp_path / "corpus")
    shown = _run(["build", str(corpus), "-o", str(tmp_path / "tty"), "--jobs", "1"], True)
    assert "\r2/2 documents, " in shown
    assert "writing graph.nq... " in shown and "putting the files in place... " in shown
    lines = shown.splitlines()
    assert lines[-1].startswith("built 2 document(s)")  # on a line of its own
    quiet = _run(["build", str(corpus), "-o", str(tmp_path / "pipe"), "--jobs", "1"], False)
    assert quiet.splitlines() == [quiet.splitlines()[-1]]
    assert quiet.startswith("built 2 document(s)")
