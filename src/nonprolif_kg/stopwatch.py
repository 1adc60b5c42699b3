"""Seconds spent per stage of a document's processing, for the build's figures.

A :class:`Stopwatch` is handed down the per-document functions (read, extract,
graph, validate, serialise); each times its stage with ``with clock("stage"):``.
The build adds up the stopwatches of the documents it processed
(:attr:`nonprolif_kg.pipeline.BuildResult.stages`). Not part of any output.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

__all__ = ["STAGES", "Stopwatch"]

#: The stages of a document, in the order they run.
STAGES = ("read", "extract", "graph", "validate", "serialise")


class Stopwatch:
    """Seconds per stage name, added up over the stages timed with it."""

    def __init__(self, recorded: Iterable[tuple[str, float]] = ()) -> None:
        """Start from the ``recorded`` (stage, seconds) of an earlier :meth:`items`."""
        self.seconds: dict[str, float] = dict(recorded)

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        """Time the block as (more of) ``stage``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def items(self) -> tuple[tuple[str, float], ...]:
        """The stages' seconds, in :data:`STAGES` order, then any other."""
        order = {name: i for i, name in enumerate(STAGES)}
        return tuple(sorted(self.seconds.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))
