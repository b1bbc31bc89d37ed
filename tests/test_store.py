"""Query safety and result formats."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.errors import QueryError
from graph.rdf.store import format_result, run_query, write_atomic

KG = "https://w3id.org/kazkg/ontology#"


@pytest.fixture
def g() -> Graph:
    graph = Graph()
    a, b = URIRef("https://w3id.org/kazkg/resource/person/a"), URIRef("https://w3id.org/kazkg/resource/group/b")
    graph.add((a, RDFS.label, Literal("Серік Жахин", lang="kk")))
    graph.add((b, RDFS.label, Literal("құқық қорғаушылар", lang="kk")))
    graph.add((a, URIRef(KG + "listedBy"), b))
    return graph


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/x.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <a:g>", "DROP"),
        ("CREATE GRAPH <a:g>", "CREATE"),
    ],
)
def test_store_updates_are_refused(g: Graph, query: str, word: str) -> None:
    with pytest.raises(QueryError, match=f"{word} is not allowed"):
        run_query(g, query)
    assert len(g) == 3


def test_store_service_is_refused(g: Graph) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(g, q)


def test_store_words_inside_strings_are_not_refused(g: Graph) -> None:
    r = run_query(g, 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != "DELETE SERVICE") }')
    assert len(r.rows) == 2


def test_store_malformed_query_reports_line_and_column(g: Graph) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL at line 2, column \d+"):
        run_query(g, "SELECT ?s\nWHERE { ?s ?p }")


def test_store_select_formats(g: Graph) -> None:
    r = run_query(g, "SELECT ?who ?by WHERE { ?w kg:listedBy ?b . ?w rdfs:label ?who . ?b rdfs:label ?by }")
    assert r.rows == ((Literal("Серік Жахин", lang="kk"), Literal("құқық қорғаушылар", lang="kk")),)
    assert format_result(r, "csv") == "who,by\r\nСерік Жахин,құқық қорғаушылар\r\n"
    assert format_result(r, "tsv") == '?who\t?by\n"Серік Жахин"@kk\t"құқық қорғаушылар"@kk\n'
    data = json.loads(format_result(r, "json"))
    assert data["head"]["vars"] == ["who", "by"]
    assert data["results"]["bindings"][0]["who"] == {"type": "literal", "value": "Серік Жахин", "xml:lang": "kk"}
    table = format_result(r, "table")
    assert "Серік Жахин" in table and table.endswith("(1 row)\n")


def test_store_params_bind_plain_and_kk_strings(g: Graph) -> None:
    q = "SELECT ?by WHERE { ?w rdfs:label ?person ; kg:listedBy ?b . ?b rdfs:label ?by }"
    r = run_query(g, q, {"person": "Серік Жахин"})
    assert [str(row[0]) for row in r.rows] == ["құқық қорғаушылар"]
    with pytest.raises(QueryError, match="bad parameter name"):
        run_query(g, q, {"a b": "x"})


def test_store_ask_and_construct(g: Graph) -> None:
    assert format_result(run_query(g, "ASK { ?s kg:listedBy ?o }"), "table") == "true\n"
    r = run_query(g, "CONSTRUCT { ?o kg:lists ?s } WHERE { ?s kg:listedBy ?o }")
    assert r.kind == "GRAPH" and len(r.graph) == 1


def test_store_write_atomic_replaces_whole_file(tmp_path) -> None:
    target = tmp_path / "out" / "f.ttl"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.ttl"]
