"""Parameters that bind nothing and servers that answer nonsense (issue 14, case 10)."""

from __future__ import annotations

import pytest

from .conftest import Loopback, Project, invoke, one_line_error

# ----------------------------------------------------------------------------- -p NAME=VALUE


def test_robustness_query_unknown_param_of_a_named_query_is_refused(project: Project) -> None:
    result = invoke("query", "--name", "protests_for_person", "-p", "persn=Мұхтар Жәкішев", "--store", str(project.store))
    line = one_line_error(result)
    assert "persn" in line and "protests_for_person" in line and "person" in line.replace("persn", "")


def test_robustness_query_param_of_a_query_without_params_is_refused(project: Project) -> None:
    line = one_line_error(invoke("query", "--name", "listed_by", "-p", "person=x", "--store", str(project.store)))
    assert "listed_by" in line and "no parameters" in line


def test_robustness_query_param_that_is_no_variable_of_the_query_is_refused(project: Project) -> None:
    result = invoke("query", "SELECT ?n WHERE { ?s ?p ?n }", "-p", "m=1", "--store", str(project.store))
    line = one_line_error(result)
    assert "?m" in line and "?n" in line and "?s" in line


def test_robustness_query_known_param_still_binds(project: Project) -> None:
    result = invoke("query", "--name", "protests_for_person", "-p", "person=Ерлан Қалиев", "--format", "csv",
                    "--store", str(project.store))
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    assert rows and all(row.startswith("Ерлан Қалиев,") for row in rows)


def test_robustness_query_list_shows_each_querys_params() -> None:
    result = invoke("query", "--list")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "-p person=" in lines["protests_for_person"]
    assert "-p" not in lines["listed_by"]


# ----------------------------------------------------------------------------- what a server sends

ANSWERS = {
    "garbage as SPARQL JSON": (200, "application/sparql-results+json", b"\x00\xffnot json at all"),
    "an HTML page": (200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>Login required</body></html>"),
    "JSON that is no SPARQL result": (200, "application/sparql-results+json", b'{"error": "quota"}'),
    "N-Triples for a SELECT": (200, "application/n-triples", b"<urn:a> <urn:b> <urn:c> .\n"),
    "broken N-Triples": (200, "application/n-triples", b"<urn:a> <urn:b> \"unterminated .\n"),
    "no content type": (200, "", b"hello"),
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_robustness_endpoint_nonsense_answer_is_one_line_naming_the_server(
    project: Project, loopback: Loopback, name: str
) -> None:
    status, ctype, body = ANSWERS[name]
    loopback.answer.update(status=status, type=ctype, body=body)
    endpoint = f"{loopback.url}/query"
    result = invoke("query", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", endpoint, "--store", str(project.store))
    line = one_line_error(result)
    assert endpoint in line, line
    assert "internal error" not in line
    assert (ctype.split(";")[0] or "no Content-Type") in line, line
    assert loopback.requests  # the server was asked


@pytest.mark.parametrize("name", ["garbage as SPARQL JSON", "an HTML page", "JSON that is no SPARQL result"])
@pytest.mark.parametrize("command", [("build", "{corpus}"), ("stats",), ("export", "--format", "nt")])
def test_robustness_endpoint_nonsense_fails_every_command_in_one_line(
    project: Project, loopback: Loopback, name: str, command: tuple[str, ...]
) -> None:
    status, ctype, body = ANSWERS[name]
    loopback.answer.update(status=status, type=ctype, body=body)
    args = [a.format(corpus=project.corpus) for a in command]
    if command[0] == "build":
        args += ["-o", str(project.graph), "-s"]
    before = project.snapshot()
    result = invoke(*args, "--endpoint", f"{loopback.url}/query", "--store", str(project.store))
    line = one_line_error(result)
    assert loopback.url in line and "internal error" not in line, line
    assert project.snapshot() == before
