"""Load built graphs, run read-only SPARQL and format results.

Queries come from users and may be pasted from anywhere, so only SELECT, ASK,
CONSTRUCT and DESCRIBE are accepted; updates and SERVICE (which would make the
query engine call out to the network) are refused before anything runs.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import KazkgError, QueryError
from graph.rdf.querytext import SERVICE_REFUSED, any_update_keyword, body_start, mentions_service

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
        raise QueryError(f"{any_update_keyword(text) or 'UPDATE'} is not allowed: kazkg query is read-only") from None
    # rdflib's own parse tree decides for the query rdflib runs; the token rule is the
    # same one the Oxigraph path uses, so both refuse the same texts.
    if _contains(tree, "ServiceGraphPattern") or mentions_service(text):
        raise QueryError(SERVICE_REFUSED)
    try:
        return translateQuery(tree, initNs=PREFIXES)
    except Exception as err:  # noqa: BLE001 - e.g. an undefined prefix
        raise QueryError(f"malformed SPARQL: {err}") from None


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


def check_param_name(name: str) -> None:
    """Refuse a parameter name that is no plain SPARQL variable name."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")


def bind_params(text: str, params: Mapping[str, str]) -> str:
    """Bind ``?name`` variables to string values with a VALUES clause after the first ``{``.

    Values are typed as plain and ``@kk`` strings both, so labels match either way.
    """
    if not params:
        return text
    clauses = []
    for name, value in sorted(params.items()):
        check_param_name(name)
        lit = json.dumps(value, ensure_ascii=False)
        clauses.append(f"VALUES ?{name} {{ {lit} {lit}@kk }}")
    where = body_start(text)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no { … } block")
    return text[:where] + " " + " ".join(clauses) + " " + text[where:]


def run_query(graph: Graph, text: str, params: Mapping[str, str] | None = None,
              limit: int | None = None) -> QueryResult:
    """Run a read-only SPARQL query on a graph (at most ``limit`` rows or triples when given).

    Raises:
        QueryError: malformed (with line and column) or not read-only.
    """
    query = parse_read_only(text, params)
    result = graph.query(query)
    if result.type == "SELECT":
        variables = tuple(str(v) for v in result.vars or ())
        rows = [tuple(row) for row in itertools.islice(result, limit + 1 if limit else None)]
        cut = bool(limit) and len(rows) > limit
        return QueryResult("SELECT", variables, tuple(rows[:limit] if cut else rows), truncated=cut)
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if limit and len(result.graph) > limit:
        from rdflib import Graph

        kept = Graph(namespace_manager=result.graph.namespace_manager)
        for triple in sorted(result.graph)[:limit]:
            kept.add(triple)
        return QueryResult("GRAPH", graph=kept, truncated=True)
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
    check_target(path)
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
    for path in files:
        check_target(Path(path))
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


# --------------------------------------------------------------------------- files for the user

OUTPUTS_RECORD = ".kazkg-outputs.json"  # in each folder: the names of the files kazkg wrote there
_RANDOM = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix


def check_target(path: Path) -> None:
    """Refuse to replace anything but a regular file.

    os.replace would turn a device node (``-o /dev/full``), a FIFO or a symlink into
    a plain file, and a symlink's target would silently stay as it was.

    Raises:
        KazkgError: ``path`` exists and is not a regular file.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    kinds = ((stat.S_ISLNK, "a symlink"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    kind = next((name for test, name in kinds if test(mode)), "special")
    raise KazkgError(f"cannot write {path}: it is {kind}, not a regular file — pass another file name with -o")


def check_outputs(paths: Iterable[Path], *, force: bool = False, known: Iterable[Path] = ()) -> None:
    """Refuse, before any work, to write where kazkg must not (see :func:`write_outputs`).

    Args:
        known: files an earlier kazkg wrote without recording them (the build's
            export stamp knows its Turtle/TriG pair).
    """
    known = {Path(p).resolve() for p in known}
    for path in map(Path, paths):
        check_target(path)
        if force or not path.exists() or path.resolve() in known or _written_by_kazkg(path):
            continue
        raise KazkgError(f"{path} exists and kazkg did not write it: move it away, "
                         "or pass --force to overwrite it")


def write_outputs(files: Mapping[Path, str | bytes], *, force: bool = False, known: Iterable[Path] = ()) -> None:
    """Write files for the user atomically (several: all or none), never over a file kazkg did not write.

    Each folder keeps the names of the files kazkg wrote into it in
    ``.kazkg-outputs.json``; a file that exists but is not named there is someone
    else's and is only replaced with ``force`` (``--force``). Temporaries that a killed
    kazkg left beside these files are removed first.

    Raises:
        KazkgError: a target is not a regular file, or exists and is not kazkg's.
        OSError: the write failed (the previous files are kept).
    """
    paths = [Path(p) for p in files]
    check_outputs(paths, force=force, known=known)
    for path in paths:
        remove_stale_temporaries(path)
    if len(paths) == 1:
        write_atomic(paths[0], next(iter(files.values())))
    else:
        write_atomic_pair({Path(p): data for p, data in files.items()})
    _record_outputs(paths)


def remove_stale_temporaries(path: Path) -> list[str]:
    """Delete what :func:`write_atomic`/:func:`write_atomic_pair` leave beside ``path`` when killed.

    Only these exact names, which kazkg alone makes: ``.NAME.XXXXXXXX.tmp``,
    ``..NAME.staged.XXXXXXXX.tmp`` and ``.NAME.staged``.
    """
    name = re.escape(Path(path).name)
    stale = re.compile(rf"\.{name}\.{_RANDOM}\.tmp|\.\.{name}\.staged\.{_RANDOM}\.tmp|\.{name}\.staged")
    removed = []
    try:
        entries = list(os.scandir(Path(path).parent))
    except OSError:
        return removed
    for entry in entries:
        if stale.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(entry.name)
            except OSError:
                pass
    return removed


def _recorded(folder: Path) -> set[str]:
    try:
        data = json.loads((folder / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()


def _written_by_kazkg(path: Path) -> bool:
    return path.name in _recorded(path.parent)


def _record_outputs(paths: Iterable[Path]) -> None:
    by_folder: dict[Path, set[str]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, set()).add(path.name)
    for folder, names in by_folder.items():
        known = _recorded(folder)
        if names <= known:
            continue
        text = json.dumps({"files": sorted(known | names)}, ensure_ascii=False, indent=1) + "\n"
        try:
            write_atomic(folder / OUTPUTS_RECORD, text)
        except (OSError, KazkgError) as err:  # the files are written; only the next overwrite will ask
            log.warning("could not record the files kazkg wrote in %s: %s", folder, err)
