"""Token features for the Kazakh CRF tagger.

Features are plain ``name=value`` strings (python-crfsuite's fastest input
form). Everything that depends on the word alone is computed once per
distinct word and cached, because news text repeats words heavily; only the
few position features are built per token. That keeps extraction well above
50k tokens/s on one core.

The suffix stripper here is deliberately small and self-contained: features
must not shift when the normaliser (``graph.morph``) is improved after the
model was trained, or the shipped model would silently degrade. Gazetteer
hits come from ``graph.gazetteer`` when it is importable (its lists only add
evidence), with a tiny built-in fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = [
    "CASE_SUFFIXES",
    "ORG_HEADS",
    "case_suffix",
    "sentence_features",
    "shape",
    "strip_suffixes",
    "word_features",
]

log = logging.getLogger(__name__)

# Case endings (and the common plural/possessive chains before them), mapped
# to a case name. Longest match wins; order here does not matter.
_CASES: dict[str, tuple[str, ...]] = {
    "GEN": ("ның", "нің", "дың", "дің", "тың", "тің"),
    "DAT": ("ға", "ге", "қа", "ке", "на", "не"),
    "ACC": ("ны", "ні", "ды", "ді", "ты", "ті"),
    "LOC": ("да", "де", "та", "те", "нда", "нде"),
    "ABL": ("дан", "ден", "тан", "тен", "нан", "нен"),
    "INS": ("мен", "бен", "пен"),
    "LOCA": ("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"),
    "ADJ": ("лық", "лік", "дық", "дік", "тық", "тік"),
}
CASE_SUFFIXES: dict[str, str] = {s: c for c, ss in _CASES.items() for s in ss}

# Possessive / plural pieces that may precede a case ending.
_PRE = (
    "",
    "ы",
    "і",
    "сы",
    "сі",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ларды",
    "лерді",
    "лары",
    "лері",
    "дары",
    "дері",
    "тары",
    "тері",
)
_STRIP = sorted(
    {p + s for p in _PRE for s in CASE_SUFFIXES}
    | {p for p in _PRE if p}
    | {p + "н" for p in ("ы", "і", "сы", "сі", "лары", "лері")},
    key=len,
    reverse=True,
)
_STRIP_BY_LEN: dict[int, frozenset[str]] = {}
for _s in _STRIP:
    _STRIP_BY_LEN.setdefault(len(_s), set()).add(_s)  # type: ignore[arg-type]
_STRIP_LENS = sorted(_STRIP_BY_LEN, reverse=True)

ORG_HEADS = frozenset(
    [
        "компания",
        "компаниясы",
        "бірлестік",
        "бірлестігі",
        "ұйым",
        "ұйымы",
        "партия",
        "партиясы",
        "министрлік",
        "министрлігі",
        "әкімдік",
        "әкімдігі",
        "сот",
        "соты",
        "комитет",
        "комитеті",
        "агенттік",
        "агенттігі",
        "банк",
        "банкі",
        "университет",
        "университеті",
        "қор",
        "қоры",
        "орталық",
        "орталығы",
        "кеңес",
        "кеңесі",
        "академия",
        "академиясы",
        "мәжіліс",
        "мәжілісі",
        "сенат",
        "сенаты",
        "парламент",
        "парламенті",
        "департамент",
        "департаменті",
        "басқарма",
        "басқармасы",
        "қызмет",
        "қызметі",
        "прокуратура",
        "прокуратурасы",
        "корпорация",
        "корпорациясы",
        "холдинг",
        "холдингі",
        "театр",
        "театры",
        "мектеп",
        "мектебі",
        "газет",
        "газеті",
        "телеарна",
        "телеарнасы",
        "агенттік",
        "институт",
        "институты",
        "одақ",
        "одағы",
    ]
)

_SURNAME_ENDINGS = (
    "ов",
    "ев",
    "ова",
    "ева",
    "ин",
    "ина",
    "ұлы",
    "қызы",
    "баев",
    "баева",
    "ович",
    "овна",
    "евич",
    "евна",
    "енко",
    "ский",
    "ская",
)

_MONTHS = frozenset(
    [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ]
)

_NUMWORD_RE = re.compile(
    r"^(бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|"
    r"жетпіс|сексен|тоқсан|жүз|мың|миллион|миллиард)"
)
_QUOTES = frozenset("«»\"“”„'’")
_QUOTE_OPENERS = frozenset('«“„"')
_QUOTE_CLOSERS = frozenset("»”“")
_PUNCT = frozenset(".,;:!?()[]-–—…")

_fallback_places = frozenset(
    [
        "алматы",
        "астана",
        "нұр-сұлтан",
        "қазақстан",
        "ресей",
        "қытай",
        "шымкент",
        "ақтөбе",
        "ақтау",
        "атырау",
        "семей",
        "қарағанды",
        "өскемен",
        "павлодар",
        "петропавл",
        "орал",
        "қостанай",
        "тараз",
        "түркістан",
        "жезқазған",
        "жаңаөзен",
        "талдықорған",
        "көкшетау",
        "қызылорда",
        "ақмола",
        "мәскеу",
        "женева",
        "вена",
        "америка",
        "украина",
    ]
)


def _load_gazetteer() -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """Return (is_place, is_given_name) predicates on lower-cased words."""
    try:
        from graph import gazetteer as gz  # written by another stage; optional here

        is_place = getattr(gz, "is_place", None)
        is_given = getattr(gz, "is_given_name", None)
        if callable(is_place) and callable(is_given):
            return is_place, is_given
    except Exception as exc:  # noqa: BLE001 - module may be half-written while we run
        log.debug("gazetteer unavailable (%s); using built-in fallback", exc)
    return (lambda w: w in _fallback_places), (lambda w: False)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """Organisation head nouns from the gazetteer (empty when unavailable)."""
    try:
        from graph import gazetteer as gz

        return frozenset(gz.org_heads())
    except Exception as exc:  # noqa: BLE001 - optional data
        log.debug("org heads unavailable (%s)", exc)
        return frozenset()


_GAZ: tuple[Callable[[str], bool], Callable[[str], bool]] | None = None


def _gaz() -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    global _GAZ
    if _GAZ is None:
        _GAZ = _load_gazetteer()
    return _GAZ


def strip_suffixes(lower: str) -> str:
    """Strip one inflection chain (plural/possessive + case) from a lower-cased word.

    Args:
        lower: A lower-cased word.

    Returns:
        The guessed stem (at least 3 letters kept); hyphenated suffixes
        (``бұұ-ның``, ``18-ге``) are cut at the hyphen.
    """
    head, sep, tail = lower.rpartition("-")
    if sep and head and (tail in CASE_SUFFIXES or tail in _STRIP_BY_LEN.get(len(tail), ())):
        return head
    n = len(lower)
    for k in _STRIP_LENS:
        if n - k < 3:
            continue
        if lower[n - k :] in _STRIP_BY_LEN[k]:
            return lower[: n - k]
    return lower


def case_suffix(lower: str) -> str:
    """Name the case ending of a lower-cased word ("GEN", "DAT", ...; "" when none).

    Args:
        lower: A lower-cased word.

    Returns:
        The case name of the longest matching case suffix (stem ≥ 3 letters).
    """
    tail = lower.rpartition("-")[2] if "-" in lower else None
    if tail is not None and tail in CASE_SUFFIXES:
        return CASE_SUFFIXES[tail]
    n = len(lower)
    for k in (5, 4, 3, 2):
        if n - k >= 3 and lower[n - k :] in CASE_SUFFIXES:
            return CASE_SUFFIXES[lower[n - k :]]
    return ""


def shape(word: str) -> str:
    """Return a compact shape: X upper, x lower, d digit, other chars kept, runs collapsed.

    Args:
        word: A token.

    Returns:
        Shape such as ``Xx``, ``X``, ``d``, ``d-x``, ``«``.
    """
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _candidates(low: str, stem: str) -> list[str]:
    """Possible nominatives of a word for gazetteer lookup (cheap, over-generating)."""
    out = [low, stem]
    head, sep, _tail = low.rpartition("-")
    if sep and head:
        out.append(head)
    n = len(low)
    for k in (5, 4, 3, 2):
        if n - k >= 3 and low[n - k :] in CASE_SUFFIXES:
            out.append(low[: n - k])
    return out


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[tuple[str, ...], ...]:
    """Return the cached feature strings of one word as seen from each position.

    Args:
        word: A token as it appears in the text.

    Returns:
        Six tuples of ``name=value`` strings: the word's own features, then
        its features as the left neighbour (-1), right neighbour (+1), second
        left (-2) and second right (+2) of another token, and the
        ``afterP`` feature it gives the next token when it is punctuation.
    """
    low = word.lower()
    stem = strip_suffixes(low)
    cas = case_suffix(low)
    shp = shape(word)
    is_place, is_given = _gaz()
    cands = _candidates(low, stem)
    place = any(is_place(c) for c in cands)
    # Given names are declined when they stand alone (Раушанның): look up stems too.
    given = any(is_given(c) for c in cands)
    own = [
        "b",
        "w=" + low,
        "st=" + stem,
        "s1=" + low[-1:],
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + shp,
        "c=" + cas,
    ]
    if word[:1].isupper():
        own.append("T")
        if word.isupper() and len(word) > 1:
            own.append("U")
    if "-" in word:
        own.append("hy")
    if word in _QUOTES:
        own.append("q")
    if word.isdigit():
        own.append(f"dg={min(len(word), 5)}")
    if _NUMWORD_RE.match(low):
        own.append("nw")
    if stem in _MONTHS or low in _MONTHS:
        own.append("mon")
    if place:
        own.append("gP")
    if given:
        own.append("gG")
    if any(c.endswith(_SURNAME_ENDINGS) for c in cands):
        own.append("sur")
    if not any(ch.isalnum() for ch in word):
        own.append("P")
    if stem in ORG_HEADS or low in ORG_HEADS or low in _org_heads():
        own.append("org")
    near = ["w=" + low, "st=" + stem, "sh=" + shp, "c=" + cas]
    for f in ("T", "gP", "gG", "sur", "org", "q", "mon", "nw"):
        if f in own:
            near.append(f)
    far = ["st=" + stem, "sh=" + shp]
    if "org" in own:
        far.append("org")
    return (
        tuple(own),
        tuple("-1" + x for x in near),
        tuple("+1" + x for x in near),
        tuple("-2" + x for x in far),
        tuple("+2" + x for x in far),
        # Seen from the next token: "came right after this punctuation mark".
        ("afterP=" + word,) if word in _PUNCT or word in _QUOTES else (),
    )


_PAD: tuple[tuple[str, ...], ...] = ((),) * 6


def _quoted_context(
    words: Sequence[str], feats: Sequence[tuple[tuple[str, ...], ...]]
) -> dict[int, tuple[str, ...]]:
    """Features for tokens inside quotes: the word after the closing quote, org head nearby."""
    out: dict[int, tuple[str, ...]] = {}
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if w not in _QUOTE_OPENERS:
            i += 1
            continue
        close = None
        inner = None
        for k in range(i + 1, min(n, i + 14)):
            if words[k] in _QUOTE_CLOSERS or (w == '"' and words[k] == '"'):
                close = k
                break
            if words[k] in _QUOTE_OPENERS:
                inner = k  # nested or unclosed quote: only the innermost pair counts
                break
        if inner is not None:
            i = inner
            continue
        if close is None or close == i + 1:
            i += 1
            continue
        after = feats[close + 1][0][2][3:] if close + 1 < n else "END"  # "st=<stem>"
        extra = ["inq", "aq=" + after]
        if any("org" in feats[k][0] for k in range(close + 1, min(n, close + 4))):
            extra.append("aqO")
        ex = tuple(extra)
        for k in range(i + 1, close):
            out[k] = ex
        i = close + 1
    return out


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Build the CRF feature lists of one sentence.

    Args:
        words: Tokens of one sentence.

    Returns:
        One list of ``name=value`` strings per token.
    """
    feats = [word_features(w) for w in words]
    n = len(words)
    out: list[list[str]] = []
    quoted = _quoted_context(words, feats)
    # Two empty pads on each side let every token take its ±2 neighbours'
    # cached tuples without bounds checks (the hot loop of tagging).
    padded = [_PAD, _PAD, *feats, _PAD, _PAD]
    for i in range(n):
        own = padded[i + 2][0]
        prev = padded[i + 1]
        f = [*own, *prev[1], *padded[i][3], *padded[i + 3][2], *padded[i + 4][4], *prev[5]]
        if i in quoted:
            # Inside quotes: what follows the closing quote (компаниясы, фильмі,
            # театры ...) tells an organisation from a work of art or a project.
            f.extend(quoted[i])
        if i == 0:
            f.append("BOS")
            if "T" in own:
                f.append("Tbos")
        if i == n - 1:
            f.append("EOS")
        out.append(f)
    return out
