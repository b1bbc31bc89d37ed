"""Build into and query a remote SPARQL 1.1 store over HTTP (standard library only).

* queries: SPARQL 1.1 Protocol, ``POST`` with ``Content-Type: application/sparql-query``
  (``Accept`` SPARQL JSON results, or N-Triples for CONSTRUCT/DESCRIBE);
* writes: SPARQL 1.1 Graph Store HTTP Protocol, ``PUT``/``DELETE`` on
  ``GRAPH_STORE?graph=<article graph IRI>``, one named graph per article, so
  re-building an article replaces exactly its graph.

Tested against ``oxigraph serve --union-default-graph`` (query URL ``…/query``,
graph store ``…/store``); Apache Jena Fuseki works the same with ``/ds/query``
and ``/ds/data`` (set ``tdb2:unionDefaultGraph true`` so queries see all graphs).

The server cannot hold our bookkeeping, so the per-article digests live in a
JSON file in the local store folder (``remote-<hash>.json``). It is checked
against the server (the ``kg:fileName``/``kg:sha256`` of every article graph) on
open; when they disagree, the next build rewrites every graph.
"""

from __future__ import annotations

import hashlib
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox

from graph.errors import KazkgError
from graph.rdf.iri import KGR, PREFIXES
from graph.rdf.oxstore import (
    ENTITIES_GRAPH_IRI,
    MANIFEST_VERSION,
    ManifestRecords,
    NTriplesWriter,
    TripleSet,
    _graph_iri,
    _Lock,
    _merge_extra,
    _to_result,
    check_read_only,
    dump_store_many,
    nt_lines,
    query_store,
    triples_digest,
)
from graph.rdf.store import QueryResult, bind_params, write_atomic

log = logging.getLogger(__name__)

GRAPH_PREFIX = KGR + "graph/"
_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
_PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def default_graph_store(endpoint: str) -> str:
    """Graph Store URL next to a query URL: ``…/query`` → ``…/store`` (Oxigraph); else unchanged."""
    base = endpoint.rstrip("/")
    if base.endswith("/query"):
        return base[: -len("/query")] + "/store"
    if base.endswith("/sparql"):
        return base[: -len("/sparql")] + "/data"
    return base


