"""Tuned store queries return the same rows as their straightforward forms.

The standard benchmark queries and the named queries are written for Oxigraph's
evaluator (sub-selects, de-duplicated hops, a FILTER per distinct term); these
tests run both forms on a small hand-made store whose union default graph holds
duplicates (a truthy edge, a label and an event stated in two graphs), events
without some roles, several charges, and terms on both sides of ten years.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.rdf.oxstore import KgStore
from ontology import list_queries

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scale import NAIVE_QUERIES, QUERIES

KG = "https://w3id.org/kazkg/ontology#"
R = "https://w3id.org/kazkg/resource/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DUR = "http://www.w3.org/2001/XMLSchema#duration"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def _n(iri: str) -> str:
    return f"<{iri}>"


def _kk(text: str) -> str:
    return f'"{text}"@kk'


def _term(value: str) -> str:
    return f'"{value}"^^<{DUR}>'


def _event(node: str, kind: str, defendant: str | None, term: str, court: str) -> list[str]:
    """N-Triples lines of one court event (no defendant line when ``defendant`` is None)."""
    lines = [f"{node} {_n(RDF_TYPE)} <{KG}{kind}>", f"{node} <{KG}term> {_term(term)}", f"{node} <{KG}court> {court}"]
    if defendant:
        lines.insert(1, f"{node} <{KG}defendant> {defendant}")
    return lines


def _graph_a() -> list[str]:
    s1, s2, s3, ap, s4 = (f"<{R}event/{x}>" for x in ("s1", "s2", "s3", "ap", "s4"))
    p1, p2, p3, c1, c2, g1 = (f"<{R}{x}>" for x in ("person/p1", "person/p2", "person/p3",
                                                     "court/c1", "court/c2", "group/g1"))
    art, ls1, pr1 = f"<{R}article/a>", f"<{R}event/l1>", f"<{R}event/pr1>"
    t, k = _n(RDF_TYPE), KG
    return [
        f"{art} {t} <{k}Article>",
        *_event(s1, "Sentencing", p1, "P12Y", c1),
        f"{s1} <{k}charge> {_kk('алаяқтық')}", f"{s1} <{k}charge> {_kk('өтірік')}",
        *_event(s2, "Sentencing", p2, "P10Y", c1),
        *_event(s3, "Sentencing", p1, "P10Y6M", c2),
        # an appeal is not a sentencing; a sentencing without a defendant has no row
        *_event(ap, "Appeal", p1, "P15Y", c1),
        *_event(s4, "Sentencing", None, "P20Y", c1),
        f"{p1} <{k}listedBy> {g1}", f"{p2} <{k}listedBy> {g1}", f"{p1} <{k}listedBy> {p3}",
        f"{ls1} {t} <{k}Listing>", f"{ls1} <{k}listed> {p1}", f"{ls1} <{k}lister> {g1}",
        f"{ls1} <{DERIVED}> {art}",
        f"{pr1} {t} <{k}Protest>", f"{pr1} {t} <{k}Picket>", f"{pr1} <{k}beneficiary> {p1}",
        f"{pr1} <{k}protester> {p3}", f"{pr1} <{k}protester> {p2}",
        f"{p3} <{k}protestedFor> {p1}", f"{p2} <{k}protestedFor> {p1}",
        f"{p1} {_n(LABEL)} {_kk('Ерлан Қалиев')}",  # also in the entities graph: a union duplicate
        f"{art} <{k}mentions> {p1}", f"{art} <{k}mentions> {p2}", f"{art} <{k}mentions> {c1}",
        f"{p1} <{k}role> {_kk('белсенді')}",
    ]


def _graph_b() -> list[str]:
    s1, s5, pr2, pr3 = (f"<{R}event/{x}>" for x in ("s1", "s5", "pr2", "pr3"))
    p1, p2, p3, c1, g1 = (f"<{R}{x}>" for x in ("person/p1", "person/p2", "person/p3",
                                                 "court/c1", "group/g1"))
    t, k = _n(RDF_TYPE), KG
    return [
        f"{s1} {t} <{k}Sentencing>",  # the same event typed in a second graph
        f"{s5} {t} <{k}Sentencing>", f"{s5} <{k}defendant> {p2}", f"{s5} <{k}term> {_term('P14Y')}",
        f"{s5} <{k}court> {c1}", f"{s5} <{k}charge> {_kk('алаяқтық')}",
        f"{p1} <{k}listedBy> {g1}",  # the same truthy edge stated again
        f"{pr2} {t} <{k}Protest>", f"{pr2} <{k}beneficiary> {p1}", f"{pr2} <{k}protester> {p3}",
        f"{pr3} {t} <{k}Protest>", f"{pr3} <{k}beneficiary> {p2}", f"{pr3} <{k}protester> {p1}",
        f"{p3} <{k}protestedFor> {p1}", f"{p1} <{k}protestedFor> {p2}",
        f"<{R}article/b> {t} <{k}Article>", f"<{R}article/b> <{k}mentions> {p1}",
        f"<{R}article/b> <{k}mentions> {p3}",
    ]


def _entities() -> list[str]:
    rows = [("person/p1", "Person", "Ерлан Қалиев"), ("person/p2", "Person", "Асқар Нұров"),
            ("person/p3", "Person", "Жанна Бек"), ("court/c1", "Court", "Алматы соты"),
            ("court/c2", "Court", "Астана соты"), ("group/g1", "Group", "Құқық қорғаушылар")]
    out = []
    for path, cls, label in rows:
        out += [f"<{R}{path}> {_n(RDF_TYPE)} <{KG}{cls}>", f"<{R}{path}> {_n(LABEL)} {_kk(label)}"]
    out.append(f"<{R}person/p1> {_n(ALT)} {_kk('Ерлан Қалиевті')}")
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> KgStore:
    path = tmp_path_factory.mktemp("speed") / "store"
    path.mkdir()
    db = ox.Store(str(path / "oxigraph"))
    blocks = [(f"{R}graph/article/a", _graph_a()), (f"{R}graph/article/b", _graph_b()),
              (f"{R}graph/entities", _entities())]
    nq = "".join(f"{line} <{g}> .\n" for g, lines in blocks for line in lines)
    db.load(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    del db
    kg = KgStore.open(path, read_only=True)
    yield kg
    kg.close()


def _rows(kg: KgStore, text: str, params: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in kg.query(text, params).rows]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxstore_speed_standard_query_same_rows_as_naive(store: KgStore, name: str) -> None:
    params = {"person": "Ерлан Қалиевті"} if "?person" in QUERIES[name] else None
    tuned = _rows(store, QUERIES[name], params)
    naive = _rows(store, NAIVE_QUERIES[name], params)
    assert tuned, f"{name}: no rows on the test store"
    assert Counter(tuned) == Counter(naive)
    if "ORDER BY" in QUERIES[name]:
        assert tuned == naive


def test_oxstore_speed_sentenced_rows_by_hand(store: KgStore) -> None:
    rows = _rows(store, QUERIES["sentenced >10y + court + charge"])
    who = Counter((r[0].split('"')[1], r[1].split('"')[1]) for r in rows)
    # s1 (two charges, typed in two graphs, label twice in the union) -> 2 * 2 * 2 rows;
    # s3 (P10Y6M, no charge) -> 2 rows (label twice); s5 -> 1 row; s2 (P10Y) and the appeal: none
    assert who == Counter({("Ерлан Қалиев", "P12Y"): 8, ("Ерлан Қалиев", "P10Y6M"): 2,
                           ("Асқар Нұров", "P14Y"): 1})


def test_oxstore_speed_count_listed_by_hand(store: KgStore) -> None:
    rows = _rows(store, QUERIES["count listed per lister"])
    assert [(r[0].rsplit("/", 1)[1], r[1].split('"')[1]) for r in rows] == [("g1>", "2"), ("p3>", "1")]


# The named queries before tuning, for the rows they must keep giving.
_NAMED_NAIVE = {
    "listers": """
