"""Entity resolution: merge typed mentions of all articles into canonical entities.

Rules, in order:

* every PERSON/ORGANIZATION/LOCATION/GROUP mention gets a class and a
  canonical nominative label (quotes removed, generic organisation heads
  stripped, courts written "<City> соты", groups in the plural without
  qualifiers, known aliases mapped to one label);
* a lone surname joins the full name that ends with it: the nearest preceding
  one in the same article, else the first following one in the article, else
  the only full name in the whole build with that surname;
* an abbreviation joins the multi-word name whose initials it spells;
* role words right before a person's name become ``roles``.

The result is deterministic: entities are sorted by key, alt labels sorted.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graph.lang.gazetteer import is_org_head, is_platform, public_figure
from graph.lang.lexicon import ALIASES, CASE_ENDINGS, KIN_WORDS, MONITOR_ORGS, ORG_HEADS, ROLE_WORDS, lower
from graph.model import Entity, Mention, Sentence

__all__ = ["LocalEntities", "MergedEntities", "canonical_label", "entity_class", "merge_entities", "resolve_entities",
           "resolve_local"]

log = logging.getLogger(__name__)

_QUOTES = "«»\"“”„'’‘`"
_ENTITY_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "GROUP")
_CLASS_OF = {"PERSON": "Person", "ORGANIZATION": "Organization", "LOCATION": "Place", "GROUP": "Group"}
# Qualifiers that do not change which group is meant.
_GROUP_QUALIFIERS = ("қазақстандық", "жергілікті", "халықаралық", "тәуелсіз", "отандық", "барлық", "кейбір")
# Singular -> plural of the group nouns the monitors track; other groups are
# pluralised with the regular suffix.
_GROUP_PLURALS = {"саяси тұтқын": "саяси тұтқындар", "құқық қорғаушы": "құқық қорғаушылар"}
# Capitalised sentence openers of interviews and dialogue that a tagger may take for a
# one-word name ("– Иә, біз шағым береміз."); never a person on their own.
_NOT_NAMES = frozenset(
    {
        "иә",
        "ия",
        "жоқ",
        "рахмет",
        "әрине",
        "сіз",
        "біз",
        "мен",
        "олар",
        "ол",
        "сәлеметсіз",
        "құрметті",
        "жарайды",
    }
)
_LOC_ATTR = re.compile(r"(?:ндағы|ндегі|дағы|дегі|тағы|тегі)$")
_COURT_CASE = re.compile(r"\bсот(?:ы|тың|ына|ында|ынан|ты|қа|та|тан)?$")


def _strip_loc_attr(word: str) -> str:
    """Өскемендегі -> Өскемен, Алматыдағы -> Алматы, қаласындағы -> қаласы.

    After a vowel or consonant stem the attributive locative is -дағы/-тағы;
    the n-form -ндағы follows only the possessive -ы/-і.
    """
    if re.search(r"[ыі]н(?:дағы|дегі)$", word):
        return word[:-5]
    if _LOC_ATTR.search(word):
        return word[:-4]
    return word


_NO_QUOTES = str.maketrans("", "", _QUOTES)


_ANY_QUOTE = re.compile("[" + re.escape(_QUOTES) + "]")


def _strip_quotes(text: str) -> str:
    if _ANY_QUOTE.search(text):
        text = text.translate(_NO_QUOTES)
    return " ".join(text.split())


def _plural(noun_phrase: str) -> str:
    """Plural of a lower-case group noun phrase (regular harmony of -лар/-дар/-тар)."""
    if noun_phrase in _GROUP_PLURALS:
        return _GROUP_PLURALS[noun_phrase]
    if re.search(r"(?:лар|лер|дар|дер|тар|тер)$", noun_phrase):
        return noun_phrase
    vowels = [ch for ch in noun_phrase if ch in "аоұыәеөүіэиуяю"]
    front = bool(vowels) and vowels[-1] in "әеөүіэи"
    last = noun_phrase[-1]
    if last in "аоұыәеөүіэиуяюйрлw":
        cons = "л"
    elif last in "мнңзжбвгд":
        cons = "д"
    else:
        cons = "т"
    return noun_phrase + cons + ("ер" if front else "ар")


_SURNAME_END = re.compile(
    r"(?:ов|ев|ин|ова|ева|ина|ұлы|улы|қызы|кызы|бек|бай|бекова|баева|ский|ская|енко|чук)$"
)


def _names_a_place(words: Sequence[str]) -> bool:
    """Whether any of the words is a place name, in any case form ("Ресей", "Қазақстанның")."""
    from graph.lang.gazetteer import is_place
    from graph.lang.morph import nominative

    return any(w[:1].isupper() and (is_place(w) or is_place(nominative(w, "LOCATION"))) for w in words)


def _place_alias(label: str) -> str:
    from graph.lang.gazetteer import place_aliases

    return place_aliases().get(label.lower(), label)


def _given_names() -> frozenset[str]:
    try:
        from graph.lang.gazetteer import given_names
    except ImportError:  # the gazetteer is optional for this rule
        return frozenset()
    return given_names()


def _is_article_surname(
    mention: Mention,
    label: str,
    full_by_doc: dict[str, list[tuple[int, str]]],
    kin: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """Whether a one-word place/organisation label is the surname of one person named in full.

    Args:
        mention: The mention (quoted names are never surnames).
        label: Its canonical label.
        full_by_doc: Full person names (position, label) by article.
        kin: Full names the article introduced by a kin noun ("әкесі Нұрлан Әбілқасымов").

    Returns:
        True when exactly one full name of the same article ends with this word, or
        exactly one besides the relatives introduced by a kin noun.
    """
    if len(label.split()) != 1 or len(label) < 3 or any(q in mention.text for q in _QUOTES):
        return False
    if lower(label) in ALIASES:
        return False
    word = lower(label)
    fulls = {
        full
        for _, full in full_by_doc.get(mention.doc_id, ())
        # the surname itself, also a short one ("Сергей Лим" ... "Лим мен Қасымовқа"),
        # or a longer surname plus a case ending ("Досмағамбетті")
        if word == lower(full.split()[-1])
        or (
            len(full.split()[-1]) >= 4
            and word.startswith(lower(full.split()[-1]))
            and word[len(full.split()[-1]) :] in CASE_ENDINGS
        )
    }
    return len(fulls) == 1 or len(fulls - set(kin)) == 1


def _misread_person(mention: Mention) -> str | None:
    """A person name the mention finder glued to a generic noun ("Ерлан Мұқанов сот",
    "Гүлнар Ерманова қала"): given name + surname + lower-case words only."""
    if mention.type not in ("ORGANIZATION", "LOCATION"):
        return None
    words = _strip_quotes(mention.text).split()
    lemma_words = _strip_quotes(mention.lemma or mention.text).split()
    if (len(words) == 2 == len(lemma_words) and all(w[:1].isupper() and w[1:].islower() for w in lemma_words)
            and _SURNAME_END.search(lemma_words[1].lower()) and not is_org_head(lemma_words[1].lower())
            and mention.text[:1] not in "«\"“"):
        # "Мерей Қорбақов" typed as an organisation: a given name and a surname are a person.
        return f"{lemma_words[0]} {lemma_words[1]}"
    if len(words) < 3 or len(lemma_words) != len(words):
        return None
    if not (words[1][:1].isupper() and all(w[:1].islower() for w in words[2:])):
        return None
    # "Бахытжан Төрегожина журналист (Дмитрий Ким ...)": a role noun that titles the next name.
    role_tail = all(w.lower() in ROLE_WORDS for w in words[2:])
    if "атындағы" in (w.lower() for w in words) or not (role_tail or words[0].lower() in _given_names()):
        return None
    if not _SURNAME_END.search(lemma_words[1].lower()):
        return None
    return f"{lemma_words[0]} {lemma_words[1]}"


_STREET_HEADS = {
    "даңғыл": "даңғылы",
    "көше": "көшесі",
    "алаң": "алаңы",
    "саябағ": "саябағы",
    "саябақ": "саябағы",
}


def _street_name(mention: Mention, sentence: Sentence | None) -> str | None:
    """ "Абай даңғылындағы": a person's name used as a street or square name is a Place."""
    if mention.type != "PERSON" or sentence is None:
        return None
    after = sentence.text[mention.end - sentence.start :].split(maxsplit=1)
    if not after or mention.text != (mention.lemma or mention.text):
        return None
    nxt = after[0].lower()
    for stem, head in _STREET_HEADS.items():
        if nxt.startswith(stem):
            return f"{_strip_quotes(mention.text)} {head}"
    return None


