"""Serialise built graphs to RDF files, deterministically and atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KazkgError
from .store import write_atomic

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig"}


def serialize(data: Graph | Dataset, fmt: str = "turtle") -> str:
    """Text of a graph or dataset in ``fmt`` (turtle, nt, jsonld, trig).

    Turtle and TriG come from rdflib's serialiser, which orders subjects and
    objects itself; N-Triples lines are sorted so the file is byte-stable.
    """
    from rdflib import Dataset

    from .iri import PREFIXES
    from .rdf import union_graph

    if fmt not in FORMATS:
        raise KazkgError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "trig":
        if not isinstance(data, Dataset):
            raise KazkgError("TriG needs named graphs: build the corpus again to write them")
        return data.serialize(format="trig")
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


def write_export(data: Graph | Dataset, path: str | Path, fmt: str = "turtle") -> Path:
    """Serialise and write atomically; returns the path written."""
    return write_atomic(path, serialize(data, fmt))
