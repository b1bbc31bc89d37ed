"""CRF named-entity tagger for Kazakh (trained on KazNERD by ``graph.ner.train``).

``tag`` returns BIO labels over PERSON, ORGANIZATION, LOCATION and DATE only:
the model's GPE (countries, cities) comes out as LOCATION, and the other
KazNERD classes it knows are turned into ``O``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from graph.ner.features import lower_vocab_owner, sentence_features, set_lower_vocab

__all__ = ["DEFAULT_MODEL", "OUTPUT_TYPES", "load_tagger", "tag"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "ner.crfsuite"
OUTPUT_TYPES = frozenset(("PERSON", "ORGANIZATION", "LOCATION", "DATE"))
# Finer training types reported under an output type (kept in step with
# ``graph.ner.train.OUTPUT_ALIASES``; duplicated so tagging does not import training code).
_ALIASES = {"GPE": "LOCATION"}

_DEFAULT_KEY = str(DEFAULT_MODEL)
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


def _use_vocab(key: str) -> None:
    """Make the lower-case vocabulary of model ``key`` the active one (no-op when it is).

    The vocabulary (``<model>.vocab``, written by ``graph.ner.train``) feeds the
    ``lc`` features; a model without one gets an empty vocabulary.
    """
    if lower_vocab_owner() == key:
        return
    path = Path(key).with_suffix(".vocab")
    try:
        words = path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        log.warning("no vocabulary %s beside the NER model; tagging without it", path)
        words = []
    set_lower_vocab(words, owner=key)


def _set_default(tagger: object) -> None:
    global _default
    _default = tagger


def _clean(labels: Sequence[str], words: Sequence[str]) -> list[str]:
    """Rename GPE to LOCATION, drop non-output types to O, repair I- labels that lost their B-.

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
        typ = _ALIASES.get(typ, typ)
        lab = prefix + "-" + typ if typ else lab
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
    key = _DEFAULT_KEY if model is None else str(Path(model))
    # crfsuite taggers are not re-entrant; the lock keeps threaded callers safe
    # (and the active vocabulary belongs to the model that tags).
    with _lock:
        _use_vocab(key)
        raw = tagger.tag(sentence_features(words))  # type: ignore[attr-defined]
    return _clean(raw, words)
