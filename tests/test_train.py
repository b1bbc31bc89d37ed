"""Training pipeline: IOB2 reading, duplicate grouping, scoring, training on a tiny file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.ner.tagger import load_tagger, tag
from graph.ner.train import (
    _split_groups,
    cross_validate,
    evaluate,
    group_sentences,
    map_label,
    output_labels,
    read_iob2,
    spans,
    train_ner,
)

_SENTS = [
    [
        ("Асхат", "B-PERSON"),
        ("Жексебаев", "I-PERSON"),
        ("Алматыда", "B-GPE"),
        ("пикет", "O"),
        ("өткізді", "O"),
    ],
    [("Серік", "B-PERSON"), ("Жахин", "I-PERSON"), ("Астанада", "B-GPE"), ("отыр", "O")],
    [
        ("«", "O"),
        ("Қазатомпром", "B-ORGANISATION"),
        ("»", "O"),
        ("компаниясы", "O"),
        ("жұмыс", "O"),
        ("істейді", "O"),
    ],
    [("2019", "B-DATE"), ("жылы", "I-DATE"), ("Ерлан", "B-PERSON"), ("Қалиев", "I-PERSON"), ("келді", "O")],
    [
        ("екі", "B-DATE"),
        ("мың", "I-DATE"),
        ("он", "I-DATE"),
        ("тоғызыншы", "I-DATE"),
        ("жылы", "I-DATE"),
        ("Ерлан", "B-PERSON"),
        ("Қалиев", "I-PERSON"),
        ("келді", "O"),
    ],
    [("Нұр-Сұлтанда", "B-GPE"), ("Әсел", "B-PERSON"), ("Нұрланова", "I-PERSON"), ("сөйледі", "O")],
]


def _write(path: Path, sents=_SENTS, copies: int = 4) -> Path:
    lines = []
    for _ in range(copies):
        for s in sents:
            lines += [f"{w} {lab}" for w, lab in s] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_train_map_label() -> None:
    assert map_label("B-ORGANISATION") == "B-ORGANIZATION"
    # GPE is learnt apart from LOCATION and reported as LOCATION.
    assert map_label("I-GPE") == "I-GPE"
    assert output_labels(["B-GPE", "I-GPE", "O", "B-LOCATION"]) == [
        "B-LOCATION",
        "I-LOCATION",
        "O",
        "B-LOCATION",
    ]
    assert map_label("B-CARDINAL") == "B-NUMERIC"
    assert map_label("I-FACILITY") == "I-NAME"
    assert map_label("O") == "O"


def test_train_read_iob2(tmp_path: Path) -> None:
    sents = read_iob2(_write(tmp_path / "IOB2_valid.txt", copies=1))
    assert len(sents) == len(_SENTS)
    assert sents[0] == (
        ["Асхат", "Жексебаев", "Алматыда", "пикет", "өткізді"],
        ["B-PERSON", "I-PERSON", "B-GPE", "O", "O"],
    )


def test_train_groups_digit_and_word_twins() -> None:
    sents = [([w for w, _ in s], [lab for _, lab in s]) for s in _SENTS]
    groups = group_sentences(sents)
    assert groups[3] == groups[4]  # "2019 жылы ..." and "екі мың он тоғызыншы жылы ..."
    assert len({groups[0], groups[1], groups[2], groups[3], groups[5]}) == 5


def test_train_spans_and_evaluate() -> None:
    gold = [["B-PERSON", "I-PERSON", "O", "B-LOCATION"]]
    assert spans(gold[0]) == {("PERSON", 0, 2), ("LOCATION", 3, 4)}
    perfect = evaluate(gold, gold)
    assert perfect["PERSON"]["f1"] == 1.0 and perfect["micro"]["f1"] == 1.0
    # A span that misses a token does not count (token-snapped exact match).
    half = evaluate(gold, [["B-PERSON", "O", "O", "B-LOCATION"]])
    assert half["PERSON"]["f1"] == 0.0 and half["LOCATION"]["f1"] == 1.0


def test_train_ner_tiny_model_loads(tmp_path: Path) -> None:
    data = tmp_path / "kaznerd"
    data.mkdir()
    _write(data / "IOB2_valid.txt")
    out = tmp_path / "models" / "ner.crfsuite"
    metrics = train_ner(data, out, holdout=0.3, seed=1, cv_folds=2)
    assert set(metrics["cv"]["mean"]) == {"PERSON", "ORGANIZATION", "LOCATION", "DATE", "micro"}
    assert out.is_file() and metrics["model_bytes"] == out.stat().st_size
    assert metrics["sentences"] == 4 * len(_SENTS)
    vocab = out.with_suffix(".vocab").read_text(encoding="utf-8").split()
    assert "пикет" in vocab and "Асхат" not in vocab  # lower-case words only
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["sentences"] == metrics["sentences"]
    load_tagger(out)
    assert tag(["Асхат", "Жексебаев", "Алматыда", "пикет", "өткізді"], model=out)[:2] == [
        "B-PERSON",
        "I-PERSON",
    ]
    assert not list(out.parent.glob(".ner-*"))  # no temp files left behind


def test_train_ner_missing_data_dir(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        train_ner(tmp_path / "nope", tmp_path / "m.crfsuite")


def test_train_ner_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no IOB2"):
        train_ner(tmp_path, tmp_path / "m.crfsuite")


def test_train_cross_validate_tiny(tmp_path: Path) -> None:
    data = _write(tmp_path / "IOB2_valid.txt")
    res = cross_validate(data, folds=2, max_iterations=30)
    assert res["folds"] == 2 and len(res["per_fold"]) == 2
    for t in ("PERSON", "ORGANIZATION", "LOCATION", "DATE", "micro"):
        assert 0.0 <= res["mean"][t]["f1"] <= 1.0
        assert res["std"][t]["f1"] >= 0.0
    # Names repeated across folds are learnt: the person F1 cannot be zero.
    assert res["mean"]["PERSON"]["f1"] > 0.5
    folds = [r["micro"]["f1"] for r in res["per_fold"]]
    mean = sum(folds) / 2
    assert abs(res["mean"]["micro"]["f1"] - mean) < 1e-3


def test_train_cv_folds_keep_twins_together() -> None:
    sents = [([w for w, _ in s], [lab for _, lab in s]) for s in _SENTS] * 3
    for seed in range(5):
        fold = _split_groups(sents, 3, seed)
        assert fold[3] == fold[4]  # digit and word twins
        assert all(fold[i] == fold[i % len(_SENTS)] for i in range(len(sents)))  # copies
        assert set(fold) == {0, 1, 2}


def test_train_cross_validate_rejects_bad_folds(tmp_path: Path) -> None:
    data = _write(tmp_path / "IOB2_valid.txt", copies=1)
    with pytest.raises(ValueError, match="at least 2"):
        cross_validate(data, folds=1)
    with pytest.raises(ValueError, match="groups"):
        cross_validate(data, folds=9)
