"""Token features for the Kazakh CRF tagger.

Features are UTF-8 ``name=value`` byte strings (python-crfsuite's fastest
input form: str attributes are re-encoded on every call, which used to be
half the tagging time). Everything that depends on the word alone is
computed once per distinct word and cached, because news text repeats words
heavily; only the few position features (capitalisation of the neighbours,
an organisation or place head noun ahead, stem bigrams, quotes) are built
per token.

Each addition was kept only when 5-fold group cross-validation
(``graph.ner.train.cross_validate``) improved on the same folds: neighbour
capitalisation + head nouns ahead + place heads + GPE as its own training
type + c2 0.05 took micro F1 from 0.881 to 0.892; stem bigrams gave PERSON
+0.004 on every fold; the lower-case vocabulary (``lc``) PERSON +0.006.
Conjunction features (capitalised & head ahead, given name & surname) did
not beat the noise and were left out.

The suffix stripper here is deliberately small and self-contained: features
must not shift when the normaliser (``graph.lang.morph``) is improved after the
model was trained, or the shipped model would silently degrade. Gazetteer
hits come from ``graph.lang.gazetteer`` when it is importable (its lists only add
evidence), with a tiny built-in fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from graph.lang.lexicon import MONTHS

__all__ = [
    "CASE_SUFFIXES",
    "ORG_HEADS",
    "case_suffix",
    "lower_vocab_owner",
    "sentence_features",
    "set_lower_vocab",
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

_MONTHS = frozenset(MONTHS)

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
        from graph.lang import gazetteer as gz  # written by another stage; optional here

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
        from graph.lang import gazetteer as gz

        return frozenset(gz.org_heads())
    except Exception as exc:  # noqa: BLE001 - optional data
        log.debug("org heads unavailable (%s)", exc)
        return frozenset()


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Place head nouns (облысы, ауданы, көшесі ...) from the gazetteer (empty when unavailable)."""
    try:
        from graph.lang import gazetteer as gz

        return frozenset(gz.place_heads())
    except Exception as exc:  # noqa: BLE001 - optional data
        log.debug("place heads unavailable (%s)", exc)
        return frozenset()


# Words seen in lower case in the training text (and their stems), learnt from
# the training data and shipped beside the model (``ner.vocab``). A capitalised
# word whose lower-case form is a common word (Шара, Бүгін, Сот) is usually
# capitalised only because it starts the sentence.
_LOWER: frozenset[str] = frozenset()
_LOWER_STEMS: frozenset[str] = frozenset()
_LOWER_OWNER = ""


def set_lower_vocab(words: Iterable[str], owner: str = "") -> None:
    """Install the lower-case vocabulary the ``lc``/``lcs`` features look up.

    Args:
        words: Lower-case words seen in lower case in the training text.
        owner: Who installed it (a model path, ``"training"``), so the tagger
            can tell whether its own vocabulary is active.
    """
    global _LOWER, _LOWER_STEMS, _LOWER_OWNER
    _LOWER = frozenset(words)
    _LOWER_STEMS = frozenset(strip_suffixes(w) for w in _LOWER)
    _LOWER_OWNER = owner
    word_features.cache_clear()  # cached features depend on the vocabulary


