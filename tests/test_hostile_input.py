"""Hostile and broken input: each case gives a correct graph, or one line on
stderr naming the file and the reason, exit code 2 and nothing written.

The bounds each case is held to are in the README ("Bad input"); the test of a
case runs the command as a user would, through the CLI.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import tempfile
import time
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from nonprolif_kg.cli import main
from nonprolif_kg.read import read_source

from .conftest import BUNDLED
from .documents import html_page, raw_pdf

CHINESE = "我们敦促伊朗遵守安全理事会第1737号决议，并支持国际原子能机构的工作。"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def refused(tmp_path: Path, path: Path, reason: str) -> None:
    """Building ``path`` alone exits 2 with one line naming it and ``reason``."""
    out = tmp_path / "out"
    code, stdout, err = run("build", str(path), "--out", str(out), "--no-summary")
    assert (code, stdout) == (2, ""), err
    assert err == f"error: {path}: {reason}\n"
    assert not out.exists()


def builds(tmp_path: Path, *paths: Path, jobs: str = "1", validate: bool = True) -> Path:
    """Building ``paths`` exits 0 and gives a graph that parses; returns the output."""
    out = tmp_path / "out"
    flags = ["--no-summary", "-j", jobs] + ([] if validate else ["--no-validate"])
    code, _, err = run("build", *map(str, paths), "--out", str(out), *flags)
    assert code == 0, err
    ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return out


def test_truncated_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes((CHINESE * 3).encode()[:-1])
    refused(tmp_path, path, "is truncated: it ends in the middle of a UTF-8 character")


def test_utf8_mixed_with_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    head = (CHINESE * 2).encode()
    path.write_bytes(head + CHINESE.encode("gb18030"))
    refused(
        tmp_path,
        path,
        f"is UTF-8 only in part: byte {len(head)} is not UTF-8 "
        "(a damaged file, or encodings mixed in one file)",
    )


def test_control_characters_are_dropped_and_the_text_kept(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    text = "我们敦促\x07伊朗\x1b遵守\x01安全理事会第1737号\x7f决议。\n" + CHINESE * 3
    path.write_text(text, encoding="utf-8")
    out = builds(tmp_path, path)
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "我们敦促伊朗遵守安全理事会第1737号决议。" in text
    assert "state:IRN" in text


def test_encoded_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "surrogates.txt"
    path.write_bytes("伊朗 ".encode() + b"\xed\xa0\x80" + " 原子能机构\u2028。".encode())
    assert "\ufffd" in read_source(path).text
    out = builds(tmp_path, path)
    assert "\ufffd" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_a_50_mb_line_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(CHINESE.encode() * (50_000_000 // len(CHINESE.encode()) + 1))
    started = time.monotonic()
    refused(
        tmp_path,
        path,
        "is 50.0 MB, over the limit of 4 MB for a file of its format (raise --max-mb)",
    )
    assert time.monotonic() - started < 5  # refused by its size, before reading


def test_a_long_line_under_the_limit_builds(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text(CHINESE * (500_000 // len(CHINESE.encode())), encoding="utf-8")
    out = builds(tmp_path, path, validate=False)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["built"][0]["paragraphs"] == 1
    # Iran, the Council, resolution 1737 and the IAEA in each sentence
    assert report["built"][0]["mentions"] == 4 * (500_000 // len(CHINESE.encode()))


def test_a_100_mb_document_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: refused by its size before a byte is read
        handle.truncate(100_000_000)
    refused(
        tmp_path,
        path,
        "is 100.0 MB, over the limit of 4 MB for a file of its format (raise --max-mb)",
    )
    out = tmp_path / "raised"
    code, _, err = run("build", str(path), "--max-mb", "200", "--out", str(out))
    assert code == 2 and "is binary, not text (it contains NUL bytes)" in err


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10_000):
        text = f"我们敦促伊朗遵守第{i + 1}号决议。" if i % 2 else f"The IAEA met on day {i}."
        (corpus / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    out = builds(tmp_path, corpus, jobs="2", validate=False)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == {"found": 10_000, "built": 10_000, "failed": 0}


def test_a_pdf_compression_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(raw_pdf(b"", compressed=zlib.compress(b" " * 200_000_000, 9)))
    assert path.stat().st_size < 300_000
    started = time.monotonic()
    refused(tmp_path, path, "holds a stream that inflates beyond 32 MB (a compression bomb?)")
    assert time.monotonic() - started < 30


def test_html_entity_expansion_stays_inert(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    page = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
        "<html><body><p>&lol9; 国际原子能机构</p></body></html>"
    )
    path = tmp_path / "lol.html"
    path.write_text(page, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = builds(tmp_path, path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert 'npo:text "&lol9;国际原子能机构"@zh-hans' in text


def test_html_nested_too_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"IAEA" + b"</body></html>")
    refused(tmp_path, path, "nests its elements deeper than the parser's limit (256 levels)")


def test_a_path_with_spaces_and_non_ascii_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Dossiers d'été" / "裁军 文件"
    folder.mkdir(parents=True)
    first = folder / "G8 声明 2007.txt"
    second = folder / "G8 报告 2007.html"
    shutil.copy(BUNDLED, first)
    second.write_bytes(html_page([CHINESE]))
    out = builds(tmp_path, tmp_path / "Dossiers d'été")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ids = sorted(b["doc_id"] for b in report["built"])
    assert len(set(ids)) == 2 and all(i.startswith("g8-2007-") for i in ids)
    assert all(i.isascii() for i in ids)
    assert str(first) in {b["path"] for b in report["built"]}


def test_a_pipe_named_like_a_document_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    refused(tmp_path, path, "is not a regular file (a pipe, socket or device)")


def test_an_unreadable_file(tmp_path: Path) -> None:
    """Read as an unprivileged user: root reads files whatever their mode."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        folder.chmod(0o755)
        path = folder / "secret.txt"
        path.write_text(CHINESE, encoding="utf-8")
        path.chmod(0)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            os.close(read)
            try:
                if os.geteuid() == 0:
                    os.setgid(65534)
                    os.setuid(65534)
                read_source(path)
                message = "read"
            except Exception as exc:
                message = str(exc)
            os.write(write, message.encode())
            os._exit(0)
        os.close(write)
        os.waitpid(child, 0)
        with os.fdopen(read, "rb") as pipe:
            message = pipe.read().decode()
        assert message == f"{path}: cannot be read (Permission denied)"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_documents_in_a_corpus_do_not_block_the_good_ones(tmp_path: Path, jobs: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED, corpus / "good.txt")
    (corpus / "bomb.pdf").write_bytes(raw_pdf(b"", compressed=zlib.compress(b" " * 50_000_000)))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    (corpus / "empty.html").write_bytes(b"<html><body><nav>menu</nav></body></html>")
    out = tmp_path / "out"
    code, _, err = run("build", str(corpus), "--out", str(out), "--no-summary", "-j", jobs)
    assert code == 4
    lines = err.splitlines()
    assert lines[0] == (
        f"error: {corpus / 'bomb.pdf'}: holds a stream that inflates beyond 32 MB "
        "(a compression bomb?)"
    )
    assert lines[1].startswith(f"error: {corpus / 'broken.pdf'}: is not a readable PDF (")
    assert lines[2] == f"error: {corpus / 'empty.html'}: holds no text outside its markup"
    assert lines[3].startswith("built 1 document(s), 3 failed: 55 paragraphs")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == {"found": 4, "built": 1, "failed": 3}
    assert report["validation"]["conforms"] is True


