"""The competency queries of queries/: each says what it answers and answers it on
the bundled document."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from nonprolif_kg.pipeline import BuildResult

from .conftest import ROOT

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def store(built_graph: tuple[Path, BuildResult]) -> ox.Store:
    s = ox.Store()
    s.load(path=str(built_graph[0] / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return s


def run(store: ox.Store, name: str) -> list[dict[str, str]]:
    rows = store.query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    variables = [v.value for v in rows.variables]  # type: ignore[union-attr]
    return [{v: (row[v].value if row[v] is not None else "") for v in variables} for row in rows]


def test_every_query_says_what_it_answers() -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 5
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_states_the_g8_urges_and_about_what(store: ox.Store) -> None:
    rows = {(r["stateLabel"], r["appeal"], r["topicLabel"]) for r in run(store, "states-urged")}
    assert rows == {
        ("Armenia", "urge", "Metsamor"),
        ("India", "encourage", ""),
        ("Iran", "call-upon", "International Atomic Energy Agency"),
        ("Iran", "urge", "United Nations Security Council"),
        ("North Korea", "urge", "Security Council resolution 1695 (2006)"),
        ("North Korea", "urge", "Security Council resolution 1718 (2006)"),
        ("North Korea", "urge", "Treaty on the Non-Proliferation of Nuclear Weapons"),
        ("North Korea", "urge", "International Atomic Energy Agency"),
        ("Ukraine", "urge", "European Bank for Reconstruction and Development"),
    }


def test_initiatives_and_who_proposed_them(store: ox.Store) -> None:
    rows = {
        (r["initiative"].rsplit("/", 1)[1], r["proposerLabel"])
        for r in run(store, "initiatives-proposed")
    }
    assert rows == {
        ("russia-fuel-cycle-centres", "Russia"),
        ("gnep", "United States"),
        ("japan-standby-arrangements", "Japan"),
        ("enrichment-bond", "United Kingdom"),
        ("mesp", "Germany"),
    }


def test_instruments_the_g8_reaffirms_or_supports(store: ox.Store) -> None:
    rows = {
        (r["instrument"].rsplit("/", 1)[1], r["stance"])
        for r in run(store, "instruments-reaffirmed")
    }
    assert rows == {
        ("npt", "reaffirm"),
        ("npt", "support"),
        ("fmct", "reaffirm"),
        ("fmct", "support"),
        ("six-party-initial-actions-2007", "support"),
        ("six-party-joint-statement-2005", "support"),
    }


def test_what_was_launched_where_and_when(store: ox.Store) -> None:
    rows = [
        (r["initiativeLabel"], r["placeLabel"], r["when"], r["whenText"])
        for r in run(store, "launched-where-when")
    ]
    assert rows == [
        (
            "G8 Global Partnership against the Spread of Weapons and Materials of Mass Destruction",
            "Kananaskis",
            "2002",
            "五年前",
        ),
        ("Global Initiative to Combat Nuclear Terrorism", "Saint Petersburg", "2006", "去年"),
    ]


def test_what_rests_on_paragraph_14(store: ox.Store) -> None:
    rows = run(store, "facts-of-paragraph")
    kinds = sorted((r["kind"].rsplit("#", 1)[1], r["evidence"]) for r in rows)
    assert [k for k, _ in kinds].count("Stance") == 6
    assert [k for k, _ in kinds].count("Fact") == 3
    assert ("Stance", "不履行") in kinds and ("Stance", "深感遗憾") in kinds
    assert all(r["assertion"].split("/p/")[1].startswith("20/") for r in rows)
