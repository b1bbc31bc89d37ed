"""Find typed mentions in a sentence: CRF tagger output combined with rules.

Rules take precedence where they are more reliable than KazNERD's labels:

* TERM: prison/arrest terms ("14 жылға", "2 жыл 2 айға", "он күнге",
  "15 тәулікке", "жарты жылға"); ``lemma`` holds the ISO 8601 duration.
  KazNERD tags durations as DATE, so a duration only becomes a TERM in a
  dative or sentencing context; elsewhere ("11 күн бойы") it stays DATE.
* DATE: "2009 жылы", "4 қазанда", "биыл тамызда", "2019 жылғы 16 қазанда";
  ``lemma`` is an ISO-like string ("2009", "--10-04", "--08", "2019-10-16").
* GROUP: collectives (саяси тұтқындар, құқық қорғаушылар, белсенділер ...);
  ``lemma`` is the nominative plural.
* Courts: "[place] аудандық/қалалық соты", "Өскемендегі сот", "Жоғарғы сот"
  become ORGANIZATION with ``court=True``.
* Quoted names followed by an organisation head noun
  («Қазатомөнеркәсіп» ұлттық компаниясының) become one ORGANIZATION.
* Gazetteer fall-backs for places and given-name + surname persons the CRF
  missed; filters against false persons (adjectives of origin, organisation
  words, capitalised sentence-initial common words).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.lang import gazetteer as gz
from graph.lang import morph
from graph.lang.lexicon import KIN_WORDS, TENS, UNITS
from graph.lang.lexicon import MONTHS as _MONTH_NUMBERS
from graph.lang.sentences import split_sentences
from graph.lang.tokens import tokenize
from graph.lang.wordform import vocabulary
from graph.model import Document, Mention, Sentence, Token
from graph.ner.features import case_suffix as _case

__all__ = [
    "date_lemma",
    "find_mentions",
    "mentions_for_cli",
    "parse_number_words",
    "term_duration",
]

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- vocabulary

_UNITS, _TENS = UNITS, TENS
_NUMBER_WORDS = {**_UNITS, **_TENS, "жүз": 100, "мың": 1000}
MONTHS = tuple(_MONTH_NUMBERS)  # in calendar order
# Month names that are also common words/places (Қазан city, қазан "cauldron",
# маусым "season"): bare forms need a date context.
_AMBIGUOUS_MONTHS = frozenset(("қазан", "маусым"))
_MONTH_SUFFIX_MAX = 5
_DATE_QUALIFIERS = frozenset(("биыл", "биылғы", "өткен", "келесі", "осы", "былтыр", "былтырғы"))

# Time units of a term: lower-case stem -> ISO designator.
_TERM_UNITS = {"жыл": "Y", "ай": "M", "апта": "W", "күн": "D", "тәулік": "D", "сағат": "H"}
_DATIVE = {"жылға", "айға", "аптаға", "күнге", "тәулікке", "сағатқа"}
_NOMINATIVE_UNITS = {"жыл", "ай", "апта", "күн", "тәулік", "сағат"}
# "бес жылдан бас бостандығынан айыру": the ablative gives each of several people that term;
# "3 жыл 4 айлық үкім", "бес жылдық жазасын": the adjective of a term.
_ABLATIVE_UNITS = {"жылдан": "жыл", "айдан": "ай", "аптадан": "апта", "күннен": "күн", "тәуліктен": "тәулік",
                   "жылдық": "жыл", "айлық": "ай", "апталық": "апта", "күндік": "күн", "тәуліктік": "тәулік"}
# Words after a bare "11 жыл" that make it a sentence rather than a period.
_TERM_CONTEXT = (
    "сұра",
    "сотта",
    "кесі",
    "кесті",
    "берді",
    "берілді",
    "тағайында",
    "бас",
    "бостандығ",
    "түрме",
    "колони",
    "қама",
    "жаза",
    "айыр",
    "шектеу",
    "мерзім",
    "үкім",
    "отырды",
    "отырып",
)

# Collective nouns: head stem -> nominative plural; singular accepted only
# with the modifier in _GROUP_NEEDS_MOD (a lone "белсенді" is one activist).
_GROUP_HEADS = {
    "тұтқын": "тұтқындар",
    "қорғаушы": "қорғаушылар",
    "белсенді": "белсенділер",
    "журналист": "журналистер",
    "оппозиционер": "оппозиционерлер",
    "наразы": "наразылар",
    "блогер": "блогерлер",
}
_GROUP_MODS = {"саяси": "саяси", "азаматтық": "азаматтық", "құқық": "құқық"}
_GROUP_NEEDS_MOD = {"қорғаушы": "құқық"}
_PLURALS = ("лар", "лер", "дар", "дер", "тар", "тер")

_COURT_FORMS = frozenset(
    [
        "сот",
        "соты",
        "сотының",
        "сотына",
        "сотын",
        "сотында",
        "сотынан",
        "сотымен",
        "соттың",
        "сотқа",
        "сотта",
        "соттан",
        "сотпен",
        "соттары",
        "соттарының",
        "соттарына",
        "соттарында",
    ]
)
_COURT_MODS = frozenset(
    [
        "аудандық",
        "қалалық",
        "облыстық",
        "ауданаралық",
        "әскери",
        "жоғарғы",
        "мамандандырылған",
        "экономикалық",
        "қылмыстық",
        "әкімшілік",
        "кәмелетке",
        "толмағандар",
        "істер",
        "істері",
        "жөніндегі",
        "апелляциялық",
        "конституциялық",
        "қаласы",
        "қаласының",
        "облысы",
        "облысының",
        "ауданы",
        "ауданының",
        "қаласындағы",
        "облысындағы",
        "ауданындағы",
        "құқық",
        "бұзушылықтар",
        "бұзушылық",
        "азаматтық",
        "ювеналдық",
    ]
)
# A court named after its district or town: the capitalised word before these is
# the district's name even when it looks like a person's ("Әуезов аудандық соты").
_COURT_LEVELS = frozenset(["аудандық", "қалалық", "облыстық", "ауданаралық"])
# A town in the genitive or the attributive locative before a district court's own
# name locates it and is not part of the name ("Алматының Медеу аудандық соты").
_LOCATING_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі")
_ORG_MODS = frozenset(
    [
        "ұлттық",
        "қоғамдық",
        "акционерлік",
        "мемлекеттік",
        "халықаралық",
        "республикалық",
        "тәуелсіз",
        "коммерциялық",
        "үкіметтік",
        "үкіметтік",
        "емес",
        "жауапкершілігі",
        "шектеулі",
        "саяси",
        "діни",
    ]
)
# Words inside a state body's name between its place and its head noun: the level of
# the office and the service it belongs to ("Медеу аудандық полиция басқармасы",
# "Алматы полиция департаменті", "Ақтөбе облыстық прокуратурасы").
_OFFICE_WORDS = _COURT_LEVELS | {"полиция"}
# Lower-case stems of organisation head nouns (matched as prefixes).
_ORG_HEAD_STEMS = (
    "компания",
    "бірлест",
    "ұйым",
    "партия",
    "қозғалыс",
    "орталығ",
    "орталық",
    "кеңес",
    "комитет",
    "агенттіг",
    "агенттік",
    "басқарма",
    "министрлі",
    "әкімдіг",
    "әкімдік",
    "банк",
    "газет",
    "телеарна",
    "альянс",
    "одағ",
    "одақ",
    "серіктестіг",
    "корпорация",
    "холдинг",
    "университет",
    "институт",
    "академия",
    "коалиция",
    "қауымдастығ",
    "қауымдастық",
    "фонд",
    "журнал",
    "бюро",
    "сайт",
    "порталы",
    "басылым",
    "радио",
    "прокуратура",
    "департамент",
    "мекеме",
)
_PLACE_HEADS = frozenset(
    [
        "облыс",
        "облысы",
        "ауданы",
        "аудан",
        "қаласы",
        "қала",
        "ауылы",
        "ауыл",
        "алаңы",
        "алаң",
        "көшесі",
        "көше",
        "даңғылы",
        "даңғыл",
        "өзені",
        "көлі",
        "тауы",
        "шағынауданы",
        "ауылдық",
        "кенті",
        "монументі",
        "саябағы",
        "жолы",
        "бульвары",
        "ескерткіші",
    ]
)
_ORIGIN_SUFFIXES = ("лық", "лік", "дық", "дік", "тық", "тік")
# Kin nouns, "his/her" (ұлы, анасы) and "my" (ұлым, анам), that may stand before a name.
_KIN_NOUNS = KIN_WORDS | vocabulary().my_kin | vocabulary().your_kin  # "ұлы", "ұлым", "ұлыңыз"
# Capitalised words that begin sentences but never name a person here.
_NOT_PERSON = frozenset(
    [
        "бұл",
        "ол",
        "мен",
        "сен",
        "біз",
        "сіз",
        "олар",
        "осы",
        "сол",
        "бірақ",
        "алайда",
        "және",
        "дегенмен",
        "ал",
        "енді",
        "кейін",
        "бүгін",
        "ертең",
        "кеше",
        "қазір",
        "сондай",
        "мұндай",
        "сонымен",
        "оқи",
        "белсенді",
        "адвокат",
        "сот",
        "судья",
        "прокурор",
        "полиция",
        "тізімде",
        "бұған",
        "мұнда",
        "онда",
        "билік",
    ]
)
_QUOTE_OPEN = frozenset('«“„"')
_QUOTE_CLOSE = frozenset('»”“"')

_DIGITS_RE = re.compile(r"^\d{1,4}$")
_DECIMAL_RE = re.compile(r"^(\d{1,2})[,.]5$")  # "7,5 жылға": seven and a half
_YEAR_WORD_RE = re.compile(r"^жыл(ы|ғы|дың|дан|ға|да|дары|дардағы|ын)?$")
_HYPHEN_DAT_RE = re.compile(r"^(\d{1,3})-(ге|ға|ке|қа|не|на|е|а)$")


def _nominative(word: str, kind: str | None = None, known: Collection[str] = ()) -> str:
    """``morph.nominative`` that cannot take the mention finder down with it."""
    try:
        return morph.nominative(word, kind=kind, known=known)
    except (RecursionError, ValueError, KeyError, IndexError):
        log.warning("normaliser failed on %r; keeping the surface form", word)
        return word


def _nominative_phrase(phrase: str, kind: str | None = None, known: Collection[str] = ()) -> str:
    """``morph.nominative_phrase`` with the same safety net as ``_nominative``."""
    try:
        return morph.nominative_phrase(phrase, kind=kind, known=known)
    except (RecursionError, ValueError, KeyError, IndexError):
        log.warning("normaliser failed on %r; keeping the surface form", phrase)
        return phrase


@dataclass(slots=True)
class _Span:
    """A candidate mention over tokens [i, j) before overlap resolution."""

    i: int
    j: int
    type: str
    lemma: str | None
    source: str
    priority: int
    court: bool = False


# ---------------------------------------------------------------- numbers, terms, dates


def parse_number_words(words: Sequence[str]) -> tuple[int, int] | None:
    """Read a Kazakh number written in words at the start of ``words``.

    Args:
        words: Lower-cased tokens.

    Returns:
        (value, tokens used), or None when no number word starts the list.
    """
    total = 0
    cur = 0
    used = 0
    for w in words:
        if w in _UNITS or w in _TENS:
            cur += _NUMBER_WORDS[w]
        elif w == "жүз":
            cur = (cur or 1) * 100
        elif w == "мың":
            total += (cur or 1) * 1000
            cur = 0
        else:
            break
        used += 1
    if not used:
        return None
    return total + cur, used


def _number_at(low: Sequence[str], i: int) -> tuple[float, int] | None:
    """A number (digits, words or жарты) at token i, with "жарым" after it ("төрт жарым",
    four and a half): (value, tokens used)."""
    w = low[i]
    half = _DECIMAL_RE.match(w)
    if _DIGITS_RE.match(w):
        value, used = float(int(w)), 1
    elif half:
        return int(half.group(1)) + 0.5, 1
    elif w == "жарты":
        return 0.5, 1
    else:
        got = parse_number_words(low[i : i + 6])
        if got is None:
            return None
        value, used = float(got[0]), got[1]
    if i + used < len(low) and low[i + used] == "жарым":
        return value + 0.5, used + 1
    return value, used


def _unit_of(w: str) -> tuple[str, bool] | None:
    """(unit stem, is dative) for a term unit token, else None."""
    if w in _DATIVE:
        for stem in _TERM_UNITS:
            if w.startswith(stem):
                return stem, True
    if w in _NOMINATIVE_UNITS:
        return w, False
    return None


def term_duration(parts: Sequence[tuple[float, str]]) -> str:
    """Build an ISO 8601 duration from (amount, unit stem) pairs.

    Args:
        parts: For example ``[(2, "жыл"), (2, "ай")]``; 0.5 years become 6 months.

    Returns:
        A duration such as ``P2Y2M``, ``P10D``, ``P6M`` or ``PT48H``.
    """
    y = m = w = d = h = 0
    for amount, unit in parts:
        des = _TERM_UNITS[unit]
        if des == "Y":
            y += int(amount)
            m += round((amount - int(amount)) * 12)  # "төрт жарым жыл": P4Y6M
        elif des == "M":
            m += int(amount)
        elif des == "W":
            w += int(amount)
        elif des == "D":
            d += int(amount)
        else:
            h += int(amount)
    out = "P"
    if y:
        out += f"{y}Y"
    if m:
        out += f"{m}M"
    if w and not (y or m or d):
        out += f"{w}W"
    elif w:
        d += 7 * w
    if d:
        out += f"{d}D"
    if h:
        out += f"T{h}H"
    return out if out != "P" else "P0D"


def read_duration(low: Sequence[str]) -> str | None:
    """The ISO duration that ``low`` spells out entirely ("8 жыл", "үш жыл алты ай"), else None.

    The mention finder types a bare duration with no sentencing word after it as a
    DATE (KazNERD's convention); the event engine asks this whether such a span is
    a term.
    """
    parts: list[tuple[float, str]] = []
    k = 0
    while k < len(low):
        num = _number_at(low, k)
        if num is None or k + num[1] >= len(low):
            return None
        value, used = num
        word = low[k + used]
        unit = _unit_of(word) or ((_ABLATIVE_UNITS[word], False) if word in _ABLATIVE_UNITS else None)
        if unit is None or (unit[0] == "жыл" and value >= 1000):
            return None
        parts.append((value, unit[0]))
        k += used + 1
    return term_duration(parts) if parts else None


def _find_terms(low: Sequence[str]) -> list[_Span]:
    """TERM spans: (NUMBER UNIT)+ ending in a dative unit, or in a sentencing context."""
    out: list[_Span] = []
    n = len(low)
    i = 0
    while i < n:
        start = i
        parts: list[tuple[float, str]] = []
        last_dative = False
        k = i
        while k < n:
            num = _number_at(low, k)
            if num is None or k + num[1] >= n:
                break
            value, used = num
            unit = _unit_of(low[k + used])
            if unit is None and low[k + used] in _ABLATIVE_UNITS:
                unit = (_ABLATIVE_UNITS[low[k + used]], True)  # "4 айлық", "5 жылдан": it ends the term
            if unit is None:
                break
            # Years written as 1000+ are calendar years ("2020 жылға дейін"), not terms.
            if unit[0] == "жыл" and value >= 1000:
                break
            parts.append((value, unit[0]))
            last_dative = unit[1]
            k = k + used + 1
            if last_dative:
                break
        if parts:
            ok = last_dative or len(parts) > 1
            if not ok:
                after = low[k : k + 4]
                ok = any(w.startswith(_TERM_CONTEXT) for w in after)
            if ok:
                out.append(_Span(start, k, "TERM", term_duration(parts), "rules", 0))
                i = k
                continue
        i += 1
    return out


# Pure function of one word, called for nearly every token: cache it.
@lru_cache(maxsize=1 << 16)
def _month_of(w: str) -> int | None:
    """Month number of a month token (with up to a few suffix letters), else None."""
    for idx, name in enumerate(MONTHS):
        if w.startswith(name) and len(w) - len(name) <= _MONTH_SUFFIX_MAX:
            rest = w[len(name) :]
            # "қазақ..." must not look like қазан; rest must be a plain suffix.
            if rest and not re.fullmatch(r"[а-яәіңғүұқөһ]+", rest):
                return None
            return idx + 1
    return None


_YEAR_WORD = re.compile(r"^(\d{4})-?(жыл|ж)")


def _is_year(w: str) -> int | None:
    if len(w) == 4 and w.isdigit() and 1000 <= int(w) <= 2100:
        return int(w)
    m = _YEAR_WORD.match(w)
    if m and 1000 <= int(m.group(1)) <= 2100:
        return int(m.group(1))
    return None


def date_lemma(words: Sequence[str]) -> str | None:
    """Normalise a date phrase to an ISO-like string.

    Args:
        words: Tokens of the phrase ("2019 жылғы 16 қазанда", "тамызда").

    Returns:
        ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``--MM-DD`` or ``--MM``; None
        when no year or month is found.
    """
    low = [w.lower() for w in words]
    year = month = day = None
    for idx, w in enumerate(low):
        y = _is_year(w)
        if y is not None and year is None:
            year = y
            continue
        mo = _month_of(w)
        if mo is not None and month is None:
            month = mo
            if idx > 0 and low[idx - 1].isdigit() and 1 <= int(low[idx - 1]) <= 31:
                day = int(low[idx - 1])
    if year is None and month is None:
        return None
    if month is None:
        return f"{year:04d}"
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def _find_dates(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """DATE spans for years, day+month, month (with qualifiers), and their combinations."""
    out: list[_Span] = []
    n = len(low)
    i = 0
    while i < n:
        start = end = None
        # year + жыл-word
        if _is_year(low[i]) is not None:
            if "-" in low[i] and "жыл" in low[i]:
                start, end = i, i + 1
            elif i + 1 < n and _YEAR_WORD_RE.match(low[i + 1]):
                start, end = i, i + 2
        if start is None:
            mo = _month_of(low[i])
            if mo is not None:
                ctx_day = i > 0 and low[i - 1].isdigit() and 1 <= int(low[i - 1]) <= 31
                ctx_qual = i > 0 and low[i - 1] in _DATE_QUALIFIERS
                ctx_ay = i + 1 < n and low[i + 1].startswith("ай")
                ctx_year = i + 1 < n and _is_year(low[i + 1]) is not None
                bare = MONTHS[mo - 1]
                rest = low[i][len(bare) :]
                # Қазан (Kazan), қазан (cauldron), маусым (season), Наурыз (the
                # holiday): without a date context only a lower-case locative
                # month (қазанда, маусымда) is read as a date.
                ambiguous = (bare in _AMBIGUOUS_MONTHS and rest not in ("да", "де", "та", "те", "нда")) or (
                    words[i][:1].isupper() and i > 0
                )
                if ctx_day or ctx_qual or ctx_ay or ctx_year or not ambiguous:
                    start, end = (i - 1 if (ctx_day or ctx_qual) else i), i + 1
                    if ctx_day and i > 1 and low[i - 2] in _DATE_QUALIFIERS:
                        start = i - 2
                    if ctx_ay:
                        end = i + 2
        if start is None:
            i += 1
            continue
        # Extend: "2019 жылғы 16 қазанда", "16 қазан 2019 жыл", "қыркүйек айының басында"
        while end < n:
            if end + 1 < n and low[end].isdigit() and _month_of(low[end + 1]) is not None:
                end += 2
            elif (
                _month_of(low[end]) is not None
                and end > start
                and low[end - 1] in ("жылғы", "жылы", "жылдың")
            ):
                end += 1
            elif _is_year(low[end]) is not None and end + 1 < n and _YEAR_WORD_RE.match(low[end + 1]):
                end += 2
            elif low[end].startswith("ай") and end > start and _month_of(low[end - 1]) is not None:
                end += 1
            else:
                break
        lemma = date_lemma(words[start:end])
        out.append(_Span(start, end, "DATE", lemma, "rules", 1))
        i = end
    return out


# ---------------------------------------------------------------- groups, courts, orgs


# Pure function of one word, called for nearly every token: cache it.
@lru_cache(maxsize=1 << 16)
def _group_head(w: str) -> tuple[str, bool] | None:
    """(head stem, plural) when w is an inflected collective noun."""
    for stem in _GROUP_HEADS:
        if w.startswith(stem):
            rest = w[len(stem) :]
            # журналист+ер: the spelling drops the doubled т of журналисттер.
            plural = rest.startswith(_PLURALS) or (stem.endswith("ст") and rest.startswith(("ер", "ар")))
            if (
                plural
                or rest == ""
                or rest
                in (
                    "ы",
                    "і",
                    "ның",
                    "нің",
                    "ға",
                    "ге",
                    "ды",
                    "ді",
                    "да",
                    "де",
                    "дың",
                    "дің",
                    "ны",
                    "ні",
                    "н",
                    "лар",
                    "лер",
                )
            ):
                return stem, plural
            return None
    return None


_GROUP_ALL = frozenset(("барлық", "бүкіл", "басқа", "өзге"))


@lru_cache(maxsize=1)
def _group_participles() -> frozenset[str]:
    from graph.lang.wordform import vocabulary

    return vocabulary().group_participles


def _find_groups(low: Sequence[str], words: Sequence[str] = ()) -> list[_Span]:
    out: list[_Span] = []
    n = len(low)
    words_cap = [w[:1].isupper() for w in words] if words else [False] * n
    for i in range(n):
        got = _group_head(low[i])
        if got is None:
            continue
        stem, plural = got
        mod = low[i - 1] if i > 0 and low[i - 1] in _GROUP_MODS else None
        need = _GROUP_NEEDS_MOD.get(stem)
        if need and mod != need:
            continue
        if not plural and mod is None:
            continue
        if not plural and i + 1 < n and words_cap[i + 1]:
            continue  # "Құқық қорғаушы Бахытжан Төрегожина": a title of the name after it
        if stem == "тұтқын" and not plural and mod != "саяси":
            continue
        start = i - 1 if mod else i
        end = i + 1
        # "ұсталған (барлық) белсенділерді": a participle makes a crowd a definite group.
        part = start - 2 if start >= 2 and low[start - 1] in _GROUP_ALL else start - 1
        participle = (part >= 0 and plural and low[part] in _group_participles()
                      and not (end < n and words_cap[end]))  # "сотталған белсенділер Алмат ...": a title
        if participle:
            start = part
        # Include quotes that enclose exactly the phrase: «саяси тұтқындарды»
        if start > 0 and end < n and low[start - 1] in _QUOTE_OPEN and low[end] in _QUOTE_CLOSE:
            start -= 1
            end += 1
        lemma = ((mod + " ") if mod else "") + _GROUP_HEADS[stem]
        if participle:
            lemma = f"{low[part]} {lemma}"
        out.append(_Span(start, end, "GROUP", lemma, "rules", 0))
    return out


def _place_nominative(word: str) -> str:
    """Nominative of a (possibly inflected) place word, in the gazetteer's spelling.

    It stays the name the text used ("Нур-Султанда" -> "Нур-Султан"): renamed places
    and other spellings take their canonical name at the entity level.
    """
    return gz.place_spelling(_nominative(word, kind="LOCATION"))


def _name_word(words: Sequence[str], low: Sequence[str], k: int, ents: Collection[int]) -> bool:
    """Whether token k can be part of a proper name.

    A capital letter proves nothing at the start of a sentence ("Биыл",
    "Шара"), so there the word must be a gazetteer name or inside a CRF span.
    """
    w = words[k]
    if not w[:1].isupper() or not w.replace("-", "").isalpha():
        return False
    if low[k] in _NOT_PERSON or low[k] in _DATE_QUALIFIERS:
        return False
    if _month_of(low[k]) is not None and not gz.is_place(w):
        return False  # "Наурызда" is a month, "Наурызбай аудандық соты" a district
    if k > 0 and words[k - 1] not in _QUOTE_OPEN and words[k - 1] not in (".", "!", "?", "-", "–", "—"):
        return True
    if k in ents:
        return True
    nom = _nominative(w, kind="LOCATION")
    return gz.is_place(nom) or gz.is_place(w) or gz.is_given_name(w)


def _find_courts(words: Sequence[str], low: Sequence[str], ents: Collection[int] = (),
                 persons: Collection[int] = ()) -> list[_Span]:
    """Court names: "[place] аудандық/қалалык соты", "Өскемендегі сот", "Жоғарғы сот".

    ``ents`` are the tokens inside any CRF span, ``persons`` those inside a CRF PERSON span.
    """
    out: list[_Span] = []
    for i, w in enumerate(low):
        if w not in _COURT_FORMS:
            continue
        j = i
        while j > 0 and (
            low[j - 1] in _COURT_MODS
            or _court_number(low, j - 1)
            or _court_name_word(words, low, j - 1, ents, persons)
            or (low[j] in _COURT_LEVELS and words[j - 1][:1].isupper())
        ) and not (words[j - 1][:1].isupper() and _case(low[j - 1]) == "LOC"):
            j -= 1
            if i - j >= 12:
                break
        mods = words[j:i]
        if not mods:
            continue
        # A court adjective capitalised only because it opens the sentence ("Апелляциялық сот
        # шағымды қанағаттандырмады") names no court: it refers back to one named before.
        named = any(m[:1].isupper() and not (j + k == 0 and low[j + k] in _COURT_MODS) for k, m in enumerate(mods))
        # "мамандандырылған әкімшілік сот": a specialised court is one court of its region
        # even when the article leaves the region out.
        if not named and "жоғарғы" not in low[j:i] and "мамандандырылған" not in low[j:i]:
            continue
        lem_words: list[str] = []
        if (len(mods) >= 3 and mods[0][:1].isupper() and low[j].endswith(_LOCATING_ENDINGS)
                and mods[1][:1].isupper() and low[j + 2] in _COURT_LEVELS):
            mods = mods[1:]
        for m in mods:
            ml = m.lower()
            if ml in _COURT_MODS:
                lem_words.append(ml if ml != "жоғарғы" else "Жоғарғы")
            elif m[:1].isupper():
                lem_words.append(_place_nominative(m))
            else:
                lem_words.append(m)
        if [x.lower() for x in lem_words] == ["жоғарғы"]:
            lemma = "Жоғарғы сот"
        else:
            lemma = re.sub(r"№ (?=\d)", "№", " ".join(lem_words) + " соты")  # "№ 2" and "№2": one name
        out.append(_Span(j, i + 1, "ORGANIZATION", lemma, "rules", 0, court=True))
    return out


def _court_number(low: Sequence[str], k: int) -> bool:
    """A court's number: "№ 2 аудандық соты", "№2 аудандық соты"."""
    w = low[k]
    return w == "№" or bool(re.fullmatch(r"№\d+", w)) or (w.isdigit() and k > 0 and low[k - 1] == "№")


def _court_name_word(words: Sequence[str], low: Sequence[str], k: int, ents: Collection[int],
                     persons: Collection[int]) -> bool:
    """Whether token k can be part of a court's name (a place, a district), not of the words before it.

    "Нұрлан Жүнісов Алматыдағы Бостандық аудандық сотының" stops at the person's
    name; "Үкімді Астана қалалық соты шығарды" stops at the accusative object.
    """
    if not _name_word(words, low, k, ents):
        return False
    w = words[k]
    if gz.is_place(_place_nominative(w)) or gz.is_place(w):
        return True
    if k in persons or gz.is_surname_like(w):
        return False
    return _is_bare(w) or _case(low[k]) in ("", "LOCA")


# "қор" (a foundation) in its case forms; as a bare prefix it would take in қорғау
# (to defend), қорған (a fort) and қорқу (to fear).
_FOUNDATION = re.compile(r"^қор(?:ы|ы[нм][а-яәғқңөұүһі]*|ға|да|дан|дың|мен)?$")


@lru_cache(maxsize=1 << 16)
def _is_org_head(w: str) -> bool:
    """Whether a lower-case word is an organisation head noun (a pure function of the word: cached)."""
    return (
        w.startswith(_ORG_HEAD_STEMS)
        or bool(_FOUNDATION.match(w))
        or gz.is_org_head(w)
        or gz.is_org_head(_nominative(w))
    )


# Pure function of one word, called for nearly every token: cache it.
@lru_cache(maxsize=1 << 16)
def _head_nominative(word: str) -> str:
    """Nominative of an organisation head noun, keeping its possessive (компаниясы)."""
    low = word.lower()
    if low.endswith(("ы", "і")) and not _accusative(low):
        return word  # already possessive nominative: компаниясы, Ұйымы, монументі
    for suf in (
        "ндағы",
        "ндегі",
        "ның",
        "нің",
        "нда",
        "нде",
        "нан",
        "нен",
        "на",
        "не",
        "ны",
        "ні",
        "мен",
        "н",
    ):
        if low.endswith(suf) and len(low) - len(suf) >= 4 and low[-len(suf) - 1] in "ыі":
            return word[: len(word) - len(suf)]
    return _nominative(word)


_VOICELESS = frozenset("пткқсшфхцч")
_VOWELS = frozenset("аәеиоөуұүыіэюя")


def _accusative(low: str) -> bool:
    """Whether a word ending in ы/і ends with an accusative suffix that fits its stem.

    After a vowel the accusative is -ны/-ні, after a voiceless consonant
    -ты/-ті, after other consonants -ды/-ді; anything else is a possessive
    (монументі = монумент+і, not монумен+ті).
    """
    if len(low) < 4 or low[-2] not in "нтд":
        return False
    before = low[-3]
    if low[-2] == "н":
        return before in _VOWELS
    if low[-2] == "т":
        return before in _VOICELESS
    return before not in _VOWELS and before not in _VOICELESS


def _find_quoted_orgs(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    out: list[_Span] = []
    n = len(words)
    i = 0
    while i < n:
        if words[i] not in _QUOTE_OPEN:
            i += 1
            continue
        # matching close within 8 tokens
        close = None
        for k in range(i + 1, min(n, i + 10)):
            if words[k] in _QUOTE_CLOSE and k > i + 1:
                close = k
                break
            if words[k] in _QUOTE_OPEN and words[k] != '"':
                break
        if close is None:
            i += 1
            continue
        if not words[i + 1][:1].isupper():
            i = close + 1
            continue
        k = close + 1
        mods: list[str] = []
        # "«Алға» оппозициялық партиясы": organisation adjectives, and any relative adjective
        while k < n and (low[k] in _ORG_MODS or low[k].endswith(_ORIGIN_SUFFIXES)) and len(mods) < 3:
            mods.append(low[k])
            k += 1
        if k < n and _is_org_head(low[k]):
            name = " ".join(words[i + 1 : close])
            lemma = " ".join(["«" + name + "»", *mods, _head_nominative(words[k])])
            out.append(_Span(i, k + 1, "ORGANIZATION", lemma, "rules", 0))
            i = k + 1
            continue
        i = close + 1
    return out


def _ends_full_name(words: Sequence[str], k: int, persons: Collection[int]) -> bool:
    """Whether token k ends a person's full name ("Әсет Әбішев"): a given name and a surname."""
    if k < 1:
        return False
    if k in persons and k - 1 in persons:
        return True
    prev = words[k - 1]
    if not gz.is_surname_like(words[k]):
        # A surname without a Russian ending ("Дана Жанай", "Махамбет Әбжан"): a known
        # given name, then a capitalised word that is neither a place nor a name's head.
        w = words[k]
        return (
            gz.is_given_name(prev)
            and w[:1].isupper()
            and w.isalpha()
            and not w.isupper()
            and not gz.is_place(_place_nominative(w))
            and not _is_org_head(w.lower())
            and not gz.is_place_head(w.lower())
        )
    # A known given name, or any capitalised word that is not the sentence's first (which
    # is capitalised anyway) and not a place: "Белсенді Асем Жапишева полиция бөлімшесінде".
    return gz.is_given_name(prev) or (
        k - 1 > 0 and prev[:1].isupper() and prev.isalpha() and not gz.is_place(_place_nominative(prev))
    )


def _find_place_phrases(words: Sequence[str], low: Sequence[str], ents: Collection[int] = (),
                        persons: Collection[int] = ()) -> list[_Span]:
    """Capitalised word(s) + place head noun: "Ақмола облысында", "Республика алаңында".

    A person's full name before the name is not part of it ("Әсет Әбішев Республика
    алаңында"); a surname alone is ("Сәтбаев көшесінде").
    """
    out: list[_Span] = []
    for i in range(1, len(words)):
        head = low[i]
        nom = _head_nominative(words[i]).lower()
        if not (nom in _PLACE_HEADS or gz.is_place_head(nom)):
            continue
        if not nom.endswith(("ы", "і")):
            continue  # a compound name's head carries the possessive: "ауылында", not "ауылда"
        j = i
        # Only the last word of a compound name is inflected: stop at an
        # inflected word ("Алматыда Республика алаңында") or a stop word.
        while (
            j > 0
            and i - j < 3
            and _name_word(words, low, j - 1, ents)
            and _is_bare(words[j - 1])
            and not _ends_full_name(words, j - 1, persons)
        ):
            j -= 1
        if j == i:
            continue
        if (
            head.startswith(("қала", "облыс", "аудан"))
            and i + 1 < len(low)
            and (low[i + 1] in _COURT_FORMS or low[i + 1] in _COURT_MODS)
        ):
            continue  # part of a court name
        first = [
            _place_nominative(w) if gz.is_place(_nominative(w, kind="LOCATION")) else w for w in words[j:i]
        ]
        lemma = " ".join([*first, _head_nominative(words[i])])
        out.append(_Span(j, i + 1, "LOCATION", lemma, "gazetteer", 1))
    return out


def _is_bare(word: str) -> bool:
    """Whether a word carries no case ending (a compound-name modifier)."""
    return _nominative(word) == word or gz.is_place(word) or gz.is_given_name(word)


# Adjective endings: relative (-лық, -дағы), and the -ғы/-гі of time and place adjectives.
_ADJECTIVE_ENDINGS = (*_ORIGIN_SUFFIXES, "ғы", "гі", "қы", "кі")


def _head_agrees(before: str, head: str) -> bool:
    """Whether an organisation head fits the word before it as a compound name's head.

    A noun before the head makes a compound, and the compound's head carries the 3rd-person
    possessive ("Алматы әкімдігі", "БТА банкі"); only an adjective takes a bare head
    ("Демократиялық партия", "Ұлттық банк"). A noun then a bare head is a subject and the
    next word of its clause ("Тулетаева колонияда аштық жариялады").
    """
    if head.lower().endswith(("ы", "і")) or "-" in before:
        return True
    return before in _ORG_MODS or before in _OFFICE_WORDS or before.endswith(_ADJECTIVE_ENDINGS)


def _find_named_orgs(words: Sequence[str], low: Sequence[str], ents: Collection[int] = (),
                     persons: Collection[int] = ()) -> list[_Span]:
    """Capitalised bare words + organisation head: "Алматы әкімдігінің", "Біріккен Ұлттар Ұйымы"."""
    out: list[_Span] = []
    for i in range(1, len(words)):
        if (
            low[i] in _COURT_FORMS
            or not _is_org_head(low[i])
            or re.search("(лар|лер|дар|дер|тар|тер)", low[i][3:])
        ):
            continue  # plural heads ("Халықаралық ұйымдар") are generic
        j = i
        # Walk back over bare capitalised words and organisation adjectives
        # ("Қазақстан халықаралық бюросы"); the name must hold a capital.
        while (
            j > 0
            and i - j < 5
            and (low[j - 1] in _ORG_MODS or low[j - 1] in _OFFICE_WORDS or _name_word(words, low, j - 1, ents))
            and _is_bare(words[j - 1])
            # "Ерлан Қалиев Amnesty International ұйымының": a person's full name ends the name
            and not _ends_full_name(words, j - 1, persons)
        ):
            j -= 1
        while j < i and (low[j] in _ORG_MODS or low[j] in _OFFICE_WORDS):
            j += 1
        if j == i:
            continue
        head = _head_nominative(words[i])
        if i - j == 1 and low[i].startswith("қызмет") and gz.is_abbreviation(words[j]):
            continue  # "ҚДТ қызметіне қатысқаны үшін": the movement's activity, the movement is ҚДТ
        if not _head_agrees(low[i - 1], head):
            continue  # "Тулетаева колонияда", "Күнболатұлы әкімшілік жазасын": a subject and a noun
        lemma = " ".join([*words[j:i], head])
        out.append(_Span(j, i + 1, "ORGANIZATION", lemma, "rules", 1))
    return out


# Sentence-initial words that open a clause, never an organisation's name.
_NOT_NAME_OPENERS = frozenset(
    [
        "ол", "бұл", "осы", "сол", "мен", "біз", "сіз", "сен", "олар", "бұлар", "кеше", "биыл",
        "бүгін", "ертең", "қазір", "алайда", "бірақ", "ал", "енді", "сондай-ақ", "кейін", "бұған",
        "оған", "оны", "мұнда", "сонда", "онда", "әрі", "және", "де", "әсіресе", "біздің", "менің",
        "сенің", "сіздің", "оның", "олардың", "бұның", "соның"
    ]
)


def _person_word(word: str) -> bool:
    return gz.is_given_name(word) or gz.is_surname_like(word)


def _find_verbal_noun_orgs(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """Organisation names in sentence case built on a verbal noun.

    "Құқық қорғау орталығы", "Саяси тұтқындарды қолдау комитеті", "Журналистерді
    қорғау комитеті": a capitalised first word, lower-case bare or accusative words,
    then a verbal noun in -у/-ю right before the organisation head noun (organisation
    adjectives such as "жөніндегі", "халықаралық" may stand between them).
    """
    out: list[_Span] = []
    for i in range(2, len(words)):
        if low[i] in _COURT_FORMS or not _is_org_head(low[i]) or re.search("(лар|лер|дар|дер|тар|тер)", low[i][3:]):
            continue
        k = i - 1
        while k > 0 and low[k] in _ORG_MODS:
            k -= 1
        if not (words[k].isalpha() and words[k].islower() and len(low[k]) >= 4 and low[k].endswith(("у", "ү", "ю"))):
            continue  # no verbal noun before the head
        k -= 1
        while (
            k > 0
            and i - k <= 5
            and words[k].isalpha()
            and words[k].islower()
            and (low[k] in _ORG_MODS or low[k] == "және" or _is_bare(words[k]) or _case(low[k]) == "ACC")
        ):
            k -= 1
        first = words[k]
        if (
            not first[:1].isupper()
            or not first.replace("-", "").isalpha()
            or low[k] in _NOT_NAME_OPENERS
            # "Ерлан Қалиев құқық қорғау ұйымына": the tail of a person's name opens no organisation
            or (k > 0 and words[k - 1][:1].isupper() and (k > 1 or _person_word(words[0])))
            or _person_word(first)
            # "Семейдегі тергеу изоляторы", "Павлодар облысындағы түзеу колониясы": a place
            # and a facility, not a name
            or (_case(low[k]) not in ("", "ACC", "INS") and not _is_bare(first))
            or gz.is_place(_place_nominative(first))
        ):
            continue
        lemma = " ".join([*words[k:i], _head_nominative(words[i])])
        out.append(_Span(k, i + 1, "ORGANIZATION", lemma, "rules", 0))
    return out


def _find_named_after(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """Venues and bodies named after a person: "Абай атындағы мемлекеттік академиялық опера
    және балет театры", "Қаныш Сәтбаев атындағы университет".

    One or two capitalised words, "атындағы", lower-case words, then the first place or
    organisation head noun; a place head (театры, саябағы) makes a place.
    """
    out: list[_Span] = []
    n = len(words)
    for a in range(1, n - 1):
        if low[a] != "атындағы":
            continue
        i = a
        while i > 0 and a - i < 2 and (_name_word(words, low, i - 1, ()) or gz.is_given_name(words[i - 1])):
            i -= 1
        if i == a:
            continue
        for k in range(a + 1, min(n, a + 9)):
            if not words[k].isalpha() or not words[k].islower():
                break
            head = _head_nominative(words[k])
            place = head.lower() in _PLACE_HEADS or gz.is_place_head(head.lower())
            if low[k].endswith(_ORIGIN_SUFFIXES):
                continue  # "академиялық": an adjective on the way to the head, not "академия"
            if place or _is_org_head(low[k]):
                lemma = " ".join([*words[i:k], head])
                out.append(_Span(i, k + 1, "LOCATION" if place else "ORGANIZATION", lemma, "rules", 0))
                break
    return out


def _find_abbreviations(words: Sequence[str]) -> list[_Span]:
    """Known abbreviations, also with a hyphenated case ending (ҰҚК-ның, БҰҰ-ға)."""
    out: list[_Span] = []
    for i, w in enumerate(words):
        head = w.split("-", 1)[0]
        if len(head) < 2 or not head.isupper() or not gz.is_abbreviation(head) or gz.is_kind_abbreviation(head):
            continue  # ЖШС, ҚК, БАҚ name a kind of body or a code, not one body
        expansion = gz.abbreviation_expansion(head) or ""
        place = gz.is_place(head) or gz.is_place(expansion)
        # States (АҚШ, ҚХР, РФ) are places; the rest are organisations.
        typ = (
            "LOCATION"
            if place or expansion.endswith(("Штаттары", "Республикасы", "Федерациясы"))
            else "ORGANIZATION"
        )
        out.append(_Span(i, i + 1, typ, head, "gazetteer", 1))
    return out


def _find_quoted_names_with_head(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """A quoted name ending in an organisation head: «Көше партиясы», «Халық майданы қозғалысы»."""
    out: list[_Span] = []
    n = len(words)
    for i in range(n):
        if words[i] not in _QUOTE_OPEN or i + 2 >= n or not words[i + 1][:1].isupper():
            continue
        for k in range(i + 2, min(n, i + 8)):
            if words[k] in _QUOTE_CLOSE:
                last = low[k - 1]
                if k - 1 > i + 1 and _is_org_head(last) and last not in _COURT_FORMS:
                    name = " ".join([*words[i + 1 : k - 1], _head_nominative(words[k - 1])])
                    out.append(_Span(i, k + 1, "ORGANIZATION", "«" + name + "»", "rules", 1))
                break
    return out


def _find_media(words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """A capitalised name before тілшісі/редакциясы is a media organisation (Азаттық тілшісіне)."""
    out: list[_Span] = []
    for i in range(1, len(words)):
        if (
            low[i].startswith(("тілшіс", "редакциясы", "редакциясын", "сайтын", "сайты"))
            and words[i - 1][:1].isupper()
        ):
            out.append(_Span(i - 1, i, "ORGANIZATION", words[i - 1], "rules", 1))
    return out


def _origin_adjective(low: str) -> bool:
    """алматылық, астаналық, қазақстандық: adjectives of origin, not places/persons."""
    if not low.endswith(_ORIGIN_SUFFIXES):
        return False
    base = low[:-3]
    return gz.is_place(base) or len(base) >= 4


def _find_gazetteer(words: Sequence[str], low: Sequence[str], known: Collection[str]) -> list[_Span]:
    """Places and given-name + surname persons from the gazetteer."""
    out: list[_Span] = []
    n = len(words)
    for i, w in enumerate(words):
        if not w[:1].isupper() or not w[:1].isalpha():
            continue
        if i + 1 < n and gz.is_given_name(w) and words[i + 1][:1].isupper():
            nxt = words[i + 1]
            nom = _nominative(nxt, kind="PERSON", known=known)
            if (
                gz.is_surname_like(nom)
                or gz.is_surname_like(nxt)
                or nom.endswith(("ұлы", "қызы"))
                # A surname without a Russian ending ("Дана Жанай", "Махамбет Әбжанды"):
                # any capitalised word that is not a place, a head noun, a title or common word.
                or (
                    nxt.isalpha()
                    and not nxt.isupper()
                    and not gz.is_given_name(nom)
                    and not gz.is_place(_place_nominative(nxt))
                    and not gz.is_common_word(nom)
                    and nom.lower() not in _NOT_PERSON
                    and not _is_org_head(nom.lower())
                    and not gz.is_place_head(nom.lower())
                    and not _origin_adjective(nom.lower())
                )
            ):
                out.append(_Span(i, i + 2, "PERSON", None, "gazetteer", 3))
                continue
        if _origin_adjective(low[i]):
            continue
        nom = _nominative(w, kind="LOCATION")
        if gz.is_place(nom) or gz.is_place(w):
            if gz.is_common_word(nom) and not (i + 1 < n and low[i + 1].startswith(("аудан", "облыс", "қала"))):
                continue  # "Бостандыққа шыққан" (was freed), not the Bostandyq district
            out.append(_Span(i, i + 1, "LOCATION", None, "gazetteer", 3))
    return out


# ---------------------------------------------------------------- CRF


_warned_no_model = False


def _crf_spans(words: Sequence[str]) -> list[_Span]:
    from graph.ner.tagger import tag
    from graph.ner.train import spans

    global _warned_no_model
    try:
        labels = tag(list(words))
    except FileNotFoundError as exc:
        if not _warned_no_model:  # once, not once per sentence
            log.warning("%s; using rules only", exc)
            _warned_no_model = True
        return []
    return [_Span(i, j, t, None, "crf", 2) for t, i, j in sorted(spans(labels), key=lambda s: s[1])]


def _split_adjacent_names(sp: _Span, words: Sequence[str]) -> list[_Span]:
    """Split a PERSON span that runs two full names together: "Ерлан Қалиев Дина Омарованы".

    A given name right after a surname inside the span starts a second person.
    A loop, not recursion: a run of 2,000 surnames is 1,000 people, not 1,000 frames.
    """
    def surname(w: str) -> bool:
        return gz.is_surname_like(w) or gz.is_surname_like(_nominative(w, kind="PERSON"))

    out: list[_Span] = []
    start = sp.i
    for k in range(sp.i + 2, sp.j - 1):
        # A capitalised word between two surnames is the second person's given name;
        # the next person is at least two words long, so the search goes on from k + 2.
        if k >= start + 2 and surname(words[k - 1]) and words[k][:1].isupper() and (
            gz.is_given_name(words[k]) or surname(words[k + 1])
        ):
            out.append(dataclasses.replace(sp, i=start, j=k))
            start = k
    out.append(sp if start == sp.i else dataclasses.replace(sp, i=start))
    return out


def _person_shaped_org(sp: _Span, words: Sequence[str], low: Sequence[str]) -> bool:
    """An ORGANIZATION span that is a given name and a surname ("«Дина Омароваға бостандық!»")."""
    if sp.j - sp.i < 2 or any(_is_org_head(t) for t in low[sp.i : sp.i + 2]):
        return False
    if any(w[:1].isupper() for w in words[sp.i + 2 : sp.j]) or "атындағы" in low[sp.i : sp.j]:
        # Only lower-case words may follow the two names ("бостандық", "полиция бөлімшесінде");
        # "Қаныш Сәтбаев атындағы университет" is named after a person.
        return False
    last = _nominative(words[sp.i + 1], kind="PERSON")
    first = words[sp.i]
    return (
        first[:1].isupper()
        and first.isalpha()
        and not gz.is_place(first)
        and (gz.is_surname_like(last) or gz.is_surname_like(words[sp.i + 1]))
    )


# Clipped compounds of a name and an organisation noun: Демпартия, Компартия, Еуроодақ.
_COMPOUND_ORG = re.compile(r"^[а-яәғқңөұүһі]{2,}(?:партия|парламент|одақ|одағ)")


def _fix_crf(spans_: list[_Span], words: Sequence[str], low: Sequence[str]) -> list[_Span]:
    """Repair typical CRF slips before overlap resolution."""
    out: list[_Span] = []
    expanded: list[_Span] = []
    for sp in spans_:
        if sp.type == "ORGANIZATION" and _person_shaped_org(sp, words, low):
            sp.type, sp.j = "PERSON", sp.i + 2
        if sp.type == "PERSON" and sp.j - sp.i >= 2 and _case(low[sp.j - 1]) in ("LOC", "DAT", "ABL", "LOCA") \
                and gz.is_place(_place_nominative(words[sp.j - 1])):
            sp.j -= 1  # "Әблязов Францияда тұрады": the place where the person is, not a name's part
        if sp.type in ("PERSON", "LOCATION") and sp.j - sp.i == 1 and _COMPOUND_ORG.match(low[sp.i]):
            sp.type = "ORGANIZATION"  # "Демпартия", "Еуроодақ", "Еуропарламент": clipped compounds
        if sp.type == "PERSON" and all(_LATIN_NAME.match(w) for w in words[sp.i : sp.j]):
            # Kazakh news writes foreign people in Cyrillic (Хью Уильямсон); a name left in
            # Latin letters is a brand, a medium or a body: Deutsche Welle, Instagram.
            sp.type = "ORGANIZATION"
        if sp.type == "PERSON" and sp.j - sp.i >= 4:
            expanded += _split_adjacent_names(sp, words)
        else:
            expanded.append(sp)
    for sp in expanded:
        if (
            sp.type in ("PERSON", "LOCATION", "ORGANIZATION")
            and sp.j - sp.i >= 2
            and low[sp.i] in _KIN_NOUNS
            and gz.is_given_name(_nominative(words[sp.i + 1], kind="PERSON"))
        ):
            # "«Ұлым Айдар ...»", "қызы Мадина": a kin noun before a given name is no part of it.
            sp.i += 1
            sp.type = "PERSON"
        if sp.type in ("PERSON", "LOCATION", "ORGANIZATION"):
            # Only the last word of a name is inflected; a locative/dative/ablative
            # word inside a span ends the name ("Алматыда Республика").
            for k in range(sp.i, sp.j - 1):
                if _case(low[k]) in ("LOC", "DAT", "ABL", "LOCA") and not _is_bare(words[k]):
                    if sp.type == "PERSON" and (
                        gz.is_surname_like(words[k + 1])
                        or gz.is_surname_like(_nominative(words[k + 1], kind="PERSON"))
                    ):
                        continue  # a given name that ends like a case: "Фарида Адылханова", "Едіге Рахмадиев"
                    sp.j = k + 1
                    break
        if sp.type == "PERSON":
            # Trim abstract nouns/adjectives (-лық/-тық ...) glued to a name: "Азаттық Жахин".
            while (
                sp.j - sp.i > 1 and low[sp.i].endswith(_ORIGIN_SUFFIXES) and not gz.is_given_name(words[sp.i])
            ):
                sp.i += 1
            # ... also when inflected: "Бекқожина Азаттыққа берген сұхбатында".
            while sp.j - sp.i > 1 and (
                low[sp.j - 1].endswith(_ORIGIN_SUFFIXES)
                or (
                    _case(low[sp.j - 1])
                    and _nominative(low[sp.j - 1]).endswith(_ORIGIN_SUFFIXES)
                    and not gz.is_given_name(_nominative(words[sp.j - 1], kind="PERSON"))
                )
            ):
                sp.j -= 1
        elif sp.type == "LOCATION" and sp.j - sp.i == 1:
            nom = _nominative(words[sp.i], kind="PERSON")
            if not gz.is_place(_nominative(words[sp.i], kind="LOCATION")) and (
                gz.is_surname_like(nom) or nom.lower().endswith(("ов", "ев", "ова", "ева"))
            ):
                sp.type = "PERSON"
        elif sp.type == "DATE" and any(t.startswith("жас") for t in low[sp.i : sp.j]):
            continue  # ages ("46 жастағы") are not dates
        elif sp.type == "ORGANIZATION" and sp.j - sp.i == 1 and gz.is_place(_place_nominative(words[sp.i])):
            sp.type = "LOCATION"  # a bare known place name is a place, not an organisation
        elif sp.type == "ORGANIZATION":
            # "Біріккен Ұлттар Ұйымының адам құқықтары жөніндегі Комитеті": keep the
            # parent organisation, whose name is reliable, and drop the sub-body tail.
            for k in range(sp.i + 1, sp.j - 1):
                if (
                    words[k][:1].isupper()
                    and _is_org_head(low[k])
                    and low[k].endswith(("ның", "нің"))
                    and any(not w[:1].isupper() for w in words[k + 1 : sp.j])
                ):
                    sp.j = k + 1
                    break
        out.append(sp)
    return out


def _common_noun(word: str) -> bool:
    """Whether a word, or its nominative, is listed vocabulary and neither a place nor an abbreviation."""
    if word.isupper() or gz.is_place(word):
        return False
    nom = _nominative(word)
    return (gz.is_common_word(word) or gz.is_common_word(nom)) and not gz.is_place(_place_nominative(word))


def _plausible(sp: _Span, words: Sequence[str], low: Sequence[str]) -> bool:
    """Filter CRF/gazetteer spans that are false persons/places."""
    toks = low[sp.i : sp.j]
    if sp.type == "PERSON":
        if not words[sp.i][:1].isupper():
            return False
        if any(_is_org_head(t) for t in toks) or any(t in _COURT_FORMS for t in toks):
            return False
        if sp.j - sp.i == 1:
            t = toks[0]
            if t in _NOT_PERSON or t in _KIN_NOUNS or _origin_adjective(t):
                return False
            if sp.i == 0:
                w = words[0]
                nom = _nominative(w, kind="PERSON")
                if not (gz.is_given_name(nom) or gz.is_surname_like(nom) or gz.is_surname_like(w)):
                    return False
    if sp.type == "LOCATION" and sp.j - sp.i == 1 and _origin_adjective(toks[0]):
        return False
    if sp.type in ("LOCATION", "ORGANIZATION") and sp.j - sp.i == 1 and _common_noun(words[sp.i]):
        return False  # "Жарыссөзде прокурор ...", "Ешқайда кетпейміз": a capital that opens a sentence
    if sp.type == "ORGANIZATION" and sp.j - sp.i == 1 and gz.is_kind_abbreviation(words[sp.i].split("-", 1)[0]):
        return False  # "БАҚ пен интернетте": the media, no one body
    return not (
        sp.type in ("PERSON", "LOCATION", "ORGANIZATION")
        and all(not any(c.isalpha() for c in t) for t in toks)
    )


# ---------------------------------------------------------------- assembly


def _lemma(sp: _Span, words: Sequence[str], text: str, known: Collection[str]) -> str:
    if sp.lemma is not None:
        return sp.lemma
    if sp.type == "DATE":
        return date_lemma(words[sp.i : sp.j]) or text
    if sp.type == "LOCATION":
        if sp.j - sp.i == 1:
            return _place_nominative(words[sp.i])
        return _nominative_phrase(text, kind="LOCATION", known=known)
    if sp.type == "ORGANIZATION":
        last = words[sp.j - 1]
        if sp.j - sp.i > 1 and _is_org_head(last.lower()):
            return " ".join([*words[sp.i : sp.j - 1], _head_nominative(last)])
        return _nominative_phrase(text, kind="ORGANIZATION", known=known)
    return _nominative_phrase(text, kind=sp.type, known=known)


def find_mentions(sentence: Sentence, known: Collection[str] = ()) -> list[Mention]:
    """Find typed mentions in one sentence.

    Args:
        sentence: A sentence with document offsets (``tokens`` filled or not).
        known: Canonical names already known (helps the normaliser).

    Returns:
        Non-overlapping mentions in text order; offsets index the document.
    """
    tokens: Sequence[Token] = sentence.tokens or tuple(tokenize(sentence.text, sentence.start))
    if not tokens:
        return []
    words = [t.text for t in tokens]
    low = [w.lower() for w in words]
    crf = _fix_crf(_crf_spans(words), words, low)
    ents = {k for sp in crf for k in range(sp.i, sp.j)}
    persons = {k for sp in crf if sp.type == "PERSON" for k in range(sp.i, sp.j)}
    cands: list[_Span] = []
    cands += _find_terms(low)
    cands += _find_courts(words, low, ents, persons)
    cands += _find_quoted_orgs(words, low)
    cands += _find_groups(low, words)
    cands += _find_dates(words, low)
    cands += _find_named_orgs(words, low, ents, persons)
    cands += _find_abbreviations(words)
    cands += _find_named_after(words, low)
    cands += _find_verbal_noun_orgs(words, low)
    cands += _find_quoted_names_with_head(words, low)
    cands += _find_media(words, low)
    cands += crf
    cands += _find_place_phrases(words, low, ents, persons)
    cands += _find_gazetteer(words, low, known)

    # CRF DATE durations overlapping a TERM rule yield to the TERM.
    taken = [False] * len(words)
    chosen: list[_Span] = []
    for sp in sorted(cands, key=lambda s: (s.priority, -(s.j - s.i), s.i)):
        if any(taken[sp.i : sp.j]):
            continue
        if not _plausible(sp, words, low):
            continue
        for k in range(sp.i, sp.j):
            taken[k] = True
        chosen.append(sp)
    # A court name holds a place ("Өскемендегі сот"): report the place too, as
    # a nested LOCATION, so the place entity is not lost to the court.
    for sp in [c for c in chosen if c.court]:
        for k in range(sp.i, sp.j):
            if words[k][:1].isupper() and low[k] not in _COURT_MODS:
                nom = _place_nominative(words[k])
                if gz.is_place(nom):
                    chosen.append(_Span(k, k + 1, "LOCATION", nom, "gazetteer", 3))
    chosen.sort(key=lambda s: (s.i, -s.j))

    out: list[Mention] = []
    base = sentence.start
    for sp in chosen:
        start, end = tokens[sp.i].start, tokens[sp.j - 1].end
        text = sentence.text[start - base : end - base]
        court = sp.court or (sp.type == "ORGANIZATION" and low[sp.j - 1] in _COURT_FORMS)
        try:
            lemma = _lemma(sp, words, text, known)
        except Exception:
            log.exception("lemma failed for %r", text)
            lemma = text
        out.append(
            Mention(
                sentence.doc_id, sentence.index, start, end, text, sp.type, lemma or text, sp.source, court
            )
        )
    return out


def mentions_for_cli(text: str, by_lines: bool = False) -> list[dict]:
    """Find mentions in raw text and return plain dicts for the CLI.

    Args:
        text: The input text.
        by_lines: Treat every line as its own document; offsets are then
            code-point offsets within the line.

    Returns:
        Dicts ``{"line", "start", "end", "type", "text", "lemma"}``; ``line``
        is 1-based (the line where the mention starts), ``end`` exclusive.
    """
    out: list[dict] = []
    if by_lines:
        docs = [
            (n, Document(id=f"line{n}", path="", text=line)) for n, line in enumerate(text.split("\n"), 1)
        ]
    else:
        docs = [(0, Document(id="stdin", path="", text=text))]
    line_starts: list[int] = []
    if not by_lines:
        pos = 0
        for line in text.split("\n"):
            line_starts.append(pos)
            pos += len(line) + 1
    import bisect

    for line_no, doc in docs:
        if not doc.text.strip():
            continue
        for sent in split_sentences(doc):
            for m in find_mentions(sent):
                start, end, lemma = _kaznerd_span(m, sent.tokens, doc.text)
                if m.type == "LOCATION" and _inside_other_kaznerd_type(sent.tokens, start):
                    continue
                line = line_no if by_lines else bisect.bisect_right(line_starts, start)
                out.append(
                    {
                        "line": line,
                        "start": start,
                        "end": end,
                        "type": m.type,
                        "text": doc.text[start:end],
                        "lemma": lemma,
                    }
                )
    return out


_QUOTE_TOKENS = frozenset("«»\"“”„'’‘")
# KazNERD leaves these generic heads outside place spans ("Ақтау қаласында",
# "Ертіс өзенінде", "Зашаған кентінде" → the name only; counted
# on its validation split) but keeps "облысы" inside; "айы" after a month name is
# mostly outside dates.
_GENERIC_PLACE_HEADS = ("қала", "аудан", "өңір", "ауыл", "кент", "өзен", "көл", "тау", "аймақ", "шағын")
_ORDINAL = re.compile(r"^\d+(?:-\w+)?$")
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ɏ0-9&.'’-]*[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ0-9&.'’-]*$")
_CYRILLIC_LOWER = re.compile(r"^[а-яәғқңөұүһіё-]+$")
_DATE_RELATIONS = re.compile(r"дейін(?:гі)?|бері|кейін(?:гі)?|бұрын(?:ғы)?|ішінде(?:гі)?|бойы(?:на)?|аралығ\w*")
_ORDINAL_ENDINGS = ("ыншы", "інші", "ншы", "нші")


def _inside_other_kaznerd_type(tokens: Sequence[Token], start: int) -> bool:
    """Whether a place name starting at ``start`` opens a KazNERD money or facility name.

    "АҚШ долларына" is MONEY (14 of 14 on its validation split) and "Алматы әуежайынан"
    mostly FACILITY (8 of 12); KazNERD nests no place inside them.
    """
    later = [t for t in tokens if t.start > start]
    return bool(later) and later[0].text.lower().startswith(("доллар", "әуежай"))


def _ordinal_word(low: str) -> bool:
    """Whether a word is an ordinal number in words ("бірінші", "төртінші", "отызыншы")."""
    return any(low.endswith(e) and low[: -len(e)] in _NUMBER_WORDS for e in _ORDINAL_ENDINGS)


def _date_start(tokens: Sequence[Token], start: int, text: str) -> int:
    """Move a date's start back over the day and year before it, KazNERD-style.

    "29-ыншы қаңтарында", "жиырма төртінші қарашада", "2013-інші жылдың 29-ыншы қаңтарында".
    """
    before = [t for t in tokens if t.end <= start]

    def adjacent(k: int, pos: int) -> bool:
        return k >= 0 and text[before[k].end : pos].isspace()

    def ordinal_back(k: int, pos: int) -> int:
        """Start index of an ordinal (digits, or number words ending in one) ending at k; -1 if none."""
        if not adjacent(k, pos):
            return -1
        w = before[k].text
        if _ORDINAL.match(w):
            return k
        if not _ordinal_word(w.lower()):
            return -1
        while adjacent(k - 1, before[k].start) and before[k - 1].text.lower() in _NUMBER_WORDS:
            k -= 1  # "жиырма төртінші", "екі мың он үшінші"
        return k

    k = ordinal_back(len(before) - 1, start)
    if k < 0:
        return start
    start = before[k].start
    if adjacent(k - 1, start) and before[k - 1].text.lower() in ("жылдың", "жылғы"):
        y = ordinal_back(k - 2, before[k - 1].start)
        if y >= 0:
            start = before[y].start
    return start


def _kaznerd_span(m: Mention, tokens: Sequence[Token], text: str) -> tuple[int, int, str]:
    """Offsets and lemma of a mention in KazNERD's span convention, for `kazkg mentions`.

    The pipeline keeps richer spans («Қазатомөнеркәсіп» ұлттық компаниясының), which
    entity resolution needs; NER users compare spans with KazNERD's, where quote marks,
    generic head nouns and "айы" stand outside the name.
    """
    inside = [t for t in tokens if t.start >= m.start and t.end <= m.end]
    if not inside or m.type in ("TERM", "GROUP"):
        return m.start, m.end, m.lemma
    first, last = 0, len(inside)
    if m.type == "ORGANIZATION" and inside[0].text in _QUOTE_TOKENS:
        close = next((k for k in range(1, len(inside)) if inside[k].text in _QUOTE_TOKENS), None)
        if close is not None and close > 1:
            first, last = 1, close
    while last - first > 1 and inside[first].text in _QUOTE_TOKENS:
        first += 1
    while last - first > 1 and inside[last - 1].text in _QUOTE_TOKENS:
        last -= 1
    if m.type == "ORGANIZATION" and _LATIN_NAME.match(inside[first].text):
        # "SCAT әуекомпаниясы", "CNN телеарнасы", "Atlantic Council саяси топ": KazNERD
        # leaves the Kazakh words after a Latin-script name outside it (37 of 39 times).
        k = last
        while k - first > 1 and _CYRILLIC_LOWER.match(inside[k - 1].text):
            k -= 1
        if all(_LATIN_NAME.match(t.text) for t in inside[first:k]):
            last = k
    tail = inside[last - 1].text.lower()
    after = [t for t in tokens if t.start >= inside[-1].end]
    # KazNERD keeps "дейін", "бері", "бұрын", "ішінде", "бойы" in a date ("қараша айына дейін").
    relation = bool(after) and m.type == "DATE" and bool(_DATE_RELATIONS.fullmatch(after[0].text.lower()))
    if last - first > 1 and (
        (m.type == "LOCATION" and tail.startswith(_GENERIC_PLACE_HEADS))
        or (
            # "қаңтар айында" -> "қаңтар"; "11 айда" is a duration and keeps its "ай"
            m.type == "DATE"
            and tail.startswith("ай")
            and tail != "ай"
            and not relation
            and _month_of(inside[last - 2].text.lower()) is not None
        )
    ):
        last -= 1
    start, end = inside[first].start, inside[last - 1].end
    if m.type == "DATE":
        if relation and last == len(inside) and text[end : after[0].start].isspace():
            end = after[0].end
        start = _date_start(tokens, start, text)
    if (start, end) == (m.start, m.end):
        return m.start, m.end, m.lemma
    if m.type == "DATE":
        return start, end, m.lemma
    return start, end, _nominative_phrase(text[start:end], m.type)
