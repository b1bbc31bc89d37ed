"""Counts that describe a built graph."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph


def graph_stats(graph: Graph) -> dict:
    """Articles, sentences, entities per class, events per class and edges per property."""
    from rdflib import RDF

    from ontology import KG

    types = Counter(o for _, o in graph.subject_objects(RDF.type))
    local = {str(k).split("#")[-1]: v for k, v in types.items() if str(k).startswith(str(KG))}
    entity_classes = ("Person", "Organization", "Court", "Group", "Place")
    event_classes = (
        "Sentencing", "Verdict", "Protest", "Picket", "HungerStrike", "Rally", "Listing",
        "ParoleRefusal", "Appeal", "SentenceChange",
    )
    return {
        "triples": len(graph),
        "articles": local.get("Article", 0),
        "sentences": sum(int(o) for o in graph.objects(None, KG.sentenceCount)),
        "entities": {c: local.get(c, 0) for c in entity_classes},
        "events": {c: local.get(c, 0) for c in event_classes},
        "edges": {
            p: sum(1 for _ in graph.subject_objects(KG[p])) for p in ("listedBy", "protestedFor", "sentencedBy")
        },
    }


def format_stats(stats: dict) -> str:
    """Human-readable stats, one ``name  value`` pair per line."""
    lines = [f"{'triples':16} {stats['triples']}", f"{'articles':16} {stats['articles']}",
             f"{'sentences':16} {stats['sentences']}"]
    for group in ("entities", "events", "edges"):
        lines.append(f"{group}:")
        lines += [f"  {name:14} {count}" for name, count in stats[group].items()]
    return "\n".join(lines) + "\n"
