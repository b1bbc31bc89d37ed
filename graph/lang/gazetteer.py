"""Gazetteers for Kazakh news: places, given names, organisation heads, abbreviations.

The lists live in ``graph/data/*.txt`` (UTF-8, one entry a line, ``#``
starts a comment). They are read lazily, once, on first use. Lookups are
case-insensitive (keys are lower-cased with ``casefold``-like ``lower()``,
which keeps Kazakh letters distinct).

Files:
    places.txt             place names (regions, cities, towns, countries, capitals)
    place_aliases.txt      ``alias<TAB>canonical``: renamed places and Russian spellings
                           (Астана -> Нұр-Сұлтан, Усть-Каменогорск -> Өскемен); both
                           spellings are places, :func:`place_alias` gives the canonical one
    given_names.txt        Kazakh and Russian given names, male and female
    surname_endings.txt    surname endings (-ов, -ева, -ұлы, ...)
    org_heads.txt          head nouns of organisation names in the 3rd-person possessive
                           (партиясы, қозғалысы, соты, ...) and their bare forms
    place_heads.txt        head nouns of place names (облысы, ауданы, көшесі, алаңы, ...)
    abbreviations.txt      ``ABBR<TAB>expansion``
    kind_abbreviations.txt abbreviations of a kind of body or document (ЖШС, БАҚ, ҚК), no names
    nominatives.txt        bare words that end like a case suffix (Ақорда, белсенді)
    common_words.txt       bare frequent words (function words, numerals, domain nouns)
    public_figures.txt     ``surname<TAB>full name`` of figures named by surname alone (Тоқаев)
    platforms.txt          social networks and video sites (Facebook, YouTube, Телеграм)
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "abbreviation_expansion",
    "abbreviations",
    "common_words",
    "given_names",
    "is_abbreviation",
    "is_common_word",
    "is_given_name",
    "is_kind_abbreviation",
    "is_known_nominative",
    "is_org_head",
    "is_place",
    "is_place_head",
    "is_platform",
    "is_surname_like",
    "known_nominatives",
    "org_heads",
    "place_alias",
    "place_aliases",
    "place_heads",
    "place_spelling",
    "places",
    "platforms",
    "public_figure",
    "surname_endings",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_lines(name: str) -> list[str]:
    """Read a data file: stripped non-empty lines without ``#`` comments."""
    path = DATA_DIR / name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("gazetteer file missing: %s", path)
        return []
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _read_pairs(name: str) -> dict[str, str]:
    """Read ``key<TAB>value`` lines into a dict keyed by the lower-cased key."""
    out: dict[str, str] = {}
    for line in _read_lines(name):
        if "\t" not in line:
            log.warning("%s: no tab in line %r", name, line)
            continue
        key, value = (p.strip() for p in line.split("\t", 1))
        out.setdefault(key.lower(), value)
    return out


@cache
def place_aliases() -> dict[str, str]:
    """Map lower-cased alias -> canonical place name."""
    return _read_pairs("place_aliases.txt")


@cache
def _places() -> dict[str, str]:
    """Lower-cased place name -> its spelling in the list (aliases included)."""
    out = {p.lower(): p for p in _read_lines("places.txt")}
    for alias, canonical in place_aliases().items():
        out.setdefault(alias, alias)
        out.setdefault(canonical.lower(), canonical)
    return out


def places() -> frozenset[str]:
    """All known place names, lower-cased (aliases included)."""
    return frozenset(_places())


@cache
def given_names() -> frozenset[str]:
    """Known given names, lower-cased."""
    return frozenset(n.lower() for n in _read_lines("given_names.txt"))


@cache
def surname_endings() -> tuple[str, ...]:
    """Surname endings, lower-cased, longest first."""
    return tuple(
        sorted({e.lower().lstrip("-") for e in _read_lines("surname_endings.txt")}, key=len, reverse=True)
    )


@cache
def org_heads() -> frozenset[str]:
    """Organisation head nouns (possessive and bare forms), lower-cased."""
    return frozenset(w.lower() for w in _read_lines("org_heads.txt"))


@cache
def place_heads() -> frozenset[str]:
    """Place head nouns (облысы, ауданы, көшесі, алаңы, ...), lower-cased."""
    return frozenset(w.lower() for w in _read_lines("place_heads.txt"))


