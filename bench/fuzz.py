"""Fuzz the text pipeline: bytes → clean text → sentences → mentions → entities → facts → RDF.

Usage:
    .venv/bin/python bench/fuzz.py [--count 100000] [--seed 1] [--rdf-every 50] [--engine random|hypothesis]
    .venv/bin/python bench/fuzz.py --big 50      # time + memory of reading a 50 MB article

Inputs mix random Unicode (any plane, controls, RTL marks, emoji) with Kazakh-like text
built from Kazakh letters, syllables, case suffixes, names, digits, quotes, court and
protest vocabulary, HTML fragments, invisible characters and Latin look-alikes. Each
input must go through without an exception, and every offset must still point at its
text (``doc.text[x.start:x.end] == x.text``). Failures are de-duplicated by exception
type and the innermost ``graph/`` frame, shrunk to a small reproducer and printed.

``--engine random`` (default) draws from a seeded ``random.Random`` (fast, deterministic,
collects every distinct failure); ``--engine hypothesis`` lets hypothesis drive the same
generator (stops at the first failure and shrinks it). tests/test_fuzz.py runs a small
hypothesis slice in CI.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.lang.textclean import clean_text, decode_bytes
from graph.model import Document

# ----------------------------------------------------------------------------- generators

KAZ_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
VOWELS = "аәеиоөұүыіэюя"
CONSONANTS = "бвгғджзйкқлмнңпрстфхһцчшщ"
SUFFIXES = ["ның", "нің", "дың", "тың", "ға", "ге", "қа", "ке", "ны", "ні", "ды", "ті", "да", "де", "та", "те",
            "дан", "нен", "мен", "бен", "пен", "лар", "лер", "дар", "тер", "ов", "ова", "ев", "ева", "ұлы", "қызы",
            "ке", "ті", "ты", "тің", "ына", "іне", "сы", "сі"]
NAMES = ["Ерлан", "Асхат", "Жексебаев", "Мұхтар", "Жәкішев", "Әсел", "Нұрланова", "Марат", "Жанұзақов",
         "Бауыржан", "Тоқтаров", "Дина", "Сейітова", "Алматы", "Астана", "Нұр-Сұлтан", "Шымкент",
         "Қазақстан", "Ресей", "Азаттық", "Демократиялық таңдау", "Көше партиясы", "БҰҰ", "ҰҚК"]
WORDS = ["соты", "сот", "аудандық", "қалалық", "үкім", "шығарды", "соттады", "жылға", "айға", "бас бостандығынан",
         "айыру", "белсенді", "саяси", "тұтқын", "тұтқындар", "тізімі", "тізіміне", "енгізді", "пикет", "өткізді",
         "аштық", "жариялады", "митинг", "наразылық", "талап", "етіп", "босатуды", "құқық", "қорғаушылар",
         "таныды", "бабы", "бабымен", "айыпталды", "шартты", "мерзімге", "түрмеге", "жалғыз", "адамдық",
         "бойынша", "деп", "және", "бірақ", "сондай-ақ", "деді", "хабарлады", "приговорил", "к", "годам",
         "лишения", "свободы", "активиста", "суд", "статья", "политзаключённый", "ҚК", "405-бабы", "174-бабы"]
PUNCT = list(".,;:!?…—–-()[]«»„“”\"'’/\\%№+*=<>&@#") + ["...", "?!", " - ", " — ", "\n", "\n\n", "\t", "  "]
DIGITS = ["5", "7", "14", "2019", "2020 жылы", "12.10.2019", "16 қазан", "1,5", "3-4", "10-15", "100 000", "0",
          "99999999999999999999", "½", "٣", "Ⅻ", "2019-да", "18-ге", "5 жыл 6 ай"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202e", "\u2028",
             "\u00a0", "\u0301", "\u0306", "\r", "\r\n", "\x00", "\x07", "\x85", "\ufffd"]
LATIN_LOOK = ["A", "a", "e", "o", "p", "c", "x", "H", "K", "M", "T", "B", "i", "h", "ə", "Ə"]
HTML_BITS = ["<p>", "</p>", "<br>", "<div class=\"x\">", "</div>", "<script>alert(1)</script>", "<style>p{}</style>",
             "&nbsp;", "&laquo;", "&raquo;", "&amp;", "&#1179;", "&#x4d9;", "<!--", "-->", "<![CDATA[", "]]>",
             "<a href='x'>", "</a>", "<", ">", "<!DOCTYPE html>", "<title>", "</title>"]
LATIN_KAZ = ["Qazaqstan", "belsendı", "sottady", "jylğa", "Būryñğy", "şahar", "ülken", "qazy", "saiasi", "tūtqyn",
             "Respublikasy", "https://azattyq.org/a?q=1", "x@y.kz"]
EXOTIC = ["😀", "👩‍👩‍👧", "🇰🇿", "א", "ب", "中", "ㄱ", "ꙮ", "𝔄", "\U0010ffff", "\ue000", "ﬁ", "Ǆ", "İ", "ß", "ς"]


def _word(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    n = rng.randint(1, 4)
    syl = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) + (rng.choice(CONSONANTS) if rng.random() < 0.5 else "")
                  for _ in range(n))
    return syl + (rng.choice(SUFFIXES) if rng.random() < 0.5 else "")


def _piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.30:
        return _word(rng)
    if r < 0.45:
        name = rng.choice(NAMES)
        return name + (rng.choice(SUFFIXES) if rng.random() < 0.4 else "")
    if r < 0.55:
        return rng.choice(DIGITS)
    if r < 0.70:
        return rng.choice(PUNCT)
    if r < 0.76:
        return rng.choice(INVISIBLE)
    if r < 0.81:
        w = list(_word(rng).capitalize())
        if w:
            w[rng.randrange(len(w))] = rng.choice(LATIN_LOOK)
        return "".join(w)
    if r < 0.86:
        return rng.choice(HTML_BITS)
    if r < 0.90:
        return rng.choice(LATIN_KAZ)
    if r < 0.94:
        return rng.choice(EXOTIC)
    if r < 0.985:
        return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 6))).encode(
            "utf-8", "replace").decode("utf-8", "replace")
    # Long runs stress regexes: no spaces, one repeated character, a very long word.
    return rng.choice(["а", "Қ", "x", ".", "-", "«", " ", "\n", "<p", "&#"]) * rng.randint(50, 2000)


def kazakh_like(rng: random.Random) -> str:
    """A random article-like string: sentences of Kazakh-looking words and noise."""
    parts: list[str] = []
    # Mostly sentence-sized inputs (the pipeline works per sentence), sometimes a paragraph.
    for _ in range(rng.randint(0, 12) if rng.random() < 0.9 else rng.randint(12, 60)):
        parts.append(_piece(rng))
        parts.append(" " if rng.random() < 0.8 else "")
    text = "".join(parts)
    if rng.random() < 0.3:
        text = text[:1].upper() + text[1:] + rng.choice([".", "!", "?", "", "»."])
    return text


def random_unicode(rng: random.Random) -> str:
    """Any code points (surrogates replaced), up to 80 of them."""
    out = []
    for _ in range(rng.randint(0, 80)):
        plane = rng.random()
        cp = rng.randint(0, 0x7F) if plane < 0.3 else rng.randint(0x80, 0x52F) if plane < 0.7 else rng.randint(0, 0x10FFFF)
        if 0xD800 <= cp <= 0xDFFF:
            cp = 0xFFFD
        out.append(chr(cp))
    return "".join(out)


def random_bytes(rng: random.Random) -> bytes:
    """Raw bytes: encoded Kazakh in a random codec, with random damage."""
    text = kazakh_like(rng)
    codec = rng.choice(["utf-8", "utf-8-sig", "utf-16", "cp1251", "kz1048", "koi8_r", "cp866", "latin-1"])
    data = bytearray(text.encode(codec, errors="replace"))
    for _ in range(rng.randint(0, 3)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def make_input(rng: random.Random) -> tuple[str, str | bytes]:
    """One fuzz input: ``(kind, value)``."""
    r = rng.random()
    if r < 0.6:
        return "kazakh", kazakh_like(rng)
    if r < 0.85:
        return "unicode", random_unicode(rng)
    return "bytes", random_bytes(rng)


# ----------------------------------------------------------------------------- target


def _load_stages() -> dict[str, Callable]:
    from graph.build.pipeline import analyse_document

    stages: dict[str, Callable] = {"analyse": analyse_document}
    try:
        from graph.annotate.entities import resolve_entities

        stages["entities"] = resolve_entities
    except ImportError:
        pass
    try:
        from graph.events.engine import extract_facts

        stages["facts"] = extract_facts
    except ImportError:
        pass
    try:
        from graph.rdf.mapping import to_dataset
        from graph.views.export import serialize

        stages["rdf"] = to_dataset
        stages["serialize"] = serialize
    except ImportError:
        pass
    return stages


_STAGES: dict[str, Callable] | None = None


def run_one(value: str | bytes, rdf: bool = False) -> None:
    """Push one input through every available stage; raise on a crash or a broken offset."""
    global _STAGES
    if _STAGES is None:
        _STAGES = _load_stages()
    if isinstance(value, bytes):
        from graph.errors import CorpusError

        try:
            text, _enc, _warnings = decode_bytes(value, "fuzz.txt")
        except CorpusError:
            return  # refusing undecodable bytes with a message is the documented behaviour
    else:
        text = value
    cleaned = clean_text(text, "fuzz.txt").text
    assert "\r" not in cleaned and "\u200b" not in cleaned and "\x00" not in cleaned, "cleaning left junk"
    doc = Document(id="fuzz.txt", path="fuzz.txt", text=cleaned)
    known = frozenset(w for w in cleaned.split() if w[:1].isupper())
    sentences, mentions = _STAGES["analyse"](doc, known)
    for s in sentences:
        assert cleaned[s.start:s.end] == s.text, f"sentence offsets {s.start}:{s.end}"
        for t in s.tokens:
            assert cleaned[t.start:t.end] == t.text, f"token offsets {t.start}:{t.end}"
    for m in mentions:
        assert cleaned[m.start:m.end] == m.text, f"mention offsets {m.start}:{m.end}"
    if "entities" not in _STAGES:
        return
    entities, mention_entity = _STAGES["entities"](mentions, sentences)
    facts = _STAGES["facts"](sentences, mentions, mention_entity) if "facts" in _STAGES else []
    for f in facts:
        ev = f.evidence
        assert cleaned[ev.sentence_start:ev.sentence_start + len(ev.sentence_text)] == ev.sentence_text
        assert 0 <= ev.start <= ev.end <= len(cleaned)
    if rdf and "rdf" in _STAGES:
        dataset = _STAGES["rdf"]([doc], {doc.id: sentences}, entities, mention_entity, facts)
        from rdflib import Graph

        Graph().parse(data=_STAGES["serialize"](dataset, "nt"), format="nt")


# ----------------------------------------------------------------------------- failures


@dataclass
class Failure:
    signature: str
    message: str
    value: str | bytes
    count: int = 1
    trace: list[str] = field(default_factory=list)


def _signature(err: BaseException) -> tuple[str, list[str]]:
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if "/graph/" in f.filename] or frames[-1:]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(err).__name__} at {where}", [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[-6:]]


def shrink(value: str | bytes, signature: str, budget: float = 20.0) -> str | bytes:
    """Delta-debug ``value`` to a smaller input failing with the same signature."""
    deadline = time.monotonic() + budget

    def fails(candidate: str | bytes) -> bool:
        try:
            run_one(candidate)
        except Exception as err:  # noqa: BLE001 - any crash is what we look for
            return _signature(err)[0] == signature
        return False

    chunk = max(1, len(value) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        changed = False
        while i < len(value) and time.monotonic() < deadline:
            candidate = value[:i] + value[i + chunk:]
            if candidate != value and fails(candidate):
                value = candidate
                changed = True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return value


def fuzz(count: int, seed: int, rdf_every: int, slow_seconds: float = 2.0,
         progress: Callable[[int], None] | None = None) -> tuple[int, dict[str, Failure], list[tuple[float, object]], float]:
    """Run ``count`` random inputs; return (done, failures by signature, slow inputs, seconds)."""
    rng = random.Random(seed)
    failures: dict[str, Failure] = {}
    slow: list[tuple[float, object]] = []
    start = time.perf_counter()
    done = 0
    for i in range(count):
        _kind, value = make_input(rng)
        t0 = time.perf_counter()
        try:
            run_one(value, rdf=rdf_every > 0 and i % rdf_every == 0)
        except Exception as err:  # noqa: BLE001 - the point is to catch everything
            sig, trace = _signature(err)
            if sig in failures:
                failures[sig].count += 1
                if len(value) < len(failures[sig].value):
                    failures[sig].value = value
            else:
                failures[sig] = Failure(sig, f"{type(err).__name__}: {err}"[:300], value, trace=trace)
        elapsed = time.perf_counter() - t0
        if elapsed > slow_seconds:
            slow.append((elapsed, value))
        done += 1
        if progress and done % 5000 == 0:
            progress(done)
    return done, failures, slow, time.perf_counter() - start


def big_article(megabytes: int) -> None:
    """Measure reading + cleaning one article of ``megabytes`` MB (time and peak memory)."""
    import resource
    import tempfile

    from graph.build.corpus import read_document

    base = ("Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады. Құқық қорғаушылар оны саяси "
            "тұтқын деп таныды.\n").encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_bytes(base * (megabytes * 1024 * 1024 // len(base)))
        t0 = time.perf_counter()
        try:
            read_document(path)
            print("read with the default limit (unexpected)")
        except Exception as err:  # noqa: BLE001
            print(f"default limit: {err} ({time.perf_counter() - t0:.3f} s)")
        t0 = time.perf_counter()
        doc = read_document(path, max_bytes=path.stat().st_size)
        print(f"read + clean {path.stat().st_size / 1e6:.1f} MB: {time.perf_counter() - t0:.2f} s, "
              f"{len(doc.text):,} characters, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rdf-every", type=int, default=50, help="Also build + parse RDF every N inputs (0: never).")
    parser.add_argument("--engine", choices=["random", "hypothesis"], default="random")
    parser.add_argument("--big", type=int, metavar="MB", help="Only measure reading one article of MB megabytes.")
    args = parser.parse_args()
    if args.big:
        big_article(args.big)
        return 0
    if args.engine == "hypothesis":
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        @settings(max_examples=args.count, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.randoms(use_true_random=False).map(lambda r: make_input(r)[1]) | st.text())
        def target(value: str | bytes) -> None:
            run_one(value)

        t0 = time.perf_counter()
        target()
        print(f"hypothesis: {args.count} inputs, 0 failures, {args.count / (time.perf_counter() - t0):.0f} inputs/s")
        return 0
    stages = ", ".join(_load_stages())
    print(f"fuzzing {args.count} inputs (seed {args.seed}) through: clean, {stages}", flush=True)
    t_start = time.perf_counter()
    done, failures, slow, seconds = fuzz(
        args.count, args.seed, args.rdf_every,
        progress=lambda n: print(f"  {n} inputs, {n / (time.perf_counter() - t_start):.0f}/s", flush=True),
    )
    total = sum(f.count for f in failures.values())
    print(f"count={done} failures={total} distinct={len(failures)} seconds={seconds:.1f} "
          f"inputs/s={done / seconds:.0f} slow(>2s)={len(slow)}")
    for failure in failures.values():
        small = shrink(failure.value, failure.signature)
        print(f"\nFAIL {failure.signature} ×{failure.count}: {failure.message}")
        print("  trace: " + " ← ".join(reversed(failure.trace)))
        print(f"  reproducer: run_one({small!r})")
    for elapsed, value in sorted(slow, key=lambda item: -item[0])[:5]:
        print(f"\nSLOW {elapsed:.1f} s: {value!r:.300}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
