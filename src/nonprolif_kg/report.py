"""Validation reports as files: readable text, JSON for machines, SHACL Turtle.

The text report groups results by severity and shape, names the focus node by
its label and IRI with the path, the value and the message, and ends with the
counts. The JSON report has the same content::

    {"conforms": bool, "engine": "pyshacl-turbo 0.6.5",
     "counts": {"Violation": n, "Warning": n, "Info": n},
     "results": [{"severity", "shape", "shapeName", "constraint", "focus",
                  "focusLabel", "path", "value", "message"}, ...]}

The Turtle report is the standard ``sh:ValidationReport``.
"""

from __future__ import annotations

import json
from itertools import groupby

from .validate import ValidationReport

__all__ = ["to_text", "to_json", "to_turtle", "FORMATS"]

FORMATS: tuple[str, ...] = ("text", "json", "turtle")
_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _counts(report: ValidationReport) -> dict[str, int]:
    return {s: report.count(s) for s in ("Violation", "Warning", "Info")}


def _plural(n: int, word: str) -> str:
    return f"{n} {word.lower()}{'' if n == 1 else 's'}"


def to_text(report: ValidationReport) -> str:
    """The report as text a person reads."""
    counts = _counts(report)
    verdict = "conforms" if report.conforms else "does not conform"
    lines = [f"Validation ({report.engine}): the graph {verdict}."]
    ordered = sorted(report.results, key=lambda r: (_ORDER.get(r.severity, 3), r.shape_name))
    for (severity, shape_name), group in groupby(ordered, key=lambda r: (r.severity, r.shape_name)):
        items = list(group)
        lines.append("")
        lines.append(
            f"{severity}: {shape_name} ({items[0].constraint}), {_plural(len(items), 'result')}"
        )
        for message in sorted({r.message for r in items}):
            lines.append(f"  {message}")
        for r in items:
            label = f"{r.focus_label} " if r.focus_label else ""
            where = f"  - {label}{r.focus}"
            if r.path:
                where += f"  path {r.path}"
            if r.value:
                where += f"  value {r.value}"
            lines.append(where)
    lines.append("")
    lines.append(
        f"{_plural(counts['Violation'], 'violation')}, {_plural(counts['Warning'], 'warning')}, "
        f"{_plural(counts['Info'], 'info')}."
    )
    return "\n".join(lines) + "\n"


def to_json(report: ValidationReport) -> str:
    """The report as JSON, keys sorted."""
    payload = {
        "conforms": report.conforms,
        "engine": report.engine,
        "counts": _counts(report),
        "results": [
            {
                "severity": r.severity,
                "shape": r.shape,
                "shapeName": r.shape_name,
                "constraint": r.constraint,
                "focus": r.focus,
                "focusLabel": r.focus_label,
                "path": r.path,
                "value": r.value,
                "message": r.message,
            }
            for r in report.results
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_turtle(report: ValidationReport) -> str:
    """The standard SHACL validation report, as Turtle."""
    return report.graph.serialize(format="turtle")
