"""The `kazkg` command line: thin wrappers over library functions."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from graph import __version__
from graph.errors import KazkgError
from graph.rdf.sources import DEFAULT_GRAPH

DEFAULT_HTML = Path("exports/graph.html")

graph_option = click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=None,
    help="Read this RDF file instead of the store [default: exports/graph.ttl].",
)
store_option = click.option(
    "--store", type=click.Path(path_type=Path), default=None,
    help="Oxigraph store folder [default: exports/store, or store/ beside -o for build].",
)
endpoint_option = click.option(
    "--endpoint", metavar="URL", help="SPARQL 1.1 query URL of a server to use instead of the local store.",
)
graph_store_option = click.option(
    "--graph-store", metavar="URL", help="Graph Store Protocol URL of that server [default: derived].",
)


def _store_options(func):
    for option in (graph_store_option, endpoint_option, store_option):
        func = option(func)
    return func


force_option = click.option("--force", is_flag=True,
                            help="Overwrite output files that kazkg did not write (never done otherwise).")


def _fail(err: Exception) -> click.ClickException:
    return click.ClickException(str(err))


def show_error(err: click.ClickException) -> None:
    """Print a Click error as the one ``Error: …`` line the README promises.

    Click's own display of a usage error takes three lines (usage, a hint, the error);
    the hint goes at the end of the one line instead.
    """
    if isinstance(err, click.UsageError):
        where = err.ctx.command_path if err.ctx is not None else "kazkg"
        click.echo(f"Error: {err.format_message()} (see '{where} --help')", err=True)
    else:
        err.show()


class KazkgGroup(click.Group):
    """The command group, with usage errors in one line (also under click's CliRunner)."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as err:
            show_error(err)
            sys.exit(err.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=KazkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kazkg")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """kazkg: Kazakh news → knowledge graph of political persecution.

    \b
    Example:
      kazkg build corpus/ && kazkg query --name listed_by
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("corpus", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="Turtle file to write; a TriG file with one named graph per article goes beside it.")
@click.option("--extractor", default="patterns", show_default=True, help="Fact extractor (registry name).")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Parallel processes [default: all cores].")
@_store_options
@click.option("--strict", is_flag=True, help="Fail on any unreadable or skipped article instead of warning.")
@click.option("--encoding", metavar="CODEC", help="Decode every article with this codec (e.g. cp1251).")
@click.option("--max-article-mb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Skip articles larger than this [default: 2].")
@click.option("--no-export", is_flag=True,
              help="Update the store only (large archives: write Turtle later with `kazkg export`).")
@click.option("-s", "--silent", is_flag=True, help="No progress bar or summary.")
@force_option
def build(corpus: tuple[Path, ...], output: Path, extractor: str, jobs: int | None, store: Path | None,
          endpoint: str | None, graph_store: str | None, strict: bool, encoding: str | None,
          max_article_mb: float | None, no_export: bool, silent: bool, force: bool) -> None:
    """Build the graph from articles (default: corpus/), re-reading only what changed.

    The Turtle and TriG files are rewritten only when the store changed (or they
    were edited or removed since).

    \b
    Examples:
      kazkg build corpus/ -o exports/graph.ttl
      kazkg build archive/ --store /data/kazkg-store --jobs 2 --no-export
      kazkg build corpus/ --endpoint http://127.0.0.1:7878/query
    """
    from graph.build.incremental import build_store
    from graph.build.pipeline import count_articles
    from graph.rdf.endpoint import open_store
    from graph.rdf.store import check_outputs, remove_stale_temporaries, write_outputs

    paths = list(corpus) or [Path("corpus")]
    store = store or output.parent / "store"
    max_bytes = int(max_article_mb * 1024 * 1024) if max_article_mb else None
    pair = (output, output.with_suffix(".trig"))
    try:
        if not no_export:  # before any work: a build that cannot write its exports should not start
            check_outputs(pair, force=force, known=_ExportStamp.recorded(store, output))
        if encoding:
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                raise KazkgError(f"unknown encoding {encoding!r}: try utf-8, cp1251, koi8-r or kz1048") from None
        total = count_articles(paths)
        show = not silent and sys.stderr.isatty()
        with click.progressbar(length=total, label="articles", file=sys.stderr, hidden=not show) as bar:
            report = build_store(paths, store, jobs=jobs, extractor=extractor, endpoint=endpoint,
                                 graph_store=graph_store, progress=lambda _doc: bar.update(1),
                                 strict=strict, encoding=encoding, max_bytes=max_bytes)
        written = False
        if not no_export:
            for target in pair:
                remove_stale_temporaries(target)  # left by a build killed while exporting
            with open_store(store, endpoint, graph_store=graph_store) as kg:
                stamp = _ExportStamp(store, output, (kg.last_build or {}).get("fingerprint"))
                if not stamp.current():
                    dumps = kg.dump_many(("turtle", "trig"))  # one read of the store for both
                    write_outputs(dict(zip(pair, (dumps["turtle"], dumps["trig"]))), force=force,
                                  known=_ExportStamp.recorded(store, output))
                    stamp.save()
                    written = True
    except KazkgError as err:
        raise _fail(err) from None
    except OSError as err:
        raise click.ClickException(f"cannot write {err.filename or output}: {err.strerror or err}") from None
    if not silent:
        where = "(store only)" if no_export else f"→ {output}" + ("" if written else " (already up to date)")
        click.echo(f"{report.summary()} {where}", err=True)


class _ExportStamp:
    """Which build the Turtle/TriG pair was written from (``<store>/exports.json``).

    A build that changed nothing keeps files that still hold exactly that build;
    any edit, removal or other build rewrites them.
    """

    def __init__(self, store: Path, output: Path, fingerprint: str | None) -> None:
        self.path = store / "exports.json"
        self.key = str(output.resolve())
        self.files = (output, output.with_suffix(".trig"))
        self.fingerprint = fingerprint

    def _describe(self) -> dict | None:
        try:
            stats = [f.stat() for f in self.files]
        except OSError:
            return None
        return {"fingerprint": self.fingerprint, "files": [[s.st_size, s.st_mtime_ns] for s in stats]}

    def _load(self) -> dict:
        import json

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    @classmethod
    def recorded(cls, store: Path, output: Path) -> list[Path]:
        """The pair, if a build recorded writing it for this output (kazkg before the outputs record)."""
        stamp = cls(store, output, None)
        return list(stamp.files) if stamp.key in stamp._load() else []

    def current(self) -> bool:
        now = self._describe()
        return bool(self.fingerprint) and now is not None and self._load().get(self.key) == now

    def save(self) -> None:
        import json

        from graph.rdf.store import write_atomic

        data = self._load()
        data[self.key] = self._describe()
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError:
            pass  # only an optimisation: the next build exports again


MAX_QUERY_BYTES = 1024 * 1024  # a query file larger than this is a mistake (a data file passed as -f)


@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, allow_dash=True),
              help="Read the query from a .rq file ('-' for stdin).")
