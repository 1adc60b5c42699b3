"""Exceptions the library raises. The CLI turns them into messages and exit codes.

Each error carries what went wrong and where, so that one line can tell a user
which file to fix and how.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "NonprolifError",
    "InputError",
    "DataError",
    "NoDocumentsError",
    "NothingBuiltError",
    "WorkerDiedError",
    "SummaryDiedError",
]


class NonprolifError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(NonprolifError):
    """An input document cannot be read: ``path`` and ``reason`` say why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[Path, str]]:
        """Rebuild from path and reason, so that the error crosses process boundaries."""
        return (InputError, (self.path, self.reason))


class NoDocumentsError(NonprolifError):
    """The inputs named no document to build."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self.paths = paths
        names = ", ".join(str(p) for p in paths)
        super().__init__(f"{names}: no documents found (looked for {_suffixes()} files)")


class NothingBuiltError(NonprolifError):
    """Documents were found but none could be built; ``failures`` says why."""

    def __init__(self, failures: tuple[InputError, ...]) -> None:
        self.failures = failures
        super().__init__(
            f"none of the {len(failures)} document(s) could be built; nothing was written"
        )

    def __reduce__(self) -> tuple[type[NothingBuiltError], tuple[tuple[InputError, ...]]]:
        """Rebuild from the failures, across process boundaries."""
        return (NothingBuiltError, (self.failures,))


class WorkerDiedError(NonprolifError):
    """A worker process died while documents were being processed."""

    def __init__(self, done: int, total: int) -> None:
        self.done = done
        self.total = total
        super().__init__(
            f"a worker process died after {done} of {total} documents (killed, or out of "
            "memory?); nothing was written: try fewer --jobs or a lower --max-mb"
        )

    def __reduce__(self) -> tuple[type[WorkerDiedError], tuple[int, int]]:
        """Rebuild from the counts, across process boundaries."""
        return (WorkerDiedError, (self.done, self.total))


class SummaryDiedError(NonprolifError):
    """The process writing the network summary died (killed, or out of memory)."""

    def __init__(self) -> None:
        super().__init__(
            "the process writing the summary died (killed, or out of memory?); nothing "
            "was written: build with --no-summary, or with more memory"
        )

    def __reduce__(self) -> tuple[type[SummaryDiedError], tuple[()]]:
        """Rebuild, across process boundaries."""
        return (SummaryDiedError, ())


def _suffixes() -> str:
    from .read import SUFFIXES

    return ", ".join(SUFFIXES)


class DamagedPartError(NonprolifError):
    """A shard's file (kept in the cache, or made by this build) that cannot be
    read back: its bytes were changed since it was written."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"{self.path}: this document's shard is damaged ({reason}); nothing was "
            "written: delete the file (the document is processed again) or build with "
            "--no-cache"
        )

    def __reduce__(self) -> tuple[type[DamagedPartError], tuple[Path, str]]:
        """Rebuild, across process boundaries."""
        return (DamagedPartError, (self.path, self.reason))


class DataError(NonprolifError):
    """A bundled data file (catalogue, lexicon) is malformed.

    ``path`` is the file, ``line`` the 1-based line (0 when the whole file is at
    fault) and ``reason`` what is wrong.
    """

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        self._args = (self.path, line, reason)
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type[DataError], tuple[Path, int, str]]:
        """Rebuild from path, line and reason, across process boundaries."""
        return (DataError, self._args)
