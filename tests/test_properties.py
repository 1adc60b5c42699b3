"""Properties of the whole pipeline, over arbitrary input (Hypothesis).

Arbitrary Unicode text, as a text file or inside an HTML page, never crashes
the pipeline: it builds a graph that parses back with rdflib and pyoxigraph
and conforms to the shapes (whose SPARQL constraints check that every NIF
offset slices out its anchor), or it is refused with a one-line reason.
Arbitrary bytes under any supported name are read or refused, never more.

``make fuzz`` runs the same properties with many more examples: the count
comes from ``NONPROLIF_FUZZ_EXAMPLES`` (default 25 here).
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif_kg.errors import InputError, NothingBuiltError
from nonprolif_kg.pipeline import build, process
from nonprolif_kg.read import read_source

EXAMPLES = int(os.environ.get("NONPROLIF_FUZZ_EXAMPLES", "25"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Names, cues and numbers the extractor acts on, so that examples reach its rules.
_PIECES = [
    "伊朗",
    "朝鲜",
    "国际原子能机构",
    "原子能机构",
    "《不扩散核武器条约》",
    "《条约》",
    "安全理事会第1540号决议",
    "1718和1737号决议",
    "八国集团",
    "我们敦促",
    "我们欢迎",
    "重申",
    "不履行",
    "在海利根达姆",
    "五年前在卡纳纳斯基斯发起的",
    "防扩散安全倡议",
    "2010年审议会议",
    "the IAEA",
    "We urge Iran to comply with resolution 1737 (2006)",
    "the Treaty on the Non-Proliferation of Nuclear Weapons",
    "S/PRST/2006/41",
    "General Assembly resolution 50/9",
    "1.",
    "(a)",
    "•",
    "。",
    "，",
    ".",
    " ",
    "\n",
    "\n\n",
    "\u2028",
    "\u2029",
    "\t",
    '"""',
    "\\",
    ">",
    "\ue000",
    "\x00",
    "\x0b",
    "\ufeff",
    "\u200b",
]
texts = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(max_size=20)), min_size=1, max_size=60
).map("".join)


def built_or_refused(path: Path, lang: str | None) -> None:
    """Build ``path``: the graph parses and conforms, or the refusal is clean."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        try:
            result = build([path], out, summary=False, jobs=1, lang=lang)
        except NothingBuiltError as exc:
            (failure,) = exc.failures
            assert failure.path == path
            assert "\n" not in failure.reason and "please report" not in failure.reason
            assert not out.exists()
            return
        assert result.validation is not None and result.validation.conforms, (
            result.validation.results if result.validation else None
        )
        turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
        assert len(turtle) == result.triples
        assert len(list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))) == (
            result.triples
        )
        assert len(list(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))) == (
            result.quads
        )
        rdflib.Dataset().parse(out / "graph.trig", format="trig")


@PROPERTY
@given(text=texts, lang=st.sampled_from([None, "zh-Hans", "en"]))
def test_any_text_file_builds_or_is_refused(text: str, lang: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        built_or_refused(path, lang)


@PROPERTY
@given(
    paragraphs=st.lists(texts, min_size=1, max_size=6),
    tags=st.lists(st.sampled_from(["p", "div", "li", "h2", "td", "pre", "span"]), min_size=6),
)
def test_any_html_page_builds_or_is_refused(paragraphs: list[str], tags: list[str]) -> None:
    body = "".join(
        f"<{tag}>{html.escape(text).replace(chr(10), '<br>')}</{tag}>"
        for tag, text in zip(tags, paragraphs, strict=False)
    )
    page = f"<html><head><title>t</title></head><body><main>{body}</main></body></html>"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8", errors="surrogatepass")
        built_or_refused(path, "zh-Hans")


@PROPERTY
@given(text=texts)
def test_offsets_slice_anchors(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            built = process(path, lang="zh-Hans")
        except InputError:
            return
    paragraphs = {p.order: p for p in built.document.paragraphs}
    normalized = built.document.normalized
    for p in built.document.paragraphs:
        assert normalized.text[p.begin : p.end] == p.text
        begin, end = normalized.source_span(p.begin, p.end)
        assert 0 <= begin < end <= len(built.document.source.text)
    for m in built.mentions:
        assert paragraphs[m.paragraph].text[m.begin : m.end] == m.anchor
    for s in built.extraction.stances:
        assert paragraphs[s.paragraph].text[s.cue_begin : s.cue_end] == s.cue


@PROPERTY
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".pdf"]))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            source = read_source(path)
        except InputError as exc:
            assert exc.path == path
            assert "\n" not in exc.reason
            return
        assert source.text.strip()
