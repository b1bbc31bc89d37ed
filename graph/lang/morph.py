"""Nominative normaliser for Kazakh nouns and names.

Kazakh nominal morphology is agglutinative: ``stem (+plural) (+possessive)
(+case)``. Suffixes follow vowel harmony (back а о ұ ы / front ә е ө ү і)
and their first consonant assimilates to the last sound of what precedes
(vowel / nasal / sonorant / voiced / voiceless). After a 3rd-person
possessive (-ы/-і/-сы/-сі) the case takes its "n-form" (компаниясының,
облысында, тізіміне, тізімін).

The normaliser is a small finite analyser: it peels suffixes off the end of
a word, checks each against the class of the sound before it and against
harmony, and then picks one analysis according to a *policy* that depends on
the entity kind:

* ``PERSON``: strip the case only (surnames are never possessed or
  pluralised in news text); n-forms only after -ұлы/-қызы;
* ``LOCATION`` / ``ORGANIZATION`` (and multi-word phrases): strip the case
  only, keeping the possessive of head nouns (облысы, компаниясы);
* ``GROUP``: strip the case; a possessive right after a plural is stripped
  too, but the plural stays (the group label is plural: саяси тұтқындар);
* ``None``: strip case, possessive and plural (a common-noun lemma); a
  capitalised word is treated as a name (case only);
* in :func:`nominative_phrase`, the last word of a multi-word phrase with no
  kind keeps its possessive and plural (Алматы әкімдігі, саяси тұтқындар).

Nominatives that merely end like a suffix (Қарағанды, Өскемен, Атабек) are
protected by the gazetteers (graph.lang.gazetteer), by surname patterns and by a
minimum stem length; a stem seen bare elsewhere (``known``) is preferred.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from graph.lang import gazetteer

__all__ = [
    "KINDS",
    "analyses",
    "harmony",
    "is_suffix_chain",
    "nominative",
    "nominative_phrase",
    "origin_place",
]

KINDS = ("PERSON", "LOCATION", "ORGANIZATION", "GROUP", None)

# --- sound classes of the last letter of what precedes a suffix -------------
_V = "аәеэоөұүыіяюё"  # vowels (и/у handled apart)
_I = "и"  # final и behaves as a vowel or as [ій]; accept both suffix sets
_N = "мнң"  # nasals
_L = "л"
_R = "рйу"  # sonorants other than л (у: Ақтау)
_Z = "жзғ"  # voiced
_K = "кқпстфхцчшщ"  # voiceless
_B = "бвгд"  # voiced stops at the end of loans take voiceless suffixes in writing:
# Ахмедке, Жәкішевті, клубтың (and Правда is not Прав+да)
_VOWELS_ALL = set(_V + "иу")

_BACK = set("аоұыяё")
_FRONT = set("әөүіеэ")
_NEUTRAL = set("иую")

# (back, front, allowed final letters before the suffix). "P" = after a
# 3rd-person possessive, i.e. the stem ends in ы/і (n-forms).
_P = "P"
_CASES: tuple[tuple[str, str, str], ...] = (
    # attributive locative -дағы/-дегі
    ("ндағы", "ндегі", _P),
    ("дағы", "дегі", _V + _I + _N + _L + _R + _Z),
    ("тағы", "тегі", _K + _B),
    # genitive
    ("ның", "нің", _V + _I + _N + _P),
    ("дың", "дің", _I + _L + _R + _Z),
    ("тың", "тің", _K + _B),
    # dative
    ("ға", "ге", _V + _I + _N + _L + _R + _Z),
    ("қа", "ке", _K + _B),
    ("на", "не", _P),
    # accusative
    ("ны", "ні", _V + _I),
    ("ды", "ді", _I + _N + _L + _R + _Z),
    ("ты", "ті", _K + _B),
    ("н", "н", _P),
    # locative
    ("нда", "нде", _P),
    ("да", "де", _V + _I + _N + _L + _R + _Z),
    ("та", "те", _K + _B),
    # ablative
    ("нан", "нен", _N + _P),
    ("дан", "ден", _V + _I + _L + _R + _Z),
    ("тан", "тен", _K + _B),
    # instrumental
    ("мен", "мен", _V + _I + _N + _L + _R + _P),
    ("бен", "бен", _Z + _N),
    ("пен", "пен", _K + _B),
)

_CONS = _N + _L + _R + _Z + _K + _B
# Possessives. 1sg/2sg (-м/-ң/-ым/-ың) are left out on purpose: they would
# turn адам, тізім, Қасым into "stems" far more often than they help.
_POSS: tuple[tuple[str, str, str, str], ...] = (
    ("ымыз", "іміз", _CONS, "1pl"),
    ("мыз", "міз", _V, "1pl"),
    ("сы", "сі", _V + _I, "3"),
    ("ы", "і", _CONS, "3"),
)
_PLURAL: tuple[tuple[str, str, str], ...] = (
    ("лар", "лер", _V + _I + _R),
    ("дар", "дер", _L + _N + _Z),
    ("тар", "тер", _K + _B),
)


def _expand(table: tuple) -> list[tuple[str, str, str]]:
    """Flatten (back, front, classes, ...) rows into (suffix, harmony, classes)."""
    out = []
    for row in table:
        back, front, classes = row[0], row[1], row[2]
        if back == front:
            out.append((back, "", classes))
        else:
            out.append((back, "b", classes))
            out.append((front, "f", classes))
    # Longest first so the n-forms are tried before their short twins.
    out.sort(key=lambda x: -len(x[0]))
    return out


_CASE_SUFFIXES = _expand(_CASES)
_POSS_SUFFIXES = _expand(_POSS)
_PLURAL_SUFFIXES = _expand(_PLURAL)

# Every surface chain plural? + possessive? + case? (for "БҰҰ-ның", "18-ге").
_ALL_CHAINS = frozenset(
    pl + po + ca
    for pl in [""] + [s for s, _, _ in _PLURAL_SUFFIXES]
    for po in [""] + [s for s, _, _ in _POSS_SUFFIXES] + ["н"]
    for ca in [""] + [s for s, _, _ in _CASE_SUFFIXES] + ["а", "е"]
    if pl or po or ca
)

# Last letters of every suffix (ның, да, ды, н, мыз, лар, ...): a word ending
# in anything else has nothing to strip.
_SUFFIX_FINALS = frozenset(s[-1] for s in _ALL_CHAINS)

# Case forms that only follow a 3rd-person possessive (or -ұлы/-қызы).
_NFORMS = frozenset(("на", "не", "н", "нда", "нде", "ндағы", "ндегі"))
# Pronoun forms with a stem change (ол -> оның, бұл -> мұнда).
_IRREGULAR = {
    f: lemma
    for lemma, forms in {
        "ол": "оның оған оны онда одан онымен ондағы",
        "сол": "соның соған соны сонда содан сонымен сондағы",
        "бұл": "бұның мұның бұған мұған бұны мұны бұнда мұнда бұдан мұнан мұнымен бұнымен мұндағы",
        "осы": "осының осыған осыны осында осыдан осымен осындағы",
        "мен": "менің маған мені менде менен менімен",
        "сен": "сенің саған сені сенде сенен сенімен",
        "біз": "біздің бізге бізді бізде бізден бізбен",
        "олар": "олардың оларға оларды оларда олардан олармен",
    }.items()
    for f in forms.split()
}
_LOCATIVES = frozenset(("да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі"))
# Accusatives that also end the many toponyms in -ды/-ті "having X"
# (Шортанды, Қайрақты, Көкпекті): for places they need gazetteer support.
_WEAK_PLACE_ACC = frozenset(("ды", "ді", "ты", "ті"))
# Final voiced stops of a stem before a vowel-initial possessive go back to
# voiceless in the bare stem: кітабы -> кітап, әкімдігі -> әкімдік.
_DEVOICE = {"б": "п", "г": "к", "ғ": "қ", "Б": "П", "Г": "К", "Ғ": "Қ"}

_ABBR_SUFFIX_RE = re.compile(r"^([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{2,})([a-zа-яёәғқңөұүһі]+)$")
_SURNAME_HARMONY_RE = re.compile(r"(?:ов|ев|ёв)$")
_PATRONYMIC_RE = re.compile(r"(?:ұлы|қызы|улы|кызы)$")


def harmony(stem: str) -> str:
    """Vowel-harmony class of a stem for the next suffix.

    Args:
        stem: Lower-case stem.

    Returns:
        ``"b"`` (back), ``"f"`` (front) or ``"bf"`` when both are attested
        (last vowel и/у/ю, -ов/-ев surnames, no vowel at all).
    """
    low = stem
    if low.endswith("ь"):
        return "bf"  # Russian soft sign: writers use both (Шольдің, Мишельдің)
    surname = False
    if len(low) > 4 and _SURNAME_HARMONY_RE.search(low):
        # Жексебаев-тың, Жәкішев-ке: the vowel before -ов/-ев decides, but
        # writers also follow the е; accept both when they disagree.
        surname = True
    for i in range(len(low) - 1, -1, -1):
        ch = low[i]
        if ch in _NEUTRAL:
            # Жахин-нің (front) and Жахин-ның both occur.
            return "bf"
        if ch in _BACK:
            return "bf" if surname and i >= len(low) - 2 else "b"
        if ch in _FRONT:
            if surname and i >= len(low) - 2:
                # Look at the vowel before the -ов/-ев ending.
                for j in range(i - 1, -1, -1):
                    if low[j] in _BACK:
                        return "bf"
                    if low[j] in _FRONT or low[j] in _NEUTRAL:
                        return "f" if low[j] in _FRONT else "bf"
                return "bf"
            return "f"
    return "bf"


def _final_class_ok(stem: str, classes: str) -> bool:
    """Whether the stem's last sound allows a suffix of the given classes."""
    if not stem:
        return False
    last = stem[-1]
    if last in "ьъ":
        return True  # Беларусьте, Беларусьдың, Любовьға: writers vary after the soft sign
    if last in classes:
        return True
    return _P in classes and last in "ыі"