def entity_class(mention: Mention) -> str:
    """Ontology class of a mention.

    Args:
        mention: A PERSON/ORGANIZATION/LOCATION/GROUP mention.

    Returns:
        ``Person``, ``Organization``, ``Court``, ``Group`` or ``Place``.
    """
    if mention.type == "ORGANIZATION" and (
        mention.court or _COURT_CASE.search(lower(mention.lemma or mention.text))
    ):
        return "Court"
    return _CLASS_OF[mention.type]


_COURT_NUMBER = re.compile(r"^(?:№\s?\d+|№|\d+)$")


def _court_label(lemma: str) -> str:
    """ "Өскемендегі сот" -> "Өскемен соты"; "Алматы қалалық соты" stays."""
    words = _strip_quotes(lemma).split()
    if not words:
        return lemma
    if len(words) >= 2 and _LOC_ATTR.search(words[-2]):
        words[-2] = _strip_loc_attr(words[-2])
        words[-1] = "соты"
    elif lower(words[-1]).startswith("сот"):
        # "Астанадағы Есіл аудандық соты", "Алматы қаласы Медеу аудандық соты", "Астана қаласы
        # Сарыарқа аудандық №2 соты": a district court is named by its district (and number);
        # the city before it only locates it.
        k = next((k for k in range(len(words) - 2, 1, -1) if lower(words[k]) == "аудандық"), -1)
        if k >= 2 and words[k - 1][:1].isupper() and all(_COURT_NUMBER.match(w) for w in words[k + 1 : -1]):
            words = words[k - 1 :]
        # After a noun the head takes the possessive (Медеу аудандық соты); after
        # an adjective alone it does not (Жоғарғы сот).
        adjective_only = len(words) == 2 and re.search(r"(?:ғы|гі|қы|кі)$", lower(words[0]))
        words[-1] = "сот" if adjective_only else "соты"
    return " ".join(words)


def _org_label(lemma: str) -> str:
    """Strip quotes and a trailing generic head noun after a proper name."""
    raw = lemma.strip()
    quoted = re.search(r"[«\"“„]([^«»\"“”„]+)[»\"”“]", raw)
    text = _strip_quotes(raw)
    low = text.lower()
    for head in ORG_HEADS:
        if low.endswith(" " + head) and len(text) > len(head) + 1:
            rest = text[: -len(head) - 1].strip()
            # Only a lower-case head is generic: "Біріккен Ұлттар Ұйымы" keeps its head.
            if text[-len(head) :] == head and rest:
                return rest
    if quoted and low.startswith(lower(quoted.group(1))):
        return _strip_quotes(quoted.group(1))
    latin = re.match(r"([A-Za-z][A-Za-z0-9 .&'’-]*?)\s+[а-яәғқңөұүһі][^A-Za-z]*$", text)
    if latin and " " in latin.group(1) and is_org_head(lower(text.split()[-1])):
        # "Open Dialog Foundation халықаралық құқық қорғау ұйымы": a Latin-script name and
        # the Kazakh words that say what it is; the name is the Latin part.
        return latin.group(1).strip()
    if low.endswith(" ұйымы") and text.endswith(" ұйымы"):
        # "Amnesty International ұйымы", "Халықаралық амнистия ұйымы": the organisation
        # called X; but "Шанхай ынтымақтастық ұйымы" is itself the name.
        rest = text[: -len(" ұйымы")].strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z .&'’-]*", rest) or lower(rest) in _MONITORS_LOWER or lower(rest) in ALIASES:
            return rest
    return text


_MONITORS_LOWER = frozenset(lower(m) for m in MONITOR_ORGS)


def _group_label(lemma: str) -> str:
    words = [w for w in lower(lemma).split() if w not in _GROUP_QUALIFIERS]
    phrase = " ".join(words) or lower(lemma)
    return _plural(phrase)


# Sentence-initial adverbs and pronouns a mention finder may glue to a name
# ("Былтыр Шайхин", "Ол Атырау облысы"); never part of a name.
_LEADING_NOISE = frozenset(
    [
        "ол",
        "ал",
        "бірақ",
        "былтыр",
        "биыл",
        "кеше",
        "бүгін",
        "ертең",
        "сондай-ақ",
        "алайда",
        "қазір",
        "кейін",
        "бұрын",
        "сонда",
        "осы",
        "сол",
        "және",
        "әрі",
        "дегенмен",
        "тағы",
        "мұнда",
        "онда",
        "енді",
        "кейде",
        "сосын",
        "содан",
        "бұдан",
    ]
)


def _strip_leading_noise(label: str) -> str:
    words = label.split()
    while len(words) > 1 and words[0].lower() in _LEADING_NOISE:
        words = words[1:]
    return " ".join(words)


