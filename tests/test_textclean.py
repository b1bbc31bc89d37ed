"""Decoding and cleaning article text: encodings, binary, HTML, Latin script, invisibles, homoglyphs."""

from __future__ import annotations

import time

import pytest

from graph.errors import CorpusError
from graph.lang.textclean import (
    binary_kind,
    clean_text,
    decode_bytes,
    detect_legacy_encoding,
    fix_homoglyphs,
    latin_kazakh_variant,
    latin_to_cyrillic,
    looks_like_html,
    remove_invisible,
    strip_html,
)

RU = "Суд приговорил активиста Ерлана Калиева к пяти годам лишения свободы. Правозащитники признали его политзаключённым."
KK = "Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады. Құқық қорғаушылар оны саяси тұтқын деп таныды."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RU, "cp1251", "cp1251"),
        (RU, "koi8_r", "koi8_r"),
        (RU, "cp866", "cp866"),
        (KK, "kz1048", "kz1048"),
        (KK.replace("қ", "к").replace("Қ", "К").replace("ұ", "у").replace("ғ", "г"), "koi8_u", "koi8_u"),
    ],
)
def test_textclean_legacy_encodings_are_detected(text: str, codec: str, expected: str) -> None:
    decoded, used, warnings = decode_bytes(text.encode(codec, errors="replace"), "a.txt")
    assert used == expected
    assert len(warnings) == 1 and warnings[0].startswith("a.txt: not UTF-8, decoded as")
    assert decoded.split()[:2] == text.encode(codec, errors="replace").decode(codec).split()[:2]


def test_textclean_cp1251_kazakh_with_substitutes_is_flagged() -> None:
    text = KK.replace("қ", "к").replace("Қ", "К").replace("ұ", "у").replace("ғ", "г").replace("ң", "н")
    _decoded, used, warnings = decode_bytes(text.encode("cp1251"), "a.txt")
    assert used == "cp1251" and "look-alikes" in warnings[0]


def test_textclean_utf8_bom_utf16_and_utf16_without_bom() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + KK.encode(), "a")[0] == KK
    assert decode_bytes(KK.encode("utf-16"), "a")[:2] == (KK, "utf-16")
    assert decode_bytes(KK.encode("utf-32"), "a")[:2] == (KK, "utf-32")
    text, used, warnings = decode_bytes(("Hello, world. " + KK).encode("utf-16-le"), "a")
    assert (text.endswith(KK), used, len(warnings)) == (True, "utf-16-le", 1)


def test_textclean_few_invalid_utf8_bytes_are_replaced_with_offset() -> None:
    data = KK.encode() + b"\xc3\x28" + KK.encode()
    text, used, warnings = decode_bytes(data, "a.txt")
    assert used == "utf-8" and text.count("\ufffd") == 1
    assert warnings == [f"a.txt: 1 invalid UTF-8 sequence (first at byte {len(KK.encode())}) replaced with U+FFFD"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.4\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Word .doc"),
        (b"{\\rtf1\\ansi Hello}", "RTF"),
        (b"text\x00with\x00\x00nul bytes", "NUL bytes"),
        (bytes(range(1, 32)) * 10, "control bytes"),
    ],
)
def test_textclean_binary_files_are_named(data: bytes, kind: str) -> None:
    assert kind in (binary_kind(data) or "")
    with pytest.raises(CorpusError, match="a.txt: looks like .*binary file skipped"):
        decode_bytes(data, "a.txt")


def test_textclean_text_is_not_binary() -> None:
    assert binary_kind(KK.encode()) is None
    assert binary_kind(b"MZ is how this note starts, not a program.\n") is None


def test_textclean_short_unknown_bytes_are_refused_with_hint() -> None:
    with pytest.raises(CorpusError, match=r"not valid UTF-8 at byte 0 .*could not be recognised.*re-save"):
        decode_bytes("Қазақ".encode("kz1048"), "a.txt")
    assert detect_legacy_encoding("Қазақ".encode("kz1048"))[0] is None


def test_textclean_forced_encoding() -> None:
    assert decode_bytes("Қазақ".encode("kz1048"), "a", encoding="kz1048")[0] == "Қазақ"
    with pytest.raises(CorpusError, match="unknown encoding"):
        decode_bytes(b"x", "a", encoding="nope-1")
    with pytest.raises(CorpusError, match="not valid utf-8 at byte 1"):
        decode_bytes(b"a\xff", "a", encoding="utf-8")


