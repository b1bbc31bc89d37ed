"""Word-level morphology for any word: its case, its stem in a lexicon, verb-form cues.

:mod:`graph.lang.morph` normalises *names*; this module answers the questions the
annotator and the event engine ask of ordinary words: which lexicon entry an
inflected noun is ("белсендінің" → белсенді, genitive), which case a word is in,
and what its ending says about a verb (negated, a converb that ends a clause, a
participle). The vocabulary lives in ``data/words.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.lang.lexicon import CASE_SUFFIXES, lower
from graph.lang.morph import analyses

__all__ = [
    "CASES",
    "Vocabulary",
    "case_of_word",
    "find_entry",
    "genitive",
    "passive",
    "possessed",
    "vocabulary",
]

DATA = Path(__file__).resolve().parent / "data" / "words.toml"
CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "loc_attr", "poss")
_CASE_OF_SUFFIX = {suffix: case for case, suffixes in CASE_SUFFIXES.items() for suffix in suffixes}
_PLURALS = frozenset(("лар", "лер", "дар", "дер", "тар", "тер"))
_POSSESSIVES = frozenset(("ы", "і", "сы", "сі", "ымыз", "іміз", "мыз", "міз"))
_THIRD_POSSESSIVE = ("ы", "і")
_THIRD_POSSESSIVES = frozenset(("ы", "і", "сы", "сі"))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The word lists of ``data/words.toml`` (all lower case)."""

    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    counted_pronouns: dict[str, int]
    person_roles: frozenset[str]
    counted_people: frozenset[str]
    detention: frozenset[str]
    generic_groups: frozenset[str]
    group_participles: frozenset[str]
    status_modifiers: frozenset[str]
    officials: frozenset[str]
    female_kin: frozenset[str]
    male_kin: frozenset[str]
    supporters: frozenset[str]
    my_kin: frozenset[str]
    your_kin: frozenset[str]
    conjunctions: frozenset[str]
    also_particles: frozenset[str]
    clause_openers: frozenset[str]
    enumeration_heads: frozenset[str]
    speech: frozenset[str]
    postpositions: frozenset[str]
    term_anaphors: frozenset[str]
    first_plural: frozenset[str]
    first_singular: frozenset[str]
    org_anaphors: frozenset[str]
    statements: frozenset[str]
    publishing: tuple[str, ...]
    quantifiers: frozenset[str]

    # Derived once (the annotator asks for them for every word):
    kin: frozenset[str] = field(init=False)
    # Kin nouns with the 3rd person possessive (әйелі, күйеуі): someone's relative; not the
    # three-letter "ұлы", which is also the adjective "great" ("ұлы ақын").
    kin_possessed: frozenset[str] = field(init=False)
    # Every kin noun with the 3rd person possessive, "ұлы" too: between a genitive owner and
    # a name ("Сейітовтің ұлы Айдар Сейітов") it is no adjective.
    kin_owned: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        kin = self.female_kin | self.male_kin
        object.__setattr__(self, "kin", kin)
        object.__setattr__(self, "kin_possessed",
                           frozenset(w for w in kin if w.endswith(_THIRD_POSSESSIVE) and len(w) > 3))
        object.__setattr__(self, "kin_owned", frozenset(w for w in kin if w.endswith(_THIRD_POSSESSIVE)))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, read once from ``data/words.toml``."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    pron, roles, kin, syntax = data["pronouns"], data["roles"], data["kin"], data["syntax"]
    fz = lambda items: frozenset(lower(x) for x in items)
    return Vocabulary(
        singular_pronouns=fz(pron["singular"]),
        plural_pronouns=fz(pron["plural"]),
        counted_pronouns={lower(k): int(v) for k, v in pron["counted"].items()},
        person_roles=fz(roles["persons"]) - fz(roles["officials"]),
        officials=fz(roles["officials"]),
        counted_people=fz(roles["counted"]),
        detention=fz(roles["detention"]),
        generic_groups=fz(data["groups"]["generic"]),
        group_participles=fz(data["groups"]["participles"]),
        status_modifiers=fz(roles["status_modifiers"]),
        female_kin=fz(kin["female"]),
        male_kin=fz(kin["male"]),
        supporters=fz(kin["supporters"]),
        my_kin=fz(kin["first_person"]),
        your_kin=fz(kin["second_person"]),
        conjunctions=fz(syntax["conjunctions"]),
        also_particles=fz(syntax["also_particles"]),
        clause_openers=fz(syntax["clause_openers"]),
        enumeration_heads=fz(syntax["enumeration_heads"]),
        speech=fz(syntax["speech"]),
        postpositions=fz(syntax["postpositions"]),
        term_anaphors=fz(syntax["term_anaphors"]),
        first_plural=fz(pron["first_plural"]),
        first_singular=fz(pron["first_singular"]),
        org_anaphors=fz(data["orgs"]["anaphors"]),
        statements=fz(data["orgs"]["statements"]),
        publishing=tuple(lower(x) for x in data["orgs"]["publishing"]),
        quantifiers=fz(syntax["quantifiers"]),
    )


