"""The stance lexicons: cue words of speech acts and the stance types they report.

Data files in ``data/lexicon/``: ``stance_types.tsv`` lists the types (the
concepts of the ``npo:StanceTypes`` scheme, with English and Chinese labels);
``stances.{lang}.tsv`` list each language's cues with their type, polarity and
whether the entity right after the cue is its addressee or a topic. Files are
tab-separated with a header; lines starting with ``#`` are comments. Every bad
line of every file is reported at once, with file and line number.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import DataError
from .resources import package_dir

__all__ = ["Cue", "StanceType", "Lexicon", "load_lexicon", "lexicon_dir"]

_TAKES = ("addressee", "topic")


@dataclass(frozen=True, order=True)
class StanceType:
    """A concept of the stance-type scheme."""

    notation: str
    en: str
    zh: str
    definition: str


@dataclass(frozen=True, order=True)
class Cue:
    """A word that reports a speech act of ``type``; ``polarity`` is False for a
    negated act (不履行); ``addressee`` says the entity right after it is addressed."""

    text: str
    lang: str
    type: str
    polarity: bool
    addressee: bool


@dataclass(frozen=True)
class Lexicon:
    """The stance types and the cues of every language."""

    types: tuple[StanceType, ...]
    cues: tuple[Cue, ...]

    def for_lang(self, lang: str) -> tuple[Cue, ...]:
        """The cues of one language (``zh`` covers both Chinese scripts)."""
        base = lang.split("-")[0]
        return tuple(c for c in self.cues if c.lang == base)


def lexicon_dir() -> Path:
    """The folder of the bundled lexicon files."""
    return package_dir() / "data" / "lexicon"


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [
        (i, line)
        for i, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise DataError(path, 0, "is empty")
    header_line, header = numbered[0]
    found = tuple(header.split("\t"))
    if found != columns:
        raise DataError(
            path, header_line, f"the header must be {' '.join(columns)!r}, not {' '.join(found)!r}"
        )
    reader = csv.reader((line for _, line in numbered[1:]), delimiter="\t")
    return [
        (lineno, dict(zip(columns, row, strict=False)) | {"_n": str(len(row))})
        for (lineno, _), row in zip(numbered[1:], reader, strict=True)
    ]


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Load and check the lexicon files; raise :class:`DataError` listing every bad line."""
    directory = directory or lexicon_dir()
    errors: list[str] = []
    types_path = directory / "stance_types.tsv"
    types: list[StanceType] = []
    for lineno, row in _rows(types_path, ("notation", "en", "zh", "definition")):
        if row["_n"] != "4" or not all(row[c].strip() for c in ("notation", "en", "zh")):
            errors.append(f"{types_path}:{lineno}: needs 4 tab-separated fields")
            continue
        types.append(StanceType(row["notation"], row["en"], row["zh"], row["definition"]))
    known = {t.notation for t in types}
    cues: list[Cue] = []
    seen: set[tuple[str, str]] = set()
    for path in sorted(directory.glob("stances.*.tsv")):
        lang = path.name.split(".")[1]
        for lineno, row in _rows(path, ("cue", "type", "polarity", "takes")):
            where = f"{path}:{lineno}"
            if row["_n"] != "4" or not row["cue"].strip():
                errors.append(f"{where}: needs 4 tab-separated fields")
                continue
            if row["type"] not in known:
                errors.append(f"{where}: unknown stance type {row['type']!r}")
            if row["polarity"] not in ("0", "1"):
                errors.append(f"{where}: polarity must be 1 or 0, not {row['polarity']!r}")
            if row["takes"] not in _TAKES:
                errors.append(f"{where}: takes must be addressee or topic, not {row['takes']!r}")
            if (lang, row["cue"]) in seen:
                errors.append(f"{where}: cue {row['cue']!r} is listed twice")
            seen.add((lang, row["cue"]))
            cues.append(
                Cue(
                    row["cue"],
                    lang,
                    row["type"],
                    row["polarity"] == "1",
                    row["takes"] == "addressee",
                )
            )
    if errors:
        head = errors[0].split(":", 2)
        raise DataError(
            head[0],
            int(head[1]) if head[1].isdigit() else 0,
            errors[0].split(": ", 1)[1]
            if len(errors) == 1
            else f"{len(errors)} problems:\n" + "\n".join(errors),
        )
    return Lexicon(types=tuple(sorted(types)), cues=tuple(sorted(cues)))
