"""No request leaves the machine: SERVICE is refused however it is written (issue 14, case 1).

Every test points the SERVICE clause at a real server listening on 127.0.0.1 and checks
that it received nothing. The texts are ones that a check on the query *text* missed:
a ``#`` comment ended by a carriage return (SPARQL ends comments at CR as well as LF),
an empty prefix glued to the keyword, and the keyword glued to ``SILENT``.
"""

from __future__ import annotations

import sys

import pytest

from .conftest import Loopback, Project, invoke, one_line_error

HIDDEN = {
    "comment ended by CR": "SELECT * WHERE {{ # c\rSERVICE <{url}/x> {{ ?s ?p ?o }} }}",
    "comment ended by CR, lower case": "ASK {{ #\rservice <{url}/x> {{ ?s ?p ?o }} }}",
    "empty prefix glued to SERVICE": "PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "SERVICESILENT without a space": "SELECT * WHERE {{ SERVICESILENT<{url}/x>{{ ?s ?p ?o }} }}",
    "after a number, no space": "SELECT * WHERE {{ ?s ?p 1SERVICE<{url}/x>{{ ?s ?p ?o }} }}",
    "inside a sub-select": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ #\rSERVICE <{url}/x> {{ ?s ?p ?o }} }} }} }}",
}


@pytest.mark.parametrize("source", ["store", "graph file"])
@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_robustness_service_hidden_from_a_text_check_is_refused(project: Project, loopback: Loopback,
                                                                name: str, source: str) -> None:
    text = HIDDEN[name].format(url=loopback.url)
    where = ["--store", str(project.store)] if source == "store" else ["--graph", str(project.graph)]
    result = invoke("query", text, *where)
    line = one_line_error(result)
    assert "SERVICE is not allowed" in line or "malformed SPARQL" in line, line
    assert loopback.requests == []


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_robustness_service_is_refused_before_an_endpoint_is_asked(project: Project, loopback: Loopback,
                                                                  name: str) -> None:
    """With --endpoint, the query is checked locally: neither the endpoint nor the SERVICE target hear of it."""
    text = HIDDEN[name].format(url=loopback.url)
    result = invoke("query", text, "--endpoint", f"{loopback.url}/query", "--store", str(project.store))
    line = one_line_error(result)
    assert "SERVICE is not allowed" in line or "malformed SPARQL" in line, line
    assert loopback.requests == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the network sandbox is Linux seccomp")
def test_robustness_service_that_passes_every_check_still_sends_nothing(
    project: Project, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second line of defence: the process that runs the query cannot open a network socket.

    The text check is switched off here, as if a new spelling got past it: Oxigraph then
    evaluates the SERVICE clause, and the sandbox must stop it before any byte is sent.
    """
    import graph.rdf.oxstore

    monkeypatch.setattr(graph.rdf.oxstore, "check_read_only", lambda text: None)
    result = invoke("query", f"SELECT * WHERE {{ SERVICE <{loopback.url}/x> {{ ?s ?p ?o }} }}",
                    "--store", str(project.store))
    assert "SERVICE is not allowed" in one_line_error(result)
    assert loopback.requests == []


def test_robustness_service_words_in_strings_iris_and_names_are_fine(project: Project) -> None:
    """Refusing on the keyword must not refuse queries that only mention the word."""
    text = ('PREFIX ex: <http://example.org/SERVICE/> SELECT ?service WHERE { '
            '?service ?p "SERVICE <http://x/> { }" . # SERVICE in a comment\n'
            'FILTER(?p != ex:SERVICE) }')
    result = invoke("query", text, "--format", "csv", "--store", str(project.store))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "service"