@cache
def abbreviations() -> dict[str, str]:
    """Map lower-cased abbreviation -> expansion."""
    return _read_pairs("abbreviations.txt")


@cache
def known_nominatives() -> frozenset[str]:
    """Bare words that only look inflected (Ақорда, Егемен, белсенді), lower-cased."""
    return frozenset(w.lower() for w in _read_lines("nominatives.txt"))


@cache
def common_words() -> frozenset[str]:
    """Bare frequent Kazakh words (function words, numerals, domain nouns), lower-cased."""
    return frozenset(w.lower() for w in _read_lines("common_words.txt"))


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a listed bare frequent word (тұтқын, облыс, қарсы)."""
    return word.lower() in common_words()


def is_known_nominative(word: str) -> bool:
    """Whether ``word`` is listed as a bare word that merely ends like a suffix."""
    return word.lower() in known_nominatives()


def is_place(name: str) -> bool:
    """Whether ``name`` is a known place (case-insensitive, aliases included).

    Args:
        name: A nominative place name such as ``Алматы`` or ``Нұр-Сұлтан``.

    Returns:
        True if the name is in the place gazetteer.
    """
    return name.lower() in _places()


def place_alias(name: str) -> str:
    """Canonical spelling of a place name.

    Args:
        name: A place name, possibly an alias (``Усть-Каменогорск``).

    Returns:
        The canonical name (``Өскемен``), the gazetteer spelling of a known
        place, or ``name`` unchanged when unknown.
    """
    key = name.lower()
    canonical = place_aliases().get(key)
    if canonical is not None:
        return canonical
    return _places().get(key, name)


def place_spelling(name: str) -> str:
    """The gazetteer's spelling of a listed place name, else ``name``; never another name.

    Unlike :func:`place_alias` it keeps the name the text used: "Нур-Султан" stays
    "Нур-Султан" (a mention's nominative), and only entities take canonical names.
    """
    return _spellings().get(name.lower(), name)


@cache
def _spellings() -> dict[str, str]:
    return {p.lower(): p for p in _read_lines("places.txt")}


def is_given_name(name: str) -> bool:
    """Whether ``name`` is a known given name (case-insensitive)."""
    return name.lower() in given_names()


def is_surname_like(word: str) -> bool:
    """Whether ``word`` ends like a nominative surname (Жәкішев, Жәукерова, Байтұрсынұлы).

    Args:
        word: One word.

    Returns:
        True if a surname ending matches and at least three letters precede it.
    """
    low = word.lower()
    endings = surname_endings()
    if not low.endswith(endings):  # one C-level test for the common case
        return False
    n = len(low)
    return any(n - len(e) >= 3 and low.endswith(e) for e in endings)


def is_org_head(word: str) -> bool:
    """Whether ``word`` is an organisation head noun (партиясы, соты, ұйым, ...)."""
    return word.lower() in org_heads()


def is_place_head(word: str) -> bool:
    """Whether ``word`` is a place head noun (облысы, ауданы, көшесі, ...)."""
    return word.lower() in place_heads()


@cache
def _public_figures() -> dict[str, str]:
    return _read_pairs("public_figures.txt")


def public_figure(surname: str) -> str | None:
    """Full name of a public figure news names by surname alone (Тоқаев), or None."""
    return _public_figures().get(surname.lower())


@cache
def platforms() -> frozenset[str]:
    """Social networks, messengers and video sites, lower-cased."""
    return frozenset(w.lower() for w in _read_lines("platforms.txt"))


def is_platform(name: str) -> bool:
    """Whether ``name`` is a social network or video site (Facebook, Instagram, Ютуб)."""
    return name.lower() in platforms()


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` is a known abbreviation (БҰҰ, ҰҚК, ...)."""
    return word.lower() in abbreviations()


@cache
def _kind_abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in _read_lines("kind_abbreviations.txt"))


def is_kind_abbreviation(word: str) -> bool:
    """Whether ``word`` abbreviates a kind of body or a code (ЖШС, БАҚ, ҚК), not one body's name."""
    return word.lower() in _kind_abbreviations()


def abbreviation_expansion(word: str) -> str | None:
    """Expansion of a known abbreviation, or None."""
    return abbreviations().get(word.lower())
