"""The whole pipeline: input paths -> graph files in an output folder.

:func:`collect` finds the documents among the inputs, :func:`process` runs read,
normalize, segment and extract on one of them, and :func:`build` does both for
every input, builds the dataset and writes it. A document that cannot be read
is left out and reported (:class:`BuildResult` ``failures``) while the others
are built; when none can be, nothing is written and the output folder stays as
it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .assemble import assemble
from .build_report import build_report
from .cache import DocumentCache
from .errors import InputError, NoDocumentsError, NothingBuiltError, WorkerDiedError
from .export import Staging, write_atomic
from .extract import Extractor, default_extractor
from .graph import BuiltDocument, DatasetBuilder, Source, sort_quads
from .iri import DEFAULT_BASE, Minter, lang_segment
from .language import SUPPORTED, detect_language
from .metadata import Metadata, read_metadata, symbol_id
from .normalize import normalize
from .read import DEFAULT_MAX_MB, SUFFIXES, read_source
from .report import to_json, to_text
from .segment import doc_id_from_path, segment
from .shapes import load_shapes
from .shard import DocumentInfo, Shard, Sharder, ShardSettings, header_parts
from .spill import StoredPart, kept, kept_info, read, write_part
from .stopwatch import Stopwatch
from .summary_job import SummaryJob
from .validate import ValidationReport, available_engine, combine, validate_quads
from .vocab import NPO_IRI
from .void import DEFAULT_LICENSE

__all__ = [
    "collect",
    "process",
    "process_safely",
    "process_all",
    "build",
    "BuildResult",
    "Processed",
    "EXECUTORS",
]

#: Where the per-document step runs: local worker processes, or a Dask cluster.
EXECUTORS: tuple[str, ...] = ("local", "dask")


@dataclass(frozen=True)
class BuildResult:
    """What a build made: counts and the files written."""

    documents: int
    paragraphs: int
    mentions: int
    entities: int
    triples: int
    quads: int
    outputs: tuple[Path, ...]
    validation: ValidationReport | None = None
    failures: tuple[InputError, ...] = ()
    cached: int = 0
    #: Seconds spent per stage: ``documents`` (read, extract, graph and validate
    #: each document, in the workers), ``assemble`` (the corpus graphs, their
    #: validation and files) and ``summary`` (made beside the assembly, in a
    #: process of its own, when there is more than one job: the two overlap).
    #: Not part of any output.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)
    #: Seconds per stage of the documents processed by this build (not those
    #: taken from the cache), added up over the documents and so over the
    #: workers: ``read``, ``extract``, ``graph``, ``validate``, ``serialise``
    #: (:mod:`nonprolif_kg.stopwatch`). Not part of any output.
    stages: dict[str, float] = field(default_factory=dict, compare=False)


def collect(inputs: Iterable[Path]) -> list[Path]:
    """The documents among ``inputs``: files as given, directories searched recursively.

    Files in directories are taken when their suffix is a supported one
    (:data:`~nonprolif_kg.read.SUFFIXES`) and their name does not start with a
    dot; symbolic links to directories are not followed, so a link loop cannot
    trap the search. The result is sorted and
    has no repeats. Raises :class:`InputError` for an input that does not exist or
    a file given by name in an unsupported format, and :class:`NoDocumentsError`
    when nothing is found.
    """
    given = tuple(inputs)
    found: set[Path] = set()
    for path in given:
        if not path.exists():
            raise InputError(path, "does not exist")
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    candidate = Path(root) / name
                    if not name.startswith(".") and candidate.suffix.lower() in SUFFIXES:
                        found.add(candidate)
        elif path.suffix.lower() in SUFFIXES:
            found.add(path)
        else:
            supported = ", ".join(SUFFIXES)
            raise InputError(path, f"is not in a supported format (supported: {supported})")
    if not found:
        raise NoDocumentsError(given)
    return sorted(found)


def process(
    path: Path,
    extractor: Extractor | None = None,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    data: bytes | None = None,
    meta: Metadata | None = None,
    clock: Stopwatch | None = None,
) -> BuiltDocument:
    """Read, normalise, segment and extract one document; ``lang`` overrides the
    detected language (one of :data:`~nonprolif_kg.language.SUPPORTED`) and
    ``max_mb`` is the size limit of its text (:func:`~nonprolif_kg.read.read_source`).
    ``data`` and ``meta`` are the file's bytes and metadata where they were read
    elsewhere (on another machine of a cluster); by default they are read from
    ``path``. ``clock`` times the stages ``read`` and ``extract``. Raises
    :class:`InputError` for a document that cannot be read."""
    extractor = extractor or default_extractor()
    clock = clock or Stopwatch()
    with clock("read"):
        meta = read_metadata(path) if meta is None else meta
        source = read_source(path, max_mb, data)
    with clock("extract"):
        normalized = normalize(source.text, wraps=source.wraps)
        if not normalized.text:
            raise InputError(path, "holds no text")
        lang = meta.lang or lang or detect_language(normalized.text, path)
        doc_id = symbol_id(meta.symbol) if meta.symbol else doc_id_from_path(path)
        document = segment(source, normalized, lang, doc_id)
        header = replace(
            document.header,
            date=meta.date or document.header.date,
            sender=document.header.sender or meta.author,
            symbol=meta.symbol,
        )
        document = replace(document, header=header)
        document, extraction = extractor.run(document)
    return BuiltDocument(document=document, extraction=extraction)


#: What processing one document gives: its graph's material, or why it failed.
Processed = BuiltDocument | InputError


def process_safely(
    path: Path,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    data: bytes | None = None,
    meta: Metadata | None = None,
    clock: Stopwatch | None = None,
) -> Processed:
    """:func:`process` one document, returning its error instead of raising it,
    so that one bad document does not stop the others. An unexpected exception
    is reported as an :class:`InputError` of that document, naming the exception."""
    try:
        return process(path, lang=lang, max_mb=max_mb, data=data, meta=meta, clock=clock)
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(path, "is nested too deeply to process")
    except MemoryError:
        return InputError(path, "needs more memory than is available")
    except Exception as exc:  # a bug must not sink a corpus build; the reason names it
        return InputError(
            path, f"could not be processed ({type(exc).__name__}: {exc}); please report this"
        )


#: What a build gets for one document: its shard, or why it failed.
Sharded = Shard | InputError

#: The sharder of the build in progress, in a worker process (set by
#: :func:`_worker_start`; a forked worker inherits it with its shapes compiled).
_SHARDER: Sharder | None = None


def shard_safely(
    path: Path,
    sharder: Sharder,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    data: bytes | None = None,
    meta: Metadata | None = None,
    clock: Stopwatch | None = None,
) -> Sharded:
    """:func:`process_safely` one document and make its shard with ``sharder``;
    return the shard, or the error that says why there is none. ``clock``
    times the stages."""
    processed = process_safely(path, lang, max_mb, data, meta, clock)
    if isinstance(processed, InputError):
        return processed
    try:
        return sharder.shard(processed, clock)
    except Exception as exc:  # a bug must not sink a corpus build; the reason names it
        return InputError(
            path,
            f"could not be made into a graph ({type(exc).__name__}: {exc}); please report this",
        )


#: What the build keeps of one document: its description and its part file,
#: or why it failed.
Stored = tuple[DocumentInfo, StoredPart] | InputError


def _stored(result: Sharded, target: Path, clock: Stopwatch | None = None) -> Stored:
    """Write a shard's part to ``target`` (a part file), timed by ``clock`` as
    more of the stage ``serialise``, whose seconds the stored part carries
    (:attr:`~nonprolif_kg.spill.StoredPart.seconds`); errors pass through."""
    if isinstance(result, InputError):
        return result
    clock = clock or Stopwatch(result.seconds)  # made elsewhere: the seconds it brings
    with clock("serialise"):
        stored = write_part(target, result.part, result.info)
    return result.info, replace(stored, seconds=clock.items())


def _process_to_file(job: tuple[int, Path, Path, str | None, float, str]) -> str:
    """Process one document in a worker, write its part file to the job's
    target, and pickle what the build keeps of it (or its error) to a file in
    the folder the job names; return that file's name.

    Only that short name crosses the pipe back: a write of under 4 KiB to a pipe
    is atomic, so a worker killed mid-send cannot leave half a message that
    blocks the pool for ever (as a large result can).
    """
    index, path, target, lang, max_mb, folder = job
    if _SHARDER is None:
        raise RuntimeError("no sharder: workers must be started by process_all")
    clock = Stopwatch()
    result = _stored(shard_safely(path, _SHARDER, lang, max_mb, clock=clock), target, clock)
    name = os.path.join(folder, f"{index}.pickle")
    with open(name, "wb") as handle:
        pickle.dump(result, handle, protocol=5)
    return name


def _worker_start(parent: int, sharder: Sharder) -> None:
    """Set up a worker: keep the build's ``sharder`` (inherited when forked,
    else sent once), and make the worker die with the build that started it
    (on Linux), so that a build killed outright leaves no worker waiting for ever."""
    global _SHARDER
    _SHARDER = sharder
    _collect_less()
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


#: The collector's thresholds while documents are processed: a document makes
#: tens of thousands of short-lived objects, which the default (700) collects
#: every few hundred allocations.
_GC_THRESHOLD = (50_000, 20, 100)


def _collect_less() -> None:
    """Set the garbage collector for processing documents: the objects made so
    far (the extractor's automaton and catalogue, the compiled shapes: all
    long-lived) out of its sight, and young objects collected less often. A
    tenth of a document's time, measured, goes otherwise to the collector; a
    forked worker also keeps more pages shared with the build."""
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLD)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """:func:`_collect_less` for a block, the collector as it was after it (the
    objects frozen at its start are seen again)."""
    threshold = gc.get_threshold()
    _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _load_result(name: str) -> Stored:
    with open(name, "rb") as handle:
        result = pickle.load(handle)
    os.unlink(name)
    if not isinstance(result, tuple | InputError):
        raise TypeError(f"{name}: a worker returned {type(result).__name__}")
    if isinstance(result, InputError):
        return result
    info, stored = result
    return kept_info(info), kept(stored)


def process_all(
    paths: Sequence[Path],
    targets: Sequence[Path],
    sharder: Sharder,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    executor: str = "local",
    scheduler: str | None = None,
) -> Generator[Stored, None, None]:
    """Process ``paths`` and make their shards with ``sharder``, written as part
    files to ``targets`` (one per path; :mod:`nonprolif_kg.spill`), in ``jobs``
    worker processes (default: every core), or with ``executor="dask"`` on the
    Dask cluster at ``scheduler`` (default: a local cluster of ``jobs`` workers;
    :mod:`nonprolif_kg.distributed`).

    Yields one result per path, in input order, as they come: the document's
    :class:`~nonprolif_kg.shard.DocumentInfo` and its stored part, or the
    :class:`InputError` that says why the document could not be built.
    ``progress(done, total)`` is called as documents finish, and with 0 done
    before the first (when there are any); ``lang`` and
    ``max_mb`` are passed to :func:`process`.
    Raises :class:`ValueError` for an unknown executor at once, and
    :class:`WorkerDiedError` when a worker process is killed (by the kernel's
    out-of-memory killer, say).
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if progress and paths:
        progress(0, len(paths))
    workers = min(_jobs(jobs), len(paths))
    if executor == "dask":
        from .distributed import process_on_dask

        results = process_on_dask(
            paths, sharder.settings, workers, scheduler, progress, lang, max_mb
        )
        return (_stored(r, t) for r, t in zip(results, targets, strict=True))
    if workers <= 1:
        return _here(paths, targets, sharder, progress, lang, max_mb)
    return _in_workers(paths, targets, sharder, workers, progress, lang, max_mb)


