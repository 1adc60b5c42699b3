"""The build report, ``report.json``: what a build read, built and left out.

Scripts read it to learn which documents failed and why without parsing
stderr. It holds no times or absolute dates, so the same inputs give the same
bytes. Its keys:

- ``documents``: how many were ``found``, ``built`` and ``failed``;
- ``built``: per document, its ``path``, ``doc_id``, ``lang``, ``format`` (media
  type), ``paragraphs`` and ``mentions``;
- ``failed``: per document, its ``path`` and the ``reason`` it was left out;
- ``graph``: ``paragraphs``, ``mentions``, ``entities``, ``triples``, ``quads``;
- ``validation``: ``null`` without validation, else ``conforms`` and the
  number of ``violations``, ``warnings`` and ``infos``;
- ``exit_code``: the code ``nonprolif-kg build`` exits with (0, 1 or 4).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .shard import DocumentInfo

if TYPE_CHECKING:
    from .pipeline import BuildResult

__all__ = ["build_report", "exit_code", "EXIT_OK", "EXIT_INVALID", "EXIT_PARTIAL"]

#: Every document was built and the graph conforms.
EXIT_OK = 0
#: Every document was built but the graph does not conform to the shapes.
EXIT_INVALID = 1
#: Some documents could not be built; the others were (see ``failed``).
EXIT_PARTIAL = 4


def exit_code(result: BuildResult) -> int:
    """The exit code of a build: 4 when documents failed, else 1 when the graph
    does not conform, else 0."""
    if result.failures:
        return EXIT_PARTIAL
    if result.validation is not None and not result.validation.conforms:
        return EXIT_INVALID
    return EXIT_OK


def build_report(result: BuildResult, built: Sequence[DocumentInfo]) -> str:
    """The JSON text of the report of ``result``, whose documents are ``built``."""
    validation: dict[str, Any] | None = None
    if result.validation is not None:
        validation = {
            "conforms": result.validation.conforms,
            "violations": result.validation.count("Violation"),
            "warnings": result.validation.count("Warning"),
            "infos": result.validation.count("Info"),
        }
    data = {
        "nonprolif_kg": __version__,
        "documents": {
            "found": len(built) + len(result.failures),
            "built": len(built),
            "failed": len(result.failures),
        },
        "built": [
            {
                "path": str(b.path),
                "doc_id": b.doc_id,
                "lang": b.lang,
                "format": b.media_type,
                "paragraphs": b.paragraphs,
                "mentions": b.mentions,
            }
            for b in sorted(built, key=lambda b: str(b.path))
        ],
        "failed": [{"path": str(e.path), "reason": e.reason} for e in result.failures],
        "graph": {
            "paragraphs": result.paragraphs,
            "mentions": result.mentions,
            "entities": result.entities,
            "triples": result.triples,
            "quads": result.quads,
        },
        "validation": validation,
        "exit_code": exit_code(result),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