# Head nouns of settlements: "Ақтау қаласы" is Ақтау, "Шолақай ауылы" is Шолақай. Regions
# and districts keep theirs ("Алматы облысы" is not the city).
_SETTLEMENT_HEADS = ("қаласы", "ауылы", "кенті", "селосы", "поселкесі")


def canonical_label(mention: Mention) -> str:
    """Canonical nominative label of one mention (before cross-mention merging).

    Args:
        mention: A PERSON/ORGANIZATION/LOCATION/GROUP mention.

    Returns:
        The label: quotes removed, heads stripped, aliases applied.
    """
    cls = entity_class(mention)
    lemma = mention.lemma or mention.text
    if cls == "Court":
        label = _court_label(lemma)
    elif cls == "Organization":
        label = _org_label(lemma)
    elif cls == "Group":
        label = _group_label(lemma)
    else:
        label = _strip_quotes(lemma)
        surface = _strip_quotes(mention.text).split()
        words = label.split()
        if cls == "Place" and len(words) >= 2 and len(surface) == len(words):
            # Only the last word of a place name inflects; keep the others as
            # written, so an alias of the first word cannot rename the whole
            # name ("Астана алаңы" is a square in Almaty, not in Нұр-Сұлтан).
            label = " ".join([*surface[:-1], words[-1]])
    label = _strip_leading_noise(label)
    if cls == "Person":
        # "Прокурор Омаров": a title glued to the name by the mention finder.
        words = label.split()
        while len(words) > 1 and words[0].lower() in ROLE_WORDS:
            words = words[1:]
        label = " ".join(words)
    elif cls == "Place":
        for head in _SETTLEMENT_HEADS:
            if label.endswith(" " + head) and len(label.split()) >= 2:
                label = label[: -len(head) - 1]  # a town or village is named without its head noun
                break
        # Renamed places and Russian spellings: "Нур-Султан", "Усть-Каменогорск".
        label = _place_alias(label)
    elif cls in ("Organization", "Court"):
        label = re.sub(r"(?<=\w)\s*\.\s*(?=\w)", ".", label)  # "Ар . рух . хак" -> "Ар.рух.хак"
    return ALIASES.get(label.lower(), label)


def _initials(label: str) -> str:
    words = label.split()
    return "".join(w[0] for w in words if w[:1].isalpha()).upper() if len(words) >= 2 else ""


def _roles_before(mention: Mention, sentence: Sentence | None) -> list[str]:
    """Role words in the few words before a person mention (title + name)."""
    if sentence is None:
        return []
    left = sentence.text[: max(0, mention.start - sentence.start)]
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", left)[-3:]
    low = [w.lower() for w in words]
    roles: list[str] = []
    # Two-word roles first (құқық қорғаушы, бас редакторы), then one word.
    if len(low) >= 2 and f"{low[-2]} {low[-1]}" in ROLE_WORDS:
        role = ROLE_WORDS[f"{low[-2]} {low[-1]}"]
        prev = low[-3] if len(low) >= 3 else ""
        roles.append(("бұрынғы " + role) if prev == "бұрынғы" else role)
    elif low and low[-1] in ROLE_WORDS:
        role = ROLE_WORDS[low[-1]]
        prev = low[-2] if len(low) >= 2 else ""
        roles.append(("бұрынғы " + role) if prev == "бұрынғы" else role)
    return roles


_ORG_HEAD_WORD = (
    r"(?:альянсы|ұйымы|партиясы|қозғалысы|қоры|бірлестігі|компаниясы|газеті|сайты|агенттігі|"
    r"бюросы|орталығы|одағы|кеңесі|телеарнасы|порталы|бастамасы|коалициясы|комитеті)"
)
_ORG_QUOTED_HEAD = re.compile(
    # (not "«Бюро» өз сайтында": "its own website" is no part of the name)
    r"[«\"“]([^«»\"“”\n]{2,80})[»\"”]\s+((?:(?!өз\s)[а-яәғқңөұүһі]+\s+){0,2}" + _ORG_HEAD_WORD
    + r"[а-яәғқңөұүһі]*)"
)
_ORG_QUOTED_FULL = re.compile(r"[«\"“]([^«»\"“”\n]{2,80}\s" + _ORG_HEAD_WORD + r")[»\"”]")
# Latin capitals too: foreign names keep their spelling (Human Rights Watch ұйымы).
_CAP = r"[А-ЯӘҒҚҢӨҰҮҺІЁA-Z][^\W\d_]*(?:-[^\W\d_]+)*"
# Lower-case words that occur inside organisation names (adjectives, "жөніндегі", plural possessives).
# Plus a few common nouns of organisation names (Халықаралық амнистия, Біріккен ұлттар,
# қауіпсіздік және ...) that carry no adjective suffix.
_CONN = (
    r"(?:[а-яәғқңөұүһі]+(?:лық|лік|дық|дік|тық|тік|тары|тері|дары|дері|лары|лері)|жөніндегі|"
    r"амнистия|ұлттар|құқық|қорғау|бостандық|ынтымақтастық|қауіпсіздік|"
    # plural possessive genitives: "құқық қорғаушыларының коалициясы"
    r"[а-яәғқңөұүһі]+(?:ларының|лерінің|дарының|дерінің|тарының|терінің))"
)
_ORG_UNQUOTED = re.compile(
    rf"(?<![^\W\d_])({_CAP}(?:\s+(?:{_CAP}|{_CONN})){{0,5}}\s+{_ORG_HEAD_WORD})(?![^\W\d_])"
)
# Two names sharing one plural head: "Халықаралық амнистия мен Human Rights Watch ұйымдары".
_ORG_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|{_CONN})){{0,4}}"
_ORG_PAIR = re.compile(
    rf"(?<![^\W\d_])({_ORG_NAME})\s+(?:мен|пен|бен|және)\s+({_ORG_NAME})\s+"
    r"(?:ұйымдары|қорлары|партиялары|қозғалыстары|бірлестіктері|ұйымдарының|ұйымдарына)(?![^\W\d_])"
)
_MONITOR_RES = tuple(
    (name, re.compile(r"(?<![^\W\d_])" + re.escape(name) + r"(?:-?[а-яәғқңөұүһі]{1,6})?(?![^\W\d_])"))
    for name in MONITOR_ORGS
)
# Cheap necessary conditions of the patterns above (a sentence without them skips the scans).
_HAS_OPEN_QUOTE = re.compile(r"[«\"“]")
_HAS_HEAD = re.compile(_ORG_HEAD_WORD)
_HAS_PLURAL_HEAD = re.compile(r"(?:ұйымдары|қорлары|партиялары|қозғалыстары|бірлестіктері|ұйымдарының|ұйымдарына)")
_TOPIC_PREFIX = re.compile(r"((?:[А-ЯӘҒҚҢӨҰҮҺІ][^\W\d_]*)(?:\s+[^\W\d_]+){0,3}\s+жөніндегі)\s+$")



