"""Benchmark `kazkg render`: HTML size, render time and time-to-interactive in headless Chromium.

Usage:
    .venv/bin/python bench/render.py [--nodes 5000] [--no-browser] [--out-dir /tmp/kazkg-bench]

Time-to-interactive is read from the page itself: the template sets ``window.kazkgReady.ms``
(``performance.now()``, i.e. ms since navigation start) on the first vis-network ``afterDrawing``
after the layout has settled (``stabilized``/physics off), so nothing here sleeps.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

KG = Namespace("https://w3id.org/kazkg/ontology#")
KGR = Namespace("https://w3id.org/kazkg/resource/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

from graph.views.render import CHROMIUM, CHROMIUM_ARGS

_FIRST = ["Асхат", "Мұхтар", "Серік", "Аманжол", "Әсел", "Ерлан", "Жанар", "Қайрат", "Гүлнар", "Нұрлан"]
_LAST = ["Жексебаев", "Жәкішев", "Жахин", "Мұхамедияр", "Нұрланова", "Қалиев", "Сейітова", "Әбішев"]


def synthetic_graph(n_nodes: int = 5000, seed: int = 0) -> Graph:
    """Build a deterministic kazkg-shaped graph with about ``n_nodes`` drawable nodes.

    60 % of the nodes are entities (persons, courts, groups, organisations, places) and 40 %
    events (sentencings, pickets, listings), each with an evidence span, an article and the
    truthy edge it implies, as ontology/MAPPING.md prescribes.

    Args:
        n_nodes: entities + events to create.
        seed: random seed.

    Returns:
        The rdflib graph.
    """
    rnd = random.Random(seed)
    g = Graph()
    n_events = int(n_nodes * 0.4)
    n_ent = n_nodes - n_events
    n_art = max(1, n_events // 4)
    kinds = [
        ("person", KG.Person, 0.7),
        ("court", KG.Court, 0.08),
        ("group", KG.Group, 0.07),
        ("organization", KG.Organization, 0.08),
        ("place", KG.Place, 0.07),
    ]
    ents: dict[str, list[URIRef]] = {k: [] for k, _, _ in kinds}
    labels: dict[URIRef, str] = {}
    i = 0
    counts = {key: max(1, int(n_ent * share)) for key, _, share in kinds}
    counts["person"] += n_ent - sum(counts.values())  # exactly n_nodes in total
    for key, cls, _ in kinds:
        for _ in range(counts[key]):
            iri = KGR[f"{key}/e{i:06d}"]
            if key == "person":
                label = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)} {i}"
                alts = [f"{label}ті", f"{label}тың"]
            elif key == "court":
                label, alts = f"Сот №{i}", [f"Сот №{i}ы"]
            else:
                label, alts = f"{key.capitalize()} {i}", []
            g.add((iri, RDF.type, cls))
            g.add((iri, RDFS.label, Literal(label, lang="kk")))
            for a in alts:
                g.add((iri, SKOS.altLabel, Literal(a, lang="kk")))
            ents[key].append(iri)
            labels[iri] = label
            i += 1
    arts = []
    for a in range(n_art):
        iri = KGR[f"article/a{a:05d}"]
        g.add((iri, RDF.type, KG.Article))
        g.add((iri, KG.fileName, Literal(f"{a:05d}_synthetic.txt")))
        g.add((iri, SCHEMA.headline, Literal(f"Мақала {a}", lang="kk")))
        g.add((iri, SCHEMA.url, Literal(f"https://example.org/a/{a}", datatype=XSD.anyURI)))
        arts.append(iri)

    # Preferential choice of persons so degree is skewed like real news (a few prisoners are everywhere).
    def person() -> URIRef:
        p = ents["person"]
        return p[min(int(rnd.paretovariate(1.2)) - 1, len(p) - 1)] if rnd.random() < 0.3 else rnd.choice(p)

    for e in range(n_events):
        art = arts[e % n_art]
        ev_kind = e % 3
        span = KGR[f"span/s{e:06d}"]
        if ev_kind == 0:
            ev = KGR[f"event/sentencing-{e:06d}"]
            d, c = person(), rnd.choice(ents["court"])
            g.add((ev, RDF.type, KG.Sentencing))
            g.add((ev, KG.defendant, d))
            g.add((ev, KG.court, c))
            g.add((ev, KG["term"], Literal(f"P{rnd.randint(1, 20)}Y", datatype=XSD.duration)))
            g.add((ev, KG.date, Literal(str(rnd.randint(2000, 2024)), datatype=XSD.gYear)))
            g.add((d, KG.sentencedBy, c))
            text = f"{labels[c]} {labels[d]}ті бас бостандығынан айырды."
        elif ev_kind == 1:
            ev = KGR[f"event/protest-{e:06d}"]
            p, b, pl = person(), person(), rnd.choice(ents["place"])
            g.add((ev, RDF.type, KG.Protest))
            g.add((ev, RDF.type, KG.Picket))
            g.add((ev, KG.protester, p))
            g.add((ev, KG.beneficiary, b))
            g.add((ev, KG.place, pl))
            g.add((p, KG.protestedFor, b))
            text = f"{labels[p]} {labels[b]}ті қолдап пикет өткізді."
        else:
            ev = KGR[f"event/listing-{e:06d}"]
            li, lr = person(), rnd.choice(ents["group"])
            g.add((ev, RDF.type, KG.Listing))
            g.add((ev, KG.listed, li))
            g.add((ev, KG.lister, lr))
            g.add((li, KG.listedBy, lr))
            text = f"{labels[lr]} {labels[li]}ті саяси тұтқындар тізіміне енгізді."
        g.add((ev, PROV.wasDerivedFrom, art))
        g.add((ev, KG.evidence, span))
        g.add((span, RDF.type, KG.TextSpan))
        g.add((span, KG.inArticle, art))
        g.add((span, KG.sentenceIndex, Literal(e % 30)))
        g.add((span, KG.anchorText, Literal(text, lang="kk")))
    return g


def time_to_interactive(html: Path, timeout_ms: int = 60_000) -> dict[str, float]:
    """Open ``html`` in headless Chromium (network blocked) and read the page's ready mark.

    Args:
        html: the rendered file.
        timeout_ms: give up after this long.

    Returns:
        ``{"ready_ms": ..., "wall_ms": ...}``: ms from navigation start to first settled drawing, and
        wall time around ``goto`` + wait as seen from Python.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
            )
            t0 = time.perf_counter()
            page.goto(html.resolve().as_uri())
            page.wait_for_function("window.kazkgReady !== undefined", timeout=timeout_ms)
            wall = (time.perf_counter() - t0) * 1000
            ready = page.evaluate("window.kazkgReady.ms")
        finally:
            browser.close()
    return {"ready_ms": round(ready, 1), "wall_ms": round(wall, 1)}