def _jobs(jobs: int | None) -> int:
    """The number of jobs: ``jobs``, or by default every core."""
    return jobs or os.cpu_count() or 1


def _here(
    paths: Sequence[Path],
    targets: Sequence[Path],
    sharder: Sharder,
    progress: Callable[[int, int], None] | None,
    lang: str | None,
    max_mb: float,
) -> Generator[Stored, None, None]:
    """Process the documents in this process, the collector set as in a worker
    (:func:`_collect_less`) until the last is done (or the caller stops)."""
    with _collecting_less():
        for i, (path, target) in enumerate(zip(paths, targets, strict=True), start=1):
            clock = Stopwatch()
            result = _stored(shard_safely(path, sharder, lang, max_mb, clock=clock), target, clock)
            if progress:  # before the hand-over: the caller takes no item after the last
                progress(i, len(paths))
            yield result


def _in_workers(
    paths: Sequence[Path],
    targets: Sequence[Path],
    sharder: Sharder,
    workers: int,
    progress: Callable[[int, int], None] | None,
    lang: str | None,
    max_mb: float,
) -> Generator[Stored, None, None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    total = len(paths)
    chunk = max(1, min(32, total // (workers * 8) or 1))
    done = 0
    with tempfile.TemporaryDirectory(prefix="nonprolif-kg-") as folder:
        jobs_to_files = [
            (i, p, t, lang, max_mb, folder)
            for i, (p, t) in enumerate(zip(paths, targets, strict=True))
        ]
        try:
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(os.getpid(), sharder),
            ) as pool:
                for name in pool.map(_process_to_file, jobs_to_files, chunksize=chunk):
                    done += 1
                    result = _load_result(name)
                    if progress:  # before the hand-over: the caller takes no item after the last
                        progress(done, total)
                    yield result
        except BrokenProcessPool:
            raise WorkerDiedError(done, total) from None


def build(
    inputs: Sequence[Path],
    out: Path,
    base: str = DEFAULT_BASE,
    *,
    validate: bool = True,
    engine: str = "auto",
    shapes: Path | None = None,
    build_time: dt.datetime | None = None,
    license_iri: str | None = None,
    summary: bool = True,
    label_lang: str | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    executor: str = "local",
    scheduler: str | None = None,
    cache: Path | None = None,
    prune_cache: bool = False,
    stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of every document in ``inputs`` and write it to ``out``.

    With ``validate`` (the default) the dataset is checked against the SHACL
    shapes (``shapes``, default the bundled ones) with ``engine``, and
    ``validation.txt`` and ``validation.json`` are written beside the graph; the
    graph is written whether or not it conforms, and the result's ``validation``
    says which. Raises :class:`InputError` (naming the file) for a document that
    cannot be read, and for two documents that would get the same document id;
    :class:`DataError` for unusable shapes; :class:`ValueError` for an unknown
    engine. In each of these cases nothing is written. ``build_time`` is recorded
    as the build activity's start time when given. With ``summary`` (the
    default) the network summary, its figures and the GraphML/GEXF projections
    are written too (:mod:`nonprolif_kg.summary_files`), labelled in
    ``label_lang`` (default: the corpus's majority language). Documents are
    processed by ``jobs`` worker processes (default: every core; 1 processes them
    here), in input order whatever the number of jobs; ``progress(done, total)``
    is called as they finish (with 0 done as they begin), and ``stage(what)``
    as each stage around them begins (checking the cache, reading the cached
    documents, writing each corpus file, the summary). ``lang`` overrides
    language detection for every document; ``max_mb`` is the size limit of one
    document's text. With
    ``executor="dask"`` documents are processed on the Dask cluster at
    ``scheduler`` (default: a local cluster of ``jobs`` workers); the output is
    the same. With ``cache`` (a folder), documents processed by an earlier build
    with the same pipeline, bytes and options are taken from it, and new ones
    kept there (:mod:`nonprolif_kg.cache`); the output is the same. With
    ``prune_cache`` the entries this build did not use are removed, so that a
    cache of one corpus keeps its size.
    """
    minter = Minter(base)
    extractor = default_extractor()  # compiled before workers fork, so they share it
    checked_shapes = load_shapes(shapes) if validate else None
    resolved = available_engine(engine) if validate else engine
    if lang is not None and lang not in SUPPORTED:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(SUPPORTED)})")
    if max_mb <= 0:
        raise ValueError(f"the size limit must be positive, not {max_mb:g} MB")
    paths = collect(inputs)
    seconds: dict[str, float] = {}
    stages: dict[str, float] = {}
    started = time.perf_counter()
    sharder = Sharder(ShardSettings(minter.base, checked_shapes, resolved), extractor)
    store = DocumentCache(cache, sharder.settings) if cache is not None else None
    if store and stage:
        stage(f"checking the cache for {len(paths)} document(s)")
    keys = {p: store.key(p, lang, max_mb) for p in paths} if store else {}
    held = {p: key for p, key in keys.items() if key and store and store.has(key)}
    if held and stage:
        stage(f"reading {len(held)} cached document(s)")
    # Read before the workers start: a rebuild's time, where few documents changed.
    cached_parts = {p: store.get(key) for p, key in held.items()} if store else {}
    place = _existing(out)
    _clear_stale_spills(place)
    prefix = f"{_SPILL}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=place) as tmp:
        spill = Path(tmp)
        todo = [(i, p) for i, p in enumerate(paths) if p not in held]
        fresh = process_all(
            [p for _, p in todo],
            [spill / f"{i}.part" for i, _ in todo],
            sharder,
            jobs,
            progress,
            lang,
            max_mb,
            executor,
            scheduler,
        )
        shards: list[tuple[DocumentInfo, StoredPart]] = []
        failures: list[InputError] = []
        cached = 0
        to_keep: list[tuple[str, Path]] = []  # fresh shards for the cache, once built
        for index, path in enumerate(paths):
            key = keys.get(path)
            found = cached_parts.get(path)
            if found is not None:
                cached += 1
                result: Stored = found
            elif path in held:  # an entry gone bad since it was found: made here instead
                made = shard_safely(path, sharder, lang, max_mb)
                result = _stored(made, spill / f"{index}.part")
            else:
                result = next(fresh)
            if isinstance(result, InputError):
                failures.append(result)
                continue
            shards.append(result)
            for name, spent in result[1].seconds:
                stages[name] = stages.get(name, 0.0) + spent
            if store and key and found is None:
                to_keep.append((key, result[1].file))
        # Every document is in: the workers stop now, not when the generator is
        # collected, so that idle workers hold no memory and the pool's threads
        # no lock through the assembly (and the summary process can be forked).
        fresh.close()
        seconds["documents"] = time.perf_counter() - started
        shards, clashes = _check_unique_ids(shards)
        failures = sorted(failures + clashes, key=lambda e: str(e.path))
        if not shards:
            raise NothingBuiltError(tuple(failures))
        infos = [info for info, _ in shards]
        named = sorted({k for info in infos for k in info.keys})
        entities = list(extractor.catalogue.entities)
        entities += [extractor.entity(k) for k in named if k not in extractor.catalogue]
        builder = DatasetBuilder(minter, entities, build_time)
        sources = [info.source for info in infos]
        activity = builder.activity(sources)
        header = sort_quads(builder.header_quads(sources))
        parts = [
            write_part(spill / f"graph-{i}.part", p)
            for i, p in enumerate(header_parts(header, minter))
        ]
        parts += _document_parts(shards, sharder, spill)
        report = None
        if checked_shapes is not None:
            context = [_expression_type(minter, s) for s in sources]
            own = validate_quads(header, checked_shapes, resolved, context=context)
            report = combine([own] + [p.validation for p in parts if p.validation is not None])
        license_iri = license_iri or DEFAULT_LICENSE
        versions = Counter(info.doc_id for info in infos)  # several: computed anew
        per_document = {i.doc_id: i.centrality for i in infos if versions[i.doc_id] == 1}
        job = (
            SummaryJob(parts, spill / "summary", label_lang, per_document, _jobs(jobs) > 1)
            if summary
            else None
        )
        assembling = time.perf_counter()

        def finish(staging: Staging) -> None:
            seconds["assemble"] = time.perf_counter() - assembling
            if job is not None:
                if stage:
                    stage("waiting for the summary" if job.beside else "writing the summary")
                job.finish(staging)
                seconds["summary"] = job.seconds

        with job or nullcontext():
            written, stats = assemble(parts, activity, minter, out, license_iri, finish, stage)
        if store:  # the build went through: its new shards join the cache
            for key, file in to_keep:
                store.keep(key, file)
    if report is not None:
        for name, text in (
            ("validation.txt", to_text(report)),
            ("validation.json", to_json(report)),
        ):
            write_atomic(out / name, text.encode("utf-8"))
            written[name] = out / name
    result_of_build = BuildResult(
        documents=len(infos),
        paragraphs=sum(i.paragraphs for i in infos),
        mentions=sum(i.mentions for i in infos),
        entities=len(named),
        triples=stats.triples,
        quads=sum(p.quads for p in parts),
        outputs=tuple(written.values()),
        validation=report,
        failures=tuple(failures),
        cached=cached,
        seconds=seconds,
        stages=stages,
    )
    write_atomic(out / "report.json", build_report(result_of_build, infos).encode("utf-8"))
    if store and prune_cache:
        store.prune({k for k in keys.values() if k})
    return replace(result_of_build, outputs=(*result_of_build.outputs, out / "report.json"))


#: The name of a build's temporary folder of part files starts with this, then
#: the process id of the build.
_SPILL = ".nonprolif-kg-parts-"


def _clear_stale_spills(folder: Path) -> None:
    """Remove the temporary part folders in ``folder`` of builds that are no
    longer running (killed outright, they could not remove their own)."""
    import shutil

    for entry in folder.glob(f"{_SPILL}*"):
        pid = entry.name[len(_SPILL) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or not entry.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except PermissionError:  # another user's running build
            continue


def _existing(path: Path) -> Path:
    """``path``, or its nearest ancestor that exists (a place for temporary
    files on the output's file system, without creating the output folder)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _expression_type(minter: Minter, source: Source) -> ox.Quad:
    """The type a document graph gives a document version, which the provenance
    graph names."""
    expression = ox.NamedNode(minter.expression(source.doc_id, source.lang))
    return ox.Quad(
        expression,
        ox.NamedNode(str(rdflib.RDF.type)),
        ox.NamedNode(f"{NPO_IRI}Expression"),
        ox.NamedNode(minter.graph(f"doc/{source.doc_id}")),
    )


def _document_parts(
    shards: Sequence[tuple[DocumentInfo, StoredPart]], sharder: Sharder, spill: Path
) -> list[StoredPart]:
    """The document graphs' parts: a shard's own where the graph is one file's,
    else (language versions of one document) made anew from their shards' quads."""
    by_graph: dict[str, list[tuple[DocumentInfo, StoredPart]]] = {}
    for info, part in shards:
        by_graph.setdefault(part.name, []).append((info, part))
    parts = []
    for name, group in by_graph.items():
        if len(group) == 1:
            parts.append(group[0][1])
            continue
        quads = [
            q
            for _, part in group
            for q in ox.parse(read(part, "nquads"), format=ox.RdfFormat.N_QUADS)
        ]
        keys = tuple(sorted({k for info, _ in group for k in info.keys}))
        target = spill / f"merged-{len(parts)}.part"
        parts.append(write_part(target, sharder.part(name, quads, keys)))
    return parts


def _check_unique_ids(
    shards: Sequence[tuple[DocumentInfo, StoredPart]],
) -> tuple[list[tuple[DocumentInfo, StoredPart]], list[InputError]]:
    """Two files may share a document id only as two language versions of it.

    Returns the shards kept and an error for each later file that repeats an
    earlier one's id (in input order).
    """
    seen: dict[tuple[str, str], Path] = {}
    kept: list[tuple[DocumentInfo, StoredPart]] = []
    clashes: list[InputError] = []
    for info, part in shards:
        other = seen.setdefault((info.doc_id, lang_segment(info.lang)), info.path)
        if other != info.path:
            clashes.append(
                InputError(
                    info.path,
                    f"has the same document id {info.doc_id!r} as {other}; rename one",
                )
            )
        else:
            kept.append((info, part))
    return kept, clashes