def _recover_mentions(ments: list[Mention], sentences: Sequence[Sentence]) -> list[Mention]:
    """Mentions the finder missed that the article itself vouches for.

    * a quoted name followed by an organisation head («Тірек» құқық қорғау альянсы),
      or a quoted name ending in one («Көше партиясы»);
    * a capitalised surname (plus case ending) of a full name found elsewhere in the
      article ("Бөкенұлы бұған дейін ...").
    """
    by_sent: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in ments:
        by_sent[(m.doc_id, m.sentence_index)].append(m)
    surnames: dict[str, set[str]] = defaultdict(set)
    for m in ments:
        if m.type == "PERSON":
            words = _strip_quotes(m.lemma or m.text).split()
            if len(words) >= 2 and len(words[-1]) >= 3:  # "Дмитрий Ким ... Ким 5 жылға"
                surnames[m.doc_id].add(words[-1])
    longest_first = {d: sorted(names, key=len, reverse=True) for d, names in surnames.items()}
    out: list[Mention] = []
    for s in sentences:
        taken = [(m.start, m.end) for m in by_sent.get((s.doc_id, s.index), [])]
        for name, rx in _MONITOR_RES:
            if name not in s.text:
                continue  # the pattern starts with the name itself
            # "Халықаралық амнистия шұғыл үндеу жариялады": a monitor named without a head noun.
            for mt in rx.finditer(s.text):
                a, b = s.start + mt.start(), s.start + mt.end()
                if any(t[0] < b and t[1] > a for t in taken):
                    continue
                out.append(Mention(s.doc_id, s.index, a, b, mt.group(), "ORGANIZATION", name, "entities"))
                taken.append((a, b))
        quoted = _HAS_OPEN_QUOTE.search(s.text) is not None
        heads = _HAS_HEAD.search(s.text) is not None
        for rx, whole in ((_ORG_QUOTED_HEAD, True), (_ORG_QUOTED_FULL, False)):
            if not (quoted and heads):
                break  # both patterns need an opening quote and a head word
            for mt in rx.finditer(s.text):
                a, b = s.start + mt.start(), s.start + mt.end()
                inner = [t for t in taken if t[0] < b and t[1] > a]
                if any(t[0] < a or t[1] > b for t in inner):
                    continue  # overlaps a mention that reaches outside: leave it
                name = mt.group(1).strip()
                out.append(
                    Mention(
                        s.doc_id,
                        s.index,
                        a,
                        b,
                        s.text[mt.start() : mt.end()],
                        "ORGANIZATION",
                        name,
                        "entities",
                    )
                )
                taken.append((a, b))
        # Unquoted names ending in an organisation head ("Адам құқықтары жөніндегі
        # Қазақстан халықаралық бюросы") when no organisation mention covers them.
        for mt in _ORG_PAIR.finditer(s.text) if _HAS_PLURAL_HEAD.search(s.text) else ():
            for g in (1, 2):
                a, b = s.start + mt.start(g), s.start + mt.end(g)
                if any(t[0] < b and t[1] > a for t in taken):
                    continue
                text = s.text[mt.start(g) : mt.end(g)]
                out.append(Mention(s.doc_id, s.index, a, b, text, "ORGANIZATION", text, "entities"))
                taken.append((a, b))
        for mt in _ORG_UNQUOTED.finditer(s.text) if heads else ():
            a, b = s.start + mt.start(1), s.start + mt.end(1)
            words = mt.group(1).split()
            while len(words) > 2 and words[0].lower() in _LEADING_NOISE | {"бұған", "бұл", "дейін"}:
                a += s.text[a - s.start :].index(words[1])
                words = words[1:]
            inner = [t for t in taken if t[0] < b and t[1] > a]
            if any(t[0] < a or t[1] > b for t in inner) or any(
                m.type == "ORGANIZATION" and m.start <= a and b <= m.end
                for m in by_sent.get((s.doc_id, s.index), [])
            ):
                continue
            text = s.text[a - s.start : b - s.start]
            out.append(Mention(s.doc_id, s.index, a, b, text, "ORGANIZATION", text, "entities"))
            taken.append((a, b))
        # "Адам құқықтары жөніндегі | Қазақстан халықаралық бюросы": a name's topic
        # phrase the finder left out.
        for m in by_sent.get((s.doc_id, s.index), []):
            if m.type != "ORGANIZATION" or m.court:
                continue
            left = s.text[: m.start - s.start]
            mt = _TOPIC_PREFIX.search(left)
            if mt:
                a = s.start + mt.start()
                text = s.text[mt.start() : m.end - s.start]
                lemma = mt.group(1) + " " + _strip_quotes(m.lemma or m.text)
                out.append(Mention(s.doc_id, s.index, a, m.end, text, "ORGANIZATION", lemma, "entities"))
                taken.append((a, m.end))
        for mt in re.finditer(r"[^\W\d_]+", s.text):
            word = mt.group()
            a, b = s.start + mt.start(), s.start + mt.end()
            if not word[:1].isupper() or any(t[0] < b and t[1] > a for t in taken):
                continue
            for sur in longest_first.get(s.doc_id, ()):
                rest = word[len(sur) :]
                if word.startswith(sur) and (rest == "" or rest in CASE_ENDINGS):
                    if rest and any(o == word for o in surnames[s.doc_id]):
                        break  # "Мұқанова" is its own surname, not Мұқанов + dative
                    out.append(Mention(s.doc_id, s.index, a, b, word, "PERSON", sur, "entities"))
                    break
    return out



def _leading_name(m: Mention, head_text: str, lemma: str) -> Mention:
    """The PERSON mention of the name that starts ``m`` (a noun was glued onto it)."""
    return Mention(m.doc_id, m.sentence_index, m.start, m.start + len(head_text), head_text, "PERSON",
                   lemma, "entities")

def _article_surname_head(m: Mention, words: Sequence[str], fulls: Iterable[tuple[str, str]]) -> str | None:
    """The surname that opens an organisation or place span of lower-case words, else None.

    "Біләш процестік келісім", "Күнболатұлы әкімшілік": the first word is the surname (maybe
    inflected) of a person the article names in full, and no word after it is capitalised,
    so nothing there is a name of its own.
    """
    if (m.type not in ("ORGANIZATION", "LOCATION") or m.court or len(words) < 2
            or any(q in m.text for q in _QUOTES) or not all(w[:1].islower() for w in words[1:])
            or not m.text.startswith(words[0])):
        return None
    first = words[0]
    for _given, sur in sorted(fulls):
        rest = first[len(sur):]
        if first.startswith(sur) and (rest == "" or rest in CASE_ENDINGS):
            return sur
    return None


