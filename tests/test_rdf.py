"""Mapping stage output onto RDF: shapes of MAPPING.md, truthy edges, provenance, determinism."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from graph.model import Document, Entity, Evidence, Fact, Mention, Sentence
from graph.rdf import iri
from graph.rdf.mapping import ENTITIES_GRAPH, article_graph_iri, to_dataset, union_graph
from graph.views.export import serialize
from ontology import KG

TEXT = "Сот Ерлан Қалиевті 5 жылға соттады.\nҚұқық қорғаушылар оны саяси тұтқын деп таныды."
DOC = Document(id="a.txt", path="a.txt", text=TEXT, sha256="0" * 64, title="Үкім", url="https://example.org/1")
S0 = Sentence("a.txt", 0, 0, 35, TEXT[0:35])
S1 = Sentence("a.txt", 1, 36, len(TEXT), TEXT[36:])
ERLAN = ("Person", "Ерлан Қалиев")
COURT = ("Court", "Алматы соты")
HRD = ("Group", "құқық қорғаушылар")
M_ERLAN = Mention("a.txt", 0, 4, 18, "Ерлан Қалиевті", "PERSON", "Ерлан Қалиев")


def _ev(s: Sentence) -> Evidence:
    return Evidence(s.doc_id, s.index, s.start, s.end, s.text, s.start)


def _dataset(facts: list[Fact]):
    entities = [
        Entity("Person", "Ерлан Қалиев", ("Ерлан Қалиевті",), roles=("белсенді",)),
        Entity("Court", "Алматы соты"),
        Entity("Group", "құқық қорғаушылар", ("Құқық қорғаушылар",)),
    ]
    return to_dataset([DOC], {"a.txt": [S0, S1]}, entities, {M_ERLAN: ERLAN}, facts)


SENTENCING = Fact("Sentencing", (("court", COURT), ("date", "2009"), ("defendant", ERLAN),
                                 ("penalty", "Imprisonment"), ("term", "P5Y")), _ev(S0))
LISTING = Fact("Listing", (("listed", ERLAN), ("lister", HRD)), _ev(S1))


def test_rdf_entities_have_one_kk_label_and_alt_labels() -> None:
    g = union_graph(_dataset([]))
    node = URIRef(iri.entity_iri(*ERLAN))
    assert set(g.objects(node, RDFS.label)) == {Literal("Ерлан Қалиев", lang="kk")}
    assert set(g.objects(node, SKOS.altLabel)) == {Literal("Ерлан Қалиевті", lang="kk")}
    assert (node, RDF.type, KG.Person) in g
    assert (node, KG.role, Literal("белсенді", lang="kk")) in g


def test_rdf_sentencing_has_typed_term_truthy_edge_and_provenance() -> None:
    g = union_graph(_dataset([SENTENCING]))
    (event,) = g.subjects(RDF.type, KG.Sentencing)
    assert g.value(event, KG.term) == Literal("P5Y", datatype=XSD.duration)
    assert g.value(event, KG.date) == Literal("2009", datatype=XSD.gYear)
    assert g.value(event, KG.penalty) == KG.Imprisonment
    defendant, court = URIRef(iri.entity_iri(*ERLAN)), URIRef(iri.entity_iri(*COURT))
    assert (defendant, KG.sentencedBy, court) in g
    article = URIRef(iri.article_iri("a.txt"))
    assert g.value(event, PROV.wasDerivedFrom) == article
    span = g.value(event, KG.evidence)
    assert g.value(span, KG.inArticle) == article
    begin, end = int(g.value(span, KG.beginIndex)), int(g.value(span, KG.endIndex))
    assert TEXT[begin:end] == str(g.value(span, KG.anchorText))


def test_rdf_sentencing_without_valid_term_becomes_a_verdict() -> None:
    fine = Fact("Sentencing", (("court", COURT), ("defendant", ERLAN), ("penalty", "Fine"), ("term", "14 жыл")),
                _ev(S0))
    g = union_graph(_dataset([fine]))
    assert not list(g.subjects(RDF.type, KG.Sentencing))
    (event,) = g.subjects(RDF.type, KG.Verdict)
    assert g.value(event, KG.penalty) == KG.Fine and g.value(event, KG.term) is None
    assert (URIRef(iri.entity_iri(*ERLAN)), KG.sentencedBy, URIRef(iri.entity_iri(*COURT))) in g
    nobody = Fact("Sentencing", (("term", "P1Y"),), _ev(S0))
    assert not list(union_graph(_dataset([nobody])).subjects(RDF.type, KG.Sentencing))


def test_rdf_listing_is_the_listers_claim_with_truthy_edge() -> None:
    g = union_graph(_dataset([LISTING]))
    (event,) = g.subjects(RDF.type, KG.Listing)
    assert (URIRef(iri.entity_iri(*ERLAN)), KG.listedBy, URIRef(iri.entity_iri(*HRD))) in g
    assert g.value(event, KG.lister) == URIRef(iri.entity_iri(*HRD))


def test_rdf_protest_subkind_and_self_edges() -> None:
    protest = Fact("Protest", (("beneficiary", ERLAN), ("beneficiary", HRD), ("protester", HRD),
                               ("subkind", "Picket")), _ev(S1))
    g = union_graph(_dataset([protest]))
    (event,) = g.subjects(RDF.type, KG.Picket)
    assert (event, RDF.type, KG.Protest) in g
    edges = set(g.subject_objects(KG.protestedFor))
    assert edges == {(URIRef(iri.entity_iri(*HRD)), URIRef(iri.entity_iri(*ERLAN)))}


def test_rdf_named_graphs_per_article_and_for_entities() -> None:
    ds = _dataset([SENTENCING])
    names = {g.identifier for g in ds.graphs()}
    assert {ENTITIES_GRAPH, article_graph_iri("a.txt")} <= names
    article_graph = ds.graph(article_graph_iri("a.txt"))
    assert (URIRef(iri.article_iri("a.txt")), KG.mentions, URIRef(iri.entity_iri(*ERLAN))) in article_graph
    assert (URIRef(iri.article_iri("a.txt")), KG.fileName, Literal("a.txt")) in article_graph


def test_rdf_serialisation_is_byte_identical_across_builds() -> None:
    for fmt in ("turtle", "nt", "trig", "jsonld"):
        assert serialize(_dataset([SENTENCING, LISTING]), fmt) == serialize(_dataset([LISTING, SENTENCING]), fmt)


def test_rdf_trig_is_the_same_in_every_process_and_reads_back() -> None:
    """rdflib orders TriG graphs by a set, whose order follows the salted string hash."""
    import hashlib
    import os
    import subprocess
    import sys
    from pathlib import Path

    from rdflib import Dataset
    from rdflib.compare import isomorphic

    code = (
        "import sys, hashlib; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests']\n"
        "import test_rdf as t\n"
        "from graph.views.export import serialize\n"
        "print(hashlib.sha256(serialize(t._dataset([t.SENTENCING, t.LISTING]), 'trig').encode()).hexdigest())\n"
    )
    root = str(Path(__file__).resolve().parent.parent)
    digests = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, root], capture_output=True, text=True, env=env, check=True)
        digests.add(out.stdout.strip())
    ds = _dataset([SENTENCING, LISTING])
    text = serialize(ds, "trig")
    assert digests == {hashlib.sha256(text.encode()).hexdigest()}
    back = Dataset()
    back.parse(data=text, format="trig")
    for g in ds.graphs():
        if len(g):
            assert isomorphic(g, back.graph(g.identifier))


def test_rdf_support_sentences_become_extra_evidence_spans() -> None:
    fact = Fact("Sentencing", (("defendant", ERLAN), ("term", "P5Y")), _ev(S0), support=(_ev(S1),))
    g = union_graph(_dataset([fact]))
    (event,) = g.subjects(RDF.type, KG.Sentencing)
    spans = sorted(int(g.value(s, KG.sentenceIndex)) for s in g.objects(event, KG.evidence))
    assert spans == [0, 1]
