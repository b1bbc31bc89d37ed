"""Incremental, parallel builds into a :class:`~graph.oxstore.KgStore` (or a remote SPARQL store).

Per-article analysis (sentences + mentions) is the expensive part, so it is
cached under ``<store>/cache/`` keyed by the article's content hash and a
pipeline version string (a digest of the code and data that produce it). Entity
merging and fact extraction run over all articles on every build (they are
cheap and cross-article), the RDF of every article is regenerated, and only the
named graphs whose triples changed are rewritten, in one transaction.

The analysis of one article also depends on the rest of the corpus: the mention
normaliser asks whether a stem was seen bare elsewhere (``known``). The cache
records every such question with its answer, and an entry is reused only when
the new corpus gives the same answers, so an incremental build writes exactly
what a cold build would.

The paths given define the build: articles in the store that are not among
them are dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import pickle
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from .corpus import read_corpus
from .errors import KazkgError
from .model import Document, Entity, Fact, Mention, Sentence
from .oxstore import KgStore, NTriplesWriter, nt_lines, triples_digest

log = logging.getLogger(__name__)

CACHE_DIR = "cache"
# Modules whose code produces sentences and mentions; the modules they import
# (transitively, inside the package) are found by reading their imports.
_ANALYSIS_ROOTS = ("sentences.py", "mentions.py", "corpus.py", "textclean.py")
_ANALYSIS_DATA = ("data/*", "models/*")
_version_cache: str | None = None


@dataclass
class BuildReport:
    """What an incremental build did, with per-stage wall times in seconds."""

    articles: int = 0
    analysed: int = 0
    cached: int = 0
    written: int = 0
    unchanged: int = 0
    dropped: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI."""
        return (f"{self.articles} articles ({self.analysed} analysed, {self.cached} cached), "
                f"{self.sentences} sentences, {self.entities} entities, {self.facts} facts; "
                f"{self.written} graphs written, {self.unchanged} unchanged, {self.dropped} dropped"
                + (f"; {len(self.warnings)} warnings" if self.warnings else ""))


def pipeline_version() -> str:
    """Digest of the code and data that produce sentences and mentions.

    Covers the analysis modules, every package module they import (followed
    through their import statements) and the package's data and model files,
    so editing entity merging or the CLI does not throw the cache away.
    """
    global _version_cache
    if _version_cache is None:
        from . import __version__

        root = Path(__file__).resolve().parent
        files = set(_module_closure(root, _ANALYSIS_ROOTS))
        files |= {p for pattern in _ANALYSIS_DATA for p in root.glob(pattern) if p.is_file()}
        h = hashlib.sha256(f"kazkg {__version__}\n".encode())
        for path in sorted(files):
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
        _version_cache = h.hexdigest()[:16]
    return _version_cache


