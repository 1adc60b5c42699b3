"""A cache of documents' shards, so that a rebuild redoes only what changed.

Each document's shard (its graph serialised and validated) is kept as a part
file (:mod:`nonprolif_kg.spill`) under a key made of the pipeline's fingerprint
(its version and the bytes of every file of the package: code, catalogue,
lexicons, bundled shapes), the shard settings (base, engine, the bytes of the
shapes files), the document's path, the SHA-256 of its bytes and of its
metadata file, and the options that change what processing makes of it
(``lang``, ``max_mb``). Any change to one of these misses
the cache; a damaged or unreadable entry is treated as a miss. Entries are
written through a temporary file renamed into place, so an
interrupted build leaves no half entry, and a build reads only their headers:
the assembly reads the graphs from the entries themselves. A build's new
shards join the cache once the build went through, so that a failed build
leaves the output folder as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache
from pathlib import Path

from . import __version__
from .errors import InputError
from .metadata import metadata_path
from .read import read_bytes
from .resources import package_dir
from .shard import DocumentInfo, ShardSettings
from .spill import StoredPart, read_header

__all__ = ["DocumentCache", "fingerprint"]


@cache
def fingerprint() -> str:
    """The SHA-256 of the pipeline: its version and every file of the package."""
    digest = hashlib.sha256(__version__.encode())
    root = package_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class DocumentCache:
    """Shards kept in ``folder``, one file per key, made under ``settings``."""

    def __init__(self, folder: Path, settings: ShardSettings) -> None:
        self.folder = folder
        self.settings = settings.digest()
        self.hits = 0

    def key(self, path: Path, lang: str | None, max_mb: float) -> str | None:
        """The key of ``path`` processed with ``lang`` and ``max_mb``, or ``None``
        when the file is not one the reader would read (not a regular file, too
        large, unreadable): it is then processed, and refused, as usual."""
        digest = hashlib.sha256(fingerprint().encode())
        digest.update(f"\0{self.settings}\0{path}\0{lang}\0{float(max_mb)!r}\0".encode())
        try:
            digest.update(hashlib.sha256(read_bytes(path, max_mb)).digest())
            meta = metadata_path(path)
            if meta.is_file():
                digest.update(hashlib.sha256(meta.read_bytes()).digest())
        except (InputError, OSError):
            return None
        return digest.hexdigest()

    def keep(self, key: str, part_file: Path) -> None:
        """Keep the part file ``part_file`` (:mod:`nonprolif_kg.spill`) under
        ``key``, moving it into the cache (renamed where it can be, else copied
        through a temporary file)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = self.folder / f"{key}.part"
        try:
            os.replace(part_file, entry)
        except OSError:  # another file system
            tmp = self.folder / f".{key}.part.tmp"
            shutil.copyfile(part_file, tmp)
            os.replace(tmp, entry)

    def has(self, key: str) -> bool:
        """Whether an entry is kept under ``key`` (it may still be damaged)."""
        return (self.folder / f"{key}.part").is_file()

    def get(self, key: str) -> tuple[DocumentInfo, StoredPart] | None:
        """The document and part kept under ``key``, or ``None`` (also for a
        damaged entry); only the entry's header is read."""
        found = read_header(self.folder / f"{key}.part")
        if found is None or found[0] is None:
            return None
        self.hits += 1
        return found[0], found[1]

    def prune(self, keep: set[str]) -> int:
        """Remove the entries whose keys are not in ``keep``; return how many."""
        removed = 0
        if self.folder.is_dir():
            for entry in self.folder.glob("*.part"):
                if entry.stem not in keep:
                    entry.unlink(missing_ok=True)
                    removed += 1
        return removed
