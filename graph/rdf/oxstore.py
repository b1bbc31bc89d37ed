"""On-disk graph store (pyoxigraph): one named graph per article, incremental, locked.

Layout of a store folder (default ``exports/store/``)::

    exports/store/
      oxigraph/        the Oxigraph (RocksDB) database; `oxigraph serve --location` can serve it
      manifest.json    per-article record: content sha256 and digest of the written triples
      lock             flock(2) file: builds lock it exclusively, queries shared
      cache/           per-article analyses kept by :mod:`graph.build.incremental`

Every write is one transaction (a single SPARQL update), so a crash or Ctrl-C
leaves the previous state. The manifest is written atomically and marked
``"writing"`` before the transaction, ``"clean"`` after it; a store whose manifest
says ``"writing"`` is repaired by the next build (every graph is rewritten and
stray graphs dropped). The only exception is the first load of an empty store,
which uses Oxigraph's bulk loader in slices for speed and memory: until it
finishes the manifest says ``"loading"`` and queries refuse to run on the
half-loaded store.

Queries see the union of all graphs as their default graph. Oxigraph's union keeps
a triple once per graph that holds it, so the build puts every triple in exactly one
graph: the truthy edges (``kg:listedBy`` and the like), which several articles may
state, are written once into the entities graph. ``COUNT`` over the union therefore
agrees with the Turtle export.

This module imports neither rdflib nor networkx, so ``kazkg query`` starts fast.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox

from graph.errors import KazkgError, QueryError
from graph.rdf.iri import KGR, PREFIXES
from graph.rdf.querytext import check_no_service, update_keyword
from graph.rdf.store import QueryResult, bind_params, format_result, write_atomic  # noqa: F401 (re-exported)

log = logging.getLogger(__name__)

DEFAULT_STORE = Path("exports/store")
MANIFEST_VERSION = 1
DUMP_FORMATS = ("turtle", "nt", "trig", "nquads")
ENTITIES_GRAPH_IRI = KGR + "graph/entities"
# kgr: IRIs have "/" in their local part, which Turtle would escape as kgr:person\/x;
# full IRIs read better and every tool parses them.
TURTLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "kgr"}
BULK_THRESHOLD = 5000  # triples; below this a transaction is as fast as the bulk loader

Triple = tuple[Any, Any, Any]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# --------------------------------------------------------------------------- terms


def triples_digest(lines: Iterable[str]) -> str:
    """sha256 of a set of N-Triples lines, independent of their order."""
    # One encode and one update: the same bytes as hashing line by line, several times faster.
    text = "".join(line + "\n" for line in sorted(set(lines)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class NTriplesWriter:
    """N-Triples text of rdflib (or pyoxigraph) terms, caching repeated terms.

    Entity IRIs, predicates and classes recur across thousands of triples, so
    the cache makes writing a statement little more than three dict lookups.
    """

    def __init__(self) -> None:
        self._cache: dict[Any, str] = {}

    def term(self, term: Any) -> str:
        try:
            return self._cache[term]
        except KeyError:
            out = self._convert(term)
            # IRIs and short literals recur; sentence texts do not and would only fill memory.
            if len(out) < 200 and len(self._cache) < 500_000:
                self._cache[term] = out
            return out
        except TypeError:  # unhashable: never happens for rdflib terms
            return self._convert(term)

    @staticmethod
    def _convert(term: Any) -> str:
        if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            return str(term)
        kind = type(term).__name__
        if kind == "URIRef":
            return f"<{term}>"
        if kind == "BNode":
            return f"_:{term}"
        if kind == "Literal":
            text = '"' + str(term).translate(_NT_ESCAPES) + '"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype is not None and str(term.datatype) != _XSD_STRING:
                return f"{text}^^<{term.datatype}>"
            return text
        raise TypeError(f"not an RDF term: {term!r}")

    def lines(self, triples: Iterable[Triple]) -> list[str]:
        """N-Triples statements (without the final `` .``)."""
        t = self.term
        return [f"{t(s)} {t(p)} {t(o)}" for s, p, o in triples]


def nt_lines(triples: Iterable[Triple], writer: NTriplesWriter | None = None) -> list[str]:
    """N-Triples statements (without the final `` .``) of triples of rdflib or pyoxigraph terms."""
    return (writer or NTriplesWriter()).lines(triples)


# --------------------------------------------------------------------------- lock


class _Lock:
    """An flock(2) on ``path``: exclusive for writers, shared for readers, with a timeout."""

    def __init__(self, path: Path, exclusive: bool, timeout: float) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the store's life
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + timeout
        waiting = False
        while True:
            try:
                fcntl.flock(self._fh.fileno(), mode | fcntl.LOCK_NB)
                break
            except OSError as err:
                if err.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if not waiting:
                    waiting = True
                    log.warning("store %s is locked by %s: waiting up to %g s", path.parent,
                                self._holder() or "another kazkg process", timeout)
                if time.monotonic() >= deadline:
                    holder = self._holder()
                    self._fh.close()
                    what = "a build" if exclusive else "a build (queries wait for it)"
                    raise KazkgError(
                        f"store {path.parent} is locked by {holder or 'another kazkg process'}: wait for "
                        f"{what} to finish, then try again (waited {timeout:g} s)"
                    ) from None
                time.sleep(0.05)
        if exclusive:
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.write(f"pid {os.getpid()}\n")
            self._fh.flush()

    def _holder(self) -> str:
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""
        return f"process {text.split()[-1]}" if text.startswith("pid ") else ""

    def release(self) -> None:
        if not self._fh.closed:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()


# --------------------------------------------------------------------------- store


class ManifestRecords:
    """Read access to a store manifest (``self._manifest``), shared by local and remote stores."""

    _manifest: dict

    def manifest(self) -> dict[str, str]:
        """``{doc_id: content sha256}`` of the articles in the store."""
        return {doc: rec["sha256"] for doc, rec in sorted(self._manifest["articles"].items())}

    def digests(self) -> dict[str, str]:
        """``{doc_id: digest of the triples written}``; empty when the last write was interrupted."""
        if self._manifest["state"] != "clean":
            return {}
        return {doc: rec.get("digest", "") for doc, rec in self._manifest["articles"].items()}

    def records(self) -> dict[str, dict]:
        """Full manifest records (``sha256``, ``digest`` and what builds add); empty when not clean."""
        if self._manifest["state"] != "clean":
            return {}
        return {doc: dict(rec) for doc, rec in self._manifest["articles"].items()}

    @property
    def clean(self) -> bool:
        """False when a write was interrupted (the next build repairs the store)."""
        return self._manifest["state"] == "clean"

    @property
    def entities_digest(self) -> str:
        return self._manifest.get("entities_digest", "") if self.clean else ""

    @property
    def last_build(self) -> dict | None:
        """Record of the build that wrote the current state (``fingerprint`` and counts), if known."""
        return self._manifest.get("build") if self.clean else None


class KgStore(ManifestRecords):
    """The on-disk knowledge graph: named graph per article + one for merged entities.

    Use :meth:`open` (a context manager)::

        with KgStore.open("exports/store") as store:
            store.replace_article("a.txt", sha, triples)
            print(format_result(store.query("SELECT * { ?s kg:listedBy ?o }")))
    """

    def __init__(self, path: Path, store: ox.Store | None, lock: _Lock, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db = store  # None until first used (read-only): see _store
        self._lock = lock
        self._manifest = _read_manifest(path / "manifest.json")
        self._loading = False  # inside a bulk load started by this object on an empty store
        self._saved: dict | None = None  # the manifest as it was when this session's checkpoint was taken
        self._rolled_back = False

    # -- life cycle

    @classmethod
    def open(cls, path: str | Path = DEFAULT_STORE, *, read_only: bool = False,
             timeout: float = 30.0) -> KgStore:
        """Open (or, for writing, create) the store at ``path``.

        Args:
            path: store folder.
            read_only: open for queries only (a shared lock; waits while a build runs).
            timeout: seconds to wait for another process's lock before giving up.

        Raises:
            KazkgError: the store is locked by another build past ``timeout``, missing
                (read-only), or not an Oxigraph database.
        """
        path = Path(path)
        db = path / "oxigraph"
        if read_only and not db.exists():
            raise KazkgError(f"store not found: {path} — run `kazkg build --store {path}` first")
        if not read_only and path.exists() and not path.is_dir():
            raise KazkgError(f"--store {path}: not a folder")
        lock = _Lock(path / "lock", exclusive=not read_only, timeout=timeout)
        if read_only:
            # Opened on first use: `kazkg query` runs its query in a forked child
            # (graph.rdf.sandbox), which then opens the database itself, so the
            # parent never has RocksDB and its threads open across the fork.
            return cls(path, None, lock, read_only)
        try:
            _recover(path)
            store = _open_db(path, read_only=False)
        except KazkgError:
            lock.release()
            raise
        return cls(path, store, lock, read_only)

    @property
    def _store(self) -> ox.Store:
        if self._db is None:
            if self._rolled_back:
                raise KazkgError(f"store {self.path} was rolled back after a failed write: open it again")
            self._db = _open_db(self.path, self.read_only)
        return self._db

    def close(self) -> None:
        """Flush and release the lock (the store object must not be used afterwards)."""
        try:
            if not self.read_only and self._db is not None:
                try:
                    self._db.flush()
                except OSError as err:
                    self._roll_back()
                    raise KazkgError(f"cannot write store {self.path}: {_reason(err)} — the store is kept as "
                                     "it was before this build") from None
                if self._saved is not None:  # written and flushed: the checkpoint is not needed any more
                    self._saved = None
                    shutil.rmtree(self.path / _CHECKPOINT, ignore_errors=True)
        finally:
            self._db = None
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for benchmarks and advanced use)."""
        return self._store

    def _save(self) -> None:
        # No indent: json's C encoder only runs without one (10x faster on 10,000 records).
        write_atomic(self.path / "manifest.json",
                     json.dumps(self._manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")

    # -- writes

    def replace_article(self, doc_id: str, sha256: str, triples: Iterable[Triple]) -> None:
        """Replace the named graph of one article (one transaction) and record its sha256."""
        self.commit({doc_id: (sha256, list(triples))})

    def drop_article(self, doc_id: str) -> None:
        """Remove the named graph of one article and its manifest record."""
        self.commit({}, drop=[doc_id])

    def replace_entities(self, triples: Iterable[Triple]) -> None:
        """Replace the graph of merged entities."""
        self.commit({}, entities=list(triples))

    def commit(
        self,
        articles: Mapping[str, tuple[str, Iterable[Triple]]],
        drop: Iterable[str] = (),
        entities: Iterable[Triple] | None = None,
    ) -> None:
        """Apply many changes in one transaction.

        Args:
            articles: ``{doc_id: (sha256, triples)}`` graphs to (re)write.
            drop: doc ids whose graphs to remove.
            entities: new content of the entities graph, or None to keep it.
        """
        conv = NTriplesWriter()
        rendered = {}
        for doc_id, (sha, triples) in articles.items():
            lines = nt_lines(triples, conv)
            rendered[doc_id] = (sha, lines, triples_digest(lines))
        self.commit_lines(rendered, drop, None if entities is None else nt_lines(entities, conv))

    def commit_lines(
        self,
        articles: Mapping[str, tuple[str, list[str], str]],
        drop: Iterable[str] = (),
        entities: list[str] | None = None,
        *,
        prune: bool = False,
        extra: Mapping[str, Mapping[str, Any]] | None = None,
        build: dict | None = None,
    ) -> None:
        """Like :meth:`commit` with statements already in N-Triples form.

        Args:
            articles: ``{doc_id: (sha256, N-Triples statements without " .", digest)}``.
            drop: doc ids whose graphs to remove.
            entities: statements of the entities graph, or None to keep it.
            prune: also drop every named graph the new manifest does not describe
                (repairs a store after an interrupted write).
            extra: more fields to record per article (e.g. a fingerprint of the inputs).
            build: record of the whole build that produced this state (None: unknown).
        """
        self._check_writable()
        with self._writing():
            self._commit_lines(articles, drop, entities, prune=prune, extra=extra, build=build)

    def _commit_lines(self, articles: Mapping[str, tuple[str, list[str], str]], drop: Iterable[str],
                      entities: list[str] | None, *, prune: bool, extra: Mapping[str, Mapping[str, Any]] | None,
                      build: dict | None) -> None:
        if not (articles or drop or entities is not None or prune):
            _merge_extra(self._manifest, extra, build)
            self._save()
            return
        drop = sorted(set(drop))
        wanted = (set(self._manifest["articles"]) | set(articles)) - set(drop)
        graphs_to_drop = [_graph_iri(d) for d in drop] + [_graph_iri(d) for d in sorted(articles)]
        if prune:
            keep = {_graph_iri(d) for d in wanted} | {ENTITIES_GRAPH_IRI}
            graphs_to_drop += sorted(g.value for g in self._store.named_graphs()
                                     if isinstance(g, ox.NamedNode) and g.value not in keep)
        blocks = [(_graph_iri(doc_id), articles[doc_id][1]) for doc_id in sorted(articles)]
        new_records = {d: {"sha256": articles[d][0], "digest": articles[d][2]} for d in articles}
        ent_digest = None
        ent_removed: list[str] = []
        if entities is not None:
            ent_digest = triples_digest(entities)
            bulk_write = self._loading or self.is_empty()
            if bulk_write or prune:
                graphs_to_drop.append(ENTITIES_GRAPH_IRI)
                blocks.append((ENTITIES_GRAPH_IRI, entities))
            else:
                # One new article changes a few of the ~20,000 entity triples: write the difference.
                now = {f"{q.subject} {q.predicate} {q.object}"
                       for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(ENTITIES_GRAPH_IRI))}
                wanted_lines = set(entities)
                ent_removed = sorted(now - wanted_lines)
                blocks.append((ENTITIES_GRAPH_IRI, sorted(wanted_lines - now)))
        bulk = self._loading or (self.is_empty() and sum(len(b[1]) for b in blocks) > BULK_THRESHOLD)
        # "loading": the bulk loader is not transactional, so queries refuse to run
        # until the manifest says "clean"; "writing": the next build rewrites everything.
        self._manifest["state"] = "loading" if bulk else "writing"
        self._save()
        if bulk:
            # The bulk loader only adds: a graph streamed earlier in this load and now
            # replaced (an article whose keys the entity merge changed) goes first.
            if graphs_to_drop:
                self._update(_update_text(graphs_to_drop, []))
            self._bulk_load(blocks)
        else:
            self._update(_update_text(graphs_to_drop, blocks, {ENTITIES_GRAPH_IRI: ent_removed}))
        for doc_id in drop:
            self._manifest["articles"].pop(doc_id, None)
        self._manifest["articles"].update(new_records)
        if ent_digest is not None:
            self._manifest["entities_digest"] = ent_digest
        _merge_extra(self._manifest, extra, build)
        self._manifest["state"] = "clean"
        self._loading = False
        self._save()
        log.info("store %s: %d graphs written, %d dropped", self.path, len(blocks), len(drop))

    def is_empty(self) -> bool:
        """True when the store holds no named graph at all."""
        return not any(True for _ in self._store.named_graphs())

    def bulk_append(self, articles: Mapping[str, tuple[str, list[str], str]],
                    extra: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
        """Load article graphs into an empty store in slices, before a final :meth:`commit_lines`.

        A cold build uses this to avoid holding every article's triples at once.
        Until the final commit the manifest says ``"loading"`` (queries refuse to
        run, the next build repairs an interrupted load).

        Returns:
            False (and nothing is written) when the store was not empty: use
            :meth:`commit_lines` for a transactional write instead.
        """
        self._check_writable()
        if not self._loading and not self.is_empty():
            return False
        with self._writing():
            if not self._loading:
                self._loading = True
                self._manifest["state"] = "loading"
                self._save()
            self._bulk_load([(_graph_iri(d), articles[d][1]) for d in sorted(articles)])
            for doc_id, (sha, _lines, digest) in articles.items():
                self._manifest["articles"][doc_id] = {"sha256": sha, "digest": digest}
            _merge_extra(self._manifest, extra, None)
            self._save()
        return True

    # -- rolling back a failed write

    def _update(self, text: str) -> None:
        self._store.update(text)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Writes of this session; one that fails (a full disk) puts back the store as it was.

        The first write takes a checkpoint of the database (:meth:`pyoxigraph.Store.backup`:
        hard links to its immutable files, so it costs milliseconds and no space), which
        :meth:`close` discards. RocksDB may be left unusable by a write that ran out of
        space ("Sst file size mismatch"); the checkpoint is not.
        """
        if self._saved is None:
            self._checkpoint()
        try:
            yield
        except OSError as err:
            self._roll_back()
            raise KazkgError(f"cannot write store {self.path}: {_reason(err)} — the store is kept as it was "
                             "before this build") from None

    def _checkpoint(self) -> None:
        target = self.path / _CHECKPOINT
        shutil.rmtree(target, ignore_errors=True)
        try:
            self._store.backup(str(target))
        except OSError as err:  # nothing is written yet: fail before any change
            shutil.rmtree(target, ignore_errors=True)
            raise KazkgError(f"cannot write store {self.path}: {_reason(err)}") from None
        self._saved = json.loads(json.dumps(self._manifest))

    def _roll_back(self) -> None:
        """Replace the database by the checkpoint and the manifest by the one read before writing."""
        checkpoint, db, damaged = (self.path / name for name in (_CHECKPOINT, "oxigraph", _DAMAGED))
        if self._saved is None or not checkpoint.is_dir():
            return
        self._db = None  # drops (closes) the pyoxigraph store, so its files may be moved
        self._loading = False
        shutil.rmtree(damaged, ignore_errors=True)
        os.replace(db, damaged)
        os.replace(checkpoint, db)
        shutil.rmtree(damaged, ignore_errors=True)  # frees the space the failed write took
        self._manifest, self._saved = self._saved, None
        self._rolled_back = True
        try:
            self._save()
        except OSError as err:  # the manifest then says "writing": the next build repairs the store
            log.warning("store %s: could not restore its manifest: %s", self.path, _reason(err))

    def _bulk_load(self, blocks: list[tuple[str, list[str]]]) -> None:
        # N-Quads text is the fastest way from Python into the bulk loader; it is
        # loaded in slices so the text never holds the whole corpus at once.
        chunk: list[str] = []
        size = 0
        for graph, lines in blocks:
            tail = f" <{graph}> .\n"
            chunk.append("".join(line + tail for line in lines))
            size += len(lines)
            if size >= 200_000:
                self._store.bulk_load("".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
                chunk, size = [], 0
        if chunk:
            self._store.bulk_load("".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def _check_writable(self) -> None:
        if self.read_only:
            raise KazkgError(f"store {self.path} is open read-only")

    # -- reads

    def query(self, text: str, params: Mapping[str, str] | None = None, limit: int | None = None) -> QueryResult:
        """Run a read-only SPARQL query over the union of all graphs (``limit``: see :func:`query_store`).

        SELECT rows hold pyoxigraph terms (None when unbound); CONSTRUCT/DESCRIBE
        give a :class:`TripleSet` in ``graph``. Format with :func:`format_result`.

        Raises:
            QueryError: malformed (with line and column), an update, or SERVICE.
            KazkgError: the store is half-written (an interrupted first build).
        """
        if self._manifest["state"] == "loading":
            raise KazkgError(f"store {self.path} is incomplete (an interrupted build): run `kazkg build` again")
        return query_store(self._store, text, params, limit)

    def dump(self, fmt: str = "turtle") -> bytes:
        """Serialise the store deterministically: turtle/nt (union) or trig/nquads (named graphs)."""
        return dump_store(self._store, fmt)

    def dump_many(self, fmts: Iterable[str]) -> dict[str, bytes]:
        """Several of :meth:`dump`'s formats (same bytes) from one read of the store.

        Reading the store is most of a dump's time, so a build that writes both
        Turtle and TriG should ask for both at once.
        """
        return dump_store_many(self._store, fmts)

    def __len__(self) -> int:
        return len(self._store)


_CHECKPOINT = ".oxigraph.rollback"  # the database before this session's first write
_DAMAGED = ".oxigraph.damaged"  # the database a failed write left, while it is removed


def _recover(path: Path) -> None:
    """Finish what a killed process left (we hold the exclusive lock): a rollback, or a stale checkpoint."""
    checkpoint, db = path / _CHECKPOINT, path / "oxigraph"
    if checkpoint.is_dir() and not db.exists():
        os.replace(checkpoint, db)  # killed between the two renames of a rollback
    shutil.rmtree(checkpoint, ignore_errors=True)
    shutil.rmtree(path / _DAMAGED, ignore_errors=True)


def _reason(err: OSError) -> str:
    """The OS's words for an error (RocksDB's messages repeat the file path)."""
    text = err.strerror or str(err)
    for words in ("No space left on device", "Disk quota exceeded", "Read-only file system"):
        if words in text:
            return words
    return text.splitlines()[0][:300] if text else type(err).__name__


def _open_db(path: Path, read_only: bool) -> ox.Store:
    db = path / "oxigraph"
    try:
        return ox.Store.read_only(str(db)) if read_only else ox.Store(str(db))
    except OSError as err:
        raise KazkgError(f"cannot open store {path}: {err}") from None


def _graph_iri(doc_id: str) -> str:
    from graph.rdf.iri import article_iri

    # Same as rdf.article_graph_iri, without importing rdflib.
    return article_iri(doc_id).replace("/article/", "/graph/article/", 1)


def _update_text(drop: list[str], blocks: list[tuple[str, list[str]]],
                 remove: Mapping[str, list[str]] | None = None) -> str:
    parts = [f"DROP SILENT GRAPH <{g}>" for g in dict.fromkeys(drop)]
    gone = [f"GRAPH <{g}> {{\n" + " .\n".join(lines) + " .\n}" for g, lines in (remove or {}).items() if lines]
    if gone:
        parts.append("DELETE DATA {\n" + "\n".join(gone) + "\n}")
    data = [f"GRAPH <{g}> {{\n" + " .\n".join(lines) + " .\n}" for g, lines in blocks if lines]
    if data:
        parts.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
    return " ;\n".join(parts) or "DROP SILENT GRAPH <urn:kazkg:none>"


def _merge_extra(manifest: dict, extra: Mapping[str, Mapping[str, Any]] | None, build: dict | None) -> None:
    manifest["build"] = build
    for doc_id, fields in (extra or {}).items():
        if doc_id in manifest["articles"]:
            manifest["articles"][doc_id].update(fields)


def _read_manifest(path: Path) -> dict:
    empty = {"version": MANIFEST_VERSION, "state": "clean", "articles": {}, "entities_digest": ""}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        log.warning("%s unreadable (%s): the next build rewrites every graph", path, err)
        return {**empty, "state": "writing"}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {**empty, "state": "writing"}
    data.setdefault("articles", {})
    data.setdefault("state", "writing")
    return data


# --------------------------------------------------------------------------- queries

_ERROR_AT = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


def check_read_only(text: str) -> None:
    """Refuse SERVICE before anything runs (the rule is in :mod:`graph.rdf.querytext`).

    Updates are refused by the query parser itself; see :func:`query_store`.
    """
    check_no_service(text)


def query_store(store: ox.Store, text: str, params: Mapping[str, str] | None = None,
                limit: int | None = None) -> QueryResult:
    """Run a read-only query on a pyoxigraph store (default graph = union of all graphs).

    Args:
        limit: take at most this many rows (SELECT) or triples (CONSTRUCT/DESCRIBE)
            from Oxigraph; the result is marked ``truncated`` when there were more.
            Evaluation is lazy, so the rest is never computed (except what ORDER BY
            or DISTINCT must see first).

    Raises:
        QueryError: malformed, an update, or SERVICE (checked before running).
    """
    text = bind_params(text, params or {})
    check_read_only(text)
    try:
        result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        return _to_result(result, limit)
    except SyntaxError as err:
        word = update_keyword(text)
        if word:
            raise QueryError(f"{word} is not allowed: kazkg query is read-only") from None
        raise QueryError(_syntax_message(str(err))) from None
    except OSError as err:  # e.g. an evaluation error reported by Oxigraph
        raise QueryError(f"query failed: {err}") from None


def _syntax_message(message: str) -> str:
    match = _ERROR_AT.search(message)
    if match:
        return f"malformed SPARQL at line {match.group(1)}, column {match.group(2)}: {match.group(3).strip()}"
    return f"malformed SPARQL: {message}"


def _to_result(result: Any, limit: int | None = None) -> QueryResult:
    """A :class:`QueryResult` of at most ``limit`` rows or distinct triples (None or 0: all)."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        width = range(len(variables))
        rows = [tuple(sol[i] for i in width) for sol in itertools.islice(result, limit + 1 if limit else None)]
        cut = bool(limit) and len(rows) > limit
        return QueryResult("SELECT", variables, tuple(rows[:limit] if cut else rows), truncated=cut)
    triples: set[ox.Triple] = set()
    for triple in result:
        triples.add(triple)
        if limit and len(triples) > limit:
            break
    cut = bool(limit) and len(triples) > limit
    kept = sorted(triples, key=str)[:limit] if cut else list(triples)
    return QueryResult("GRAPH", graph=TripleSet(kept), truncated=cut)  # type: ignore[arg-type]


class TripleSet:
    """Triples of a CONSTRUCT/DESCRIBE result; ``serialize(format=...)`` like an rdflib Graph."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self._triples = sorted(set(triples), key=str)

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def serialize(self, format: str = "turtle") -> str:
        fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(format)
        if fmt is None:
            raise KazkgError(f"unknown format {format!r}: choose turtle or nt")
        if fmt == ox.RdfFormat.TURTLE:
            return _turtle(self._triples).decode("utf-8")
        return ox.serialize(self._triples, format=fmt).decode("utf-8")


# --------------------------------------------------------------------------- result formats


def dump_store(store: ox.Store, fmt: str = "turtle") -> bytes:
    """Deterministic serialisation of a pyoxigraph store.

    ``nt`` and ``turtle`` hold the union of all graphs (each triple once);
    ``nquads`` and ``trig`` keep the named graphs. Lines (N-Triples/N-Quads) are
    sorted; Turtle and TriG are written from sorted statements, so equal stores
    give byte-identical files.
    """
    if fmt not in DUMP_FORMATS:
        raise KazkgError(f"unknown format {fmt!r}: choose one of {', '.join(DUMP_FORMATS)}")
    if fmt in ("nt", "turtle"):
        lines = _union_nt_lines(store)
        lines.append(b"")  # so that the join ends with a newline
        nt = b"\n".join(lines)
        del lines
        if fmt == "nt":
            return nt
        # Quads of the default graph serialise as their triples: no need for `.triple`.
        return _turtle(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    lines = _sorted_nquads_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    if lines:
        lines.append(b"")
    nq = b"\n".join(lines)
    del lines
    if fmt == "nquads":
        return nq
    return _turtle(ox.parse(nq, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG)


def dump_store_many(store: ox.Store, fmts: Iterable[str]) -> dict[str, bytes]:
    """:func:`dump_store` for several formats, reading the store once when that saves time.

    Union formats (nt, turtle) and graph formats (nquads, trig) asked together
    are all derived from one N-Quads dump: a named-graph statement becomes its
    triple by dropping the graph name (the serialiser writes the same terms), a
    default-graph statement is already one. The bytes are those of :func:`dump_store`.

    Returns:
        ``{format: bytes}`` in the order asked.
    """
    fmts = list(dict.fromkeys(fmts))
    for fmt in fmts:
        if fmt not in DUMP_FORMATS:
            raise KazkgError(f"unknown format {fmt!r}: choose one of {', '.join(DUMP_FORMATS)}")
    union = [f for f in fmts if f in ("nt", "turtle")]
    graphs = [f for f in fmts if f in ("nquads", "trig")]
    if not (union and graphs):
        return {fmt: dump_store(store, fmt) for fmt in fmts}
    out: dict[str, bytes] = {}
    default = set(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).split(b"\n"))
    default.discard(b"")
    quads = _sorted_nquads_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    # Graph formats first, so that the N-Quads text is freed before the triples are built.
    nq = b"\n".join([*quads, b""]) if quads else b""
    for fmt in graphs:
        out[fmt] = nq if fmt == "nquads" else _turtle(ox.parse(nq, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG)
    del nq
    # N-Triples syntax is unambiguous, so a 4-term line never equals a 3-term (default graph) one.
    triples = {line if line in default else line[: line.rindex(b" ", 0, len(line) - 2)] + b" ." for line in quads}
    del quads
    lines = sorted(triples)
    del triples
    lines.append(b"")
    nt = b"\n".join(lines)
    del lines
    for fmt in union:
        out[fmt] = nt if fmt == "nt" else _turtle(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    return {fmt: out[fmt] for fmt in fmts}


# An IRI that can go into a SPARQL query text as it is.
_PLAIN_IRI = re.compile(r'<[^\x00-\x20<>"{}|^`\\]*>')


def _union_nt_lines(store: ox.Store) -> list[bytes]:
    """Sorted, de-duplicated N-Triples statements (without newline) of the union of all graphs.

    Most of a dump's time is Oxigraph decoding each term of each statement from its
    dictionary. One CONSTRUCT per predicate never decodes the predicate (a constant of
    the template) nor the graph name, which makes the whole ~1.6x faster than one
    ``CONSTRUCT { ?s ?p ?o }``; the serialiser is the same, so the lines are identical.
    """
    predicates = [row[0] for row in store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }",
                                                use_default_graph_as_union=True)]
    lines: set[bytes] = set()
    for p in predicates:
        iri = str(p)
        if _PLAIN_IRI.fullmatch(iri):
            result = store.query(f"CONSTRUCT {{ ?s {iri} ?o }} WHERE {{ ?s {iri} ?o }}",
                                 use_default_graph_as_union=True)
        else:  # pragma: no cover - Oxigraph only stores valid IRIs; bind it rather than quote it
            result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True,
                                 substitutions={ox.Variable("p"): p})
        lines.update(result.serialize(format=ox.RdfFormat.N_TRIPLES).split(b"\n"))
    lines.discard(b"")
    return sorted(lines)


def _sorted_nquads_lines(raw: bytes) -> list[bytes]:
    """Non-empty N-Quads lines ordered by (text after the last `` <``, line).

    That is the graph name for every named-graph statement. Sorting 2 million
    lines with a tuple key is slow in Python, so lines are grouped by that key
    first (the dump keeps a graph's statements together) and each group sorted
    alone: the order is the same.
    """
    groups: dict[bytes, list[bytes]] = {}
    for line in raw.split(b"\n"):
        if line:
            key = line.rpartition(b" <")[2]
            group = groups.get(key)
            if group is None:
                groups[key] = [line]
            else:
                group.append(line)
    out: list[bytes] = []
    for key in sorted(groups):
        group = groups[key]
        group.sort()
        out += group
    return out


def _turtle(items: Iterable[Any], fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
    """Turtle/TriG of already sorted statements, with the @prefix lines in sorted order."""
    data = ox.serialize(items, format=fmt, prefixes=TURTLE_PREFIXES)
    # Sort the leading @prefix lines without splitting the whole (large) text into lines.
    end = 0
    while data.startswith(b"@prefix ", end):
        newline = data.find(b"\n", end)
        if newline < 0:
            return b"\n".join(sorted(data.split(b"\n")))
        end = newline + 1
    if not end:
        return data
    return b"\n".join(sorted(data[: end - 1].split(b"\n"))) + data[end - 1:]


def write_dump(store: KgStore, path: str | Path, fmt: str = "turtle") -> Path:
    """Dump ``store`` to ``path`` atomically."""
    return write_atomic(path, store.dump(fmt))
