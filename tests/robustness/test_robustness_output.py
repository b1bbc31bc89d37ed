"""Output safety: IRIs from any label, literals that survive every RDF syntax, escaped HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef

from graph.rdf.iri import KG, KGR, article_iri, entity_iri, event_iri, slugify, span_iri
from graph.views.export import serialize

# Labels as they may come out of articles: any code point except lone surrogates (which a
# decoded file cannot contain), including controls, RTL marks, emoji and combining marks.
LABELS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)
# Lexical forms of literals written by the pipeline: cleaned text never holds C0/C1 controls
# except \t and \n (graph.lang.textclean.remove_invisible), so those are what must round-trip.
LITERALS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters='\t\n"\\\'<>&{}'),
    max_size=80,
) | st.sampled_from(['"""', 'a"""b', '\\"', "\\", "'''", '"\n"', "\\u0041", "</script>", "@kk", "^^xsd:string"])

IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')
KGNS = Namespace(KG)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _roundtrip(g: Graph, fmt: str) -> Graph:
    text = serialize(g, fmt)
    return Graph().parse(data=text, format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])


@FAST
@given(cls=st.sampled_from(["Person", "Organization", "Court", "Group", "Place"]), label=LABELS)
def test_robustness_entity_iri_is_valid_and_parses(cls: str, label: str) -> None:
    iri = entity_iri(cls, label)
    assert iri.startswith(KGR + cls.lower() + "/") and IRI_OK.match(iri) and iri.isascii()
    g = Graph()
    g.add((URIRef(iri), RDF.type, KGNS[cls]))
    for fmt in ("turtle", "nt"):
        assert set(_roundtrip(g, fmt)) == set(g)


@FAST
@given(a=LABELS, b=LABELS)
def test_robustness_distinct_labels_never_share_an_iri(a: str, b: str) -> None:
    import unicodedata

    if unicodedata.normalize("NFC", a) != unicodedata.normalize("NFC", b):
        assert entity_iri("Person", a) != entity_iri("Person", b)


def test_robustness_labels_that_slug_alike_get_different_iris() -> None:
    pairs = [("Жахин", "Жахйн"), ("Әсел", "Асел"), ("Ұлан", "Үлан"), ("😀", "🙂"), ("אבג", "דהו"),
             ("Ерлан\u200f", "Ерлан"), ("a\x00b", "a\x01b"), ("", " ")]
    for a, b in pairs:
        assert slugify(a) == slugify(b) or a.strip() == ""
        assert entity_iri("Person", a) != entity_iri("Person", b)


def test_robustness_huge_and_odd_labels_give_short_valid_iris() -> None:
    for label in ["Қ" * 10_000, "\u202eRTL\u202c", "👩‍👩‍👧" * 50, "\x00\x1f\x7f", "<>\"{}|^`\\ "]:
        for iri in (entity_iri("Person", label), article_iri(label + ".txt"), event_iri("Protest", label),
                    span_iri(label, 0, 10)):
            assert IRI_OK.match(iri) and len(iri) < 120
            g = Graph().parse(data=f"<{iri}> <{RDFS.label}> \"x\" .", format="nt")
            assert len(g) == 1


@FAST
@given(text=LITERALS, lang=st.sampled_from([None, "kk", "ru"]))
def test_robustness_literals_roundtrip_every_format(text: str, lang: str | None) -> None:
    node = URIRef(entity_iri("Person", text))
    lit = Literal(text, lang=lang)
    g = Graph()
    g.add((node, RDFS.label, lit))
    for fmt in ("turtle", "nt", "jsonld"):
        back = _roundtrip(g, fmt)
        assert set(back) == set(g), (fmt, text)
    ds = Dataset()
    ds.graph(URIRef(KGR + "graph/x")).add((node, RDFS.label, lit))
    back_ds = Dataset().parse(data=serialize(ds, "trig"), format="trig")
    assert (node, RDFS.label, lit) in back_ds.graph(URIRef(KGR + "graph/x"))


# ----------------------------------------------------------------------------- HTML rendering

PAYLOADS = [
    "</script><script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "\"'><svg/onload=alert(1)>",
    "<!--<script>",
    "\u2028\u2029</SCRIPT >",
]


def test_robustness_render_embed_json_cannot_break_out() -> None:
    from graph.views.render import embed_json

    data = {"label": PAYLOADS, "quote": "\"'&"}
    text = embed_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_robustness_render_html_escapes_untrusted_labels(tmp_path: Path) -> None:
    from graph.views.render import render_html

    g = Graph()
    for i, payload in enumerate(PAYLOADS):
        person = URIRef(entity_iri("Person", payload))
        g.add((person, RDF.type, KGNS.Person))
        g.add((person, RDFS.label, Literal(payload, lang="kk")))
        g.add((person, KGNS.listedBy, URIRef(entity_iri("Organization", f"Ұйым {i}"))))
    out = tmp_path / "g.html"
    render_html(g, out, title='<script>alert("title")</script>')
    page = out.read_text(encoding="utf-8")
    for payload in PAYLOADS + ['<script>alert("title")</script>']:
        assert payload not in page
    for tag in ("<img src=x", "<svg/onload", "<script>alert"):
        assert tag not in page
    # The data block ends at the first "</script" an HTML parser would see; it must be the whole,
    # valid JSON with every payload intact (so no payload closed the block early).
    start = page.index('id="kazkg-data">') + len('id="kazkg-data">')
    block = page[start:page.lower().index("</script", start)]
    labels = json.dumps(json.loads(block), ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in labels


def test_robustness_nt_export_keeps_unicode_line_breaks_inside_literals() -> None:
    """File names and user data may hold U+2028, \\x0b, \\x85…: str.splitlines() would cut a triple."""
    g = Graph()
    for i, text in enumerate(["a\u2028b", "a\u2029b", "a\x0bb", "a\x0cb", "a\x1cb", "a\x85b", "мақала\u2028.txt"]):
        g.add((URIRef(f"{KGR}article/x-{i}"), KGNS.fileName, Literal(text)))
    back = Graph().parse(data=serialize(g, "nt"), format="nt")
    assert set(back) == set(g)
