"""Render a kazkg RDF graph as one self-contained, offline, searchable HTML page.

The page is built from our own Jinja2 template (``graph/templates/graph.html.j2``) with the
vis-network bundle inlined, so it opens from a USB stick with no network. Everything that comes
from articles (names, sentences, headlines, URLs) is untrusted: it travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
and the page's script only ever puts it into the DOM with ``textContent``.

Public API:
    render_html(g, out, ...) -> RenderStats
    render_static(g, out, fmt="png"|"svg", ...) -> RenderStats
    build_view(g, ...) -> dict          (the data embedded in the page; handy for tests)
    find_nodes(view_or_graph, name)     (name/alias lookup used by ``focus``)
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import re
import time
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from graph.errors import KazkgError
from graph.events.kinds import class_labels, kinds
from graph.rdf.store import write_outputs

log = logging.getLogger(__name__)


class RenderError(KazkgError, ValueError):
    """Bad render request: unknown class/relation/format, or a focus name that matches nothing."""


class RenderDependencyError(KazkgError, RuntimeError):
    """An optional dependency of the requested output (matplotlib) is not installed."""


KG = Namespace("https://w3id.org/kazkg/ontology#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

TEMPLATE_DIR = Path(__file__).with_name("templates")
TEMPLATE_NAME = "graph.html.j2"
VIS_JS = "vis-network.min.js"

#: Above this many nodes the layout is computed in Python and physics is switched off: vis-network's
#: own physics needs minutes to settle 1,000+ nodes (see shared/PERF-NOTES.md).
LAYOUT_THRESHOLD = 500

# Class key -> (UI label, colour, vis-network shape). Shapes that honour ``size`` were chosen so that
# size-by-degree works for every class (box/ellipse shapes size to their label instead).
CLASS_STYLE: dict[str, tuple[str, str, str]] = {
    "person": ("Person", "#4e79a7", "dot"),
    "organisation": ("Organisation", "#f28e2b", "square"),
    "court": ("Court", "#e15759", "diamond"),
    "group": ("Group", "#59a14f", "triangle"),
    "place": ("Place", "#76b7b2", "hexagon"),
    "event": ("Event", "#af7aa1", "star"),
}

_ENTITY_CLASSES: tuple[tuple[URIRef, str], ...] = (
    # Order matters: a node typed Court (and perhaps also Organization) is a court.
    (KG.Court, "court"),
    (KG.Person, "person"),
    (KG.Group, "group"),
    (KG.Place, "place"),
    (KG.Organization, "organisation"),
)

# Headless Debian Chromium as the tests and bench/render.py start it: no sandbox (root in
# CI), and none of the background connections a closed network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# Most specific kind first; the first type an event carries from this list names it. The
# classes and labels come from the pattern files (graph.events.kinds); the general ones close it.
_EVENT_KINDS: tuple[tuple[URIRef, str], ...] = (
    *((KG[cls], label) for cls, label in class_labels()),
    (KG.LegalEvent, "Legal event"),
    (KG.Event, "Event"),
)

#: Relation key -> (UI label, colour, truthy?). Truthy edges link two entities; role edges link an
#: event to a participant.
RELATION_STYLE: dict[str, tuple[str, str, bool]] = {
    "sentencedBy": ("sentenced by", "#e15759", True),
    "protestedFor": ("protested for", "#f28e2b", True),
    "listedBy": ("listed by", "#4e79a7", True),
    "defendant": ("defendant", "#9d9d9d", False),
    "court": ("court", "#9d9d9d", False),
    "protester": ("protester", "#9d9d9d", False),
    "beneficiary": ("beneficiary", "#9d9d9d", False),
    "listed": ("listed", "#9d9d9d", False),
    "lister": ("lister", "#9d9d9d", False),
    "place": ("place", "#9d9d9d", False),
}
_TRUTHY = ("sentencedBy", "protestedFor", "listedBy")
# Which event roles support a truthy edge (subject role, object role): lets an edge click show the
# events and sentences behind it.
_TRUTHY_ROLES = {
    "sentencedBy": ("defendant", "court"),
    "protestedFor": ("protester", "beneficiary"),
    "listedBy": ("listed", "lister"),
}
# Which event kinds (by their labels) can support each truthy edge, from the kinds' declared edges.
_TRUTHY_KINDS = {
    rel: {label for cls, label in class_labels() for kind in kinds().values() if cls in kind.classes
          and any(edge[0] == rel for edge in kind.edges)}
    for rel in _TRUTHY
}
_LITERAL_FACTS = (
    # (property, fact label) in display order
    ("term", "term"),
    ("penalty", "penalty"),
    ("date", "date"),
    ("charge", "charge"),
    ("criminalCodeArticle", "article"),
    ("caseName", "case"),
    ("demand", "demand"),
)
_MAX_SPANS_PER_NODE = 30
_INFLECTION_SLACK = 6  # longest Kazakh suffix chain we accept after a known name (e.g. -дарының)

_DURATION = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$"
)


@dataclass(frozen=True, slots=True)
class RenderStats:
    """What a render produced.

    Attributes:
        nodes: nodes drawn (entities + events).
        edges: edges drawn.
        bytes: size of the written file.
        seconds: wall time of the render.
        layout: "physics" (browser lays out) or "python" (positions precomputed, physics off).
    """

    nodes: int
    edges: int
    bytes: int
    seconds: float
    layout: str = "physics"


# --------------------------------------------------------------------------------------------- names


def normalize_name(text: str) -> str:
    """Fold a name for lookup: NFC, lower case, one space between words.

    Args:
        text: a label, alias or user query.

    Returns:
        The folded form (Kazakh letters lower-case correctly with ``str.lower``).
    """
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _match_rank(query: str, name: str) -> int | None:
    """Rank how well a folded query matches a folded name (lower is better, None = no match)."""
    if not query or not name:
        return None
    if query == name:
        return 0
    # An inflected form that is not listed: the known nominative/alias plus a short suffix.
    if query.startswith(name) and len(query) - len(name) <= _INFLECTION_SLACK and len(name) >= 3:
        return 1
    if name.startswith(query):
        return 2
    if query in name:
        return 3
    return None


def find_nodes(view: dict[str, Any], name: str) -> list[int]:
    """Find node ids whose label or any alternative label matches ``name``.

    Exact matches (after folding) win; then names that ``name`` extends by a short suffix (an
    unlisted inflected form, e.g. "Жәкішевтің" for "Жәкішев"), longest name first; then prefix and
    substring matches.

    Args:
        view: the dict returned by :func:`build_view`.
        name: a label, alias or inflected form.

    Returns:
        Matching node ids, best first (empty if nothing matches).
    """
    q = normalize_name(name)
    scored: list[tuple[int, int, str, int]] = []
    for node in view["nodes"]:
        best: tuple[int, int] | None = None
        for n in [node["l"], *node.get("a", [])]:
            f = normalize_name(n)
            r = _match_rank(q, f)
            if r is not None and (best is None or (r, -len(f)) < best):
                best = (r, -len(f))
        if best is not None:
            scored.append((best[0], best[1], node["l"], node["id"]))
    scored.sort()
    if not scored:
        return []
    top = scored[0][0]
    return [s[3] for s in scored if s[0] == top]


# ----------------------------------------------------------------------------------------- extraction


def _local(iri: Any) -> str:
    s = str(iri)
    return re.split(r"[#/]", s)[-1] or s


def _pick_label(g: Graph, s: URIRef, pred: URIRef) -> str | None:
    """Pick one literal deterministically, Kazakh first."""
    vals = [o for o in g.objects(s, pred) if isinstance(o, Literal)]
    if not vals:
        return None
    vals.sort(key=lambda o: (o.language != "kk", o.language is not None and o.language != "kk", str(o)))
    return str(vals[0])


def _literals(g: Graph, s: URIRef, pred: URIRef) -> list[str]:
    return sorted({str(o) for o in g.objects(s, pred) if isinstance(o, Literal)})


def format_term(value: str) -> str:
    """Render an xsd:duration prison term in Kazakh, e.g. ``P14Y`` -> ``14 жыл``.

    Args:
        value: lexical xsd:duration (``P2Y6M``, ``P15D``); anything else is returned unchanged.

    Returns:
        The human form ("2 жыл 6 ай", "15 күн").
    """
    m = _DURATION.match(value.strip())
    if not m or not any(m.groups()):
        return value
    parts = []
    for num, unit in zip(m.groups(), ("жыл", "ай", "апта", "күн"), strict=True):
        if num is not None and float(num) != 0:  # "P1Y0M" reads "1 жыл", not "1 жыл 0 ай"
            parts.append(f"{num.removesuffix('.0')} {unit}")
    return " ".join(parts) or value


def _format_date(value: str) -> str:
    # gMonthDay "--09-26" reads better as "09-26"; years and dates are already readable.
    return value.removeprefix("--")


def build_view(
    g: Graph,
    *,
    max_nodes: int | None = None,
    focus: str | None = None,
    hops: int = 1,
    classes: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    title: str = "kazkg network",
) -> dict[str, Any]:
    """Extract the drawable view of a kazkg graph (nodes, edges, evidence, articles).

    Args:
        g: an rdflib graph written per ontology/MAPPING.md.
        max_nodes: keep at most this many nodes (highest degree first, ties by label).
        focus: a label, alias or inflected form; keep only its ego network.
        hops: ego radius for ``focus``. An event counts as a link, not a hop: two people in one
            sentencing are one hop apart.
        classes: class keys to keep (person, organisation/organization, court, group, place, event).
        relations: relation keys to keep (sentencedBy, protestedFor, listedBy and the event roles
            defendant, court, protester, beneficiary, listed, lister, place); nodes left without
            any edge by this filter are dropped.
        title: page title.

    Returns:
        A JSON-ready dict: ``nodes``, ``edges``, ``spans``, ``articles``, ``classes``,
        ``relations``, ``title``. Node and edge ids are small ints; positions are added later.

    Raises:
        RenderError: unknown class or relation key, or ``focus`` matches no node.
    """
    class_filter = _parse_classes(classes)
    rel_filter = _parse_relations(relations)

    # -- articles
    articles: list[dict[str, Any]] = []
    art_index: dict[URIRef, int] = {}
    for a in sorted(set(g.subjects(RDF.type, KG.Article)) | set(g.subjects(KG.fileName, None)), key=str):
        if not isinstance(a, URIRef):
            continue
        url = _pick_label(g, a, SCHEMA.url)
        art_index[a] = len(articles)
        articles.append(
            {
                "f": _pick_label(g, a, KG.fileName) or _local(a),
                "h": _pick_label(g, a, SCHEMA.headline) or "",
                "u": url or "",
                "d": _pick_label(g, a, SCHEMA.datePublished) or "",
                "p": _pick_label(g, a, SCHEMA.publisher) or "",
            }
        )

    def article_of(x: URIRef) -> int:
        if x not in art_index:
            art_index[x] = len(articles)
            articles.append({"f": _local(x), "h": "", "u": "", "d": "", "p": ""})
        return art_index[x]

    # -- entities
    entity_cls: dict[URIRef, str] = {}
    for cls_iri, key in _ENTITY_CLASSES:
        for s in g.subjects(RDF.type, cls_iri):
            if isinstance(s, URIRef) and s not in entity_cls:
                entity_cls[s] = key

    # -- events
    event_kind: dict[URIRef, str] = {}
    for cls_iri, kind in _EVENT_KINDS:
        for s in g.subjects(RDF.type, cls_iri):
            if isinstance(s, URIRef) and s not in event_kind and s not in entity_cls:
                event_kind[s] = kind

    # -- spans
    spans: list[dict[str, Any]] = []
    span_index: dict[URIRef, int] = {}

    def span_of(sp: URIRef) -> int:
        if sp not in span_index:
            art = g.value(sp, KG.inArticle)
            idx = g.value(sp, KG.sentenceIndex)
            span_index[sp] = len(spans)
            spans.append(
                {
                    "t": _pick_label(g, sp, KG.anchorText) or "",
                    "a": article_of(art) if isinstance(art, URIRef) else -1,
                    "i": int(idx) if isinstance(idx, Literal) and str(idx).isdigit() else -1,
                }
            )
        return span_index[sp]

    # Node records keyed by IRI; ids assigned after selection so they stay dense and deterministic.
    recs: dict[URIRef, dict[str, Any]] = {}
    for e in sorted(entity_cls, key=str):
        label = _pick_label(g, e, RDFS.label) or _local(e)
        alts = sorted({str(o) for o in g.objects(e, SKOS.altLabel) if isinstance(o, Literal)} - {label})
        recs[e] = {
            "iri": str(e),
            "c": entity_cls[e],
            "l": label,
            "a": alts,
            "r": _literals(g, e, KG.role),
            "arts": set(),
            "sp": [],
            "ev": [],
        }
    for a_iri, a_idx in list(art_index.items()):
        for ent in g.objects(a_iri, KG.mentions):
            if ent in recs:
                recs[ent]["arts"].add(a_idx)

    raw_edges: list[tuple[URIRef, URIRef, str, list[URIRef]]] = []
    event_parts: dict[URIRef, list[tuple[str, URIRef]]] = {}
    for ev in sorted(event_kind, key=str):
        parts: list[tuple[str, URIRef]] = []
        for p, o in g.predicate_objects(ev):
            if isinstance(o, URIRef) and o in entity_cls and str(p).startswith(str(KG)):
                parts.append((_local(p), o))
        parts.sort(key=lambda t: (t[0], str(t[1])))
        event_parts[ev] = parts
        facts: list[list[str]] = [["kind", event_kind[ev]]]
        summary: list[str] = []
        for prop, flabel in _LITERAL_FACTS:
            for o in sorted(g.objects(ev, KG[prop]), key=str):
                if prop == "term":
                    val = format_term(str(o))
                elif prop == "penalty":
                    val = _local(o)
                elif prop == "date":
                    val = _format_date(str(o))
                else:
                    val = str(o)
                facts.append([flabel, val])
                if prop in ("term", "date"):
                    summary.append(val)
                elif prop in ("charge", "demand"):
                    summary.append(f"{flabel} {val}")
        for role, o in parts:
            facts.append([role, recs[o]["l"]])
        srcs = sorted({article_of(a) for a in g.objects(ev, PROV.wasDerivedFrom) if isinstance(a, URIRef)})
        sp_ids = sorted({span_of(s) for s in g.objects(ev, KG.evidence) if isinstance(s, URIRef)})
        for s_id in sp_ids:
            if spans[s_id]["a"] >= 0 and spans[s_id]["a"] not in srcs:
                srcs.append(spans[s_id]["a"])
        recs[ev] = {
            "iri": str(ev),
            "c": "event",
            "k": event_kind[ev],
            "l": event_kind[ev],
            "a": [],
            "r": [],
            "sum": " · ".join(summary),
            "facts": facts,
            "arts": set(srcs),
            "sp": sp_ids,
            "ev": [],
        }
        for role, o in parts:
            raw_edges.append((ev, o, role, [ev]))
            recs[o]["arts"].update(srcs)
            recs[o]["ev"].append(ev)

    # (role, entity) -> events, so finding the events behind a truthy edge is a set intersection.
    by_role: dict[tuple[str, URIRef], set[URIRef]] = defaultdict(set)
    for ev, parts in event_parts.items():
        for part in parts:
            by_role[part].add(ev)
    for rel in _TRUTHY:
        s_role, o_role = _TRUTHY_ROLES[rel]
        for s, o in sorted(g.subject_objects(KG[rel]), key=lambda t: (str(t[0]), str(t[1]))):
            if s not in recs or o not in recs:
                continue
            support = by_role.get((s_role, s), set()) & by_role.get((o_role, o), set())
            # A parole refusal also has a defendant and a court, but the fact comes from a sentencing;
            # fall back to any matching event only when no event of the right family exists.
            family = {ev for ev in support if event_kind[ev] in _TRUTHY_KINDS[rel]}
            support = family or support
            raw_edges.append((s, o, rel, sorted(support, key=str)))

    # -- selection: relations, classes, focus, max_nodes (in that order)
    if rel_filter is not None:
        raw_edges = [e for e in raw_edges if e[2] in rel_filter]
        touched = {x for e in raw_edges for x in e[:2]}
        recs = {k: v for k, v in recs.items() if k in touched}
    if class_filter is not None:
        recs = {k: v for k, v in recs.items() if v["c"] in class_filter}
    raw_edges = [e for e in raw_edges if e[0] in recs and e[1] in recs]

    focus_seed: URIRef | None = None
    if focus is not None:
        tmp_view = {"nodes": [{"id": i, "l": r["l"], "a": r["a"]} for i, r in enumerate(recs.values())]}
        keys = list(recs)
        hits = [keys[i] for i in find_nodes(tmp_view, focus) if recs[keys[i]]["c"] != "event"]
        if not hits:
            raise RenderError(f"focus {focus!r} matches no entity in the graph")
        focus_seed = hits[0]
        keep = _ego(hits, raw_edges, recs, max(0, hops))
        recs = {k: v for k, v in recs.items() if k in keep}
        raw_edges = [e for e in raw_edges if e[0] in recs and e[1] in recs]

    degree: dict[URIRef, int] = defaultdict(int)
    for s, o, _, _ in raw_edges:
        degree[s] += 1
        degree[o] += 1
    if max_nodes is not None and len(recs) > max_nodes:
        ranked = sorted(recs, key=lambda k: (-degree[k], recs[k]["l"], str(k)))[: max(0, max_nodes)]
        keep_set = set(ranked)
        recs = {k: v for k, v in recs.items() if k in keep_set}
        raw_edges = [e for e in raw_edges if e[0] in recs and e[1] in recs]
        degree = defaultdict(int)
        for s, o, _, _ in raw_edges:
            degree[s] += 1
            degree[o] += 1

    # -- dense ids, JSON-ready records
    order = sorted(recs, key=lambda k: (recs[k]["c"] == "event", recs[k]["l"], str(k)))
    ids = {k: i for i, k in enumerate(order)}
    nodes: list[dict[str, Any]] = []
    for k in order:
        r = recs[k]
        node: dict[str, Any] = {"id": ids[k], "c": r["c"], "l": r["l"], "iri": r["iri"], "d": degree[k]}
        if r["a"]:
            node["a"] = r["a"]
        if r["r"]:
            node["r"] = r["r"]
        if r["arts"]:
            node["arts"] = sorted(r["arts"])
        if r["c"] == "event":
            node["k"] = r["k"]
            node["facts"] = r["facts"]
            if r["sum"]:
                node["sum"] = r["sum"]
            node["sp"] = r["sp"]
            node["parts"] = [[role, ids[o]] for role, o in event_parts[k] if o in ids]
        else:
            evs = sorted({ids[e] for e in r["ev"] if e in ids})
            if evs:
                node["ev"] = evs
            sp_set: set[int] = set()
            for e in r["ev"]:
                if e in recs:
                    sp_set.update(recs[e]["sp"])
            if sp_set:
                node["sp"] = sorted(sp_set)[:_MAX_SPANS_PER_NODE]
        nodes.append(node)
    edges = [
        {"id": i, "f": ids[s], "t": ids[o], "r": rel, "ev": [ids[e] for e in sup if e in ids]}
        for i, (s, o, rel, sup) in enumerate(sorted(raw_edges, key=lambda e: (ids[e[0]], ids[e[1]], e[2])))
    ]
    for e in edges:
        if not e["ev"]:
            del e["ev"]

    # Keep only spans and articles the kept nodes reference, renumbered, so a focused page does not
    # carry the whole corpus's sentences.
    used_spans = sorted({s for n in nodes for s in n.get("sp", [])})
    span_map = {old: new for new, old in enumerate(used_spans)}
    used_arts = sorted(
        {a for n in nodes for a in n.get("arts", [])}
        | {spans[s]["a"] for s in used_spans if spans[s]["a"] >= 0}
    )
    art_map = {old: new for new, old in enumerate(used_arts)}
    out_spans = [dict(spans[s], a=art_map.get(spans[s]["a"], -1)) for s in used_spans]
    for n in nodes:
        if "sp" in n:
            n["sp"] = [span_map[s] for s in n["sp"]]
        if "arts" in n:
            n["arts"] = [art_map[a] for a in n["arts"]]

    return {
        "title": title,
        # the page selects this node and opens its panel on load
        "focus": ids.get(focus_seed) if focus_seed is not None else None,
        "classes": [{"key": k, "label": v[0], "color": v[1], "shape": v[2]} for k, v in CLASS_STYLE.items()],
        "relations": [
            {"key": k, "label": v[0], "color": v[1], "truthy": v[2]}
            for k, v in RELATION_STYLE.items()
            if any(e["r"] == k for e in edges)
        ],
        "articles": [articles[a] for a in used_arts],
        "spans": out_spans,
        "nodes": nodes,
        "edges": edges,
    }


def _parse_classes(classes: Iterable[str] | None) -> set[str] | None:
    if classes is None:
        return None
    out = set()
    for c in classes:
        key = c.strip().lower()
        key = {"organization": "organisation", "org": "organisation", "location": "place"}.get(key, key)
        if key not in CLASS_STYLE:
            raise RenderError(f"unknown class {c!r}; choose from {', '.join(CLASS_STYLE)}")
        out.add(key)
    return out


def _parse_relations(relations: Iterable[str] | None) -> set[str] | None:
    if relations is None:
        return None
    lower = {k.lower(): k for k in RELATION_STYLE}
    out = set()
    for r in relations:
        key = lower.get(r.strip().removeprefix("kg:").lower())
        if key is None:
            raise RenderError(f"unknown relation {r!r}; choose from {', '.join(RELATION_STYLE)}")
        out.add(key)
    return out


def _ego(
    seeds: list[URIRef],
    raw_edges: list[tuple[URIRef, URIRef, str, list[URIRef]]],
    recs: dict[URIRef, dict[str, Any]],
    hops: int,
) -> set[URIRef]:
    """Entities within ``hops`` of the seeds (events are links, not hops) plus the events among them."""
    adj: dict[URIRef, set[URIRef]] = defaultdict(set)
    event_members: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o, _, _ in raw_edges:
        if recs[s]["c"] == "event":
            event_members[s].add(o)
        elif recs[o]["c"] == "event":
            event_members[o].add(s)
        else:
            adj[s].add(o)
            adj[o].add(s)
    for members in event_members.values():
        for m in members:
            adj[m].update(members - {m})
    seen = set(seeds)
    frontier = deque((s, 0) for s in seeds)
    while frontier:
        node, dist = frontier.popleft()
        if dist >= hops:
            continue
        for nb in adj[node]:
            if nb not in seen:
                seen.add(nb)
                frontier.append((nb, dist + 1))
    events = {ev for ev, members in event_members.items() if members and members <= seen}
    return seen | events


# --------------------------------------------------------------------------------------------- layout


def compute_layout(
    node_ids: list[int], edges: list[tuple[int, int]], spacing: float = 60.0
) -> dict[int, tuple[float, float]]:
    """Deterministic radial-tree layout in pure Python, linear in nodes + edges.

    Each connected component is laid out as a BFS tree from its highest-degree node: depth d sits
    on a ring whose radius grows with d and with how many nodes it must hold, and every subtree
    gets an angular wedge proportional to its size, so hubs sit in the middle of their neighbours.
    Components are packed in rows, largest first. (networkx's layouts need numpy, which kazkg does
    not depend on; a force layout in pure Python is far too slow for 5,000 nodes.)

    Args:
        node_ids: node ids.
        edges: (from, to) pairs; direction is ignored.
        spacing: target distance between neighbouring nodes, in vis-network units.

    Returns:
        ``{node_id: (x, y)}`` rounded to 0.1.
    """
    adj: dict[int, set[int]] = {n: set() for n in node_ids}
    for a, b in edges:
        if a != b and a in adj and b in adj:
            adj[a].add(b)
            adj[b].add(a)
    order = sorted(node_ids, key=lambda n: (-len(adj[n]), n))
    seen: set[int] = set()
    comps: list[tuple[float, dict[int, tuple[float, float]]]] = []
    for root in order:
        if root in seen:
            continue
        # BFS tree
        parent = {root: -1}
        depth = {root: 0}
        children: dict[int, list[int]] = defaultdict(list)
        bfs = [root]
        seen.add(root)
        i = 0
        while i < len(bfs):
            u = bfs[i]
            i += 1
            for v in sorted(adj[u], key=lambda n: (-len(adj[n]), n)):
                if v not in seen:
                    seen.add(v)
                    parent[v] = u
                    depth[v] = depth[u] + 1
                    children[u].append(v)
                    bfs.append(v)
        weight = {}
        for u in reversed(bfs):
            weight[u] = 1 + sum(weight[c] for c in children[u])
        per_depth: dict[int, int] = defaultdict(int)
        for u in bfs:
            per_depth[depth[u]] += 1
        radius = {0: 0.0}
        for d in range(1, max(per_depth) + 1):
            radius[d] = max(radius[d - 1] + spacing * 1.5, per_depth[d] * spacing / (2 * math.pi))
        pos: dict[int, tuple[float, float]] = {}
        wedge = {root: (0.0, 2 * math.pi)}
        for u in bfs:
            lo, hi = wedge[u]
            if u == root:
                pos[u] = (0.0, 0.0)
            else:
                ang = (lo + hi) / 2
                pos[u] = (radius[depth[u]] * math.cos(ang), radius[depth[u]] * math.sin(ang))
            total = sum(weight[c] for c in children[u]) or 1
            start = lo
            for c in children[u]:
                span = (hi - lo) * weight[c] / total
                wedge[c] = (start, start + span)
                start += span
        comps.append((radius[max(per_depth)] + spacing, pos))
    # Shelf packing: rows of components, row width about sqrt(total area).
    total_area = sum((2 * r) ** 2 for r, _ in comps)
    row_width = max(math.sqrt(total_area) * 1.2, 1.0)
    out: dict[int, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for r, pos in comps:
        if x > 0 and x + 2 * r > row_width:
            x = 0.0
            y += row_h
            row_h = 0.0
        cx, cy = x + r, y + r
        for n, (px, py) in pos.items():
            out[n] = (round(cx + px, 1), round(cy + py, 1))
        x += 2 * r
        row_h = max(row_h, 2 * r)
    return out


# ----------------------------------------------------------------------------------------------- HTML


def embed_json(data: Any) -> str:
    """Serialise data for a ``<script type="application/json">`` block, safe against breakout.

    Args:
        data: JSON-serialisable value.

    Returns:
        JSON text in which ``<``, ``>``, ``&``, U+2028 and U+2029 appear only as ``\\uXXXX`` escapes,
        so no ``</script>``, ``<!--`` or entity can end or alter the block.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _load_vis_js() -> str:
    js = (TEMPLATE_DIR / VIS_JS).read_text(encoding="utf-8")
    # Inlined code must not be able to close or comment-escape its own <script> element.
    low = js.lower()
    if "</script" in low or "<!--" in low:
        raise RuntimeError(f"{VIS_JS} contains a sequence that would break inline embedding")
    return js


