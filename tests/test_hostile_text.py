"""Text that is hard on serialisers: quotes, backslashes, line and paragraph
separators and private-use characters in paragraph text still give a graph that
parses back, in every format, and conforms."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import rdflib

from nonprolif_kg.pipeline import build

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
HOSTILE = (
    'Statement on """quotes"""\n\n'
    '1. The G8 urges Iran \\ to comply > now with "resolution 1737" \u2028 and\u2029'
    " private \ue000 use; a <b> tag & \\u0041 text \"\"\" end '''.\n\n"
    "2. 我们敦促伊朗遵守安理会第1737号决议。\n"
)


def test_hostile_characters_survive_every_format(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    result = build([source], out, summary=False)
    assert result.validation is not None and result.validation.conforms
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(turtle) == result.triples
    ttl = ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    nq = ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert (len(list(ttl)), len(list(nq))) == (result.triples, result.quads)
    jsonld = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert jsonld
    is_string = rdflib.URIRef(NIF + "isString")
    texts = {str(o) for o in turtle.objects(None, is_string)}
    joined = "\n".join(texts)
    for piece in ('"""quotes"""', "Iran \\ to", "> now", "\ue000", "\\u0041", "'''", "<b> tag &"):
        assert piece in joined, piece
    refs = set(turtle.objects(None, rdflib.URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")))
    assert rdflib.URIRef("https://w3id.org/nonprolif/id/resolution/unsc-1737") in refs
