"""Score extracted facts against a gold annotation (same logic as the shared score.py).

The shared scorer reads an RDF graph; this one reads the pipeline's own
``Entity`` and ``Fact`` objects, so tests can score a stage without writing
RDF. Relations are derived as the RDF writer does: ``listedBy`` from Listing
(listed → lister), ``protestedFor`` from Protest (protester → beneficiary),
``sentencedBy`` from Sentencing (defendant → court), and sentencing keys
(defendant, term). Labels are compared after NFC, case folding and quote
removal; gold 'lenient' facts count neither as hits nor as errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graph.model import Entity, Fact

__all__ = ["Gold", "derive_relations", "evaluate_corpus", "prf", "score_facts", "term_key"]

QUOTES = "«»\"“”„'’‘`"
ORG_HEADS = (
    "альянсы",
    "қоғамдық альянсы",
    "қоғамдық бірлестігі",
    "бірлестігі",
    "ұлттық компаниясы",
    "компаниясы",
    "радиосы",
    "партиясы",
    "ұйымы",
    "қоры",
    "қозғалысы",
    "газеті",
    "сайты",
)
RELATIONS = ("listedBy", "protestedFor", "sentencedBy")
DURATION = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$"
)


def term_key(duration: object = None, years: object = None) -> tuple:
    """A comparable (months, days) pair for an ISO 8601 duration or a number of years.

    Args:
        duration: An ISO 8601 duration such as ``P2Y6M``.
        years: A number of years, used when ``duration`` is None.

    Returns:
        ``(months, days)`` or ``("unreadable", text)``.
    """
    if duration is not None:
        m = DURATION.match(str(duration).strip())
        if not m:
            return ("unreadable", str(duration))
        y, mo, w, d = (float(x) if x else 0.0 for x in m.groups())
        return (round(y * 12 + mo), round(w * 7 + d))
    try:
        return (round(float(years) * 12), 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ("unreadable", str(years))


def norm(text: str) -> str:
    """NFC, quotes removed, spaces collapsed, case-folded."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if ch not in QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


class Gold:
    """Gold facts and name aliases of a seeds.json-style annotation."""

    def __init__(self, data: Mapping[str, Any], docs: Iterable[str] | None = None):
        """Read the annotation.

        Args:
            data: The parsed JSON (``{"documents": {file: {...}}}``).
            docs: Restrict to these document ids (file names); all when None.
        """
        self.alias: dict[str, str] = {}
        self.required: dict[str, set] = defaultdict(set)
        self.lenient: dict[str, set] = defaultdict(set)
        self.sentencing: dict[tuple, dict] = {}
        self.entities: dict[str, set[str]] = defaultdict(set)
        wanted = set(docs) if docs is not None else None
        for name, doc in data["documents"].items():
            if wanted is not None and name not in wanted:
                continue
            for ent in doc.get("entities", []):
                label = ent["label"]
                etype = "Organization" if ent["type"] == "Court" else ent["type"]
                self.entities[etype].add(label)
                names = [label, *ent.get("aliases", [])]
                if ent["type"] in ("Organization", "Court"):
                    names += [f"{n} {head}" for n in list(names) for head in ORG_HEADS]
                    names += [n[: -len("соты")] + "сот" for n in list(names) if n.endswith(" соты")]
                for n in names:
                    self.alias.setdefault(norm(n), label)
            for kind in RELATIONS:
                for s, o in doc.get("required", {}).get(kind, []):
                    self.required[kind].add((s, o))
                for s, o in doc.get("lenient", {}).get(kind, []):
                    self.lenient[kind].add((s, o))
            for sent in doc.get("required", {}).get("sentencing", []):
                key = (sent["defendant"], term_key(sent.get("term"), sent.get("termYears")))
                self.sentencing[key] = sent

    def canon(self, names: Iterable[str]) -> str | None:
        """The gold label matching any of the names, or None.

        A name that is a gold label wins over one that is only an alias of another label, and
        ties go to the first name in sorted order, so the answer never depends on set order.
        """
        ordered = sorted(names)
        labels = {norm(label) for labels in self.entities.values() for label in labels}
        for n in ordered:
            if norm(n) in labels and self.alias.get(norm(n)):
                return self.alias[norm(n)]
        for n in ordered:
            hit = self.alias.get(norm(n))
            if hit:
                return hit
        return None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 when there is nothing to find and nothing found)."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def derive_relations(facts: Iterable[Fact]) -> dict[str, set]:
    """Truthy edges and sentencing keys implied by the facts, with entity keys.

    Args:
        facts: Extracted facts.

    Returns:
        ``{"listedBy": {(listed, lister)}, "protestedFor": ..., "sentencedBy": ...,
        "sentencing": {(defendant, iso)}}`` with entity keys as subjects/objects.
    """
    out: dict[str, set] = defaultdict(set)
    for f in facts:
        if f.kind == "Listing":
            out["listedBy"].update((a, b) for a in f.get("listed") for b in f.get("lister"))
        elif f.kind == "Protest":
            out["protestedFor"].update((a, b) for a in f.get("protester") for b in f.get("beneficiary"))
        elif f.kind == "Verdict":
            out["sentencedBy"].update((a, b) for a in f.get("defendant") for b in f.get("court"))
        elif f.kind == "Sentencing":
            out["sentencedBy"].update((a, b) for a in f.get("defendant") for b in f.get("court"))
            out["sentencing"].update((a, t) for a in f.get("defendant") for t in f.get("term"))
    return out


