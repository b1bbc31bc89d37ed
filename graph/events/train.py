"""Learning the slot weights from annotated articles (``kazkg train-relations``).

The engine describes every candidate filler of a slot by features; the weights
that rank them start as the priors written in the pattern files. Training runs
the engine over articles with gold facts, labels each candidate by whether its
entity fills that role in the gold (the defendant of a sentencing with this
term, a protester, a beneficiary, a listed person, a lister, a court), and fits
one logistic model per fact kind and slot. The fit is pulled towards the
priors (an L2 penalty on the distance from them), so a slot with few examples
keeps what the pattern file says. Deterministic: same data, same weights.
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.evaluate import Gold, term_key
from graph.events.patterns import Pattern, Slot, load_patterns
from graph.events.scoring import MODEL_PATH, Scorer

__all__ = ["Example", "collect_examples", "fit_weights", "train_relations"]

log = logging.getLogger(__name__)

Key = tuple[str, str]
# Slots whose fillers the gold names (dates, places and literals keep their priors).
_LEARNED = {
    ("Sentencing", "defendant"), ("Sentencing", "court"), ("Verdict", "court"),
    ("Protest", "protester"), ("Protest", "beneficiary"),
    ("Listing", "listed"), ("Listing", "lister"),
}


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate: its features and whether the gold says it fills the slot.

    ``choice`` numbers the slot filling it competes in (one anchor, one slot).
    """

    model: str  # "<kind>/<slot>"
    choice: int
    features: tuple[tuple[str, float], ...]
    label: bool


@dataclass
class _DocGold:
    """The roles the gold of one article gives, by canonical label."""

    defendants: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    courts: set[str] = field(default_factory=set)
    protesters: set[str] = field(default_factory=set)
    beneficiaries: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)
    listers: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Mapping) -> _DocGold:
        out = cls()
        req = doc.get("required", {})
        for s in req.get("sentencing", []):
            out.defendants[term_key(s.get("term"), s.get("termYears"))].add(s["defendant"])
            if s.get("court"):
                out.courts.add(s["court"])
        for defendant, court in req.get("sentencedBy", []):
            out.courts.add(court)
        for protester, beneficiary in req.get("protestedFor", []):
            out.protesters.add(protester)
            out.beneficiaries.add(beneficiary)
        for listed, lister in req.get("listedBy", []):
            out.listed.add(listed)
            out.listers.add(lister)
        return out

    def fills(self, kind: str, slot: str, labels: set[str], term: str) -> bool:
        if kind == "Sentencing" and slot == "defendant":
            return bool(labels & self.defendants.get(term_key(term), set())) if term else False
        table = {
            "court": self.courts, "protester": self.protesters, "beneficiary": self.beneficiaries,
            "listed": self.listed, "lister": self.listers,
        }
        return bool(labels & table.get(slot, set()))


class _Recorder:
    """The engine's observer: keeps every candidate of a learned slot with its gold label."""

    def __init__(self, gold: Gold, doc_gold: _DocGold, names: Mapping[Key, set[str]]) -> None:
        self.gold, self.doc_gold, self.names = gold, doc_gold, names
        self.examples: list[Example] = []
        self.choices = 0

    def _labels(self, keys: Iterable[Key]) -> set[str]:
        out = set()
        for key in keys:
            hit = self.gold.canon(self.names.get(key, {key[1]}))
            if hit:
                out.add(hit)
        return out

    def candidates(self, pattern: Pattern, slot: Slot, st: object, anchor: object, cands: Sequence) -> None:
        if (pattern.kind, slot.name) not in _LEARNED:
            return
        term = getattr(anchor, "value", "")
        self.choices += 1
        for c in cands:
            label = self.doc_gold.fills(pattern.kind, slot.name, self._labels(c.keys), term) if c.keys else False
            self.examples.append(Example(f"{pattern.kind}/{slot.name}", self.choices,
                                         tuple(sorted(c.features.items())), label))


def collect_examples(sets: Iterable[tuple[Path, Path]], scorer: Scorer | None = None) -> list[Example]:
    """Run the engine over annotated articles and label every candidate.

    Args:
        sets: (gold JSON, folder of its articles) pairs.
        scorer: The weights the engine ranks with while collecting (default: priors).

    Returns:
        The examples, in article and text order.
    """
    from graph.annotate.document import annotate
    from graph.annotate.entities import resolve_entities
    from graph.build.corpus import read_document
    from graph.build.pipeline import analyse_document, bare_forms
    from graph.events.engine import extract_document

    examples: list[Example] = []
    for gold_path, folder in sets:
        data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        names = sorted(n for n in data["documents"] if (Path(folder) / n).is_file())
        docs = [read_document(Path(folder) / n, doc_id=n) for n in names]
        known = bare_forms(docs)
        for doc in docs:
            sentences, mentions = analyse_document(doc, known)
            entities, links = resolve_entities(mentions, sentences)
            labels: dict[Key, set[str]] = {e.key: {e.label, *e.alt_labels} for e in entities}
            recorder = _Recorder(Gold(data, [doc.id]), _DocGold.of(data["documents"][doc.id]), labels)
            recorder.choices = len({(ex.model, ex.choice) for ex in examples}) * 10_000  # unique across articles
            extract_document(annotate(sentences, mentions, links), scorer=scorer or Scorer(), observer=recorder)
            examples += recorder.examples
        log.info("%s: %d articles, %d candidates so far", gold_path, len(docs), len(examples))
    return examples


