"""Rebuilds take unchanged documents from the cache and give the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from nonprolif_kg.cli import main

from .conftest import BUNDLED, FIXTURES

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "void.ttl", "report.json")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def build(corpus: Path, out: Path, *flags: str) -> str:
    code, err = run("build", str(corpus), "--out", str(out), "--no-summary", "-j", "1", *flags)
    assert code == 0, err
    return err


def same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "note.txt")
    for name in ("english_statement.txt", "english_resolution.txt", "english_note.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_a_rebuild_takes_every_document_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert "from the cache" not in build(corpus, out)
    assert len(list((out / ".cache").glob("*.part"))) == 4
    first = {name: (out / name).read_bytes() for name in OUTPUTS}
    assert "built 4 document(s) (4 from the cache)" in build(corpus, out)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == first
    build(corpus, tmp_path / "fresh", "--no-cache")
    assert not (tmp_path / "fresh" / ".cache").exists()
    same_outputs(out, tmp_path / "fresh")


def test_a_changed_document_is_processed_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus, out)
    statement = corpus / "english_statement.txt"
    statement.write_text(
        statement.read_text(encoding="utf-8") + "\n7. We condemn the nuclear test of the DPRK.\n",
        encoding="utf-8",
    )
    assert "built 4 document(s) (3 from the cache)" in build(corpus, out)
    build(corpus, tmp_path / "fresh", "--no-cache")
    same_outputs(out, tmp_path / "fresh")
    assert len(list((out / ".cache").glob("*.part"))) == 4  # the old entry was pruned


def test_options_metadata_and_damage_miss_the_cache(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus, out)
    assert "from the cache" not in build(corpus, out, "--max-mb", "3")
    (corpus / "note.meta.json").write_text('{"symbol": "CD/1819"}', encoding="utf-8")
    assert "(3 from the cache)" in build(corpus, out, "--max-mb", "3")
    for entry in (out / ".cache").glob("*.part"):
        entry.write_bytes(b"damaged")
    assert "from the cache" not in build(corpus, out, "--max-mb", "3")
    build(corpus, tmp_path / "fresh", "--no-cache", "--max-mb", "3")
    same_outputs(out, tmp_path / "fresh")


@pytest.mark.parametrize("kind", ["nquads", "rows"])
def test_a_shard_damaged_inside_is_named_and_nothing_is_written(
    corpus: Path, tmp_path: Path, kind: str
) -> None:
    """A kept shard whose size is right but whose compressed graph (read by
    the assembly) or summary rows (read by the summary's process) were changed
    is found only when they are read: the build names the file, says what to
    do, exits 2 and leaves the last good files; without the file the next
    build gives the same bytes."""
    from nonprolif_kg.spill import KINDS, read_header

    out = tmp_path / "out"
    build(corpus, out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    entry = sorted((out / ".cache").glob("*.part"))[0]
    found = read_header(entry)
    assert found is not None
    offset, length = found[1].places[KINDS.index(kind)]
    data = bytearray(entry.read_bytes())
    data[offset + 4 : offset + length] = bytes(length - 4)
    entry.write_bytes(bytes(data))
    for jobs in ("1", "2"):
        code, err = run("build", str(corpus), "--out", str(out), "-j", jobs)
        assert code == 2, err
        assert f"error: {entry}: this document's shard is damaged" in err
        assert "Traceback" not in err
        assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    entry.unlink()
    assert "(3 from the cache)" in build(corpus, out)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_failed_documents_are_not_kept(corpus: Path, tmp_path: Path) -> None:
    (corpus / "bad.txt").write_bytes(b"\x00binary")
    out = tmp_path / "out"
    errors = []
    for _ in range(2):
        code, err = run("build", str(corpus), "--out", str(out), "--no-summary")
        assert code == 4
        assert f"error: {corpus / 'bad.txt'}: is binary" in err
        errors.append(err)
    assert "from the cache" not in errors[0]
    assert "built 4 document(s) (4 from the cache), 1 failed" in errors[1]
    assert len(list((out / ".cache").glob("*.part"))) == 4


def test_a_shared_cache_folder_is_not_pruned(corpus: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-cache"
    build(corpus, tmp_path / "a", "--cache", str(shared))
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(BUNDLED, other / "note.txt")
    build(other, tmp_path / "b", "--cache", str(shared))
    assert len(list(shared.glob("*.part"))) == 5


def test_shapes_and_base_are_part_of_the_key(corpus: Path, tmp_path: Path) -> None:
    """A shard holds its graph's validation and IRIs: other shapes or another base
    must not take it from the cache, and its violations must come back with it."""
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "strict.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:x:NoIran> a sh:NodeShape ; sh:name 'no Iran' ;\n"
        "    sh:targetClass <https://w3id.org/nonprolif/ontology#Paragraph> ;\n"
        "    sh:property [ sh:path <https://w3id.org/nonprolif/ontology#mentions> ;\n"
        "        sh:not [ sh:hasValue <https://w3id.org/nonprolif/id/state/IRN> ] ] .\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    flags = ["--no-summary", "-j", "1", "--cache", str(tmp_path / "cache")]
    code, err = run("build", str(corpus), "--out", str(out), *flags, "--shapes", str(shapes))
    assert code == 1 and "violation" in err
    first = (out / "validation.json").read_bytes()
    code, err = run("build", str(corpus), "--out", str(out), *flags, "--shapes", str(shapes))
    assert code == 1 and "(4 from the cache)" in err
    assert (out / "validation.json").read_bytes() == first
    code, err = run("build", str(corpus), "--out", str(out), *flags)
    assert code == 0 and "from the cache" not in err
    code, err = run("build", str(corpus), "--out", str(out), *flags, "--base", "https://e.org/")
    assert code == 0 and "from the cache" not in err
    assert "<https://e.org/id/" in (out / "graph.nq").read_text(encoding="utf-8")
