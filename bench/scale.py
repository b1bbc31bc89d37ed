"""Scale benchmark: synthetic corpus → incremental store build, export and queries.

Measures, for ``--n`` synthetic articles (default 1000):

* raw floor: reading the files and tokenising them with a regex;
* cold build (``build_store`` into a fresh store, ``--jobs`` processes), with
  per-stage times and peak RSS (self + children, ``resource.getrusage``);
* incremental build after touching one article, and a no-change rebuild;
* deterministic Turtle export of the store;
* median latency of four standard queries in process;
* a store query as a whole command (interpreter start-up and imports included);
* with ``--replicate K``: the store layer alone at K× the size (the built
  graphs copied K times under new article/event IRIs, entities shared), for
  query latency, export and one-article transactions at 10,000 articles
  without waiting for the language stages.

Each build runs in its own process so its peak RSS is its own. The code is
copied to the work folder first, so colleagues editing the tree during a run
do not invalidate the analysis cache between the builds being compared.
Prints a table.

Usage::

    python bench/scale.py --n 1000
    python bench/scale.py --n 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus_gen import generate

# The four standard queries, written for Oxigraph's evaluator on a large store (same rows as
# the naive forms, noted above each). Oxigraph joins a plain triple pattern by one index
# lookup per row it already has; a sub-select is joined by hashing a whole index scan,
# which is many times faster once the rows number in the thousands. kazkg stores each truthy
# edge once (in the entities graph), so a hop needs no de-duplication of its own.
QUERIES = {
    # ?s a kg:Sentencing ; kg:defendant/rdfs:label ?who ; kg:term ?term ; kg:court/rdfs:label ?court .
    # OPTIONAL { ?s kg:charge ?charge } FILTER(?term > "P10Y"^^xsd:duration)
    # Comparing xsd:duration values is slow in Oxigraph, so the FILTER runs once per distinct
    # term (GROUP BY ... HAVING) and the terms that pass select their sentencings. Labels are
    # joined to the role edges first: Oxigraph then starts from the few labelled entities and
    # reads each one's edges with one index lookup, instead of one lookup per event.
    "sentenced >10y + court + charge": """
        SELECT ?who ?term ?court ?charge WHERE {
          { SELECT ?s ?term WHERE {
              { SELECT ?term WHERE { ?x kg:term ?term } GROUP BY ?term HAVING (?term > "P10Y"^^xsd:duration) }
              ?s kg:term ?term } }
          { SELECT ?s WHERE { ?s a kg:Sentencing } }
          { SELECT ?s ?who WHERE { ?s kg:defendant ?d . { SELECT ?d ?who WHERE { ?d rdfs:label ?who } } } }
          { SELECT ?s ?court WHERE { ?s kg:court ?c . { SELECT ?c ?court WHERE { ?c rdfs:label ?court } } } }
          OPTIONAL { SELECT ?s ?charge WHERE { ?s kg:charge ?charge } }
        }""",
    # already fast: one scan of kg:listedBy, grouped
    "count listed per lister": """
        SELECT ?lister (COUNT(DISTINCT ?listed) AS ?n) WHERE { ?listed kg:listedBy ?lister }
        GROUP BY ?lister ORDER BY DESC(?n) ?lister""",
    # SELECT DISTINCT ?protesterLabel ?protest WHERE { ?protest a kg:Protest ; kg:beneficiary ?b ;
    #   kg:protester/rdfs:label ?protesterLabel . ?b rdfs:label|skos:altLabel ?person . }
    "protests for a person (param)": """
        SELECT DISTINCT ?protesterLabel ?protest WHERE {
          ?b rdfs:label|skos:altLabel ?person .
          ?protest kg:beneficiary ?b .
          { SELECT ?protest WHERE { ?protest a kg:Protest } }
          { SELECT ?protest ?p WHERE { ?protest kg:protester ?p } }
          { SELECT ?p ?protesterLabel WHERE { ?p rdfs:label ?protesterLabel } }
        }""",
    # distinct (?a, ?c) pairs of ?a kg:protestedFor ?b . ?b kg:listedBy ?c: each hop is a
    # sub-select, so the join hashes two scans (5x faster than the plain form at 10,000 articles).
    "2-hop protestedFor/listedBy": """
        SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?c WHERE {
          { SELECT ?a ?b WHERE { ?a kg:protestedFor ?b } }
          { SELECT ?b ?c WHERE { ?b kg:listedBy ?c } } } }""",
}

# The straightforward forms, kept to check that the tuned ones return the same rows
# ("count listed per lister" is its own straightforward form).
NAIVE_QUERIES = {
    **QUERIES,
    "sentenced >10y + court + charge": """
        SELECT ?who ?term ?court ?charge WHERE {
          ?s a kg:Sentencing ; kg:defendant/rdfs:label ?who ; kg:term ?term ; kg:court/rdfs:label ?court .
          OPTIONAL { ?s kg:charge ?charge }
          FILTER(?term > "P10Y"^^xsd:duration)
        }""",
    "protests for a person (param)": """
        SELECT DISTINCT ?protesterLabel ?protest WHERE {
          ?protest a kg:Protest ; kg:beneficiary ?b ; kg:protester/rdfs:label ?protesterLabel .
          ?b rdfs:label|skos:altLabel ?person .
        }""",
    "2-hop protestedFor/listedBy": """
        SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?c WHERE { ?a kg:protestedFor ?b . ?b kg:listedBy ?c } }""",
}

_CHILD_BUILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from graph.build.incremental import build_store
r = build_store([{corpus!r}], {store!r}, jobs={jobs})
wall = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({{"wall": wall, "timings": r.timings, "rss": r.peak_rss_mb, "summary": r.summary(), "triples": r.triples,
                  "cpu": cpu, "rss_self_mb": me.ru_maxrss / 1024, "rss_children_mb": kids.ru_maxrss / 1024}}))
"""