@click.option("-n", "--name", help="Run a named query from ontology/queries (see --list).")
@click.option("-p", "--param", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to a string value.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format for SELECT and ASK.")
@click.option("--list", "list_names", is_flag=True, help="List the named queries (and their -p parameters) and exit.")
@click.option("--limit", type=click.IntRange(0), default=10000, show_default=True,
              help="Print at most N rows, or N triples for CONSTRUCT/DESCRIBE (0 = all); "
                   "a note on stderr says when the output was cut.")
@click.option("--timeout", type=click.FloatRange(0), default=30.0, show_default=True,
              help="Stop a query that runs longer than this many seconds (0 = never).")
@click.option("--max-memory", type=click.IntRange(0), default=2048, show_default=True, metavar="MB",
              help="Stop a query that needs more than this much memory (0 = no cap).")
@graph_option
@_store_options
def query(query: str | None, query_file: Path | None, name: str | None, param: tuple[str, ...], fmt: str,
          list_names: bool, limit: int, timeout: float, max_memory: int, graph_path: Path | None,
          store: Path | None, endpoint: str | None, graph_store: str | None) -> None:
    """Run a read-only SPARQL query on the built graph.

    The query runs in a child process that is stopped at --timeout or --max-memory and
    cannot open network connections.

    \b
    Examples:
      kazkg query 'SELECT ?who ?by WHERE { ?who kg:listedBy ?by }'
      kazkg query --name protests_for_person -p person="Мұхтар Жәкішев" --format csv
    """
    from graph.rdf.sandbox import Caps
    from graph.rdf.sources import open_source
    from ontology import list_queries

    named = list_queries()
    if list_names:
        for info in named.values():
            params = " ".join(f"-p {p}=…" for p in info.params)
            click.echo(f"{info.name:24} {info.title}" + (f"  [{params}]" if params else ""))
        return
    sources = [s for s in (query, query_file, name) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, --file or --name")
    if name and name not in named:
        raise click.ClickException(f"no query named {name!r}: see `kazkg query --list`")
    text = named[name].text if name else (_read_query_file(query_file) if query_file else query)
    params = _parse_params(param)
    try:
        _check_params(params, named[name] if name else None, text)
        caps = Caps(timeout=timeout or None, memory_mb=max_memory or None)
        with open_source(graph_path, store, endpoint, graph_store) as source:
            answer = source.run(text, params, fmt=fmt, limit=limit or None, caps=caps)
    except KazkgError as err:
        raise _fail(err) from None
    click.echo(answer.text, nl=False)
    if answer.truncated:
        unit = "triples" if answer.kind == "GRAPH" else "rows"
        click.echo(f"note: output cut at {limit} {unit} (--limit 0 prints all)", err=True)


def _read_query_file(path: Path) -> str:
    """The text of ``-f FILE`` (or stdin for ``-``): a regular, UTF-8 file of at most 1 MB."""
    from graph.build.corpus import UnsuitableFile, read_regular, shown

    try:
        data = sys.stdin.buffer.read(MAX_QUERY_BYTES + 1) if str(path) == "-" else read_regular(path, MAX_QUERY_BYTES)
        if len(data) > MAX_QUERY_BYTES:
            raise UnsuitableFile("more than the 1.0 MB limit")
        return data.decode("utf-8")
    except UnsuitableFile as err:
        raise click.ClickException(f"{shown(path)}: {err} — pass a .rq file") from None
    except UnicodeDecodeError as err:
        raise click.ClickException(f"{shown(path)}: not valid UTF-8 at byte {err.start}") from None
    except OSError as err:
        raise click.ClickException(f"cannot read {shown(path)}: {err.strerror or err}") from None


def _parse_params(items: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[key.strip()] = value
    return params


def _check_params(params: dict[str, str], info: object | None, text: str) -> None:
    """Refuse a -p that binds nothing: not a parameter of the named query, not a variable of the text."""
    from graph.rdf.querytext import variables
    from graph.rdf.store import check_param_name

    for key in params:
        check_param_name(key)
    if info is not None:
        allowed, what = list(info.params), f"query {info.name!r}"  # type: ignore[attr-defined]
    else:
        allowed, what = variables(text), "the query"
    for key in params:
        if key in allowed:
            continue
        if info is not None:
            listed = ", ".join(allowed)
            raise KazkgError(f"-p {key}: {what} has " + (f"no parameter {key!r}; its parameters: {listed}"
                                                         if allowed else "no parameters"))
        listed = ", ".join(f"?{v}" for v in allowed) or "none"
        raise KazkgError(f"-p {key}: the query has no variable ?{key} (its variables: {listed})")


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write [default: exports/graph.html, or .png/.svg with --format].")
@click.option("--format", "fmt", type=click.Choice(["html", "png", "svg"]), default="html", show_default=True)
@click.option("--max-nodes", type=click.IntRange(1), help="Keep the N most connected nodes.")
@click.option("--focus", help="Show only the neighbourhood of this name (any inflected form).")
@click.option("--hops", type=click.IntRange(0), default=1, show_default=True, help="Radius around --focus.")
@click.option("--classes", help="Comma-separated classes to keep, e.g. Person,Court.")
@click.option("--relations", help="Comma-separated relations to keep, e.g. listedBy,protestedFor.")
@graph_option
@_store_options
@force_option
def render(output: Path | None, fmt: str, max_nodes: int | None, focus: str | None, hops: int,
           classes: str | None, relations: str | None, graph_path: Path | None, store: Path | None,
           endpoint: str | None, graph_store: str | None, force: bool) -> None:
    """Write an interactive, offline HTML network (or a static picture).

    \b
    Example:
      kazkg render -o exports/graph.html --focus Жәкішев --hops 2
    """
    from graph.rdf.sources import open_source
    from graph.rdf.store import check_outputs

    split = lambda s: [x.strip() for x in s.split(",") if x.strip()] if s else None
    out = output or (DEFAULT_HTML if fmt == "html" else DEFAULT_HTML.with_suffix("." + fmt))
    try:
        check_outputs([out], force=force)
        with open_source(graph_path, store, endpoint, graph_store) as source:
            g = source.rdflib_graph()
        if fmt == "html":
            from graph.views.render import render_html

            stats = render_html(g, out, max_nodes=max_nodes, focus=focus, hops=hops,
                                classes=split(classes), relations=split(relations), force=force)
            click.echo(f"{stats.nodes} nodes, {stats.edges} edges → {out}", err=True)
        else:
            from graph.views.render import render_static

            render_static(g, out, fmt=fmt, max_nodes=max_nodes or 300, focus=focus, hops=hops,
                          classes=split(classes), relations=split(relations), force=force)
            click.echo(f"→ {out}", err=True)
    except KazkgError as err:
        raise _fail(err) from None
    except OSError as err:
        raise click.ClickException(f"cannot write {out}: {err.strerror or err}") from None


EXPORT_FORMATS = ["turtle", "nt", "jsonld", "trig", "nquads", "graphml", "gexf", "csv"]


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="RDF (turtle, nt, jsonld, trig, nquads) or network (graphml, gexf for Gephi; csv edge list).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write [default: stdout].")
@graph_option
@_store_options
@force_option
def export(fmt: str, output: Path | None, graph_path: Path | None, store: Path | None, endpoint: str | None,
           graph_store: str | None, force: bool) -> None:
    """Export the graph as RDF (Turtle, N-Triples, JSON-LD, TriG, N-Quads) or for Gephi.

    \b
    Examples:
      kazkg export --format jsonld -o exports/graph.jsonld
      kazkg export --format gexf -o exports/graph.gexf
    """
    from graph.rdf.sources import open_source
    from graph.rdf.store import check_outputs, write_outputs

    try:
        if output:
            check_outputs([output], force=force)
        with open_source(graph_path, store, endpoint, graph_store) as source:
            if fmt in ("graphml", "gexf", "csv"):
                from graph.views.netexport import network_bytes

                data = network_bytes(source.backend, fmt)
            else:
                data = source.dump(fmt)
        if output:
            write_outputs({output: data}, force=force)
            click.echo(f"→ {output}", err=True)
        else:
            click.echo(data.decode("utf-8"), nl=False)
    except KazkgError as err:
        raise _fail(err) from None
    except OSError as err:
        raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from None


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@graph_option
@_store_options
def stats(as_json: bool, graph_path: Path | None, store: Path | None, endpoint: str | None,
          graph_store: str | None) -> None:
    """Count articles, sentences, entities and facts; list the most connected people.

    \b
    Example:
      kazkg stats --json
    """
    from graph.rdf.sources import open_source
    from graph.views.netexport import format_measures, network_measures
    from graph.views.stats import format_stats, graph_stats

    try:
        with open_source(graph_path, store, endpoint, graph_store) as source:
            result = graph_stats(source.select)
            result["network"] = network_measures(source.backend)
    except KazkgError as err:
        raise _fail(err) from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        click.echo(format_stats(result) + format_measures(result["network"]), nl=False)


@cli.command()
@graph_option
@_store_options
def validate(graph_path: Path | None, store: Path | None, endpoint: str | None, graph_store: str | None) -> None:
    """Check the built graph against ontology/shapes.ttl (SHACL); exit 1 if invalid.

    \b
    Example:
      kazkg validate --graph exports/graph.ttl
    """
    from graph.rdf.sources import open_source
    from graph.rdf.validate import validate_graph

    try:
        with open_source(graph_path, store, endpoint, graph_store) as source:
            ok, report = validate_graph(source.rdflib_graph())
    except KazkgError as err:
        raise _fail(err) from None
    click.echo(report.rstrip("\n"))
    if not ok:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lines", "by_lines", is_flag=True, help="Every input line is its own document.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def mentions(file: Path, by_lines: bool, fmt: str) -> None:
    """Print the mentions (names, places, dates, terms, groups) found in a text file.

    \b
    Example:
      kazkg mentions corpus/000_24eead15ada0a434.txt --format table
    """
    from graph.annotate.mentions import mentions_for_cli
    from graph.build.corpus import UnsuitableFile, decode_text, read_regular, shown

    try:
        text = decode_text(read_regular(file), str(file))
    except UnsuitableFile as err:  # a FIFO or a device would block or never end
        raise click.ClickException(f"{shown(file)}: {err} — pass a text file") from None
    except KazkgError as err:
        raise _fail(err) from None
    except OSError as err:
        raise click.ClickException(f"cannot read {shown(file)}: {err.strerror or err}") from None
    rows = mentions_for_cli(text, by_lines=by_lines)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo(_mention_row("line", "start", "end", "type", "text", "lemma"))
    for row in rows:
        click.echo(_mention_row(row["line"], row["start"], row["end"], row["type"], row["text"], row["lemma"]))


def _mention_row(line: object, start: object, end: object, kind: object, text: object, lemma: object) -> str:
    return f"{line:>4} {start:>6} {end:>6}  {kind:12} {text}  →  {lemma}"


@cli.command("train-ner")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), required=True,
              help="Folder with KazNERD IOB2 files (e.g. ../shared/data/kaznerd).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Model file to write [default: the packaged graph/models/ner.crfsuite].")