def _split_glued(ments: list[Mention]) -> list[Mention]:
    """Split a span the finder glued onto the next person's surname.

    "Бекзат Оразов Ермековке бостандық ..." (a person then another person's
    surname) and "Халықаралық амнистия Әлмағамбетовті ..." (an organisation then a
    surname): when the last word is the surname (plus a case ending) of another
    two-word name of the same article, the span becomes two mentions.

    Args:
        ments: Entity mentions of all articles.

    Returns:
        The mentions with every glued span replaced by its two parts.
    """
    fulls: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for m in ments:
        words = _strip_quotes(m.lemma or m.text).split()
        if m.type == "PERSON" and len(words) == 2 and len(words[1]) >= 4:
            fulls[m.doc_id].add((words[0], words[1]))
    out: list[Mention] = []
    for m in ments:
        words = m.text.split()
        lemmas = (m.lemma or m.text).split()
        misread = _misread_person(m)
        if misread is not None and len(words) >= 3 and m.text.startswith(" ".join(words[:2])):
            # "Мақсат Досмағанбетов колонияда" typed as a place: the name alone, so that
            # its case is read from the name and not from the glued noun.
            out.append(_leading_name(m, " ".join(words[:2]), misread))
            continue
        if (
            m.type == "PERSON"
            and len(words) >= 3
            and len(words) == len(lemmas)
            and all(w[:1].isupper() for w in words[:2])
            and all(w[:1].islower() and w.isalpha() for w in words[2:])
            and not any(w in ("ұлы", "қызы", "улы", "кызы") for w in words[2:])
        ):
            # "Мақсат Досмағанбетов колонияда": a lower-case noun glued onto a name.
            head_text = " ".join(words[:2])
            if m.text.startswith(head_text):
                out.append(_leading_name(m, head_text, " ".join(lemmas[:2])))
                continue
        sur = _article_surname_head(m, words, fulls.get(m.doc_id, ()))
        if sur is not None:
            # "Біләш процестік келісім жасасып": the tagger ran a lone surname into the next words.
            out.append(_leading_name(m, words[0], sur))
            continue
        conj = [i for i, w in enumerate(words) if w in ("мен", "пен", "бен", "және")]
        if (
            m.type == "PERSON"
            and len(conj) == 1
            and len(words) == len(lemmas)
            and 0 < conj[0] < len(words) - 1
            and words[conj[0] + 1][:1].isupper()
        ):
            # "Қабылов пен Қайратов": two people read as one name.
            i = conj[0]
            left = " ".join(words[:i])
            right_at = m.text.index(words[i + 1], len(left))
            out.append(
                Mention(
                    m.doc_id,
                    m.sentence_index,
                    m.start,
                    m.start + len(left),
                    left,
                    "PERSON",
                    " ".join(lemmas[:i]),
                    "entities",
                )
            )
            out.append(
                Mention(
                    m.doc_id,
                    m.sentence_index,
                    m.start + right_at,
                    m.end,
                    m.text[right_at:],
                    "PERSON",
                    " ".join(lemmas[i + 1 :]),
                    "entities",
                )
            )
            continue
        part = None
        if (
            not m.court
            and len(words) == len(lemmas)
            and not any(q in m.text for q in _QUOTES)
            and (
                (m.type == "PERSON" and len(words) == 3 and _SURNAME_END.search(lemmas[1].lower()))
                or (m.type in ("ORGANIZATION", "LOCATION") and len(words) >= 2)
            )
        ):
            last = words[-1]
            for given, sur in sorted(fulls.get(m.doc_id, ())):
                rest = last[len(sur) :]
                if last.startswith(sur) and (rest == "" or rest in CASE_ENDINGS) and given != words[0]:
                    part = sur
                    break
        if part is None:
            out.append(m)
            continue
        cut = m.text.rindex(words[-1])
        head_text = m.text[:cut].rstrip()
        out.append(
            Mention(
                m.doc_id,
                m.sentence_index,
                m.start,
                m.start + len(head_text),
                head_text,
                m.type,
                " ".join(lemmas[:-1]),
                "entities",
                m.court,
            )
        )
        out.append(
            Mention(m.doc_id, m.sentence_index, m.start + cut, m.end, words[-1], "PERSON", part, "entities")
        )
    return out


@dataclass(slots=True)
class LocalEntities:
    """Entity resolution of one article, before cross-article merging.

    Everything :func:`merge_entities` needs from the article, keyed by *local*
    entity keys: the keys a lone surname or an abbreviation gets when the
    article alone is read. Picklable, so a worker process can compute it and a
    build can cache it.

    Attributes:
        doc_id: the article.
        links: every entity mention of the article → its local key, in mention order.
        fulls: (lower-case surname, full label) of every full person name.
        long_names: (initials, class) → the longest-sorting multi-word label with them.
        forms: local key → surface forms and lemmas (quotes stripped) of its mentions.
        roles: local Person key → role words before its mentions.
        court_places: (court key, mention, place label, surface form) of courts
            named by their town ("Өскемендегі сот").
    """

    doc_id: str
    links: dict[Mention, tuple[str, str]] = field(default_factory=dict)
    fulls: set[tuple[str, str]] = field(default_factory=set)
    long_names: dict[tuple[str, str], str] = field(default_factory=dict)
    forms: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    roles: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    court_places: list[tuple[tuple[str, str], Mention, str, str]] = field(default_factory=list)


def resolve_entities(
    mentions: Sequence[Mention], sentences: Sequence[Sentence]
) -> tuple[list[Entity], dict[Mention, tuple[str, str]]]:
    """Merge mentions of all articles of a build into entities.

    Each article is resolved alone (:func:`resolve_local`), then the articles are
    merged (:func:`merge_entities`): a build that caches or parallelises the
    first step gets exactly this result.

    Args:
        mentions: Mentions of every article (any order).
        sentences: The sentences those mentions come from (for role words).

    Returns:
        The entities sorted by key, and a map from every PERSON/ORGANIZATION/
        LOCATION/GROUP mention to its entity key ``(cls, label)``.
    """
    ments_by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        ments_by_doc[m.doc_id].append(m)
    sents_by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        sents_by_doc[s.doc_id].append(s)
    locals_ = [resolve_local(ments_by_doc.get(d, []), sents_by_doc.get(d, []), d)
               for d in sorted(set(ments_by_doc) | set(sents_by_doc))]
    merged = merge_entities(locals_, with_mentions=True)
    key_of = {m: merged.final(key) for loc in locals_ for m, key in loc.links.items()}
    log.debug("resolved %d mentions into %d entities", len(key_of), len(merged.entities))
    return merged.entities, key_of


