"""Incremental, parallel builds into a :class:`~graph.rdf.oxstore.KgStore` (or a remote SPARQL store).

Everything that can be done per article is done per article, in worker
processes: sentences and mentions, entity resolution of the article alone
(:func:`graph.annotate.entities.resolve_local`), fact extraction with those local keys,
and the article's named graph as N-Triples. The main process only merges
entities across articles (:func:`graph.annotate.entities.merge_entities`) and redoes the
few articles whose keys the merge changed (a lone surname whose full name is in
another article, an abbreviation spelled out elsewhere); the rules read labels,
so their facts are extracted again with the final keys.

Two caches live under ``<store>/cache/``:

* one file per article (keyed by its name and content hash) with its
  sentences, mentions, local entities and local facts, tagged with the
  versions of the code that made them;
* ``state.pkl``, what the last build knew of every article without opening it:
  its read key (name, bytes, sidecar, encoding), capitalised words, the stems
  its analysis asked about, a summary of its local entities and its graph's
  inputs, plus the corpus-wide word counts and entity index kept as sums.

A build therefore reads (and hashes) every file, but decodes, analyses and
unpickles only new or changed ones. The analysis of one article also depends
on the rest of the corpus: the mention normaliser asks whether a stem was seen
bare elsewhere (``known``). Every such question is recorded, and an article is
analysed again when a word it asked about appeared in or vanished from the
corpus, so an incremental build writes exactly what a cold build would.

The paths given define the build: articles in the store that are not among
them are dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import pickle
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from graph.build.corpus import read_corpus
from graph.errors import CorpusError, KazkgError
from graph.model import Document, Entity, Fact, Mention, Sentence
from graph.rdf.oxstore import KgStore, NTriplesWriter, nt_lines, triples_digest

log = logging.getLogger(__name__)

CACHE_DIR = "cache"
# Modules whose code produces sentences and mentions; the modules they import
# (transitively, inside the package) are found by reading their imports.
_ANALYSIS_ROOTS = ("lang/sentences.py", "annotate/mentions.py", "build/corpus.py", "lang/textclean.py")
_ANALYSIS_DATA = ("lang/data/*", "ner/models/*")
_PACKAGE = Path(__file__).resolve().parent.parent  # graph/
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
        from graph import __version__

        root = _PACKAGE
        files = set(_module_closure(root, _ANALYSIS_ROOTS))
        files |= {p for pattern in _ANALYSIS_DATA for p in root.glob(pattern) if p.is_file()}
        _version_cache = _files_digest(f"kazkg {__version__}\n", files)
    return _version_cache


def _files_digest(head: str, files: Iterable[Path]) -> str:
    """Short sha256 of ``head`` and each file's path (below the project folder) and bytes."""
    top = _PACKAGE.parent
    h = hashlib.sha256(head.encode())
    for path in sorted(files):
        h.update(path.relative_to(top).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


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
                if node.level > 1:  # `from ..x import y` inside a subpackage
                    parts = list(path.parent.relative_to(root).parts[: 1 - node.level]) + parts
                elif node.level == 1:
                    parts = list(path.parent.relative_to(root).parts) + parts
                if parts:
                    todo.append(root.joinpath(*parts).with_suffix(".py"))
                    todo.append(root.joinpath(*parts, "__init__.py"))
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
    """:func:`graph.build.pipeline.analyse_document`, recording what ``known`` answered (the cache
    entry is reused only while those answers stay the same)."""
    from graph.build.pipeline import analyse_document

    known.log = {}
    sentences, mentions = analyse_document(doc, known)
    return sentences, mentions, dict(known.log)


def _cache_path(cache: Path, doc: Document) -> Path:
    key = hashlib.sha256(f"{doc.id}\0{doc.sha256}".encode()).hexdigest()
    return cache / key[:2] / f"{key}.pkl"


_ENTRY_FORMAT = 2  # sentences and mentions stored as tuples, tokens rebuilt on load


def _load_entry(path: Path) -> dict | None:
    """A cache entry with its sentences (tokens included) and mentions rebuilt; None if unusable."""
    from graph.lang.tokens import tokenize

    try:
        with open(path, "rb") as fh:
            entry = pickle.load(fh)
        if not isinstance(entry, dict) or entry.get("format") != _ENTRY_FORMAT:
            return None
        doc_id = entry["doc"]
        # Exactly what split_sentences builds: the tokens are those of the sentence text.
        entry["sentences"] = [Sentence(doc_id, i, a, b, text, tuple(tokenize(text, a)))
                              for i, a, b, text in entry["sentences"]]
        entry["mentions"] = [Mention(doc_id, *fields) for fields in entry["mentions"]]
    except FileNotFoundError:
        return None
    except Exception as err:  # noqa: BLE001 - a truncated or foreign file: just analyse again
        log.debug("ignoring cache file %s: %s", path, err)
        return None
    return entry


def _valid(entry: dict | None, version: str, known: frozenset[str]) -> bool:
    if entry is None or entry.get("version") != version:
        return False
    return all((key in known) == answer for key, answer in entry["lookups"].items())


def _load_cached(path: Path, version: str, known: frozenset[str]) -> tuple[list[Sentence], list[Mention]] | None:
    """Sentences and mentions cached at ``path``, if made by this code for the same ``known`` answers."""
    entry = _load_entry(path)
    if not _valid(entry, version, known):
        return None
    assert entry is not None
    return entry["sentences"], entry["mentions"]


def _save_entry(path: Path, entry: dict, doc_id: str) -> None:
    from graph.rdf.store import write_atomic

    # Tuples instead of dataclasses, and no tokens (rebuilt from the text): a third of the
    # size and of the time to pickle.
    data = {
        **entry,
        "format": _ENTRY_FORMAT,
        "doc": doc_id,
        "sentences": [(s.index, s.start, s.end, s.text) for s in entry["sentences"]],
        "mentions": [(m.sentence_index, m.start, m.end, m.text, m.type, m.lemma, m.source, m.court)
                     for m in entry["mentions"]],
    }
    # The cache is an optimisation: failing to write it must not fail the build.
    try:
        # No fsync: a damaged entry fails to unpickle or to validate, and is analysed again.
        write_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
    except OSError as err:
        # Info, not a warning: on a full disk every article would add a line before the
        # store write fails with the one error that matters.
        log.info("could not cache the analysis of %s: %s", path.name, err)


@dataclass(slots=True)
class _Processed:
    """What a worker sends back for one article (everything the build needs but its text)."""

    doc_id: str
    analysed: bool
    asked: str  # "\n"-framed stems the analysis asked ``known`` about
    counts: tuple[int, int, int]  # sentences, mentions, facts (with local keys)
    local: bytes  # pickled LocalEntities without links
    keys: tuple[tuple[str, str], ...]  # sorted local entity keys
    inputs: str  # RDF inputs digest with local keys and facts
    lines: list[str] | None  # N-Triples of the article graph with local keys
    digest: str  # of those lines
    edges: str  # "\n"-joined N-Triples of its truthy edges (they go into the entities graph)


@dataclass(slots=True)
class _Ctx:
    """Settings every worker shares (sent once, at pool start)."""

    cache: Path | None
    version: str
    derived: str
    rdf: str
    extractor: str
    known: frozenset[str]


_worker_ctx: _Ctx | None = None


def _init_worker(ctx: _Ctx) -> None:
    global _worker_ctx
    _worker_ctx = ctx
    _die_with_parent()


def _die_with_parent() -> None:
    """End this worker when the build process dies (kill -9 leaves no one to stop the pool).

    The worker gets SIGTERM, which raises SystemExit: a cache file being written
    removes its temporary file on the way out.
    """
    import signal
    import threading

    def stop(_sig: int, _frame: object) -> None:
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG (Linux)
            return
    except (OSError, AttributeError):
        pass
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


@dataclass(slots=True)
class _Failed:
    """An article whose analysis raised: the build skips it with a warning and goes on."""

    doc_id: str
    reason: str


def _process_safely(doc: Document, ctx: _Ctx) -> _Processed | _Failed:
    """:func:`_process`, turning an error in the language layer on this one article into a :class:`_Failed`.

    A bug or a pathological text (2,000 surnames in a row once gave RecursionError)
    must cost the article, not the build.
    """
    try:
        return _process(doc, ctx)
    except Exception as err:  # noqa: BLE001 - any error in the analysis of one article
        log.debug("analysis of %s failed", doc.id, exc_info=True)
        first = (str(err).splitlines() or [""])[0][:200]
        return _Failed(doc.id, f"{type(err).__name__}: {first}" if first else type(err).__name__)


def _process_in_worker(doc: Document) -> _Processed | _Failed:
    assert _worker_ctx is not None
    try:
        return _process_safely(doc, _worker_ctx)
    except SystemExit:  # the build died (see _die_with_parent); temporary files are cleaned up by now
        os._exit(1)


def _derive(doc: Document, ctx: _Ctx, entry: dict) -> None:
    """Add local entities and local facts to a cache entry (``entry["derived"]`` names the code)."""
    from graph.annotate.entities import resolve_local
    from graph.build.pipeline import EXTRACTORS

    local = resolve_local(entry["mentions"], entry["sentences"], doc.id)
    entry["local"] = local
    entry["facts"] = EXTRACTORS[ctx.extractor](entry["sentences"], entry["mentions"], local.links)
    entry["derived"] = ctx.derived


def _entry(doc: Document, ctx: _Ctx, reread: Callable[[str], Document] | None = None) -> tuple[dict, bool]:
    """The article's cache entry, analysed and derived by this code: loaded, or made and saved.

    Returns:
        The entry and whether the article was analysed now. An article passed
        without its text (a reused one) is read again with ``reread`` if needed.
    """
    path = _cache_path(ctx.cache, doc) if ctx.cache else None
    entry = _load_entry(path) if path else None
    analysed = not _valid(entry, ctx.version, ctx.known)
    dirty = analysed
    if analysed:
        if not doc.text and reread is not None:
            doc = reread(doc.id)
        recorder = _RecordingSet(ctx.known)
        sentences, mentions, lookups = _analyse(doc, recorder)
        entry = {"version": ctx.version, "sentences": sentences, "mentions": mentions, "lookups": lookups}
    assert entry is not None
    if entry.get("derived") != ctx.derived:
        _derive(doc, ctx, entry)
        dirty = True
    if dirty and path:
        _save_entry(path, entry, doc.id)
    return entry, analysed


def _graph(doc: Document, ctx: _Ctx, entry: dict, changed: dict[Key, Key]
           ) -> tuple[tuple[Key, ...], str, int, list[str], str, str]:
    """The article's graph with its keys mapped through ``changed``.

    An article whose keys merging changed has its facts extracted again with the
    final keys (the rules read labels, e.g. to re-find surnames).

    Returns:
        (sorted keys, inputs digest, fact count, N-Triples statements, their digest,
        the "\n"-joined sorted truthy edges, which go into the entities graph).
    """
    from graph.build.pipeline import EXTRACTORS

    local = entry["local"]
    facts = entry["facts"]
    if any(k in changed for k in local.links.values()):
        links = {m: changed.get(k, k) for m, k in local.links.items()}
        facts = EXTRACTORS[ctx.extractor](entry["sentences"], entry["mentions"], links)
    else:
        links = local.links
    keys = tuple(sorted(set(links.values())))
    n_sent = len(entry["sentences"])
    triples, edges = article_triples(doc, range(n_sent), keys, facts)
    # Two facts of one sentence share its evidence span: write each statement once.
    lines = list(dict.fromkeys(nt_lines(triples, _writer())))
    edge_lines = "\n".join(sorted(set(nt_lines(edges, _writer()))))
    inputs = _fingerprint(ctx.rdf, doc, n_sent, list(keys), facts)
    return keys, inputs, len(facts), lines, triples_digest(lines), edge_lines


def _process(doc: Document, ctx: _Ctx) -> _Processed:
    """Analyse one article (or reuse its cache entry), resolve it alone and write its graph.

    The graph uses the article's local entity keys; the build keeps it when
    cross-article merging changes none of them, which is the common case.
    """
    entry, analysed = _entry(doc, ctx)
    keys, inputs, n_facts, lines, digest, edges = _graph(doc, ctx, entry, {})
    bare = dataclasses.replace(entry["local"], links={})
    return _Processed(
        doc.id,
        analysed,
        "\n" + "\n".join(sorted(entry["lookups"])) + "\n",
        (len(entry["sentences"]), len(entry["mentions"]), n_facts),
        pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL),
        keys,
        inputs,
        lines,
        digest,
        edges,
    )


