"""The table of fact kinds, read from the pattern files: one source for RDF, views and shapes.

For each fact kind (``Sentencing``, ``Protest``, ``Listing`` …) the classes its
events may carry (a Protest is also a Picket, a HungerStrike …) and the truthy
edges it implies (``sentencedBy`` from defendant to court). :mod:`graph.rdf.mapping`
writes events and edges from it, the render and stats views list kinds from it,
and a test checks that the ontology and its shapes declare every term in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph.events.patterns import load_patterns

__all__ = ["Kind", "class_labels", "kinds"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One fact kind: its ontology class, the subclasses its events may take, its edges and labels."""

    name: str
    classes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...]  # (property, subject role, object role)
    labels: tuple[str, ...]


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    """Every kind the shipped patterns produce, by name."""
    classes: dict[str, list[str]] = {}
    edges: dict[str, list[tuple[str, str, str]]] = {}
    labels: dict[str, list[str]] = {}
    for p in load_patterns():
        cls = classes.setdefault(p.kind, [p.kind])
        extra = list(p.rdf_types) + [t for trig in (*p.triggers, *p.governors) for t in trig.rdf_types]
        extra += [p.subkind] if p.subkind else []
        for t in extra:
            if t not in cls:
                cls.append(t)
        for e in p.edges:
            triple = (e.property, e.subject, e.object)
            if triple not in edges.setdefault(p.kind, []):
                edges[p.kind].append(triple)
        labels.setdefault(p.kind, []).append(p.label)
    return {name: Kind(name, tuple(classes[name]), tuple(edges.get(name, ())), tuple(labels[name]))
            for name in sorted(classes)}


@lru_cache(maxsize=1)
def class_labels() -> tuple[tuple[str, str], ...]:
    """(event class, display label), most specific first: a Picket is shown as a picket, not a protest.

    A class that a pattern makes through its subkind or its trigger takes that pattern's label;
    a kind's own class comes after all its subclasses.
    """
    specific: dict[str, str] = {}
    for p in load_patterns():
        for cls in (p.subkind, *p.rdf_types, *(t for trig in (*p.triggers, *p.governors) for t in trig.rdf_types)):
            if cls and cls != p.kind:
                specific.setdefault(cls, _sentence_case(p.label if cls == p.subkind else _words(cls)))
    out = [(cls, label) for cls, label in sorted(specific.items())]
    out += [(name, _sentence_case(_words(name))) for name in kinds() if name not in specific]
    return tuple(out)


def _words(name: str) -> str:
    """"HungerStrike" -> "hunger strike"."""
    return "".join(f" {ch.lower()}" if ch.isupper() and i else ch.lower() for i, ch in enumerate(name))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
