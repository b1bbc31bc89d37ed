"""The kazkg ontology: the ``KG`` closed namespace, file paths and the named queries.

Every ``kg:`` term used in Python goes through :class:`KG`, a closed namespace, so a typo
such as ``KG.listedby`` raises ``AttributeError`` the first time it runs. ``KG`` holds
exactly the terms declared in ``kazkg.ttl`` (a test checks both directions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "KG",
    "KGR",
    "KG_NS",
    "KG_TERMS",
    "ONTOLOGY_TTL",
    "QUERIES_DIR",
    "SHAPES_TTL",
    "QueryInfo",
    "list_queries",
]

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "kazkg.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
QUERIES_DIR = HERE / "queries"

KG_NS = "https://w3id.org/kazkg/ontology#"


def __getattr__(name: str) -> object:
    # KG, KGR and KG_TERMS need rdflib; load them on first use only.
    if name in ("KG", "KGR", "KG_TERMS"):
        from . import terms

        return getattr(terms, name)
    raise AttributeError(f"module 'ontology' has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class QueryInfo:
    """A named SPARQL query shipped in ``ontology/queries``.

    ``params`` are variable names (without ``?``) that a caller may bind with a VALUES
    clause; left unbound, the query returns rows for every value.
    """

    name: str
    title: str
    description: str
    params: tuple[str, ...]
    text: str
    path: Path


_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")


def _parse_query_file(path: Path) -> QueryInfo:
    text = path.read_text(encoding="utf-8")
    title = ""
    description: list[str] = []
    params: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            # the header is the leading comment block; later comments are not metadata
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        else:
            # "# param: person — label of the beneficiary": the name is the first word
            params.append(value.split()[0].lstrip("?"))
    return QueryInfo(
        name=path.stem,
        title=title or path.stem,
        description=" ".join(description),
        params=tuple(params),
        text=text,
        path=path,
    )


def list_queries(directory: Path | None = None) -> dict[str, QueryInfo]:
    """Read the named queries, sorted by name.

    Args:
        directory: folder of ``*.rq`` files; defaults to :data:`QUERIES_DIR`.

    Returns:
        Query name (file stem) → :class:`QueryInfo`.
    """
    folder = directory or QUERIES_DIR
    return {p.stem: _parse_query_file(p) for p in sorted(folder.glob("*.rq"))}