def _priors() -> dict[str, dict[str, float]]:
    """The pattern files' weights by model; patterns of one kind share a slot's weights."""
    out: dict[str, dict[str, float]] = {}
    for p in load_patterns():
        for slot in p.slots:
            if (p.kind, slot.name) in _LEARNED:
                out.setdefault(f"{p.kind}/{slot.name}", dict(slot.weights))
    return out


def fit_weights(examples: Sequence[Example], priors: Mapping[str, Mapping[str, float]], *,
                strength: float = 1.0, epochs: int = 300, rate: float = 0.1) -> dict[str, dict[str, float]]:
    """Fit each model as the engine decides: among a slot's candidates and "nobody" (score 0),
    the gold filler should score highest (a conditional logit), pulled towards the priors.

    The loss of a model is the mean, over its slot fillings, of ``-log P(gold choice)``
    plus ``strength * |w - prior|² / fillings``; features the priors do not name start at 0.
    A filling whose candidates are all wrong has "nobody" as its gold choice.
    """
    by_model: dict[str, dict[int, list[Example]]] = defaultdict(lambda: defaultdict(list))
    for ex in examples:
        by_model[ex.model][ex.choice].append(ex)
    out: dict[str, dict[str, float]] = {}
    for model in sorted(by_model):
        choices = [by_model[model][c] for c in sorted(by_model[model])]
        prior = dict(priors.get(model, {}))
        names = sorted({f for group in choices for ex in group for f, _ in ex.features} | set(prior))
        w = {f: prior.get(f, 0.0) for f in names}
        n = len(choices)
        for _ in range(epochs):
            grad = {f: 2.0 * strength / n * (w[f] - prior.get(f, 0.0)) for f in names}
            for group in choices:
                _softmax_gradient(group, w, grad, 1.0 / n)
            for f in names:
                w[f] -= rate * grad[f]
        out[model] = {f: round(v, 4) for f, v in w.items() if abs(v) > 1e-4}
        log.info("%s: %d fillings, %d candidates", model, n, sum(len(g) for g in choices))
    return out


def _softmax_gradient(group: Sequence[Example], w: Mapping[str, float], grad: dict[str, float],
                      scale: float) -> None:
    """Add the gradient of ``-log P(gold)`` for one filling (candidates plus "nobody" at 0)."""
    scores = [max(-30.0, min(30.0, sum(w[f] * v for f, v in ex.features))) for ex in group]
    top = max([0.0, *scores])
    exps = [math.exp(s - top) for s in scores]
    total = math.exp(-top) + sum(exps)
    gold = [k for k, ex in enumerate(group) if ex.label]
    # Several gold candidates (a coordination): the mass of any of them counts.
    target = [1.0 / len(gold) if k in gold else 0.0 for k in range(len(group))]
    for k, ex in enumerate(group):
        coeff = (exps[k] / total - target[k]) * scale
        for f, v in ex.features:
            grad[f] += coeff * v


def train_relations(sets: Sequence[tuple[Path, Path]], output: Path = MODEL_PATH, *, rounds: int = 2,
                    strength: float = 1.0) -> dict:
    """Learn the slot weights from annotated articles and write them to ``output``.

    Candidates depend on earlier choices (who another slot took, what the memory
    holds), so collection and fitting alternate ``rounds`` times.

    Returns:
        A summary: articles' candidates, positives and the models written.
    """
    from graph.rdf.store import write_atomic

    priors = _priors()
    weights: dict[str, dict[str, float]] = {}
    examples: list[Example] = []
    for _ in range(rounds):
        examples = collect_examples(sets, Scorer(weights))
        weights = fit_weights(examples, priors, strength=strength)
    data = {
        "about": "Slot weights of the kazkg event engine, learned by `kazkg train-relations` from "
                 "annotated articles (see graph/events/train.py); keys are <fact kind>/<slot>.",
        "trained_on": [str(Path(g).name) for g, _ in sets],
        "candidates": len(examples),
        "positives": sum(ex.label for ex in examples),
        "weights": weights,
    }
    write_atomic(output, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return {k: v for k, v in data.items() if k != "weights"} | {"models": sorted(weights)}
