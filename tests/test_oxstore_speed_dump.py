"""The faster store dump writes exactly the bytes the former one-CONSTRUCT dump wrote.

``dump_store`` now reads the union one predicate at a time and sorts N-Quads by
graph groups; the former algorithm is kept here as the reference, and both run on
stores with awkward terms (escapes, bare numbers, blank nodes, a default graph,
graph names that prefix each other, a statement in two graphs).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
import pytest

from graph.errors import KazkgError
from graph.rdf.oxstore import DUMP_FORMATS, TURTLE_PREFIXES, dump_store, dump_store_many


def _reference_turtle(items: Iterable[Any], fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
    data = ox.serialize(items, format=fmt, prefixes=TURTLE_PREFIXES)
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _reference_dump(store: ox.Store, fmt: str) -> bytes:
    """dump_store as it was before it was made faster."""
    if fmt in ("nt", "turtle"):
        result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        raw = result.serialize(format=ox.RdfFormat.N_TRIPLES)
        nt = b"".join(line + b"\n" for line in sorted(set(raw.split(b"\n")) - {b""}))
        if fmt == "nt":
            return nt
        parsed = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        return _reference_turtle(q.triple for q in parsed)
    raw = store.dump(format=ox.RdfFormat.N_QUADS)
    lines = [line for line in raw.split(b"\n") if line]
    lines.sort(key=lambda line: (line.rpartition(b" <")[2], line))
    nq = b"".join(line + b"\n" for line in lines)
    if fmt == "nquads":
        return nq
    return _reference_turtle(ox.parse(nq, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG)


KG = "https://w3id.org/kazkg/ontology#"
R = "https://w3id.org/kazkg/resource/"
XSD = "http://www.w3.org/2001/XMLSchema#"
G = "https://w3id.org/kazkg/resource/graph/article/"

_TRIPLES = [
    f'<{R}person/a> <http://www.w3.org/2000/01/rdf-schema#label> "Мұхтар Жәкішев"@kk',
    f'<{R}person/a> <http://www.w3.org/2004/02/skos/core#altLabel> "quote \\" back \\\\ nl \\n tab \\t cr \\r"',
    f'<{R}person/a> <{KG}role> "bell \\u0007 del \\u007F nul-free"@kk',
    f"<{R}person/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Person>",
    f'<{R}span/1> <{KG}beginIndex> "12"^^<{XSD}integer>',
    f'<{R}span/1> <{KG}endIndex> "-7"^^<{XSD}integer>',
    f'<{R}span/1> <{KG}score> "0.50"^^<{XSD}decimal>',
    f'<{R}span/1> <{KG}weight> "1.5E3"^^<{XSD}double>',
    f'<{R}span/1> <{KG}flag> "true"^^<{XSD}boolean>',
    f'<{R}event/s> <{KG}term> "P14Y6M"^^<{XSD}duration>',
    f'<{R}event/s> <{KG}date> "--09-26"^^<{XSD}gMonthDay>',
    f'<{R}event/s> <{KG}custom> "x"^^<https://example.org/dt>',
    f"<{R}event/s> <{KG}court> _:c1",
    f'_:c1 <{KG}note> "a blank node"',
    f"<{R}event/s> <https://schema.org/url> <https://example.org/a%20b?q=1#frag>",
    f"<{R}event/s> <{KG}with.dot> <{KG}x.y>",
    f"<{R}event/s> <{KG}slash/in/local> <{R}a>",
    f"<{R}ab> <{KG}p> <{R}a>",
]


def _store(*, default_graph: bool, blank_graph: bool) -> ox.Store:
    store = ox.Store()
    lines = []
    for i, triple in enumerate(_TRIPLES):
        # spread over graphs whose names prefix each other; some statements in two graphs
        lines.append(f"{triple} <{G}{'a' if i % 3 else 'ab'}> .")
        if i % 4 == 0:
            lines.append(f"{triple} <{G}b> .")
    if default_graph:
        lines += [f"{_TRIPLES[0]} .", f"<{R}only/default> <{KG}p> <{G}a> ."]
    if blank_graph:
        lines.append(f"<{R}in/blank> <{KG}p> \"v\" _:g1 .")
    store.load("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("fmt", DUMP_FORMATS)
@pytest.mark.parametrize(("default_graph", "blank_graph"), [(False, False), (True, False), (True, True)],
                         ids=["named", "with-default", "with-blank-graph"])
def test_oxstore_speed_dump_matches_reference(fmt: str, default_graph: bool, blank_graph: bool) -> None:
    store = _store(default_graph=default_graph, blank_graph=blank_graph)
    got = dump_store(store, fmt)
    assert got == _reference_dump(store, fmt)
    assert "Мұхтар Жәкішев".encode() in got


@pytest.mark.parametrize("fmt", DUMP_FORMATS)
def test_oxstore_speed_dump_empty_store(fmt: str) -> None:
    store = ox.Store()
    assert dump_store(store, fmt) == _reference_dump(store, fmt)


def test_oxstore_speed_dump_union_once_and_sorted() -> None:
    nt = dump_store(_store(default_graph=True, blank_graph=False), "nt").decode("utf-8")
    lines = nt.splitlines()
    assert lines == sorted(set(lines))  # each union statement once, in byte order
    assert sum(1 for line in lines if "Мұхтар Жәкішев" in line) == 1
    turtle = dump_store(_store(default_graph=False, blank_graph=False), "turtle").decode("utf-8")
    assert turtle.startswith("@prefix kg: ") and "kg:beginIndex 12" in turtle


@pytest.mark.parametrize("fmts", [("turtle", "trig"), ("trig", "nt", "nquads", "turtle"), ("nt",), ("nquads", "trig")])
@pytest.mark.parametrize(("default_graph", "blank_graph"), [(False, False), (True, True)],
                         ids=["named", "with-default-and-blank-graph"])
def test_oxstore_speed_dump_many_same_bytes(fmts: tuple[str, ...], default_graph: bool, blank_graph: bool) -> None:
    store = _store(default_graph=default_graph, blank_graph=blank_graph)
    many = dump_store_many(store, fmts)
    assert list(many) == list(fmts)
    for fmt in fmts:
        assert many[fmt] == _reference_dump(store, fmt), fmt


def test_oxstore_speed_dump_many_empty_and_bad_format() -> None:
    assert dump_store_many(ox.Store(), ["turtle", "trig"]) == {f: _reference_dump(ox.Store(), f) for f in ("turtle", "trig")}
    with pytest.raises(KazkgError, match="unknown format"):
        dump_store_many(ox.Store(), ["turtle", "rdfxml"])
