"""Shared fixtures: the bundled document, processed once, and its built graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from nonprolif_kg.graph import BuiltDocument
from nonprolif_kg.pipeline import BuildResult, build, process

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED = ROOT / "corpus" / "000_5a18f3973b53acff.txt"


@pytest.fixture(scope="session")
def bundled() -> BuiltDocument:
    """The bundled Chinese CD document, read, segmented and extracted."""
    return process(BUNDLED)


@pytest.fixture(scope="session")
def built_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The bundled corpus built into a temporary folder."""
    out = tmp_path_factory.mktemp("build")
    return out, build([ROOT / "corpus"], out)


def note_and_statement(folder: Path) -> Path:
    """``folder`` (made) holding two documents: the bundled note and an English
    statement; returned."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLED, folder / "note.txt")
    shutil.copy(FIXTURES / "english_statement.txt", folder / "statement.txt")
    return folder


def load_fixture(name: str) -> Any:
    """A JSON file from tests/fixtures."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bundled_terms(built_graph: tuple[Path, BuildResult]) -> set[str]:
    """The local names of every npo: term the built graph uses as predicate, class or value."""
    import pyoxigraph as ox

    from nonprolif_kg.vocab import NPO_IRI

    names: set[str] = set()
    for quad in ox.parse(path=str(built_graph[0] / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        for term in (quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(NPO_IRI):
                names.add(term.value[len(NPO_IRI) :])
    return names
