"""The shipped CRF tagger: loads fast, tags a hand-made sentence sensibly."""

from __future__ import annotations

import time

import pytest

from graph.ner.features import lower_vocab_owner, sentence_features, set_lower_vocab
from graph.ner.tagger import DEFAULT_MODEL, _clean, load_tagger, tag


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


def test_ner_reports_gpe_as_location() -> None:
    words = ["Ақмола", "облысы", "Нұрлан", "келді"]
    labels = _clean(["B-GPE", "I-GPE", "B-NAME", "O"], words)
    assert labels == ["B-LOCATION", "I-LOCATION", "O", "O"]
    # An I- after a different training type that maps to the same output type continues it.
    assert _clean(["B-GPE", "I-LOCATION"], ["Алматы", "облысы"]) == ["B-LOCATION", "I-LOCATION"]


def test_ner_features_are_bytes_with_context() -> None:
    words = ["Енді", "Сыртқы", "істер", "министрлігі", "хабарлады", "."]
    feats = sentence_features(words)
    assert len(feats) == len(words)
    assert all(isinstance(x, bytes) for f in feats for x in f)
    assert b"Tm" in feats[1] and b"Tm" not in feats[0]  # capitalised inside, not at the start
    assert b"orgR" in feats[1] and b"orgR" not in feats[4]  # head noun ahead / behind
    assert b"BOS" in feats[0] and b"EOS" in feats[-1]
    assert sentence_features(words) == feats  # cached word features give the same lists


def test_ner_lower_vocab_marks_common_words() -> None:
    words = ["Шара", "Алматы", "әкімдігінің", "алдында", "өтті", "."]
    try:
        set_lower_vocab(["шара", "әкімдік"], owner="test")
        feats = sentence_features(words)
        assert b"lc" in feats[0]  # a common noun capitalised at the sentence start
        assert b"lc" not in feats[1] and b"lc" not in feats[2]  # unknown / lower-case
    finally:
        set_lower_vocab([], owner="")
    assert b"lc" not in sentence_features(words)[0]
    # The tagger re-installs its own vocabulary before tagging.
    tag(words)
    assert lower_vocab_owner() == str(DEFAULT_MODEL)
