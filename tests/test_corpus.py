"""Reading articles: order, ids, sidecars, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.build.corpus import decode_text, find_articles, read_corpus
from graph.errors import CorpusError


def test_corpus_reads_samples_in_name_order(sample_corpus: Path) -> None:
    docs = list(read_corpus([sample_corpus]))
    assert [d.id for d in docs] == ["000_24eead15ada0a434.txt", "002_509228f83951cc57.txt"]
    assert docs[0].text.startswith("Алматыда Республика алаңында")
    assert len(docs[0].sha256) == 64


def test_corpus_sidecar_meta_is_read(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Мәтін.\n", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(
        json.dumps({"title": "Тақырып", "url": "https://example.org/a", "published": "2019-10-16",
                    "outlet": "Азаттық", "extra": 1}), encoding="utf-8")
    (doc,) = read_corpus([tmp_path])
    assert (doc.title, doc.url, doc.published, doc.outlet) == (
        "Тақырып", "https://example.org/a", "2019-10-16", "Азаттық")


def test_corpus_broken_sidecar_is_ignored_with_a_warning(tmp_path: Path, caplog) -> None:
    (tmp_path / "x.txt").write_text("Мәтін.\n", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text("{not json", encoding="utf-8")
    (doc,) = read_corpus([tmp_path])
    assert doc.title is None
    assert "x.meta.json" in caplog.text


def test_corpus_bom_and_crlf_are_normalised() -> None:
    text = decode_text("\ufeffБір.\r\nЕкі.\rҮш.".encode("utf-8"))
    assert text == "Бір.\nЕкі.\nҮш."


def test_corpus_nfd_text_becomes_nfc() -> None:
    assert decode_text("Қаи\u0306ырлы".encode("utf-8")) == "Қайырлы"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("Қазақстан".encode("cp1251", errors="replace") + b"\xff\xfe", "not valid UTF-8"),
    ],
)
def test_corpus_bad_bytes_give_a_clear_error(data: bytes, needle: str) -> None:
    with pytest.raises(CorpusError, match=needle):
        decode_text(data, "bad.txt")


def test_corpus_missing_path_and_empty_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        find_articles([tmp_path / "nope"])
    with pytest.raises(CorpusError, match="no .txt articles"):
        find_articles([tmp_path])


def test_corpus_subfolders_get_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B.\n", encoding="utf-8")
    assert [d.id for d in read_corpus([tmp_path])] == ["b.txt", "sub/a.txt"]


def test_corpus_symlink_outside_is_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("ok\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    assert [d.id for d in read_corpus([corpus])] == ["ok.txt"]
