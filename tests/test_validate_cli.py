"""Validation of built graphs: the bundled graph conforms, mutations do not, and the
validate command's reports and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from nonprolif_kg.cli import main
from nonprolif_kg.pipeline import BuildResult

from .conftest import BUNDLED

NPO = "https://w3id.org/nonprolif/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_the_bundled_graph_conforms(built_graph: tuple[Path, BuildResult], engine: str) -> None:
    code, out, _ = run("validate", str(built_graph[0] / "graph.trig"), "--shacl-engine", engine)
    assert code == 0, out
    assert "the graph conforms" in out
    assert out.rstrip().endswith("0 violations, 0 warnings, 0 infos.")


def test_build_writes_the_reports(built_graph: tuple[Path, BuildResult]) -> None:
    out, result = built_graph
    assert result.validation is not None and result.validation.conforms
    report = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    assert report["conforms"] is True
    assert report["counts"] == {"Violation": 0, "Warning": 0, "Info": 0}
    assert "the graph conforms" in (out / "validation.txt").read_text(encoding="utf-8")


def mutate(source: Path, target: Path, pattern: str, replacement: str) -> None:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    regex = re.compile(pattern)
    hits = [i for i, line in enumerate(lines) if regex.search(line)]
    assert hits, pattern
    lines[hits[0]] = regex.sub(replacement, lines[hits[0]], count=1)
    target.write_text("".join(lines), encoding="utf-8")


# (mutation, line pattern in graph.nq, replacement, shape name, path)
MUTATIONS = [
    (
        "remove a label",
        rf'<{SKOS}prefLabel> "Iran"@en ',
        f'<{SKOS}prefLabel> "Iran"@de ',
        "entity › English label",
        f"<{SKOS}prefLabel>",
    ),
    (
        "break an offset",
        rf'(#char=\d+,\d+> <{NIF}endIndex> ")\d+',
        r"\g<1>999",
        "mention (NIF span)",
        "",
    ),
    (
        "point a mention at a literal",
        r"<http://www.w3.org/2005/11/its/rdf#taIdentRef> <[^>]+>",
        '<http://www.w3.org/2005/11/its/rdf#taIdentRef> "Iran"',
        "mention (NIF span) › entity",
        "<http://www.w3.org/2005/11/its/rdf#taIdentRef>",
    ),
    (
        "misspell a property",
        rf"<{NPO}inSection>",
        f"<{NPO}inSektion>",
        "paragraph",
        f"<{NPO}inSektion>",
    ),
]


@pytest.mark.parametrize(
    ("name", "pattern", "replacement", "shape", "path"), MUTATIONS, ids=[m[0] for m in MUTATIONS]
)
def test_a_mutated_graph_does_not_conform(
    built_graph: tuple[Path, BuildResult],
    tmp_path: Path,
    name: str,
    pattern: str,
    replacement: str,
    shape: str,
    path: str,
) -> None:
    mutated = tmp_path / "graph.nq"
    mutate(built_graph[0] / "graph.nq", mutated, pattern, replacement)
    code, out, _ = run("validate", str(mutated), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["conforms"] is False
    assert (shape, path) in {(r["shapeName"], r["path"]) for r in report["results"]}
    if name == "point a mention at a literal":
        # the paragraph's npo:mentions still points at the entity; the span no longer does
        assert {r["severity"] for r in report["results"]} == {"Violation"}


def test_the_text_report_groups_by_shape_and_counts(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    mutated = tmp_path / "graph.nq"
    mutate(
        built_graph[0] / "graph.nq",
        mutated,
        rf'<{SKOS}prefLabel> "Iran"@en ',
        f'<{SKOS}prefLabel> "Iran"@de ',
    )
    code, out, _ = run("validate", str(mutated))
    assert code == 1
    assert "the graph does not conform" in out
    assert (
        "Violation: entity › English label (QualifiedMinCountConstraintComponent), 1 result" in out
    )
    assert "An entity needs a skos:prefLabel in English (@en)." in out
    assert "<https://w3id.org/nonprolif/id/state/IRN>" in out
    assert out.rstrip().endswith("1 violation, 0 warnings, 0 infos.")


def test_the_turtle_report_is_a_shacl_validation_report(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    mutated = tmp_path / "graph.nq"
    mutate(built_graph[0] / "graph.nq", mutated, rf"<{NPO}inSection>", f"<{NPO}inSektion>")
    code, out, _ = run("validate", str(mutated), "--format", "turtle")
    assert code == 1
    graph = rdflib.Graph().parse(data=out, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (report,) = graph.subjects(rdflib.RDF.type, sh.ValidationReport)
    assert graph.value(report, sh.conforms) == rdflib.Literal(False)
    # the misspelt property breaks the closed shape, and the paragraph lacks npo:inSection
    assert len(list(graph.objects(report, sh.result))) == 2


def test_build_on_a_graph_that_breaks_the_shapes_exits_1_and_keeps_the_graph(
    tmp_path: Path,
) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "strict.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f'<urn:x:NoIranShape> a sh:NodeShape ; sh:name "no Iran" ;\n'
        f"    sh:targetClass <{NPO}Paragraph> ;\n"
        f'    sh:property [ sh:name "mentions" ; sh:path <{NPO}mentions> ;\n'
        f"        sh:not [ sh:hasValue <https://w3id.org/nonprolif/id/state/IRN> ] ;\n"
        '        sh:message "No paragraph may mention Iran."@en ] .\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stdout, err = run("build", str(BUNDLED), "--out", str(out), "--shapes", str(shapes))
    assert code == 1
    assert (out / "graph.ttl").exists() and "graph.ttl" in stdout
    assert (
        "error: the graph does not conform to the shapes: 1 violation(s), see "
        f"{out / 'validation.txt'}; the graph was written for inspection"
    ) in err
    assert "No paragraph may mention Iran." in (out / "validation.txt").read_text(encoding="utf-8")


def test_no_validate_skips_validation(tmp_path: Path) -> None:
    code, stdout, _ = run("build", str(BUNDLED), "--out", str(tmp_path), "--no-validate")
    assert code == 0
    assert "validation.txt" not in stdout
    assert not (tmp_path / "validation.txt").exists()


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (None, "missing.ttl", "does not exist"),
        ("<a> <b> .", "broken.ttl", "is not valid Turtle"),
        (
            "x",
            "graph.json",
            "is not an RDF file this tool reads (known endings: .ttl, .nt, .trig, .nq)",
        ),
    ],
)
def test_bad_graph_files_exit_2(
    tmp_path: Path, content: str | None, name: str, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run("validate", str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}: {reason}")


def test_bad_shapes_exit_2(built_graph: tuple[Path, BuildResult], tmp_path: Path) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    code, _, err = run("validate", str(built_graph[0] / "graph.ttl"), "--shapes", str(tmp_path))
    assert code == 2
    assert err.startswith(f"error: {tmp_path / 'bad.ttl'}:1: is not valid Turtle")


def test_document_graphs_validated_in_batches_report_what_they_report_one_by_one(
    tmp_path: Path,
) -> None:
    import pyoxigraph as ox

    from nonprolif_kg.graphfile import read_quads
    from nonprolif_kg.pipeline import build
    from nonprolif_kg.shapes import load_shapes
    from nonprolif_kg.validate import validate_quads

    from .conftest import FIXTURES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("english_statement.txt", "english_note.txt", "english_resolution.txt"):
        (corpus / name).write_bytes((FIXTURES / name).read_bytes())
    (corpus / "note.txt").write_bytes(BUNDLED.read_bytes())
    build([corpus], tmp_path / "out", summary=False, validate=False)
    quads, _ = read_quads(tmp_path / "out" / "graph.nq")
    npo = "https://w3id.org/nonprolif/ontology#"
    broken = []
    for q in quads:  # break two documents: a paragraph without text, one with two orders
        if q.predicate.value == npo + "text" and "/doc/english-note/p/2>" in str(q.subject):
            continue
        broken.append(q)
        if q.predicate.value == npo + "order" and "/doc/note/p/3>" in str(q.subject):
            broken.append(
                ox.Quad(
                    q.subject,
                    q.predicate,
                    ox.Literal("99", datatype=q.object.datatype),
                    q.graph_name,
                )
            )
    shapes = load_shapes()

    def results(batch: int, engine: str = "turbo") -> set[tuple[str, str, str]]:
        report = validate_quads(broken, shapes, engine, batch_quads=batch)
        return {(r.severity, r.focus, r.path or "") for r in report.results}

    one_by_one = results(1)
    base, ontology = "<https://w3id.org/nonprolif/id/doc/", "<https://w3id.org/nonprolif/ontology#"
    assert one_by_one == {
        ("Violation", f"{base}english-note/p/2>", f"{ontology}text>"),
        ("Violation", f"{base}note/p/3>", f"{ontology}order>"),
    }
    assert results(20_000) == one_by_one
    assert results(10**9) == one_by_one
    # pyshacl-turbo gets typed terms, pySHACL an rdflib graph: the same answer
    assert results(20_000, "pyshacl") == one_by_one
