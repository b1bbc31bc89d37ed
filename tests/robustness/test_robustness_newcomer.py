"""A newcomer's first run (issue 14, last paragraph): one-line usage errors, a runnable README, no warnings."""

from __future__ import annotations

import re
import subprocess
import warnings
from pathlib import Path

import pytest

from .conftest import ROOT, invoke, run_kazkg

USAGE_ERRORS = [
    (["query", "--format", "xml", "ASK {}"], "'xml' is not one of"),
    (["query", "--no-such-option"], "No such option"),
    (["mentions"], "Missing argument 'FILE'"),
    (["query", "ASK {}", "--name", "listed_by"], "give exactly one of QUERY, --file or --name"),
    (["nonsense"], "No such command 'nonsense'"),
    (["build", "--jobs", "0"], "0 is not in the range x>=1"),
]


@pytest.mark.parametrize(("args", "needle"), USAGE_ERRORS)
def test_robustness_usage_error_is_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    done = run_kazkg(*args, cwd=tmp_path)
    assert done.returncode == 2, done
    assert done.stdout == ""
    (line,) = done.error_lines()
    assert line.startswith("Error: ") and needle in line, line
    assert "--help" in line  # where to look next


@pytest.mark.parametrize(("args", "needle"), USAGE_ERRORS)
def test_robustness_usage_error_is_one_line_in_process(args: list[str], needle: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], result.output


def test_robustness_help_is_still_printed_in_full() -> None:
    result = invoke("query", "--help")
    assert result.exit_code == 0 and "Usage:" in result.output and "--timeout" in result.output


def test_robustness_readme_says_how_to_run_kazkg_from_the_venv() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up"): readme.index("## CLI tour")]
    assert "make shell" in setup and ". .venv/bin/activate" in setup
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^shell: \$\(STAMP\)$", makefile, re.MULTILINE)
    assert "shell" in re.search(r"^\.PHONY:.*$", makefile, re.MULTILINE).group(0)


def test_robustness_make_shell_puts_kazkg_on_the_path() -> None:
    done = subprocess.run(["make", "-s", "shell"], check=False, cwd=ROOT, input="command -v kazkg\nexit\n",
                          capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(ROOT / ".venv" / "bin" / "kazkg")


def test_robustness_trig_export_raises_no_deprecation_warning_from_our_code() -> None:
    from rdflib import Dataset, Literal, URIRef

    from graph.views.export import serialize

    ds = Dataset()
    ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        serialize(ds, "trig")
    ours = [w for w in caught if issubclass(w.category, DeprecationWarning)
            and Path(w.filename).resolve().is_relative_to(ROOT / "graph")]
    assert ours == [], [f"{w.filename}:{w.lineno}: {w.message}" for w in ours]


def test_robustness_pytest_turns_our_deprecation_warnings_into_errors() -> None:
    """So that a new one fails the suite instead of joining ~2,000 lines of warnings."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'error::DeprecationWarning:graph' in config


def test_robustness_mentions_table_has_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Белсенді Асхат Жексебаев Алматыда пикет өткізді.\n", encoding="utf-8")
    result = invoke("mentions", str(path), "--format", "table")
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split() == ["line", "start", "end", "type", "text", "→", "lemma"]
    assert rows and "PERSON" in rows[0]
    # the columns of the header line up with the rows
    assert header.index("type") == rows[0].index("PERSON")
