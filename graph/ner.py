"""CRF named-entity tagger for Kazakh (trained on KazNERD by ``graph.train``).

``tag`` returns BIO labels over PERSON, ORGANIZATION, LOCATION and DATE only;
the other KazNERD classes the model knows are turned into ``O``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from graph.features import sentence_features

__all__ = ["DEFAULT_MODEL", "OUTPUT_TYPES", "load_tagger", "tag"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "ner.crfsuite"
OUTPUT_TYPES = frozenset(("PERSON", "ORGANIZATION", "LOCATION", "DATE"))

_lock = threading.Lock()
_taggers: dict[str, object] = {}
_default: object | None = None


def load_tagger(path: Path | str | None = None):  # -> pycrfsuite.Tagger
    """Open (once) and return the CRF tagger.

    Args:
        path: Model file; defaults to ``graph/models/ner.crfsuite``.

    Returns:
        A cached ``pycrfsuite.Tagger``.

    Raises:
        FileNotFoundError: The model file does not exist (run ``kazkg train-ner``).
    """
    if path is None and _default is not None:
        return _default  # fast path: tag() calls this once per sentence
    import pycrfsuite

    p = Path(path) if path is not None else DEFAULT_MODEL
    key = str(p.resolve())
    with _lock:
        tagger = _taggers.get(key)
        if tagger is None:
            if not p.is_file():
                raise FileNotFoundError(
                    f"NER model not found: {p} (train it with `kazkg train-ner --data DIR`)"
                )
            tagger = pycrfsuite.Tagger()
            tagger.open(str(p))
            _taggers[key] = tagger
            log.debug("loaded NER model %s", p)
        if path is None:
            _set_default(tagger)
    return tagger


def _set_default(tagger: object) -> None:
    global _default
    _default = tagger


def _clean(labels: Sequence[str], words: Sequence[str]) -> list[str]:
    """Drop non-output types to O and repair I- labels that lost their B-.

    Punctuation at the edge of a span ("— Кертаев", "Динара ;") is dropped too.
    """
    labels = list(labels)
    n = len(labels)
    for i, (lab, w) in enumerate(zip(labels, words, strict=True)):
        if lab != "O" and not any(ch.isalnum() for ch in w):
            starts = lab.startswith("B-")
            ends = i + 1 >= n or not labels[i + 1].startswith("I-")
            if starts or ends:
                labels[i] = "O"
    out: list[str] = []
    prev = "O"
    for lab in labels:
        prefix, _, typ = lab.partition("-")
        if typ not in OUTPUT_TYPES:
            lab = "O"
        elif prefix == "I" and prev[2:] != typ:
            lab = "B-" + typ
        out.append(lab)
        prev = lab
    return out


def tag(words: Sequence[str], model: Path | str | None = None) -> list[str]:
    """Tag one sentence.

    Args:
        words: The sentence's tokens.
        model: Optional model path (default model otherwise).

    Returns:
        One BIO label per token (``B-PERSON``, ``I-DATE``, ``O`` ...).
    """
    if not words:
        return []
    tagger = load_tagger(model)
    # crfsuite taggers are not re-entrant; the lock keeps threaded callers safe.
    with _lock:
        raw = tagger.tag(sentence_features(words))  # type: ignore[attr-defined]
    return _clean(raw, words)
