"""Frozen dataclasses passed between pipeline stages.

Offsets are code-point offsets into the *document* text, half-open, so
``doc.text[x.start:x.end] == x.text`` always holds for sentences, tokens and
mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Mention types produced by the language layer (NER + rules).
MENTION_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "DATE", "TERM", "GROUP")

# Entity classes of the ontology (local names in the kg: namespace).
ENTITY_CLASSES = ("Person", "Organization", "Court", "Group", "Place")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: ``id`` is the file name (``000_x.txt``), ``text`` NFC-normalised."""

    id: str
    path: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span. ``lemma`` is the nominative (canonical) form of ``text``.

    ``court`` marks ORGANIZATION mentions that name a court (сот).
    """

    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    type: str
    lemma: str
    source: str = "rules"  # "crf", "rules", "gazetteer"
    court: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A merged real-world thing: ``key`` = (cls, label) is its identity."""

    cls: str
    label: str
    alt_labels: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.cls, self.label)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence and the span of the trigger/fact."""

    doc_id: str
    sentence_index: int
    start: int
    end: int
    sentence_text: str
    sentence_start: int
    method: str = "rules/v1"


@dataclass(frozen=True, slots=True)
class Fact:
    """An n-ary event with named roles.

    ``kind`` is an event class local name: ``Sentencing``, ``Protest``
    (``subkind`` Picket/HungerStrike/Rally), ``Listing``, ``ParoleRefusal``,
    ``Appeal``, ``SentenceChange``. ``roles`` holds (role, value) pairs sorted
    by role; entity-valued roles hold entity keys ``(cls, label)``, literal
    roles hold strings (terms are ISO 8601 durations like ``P14Y``).
    Entity roles: defendant, court, protester, beneficiary, place, listed, lister.
    Literal roles: term, charge, article (criminal code), case, date, penalty,
    demand, subkind.
    ``support`` holds further sentences that contributed roles (a charge or court
    named in a follow-up sentence); each becomes another ``kg:evidence`` span.
    ``introduces`` holds entities the fact itself names, which no mention did
    ("белсендінің жақтастары": the group of Серікжан Біләш's supporters).
    """

    kind: str
    roles: tuple[tuple[str, object], ...]
    evidence: Evidence
    support: tuple[Evidence, ...] = ()
    introduces: tuple[Entity, ...] = ()

    def get(self, role: str) -> list[object]:
        return [v for r, v in self.roles if r == role]
