"""The per-document step on a Dask cluster gives what local workers give.

A real Dask cluster runs here: the one ``build --executor dask`` starts, and
one the test starts and passes by its scheduler's address, as a user with a
cluster would.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from nonprolif_kg.cli import main

from .conftest import BUNDLED, FIXTURES

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "report.json")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(BUNDLED, folder / "note.txt")
    for name in ("english_statement.txt", "english_resolution.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot a pdf")
    return folder


@pytest.fixture(scope="module")
def local_build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    code, _, err = run("build", str(corpus), "--out", str(out), "--no-summary", "-j", "2")
    assert code == 4, err
    return out


def same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_local_dask_cluster_builds_the_same_bytes(
    corpus: Path, local_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dask"
    code, _, err = run(
        "build", str(corpus), "--out", str(out), "--no-summary", "-j", "2", "--executor", "dask"
    )
    assert code == 4, err
    assert err.splitlines()[0].startswith(f"error: {corpus / 'broken.pdf'}: is not a readable PDF")
    same_outputs(out, local_build)


def test_a_cluster_given_by_its_scheduler_address(
    corpus: Path, local_build: Path, tmp_path: Path
) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = tmp_path / "remote"
        code, _, err = run(
            "build",
            str(corpus),
            "--out",
            str(out),
            "--no-summary",
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
        assert code == 4, err
    same_outputs(out, local_build)


def test_an_unreachable_scheduler(corpus: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "out"
    code, stdout, err = run(
        "build", str(corpus), "--out", str(out), "--executor", "dask",
        "--scheduler", f"tcp://127.0.0.1:{port}",
    )  # fmt: skip
    assert code == 2 and stdout == ""
    assert err.startswith(f"error: cannot reach the Dask scheduler tcp://127.0.0.1:{port}: ")
    assert len(err.splitlines()) == 1
    assert not out.exists()


def test_a_cluster_s_workers_report_the_seconds_of_each_stage(corpus: Path, tmp_path: Path) -> None:
    from nonprolif_kg.pipeline import build
    from nonprolif_kg.stopwatch import STAGES

    result = build([corpus], tmp_path / "out", jobs=2, executor="dask", summary=False)
    assert tuple(result.stages) == STAGES
    assert all(seconds > 0 for seconds in result.stages.values())
