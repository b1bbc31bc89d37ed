"""Check a built graph against the ontology's SHACL shapes and its vocabulary.

Two checks run: the SHACL shapes of ``ontology/shapes.ttl``, and a vocabulary check that
every ``kg:`` predicate and class in the data is declared in the ontology (SHACL alone does
not see a typo such as ``kg:listedby``: no shape targets it).

The ontology is mixed into the data graph, so SHACL's own subclass rule (``sh:targetClass``
and ``sh:class`` follow ``rdfs:subClassOf``) checks a ``kg:Court`` as a ``kg:Organization``
and a ``kg:Picket`` as a ``kg:Event``. RDFS inference is deliberately *off*: it would apply
the ontology's ``rdfs:range`` axioms first, typing every object of ``kg:sentencedBy`` as a
``kg:Court`` and every ``kg:defendant`` as a ``kg:Person``, so the shapes that check those
classes could never fail.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, SH, SKOS, XSD

from ontology import KG_NS, KG_TERMS, KGR, ONTOLOGY_TTL, SHAPES_TTL

if TYPE_CHECKING:
    from rdflib.term import Node

log = logging.getLogger(__name__)

MAX_LINES = 50

_PREFIXES = {
    "kg": KG_NS,
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "xsd": str(XSD),
    "schema": "https://schema.org/",
}


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def _flatten(data_graph: Graph) -> Graph:
    """One graph holding every triple: pyshacl would check each named graph of a dataset alone,
    but entities and the articles' events live in different named graphs."""
    if not getattr(data_graph, "context_aware", False):
        return data_graph
    flat = Graph()
    for s, p, o, *_ in data_graph.quads((None, None, None, None)):  # type: ignore[attr-defined]
        flat.add((s, p, o))
    return flat


@lru_cache(maxsize=1)
def _prefixed() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in _PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _short(node: Node | None) -> str:
    """Compact text for a node: prefixed name when a project prefix fits, else N3."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        text = str(node)
        # longest namespace first so kgr: wins over a shorter match
        for prefix, ns in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        text = node.n3(_prefixed().namespace_manager)
        return text if len(text) <= 60 else text[:57] + "…"
    return node.n3()


def _shacl_lines(results: Graph) -> list[tuple[bool, str]]:
    """(is_violation, line) for every validation result, one line each."""
    lines: list[tuple[bool, str]] = []
    # top-level results only: nested sh:detail results repeat a failure in generic words
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        message = messages[0] if messages else _short(results.value(result, SH.sourceConstraintComponent))
        line = f"{_short(focus)} — {_short(path) if path is not None else '-'} — {message}"
        if value is not None and value != focus:
            line += f" (value: {_short(value)})"
        violation = severity in (None, SH.Violation)
        lines.append((violation, line if violation else f"[{_short(severity)}] {line}"))
    return lines


def _vocabulary_lines(data: Graph) -> list[tuple[bool, str]]:
    """A line for each undeclared kg: term used as a predicate or a class."""
    known = {KG_NS + name for name in KG_TERMS}
    lines: list[tuple[bool, str]] = []
    seen: set[tuple[str, str]] = set()
    for s, p, o in data:
        used = []
        if str(p).startswith(KG_NS) and str(p) not in known:
            used.append((s, p, "predicate"))
        if p == RDF.type and str(o).startswith(KG_NS) and str(o) not in known:
            used.append((s, o, "class"))
        for subject, term, kind in used:
            key = (str(subject), str(term))
            if key in seen:
                continue
            seen.add(key)
            lines.append(
                (
                    True,
                    f"{_short(subject)} — {_short(term)} — unknown kg: {kind}; it is not declared in ontology/kazkg.ttl.",
                )
            )
    return lines


def validate_graph(data_graph: Graph) -> tuple[bool, str]:
    """Validate a kazkg output graph with the SHACL shapes and the ontology's vocabulary.

    Args:
        data_graph: the built graph (a ``Graph``; a ``Dataset`` is checked as the union
            of its named graphs). It is not modified.

    Returns:
        ``(conforms, report)``: ``conforms`` is False when any violation is found; the
        report has a summary line, then one line per problem as
        ``focus node — path — message``, sorted and capped at 50 lines.
    """
    from pyshacl import validate  # heavy import, only needed here

    data = _flatten(data_graph)
    shacl_ok, results, _text = validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        inplace=False,
    )
    found = _shacl_lines(results) + _vocabulary_lines(data)
    violations = sum(1 for is_violation, _ in found if is_violation)
    conforms = bool(shacl_ok) and violations == 0
    lines = sorted({line for _, line in found})
    warnings = len(found) - violations
    summary = (
        f"{'conforms' if conforms else 'does not conform'}: {len(data)} triples, "
        f"{violations} violation{'s' if violations != 1 else ''}"
        + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
    )
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"… and {len(lines) - MAX_LINES} more")
    log.info("validation: %s", summary)
    return conforms, "\n".join([summary, *shown])
