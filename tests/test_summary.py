"""Network summaries: projections and metrics on a small hand-made graph, the bundled
document's summary, figures that render Chinese, and files Gephi opens."""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import matplotlib.image
import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nonprolif_kg.catalogue import load_catalogue
from nonprolif_kg.cli import main
from nonprolif_kg.gexf import gexf_lines
from nonprolif_kg.graphml import write_graphml
from nonprolif_kg.pipeline import BuildResult
from nonprolif_kg.resources import package_dir
from nonprolif_kg.summarize import exact_betweenness, project, summarize
from nonprolif_kg.summary_files import combined_graph, write_summary

NPO = "https://w3id.org/nonprolif/ontology#"
SMALL = """
@prefix npo: <https://w3id.org/nonprolif/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix : <urn:x:> .
:d a npo:Document ; dcterms:identifier "d" .
:e a npo:Expression ; dcterms:language "en" .
:hub a npo:State ; skos:prefLabel "Hub"@en , "中心"@zh-Hans .
:a a npo:State ; skos:prefLabel "A"@en .
:b a npo:State ; skos:prefLabel "B"@en .
:c a npo:Treaty ; skos:prefLabel "C"@en .
:x a npo:Organization ; skos:prefLabel "X"@en .
:y a npo:Organization ; skos:prefLabel "Y"@en .
:p1 a npo:Paragraph ; dcterms:isPartOf :d ; npo:mentions :hub , :a , :b .
:p2 a npo:Paragraph ; dcterms:isPartOf :d ; npo:mentions :hub , :a .
:p3 a npo:Paragraph ; dcterms:isPartOf :d ; npo:mentions :hub , :c .
:p4 a npo:Paragraph ; dcterms:isPartOf :d ; npo:mentions :x , :y .
"""


def small_quads() -> list[ox.Quad]:
    return [
        ox.Quad(t.subject, t.predicate, t.object)
        for t in ox.parse(SMALL, format=ox.RdfFormat.TURTLE)
    ]


def test_comention_weights_degrees_and_pagerank_on_a_small_graph() -> None:
    proj = project(small_quads())
    g = proj.comention
    assert g.edges["urn:x:hub", "urn:x:a"]["weight"] == 2
    assert g.edges["urn:x:hub", "urn:x:b"]["weight"] == 1
    assert not g.has_edge("urn:x:hub", "urn:x:x")
    summary = summarize(proj)
    c = summary["comention"]
    assert c["nodes"] == 6 and c["edges"] == 5
    assert [e["label"] for e in c["top"][:2]] == ["Hub", "A"]
    assert c["top"][0]["degree"] == 3 and c["top"][0]["weightedDegree"] == 4
    assert c["components"] == [4, 2]
    members = [set(com["members"]) for com in c["communities"]]
    assert {"X", "Y"} in members
    assert c["countsByType"]["State"] == 3
    assert summary["labelLanguage"] == "en"
    assert summarize(proj, "zh-Hans")["comention"]["top"][0]["label"] == "中心"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0)))),
        )
    )
)
def test_exact_betweenness_is_networkxs(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, pairs = graph
    g = nx.Graph()
    g.add_nodes_from(f"e{i}" for i in range(n))
    g.add_edges_from((f"e{a}", f"e{b}") for a, b in pairs if a != b and n)
    expected = nx.betweenness_centrality(g)
    found = exact_betweenness(g)
    assert found.keys() == expected.keys()
    assert all(abs(found[k] - expected[k]) < 1e-12 for k in expected)


def _networkx_gexf(g: nx.MultiDiGraph) -> str:
    """networkx's GEXF of ``g``, less its date and with this project as creator."""
    text = "\n".join(nx.generate_gexf(g)) + "\n"
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    return re.sub(r"<creator>NetworkX [^<]*</creator>", "<creator>nonprolif-kg</creator>", text)


def test_the_gexf_file_is_the_one_networkx_writes(built_graph: tuple[Path, BuildResult]) -> None:
    store = ox.Store()
    store.load(path=str(built_graph[0] / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    combined = combined_graph(project(store), "zh-hans")
    assert combined.number_of_edges() > 100
    written = (built_graph[0] / "graph.gexf").read_text(encoding="ascii")
    assert written == _networkx_gexf(combined)


#: Names with what XML must escape: markup, quotes, line breaks, tabs, any script.
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("&<>\"\n\t\r'")
)


def _combined(
    nodes: Sequence[tuple[str, str, str]],
    edges: Sequence[tuple[int, int, str, float, str, str, str]],
) -> nx.MultiDiGraph:
    """A graph of the combined graph's shape: nodes (name, label, type) and
    edges (source and target as indexes into the nodes, key, weight,
    projection, relation, polarity)."""
    g = nx.MultiDiGraph()
    for name, label, kind in nodes:
        g.add_node(name, label=label, type=kind)
    names = list(g.nodes)
    for a, b, key, weight, projection, relation, polarity in edges if names else []:
        g.add_edge(
            names[a % len(names)],
            names[b % len(names)],
            key=key,
            projection=projection,
            weight=weight,
            relation=relation,
            polarity=polarity,
        )
    return g


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, _TEXT, _TEXT), max_size=6),
    st.lists(
        st.tuples(
            st.integers(0, 5), st.integers(0, 5), _TEXT, st.integers(1, 9), _TEXT, _TEXT, _TEXT
        ),
        max_size=12,
    ),
)
def test_gexf_lines_are_networkxs_for_any_names(
    nodes: list[tuple[str, str, str]],
    edges: list[tuple[int, int, str, int, str, str, str]],
) -> None:
    g = _combined(nodes, edges)
    assert "\n".join(gexf_lines(g)) + "\n" == _networkx_gexf(g)


