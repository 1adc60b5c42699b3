"""The network summary of a build, made beside the assembly of its graph files.

The summary (:mod:`nonprolif_kg.summary_files`) reads only the parts' rows
(:func:`~nonprolif_kg.summarize.part_rows`, computed by the workers), not the
assembled files, so a build with more than one job makes it in
a process of its own while the main process assembles the graph: the two
stages take the time of the longer, not of both. The summary's files are
written to a folder of their own and join the graph files when those are put
in place (:meth:`nonprolif_kg.export.Staging.adopt`), so that a build that
fails in either leaves the output folder as it was.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import SummaryDiedError
from .export import Staging
from .spill import StoredPart, read

__all__ = ["START_METHOD", "SummaryJob", "start_method", "write_part_summary"]


#: How the summary process is started: ``None`` lets :func:`start_method`
#: choose; else a :mod:`multiprocessing` start method.
START_METHOD: str | None = None


def start_method() -> str:
    """:data:`START_METHOD`, or ``fork`` (nothing imported again) where no
    other thread runs, else ``spawn``: a lock another thread (a Dask client's)
    holds at the fork would stay held in the child."""
    if START_METHOD is not None:
        return START_METHOD
    return "fork" if os.name == "posix" and threading.active_count() == 1 else "spawn"


def write_part_summary(
    parts: Sequence[StoredPart],
    folder: Path,
    label_lang: str | None,
    per_document: Mapping[str, dict[str, Any]],
) -> list[str]:
    """Write the summary of the dataset made of ``parts`` into ``folder``;
    return the written files' paths relative to ``folder``. ``label_lang`` and
    ``per_document`` are :func:`~nonprolif_kg.summary_files.write_summary`'s."""
    from .summarize import project_rows
    from .summary_files import summary_inputs, write_summary_files

    rows = (json.loads(read(part, "rows")) for part in sorted(parts, key=lambda p: p.name))
    inputs = summary_inputs(project_rows(rows), label_lang, per_document)
    _give_back_memory()  # what reading the rows took and left free, before the files are made
    written = write_summary_files(inputs, folder)
    return [str(path.relative_to(folder)) for path in written]


def _give_back_memory() -> None:
    """Hand the heap memory freed so far back to the system, where the C
    library is glibc (``malloc_trim``); else nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library (musl)
        return


def _child(
    conn: Connection,
    parts: Sequence[StoredPart],
    folder: Path,
    label_lang: str | None,
    per_document: Mapping[str, dict[str, Any]],
) -> None:
    """The summary process: write the summary, send back ("ok", names, seconds)
    or ("error", exception)."""
    start = time.perf_counter()
    try:
        names = write_part_summary(parts, folder, label_lang, per_document)
        message: tuple[Any, ...] = ("ok", names, time.perf_counter() - start)
    except Exception as exc:  # sent to the build, which raises it
        message = ("error", exc)
    try:
        conn.send(message)
    except Exception as exc:  # an exception that cannot be pickled
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


class SummaryJob:
    """The summary of ``parts``, written into ``folder`` (a new, private folder)
    and adopted into a :class:`~nonprolif_kg.export.Staging` by :meth:`finish`.

    As a context manager it starts the work in a process of its own when
    ``beside`` is true (a build with more than one job), else :meth:`finish`
    does it in this process; leaving the context stops a process still running.
    :attr:`seconds` is the time the summary took, once finished.
    """

    def __init__(
        self,
        parts: Sequence[StoredPart],
        folder: Path,
        label_lang: str | None,
        per_document: Mapping[str, dict[str, Any]],
        beside: bool,
    ) -> None:
        light = [replace(p, validation=None) for p in parts]  # all a summary reads of them
        self._args = (light, folder, label_lang, dict(per_document))
        self.folder = folder
        self.beside = beside
        self.seconds = 0.0
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> SummaryJob:
        if self.beside:
            context: Any = multiprocessing.get_context(start_method())
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(send, *self._args), name="nonprolif-kg-summary"
            )
            self._process.start()
            send.close()
            self._conn = receive
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def finish(self, staging: Staging) -> None:
        """Wait for the summary (or make it, when not ``beside``) and stage its
        files. Raises what the summary raised, or :class:`SummaryDiedError`."""
        if self._conn is None:
            start = time.perf_counter()
            names = write_part_summary(*self._args)
            self.seconds = time.perf_counter() - start
        else:
            try:
                message = self._conn.recv()
            except EOFError:
                raise SummaryDiedError() from None
            if message[0] == "error":
                raise message[1]
            _, names, self.seconds = message
        for name in names:
            staging.adopt(name, self.folder / name)
