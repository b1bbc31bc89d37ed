"""Incremental builds: cache reuse, exact equality with cold builds, drops, parallel analysis."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from graph.build import incremental
from graph.build.corpus import read_corpus
from graph.build.incremental import _load_cached, _RecordingSet, build_store
from graph.build.pipeline import analyse_document, build_graph
from graph.errors import KazkgError
from graph.rdf.oxstore import ENTITIES_GRAPH_IRI as ENTITIES
from graph.rdf.oxstore import KgStore

EXTRA = "Белсенді Дина Омарова Шымкентте Ерлан Қалиевті қолдап, аштық жариялады.\n"


def _nquads(store: Path) -> list[bytes]:
    with KgStore.open(store, read_only=True) as s:
        return s.dump("nquads").splitlines()


def _reference(corpus: Path) -> list[bytes]:
    """N-Quads of the lead's in-memory pipeline (rdflib) for the same corpus."""
    ds = build_graph([corpus]).dataset
    return sorted(line.encode() for line in ds.serialize(format="nquads").splitlines() if line.strip())


def test_incremental_cold_build_equals_pipeline(tiny_corpus: Path, tmp_path: Path) -> None:
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert (report.articles, report.analysed, report.cached, report.written) == (2, 2, 0, 2)
    assert sorted(_nquads(tmp_path / "store")) == _reference(tiny_corpus)
    with KgStore.open(tmp_path / "store", read_only=True) as s:
        assert set(s.manifest()) == {"a.txt", "b.txt"}


def test_incremental_rebuild_reuses_cache_and_writes_nothing(tiny_corpus: Path, tmp_path: Path) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    before = _nquads(tmp_path / "store")
    again = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert (again.analysed, again.cached, again.written, again.unchanged, again.dropped) == (0, 2, 0, 2, 0)
    assert _nquads(tmp_path / "store") == before