def lower_vocab_owner() -> str:
    """Owner string given to the last :func:`set_lower_vocab` call ("" at start)."""
    return _LOWER_OWNER


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
def word_features(word: str) -> tuple:
    """Return the cached feature strings of one word as seen from each position.

    Args:
        word: A token as it appears in the text.

    Returns:
        Six tuples of UTF-8 ``name=value`` bytes: the word's own features, then
        its features as the left neighbour (-1), right neighbour (+1), second
        left (-2) and second right (+2) of another token, and the
        ``afterP`` feature it gives the next token when it is punctuation,
        then an int of bit flags and the stem (for the sentence-level features).
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
        if low in _LOWER:
            own.append("lc")
        elif stem in _LOWER_STEMS:
            own.append("lcs")
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
    org_heads = _org_heads()
    if stem in ORG_HEADS or low in ORG_HEADS or any(c in org_heads for c in cands):
        own.append("org")
    if any(c in _place_heads() for c in cands):
        own.append("ph")
    near = ["w=" + low, "st=" + stem, "sh=" + shp, "c=" + cas]
    for f in ("T", "gP", "gG", "sur", "org", "ph", "q", "mon", "nw"):
        if f in own:
            near.append(f)
    far = ["st=" + stem, "sh=" + shp]
    for f in ("org", "ph"):
        if f in own:
            far.append(f)
    # Bit flags for the sentence-level passes (capitalised, punctuation, quote,
    # organisation head, place head).
    flags = (
        (_F_T if "T" in own else 0)
        | (_F_P if "P" in own else 0)
        | (_F_Q if word in _QUOTES else 0)
        | (_F_ORG if "org" in own else 0)
        | (_F_PH if "ph" in own else 0)
    )
    # Bytes, not str: python-crfsuite would otherwise UTF-8-encode every
    # attribute of every token on every call (half the tagging time); the
    # model sees the same UTF-8 strings either way.
    return (
        tuple(x.encode() for x in own),
        tuple(("-1" + x).encode() for x in near),
        tuple(("+1" + x).encode() for x in near),
        tuple(("-2" + x).encode() for x in far),
        tuple(("+2" + x).encode() for x in far),
        # Seen from the next token: "came right after this punctuation mark".
        (("afterP=" + word).encode(),) if word in _PUNCT or word in _QUOTES else (),
        flags,
        stem.encode(),
    )


_F_T, _F_P, _F_Q, _F_ORG, _F_PH = 1, 2, 4, 8, 16
_PAD: tuple = ((),) * 6 + (0, b"")
_CP = (b"cp=xx", b"cp=Tx", b"cp=xT", b"cp=TT")  # indexed by (left T) | (right T) << 1
# How far to the right a head noun still announces a name ("Сыртқы істер
# министрлігі", "Ақмола облысы"): organisation names run long, place names short.
_ORG_REACH = 5
_PH_REACH = 2


def _quoted_context(words: Sequence[str], feats: Sequence[tuple]) -> dict[int, tuple[bytes, ...]]:
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
        after = feats[close + 1][7] if close + 1 < n else b"END"
        extra = [b"inq", b"aq=" + after]
        if any(feats[k][6] & _F_ORG for k in range(close + 1, min(n, close + 4))):
            extra.append(b"aqO")
        ex = tuple(extra)
        for k in range(i + 1, close):
            out[k] = ex
        i = close + 1
    return out


def sentence_features(words: Sequence[str]) -> list[list[bytes]]:
    """Build the CRF feature lists of one sentence.

    Args:
        words: Tokens of one sentence.

    Returns:
        One list of UTF-8 ``name=value`` attributes per token (bytes, which
        python-crfsuite takes without re-encoding).
    """
    feats = [word_features(w) for w in words]
    n = len(words)
    out: list[list[bytes]] = []
    quoted = _quoted_context(words, feats)
    # Right-to-left pass: is an organisation / place head noun coming up within
    # the same clause? (quotes do not end a clause: «Хабар» арнасы).
    org_r = [False] * n
    ph_r = [False] * n
    nxt_org = nxt_ph = 1 << 30
    for i in range(n - 1, -1, -1):
        fl = feats[i][6]
        org_r[i] = nxt_org - i <= _ORG_REACH
        ph_r[i] = nxt_ph - i <= _PH_REACH
        if fl & _F_ORG:
            nxt_org = i
        if fl & _F_PH:
            nxt_ph = i
        elif fl & _F_P and not fl & _F_Q:
            nxt_org = nxt_ph = 1 << 30
    # Two empty pads on each side let every token take its ±2 neighbours'
    # cached tuples without bounds checks (the hot loop of tagging).
    padded = [_PAD, _PAD, *feats, _PAD, _PAD]
    for i in range(n):
        own = padded[i + 2][0]
        prev = padded[i + 1]
        f = [*own, *prev[1], *padded[i][3], *padded[i + 3][2], *padded[i + 4][4], *prev[5]]
        fl = padded[i + 2][6]
        if fl & _F_T:
            if i and not prev[6] & _F_P:
                f.append(b"Tm")  # capitalised inside the sentence: a name, not just the first word
            # Capitalisation of the neighbours: runs of capitalised words are names.
            f.append(_CP[(prev[6] & _F_T) | ((padded[i + 3][6] & _F_T) << 1)])
        if org_r[i]:
            f.append(b"orgR")
        if ph_r[i]:
            f.append(b"phR")
        # Stem bigrams: multi-word names (Сыртқы істер министрлігі) are fixed phrases.
        f.append(b"bg=" + prev[7] + b"|" + padded[i + 2][7])
        f.append(b"bg+=" + padded[i + 2][7] + b"|" + padded[i + 3][7])
        if i in quoted:
            # Inside quotes: what follows the closing quote (компаниясы, фильмі,
            # театры ...) tells an organisation from a work of art or a project.
            f.extend(quoted[i])
        if i == 0:
            f.append(b"BOS")
            if fl & _F_T:
                f.append(b"Tbos")
        if i == n - 1:
            f.append(b"EOS")
        out.append(f)
    return out
