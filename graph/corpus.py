"""Read a corpus folder (or files) into :class:`~graph.model.Document` objects.

Articles are UTF-8 ``.txt`` files; ``NAME.meta.json`` beside ``NAME.txt`` may give
``title``, ``url``, ``published`` and ``outlet``. Text is NFC-normalised and line
ends are unified to ``\\n`` so offsets are stable whatever editor saved the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import CorpusError
from .model import Document

log = logging.getLogger(__name__)

META_KEYS = ("title", "url", "published", "outlet")


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders and files into a sorted, de-duplicated list of ``.txt`` articles.

    Args:
        paths: folders (searched recursively for ``*.txt``) or single ``.txt`` files.

    Returns:
        Article paths sorted by name, so the build order never depends on the file system.

    Raises:
        CorpusError: a path does not exist or no article was found.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"corpus path not found: {path} — pass a folder of .txt articles or .txt files")
        if path.is_dir():
            root = path.resolve()
            for file in sorted(path.rglob("*.txt")):
                if file.is_symlink() and not file.resolve().is_relative_to(root):
                    log.warning("skipping %s: symlink points outside the corpus folder", file)
                    continue
                if file.is_file():
                    found.setdefault(_doc_id(file, path), file)
        elif path.suffix == ".txt" and path.is_file():
            found.setdefault(path.name, path)
        else:
            raise CorpusError(f"not a .txt article or a folder: {path}")
    if not found:
        raise CorpusError(f"no .txt articles found in {', '.join(map(str, paths))} — pass the folder that holds them")
    return [found[key] for key in sorted(found)]


def _doc_id(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix()


def decode_text(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes as UTF-8 (BOM allowed), normalise line ends and Unicode.

    Raises:
        CorpusError: the bytes are not UTF-8 text (binary or another encoding).
    """
    if b"\x00" in data:
        raise CorpusError(f"{name}: looks like a binary file (NUL bytes), not a UTF-8 article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{name}: not valid UTF-8 at byte {err.start} — re-save the article as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read one article and its optional sidecar ``NAME.meta.json``."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read ({err.strerror})") from None
    text = decode_text(data, str(path))
    meta = _read_meta(path.with_suffix(".meta.json"))
    return Document(
        id=doc_id or path.name,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        **{key: meta.get(key) for key in META_KEYS},
    )


def _read_meta(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        log.warning("ignoring %s: not a readable JSON object (%s)", path, err)
        return {}
    if not isinstance(raw, dict):
        log.warning("ignoring %s: expected a JSON object", path)
        return {}
    return {k: unicodedata.normalize("NFC", str(raw[k])) for k in META_KEYS if raw.get(k) is not None}


def read_corpus(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Yield the documents of a corpus in a stable order (see :func:`find_articles`)."""
    paths = list(paths)
    roots = [Path(p) for p in paths]
    for file in find_articles(roots):
        root = next((r for r in roots if r.is_dir() and file.is_relative_to(r)), None)
        yield read_document(file, _doc_id(file, root) if root else file.name)