def resolve_local(mentions: Sequence[Mention], sentences: Sequence[Sentence], doc_id: str = "") -> LocalEntities:
    """Resolve the entity mentions of one article on their own (see :class:`LocalEntities`).

    Args:
        mentions: the article's mentions (any order).
        sentences: the article's sentences.
        doc_id: the article (default: that of the first mention or sentence).

    Returns:
        The article's :class:`LocalEntities`.
    """
    if not doc_id:
        doc_id = mentions[0].doc_id if mentions else (sentences[0].doc_id if sentences else "")
    sent_of = {(s.doc_id, s.index): s for s in sentences}
    ments = [
        m
        for m in mentions
        if m.type in _ENTITY_TYPES
        and not (m.type == "PERSON" and lower(_strip_quotes(m.text)) in _NOT_NAMES)
        # "Facebook желісінде": a social network is where a post went up, not an actor
        and not is_platform(_strip_quotes(m.lemma or m.text))
    ]
    ments = _keep_groups(ments, sent_of)
    ments = _split_glued(_drop_court_places(ments))
    recovered = _recover_mentions(ments, sentences)
    # A finder's partial span inside a recovered quoted name joins that name.
    inside: dict[Mention, Mention] = {}
    orgs_by_sent: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in ments:
        if m.type == "ORGANIZATION":
            orgs_by_sent[(m.doc_id, m.sentence_index)].append(m)
    for r in recovered:
        for m in orgs_by_sent.get((r.doc_id, r.sentence_index), ()):
            if r.start <= m.start and m.end <= r.end:
                inside[m] = r
    ments = sorted(ments + recovered, key=_mention_order)
    first: dict[Mention, tuple[str, str]] = {}
    for m in ments:
        person = _misread_person(m)
        street = _street_name(m, sent_of.get((m.doc_id, m.sentence_index)))
        if street:
            first[m] = ("Place", street)
        else:
            first[m] = ("Person", person) if person else (entity_class(m), canonical_label(m))
            if first[m][0] == "Person" and lower(first[m][1]) in _MONITORS_LOWER:
                first[m] = ("Organization", first[m][1])  # a tagger's "person" Amnesty International
    out = LocalEntities(doc_id)

    # Persons: a one-word label is a surname (or a lone given name) to attach.
    full_by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in ments:
        cls, label = first[m]
        if cls == "Person" and len(label.split()) >= 2:
            full_by_doc[m.doc_id].append((m.start, label))
            out.fulls.add((lower(label.split()[-1]), label))
    kin_intro: set[str] = set()
    for m in ments:
        cls, label = first[m]
        if cls == "Person" and len(label.split()) >= 2:
            sent = sent_of.get((m.doc_id, m.sentence_index))
            left = sent.text[: max(0, m.start - sent.start)].split()[-1:] if sent else []
            if left and lower(left[0]) in KIN_WORDS:
                kin_intro.add(label)
    fulls_here = full_by_doc[doc_id]
    key_of: dict[Mention, tuple[str, str]] = {}
    for m in ments:
        cls, label = first[m]
        if (
            cls in ("Organization", "Place")
            and not m.court
            and _is_article_surname(m, label, full_by_doc, kin_intro)
        ):
            # A tagger that typed a lone surname as a place or organisation ("Әбжанға
            # бостандық", "Әбжанның босатылуын") after the article named the full name.
            cls = "Person"
        if cls == "Person" and len(label.split()) == 1:
            sur = lower(label)
            cands = [(pos, full) for pos, full in fulls_here if lower(full.split()[-1]) == sur]
            if not cands:
                # Lemmatiser slips: match the surface start against the surname.
                surf = lower(m.text)
                cands = [
                    (pos, full)
                    for pos, full in fulls_here
                    if len(full.split()[-1]) >= 4 and surf.startswith(lower(full.split()[-1]))
                ]
            if not cands:
                # A given name alone ("Тимур") when one full name in the article starts with it.
                given = {full for _, full in fulls_here if lower(full.split()[0]) == sur}
                if len(given) == 1:
                    cands = [(pos, full) for pos, full in fulls_here if full in given]
            before = [c for c in cands if c[0] < m.start]
            if len({full for _, full in before}) > 1:
                # Two people share the surname ("Әлия Жақсыбекова ... оның қызы Мадина
                # Жақсыбекова"): a lone surname keeps naming the article's subject, not
                # a relative introduced by a kin noun.
                main = [c for c in before if c[1] not in kin_intro]
                before = main or before
            if before:
                label = max(before)[1]
            elif cands:
                label = min(cands)[1]
            # else: still one word; merge_entities tries the full names of other articles.
        key_of[m] = (cls, label)

    # Abbreviations (БҰҰ → "Біріккен Ұлттар Ұйымы") are resolved across articles.
    for cls, lbl in set(key_of.values()):
        if cls in ("Organization", "Group"):
            ini = _initials(lbl)
            if ini and lbl > out.long_names.get((ini, cls), ""):
                out.long_names[(ini, cls)] = lbl

    for m, r in inside.items():
        key_of[m] = key_of[r]
    short = _short_court_names(set(key_of.values()))
    for m, key in key_of.items():
        key_of[m] = short.get(key, key)
    for key in _sites(key_of, sent_of):
        for m in [m for m, k in key_of.items() if k == key]:
            key_of[m] = ("Place", key[1])

    for m in ments:
        key = key_of[m]
        out.links[m] = key
        forms = out.forms.setdefault(key, set())
        for form in (_strip_quotes(m.text), _strip_quotes(m.lemma or "")):
            if form:
                forms.add(form)
        if key[0] == "Person":
            out.roles.setdefault(key, set()).update(_roles_before(m, sent_of.get((m.doc_id, m.sentence_index))))
        elif key[0] == "Court":
            # "Өскемендегі сот" also names the town: merge_entities adds the Place
            # when no mention gave it.
            words = _strip_quotes(m.text).split()
            words[-1:] = ["сот"] if words and lower(words[-1]).startswith("сот") else words[-1:]
            if len(words) >= 2 and _LOC_ATTR.search(words[-2]) and words[-2][:1].isupper():
                stem = _strip_loc_attr(words[-2])
                place = ALIASES.get(stem.lower(), stem)
                out.court_places.append((key, m, place, words[-2]))
    return out