def _module_closure(root: Path, names: Iterable[str]) -> list[Path]:
    """Package modules reachable from ``names`` through ``import`` statements."""
    import ast

    seen: set[Path] = set()
    todo = [root / n for n in names]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                if node.level == 0 and not mod.startswith("graph"):
                    continue
                parts = mod.split(".")[1:] if node.level == 0 else (mod.split(".") if mod else [])
                if parts:
                    todo.append(root.joinpath(*parts).with_suffix(".py"))
                for alias in node.names:  # `from . import x` / `from graph import x`
                    todo.append(root.joinpath(*parts, alias.name).with_suffix(".py"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("graph."):
                        todo.append(root.joinpath(*alias.name.split(".")[1:]).with_suffix(".py"))
    return sorted(seen)


# --------------------------------------------------------------------------- analysis


class _RecordingSet(frozenset):
    """A frozenset that remembers every membership question asked of it."""

    log: dict[str, bool]

    def __new__(cls, items: Iterable[str] = ()) -> Self:
        obj = super().__new__(cls, items)
        obj.log = {}
        return obj

    def __contains__(self, key: object) -> bool:
        found = frozenset.__contains__(self, key)
        if isinstance(key, str):
            self.log[key] = found
        return found


def _analyse(doc: Document, known: _RecordingSet) -> tuple[list[Sentence], list[Mention], dict[str, bool]]:
    """Same as :func:`graph.pipeline.analyse_document`, recording what ``known`` answered."""
    from .mentions import find_mentions
    from .sentences import split_sentences

    known.log = {}
    sentences = split_sentences(doc)
    mentions = [m for s in sentences for m in find_mentions(s, known)]
    return sentences, mentions, dict(known.log)


_worker_known: _RecordingSet | None = None


def _init_worker(known: frozenset[str]) -> None:
    global _worker_known
    _worker_known = _RecordingSet(known)


def _analyse_in_worker(doc: Document) -> tuple[str, list[Sentence], list[Mention], dict[str, bool]]:
    assert _worker_known is not None
    return (doc.id, *_analyse(doc, _worker_known))


def _cache_path(cache: Path, doc: Document) -> Path:
    key = hashlib.sha256(f"{doc.id}\0{doc.sha256}".encode()).hexdigest()
    return cache / key[:2] / f"{key}.pkl"


def _load_cached(path: Path, version: str, known: frozenset[str]) -> tuple[list[Sentence], list[Mention]] | None:
    try:
        with open(path, "rb") as fh:
            entry = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as err:  # noqa: BLE001 - a truncated or foreign file: just analyse again
        log.debug("ignoring cache file %s: %s", path, err)
        return None
    if not isinstance(entry, dict) or entry.get("version") != version:
        return None
    if any((key in known) != answer for key, answer in entry["lookups"].items()):
        return None
    return entry["sentences"], entry["mentions"]


def _save_cached(path: Path, version: str, sentences: list[Sentence], mentions: list[Mention],
                 lookups: dict[str, bool]) -> None:
    from .store import write_atomic

    # The cache is an optimisation: failing to write it must not fail the build.
    data = pickle.dumps({"version": version, "sentences": sentences, "mentions": mentions, "lookups": lookups},
                        protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write_atomic(path, data)
    except OSError as err:
        log.warning("could not cache the analysis of %s: %s", path.name, err)


def analyse_corpus(
    documents: Sequence[Document],
    cache: Path | None,
    *,
    jobs: int | None = None,
    progress: Callable[[Document], None] | None = None,
    report: BuildReport | None = None,
) -> dict[str, tuple[list[Sentence], list[Mention]]]:
    """Sentences and mentions of every document, from the cache when still valid.

    Args:
        documents: the whole corpus of the build (``known`` is computed from it).
        cache: folder of cached analyses, or None for no cache.
        jobs: worker processes for the documents to analyse (default: all cores).
        progress: called once per document.
        report: counts ``analysed``/``cached`` into it.

    Returns:
        ``{doc_id: (sentences, mentions)}``.
    """
    from .pipeline import bare_forms

    known = bare_forms(documents)
    version = pipeline_version()
    out: dict[str, tuple[list[Sentence], list[Mention]]] = {}
    todo: list[Document] = []
    for doc in documents:
        hit = _load_cached(_cache_path(cache, doc), version, known) if cache else None
        if hit is None:
            todo.append(doc)
        else:
            out[doc.id] = hit
            if progress:
                progress(doc)
    jobs = max(1, jobs or os.cpu_count() or 1)
    by_id = {doc.id: doc for doc in todo}
    results: Iterable[tuple[str, list[Sentence], list[Mention], dict[str, bool]]]
    if jobs > 1 and len(todo) >= 4 * jobs:
        chunk = max(1, min(64, len(todo) // (jobs * 8)))
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(known,))
        with pool:
            results = list(_with_progress(pool.map(_analyse_in_worker, todo, chunksize=chunk), by_id, progress))
    else:
        recorder = _RecordingSet(known)
        results = _with_progress(((d.id, *_analyse(d, recorder)) for d in todo), by_id, progress)
    for doc_id, sentences, mentions, lookups in results:
        out[doc_id] = (sentences, mentions)
        if cache:
            _save_cached(_cache_path(cache, by_id[doc_id]), version, sentences, mentions, lookups)
    if cache:
        _prune_cache(cache, {_cache_path(cache, d) for d in documents})
    if report is not None:
        report.analysed += len(todo)
        report.cached += len(documents) - len(todo)
    return out


def _with_progress(results: Iterable[Any], by_id: dict[str, Document],
                   progress: Callable[[Document], None] | None) -> Iterable[Any]:
    for item in results:
        if progress:
            progress(by_id[item[0]])
        yield item


def _prune_cache(cache: Path, keep: set[Path]) -> None:
    """Delete cached analyses of articles no longer in the corpus (or older versions of them)."""
    if not cache.exists():
        return
    for path in cache.glob("*/*.pkl"):
        if path not in keep:
            path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- RDF


class _Sink:
    """Collects the triples :mod:`graph.rdf` writers add (an rdflib Graph is 10× slower here)."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple[Any, Any, Any]] = []

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.triples.append(triple)


def article_triples(
    doc: Document,
    sentences: Sequence[Sentence],
    entity_keys: Iterable[tuple[str, str]],
    facts: Iterable[Fact],
) -> list[tuple[Any, Any, Any]]:
    """Triples of one article's named graph (same as :func:`graph.rdf.to_dataset` writes)."""
    from .rdf import add_article, add_fact

    sink = _Sink()
    node = add_article(sink, doc, sentences, entity_keys)  # type: ignore[arg-type]
    for fact in facts:
        add_fact(sink, fact, node)  # type: ignore[arg-type]
    return sink.triples


def entity_triples(entities: Iterable[Entity]) -> list[tuple[Any, Any, Any]]:
    """Triples of the merged-entities graph."""
    from .rdf import add_entities

    sink = _Sink()
    add_entities(sink, entities)  # type: ignore[arg-type]
    return sink.triples


# --------------------------------------------------------------------------- build


def build_store(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    jobs: int | None = None,
    extractor: str = "rules",
    progress: Callable[[Document], None] | None = None,
    endpoint: str | None = None,
    graph_store: str | None = None,
    lock_timeout: float = 30.0,
    strict: bool = False,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> BuildReport:
    """Build (or update) the store of a corpus, re-analysing only new or changed articles.

    Args:
        paths: corpus folders or ``.txt`` files; they define the whole build.
        store_path: store folder (also holds the analysis cache, even for an endpoint).
        jobs: worker processes for analysis (default: all cores).
        extractor: fact extractor name in :data:`graph.pipeline.EXTRACTORS`.
        progress: called once per article.
        endpoint: SPARQL query URL of a remote store to write to instead of the local one.
        graph_store: Graph Store Protocol URL of that store (default: derived from ``endpoint``).
        lock_timeout: seconds to wait for another build of the same store.
        strict: fail on any skipped article or reading warning.
        encoding: force a codec for every article instead of detecting one.
        max_bytes: skip articles larger than this (see :mod:`graph.corpus`).

    Returns:
        A :class:`BuildReport`.

    Raises:
        KazkgError: unknown extractor, unreadable corpus, store locked or unreachable.
    """
    from .entities import resolve_entities
    from .pipeline import EXTRACTORS, extract_all

    if extractor not in EXTRACTORS:
        raise KazkgError(f"unknown extractor {extractor!r}: choose one of {', '.join(sorted(EXTRACTORS))}")
    report = BuildReport()
    clock = _Clock(report.timings, report.peak_rss_mb)
    store_path = Path(store_path)
    if endpoint:
        from .endpoint import RemoteStore

        target: Any = RemoteStore.open(endpoint, store_path, graph_store=graph_store, timeout=lock_timeout)
    else:
        target = KgStore.open(store_path, timeout=lock_timeout)
    try:
        documents = list(read_corpus(paths, strict=strict, warnings=report.warnings, encoding=encoding,
                                     max_bytes=max_bytes))
        report.articles = len(documents)
        fingerprint = _build_fingerprint(documents, extractor)
        clock("read")
        last = target.last_build or {}
        if last.get("fingerprint") == fingerprint:
            # Same articles, same code: the store already holds exactly this build.
            for doc in documents:
                if progress:
                    progress(doc)
            for name in _COUNTS:
                setattr(report, name, last.get(name, 0))
            report.cached = report.unchanged = len(documents)
            log.info("build: nothing changed since the last build of %s", store_path)
            return report
        analyses = analyse_corpus(documents, store_path / CACHE_DIR, jobs=jobs, progress=progress, report=report)
        clock("analyse")
        sentences = {doc.id: analyses[doc.id][0] for doc in documents}
        mentions = [m for doc in documents for m in analyses[doc.id][1]]
        all_sentences = [s for doc in documents for s in sentences[doc.id]]
        entities, mention_entity = resolve_entities(mentions, all_sentences)
        clock("entities")
        facts = extract_all(extractor, [d.id for d in documents], sentences, mentions, mention_entity)
        clock("facts")
        report.sentences, report.mentions = len(all_sentences), len(mentions)
        report.entities, report.facts = len(entities), len(facts)
        # Keep only what the RDF needs, so the analyses (tokens, mentions, texts) can be
        # freed before the triples are generated: that halves the peak memory.
        keys_by_doc: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for mention, key in mention_entity.items():
            keys_by_doc[mention.doc_id].add(key)
        counts = {doc_id: len(s) for doc_id, s in sentences.items()}
        documents = [dataclasses.replace(doc, text="") for doc in documents]
        del analyses, sentences, mentions, all_sentences, mention_entity
        _write(target, documents, counts, entities, keys_by_doc, facts, report, clock, fingerprint)
    finally:
        target.close()
    log.info("build: %s", report.summary())
    return report


def _write(target: Any, documents: Sequence[Document], counts: dict[str, int],
           entities: Sequence[Entity], keys_by_doc: dict[str, set[tuple[str, str]]],
           facts: Sequence[Fact], report: BuildReport, clock: _Clock, fingerprint: str) -> None:
    facts_by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        facts_by_doc[fact.evidence.doc_id].append(fact)
    conv = NTriplesWriter()
    old = target.records()
    rdf_version = _rdf_version()
    changed: dict[str, tuple[str, list[str], str]] = {}
    extra: dict[str, dict[str, Any]] = {}
    # A cold build into an empty local store streams slices to the bulk loader
    # instead of holding the triples of every article until the end.
    streaming = hasattr(target, "bulk_append") and target.is_empty()
    pending = 0
    written = 0
    for doc in documents:
        keys, doc_facts = sorted(keys_by_doc[doc.id]), facts_by_doc[doc.id]
        # Generating triples costs more than everything else of a no-change rebuild,
        # so an article whose inputs are unchanged keeps its graph without regenerating it.
        inputs = _fingerprint(rdf_version, doc, counts[doc.id], keys, doc_facts)
        rec = old.get(doc.id)
        if rec and rec.get("inputs") == inputs and rec.get("digest"):
            report.triples += rec.get("triples", 0)
            continue
        # add_article only counts the sentences: a range stands in for them
        lines = nt_lines(article_triples(doc, range(counts[doc.id]), keys, doc_facts), conv)
        report.triples += len(lines)
        digest = triples_digest(lines)
        extra[doc.id] = {"inputs": inputs, "triples": len(lines)}
        if not rec or rec.get("digest") != digest:
            changed[doc.id] = (doc.sha256, lines, digest)
            pending += len(lines)
        if streaming and pending >= _STREAM_SLICE:
            streaming = target.bulk_append(changed, extra)
            if streaming:
                written += len(changed)
                changed, extra, pending = {}, {}, 0
    ent_lines = nt_lines(entity_triples(entities), conv)
    report.triples += len(ent_lines)
    new_entities = ent_lines if triples_digest(ent_lines) != target.entities_digest else None
    clock("rdf")
    present = {doc.id for doc in documents}
    drop = sorted(set(target.manifest()) - present)
    repair = not target.clean
    build = {"fingerprint": fingerprint, **{name: getattr(report, name) for name in _COUNTS}}
    target.commit_lines(changed, drop, new_entities, prune=repair, extra=extra, build=build)
    report.written = written + len(changed)
    report.unchanged = len(documents) - report.written
    report.dropped = len(drop)
    clock("write")


_STREAM_SLICE = 100_000  # triples per bulk-load slice of a cold build
_COUNTS = ("sentences", "mentions", "entities", "facts", "triples")


def _build_fingerprint(documents: Sequence[Document], extractor: str) -> str:
    """Digest of a whole build's inputs: every article (content and metadata), all package
    code and data, and the extractor. Equal fingerprints give equal stores."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{extractor}\n{pipeline_version()}\n".encode())
    files = [p for pattern in ("*.py", "data/*", "models/*") for p in root.glob(pattern) if p.is_file()]
    files += [p for p in (root.parent / "ontology").glob("*") if p.is_file()]
    for path in sorted(files):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for doc in documents:
        h.update(repr((doc.id, doc.sha256, doc.title, doc.url, doc.published, doc.outlet)).encode("utf-8"))
    return h.hexdigest()


def _rdf_version() -> str:
    """Digest of the code that maps facts to RDF (a change there regenerates every graph)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in (root / "rdf.py", root / "iri.py", root.parent / "ontology" / "__init__.py"):
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _fingerprint(version: str, doc: Document, n_sentences: int, keys: list[tuple[str, str]],
                 facts: Sequence[Fact]) -> str:
    """Digest of everything an article's named graph is made from."""
    h = hashlib.sha256()
    head = (version, doc.id, doc.sha256, doc.title, doc.url, doc.published, doc.outlet, n_sentences, keys)
    h.update(repr(head).encode("utf-8"))
    for fact in facts:
        h.update(repr((fact.kind, fact.roles, fact.evidence)).encode("utf-8"))
    return h.hexdigest()[:32]


class _Clock:
    """Accumulates wall time per stage, and the process's peak RSS at the end of each stage."""

    def __init__(self, into: dict[str, float], rss: dict[str, float] | None = None) -> None:
        self.into = into
        self.rss = rss if rss is not None else {}
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        import resource

        now = time.perf_counter()
        self.into[stage] = round(self.into.get(stage, 0.0) + now - self.last, 4)
        self.rss[stage] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        self.last = now
