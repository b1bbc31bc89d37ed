"""SHACL validation of output graphs: tiny.ttl conforms, each broken copy fails for its reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from graph.rdf.validate import validate_graph
from ontology import KG, KG_NS, KGR

TINY = Path(__file__).resolve().parent / "data" / "tiny.ttl"
DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")

SENTENCING = KGR["event/sentencing-2d8c5e7f90a1b346"]
PICKET = KGR["event/protest-e3b1749c0a5d2f68"]
LISTING = KGR["event/listing-9a41c07be2d85f13"]
ZHAKISHEV = KGR["person/mukhtar-zhakishev-a8451cd0"]
ZHEKSEBAEV = KGR["person/askhat-zheksebaev-1c5a0c3b"]
COURT = KGR["court/oskemen-soty-762bc92d"]
GROUP = KGR["group/sayasi-tutqyndar-5cbebcac"]
PLACE = KGR["place/almaty-0a56fb9b"]
SPAN = KGR["span/d0c7a5e2916f3b48"]


@pytest.fixture(scope="module")
def tiny() -> Graph:
    return Graph().parse(TINY, format="turtle")


def _copy(graph: Graph) -> Graph:
    g = Graph()
    for triple in graph:
        g.add(triple)
    return g


def _set(g: Graph, s: URIRef, p: URIRef, o: object) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))  # type: ignore[arg-type]


def test_validate_tiny_conforms(tiny: Graph) -> None:
    ok, report = validate_graph(tiny)
    assert ok, report
    assert report == f"conforms: {len(tiny)} triples, 0 violations"


def test_validate_leaves_input_untouched(tiny: Graph) -> None:
    g = _copy(tiny)
    validate_graph(g)
    assert len(g) == len(tiny)


Mutation = Callable[[Graph], None]

MUTATIONS: list[tuple[str, Mutation, str, str]] = [
    (
        "sentencing without term",
        lambda g: g.remove((SENTENCING, KG.term, None)),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:term",
        "exactly one kg:term",
    ),
    (
        "term as plain string",
        lambda g: _set(g, SENTENCING, KG.term, Literal("14 жыл")),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:term",
        "must be typed xsd:duration",
    ),
    (
        "bare P term",
        lambda g: _set(g, SENTENCING, KG.term, Literal("P", datatype=DURATION)),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:term",
        "not a bare P",
    ),
    (
        "two terms",
        lambda g: g.add((SENTENCING, KG.term, Literal("P8Y", datatype=DURATION))),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:term",
        "exactly one kg:term",
    ),
    (
        "two defendants",
        lambda g: g.add((SENTENCING, KG.defendant, ZHEKSEBAEV)),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:defendant",
        "exactly one kg:defendant",
    ),
    (
        "defendant is a group",
        lambda g: _set(g, SENTENCING, KG.defendant, GROUP),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:defendant",
        "must point to a kg:Person",
    ),
    (
        "court is a place",
        lambda g: _set(g, SENTENCING, KG.court, PLACE),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:court",
        "must be a kg:Court",
    ),
    (
        "penalty outside the list",
        lambda g: _set(g, SENTENCING, KG.penalty, KG.Court),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:penalty",
        "kg:penalty must be one of",
    ),
    (
        "entity with two labels",
        lambda g: g.add((ZHAKISHEV, RDFS.label, Literal("Жәкішев М.", lang="kk"))),
        "kgr:person/mukhtar-zhakishev-a8451cd0 — rdfs:label",
        "exactly one rdfs:label",
    ),
    (
        "entity without label",
        lambda g: g.remove((GROUP, RDFS.label, None)),
        "kgr:group/sayasi-tutqyndar-5cbebcac — rdfs:label",
        "exactly one rdfs:label",
    ),
    (
        "label in English",
        lambda g: _set(g, PLACE, RDFS.label, Literal("Almaty", lang="en")),
        "kgr:place/almaty-0a56fb9b — rdfs:label",
        "tagged @kk",
    ),
    (
        "court label without language",
        lambda g: _set(g, COURT, RDFS.label, Literal("Өскемен соты")),
        "kgr:court/oskemen-soty-762bc92d — rdfs:label",
        "tagged @kk",
    ),
    (
        "altLabel without language",
        lambda g: g.add((ZHAKISHEV, SKOS.altLabel, Literal("Жәкішевке"))),
        "kgr:person/mukhtar-zhakishev-a8451cd0 — skos:altLabel",
        "altLabel must be a Kazakh",
    ),
    (
        "event without evidence",
        lambda g: g.remove((SENTENCING, KG.evidence, None)),
        "kgr:event/sentencing-2d8c5e7f90a1b346 — kg:evidence",
        "at least one kg:evidence",
    ),
    (
        "picket without evidence",
        lambda g: g.remove((PICKET, KG.evidence, None)),
        "kgr:event/protest-e3b1749c0a5d2f68 — kg:evidence",
        "at least one kg:evidence",
    ),
    (
        "listing without article",
        lambda g: g.remove((LISTING, PROV.wasDerivedFrom, None)),
        "kgr:event/listing-9a41c07be2d85f13 — prov:wasDerivedFrom",
        "the kg:Article it was read from",
    ),
    (
        "event derived from a non-article",
        lambda g: _set(g, LISTING, PROV.wasDerivedFrom, SPAN),
        "kgr:event/listing-9a41c07be2d85f13 — prov:wasDerivedFrom",
        "the kg:Article it was read from",
    ),
    (
        "evidence not a span",
        lambda g: _set(g, LISTING, KG.evidence, PLACE),
        "kgr:event/listing-9a41c07be2d85f13 — kg:evidence",
        "must point to a kg:TextSpan",
    ),
    (
        "listing without listed",
        lambda g: g.remove((LISTING, KG.listed, None)),
        "kgr:event/listing-9a41c07be2d85f13 — kg:listed",
        "at least one kg:listed",
    ),
    (
        "date as plain string",
        lambda g: _set(g, PICKET, KG.date, Literal("16 қазан")),
        "kgr:event/protest-e3b1749c0a5d2f68 — kg:date",
        "kg:date must be",
    ),
    (
        "begin after end",
        lambda g: _set(g, SPAN, KG.beginIndex, Literal(5000)),
        "kgr:span/d0c7a5e2916f3b48 — kg:beginIndex",
        "must not be greater than kg:endIndex",
    ),
    (
        "span without anchor text",
        lambda g: g.remove((SPAN, KG.anchorText, None)),
        "kgr:span/d0c7a5e2916f3b48 — kg:anchorText",
        "non-empty kg:anchorText",
    ),
    (
        "span without article",
        lambda g: g.remove((SPAN, KG.inArticle, None)),
        "kgr:span/d0c7a5e2916f3b48 — kg:inArticle",
        "exactly one kg:inArticle",
    ),
    (
        "span index as string",
        lambda g: _set(g, SPAN, KG.sentenceIndex, Literal("21")),
        "kgr:span/d0c7a5e2916f3b48 — kg:sentenceIndex",
        "kg:sentenceIndex, a non-negative",
    ),
    (
        "sentencedBy a person",
        lambda g: _set(g, ZHAKISHEV, KG.sentencedBy, ZHEKSEBAEV),
        "kgr:person/askhat-zheksebaev-1c5a0c3b — -",
        "object of kg:sentencedBy must be a kg:Court",
    ),
    (
        "sentencedBy from a group",
        lambda g: g.add((GROUP, KG.sentencedBy, COURT)),
        "kgr:group/sayasi-tutqyndar-5cbebcac — -",
        "subject of kg:sentencedBy must be a kg:Person",
    ),
    (
        "listedBy from a place",
        lambda g: g.add((PLACE, KG.listedBy, ZHEKSEBAEV)),
        "kgr:place/almaty-0a56fb9b — -",
        "subject of kg:listedBy must be",
    ),
    (
        "protestedFor a place",
        lambda g: g.add((ZHEKSEBAEV, KG.protestedFor, PLACE)),
        "kgr:place/almaty-0a56fb9b — -",
        "object of kg:protestedFor must be",
    ),
    (
        "protestedFor from untyped node",
        lambda g: g.add((KGR["person/nobody"], KG.protestedFor, GROUP)),
        "kgr:person/nobody — -",
        "subject of kg:protestedFor must be",
    ),
    (
        "unknown kg: predicate",
        lambda g: g.add((ZHAKISHEV, URIRef(KG_NS + "listedby"), ZHEKSEBAEV)),
        "kgr:person/mukhtar-zhakishev-a8451cd0 — kg:listedby",
        "unknown kg: predicate",
    ),
    (
        "unknown kg: class",
        lambda g: g.add((ZHAKISHEV, RDF.type, URIRef(KG_NS + "Prisoner"))),
        "kgr:person/mukhtar-zhakishev-a8451cd0 — kg:Prisoner",
        "unknown kg: class",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "where", "message"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_validate_mutation_fails_with_message(
    tiny: Graph, case: str, mutate: Mutation, where: str, message: str
) -> None:
    g = _copy(tiny)
    mutate(g)
    ok, report = validate_graph(g)
    assert not ok, f"{case}: {report}"
    assert report.startswith("does not conform:")
    lines = report.splitlines()[1:]
    assert any(line.startswith(where + " — ") and message in line for line in lines), report


def test_validate_court_counts_as_organization(tiny: Graph) -> None:
    # a kg:Court is a kg:Organization through the ontology, so it may list prisoners
    g = _copy(tiny)
    _set(g, LISTING, KG.lister, COURT)
    g.add((ZHAKISHEV, KG.listedBy, COURT))
    ok, report = validate_graph(g)
    assert ok, report


def test_validate_other_event_kinds_and_optional_roles(tiny: Graph) -> None:
    g = _copy(tiny)
    appeal = KGR["event/appeal-0000000000000001"]
    g.add((appeal, RDF.type, KG.Appeal))
    g.add((appeal, KG.defendant, ZHAKISHEV))
    g.add((appeal, KG.court, COURT))
    g.add((appeal, KG.term, Literal("P2Y6M", datatype=DURATION)))
    g.add((appeal, KG.criminalCodeArticle, Literal("174-1")))
    g.add((appeal, KG.caseName, Literal("Шаңырақ ісі", lang="kk")))
    g.add((appeal, PROV.wasDerivedFrom, KGR["article/002-509228f83951cc57-1b08717a"]))
    g.add((appeal, KG.evidence, SPAN))
    ok, report = validate_graph(g)
    assert ok, report
    g.remove((appeal, KG.evidence, None))
    ok, report = validate_graph(g)
    assert not ok and "kgr:event/appeal-0000000000000001 — kg:evidence" in report


def test_validate_dataset_is_checked_as_union(tiny: Graph) -> None:
    # the pipeline keeps entities and each article's events in separate named graphs
    ds = Dataset()
    entities = ds.graph(KGR["graph/entities"])
    events = ds.graph(KGR["graph/article/x"])
    entity_types = {KG.Person, KG.Court, KG.Group, KG.Place, KG.Organization}
    typed = {s for s, o in tiny.subject_objects(RDF.type) if o in entity_types}
    for s, p, o in tiny:
        (entities if s in typed and p in (RDF.type, RDFS.label, SKOS.altLabel, KG.role) else events).add(
            (s, p, o)
        )
    ok, report = validate_graph(ds)
    assert ok, report
    assert report.startswith(f"conforms: {len(tiny)} triples")


def test_validate_report_sorted_and_capped() -> None:
    g = Graph()
    for i in range(60):
        g.add((KGR[f"person/p{i:02d}"], RDF.type, KG.Person))
    ok, report = validate_graph(g)
    lines = report.splitlines()
    assert not ok
    assert lines[0] == "does not conform: 60 triples, 60 violations"
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == "… and 10 more"
    body = lines[1:-1]
    assert body == sorted(body)
    assert body[0] == (
        "kgr:person/p00 — rdfs:label — An entity must have exactly one rdfs:label "
        "(its nominative name); put other forms in skos:altLabel."
    )
