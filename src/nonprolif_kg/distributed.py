"""The per-document step on a Dask cluster: paths -> shards, gathered in order.

This machine reads each document's bytes and metadata (so workers need no view
of its files), Dask sends them to the cluster's workers, which read, normalise,
segment and extract them and make their shards
(:func:`nonprolif_kg.pipeline.shard_safely`), and the results come back in
input order, as from local worker processes. The shard settings (base, shapes,
engine) are sent to each worker once. Without a
scheduler address a local cluster of ``jobs`` worker processes is started and
stopped. Workers need ``nonprolif-kg`` installed at the same version. Needs
the ``dask`` extra: ``pip install 'nonprolif-kg[dask]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import InputError, WorkerDiedError
from .metadata import Metadata, read_metadata
from .read import DEFAULT_MAX_MB, read_bytes
from .shard import Shard, Sharder, ShardSettings
from .stopwatch import Stopwatch

__all__ = ["process_on_dask", "Job"]

#: One document as sent to a worker: path, bytes, metadata, language, size limit.
Job = tuple[Path, bytes, Metadata, str | None, float]


#: The sharder of this worker, made from the first settings it is sent.
_SHARDERS: dict[int, Sharder] = {}


def _run_job(job: Job, settings: ShardSettings) -> Shard | InputError:
    """Process one document on a worker and make its shard; errors come back as values."""
    from .extract import default_extractor
    from .pipeline import shard_safely

    path, data, meta, lang, max_mb = job
    sharder = _SHARDERS.get(id(settings))
    if sharder is None or sharder.settings is not settings:
        sharder = _SHARDERS[id(settings)] = Sharder(settings, default_extractor())
    clock = Stopwatch()
    result = shard_safely(path, sharder, lang, max_mb, data, meta, clock)
    return result if isinstance(result, InputError) else replace(result, seconds=clock.items())


def process_on_dask(
    paths: Sequence[Path],
    settings: ShardSettings,
    jobs: int | None,
    scheduler: str | None,
    progress: Callable[[int, int], None] | None = None,
    lang: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
) -> list[Shard | InputError]:
    """Process ``paths`` on the Dask cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a local cluster of ``jobs`` worker processes
    when it is ``None``, with shards made under ``settings``. Returns one result
    per path, in input order.

    Raises :class:`ValueError` when Dask is not installed or the scheduler
    cannot be reached, and :class:`WorkerDiedError` when the cluster loses the
    work.
    """
    try:
        dask: Any = importlib.import_module("dask.distributed")  # typed as Any: untyped library
    except ImportError:
        raise ValueError("--executor dask needs Dask: pip install 'nonprolif-kg[dask]'") from None
    results: list[Shard | InputError | None] = [None] * len(paths)
    todo: list[tuple[int, Job]] = []
    for i, path in enumerate(paths):
        try:
            todo.append((i, (path, read_bytes(path, max_mb), read_metadata(path), lang, max_mb)))
        except InputError as exc:
            results[i] = exc
    cluster: Any = None
    try:
        if scheduler is None:
            cluster = dask.LocalCluster(
                n_workers=jobs or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = dask.Client(cluster)
        else:
            client = dask.Client(scheduler, timeout="10s")
    except OSError as exc:
        raise ValueError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        [shared] = client.scatter([settings], broadcast=True)
        futures = client.map(_run_job, [job for _, job in todo], settings=shared, pure=False)
        index = {future.key: i for future, (i, _) in zip(futures, todo, strict=True)}
        done = len(paths) - len(todo)
        for future in dask.as_completed(futures):
            try:
                results[index[future.key]] = future.result()
            except Exception:
                raise WorkerDiedError(done, len(paths)) from None
            done += 1
            if progress:
                progress(done, len(paths))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    complete = [r for r in results if r is not None]
    if len(complete) != len(paths):
        raise WorkerDiedError(len(complete), len(paths))
    return complete
