"""Ranking slot candidates: a linear model over the engine's candidate features.

Every slot of a pattern file carries prior weights (``[slots.weights]``); the
shipped model ``models/slots.json``, written by ``kazkg train-relations``,
replaces them with weights learned from annotated articles. A candidate fills
its slot when it scores highest and above zero.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from graph.events.patterns import Slot

__all__ = ["MODEL_PATH", "Scorer", "default_scorer"]

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "slots.json"


class Scorer:
    """Weights by (fact kind, slot name), shared by the patterns of a kind; a slot without
    learned weights uses the priors of its pattern file."""

    def __init__(self, learned: Mapping[str, Mapping[str, float]] | None = None) -> None:
        self.learned = {k: dict(v) for k, v in (learned or {}).items()}

    def weights(self, kind: str, slot: Slot) -> Mapping[str, float]:
        return self.learned.get(f"{kind}/{slot.name}", slot.weights)

    def score(self, kind: str, slot: Slot, features: Mapping[str, float]) -> float:
        w = self.weights(kind, slot)
        return sum(w.get(name, 0.0) * value for name, value in features.items())


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    """The shipped model when there is one, else the pattern files' priors."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Scorer()
    except (OSError, ValueError) as err:
        log.warning("ignoring unreadable slot model %s (%s)", MODEL_PATH, err)
        return Scorer()
    return Scorer(data.get("weights", {}))