# "X-тің ғимараты алдында": the building of X, where people gathered.
_BUILDING_AFTER = re.compile(r"\s*ғимарат[а-яәғқңөұүһі]*\s+(?:алдын|маңын)[а-яәғқңөұүһі]*(?![^\W\d_])")
# "X консулдығының алдында": a diplomatic mission is its premises too.
_FRONT_AFTER = re.compile(r"\s*(?:алдын|маңын)[а-яәғқңөұүһі]*(?![^\W\d_])")
_MISSIONS = ("консулдығы", "елшілігі")


def _sites(key_of: dict[Mention, tuple[str, str]], sent_of: dict[tuple[str, int], Sentence]) -> set[tuple[str, str]]:
    """Organisation keys the article names only as the building where people gathered.

    "Президент әкімшілігінің ғимараты алдына жиналды", "Қытай консулдығының алдында пикет
    өтті": named only as the building people stood in front of, the office is a place in
    that article. A body named as the site without its building ("әкімдігінің алдында") is
    still the body people turn to, and a court stays a court.
    """
    site: dict[tuple[str, str], bool] = {}
    for m, key in key_of.items():
        if key[0] != "Organization":
            continue
        sent = sent_of.get((m.doc_id, m.sentence_index))
        after = sent.text[m.end - sent.start :] if sent else ""
        here = bool(_BUILDING_AFTER.match(after)) or (
            lower(key[1]).endswith(_MISSIONS) and bool(_FRONT_AFTER.match(after))
        )
        site[key] = site.get(key, True) and here
    return {key for key, only_site in site.items() if only_site}


