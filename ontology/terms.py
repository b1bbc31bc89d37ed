"""The ``KG`` closed namespace: exactly the terms declared in ``kazkg.ttl``.

Kept apart from ``ontology/__init__.py`` so that reading the named queries does
not import rdflib (``kazkg query`` on the store starts faster without it).
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KG_NS = "https://w3id.org/kazkg/ontology#"
KGR = Namespace("https://w3id.org/kazkg/resource/")


class KG(DefinedNamespace):
    """Terms of the kazkg ontology (``https://w3id.org/kazkg/ontology#``)."""

    _NS = Namespace(KG_NS)
    _fail = True

    # Entity classes
    Person: URIRef
    Organization: URIRef
    Court: URIRef
    Group: URIRef
    Place: URIRef
    # Articles and evidence
    Article: URIRef
    TextSpan: URIRef
    # Events
    Event: URIRef
    LegalEvent: URIRef
    Sentencing: URIRef
    ParoleRefusal: URIRef
    Verdict: URIRef
    Appeal: URIRef
    SentenceChange: URIRef
    Protest: URIRef
    Picket: URIRef
    HungerStrike: URIRef
    Rally: URIRef
    FlashMob: URIRef
    Listing: URIRef
    # Penalty kinds
    PenaltyKind: URIRef
    Imprisonment: URIRef
    RestrictedFreedom: URIRef
    AdministrativeArrest: URIRef
    Fine: URIRef
    SuspendedSentence: URIRef
    # Helper ranges (named unions, so RDFS inference never types nodes with blank classes)
    AgentValue: URIRef
    EntityValue: URIRef
    DateValue: URIRef
    # Object properties: truthy edges
    listedBy: URIRef
    protestedFor: URIRef
    sentencedBy: URIRef
    # Object properties: event roles and provenance
    defendant: URIRef
    court: URIRef
    protester: URIRef
    beneficiary: URIRef
    place: URIRef
    listed: URIRef
    lister: URIRef
    penalty: URIRef
    evidence: URIRef
    inArticle: URIRef
    mentions: URIRef
    # Datatype properties
    term: URIRef
    charge: URIRef
    criminalCodeArticle: URIRef
    caseName: URIRef
    date: URIRef
    demand: URIRef
    role: URIRef
    fileName: URIRef
    sha256: URIRef
    sentenceCount: URIRef
    sentenceIndex: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorText: URIRef
    extractor: URIRef


#: Local names of every ``KG`` term, in declaration order (DefinedNamespace is not iterable).
KG_TERMS: tuple[str, ...] = tuple(name for name in KG.__annotations__ if not name.startswith("_"))