_nt_writer: NTriplesWriter | None = None


def _writer() -> NTriplesWriter:
    global _nt_writer
    if _nt_writer is None:
        _nt_writer = NTriplesWriter()
    return _nt_writer


def _final_graph(doc: Document, ctx: _Ctx, changed: dict[Key, Key],
                 reread: Callable[[str], Document]) -> tuple[str, int, tuple[list[str], str], str]:
    """Inputs digest, fact count, (triples, digest) and truthy edges of an article graph with the build's final keys."""
    entry, _analysed = _entry(doc, ctx, reread)
    _keys, inputs, n_facts, lines, digest, edges = _graph(doc, ctx, entry, changed)
    return inputs, n_facts, (lines, digest), edges


def _with_progress(results: Iterable[_Processed | _Failed], by_id: dict[str, Document],
                   progress: Callable[[Document], None] | None) -> Iterable[_Processed | _Failed]:
    for item in results:
        if progress:
            progress(by_id[item.doc_id])
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
    """Collects the triples :mod:`graph.rdf.mapping` writers add (an rdflib Graph is 10× slower here)."""

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
) -> tuple[list[tuple[Any, Any, Any]], list[tuple[Any, Any, Any]]]:
    """Triples of one article's named graph and its truthy edges (as :func:`graph.rdf.mapping.to_dataset` writes them)."""
    from graph.rdf.mapping import add_article, add_fact

    sink, edges = _Sink(), _Sink()
    node = add_article(sink, doc, sentences, entity_keys)  # type: ignore[arg-type]
    for fact in facts:
        add_fact(sink, fact, node, edges)  # type: ignore[arg-type]
    return sink.triples, edges.triples


