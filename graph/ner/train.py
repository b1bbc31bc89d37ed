"""Train and evaluate the CRF named-entity tagger on KazNERD (IOB2).

Data: KazNERD, Yeshpanov, Khassanov, Varol, "KazNERD: Kazakh Named Entity
Recognition Dataset", LREC 2022, licensed CC BY 4.0.

The other KazNERD classes are kept as three coarse training classes
(POSITION, NUMERIC, NAME: they teach the model what a DATE or an
ORGANIZATION is *not*); ``graph.ner.tagger.tag`` outputs only PERSON,
ORGANIZATION, LOCATION and DATE. GPE (countries, cities) is learnt apart
from LOCATION (rivers, mountains, streets) and reported as LOCATION.

KazNERD holds many sentences twice (numbers as digits and as words), so
both the k-fold cross-validation (``cross_validate``) and the held-out dev
part deal out whole groups of near-duplicate sentences; a random line split
would put one copy in train and its twin in dev and inflate the score.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from graph.ner.features import sentence_features, set_lower_vocab

__all__ = [
    "LABEL_MAP",
    "OUTPUT_TYPES",
    "cross_validate",
    "evaluate",
    "group_sentences",
    "lower_vocab",
    "map_label",
    "output_labels",
    "read_iob2",
    "spans",
    "train_ner",
]

log = logging.getLogger(__name__)

OUTPUT_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "DATE")
# KazNERD type -> training type. The other 20 KazNERD classes still teach the
# model what our four types are *not*, but merged into three coarse classes
# (positions, numeric expressions, other names): 17 labels instead of 49 make
# Viterbi ~8x cheaper, and the shipped tagger outputs only OUTPUT_TYPES.
_NUMERIC = ("CARDINAL", "MONEY", "QUANTITY", "PERCENTAGE", "ORDINAL", "TIME")
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORGANISATION": "ORGANIZATION",
    "GPE": "GPE",
    "LOCATION": "LOCATION",
    "DATE": "DATE",
    "POSITION": "POSITION",
    **{t: "NUMERIC" for t in _NUMERIC},
}
# Training types that the tagger reports under another output type. GPE
# (countries, cities) and LOCATION (rivers, mountains, streets) look different
# in text, so the model learns them apart; both come out as LOCATION.
OUTPUT_ALIASES = {"GPE": "LOCATION"}
OTHER_TYPE = "NAME"  # NORP, FACILITY, EVENT, ART, PROJECT, PRODUCT, LAW, ...
# Regularisation chosen once by 5-fold group cross-validation of the final
# feature set (c2 in {0.01, 0.05, 0.1} at c1 = 0.05; micro F1 0.887 / 0.892 /
# 0.890, 0.05 better than 0.01 on every fold), not tuned further.
C1 = 0.05
C2 = 0.05
MAX_ITERATIONS = 150
MIN_FEATURE_FREQ = 2
# A word joins the lower-case vocabulary (feature ``lc``) after this many
# lower-case occurrences in the training part.
LOWER_MIN_COUNT = 2

_NUM_RE = re.compile(
    r"^(бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|"
    r"жетпіс|сексен|тоқсан|жүз|мың|миллион|миллиард)",
    re.IGNORECASE,
)

Sentence = tuple[list[str], list[str]]


def map_label(label: str) -> str:
    """Map a KazNERD IOB2 label to a training label (``B-GPE`` -> ``B-LOCATION``).

    Args:
        label: A KazNERD label such as ``B-ORGANISATION`` or ``O``.

    Returns:
        The label with its type renamed by ``LABEL_MAP`` (unlisted types
        become ``NAME``).
    """
    if label == "O" or "-" not in label:
        return "O"
    prefix, _, typ = label.partition("-")
    return prefix + "-" + LABEL_MAP.get(typ, OTHER_TYPE)


def output_labels(labels: Sequence[str]) -> list[str]:
    """Rename training types to output types (``B-GPE`` -> ``B-LOCATION``).

    Args:
        labels: BIO labels over training types.

    Returns:
        The labels with ``OUTPUT_ALIASES`` applied.
    """
    out = []
    for lab in labels:
        prefix, _, typ = lab.partition("-")
        alias = OUTPUT_ALIASES.get(typ)
        out.append(prefix + "-" + alias if alias else lab)
    return out


def read_iob2(path: Path) -> list[Sentence]:
    """Read an IOB2 file (``token LABEL`` lines, blank line between sentences).

    Args:
        path: The file.

    Returns:
        (words, labels) per sentence, labels mapped by ``map_label``.
    """
    out: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if words:
                    out.append((words, labels))
                    words, labels = [], []
                continue
            if len(parts) < 2:
                continue
            words.append(parts[0])
            labels.append(map_label(parts[-1]))
    if words:
        out.append((words, labels))
    return out


def group_sentences(sents: Sequence[Sentence]) -> list[int]:
    """Assign a group id to each sentence so near-duplicates share a group.

    Two sentences join a group when their first five or last five content
    words (numbers in digits or words removed) agree; union-find merges chains.

    Args:
        sents: (words, labels) sentences.

    Returns:
        One group id per sentence.
    """
    parent = list(range(len(sents)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    contents = [
        [
            w.lower()
            for w in ws
            if any(c.isalpha() for c in w) and not any(c.isdigit() for c in w) and not _NUM_RE.match(w)
        ]
        for ws, _ in sents
    ]
    for key_of in (lambda c: tuple(c[:5]), lambda c: tuple(c[-5:])):
        seen: dict[tuple, int] = {}
        for i, c in enumerate(contents):
            key = ("full", *c) if len(c) < 3 else key_of(c)
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    return [find(i) for i in range(len(sents))]


def spans(labels: Sequence[str], types: Iterable[str] = OUTPUT_TYPES) -> set[tuple[str, int, int]]:
    """Extract (type, start, end) token spans from BIO labels.

    Args:
        labels: BIO labels; a stray ``I-`` starts a new span.
        types: Types to keep.

    Returns:
        The set of spans, end exclusive.
    """
    keep = set(types)
    out: set[tuple[str, int, int]] = set()
    cur: str | None = None
    start = 0
    for i, lab in enumerate([*labels, "O"]):
        prefix, _, typ = lab.partition("-")
        if cur is not None and (prefix != "I" or typ != cur):
            if cur in keep:
                out.add((cur, start, i))
            cur = None
        if prefix == "B" or (prefix == "I" and cur is None):
            cur, start = typ, i
    return out


def evaluate(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], types: Iterable[str] = OUTPUT_TYPES
) -> dict[str, dict[str, float]]:
    """Token-snapped span precision/recall/F1 per type (exact token span match).

    Args:
        gold: Gold BIO label sequences.
        pred: Predicted BIO label sequences (same lengths).
        types: Types to score.

    Returns:
        ``{type: {"p", "r", "f1", "support"}}`` plus ``"micro"``.
    """
    types = tuple(types)
    tp: Counter[str] = Counter()
    ng: Counter[str] = Counter()
    np_: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g, types), spans(p, types)
        for t, _, _ in gs:
            ng[t] += 1
        for t, _, _ in ps:
            np_[t] += 1
        for t, _, _ in gs & ps:
            tp[t] += 1

    def prf(a: int, b: int, c: int) -> dict[str, float]:
        p = a / b if b else 0.0
        r = a / c if c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": c}

    res = {t: prf(tp[t], np_[t], ng[t]) for t in types}
    res["micro"] = prf(sum(tp.values()), sum(np_.values()), sum(ng.values()))
    return res


def lower_vocab(sents: Sequence[Sentence], min_count: int = LOWER_MIN_COUNT) -> list[str]:
    """Words seen in lower case in the training sentences (sorted, lower-cased).

    Args:
        sents: (words, labels) training sentences.
        min_count: Lower-case occurrences a word needs.

    Returns:
        The sorted vocabulary.
    """
    counts = Counter(w for ws, _ in sents for w in ws if w[:1].islower() and any(c.isalpha() for c in w))
    return sorted(w for w, c in counts.items() if c >= min_count)


def _fit(
    train: Sequence[Sentence], out: Path, c1: float, c2: float, max_iterations: int = MAX_ITERATIONS
) -> None:
    """Train a CRF on sentences and write it to ``out`` (not atomic)."""
    import pycrfsuite

    # The lower-case vocabulary comes from this training part only, so held-out
    # scores do not see the dev words; ``_predict`` runs with it still active.
    set_lower_vocab(lower_vocab(train), owner="training")
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in train:
        trainer.append(sentence_features(words), labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": MIN_FEATURE_FREQ,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out))


def _predict(model: Path, sents: Sequence[Sentence]) -> list[list[str]]:
    import pycrfsuite

    from graph.ner.tagger import _clean  # same post-processing as the shipped tagger

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return [_clean(tagger.tag(sentence_features(w)), w) for w, _ in sents]
    finally:
        tagger.close()


def _find_data(data_dir: Path) -> Path:
    """Locate the IOB2 file in a KazNERD folder (or accept a file path)."""
    data_dir = Path(data_dir)
    if data_dir.is_file():
        return data_dir
    if not data_dir.is_dir():
        raise ValueError(f"KazNERD data folder not found: {data_dir} (pass the folder holding IOB2_*.txt)")
    for name in ("IOB2_valid.txt", "IOB2_train.txt"):
        if (data_dir / name).is_file():
            return data_dir / name
    found = sorted(data_dir.glob("*.txt"))
    found = [p for p in found if "IOB2" in p.name] or found
    if not found:
        raise ValueError(f"no IOB2 .txt file in {data_dir} (expected IOB2_valid.txt)")
    return found[0]


def _split_groups(sents: Sequence[Sentence], folds: int, seed: int) -> list[int]:
    """Give each sentence a fold number; near-duplicate twins always share a fold."""
    groups = group_sentences(sents)
    ids = sorted(set(groups))
    random.Random(seed).shuffle(ids)
    fold_of = {g: k % folds for k, g in enumerate(ids)}
    return [fold_of[g] for g in groups]


def cross_validate(
    data_dir: Path,
    folds: int = 5,
    *,
    seed: int = 13,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """K-fold cross-validation by sentence group (digit/word twins never straddle folds).

    Args:
        data_dir: KazNERD folder (holding ``IOB2_valid.txt``) or an IOB2 file.
        folds: Number of folds (at least 2).
        seed: Seed of the group shuffle that deals groups to folds.
        c1: L1 regularisation.
        c2: L2 regularisation.
        max_iterations: L-BFGS iterations per fold.
        progress: Called with short status messages.

    Returns:
        ``{"folds", "seed", "c1", "c2", "max_iterations", "per_fold": [evaluate() result ...],
        "mean": {type: {"p", "r", "f1"}}, "std": {type: {"p", "r", "f1"}}}`` with the
        types of ``OUTPUT_TYPES`` plus ``"micro"``; std is the sample standard
        deviation over folds.

    Raises:
        ValueError: Missing data, fewer than two folds, or fewer groups than folds.
    """
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {folds}")
    say = progress or (lambda msg: log.info("%s", msg))
    path = _find_data(Path(data_dir))
    sents = [s for s in read_iob2(path) if s[0]]
    fold_of = _split_groups(sents, folds, seed)
    if len(set(fold_of)) < folds:
        raise ValueError(f"only {len(set(fold_of))} sentence groups in {path}; need {folds} folds")
    per_fold: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            train = [s for s, f in zip(sents, fold_of, strict=True) if f != k]
            dev = [s for s, f in zip(sents, fold_of, strict=True) if f == k]
            model = Path(tmp) / f"fold{k}.crfsuite"
            t0 = time.perf_counter()
            _fit(train, model, c1, c2, max_iterations)
            res = evaluate([output_labels(lab) for _, lab in dev], _predict(model, dev))
            per_fold.append(res)
            say(
                f"fold {k + 1}/{folds} ({time.perf_counter() - t0:.0f} s): "
                + ", ".join(f"{t} {res[t]['f1']:.3f}" for t in (*OUTPUT_TYPES, "micro"))
            )
    mean: dict[str, dict[str, float]] = {}
    std: dict[str, dict[str, float]] = {}
    for t in (*OUTPUT_TYPES, "micro"):
        mean[t], std[t] = {}, {}
        for m in ("p", "r", "f1"):
            xs = [r[t][m] for r in per_fold]
            mu = sum(xs) / len(xs)
            var = sum((x - mu) ** 2 for x in xs) / (len(xs) - 1)
            mean[t][m] = round(mu, 4)
            std[t][m] = round(var**0.5, 4)
    return {
        "folds": folds,
        "seed": seed,
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "sentences": len(sents),
        "per_fold": per_fold,
        "mean": mean,
        "std": std,
    }


def train_ner(
    data_dir: Path,
    out: Path,
    *,
    holdout: float = 0.15,
    seed: int = 13,
    progress: Callable[[str], None] | None = None,
    c1: float = C1,
    c2: float = C2,
    cv_folds: int = 5,
) -> dict:
    """Measure the tagger (k-fold CV and a group-held-out dev part), then train on all data.

    Args:
        data_dir: KazNERD folder (holding ``IOB2_valid.txt``) or an IOB2 file.
        out: Where to write the model (``.crfsuite``); a ``.json`` with the
            metrics and provenance is written beside it. Both atomically.
        holdout: Share of sentence groups held out for the dev measurement;
            0 skips the measurement.
        seed: Seed of the group shuffle.
        progress: Called with short status messages.
        c1: L1 regularisation.
        c2: L2 regularisation.
        cv_folds: Folds of the group k-fold cross-validation recorded in the
            metrics (``cv``: per-type mean and std); 0 skips it.

    Returns:
        Metrics: sizes, per-type cross-validated and dev precision/recall/F1,
        model size, timings.

    Raises:
        ValueError: The data folder or file is missing or empty.
    """
    say = progress or (lambda msg: log.info("%s", msg))
    path = _find_data(Path(data_dir))
    sents = [s for s in read_iob2(path) if s[0]]
    if not sents:
        raise ValueError(f"no sentences in {path} (expected 'token LABEL' lines)")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    metrics: dict = {
        "data": str(path.name),
        "sentences": len(sents),
        "tokens": sum(len(w) for w, _ in sents),
        "holdout": holdout,
        "seed": seed,
        "c1": c1,
        "c2": c2,
        "max_iterations": MAX_ITERATIONS,
        "feature_minfreq": MIN_FEATURE_FREQ,
        "source": "KazNERD (Yeshpanov, Khassanov, Varol, LREC 2022), CC BY 4.0",
        "citation": (
            "Yeshpanov, R., Khassanov, Y., Varol, H. A. KazNERD: Kazakh Named Entity "
            "Recognition Dataset. LREC 2022."
        ),
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "training_types": sorted({*LABEL_MAP.values(), OTHER_TYPE}),
        "output_aliases": dict(OUTPUT_ALIASES),
        "output_types": list(OUTPUT_TYPES),
        "dev_metric": "token-snapped exact span P/R/F1, dev = held-out groups of near-duplicate sentences",
    }
    if cv_folds:
        t0 = time.perf_counter()
        cv = cross_validate(path, cv_folds, seed=seed, c1=c1, c2=c2, progress=say)
        metrics["cv"] = {
            "folds": cv_folds,
            "metric": "token-snapped exact span F1 (p, r too), folds = groups of near-duplicate sentences",
            "mean": cv["mean"],
            "std": cv["std"],
            "seconds": round(time.perf_counter() - t0, 1),
        }
        say(
            "CV F1: "
            + ", ".join(f"{t} {cv['mean'][t]['f1']:.3f}±{cv['std'][t]['f1']:.3f}" for t in OUTPUT_TYPES)
        )
    if holdout > 0:
        groups = group_sentences(sents)
        ids = sorted(set(groups))
        random.Random(seed).shuffle(ids)
        dev_ids = set(ids[: max(1, int(len(ids) * holdout))])
        train = [s for s, g in zip(sents, groups, strict=True) if g not in dev_ids]
        dev = [s for s, g in zip(sents, groups, strict=True) if g in dev_ids]
        if train and dev:
            say(f"training on {len(train)} sentences, measuring on {len(dev)} held-out sentences")
            with tempfile.TemporaryDirectory() as tmp:
                tmp_model = Path(tmp) / "dev.crfsuite"
                t0 = time.perf_counter()
                _fit(train, tmp_model, c1, c2)
                metrics["dev_train_seconds"] = round(time.perf_counter() - t0, 1)
                pred = _predict(tmp_model, dev)
            metrics["train_sentences"] = len(train)
            metrics["dev_sentences"] = len(dev)
            metrics["dev"] = evaluate([output_labels(lab) for _, lab in dev], pred)
            say("dev F1: " + ", ".join(f"{t} {metrics['dev'][t]['f1']:.3f}" for t in OUTPUT_TYPES))
    say(f"training the shipped model on all {len(sents)} sentences")
    fd, tmp_name = tempfile.mkstemp(prefix=".ner-", suffix=".crfsuite", dir=out.parent)
    os.close(fd)
    try:
        t0 = time.perf_counter()
        _fit(sents, Path(tmp_name), c1, c2)
        metrics["train_seconds"] = round(time.perf_counter() - t0, 1)
        metrics["model_bytes"] = os.path.getsize(tmp_name)
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600 files; the model is shipped data
        os.replace(tmp_name, out)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    # The lower-case vocabulary the shipped model was trained with (``lc`` features).
    vocab = lower_vocab(sents)
    metrics["lower_vocab_words"] = len(vocab)
    fd, tmp_vocab = tempfile.mkstemp(prefix=".ner-", suffix=".vocab", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(vocab) + "\n")
    os.chmod(tmp_vocab, 0o644)
    os.replace(tmp_vocab, out.with_suffix(".vocab"))
    meta = out.with_suffix(".json")
    fd, tmp_meta = tempfile.mkstemp(prefix=".ner-", suffix=".json", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(metrics, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    os.chmod(tmp_meta, 0o644)
    os.replace(tmp_meta, meta)
    say(f"wrote {out} ({metrics['model_bytes'] / 1e6:.1f} MB) and {meta.name}")
    return metrics
