"""Serialise built graphs to RDF files, deterministically and atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import KazkgError
from graph.rdf.store import write_atomic

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig"}


def serialize(data: Graph | Dataset, fmt: str = "turtle") -> str:
    """Text of a graph or dataset in ``fmt`` (turtle, nt, jsonld, trig).

    Turtle and TriG come from rdflib's serialiser, which orders subjects and
    objects itself; N-Triples lines are sorted so the file is byte-stable.
    """
    from rdflib import Dataset

    from graph.rdf.iri import PREFIXES
    from graph.rdf.mapping import union_graph

    if fmt not in FORMATS:
        raise KazkgError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "trig":
        if not isinstance(data, Dataset):
            raise KazkgError("TriG needs named graphs: build the corpus again to write them")
        return _trig(data)
    graph = union_graph(data) if isinstance(data, Dataset) else data
    if fmt == "nt":
        # split on "\n" only: splitlines() would also cut at U+2028 or \x85 inside literals
        lines = graph.serialize(format="nt").split("\n")
        return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    if fmt == "jsonld":
        context = {k: v for k, v in PREFIXES.items()}
        context["@language"] = "kk"
        text = graph.serialize(format="json-ld", context=context, sort_keys=True, indent=1, auto_compact=True)
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return graph.serialize(format="turtle")


def _trig(data: Dataset) -> str:
    """TriG with the named graphs in IRI order.

    rdflib's TriG writer takes the graphs in the order of a set, which changes from one
    process to the next (string hashing is salted), so the same dataset gave different
    files. Each graph's body is rdflib's Turtle; the prefixes of all bodies head the file.
    """
    from rdflib import Graph

    from graph.rdf.iri import PREFIXES

    prefixes: dict[str, str] = {}
    blocks: list[str] = []
    graphs = sorted(data.graphs(), key=lambda g: (g.identifier != data.default_graph.identifier, str(g.identifier)))
    for ctx in graphs:
        if not len(ctx):
            continue
        g = Graph()
        for name, ns in PREFIXES.items():
            g.bind(name, ns)
        for triple in ctx:
            g.add(triple)
        body: list[str] = []
        for line in g.serialize(format="turtle").split("\n"):
            if not body and line.startswith("@prefix "):  # the header only, never inside a literal
                name, iri = line[len("@prefix ") :].split(" ", 1)
                if prefixes.setdefault(name, iri) != iri:  # pragma: no cover - one binding per name
                    return data.serialize(format="trig")
            else:
                body.append(line)
        # not indented: a literal may span lines ("""...""") and must stay as it is
        text = "\n".join(body).strip("\n")
        head = "" if ctx.identifier == data.default_graph.identifier else ctx.identifier.n3() + " "
        blocks.append(f"{head}{{\n{text}\n}}\n")
    header = "".join(f"@prefix {name} {iri}\n" for name, iri in sorted(prefixes.items()))
    return header + "\n" + "\n".join(blocks)


def write_export(data: Graph | Dataset, path: str | Path, fmt: str = "turtle") -> Path:
    """Serialise and write atomically; returns the path written."""
    return write_atomic(path, serialize(data, fmt))
