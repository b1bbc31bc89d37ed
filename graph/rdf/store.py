"""Load built graphs, run read-only SPARQL and format results.

Queries come from users and may be pasted from anywhere, so only SELECT, ASK,
CONSTRUCT and DESCRIBE are accepted; updates and SERVICE (which would make the
query engine call out to the network) are refused before anything runs.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import KazkgError, QueryError

if TYPE_CHECKING:
    from rdflib import Graph

log = logging.getLogger(__name__)

FORMATS = ("table", "csv", "tsv", "json")
_KGR = "https://w3id.org/kazkg/resource/"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig"}
def load_graph(path: str | Path) -> Graph:
    """Parse a built graph file (format guessed from the suffix).

    Raises:
        KazkgError: the file is missing or not parseable RDF.
    """
    from rdflib import Graph
    from rdflib.util import guess_format

    path = Path(path)
    if not path.exists():
        raise KazkgError(f"graph not found: {path} — run `kazkg build` first or pass --graph")
    g = Graph()
    try:
        g.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as err:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise KazkgError(f"{path}: not a readable RDF file ({type(err).__name__}: {err})") from None
    return g


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Outcome of a query: ``kind`` is SELECT, ASK or GRAPH (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the enclosed work after ``seconds`` (main thread, POSIX) with a QueryError.

    The alarm interrupts Python-level evaluation (rdflib, iterating results); a
    single long call inside a C extension finishes before it is noticed.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _stop(signum: int, frame: object) -> None:
        raise QueryError(f"query stopped after {seconds:g} s (--timeout): add LIMIT or narrow the pattern")

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_rows(result: QueryResult, limit: int | None) -> QueryResult:
    """Keep at most ``limit`` SELECT rows (0 or None = all), marking the result truncated."""
    if not limit or result.kind != "SELECT" or len(result.rows) <= limit:
        return result
    return QueryResult(result.kind, result.variables, result.rows[:limit], truncated=True)


def parse_read_only(text: str, params: Mapping[str, str] | None = None) -> object:
    """Parse a query, refusing updates and SERVICE before anything runs.

    Returns:
        The translated rdflib query object.

    Raises:
        QueryError: malformed (with line and column), an update, or a SERVICE call.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from graph.rdf.iri import PREFIXES

    text = bind_params(text, params or {})
    try:
        tree = parseQuery(text)
    except Exception as err:  # noqa: BLE001 - pyparsing and rdflib raise many types
        try:
            update = parseUpdate(text)
        except Exception:  # noqa: BLE001 - not an update either: report the query error
            raise QueryError(_syntax_message(text, err)) from None
        del update
        raise QueryError(f"{_update_word(text)} is not allowed: kazkg query is read-only") from None
    if _contains(tree, "ServiceGraphPattern"):
        raise QueryError("SERVICE is not allowed: kazkg query never calls other endpoints")
    try:
        return translateQuery(tree, initNs=PREFIXES)
    except Exception as err:  # noqa: BLE001 - e.g. an undefined prefix
        raise QueryError(f"malformed SPARQL: {err}") from None


_UPDATE_WORD = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def _update_word(text: str) -> str:
    """The keyword that makes a text an update, for the error message."""
    bare = re.sub(r"#[^\n]*|<[^>\s]*>|\"[^\"]*\"|'[^']*'", " ", text)
    match = _UPDATE_WORD.search(bare)
    return match.group(1).upper() if match else "UPDATE"


def _contains(node: object, name: str) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if getattr(item, "name", None) == name:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, str):
            stack.extend(list(item))
    return False


def bind_params(text: str, params: Mapping[str, str]) -> str:
    """Bind ``?name`` variables to string values with a VALUES clause after the first ``{``.

    Values are typed as plain and ``@kk`` strings both, so labels match either way.
    """
    if not params:
        return text
    clauses = []
    for name, value in sorted(params.items()):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
        lit = json.dumps(value, ensure_ascii=False)
        clauses.append(f"VALUES ?{name} {{ {lit} {lit}@kk }}")
    where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE) or re.search(r"\{", text)
    if not where:
        raise QueryError("cannot bind parameters: the query has no { … } block")
    return text[: where.end()] + " " + " ".join(clauses) + " " + text[where.end():]