def test_a_killed_build_leaves_whole_files_only(tmp_path: Path) -> None:
    """Kill builds at moments spread over their run: every output is the last
    good one or the new one, whole; temporary files are hidden dot-files."""
    import signal
    import subprocess
    import sys

    from .conftest import FIXTURES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED, corpus / "note.txt")
    shutil.copy(FIXTURES / "english_statement.txt", corpus / "statement.txt")
    names = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld")
    command = [sys.executable, "-c", "from nonprolif_kg.cli import main; main()", "build"]
    flags = ["--no-summary", "-j", "1"]
    new = tmp_path / "new"
    subprocess.run([*command, str(corpus), "--out", str(new), *flags], check=True)
    out = tmp_path / "out"
    subprocess.run([*command, str(BUNDLED), "--out", str(out), *flags], check=True)
    old = {n: (out / n).read_bytes() for n in names}
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5):
        process = subprocess.Popen(
            [*command, str(corpus), "--out", str(out), *flags],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in names:
            assert (out / name).read_bytes() in (old[name], (new / name).read_bytes()), name
        assert all(p.name.startswith(".") for p in out.iterdir() if p.suffix == ".tmp")
    subprocess.run([*command, str(corpus), "--out", str(out), *flags], check=True)
    for name in names:
        assert (out / name).read_bytes() == (new / name).read_bytes(), name
    assert not list(out.glob(".nonprolif-kg-parts-*"))  # killed builds' part files are gone


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("delay", [0.0, 0.7, 1.5])
def test_a_killed_worker_fails_the_build_cleanly(tmp_path: Path, delay: float) -> None:
    """A worker killed mid-build (as the out-of-memory killer would), at moments
    spread over the run, gives one line and exit 2, and nothing is written; the
    build never hangs (a worker killed while sending a large result used to
    leave the pool waiting for ever)."""
    import signal
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):  # several seconds of work for the workers
        shutil.copy(BUNDLED, corpus / f"doc-{i:03d}.txt")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", "from nonprolif_kg.cli import main; main()", "build", str(corpus)]
        + ["--out", str(out), "-j", "2", "--no-summary"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert workers, "no worker process started"
    time.sleep(delay)
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2
    assert err.splitlines()[-1].startswith("error: a worker process died after ")
    assert err.splitlines()[-1].endswith(
        "documents (killed, or out of memory?); nothing was written: "
        "try fewer --jobs or a lower --max-mb"
    )
    assert not out.exists()


def test_a_build_killed_outright_leaves_no_worker_behind(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        shutil.copy(BUNDLED, corpus / f"doc-{i:03d}.txt")
    process = subprocess.Popen(
        [sys.executable, "-c", "from nonprolif_kg.cli import main; main()", "build", str(corpus)]
        + ["--out", str(tmp_path / "out"), "-j", "2", "--no-summary"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert workers, "no worker process started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()]
    zombies = [w for w in alive if ") Z " in Path(f"/proc/{w}/stat").read_text()]
    assert alive == zombies, f"workers left running: {alive}"
