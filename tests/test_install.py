"""A non-editable install finds its ontology, shapes and catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import BUNDLED, ROOT


def test_the_wheel_carries_its_data_and_builds(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("nonprolif_kg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "nonprolif_kg/_share/ontology/nonprolif.ttl" in names
    assert "nonprolif_kg/data/catalogue/organizations.jsonl" in names
    assert "nonprolif_kg/_share/shapes/documents.ttl" in names
    assert "nonprolif_kg/_share/queries/states-urged.rq" in names
    assert "nonprolif_kg/_share/ontology/context.jsonld" in names
    assert "nonprolif_kg/data/lexicon/stances.zh.tsv" in names
    assert "nonprolif_kg/data/fonts/wqy-microhei-subset.ttf" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = dict(os.environ, PYTHONPATH=str(site))
    probe = (
        "import nonprolif_kg, sys; from nonprolif_kg.cli import main;"
        "site = sys.argv.pop(1);"
        "assert nonprolif_kg.__file__.startswith(site), nonprolif_kg.__file__;"
        "main()"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            str(site),
            "build",
            str(BUNDLED),
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 100_000