def entity_triples(entities: Iterable[Entity]) -> list[tuple[Any, Any, Any]]:
    """Triples of the merged-entities graph."""
    from graph.rdf.mapping import add_entities

    sink = _Sink()
    add_entities(sink, entities)  # type: ignore[arg-type]
    return sink.triples


def _entity_lines(state: _State, entities: Iterable[Entity]) -> list[str]:
    """N-Triples of the merged entities, reusing the lines of entities the last build wrote."""
    before = state.entity_lines
    now: dict[tuple, tuple[str, ...]] = {}
    out: list[str] = []
    for ent in entities:
        key = (ent.cls, ent.label, ent.alt_labels, ent.roles)
        lines = before.get(key)
        if lines is None:
            lines = tuple(nt_lines(entity_triples([ent]), _writer()))
        now[key] = lines
        out.extend(lines)
    state.entity_lines = now
    return out


# --------------------------------------------------------------------------- build state

STATE_FILE = "state.pkl"
_STATE_VERSION = 1
Key = tuple[str, str]


@dataclass(slots=True)
class _Record:
    """What the last build knew of one article, so the next one need not open it."""

    read_key: str
    doc: Document  # without its text
    warnings: tuple[str, ...]
    caps: str  # "\n"-joined capitalised words (its share of ``known``)
    asked: str
    counts: tuple[int, int, int]
    local: bytes
    keys: bytes  # pickled local keys
    inputs: str  # graph inputs with local keys
    final: tuple[str, int] = ("", 0)  # graph inputs and fact count with the build's final keys
    edges: str = ""  # "\n"-joined truthy edges of the final graph


