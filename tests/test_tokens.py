"""Tests for graph.lang.tokens."""

from __future__ import annotations

import pytest

from graph.lang.tokens import tokenize


def _texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


@pytest.mark.parametrize(
    "word",
    ["Нұр-Сұлтан", "аты-жөні", "қыз-жігіттер", "БҰҰ-ның", "18-ге", "42-сессияның", "2009-да", "Нұр-Сұлтанда"],
)
def test_hyphenated_words_stay_whole(word: str) -> None:
    assert _texts(f"Ол {word} деді") == ["Ол", word, "деді"]


def test_quotes_and_punctuation_are_separate() -> None:
    assert _texts("«саяси тұтқындар» “x” „y“ \"z\" 'w', (Австрия).") == [
        "«",
        "саяси",
        "тұтқындар",
        "»",
        "“",
        "x",
        "”",
        "„",
        "y",
        "“",
        '"',
        "z",
        '"',
        "'",
        "w",
        "'",
        ",",
        "(",
        "Австрия",
        ")",
        ".",
    ]


@pytest.mark.parametrize("num", ["1,5", "1.5", "12.10.2019", "2009", "20-дан"])
def test_numbers_whole(num: str) -> None:
    assert _texts(f"{num} жыл") == [num, "жыл"]


def test_number_at_sentence_end_keeps_period_apart() -> None:
    assert _texts("2009.") == ["2009", "."]


def test_standalone_dashes() -> None:
    assert _texts("- деді ол — иә – жоқ") == ["-", "деді", "ол", "—", "иә", "–", "жоқ"]


def test_offsets_with_document_offset() -> None:
    text = "  Серік Жахиннің аты-жөні."
    toks = tokenize(text, offset=100)
    for t in toks:
        assert text[t.start - 100 : t.end - 100] == t.text
    assert toks[0].start == 102


def test_ellipsis_token() -> None:
    assert _texts("Иә... Жоқ…") == ["Иә", "...", "Жоқ", "…"]


def test_empty_and_odd_input() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []
    assert _texts("Twitter-дегі 🙂 x_y") == ["Twitter-дегі", "🙂", "x", "_", "y"]


def test_trailing_hyphen_is_separate() -> None:
    assert _texts("Нұр- Сұлтан") == ["Нұр", "-", "Сұлтан"]
