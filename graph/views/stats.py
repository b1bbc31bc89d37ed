"""Counts that describe a built graph, by SPARQL, so they work on any store."""

from __future__ import annotations

from collections.abc import Callable

from graph.events.kinds import kinds
from graph.rdf.iri import KG

ENTITY_CLASSES = ("Person", "Organization", "Court", "Group", "Place")
# Every event class the pattern files produce (graph.events.kinds), kinds before their subclasses.
EVENT_CLASSES = tuple(dict.fromkeys(cls for kind in kinds().values() for cls in kind.classes))
EDGES = ("listedBy", "protestedFor", "sentencedBy")

_TYPES = f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?class FILTER(STRSTARTS(STR(?class), '{KG}')) }} GROUP BY ?class"
_EDGES = f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {' '.join(f'<{KG}{e}>' for e in EDGES)} }} }} }} GROUP BY ?p"
_SENTENCES = f"SELECT (SUM(?c) AS ?n) WHERE {{ SELECT DISTINCT ?a ?c WHERE {{ ?a <{KG}sentenceCount> ?c }} }}"
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def graph_stats(select: Callable[[str], list[tuple[object, ...]]]) -> dict:
    """Articles, sentences, entities per class, events per class and edges per property.

    Args:
        select: runs a SELECT query and returns its rows (rdflib or pyoxigraph terms).
    """
    types = {_value(c).split("#")[-1]: int(_value(n)) for c, n in select(_TYPES)}
    edges = {_value(p).split("#")[-1]: int(_value(n)) for p, n in select(_EDGES)}
    (sentences,) = select(_SENTENCES)[0] or (0,)
    (triples,) = select(_TRIPLES)[0]
    return {
        "triples": int(_value(triples)),
        "articles": types.get("Article", 0),
        "sentences": int(_value(sentences)) if sentences is not None else 0,
        "entities": {c: types.get(c, 0) for c in ENTITY_CLASSES},
        "events": {c: types.get(c, 0) for c in EVENT_CLASSES},
        "edges": {e: edges.get(e, 0) for e in EDGES},
    }


def format_stats(stats: dict) -> str:
    """Human-readable stats, one ``name  value`` pair per line."""
    lines = [f"{name:16} {stats[name]}" for name in ("triples", "articles", "sentences")]
    for group in ("entities", "events", "edges"):
        lines.append(f"{group}:")
        lines += [f"  {name:14} {count}" for name, count in stats[group].items()]
    return "\n".join(lines) + "\n"