def test_textclean_invisible_characters_are_removed() -> None:
    dirty = "Ер\u200bлан\u00ad Қа\u200c\u200dлиев\u2060\ufeff\u202eсот\u202c\x07\x85жыл\u00a0бес\u2028алты"
    assert remove_invisible(dirty) == "Ерлан Қалиевсот\nжыл бес\nалты"


def test_textclean_homoglyphs_in_cyrillic_words_only() -> None:
    assert fix_homoglyphs("Eрлан Kалиев Aлматы сoтында, ТOO «Қaзaқ»") == "Ерлан Калиев Алматы сотында, ТОО «Қазақ»"
    # Latin words, brands with Kazakh suffixes and words with non-look-alike Latin letters stay.
    for keep in ("iPhone-ға", "Nur Otan", "COVID-19", "Qазақ", "Facebook-тағы"):
        assert fix_homoglyphs(keep) == keep
    assert fix_homoglyphs("Ə\u0431іл") == "Әбіл"


def test_textclean_html_page_becomes_text() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Үкім</title><meta charset=utf-8><style>p{}</style>"
        "<script>document.write('<p>жоқ</p>')</script></head><body><nav>Мәзір</nav>"
        "<p>Бірінші&nbsp;абзац &laquo;дәйексөз&raquo; &amp; &#1179;.</p><p>Екінші<br>жол</p>"
        "<!-- comment --></body></html>"
    )
    assert looks_like_html(page)
    text, title = strip_html(page)
    assert title == "Үкім"
    assert text == "Мәзір\n\nБірінші\u00a0абзац «дәйексөз» & қ.\n\nЕкінші\nжол\n"


def test_textclean_prose_with_angle_brackets_is_not_html() -> None:
    assert not looks_like_html("Баға 5 < 7 және 9 > 3 деп жазылды.\n" * 20)
    cleaned = clean_text("Баға 5 < 7, &quot;Азаттық&quot; &laquo;Сот&raquo;.")
    assert cleaned.text == 'Баға 5 < 7, "Азаттық" «Сот».' and not cleaned.warnings


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstan Respublikasy", "Қазақстан Республикасы"),
        ("Būryñğy ötken zamanda bır danyşpan kısı", "Бұрыңғы өткен заманда бір данышпан кісі"),
        ("üiıne syi qalaiyn", "үйіне сый қалайын"),
        ("İslam ŞAHAR", "Ислам ШАХАР"),
    ],
)
def test_textclean_latin_2021_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin, "2021") == cyrillic


def test_textclean_latin_detection_and_urls_kept() -> None:
    text = "Almaty qalalyq soty belsendı Erlan Qalievtı bes jylğa sottady. Derek: https://azattyq.org/a?q=1"
    assert latin_kazakh_variant(text) == "2021"
    cleaned = clean_text(text, "x.txt")
    assert cleaned.text == "Алматы қалалық соты белсенді Ерлан Қалиевті бес жылға соттады. Дерек: https://azattyq.org/a?q=1"
    assert "Latin script (2021 alphabet)" in cleaned.warnings[0]
    assert latin_kazakh_variant("Qazaqstannyń astanasy Astana qalasy. Shyǵys jaqta ǵalymdar turady.") == "2018"
    assert latin_to_cyrillic("Shyǵys ǵalymdar", "2018") == "Шығыс ғалымдар"
    for other in ("The quick brown fox quietly quits the square.", "Mahkeme beş yıl hapis cezası verdi."):
        assert latin_kazakh_variant(other) is None


@pytest.mark.parametrize(
    "text",
    [
        "а" * 200_000,
        "Қz" * 100_000,
        ("Қa" * 5_000 + " ") * 20,
        "<" * 100_000,
        "<p" * 50_000,
        "&" * 100_000 + ";",
        "&#" + "1" * 100_000,
        "\u200b" * 200_000,
        "ä" * 100_000,
    ],
)
def test_textclean_pathological_inputs_are_linear(text: str) -> None:
    start = time.perf_counter()
    clean_text(text, "x")
    assert time.perf_counter() - start < 3.0
