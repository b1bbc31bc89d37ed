"""`kazkg evaluate` and `kazkg train-relations` on the project's own annotated articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_evaluate_cli_prints_the_table_with_misses_and_wrong_facts() -> None:
    result = run("evaluate", str(ROOT / "corpus"), "--gold", str(DATA / "seeds.json"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["fact", "P", "R", "F1"]
    overall = next(line for line in lines if line.startswith("overall (relations)"))
    assert float(overall.split()[4]) >= 0.95
    assert any(line.strip().startswith("missed:") for line in lines)


def test_evaluate_cli_json_and_the_f1_gate() -> None:
    result = run("evaluate", str(ROOT / "corpus"), "--gold", str(DATA / "seeds.json"), "--json")
    rows = json.loads(result.output)
    assert set(rows) >= {"listedBy", "protestedFor", "sentencedBy", "sentencing", "overall (relations)"}
    gate = run("evaluate", str(ROOT / "corpus"), "--gold", str(DATA / "seeds.json"), "--brief", "--min-f1", "1")
    assert gate.exit_code == 1 and "below --min-f1" in gate.output


def test_evaluate_cli_gold_of_other_articles_is_one_line_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"documents": {"other.txt": {}}}), encoding="utf-8")
    result = run("evaluate", str(ROOT / "corpus"), "--gold", str(gold))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "annotates none of the 2 articles" in result.output


def _shared(tmp_path: Path) -> Path:
    """A stand-in for ../shared: dev/train made of six of the project's own articles."""
    shared = tmp_path / "shared"
    (shared / "dev" / "gold").mkdir(parents=True)
    (shared / "dev" / "train").mkdir()
    (shared / "gold").mkdir()
    own = json.loads((DATA / "articles" / "gold.json").read_text(encoding="utf-8"))
    names = sorted(own["documents"])[:6]
    for name in names:
        shutil.copy(DATA / "articles" / name, shared / "dev" / "train" / name)
    subset = {"documents": {n: own["documents"][n] for n in names}}
    (shared / "dev" / "gold" / "train.json").write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    shutil.copy(DATA / "seeds.json", shared / "gold" / "seeds.json")
    return shared


def test_train_relations_cli_writes_the_same_model_twice(tmp_path: Path) -> None:
    shared = _shared(tmp_path)
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        result = run("train-relations", "--shared", str(shared), "-o", str(out))
        assert result.exit_code == 0, result.output
    assert outs[0].read_bytes() == outs[1].read_bytes()
    model = json.loads(outs[0].read_text(encoding="utf-8"))
    assert {"Sentencing/defendant", "Listing/lister"} <= set(model["weights"])
    assert model["positives"] > 0 and model["candidates"] > model["positives"]


def test_train_relations_cli_without_the_data_is_one_line_error(tmp_path: Path) -> None:
    result = run("train-relations", "--shared", str(tmp_path / "nowhere"), "-o", str(tmp_path / "m.json"))
    assert result.exit_code == 1 and result.output.startswith("Error: not found:")
