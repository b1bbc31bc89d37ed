"""Map documents, entities and facts onto the kazkg ontology as RDF.

See ``ontology/MAPPING.md`` for the shapes written here. Triples derived from one
article go into that article's named graph; entity descriptions (merged across
articles) and the truthy edges between them, each stated once, go into the
``entities`` graph. Everything is deterministic: IRIs come
from :mod:`graph.rdf.iri`, and :func:`serialize` sorts its output.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from graph.model import Document, Entity, Fact, Mention, Sentence
from graph.rdf import iri
from ontology import KG

SCHEMA = Namespace("https://schema.org/")
KGR = Namespace(iri.KGR)
ENTITIES_GRAPH = URIRef(iri.KGR + "graph/entities")

PREFIXES = iri.PREFIXES

# role name in a Fact -> (property, literal kind) ; kind "entity" means an entity key
_ROLES: dict[str, tuple[URIRef, str]] = {
    "defendant": (KG.defendant, "entity"),
    "court": (KG.court, "entity"),
    "protester": (KG.protester, "entity"),
    "beneficiary": (KG.beneficiary, "entity"),
    "place": (KG.place, "entity"),
    "listed": (KG.listed, "entity"),
    "lister": (KG.lister, "entity"),
    "term": (KG.term, "duration"),
    "charge": (KG.charge, "kk"),
    "article": (KG.criminalCodeArticle, "plain"),
    "case": (KG.caseName, "kk"),
    "date": (KG.date, "date"),
    "demand": (KG.demand, "en"),
    "penalty": (KG.penalty, "penalty"),
}
_PENALTIES = {
    "Imprisonment": KG.Imprisonment,
    "RestrictedFreedom": KG.RestrictedFreedom,
    "AdministrativeArrest": KG.AdministrativeArrest,
    "Fine": KG.Fine,
    "SuspendedSentence": KG.SuspendedSentence,
}
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay),
    (re.compile(r"^--\d{2}$"), XSD.gMonth),
)
_DURATION = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")


def article_graph_iri(doc_id: str) -> URIRef:
    """Name of the graph that holds everything read from one article."""
    return URIRef(iri.article_iri(doc_id).replace("/article/", "/graph/article/", 1))


@functools.lru_cache(maxsize=65536)
def entity_ref(key: tuple[str, str]) -> URIRef:
    """IRI of an entity key (cached: the same entities recur in every article)."""
    return URIRef(iri.entity_iri(*key))


def date_literal(value: str) -> Literal:
    """Typed literal for an ISO-ish date string; plain string when the form is unknown."""
    for pattern, dtype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=dtype)
    return Literal(value)


def _literal(kind: str, value: object) -> Literal | URIRef | None:
    text = str(value)
    if kind == "duration":
        return Literal(text, datatype=XSD.duration) if _DURATION.match(text) else None
    if kind == "kk":
        return Literal(text, lang="kk")
    if kind == "en":
        return Literal(text, lang="en")
    if kind == "date":
        return date_literal(text)
    if kind == "penalty":
        return _PENALTIES.get(text)
    return Literal(text)


def add_entities(graph: Graph, entities: Iterable[Entity]) -> None:
    """Describe entities: class, one ``rdfs:label@kk``, ``skos:altLabel``s and roles."""
    for ent in entities:
        node = entity_ref(ent.key)
        graph.add((node, RDF.type, KG[ent.cls]))
        graph.add((node, RDFS.label, Literal(ent.label, lang="kk")))
        for alt in ent.alt_labels:
            if alt != ent.label:
                graph.add((node, SKOS.altLabel, Literal(alt, lang="kk")))
        for role in ent.roles:
            graph.add((node, KG.role, Literal(role, lang="kk")))


def add_article(
    graph: Graph,
    doc: Document,
    sentences: Sequence[Sentence],
    entity_keys: Iterable[tuple[str, str]],
) -> URIRef:
    """Describe one article and link it to the entities it mentions."""
    node = URIRef(iri.article_iri(doc.id))
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, KG.fileName, Literal(doc.id)))
    graph.add((node, KG.sentenceCount, Literal(len(sentences))))
    if doc.sha256:
        graph.add((node, KG.sha256, Literal(doc.sha256)))
    if doc.title:
        graph.add((node, SCHEMA.headline, Literal(doc.title, lang="kk")))
    if doc.url:
        graph.add((node, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.published:
        graph.add((node, SCHEMA.datePublished, date_literal(doc.published)))
    if doc.outlet:
        graph.add((node, SCHEMA.publisher, Literal(doc.outlet, lang="kk")))
    for key in sorted(set(entity_keys)):
        graph.add((node, KG.mentions, entity_ref(key)))
    return node


def add_fact(graph: Graph, fact: Fact, article: URIRef, edges: Graph | None = None) -> URIRef | None:
    """Write one event node, its evidence span and the truthy edges it implies.

    The truthy edges go into ``edges`` (default: ``graph``). A build writes them
    into the entities graph, so that an edge several articles state is stored
    once and the union of all graphs holds each triple once.

    A Sentencing whose text gives no valid term (a fine, an unstated sentence) is
    written as a ``kg:Verdict``: the ontology requires a term on every
    ``kg:Sentencing``, but the court decision is still a fact worth keeping.
    Returns the event IRI, or None when the fact has no defendant to hang on.
    """
    ev = fact.evidence
    kind = fact.kind
    if kind == "Sentencing" and not fact.get("defendant"):
        return None
    if kind == "Sentencing" and not any(_literal("duration", t) is not None for t in fact.get("term")):
        kind = "Verdict"
    key = [ev.doc_id, ev.start, ev.end, *sorted(map(repr, fact.roles))]
    node = URIRef(iri.event_iri(kind, *key))
    graph.add((node, RDF.type, KG[kind]))
    classes = _kind_classes(kind)
    for role, value in fact.roles:
        if role in ("subkind", "type"):
            if value in classes:  # a class the kind's patterns declare (kg:Picket, kg:SentenceChange)
                graph.add((node, RDF.type, KG[str(value)]))
            continue
        prop, value_kind = _ROLES[role]
        obj = entity_ref(value) if value_kind == "entity" else _literal(value_kind, value)  # type: ignore[arg-type]
        if obj is not None:
            graph.add((node, prop, obj))
    graph.add((node, PROV.wasDerivedFrom, article))
    for item in (ev, *fact.support):
        span = URIRef(iri.span_iri(item.doc_id, item.start, item.end))
        graph.add((node, KG.evidence, span))
        graph.add((span, RDF.type, KG.TextSpan))
        graph.add((span, KG.inArticle, article))
        graph.add((span, KG.sentenceIndex, Literal(item.sentence_index)))
        graph.add((span, KG.beginIndex, Literal(item.start)))
        graph.add((span, KG.endIndex, Literal(item.end)))
        graph.add((span, KG.anchorText, Literal(item.sentence_text, lang="kk")))
        graph.add((span, KG.extractor, Literal(item.method)))
    into = graph if edges is None else edges
    if fact.introduces:
        add_entities(into, fact.introduces)
        for ent in fact.introduces:
            graph.add((article, KG.mentions, entity_ref(ent.key)))
    for subj, obj in _truthy_pairs(fact):
        into.add(subj + (obj,))  # type: ignore[operator]
    return node


@functools.lru_cache(maxsize=32)
def _kind_classes(kind: str) -> frozenset[str]:
    from graph.events.kinds import kinds

    found = kinds().get(kind)
    return frozenset(found.classes) if found else frozenset()


@functools.lru_cache(maxsize=32)
def _kind_edges(kind: str) -> tuple[tuple[str, str, str], ...]:
    from graph.events.kinds import kinds

    found = kinds().get(kind)
    return found.edges if found else ()


def _truthy_pairs(fact: Fact) -> list[tuple[tuple[URIRef, URIRef], URIRef]]:
    """The truthy edges a fact implies, as its kind's patterns declare them."""
    pairs: list[tuple[tuple[URIRef, URIRef], URIRef]] = []
    for prop, subject_role, object_role in _kind_edges(fact.kind):
        for subj in fact.get(subject_role):
            for obj in fact.get(object_role):
                if subj != obj:
                    pairs.append(((entity_ref(subj), KG[prop]), entity_ref(obj)))  # type: ignore[arg-type]
    return pairs


def to_dataset(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    entities: Sequence[Entity],
    mention_entity: Mapping[Mention, tuple[str, str]],
    facts: Sequence[Fact],
) -> Dataset:
    """Build the dataset: one named graph per article plus one for merged entities and truthy edges."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    shared = ds.graph(ENTITIES_GRAPH)
    add_entities(shared, entities)
    keys_by_doc: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for mention, key in mention_entity.items():
        keys_by_doc[mention.doc_id].add(key)
    facts_by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        facts_by_doc[fact.evidence.doc_id].append(fact)
    for doc in documents:
        g = ds.graph(article_graph_iri(doc.id))
        article = add_article(g, doc, sentences.get(doc.id, ()), keys_by_doc[doc.id])
        for fact in facts_by_doc[doc.id]:
            add_fact(g, fact, article, shared)
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of a dataset in one default graph, with the project prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
