"""The ontology file, the KG closed namespace and the named SPARQL queries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.plugins.sparql import prepareQuery

from ontology import (
    KG,
    KG_NS,
    KG_TERMS,
    ONTOLOGY_TTL,
    QUERIES_DIR,
    SHAPES_TTL,
    list_queries,
)

DATA = Path(__file__).resolve().parent / "data"
TINY = DATA / "tiny.ttl"
MAPPING = ONTOLOGY_TTL.parent / "MAPPING.md"
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
# a plain URIRef: importing rdflib's XSD namespace here makes pytest's collector warn
XSD_DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")

DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual, RDFS.Datatype)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def tiny() -> Graph:
    return Graph().parse(TINY, format="turtle")


def _declared(onto: Graph) -> set[str]:
    names = set()
    for kind in DECLARING_TYPES:
        for s in onto.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(KG_NS):
                names.add(str(s)[len(KG_NS) :])
    return names


# ---- the ontology file and the KG namespace ----


def test_ontology_kg_namespace_matches_declared_terms(onto: Graph) -> None:
    assert _declared(onto) == set(KG_TERMS)


def test_ontology_every_kg_subject_is_declared(onto: Graph) -> None:
    used = {str(s)[len(KG_NS) :] for s in onto.subjects() if str(s).startswith(KG_NS)}
    assert used == set(KG_TERMS)


def test_ontology_kg_is_closed() -> None:
    assert KG.listedBy == URIRef(KG_NS + "listedBy")
    with pytest.raises(AttributeError):
        _ = KG.listedby  # the typo the closed namespace exists to catch
    with pytest.raises(AttributeError):
        _ = KG["Prisoner"]


def test_ontology_mapping_terms_all_declared() -> None:
    used = set(re.findall(r"\bkg:([A-Za-z][A-Za-z0-9]*)", MAPPING.read_text(encoding="utf-8")))
    assert len(used) > 40
    assert used - set(KG_TERMS) == set()


def test_ontology_header(onto: Graph) -> None:
    head = URIRef("https://w3id.org/kazkg/ontology")
    assert (head, RDF.type, OWL.Ontology) in onto
    assert onto.value(head, OWL.versionInfo) is not None
    assert onto.value(head, DCTERMS.license) is not None
    assert onto.value(head, DCTERMS.creator) == Literal("kazkg")


@pytest.mark.parametrize("name", KG_TERMS)
def test_ontology_term_has_kk_and_en_label_and_comment(onto: Graph, name: str) -> None:
    term = KG[name]
    for prop in (RDFS.label, RDFS.comment):
        langs = sorted(o.language for o in onto.objects(term, prop) if isinstance(o, Literal))
        assert langs == ["en", "kk"], f"{name} {prop}: {langs}"


@pytest.mark.parametrize("name", [n for n in KG_TERMS if n[0].islower()])
def test_ontology_property_has_domain_and_range(onto: Graph, name: str) -> None:
    assert onto.value(KG[name], RDFS.range) is not None, name
    assert onto.value(KG[name], RDFS.domain) is not None, name


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.Court, KG.Organization),
        (KG.Sentencing, KG.LegalEvent),
        (KG.ParoleRefusal, KG.LegalEvent),
        (KG.Appeal, KG.LegalEvent),
        (KG.SentenceChange, KG.LegalEvent),
        (KG.LegalEvent, KG.Event),
        (KG.Picket, KG.Protest),
        (KG.HungerStrike, KG.Protest),
        (KG.Rally, KG.Protest),
        (KG.Protest, KG.Event),
        (KG.Listing, KG.Event),
        (KG.Article, SCHEMA.NewsArticle),
        (KG.Article, PROV.Entity),
        (KG.TextSpan, PROV.Entity),
        (KG.Event, PROV.Entity),
        (KG.Person, SCHEMA.Person),
        (KG.Place, SCHEMA.Place),
    ],
)
def test_ontology_subclass_axioms(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


def test_ontology_alignments(onto: Graph) -> None:
    assert (KG.Person, OWL.equivalentClass, WD.Q5) in onto
    assert (KG.Court, SKOS.closeMatch, WD.Q41487) in onto
    assert (KG.Protest, SKOS.closeMatch, WD.Q273120) in onto
    assert (KG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto


def test_ontology_term_is_duration_and_penalties_are_kinds(onto: Graph) -> None:
    assert onto.value(KG.term, RDFS.range) == XSD_DURATION
    for kind in ("Imprisonment", "RestrictedFreedom", "AdministrativeArrest", "Fine", "SuspendedSentence"):
        assert (KG[kind], RDF.type, KG.PenaltyKind) in onto


def test_ontology_shapes_file_parses() -> None:
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    assert len(shapes) > 100


# ---- named queries ----

QUERIES = list_queries()


def test_ontology_queries_listed() -> None:
    expected = {
        "listed_by",
        "longest_sentences",
        "protests_for_person",
        "protests_per_place",
        "sentenced_with_courts",
        "article_facts",
        "people",
        "listers",
    }
    assert expected <= set(QUERIES)
    assert len(QUERIES) >= 8
    assert list(QUERIES) == sorted(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_ontology_query_header_and_params(name: str) -> None:
    info = QUERIES[name]
    assert info.name == name and info.path.parent == QUERIES_DIR
    assert info.title and info.title != name
    assert len(info.description) > 20
    for param in info.params:
        assert re.search(rf"\?{param}\b", info.text), f"{name}: ?{param} not used"


def test_ontology_query_params_parsed() -> None:
    assert QUERIES["protests_for_person"].params == ("person",)
    assert QUERIES["article_facts"].params == ("article",)
    assert QUERIES["people"].params == ()


def test_ontology_list_queries_reads_header(tmp_path: Path) -> None:
    (tmp_path / "b.rq").write_text(
        "# title: B query\n# description: first part\n# param: who  the label\n"
        "# description: second part\nSELECT ?who WHERE { ?who ?p ?o }\n# title: not a header\n",
        encoding="utf-8",
    )
    (tmp_path / "a.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    found = list_queries(tmp_path)
    assert list(found) == ["a", "b"]
    assert found["b"].title == "B query"
    assert found["b"].description == "first part second part"
    assert found["b"].params == ("who",)
    assert found["a"].title == "a" and found["a"].params == ()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_ontology_query_rows_on_tiny_rdflib(tiny: Graph, name: str) -> None:
    prepareQuery(QUERIES[name].text)
    rows = list(tiny.query(QUERIES[name].text))
    assert len(rows) >= 1


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_ontology_query_rows_on_tiny_oxigraph(name: str) -> None:
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    store.load(TINY.read_bytes(), ox.RdfFormat.TURTLE)
    rdflib_rows = list(Graph().parse(TINY, format="turtle").query(QUERIES[name].text))
    ox_rows = list(store.query(QUERIES[name].text))
    assert len(ox_rows) == len(rdflib_rows) >= 1


def test_ontology_protests_for_person_binding(tiny: Graph) -> None:
    text = QUERIES["protests_for_person"].text
    everyone = list(tiny.query(text))
    assert len(everyone) == 2
    for value in (Literal("Мұхтар Жәкішев", lang="kk"), Literal("Жәкішевті", lang="kk")):
        rows = list(tiny.query(text, initBindings={"person": value}))
        assert [
            (str(r.beneficiaryLabel), str(r.protesterLabel), str(r.kind), str(r.placeLabel), str(r.date))
            for r in rows
        ] == [("Мұхтар Жәкішев", "Асхат Жексебаев", "Picket", "Тәуелсіздік монументі", "--10-16")]
    assert list(tiny.query(text, initBindings={"person": Literal("Нобади", lang="kk")})) == []


def test_ontology_protests_for_person_cli_values_binding(tiny: Graph) -> None:
    # the CLI binds parameters with graph.rdf.store.bind_params (a VALUES block)
    from graph.rdf.store import bind_params

    rows = list(tiny.query(bind_params(QUERIES["protests_for_person"].text, {"person": "саяси тұтқындар"})))
    assert [(str(r.beneficiaryLabel), str(r.placeLabel)) for r in rows] == [("саяси тұтқындар", "Алматы")]


def test_ontology_article_facts_binding(tiny: Graph) -> None:
    text = QUERIES["article_facts"].text
    rows = list(tiny.query(text, initBindings={"article": Literal("002_509228f83951cc57.txt")}))
    assert [(int(r.sentenceIndex), str(r.kind)) for r in rows] == [
        (0, "Picket"),
        (17, "Sentencing"),
        (21, "ParoleRefusal"),
    ]
    assert all(str(r.article) == "002_509228f83951cc57.txt" for r in rows)
    assert "2009 жылы 14 жылға сотталған" in str(rows[1].anchorText)


def test_ontology_longest_sentences_orders_by_length() -> None:
    terms = ["P10D", "P18Y", "P2Y6M", "P3W", "P1Y2M3W4D", "P8Y"]
    lines = [
        "@prefix kg: <https://w3id.org/kazkg/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    for i, term in enumerate(terms):
        lines.append(
            f'<urn:x:s{i}> a kg:Sentencing ; kg:defendant <urn:x:p{i}> ; kg:term "{term}"^^xsd:duration .'
        )
        lines.append(f'<urn:x:p{i}> a kg:Person ; rdfs:label "Адам {i}"@kk .')
    g = Graph().parse(data="\n".join(lines), format="turtle")
    rows = list(g.query(QUERIES["longest_sentences"].text))
    days = [int(r.termDays) for r in rows]
    assert days == [18 * 365, 8 * 365, 2 * 365 + 6 * 30, 365 + 2 * 30 + 3 * 7 + 4, 21, 10]
    assert [str(r.defendantLabel) for r in rows][:2] == ["Адам 1", "Адам 5"]


def test_ontology_listed_by_counts(tiny: Graph) -> None:
    rows = list(tiny.query(QUERIES["listed_by"].text))
    assert [(str(r.listedLabel), str(r.listerLabel), int(r.listings), int(r.articles)) for r in rows] == [
        ("Мұхтар Жәкішев", "Асхат Жексебаев", 1, 1)
    ]