def test_incremental_changed_article_matches_cold_build(tiny_corpus: Path, tmp_path: Path) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    with open(tiny_corpus / "b.txt", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.analysed >= 1 and report.written >= 1
    cold = build_store([tiny_corpus], tmp_path / "cold", jobs=1)
    assert cold.analysed == 2
    assert _nquads(tmp_path / "store") == _nquads(tmp_path / "cold")


def test_incremental_paths_define_the_build(tiny_corpus: Path, tmp_path: Path) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    (tiny_corpus / "a.txt").unlink()
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.dropped == 1
    assert sorted(_nquads(tmp_path / "store")) == _reference(tiny_corpus)
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text(EXTRA, encoding="utf-8")
    report = build_store([other], tmp_path / "store", jobs=1)
    assert report.dropped == 1
    with KgStore.open(tmp_path / "store", read_only=True) as s:
        assert s.manifest() == {"c.txt": next(iter(read_corpus([other]))).sha256}


def test_incremental_recording_set_matches_pipeline(tiny_corpus: Path) -> None:
    docs = list(read_corpus([tiny_corpus]))
    known = frozenset({"Ерлан", "Қалиев", "Алматы"})
    recorder = _RecordingSet(known)
    for doc in docs:
        sentences, mentions, _lookups = incremental._analyse(doc, recorder)
        assert (sentences, mentions) == tuple(map(list, analyse_document(doc, known)))
    assert "Ерлан" in recorder and recorder.log["Ерлан"] is True
    assert "Жоқ" not in recorder and recorder.log["Жоқ"] is False


def test_incremental_cache_entry_needs_same_version_and_answers(tiny_corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "entry.pkl"
    doc = next(iter(read_corpus([tiny_corpus])))
    sentences, mentions = analyse_document(doc)
    entry = {"version": "v1", "sentences": sentences, "mentions": mentions,
             "lookups": {"Қалиев": True, "Жоқ": False}}
    incremental._save_entry(path, entry, doc.id)
    # Stored as tuples; loaded back equal, tokens included.
    loaded = _load_cached(path, "v1", frozenset({"Қалиев"}))
    assert loaded == (sentences, mentions)
    assert [s.tokens for s in loaded[0]] == [s.tokens for s in sentences] and sentences[0].tokens
    path.write_bytes(pickle.dumps(entry))  # the older format (dataclasses): analysed again
    assert _load_cached(path, "v1", frozenset({"Қалиев"})) is None
    incremental._save_entry(path, entry, doc.id)
    assert _load_cached(path, "v2", frozenset({"Қалиев"})) is None  # code changed
    assert _load_cached(path, "v1", frozenset()) is None  # a looked-up stem is no longer in the corpus
    assert _load_cached(path, "v1", frozenset({"Қалиев", "Жоқ"})) is None  # a new one appeared
    path.write_bytes(b"not a pickle")
    assert _load_cached(path, "v1", frozenset()) is None
    assert _load_cached(tmp_path / "missing.pkl", "v1", frozenset()) is None


def test_incremental_version_change_reanalyses_everything(tiny_corpus: Path, tmp_path: Path, monkeypatch) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    monkeypatch.setattr(incremental, "pipeline_version", lambda: "other-code")
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.analysed == 2 and report.written == 0
    cached = list((tmp_path / "store" / "cache").glob("*/*.pkl"))
    assert len(cached) == 2  # stale entries are replaced, not accumulated


def test_incremental_pipeline_version_covers_analysis_modules() -> None:
    root = Path(incremental.__file__).parent.parent
    names = {p.name for p in incremental._module_closure(root, incremental._ANALYSIS_ROOTS)}
    assert {"sentences.py", "mentions.py", "tokens.py", "model.py"} <= names
    assert "cli.py" not in names and "incremental.py" not in names
    assert len(incremental.pipeline_version()) == 16


def test_incremental_parallel_equals_serial(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    people = ["Ерлан Қалиев", "Асхат Жексебаев", "Дина Омарова", "Серік Жахин"]
    for i in range(10):
        who = people[i % 4]
        (corpus / f"{i:02d}.txt").write_text(
            f"Алматы аудандық соты белсенді {who}ті {i + 2} жылға соттады.\n{EXTRA}", encoding="utf-8")
    serial = build_store([corpus], tmp_path / "serial", jobs=1)
    parallel = build_store([corpus], tmp_path / "parallel", jobs=2)
    assert serial.analysed == parallel.analysed == 10
    assert _nquads(tmp_path / "serial") == _nquads(tmp_path / "parallel")


def test_incremental_unknown_extractor(tiny_corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(KazkgError, match="unknown extractor 'nope'"):
        build_store([tiny_corpus], tmp_path / "store", extractor="nope")


def test_incremental_progress_called_per_article(tiny_corpus: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    build_store([tiny_corpus], tmp_path / "store", jobs=1, progress=lambda d: seen.append(d.id))
    build_store([tiny_corpus], tmp_path / "store", jobs=1, progress=lambda d: seen.append(d.id))
    assert sorted(seen) == ["a.txt", "a.txt", "b.txt", "b.txt"]


def test_incremental_unchanged_build_is_skipped_with_its_counts(tiny_corpus: Path, tmp_path: Path) -> None:
    first = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    again = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert set(again.timings) == {"read"}  # nothing analysed, resolved or written
    assert (again.sentences, again.entities, again.facts, again.triples) == \
        (first.sentences, first.entities, first.facts, first.triples)
    with KgStore.open(tmp_path / "store") as s:
        assert s.last_build["fingerprint"]
        s.drop_article("a.txt")  # a write outside a build forgets the build record
        assert s.last_build is None
    repaired = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert repaired.written == 1 and repaired.analysed == 0
    assert sorted(_nquads(tmp_path / "store")) == _reference(tiny_corpus)


def test_incremental_cold_build_streams_slices_and_recovers(tiny_corpus: Path, tmp_path: Path,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(incremental, "_STREAM_SLICE", 1)  # every article is its own bulk-load slice

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(KgStore, "commit_lines", crash)
        with pytest.raises(KeyboardInterrupt):
            build_store([tiny_corpus], tmp_path / "store", jobs=1)
    with KgStore.open(tmp_path / "store", read_only=True) as s, pytest.raises(KazkgError, match="incomplete"):
        s.query("ASK {}")  # a half-loaded store is never queried
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.written == 2
    assert sorted(_nquads(tmp_path / "store")) == _reference(tiny_corpus)
    cold = build_store([tiny_corpus], tmp_path / "cold", jobs=1)
    assert cold.written == 2
    assert _nquads(tmp_path / "cold") == _nquads(tmp_path / "store")


def test_incremental_capitalised_words_are_the_capitalised_tokens(tiny_corpus: Path) -> None:
    from graph.build.pipeline import capitalised_words
    from graph.lang.tokens import tokenize

    docs = list(read_corpus([tiny_corpus]))
    text = docs[0].text + "\n«Көше партиясы» мен ҚР ІІМ-і 2021-жылы, Нұр-Сұлтан… О’Брайен?!"
    assert capitalised_words(text) == {t.text for t in tokenize(text) if t.text[:1].isupper()}
    assert {"Нұр-Сұлтан", "О’Брайен", "ҚР"} <= capitalised_words(text)


def test_incremental_state_survives_and_is_rebuilt_when_lost(tiny_corpus: Path, tmp_path: Path) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    state = tmp_path / "store" / "cache" / incremental.STATE_FILE
    assert state.exists()
    state.write_bytes(b"garbage")  # a broken state only costs time
    with open(tiny_corpus / "b.txt", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.analysed == 1  # a.txt still comes from its cache entry
    build_store([tiny_corpus], tmp_path / "cold", jobs=1)
    assert _nquads(tmp_path / "store") == _nquads(tmp_path / "cold")


def test_incremental_moved_corpus_reuses_state_with_new_paths(tiny_corpus: Path, tmp_path: Path) -> None:
    build_store([tiny_corpus], tmp_path / "store", jobs=1)
    moved = tmp_path / "moved"
    tiny_corpus.rename(moved)
    with open(moved / "b.txt", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    seen: list[str] = []
    report = build_store([moved], tmp_path / "store", jobs=1, progress=lambda d: seen.append(d.path))
    assert report.analysed == 1 and report.dropped == 0
    assert sorted(seen) == [str(moved / "a.txt"), str(moved / "b.txt")]
    build_store([moved], tmp_path / "cold", jobs=1)
    assert _nquads(tmp_path / "store") == _nquads(tmp_path / "cold")


def test_incremental_new_bare_word_reanalyses_the_articles_that_asked(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Сот белсенді Тоқтаровты 5 жылға соттады.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Құқық қорғаушылар пикет өткізді.\n", encoding="utf-8")
    build_store([corpus], tmp_path / "store", jobs=1)
    # a.txt's analysis asked whether "Тоқтаров" occurs bare; now it does.
    (corpus / "c.txt").write_text("Тоқтаров мәлімдеме жасады.\n", encoding="utf-8")
    report = build_store([corpus], tmp_path / "store", jobs=1)
    assert (report.analysed, report.cached) == (2, 1)  # c.txt and a.txt, not b.txt
    build_store([corpus], tmp_path / "cold", jobs=1)
    assert _nquads(tmp_path / "store") == _nquads(tmp_path / "cold")
    (corpus / "c.txt").unlink()  # and when the word vanishes again
    report = build_store([corpus], tmp_path / "store", jobs=1)
    assert (report.analysed, report.dropped) == (1, 1)


def test_incremental_surname_resolved_in_another_article_matches_pipeline(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады.\n",
                                  encoding="utf-8")
    # b.txt names him by surname only: its local key is ("Person", "Қалиев"), which the
    # merge maps to the full name, so its facts are extracted again with the final key.
    (corpus / "b.txt").write_text("Құқық қорғаушылар Қалиевті саяси тұтқын деп таныды.\n", encoding="utf-8")
    build_store([corpus], tmp_path / "store", jobs=1)
    quads = _nquads(tmp_path / "store")
    assert sorted(quads) == _reference(corpus)
    assert any(b"listedBy" in q and b"erlan-qaliev" in q for q in quads)


def _count(store: Path, query: str) -> int:
    with KgStore.open(store, read_only=True) as s:
        return int(s.query(query).rows[0][0].value)


def test_incremental_truthy_edge_is_stored_once_in_the_entities_graph(tiny_corpus: Path, tmp_path: Path) -> None:
    # a.txt and c.txt both say that human-rights defenders list Qaliyev as a political prisoner
    listing = (tiny_corpus / "a.txt").read_text(encoding="utf-8").splitlines()[1] + "\n"
    (tiny_corpus / "c.txt").write_text(listing, encoding="utf-8")
    store = tmp_path / "store"
    build_store([tiny_corpus], store, jobs=1)
    edges = "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:listedBy ?b }"
    in_articles = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a kg:listedBy|kg:protestedFor|kg:sentencedBy ?b } "
                   f'FILTER(?g != <{ENTITIES}>) }}')
    listings = "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Listing }"
    assert _count(store, listings) == 2  # one event per article, each with its own provenance
    assert _count(store, edges) == 1  # but the edge is one triple of the union
    assert _count(store, in_articles) == 0
    assert sorted(_nquads(store)) == _reference(tiny_corpus)
    # The edge stays while one article still states it, and goes with the last one.
    (tiny_corpus / "c.txt").unlink()
    build_store([tiny_corpus], store, jobs=1)
    assert (_count(store, edges), _count(store, listings)) == (1, 1)
    (tiny_corpus / "a.txt").write_text("Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады.\n",
                                       encoding="utf-8")
    build_store([tiny_corpus], store, jobs=1)
    assert _count(store, edges) == 0
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:sentencedBy ?b }") == 1
    assert sorted(_nquads(store)) == _reference(tiny_corpus)


def test_incremental_entity_lines_are_reused_only_for_unchanged_entities() -> None:
    from graph.model import Entity

    state = incremental._State("t")
    qaliyev = Entity("Person", "Ерлан Қалиев", ("Қалиевті",))
    court = Entity("Court", "Алматы аудандық соты")
    first = incremental._entity_lines(state, [qaliyev, court])
    assert sorted(first) == sorted(incremental.nt_lines(incremental.entity_triples([qaliyev, court])))
    # A new surface form changes that entity's lines; the court's are reused as they were.
    grown = Entity("Person", "Ерлан Қалиев", ("Қалиевті", "Қалиевке"))
    second = incremental._entity_lines(state, [grown, court])
    assert sorted(second) == sorted(incremental.nt_lines(incremental.entity_triples([grown, court])))
    assert any("Қалиевке" in line for line in second) and not any("Қалиевке" in line for line in first)
    assert len(state.entity_lines) == 2  # the old form of the person is forgotten


def test_incremental_triple_count_is_the_number_of_stored_triples(tiny_corpus: Path, tmp_path: Path) -> None:
    # Two defendants in one sentence: two events share one evidence span.
    (tiny_corpus / "c.txt").write_text(
        "Алматы аудандық соты белсенділер Ерлан Қалиев пен Дина Омароваға 5 жылдан бас бостандығынан айыру"
        " жазасын тағайындады.\n", encoding="utf-8")
    report = build_store([tiny_corpus], tmp_path / "store", jobs=1)
    assert report.facts >= 4
    with KgStore.open(tmp_path / "store", read_only=True) as s:
        assert report.triples == len(s.dump("nquads").splitlines())
