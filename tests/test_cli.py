"""The command line, through click's CliRunner, on a tiny corpus built once per module."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Build the sample corpus once into a temporary exports folder."""
    out = tmp_path_factory.mktemp("exports") / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(ROOT / "corpus"), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_build_writes_turtle_and_trig(built: Path) -> None:
    assert len(Graph().parse(built)) > 100
    ds = Dataset().parse(built.with_suffix(".trig"), format="trig")
    assert len(list(ds.graphs())) >= 3  # two articles + entities (+ default)


def test_cli_build_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "missing"), "-o", str(tmp_path / "g.ttl"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: corpus path not found: {tmp_path / 'missing'} — pass a folder of .txt articles or .txt files"
    ]
    assert not (tmp_path / "g.ttl").exists()


def test_cli_build_failure_keeps_previous_output(tmp_path: Path, built: Path) -> None:
    out = tmp_path / "g.ttl"
    assert run("export", "--graph", str(built), "-o", str(out)).exit_code == 0  # a previous output of kazkg's
    before = out.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x01binary")
    result = run("build", str(bad), "-o", str(out))
    assert result.exit_code == 1 and "binary" in result.output
    assert out.read_bytes() == before


def test_cli_build_rewrites_exports_only_when_needed(tmp_path: Path) -> None:
    out = tmp_path / "exports" / "graph.ttl"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((ROOT / "corpus" / min(p.name for p in (ROOT / "corpus").glob("*.txt")))
                                  .read_text(encoding="utf-8"), encoding="utf-8")
    assert run("build", str(corpus), "-o", str(out)).exit_code == 0
    first = (out.stat().st_mtime_ns, out.read_bytes())
    again = run("build", str(corpus), "-o", str(out))
    assert again.exit_code == 0 and "already up to date" in again.output
    assert (out.stat().st_mtime_ns, out.read_bytes()) == first  # untouched
    out.with_suffix(".trig").unlink()  # a missing half of the pair is written again
    assert run("build", str(corpus), "-o", str(out)).exit_code == 0
    assert out.with_suffix(".trig").exists() and out.read_bytes() == first[1]
    out.write_text("edited by hand\n", encoding="utf-8")  # an edited export is replaced
    assert run("build", str(corpus), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == first[1]
    (corpus / "b.txt").write_text("Белсенді Дина Омарова Шымкентте аштық жариялады.\n", encoding="utf-8")
    store_only = run("build", str(corpus), "-o", str(out), "--no-export")
    assert store_only.exit_code == 0 and "(store only)" in store_only.output
    assert out.read_bytes() == first[1]  # --no-export leaves the files alone
    assert run("build", str(corpus), "-o", str(out)).exit_code == 0
    assert out.read_bytes() != first[1] and "Омарова" in out.read_text(encoding="utf-8")


def test_cli_query_select_csv(built: Path) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?p kg:listedBy ?l }"
    result = run("query", q, "--graph", str(built), "--format", "csv")
    assert result.exit_code == 0
    header, value = result.output.strip().splitlines()
    assert header == "n" and int(value) >= 10


def test_cli_query_named_with_param(built: Path) -> None:
    result = run("query", "--name", "protests_for_person", "-p", "person=Мұхтар Жәкішев",
                 "--graph", str(built), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert rows and any("Жексебаев" in json.dumps(r, ensure_ascii=False) for r in rows)


def test_cli_query_list_names_all_queries() -> None:
    result = run("query", "--list")
    names = {line.split()[0] for line in result.output.splitlines()}
    assert {"listed_by", "longest_sentences", "protests_for_person", "protests_per_place",
            "sentenced_with_courts", "article_facts"} <= names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?s WHERE { ?s ?p }"], "Error: malformed SPARQL at line 1"),
        (["DROP ALL"], "Error: DROP is not allowed: kazkg query is read-only"),
        (["--name", "nope"], "Error: no query named 'nope'"),
    ],
)
def test_cli_query_errors_are_one_line(built: Path, args: list[str], message: str) -> None:
    result = run("query", *args, "--graph", str(built))
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.output


def test_cli_query_missing_graph(tmp_path: Path) -> None:
    result = run("query", "ASK {}", "--graph", str(tmp_path / "none.ttl"))
    assert result.exit_code == 1 and "run `kazkg build` first" in result.output


@pytest.mark.parametrize(("fmt", "fmt_rdflib"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_cli_export_formats_parse_back(built: Path, tmp_path: Path, fmt: str, fmt_rdflib: str) -> None:
    out = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "-o", str(out), "--graph", str(built)).exit_code == 0
    assert len(Graph().parse(out, format=fmt_rdflib)) == len(Graph().parse(built))


def test_cli_export_trig_keeps_named_graphs(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    assert run("export", "--format", "trig", "-o", str(out), "--graph", str(built)).exit_code == 0
    assert len(list(Dataset().parse(out, format="trig").graphs())) >= 3


def test_cli_stats_json(built: Path) -> None:
    result = run("stats", "--json", "--graph", str(built))
    data = json.loads(result.output)
    assert data["articles"] == 2 and data["sentences"] > 40
    assert data["entities"]["Person"] >= 14 and data["events"]["Sentencing"] >= 4


def test_cli_validate_passes_on_built_graph(built: Path) -> None:
    result = run("validate", "--graph", str(built))
    assert result.exit_code == 0, result.output


def test_cli_validate_fails_on_broken_graph(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kazkg/ontology#> .\n"
        '<https://w3id.org/kazkg/resource/event/x> a kg:Sentencing ; kg:term "14 жыл" .\n',
        encoding="utf-8")
    result = run("validate", "--graph", str(bad))
    assert result.exit_code == 1 and result.output.strip()


def test_cli_mentions_lines_offsets(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("Белсенді Асхат Жексебаев Алматыда пикет өткізді.\nОл 14 жылға сотталды.\n", encoding="utf-8")
    result = run("mentions", str(f), "--lines")
    rows = [json.loads(line) for line in result.output.splitlines()]
    lines = f.read_text(encoding="utf-8").splitlines()
    assert {r["type"] for r in rows} >= {"PERSON", "LOCATION", "TERM"}
    for r in rows:
        assert lines[r["line"] - 1][r["start"]:r["end"]] == r["text"]
    assert any(r["lemma"] == "Алматы" for r in rows)


def test_cli_every_command_has_help_and_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        help_text = run(name, "--help").output
        assert "Example" in help_text, name
        assert re.search(rf"kazkg {re.escape(name)}\b", readme), f"{name} missing from README"


def test_cli_version() -> None:
    assert re.match(r"kazkg, version \d+\.\d+", run("--version").output)
