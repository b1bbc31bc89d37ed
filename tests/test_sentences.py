"""Tests for graph.lang.sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.lang.sentences import split_sentences, split_spans
from graph.model import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_spans(text)]


def test_newline_always_ends_sentence() -> None:
    assert _split("Бірінші жол\nЕкінші жол") == ["Бірінші жол", "Екінші жол"]


def test_empty_lines_give_no_sentence() -> None:
    assert _split("А бар.\n\n   \nБ бар.\n") == ["А бар.", "Б бар."]


def test_period_splits_outside_quotes() -> None:
    assert _split("Ол келді. Сосын кетті! Неге? Білмеймін… Иә.") == [
        "Ол келді.",
        "Сосын кетті!",
        "Неге?",
        "Білмеймін…",
        "Иә.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ол «Біз келдік. Енді кетеміз» деді.",
        "Ол “Біз келдік. Енді кетеміз” деді.",
        'Ол "Біз келдік. Енді кетеміз" деді.',
        "Ол «Венада (Австрия) «Қазатомөнеркәсіп» компаниясын ашты. Касса ұстады» деді.",
    ],
)
def test_no_split_inside_quotes(text: str) -> None:
    assert _split(text) == [text]


def test_split_after_quote_closing_a_sentence() -> None:
    assert _split("«Біз келдік.» Келесі сөйлем.") == ["«Біз келдік.»", "Келесі сөйлем."]


def test_unclosed_quote_does_not_glue_line() -> None:
    assert _split("«Ол келді. Сосын кетті.") == ["«Ол келді.", "Сосын кетті."]


@pytest.mark.parametrize(
    "text",
    [
        "Белсенді А. Жексебаев пикет өткізді.",
        "Кітаптар, журналдар т.б. Сатылды.",
        "2009 ж. Қазан айында сотталды.",
        "Б.з.д. 500 жылы болды.",
    ],
)
def test_no_split_after_initials_and_abbreviations(text: str) -> None:
    assert _split(text) == [text]


def test_no_split_before_lowercase() -> None:
    assert _split("Ол 5 млн. теңге төледі.") == ["Ол 5 млн. теңге төледі."]


def test_sentences_offsets_index_tokens() -> None:
    text = "  Алматыда пикет өтті.  Жахин аштық жариялады.\n\nНұр-Сұлтан үнсіз"
    doc = Document(id="x.txt", path="x.txt", text=text)
    sents = split_sentences(doc)
    assert [s.index for s in sents] == [0, 1, 2]
    assert [s.text for s in sents] == ["Алматыда пикет өтті.", "Жахин аштық жариялады.", "Нұр-Сұлтан үнсіз"]
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.tokens and s.tokens[0].start == s.start and s.tokens[-1].end == s.end
        for t in s.tokens:
            assert text[t.start : t.end] == t.text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_sample_corpus_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(id=path.name, path=str(path), text=text)
    sents = split_sentences(doc)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    # Every non-empty line is one or more whole sentences.
    joined: dict[int, list[str]] = {}
    line_starts = []
    pos = 0
    for ln in text.split("\n"):
        line_starts.append(pos)
        pos += len(ln) + 1
    for s in sents:
        assert "\n" not in s.text
        assert text[s.start : s.end] == s.text
        line_no = text.count("\n", 0, s.start)
        joined.setdefault(line_no, []).append(s.text)
    assert len(joined) == len(lines)
    for line_no, parts in joined.items():
        line = text.split("\n")[line_no].strip()
        assert line.startswith(parts[0]) and line.endswith(parts[-1])
        # Nothing split inside «…»: each part has balanced guillemets unless
        # the line itself is unbalanced.
        if line.count("«") == line.count("»"):
            for p in parts:
                assert p.count("«") == p.count("»"), p


@pytest.mark.parametrize(
    "text",
    [
        "«Біз бармаймыз!» – деді ол.",
        "Біз бармаймыз! - деді Асхат.",
        "Ел басшысы Н.Ә. Назарбаев келді.",
        "1. Бірінші тармақ.",
    ],
)
def test_no_split_before_speech_verb_initials_list_numbers(text: str) -> None:
    assert _split(text) == [text]


def test_dash_before_capital_splits() -> None:
    assert _split("Ол келді. – Сәлем, – деді.") == ["Ол келді.", "– Сәлем, – деді."]


def test_crlf_line_endings() -> None:
    text = "Бірінші жол.\r\nЕкінші жол\r\n"
    assert _split(text) == ["Бірінші жол.", "Екінші жол"]


def test_adversarial_lines_stay_linear() -> None:
    import time

    t0 = time.process_time()
    assert len(split_spans("Ол келді. " * 20000)) == 20000
    split_spans("«" * 20000 + "”" * 20000 + ". А")
    split_spans("«" * 10000 + "а. Б" + "»" * 10000)
    assert time.process_time() - t0 < 5.0
