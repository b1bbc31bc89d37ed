"""Wire the stages: read corpus → sentences → mentions → entities → facts → RDF."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graph.build.corpus import find_articles, read_corpus
from graph.errors import KazkgError
from graph.model import Document, Entity, Fact, Mention, Sentence

if TYPE_CHECKING:
    from rdflib import Dataset

log = logging.getLogger(__name__)

Extractor = Callable[[Sequence[Sentence], Sequence[Mention], dict], list[Fact]]


def _patterns_v1(sentences: Sequence[Sentence], mentions: Sequence[Mention], mention_entity: dict) -> list[Fact]:
    from graph.events.engine import extract_facts

    return extract_facts(sentences, mentions, mention_entity)


# Alternative fact extractors register here under a versioned name (spaCy-style registry).
EXTRACTORS: dict[str, Extractor] = {"patterns": _patterns_v1}


@dataclass
class BuildResult:
    """Everything one build produced, for the CLI, tests and stats."""

    documents: list[Document]
    sentences: dict[str, list[Sentence]]
    mentions: list[Mention]
    entities: list[Entity]
    facts: list[Fact]
    dataset: Dataset
    warnings: list[str] = field(default_factory=list)


def analyse_document(doc: Document, known: Iterable[str] = ()) -> tuple[list[Sentence], list[Mention]]:
    """Sentences and mentions of one document (the per-article, parallelisable part)."""
    from graph.annotate.mentions import find_mentions
    from graph.lang.sentences import split_sentences

    if not isinstance(known, frozenset):
        known = frozenset(known)
    sentences = split_sentences(doc)
    mentions = [m for s in sentences for m in find_mentions(s, known)]
    return sentences, mentions


def build_graph(
    paths: Iterable[str | Path],
    *,
    extractor: str = "patterns",
    progress: Callable[[Document], None] | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of a corpus.

    Args:
        paths: corpus folders or ``.txt`` files.
        extractor: name of a fact extractor in :data:`EXTRACTORS`.
        progress: called once per document after it has been analysed.
        strict: fail on any unreadable article instead of skipping it with a warning.
        encoding: decode every article with this codec instead of detecting one.

    Returns:
        A :class:`BuildResult` whose ``dataset`` holds one named graph per article
        and one for the merged entities.
    """
    from graph.annotate.entities import resolve_entities
    from graph.rdf.mapping import to_dataset

    if extractor not in EXTRACTORS:
        raise KazkgError(f"unknown extractor {extractor!r}: choose one of {', '.join(sorted(EXTRACTORS))}")
    warnings: list[str] = []
    documents = list(read_corpus(paths, strict=strict, warnings=warnings, encoding=encoding))
    known = bare_forms(documents)
    sentences: dict[str, list[Sentence]] = {}
    mentions: list[Mention] = []
    for doc in documents:
        doc_sentences, doc_mentions = analyse_document(doc, known)
        sentences[doc.id] = doc_sentences
        mentions.extend(doc_mentions)
        if progress:
            progress(doc)
    all_sentences = [s for doc in documents for s in sentences[doc.id]]
    entities, mention_entity = resolve_entities(mentions, all_sentences)
    facts = extract_all(extractor, [d.id for d in documents], sentences, mentions, mention_entity)
    entities = with_introduced(entities, facts)
    dataset = to_dataset(documents, sentences, entities, mention_entity, facts)
    log.info("built %d articles, %d entities, %d facts", len(documents), len(entities), len(facts))
    return BuildResult(documents, sentences, mentions, entities, facts, dataset, warnings)


def with_introduced(entities: Sequence[Entity], facts: Iterable[Fact]) -> list[Entity]:
    """The entities plus those facts introduce (a group of supporters), alt labels merged by key."""
    by_key = {e.key: e for e in entities}
    for fact in facts:
        for ent in fact.introduces:
            have = by_key.get(ent.key)
            alts = tuple(sorted(set(ent.alt_labels) | set(have.alt_labels if have else ())))
            by_key[ent.key] = replace(have or ent, alt_labels=alts)
    return sorted(by_key.values(), key=lambda e: e.key)


def extract_all(
    extractor: str,
    doc_ids: Sequence[str],
    sentences: Mapping[str, Sequence[Sentence]],
    mentions: Sequence[Mention],
    mention_entity: Mapping[Mention, tuple[str, str]],
) -> list[Fact]:
    """Run a fact extractor article by article.

    Each call sees only its article's mentions and links, so no fact can borrow
    context across articles, and the total work stays linear in the corpus size.
    """
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    links: dict[str, dict[Mention, tuple[str, str]]] = defaultdict(dict)
    for m, key in mention_entity.items():
        links[m.doc_id][m] = key
    facts: list[Fact] = []
    for doc_id in doc_ids:
        facts.extend(EXTRACTORS[extractor](sentences.get(doc_id, ()), by_doc[doc_id], links[doc_id]))
    return facts


def bare_forms(documents: Sequence[Document]) -> frozenset[str]:
    """Capitalised words seen in the corpus: evidence that a form is a nominative stem."""
    forms: set[str] = set()
    for doc in documents:
        forms |= capitalised_words(doc.text)
    return frozenset(forms)


def capitalised_words(text: str) -> set[str]:
    """The capitalised tokens of one text (its share of :func:`bare_forms`)."""
    from graph.lang.tokens import TOKEN_RE

    # Token texts alone (findall), without building Token objects: 5x faster than tokenize().
    return {tok for tok in TOKEN_RE.findall(text) if tok[:1].isupper()}


def count_articles(paths: Iterable[str | Path]) -> int:
    """Number of articles a build of ``paths`` would read (for progress bars)."""
    return len(find_articles(paths))
