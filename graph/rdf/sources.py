"""Where read commands (query, export, stats) get the graph from: a store, a server or a file.

Order: ``--endpoint`` (a SPARQL server) › ``--graph FILE`` (any RDF file) › ``--store``
(default ``exports/store`` when it exists) › ``exports/graph.ttl``. The store and the
server are read without parsing Turtle; a file is parsed with rdflib.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import KazkgError
from graph.rdf.sandbox import Caps
from graph.rdf.store import QueryResult

DEFAULT_STORE = Path("exports/store")
DEFAULT_GRAPH = Path("exports/graph.ttl")


@dataclass(frozen=True, slots=True)
class Answer:
    """A formatted query result: ``truncated`` when ``--limit`` cut it; ``kind`` SELECT, ASK or GRAPH."""

    text: str
    truncated: bool
    kind: str


@dataclass
class Source:
    """A readable graph: ``backend`` is an rdflib Graph or a KgStore/RemoteStore."""

    backend: Any
    is_store: bool
    name: str
    remote: bool = False

    def query(self, text: str, params: Mapping[str, str] | None = None, limit: int | None = None) -> QueryResult:
        if self.is_store:
            return self.backend.query(text, params, limit)
        from graph.rdf.store import run_query

        return run_query(self.backend, text, params, limit)

    def run(self, text: str, params: Mapping[str, str] | None = None, *, fmt: str = "table",
            limit: int | None = None, caps: Caps | None = None) -> Answer:
        """Run a user's query under ``caps`` in a child process (see :mod:`graph.rdf.sandbox`)."""
        from graph.rdf.sandbox import run_capped

        def answer() -> Answer:
            result = self.query(text, params, limit)
            return Answer(self.format(result, fmt), result.truncated, result.kind)

        # Only a remote store needs the network, for the request kazkg itself makes.
        return run_capped(answer, dataclasses.replace(caps or Caps(), network=self.remote))

    def format(self, result: QueryResult, fmt: str) -> str:
        from graph.rdf.store import format_result

        return format_result(result, fmt)

    def select(self, text: str) -> list[tuple[object, ...]]:
        return list(self.query(text).rows)

    def dump(self, fmt: str) -> bytes:
        """Serialise: turtle, nt, trig, nquads (stores) or turtle, nt, jsonld (files)."""
        if self.is_store and fmt in ("turtle", "nt", "trig", "nquads"):
            return self.backend.dump(fmt)
        if self.is_store and fmt == "jsonld":
            from rdflib import Graph

            from graph.views.export import serialize

            return serialize(Graph().parse(data=self.backend.dump("nt"), format="nt"), "jsonld").encode()
        if not self.is_store and fmt in ("trig", "nquads"):
            named = Path(self.name).with_suffix(".trig")
            if not named.exists():
                raise KazkgError(f"{fmt} needs named graphs: {named} not found — read the store (--store) "
                                 "or run `kazkg build` first")
            from rdflib import Dataset

            from graph.views.export import serialize

            data = Dataset().parse(named, format="trig")
            if fmt == "trig":
                return serialize(data, "trig").encode()
            lines = data.serialize(format="nquads").split("\n")
            return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode()
        from graph.views.export import serialize

        return serialize(self.backend, fmt).encode()

    def rdflib_graph(self) -> Any:
        """The whole graph as an rdflib Graph (for SHACL and rendering)."""
        if not self.is_store:
            return self.backend
        from rdflib import Graph

        return Graph().parse(data=self.backend.dump("nt"), format="nt")


@contextmanager
def open_source(
    graph_path: Path | None = None,
    store: Path | None = None,
    endpoint: str | None = None,
    graph_store: str | None = None,
) -> Iterator[Source]:
    """Open the graph a read command should use (see the module docstring)."""
    if endpoint or (graph_path is None and (store is not None or (DEFAULT_STORE / "manifest.json").exists())):
        from graph.rdf.endpoint import open_store

        path = store or DEFAULT_STORE
        if not endpoint and not (path / "manifest.json").exists():
            raise KazkgError(f"no store at {path} — run `kazkg build --store {path}` first")
        with open_store(path, endpoint, graph_store=graph_store, read_only=True) as kg:
            yield Source(kg, True, endpoint or str(path), remote=bool(endpoint))
        return
    from graph.rdf.store import load_graph

    path = graph_path or DEFAULT_GRAPH
    yield Source(load_graph(path), False, str(path))
