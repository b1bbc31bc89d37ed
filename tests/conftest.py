"""Shared fixtures: paths, a tiny corpus, builders for hand-made stage inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def sample_corpus() -> Path:
    return CORPUS


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """Two short hand-written articles in a fresh folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады.\n"
        "Құқық қорғаушылар Ерлан Қалиевті саяси тұтқын деп таныды.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Белсенді Әсел Нұрланова Астанада Ерлан Қалиевті босатуды талап етіп, бір адамдық пикет өткізді.\n",
        encoding="utf-8",
    )
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/data/golden/*/expected.ttl")
