"""The command line: what a user sees, exit codes and exact messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from nonprolif_kg.cli import main

from .conftest import BUNDLED


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_the_graph_and_says_what_it_did(tmp_path: Path) -> None:
    code, out, err = run("build", str(BUNDLED.parent), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert out.splitlines() == [
        str(tmp_path / "out" / n)
        for n in (
            "graph.ttl",
            "graph.trig",
            "graph.nq",
            "graph.jsonld",
            "void.ttl",
            *(
                f"figures/{f}.{x}"
                for f in ("comention-network", "top-entities", "timeline")
                for x in ("png", "svg")
            ),
            "summary.json",
            "summary.md",
            "graph.graphml",
            "graph.gexf",
            "validation.txt",
            "validation.json",
            "report.json",
        )
    ]
    assert err.startswith("built 1 document(s): 55 paragraphs, ")
    assert "of 80 entities" in err


def test_a_gb18030_file_builds_like_its_utf8_twin(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "doc.txt").write_bytes(text.encode("gb18030"))
    code, _, err = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "55 paragraphs" in err and "of 80 entities" in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "is binary, not text (it contains NUL bytes)",
        ),
        (
            "Совет Безопасности подтверждает резолюцию 1540.".encode(),
            "is not in a supported language (it is neither Chinese nor English text; "
            "supported: zh-Hans, zh-Hant, en)",
        ),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_written(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    code, stdout, err = run("build", str(bad), "--out", str(out))
    assert code == 2
    assert err == f"error: {bad}: {reason}\n"
    assert stdout == ""
    assert not out.exists()


def test_a_bad_document_is_left_out_and_the_others_built(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    code, stdout, err = run("build", str(bad), str(BUNDLED), "--out", str(out), "--no-summary")
    assert code == 4
    lines = err.splitlines()
    assert lines[0] == f"error: {bad}: is binary, not text (it contains NUL bytes)"
    assert lines[1].startswith("built 1 document(s), 1 failed: 55 paragraphs")
    assert lines[2] == (
        f"error: 1 document(s) could not be built and were left out, see {out / 'report.json'}"
    )
    assert str(out / "report.json") in stdout.splitlines()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == {"found": 2, "built": 1, "failed": 1}
    assert report["failed"] == [
        {"path": str(bad), "reason": "is binary, not text (it contains NUL bytes)"}
    ]
    assert [b["path"] for b in report["built"]] == [str(BUNDLED)]
    assert report["built"][0]["format"] == "text/plain"
    assert report["validation"]["conforms"] is True
    assert report["exit_code"] == 4
    assert "000-5a18f3973b53acff" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_when_no_document_builds_every_reason_is_given_and_nothing_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert run("build", str(BUNDLED), "--out", str(out), "--no-summary")[0] == 0
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"")
    (corpus / "b.txt").write_bytes(b"  \n")
    code, stdout, err = run("build", str(corpus), "--out", str(out))
    assert code == 2
    assert stdout == ""
    assert err.splitlines() == [
        f"error: {corpus / 'a.txt'}: is empty",
        f"error: {corpus / 'b.txt'}: holds no text (only white space)",
        "error: none of the 2 document(s) could be built; nothing was written",
    ]
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_failed_build_keeps_the_last_good_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(BUNDLED), "--out", str(out))[0] == 0
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert run("build", str(bad), "--out", str(out))[0] == 2
    assert (out / "graph.ttl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        "figures",
        "graph.gexf",
        "graph.graphml",
        "graph.jsonld",
        "graph.nq",
        "graph.trig",
        "graph.ttl",
        "report.json",
        "summary.json",
        "summary.md",
        "validation.json",
        "validation.txt",
        "void.ttl",
    ]


def test_a_folder_without_documents(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    code, _, err = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == (
        f"error: {tmp_path}: no documents found (looked for .txt, .html, .htm, .xhtml, .pdf "
        "files)\n"
    )


def test_a_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    code, _, err = run("build", str(missing))
    assert code == 2
    assert err == f"error: {missing}: does not exist\n"


def test_an_unsupported_file_named_directly(tmp_path: Path) -> None:
    doc = tmp_path / "doc.docx"
    doc.write_bytes(b"PK")
    code, _, err = run("build", str(doc), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == (
        f"error: {doc}: is not in a supported format (supported: .txt, .html, .htm, .xhtml, .pdf)\n"
    )


def test_two_files_with_the_same_document_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(BUNDLED, tmp_path / "a" / "doc.txt")
    shutil.copy(BUNDLED, tmp_path / "b" / "doc.txt")
    code, _, err = run(
        "build", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out")
    )
    assert code == 4
    assert err.splitlines()[0] == (
        f"error: {tmp_path / 'b' / 'doc.txt'}: has the same document id 'doc' as "
        f"{tmp_path / 'a' / 'doc.txt'}; rename one"
    )
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [b["path"] for b in report["built"]] == [str(tmp_path / "a" / "doc.txt")]


def test_a_bad_base_iri_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(BUNDLED), "--base", "example.org", "--out", str(tmp_path))
    assert code == 2
    assert "base IRI 'example.org' must be an absolute http or https IRI" in err


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED, corpus / "doc.txt")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    code, _, err = run("build", str(corpus), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "built 1 document(s)" in err


def test_help_lists_the_build_command() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "build" in out


def test_the_build_time_is_an_input_not_the_clock(tmp_path: Path) -> None:
    code, _, err = run(
        "build",
        str(BUNDLED),
        "--out",
        str(tmp_path / "a"),
        "--build-time",
        "2026-11-25T10:00:00+01:00",
    )
    assert code == 0, err
    text = (tmp_path / "a" / "graph.ttl").read_text(encoding="utf-8")
    assert 'prov:startedAtTime "2026-11-25T09:00:00Z"^^xsd:dateTime' in text
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        main, ["build", str(BUNDLED), "--out", str(tmp_path / "b")]
    )
    assert result.exit_code == 0
    text = (tmp_path / "b" / "graph.ttl").read_text(encoding="utf-8")
    assert 'prov:startedAtTime "2023-11-14T22:13:20Z"^^xsd:dateTime' in text
    code, _, err = run("build", str(BUNDLED), "--out", str(tmp_path / "c"), "--build-time", "now")
    assert code == 2 and "'now' is not an ISO 8601 date and time" in err


def test_jobs_give_the_same_bytes_and_the_same_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = BUNDLED.read_text(encoding="utf-8")
    for i in range(3):
        (corpus / f"doc-{i}.txt").write_text(text, encoding="utf-8")
    for jobs in ("1", "2"):
        code, _, err = run(
            "build", str(corpus), "--out", str(tmp_path / jobs), "-j", jobs, "--no-summary"
        )
        assert code == 0, err
        assert "built 3 document(s)" in err
    for name in ("graph.ttl", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
    (corpus / "doc-1.txt").write_bytes(b"\x00\x01binary")
    for jobs in ("1", "2"):
        code, _, err = run("build", str(corpus), "--out", str(tmp_path / f"bad-{jobs}"), "-j", jobs)
        assert code == 4
        assert err.splitlines()[0] == (
            f"error: {corpus / 'doc-1.txt'}: is binary, not text (it contains NUL bytes)"
        )
    for name in ("graph.ttl", "report.json"):
        assert (tmp_path / "bad-1" / name).read_bytes() == (tmp_path / "bad-2" / name).read_bytes()


def test_lang_overrides_detection(tmp_path: Path) -> None:
    doc = tmp_path / "mostly-latin.txt"
    doc.write_text("IAEA NPT CTBT IAEA NPT IAEA NPT CTBT 原子能机构\n", encoding="utf-8")
    code, _, err = run("build", str(doc), "--out", str(tmp_path / "a"), "--no-summary")
    assert code == 0, err
    assert '"en"' in (tmp_path / "a" / "graph.ttl").read_text(encoding="utf-8")
    code, _, err = run(
        "build", str(doc), "--out", str(tmp_path / "b"), "--no-summary", "--lang", "zh-Hans"
    )
    assert code == 0, err
    text = (tmp_path / "b" / "graph.ttl").read_text(encoding="utf-8")
    assert '"zh-Hans"' in text and '"en"' not in text
    code, _, err = run("build", str(doc), "--lang", "fr")
    assert code == 2 and "Invalid value for '--lang'" in err


def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    """A system error of the output folder (here: under a file; elsewhere no
    space left) is one line naming the path, exit 2, not a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run("build", str(BUNDLED), "--out", str(blocker / "out"), "--no-summary")
    assert code == 2, err
    assert err.startswith("error: ") and str(blocker) in err and "nothing was written" in err
    assert "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"
