"""Read a corpus folder (or files) into :class:`~graph.model.Document` objects.

Articles are ``.txt`` files, normally UTF-8; ``NAME.meta.json`` beside ``NAME.txt``
may give ``title``, ``url``, ``published`` and ``outlet``. Bytes are decoded and
cleaned by :mod:`graph.lang.textclean` (encodings, HTML, Latin script, invisible
characters, homoglyphs); ``Document.text`` is the cleaned text and every offset in
the graph refers to it. ``Document.sha256`` is the hash of the raw file.

Bad input policy (what ``kazkg build`` does):

* A file that cannot be used (binary, unreadable, undecodable, empty or whitespace
  only, larger than :data:`MAX_ARTICLE_BYTES` = 2 MB) is **skipped with a warning**; the
  build goes on with the other articles. With ``strict=True`` (``kazkg build
  --strict``) the first such problem, or any warning at all, fails the build.
* A file that needed repair (another encoding, a few invalid UTF-8 bytes, HTML,
  Latin script) is **used with a warning**.
* A broken sidecar ``.meta.json`` is ignored with a warning; so is one that is no
  regular file (a FIFO or device would block or never end) or is over 1 MB.
* Symlinks that point outside the corpus folder are skipped with a warning, for
  articles and sidecars alike: nothing outside the corpus is read.
* File and folder names that are not UTF-8, and folders that cannot be listed, are
  skipped with a warning.
* If no article is left, the build fails with one line that names the first reason.

Every warning is logged (logger ``graph.build.corpus``) and appended to the ``warnings``
list passed by the caller, so the CLI can count them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from graph.errors import CorpusError
from graph.model import Document
from graph.lang.textclean import clean_text, decode_bytes

log = logging.getLogger(__name__)

META_KEYS = ("title", "url", "published", "outlet")
# News articles are kilobytes; a bigger "article" is a dump or a mistake. Reading and cleaning
# 50 MB takes ~1.5 s, but the language layer needs ~40 s for 1 MB in one article (measured,
# superlinear), so one article is capped at 2 MB: a 50 MB file is skipped at once with a hint.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
MAX_META_BYTES = 1024 * 1024


class SkippedArticle(CorpusError):
    """An article that cannot be used; ``read_corpus`` skips it unless strict."""


def find_articles(paths: Iterable[str | Path], warnings: list[str] | None = None) -> list[Path]:
    """Expand folders and files into a sorted, de-duplicated list of ``.txt`` articles.

    Args:
        paths: folders (searched recursively for ``*.txt``) or single ``.txt`` files.
        warnings: list that receives (and logs) one line per skipped path (links, FIFOs);
            ``None`` skips them silently (``count_articles`` for progress bars).

    Returns:
        Article paths sorted by id, so the build order never depends on the file system.

    Raises:
        CorpusError: a path does not exist or no article was found.
    """
    return [file for _doc, file in _find(paths, warnings)]


def _find(paths: Iterable[str | Path], warnings: list[str] | None) -> list[tuple[str, Path]]:
    """``(doc id, path)`` of every article, sorted by id (see :func:`find_articles`)."""
    paths = list(paths)
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"corpus path not found: {path} — pass a folder of .txt articles or .txt files")
        if path.is_dir():
            for doc_id, file in _walk(path, warnings):
                found.setdefault(doc_id, file)
        elif path.suffix == ".txt" and path.is_file():
            if _utf8(path.name):
                found.setdefault(path.name, path)
            elif warnings is not None:
                _warn(warnings, f"skipping {shown(path)}: file name is not valid UTF-8 — rename it")
        else:
            raise CorpusError(f"not a .txt article or a folder: {path}")
    if not found:
        raise CorpusError(f"no .txt articles found in {', '.join(map(str, paths))} — pass the folder that holds them")
    return [(key, found[key]) for key in sorted(found)]


def _walk(folder: Path, warnings: list[str] | None) -> list[tuple[str, Path]]:
    """``(id relative to folder, path)`` of every usable ``*.txt`` under ``folder``.

    Symlinked folders are not followed. Symlinks leaving the folder, broken or
    looping links, and things that are not regular files (FIFOs, devices — reading
    them could block or never end) are skipped with a warning. Plain files cost no
    system call beyond the directory listing (10,000 articles in a few milliseconds).
    """
    def _skip(message: str) -> None:
        if warnings is not None:
            _warn(warnings, message)

    root = folder.resolve()
    out: list[tuple[str, Path]] = []

    def visit(here: Path, prefix: str) -> None:
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            _skip(f"skipping {shown(here)}: cannot read the folder ({err.strerror or type(err).__name__})")
            return
        subdirs, folders = [], set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                continue
            folders.add(entry.name)
            if entry.is_symlink():
                _skip(f"skipping {shown(here / entry.name)}: symlinked folders are not followed")
            elif not _utf8(entry.name):
                _skip(f"skipping {shown(here / entry.name)}: folder name is not valid UTF-8 — rename it")
            else:
                subdirs.append(entry.name)
        for entry in entries:
            if not entry.name.endswith(".txt") or entry.name in folders:
                continue
            file = here / entry.name
            if not _utf8(entry.name):
                # Ids, IRIs and messages are UTF-8; a name that is not cannot be one.
                _skip(f"skipping {shown(file)}: file name is not valid UTF-8 — rename it")
                continue
            if entry.is_symlink():
                try:
                    target = file.resolve(strict=True)
                except (OSError, RuntimeError):
                    _skip(f"skipping {file}: broken or looping symlink")
                    continue
                if not target.is_relative_to(root):
                    _skip(f"skipping {file}: symlink points outside the corpus folder")
                    continue
                if not target.is_file():
                    _skip(f"skipping {file}: not a regular file")
                    continue
            elif entry.is_dir(follow_symlinks=False):
                continue
            elif not entry.is_file(follow_symlinks=False):
                _skip(f"skipping {file}: not a regular file")
                continue
            out.append((prefix + entry.name, file))
        for name in subdirs:
            visit(here / name, f"{prefix}{name}/")

    visit(folder, "")
    return out


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


def shown(path: str | Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 written as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class UnsuitableFile(CorpusError):
    """A path that is no regular file, or too large; ``str(err)`` says which (without the path)."""


def read_regular(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    Opened without blocking and checked on the open descriptor, so a FIFO, a device
    such as /dev/zero, a socket or a folder is refused at once instead of hanging or
    filling memory, even when a name is swapped between a check and the read.

    Raises:
        UnsuitableFile: not a regular file, or larger than ``max_bytes``.
        OSError: it cannot be opened or read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsuitableFile(f"not a regular file ({_file_kind(info.st_mode)})")
        if max_bytes is not None and info.st_size > max_bytes:
            raise UnsuitableFile(f"{_size(info.st_size)} is larger than the {_size(max_bytes)} limit")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if max_bytes is not None and total > max_bytes:  # it grew while being read
                raise UnsuitableFile(f"more than the {_size(max_bytes)} limit")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


def _warn(warnings: list[str] | None, message: str) -> None:
    log.warning("%s", message)
    if warnings is not None:
        warnings.append(message)


def decode_text(data: bytes, name: str = "<bytes>", warnings: list[str] | None = None,
                encoding: str | None = None) -> str:
    """Decode and clean article bytes (see :mod:`graph.lang.textclean`).

    Args:
        data: raw bytes of the article.
        name: file name used in messages.
        warnings: list that receives one line per repair (also logged).
        encoding: force a codec instead of detecting one.

    Returns:
        The cleaned text (LF line ends, NFC, no invisible characters).

    Raises:
        CorpusError: binary bytes or an encoding that cannot be recognised.
    """
    text, _enc, notes = decode_bytes(data, name, encoding)
    cleaned = clean_text(text, name)
    for note in notes + cleaned.warnings:
        _warn(warnings, note)
    return cleaned.text


def read_key(doc_id: str, sha256: str, meta: bytes | None, encoding: str | None, meta_problem: str | None = None) -> str:
    """Everything an article's :class:`Document` is made from, as one string.

    Equal keys mean equal documents: the same name, the same bytes, the same
    sidecar bytes (by digest), or the same reason not to read it, and the same
    forced encoding.
    """
    digest = hashlib.sha256(meta).hexdigest() if meta is not None else (meta_problem or "")
    return f"{doc_id}\0{sha256}\0{digest}\0{encoding or ''}"


Reuse = Mapping[str, tuple[Document, tuple[str, ...]]]


def read_document(path: Path, doc_id: str | None = None, *, warnings: list[str] | None = None,
                  encoding: str | None = None, max_bytes: int | None = None,
                  reuse: Reuse | None = None, keys: dict[str, str] | None = None) -> Document:
    """Read, decode and clean one article and its optional sidecar ``NAME.meta.json``.

    Args:
        path: the ``.txt`` file.
        doc_id: id to give the document (default: the file name).
        warnings: list that receives one line per repair (also logged).
        encoding: force a codec instead of detecting one.
        max_bytes: refuse files larger than this (default :data:`MAX_ARTICLE_BYTES`).
        reuse: documents already read, by :func:`read_key`, with their reading
            warnings: a hit skips decoding and cleaning and returns that document
            (an incremental build passes them without their text).
        keys: receives ``{doc_id: read_key}``.

    Returns:
        The document; its ``text`` is the cleaned text that offsets refer to.

    Raises:
        SkippedArticle: unreadable, too large, binary, undecodable or empty.
    """
    max_bytes = MAX_ARTICLE_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkippedArticle(
                f"{path}: {_size(size)} is larger than the {_size(max_bytes)} limit for one article "
                "— split it into articles"
            )
        data = path.read_bytes()
    except OSError as err:
        raise SkippedArticle(f"{path}: cannot read ({err.strerror or type(err).__name__})") from None
    doc_id = doc_id or path.name
    sha256 = hashlib.sha256(data).hexdigest()
    meta_path = path.with_suffix(".meta.json")
    meta_raw, meta_problem = _sidecar_bytes(meta_path, _corpus_root(path, doc_id))
    if reuse is not None or keys is not None:
        key = read_key(doc_id, sha256, meta_raw, encoding, meta_problem)
        if keys is not None:
            keys[doc_id] = key
        if reuse is not None and key in reuse:
            doc, old_notes = reuse[key]
            for note in old_notes:
                _warn(warnings, note)
            # Same name and bytes in another folder (a moved corpus): the path is this one.
            return doc if doc.path == str(path) else dataclasses.replace(doc, path=str(path))
    notes: list[str] = []
    try:
        text, _enc, decode_notes = decode_bytes(data, str(path), encoding)
    except SkippedArticle:
        raise
    except CorpusError as err:
        raise SkippedArticle(str(err)) from None
    cleaned = clean_text(text, str(path))
    notes.extend(decode_notes + cleaned.warnings)
    if not cleaned.text.strip():
        raise SkippedArticle(f"{path}: empty article (no text{' after cleaning' if data.strip() else ''})")
    if "\ufffd" in cleaned.text and cleaned.text.count("\ufffd") * 2 > len(cleaned.text.strip()):
        raise SkippedArticle(f"{path}: mostly undecodable bytes — re-save the article as UTF-8")
    for note in notes:
        _warn(warnings, note)
    if meta_problem:
        _warn(warnings, f"ignoring {shown(meta_path)}: {meta_problem}")
    meta = _read_meta(meta_path, meta_raw, warnings)
    if "title" not in meta and cleaned.title:
        meta["title"] = cleaned.title
    return Document(
        id=doc_id,
        path=str(path),
        text=cleaned.text,
        sha256=sha256,
        **{key: meta.get(key) for key in META_KEYS},
    )


def _corpus_root(path: Path, doc_id: str) -> Path:
    """The corpus folder an article was found in: its id is its path below that folder."""
    depth = len(Path(doc_id).parts)
    return path.parents[depth - 1].resolve() if 0 < depth <= len(path.parents) else path.parent.resolve()


def _sidecar_bytes(path: Path, root: Path) -> tuple[bytes | None, str | None]:
    """The bytes of a sidecar, or None and why it may not be read (None, None: there is none).

    A sidecar is read like an article: a symlink must stay inside the corpus folder,
    and only a regular file of at most :data:`MAX_META_BYTES` is read (a FIFO or
    /dev/zero would block the build or fill its memory).
    """
    try:
        link = path.is_symlink()
        if not link and not os.path.lexists(path):
            return None, None
        if link:
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return None, "broken or looping symlink"
            if not target.is_relative_to(root):
                return None, "symlink points outside the corpus folder"
        return read_regular(path, MAX_META_BYTES), None
    except UnsuitableFile as err:
        return None, str(err)
    except OSError as err:
        return None, f"cannot read ({err.strerror or type(err).__name__})"


def _read_meta(path: Path, data: bytes | None, warnings: list[str] | None = None) -> dict[str, str]:
    if data is None:
        return {}
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        _warn(warnings, f"ignoring {path}: not a readable JSON object ({type(err).__name__}: {err})".splitlines()[0])
        return {}
    if not isinstance(raw, dict):
        _warn(warnings, f"ignoring {path}: expected a JSON object")
        return {}
    meta = {}
    for key in META_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            _warn(warnings, f"{path}: ignoring {key!r}: expected a string")
            continue
        # Sidecars are untrusted too: same cleaning as the text, on one line.
        text = " ".join(clean_text(str(value), str(path)).text.split())
        if text:
            meta[key] = unicodedata.normalize("NFC", text)
    return meta


def read_corpus(paths: Iterable[str | Path], *, strict: bool = False, warnings: list[str] | None = None,
                encoding: str | None = None, max_bytes: int | None = None,
                reuse: Reuse | None = None, keys: dict[str, str] | None = None,
                notes: dict[str, list[str]] | None = None) -> Iterator[Document]:
    """Yield the documents of a corpus in a stable order (see :func:`find_articles`).

    Args:
        paths: corpus folders or ``.txt`` files.
        strict: fail on the first skipped article or warning instead of going on.
        warnings: list that receives one line per warning (also logged).
        encoding: force a codec for every article instead of detecting one.
        max_bytes: larger articles are skipped (or fail the build when strict).
        reuse: see :func:`read_document`.
        keys: receives ``{doc_id: read_key}`` of every article read.
        notes: receives ``{doc_id: [warning, ...]}``: the reading warnings of each article yielded.

    Raises:
        CorpusError: a path is missing, no article is usable, or (strict) any problem.
    """
    paths = list(paths)
    roots = [Path(p) for p in paths]
    collected: list[str] = [] if warnings is None else warnings
    before = len(collected)
    files = _find(roots, collected)
    if strict and len(collected) > before:
        raise CorpusError(f"{collected[before]} (--strict)")
    yielded = 0
    first_problem: str | None = None
    for doc_id, file in files:
        doc_warnings: list[str] = []
        try:
            doc = read_document(file, doc_id, warnings=doc_warnings,
                                encoding=encoding, max_bytes=max_bytes, reuse=reuse, keys=keys)
        except SkippedArticle as err:
            if strict:
                raise CorpusError(f"{err} (--strict)") from None
            first_problem = first_problem or str(err)
            _warn(collected, f"skipped {err}")
            continue
        collected.extend(doc_warnings)
        if notes is not None:
            notes[doc.id] = doc_warnings
        if strict and doc_warnings:
            raise CorpusError(f"{doc_warnings[0]} (--strict)")
        yielded += 1
        yield doc
    if not yielded:
        where = ", ".join(map(str, paths))
        raise CorpusError(f"no readable articles in {where}: {first_problem}")

