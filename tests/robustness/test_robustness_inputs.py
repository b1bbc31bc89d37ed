"""Hostile and broken articles through ``kazkg build``: nothing crashes, nothing is lost.

Policy under test (see graph/corpus.py): an unusable file is skipped with a warning that
names it and the build succeeds with the other articles; a repairable file is used with a
warning; a corpus with no usable article fails with one ``Error:`` line and leaves the
previous exports byte-identical.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from graph.build.corpus import read_corpus, read_document
from graph.errors import CorpusError
from graph.rdf.iri import KG

from .conftest import GOOD_A, Project, invoke, one_line_error

RU = "Суд приговорил активиста Марата Жанузакова к пяти годам лишения свободы. " * 3
KK = "Алматы аудандық соты белсенді Марат Жанұзақовты бес жылға соттады. Құқық қорғаушылар оны саяси тұтқын деп таныды. "


def file_names(graph_path: Path) -> set[str]:
    g = Graph().parse(graph_path)
    return {str(o) for o in g.objects(None, URIRef(KG + "fileName"))}


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def warned(caplog: pytest.LogCaptureFixture, *needles: str) -> str:
    """The one warning that contains every needle (asserts it exists)."""
    hits = [m for m in messages(caplog) if all(n in m for n in needles)]
    assert hits, f"no warning with {needles}: {messages(caplog)}"
    assert all("\n" not in m for m in hits)
    return hits[0]


# ----------------------------------------------------------------------------- used, with a warning


@pytest.mark.parametrize(
    ("name", "data", "needles"),
    [
        ("cp1251.txt", RU.encode("cp1251"), ("cp1251.txt", "Windows-1251")),
        ("kz1048.txt", KK.encode("kz1048"), ("kz1048.txt", "KZ-1048")),
        ("koi8.txt", RU.encode("koi8_r"), ("koi8.txt", "KOI8-R")),
        ("dos.txt", RU.encode("cp866"), ("dos.txt", "CP866")),
        ("bad_byte.txt", KK.encode() * 3 + b"\xff\xfe" + KK.encode(), ("bad_byte.txt", f"byte {len(KK.encode()) * 3}", "U+FFFD")),
        (
            "page.txt",
            (
                "<!DOCTYPE html><html><head><title>Сот үкімі</title><style>p{color:red}</style>"
                "<script>alert('x')</script></head><body><p>" + KK + "</p><p>Тағы &laquo;бір&raquo; абзац.</p>"
                "</body></html>"
            ).encode(),
            ("page.txt", "HTML"),
        ),
        (
            "latin.txt",
            "Almaty audandyq soty belsendı Marat Janūzaqovty bes jylğa sottady. Qūqyq qorğauşylar ony sayasi "
            "tūtqyn dep tanydy.".encode(),
            ("latin.txt", "Latin script"),
        ),
        ("utf16.txt", KK.encode("utf-16"), None),
        ("bom.txt", b"\xef\xbb\xbf" + KK.encode(), None),
        ("crlf.txt", KK.replace(". ", ".\r\n").encode(), None),
        ("cr.txt", KK.replace(". ", ".\r").encode(), None),
        ("mixed.txt", (KK + RU).encode(), None),
    ],
)
def test_robustness_repairable_article_is_used(
    project: Project, warnings_log: pytest.LogCaptureFixture, name: str, data: bytes, needles: tuple | None
) -> None:
    (project.corpus / name).write_bytes(data)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert name in file_names(project.graph)
    if needles:
        warned(warnings_log, *needles)
    else:
        assert not messages(warnings_log)
    (doc,) = [d for d in read_corpus([project.corpus]) if d.id == name]
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert any(word in doc.text for word in ("Жанұзақов", "Жанузаков", "Жанұзақовты"))


def test_robustness_html_is_reduced_to_text(project: Project) -> None:
    (project.corpus / "page.txt").write_text(
        "<html><head><title>Сот үкімі</title><script>var secret = '<b>Жасырын</b>';</script>"
        "<style>.x{}</style></head><body><div>" + KK + "</div><p>Тағы &laquo;бір&raquo;&nbsp;абзац.</p></body></html>",
        encoding="utf-8",
    )
    doc = read_document(project.corpus / "page.txt")
    assert "<" not in doc.text and "secret" not in doc.text and "Жасырын" not in doc.text
    assert "Тағы «бір» абзац." in doc.text
    assert doc.title == "Сот үкімі"


def test_robustness_zero_width_and_homoglyphs_are_cleaned(project: Project) -> None:
    # "Жанұзақов" with ZWSP, soft hyphen and ZWJ; "Марат" with Latin M, a, p; "Алматы" with Latin A.
    dirty = "Aлматы соты белсенді Mаpат Жан\u200bұза\u00adқов\u200dты бес жылға соттады."
    (project.corpus / "dirty.txt").write_text(dirty, encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    doc = read_document(project.corpus / "dirty.txt")
    assert doc.text == "Алматы соты белсенді Марат Жанұзақовты бес жылға соттады."
    ttl = project.graph.read_text(encoding="utf-8")
    for bad in ("\u200b", "\u00ad", "\u200d", "Mаpат"):
        assert bad not in ttl


def test_robustness_latin_kazakh_becomes_cyrillic(project: Project) -> None:
    (project.corpus / "latin.txt").write_text(
        "Almaty qalalyq soty belsendı Marat Janūzaqovty bes jylğa sottady. Qazaqstan Respublikasy.",
        encoding="utf-8",
    )
    doc = read_document(project.corpus / "latin.txt")
    assert doc.text == "Алматы қалалық соты белсенді Марат Жанұзақовты бес жылға соттады. Қазақстан Республикасы."


def test_robustness_english_and_turkish_are_not_transliterated(project: Project) -> None:
    (project.corpus / "en.txt").write_text("The court in Almaty sentenced the activist quickly.", encoding="utf-8")
    (project.corpus / "tr.txt").write_text("Mahkeme aktivisti beş yıl hapis cezasına çarptırdı.", encoding="utf-8")
    docs = {d.id: d.text for d in read_corpus([project.corpus])}
    assert docs["en.txt"].startswith("The court") and docs["tr.txt"].startswith("Mahkeme")


def test_robustness_long_line_without_spaces_is_fast(project: Project) -> None:
    (project.corpus / "long.txt").write_text("Қ" + "а" * 10_000 + "\n" + "x" * 10_000 + ".\n" + KK, encoding="utf-8")
    start = time.perf_counter()
    result = project.build()
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 20
    assert "long.txt" in file_names(project.graph)


def test_robustness_subfolders_are_read_with_relative_ids(project: Project) -> None:
    (project.corpus / "2019" / "oct").mkdir(parents=True)
    (project.corpus / "2019" / "oct" / "c.txt").write_text(KK, encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt", "2019/oct/c.txt"}


@pytest.mark.parametrize(
    "sidecar",
    ["{not json", "[1, 2]", "\"just a string\"", "\x00\x01", "[" * 100_000, json.dumps({"title": {"a": 1}})],
)
def test_robustness_broken_sidecar_is_ignored(
    project: Project, warnings_log: pytest.LogCaptureFixture, sidecar: str
) -> None:
    (project.corpus / "a.meta.json").write_text(sidecar, encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "a.txt" in file_names(project.graph)
    warned(warnings_log, "a.meta.json")


def test_robustness_sidecar_values_are_cleaned(project: Project) -> None:
    (project.corpus / "a.meta.json").write_text(
        json.dumps({"title": "Сот\u200b үкімі\n<script>", "outlet": "Aзаттық"}), encoding="utf-8"
    )
    doc = read_document(project.corpus / "a.txt")
    assert doc.title == "Сот үкімі <script>"  # one line, no ZWSP; escaping is the renderer's job
    assert doc.outlet == "Азаттық"


# ----------------------------------------------------------------------------- skipped, with a warning

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("empty.txt", b"", "empty article"),
        ("blank.txt", b" \n\t\r\n\xc2\xa0\n", "empty article"),
        ("invisible.txt", "\u200b\u200c\ufeff\u00ad".encode(), "empty article"),
        ("image.txt", PNG, "PNG image"),
        ("nul.txt", b"abc\x00\x01\x02def" * 10, "binary"),
        ("word.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "Word .docx"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("short1251.txt", "Қазақ".encode("cp1251", errors="replace") + b"\xff", "could not be recognised"),
        ("noise.txt", bytes(range(128, 256)) * 4, "could not be recognised"),
        ("only_html.txt", b"<html><head><script>alert(1)</script></head><body></body></html>", "empty article"),
    ],
)
def test_robustness_unusable_article_is_skipped(
    project: Project, warnings_log: pytest.LogCaptureFixture, name: str, data: bytes, needle: str
) -> None:
    (project.corpus / name).write_bytes(data)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "skipped", name, needle)
    with pytest.raises(CorpusError, match="--strict"):
        list(read_corpus([project.corpus], strict=True))


def test_robustness_unreadable_file_is_skipped(
    project: Project, warnings_log: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = project.corpus / "secret.txt"
    secret.write_text(KK, encoding="utf-8")
    if os.geteuid() == 0:
        # chmod 000 does not stop root (tests run as root in CI): simulate the OS refusing the read.
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        secret.chmod(0)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "skipped", "secret.txt", "cannot read (Permission denied)")


def test_robustness_symlink_outside_corpus_is_skipped(
    project: Project, warnings_log: pytest.LogCaptureFixture
) -> None:
    outside = project.root / "private.txt"
    outside.write_text("Құпия мәтін.", encoding="utf-8")
    (project.corpus / "link.txt").symlink_to(outside)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "link.txt", "outside the corpus")
    assert "Құпия" not in project.graph.read_text(encoding="utf-8")


def test_robustness_oversized_article_is_skipped(project: Project, warnings_log: pytest.LogCaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.build.corpus

    monkeypatch.setattr(graph.build.corpus, "MAX_ARTICLE_BYTES", 1000)
    (project.corpus / "huge.txt").write_text(KK * 20, encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "huge.txt", "larger than")


def test_robustness_big_article_reads_in_linear_time(tmp_path: Path) -> None:
    """8 MB of news text with the limit raised (50 MB: bench/fuzz.py --big 50): read + clean stays fast."""
    big = tmp_path / "big.txt"
    big.write_bytes((KK + "\n").encode() * (8_000_000 // len(KK.encode())))
    start = time.perf_counter()
    doc = read_document(big, max_bytes=10_000_000)
    assert time.perf_counter() - start < 10
    assert len(doc.text) > 4_000_000


def test_robustness_50_mb_article_is_skipped_at_once(project: Project, warnings_log: pytest.LogCaptureFixture) -> None:
    with open(project.corpus / "dump.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: never read, only stat()ed
    start = time.perf_counter()
    result = project.build()
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 20
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "dump.txt", "50.0 MB is larger than the 2.0 MB limit", "split it into articles")


# ----------------------------------------------------------------------------- the whole build fails


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"x.txt": b""}, "empty article"),
        ({"x.txt": PNG, "y.txt": b"   \n"}, "PNG image"),
        ({"x.txt": b"\x00" * 64}, "binary"),
    ],
)
def test_robustness_no_usable_article_fails_and_keeps_exports(
    project: Project, files: dict[str, bytes], needle: str
) -> None:
    before = project.snapshot()
    for path in project.corpus.iterdir():
        path.unlink()
    for name, data in files.items():
        (project.corpus / name).write_bytes(data)
    result = project.build()
    line = one_line_error(result)
    assert result.exit_code == 1
    assert "no readable articles" in line and needle in line
    assert project.snapshot() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("build", "{root}/missing"), "corpus path not found"),
        (("build", "{root}/notes.md"), "not a .txt article or a folder"),
        (("build", "{root}/emptydir"), "no .txt articles found"),
        (("build", "{root}/corpus", "--extractor", "nope"), "unknown extractor"),
    ],
)
def test_robustness_bad_arguments_fail_in_one_line(project: Project, args: tuple[str, ...], needle: str) -> None:
    (project.root / "notes.md").write_text("# notes\n", encoding="utf-8")
    (project.root / "emptydir").mkdir()
    before = project.snapshot()
    full = [a.format(root=project.root) for a in args] + ["-o", str(project.graph), "-s"]
    result = invoke(*full)
    assert result.exit_code == 1
    assert needle in one_line_error(result)
    assert project.snapshot() == before


def test_robustness_strict_turns_warnings_into_errors(project: Project) -> None:
    (project.corpus / "c.txt").write_bytes(RU.encode("cp1251"))
    with pytest.raises(CorpusError, match=r"c\.txt: not UTF-8, decoded as Windows-1251.*--strict"):
        list(read_corpus([project.corpus], strict=True))
    warnings: list[str] = []
    assert len(list(read_corpus([project.corpus], warnings=warnings))) == 3
    assert len(warnings) == 1 and "c.txt" in warnings[0]


def test_robustness_forced_encoding_is_used(project: Project) -> None:
    path = project.corpus / "c.txt"
    path.write_bytes("Қазақ".encode("kz1048"))  # too short to detect
    with pytest.raises(CorpusError, match="could not be recognised"):
        read_document(path)
    assert read_document(path, encoding="kz1048").text == "Қазақ"


def test_robustness_article_text_equals_evidence_offsets(project: Project) -> None:
    """Offsets refer to the cleaned text: every stored anchor text is a slice of it."""
    from graph.build.pipeline import build_graph

    (project.corpus / "c.txt").write_text(
        "\ufeff<p>Алматы аудандық соты белсенді Mарат\u200b Жанұзақовты 5 жылға соттады.</p>\r\n" + GOOD_A,
        encoding="utf-8",
    )
    result = build_graph([project.corpus])
    docs = {d.id: d for d in result.documents}
    for sentences in result.sentences.values():
        for s in sentences:
            assert docs[s.doc_id].text[s.start:s.end] == s.text
    for m in result.mentions:
        assert docs[m.doc_id].text[m.start:m.end] == m.text
    for f in result.facts:
        ev = f.evidence
        assert docs[ev.doc_id].text[ev.sentence_start:ev.sentence_start + len(ev.sentence_text)] == ev.sentence_text


def test_robustness_output_path_that_is_a_folder_fails_in_one_line(project: Project) -> None:
    before = project.snapshot()
    taken = project.root / "exports" / "taken.ttl"
    taken.mkdir()
    result = invoke("build", str(project.corpus), "-o", str(taken), "-s")
    assert result.exit_code == 1
    assert "taken.ttl" in one_line_error(result)
    assert taken.is_dir() and not any(taken.iterdir())
    assert project.snapshot() == before


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (PNG, "PNG image"),
        (b"", None),
        (RU.encode("cp1251"), "Марат"),
    ],
)
def test_robustness_mentions_command_on_bad_files(tmp_path: Path, data: bytes, expect: str | None) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    result = invoke("mentions", str(path), "--format", "table")
    if expect == "PNG image":
        assert expect in one_line_error(result)
    else:
        assert result.exit_code == 0, result.output
        assert expect is None or expect in result.output


def test_robustness_special_files_and_links_are_skipped(project: Project, warnings_log: pytest.LogCaptureFixture) -> None:
    """Looping/broken links, FIFOs (reading one would block forever), devices, linked folders."""
    outside = project.root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Құпия.", encoding="utf-8")
    c = project.corpus
    (c / "linkdir").symlink_to(outside)
    (c / "loop1.txt").symlink_to("loop2.txt")
    (c / "loop2.txt").symlink_to("loop1.txt")
    (c / "broken.txt").symlink_to("nowhere.txt")
    os.mkfifo(c / "fifo.txt")
    (c / "zero.txt").symlink_to("/dev/zero")
    (c / "folder.txt").mkdir()
    (c / "folder.txt" / "inner.txt").write_text(KK, encoding="utf-8")
    (c / "inside.txt").symlink_to("a.txt")  # a link inside the corpus is fine
    start = time.perf_counter()
    result = project.build()
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 30
    assert file_names(project.graph) == {"a.txt", "b.txt", "folder.txt/inner.txt", "inside.txt"}
    warned(warnings_log, "linkdir", "not followed")
    warned(warnings_log, "loop1.txt", "looping symlink")
    warned(warnings_log, "broken.txt", "broken")
    warned(warnings_log, "fifo.txt", "not a regular file")
    warned(warnings_log, "zero.txt", "outside the corpus")
    # Counting articles for the progress bar walks the folder too: each warning appears once.
    assert sum("linkdir" in m for m in messages(warnings_log)) == 1