class SparqlClient:
    """Minimal SPARQL 1.1 Protocol + Graph Store Protocol client on urllib."""

    def __init__(self, endpoint: str, graph_store: str | None = None, timeout: float = 120.0) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise KazkgError(f"--endpoint {endpoint!r}: expected an http:// or https:// URL")
        self.endpoint = endpoint
        self.graph_store = graph_store or default_graph_store(endpoint)
        self.timeout = timeout

    def _request(self, method: str, url: str, body: bytes | None = None,
                 headers: Mapping[str, str] | None = None, ok_missing: bool = False) -> tuple[str, bytes]:
        req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as err:
            if ok_missing and err.code == 404:
                return "", b""
            detail = err.read().decode("utf-8", "replace").strip()[:300]
            raise KazkgError(f"{method} {url}: HTTP {err.code} {err.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise KazkgError(f"cannot reach SPARQL store at {url}: {reason}") from None

    def query_raw(self, text: str, accept: str) -> tuple[str, bytes]:
        """POST a query; returns (content type, body)."""
        return self._request("POST", self.endpoint, text.encode("utf-8"), {
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})

    def select(self, text: str) -> list[Any]:
        """Run one of kazkg's own SELECT queries: the solutions as a list of pyoxigraph rows."""
        ctype, body = self.query_raw(_PROLOGUE + text, _JSON)
        return list(self.answer(ctype, body, "SELECT").rows)

    def answer(self, ctype: str, body: bytes, kind: str, limit: int | None = None) -> QueryResult:
        """Parse what the server sent for a query of ``kind`` (SELECT, ASK or GRAPH).

        Raises:
            KazkgError: one line naming the server and what it sent instead of the
                results of such a query (a login page, a wrong format, broken bytes).
        """
        rdf = {"n-triples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}
        fmt = next((f for name, f in rdf.items() if name in ctype), None)
        try:
            if kind == "GRAPH" and fmt is not None:
                return _limited_graph(ox.parse(body, format=fmt), limit)
            if kind != "GRAPH" and "json" in ctype:
                result = _to_result(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON), limit)
                if result.kind == kind:
                    return result
                raise ValueError(f"an {result.kind} answer to a {kind} query")
            raise ValueError(f"not the results of a {kind} query")
        except (SyntaxError, ValueError, TypeError, OSError) as err:
            what = ctype.split(";")[0].strip() or "no Content-Type"
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0][:160]
            raise KazkgError(f"{self.endpoint} sent {what} ({len(body)} bytes starting {body[:60]!r}) "
                             f"instead of SPARQL results: {reason}") from None

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace a named graph (Graph Store Protocol PUT)."""
        self._request("PUT", self._graph_url(graph), ntriples, {"Content-Type": _NT})

    def delete_graph(self, graph: str) -> None:
        """Delete a named graph; a missing graph is not an error."""
        self._request("DELETE", self._graph_url(graph), ok_missing=True)


class RemoteStore(ManifestRecords):
    """The :class:`graph.rdf.oxstore.KgStore` API on a remote SPARQL 1.1 store."""

    def __init__(self, client: SparqlClient, manifest_path: Path, lock: _Lock | None) -> None:
        self.client = client
        self.path = manifest_path.parent
        self._manifest_path = manifest_path
        self._lock = lock
        self._manifest = _read(manifest_path, client.endpoint)

    @classmethod
    def open(cls, endpoint: str, store_path: str | Path, *, graph_store: str | None = None,
             timeout: float = 30.0, read_only: bool = False) -> RemoteStore:
        """Connect to ``endpoint`` keeping bookkeeping in ``store_path``.

        Args:
            endpoint: SPARQL query URL, e.g. ``http://127.0.0.1:7878/query``.
            store_path: local folder for the manifest, lock and analysis cache.
            graph_store: Graph Store Protocol URL (default: :func:`default_graph_store`).
            timeout: seconds to wait for another build's lock.
            read_only: queries only (no lock taken, nothing checked).

        Raises:
            KazkgError: the endpoint is unreachable or the lock is held.
        """
        client = SparqlClient(endpoint, graph_store)
        store_path = Path(store_path)
        key = hashlib.sha1(f"{client.endpoint}\n{client.graph_store}".encode()).hexdigest()[:12]
        lock = None if read_only else _Lock(store_path / f"remote-{key}.lock", exclusive=True, timeout=timeout)
        try:
            self = cls(client, store_path / f"remote-{key}.json", lock)
            if not read_only:
                self._verify()
        except BaseException:
            if lock:
                lock.release()
            raise
        return self

    def close(self) -> None:
        if self._lock:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _verify(self) -> None:
        """Mark the manifest stale when the server's articles are not the ones it records."""
        remote = self.remote_manifest()
        if remote != self.manifest():
            if self._manifest["articles"]:
                log.warning("%s holds other articles than recorded: rewriting every graph", self.client.endpoint)
            self._manifest["state"] = "writing"
            self._manifest["articles"] = {d: {"sha256": s, "digest": ""} for d, s in remote.items()}

    def remote_manifest(self) -> dict[str, str]:
        """``{doc_id: sha256}`` read from the article graphs on the server."""
        rows = self.client.select(
            "SELECT ?file ?sha WHERE { GRAPH ?g { ?a a kg:Article ; kg:fileName ?file ; kg:sha256 ?sha } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}article/")) }}')
        return {sol[0].value: sol[1].value for sol in rows}

    # -- same API as KgStore

    def _save(self) -> None:
        write_atomic(self._manifest_path,
                     json.dumps(self._manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")

    def replace_article(self, doc_id: str, sha256: str, triples: Iterable[Any]) -> None:
        lines = nt_lines(triples, NTriplesWriter())
        self.commit_lines({doc_id: (sha256, lines, triples_digest(lines))})

    def drop_article(self, doc_id: str) -> None:
        self.commit_lines({}, [doc_id])

    def replace_entities(self, triples: Iterable[Any]) -> None:
        self.commit_lines({}, (), nt_lines(triples, NTriplesWriter()))

    def commit_lines(self, articles: Mapping[str, tuple[str, list[str], str]], drop: Iterable[str] = (),
                     entities: list[str] | None = None, *, prune: bool = False,
                     extra: Mapping[str, Mapping[str, Any]] | None = None, build: dict | None = None) -> None:
        """PUT changed graphs, DELETE dropped ones (one HTTP request per graph; not one transaction).

        The manifest is marked ``"writing"`` first, so an interrupted build is
        redone completely by the next one.
        """
        drop = sorted(set(drop))
        self._manifest["state"] = "writing"
        self._save()
        for doc_id in drop:
            self.client.delete_graph(_graph_iri(doc_id))
            self._manifest["articles"].pop(doc_id, None)
        for doc_id in sorted(articles):
            sha, lines, digest = articles[doc_id]
            self.client.put_graph(_graph_iri(doc_id), "".join(line + " .\n" for line in lines).encode("utf-8"))
            self._manifest["articles"][doc_id] = {"sha256": sha, "digest": digest}
        if entities is not None:
            self.client.put_graph(ENTITIES_GRAPH_IRI, "".join(line + " .\n" for line in entities).encode("utf-8"))
            self._manifest["entities_digest"] = triples_digest(entities)
        if prune:
            keep = {_graph_iri(d) for d in self._manifest["articles"]} | {ENTITIES_GRAPH_IRI}
            for graph in self.remote_graphs():
                if graph not in keep:
                    self.client.delete_graph(graph)
        _merge_extra(self._manifest, extra, build)
        self._manifest["state"] = "clean"
        self._save()

    def remote_graphs(self) -> list[str]:
        """Named graphs on the server in kazkg's namespace (others are never touched)."""
        rows = self.client.select(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}')
        return sorted(sol[0].value for sol in rows)

    def query(self, text: str, params: Mapping[str, str] | None = None, limit: int | None = None) -> QueryResult:
        """Run a read-only query on the server (checked locally first, same rules as KgStore).

        The server must use the union of its graphs as default graph.
        """
        text = bind_params(text, params or {})
        check_read_only(text)
        kind = _check_locally(text)
        ctype, body = self.client.query_raw(_PROLOGUE + text, _NT if kind == "GRAPH" else _JSON)
        return self.client.answer(ctype, body, kind, limit)

    def dump(self, fmt: str = "turtle") -> bytes:
        """Deterministic dump of kazkg's graphs on the server (same bytes as a local KgStore dump)."""
        return self.dump_many((fmt,))[fmt]

    def dump_many(self, fmts: Iterable[str]) -> dict[str, bytes]:
        """Several formats from one download of the server's graphs."""
        rows = self.client.select(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}')
        mem = ox.Store()
        mem.extend(ox.Quad(sol[0], sol[1], sol[2], sol[3]) for sol in rows)
        return dump_store_many(mem, fmts)


def _check_locally(text: str) -> str:
    """Parse a query (refusing updates) by running it on an empty store: its kind, SELECT, ASK or GRAPH.

    Evaluation, even on an empty store, could reach a SERVICE clause, so it runs in a
    child process that cannot open network sockets (:mod:`graph.rdf.sandbox`).
    """
    from graph.rdf.sandbox import Caps, run_capped

    return run_capped(lambda: query_store(ox.Store(), text).kind, Caps(timeout=10.0))


def _limited_graph(triples: Iterable[Any], limit: int | None) -> QueryResult:
    kept: set[Any] = set()
    for quad in triples:
        kept.add(quad.triple)
        if limit and len(kept) > limit:
            break
    cut = bool(limit) and len(kept) > limit
    chosen = sorted(kept, key=str)[:limit] if cut else list(kept)
    return QueryResult("GRAPH", graph=TripleSet(chosen), truncated=cut)  # type: ignore[arg-type]


def _read(path: Path, endpoint: str) -> dict:
    empty = {"version": MANIFEST_VERSION, "endpoint": endpoint, "state": "clean", "articles": {},
             "entities_digest": ""}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {**empty, "state": "writing"}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {**empty, "state": "writing"}
    return data


def open_store(store_path: str | Path, endpoint: str | None = None, *, graph_store: str | None = None,
               read_only: bool = True, timeout: float = 30.0) -> Any:
    """The local :class:`~graph.rdf.oxstore.KgStore` or, with ``endpoint``, a :class:`RemoteStore`.

    Both have ``query``, ``dump``, ``manifest`` and work with
    :func:`graph.rdf.oxstore.format_result` and :mod:`graph.views.netexport`; use as a context manager.
    """
    from graph.rdf.oxstore import KgStore

    if endpoint:
        return RemoteStore.open(endpoint, store_path, graph_store=graph_store, read_only=read_only,
                                timeout=timeout)
    return KgStore.open(store_path, read_only=read_only, timeout=timeout)
