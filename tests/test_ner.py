"""The shipped CRF tagger: loads fast, tags a hand-made sentence sensibly."""

from __future__ import annotations

import time

import pytest

from graph.ner import DEFAULT_MODEL, load_tagger, tag


def test_ner_model_ships_small() -> None:
    assert DEFAULT_MODEL.is_file()
    assert DEFAULT_MODEL.stat().st_size < 5_000_000


def test_ner_loads_within_a_second() -> None:
    t0 = time.perf_counter()
    load_tagger(DEFAULT_MODEL)
    assert time.perf_counter() - t0 < 1.0
    assert load_tagger() is load_tagger()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ["Белсенді", "Асхат", "Жексебаев", "Алматыда", "пикет", "өткізді", "."],
            ["O", "B-PERSON", "I-PERSON", "B-LOCATION", "O", "O", "O"],
        ),
        (
            ["Мұхтар", "Жәкішев", "2009", "жылы", "сотталды", "."],
            ["B-PERSON", "I-PERSON", "B-DATE", "I-DATE", "O", "O"],
        ),
    ],
)
def test_ner_tags_hand_made_sentence(words: list[str], expected: list[str]) -> None:
    assert tag(words) == expected


def test_ner_outputs_only_four_types() -> None:
    words = [
        "Қазақстан",
        "Республикасының",
        "Президенті",
        "2019",
        "жылы",
        "100",
        "мың",
        "теңге",
        "бөлді",
        ".",
    ]
    labels = tag(words)
    assert len(labels) == len(words)
    assert {lab.partition("-")[2] for lab in labels} <= {"", "PERSON", "ORGANIZATION", "LOCATION", "DATE"}
    # MONEY (a KazNERD class the model knows) comes out as O; the year stays a DATE.
    assert labels[5:8] == ["O", "O", "O"]
    assert labels[3:5] == ["B-DATE", "I-DATE"]


def test_ner_empty_sentence() -> None:
    assert tag([]) == []


def test_ner_missing_model_is_clear(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="train-ner"):
        load_tagger(tmp_path / "none.crfsuite")
