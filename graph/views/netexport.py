"""Network exports for Gephi and spreadsheets: GraphML, GEXF, a CSV edge list, and measures.

Nodes are the merged entities (label and class attributes); edges are the truthy
relations (``kg:sentencedBy``, ``kg:protestedFor``, ``kg:listedBy``) with the
articles that state them. Works on an rdflib Graph (``exports/graph.ttl``) or on
a :class:`graph.rdf.oxstore.KgStore`, through the same two SPARQL queries.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import KazkgError
from graph.model import ENTITY_CLASSES
from graph.rdf.iri import PREFIXES
from graph.rdf.store import write_atomic

if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)

RELATIONS = ("sentencedBy", "protestedFor", "listedBy")
NET_FORMATS = ("graphml", "gexf", "csv")
CSV_COLUMNS = ("source_label", "source_class", "relation", "target_label", "target_class", "article")

_CLASS_VALUES = " ".join(f"kg:{c}" for c in ENTITY_CLASSES)
_ENTITY_QUERY = f"""
SELECT ?e ?cls ?label WHERE {{
  VALUES ?cls {{ {_CLASS_VALUES} }}
  ?e a ?cls .
  OPTIONAL {{ ?e rdfs:label ?label }}
}}"""

# One pattern per truthy relation: the edge, and (optionally) the events that imply it.
_EDGE_QUERY = """
SELECT ?s ?rel ?o ?file WHERE {
  {
    ?s kg:sentencedBy ?o . BIND("sentencedBy" AS ?rel)
    OPTIONAL { ?e a kg:Sentencing ; kg:defendant ?s ; kg:court ?o ; prov:wasDerivedFrom ?a . ?a kg:fileName ?file }
  } UNION {
    ?s kg:protestedFor ?o . BIND("protestedFor" AS ?rel)
    OPTIONAL { ?e a kg:Protest ; kg:protester ?s ; kg:beneficiary ?o ; prov:wasDerivedFrom ?a . ?a kg:fileName ?file }
  } UNION {
    ?s kg:listedBy ?o . BIND("listedBy" AS ?rel)
    OPTIONAL { ?e a kg:Listing ; kg:listed ?s ; kg:lister ?o ; prov:wasDerivedFrom ?a . ?a kg:fileName ?file }
  }
}"""


@dataclass(frozen=True, slots=True)
class Node:
    iri: str
    label: str
    cls: str


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    relation: str
    target: str
    articles: tuple[str, ...]


def _rows(source: Any, query: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT as plain strings, from a KgStore or an rdflib Graph."""
    if hasattr(source, "manifest"):  # a KgStore or RemoteStore (pyoxigraph terms in rows)
        result = source.query(query)
        return [tuple(None if v is None else v.value for v in row) for row in result.rows]
    result = source.query(query, initNs=PREFIXES)
    return [tuple(None if v is None else str(v) for v in row) for row in result]


def read_network(source: Any) -> tuple[list[Node], list[Edge]]:
    """Entities and truthy edges of a built graph, sorted.

    Args:
        source: an rdflib Graph/Dataset or a :class:`graph.rdf.oxstore.KgStore`.

    Returns:
        ``(nodes, edges)``; an entity typed with several classes keeps the first
        in :data:`graph.model.ENTITY_CLASSES` order.
    """
    order = {c: i for i, c in enumerate(ENTITY_CLASSES)}
    nodes: dict[str, Node] = {}
    for iri, cls, label in _rows(source, _ENTITY_QUERY):
        local = (cls or "").rsplit("#", 1)[-1]
        old = nodes.get(iri)  # type: ignore[arg-type]
        if old is None or order.get(local, 99) < order.get(old.cls, 99) or (
                local == old.cls and (label or "") < old.label):
            nodes[iri] = Node(iri, label or iri.rsplit("/", 1)[-1], local)  # type: ignore[index]
    articles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, rel, o, file in _rows(source, _EDGE_QUERY):
        key = (s, rel, o)
        articles[key]  # type: ignore[index]
        if file:
            articles[key].add(file)  # type: ignore[index]
    edges = [Edge(s, rel, o, tuple(sorted(files))) for (s, rel, o), files in sorted(articles.items())]
    for edge in edges:  # an edge whose end is not typed (should not happen) still gets a node
        for iri in (edge.source, edge.target):
            nodes.setdefault(iri, Node(iri, iri.rsplit("/", 1)[-1], ""))
    return sorted(nodes.values(), key=lambda n: n.iri), edges


