"""What a build shows on a terminal while it runs.

First the documents: one line, rewritten as they finish, with how many are
done, their rate and the time left. Then each later stage on a line of its own
as it starts ("writing graph.nq... "), ended with the seconds it took when the
next one starts: on a corpus of thousands of documents the corpus files and
the summary take minutes after the last document, and a silent terminal looks
like a hung build.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """A build's report on ``stream`` (a terminal), timed by ``clock``
    (seconds). Hand :meth:`documents` and :meth:`stage` to
    :func:`~nonprolif_kg.pipeline.build` inside ``with`` the report (or call
    :meth:`close` after it), so that the last line is ended whether the build
    returns or fails."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        #: When the documents began: made, or shown with none done.
        self._documents_since = clock()
        #: When the open stage line's stage began, if one is open.
        self._stage_since: float | None = None
        #: Whether the documents' line is open (written without its line break).
        self._documents_open = False

    def documents(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` documents are processed; ``done``
        is 0 when they begin, which the rate counts from."""
        if self._stage_since is not None:
            self._end_line()
        if done == 0:
            self._documents_since = self._clock()
        elapsed = self._clock() - self._documents_since
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate else 0.0
        self._write(f"\r{done}/{total} documents, {rate:.1f}/s, {left:.0f} s left ")
        self._documents_open = done < total
        if not self._documents_open:
            self._write("\n")

    def stage(self, text: str) -> None:
        """Show that the build now does ``text`` ("writing graph.nq"), and
        how long the stage before it took."""
        self._end_line()
        self._stage_since = self._clock()
        self._write(f"{text}... ")

    def close(self) -> None:
        """End the open line, if any (with the open stage's seconds)."""
        self._end_line()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _end_line(self) -> None:
        if self._stage_since is not None:
            self._write(f"{self._clock() - self._stage_since:.1f} s\n")
            self._stage_since = None
        elif self._documents_open:
            self._write("\n")
            self._documents_open = False

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
