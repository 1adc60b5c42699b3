"""Reading RDF files that users hand to the tool (for ``validate`` and later ``query``).

The format follows the file name: ``.ttl`` Turtle, ``.nt`` N-Triples, ``.trig``
TriG, ``.nq`` N-Quads. Oxigraph's strict parser reads them; a file that does not
exist or does not parse is refused with an :class:`~nonprolif_kg.errors.InputError`
naming the file, the line and the parser's reason.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import InputError

__all__ = ["read_quads", "RDF_SUFFIXES"]

#: File name endings and the formats they stand for.
RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}
_NAMES = {".ttl": "Turtle", ".nt": "N-Triples", ".trig": "TriG", ".nq": "N-Quads"}


def read_quads(path: Path) -> tuple[list[ox.Quad], bool]:
    """Parse ``path``; return its quads and whether the format has named graphs."""
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(RDF_SUFFIXES)
        raise InputError(path, f"is not an RDF file this tool reads (known endings: {known})")
    if not path.is_file():
        raise InputError(path, "does not exist" if not path.exists() else "is not a file")
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        name = _NAMES[path.suffix.lower()]
        raise InputError(path, f"is not valid {name} ({exc.msg or exc})") from None
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    return quads, fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
