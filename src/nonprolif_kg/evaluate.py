"""Accuracy against gold files: precision, recall and F1 per language.

A gold file is JSON in the project's own format (``tests/fixtures/bundled_gold.json``
is one)::

    {"document": "corpus/doc.txt",           # relative to the gold file's folder
     "lang": "zh-Hans",
     "paragraphs": {"7": ["org/g8"], ...},     # keys each paragraph names
     "stances": [{"paragraph": 20, "type": "urge", "actor": "org/g8",
                  "addressees": ["state/IRN"], "topics": ["org/unsc"],
                  "polarity": true}, ...],      # optional
     "facts": [{"paragraph": 19, "subject": "initiative/gnep",
                "predicate": "proposedBy", "object": "state/USA"}, ...]}  # optional

:func:`evaluate` builds each document and compares, as sets: entities as
(paragraph, key) pairs, stances as (paragraph, type, actor, addressees, topics,
polarity), facts as (paragraph, subject, predicate, object); stances and facts
as multisets (an act said twice in a paragraph counts twice). Counts are summed
per language, then precision, recall and F1 computed (micro-averaged).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .pipeline import process

__all__ = ["Score", "evaluate", "KINDS"]

KINDS: tuple[str, ...] = ("entities", "stances", "facts")


@dataclass
class Score:
    """True positives, false positives and false negatives, and what follows."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(
        self, gold: Counter[tuple[Any, ...]], found: Counter[tuple[Any, ...]], where: str
    ) -> None:
        """Count one document's comparison (as multisets: a stance said twice counts twice)."""
        hits = gold & found
        self.tp += sum(hits.values())
        self.fp += sum((found - gold).values())
        self.fn += sum((gold - found).values())
        self.missed += [f"{where}: {x}" for x in sorted((gold - found).elements(), key=str)]
        self.spurious += [f"{where}: {x}" for x in sorted((found - gold).elements(), key=str)]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or "document" not in data or "paragraphs" not in data:
        raise InputError(path, "is not a gold file (it needs 'document' and 'paragraphs')")
    return data


_Items = Counter[tuple[Any, ...]]


def _gold_sets(data: dict[str, Any]) -> dict[str, _Items]:
    entities: _Items = Counter(
        {(int(p), key) for p, keys in data["paragraphs"].items() for key in keys}
    )
    stances: _Items = Counter(
        (
            s["paragraph"],
            s["type"],
            s["actor"],
            frozenset(s.get("addressees", [])),
            frozenset(s.get("topics", [])),
            bool(s.get("polarity", True)),
        )
        for s in data.get("stances", [])
    )
    facts: _Items = Counter(
        (f["paragraph"], f["subject"], f["predicate"], f["object"]) for f in data.get("facts", [])
    )
    return {"entities": entities, "stances": stances, "facts": facts}


def evaluate(gold_files: Sequence[Path]) -> dict[str, dict[str, Score]]:
    """Scores by language and kind (entities, stances, facts) for ``gold_files``.

    Stances and facts are scored only for gold files that list them.
    """
    scores: dict[str, dict[str, Score]] = {}
    for path in gold_files:
        data = _load(path)
        document = (path.parent / data["document"]).resolve()
        if not document.exists():
            raise InputError(path, f"names a document that does not exist: {data['document']}")
        built = process(document)
        lang = str(data.get("lang") or built.document.lang)
        gold = _gold_sets(data)
        found: dict[str, _Items] = {
            "entities": Counter({(m.paragraph, m.key) for m in built.mentions}),
            "stances": Counter(
                (
                    s.paragraph,
                    s.stance_type,
                    s.actor,
                    frozenset(s.addressees),
                    frozenset(s.topics),
                    s.polarity,
                )
                for s in built.extraction.stances
            ),
            "facts": Counter(
                (f.paragraph, f.subject, f.predicate, f.obj) for f in built.extraction.facts
            ),
        }
        per_lang = scores.setdefault(lang, {kind: Score() for kind in KINDS})
        for kind in KINDS:
            if kind == "entities" or kind in data:
                per_lang[kind].add(gold[kind], found[kind], path.name)
    return scores


def report(scores: dict[str, dict[str, Score]], verbose: bool = False) -> Iterable[str]:
    """The scores as a table, with the missed and spurious items when ``verbose``."""
    yield "| language | kind | precision | recall | F1 | tp | fp | fn |"
    yield "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for lang in sorted(scores):
        for kind in KINDS:
            s = scores[lang][kind]
            if s.tp + s.fp + s.fn == 0:
                continue
            yield (
                f"| {lang} | {kind} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                f"{s.tp} | {s.fp} | {s.fn} |"
            )
    if verbose:
        for lang in sorted(scores):
            for kind in KINDS:
                for item in scores[lang][kind].missed:
                    yield f"missed {kind} ({lang}) {item}"
                for item in scores[lang][kind].spurious:
                    yield f"spurious {kind} ({lang}) {item}"