def to_networkx(nodes: list[Node], edges: list[Edge]) -> nx.MultiDiGraph:
    """A directed multigraph: node attributes ``label``/``class``, edge ``relation``/``articles``."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n.iri, label=n.label, **{"class": n.cls})
    for e in edges:
        g.add_edge(e.source, e.target, key=e.relation, relation=e.relation,
                   articles=";".join(e.articles), weight=max(1, len(e.articles)))
    return g


def write_network(source: Any, path: str | Path, fmt: str | None = None) -> Path:
    """Write the entity network as GraphML, GEXF (for Gephi) or a CSV edge list, atomically.

    Args:
        source: an rdflib Graph or a KgStore.
        path: file to write; the format is guessed from its suffix when ``fmt`` is None.
        fmt: ``graphml``, ``gexf`` or ``csv``.
    """
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in NET_FORMATS:
        raise KazkgError(f"unknown network format {fmt!r}: choose one of {', '.join(NET_FORMATS)}")
    return write_atomic(path, network_bytes(source, fmt))


def network_bytes(source: Any, fmt: str) -> bytes:
    """The network file content (deterministic) in ``fmt``."""
    nodes, edges = read_network(source)
    if fmt == "csv":
        return edge_list_csv(nodes, edges).encode("utf-8")
    import networkx as nx

    g = to_networkx(nodes, edges)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8")
        return buf.getvalue()
    if fmt == "gexf":
        nx.write_gexf(g, buf, encoding="utf-8")
        # networkx stamps today's date into <meta>: drop it so the file is byte-stable.
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue())
    raise KazkgError(f"unknown network format {fmt!r}: choose one of {', '.join(NET_FORMATS)}")


def edge_list_csv(nodes: list[Node], edges: list[Edge]) -> str:
    """CSV edge list, one row per edge and article (``article`` empty when unknown)."""
    by_iri = {n.iri: n for n in nodes}
    rows = []
    for e in edges:
        s, o = by_iri[e.source], by_iri[e.target]
        for article in e.articles or ("",):
            rows.append((s.label, s.cls, e.relation, o.label, o.cls, article))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(sorted(rows))
    return buf.getvalue()


def network_measures(source: Any, top: int = 10) -> dict:
    """Measures for ``kazkg stats``.

    Args:
        source: an rdflib Graph or a KgStore.
        top: how many most-connected people to list.

    Returns:
        ``nodes``, ``edges`` (distinct related pairs), ``components`` (connected
        components of the relation network, isolated entities not counted),
        ``largest_component`` (nodes), ``isolated`` (entities with no relation),
        ``top_people``: ``[{"label", "degree"}]`` by number of distinct neighbours.
    """
    import networkx as nx

    nodes, edges = read_network(source)
    g = nx.Graph()
    g.add_nodes_from(n.iri for n in nodes)
    g.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    components = sorted((len(c) for c in nx.connected_components(linked)), reverse=True)
    people = [(-g.degree(n.iri), n.label, n.iri) for n in nodes if n.cls == "Person" and g.degree(n.iri) > 0]
    return {
        "nodes": len(nodes),
        "edges": g.number_of_edges(),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolated": len(nodes) - linked.number_of_nodes(),
        "top_people": [{"label": label, "degree": -d} for d, label, _ in sorted(people)[:top]],
    }


def format_measures(measures: dict) -> str:
    """Human-readable measures (appended to ``kazkg stats``)."""
    lines = ["network:"]
    for key in ("nodes", "edges", "components", "largest_component", "isolated"):
        lines.append(f"  {key:18} {measures[key]}")
    if measures["top_people"]:
        lines.append("  most connected people:")
        lines += [f"    {p['degree']:>4}  {p['label']}" for p in measures["top_people"]]
    return "\n".join(lines) + "\n"
