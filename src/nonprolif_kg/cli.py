"""The ``nonprolif-kg`` command: a thin layer over the library.

Each command reads its arguments, calls one library function and turns the
library's errors into a one-line message on stderr and an exit code:

- 0: success;
- 1: the graph does not validate;
- 2: bad input or usage (a file that cannot be read, no documents, a bad option).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import NonprolifError
from .iri import DEFAULT_BASE, check_base
from .pipeline import build as build_graph

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_BAD_INPUT = 2


def _base_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_base(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nonprolif-kg")
def main() -> None:
    """Turn arms-control and non-proliferation documents into an RDF knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build"),
    show_default=True,
    help="Folder to write the graph to.",
)
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    callback=_base_option,
    help="Base IRI of the resources the graph describes.",
)
def build(inputs: tuple[Path, ...], out: Path, base: str) -> None:
    """Build the graph of the documents in INPUTS (files or folders) into --out.

    Writes graph.ttl (every triple), graph.trig (named graphs: ontology,
    catalogue, provenance, one per document) and graph.nq (N-Quads).
    """
    try:
        result = build_graph(list(inputs), out, base)
    except NonprolifError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(
        f"built {result.documents} document(s): {result.paragraphs} paragraphs, "
        f"{result.mentions} mentions of {result.entities} entities, "
        f"{result.triples} triples -> {out}",
        err=True,
    )
    for path in result.outputs:
        click.echo(str(path))
