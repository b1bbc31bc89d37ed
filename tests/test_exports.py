"""Committed exports are what the current code builds, and golden graphs match by isomorphism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from graph.build.pipeline import build_graph
from graph.views.export import serialize

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def _diff(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["only in expected:"] + sorted(f"  {t}" for t in only_expected.serialize(format="nt").splitlines())
    lines += ["only in actual:"] + sorted(f"  {t}" for t in only_actual.serialize(format="nt").splitlines())
    return "\n".join(lines[:80])


def test_exports_graph_ttl_is_rebuilt_byte_identical(tmp_path: Path) -> None:
    """A fresh process (new hash seed) rebuilds corpus/ into exactly the committed Turtle."""
    out = tmp_path / "graph.ttl"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "graph", "build", "corpus", "-o", str(out), "-s"],
                   cwd=ROOT, env=env, check=True, timeout=300)
    committed = ROOT / "exports" / "graph.ttl"
    if out.read_bytes() != committed.read_bytes():
        pytest.fail("exports/graph.ttl is stale — run `make demo` and commit it\n"
                    + _diff(Graph().parse(committed), Graph().parse(out)))


def test_exports_graph_html_is_offline() -> None:
    html = (ROOT / "exports" / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in html or "vis-network" in html
    lowered = html.lower()
    for needle in ('src="http', "src='http", 'href="http', "href='http", "@import url(http"):
        assert needle not in lowered


@pytest.mark.parametrize("case", sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()))
def test_exports_golden_case_is_isomorphic(case: str, request) -> None:
    folder = GOLDEN / case
    result = build_graph([folder / "article.txt"])
    actual = Graph().parse(data=serialize(result.dataset, "turtle"), format="turtle")
    expected_path = folder / "expected.ttl"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(serialize(result.dataset, "turtle"), encoding="utf-8")
    expected = Graph().parse(expected_path)
    assert to_isomorphic(expected) == to_isomorphic(actual), _diff(expected, actual)