def render_html(
    g: Graph,
    out: str | os.PathLike[str],
    *,
    max_nodes: int | None = None,
    focus: str | None = None,
    hops: int = 1,
    classes: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    title: str = "kazkg network",
    layout_threshold: int = LAYOUT_THRESHOLD,
    force: bool = False,
) -> RenderStats:
    """Write the graph as one self-contained interactive HTML file.

    Args:
        g: an rdflib graph written per ontology/MAPPING.md.
        out: output path (written atomically, UTF-8).
        max_nodes: keep at most this many nodes, highest degree first.
        focus: label, alias or inflected form of an entity; draw only its ego network.
        hops: ego radius for ``focus``.
        classes: class keys to draw (see :func:`build_view`).
        relations: relation keys to draw (see :func:`build_view`).
        title: page title (escaped).
        layout_threshold: above this many nodes positions are computed here and physics is off.
        force: overwrite ``out`` even if kazkg did not write it (see :func:`graph.rdf.store.write_outputs`).

    Returns:
        RenderStats(nodes, edges, bytes, seconds, layout).

    Raises:
        RenderError: bad class/relation key or a ``focus`` that matches nothing.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    t0 = time.perf_counter()
    view = build_view(
        g, max_nodes=max_nodes, focus=focus, hops=hops, classes=classes, relations=relations, title=title
    )
    physics = len(view["nodes"]) <= layout_threshold
    if not physics:
        pos = compute_layout([n["id"] for n in view["nodes"]], [(e["f"], e["t"]) for e in view["edges"]])
        for n in view["nodes"]:
            n["x"], n["y"] = pos[n["id"]]
    view["physics"] = physics
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    html = env.get_template(TEMPLATE_NAME).render(
        title=title, vis_js=_load_vis_js(), data_json=embed_json(view)
    )
    data = html.encode("utf-8")
    write_outputs({Path(out): data}, force=force)
    size = len(data)
    stats = RenderStats(
        nodes=len(view["nodes"]),
        edges=len(view["edges"]),
        bytes=size,
        seconds=round(time.perf_counter() - t0, 4),
        layout="physics" if physics else "python",
    )
    log.info("rendered %s: %d nodes, %d edges, %d bytes", out, stats.nodes, stats.edges, stats.bytes)
    return stats


# ---------------------------------------------------------------------------------------------- static


def render_static(
    g: Graph,
    out: str | os.PathLike[str],
    fmt: str = "png",
    *,
    max_nodes: int | None = 300,
    focus: str | None = None,
    hops: int = 1,
    classes: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    title: str = "kazkg network",
    force: bool = False,
) -> RenderStats:
    """Draw a static PNG or SVG picture of the graph with networkx + matplotlib.

    Args:
        g: an rdflib graph written per ontology/MAPPING.md.
        out: output path.
        fmt: "png" or "svg".
        max_nodes: keep at most this many nodes (a static picture of thousands is unreadable).
        focus: see :func:`render_html`.
        hops: see :func:`render_html`.
        classes: see :func:`render_html`.
        relations: see :func:`render_html`.
        title: picture title.
        force: overwrite ``out`` even if kazkg did not write it.

    Returns:
        RenderStats for the written file.

    Raises:
        RenderError: unknown ``fmt`` (also those of :func:`build_view`).
        RenderDependencyError: matplotlib is not installed.
    """
    if fmt not in ("png", "svg"):
        raise RenderError(f"unknown static format {fmt!r}; use png or svg")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # optional dependency
        raise RenderDependencyError(
            "render_static needs matplotlib: pip install matplotlib (or use the HTML output)"
        ) from exc
    import networkx as nx

    t0 = time.perf_counter()
    view = build_view(
        g, max_nodes=max_nodes, focus=focus, hops=hops, classes=classes, relations=relations, title=title
    )
    nxg = nx.DiGraph()
    for n in view["nodes"]:
        nxg.add_node(n["id"])
    for e in view["edges"]:
        nxg.add_edge(e["f"], e["t"], r=e["r"])
    pos = compute_layout(list(nxg.nodes), [(e["f"], e["t"]) for e in view["edges"]])
    style = CLASS_STYLE
    markers = {"dot": "o", "square": "s", "diamond": "D", "triangle": "^", "hexagon": "h", "star": "*"}
    # A fixed hash salt and metadata keep SVG output byte-identical between runs.
    matplotlib.rcParams["svg.hashsalt"] = "kazkg"
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    try:
        for key, (_, color, shape) in style.items():
            ns = [n["id"] for n in view["nodes"] if n["c"] == key]
            if ns:
                nx.draw_networkx_nodes(
                    nxg,
                    pos,
                    nodelist=ns,
                    node_color=color,
                    node_shape=markers[shape],
                    ax=ax,
                    node_size=[80 + 40 * next(m["d"] for m in view["nodes"] if m["id"] == i) for i in ns],
                )
        for rel, (rlabel, color, truthy) in RELATION_STYLE.items():
            es = [(e["f"], e["t"]) for e in view["edges"] if e["r"] == rel]
            if es:
                nx.draw_networkx_edges(
                    nxg, pos, edgelist=es, edge_color=color, ax=ax, arrows=True, width=1.5 if truthy else 0.7
                )
        labels = {n["id"]: (n.get("sum") and f"{n['l']}\n{n['sum']}") or n["l"] for n in view["nodes"]}
        nx.draw_networkx_labels(nxg, pos, labels=labels, font_size=7, ax=ax)
        from matplotlib.lines import Line2D

        present = {n["c"] for n in view["nodes"]}
        handles = [
            Line2D([], [], marker=markers[shape], color=color, linestyle="", markersize=8, label=label)
            for key, (label, color, shape) in style.items()
            if key in present
        ] + [
            Line2D([], [], color=color, label=rlabel)
            for rel, (rlabel, color, truthy) in RELATION_STYLE.items()
            if truthy and any(e["r"] == rel for e in view["edges"])
        ]
        if handles:
            ax.legend(handles=handles, loc="best", fontsize=8, frameon=False)
        ax.set_title(title)
        ax.axis("off")
        buf = io.BytesIO()  # drawn in memory, then written like every output (atomic, checked)
        fig.savefig(buf, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    finally:
        plt.close(fig)
    write_outputs({Path(out): buf.getvalue()}, force=force)
    return RenderStats(
        nodes=len(view["nodes"]),
        edges=len(view["edges"]),
        bytes=len(buf.getvalue()),
        seconds=round(time.perf_counter() - t0, 4),
        layout="python",
    )