@click.option("--holdout", type=click.FloatRange(0, 0.9), default=0.15, show_default=True,
              help="Share of sentence groups held out to measure F1 (0 = train on all).")
@click.option("--cv-folds", type=click.IntRange(0), default=5, show_default=True,
              help="Cross-validation folds to measure first (0 = skip, saves minutes).")
def train_ner_cmd(data_dir: Path, output: Path | None, holdout: float, cv_folds: int) -> None:
    """Train the CRF named-entity tagger on KazNERD and report held-out F1.

    \b
    Example:
      kazkg train-ner --data ../shared/data/kaznerd
    """
    from graph.ner.tagger import DEFAULT_MODEL
    from graph.ner.train import train_ner

    try:
        progress = lambda msg: click.echo(msg, err=True)
        metrics = train_ner(data_dir, output or DEFAULT_MODEL, holdout=holdout, cv_folds=cv_folds,
                            progress=progress)
    except (KazkgError, ValueError, FileNotFoundError) as err:
        raise _fail(err) from None
    click.echo(json.dumps(metrics, ensure_ascii=False, indent=1))


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--gold", "gold_path", type=click.Path(path_type=Path), required=True,
              help="Gold facts in the schema of ../shared/gold/seeds.json (keys are file names).")
@click.option("--extractor", default="patterns", show_default=True, help="Fact extractor (registry name).")
@click.option("--json", "as_json", is_flag=True, help="Print every row, misses and wrong facts as JSON.")
@click.option("--brief", is_flag=True, help="Only the table, without the misses and wrong facts.")
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 when the overall relation F1 is below this.")
def evaluate(corpus: tuple[Path, ...], gold_path: Path, extractor: str, as_json: bool, brief: bool,
             min_f1: float | None) -> None:
    """Measure kazkg on articles you annotated: precision, recall and F1 per relation.

    \b
    Example:
      kazkg evaluate ../shared/dev/test --gold ../shared/dev/gold/test.json
    """
    from graph.evaluate import evaluate_corpus, format_rows

    try:
        rows = evaluate_corpus(corpus, gold_path, extractor=extractor)
    except (KazkgError, OSError) as err:
        raise _fail(err) from None
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=list))
    else:
        click.echo(format_rows(rows, show=not brief))
    f1 = rows["overall (relations)"]["f1"]
    if min_f1 is not None and f1 < min_f1:
        raise click.ClickException(f"overall relation F1 {f1:.3f} is below --min-f1 {min_f1}")


