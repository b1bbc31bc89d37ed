"""The on-disk Oxigraph store: named graphs, manifest, transactions, lock, queries, dumps."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from graph.errors import KazkgError, QueryError
from graph.rdf import oxstore
from graph.rdf.mapping import ENTITIES_GRAPH, article_graph_iri
from graph.rdf.oxstore import KgStore, format_result
from graph.rdf.store import format_result as rdflib_format_result
from graph.rdf.store import run_query

KG = "https://w3id.org/kazkg/ontology#"
R = "https://w3id.org/kazkg/resource/"
A, B = URIRef(R + "person/a"), URIRef(R + "group/b")
LISTED_BY = URIRef(KG + "listedBy")

ENTITIES = [
    (A, RDFS.label, Literal("Серік Жахин", lang="kk")),
    (B, RDFS.label, Literal("құқық қорғаушылар", lang="kk")),
]
ARTICLE = [
    (A, LISTED_BY, B),
    (URIRef(R + "article/x"), URIRef(KG + "sentenceCount"), Literal(3)),
    (URIRef(R + "article/x"), URIRef(KG + "fileName"), Literal("x.txt")),
    (URIRef(R + "event/e"), URIRef(KG + "term"), Literal("P14Y", datatype=XSD.duration)),
]


@pytest.fixture
def store(tmp_path: Path):
    with KgStore.open(tmp_path / "store") as s:
        s.replace_entities(ENTITIES)
        s.replace_article("x.txt", "sha-x", ARTICLE)
        yield s


def _graph() -> Graph:
    g = Graph()
    for t in ENTITIES + ARTICLE:
        g.add(t)
    return g


def test_oxstore_named_graph_per_article_and_entities(store: KgStore) -> None:
    graphs = {g.value for g in store.oxigraph.named_graphs()}
    assert graphs == {str(article_graph_iri("x.txt")), str(ENTITIES_GRAPH)}
    assert store.manifest() == {"x.txt": "sha-x"}
    assert len(store) == len(ENTITIES) + len(ARTICLE)


def test_oxstore_replace_article_replaces_only_its_graph(store: KgStore) -> None:
    store.replace_article("y.txt", "sha-y", [(B, LISTED_BY, A)])
    store.replace_article("x.txt", "sha-x2", [(A, LISTED_BY, B)])
    assert store.manifest() == {"x.txt": "sha-x2", "y.txt": "sha-y"}
    assert len(store) == len(ENTITIES) + 2
    store.drop_article("y.txt")
    assert store.manifest() == {"x.txt": "sha-x2"}
    assert not store.query("ASK { ?b kg:listedBy ?a . ?b rdfs:label 'құқық қорғаушылар'@kk }").boolean


def test_oxstore_manifest_survives_reopen(tmp_path: Path) -> None:
    with KgStore.open(tmp_path) as s:
        s.replace_article("x.txt", "sha-x", ARTICLE)
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["state"] == "clean" and data["articles"]["x.txt"]["sha256"] == "sha-x"
    with KgStore.open(tmp_path, read_only=True) as s:
        assert s.manifest() == {"x.txt": "sha-x"}
        assert s.digests()["x.txt"] == data["articles"]["x.txt"]["digest"]


def test_oxstore_interrupted_write_keeps_previous_state(tmp_path: Path) -> None:
    with KgStore.open(tmp_path) as s:
        s.replace_article("x.txt", "sha-x", ARTICLE)
        before = s.dump("nquads")

        def fail(text: str) -> None:
            raise KeyboardInterrupt

        real = s._db  # the pyoxigraph store behind KgStore._store
        s._db = type("Proxy", (), {"update": staticmethod(fail),
                                   "named_graphs": staticmethod(lambda: iter(()))})()
        with pytest.raises(KeyboardInterrupt):
            s.replace_article("x.txt", "sha-new", [(A, LISTED_BY, A)])
        s._db = real
        del real  # the RocksDB lock goes with the last reference
        assert s.dump("nquads") == before
    with KgStore.open(tmp_path) as s:
        # the manifest remembers the write was interrupted: the next build rewrites all graphs
        assert not s.clean and s.digests() == {}
        assert s.manifest() == {"x.txt": "sha-x"}


def test_oxstore_second_writer_is_refused_after_timeout(tmp_path: Path) -> None:
    with KgStore.open(tmp_path):
        with pytest.raises(KazkgError, match=r"locked by process \d+.*waited 0.2 s"):
            KgStore.open(tmp_path, timeout=0.2)
        with pytest.raises(KazkgError, match="locked"):
            KgStore.open(tmp_path, read_only=True, timeout=0.1)
    with KgStore.open(tmp_path, timeout=0.2) as s:  # released on close
        assert s.manifest() == {}


def test_oxstore_read_only_missing_store(tmp_path: Path) -> None:
    with pytest.raises(KazkgError, match="store not found"):
        KgStore.open(tmp_path / "nope", read_only=True)


def test_oxstore_read_only_refuses_writes(tmp_path: Path) -> None:
    with KgStore.open(tmp_path) as s:
        s.replace_article("x.txt", "sha-x", ARTICLE)
    with KgStore.open(tmp_path, read_only=True) as ro:
        with pytest.raises(KazkgError, match="read-only"):
            ro.drop_article("x.txt")
        assert ro.manifest() == {"x.txt": "sha-x"}


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("PREFIX x: <a:>\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://127.0.0.1:9/x.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <a:g>", "DROP"),
        ("CREATE GRAPH <a:g>", "CREATE"),
    ],
)
def test_oxstore_updates_are_refused(store: KgStore, query: str, word: str) -> None:
    size = len(store)
    with pytest.raises(QueryError, match=f"{word} is not allowed"):
        store.query(query)
    assert len(store) == size


def test_oxstore_service_is_refused_and_words_in_strings_are_not(store: KgStore) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query("SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    r = store.query('SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != "DELETE SERVICE") } # SERVICE')
    assert len(r.rows) == 2
    r = store.query("SELECT ?service WHERE { ?service kg:listedBy ?o }")
    assert len(r.rows) == 1


def test_oxstore_malformed_query_reports_line_and_column(store: KgStore) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL at line 2, column \d+"):
        store.query("SELECT ?s\nWHERE { ?s ?p }")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_oxstore_formats_match_rdflib_store(store: KgStore, fmt: str) -> None:
    q = ("SELECT ?who ?by ?n WHERE { ?w kg:listedBy ?b . ?w rdfs:label ?who . ?b rdfs:label ?by "
         "OPTIONAL { ?x kg:sentenceCount ?n } } ORDER BY ?who")
    mine = format_result(store.query(q), fmt)
    theirs = rdflib_format_result(run_query(_graph(), q), fmt)
    assert mine == theirs
    assert "Серік Жахин" in mine


def test_oxstore_json_unbound_and_typed_cells(store: KgStore) -> None:
    r = store.query("SELECT ?t ?missing WHERE { ?e kg:term ?t OPTIONAL { ?e kg:nothing ?missing } }")
    data = json.loads(format_result(r, "json"))
    assert data["results"]["bindings"] == [{"t": {"type": "literal", "value": "P14Y",
                                                  "datatype": str(XSD.duration)}}]


def test_oxstore_params_and_ask_and_construct(store: KgStore) -> None:
    q = "SELECT ?by WHERE { ?w rdfs:label ?person ; kg:listedBy ?b . ?b rdfs:label ?by }"
    r = store.query(q, {"person": "Серік Жахин"})
    assert [row[0].value for row in r.rows] == ["құқық қорғаушылар"]
    assert format_result(store.query("ASK { ?s kg:listedBy ?o }")) == "true\n"
    assert format_result(store.query("ASK { ?o kg:listedBy ?s . ?o a kg:Court }"), "json") == \
        '{"head": {}, "boolean": false}\n'
    c = store.query("CONSTRUCT { ?o kg:lists ?s } WHERE { ?s kg:listedBy ?o }")
    assert c.kind == "GRAPH" and len(c.graph) == 1
    g = Graph().parse(data=format_result(c), format="turtle")
    assert (B, URIRef(KG + "lists"), A) in g


def test_oxstore_dumps_are_deterministic_and_faithful(tmp_path: Path) -> None:
    dumps = []
    for i, order in enumerate((ARTICLE, list(reversed(ARTICLE)))):
        with KgStore.open(tmp_path / f"s{i}") as s:
            s.replace_article("x.txt", "sha", order)
            s.replace_entities(list(reversed(ENTITIES)) if i else ENTITIES)
            dumps.append({fmt: s.dump(fmt) for fmt in oxstore.DUMP_FORMATS})
    assert dumps[0] == dumps[1]
    d = dumps[0]
    lines = d["nt"].decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(ENTITIES) + len(ARTICLE)
    assert isomorphic(Graph().parse(data=d["turtle"].decode(), format="turtle"), _graph())
    assert d["turtle"].startswith(b"@prefix kg: <https://w3id.org/kazkg/ontology#> .\n")
    ds = Dataset()
    ds.parse(data=d["trig"].decode(), format="trig")
    assert len(ds.graph(article_graph_iri("x.txt"))) == len(ARTICLE)
    assert len(ds.graph(ENTITIES_GRAPH)) == len(ENTITIES)
    with pytest.raises(KazkgError, match="unknown format"):
        oxstore.dump_store(ox.Store(), "rdfxml")


def test_oxstore_bulk_load_of_empty_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(oxstore, "BULK_THRESHOLD", 2)
    with KgStore.open(tmp_path) as s:
        s.commit({"x.txt": ("sha", ARTICLE), "y.txt": ("sha2", [(B, LISTED_BY, A)])}, entities=ENTITIES)
        assert s.clean and len(s) == len(ARTICLE) + 1 + len(ENTITIES)
        assert s.manifest() == {"x.txt": "sha", "y.txt": "sha2"}


def test_oxstore_loading_state_refuses_queries(tmp_path: Path) -> None:
    with KgStore.open(tmp_path) as s:
        s.replace_article("x.txt", "sha", ARTICLE)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["state"] = "loading"
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with KgStore.open(tmp_path, read_only=True) as s, pytest.raises(KazkgError, match="incomplete"):
        s.query("ASK {}")
