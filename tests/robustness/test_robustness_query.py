"""``kazkg query`` is read-only and never calls out, whatever a pasted query says."""

from __future__ import annotations

import pytest

from .conftest import Project, invoke, one_line_error

UPDATES = [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE DATA { <urn:a> <urn:b> <urn:c> }", "DELETE"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX kg: <https://w3id.org/kazkg/ontology#>\nDELETE { ?s ?p ?o } INSERT { ?s kg:x 1 } WHERE { ?s ?p ?o }",
     "DELETE"),
    ("LOAD <http://example.org/evil.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <urn:g>", "DROP"),
    ("CREATE GRAPH <urn:g>", "CREATE"),
    ("# a comment mentioning SELECT\nclear default", "CLEAR"),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", None),
]


@pytest.mark.parametrize(("text", "word"), UPDATES)
def test_robustness_query_refuses_updates(project: Project, text: str, word: str | None) -> None:
    before = project.snapshot()
    result = invoke("query", text, "--graph", str(project.graph))
    line = one_line_error(result)
    assert result.exit_code == 1
    if word:
        assert f"{word} is not allowed" in line
    else:
        assert "malformed" in line or "not allowed" in line
    assert project.snapshot() == before


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . OPTIONAL { SERVICE SILENT <http://x.invalid/> { ?s ?q ?r } } }",
        "ASK { { SELECT ?s WHERE { SERVICE <http://x.invalid/> { ?s ?p ?o } } } }",
    ],
)
def test_robustness_query_refuses_service(project: Project, text: str) -> None:
    result = invoke("query", text, "--graph", str(project.graph))
    assert "SERVICE is not allowed" in one_line_error(result)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("SELECT ?s WHERE { ?s ?p }", "line 1"),
        ("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}", "line 4"),
        ("SELEC ?s WHERE { ?s ?p ?o }", "line 1, column 1"),
    ],
)
def test_robustness_query_malformed_reports_line_and_column(project: Project, text: str, where: str) -> None:
    line = one_line_error(invoke("query", text, "--graph", str(project.graph)))
    assert line.startswith("Error: malformed SPARQL at ") and where in line and "column" in line


def test_robustness_query_undefined_prefix_is_one_line(project: Project) -> None:
    line = one_line_error(invoke("query", "SELECT ?s WHERE { ?s nope:x ?o }", "--graph", str(project.graph)))
    assert "malformed SPARQL" in line and "nope" in line


def test_robustness_query_param_injection_stays_a_literal(project: Project) -> None:
    """A --param value with quotes and braces is bound as one string, not spliced into the query."""
    evil = 'x" } ; DROP ALL ; SELECT * WHERE { "'
    result = invoke("query", "SELECT ?n WHERE { ?s ?p ?n }", "-p", f"n={evil}", "--graph", str(project.graph),
                    "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "n"


def test_robustness_query_bad_param_name_is_refused(project: Project) -> None:
    result = invoke("query", "SELECT ?n WHERE { ?s ?p ?n }", "-p", "n}{=1", "--graph", str(project.graph))
    assert "bad parameter name" in one_line_error(result)


def test_robustness_query_missing_or_corrupt_graph(project: Project) -> None:
    assert "graph not found" in one_line_error(invoke("query", "ASK {}", "--graph", str(project.root / "no.ttl")))
    broken = project.root / "broken.ttl"
    broken.write_bytes(b"@prefix : <urn:> .\n:a :b \"unterminated .\n\x89PNG")
    assert "not a readable RDF file" in one_line_error(invoke("query", "ASK {}", "--graph", str(broken)))


def test_robustness_query_file_not_utf8(project: Project) -> None:
    query = project.root / "q.rq"
    query.write_bytes("SELECT * WHERE { ?s ?p \"Қазақ\" }".encode("cp1251", errors="replace") + b"\xff")
    result = invoke("query", "-f", str(query), "--graph", str(project.graph))
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