class _EntityIndex:
    """Every article's :class:`~graph.annotate.entities.LocalEntities`, summed with counts.

    Adding and removing one article is cheap, and :meth:`merged` gives what
    :func:`~graph.annotate.entities.merge_entities` gives for all the articles at once.
    """

    def __init__(self) -> None:
        self.keys: Counter[Key] = Counter()
        self.fulls: Counter[tuple[str, str]] = Counter()
        self.long: Counter[tuple[str, str, str]] = Counter()
        self.forms: dict[Key, Counter[str]] = defaultdict(Counter)
        self.roles: dict[Key, Counter[str]] = defaultdict(Counter)
        self.courts: Counter[tuple[Key, tuple[str, int, int, str, str], str, str]] = Counter()

    def update(self, loc: Any, sign: int) -> None:
        from graph.annotate.entities import _mention_order

        def bump(counter: Counter, item: Any) -> None:
            counter[item] += sign
            if counter[item] <= 0:
                del counter[item]

        for item in loc.fulls:
            bump(self.fulls, item)
        for (ini, cls), label in loc.long_names.items():
            bump(self.long, (ini, cls, label))
        for key, forms in loc.forms.items():
            bump(self.keys, key)
            for form in forms:
                bump(self.forms[key], form)
            if not self.forms[key]:
                del self.forms[key]
        for key, roles in loc.roles.items():
            for role in roles:
                bump(self.roles[key], role)
            if not self.roles[key]:
                del self.roles[key]
        for key, m, place, form in loc.court_places:
            bump(self.courts, (key, _mention_order(m), place, form))

    def merged(self) -> Any:
        from graph.annotate.entities import LocalEntities, merge_entities

        long_names: dict[tuple[str, str], str] = {}
        for ini, cls, label in self.long:
            if label > long_names.get((ini, cls), ""):
                long_names[(ini, cls)] = label
        total = LocalEntities(
            "",
            fulls=set(self.fulls),
            long_names=long_names,
            forms={key: set(self.forms.get(key, ())) for key in self.keys},
            roles={key: set(roles) for key, roles in self.roles.items()},
            court_places=[(key, Mention(o[0], -1, o[1], o[2], o[4], o[3], ""), place, form)
                          for key, o, place, form in self.courts],
        )
        return merge_entities([total])


