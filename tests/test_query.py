"""nonprolif-kg query and store: results for people and machines, safe bindings,
the on-disk store, JSON-LD and the dataset description."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from nonprolif_kg.cli import main
from nonprolif_kg.iri import Minter
from nonprolif_kg.jsonld import context
from nonprolif_kg.pipeline import BuildResult
from nonprolif_kg.query import QueryError, parse_term
from nonprolif_kg.resources import ontology_dir

IRN = "<https://w3id.org/nonprolif/id/state/IRN>"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_names_every_query() -> None:
    code, out, _ = run("query", "--list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert {
        "states-urged",
        "initiatives-proposed",
        "instruments-reaffirmed",
        "launched-where-when",
        "facts-of-paragraph",
        "documents-mentioning",
        "co-occurrence",
        "stances-about-resolution",
        "entities-by-degree",
    } <= set(names)


def test_table_shows_labels_beside_iris(built_graph: tuple[Path, BuildResult]) -> None:
    code, out, _ = run(
        "query", str(built_graph[0] / "graph.trig"), "--name", "initiatives-proposed"
    )
    assert code == 0
    assert "Germany <https://w3id.org/nonprolif/id/state/DEU>" in out
    assert out.rstrip().endswith("(5 rows)")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_machine_formats_are_standard(built_graph: tuple[Path, BuildResult], fmt: str) -> None:
    code, out, _ = run(
        "query",
        str(built_graph[0] / "graph.ttl"),
        "--name",
        "initiatives-proposed",
        "--format",
        fmt,
    )
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["head"]["vars"] == [
            "initiative",
            "initiativeLabel",
            "proposer",
            "proposerLabel",
        ]
        assert len(data["results"]["bindings"]) == 5
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) == 6


def test_bind_restricts_a_named_query(built_graph: tuple[Path, BuildResult]) -> None:
    code, out, _ = run(
        "query",
        str(built_graph[0] / "graph.trig"),
        "--name",
        "documents-mentioning",
        "--bind",
        f"entity={IRN}",
        "--format",
        "json",
    )
    assert code == 0, out
    (row,) = json.loads(out)["results"]["bindings"]
    assert row["entity"]["value"] == IRN[1:-1]
    assert row["paragraphs"]["value"] == "1"


def test_a_bound_value_stays_a_value(built_graph: tuple[Path, BuildResult]) -> None:
    hostile = 'x" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #'
    for value in (hostile, '"}}} DROP ALL', "<urn:x> } ; CLEAR ALL"):
        code, out, err = run(
            "query",
            str(built_graph[0] / "graph.trig"),
            "--name",
            "documents-mentioning",
            "--bind",
            f"entity={value}",
            "--format",
            "json",
        )
        if code == 0:
            assert json.loads(out)["results"]["bindings"] == []
        else:
            assert code == 2 and "is not an RDF term" in err
    assert parse_term(hostile) == ox.Literal(hostile)


def test_ask_and_construct(built_graph: tuple[Path, BuildResult]) -> None:
    path = str(built_graph[0] / "graph.trig")
    code, out, _ = run(
        "query", path, "-e", f"ASK {{ ?s <https://w3id.org/nonprolif/ontology#addressee> {IRN} }}"
    )
    assert (code, out) == (0, "true\n")
    code, out, _ = run(
        "query",
        path,
        "-e",
        "CONSTRUCT { ?i <urn:x:by> ?s } WHERE { "
        "?i <https://w3id.org/nonprolif/ontology#proposedBy> ?s }",
    )
    assert code == 0
    assert len(rdflib.Graph().parse(data=out, format="turtle")) == 5


def test_query_errors_exit_2(built_graph: tuple[Path, BuildResult], tmp_path: Path) -> None:
    path = str(built_graph[0] / "graph.trig")
    code, _, err = run("query", path, "-e", "SELECT WHERE {")
    assert code == 2 and err.startswith("error: the query is not valid SPARQL")
    code, _, err = run("query", path, "--name", "nope")
    assert code == 2 and err.startswith("error: no query named 'nope' (known: ")
    code, _, err = run("query", path, "-e", "SELECT ?s WHERE { ?s ?p ?o }", "--bind", "nothing")
    assert code == 2 and "must be NAME=VALUE" in err
    code, _, err = run("query", path, "--name", "states-urged", "-e", "ASK {}")
    assert code == 2 and "give exactly one of QUERY_FILE, --name or -e" in err
    with pytest.raises(QueryError):
        parse_term("<not an iri>")


def test_the_on_disk_store_is_idempotent_and_queryable(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    db = tmp_path / "db"
    trig = str(built_graph[0] / "graph.trig")
    assert run("store", str(db), trig)[0] == 0
    code, _, err = run("store", str(db), trig)
    assert code == 0
    assert f"the store holds {built_graph[1].quads} quads" in err
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", encoding="utf-8")
    code, out, _ = run("query", "--store", str(db), str(query), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == str(built_graph[1].quads)
    code, out, _ = run("query", "--store", str(db), "--name", "initiatives-proposed")
    assert code == 0 and "(5 rows)" in out


def test_jsonld_has_readable_keys_and_the_same_graph(built_graph: tuple[Path, BuildResult]) -> None:
    out = built_graph[0]
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    published = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"] == context(Minter())
    catalogue = next(g for g in doc["@graph"] if g["@id"] == "graph:catalogue")
    iran = next(n for n in catalogue["@graph"] if n["@id"] == "state:IRN")
    assert iran["label"]["en"] == "Iran" and iran["label"]["zh-hans"] == "伊朗"
    parsed = rdflib.Dataset().parse(out / "graph.jsonld", format="json-ld")
    reference = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    for graph in reference.graphs():
        if len(graph):
            assert isomorphic(graph, parsed.graph(graph.identifier)), graph.identifier
    assert (
        len(list(ox.parse(path=str(out / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)))
        == built_graph[1].quads
    )


def test_void_describes_the_dataset(built_graph: tuple[Path, BuildResult]) -> None:
    out, result = built_graph
    void = rdflib.Graph().parse(out / "void.ttl", format="turtle")
    ns = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/nonprolif/id/dataset")
    assert int(void.value(dataset, ns.triples)) == result.triples
    dumps = {str(d).rsplit("/", 1)[1] for d in void.objects(dataset, ns.dataDump)}
    assert dumps == {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"}
    partitions = {
        str(void.value(p, ns["class"])): int(void.value(p, ns.entities))
        for p in void.objects(dataset, ns.classPartition)
    }
    assert partitions["https://w3id.org/nonprolif/ontology#Paragraph"] == 55
    assert partitions["https://w3id.org/nonprolif/ontology#State"] == 195
    assert not [t for t in void if any(isinstance(x, rdflib.BNode) for x in t)]
    assert void.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license")) is not None