def score_facts(gold: Gold, entities: Iterable[Entity], facts: Iterable[Fact]) -> dict[str, dict]:
    """Score facts and entities like the shared RDF scorer.

    Args:
        gold: The gold annotation.
        entities: Resolved entities (their labels and alt labels are matched to gold names).
        facts: Extracted facts.

    Returns:
        One row per relation, ``sentencing``, ``entities:<type>`` and
        ``overall (relations)``; each with precision, recall, f1, tp, fp, fn,
        and lists ``wrong`` and ``missed``.
    """
    facts = list(facts)
    entities = list(entities) + [e for f in facts for e in f.introduces]
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entities:
        names[e.key] |= {e.label, *e.alt_labels}

    def label(key: tuple[str, str]) -> str:
        ns = names.get(key, {key[1]})
        return gold.canon(ns) or ("?" + min(ns))

    derived = derive_relations(facts)
    rows: dict[str, dict] = {}
    for kind in RELATIONS:
        pred = {(label(s), label(o)) for s, o in derived[kind]} - gold.lenient[kind]
        req = gold.required[kind]
        rows[kind] = {
            "tp": len(pred & req),
            "fp": len(pred - req),
            "fn": len(req - pred),
            "wrong": sorted(pred - req),
            "missed": sorted(req - pred),
        }
    pred_sent = {(label(d), term_key(duration=t)) for d, t in derived["sentencing"]}
    gold_keys = set(gold.sentencing)
    rows["sentencing"] = {
        "tp": len(pred_sent & gold_keys),
        "fp": len(pred_sent - gold_keys),
        "fn": len(gold_keys - pred_sent),
        "wrong": sorted(map(str, pred_sent - gold_keys)),
        "missed": sorted(map(str, gold_keys - pred_sent)),
    }
    ents = list({e.key: e for e in entities}.values())
    for etype in ("Person", "Place", "Organization"):
        classes = [etype] + (["Court", "Group"] if etype == "Organization" else [])
        pred_e = {label(e.key) for e in ents if e.cls in classes}
        goldset = set(gold.entities[etype]) | (gold.entities["Group"] if etype == "Organization" else set())
        rows["entities:" + etype] = {
            "tp": len(pred_e & goldset),
            "fp": len(pred_e - goldset),
            "fn": len(goldset - pred_e),
            "wrong": sorted(pred_e - goldset),
            "missed": sorted(goldset - pred_e),
        }
    for row in rows.values():
        row["precision"], row["recall"], row["f1"] = prf(row["tp"], row["fp"], row["fn"])
    rel = [rows[k] for k in (*RELATIONS, "sentencing")]
    tp, fp, fn = (sum(r[k] for r in rel) for k in ("tp", "fp", "fn"))
    p, r, f = prf(tp, fp, fn)
    rows["overall (relations)"] = {
        "precision": p,
        "recall": r,
        "f1": f,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "wrong": [],
        "missed": [],
    }
    return rows


def format_rows(rows: Mapping[str, Mapping[str, Any]], show: bool = False) -> str:
    """A plain-text table of :func:`score_facts` rows (for test failure messages)."""
    lines = [f"{'fact':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, row in rows.items():
        lines.append(
            f"{name:24} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
            f"{row['tp']:4} {row['fp']:4} {row['fn']:4}"
        )
        if show and row.get("missed"):
            lines.append("   missed: " + "; ".join(map(str, row["missed"])))
        if show and row.get("wrong"):
            lines.append("   wrong:  " + "; ".join(map(str, row["wrong"])))
    return "\n".join(lines)


def evaluate_corpus(paths: Iterable[str | Path], gold_path: str | Path, *, extractor: str = "patterns"
                    ) -> dict[str, dict]:
    """Build the articles of ``paths`` and score them against a gold annotation.

    Only the gold of the articles built is used, so a gold file that covers more
    articles than the corpus does not count the others as misses.

    Args:
        paths: Corpus folders or ``.txt`` files.
        gold_path: A gold JSON file in the schema of ``seeds.json``.
        extractor: Fact extractor name.

    Returns:
        The rows of :func:`score_facts`.

    Raises:
        KazkgError: The gold file is unreadable or names none of the articles.
    """
    import json

    from graph.build.pipeline import build_graph
    from graph.errors import KazkgError

    try:
        data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        documents = data["documents"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise KazkgError(f"{gold_path}: not a readable gold file ({type(err).__name__}: {err})") from None
    result = build_graph(paths, extractor=extractor)
    built = [d.id for d in result.documents]
    covered = [d for d in built if d in documents]
    if not covered:
        raise KazkgError(f"{gold_path} annotates none of the {len(built)} articles built (ids are file names)")
    return score_facts(Gold(data, covered), result.entities, result.facts)
