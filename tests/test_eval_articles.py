"""End-to-end scores of the text stages on the sample articles and the team's own test articles.

Runs split_sentences → find_mentions → resolve_entities → the pattern engine (article by article) and
scores the facts with graph.evaluate (the shared scorer's logic). Gold:
tests/data/seeds.json (copy of the shared gold for corpus/) and
tests/data/articles/gold.json (written from the text before the extractor ran).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.annotate.entities import resolve_entities
from graph.annotate.mentions import find_mentions
from graph.build.corpus import read_document
from graph.build.pipeline import extract_all
from graph.evaluate import Gold, format_rows, score_facts
from graph.lang.sentences import split_sentences
from graph.lang.tokens import tokenize
from graph.model import Document, Mention

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SETS = {
    "samples": (DATA / "seeds.json", ROOT / "corpus"),
    "own": (DATA / "articles" / "gold.json", DATA / "articles"),
}
_TYPE = {
    "Person": "PERSON",
    "Organization": "ORGANIZATION",
    "Court": "ORGANIZATION",
    "Group": "GROUP",
    "Place": "LOCATION",
}


def _documents(gold: dict, folder: Path) -> list[Document]:
    return [read_document(folder / name, doc_id=name) for name in sorted(gold["documents"])]


def _real_mentions(docs: list[Document]) -> tuple[list, list[Mention]]:
    # Same evidence of bare forms as graph.build.pipeline: capitalised words of the whole build.
    known = frozenset(t.text for d in docs for t in tokenize(d.text) if t.text[:1].isupper())
    sents, ments = [], []
    for doc in docs:
        ss = split_sentences(doc)
        sents += ss
        ments += [m for s in ss for m in find_mentions(s, known)]
    return sents, ments


def _oracle_mentions(docs: list[Document], gold: dict) -> tuple[list, list[Mention]]:
    """Names from the gold surface forms, dates and terms from the language layer: isolates
    resolution + extraction from NER errors (gold names no dates or terms)."""
    sents, ments = [], []
    for doc in docs:
        ss = split_sentences(doc)
        sents += ss
        ments += [m for s in ss for m in find_mentions(s) if m.type in ("DATE", "TERM")]
        spans = []
        for ent in gold["documents"][doc.id].get("entities", []):
            label = ent["label"]
            for form in {label, *ent.get("forms", []), *(ent.get("aliases") or [])}:
                for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", doc.text):
                    lemma = label
                    if ent["type"] == "Person" and len(form.split()) != len(label.split()):
                        last = label.split()[-1]
                        lemma = last if form.startswith(last) else form
                    spans.append((m.start(), -m.end(), form, ent["type"], lemma))
        end = -1
        for a, neg_b, _form, etype, lemma in sorted(spans):
            if a < end:
                continue
            s = next(s for s in ss if s.start <= a < s.end)
            if any(m.start < -neg_b and a < m.end for m in ments if m.doc_id == doc.id):
                continue  # a gold form inside a term or date ("жеті жыл")
            ments.append(
                Mention(
                    doc.id,
                    s.index,
                    a,
                    -neg_b,
                    doc.text[a:-neg_b],
                    _TYPE[etype],
                    lemma,
                    "gold",
                    etype == "Court",
                )
            )
            end = -neg_b
    return sents, ments


def _score(set_name: str, oracle: bool) -> dict:
    gold_path, folder = SETS[set_name]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    docs = _documents(gold, folder)
    sents, ments = _oracle_mentions(docs, gold) if oracle else _real_mentions(docs)
    entities, mapping = resolve_entities(ments, sents)
    by_doc: dict[str, list] = {}
    for sentence in sents:
        by_doc.setdefault(sentence.doc_id, []).append(sentence)
    facts = extract_all("patterns", [d.id for d in docs], by_doc, ments, mapping)
    return score_facts(Gold(gold), entities, facts)


@pytest.fixture(scope="module")
def sample_rows() -> dict:
    return _score("samples", oracle=False)


@pytest.fixture(scope="module")
def own_rows() -> dict:
    return _score("own", oracle=False)


def test_eval_articles_own_set_is_large_and_well_formed() -> None:
    gold = json.loads(SETS["own"][0].read_text(encoding="utf-8"))
    assert len(gold["documents"]) >= 12
    for name, doc in gold["documents"].items():
        assert (SETS["own"][1] / name).is_file(), name
        assert set(doc["required"]) >= {"listedBy", "protestedFor", "sentencing", "sentencedBy"}


def test_eval_articles_samples_f1(sample_rows: dict) -> None:
    # protestedFor (Жексебаев, Жәкішев) is required in 002 but lenient in 000; the
    # scorer drops lenient pairs globally, so one miss is unavoidable (max F1 0.973).
    assert sample_rows["overall (relations)"]["f1"] >= 0.95, format_rows(sample_rows, show=True)


def test_eval_articles_samples_every_sentencing_term_right(sample_rows: dict) -> None:
    row = sample_rows["sentencing"]
    assert (row["tp"], row["fp"], row["fn"]) == (4, 0, 0), format_rows(sample_rows, show=True)


# The first extractor's rules were written against these articles (0.99 F1 on them, 0.60 on the
# shared dev articles); the pattern engine that replaced it in issue 13 read them as unseen text
# (0.82 F1), then its misses here were used to find phrasing classes (enumerations, upheld terms,
# organisers, listers told around a passive), so they are tuning data now. The gates hold what it
# reads (0.938 F1, sentencing 0.960), a little below, so that a regression fails.
def test_eval_articles_own_set_f1(own_rows: dict) -> None:
    assert own_rows["overall (relations)"]["f1"] >= 0.92, format_rows(own_rows, show=True)
    assert own_rows["sentencing"]["f1"] >= 0.94, format_rows(own_rows, show=True)


@pytest.mark.parametrize(("set_name", "f1", "precision"), [("samples", 0.95, 1.0), ("own", 0.92, 0.94)])
def test_eval_articles_with_gold_mentions(set_name: str, f1: float, precision: float) -> None:
    rows = _score(set_name, oracle=True)
    assert rows["overall (relations)"]["f1"] >= f1, format_rows(rows, show=True)
    assert rows["overall (relations)"]["precision"] >= precision, format_rows(rows, show=True)
