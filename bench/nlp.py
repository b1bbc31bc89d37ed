"""Benchmark the language layer: sentences + tokens + normaliser + NER on one core.

Builds a large text (~500k tokens) by shuffling the sample corpus lines and,
when present, KazNERD sentences; then times sentence splitting, tokenising,
the nominative normaliser and CRF tagging, and, separately, the full mention
finder (CRF + rules). Prints tokens/s and the model load time.

Usage: python bench/nlp.py [--tokens 500000] [--kaznerd DIR] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.annotate.mentions import find_mentions
from graph.lang import morph
from graph.lang.sentences import split_sentences
from graph.model import Document
from graph.ner.tagger import DEFAULT_MODEL, load_tagger, tag


def build_text(n_tokens: int, kaznerd: Path | None, seed: int = 7) -> str:
    """Shuffle corpus lines and KazNERD sentences into a text of about n_tokens tokens."""
    lines = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        lines += [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if kaznerd is not None:
        f = kaznerd / "IOB2_valid.txt" if kaznerd.is_dir() else kaznerd
        if f.is_file():
            words: list[str] = []
            for raw in f.read_text(encoding="utf-8").splitlines():
                parts = raw.split()
                if parts:
                    words.append(parts[0])
                elif words:
                    lines.append(" ".join(words))
                    words = []
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < n_tokens:
        rng.shuffle(lines)
        for ln in lines:
            out.append(ln)
            count += len(ln.split()) * 6 // 5  # punctuation adds ~20% tokens
            if count >= n_tokens:
                break
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=500_000)
    ap.add_argument("--kaznerd", type=Path, default=Path("/work/shared/data/kaznerd"))
    ap.add_argument("--profile", action="store_true", help="profile the tagging and mention passes")
    ap.add_argument("--no-mentions", action="store_true", help="skip the full mention-finder pass")
    args = ap.parse_args()

    t0 = time.process_time()
    load_tagger(DEFAULT_MODEL)
    load_s = time.process_time() - t0
    print(
        f"model {DEFAULT_MODEL.name}: {DEFAULT_MODEL.stat().st_size / 1e6:.2f} MB, load {load_s * 1000:.0f} ms"
    )

    text = build_text(args.tokens, args.kaznerd if args.kaznerd.exists() else None)
    doc = Document(id="bench", path="", text=text)

    t0 = time.process_time()
    sents = split_sentences(doc)
    n_tok = sum(len(s.tokens) for s in sents)
    t_split = time.process_time() - t0
    print(f"{len(sents)} sentences, {n_tok} tokens; split+tokenise {n_tok / t_split:,.0f} tokens/s")

    def tag_all() -> None:
        for s in sents:
            words = [t.text for t in s.tokens]
            labels = tag(words)
            # Normalise what the tagger found, as the pipeline does.
            for w, lab in zip(words, labels, strict=True):
                if lab != "O":
                    morph.nominative(w)

    t0 = time.process_time()
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(tag_all)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
    else:
        tag_all()
    t_tag = time.process_time() - t0
    total = t_split + t_tag
    print(f"NER (features + CRF + normaliser): {n_tok / t_tag:,.0f} tokens/s")
    print(f"sentences + tokens + normaliser + NER: {n_tok / total:,.0f} tokens/s on one core")

    if not args.no_mentions:
        found: list[int] = []

        def mentions_all() -> None:
            found.append(sum(len(find_mentions(s)) for s in sents))

        t0 = time.process_time()
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(mentions_all)
            pstats.Stats(prof).sort_stats("tottime").print_stats(15)
        else:
            mentions_all()
        t_m = time.process_time() - t0
        print(f"full mention finder (CRF + rules + lemmas): {n_tok / t_m:,.0f} tokens/s, {found[0]} mentions")


if __name__ == "__main__":
    main()
