"""kazkg: Kazakh news → knowledge graph of political persecution.

Public API::

    from graph import build_graph, load_graph, run_query
    result = build_graph(["corpus/"])        # BuildResult with an rdflib Dataset
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_graph", "load_graph", "run_query"]


def __getattr__(name: str) -> object:
    # Lazy so that `kazkg --help` and `kazkg query` do not import the whole pipeline.
    if name == "build_graph":
        from graph.build.pipeline import build_graph

        return build_graph
    if name in ("load_graph", "run_query"):
        from graph.rdf import store

        return getattr(store, name)
    raise AttributeError(name)
