"""Triple stores: an embedded on-disk Oxigraph store, and any SPARQL 1.1 server.

:func:`update_store` builds or updates a persistent Oxigraph store in a folder:
each named graph of the input replaces the graph of the same name, so loading
the same file twice changes nothing. :func:`push` sends a dataset to a server
over the SPARQL 1.1 Graph Store Protocol: one ``PUT`` per named graph (or one for
the whole dataset into the default graph), each replacing what was there, so a
reload never duplicates. A failure names what was and was not loaded; a password
is sent only in the Authorization header and never appears in a message.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, NonprolifError
from .graphfile import read_quads

__all__ = ["update_store", "push", "LoadError", "LoadReport", "StoreReport"]


class LoadError(NonprolifError):
    """A server refused or failed a load: ``loaded`` and ``pending`` name the graphs."""

    def __init__(self, reason: str, loaded: Sequence[str], pending: Sequence[str]) -> None:
        self.reason = reason
        self.loaded = tuple(loaded)
        self.pending = tuple(pending)
        done = ", ".join(self.loaded) or "none"
        left = ", ".join(self.pending) or "none"
        super().__init__(f"{reason}; loaded: {done}; not loaded: {left}")


@dataclass(frozen=True)
class StoreReport:
    """What :func:`update_store` did: the graphs replaced and the store's size."""

    graphs: tuple[str, ...]
    quads: int


@dataclass(frozen=True)
class LoadReport:
    """What :func:`push` loaded: graph name -> number of triples."""

    graphs: dict[str, int] = field(default_factory=dict)


def _groups(quads: Sequence[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Triples by graph name ("" for the default graph), names sorted."""
    groups: dict[str, list[ox.Triple]] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        groups.setdefault(name, []).append(q.triple)
    return dict(sorted(groups.items()))


def update_store(directory: Path, graphs: Sequence[Path]) -> StoreReport:
    """Load each graph file into the store at ``directory``, replacing its graphs."""
    loaded = [read_quads(path)[0] for path in graphs]  # parse everything before writing
    try:
        store = ox.Store(str(directory))
    except OSError as exc:
        raise InputError(directory, f"cannot be opened as an Oxigraph store ({exc})") from None
    replaced: list[str] = []
    for quads in loaded:
        for name, triples in _groups(quads).items():
            target: ox.NamedNode | ox.DefaultGraph = (
                ox.NamedNode(name) if name else ox.DefaultGraph()
            )
            store.clear_graph(target)
            store.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in triples)
            replaced.append(name or "(default graph)")
    store.flush()
    return StoreReport(graphs=tuple(replaced), quads=len(store))


def _request(url: str, data: bytes, auth: str | None) -> None:
    request = urllib.request.Request(url, data=data, method="PUT")
    request.add_header("Content-Type", "application/n-triples")
    if auth:
        request.add_header("Authorization", f"Basic {auth}")
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - user's endpoint
        response.read()


def _safe(url: str) -> str:
    """``url`` without user and password, for messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def push(
    quads: Sequence[ox.Quad],
    endpoint: str,
    *,
    per_graph: bool = True,
    user: str | None = None,
    password: str | None = None,
) -> LoadReport:
    """PUT ``quads`` to the Graph Store Protocol ``endpoint``.

    With ``per_graph`` each named graph replaces the server's graph of that name
    (triples of the default graph go to the default graph); otherwise every
    triple goes, once, to the default graph. Raises :class:`LoadError` at the
    first refusal or failure.
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LoadError(f"the endpoint {_safe(endpoint)!r} is not an http(s) URL", [], [])
    if parts.username and user is None:
        user, password = (
            urllib.parse.unquote(parts.username),
            urllib.parse.unquote(parts.password or ""),
        )
    base = urllib.parse.urlunsplit(
        (parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path, parts.query, "")
    )
    auth = (
        base64.b64encode(f"{user}:{password or ''}".encode()).decode() if user is not None else None
    )
    if per_graph:
        groups = _groups(quads)
    else:
        unique = sorted({q.triple for q in quads}, key=str)
        groups = {"": unique}
    names = list(groups)
    report = LoadReport()
    for i, name in enumerate(names):
        separator = "&" if parts.query else "?"
        target = (
            f"{base}{separator}graph={urllib.parse.quote(name, safe='')}"
            if name
            else f"{base}{separator}default"
        )
        data = ox.serialize(groups[name], format=ox.RdfFormat.N_TRIPLES) or b""
        shown = [n or "(default graph)" for n in names]
        try:
            _request(target, data, auth)
        except urllib.error.HTTPError as exc:
            raise LoadError(
                f"{_safe(endpoint)} refused {shown[i]} (HTTP {exc.code} {exc.reason})",
                shown[:i],
                shown[i:],
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LoadError(
                f"cannot reach {_safe(endpoint)} ({reason})", shown[:i], shown[i:]
            ) from None
        report.graphs[name or "(default graph)"] = len(groups[name])
    return report