def _chain_case(chain: str) -> str:
    """The case a suffix chain ends in (``і+нде`` → loc); a lone 3rd person -ы/-і is ``poss``
    (a possessed nominative or, on a noun ending in a consonant, an accusative: "журналисті");
    other possessive or plural chains are nominative."""
    if chain in _THIRD_POSSESSIVE:
        return "poss"
    last = chain.rsplit("+", 1)[-1] if chain else ""
    return _CASE_OF_SUFFIX.get(last, "nom")


@lru_cache(maxsize=1 << 15)
def case_of_word(word: str) -> str:
    """The most likely case of an inflected noun from its ending alone.

    The longest harmonic analysis wins, so "тізімінде" is locative and "белсенді"
    nominative; a word with no case ending is nominative.

    Args:
        word: One word.

    Returns:
        One of :data:`CASES`.
    """
    found = analyses(lower(word))
    return _chain_case(found[-1][1]) if found else "nom"


def find_entry(word: str, entries: Collection[str], *, possessed: bool = True) -> tuple[str, str] | None:
    """The lexicon entry an inflected word is a form of, and the case it is in.

    Args:
        word: One word, any case ("белсендінің", "журналисті", "белсенділерді").
        entries: Nominative lexicon entries (lower case, one word each).
        possessed: Also accept the entry with a 3rd person possessive
            ("жетекшісі" for "жетекші").

    Returns:
        ``(entry, case)`` for the analysis with the longest stem that is an entry,
        or None.
    """
    return _find_entry(lower(word), entries if isinstance(entries, frozenset) else frozenset(entries), possessed)


@lru_cache(maxsize=1 << 17)  # the annotator asks this for most words of a sentence, for several lists
def _find_entry(low: str, entries: frozenset[str], possessed: bool) -> tuple[str, str] | None:
    if low in entries:
        return low, "nom"
    for stem, chain in analyses(low):
        stem_low = stem.lower()
        if stem_low not in entries and chain and stem_low + chain[0] in entries:
            # Spelling drops one of two like consonants: журналист+тің is written журналистің.
            stem_low = stem_low + chain[0]
        if stem_low not in entries or not chain:
            continue
        parts = chain.split("+")
        if not possessed and any(p in _POSSESSIVES for p in parts):
            continue
        return stem_low, _chain_case(chain)
    return None


# The passive -л-/-ыл-/-іл-/-н-/-ын-/-ін- before a past, participle or present ending,
# after a stem of at least three letters: сотталды, кесілді, енгізілген, алынды.
_PASSIVE = re.compile(r"^(.{3,}?)(?:[аәеоөұүыі]л|ыл|іл|ын|ін|[аәеоөұүыі]н)(?:ды|ді|ған|ген|атын|етін|ады|еді|уда|уде)$")


@lru_cache(maxsize=1 << 15)
def passive(word: str) -> bool:
    """Whether a verb form is passive ("сотталды", "танылған", "енгізілген", "алынды")."""
    return _PASSIVE.match(lower(word)) is not None


@lru_cache(maxsize=1 << 15)
def possessed(word: str) -> bool:
    """Whether a noun carries a 3rd person possessive (кеңесінің, жетекшілері, ескерткішінің)."""
    if lower(word) in vocabulary().postpositions:
        return False
    for _stem, chain in analyses(lower(word)):
        parts = chain.split("+") if chain else []
        if any(p in _THIRD_POSSESSIVES for p in parts) and len(_stem) >= 2:
            return True
    return False


def plural_chain(word: str) -> bool:
    """Whether a word carries a plural suffix (белсенділер, жастарды)."""
    return any(p in _PLURALS for _stem, chain in analyses(lower(word)) for p in chain.split("+"))


_BACK = set("аоұыяё")
_FRONT = set("әөүіеэ")
_VOICELESS_OR_STOP = set("кқпстфхцчшщбвгд")
_VOWELS = set("аәеэоөұүыіияюё")
_SONORANT_OR_VOICED = set("лрйузжғ")


def genitive(name: str) -> str:
    """The genitive of a name as Kazakh writes it ("Біләш" → "Біләштің", "Мамай" → "Мамайдың").

    Args:
        name: A name in the nominative; only its last word is inflected.

    Returns:
        The name with the genitive ending of its last word.
    """
    low = name.lower()
    last = low[-1:]
    # и and ю are neutral, and the е of Russian -аев/-оев is a [йе] after a vowel: neither
    # sets the harmony (Жыланбаевтың, Тоқаевтың).
    vowels = [ch for i, ch in enumerate(low)
              if (ch in _BACK or ch in _FRONT) and not (ch == "е" and i and low[i - 1] in _VOWELS)]
    front = bool(vowels) and vowels[-1] in _FRONT
    if last in _VOWELS:
        stem = "нің" if front else "ның"
    elif last in _VOICELESS_OR_STOP:
        stem = "тің" if front else "тың"
    elif last in "мнң":
        stem = "нің" if front else "ның"
    elif last in _SONORANT_OR_VOICED:
        stem = "дің" if front else "дың"
    else:
        stem = "-нің" if front else "-ның"
    return name + stem