def main() -> None:
    """Run the benchmark and print a small table."""
    from graph.views.render import render_html

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium time-to-interactive")
    ap.add_argument("--out-dir", type=Path, default=Path("/tmp/kazkg-bench"))
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)

    cases = []
    tiny = ROOT / "tests" / "data" / "tiny.ttl"
    if tiny.exists():
        cases.append(("tiny.ttl", Graph().parse(tiny)))
    t0 = time.perf_counter()
    big = synthetic_graph(args.nodes)
    print(f"synthetic graph: {len(big)} triples built in {time.perf_counter() - t0:.2f} s")
    cases.append((f"synthetic-{args.nodes}", big))

    print(
        f"{'case':<18} {'nodes':>6} {'edges':>6} {'bytes':>10} {'render s':>9} {'layout':>8} {'TTI ms':>8} {'wall ms':>8}"
    )
    for name, g in cases:
        out = args.out_dir / f"{name}.html"
        stats = render_html(g, out, title=f"bench {name}")
        tti = {"ready_ms": float("nan"), "wall_ms": float("nan")}
        if not args.no_browser:
            tti = time_to_interactive(out)
        print(
            f"{name:<18} {stats.nodes:>6} {stats.edges:>6} {stats.bytes:>10} {stats.seconds:>9.3f} "
            f"{stats.layout:>8} {tti['ready_ms']:>8.0f} {tti['wall_ms']:>8.0f}"
        )


if __name__ == "__main__":
    main()