@dataclass
class _State:
    tag: str
    docs: dict[str, _Record] = field(default_factory=dict)
    caps: Counter[str] = field(default_factory=Counter)
    index: _EntityIndex = field(default_factory=_EntityIndex)
    changed: dict[Key, Key] = field(default_factory=dict)
    # N-Triples of each merged entity, keyed by what they are made from: a build
    # writes only the entities that changed
    entity_lines: dict[tuple, tuple[str, ...]] = field(default_factory=dict)


def _load_state(path: Path, tag: str) -> _State:
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
        if isinstance(state, _State) and state.tag == tag:
            return state
    except FileNotFoundError:
        pass
    except Exception as err:  # noqa: BLE001 - the state only saves time: start afresh
        log.debug("ignoring build state %s: %s", path, err)
    return _State(tag)


def _save_state(path: Path, state: _State) -> None:
    from graph.rdf.store import write_atomic

    try:
        write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
    except OSError as err:
        log.warning("could not save the build state %s: %s", path, err)


# --------------------------------------------------------------------------- build


def build_store(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    jobs: int | None = None,
    extractor: str = "patterns",
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
        extractor: fact extractor name in :data:`graph.build.pipeline.EXTRACTORS`.
        progress: called once per article.
        endpoint: SPARQL query URL of a remote store to write to instead of the local one.
        graph_store: Graph Store Protocol URL of that store (default: derived from ``endpoint``).
        lock_timeout: seconds to wait for another build of the same store.
        strict: fail on any skipped article or reading warning.
        encoding: force a codec for every article instead of detecting one.
        max_bytes: skip articles larger than this (see :mod:`graph.build.corpus`).

    Returns:
        A :class:`BuildReport`.

    Raises:
        KazkgError: unknown extractor, unreadable corpus, store locked or unreachable.
    """
    from graph.build.corpus import read_document
    from graph.build.pipeline import EXTRACTORS

    if extractor not in EXTRACTORS:
        raise KazkgError(f"unknown extractor {extractor!r}: choose one of {', '.join(sorted(EXTRACTORS))}")
    report = BuildReport()
    clock = _Clock(report.timings, report.peak_rss_mb)
    store_path = Path(store_path)
    if endpoint:
        from graph.rdf.endpoint import RemoteStore

        target: Any = RemoteStore.open(endpoint, store_path, graph_store=graph_store, timeout=lock_timeout)
    else:
        target = KgStore.open(store_path, timeout=lock_timeout)
    try:
        cache = store_path / CACHE_DIR
        _remove_temporaries(store_path)
        ctx = _Ctx(cache, pipeline_version(), _derived_version(extractor), _rdf_version(), extractor, frozenset())
        state = _load_state(cache / STATE_FILE, f"{_STATE_VERSION}:{ctx.version}:{ctx.derived}:{ctx.rdf}")
        reuse = {rec.read_key: (rec.doc, rec.warnings) for rec in state.docs.values()}
        read_keys: dict[str, str] = {}
        notes: dict[str, list[str]] = {}
        documents = list(read_corpus(paths, strict=strict, warnings=report.warnings, encoding=encoding,
                                     max_bytes=max_bytes, reuse=reuse, keys=read_keys, notes=notes))
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
        by_path = {doc.id: doc.path for doc in documents}
        _update(state, documents, read_keys, notes, ctx, target, report, clock, fingerprint, jobs, progress,
                lambda doc_id: read_document(Path(by_path[doc_id]), doc_id, encoding=encoding, max_bytes=max_bytes))
        _save_state(cache / STATE_FILE, state)
    finally:
        target.close()
    log.info("build: %s", report.summary())
    return report


def _remove_temporaries(store_path: Path) -> None:
    """Temporary files a killed build left in the store folder (we hold the store's lock).

    Only the names write_atomic gives kazkg's own files, so nothing else is ever deleted.
    """
    for pattern in (".manifest.json.*.tmp", ".exports.json.*.tmp", ".remote-*.json.*.tmp", f"{CACHE_DIR}/.{STATE_FILE}.*.tmp",
                    f"{CACHE_DIR}/*/.*.pkl.*.tmp"):
        for path in store_path.glob(pattern):
            path.unlink(missing_ok=True)


def _update(state: _State, documents: list[Document], read_keys: dict[str, str], notes: dict[str, list[str]],
            ctx: _Ctx, target: Any,
            report: BuildReport, clock: _Clock, fingerprint: str, jobs: int | None,
            progress: Callable[[Document], None] | None, reread: Callable[[str], Document]) -> None:
    """Bring ``state`` and the store up to date with ``documents``."""
    from graph.build.pipeline import capitalised_words

    fresh = {doc.id for doc in documents
             if doc.id in state.docs and state.docs[doc.id].read_key == read_keys.get(doc.id)}
    # --- known: capitalised words of the corpus, kept as counts per word
    was: dict[str, bool] = {}

    def bump(words: Iterable[str], sign: int) -> None:
        for w in words:
            if w not in was:
                was[w] = state.caps[w] > 0
            state.caps[w] += sign
            if state.caps[w] <= 0:
                del state.caps[w]

    gone = [d for d in state.docs if d not in fresh]
    for doc_id in gone:
        rec = state.docs.pop(doc_id)
        bump(rec.caps.split("\n") if rec.caps else (), -1)
        state.index.update(pickle.loads(rec.local), -1)
    caps: dict[str, str] = {}
    for doc in documents:
        if doc.id not in fresh:
            caps[doc.id] = "\n".join(sorted(capitalised_words(doc.text)))
            bump(caps[doc.id].split("\n") if caps[doc.id] else (), +1)
    flipped = [w for w, before in was.items() if (w in state.caps) != before]
    ctx.known = frozenset(state.caps)
    # An article whose analysis asked about a word that appeared or vanished is analysed again.
    stale: set[str] = set()
    if flipped:
        probe = set(flipped)
        for doc_id in fresh:
            asked = state.docs[doc_id].asked
            if len(flipped) <= 16:
                hit = any(f"\n{w}\n" in asked for w in flipped)
            else:
                hit = not probe.isdisjoint(asked.split("\n"))
            if hit:
                stale.add(doc_id)
    todo = []
    for doc in documents:
        if doc.id in stale:
            rec = state.docs.pop(doc.id)
            caps[doc.id] = rec.caps
            state.index.update(pickle.loads(rec.local), -1)
            doc = reread(doc.id)
        if doc.id not in state.docs:
            todo.append(doc)
        elif progress:
            progress(doc)
    loader = _Loader(target) if todo and hasattr(target, "bulk_append") and target.is_empty() else None

    def arrived(doc: Document, r: _Processed) -> None:
        # Runs in the main process while the workers go on with other articles.
        state.docs[doc.id] = _Record(
            read_keys[doc.id], dataclasses.replace(doc, text=""), tuple(notes.get(doc.id, ())),
            caps[doc.id], r.asked, r.counts, r.local, pickle.dumps(r.keys, protocol=pickle.HIGHEST_PROTOCOL),
            r.inputs)
        state.index.update(pickle.loads(r.local), +1)
        if loader and loader.add(doc, r):
            r.lines = None  # in the store now; a graph the merge changes is written again anyway

    results, failed = _run(todo, ctx, jobs, progress, arrived)
    if failed:
        fingerprint = _drop_failed(failed, documents, caps, bump, report)
    if loader:
        loader.flush()
    report.analysed = sum(r.analysed for r in results.values())
    report.cached = len(documents) - report.analysed
    clock("analyse")
    merged = state.index.merged()
    changed = merged.changed
    moved = {k for k in set(state.changed) | set(changed) if state.changed.get(k, k) != changed.get(k, k)}
    state.changed = changed
    clock("entities")
    # While a cold build streams, the store reports no records until its final commit.
    old = {**target.records(), **(loader.records if loader else {})}
    finals: dict[str, tuple[list[str], str]] = {}
    for doc in documents:
        rec = state.docs[doc.id]
        r = results.get(doc.id)
        if r is not None and not any(k in changed for k in r.keys):
            rec.final = (r.inputs, r.counts[2])
            rec.edges = r.edges
            if r.lines is not None:
                finals[doc.id] = (r.lines, r.digest)
        elif r is not None or (moved and not moved.isdisjoint(pickle.loads(rec.keys))) or not rec.final[0]:
            inputs, n_facts, lines, rec.edges = _final_graph(doc, ctx, changed, reread)
            rec.final = (inputs, n_facts)
            finals[doc.id] = lines
    report.sentences = sum(state.docs[d.id].counts[0] for d in documents)
    report.mentions = sum(state.docs[d.id].counts[1] for d in documents)
    report.facts = sum(state.docs[d.id].final[1] for d in documents)
    report.entities = len(merged.entities)
    clock("facts")
    del results
    _write(target, documents, state, finals, merged.entities, old, report, clock, fingerprint, ctx, reread,
           loader.written if loader else set())
    if ctx.cache and (gone or stale or todo):
        _prune_cache(ctx.cache, {_cache_path(ctx.cache, d) for d in documents})


def _drop_failed(failed: list[_Failed], documents: list[Document], caps: dict[str, str],
                 bump: Callable[[Iterable[str], int], None], report: BuildReport) -> str:
    """Leave the failed articles out of this build, with a warning each.

    Their words still counted for this build's ``known`` (as a cold build of the same
    files would count them), but the state forgets them, so the next build counts them
    again when it tries them again. Returns the fingerprint to record: none, so that
    the next build does not take this one for complete.
    """
    by_id = {doc.id: doc for doc in documents}
    for item in failed:
        doc = by_id[item.doc_id]
        _warn(report, f"skipped {doc.path}: the analysis failed ({item.reason}) — please report this article")
        bump(caps[doc.id].split("\n") if caps.get(doc.id) else (), -1)
    gone = {item.doc_id for item in failed}
    documents[:] = [doc for doc in documents if doc.id not in gone]
    report.articles = len(documents)
    if not documents:
        raise CorpusError(f"no article could be analysed: {report.warnings[-1]}")
    return ""


def _warn(report: BuildReport, message: str) -> None:
    log.warning("%s", message)
    report.warnings.append(message)


def _run(todo: list[Document], ctx: _Ctx, jobs: int | None, progress: Callable[[Document], None] | None,
         arrived: Callable[[Document, _Processed], None]) -> tuple[dict[str, _Processed], list[_Failed]]:
    """Process articles, in worker processes when there are enough of them; ``arrived`` sees each result.

    Returns:
        The results by article id, and the articles whose analysis failed.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    by_id = {doc.id: doc for doc in todo}
    out: dict[str, _Processed] = {}
    failed: list[_Failed] = []
    if jobs > 1 and len(todo) >= 4 * jobs:
        chunk = max(1, min(32, len(todo) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(ctx,)) as pool:
            items = _with_progress(pool.map(_process_in_worker, todo, chunksize=chunk), by_id, progress)
            _collect(items, by_id, out, failed, arrived)
    else:
        items = _with_progress((_process_safely(doc, ctx) for doc in todo), by_id, progress)
        _collect(items, by_id, out, failed, arrived)
    return out, failed


def _collect(items: Iterable[_Processed | _Failed], by_id: dict[str, Document], out: dict[str, _Processed],
             failed: list[_Failed], arrived: Callable[[Document, _Processed], None]) -> None:
    for r in items:
        if isinstance(r, _Failed):
            failed.append(r)
        else:
            out[r.doc_id] = r
            arrived(by_id[r.doc_id], r)


class _Loader:
    """Bulk-loads article graphs into an empty store while the workers are still busy.

    The graphs use local keys; the few that cross-article merging changes are
    replaced by the build's final transaction.
    """

    def __init__(self, target: Any) -> None:
        self.target = target
        self.pending: dict[str, tuple[str, list[str], str]] = {}
        self.extra: dict[str, dict[str, Any]] = {}
        self.size = 0
        self.written: set[str] = set()
        self.records: dict[str, dict[str, Any]] = {}
        self.active = True

    def add(self, doc: Document, r: _Processed) -> bool:
        """Queue one article's graph; True when the loader took it (the caller may drop the lines)."""
        if not self.active or r.lines is None:
            return False
        self.pending[doc.id] = (doc.sha256, r.lines, r.digest)
        self.extra[doc.id] = {"inputs": r.inputs, "triples": len(r.lines)}
        self.size += len(r.lines)
        if self.size >= _STREAM_SLICE:
            self.flush()
        return True

    def flush(self) -> None:
        if self.active and self.pending:
            self.active = self.target.bulk_append(self.pending, self.extra)
            if self.active:
                self.written.update(self.pending)
                for doc_id, (_sha, _lines, digest) in self.pending.items():
                    self.records[doc_id] = {**self.extra[doc_id], "digest": digest}
        self.pending, self.extra, self.size = {}, {}, 0


def _write(target: Any, documents: Sequence[Document], state: _State, finals: dict[str, tuple[list[str], str]],
           entities: Sequence[Entity], old: dict[str, dict], report: BuildReport, clock: _Clock,
           fingerprint: str, ctx: _Ctx, reread: Callable[[str], Document], streamed: set[str]) -> None:
    changed: dict[str, tuple[str, list[str], str]] = {}
    extra: dict[str, dict[str, Any]] = {}
    for doc in documents:
        rec = state.docs[doc.id]
        inputs, _n = rec.final
        prev = old.get(doc.id)
        if prev and prev.get("inputs") == inputs and prev.get("digest"):
            report.triples += prev.get("triples", 0)
            finals.pop(doc.id, None)
            continue
        graph = finals.pop(doc.id, None)
        if graph is None:  # the store lost this graph (or never had it): write it again
            inputs, _n, graph, rec.edges = _final_graph(rec.doc, ctx, state.changed, reread)
        lines, digest = graph
        report.triples += len(lines)
        extra[doc.id] = {"inputs": inputs, "triples": len(lines)}
        if not prev or prev.get("digest") != digest:
            changed[doc.id] = (doc.sha256, lines, digest)
    # The entities graph also holds every truthy edge once, however many articles state it.
    edges = {line for doc in documents for line in state.docs[doc.id].edges.split("\n")}
    edges.discard("")
    ent_lines = _entity_lines(state, entities) + sorted(edges)
    report.triples += len(ent_lines)
    new_entities = ent_lines if triples_digest(ent_lines) != target.entities_digest else None
    clock("rdf")
    present = {doc.id for doc in documents}
    drop = sorted(set(target.manifest()) - present)
    repair = not target.clean
    build = {"fingerprint": fingerprint, **{name: getattr(report, name) for name in _COUNTS}}
    target.commit_lines(changed, drop, new_entities, prune=repair, extra=extra, build=build)
    report.written = len(streamed | set(changed))
    report.unchanged = len(documents) - report.written
    report.dropped = len(drop)
    clock("write")


_STREAM_SLICE = 100_000  # triples per bulk-load slice of a cold build
_COUNTS = ("sentences", "mentions", "entities", "facts", "triples")


@functools.lru_cache(maxsize=8)
def _derived_version(extractor: str) -> str:
    """Digest of all package code, data and the extractor: what local entities, facts and graphs come from."""
    root = _PACKAGE
    files = [p for pattern in ("**/*.py", "**/data/*", "**/models/*", "**/patterns/*") for p in root.glob(pattern)
             if p.is_file()]
    files += [p for p in (root.parent / "ontology").glob("*") if p.is_file()]
    return _files_digest(f"{extractor}\n", files)



def _build_fingerprint(documents: Sequence[Document], extractor: str) -> str:
    """Digest of a whole build's inputs: every article (content and metadata), all package
    code and data, and the extractor. Equal fingerprints give equal stores."""
    h = hashlib.sha256(f"{extractor}\n{pipeline_version()}\n{_derived_version(extractor)}\n".encode())
    for doc in documents:
        h.update(repr((doc.id, doc.sha256, doc.title, doc.url, doc.published, doc.outlet)).encode("utf-8"))
    return h.hexdigest()


def _rdf_version() -> str:
    """Digest of the code that maps facts to RDF (a change there regenerates every graph)."""
    root = _PACKAGE
    files = (root / "rdf" / "mapping.py", root / "rdf" / "iri.py", root.parent / "ontology" / "__init__.py")
    return _files_digest("", [p for p in files if p.exists()])


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