def _graphml(g: nx.MultiDiGraph, write: object) -> bytes | type[Exception]:
    """The GraphML bytes ``write`` writes for ``g``, or the type of what it raises."""
    handle = io.BytesIO()
    try:
        write(g, handle)  # type: ignore[operator]
    except Exception as exc:  # networkx and lxml raise their own types
        return type(exc)
    return handle.getvalue()


def test_the_graphml_file_is_the_one_networkx_writes(
    built_graph: tuple[Path, BuildResult],
) -> None:
    store = ox.Store()
    store.load(path=str(built_graph[0] / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    combined = combined_graph(project(store), "zh-hans")
    assert combined.number_of_edges() > 100
    written = (built_graph[0] / "graph.graphml").read_bytes()
    assert written == _graphml(combined, nx.write_graphml)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(_TEXT | st.sampled_from(["\x01", "a\x1fb"]), _TEXT, _TEXT), max_size=6),
    st.lists(
        st.tuples(
            st.integers(0, 5),
            st.integers(0, 5),
            _TEXT,
            st.integers(1, 9) | st.floats(0.5, 2.0),
            _TEXT,
            _TEXT,
            _TEXT,
        ),
        max_size=12,
    ),
)
@example(
    [('a\r"&<>\t\nx', 'l\r&<>"\t\n', "伊朗"), ("b", "", "t")],
    [(0, 1, 'k\r"', 2, "p\r", "r&", "<")],
)
def test_graphml_is_networkxs_for_any_graph(
    nodes: list[tuple[str, str, str]],
    edges: list[tuple[int, int, str, float, str, str, str]],
) -> None:
    """The combined graph's shape is written as text, byte for byte as
    networkx writes it; any other graph (no edges, a weight that is not an
    integer, a character XML cannot hold) by networkx itself."""
    g = _combined(nodes, edges)
    assert _graphml(g, write_graphml) == _graphml(g, nx.write_graphml)


def test_the_bundled_summary_puts_the_expected_entities_on_top(
    built_graph: tuple[Path, BuildResult],
) -> None:
    summary = json.loads((built_graph[0] / "summary.json").read_text(encoding="utf-8"))
    assert summary["labelLanguage"] == "zh-hans"
    top5 = [e["iri"].rsplit("/id/", 1)[1] for e in summary["comention"]["top"][:5]]
    # read off the text: the IAEA, the NPT and the Security Council run through the whole
    # statement, and Germany and the G8 through the covering note and the report
    assert {"org/iaea", "treaty/npt", "org/unsc"} <= set(top5)
    assert top5[0] == "org/iaea"
    urged = {e["iri"].rsplit("/", 1)[1]: e["times"] for e in summary["mostUrgedStates"]}
    assert urged == {"IRN": 2, "PRK": 2, "ARM": 1, "IND": 1, "UKR": 1}
    assert summary["mostBackedInstruments"][0]["iri"].endswith("/treaty/npt")
    md = (built_graph[0] / "summary.md").read_text(encoding="utf-8")
    assert "![comention-network](figures/comention-network.png)" in md
    assert "| 伊朗 | 2 |" in md


