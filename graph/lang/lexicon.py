"""Word lists and small morphology helpers shared by entity resolution and event extraction.

Everything here is general Kazakh vocabulary (trigger words, role nouns,
number words, month names, case suffixes), never names taken from articles.
Matching is done on lower-cased tokens, mostly by stem prefix, because Kazakh
attaches plural, possessive and case suffixes to the stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ALIASES",
    "KIN_WORDS",
    "MONITOR_ORGS",
    "MONTHS",
    "ORG_HEADS",
    "ROLE_WORDS",
    "case_of",
    "lower",
]

# Generic head nouns of organisation names; stripped from a label when a
# proper name precedes them (quoted or not), longest first.
ORG_HEADS: tuple[str, ...] = (
    "қоғамдық альянсы",
    "қоғамдық бірлестігі",
    "қоғамдық қоры",
    "қоғамдық қозғалысы",
    "ұлттық компаниясы",
    "акционерлік қоғамы",
    "халықаралық ұйымы",
    "ұйымдары",  # a plural head shared by two names: "X мен Y ұйымдары"
    "альянсы",
    "бірлестігі",
    "компаниясы",
    "радиосы",
    "партиясы",
    "қозғалысы",
    "қоры",
    "газеті",
    "сайты",
    "телеарнасы",
    "агенттігі",
    "басылымы",
    "порталы",
    "бастамасы",
)

# International monitors whose names are ordinary words ("амнистия") and so escape a
# capitalisation-based finder; their names as the Kazakh press writes them.
MONITOR_ORGS: tuple[str, ...] = (
    "Халықаралық амнистия",
    "Human Rights Watch",
    "Freedom House",
    "Front Line Defenders",
    "Шекарасыз тілшілер",
)

# Known renamings/alternative names: every form maps to one canonical label,
# the current official name (Астана again since September 2022, as in Wikidata).
ALIASES: dict[str, str] = {
    "астана": "Астана",
    "нұр-сұлтан": "Астана",
    "ақмола": "Ақмола",
    "алма-ата": "Алматы",
    "усть-каменогорск": "Өскемен",
    "қазатомпром": "Қазатомөнеркәсіп",
    "қазатомөнеркәсіп": "Қазатомөнеркәсіп",
    "бұұ": "Біріккен Ұлттар Ұйымы",
    "оон": "Біріккен Ұлттар Ұйымы",
    "ун": "Біріккен Ұлттар Ұйымы",
    "біріккен ұлттар ұйымы": "Біріккен Ұлттар Ұйымы",
    "ехқб": "Еуропадағы қауіпсіздік және ынтымақтастық ұйымы",
    # International monitors named in English or in Kazakh: the Kazakh name, as listed above.
    "amnesty international": "Халықаралық амнистия",
    "amnesty": "Халықаралық амнистия",
    "халықаралық амнистия": "Халықаралық амнистия",
    "reporters without borders": "Шекарасыз тілшілер",
    "шекарасыз тілшілер": "Шекарасыз тілшілер",
}

# Role/title nouns (nominative) found right before a person's name. Values are
# the canonical role string written to kg:role.
ROLE_WORDS: dict[str, str] = {
    "белсенді": "белсенді",
    "белсенділер": "белсенді",
    "белсендісі": "белсенді",
    "адвокат": "адвокат",
    "адвокаты": "адвокат",
    "қорғаушысы": "адвокат",
    "журналист": "журналист",
    "журналисі": "журналист",
    "тілші": "тілші",
    "тілшісі": "тілші",
    "блогер": "блогер",
    "блогері": "блогер",
    "ақын": "ақын",
    "жазушы": "жазушы",
    "саясаткер": "саясаткер",
    "оппозиционер": "оппозиционер",
    "кәсіпкер": "кәсіпкер",
    "заңгер": "заңгер",
    "құқық қорғаушы": "құқық қорғаушы",
    "төраға": "төраға",
    "төрағасы": "төраға",
    "басшы": "басшы",
    "басшысы": "басшы",
    "жетекші": "жетекші",
    "жетекшісі": "жетекші",
    "директор": "директор",
    "директоры": "директор",
    "министр": "министр",
    "министрі": "министр",
    "әкім": "әкім",
    "әкімі": "әкім",
    "депутат": "депутат",
    "депутаты": "депутат",
    "судья": "судья",
    "судьясы": "судья",
    "прокурор": "прокурор",
    "прокуроры": "прокурор",
    "комиссар": "комиссар",
    "комиссары": "комиссар",
    "зейнеткер": "зейнеткер",
    "дінтанушы": "дінтанушы",
    "профессор": "профессор",
    "мұғалім": "мұғалім",
    "ұстаз": "ұстаз",
    "редактор": "редактор",
    "редакторы": "редактор",
    "бас редакторы": "бас редактор",
    "тұтқын": "тұтқын",
}

# Kin nouns with the 3rd person possessive, as they stand before a relative's name
# ("оның қызы Мадина ...", "Ерманованың ағасы Бауыржан ..."); also their
# accusative, the form a beneficiary of a protest takes ("ағасын босатуды").
KIN_WORDS: frozenset[str] = frozenset(
    {
        "қызы",
        "ұлы",
        "баласы",
        "әйелі",
        "жұбайы",
        "күйеуі",
        "анасы",
        "әкесі",
        "інісі",
        "ағасы",
        "әпкесі",
        "апасы",
        "қарындасы",
        "сіңлісі",
        "бауыры",
        "немересі",
        "туысы",
        "туысқаны",
    }
)

MONTHS: dict[str, int] = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}

UNITS = {
    "бір": 1,
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
    "алты": 6,
    "жеті": 7,
    "сегіз": 8,
    "тоғыз": 9,
}
TENS = {
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "алпыс": 60,
    "жетпіс": 70,
    "сексен": 80,
    "тоқсан": 90,
}

# Case suffixes (after the nominative stem), by case. Longest first matters
# only inside one case; cases are checked in the order below.
CASE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "loc_attr": ("ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі"),
    "gen": ("ның", "нің", "дың", "дің", "тың", "тің"),
    "abl": ("нан", "нен", "дан", "ден", "тан", "тен"),
    "ins": ("мен", "бен", "пен"),
    "loc": ("нда", "нде", "да", "де", "та", "те"),
    "dat": ("на", "не", "ға", "ге", "қа", "ке", "а", "е"),
    "acc": ("ны", "ні", "ды", "ді", "ты", "ті", "н"),
}

#: Every case suffix, for "surname + case ending" checks.
CASE_ENDINGS: frozenset[str] = frozenset(e for endings in CASE_SUFFIXES.values() for e in endings)

_POSSESSIVE_HEADS = frozenset(
    {h.split()[-1] for h in ORG_HEADS}
    | {"комитеті", "кеңесі", "орталығы", "одағы", "коалициясы", "бюросы", "ұйымы", "соты", "алқасы"}
)
_TRAILING_GEN_ACC = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті)$")


_NO_QUOTES = str.maketrans("", "", "«»\"“”„'’‘`")
_ANY_QUOTE = re.compile("[«»\"“”„'’‘`]")


# Pure function of the token, called for every word of every sentence the rules read: cached.
@lru_cache(maxsize=1 << 16)
def lower(text: str) -> str:
    """Lower-case and strip quote marks and hyphen padding of a token.

    Args:
        text: A token or phrase.

    Returns:
        The lower-cased text without quote characters.
    """
    low = text.lower()
    # translate() is slow on non-ASCII text; most tokens have no quote mark at all.
    return low.translate(_NO_QUOTES) if _ANY_QUOTE.search(low) else low


@lru_cache(maxsize=1 << 16)
def case_of(text: str, lemma: str) -> str:
    """Guess the grammatical case of a mention from its surface and nominative.

    Args:
        text: The surface form as it appears in the sentence.
        lemma: The nominative form.

    Returns:
        One of ``nom``, ``gen``, ``acc``, ``dat``, ``loc``, ``abl``, ``ins``,
        ``loc_attr``.
    """
    surface = lower(text).strip()
    base = lower(lemma).strip()
    if surface.startswith(base):
        suffix = surface[len(base) :].lstrip("-‐‑")
    else:
        # Lemma not a prefix (e.g. a stem change): compare the last words.
        last_s, last_b = surface.split()[-1:] or [""], base.split()[-1:] or [""]
        i = 0
        while i < min(len(last_s[0]), len(last_b[0])) and last_s[0][i] == last_b[0][i]:
            i += 1
        suffix = last_s[0][i:]
    if not suffix:
        # A lemmatiser that left the surface unchanged: trust only the
        # unambiguous genitive/accusative endings ("комитеті", "кеңесі" are a
        # head noun's possessive, not an accusative).
        if surface == base and len(surface.split()[-1]) > 5 and surface.split()[-1] not in _POSSESSIVE_HEADS:
            m = _TRAILING_GEN_ACC.search(surface)
            if m:
                return "gen" if m.group().endswith(("ң",)) else "acc"
        return "nom"
    if " " in suffix:
        # A generic head follows the name ("«Атажұрт» ұйымының"): its ending is the case.
        head = suffix.split()[-1]
        for case, endings in CASE_SUFFIXES.items():
            if any(head.endswith(e) for e in endings if len(e) >= 2 or e == "н"):
                return case
        return "nom"
    for case, endings in CASE_SUFFIXES.items():
        if suffix in endings:
            return case
    return "other"
