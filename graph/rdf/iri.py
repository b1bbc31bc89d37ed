"""Deterministic, valid IRIs for entities, articles, events and spans.

An IRI is ``kgr:{kind}/{ascii-slug}-{hash}``: the slug makes it readable, the hash
(of the NFC label and the kind) makes it collision-free even when two labels slug
the same ("Жахин" and "Жахын", or labels with no Latin transliteration at all).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

KGR = "https://w3id.org/kazkg/resource/"
KG = "https://w3id.org/kazkg/ontology#"

# Prefixes bound in every graph we write and every query we run.
PREFIXES = {
    "kg": KG,
    "kgr": KGR,
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}

_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48


def slugify(label: str) -> str:
    """ASCII slug of a (Kazakh) label: transliterated, lower-case, hyphen-separated."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", label).casefold())
    out = []
    for ch in text:
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            out.append(_TRANSLIT.get(unicodedata.normalize("NFC", ch), "-"))
    slug = _NON_SLUG.sub("-", "".join(out)).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or "x"


def digest(*parts: object, size: int = 8) -> str:
    """Hex digest of the parts (NFC strings joined by a separator that cannot occur in text)."""
    data = "\x1f".join(unicodedata.normalize("NFC", str(p)) for p in parts)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:size]


def entity_iri(cls: str, label: str) -> str:
    """IRI of an entity of class ``cls`` (``Person``…) with canonical ``label``."""
    kind = cls.lower()
    return f"{KGR}{kind}/{slugify(label)}-{digest(cls, label)}"


def article_iri(doc_id: str) -> str:
    """IRI of an article from its id (its file path relative to the corpus)."""
    stem = doc_id.removesuffix(".txt")
    return f"{KGR}article/{slugify(stem)}-{digest('Article', doc_id)}"


def event_iri(kind: str, *key: object) -> str:
    """IRI of an event from its kind and everything that identifies it."""
    return f"{KGR}event/{kind.lower()}-{digest(kind, *key, size=16)}"


def span_iri(doc_id: str, start: int, end: int) -> str:
    """IRI of a text span (evidence) of an article."""
    return f"{KGR}span/{digest(doc_id, start, end, size=16)}"