def run_query(graph: Graph, text: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a read-only SPARQL query on a graph.

    Raises:
        QueryError: malformed (with line and column) or not read-only.
    """
    query = parse_read_only(text, params)
    result = graph.query(query)
    if result.type == "SELECT":
        variables = tuple(str(v) for v in result.vars or ())
        return QueryResult("SELECT", variables, tuple(tuple(row) for row in result))
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    return QueryResult("GRAPH", graph=result.graph)


def _syntax_message(text: str, err: Exception) -> str:
    line = getattr(err, "lineno", None)
    col = getattr(err, "col", None)
    if line is None and hasattr(err, "loc"):
        loc = int(err.loc)  # type: ignore[attr-defined]
        line = text.count("\n", 0, loc) + 1
        col = loc - (text.rfind("\n", 0, loc) + 1) + 1
    where = f" at line {line}, column {col}" if line is not None else ""
    detail = str(getattr(err, "msg", "")) or type(err).__name__
    return f"malformed SPARQL{where}: {detail}"


def _is_ox(value: object) -> bool:
    # By module name, so formatting never imports pyoxigraph for rdflib results.
    return type(value).__module__.split(".")[0] == "pyoxigraph"


def _lexical(value: object) -> str:
    """The plain value of a term (what store.format_result prints in CSV and tables)."""
    if value is None:
        return ""
    if _is_ox(value):
        return value.value  # type: ignore[attr-defined]
    return str(value)


def _nt(value: object) -> str:
    if value is None:
        return ""
    if _is_ox(value):
        return str(value)  # N-Triples form, like rdflib's n3()
    n3 = getattr(value, "n3", None)
    return n3() if n3 else str(value)


def _json_cell(value: object) -> dict[str, str] | None:
    if value is None:
        return None
    kind = type(value).__name__
    if kind in ("NamedNode", "URIRef"):
        return {"type": "uri", "value": _lexical(value)}
    if kind in ("BlankNode", "BNode"):
        return {"type": "bnode", "value": _lexical(value)}
    cell = {"type": "literal", "value": _lexical(value)}
    lang = getattr(value, "language", None)
    dtype = getattr(value, "datatype", None)
    if lang:
        cell["xml:lang"] = lang
    elif dtype is not None:
        dt = dtype.value if _is_ox(dtype) else str(dtype)
        if dt != _XSD_STRING:
            cell["datatype"] = dt
    return cell


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as table, csv, tsv or json — the same text as :func:`graph.rdf.store.format_result`.

    Accepts rows of pyoxigraph terms (from :meth:`KgStore.query`) or rdflib terms.
    """
    if result.kind == "GRAPH":
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        bindings = []
        for row in result.rows:
            cells = {var: _json_cell(v) for var, v in zip(result.variables, row)}
            bindings.append({k: v for k, v in cells.items() if v is not None})
        data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_lexical(v) for v in row] for row in result.rows)
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_nt(v).replace("\t", "\\t").replace("\n", "\\n") for v in row)
                  for row in result.rows]
        return "\n".join(lines) + "\n"
    header = list(result.variables)
    rows = [[_short(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths))]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _short(value: object) -> str:
    text = _lexical(value).replace("\n", " ")
    return "kgr:" + text[len(_KGR):] if text.startswith(_KGR) else text


# --------------------------------------------------------------------------- dumps



def write_atomic(path: str | Path, data: str | bytes, *, sync: bool = True) -> Path:
    """Write a file via a temporary file in the same folder and a rename.

    A crash or Ctrl-C leaves either the old file or the new one, never half of it.
    ``sync=False`` skips the fsync, for caches that are checked when read (a power
    cut may then leave an empty file, never a wrong one that passes the check).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes 0600 files; keep the old file's mode, else the usual umask-based one.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_atomic_pair(files: Mapping[Path, str | bytes]) -> None:
    """Write several files that belong together: all temporaries first, then the renames.

    A crash while writing leaves every old file in place; only the short run of
    renames at the end can split the set.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            tmp = Path(write_atomic(Path(path).with_name(f".{Path(path).name}.staged"), data))
            staged.append((str(tmp), Path(path)))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
