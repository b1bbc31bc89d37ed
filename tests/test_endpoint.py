"""Build into, query and export from a real SPARQL 1.1 server (`oxigraph serve` on loopback)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.build.incremental import build_store
from graph.errors import KazkgError, QueryError
from graph.rdf.endpoint import RemoteStore, SparqlClient, default_graph_store
from graph.rdf.mapping import article_graph_iri
from graph.rdf.oxstore import KgStore, format_result

EXTRA = "Белсенді Дина Омарова Шымкентте Ерлан Қалиевті қолдап, аштық жариялады.\n"


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(found).exists(), "the `oxigraph` PyPI package (SPARQL server binary) must be installed for tests"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh `oxigraph serve` (union default graph) for this module; yields its query URL."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read()!r}") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _clear(url: str) -> None:
    client = SparqlClient(url)
    for graph in RemoteStore(client, Path("/nonexistent/x.json"), None).remote_graphs():
        client.delete_graph(graph)


def test_endpoint_graph_store_url() -> None:
    assert default_graph_store("http://h:7878/query") == "http://h:7878/store"
    assert default_graph_store("http://h:3030/ds/sparql") == "http://h:3030/ds/data"
    with pytest.raises(KazkgError, match="expected an http"):
        SparqlClient("ftp://h/query")


def test_endpoint_build_query_and_export_match_local(server: str, tiny_corpus: Path, tmp_path: Path) -> None:
    _clear(server)
    report = build_store([tiny_corpus], tmp_path / "remote", jobs=1, endpoint=server)
    assert report.written == 2
    local = build_store([tiny_corpus], tmp_path / "local", jobs=1)
    assert local.written == 2
    with RemoteStore.open(server, tmp_path / "remote", read_only=True) as remote, \
            KgStore.open(tmp_path / "local", read_only=True) as kg:
        for fmt in ("nquads", "turtle"):
            assert remote.dump(fmt) == kg.dump(fmt)
        q = "SELECT ?who ?by WHERE { ?w kg:listedBy ?b . ?w rdfs:label ?who . ?b rdfs:label ?by } ORDER BY ?who ?by"
        for fmt in ("csv", "json", "tsv", "table"):
            assert format_result(remote.query(q), fmt) == format_result(kg.query(q), fmt)
        assert remote.query("ASK { ?s a kg:Article }").boolean is True
        c = remote.query("CONSTRUCT { ?a kg:fileName ?f } WHERE { ?a kg:fileName ?f }")
        assert len(c.graph) == 2
        assert remote.remote_manifest() == kg.manifest()


def test_endpoint_refuses_updates_locally(server: str, tmp_path: Path) -> None:
    with RemoteStore.open(server, tmp_path, read_only=True) as remote:
        with pytest.raises(QueryError, match="DROP is not allowed"):
            remote.query("DROP ALL")
        with pytest.raises(QueryError, match="SERVICE is not allowed"):
            remote.query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        with pytest.raises(QueryError, match="line 1"):
            remote.query("SELECT ?x WHERE { ?x }")


def test_endpoint_incremental_put_and_delete(server: str, tiny_corpus: Path, tmp_path: Path) -> None:
    _clear(server)
    store = tmp_path / "remote"
    build_store([tiny_corpus], store, jobs=1, endpoint=server)
    again = build_store([tiny_corpus], store, jobs=1, endpoint=server)
    assert (again.analysed, again.written) == (0, 0)
    with open(tiny_corpus / "b.txt", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    (tiny_corpus / "a.txt").unlink()
    changed = build_store([tiny_corpus], store, jobs=1, endpoint=server)
    assert changed.dropped == 1 and changed.written == 1
    with RemoteStore.open(server, store, read_only=True) as remote:
        graphs = remote.remote_graphs()
        assert str(article_graph_iri("a.txt")) not in graphs
        assert str(article_graph_iri("b.txt")) in graphs
        assert set(remote.remote_manifest()) == {"b.txt"}
        remote_dump = remote.dump("nquads")
    build_store([tiny_corpus], tmp_path / "local", jobs=1)
    with KgStore.open(tmp_path / "local", read_only=True) as kg:
        assert kg.dump("nquads") == remote_dump


def test_endpoint_server_changed_behind_our_back_is_repaired(server: str, tiny_corpus: Path,
                                                            tmp_path: Path) -> None:
    _clear(server)
    store = tmp_path / "remote"
    build_store([tiny_corpus], store, jobs=1, endpoint=server)
    SparqlClient(server).delete_graph(str(article_graph_iri("a.txt")))
    SparqlClient(server).put_graph("https://w3id.org/kazkg/resource/graph/article/stray",
                                   b"<urn:a> <urn:b> <urn:c> .\n")
    report = build_store([tiny_corpus], store, jobs=1, endpoint=server)
    assert report.written == 2
    with RemoteStore.open(server, store, read_only=True) as remote:
        assert set(remote.remote_manifest()) == {"a.txt", "b.txt"}
        assert not any(g.endswith("/stray") for g in remote.remote_graphs())


def test_endpoint_unreachable(tmp_path: Path) -> None:
    port = _free_port()
    with pytest.raises(KazkgError, match="cannot reach SPARQL store"):
        RemoteStore.open(f"http://127.0.0.1:{port}/query", tmp_path)


def test_endpoint_network_export_and_open_store(server: str, tiny_corpus: Path, tmp_path: Path) -> None:
    from graph.rdf.endpoint import open_store
    from graph.views.netexport import network_bytes

    _clear(server)
    build_store([tiny_corpus], tmp_path / "s", jobs=1, endpoint=server)
    build_store([tiny_corpus], tmp_path / "s", jobs=1)
    with open_store(tmp_path / "s", server) as remote, open_store(tmp_path / "s") as local:
        assert isinstance(remote, RemoteStore) and isinstance(local, KgStore)
        assert network_bytes(remote, "csv") == network_bytes(local, "csv")
        assert network_bytes(local, "csv").count(b"\n") >= 2