def test_graphml_and_gexf_parse_back_with_the_same_counts(
    built_graph: tuple[Path, BuildResult],
) -> None:
    out = built_graph[0]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    gexf = nx.read_gexf(out / "graph.gexf")
    nodes = len(set(nx.read_graphml(out / "graph.graphml").nodes))
    edges = summary["comention"]["edges"] + summary["assertions"]["edges"]
    for g in (graphml, gexf):
        assert g.number_of_nodes() == nodes
        assert g.number_of_edges() == edges
    any_node = next(iter(graphml.nodes(data=True)))[1]
    assert {"label", "type"} <= set(any_node)
    projections = {d["projection"] for _, _, d in graphml.edges(data=True)}
    assert projections == {"comention", "assertion"}


def test_figures_render_and_are_not_blank(built_graph: tuple[Path, BuildResult]) -> None:
    figures = built_graph[0] / "figures"
    for name in ("comention-network", "top-entities", "timeline"):
        image = matplotlib.image.imread(figures / f"{name}.png")
        height, width = image.shape[:2]
        assert width > 600 and height > 200
        assert image[..., :3].std() > 0.05, f"{name} looks blank"
        assert (figures / f"{name}.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_chinese_labels_are_drawn_with_glyphs_not_boxes(tmp_path: Path) -> None:
    quads = [ox.Quad(q.subject, q.predicate, q.object) for q in small_quads()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_summary(quads, tmp_path, "zh-Hans")
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []


def test_the_bundled_font_covers_every_chinese_label_of_the_catalogue() -> None:
    font = TTFont(package_dir() / "data" / "fonts" / "wqy-microhei-subset.ttf")
    cmap = set(font.getBestCmap())
    lacking = set()
    for entity in load_catalogue().entities:
        for lang, text in entity.labels:
            if lang.startswith("zh"):
                lacking |= {ch for ch in text if ord(ch) not in cmap}
    assert lacking == set(), f"run scripts/subset_font.py: {sorted(lacking)}"


def test_the_same_graph_gives_the_same_summary_files(
    built_graph: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    quads = list(ox.parse(path=str(built_graph[0] / "graph.trig"), format=ox.RdfFormat.TRIG))
    first = write_summary(quads, tmp_path / "a")
    write_summary(quads, tmp_path / "b")
    for path in first:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_the_summarize_command(built_graph: tuple[Path, BuildResult], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "summarize",
            str(built_graph[0] / "graph.trig"),
            "--out",
            str(tmp_path),
            "--label-lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["comention"]["top"][0]["label"] == "International Atomic Energy Agency"
    result = CliRunner().invoke(main, ["summarize", str(tmp_path / "none.trig")])
    assert result.exit_code == 2


@pytest.mark.parametrize("flag", ["--no-summary"])
def test_build_can_skip_the_summary(tmp_path: Path, flag: str) -> None:
    from .conftest import BUNDLED

    result = CliRunner().invoke(
        main, ["build", str(BUNDLED), "--out", str(tmp_path), flag, "--no-validate"]
    )
    assert result.exit_code == 0
    assert not (tmp_path / "summary.json").exists()


def test_graphml_checks_its_texts_without_a_copy_of_them_all() -> None:
    """The check that a graph's texts are XML joins a few thousand at a time:
    joined whole, a corpus's combined graph made hundreds of MB more."""
    import tracemalloc

    from nonprolif_kg.graphml import _fits

    long = "伊" * 1_000  # 2 KB a text, as a wide string
    g = _combined(
        [(f"n{i}", long, "State") for i in range(100)],
        [(i, i + 1, f"{long}{i}", 1, "comention", "", "") for i in range(20_000)],
    )
    tracemalloc.start()
    try:
        assert _fits(g)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000  # all 80,000 texts joined: over 80 MB
