"""Where the project's bundled files are: the ontology, shapes, queries and catalogue.

In an installed package the ontology, shapes and named queries live in
``nonprolif_kg/_share``; in a source checkout they are the top-level
``ontology/``, ``shapes/`` and ``queries/`` folders. The catalogue is package data
in both cases.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_dir", "shapes_dir", "queries_dir", "catalogue_dir", "package_dir"]

_PACKAGE = Path(__file__).resolve().parent


def package_dir() -> Path:
    """The directory of the installed ``nonprolif_kg`` package."""
    return _PACKAGE


def _shared(name: str) -> Path:
    installed = _PACKAGE / "_share" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"cannot find the bundled {name}/ folder (looked in {installed} "
        f"and {checkout}); reinstall nonprolif-kg"
    )


def ontology_dir() -> Path:
    """The folder that holds ``nonprolif.ttl``."""
    return _shared("ontology")


def shapes_dir() -> Path:
    """The folder that holds the SHACL shapes."""
    return _shared("shapes")


def queries_dir() -> Path:
    """The folder of the named SPARQL queries."""
    return _shared("queries")


def catalogue_dir() -> Path:
    """The folder of the bundled catalogue's data files."""
    return _PACKAGE / "data" / "catalogue"