_CHILD_QUERY = """
import sys
sys.path.insert(0, {root!r})
{imports}
from graph.rdf.oxstore import KgStore, format_result
with KgStore.open({store!r}, read_only=True) as s:
    sys.stdout.write(format_result(s.query({query!r}), "csv"))
"""


def raw_floor(corpus: Path) -> float:
    """Seconds to read every article and split it into word tokens with a regex."""
    word = re.compile(r"\w+")
    t = time.perf_counter()
    n = 0
    for path in sorted(corpus.glob("*.txt")):
        n += len(word.findall(path.read_text(encoding="utf-8")))
    return time.perf_counter() - t


def snapshot(work: Path) -> Path:
    """Copy the package code (graph/, ontology/) into ``work/src`` and return that folder."""
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    for name in ("graph", "ontology"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


def run_build(src: Path, corpus: Path, store: Path, jobs: int) -> dict:
    code = _CHILD_BUILD.format(root=str(src), corpus=str(corpus), store=str(store), jobs=jobs)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    outer = time.perf_counter() - t
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stderr[-3000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["process"] = outer
    return data


def replicate(source: Path, target: Path, copies: int) -> int:
    """Bulk-load ``copies`` renamed copies of a store's quads into a new store; returns quads."""
    import pyoxigraph as ox

    from graph.rdf.oxstore import KgStore

    with KgStore.open(source, read_only=True) as kg:
        nq = kg.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    per_copy = re.compile(rb"(resource/(?:graph/article|article|event|span)/[^>]+)>")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    store = ox.Store(str(target / "oxigraph"))
    total = 0
    for k in range(copies):
        data = per_copy.sub(rb"\1-c%d>" % k, nq) if k else nq
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    total = len(store)
    del store
    (target / "manifest.json").write_text('{"version": 1, "state": "clean", "articles": {}}')
    return total


def time_queries(store: Path, repeat: int) -> tuple[dict[str, tuple[float, int]], float, int, float]:
    """Median latency per standard query, Turtle export time and size, one-article replace time."""
    from graph.rdf.oxstore import KgStore

    with KgStore.open(store, read_only=True) as kg:
        t = time.perf_counter()
        turtle = kg.dump("turtle")
        t_turtle = time.perf_counter() - t
        top = kg.query("SELECT ?l (COUNT(*) AS ?n) WHERE { ?p kg:protestedFor ?b . ?b rdfs:label ?l } "
                       "GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1").rows
        person = top[0][0].value if top else "Ерлан Қалиев"
        latencies = {}
        for name, q in QUERIES.items():
            params = {"person": person} if "?person" in q else None
            times, rows = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                rows = len(kg.query(q, params).rows)
                times.append(time.perf_counter() - t)
            latencies[name] = (statistics.median(times), rows)
    with KgStore.open(store) as kg:
        quads = kg.oxigraph.quads_for_pattern(None, None, None, None)
        sample = [(q.subject, q.predicate, q.object) for q in itertools.islice(quads, 200)]
        t = time.perf_counter()
        kg.replace_article("bench-touched.txt", "0" * 64, sample)
        t_replace = time.perf_counter() - t
    return latencies, t_turtle, len(turtle), t_replace


def whole_command(src: Path, store: Path, query: str, imports: str, repeat: int = 5) -> float:
    code = _CHILD_QUERY.format(root=str(src), store=str(store), query=query, imports=imports)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t)
        if proc.returncode:
            sys.exit(f"query failed:\n{proc.stderr[-2000:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="kazkg scale benchmark")
    parser.add_argument("--n", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build processes")
    parser.add_argument("--workdir", type=Path, help="keep corpus and store here instead of a temp dir")
    parser.add_argument("--repeat", type=int, default=7, help="runs per query for the median")
    parser.add_argument("--replicate", type=int, default=1,
                        help="also time the store layer with the graphs copied K times (e.g. 10)")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kazkg-scale-"))
    corpus, store = work / "corpus", work / "store"
    shutil.rmtree(store, ignore_errors=True)
    if not (corpus.exists() and len(list(corpus.glob("*.txt"))) == args.n):
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus, args.n)
    size_mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    print(f"corpus: {args.n} articles, {size_mb:.1f} MB in {corpus}; jobs={args.jobs}", flush=True)

    src = snapshot(work)
    sys.path.insert(0, str(src))
    floor = min(raw_floor(corpus) for _ in range(3))
    cold = run_build(src, corpus, store, args.jobs)
    print(f"cold build: {cold['summary']}", flush=True)
    noop = run_build(src, corpus, store, args.jobs)
    print(f"no-change rebuild: {noop['summary']}", flush=True)
    victim = sorted(corpus.glob("*.txt"))[args.n // 2]
    with open(victim, "a", encoding="utf-8") as fh:
        fh.write("Құқық қорғаушылар Ерлан Қалиевті саяси тұтқын деп таныды.\n")
    incr = run_build(src, corpus, store, args.jobs)
    print(f"incremental: {incr['summary']}", flush=True)
    latencies, t_turtle, turtle_size, t_replace = time_queries(store, args.repeat)
    q_cmd = QUERIES["count listed per lister"]
    cmd_bare = whole_command(src, store, q_cmd, "")
    cmd_cli = whole_command(src, store, q_cmd, "import graph.cli, click")
    cmd_cli_ont = whole_command(src, store, q_cmd, "import graph.cli, click; from ontology import list_queries")
    big = None
    if args.replicate > 1:
        t = time.perf_counter()
        quads = replicate(store, work / "store-x", args.replicate)
        t_load = time.perf_counter() - t
        big = (quads, t_load, *time_queries(work / "store-x", args.repeat))

    def row(name: str, value: str, target: str = "") -> None:
        print(f"| {name:44} | {value:>22} | {target:18} |")

    print()
    print(f"| {'measure (n=' + str(args.n) + ')':44} | {'value':>22} | {'target @10k':18} |")
    print(f"|{'-' * 46}|{'-' * 24}|{'-' * 20}|")
    row("raw floor (read + regex tokenise)", f"{floor:.3f} s")
    row("cold build (process wall)", f"{cold['process']:.2f} s", "<= 60 s (2 cores)")
    row("  = x raw floor", f"{cold['process'] / floor:.0f} x", "<= 20 x")
    for stage, sec in cold["timings"].items():
        row(f"  stage {stage} (peak RSS after)", f"{sec:.2f} s {cold['rss'][stage]:.0f} MB")
    row("peak RSS cold build (self / children)", f"{cold['rss_self_mb']:.0f} / {cold['rss_children_mb']:.0f} MB",
        "<= 2 GB")
    row("  CPU time (self + workers)", f"{cold['cpu']:.1f} s")
    row("triples", f"{cold['triples']}")
    row("no-change rebuild", f"{noop['process']:.2f} s", "")
    row("incremental (1 article touched)", f"{incr['process']:.2f} s", "<= 3 s")
    for stage, sec in incr["timings"].items():
        row(f"  stage {stage}", f"{sec:.2f} s")
    row("peak RSS incremental (self)", f"{incr['rss_self_mb']:.0f} MB")
    row("Turtle export (sorted, deterministic)", f"{t_turtle:.2f} s ({turtle_size / 1e6:.0f} MB)")
    row("replace one article graph (transaction)", f"{t_replace * 1000:.0f} ms")
    for name, (sec, rows) in latencies.items():
        row(f"query: {name}", f"{sec * 1000:.1f} ms ({rows} rows)", "<= 50 ms median")
    row("store query, whole process (bare)", f"{cmd_bare * 1000:.0f} ms")
    row("  + import graph.cli, click", f"{cmd_cli * 1000:.0f} ms", "<= 300 ms")
    row("  + from ontology import list_queries", f"{cmd_cli_ont * 1000:.0f} ms")
    if big:
        quads, t_load, lat, t_tt, tt_size, t_rep = big
        n = args.n * args.replicate
        row(f"store layer x{args.replicate} (~{n} articles)", f"{quads} quads")
        row("  bulk load", f"{t_load:.2f} s")
        row("  Turtle export (sorted)", f"{t_tt:.2f} s ({tt_size / 1e6:.0f} MB)")
        row("  replace one article graph", f"{t_rep * 1000:.0f} ms")
        for name, (sec, rows) in lat.items():
            row(f"  query: {name}", f"{sec * 1000:.1f} ms ({rows} rows)", "<= 50 ms median")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
