"""GraphML / GEXF / CSV network exports and network measures, on hand-made graphs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS

from graph.errors import KazkgError
from graph.rdf.oxstore import KgStore
from graph.views.netexport import network_bytes, network_measures, read_network, write_network

KG = "https://w3id.org/kazkg/ontology#"
R = "https://w3id.org/kazkg/resource/"


def _k(name: str) -> URIRef:
    return URIRef(KG + name)


def _entity(g: Graph, local: str, cls: str, label: str) -> URIRef:
    node = URIRef(R + local)
    g.add((node, RDF.type, _k(cls)))
    g.add((node, RDFS.label, Literal(label, lang="kk")))
    return node


def _event(g: Graph, name: str, kind: str, roles: dict[str, URIRef], file: str) -> None:
    ev, art = URIRef(R + "event/" + name), URIRef(R + "article/" + file)
    g.add((ev, RDF.type, _k(kind)))
    for role, value in roles.items():
        g.add((ev, _k(role), value))
    g.add((ev, PROV.wasDerivedFrom, art))
    g.add((art, _k("fileName"), Literal(file)))


@pytest.fixture
def g() -> Graph:
    g = Graph()
    erlan = _entity(g, "person/erlan", "Person", "Ерлан Қалиев")
    dina = _entity(g, "person/dina", "Person", "Дина Омарова")
    asel = _entity(g, "person/asel", "Person", "Әсел Нұрланова")
    court = _entity(g, "court/almaty", "Court", "Алматы соты")
    hr = _entity(g, "group/hr", "Group", "құқық қорғаушылар")
    _entity(g, "place/astana", "Place", "Астана")  # isolated
    lonely_a = _entity(g, "person/x", "Person", "Арон Атабек")
    lonely_b = _entity(g, "group/y", "Group", "саяси тұтқындар")
    g.add((erlan, _k("sentencedBy"), court))
    _event(g, "s1", "Sentencing", {"defendant": erlan, "court": court}, "a.txt")
    g.add((dina, _k("protestedFor"), erlan))
    _event(g, "p1", "Protest", {"protester": dina, "beneficiary": erlan}, "b.txt")
    _event(g, "p2", "Protest", {"protester": dina, "beneficiary": erlan}, "a.txt")
    g.add((erlan, _k("listedBy"), hr))
    _event(g, "l1", "Listing", {"listed": erlan, "lister": hr}, "a.txt")
    g.add((asel, _k("protestedFor"), erlan))  # no event: article unknown
    g.add((lonely_a, _k("listedBy"), lonely_b))
    _event(g, "l2", "Listing", {"listed": lonely_a, "lister": lonely_b}, "c.txt")
    return g


def test_netexport_csv_edge_list(g: Graph) -> None:
    rows = list(csv.reader(io.StringIO(network_bytes(g, "csv").decode("utf-8"))))
    assert rows[0] == ["source_label", "source_class", "relation", "target_label", "target_class", "article"]
    body = rows[1:]
    assert ["Дина Омарова", "Person", "protestedFor", "Ерлан Қалиев", "Person", "a.txt"] in body
    assert ["Дина Омарова", "Person", "protestedFor", "Ерлан Қалиев", "Person", "b.txt"] in body
    assert ["Ерлан Қалиев", "Person", "sentencedBy", "Алматы соты", "Court", "a.txt"] in body
    assert ["Әсел Нұрланова", "Person", "protestedFor", "Ерлан Қалиев", "Person", ""] in body
    assert len(body) == 6 and body == sorted(body)


def test_netexport_graphml_round_trip(g: Graph, tmp_path: Path) -> None:
    path = write_network(g, tmp_path / "net.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 8
    assert back.nodes[R + "person/erlan"]["label"] == "Ерлан Қалиев"
    assert back.nodes[R + "court/almaty"]["class"] == "Court"
    rels = sorted(d["relation"] for _, _, d in back.edges(data=True))
    assert rels == ["listedBy", "listedBy", "protestedFor", "protestedFor", "sentencedBy"]


def test_netexport_gexf_is_byte_stable_and_readable(g: Graph, tmp_path: Path) -> None:
    first = network_bytes(g, "gexf")
    assert first == network_bytes(g, "gexf")
    assert b"lastmodifieddate" not in first
    path = write_network(g, tmp_path / "net.gexf")
    back = nx.read_gexf(path)
    assert back.nodes[R + "group/hr"]["label"] == "құқық қорғаушылар"
    assert back.number_of_edges() == 5


def test_netexport_measures(g: Graph) -> None:
    m = network_measures(g)
    assert m["nodes"] == 8 and m["edges"] == 5
    assert m["components"] == 2 and m["largest_component"] == 5
    assert m["isolated"] == 1
    assert m["top_people"][0] == {"label": "Ерлан Қалиев", "degree": 4}
    assert [p["label"] for p in m["top_people"][1:]] == ["Арон Атабек", "Дина Омарова", "Әсел Нұрланова"]


def test_netexport_same_from_store(g: Graph, tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "store") as s:
        s.replace_article("a.txt", "sha", list(g))
        assert network_bytes(s, "csv") == network_bytes(g, "csv")
        assert network_bytes(s, "graphml") == network_bytes(g, "graphml")
        assert network_measures(s) == network_measures(g)


def test_netexport_unknown_format(g: Graph, tmp_path: Path) -> None:
    with pytest.raises(KazkgError, match="unknown network format 'dot'"):
        write_network(g, tmp_path / "net.dot")
    nodes, edges = read_network(Graph())
    assert nodes == [] and edges == []