def _has_vowel(s: str) -> bool:
    return not _VOWELS_ALL.isdisjoint(s)


@lru_cache(maxsize=1)
def _lex() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Lower-cased word sets used on the hot path, loaded once.

    Returns:
        (names: places + given names + abbreviations + listed nominatives,
        common words, heads: organisation + place heads, everything protected).
    """
    names = gazetteer.places() | gazetteer.given_names() | frozenset(gazetteer.abbreviations())
    names |= gazetteer.known_nominatives()
    common = gazetteer.common_words()
    heads = gazetteer.org_heads() | gazetteer.place_heads()
    return names, common, heads, names | common


# One analysis: (stem length, suffixes as tuple of (slot, suffix)), harmonic flag.
_Analysis = tuple[int, tuple[tuple[str, str], ...], bool]


def _index(table: list[tuple[str, str, str]]) -> tuple[tuple[int, dict[str, tuple[str, str]]], ...]:
    """Group (suffix, harmony, classes) rows by suffix length for dict lookups."""
    by_len: dict[int, dict[str, tuple[str, str]]] = {}
    for suf, harm, classes in table:
        by_len.setdefault(len(suf), {})[suf] = (harm, classes)
    return tuple(sorted(by_len.items(), reverse=True))


_CASE_INDEX = _index(_CASE_SUFFIXES)
_POSS_INDEX = _index(_POSS_SUFFIXES)
_PLURAL_INDEX = _index(_PLURAL_SUFFIXES)


def _peel(low: str, index: tuple, min_stem: int) -> list[tuple[int, str, bool]]:
    """Suffixes of a table that can end ``low``: (stem length, suffix, harmonic)."""
    out = []
    size = len(low)
    for k, table in index:
        n = size - k
        if n < min_stem:
            continue
        suf = low[n:]
        row = table.get(suf)
        if row is None:
            continue
        harm, classes = row
        stem = low[:n]
        if not _final_class_ok(stem, classes) or not _has_vowel(stem):
            continue
        ok = not harm or harm in harmony(stem)
        out.append((n, suf, ok))
    return out


def _poss_stem_ok(stem: str, poss: str) -> bool:
    """Phonotactic checks on the stem left by a possessive.

    * -сы/-сі after ы/і only on -шы/-ші agent nouns (тілшісі), so облысы is
      облыс+ы, not облы+сы;
    * -ы/-і after б/г/ғ only when a vowel precedes (кітабы, әкімдігі): the
      -ғы/-гі adjectives (бұрынғы, жоғарғы, кейінгі) are not possessives;
    * never -ы/-і after д (Kazakh stems do not end in д; -ды/-ді is a verb
      ending or an accusative).
    """
    if poss in ("сы", "сі") and stem[-1] in "ыі":
        return stem.endswith(("шы", "ші"))
    if poss in ("ы", "і") and stem[-1] in "бгғ":
        return len(stem) > 1 and stem[-2] in _V
    # No native stem ends in д: келеді, қамады are verbs.
    return not (poss in ("ы", "і") and stem[-1] == "д")


@lru_cache(maxsize=1 << 16)
def _all_analyses(low: str, min_stem: int = 2) -> tuple[_Analysis, ...]:
    """All analyses stem(+plural)(+possessive)(+case) of a lower-case word."""
    results: list[_Analysis] = [(len(low), (), True)]
    case_splits = [(len(low), None, True)] + _peel(low, _CASE_INDEX, min_stem)
    for n1, case_suf, ok1 in case_splits:
        chain1 = (("case", case_suf),) if case_suf else ()
        if case_suf:
            results.append((n1, chain1, ok1))
        s1 = low[:n1]
        # n-forms (на, н, нда, ндағы) need ы/і before them (_final_class_ok).
        nform = case_suf in _NFORMS
        poss_splits = _peel(s1, _POSS_INDEX, min_stem)
        for n2, poss_suf, ok2 in poss_splits:
            if not _poss_stem_ok(low[:n2], poss_suf):
                continue
            if (
                case_suf is not None
                and not case_suf.startswith("н")
                and case_suf[0] not in "м"
                and (poss_suf in ("ы", "і", "сы", "сі"))
            ):
                # After a 3rd-person possessive the case must take its n-form.
                continue
            chain2 = (("poss", poss_suf),) + chain1
            results.append((n2, chain2, ok1 and ok2))
            for n3, pl_suf, ok3 in _peel(low[:n2], _PLURAL_INDEX, min_stem):
                results.append((n3, (("plural", pl_suf),) + chain2, ok1 and ok2 and ok3))
        for n3, pl_suf, ok3 in _peel(s1, _PLURAL_INDEX, min_stem):
            if nform:
                continue  # n-forms never follow a bare plural
            results.append((n3, (("plural", pl_suf),) + chain1, ok1 and ok3))
    return tuple(results)


def analyses(word: str) -> list[tuple[str, str]]:
    """Candidate (stem, suffix chain) splits of a word, for NER features.

    Args:
        word: One word (case preserved in the stems).

    Returns:
        ``(stem, chain)`` pairs, the word itself first with chain ``""``,
        then harmonic analyses by increasing suffix length (longest last);
        chains join suffixes with ``+`` (``тізім``, ``і+нде``).
    """
    return list(_analyses(word))


@lru_cache(maxsize=1 << 17)  # called for most words of every sentence, by several stages
def _analyses(word: str) -> tuple[tuple[str, str], ...]:
    """The analyses of :func:`analyses`, cached."""
    low = word.lower()
    seen: set[tuple[int, str]] = set()
    out: list[tuple[int, str, str]] = []
    for n, chain, ok in _all_analyses(low):
        if not ok:
            continue
        key = (n, "+".join(s for _, s in chain))
        if key in seen:
            continue
        seen.add(key)
        out.append((len(low) - n, _stem(word, n, chain), key[1]))
    out.sort(key=lambda x: x[0])
    return tuple((stem, chain) for _, stem, chain in out)


def is_suffix_chain(s: str) -> bool:
    """Whether ``s`` is a bare inflectional suffix chain (ның, ге, дағы, сының).

    Args:
        s: A string such as the part after the hyphen in ``БҰҰ-ның``.

    Returns:
        True if it is a known plural/possessive/case combination.
    """
    return s.lower() in _ALL_CHAINS


def _protected(word: str, kind: str | None) -> bool:
    """Whether a word must be returned unchanged (it is a known nominative)."""
    low = word.lower()
    _, _, heads, protected = _lex()
    if low in protected:
        return True
    if kind in ("ORGANIZATION", "LOCATION", "COMPOUND") and low in heads:
        return True
    if gazetteer.is_surname_like(low):
        return True
    # Abbreviations and numbers are never declined without a hyphen.
    return word.isupper() or word.isdigit()


def _gazetteer_stem(stem: str, kind: str | None) -> bool:
    """Whether a candidate stem is a known nominative (place, name, abbreviation, head)."""
    low = stem.lower()
    names, common, heads, _ = _lex()
    if low in names:
        return True
    if kind == "PERSON":
        return False
    return low in common or (kind is not None and low in heads)


def _nform_ok(stem_low: str, head: bool) -> bool:
    """Whether a name-like stem may carry an n-form case (it ends in a 3rd-person possessive).

    A head noun of a multi-word name (облысы, филиалы) may; a single word
    only when the possessive is unambiguous: -сы/-сі, a plural before it,
    -ұлы/-қызы, or a known head noun (so Самұрық-Қазына keeps its -на).
    """
    if head:
        return True
    if stem_low.endswith(("сы", "сі")) or _PATRONYMIC_RE.search(stem_low):
        return True
    if stem_low.endswith(("лары", "лері", "дары", "дері", "тары", "тері")):
        return True
    last = stem_low.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    return last in _lex()[2]


def _policy_ok(
    chain: tuple[tuple[str, str], ...], stem_low: str, kind: str | None, head: bool = False
) -> bool:
    """Whether an analysis is allowed for the entity kind."""
    slots = [s for s, _ in chain]
    if kind is None:
        return True
    if kind == "GROUP":
        # Case, and a 3rd-person possessive only on top of a plural
        # (тұтқындары -> тұтқындар); the plural itself stays.
        return "plural" not in slots
    # PERSON, LOCATION, ORGANIZATION, COMPOUND: case only.
    if slots not in (["case"], []):
        return False
    if kind == "PERSON" and chain and chain[0][1] in _LOCATIVES and len(stem_low) < 4:
        # Persons are rarely in the locative: Ханда is not Хан+да, unless Хан is a known name.
        return stem_low in _lex()[0]
    if chain and chain[0][1] in _NFORMS:
        if kind == "PERSON":
            return bool(_PATRONYMIC_RE.search(stem_low))
        return _nform_ok(stem_low, head)
    return True


def _group_ok(low: str, n: int, chain: tuple[tuple[str, str], ...]) -> bool:
    """GROUP: a possessive is stripped only when a plural precedes it."""
    if not any(s == "poss" for s, _ in chain):
        return True
    stem = low[:n]
    return any(stem.endswith(p) for p, _, _ in _PLURAL_SUFFIXES)


def _stem(word: str, n: int, chain: tuple[tuple[str, str], ...]) -> str:
    """The stem ``word[:n]``, devoiced before a stripped -ы/-і possessive."""
    stem = word[:n]
    if chain and chain[0][0] == "poss" and chain[0][1] in ("ы", "і") and stem[-1] in _DEVOICE:
        return stem[:-1] + _DEVOICE[stem[-1]]
    return stem


@lru_cache(maxsize=1 << 18)
def _candidates(word: str, kind: str | None, head: bool = False) -> tuple[str, ...]:
    """Nominative candidates of one word, best first; the word itself last.

    ``head`` marks the last word of a multi-word name (it may carry a
    possessive, so n-form cases are allowed after any -ы/-і).
    """
    if not word or word[-1].lower() not in _SUFFIX_FINALS:
        return (word,)  # no suffix ends in this letter (most punctuation, т, к, л, ...)
    # Abbreviations and numbers with a hyphenated suffix: БҰҰ-ның, 18-ге.
    if "-" in word:
        base, _, tail = word.rpartition("-")
        if (
            base
            and tail
            and is_suffix_chain(tail)
            and (base.isupper() or base[-1].isdigit() or base[-1] in '»"' or base[-1].isascii())
        ):
            return (base, word)
        if base and not tail:
            return (word,)
    m = _ABBR_SUFFIX_RE.match(word)
    if m and is_suffix_chain(m.group(2)):
        return (m.group(1), word)
    if _protected(word, kind):
        return (word,)
    irregular = _IRREGULAR.get(word.lower())
    if irregular is not None and kind in (None, "GROUP"):
        return (word[0] + irregular[1:] if word[0].isupper() else irregular, word)

    low = word.lower()
    if kind is None and word[0].isupper() and not low[0].isupper():
        # A capitalised word is most likely a name: strip the case only.
        # Unless it is a sentence-initial common word (Тізімінде -> Тізім).
        lemma = _candidates(low, None)[0]
        if lemma != low and lemma in _lex()[1]:
            return (word[0] + lemma[1:], word)
        kind = "NAME"
    # Names need a longer stem than common nouns (ел-де, үй-ге are real).
    min_stem = 2 if kind is None else 3
    found = []
    for n, chain, ok in _all_analyses(low, 2):
        if not chain:
            continue
        if n < min_stem and low[:n] not in _lex()[0]:
            continue  # short stems only when known (Ош-тың)
        if n < 3 and (len(chain) > 1 or chain[0][0] != "case") and low[:n] not in _lex()[1]:
            continue  # a possessive or plural needs a real stem before it (ай-ы, іс-і are listed)
        stem_low = low[:n]
        if not _policy_ok(chain, stem_low, kind, head):
            continue
        if kind == "GROUP" and not _group_ok(low, n, chain):
            continue
        suffix_len = len(low) - n
        found.append((n, chain, ok, suffix_len))
    if not found:
        return (word,)

    def rank(item: tuple) -> tuple:
        n, chain, ok, suffix_len = item
        stem = _stem(word, n, chain)
        gaz = _gazetteer_stem(stem, kind)
        surname = gazetteer.is_surname_like(stem)
        # Known nominatives first, then harmonic analyses; surname-shaped
        # stems before others; then the longest suffix (n-forms beat
        # their short twins; None peels everything off).
        if gaz:
            return (False, False, False, suffix_len)  # the most specific known name
        return (True, not ok, not surname, -suffix_len)

    found.sort(key=rank)
    if kind == "LOCATION":
        # Unsupported -ды/-ті accusatives go after the bare word (known may rescue them).
        strong = [
            f
            for f in found
            if f[1][-1][1] not in _WEAK_PLACE_ACC
            or low[: f[0]].endswith(("стан", "ия", "ея"))  # Мажарстан-ды, Сирия-ны
            or _gazetteer_stem(_stem(word, f[0], f[1]), kind)
        ]
        if not strong:
            return tuple(dict.fromkeys([word] + [_stem(word, n, chain) for n, chain, _, _ in found]))
        found = strong + [f for f in found if f not in strong]
    best = found[0]
    if not best[2] and not _gazetteer_stem(_stem(word, best[0], best[1]), kind):
        # Only disharmonic analyses and no gazetteer support: keep the word,
        # but let ``known`` rescue a disharmonic stem.
        ordered = [word] + [_stem(word, n, chain) for n, chain, _, _ in found]
    else:
        ordered = [_stem(word, n, chain) for n, chain, _, _ in found] + [word]
    out: list[str] = []
    for c in ordered:
        if c not in out:
            out.append(c)
    return tuple(out)


def nominative(word: str, kind: str | None = None, known: Collection[str] = (), *, head: bool = False) -> str:
    """Nominative (dictionary) form of one word.

    Args:
        word: One word, possibly hyphenated (``БҰҰ-ның``, ``Нұр-Сұлтанда``).
        kind: ``PERSON``, ``LOCATION``, ``ORGANIZATION``, ``GROUP`` or None;
            decides which suffixes are stripped (see module docstring).
        known: Forms seen elsewhere in the corpus (lemmas of other mentions
            or simply all capitalised tokens): a stripped candidate found
            there wins over the default analysis (Қайрақты -> Қайрақ when
            Қайрақ is seen). The word itself being there proves nothing
            (every token is "seen"), so it never blocks a strip.
        head: True for the last word of a multi-word name (set by
            :func:`nominative_phrase`): allows the n-form cases after any
            -ы/-і possessive (Республика алаңында).

    Returns:
        The nominative form, with the original letter case of the stem.
    """
    cands = _candidates(word, kind, head)
    if known and len(cands) > 1:
        for c in cands:
            if c != word and (c in known or c.lower() in known):
                return _without_epenthesis(c, word, kind)
    return _without_epenthesis(cands[0], word, kind)


_EPENTHETIC = re.compile(r"(?<=[сц]к)[ыі]$", re.IGNORECASE)


def _without_epenthesis(stem: str, word: str, kind: str | None) -> str:
    """A Russian place name in -ск without the vowel Kazakh spelling puts before a suffix.

    "Степногорскідегі", "Петропавловскіде": -ск cannot end a Kazakh syllable before a
    consonant, so the suffix follows an inserted ы/і that is no part of the name.
    """
    if kind == "LOCATION" and stem != word and _EPENTHETIC.search(stem):
        return stem[:-1]
    return stem


_OPENERS = "«“„\"'("
_CLOSERS = "»”“\"')"
_LAST_CHUNK_RE = re.compile(r"(\S+)\s*$")


def nominative_phrase(phrase: str, kind: str | None = None, known: Collection[str] = ()) -> str:
    """Nominative form of a multi-word name: only the last word is declined.

    Args:
        phrase: A name as it stands in the text (``Серік Жахиннің``,
            ``Ақмола облысында``, ``«Қазатомөнеркәсіп» ұлттық компаниясының``).
        kind: Entity kind (see :func:`nominative`). Multi-word phrases keep
            the possessive of their head noun (облысы, компаниясы).
        known: Bare forms seen elsewhere in the corpus.

    Returns:
        The phrase with its last word in the nominative, surrounding
        whitespace stripped.
    """
    phrase = phrase.strip()
    m = _LAST_CHUNK_RE.search(phrase)
    if not m:
        return phrase
    prefix, chunk = phrase[: m.start(1)], m.group(1)
    multi = bool(prefix.strip())
    if multi and gazetteer.is_place(phrase):
        return phrase
    word_kind = kind
    if multi and kind is None:
        word_kind = "COMPOUND"  # keep head-noun possessives and plurals
    return prefix + _nominative_chunk(chunk, word_kind, known, multi, prefix)


class _PhraseKnown:
    """``known`` seen from the last word of a phrase: a candidate counts as
    known when the whole phrase built with it is known (``Серік Жахин``) or
    the word alone is."""

    __slots__ = ("known", "left", "right")

    def __init__(self, known: Collection[str], left: str, right: str) -> None:
        self.known, self.left, self.right = known, left, right

    def __contains__(self, cand: object) -> bool:
        if not isinstance(cand, str):
            return False
        return cand in self.known or (self.left + cand + self.right) in self.known

    def __len__(self) -> int:
        return len(self.known)

    def __iter__(self):  # pragma: no cover - Collection protocol only
        return iter(self.known)


def _nominative_chunk(
    chunk: str, kind: str | None, known: Collection[str], multi: bool, prefix: str = ""
) -> str:
    """Normalise the last whitespace-separated chunk of a phrase (quotes aside)."""
    # «Қазатомпром»-ның: a suffix after a closing quote.
    for q in _CLOSERS:
        idx = chunk.rfind(q + "-")
        if idx > 0 and is_suffix_chain(chunk[idx + 2 :]):
            return chunk[: idx + 1]
    lead = len(chunk) - len(chunk.lstrip(_OPENERS))
    core_end = len(chunk.rstrip(_CLOSERS + ".,;:!?"))
    if core_end <= lead:
        return chunk
    # A suffix written inside the quotes («Азаттықтың», «саяси тұтқындарды»)
    # is stripped like any other; quoted nominatives have nothing to strip.
    core = chunk[lead:core_end]
    if known and multi:
        known = _PhraseKnown(known, prefix + chunk[:lead], chunk[core_end:])
    new = nominative(core, kind, known, head=multi)
    return chunk[:lead] + new + chunk[core_end:]


_ORIGIN_RE = re.compile(r"(?:лық|лік|дық|дік|тық|тік)$")


@lru_cache(maxsize=1 << 14)
def origin_place(word: str) -> str | None:
    """Place behind an adjective of origin (алматылық -> Алматы).

    Args:
        word: A word such as ``алматылық``, ``астаналық``, ``қазақстандық``.

    Returns:
        The gazetteer spelling of the place, or None when the word is not an
        adjective of origin of a known place.
    """
    low = word.lower()
    m = _ORIGIN_RE.search(low)
    if not m:
        return None
    stem = low[: m.start()]
    if gazetteer.is_place(stem):
        return gazetteer.place_alias(stem)
    return None
