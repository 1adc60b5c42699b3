"""The ``nonprolif-kg`` command: a thin layer over the library.

Each command reads its arguments, calls one library function and turns the
library's errors into a one-line message on stderr and an exit code:

- 0: success;
- 1: the graph does not conform to the SHACL shapes;
- 2: bad input or usage (a file that cannot be read, no documents, bad shapes,
  a bad option).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import NonprolifError
from .iri import DEFAULT_BASE, check_base
from .pipeline import build as build_graph
from .report import FORMATS, to_json, to_text, to_turtle
from .validate import ENGINES

__all__ = ["main", "EXIT_OK", "EXIT_INVALID", "EXIT_BAD_INPUT"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_BAD_INPUT = 2


def _fail(message: object) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _base_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_base(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _build_time_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> dt.datetime | None:
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if not epoch:
            return None
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise click.BadParameter(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds"
            ) from None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date and time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_engine_option = click.option(
    "--shacl-engine",
    "engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="SHACL engine: pyshacl-turbo (fast), pySHACL (reference), or turbo where installed.",
)
_shapes_option = click.option(
    "--shapes",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of SHACL shapes (*.ttl) instead of the bundled ones.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nonprolif-kg")
def main() -> None:
    """Turn arms-control and non-proliferation documents into an RDF knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
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
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Check the graph against the SHACL shapes.",
)
@_engine_option
@_shapes_option
@click.option(
    "--build-time",
    callback=_build_time_option,
    default=None,
    help="Start time to record for the build (ISO 8601); default: SOURCE_DATE_EPOCH if set, "
    "else none, so that the output stays byte-stable.",
)
def build(
    inputs: tuple[Path, ...],
    out: Path,
    base: str,
    validate: bool,
    engine: str,
    shapes: Path | None,
    build_time: dt.datetime | None,
) -> None:
    """Build the graph of the documents in INPUTS (files or folders) into --out.

    Writes graph.ttl (every triple), graph.trig (named graphs: ontology,
    catalogue, provenance, one per document) and graph.nq (N-Quads), and, when
    validating, validation.txt and validation.json. Exits 1 when the graph does
    not conform (the graph is still written, for inspection).
    """
    try:
        result = build_graph(
            list(inputs),
            out,
            base,
            validate=validate,
            engine=engine,
            shapes=shapes,
            build_time=build_time,
        )
    except (NonprolifError, ValueError) as exc:
        _fail(exc)
    click.echo(
        f"built {result.documents} document(s): {result.paragraphs} paragraphs, "
        f"{result.mentions} mentions of {result.entities} entities, "
        f"{result.triples} triples -> {out}",
        err=True,
    )
    for path in result.outputs:
        click.echo(str(path))
    report = result.validation
    if report is not None and not report.conforms:
        click.echo(
            f"error: the graph does not conform to the shapes: "
            f"{report.count('Violation')} violation(s), see {out / 'validation.txt'}; "
            "the graph was written for inspection",
            err=True,
        )
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@_shapes_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text for people, json for machines, turtle for SHACL tools.",
)
@_engine_option
def validate(graph: Path, shapes: Path | None, fmt: str, engine: str) -> None:
    """Check GRAPH (.ttl, .nt, .trig or .nq) against the SHACL shapes.

    Prints the report on stdout. Exits 0 when the graph conforms, 1 when it does
    not, 2 when the graph or the shapes cannot be read.
    """
    from .graphfile import read_quads
    from .shapes import load_shapes
    from .validate import validate_quads

    try:
        checked = load_shapes(shapes)
        quads, _ = read_quads(graph)
        report = validate_quads(quads, checked, engine)
    except (NonprolifError, ValueError) as exc:
        _fail(exc)
    render = {"text": to_text, "json": to_json, "turtle": to_turtle}[fmt]
    click.echo(render(report), nl=False)
    sys.exit(EXIT_OK if report.conforms else EXIT_INVALID)