SELECT ?listerLabel ?listerClass (COUNT(DISTINCT ?listed) AS ?listedCount) (COUNT(DISTINCT ?listing) AS ?listings) ?lister
WHERE {
  { ?listed kg:listedBy ?lister . }
  UNION
  { ?listing a kg:Listing ; kg:listed ?listed ; kg:lister ?lister . }
  ?lister rdfs:label ?listerLabel ; a ?cls .
  FILTER(?cls IN (kg:Person, kg:Organization, kg:Court, kg:Group))
  BIND(STRAFTER(STR(?cls), "#") AS ?listerClass)
}
GROUP BY ?lister ?listerLabel ?listerClass
ORDER BY DESC(?listedCount) ?listerLabel""",
    "listed_by": """
SELECT ?listedLabel ?listerLabel (COUNT(DISTINCT ?listing) AS ?listings) (COUNT(DISTINCT ?article) AS ?articles) ?listed ?lister
WHERE {
  ?listed kg:listedBy ?lister .
  ?listed rdfs:label ?listedLabel .
  ?lister rdfs:label ?listerLabel .
  OPTIONAL {
    ?listing a kg:Listing ; kg:listed ?listed ; kg:lister ?lister .
    OPTIONAL { ?listing prov:wasDerivedFrom ?article . ?article a kg:Article . }
  }
}
GROUP BY ?listed ?lister ?listedLabel ?listerLabel
ORDER BY DESC(?listings) ?listedLabel ?listerLabel""",
    "sentenced_with_courts": """
