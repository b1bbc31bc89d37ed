"""Unit tests for graph/render.py: self-contained HTML, safety of embedded data, selection, layout."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace
from rdflib.namespace import SKOS

from graph.errors import KazkgError
from graph.views.render import (
    TEMPLATE_DIR,
    build_view,
    compute_layout,
    embed_json,
    find_nodes,
    format_term,
    render_html,
    render_static,
)

KG = Namespace("https://w3id.org/kazkg/ontology#")
KGR = Namespace("https://w3id.org/kazkg/resource/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TINY = Path(__file__).resolve().parent / "data" / "tiny.ttl"

EVIL_NAME = "<script>alert(1)</script>"
EVIL_ALT = "<img src=x onerror=alert(1)>\"'"
EVIL_SENT = "Сот </script><script>alert(2)</script> деді & \u2028 <!-- «x» \"q\" 'q'"


def _data_block(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kazkg-data">(.*?)</script>', html, re.DOTALL)
    assert m, "data block missing"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def tiny() -> Graph:
    return Graph().parse(TINY)


def evil_graph() -> Graph:
    """A graph whose every untrusted string tries to break out of the page."""
    g = Graph()
    p, c, a, ev, sp = (
        KGR["person/evil"],
        KGR["court/evil"],
        KGR["article/evil"],
        KGR["event/s1"],
        KGR["span/1"],
    )
    g.add((p, RDF.type, KG.Person))
    g.add((p, RDFS.label, Literal(EVIL_NAME, lang="kk")))
    g.add((p, SKOS.altLabel, Literal(EVIL_ALT, lang="kk")))
    g.add((p, KG.role, Literal("</script><b>role</b>", lang="kk")))
    g.add((c, RDF.type, KG.Court))
    g.add((c, RDFS.label, Literal('Сот "</title><script>alert(3)</script>', lang="kk")))
    g.add((a, RDF.type, KG.Article))
    g.add((a, KG.fileName, Literal("evil.txt")))
    g.add((a, SCHEMA.headline, Literal("<h1>headline</h1>", lang="kk")))
    g.add((a, SCHEMA.url, Literal("javascript:alert(4)", datatype=XSD.anyURI)))
    g.add((ev, RDF.type, KG.Sentencing))
    g.add((ev, KG.defendant, p))
    g.add((ev, KG.court, c))
    g.add((ev, KG["term"], Literal("P3Y", datatype=XSD.duration)))
    g.add((ev, KG.charge, Literal("<svg onload=alert(5)>", lang="kk")))
    g.add((ev, PROV.wasDerivedFrom, a))
    g.add((ev, KG.evidence, sp))
    g.add((sp, RDF.type, KG.TextSpan))
    g.add((sp, KG.inArticle, a))
    g.add((sp, KG.sentenceIndex, Literal(0)))
    g.add((sp, KG.anchorText, Literal(EVIL_SENT, lang="kk")))
    g.add((p, KG.sentencedBy, c))
    return g


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_render", Path(__file__).resolve().parent.parent / "bench" / "render.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------------- self-contained


def test_tiny_page_is_self_contained_and_complete(tiny: Graph, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    stats = render_html(tiny, out, title="Тест")
    html = out.read_bytes().decode("utf-8")
    assert stats.nodes == 12 and stats.edges == 16 and stats.bytes == out.stat().st_size
    assert stats.layout == "physics"
    # Nothing that a browser would fetch: no src/href to a URL, no link tags, no css url()/@import.
    assert not re.search(r"<script[^>]*\bsrc=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html, re.IGNORECASE)
    assert "@import" not in html
    assert "vis.js is dual licensed" in html  # licence header kept
    assert "<title>Тест</title>" in html
    data = _data_block(html)
    labels = {n["l"] for n in data["nodes"]}
    assert {"Мұхтар Жәкішев", "Өскемен соты", "Асхат Жексебаев"} <= labels
    assert {e["r"] for e in data["edges"]} >= {"listedBy", "protestedFor", "sentencedBy"}


def test_render_is_deterministic_and_atomic(tiny: Graph, tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "a.html", tmp_path / "x" / "b.html"
    render_html(tiny, a)
    render_html(tiny, b)
    assert a.read_bytes() == b.read_bytes()
    # no temp left; the record of the files kazkg wrote there is the only other file
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [".kazkg-outputs.json", "a.html", "b.html"]


def test_sentencing_facts_and_evidence(tiny: Graph) -> None:
    view = build_view(tiny)
    ev = next(n for n in view["nodes"] if n.get("k") == "Sentencing")
    assert ev["sum"] == "14 жыл · 2009 · charge астыртын касса ұстады"
    assert ["term", "14 жыл"] in ev["facts"] and ["penalty", "Imprisonment"] in ev["facts"]
    assert ["court", "Өскемен соты"] in ev["facts"]
    [sp] = ev["sp"]
    assert "2009 жылы 14 жылға сотталған" in view["spans"][sp]["t"]
    assert view["articles"][view["spans"][sp]["a"]]["f"] == "002_509228f83951cc57.txt"
    # A truthy edge carries the events behind it.
    by_id = {n["id"]: n for n in view["nodes"]}
    sent = next(e for e in view["edges"] if e["r"] == "sentencedBy")
    assert by_id[sent["f"]]["l"] == "Мұхтар Жәкішев" and by_id[sent["t"]]["l"] == "Өскемен соты"
    assert {by_id[i]["k"] for i in sent["ev"]} == {"Sentencing"}


@pytest.mark.parametrize(
    "value,expected",
    [
        ("P14Y", "14 жыл"),
        ("P2Y6M", "2 жыл 6 ай"),
        ("P15D", "15 күн"),
        ("P1Y0M", "1 жыл"),
        ("P0D", "P0D"),
        ("бес", "бес"),
    ],
)
def test_format_term(value: str, expected: str) -> None:
    assert format_term(value) == expected


# -------------------------------------------------------------------------------------------- safety


def test_embed_json_escapes_breakout_characters() -> None:
    value = {"s": "</script><!-- & \u2028\u2029 > <"}
    text = embed_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_hostile_strings_stay_inert_in_raw_html(tmp_path: Path) -> None:
    out = tmp_path / "evil.html"
    render_html(evil_graph(), out, title='<script>alert("t")</script>')
    html = out.read_text(encoding="utf-8")
    block = re.search(r'(<script type="application/json" id="kazkg-data">)(.*?)</script>', html, re.DOTALL)
    assert block and "<" not in block.group(2) and ">" not in block.group(2) and "&" not in block.group(2)
    for needle in ("alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)", "src=x onerror"):
        # every hostile string sits only inside the inert, escaped JSON block (and the escaped title)
        hits = [m.start() for m in re.finditer(re.escape(needle), html)]
        assert hits, needle
        assert all(block.start(2) <= h < block.end(2) for h in hits), needle
    ours = html.replace((TEMPLATE_DIR / "vis-network.min.js").read_text(encoding="utf-8"), "")
    assert "<img" not in ours and "<svg" not in ours and "<h1>" not in ours
    # Exactly our own three script elements close; nothing from the data adds one.
    assert html.lower().count("</script") == 3
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html  # title autoescaped
    data = _data_block(html)
    labels = {n["l"] for n in data["nodes"]}
    assert EVIL_NAME in labels
    assert data["spans"][0]["t"] == EVIL_SENT  # round-trips exactly, shown literally by the page
    assert data["articles"][0]["u"] == "javascript:alert(4)"  # kept as data; the page never links it
    assert "innerHTML" not in html.split("</script>")[-2]  # our own script never uses innerHTML


# ------------------------------------------------------------------------------------ names, selection


def test_find_nodes_by_alias_and_unlisted_inflection(tiny: Graph) -> None:
    view = build_view(tiny)
    label = {n["id"]: n["l"] for n in view["nodes"]}
    assert [label[i] for i in find_nodes(view, "Жәкішевті")] == ["Мұхтар Жәкішев"]
    assert [label[i] for i in find_nodes(view, "  мұхтар   ЖӘКІШЕВ ")] == ["Мұхтар Жәкішев"]
    # Not an altLabel: the known alias "Жексебаев" plus the dative suffix.
    assert [label[i] for i in find_nodes(view, "Жексебаевқа")] == ["Асхат Жексебаев"]
    assert find_nodes(view, "Назарбаев") == []


def test_focus_ego_network(tiny: Graph) -> None:
    view = build_view(tiny, focus="Жәкішевтің", hops=1)
    labels = sorted(n["l"] for n in view["nodes"] if n["c"] != "event")
    assert labels == ["Асхат Жексебаев", "Мұхтар Жәкішев", "Тәуелсіздік монументі", "Өскемен соты"]
    kinds = sorted(n["k"] for n in view["nodes"] if n["c"] == "event")
    assert kinds == ["Listing", "Parole refusal", "Picket", "Sentencing"]
    wide = build_view(tiny, focus="Жәкішев", hops=2)
    assert {"Алматы", "саяси тұтқындар"} <= {n["l"] for n in wide["nodes"]}
    assert {n["id"]: n["l"] for n in view["nodes"]}[view["focus"]] == "Мұхтар Жәкішев"
    assert build_view(tiny)["focus"] is None
    only = build_view(tiny, focus="Жәкішев", hops=0)
    assert [n["l"] for n in only["nodes"]] == ["Мұхтар Жәкішев"] and only["edges"] == []
    with pytest.raises(KazkgError, match="matches no entity"):  # the CLI prints it as one line
        build_view(tiny, focus="Назарбаев")


def test_filters_and_max_nodes(tiny: Graph) -> None:
    v = build_view(tiny, classes=["Person", "court"])
    assert {n["c"] for n in v["nodes"]} == {"person", "court"}
    assert {e["r"] for e in v["edges"]} == {"sentencedBy", "protestedFor", "listedBy"}
    v = build_view(tiny, relations=["kg:sentencedBy"])
    assert sorted(n["l"] for n in v["nodes"]) == ["Мұхтар Жәкішев", "Өскемен соты"] and len(v["edges"]) == 1
    v = build_view(tiny, max_nodes=3)
    assert len(v["nodes"]) == 3 and "Мұхтар Жәкішев" in {n["l"] for n in v["nodes"]}
    with pytest.raises(ValueError, match="unknown class"):
        build_view(tiny, classes=["planet"])
    with pytest.raises(ValueError, match="unknown relation"):
        build_view(tiny, relations=["marriedTo"])


def test_empty_graph_renders(tmp_path: Path) -> None:
    stats = render_html(Graph(), tmp_path / "e.html")
    assert stats.nodes == 0 and stats.edges == 0
    assert _data_block((tmp_path / "e.html").read_text(encoding="utf-8"))["nodes"] == []


# ---------------------------------------------------------------------------------------------- scale


def test_large_graph_gets_python_layout_without_physics(tmp_path: Path) -> None:
    g = _load_bench().synthetic_graph(700, seed=1)
    out = tmp_path / "big.html"
    stats = render_html(g, out)
    assert stats.layout == "python" and stats.nodes == 700
    data = _data_block(out.read_text(encoding="utf-8"))
    assert data["physics"] is False
    pos = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(pos) == len(data["nodes"])  # every node placed, none on top of another
    again = tmp_path / "big2.html"
    render_html(g, again)
    assert out.read_bytes() == again.read_bytes()


def test_compute_layout_places_neighbours_near_hub() -> None:
    edges = [(0, i) for i in range(1, 9)] + [(20, 21)]
    pos = compute_layout(list(range(9)) + [20, 21, 30], edges, spacing=50)
    assert set(pos) == set(range(9)) | {20, 21, 30}
    hub = pos[0]
    dists = [((pos[i][0] - hub[0]) ** 2 + (pos[i][1] - hub[1]) ** 2) ** 0.5 for i in range(1, 9)]
    assert max(dists) - min(dists) < 1e-6 and min(dists) >= 50  # one ring around the hub


# --------------------------------------------------------------------------------------------- static


def test_render_static_png_or_clear_error(tiny: Graph, tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    if importlib.util.find_spec("matplotlib") is None:
        with pytest.raises(RuntimeError, match="needs matplotlib"):
            render_static(tiny, out, "png")
        return
    stats = render_static(tiny, out, "png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and stats.nodes == 12
    with pytest.raises(ValueError, match="unknown static format"):
        render_static(tiny, tmp_path / "g.gif", "gif")


def test_render_static_without_matplotlib_raises_clear_error(
    tiny: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    with pytest.raises(RuntimeError, match="needs matplotlib: pip install matplotlib"):
        render_static(tiny, tmp_path / "g.svg", "svg")
    assert not (tmp_path / "g.svg").exists()
