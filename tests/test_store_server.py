"""Loading into a real triple store: an Oxigraph server (the ``oxigraph`` package),
started on 127.0.0.1 with a free port and a temporary folder."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from nonprolif_kg.cli import main
from nonprolif_kg.pipeline import BuildResult

from .conftest import ROOT

UNBOUND = [
    "states-urged",
    "initiatives-proposed",
    "instruments-reaffirmed",
    "launched-where-when",
    "facts-of-paragraph",
    "documents-mentioning",
    "stances-about-resolution",
    "entities-by-degree",
]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server (pip install oxigraph) is a test dependency"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(tmp: Path, *mode: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), *mode, "--location", str(tmp), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the oxigraph server did not start")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    process, base = start(tmp_path / "db", "serve", "--union-default-graph")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def sparql(base: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        f"{base}/query",
        data=query.encode(),
        method="POST",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.loads(response.read())
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def counts_on_server(base: str) -> dict[str, int]:
    rows = sparql(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows}


def counts_in_file(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1  # type: ignore[union-attr]
    return counts


def test_load_puts_every_graph_and_reloading_changes_nothing(
    built_graph: tuple[Path, BuildResult], server: str
) -> None:
    trig = built_graph[0] / "graph.trig"
    code, out, err = run("load", str(trig), "--endpoint", f"{server}/store")
    assert code == 0, err
    expected = counts_in_file(trig)
    assert counts_on_server(server) == expected
    assert len(out.splitlines()) == len(expected)
    assert run("load", str(trig), "--endpoint", f"{server}/store")[0] == 0
    assert counts_on_server(server) == expected


def test_competency_queries_agree_across_server_embedded_store_and_rdflib(
    built_graph: tuple[Path, BuildResult], server: str
) -> None:
    trig = built_graph[0] / "graph.trig"
    assert run("load", str(trig), "--endpoint", f"{server}/store")[0] == 0
    embedded = ox.Store()
    embedded.load(path=str(trig), format=ox.RdfFormat.TRIG)
    dataset = rdflib.Dataset(default_union=True).parse(trig, format="trig")
    for name in UNBOUND:
        text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        remote = sorted(tuple(sorted(r.items())) for r in sparql(server, text))
        solutions = embedded.query(text, use_default_graph_as_union=True)
        variables = solutions.variables  # type: ignore[union-attr]
        local = sorted(
            tuple(sorted((v.value, row[v].value) for v in variables if row[v] is not None))
            for row in solutions
        )
        reference = sorted(
            tuple(sorted((str(k), str(v)) for k, v in row.asdict().items()))
            for row in dataset.query(text)
        )
        assert remote == local == reference, name
        assert remote, f"{name} returned nothing"


def test_a_wrong_endpoint_is_a_clear_error(built_graph: tuple[Path, BuildResult]) -> None:
    port = free_port()
    code, _, err = run(
        "load", str(built_graph[0] / "graph.trig"), "--endpoint", f"http://127.0.0.1:{port}/store"
    )
    assert code == 3
    assert err.startswith(f"error: cannot reach http://127.0.0.1:{port}/store (")
    assert "loaded: none; not loaded: https://w3id.org/nonprolif/graph/catalogue" in err
    code, _, err = run("load", str(built_graph[0] / "graph.trig"), "--endpoint", "ftp://x/store")
    assert code == 3 and "is not an http(s) URL" in err


def test_a_refused_write_says_what_was_and_was_not_loaded(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    (tmp_path / "ro").mkdir()
    ox.Store(str(tmp_path / "ro")).flush()
    process, base = start(tmp_path / "ro", "serve-read-only")
    try:
        code, _, err = run(
            "load",
            str(built_graph[0] / "graph.trig"),
            "--endpoint",
            f"{base}/store",
            "--user",
            "analyst",
            "--password-env",
            "KG_PASSWORD",
            env={"KG_PASSWORD": "s3cret-Pa55"},
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert code == 3
    assert "refused https://w3id.org/nonprolif/graph/catalogue (HTTP" in err
    assert "loaded: none; not loaded: " in err
    assert "s3cret-Pa55" not in err and "analyst" not in err


def test_credentials_in_the_url_never_reach_a_message(
    built_graph: tuple[Path, BuildResult],
) -> None:
    port = free_port()
    url = f"http://analyst:{urllib.parse.quote('s3cret-Pa55')}@127.0.0.1:{port}/store"
    code, _, err = run("load", str(built_graph[0] / "graph.trig"), "--endpoint", url)
    assert code == 3
    assert "s3cret" not in err and "analyst" not in err


def test_one_graph_mode_loads_each_triple_once(
    built_graph: tuple[Path, BuildResult], server: str
) -> None:
    code, _, _ = run(
        "load", str(built_graph[0] / "graph.trig"), "--endpoint", f"{server}/store", "--one-graph"
    )
    assert code == 0
    rows = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]) == built_graph[1].triples