SELECT ?defendantLabel ?term ?courtLabel ?charge ?caseName ?date ?sentencing
WHERE {
  ?sentencing a kg:Sentencing ; kg:defendant ?defendant ; kg:court ?court .
  ?defendant rdfs:label ?defendantLabel .
  ?court rdfs:label ?courtLabel .
  OPTIONAL { ?sentencing kg:term ?term . }
  OPTIONAL { ?sentencing kg:charge ?charge . }
  OPTIONAL { ?sentencing kg:caseName ?caseName . }
  OPTIONAL { ?sentencing kg:date ?date . }
}
ORDER BY ?courtLabel ?defendantLabel ?sentencing""",
    "protests_for_person": """
SELECT DISTINCT ?beneficiaryLabel ?protesterLabel ?kind ?placeLabel ?date ?protest
WHERE {
  ?protest a kg:Protest ; kg:beneficiary ?beneficiary .
  ?beneficiary rdfs:label|skos:altLabel ?person .
  ?beneficiary rdfs:label ?beneficiaryLabel .
  OPTIONAL { ?protest kg:protester/rdfs:label ?protesterLabel . }
  OPTIONAL { ?protest kg:place/rdfs:label ?placeLabel . }
  OPTIONAL { ?protest kg:date ?date . }
  OPTIONAL { ?protest a ?sub . FILTER(?sub IN (kg:Picket, kg:HungerStrike, kg:Rally)) }
  BIND(STRAFTER(STR(COALESCE(?sub, kg:Protest)), "#") AS ?kind)
}
ORDER BY ?beneficiaryLabel ?protesterLabel ?kind ?protest""",
}


_NAMED_NAIVE["mentioned_entities"] = """
SELECT ?label ?class (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?event) AS ?events) ?entity
WHERE {
  ?article a kg:Article ; kg:mentions ?entity .
  ?entity rdfs:label ?label ; a ?cls .
  FILTER(?cls IN (kg:Person, kg:Organization, kg:Court, kg:Group, kg:Place))
  OPTIONAL {
    ?event ?role ?entity .
    FILTER(?role IN (kg:defendant, kg:court, kg:protester, kg:beneficiary, kg:place, kg:listed, kg:lister))
  }
  BIND(STRAFTER(STR(?cls), "#") AS ?class)
}
GROUP BY ?entity ?label ?class
ORDER BY DESC(?articles) DESC(?events) ?label"""
_NAMED_NAIVE["people"] = """
SELECT ?label
       (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR=" | ") AS ?altLabels)
       (GROUP_CONCAT(DISTINCT ?role; SEPARATOR=" | ") AS ?roles)
       (COUNT(DISTINCT ?article) AS ?articles)
       ?person
WHERE {
  ?person a kg:Person ; rdfs:label ?label .
  OPTIONAL { ?person skos:altLabel ?alt . }
  OPTIONAL { ?person kg:role ?role . }
  OPTIONAL { ?article kg:mentions ?person . }
}
GROUP BY ?person ?label
ORDER BY ?label ?person"""

# Columns of each named query's ORDER BY: rows tied on them may come in any order.
_ORDER_KEYS = {"listers": (2, 0), "listed_by": (2, 0, 1), "sentenced_with_courts": (2, 0, 6),
               "protests_for_person": (0, 1, 2, 5), "mentioned_entities": (2, 3, 0), "people": (0, 4)}


@pytest.mark.parametrize(("name", "params"), [
    ("listers", None), ("listed_by", None), ("sentenced_with_courts", None),
    ("protests_for_person", None), ("protests_for_person", {"person": "Ерлан Қалиевті"}),
    ("mentioned_entities", None), ("people", None),
])
def test_oxstore_speed_named_query_same_rows_as_naive(store: KgStore, name: str,
                                                      params: dict[str, str] | None) -> None:
    tuned = _rows(store, list_queries()[name].text, params)
    naive = _rows(store, _NAMED_NAIVE[name], params)
    assert tuned, f"{name}: no rows on the test store"
    assert Counter(tuned) == Counter(naive)
    keys = _ORDER_KEYS[name]
    assert [tuple(r[i] for i in keys) for r in tuned] == [tuple(r[i] for i in keys) for r in naive]
