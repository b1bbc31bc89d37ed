"""``--timeout``, ``--limit`` and ``--max-memory`` bound the work inside Oxigraph (issue 14, case 7).

The project store holds 80 triples, so a product of four or five triple patterns is
41 million or 3 billion rows: work that one call into Oxigraph would do for minutes
and, sorted, in many gigabytes. Each command runs as its own process, the way a user
runs it, with an outer deadline and address-space limit so that a command that does not
bound itself fails the test rather than the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from .conftest import ROOT, Project, run_kazkg

TRIPLES = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"
FIVE = TRIPLES + " . ?m ?n ?o"


def _query(project: Project, text: str, *args: str, deadline: float = 30) -> object:
    return run_kazkg("query", text, "--store", str(project.store), *args, cwd=project.root, deadline=deadline)


def test_robustness_query_timeout_stops_a_long_count(project: Project) -> None:
    done = _query(project, f"SELECT (COUNT(*) AS ?n) WHERE {{ {FIVE} }}", "--timeout", "2")
    assert done.returncode == 1, done
    assert done.seconds < 2 + 1.0, done.seconds
    assert done.error_lines() == ["Error: query stopped after 2 s (--timeout): add LIMIT or narrow the pattern"]


def test_robustness_query_timeout_stops_a_construct(project: Project) -> None:
    done = _query(project, f"CONSTRUCT {{ ?a ?b ?o }} WHERE {{ {FIVE} }}", "--timeout", "3", "--limit", "0")
    assert done.returncode == 1, done
    assert done.seconds < 3 + 1.0, done.seconds
    assert len(done.error_lines()) == 1 and "stopped after 3 s" in done.error_lines()[0]


def test_robustness_query_memory_cap_stops_a_sorted_product(project: Project) -> None:
    """ORDER BY over a 41-million-row product: refused at the memory cap, long before the timeout."""
    text = f"SELECT * WHERE {{ {TRIPLES} }} ORDER BY ?a ?c ?d ?f ?g ?i ?j ?l"
    probe = (
        "import resource, subprocess, sys; "
        "p = subprocess.run(sys.argv[1:], capture_output=True); "
        "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n'); "
        "sys.stderr.write(p.stderr.decode()); sys.exit(p.returncode)"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))

    proc = subprocess.run(  # noqa: PLW1510 - the return code is asserted below
        [sys.executable, "-c", probe, sys.executable, "-m", "graph", "query", text, "--store", str(project.store),
         "--max-memory", "300", "--timeout", "60"],
        cwd=project.root, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True,
        timeout=120, preexec_fn=limit,
    )
    errors = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert proc.returncode == 1, proc.stderr.decode()
    assert errors == ["Error: query needed more than 300 MB of memory (--max-memory): add LIMIT or narrow the pattern"]
    peak_mb = int(proc.stdout.decode().split()[0]) / 1024
    assert peak_mb < 300 + 400, peak_mb  # the cap plus the interpreter and the store


def test_robustness_query_limit_stops_pulling_rows(project: Project) -> None:
    """``--limit 5`` on 41 million rows returns at once: only six rows are ever taken from Oxigraph."""
    done = _query(project, f"SELECT * WHERE {{ {TRIPLES} }}", "--limit", "5", "--format", "csv", deadline=60)
    assert done.returncode == 0, done
    assert done.seconds < 5, done.seconds
    assert len(done.stdout.splitlines()) == 1 + 5
    assert "output cut at 5 rows" in done.stderr


def test_robustness_query_limit_applies_to_construct_triples(project: Project) -> None:
    done = _query(project, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--limit", "7", deadline=60)
    assert done.returncode == 0, done
    statements = [line for line in done.stdout.splitlines() if line.strip() and not line.startswith("@prefix")]
    assert 1 <= len(statements) <= 7 * 3  # at most 7 triples (a Turtle statement may span lines)
    assert "output cut at 7 triples" in done.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_robustness_query_in_a_child_gives_the_same_answer(project: Project, fmt: str) -> None:
    """The bounded child process changes nothing in what a normal query prints."""
    from graph.rdf.oxstore import KgStore, format_result

    text = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?s ?o"
    with KgStore.open(project.store, read_only=True) as kg:
        expected = format_result(kg.query(text), fmt)
    done = _query(project, text, "--format", fmt)
    assert done.returncode == 0, done
    assert done.stdout == expected
