"""The ``nonprolif-kg`` command: a thin layer over the library.

Each command reads its arguments, calls one library function and turns the
library's errors into a one-line message on stderr and an exit code:

- 0: success;
- 1: the graph does not conform to the SHACL shapes;
- 2: bad input or usage (a file that cannot be read, no documents, bad shapes,
  a bad query, a bad option);
- 3: a triple store refused or failed a load (``load``);
- 4: ``build`` left out documents it could not read and built the others
  (listed on stderr and in ``report.json``).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .build_report import EXIT_INVALID, EXIT_OK, EXIT_PARTIAL, exit_code
from .errors import InputError, NonprolifError, NothingBuiltError
from .iri import DEFAULT_BASE, check_base
from .language import SUPPORTED
from .pipeline import EXECUTORS
from .pipeline import build as build_graph
from .progress import Progress
from .query import FORMATS as QUERY_FORMATS
from .read import DEFAULT_MAX_MB
from .report import FORMATS, to_json, to_text, to_turtle
from .validate import ENGINES

__all__ = [
    "main",
    "EXIT_OK",
    "EXIT_INVALID",
    "EXIT_BAD_INPUT",
    "EXIT_STORE_FAILED",
    "EXIT_PARTIAL",
]

EXIT_BAD_INPUT = 2
EXIT_STORE_FAILED = 3


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


def _out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--out",
        "-o",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("build"),
        show_default=True,
        help=help_text,
    )


_label_lang_option = click.option(
    "--label-lang",
    default=None,
    help="Language of the labels in the summary (default: the corpus's majority language, "
    "falling back to English).",
)
_engine_option = click.option(
    "--shacl-engine",
    "engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="SHACL engine: pyshacl-turbo (fast), pySHACL (reference), or turbo where installed.",
)
_max_mb_option = click.option(
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_MB,
    show_default=True,
    help="Largest document to read, in MB of text (an HTML file may be 4 times, "
    "a PDF file 16 times larger); larger ones are left out.",
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
@_out_option("Folder to write the graph to.")
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
@click.option(
    "--lang",
    type=click.Choice(SUPPORTED),
    default=None,
    help="The documents' language, instead of detecting it.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for the documents (default: every core).",
)
@_max_mb_option
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of documents' shards (graph, validation) kept between builds, so that "
    "a rebuild redoes only the documents that changed (default: OUT/.cache).",
)
@click.option("--no-cache", is_flag=True, help="Process every document anew; keep nothing.")
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where documents are processed: local worker processes, or a Dask cluster "
    "(needs the dask extra).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --executor dask: the scheduler's address (tcp://host:8786); "
    "default: a local cluster of --jobs workers.",
)
@click.option(
    "--summary/--no-summary",
    default=True,
    show_default=True,
    help="Write summary.md/.json, figures/ and graph.graphml/.gexf.",
)
@_label_lang_option
@click.option(
    "--license",
    "license_iri",
    default=None,
    help="IRI of the licence to record for the dataset in void.ttl (default: CC BY 4.0).",
)
def build(
    inputs: tuple[Path, ...],
    out: Path,
    base: str,
    validate: bool,
    engine: str,
    shapes: Path | None,
    build_time: dt.datetime | None,
    license_iri: str | None,
    summary: bool,
    label_lang: str | None,
    jobs: int | None,
    lang: str | None,
    max_mb: float,
    executor: str,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Build the graph of the documents in INPUTS (files or folders) into --out.

    Writes graph.ttl (every triple), graph.trig (named graphs: ontology,
    catalogue, provenance, one per document), graph.nq (N-Quads), graph.jsonld
    (JSON-LD), void.ttl (a VoID/DCAT description), report.json (what was
    built and what failed) and, when validating, validation.txt and
    validation.json. A document that cannot be read is named on stderr with the
    reason and left out; the others are built and the command exits 4. Exits 1
    when the graph does not conform (it is still written, for inspection), 2
    when no document could be built (nothing is written).
    """
    started = time.monotonic()
    shown = Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        with shown or nullcontext():  # its last line ended before any message below
            result = build_graph(
                list(inputs),
                out,
                base,
                validate=validate,
                engine=engine,
                shapes=shapes,
                build_time=build_time,
                license_iri=license_iri,
                summary=summary,
                label_lang=label_lang,
                jobs=jobs,
                lang=lang,
                max_mb=max_mb,
                executor=executor,
                scheduler=scheduler,
                cache=None if no_cache else (cache_dir or out / ".cache"),
                prune_cache=cache_dir is None,
                progress=shown.documents if shown else None,
                stage=shown.stage if shown else None,
            )
    except NothingBuiltError as exc:
        for failure in exc.failures:
            click.echo(f"error: {failure}", err=True)
        if len(exc.failures) > 1:
            click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except (NonprolifError, ValueError) as exc:
        _fail(exc)
    except OSError as exc:  # the output or cache folder: no space left, no permission
        _fail(f"{exc}; nothing was written")
    for failure in result.failures:
        click.echo(f"error: {failure}", err=True)
    failed = f", {len(result.failures)} failed" if result.failures else ""
    cached = f" ({result.cached} from the cache)" if result.cached else ""
    click.echo(
        f"built {result.documents} document(s){cached}{failed}: {result.paragraphs} paragraphs, "
        f"{result.mentions} mentions of {result.entities} entities, "
        f"{result.triples} triples in {time.monotonic() - started:.1f} s -> {out}",
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
    if result.failures:
        click.echo(
            f"error: {len(result.failures)} document(s) could not be built and were left "
            f"out, see {out / 'report.json'}",
            err=True,
        )
    code = exit_code(result)
    if code != EXIT_OK:
        sys.exit(code)


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


@main.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.argument("query_file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Query the on-disk store in this folder instead of a file.",
)
@click.option("--name", default=None, help="Run the named query NAME (see --list).")
@click.option("-e", "--expression", default=None, help="Run this SPARQL text.")
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help='Bind ?NAME to an RDF term: <iri>, "text"@lang, a number, or plain text.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="table for people; csv, tsv, json (SPARQL results) for "
    "machines. CONSTRUCT always writes Turtle.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
def query(
    source: Path | None,
    query_file: Path | None,
    store_dir: Path | None,
    name: str | None,
    expression: str | None,
    binds: tuple[str, ...],
    fmt: str,
    list_queries: bool,
) -> None:
    """Run SPARQL on a graph file (SOURCE: .ttl, .nt, .trig, .nq) or on --store.

    The query is QUERY_FILE, --name NAME or -e TEXT. Named graphs are queried as
    one union, so queries need no GRAPH clause.
    """
    from .query import named_queries, named_query, open_store, run_query

    if list_queries:
        for q in named_queries():
            click.echo(f"{q.name:<26} {q.description}")
        return
    if store_dir is not None and query_file is None and source is not None:
        source, query_file = None, source  # with --store, the one argument is the query file
    given = [x for x in (query_file, name, expression) if x is not None]
    try:
        if len(given) != 1:
            raise click.UsageError("give exactly one of QUERY_FILE, --name or -e")
        if (source is None) == (store_dir is None):
            raise click.UsageError("give a graph file or --store DIR, not both")
        if query_file is not None:
            if not query_file.is_file():
                raise InputError(query_file, "does not exist")
            text = query_file.read_text(encoding="utf-8")
        elif name is not None:
            text = named_query(name).text
        else:
            text = str(expression)
        store = open_store(source, store_dir)
        click.echo(run_query(store, text, binds, fmt), nl=False)
    except click.UsageError:
        raise
    except NonprolifError as exc:
        _fail(exc)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
def store(directory: Path, graphs: tuple[Path, ...]) -> None:
    """Build or update the on-disk Oxigraph store in DIRECTORY from GRAPHS.

    Each named graph of each file replaces the store's graph of that name, so
    loading a file again changes nothing.
    """
    from .store import update_store

    try:
        report = update_store(directory, list(graphs))
    except NonprolifError as exc:
        _fail(exc)
    click.echo(
        f"{directory}: replaced {len(report.graphs)} graph(s); the store holds "
        f"{report.quads} quads",
        err=True,
    )


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    help="The server's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: "
    "http://localhost:7878/store; Fuseki: http://localhost:3030/DATASET/data).",
)
@click.option(
    "--graph-per-document/--one-graph",
    default=True,
    show_default=True,
    help="Put each named graph (one per document, the catalogue, the ontology) in "
    "its own graph, or every triple in the server's default graph.",
)
@click.option("--user", default=None, help="User name for HTTP basic authentication.")
@click.option(
    "--password-env",
    default=None,
    metavar="VAR",
    help="Name of the environment variable that holds the password.",
)
def load(
    graph: Path, endpoint: str, graph_per_document: bool, user: str | None, password_env: str | None
) -> None:
    """Load GRAPH (.trig, .nq, .ttl, .nt) into a triple store over HTTP.

    Each graph is replaced (HTTP PUT), so loading again never duplicates. Exits 3
    when the server refuses or fails, saying which graphs were loaded and which
    were not.
    """
    from .graphfile import read_quads
    from .store import LoadError, push

    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            _fail(f"--password-env {password_env}: the variable is not set")
    try:
        quads, _ = read_quads(graph)
    except NonprolifError as exc:
        _fail(exc)
    try:
        report = push(quads, endpoint, per_graph=graph_per_document, user=user, password=password)
    except LoadError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE_FAILED)
    for name, count in report.graphs.items():
        click.echo(f"{name}\t{count}")


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@_out_option("Folder to write the summary to.")
@_label_lang_option
def summarize(graph: Path, out: Path, label_lang: str | None) -> None:
    """Summarize GRAPH (.trig, .nq, .ttl, .nt) as networks: summary.md and .json,
    figures/ (PNG and SVG), graph.graphml and graph.gexf."""
    from .graphfile import read_quads
    from .summary_files import write_summary

    try:
        quads, _ = read_quads(graph)
    except NonprolifError as exc:
        _fail(exc)
    for path in write_summary(quads, out, label_lang):
        click.echo(str(path))


@main.command(name="text")
@click.argument("document", type=click.Path(path_type=Path))
@_max_mb_option
def text_command(document: Path, max_mb: float) -> None:
    """Print the text read from DOCUMENT (.txt, .html, .pdf), as the graph's
    source offsets (npo:sourceBeginIndex, npo:sourceEndIndex) count it.

    For a text file this is its decoded content; for HTML the main text of the
    page and for PDF the text layer, without page headers and footers. Exits 2
    when the document cannot be read.
    """
    from .read import read_source

    try:
        source = read_source(document, max_mb)
    except NonprolifError as exc:
        _fail(exc)
    click.echo(source.text, nl=not source.text.endswith("\n"))


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every missed and spurious item.")
def evaluate_command(gold: tuple[Path, ...], verbose: bool) -> None:
    """Score the extractor against GOLD files: precision, recall, F1 per language.

    Gold files are JSON in the project's format (see the README); each names its
    document relative to its own folder.
    """
    from .evaluate import evaluate, report

    try:
        scores = evaluate(list(gold))
    except NonprolifError as exc:
        _fail(exc)
    for line in report(scores, verbose):
        click.echo(line)
