"""The `kazkg` command line: thin wrappers over library functions."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KazkgError

DEFAULT_GRAPH = Path("exports/graph.ttl")
DEFAULT_HTML = Path("exports/graph.html")

graph_option = click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
    help="Built graph to read (Turtle, or any RDF file).",
)


def _fail(err: Exception) -> click.ClickException:
    return click.ClickException(str(err))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--extractor", default="rules", show_default=True, help="Fact extractor (registry name).")
@click.option("-s", "--silent", is_flag=True, help="No progress bar or summary.")
def build(corpus: tuple[Path, ...], output: Path, extractor: str, silent: bool) -> None:
    """Build the graph from articles (default: corpus/).

    \b
    Example:
      kazkg build corpus/ -o exports/graph.ttl
    """
    from .export import write_export
    from .pipeline import build_graph, count_articles

    paths = list(corpus) or [Path("corpus")]
    try:
        total = count_articles(paths)
        show = not silent and sys.stderr.isatty()
        with click.progressbar(length=total, label="articles", file=sys.stderr, hidden=not show) as bar:
            result = build_graph(paths, extractor=extractor, progress=lambda _doc: bar.update(1))
        write_export(result.dataset, output, "turtle")
        write_export(result.dataset, output.with_suffix(".trig"), "trig")
    except KazkgError as err:
        raise _fail(err) from None
    if not silent:
        click.echo(
            f"{len(result.documents)} articles, {sum(map(len, result.sentences.values()))} sentences, "
            f"{len(result.entities)} entities, {len(result.facts)} facts → {output}",
            err=True,
        )


@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a .rq file ('-' for stdin).")
@click.option("-n", "--name", help="Run a named query from ontology/queries (see --list).")
@click.option("-p", "--param", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to a string value.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format for SELECT and ASK.")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and exit.")
@graph_option
def query(query: str | None, query_file, name: str | None, param: tuple[str, ...], fmt: str,
          list_names: bool, graph_path: Path) -> None:
    """Run a read-only SPARQL query on the built graph.

    \b
    Examples:
      kazkg query 'SELECT ?who ?by WHERE { ?who kg:listedBy ?by }'
      kazkg query --name protests_for_person -p person="Мұхтар Жәкішев" --format csv
    """
    from ontology import list_queries

    from .store import format_result, load_graph, run_query

    named = list_queries()
    if list_names:
        for info in named.values():
            click.echo(f"{info.name:24} {info.title}")
        return
    sources = [s for s in (query, query_file, name) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, --file or --name")
    if name and name not in named:
        raise click.ClickException(f"no query named {name!r}: see `kazkg query --list`")
    text = named[name].text if name else (query_file.read() if query_file else query)
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[key.strip()] = value
    try:
        result = run_query(load_graph(graph_path), text, params)
    except KazkgError as err:
        raise _fail(err) from None
    click.echo(format_result(result, fmt), nl=False)


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
def render(output: Path | None, fmt: str, max_nodes: int | None, focus: str | None, hops: int,
           classes: str | None, relations: str | None, graph_path: Path) -> None:
    """Write an interactive, offline HTML network (or a static picture).

    \b
    Example:
      kazkg render -o exports/graph.html --focus Жәкішев --hops 2
    """
    from .store import load_graph

    split = lambda s: [x.strip() for x in s.split(",") if x.strip()] if s else None  # noqa: E731
    try:
        g = load_graph(graph_path)
        if fmt == "html":
            from .render import render_html

            out = output or DEFAULT_HTML
            stats = render_html(g, out, max_nodes=max_nodes, focus=focus, hops=hops,
                                classes=split(classes), relations=split(relations))
            click.echo(f"{stats.nodes} nodes, {stats.edges} edges → {out}", err=True)
        else:
            from .render import render_static

            out = output or DEFAULT_HTML.with_suffix("." + fmt)
            render_static(g, out, fmt=fmt, max_nodes=max_nodes or 300, focus=focus, hops=hops,
                          classes=split(classes), relations=split(relations))
            click.echo(f"→ {out}", err=True)
    except KazkgError as err:
        raise _fail(err) from None


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "trig"]), default="turtle",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write [default: stdout].")
@graph_option
def export(fmt: str, output: Path | None, graph_path: Path) -> None:
    """Export the built graph as Turtle, N-Triples, JSON-LD or TriG.

    \b
    Example:
      kazkg export --format jsonld -o exports/graph.jsonld
    """
    from .export import serialize, write_atomic

    try:
        if fmt == "trig":
            from rdflib import Dataset

            source = graph_path.with_suffix(".trig")
            if not source.exists():
                raise KazkgError(f"{source} not found: run `kazkg build` to write named graphs")
            data = Dataset()
            data.parse(source, format="trig")
        else:
            from .store import load_graph

            data = load_graph(graph_path)
        text = serialize(data, fmt)
        if output:
            write_atomic(output, text)
            click.echo(f"→ {output}", err=True)
        else:
            click.echo(text, nl=False)
    except KazkgError as err:
        raise _fail(err) from None


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@graph_option
def stats(as_json: bool, graph_path: Path) -> None:
    """Count articles, sentences, entities per class and facts per property.

    \b
    Example:
      kazkg stats --json
    """
    from .stats import format_stats, graph_stats
    from .store import load_graph

    try:
        result = graph_stats(load_graph(graph_path))
    except KazkgError as err:
        raise _fail(err) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_stats(result), )


@cli.command()
@graph_option
def validate(graph_path: Path) -> None:
    """Check the built graph against ontology/shapes.ttl (SHACL); exit 1 if invalid.

    \b
    Example:
      kazkg validate --graph exports/graph.ttl
    """
    from .store import load_graph
    from .validate import validate_graph

    try:
        ok, report = validate_graph(load_graph(graph_path))
    except KazkgError as err:
        raise _fail(err) from None
    click.echo(report.rstrip("\n"))
    if not ok:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lines", "by_lines", is_flag=True, help="Every input line is its own document.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def mentions(file: Path, by_lines: bool, fmt: str) -> None:
    """Print the mentions (names, places, dates, terms, groups) found in a text file.

    \b
    Example:
      kazkg mentions corpus/000_24eead15ada0a434.txt --format table
    """
    from .corpus import decode_text
    from .mentions import mentions_for_cli

    try:
        text = decode_text(file.read_bytes(), str(file))
    except KazkgError as err:
        raise _fail(err) from None
    rows = mentions_for_cli(text, by_lines=by_lines)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['line']:>4} {row['start']:>6} {row['end']:>6}  {row['type']:12} "
                   f"{row['text']}  →  {row['lemma']}")


@cli.command("train-ner")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), required=True,
              help="Folder with KazNERD IOB2 files (e.g. ../shared/data/kaznerd).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Model file to write [default: the packaged graph/models/ner.crfsuite].")
@click.option("--holdout", type=click.FloatRange(0, 0.9), default=0.15, show_default=True,
              help="Share of sentence groups held out to measure F1 (0 = train on all).")
def train_ner_cmd(data_dir: Path, output: Path | None, holdout: float) -> None:
    """Train the CRF named-entity tagger on KazNERD and report held-out F1.

    \b
    Example:
      kazkg train-ner --data ../shared/data/kaznerd
    """
    from .ner import DEFAULT_MODEL
    from .train import train_ner

    try:
        metrics = train_ner(data_dir, output or DEFAULT_MODEL, holdout=holdout)
    except (KazkgError, ValueError, FileNotFoundError) as err:
        raise _fail(err) from None
    click.echo(json.dumps(metrics, ensure_ascii=False, indent=1))


def main() -> None:
    """Console-script entry point: no traceback reaches the user unless KAZKG_DEBUG is set."""
    try:
        cli.main(prog_name="kazkg", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Error: interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # last line of defence: one line, non-zero exit
        if os.environ.get("KAZKG_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(err).__name__}: {err}); set KAZKG_DEBUG=1 for details",
                   err=True)
        sys.exit(2)