def _short_court_names(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Court keys named by their district alone → the article's one full court name there.

    "Наурызбай сотына" after "Наурызбай аудандық соты": the article shortens the name of a
    court it has named in full. With two courts of that district the short name stays.
    """
    courts = sorted(label for cls, label in keys if cls == "Court")
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for label in courts:
        words = label.split()
        if len(words) != 2 or words[-1] != "соты":
            continue  # only "<place> соты"; "Медеу аудандық соты" is no short "Медеу аудандық №2 соты"
        stem = words[0] + " "
        longer = [c for c in courts if c.startswith(stem) and c.endswith(" соты") and c != label]
        if len(longer) == 1:
            out[("Court", label)] = ("Court", longer[0])
    for label in courts:
        if label[:1].isupper():
            continue
        # "мамандандырылған әкімшілік сот" after "Алматы қаласының мамандандырылған
        # ауданаралық әкімшілік соты": the one court of the article with all those words.
        words = set(lower(label).split()[:-1])
        fuller = [c for c in courts if c != label and c[:1].isupper() and words <= set(lower(c).split())]
        if len(fuller) == 1:
            out[("Court", label)] = ("Court", fuller[0])
    return out


def _generic_groups() -> frozenset[str]:
    from graph.lang.wordform import vocabulary

    return vocabulary().generic_groups


# "X пен Y сияқты белсенділер": words that make a crowd noun the kind of the people named before.
_LIKE = frozenset({"сияқты", "секілді", "тәрізді", "іспетті"})


def _names_a_group(m: Mention, persons_before: Sequence[Mention], sentence: Sentence | None) -> bool:
    """Whether a GROUP mention names a group the graph keeps as an entity.

    An unnamed crowd ("белсенділер", "журналистер", "наразылар") stands for nobody in
    particular, and its singular ("азаматтық белсенді") is one person's role: neither is a
    group entity. The collectives the monitors speak for ("құқық қорғаушылар", "саяси
    тұтқындар", also as a status: "саяси тұтқын деп таныды"), definite groups ("ұсталған
    белсенділер") and a crowd noun that sums up the people just named ("Арман Шораев пен
    Мұхтар Тайжан сияқты белсенділерді") are.
    """
    if lower(_strip_quotes(m.lemma or m.text)) not in _generic_groups():
        return True
    if sentence is None or not persons_before:
        return False
    gap = sentence.text[persons_before[-1].end - sentence.start : m.start - sentence.start].split()
    return len(gap) == 1 and lower(gap[0]) in _LIKE


def _keep_groups(ments: Sequence[Mention], sent_of: dict[tuple[str, int], Sentence]) -> list[Mention]:
    """The mentions less the GROUP mentions that name no group entity (see :func:`_names_a_group`)."""
    out: list[Mention] = []
    for m in ments:
        if m.type == "GROUP":
            key = (m.doc_id, m.sentence_index)
            before = [p for p in ments if p.type == "PERSON" and (p.doc_id, p.sentence_index) == key and p.end <= m.start]
            if not _names_a_group(m, sorted(before, key=lambda p: p.end), sent_of.get(key)):
                continue
        out.append(m)
    return out


def _drop_court_places(ments: Sequence[Mention]) -> list[Mention]:
    """The mentions less the place words nested inside a court's name.

    "Медеу аудандық соты", "Маңғыстау облыстық соты", "Петропавл қалалық соты": the
    district or town there only names the court; the article mentions that place only if
    it names it elsewhere. A town in the attributive locative ("Өскемендегі сот",
    "Алматыдағы Наурызбай аудандық соты") does locate the court, and stays.
    """
    courts: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in ments:
        if m.type == "ORGANIZATION" and m.court:
            courts[(m.doc_id, m.sentence_index)].append(m)
    return [
        m
        for m in ments
        if not (
            m.type == "LOCATION"
            and not _LOC_ATTR.search(m.text)
            and any(c.start <= m.start and m.end <= c.end and (c.start, c.end) != (m.start, m.end)
                    for c in courts.get((m.doc_id, m.sentence_index), ()))
        )
    ]


def _mention_order(m: Mention) -> tuple[str, int, int, str, str]:
    return (m.doc_id, m.start, m.end, m.type, m.text)


_GENITIVE_WORD = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")


def _short_forms(orgs: Sequence[str], taken: dict[str, str]) -> dict[str, str]:
    """Organisation names that drop the genitive owner of a longer name of the build.

    "Демократиялық таңдау" is "Қазақстанның демократиялық таңдауы" without the country:
    the genitive goes, and with it the possessive it put on the head. Only a unique
    longer name is taken.
    """
    by_short: dict[str, set[str]] = defaultdict(set)
    for label in orgs:
        words = label.split()
        if len(words) >= 3 and _GENITIVE_WORD.search(lower(words[0])):
            rest = lower(" ".join(words[1:]))
            for poss in ("сы", "сі", "ы", "і"):
                if rest.endswith(poss):
                    by_short[rest[: -len(poss)]].add(label)
    out: dict[str, str] = {}
    for label in orgs:
        longs = by_short.get(lower(label), set()) - {label}
        if label not in taken and len(label.split()) >= 2 and len(longs) == 1:
            out[label] = next(iter(longs))
    return out


@dataclass(slots=True)
class MergedEntities:
    """The entities of a build and the map from local to final keys.

    Attributes:
        entities: the entities sorted by key.
        changed: local key → final key, only for keys that merging changed (a lone
            surname whose full name another article gives, an abbreviation of a name
            spelled out elsewhere).
    """

    entities: list[Entity]
    changed: dict[tuple[str, str], tuple[str, str]]

    def final(self, key: tuple[str, str]) -> tuple[str, str]:
        """The final key of a local key."""
        return self.changed.get(key, key)


_PATRONYMIC_ENDINGS = ("ұлы", "улы", "қызы", "кызы", "ович", "евич", "овна", "евна", "ична")
_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _fold(label: str) -> str:
    """A name with the Kazakh letters written as their Russian look-alikes, lower-cased."""
    return lower(label).translate(_FOLD)


def _kazakh_spelling(labels: Iterable[str]) -> str:
    """Of spellings of one name, the one with the most Kazakh letters (then the first sorted)."""
    return min(labels, key=lambda s: (-sum(ch in _KAZAKH_LETTERS for ch in s), s))


def merge_entities(locals_: Iterable[LocalEntities], *, with_mentions: bool = False) -> MergedEntities:
    """Merge the per-article resolutions of a build into entities.

    A lone surname takes the only full name with that surname in the whole build;
    an abbreviation takes the multi-word name whose initials it spells.

    Args:
        locals_: one :class:`LocalEntities` per article.
        with_mentions: fill ``Entity.mentions`` (needs the articles' links; a build
            that only writes RDF leaves it empty).

    Returns:
        The :class:`MergedEntities`.
    """
    locals_ = list(locals_)
    # "Мұхтар Қабылұлы Жәкішев" is "Мұхтар Жәкішев" named with his patronymic.
    person_labels = {label for loc in locals_ for cls, label in loc.forms if cls == "Person"}
    with_patronymic = {
        label: f"{words[0]} {words[2]}"
        for label in person_labels
        if len(words := label.split()) == 3
        and lower(words[1]).endswith(_PATRONYMIC_ENDINGS)
        and f"{words[0]} {words[2]}" in person_labels
    }
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    long_names: dict[tuple[str, str], str] = {}
    for loc in locals_:
        for sur, label in loc.fulls:
            full_by_surname[sur].add(with_patronymic.get(label, label))
        for k, lbl in loc.long_names.items():
            if lbl > long_names.get(k, ""):
                long_names[k] = lbl
    # A name spelled with Russian letters for the Kazakh ones ("Мухтар Жакишев") is the
    # Kazakh-spelled one ("Мұхтар Жәкішев"): surnames and full names match folded.
    folded_fulls: dict[str, set[str]] = defaultdict(set)
    for sur, labels in full_by_surname.items():
        folded_fulls[_fold(sur)].update(labels)
    changed: dict[tuple[str, str], tuple[str, str]] = {}
    for loc in locals_:
        for key in loc.forms:
            cls, label = key
            final = key
            if cls == "Person" and label in with_patronymic:
                final = (cls, with_patronymic[label])
            elif cls == "Person" and len(label.split()) == 1:
                fulls = full_by_surname.get(lower(label), ())
                if not fulls:
                    fulls = folded_fulls.get(_fold(label), ())
                if len({_fold(f) for f in fulls}) == 1:
                    final = (cls, _kazakh_spelling(fulls))
                elif not fulls and public_figure(label):
                    final = (cls, public_figure(label))  # "Тоқаевтың өзі шығып": the president
            elif cls == "Organization" and label.isupper() and (label, cls) in long_names:
                final = (cls, long_names[(label, cls)])
            if final != key:
                changed[key] = final
    # "Қазақстан халықаралық бюросы" in one article is "Адам құқықтары жөніндегі Қазақстан
    # халықаралық бюросы" of another: a name of 3+ words that ends exactly one longer name.
    orgs = sorted({changed.get(k, k)[1] for loc in locals_ for k in loc.forms if changed.get(k, k)[0] == "Organization"})
    tails: dict[str, set[str]] = defaultdict(set)
    for label in orgs:
        words = label.split()
        for n in range(3, len(words)):
            if not _names_a_place(words[:-n]):  # "Ресей Сыртқы істер министрлігі" is Russia's own
                tails[" ".join(words[-n:])].add(label)
    longer = {label: next(iter(tails[label])) for label in orgs if len(tails.get(label, ())) == 1}
    longer.update(_short_forms(orgs, longer))
    if longer:
        for loc in locals_:
            for key in loc.forms:
                final = changed.get(key, key)
                if final[0] == "Organization" and final[1] in longer:
                    changed[key] = ("Organization", longer[final[1]])
    people: dict[str, set[str]] = defaultdict(set)
    for loc in locals_:
        for key in loc.forms:
            cls, label = changed.get(key, key)
            if cls == "Person":
                people[_fold(label)].add(label)
    spelled = {label: _kazakh_spelling(labels) for labels in people.values() if len(labels) > 1 for label in labels}
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for loc in locals_:
        for key, fs in loc.forms.items():
            final = changed.get(key, key)
            if final[0] == "Person" and spelled.get(final[1], final[1]) != final[1]:
                forms[("Person", spelled[final[1]])].add(final[1])  # the other spelling is an altLabel
                final = ("Person", spelled[final[1]])
            if final != key:
                changed[key] = final
            forms[final].update(fs)
            if key in loc.roles:
                roles[final].update(loc.roles[key])
    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    if with_mentions:
        for loc in locals_:
            for m, key in loc.links.items():
                mentions[changed.get(key, key)].append(m)
    entities = [
        Entity(cls, label, tuple(sorted(forms[(cls, label)] - {label})),
               tuple(sorted(mentions.get((cls, label), ()), key=_mention_order)),
               tuple(sorted(roles.get((cls, label), ()))) if cls == "Person" else ())
        for cls, label in sorted(forms)
    ]
    have = {e.key for e in entities}
    court_places = sorted(
        ((changed.get(key, key), m, place, form) for loc in locals_ for key, m, place, form in loc.court_places),
        key=lambda item: (item[0], _mention_order(item[1])),
    )
    for _key, m, place, form in court_places:
        if ("Place", place) not in have:
            have.add(("Place", place))
            entities.append(Entity("Place", place, (form,), (m,) if with_mentions else (), ()))
    entities.sort(key=lambda e: e.key)
    return MergedEntities(entities, changed)