@cli.command("train-relations")
@click.option("--shared", "shared_dir", type=click.Path(path_type=Path), default=Path("../shared"),
              show_default=True, help="The shared folder: trains on dev/train and the sample articles' gold.")
@click.option("--extra", nargs=2, multiple=True, type=click.Path(path_type=Path), metavar="GOLD DIR",
              help="Another gold file and the folder of its articles (repeatable).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Model file [default: the packaged graph/events/models/slots.json].")
@click.option("--strength", type=click.FloatRange(0), default=20.0, show_default=True,
              help="How strongly the weights stay near the pattern files' priors.")
def train_relations_cmd(shared_dir: Path, extra: tuple[tuple[Path, Path], ...], output: Path | None,
                        strength: float) -> None:
    """Learn how the event engine ranks the candidates of a slot, from annotated articles.

    \b
    Example:
      kazkg train-relations --shared ../shared --extra tests/data/articles/gold.json tests/data/articles
    """
    from graph.events.scoring import MODEL_PATH
    from graph.events.train import train_relations

    sets = [(shared_dir / "dev" / "gold" / "train.json", shared_dir / "dev" / "train"),
            (shared_dir / "gold" / "seeds.json", Path(__file__).resolve().parent.parent / "corpus"), *extra]
    missing = [str(p) for pair in sets for p in pair if not p.exists()]
    if missing:
        raise click.ClickException(f"not found: {', '.join(missing)} (pass --shared DIR or --extra GOLD DIR)")
    try:
        summary = train_relations(sets, output or MODEL_PATH, strength=strength)
    except (KazkgError, OSError, ValueError) as err:
        raise _fail(err) from None
    click.echo(json.dumps(summary, ensure_ascii=False, indent=1))


def main() -> None:
    """Console-script entry point: no traceback reaches the user unless KAZKG_DEBUG is set."""
    try:
        rc = cli.main(prog_name="kazkg", standalone_mode=False)
    except SystemExit:
        raise
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("Error: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        show_error(err)
        sys.exit(err.exit_code)
    except Exception as err:  # last line of defence: one line, non-zero exit
        if os.environ.get("KAZKG_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(err).__name__}: {err}); set KAZKG_DEBUG=1 for details",
                   err=True)
        sys.exit(2)
    sys.exit(rc if isinstance(rc, int) else 0)
