"""Rule-based event extraction: sentencings, protests, listings and legal follow-ups.

Each rule reads one sentence (plus a little article context for anaphora and
list continuations) and works on tokens, the entity occurrences the resolver
found, and general trigger lexicons from :mod:`graph.lang.lexicon`:

* **Sentencing** – a prison term in the dative (``8 жылға``, ``он күнге``,
  ``2 жыл 6 айға``) or a bare term before a penalty phrase (``7 жыл бас
  бостандығынан айыру``), governed by a sentencing verb (соттал-, сотта-,
  кесіл-, тағайында-, қама-). Requests (сұрады, талап етті), maximums
  (``дейін``), durations (``бойы``), time served (``қамауда отырып``) and
  modal readings (``мүмкін``) are rejected. A participle before the name
  (``сотталған Арон Атабек``) takes the names after it; a finite verb takes the
  names before the term. Coordinated names share one verb; "тиісінше 5 жылға
  және 3 жылға" pairs terms with names in order, and a gapped "X 6 жылға, Y 5
  жылға сотталған" gives both. Pre-trial custody (тергеу изоляторына 2 айға),
  negated verbs (сотталмаған) and terms given in an appeal report are handled
  apart: a court that upheld or changed a sentence is never the sentencing court.
  The court of a verdict carries to the next sentence ("Соттың шешімімен ...",
  "Оған ... тағайындалды") and back from "<Name> сотының үкімі".
* **ParoleRefusal / Appeal / SentenceChange** – their own kinds, never Sentencings.
* **Protest** – пикет / аштық / митинг, шеру, наразылық, акция; protester is a
  nominative name, else a group, else an anaphor (Ол, Белсенді) resolved to the
  most recent salient person; beneficiaries are objects of қолдап / босату, "X
  үшін", "X-ке бостандық", "X пен Y-тің босатылуын", role nouns ("блогерді қолдады")
  and relatives ("күйеуінің ісін қайта қарауды", "ұлымды", "күйеуіме бостандық").
  An unnamed crowd's protest keeps its beneficiaries for "Олардың арасында X бар",
  for its organiser/participants ("Акцияны ұйымдастырған X", "Шеруге қатысқан X")
  and for named demands right after it.
* **Listing** – "саяси тұтқын" lists: тізім-, қатарына енгіз-/қос-, деп таны-;
  lister is the possessor of the list/placard, the group that compiled it, the
  nominative subject, or (for a bare "Тізімде … бар") the previous list's
  lister or the placard holder. Amnesty's "ар-ождан тұтқыны" counts as "саяси
  тұтқын"; a statement naming people held for political motives ("саяси
  себептермен қамалған", "саяси астары бар") lists them under its author.
  Also: "саяси қудалау құрбаны", "саяси тұтқын мәртебесі", "тұтқындардың қатарында
  ... аталған", "тізімінен орын алды", "тізімінде қалдырды", "Х-тың бағалауынша, Y —
  ар-ождан тұтқыны"; list items on their own lines after a header ("Тізімге
  енгізілгендер:", "1. X", "- Y", "Олар/Бұлар — X, Y"); coordinated listers ("А да,
  Б да"); the list's genitive owner ("альянстың соңғы тізімінде"); a statement just
  named ("Онда", "Есепке сәйкес"); a bare head noun for an organisation named before
  ("Бюро", "Комитет", "ұйым"); a "we" speaker's organisation ("орталық директоры Y");
  and a passive "X саяси тұтқын деп танылды" takes the reporter of the next sentence
  ("Бұл туралы «Бюро» хабарлады"). Questions, negations, requests, hypotheticals,
  removals ("тізімнен шығарылды") and singular titles ("Құқық қорғаушы X") never list.
* **Plural anaphora** – "оларды", "екеуін де", "Олар" point to the people named
  together just before (a coordinated list or one gapped verdict), or for a
  counted "екеуі/үшеуі" to the last two/three people named one by one.
* **Follow-up sentences** – a sentence that only adds roles to the event just
  reported (the charge and article after the verdict, "Ол ... плакат ұстап
  тұрды" after the picket) is merged into that event: its roles fill the gaps
  and its sentence goes to ``Fact.support``. A conflicting court, date or place
  means a different event, which keeps its own fact.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from graph.lang.lexicon import (
    ANAPHORS,
    CASE_ENDINGS,
    GENERIC_GROUPS,
    KIN_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ROLE_WORDS,
    case_of,
    lower,
    parse_number,
)
from graph.lang.tokens import tokenize
from graph.model import Evidence, Fact, Mention, Sentence

__all__ = ["extract_facts", "parse_date", "parse_terms"]

log = logging.getLogger(__name__)

METHOD = "rules/v1"
POLITICAL_PRISONERS = ("Group", "саяси тұтқындар")
HUMAN_RIGHTS = ("Group", "құқық қорғаушылар")

# --- lexicons -------------------------------------------------------------

_UNIT_FORMS = {
    "жыл": ("Y", False),
    "жылға": ("Y", True),
    "жылдық": ("Y", False),
    "ай": ("M", False),
    "айға": ("M", True),
    "апта": ("W", False),
    "аптаға": ("W", True),
    "күн": ("D", False),
    "күнге": ("D", True),
    "тәулік": ("D", False),
    "тәулікке": ("D", True),
    "тәуліктік": ("D", False),
    # Adjectival (-лық) and distributive ablative (-дан: "4 жылдан" = four years each)
    # forms count only before a penalty word, like bare forms.
    "айлық": ("M", False),
    "күндік": ("D", False),
    "жылдан": ("Y", False),
    "айдан": ("M", False),
    "тәуліктен": ("D", False),
}
_UNIT_ORDER = {"Y": 0, "M": 1, "W": 2, "D": 3}
# A bare (nominative) term counts only when a penalty phrase follows it.
_BARE_TERM_NEXT = ("бас", "мерзім", "жаза", "шартты", "түрме", "колония", "әкімшілік", "үкім", "шектеу", "отыру")
_NOT_TERM_NEXT = ("дейін", "шейін", "бойы", "бұрын", "кейін", "ішінде", "жуық", "астам")
_SENT_STEMS = (
    "соттал",
    "сотта",
    "кесіл",
    "кесті",
    "кесіп",
    "тағайында",
    "айыр",
    "шектеу",
    "үкім",
    "қамауға",
    "қамаққа",
    "қамады",
    "қамалды",
    "қамалған",
    "қамап",
    "жаза",
    "жіберіл",
)
_FINITE_SENT = (
    "соттал",
    "сотта",
    "кесіл",
    "кесті",
    "кесіп",
    "тағайындал",
    "тағайындады",
    "тағайындаған",
    "қамады",
    "қамалды",
    "қамалған",
    "қамап",
    "жіберілді",
)
_REQUEST_STEMS = ("сұра", "талап", "ұсын", "өтін")
_MODAL = ("мүмкін", "қаупі", "төніп", "қаупін")
# A protest only intended or threatened: "аштық жариялауға дайын", "... ниетін білдірді".
_INTENT = ("дайын", "ниет", "жоспарла", "қорқыт", "уәде", "мүмкін", "ойлап", "ниетте")
_FUTURE_PARTICIPLE = re.compile(r"(?:атын|етін|йтын|йтін)(?:ын|ін|ы|і|дығ|діг)?$")
_CHANGE_STEMS = ("жеңілдет", "қысқарт", "ауыстыр", "азайт")
_PROTEST_TRIGGERS = (
    ("HungerStrike", ("аштық",)),
    ("Picket", ("пикет",)),
    ("Rally", ("митинг", "шеру", "наразылық", "акция", "ереуіл", "жиын", "флешмоб")),
)
# State bodies disperse protests; they never stage them.
_GIVE = ("беріл", "берді")
_REFUSALS = ("қанағаттандырма", "қабылдама", "тартты", "тартып", "қайтарды", "бермеді", "бермей")
def _state_body(label: str) -> bool:
    """Whether an organisation is a body of the Kazakh state (police, courts, ministries ...),
    which never lists political prisoners nor protests. European, UN and US bodies are not:
    "Еуропа парламенті", "АҚШ Мемлекеттік департаменті" speak about them."""
    low = label.lower()
    return any(b in low for b in _STATE_BODIES) and not low.startswith(_FOREIGN_BODIES)


_FOREIGN_BODIES = ("еуропа", "еуропалық", "европа", "бұұ", "біріккен ұлттар", "ақш", "ехқб")
_STATE_BODIES = (
    "полиция",
    "прокуратура",
    "әкімдік",
    "әкімдігі",
    "сот",
    "министрлі",
    "үкімет",
    "парламент",
    "мәжіліс",
    "сенат",
    "департамент",
    # State committees, not monitors like "Норвегиялық Хельсинки комитеті".
    "қауіпсіздік комитеті",
    "тергеу комитеті",
    "кірістер комитеті",
    "ұқк",
    "ішкі істер",
    "ұлттық қауіпсіздік",
    "әкімшілі",  # Президент әкімшілігі
    "елшілі",
    "консулдығ",
)
# Nouns after an organisation's name that make it a place: "әкімшілігі ғимаратының алдында".
_SITE_NOUNS = ("ғимарат", "алдын", "алдына", "маңын", "маңына", "кеңсе", "үйі")
_LANDMARKS = (
    "алаң",
    "монумент",
    "ескерткіш",
    "көше",
    "даңғыл",
    "саябақ",
    "ғимарат",
    "жол",
    "сквер",
    "мешіт",
    "мұражай",
)
_COMPILE_VERBS = (
    "ұсынған",
    "түзген",
    "жасаған",
    "жариялаған",
    "құрастырған",
    "дайындаған",
    "әзірлеген",
    "ұсынды",
    "жариялады",
    "жасады",
    "түзді",
)
_LIST_VERBS = (
    "енгіз",
    "кіргіз",
    "алды",  # "тізіміне алды" (took onto its list)
    "алған",
    "қалдыр",  # "тізімінде қалдырды" (kept on its list)
    "қос",
    "таны",
    "жариял",
    "атады",
    "есептейді",
    "санайды",
    "жаңарт",
    "ұсын",
    "түз",
    "құрастыр",
)
# Forms of "тізім" that put someone on a list (not "тізімнің", "тізімнен").
_LIST_FORMS = frozenset(
    {
        "тізім",
        "тізімге",
        "тізімде",
        "тізімдегі",
        "тізімі",
        "тізімін",
        "тізіміне",
        "тізімінде",
        "тізіміндегі",
        "тізімдерге",
        "тізімдерде",
        "тізімдерінде",
    }
)
_LIST_EXCLUDE = ("сайлау", "партиялық", "үміткер", "іздеу", "террорист", "экстремист", "кандидат", "қара")
# A verb used as a noun: "қосу", "қосуды", "енгізуге", "қосылуы", "тануы", "енгізуден (бас тартты)".
_VERBAL_NOUN = re.compile(r"(?:у|ү)(?:ы|і|ын|ін|ға|ге|ды|ді|да|де|дан|ден|ына|іне|ымен|імен)?$")
# Ablative forms of "тізім": taken off a list ("тізімнен шығарылды") is never a listing.
_LIST_REMOVAL = ("тізімнен", "тізімінен", "тізімдерден", "тізімдерінен")
# Verbs that report a fact someone else established: "Бұл туралы X хабарлады".
_REPORT_VERBS = ("хабарла", "мәлімде", "жаз", "жариял", "айт", "хабар", "мәлім", "растады")
# A list header's items on their own lines: "1. X", "2) Y", "- Z", "• W".
_BULLET = re.compile(r"\s*(?:\d{1,2}[.)]|[-–—•*▪])\s")
# Words between a list's possessor and the list: "альянстың соңғы тізімінде",
# "қорының саяси тұтқындар тізімінде".
_LIST_ADJ = frozenset(
    {"соңғы", "жаңа", "жаңартылған", "биылғы", "жылдық", "ресми", "өз", "саяси", "тұтқындар", "тұтқындардың",
     "ар-ождан", "тұтқындары"}
)
_POSSESSED_LIST = ("тізімі", "тізімін", "тізіміне", "тізімінде", "тізіміндегі", "тізімдері", "тізімінен")
# Generic nouns that stand for an organisation named before: "Бюро ... хабарлады".
_ORG_HEAD_NOUNS = ("альянс", "бюро", "қор", "ұйым", "коалиция", "комитет", "орталық", "қозғалыс", "бірлестік")
# A statement or report named in the sentence before: "Онда X саяси тұтқын деп танылды".
_PP_WORDS = re.compile(r"(?:саяси|ар-ождан)\s+тұтқын")
_IN_STATEMENT = frozenset({"онда", "мәлімдемеде", "баяндамада", "хатта", "үндеуде", "есепте", "қарарда"})
_SPEECH = ("айтуынша", "сөзінше", "пікірінше", "мәліметінше", "хабарлауынша", "дерегінше", "бағалауынша")
_OFFICIAL_ROLES = frozenset(
    {
        "прокурор",
        "прокуроры",
        "судья",
        "судьясы",
        "адвокат",
        "адвокаты",
        "тілші",
        "тілшісі",
        "тергеуші",
        "тергеушісі",
        "қорғаушысы",
        "комиссар",
        "комиссары",
        "айыптаушы",
    }
)
_OFFICIAL_ROLE_NAMES = frozenset({"прокурор", "судья", "адвокат", "тілші", "комиссар"})
_SEPARATORS = {",", "мен", "пен", "бен", "және", "да", "де", "тағы"}

_MONTH_RE = "|".join(MONTHS)
# "2020 жылғы 20 тамызда", "2020 жылы 20 тамызда", "2020 жылдың 20 тамызында"
_DATE_FULL = re.compile(rf"(\d{{4}})\s+жыл(?:ғы|ы|дың)\s+(\d{{1,2}})\s+({_MONTH_RE})", re.IGNORECASE)
# "20 тамыз 2020 жылы"
_DATE_FULL_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_RE})\w*\s+(\d{{4}})\s+ж", re.IGNORECASE)
_DATE_DM = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_RE})(?:да|де|нда|нде|та|те|\s+күні|\b)", re.IGNORECASE)
_DATE_YM = re.compile(rf"(\d{{4}})\s+жыл(?:дың|ғы)\s+({_MONTH_RE})", re.IGNORECASE)
_DATE_Y = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:\s+жыл(?:ы|ғы|да|дың)?\b|-?\s*ж\.|-жыл\w*|-да|-де|-ші|-ы|-і)", re.IGNORECASE
)
_ARTICLE = re.compile(
    r"(\d{2,3}(?:-\d)?)\s*-\s*(?:бап|бабы|бабының|бабымен|бабына|бабын|бабында)", re.IGNORECASE
)
_CASE = re.compile(r"[«\"“]?([А-ЯӘҒҚҢӨҰҮҺІЁ][^«»\"“”„.!?]{0,40}?\sіс(?:і|тері))[»\"”“]?\s+бойынша")
# "«...» деп айыптады / кінәлі деп тапты / деп танып": the charge the court found proven.
_CHARGE_DEP = re.compile(r"[«\"“„]([^«»\"“”„]{3,200})[»\"”“]\s+деп\s+(?:айыпт|кінәл|таны|тап|тауып)", re.IGNORECASE)
_CHARGE_DEGEN = re.compile(r"[«\"“„](.{3,300})[»\"”“]\s+деген\s+(?:айып|күдік|бап)", re.IGNORECASE)
# "«Көше партиясына» қатысқаны үшін", "жалған ақпарат таратқаны үшін": for having done it.
_CHARGE_FOR = re.compile(
    # "тыйым салынған" (banned) counts as one word: "тыйым салынған ұйым жұмысына қатысқаны".
    r"(?:[«\"“„]([^«»\"“”„]{2,80})[»\"”“]\s+|((?<![\w-])(?:(?:тыйым\s+салынған|[а-яәғқңөұүһі-]+)\s+){1,3}))"
    r"([а-яәғқңөұүһі]+(?:ғаны|гені|қаны|кені|ғандығы|гендігі|қандығы|кендігі))\s+үшін"
)
_CHARGE_BARE = re.compile(r"([а-яәғқңөұүһі]+(?:\s+[а-яәғқңөұүһі]+){0,3})\s+деп\s+айыпт", re.IGNORECASE)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NEGATED_LISTING = re.compile(r"(?:енгіз|қос|таны|ен|жариял|сана)(?:ба|бе|па|пе|ма|ме)(?:ған|ген|ды|ді|й|с)")
_RECOGNISED_ONES = re.compile(r"таны(?:ған|лған)(?:дар|ды)")
_ADDED_ONES = re.compile(r"(?:қосыл|енгізіл|ен|кір)(?:ген|ған)(?:дер|дар|лер|лар)")


@dataclass(frozen=True, slots=True)
class _Occ:
    """One entity occurrence in a sentence, with token positions and case."""

    key: tuple[str, str]
    start: int
    end: int
    t0: int  # first word index
    t1: int  # word index after the last word
    case: str
    text: str


@dataclass(slots=True)
class _Sent:
    sentence: Sentence
    words: list[tuple[int, int, str]]  # (start, end, lower text) of every token, doc offsets
    occs: list[_Occ]
    joined: str = ""  # " w1 w2 ...": the words for substring tests (tokens hold no spaces)

    def low(self, i: int) -> str:
        return self.words[i][2] if 0 <= i < len(self.words) else ""

    def has(self, *stems: str) -> bool:
        """Whether a word starts with one of ``stems`` (a stem with a space spans words: "ие болды")."""
        if not self.joined:
            self.joined = " " + " ".join(w for _, _, w in self.words)
        joined = self.joined
        return any(" " + stem in joined for stem in stems)


# --- small parsers ----------------------------------------------------------


def _duration(parts: list[tuple[float, str]]) -> str:
    """ISO 8601 duration of (value, unit) parts, written the way the text counts."""
    years = sum(v for v, u in parts if u == "Y")
    months = sum(v for v, u in parts if u == "M") + (years % 1) * 12
    days = sum(v * (7 if u == "W" else 1) for v, u in parts if u in "WD") + (months % 1) * 30
    years, months, days = int(years), round(months - months % 1), round(days)
    out = (f"{years}Y" if years else "") + (f"{months}M" if months else "") + (f"{days}D" if days else "")
    return "P" + out if out else ""


def parse_terms(
    words: Sequence[str], gapped: bool = False, given: bool = False
) -> list[tuple[int, int, str]]:
    """Find prison terms in lower-cased tokens.

    Args:
        words: Lower-cased tokens of one sentence.
        gapped: Also return a bare term followed by a comma ("Ахметоваға 4 жыл,
            Ибраевқа 3 жыл ... тағайындады"), whose verb comes later.
        given: Also accept a bare term before "берілді/берді" ("Оған 8 жыл берілді"),
            for use where the context is already about a sentence.

    Returns:
        ``(first token, token after last, ISO duration)`` for each term that is
        in the dative or is followed by a penalty phrase, and is not a maximum
        (дейін), a duration (бойы) or an age.
    """
    out: list[tuple[int, int, str]] = []
    i = 0
    n = len(words)
    while i < n:
        # A number: digits or up to three number words.
        j = i
        if _NUMBER.fullmatch(words[i]):
            j = i + 1
        else:
            while j < n and j - i < 3 and words[j] in NUMBER_WORDS:
                j += 1
        if j == i or j >= n or words[j] not in _UNIT_FORMS:
            i += 1
            continue
        value = parse_number(list(words[i:j]))
        if value is None:
            i += 1
            continue
        parts = [(value, _UNIT_FORMS[words[j]][0])]
        dative = _UNIT_FORMS[words[j]][1]
        k = j + 1
        # "2 жыл 6 айға", "3 жыл 4 ай 15 күнге": smaller units continue the term.
        while not dative and k < n and words[k - 1] in ("жыл", "ай", "апта", "күн", "тәулік"):
            m = k
            if re.fullmatch(r"\d+", words[m]):
                m += 1
            else:
                while m < n and m - k < 3 and words[m] in NUMBER_WORDS:
                    m += 1
            if not (
                m > k
                and m < n
                and words[m] in _UNIT_FORMS
                and _UNIT_ORDER[_UNIT_FORMS[words[m]][0]] > _UNIT_ORDER[parts[-1][1]]
            ):
                break
            v2 = parse_number(list(words[k:m]))
            if v2 is None:
                break
            parts.append((v2, _UNIT_FORMS[words[m]][0]))
            dative = _UNIT_FORMS[words[m]][1]
            k = m + 1
        if k < n and words[k] == "жарым":  # "бір жыл жарымға" is rare; "жарым" after unit
            k += 1
        nxt = words[k] if k < n else ""
        # "Қабылов пен Қайратов 4 жылдан сотталған": four years each, right before the verb.
        each = words[j] in ("жылдан", "айдан", "тәуліктен") and nxt.startswith(("соттал", "кесіл"))
        ok = (
            dative
            or each
            or nxt.startswith(_BARE_TERM_NEXT)
            or nxt == "қамау"  # "10 тәулік қамау жазасы" (not "қамауда", "қамауға": detention)
            or (gapped and nxt == ",")
            or (given and nxt.startswith(_GIVE))
        ) and not nxt.startswith(_NOT_TERM_NEXT)
        if ok:
            iso = _duration(parts)
            if iso:
                # "7 және 5 жыл", "8, 6 және 4 жылға": bare numbers before share the unit.
                shared = []
                b = i
                while (
                    len(parts) == 1
                    and b >= 2
                    and words[b - 1] in ("және", ",")
                    and (_NUMBER.fullmatch(words[b - 2]) or words[b - 2] in NUMBER_WORDS)
                ):
                    v = parse_number([words[b - 2]])
                    iso_b = _duration([(v, parts[0][1])]) if v is not None else None
                    if not iso_b or any(t[1] > b - 2 for t in out):
                        break
                    shared.append((b - 2, b - 1, iso_b))
                    b -= 2
                out += reversed(shared)
                out.append((i, k, iso))
        i = k
    return out


def parse_date(text: str) -> str | None:
    """Read the most specific date in a text span.

    Args:
        text: A sentence or part of one.

    Returns:
        ``YYYY-MM-DD``, ``YYYY-MM``, ``--MM-DD`` or ``YYYY``, or None.
    """
    m = _DATE_FULL.search(text)
    if m:
        return f"{m.group(1)}-{MONTHS[m.group(3).lower()]:02d}-{int(m.group(2)):02d}"
    m = _DATE_FULL_DMY.search(text)
    if m and 1 <= int(m.group(1)) <= 31:
        return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = _DATE_DM.search(text)
    if m and 1 <= int(m.group(1)) <= 31:
        return f"--{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = _DATE_YM.search(text)
    if m:
        return f"{m.group(1)}-{MONTHS[m.group(2).lower()]:02d}"
    m = _DATE_Y.search(text)
    if m:
        return m.group(1)
    return None


# --- sentence preparation ------------------------------------------------





def _suffix_ok(rest: str) -> bool:
    return rest == "" or rest in CASE_ENDINGS


def _prepare(
    sentence: Sentence,
    ments: list[Mention],
    mention_entity: Mapping[Mention, tuple[str, str]],
    surnames: Sequence[tuple[str, tuple[str, str]]] = (),
) -> _Sent:
    toks = sentence.tokens or tuple(tokenize(sentence.text, sentence.start))
    words = [(t.start, t.end, lower(t.text)) for t in toks]
    words = [w for w in words if w[2]]  # quote tokens vanish after lower()

    starts = [w[0] for w in words]
    ends = [w[1] for w in words]

    def span_words(a: int, b: int) -> tuple[int, int]:
        # Tokens are sorted and never overlap: the words with start < b and end > a
        # form one run, found by bisection.
        lo = bisect.bisect_right(ends, a)
        hi = bisect.bisect_left(starts, b)
        return (lo, hi) if lo < hi else (0, 0)

    occs: list[_Occ] = []
    for m in ments:
        key = mention_entity.get(m)
        if key is None:
            continue
        t0, t1 = span_words(m.start, m.end)
        case = case_of(m.text, m.lemma or m.text)
        if key[0] == "Group":
            case = _group_case(m.text)
        elif case == "acc" and key[0] in ("Organization", "Court") and m.text == m.lemma and _org_head(m.text):
            case = "nom"  # "Еуропа парламенті": a head noun's possessive, not an accusative
        occs.append(_Occ(key, m.start, m.end, t0, t1, case, m.text))
    # Group phrases the tracker needs, when the mention finder missed them.
    low = sentence.text.lower()
    for pat, key in (
        (r"саяси\s+тұтқын[а-яәғқңөұүһі]*", POLITICAL_PRISONERS),
        # Amnesty's "prisoner of conscience" is the same category for a monitor.
        (r"ар-ождан\s+тұтқын[а-яәғқңөұүһі]*", POLITICAL_PRISONERS),
        (r"құқық\s+қорғаушы[а-яәғқңөұүһі]*", HUMAN_RIGHTS),
    ):
        for mt in re.finditer(pat, low):
            a, b = sentence.start + mt.start(), sentence.start + mt.end()
            overlap = [o for o in occs if o.start < b and o.end > a and o.key[0] == "Group"]
            if any(o.key == key or (o.start <= a and b <= o.end) for o in overlap):
                continue
            # A finder's partial span ("тұтқындары" of "ар-ождан тұтқындары") gives way.
            occs = [o for o in occs if o not in overlap]
            t0, t1 = span_words(a, b)
            occs.append(
                _Occ(key, a, b, t0, t1, _group_case(mt.group()), sentence.text[mt.start() : mt.end()])
            )
    # Names the mention finder missed here but found elsewhere in the article:
    # a capitalised word made of a known surname plus case endings.
    for i, (a, b, w) in enumerate(words):
        raw = sentence.text[a - sentence.start : b - sentence.start]
        if not raw[:1].isupper() or any(o.start < b and o.end > a for o in occs):
            continue
        hits = [key for sur, key in surnames if w.startswith(sur) and _suffix_ok(w[len(sur) :])]
        exact = [key for sur, key in surnames if w == sur]
        hits = exact or hits
        if len(set(hits)) == 1:
            sur = next(s_ for s_, k in surnames if k == hits[0] and w.startswith(s_))
            occs.append(_Occ(hits[0], a, b, i, i + 1, case_of(w, sur), raw))
    occs.sort(key=lambda o: (o.start, o.end, o.key))
    st = _Sent(sentence, words, occs)
    return _propagate_case(st)


_NUMBER_STEMS = tuple(sorted(NUMBER_WORDS, key=len, reverse=True))
# Quantifiers between "оның" and its people: "оның жиырмаға жуық жақтасы".
_QUANTIFIERS = frozenset({"жуық", "шамасында", "астам", "ондаған", "жүздеген", "бірнеше", "көптеген", "бір", "топ"})
# Possessed nouns for the people around someone: "оның жақтастары" (his supporters).
_PEOPLE_OF = frozenset(
    {
        "жақтасы",
        "досы",
        "әріптесі",
        "жақтастары",
        "достары",
        "әріптестері",
        "туыстары",
        "туған-туыстары",
        "жақындары",
        "отбасы",
        "жанұясы",
        "жанкүйерлері",
        "ізбасарлары",
        "серіктестері",
        "қолдаушылары",
        "пікірлестері",
        "үзеңгілестері",
        "тілектестері",
    }
)

_SUBJECT_HEADS = (
    "тобы",
    "комитеті",
    "кеңесі",
    "мүшелері",
    "белсенділері",
    "өкілдері",
    "басшылығы",
    "комиссиясы",
    "сарапшылары",
    "жақтастары",
    "қызметкерлері",
    "баяндамашысы",
    "басшысы",
)


def _org_head(text: str) -> bool:
    """Whether the last word of a name is an organisation head noun of the gazetteer."""
    from graph.lang.gazetteer import is_org_head

    return is_org_head(text.split()[-1].strip("»\"”"))


def _propagate_case(st: _Sent) -> _Sent:
    """Coordinated names share the case of the last one ("X пен Y-ны" -> both accusative);
    "<Org>-ның жұмыс тобы/мүшелері" acts as the organisation in the subject position."""
    occs = list(st.occs)
    for i in range(len(occs) - 2, -1, -1):
        a, b = occs[i], occs[i + 1]
        if a.key[0] != b.key[0] or a.case != "nom" or b.case == "nom":
            continue
        gap = [st.low(k) for k in range(a.t1, b.t0)]
        glued = a.text.lower().endswith(("мен", "пен", "бен"))
        if (
            (glued or any(g in ("мен", "пен", "бен", "және", ",") for g in gap))
            and all(g in _SEPARATORS or g in ROLE_WORDS for g in gap)
            and len(gap) <= 3
        ):
            occs[i] = _Occ(a.key, a.start, a.end, a.t0, a.t1, b.case, a.text)
    for i, o in enumerate(occs):
        genitive = o.case == "gen" or re.search(r"(?:ның|нің|дың|дің|тың|тің)$", o.text.lower())
        if genitive and o.key[0] in ("Organization", "Group", "Court"):
            # "БҰҰ-ның адам құқықтары қорғаушыларының жағдайы жөніндегі арнайы баяндамашысы"
            nxt = [st.low(k) for k in range(o.t1, o.t1 + 8)]
            if any(w in _SUBJECT_HEADS for w in nxt):
                occs[i] = _Occ(o.key, o.start, o.end, o.t0, o.t1, "nom", o.text)
    st.occs = occs
    return st


def _group_case(text: str) -> str:
    last = lower(text).split()[-1] if text.split() else ""
    m = re.search(r"(?:лар|лер|дар|дер|тар|тер)(.*)$", last)
    rest = m.group(1) if m else re.sub(r"^(?:тұтқын|қорғаушы)", "", last)
    if not rest:
        return "nom"
    for case, ends in (
        ("gen", ("ның", "нің", "дың", "дің", "тың", "тің")),
        ("acc", ("ды", "ді", "ны", "ні", "ты", "ті")),
        ("dat", ("ға", "ге", "қа", "ке", "а", "е")),
        ("loc", ("да", "де", "нда", "нде")),
        ("abl", ("дан", "ден", "нан", "нен", "тан", "тен")),
    ):
        if rest in ends:
            return case
    return "other"


def _persons(st: _Sent) -> list[_Occ]:
    return [o for o in st.occs if o.key[0] == "Person"]


_PLURAL_END = re.compile(r"(?:лар|лер|дар|дер|тар|тер)")


def _is_title(st: _Sent, o: _Occ) -> bool:
    """A singular group noun right before a name is that person's title ("құқық қорғаушы Рысгүл ...")."""
    if o.key[0] != "Group":
        return False
    last = lower(o.text).split()[-1] if o.text.split() else ""
    plural = re.search(r"(?:лар|лер|дар|дер|тар|тер)", last)
    return not plural and any(p.t0 == o.t1 for p in st.occs if p.key[0] == "Person")


def _is_speaker(st: _Sent, o: _Occ) -> bool:
    """ "X-тың айтуынша" and "деді X" mark a source, not a participant."""
    return st.low(o.t1).startswith(_SPEECH)


def _is_official(st: _Sent, o: _Occ) -> bool:
    """Prosecutors, judges, lawyers named with their title are never defendants.

    An accusative name after a bare title is the title-holder's object, not the
    holder ("судья Бекмағамбетовті кінәлі деп танып" = the judge found him guilty).
    """
    if o.case == "acc" and st.low(o.t0 - 1) in _OFFICIAL_ROLES:
        return False
    return any(st.low(i) in _OFFICIAL_ROLES for i in range(max(0, o.t0 - 2), o.t0))


def _chain(st: _Sent, first: _Occ, forward: bool = True, pool: list[_Occ] | None = None) -> list[_Occ]:
    """Names coordinated with ``first`` ("X, Y пен Z", "X және журналист Y")."""
    persons = pool if pool is not None else _persons(st)
    out = [first]
    cur = first
    while True:
        if forward:
            nxt = [p for p in persons if p.t0 >= cur.t1 and p.key != cur.key]
            if not nxt:
                break
            p = min(nxt, key=lambda o: o.t0)
            gap = [st.low(i) for i in range(cur.t1, p.t0)]
            glued = cur.text.lower().endswith(("мен", "пен", "бен"))
        else:
            prv = [p for p in persons if p.t1 <= cur.t0 and p.key != cur.key]
            if not prv:
                break
            p = max(prv, key=lambda o: o.t1)
            gap = [st.low(i) for i in range(p.t1, cur.t0)]
            glued = p.text.lower().endswith(("мен", "пен", "бен"))
        # A coordinator is needed ("пен" may be glued to the name: Жұмағұловпен);
        # role words may stand between it and the next name ("құқық қорғаушы" is one).
        gap = " ".join(gap).replace("құқық қорғаушы", "құқық_қорғаушы").split()
        gap = ["құқық қорғаушы" if g == "құқық_қорғаушы" else g for g in gap]
        if len(gap) > 3 or any(g not in _SEPARATORS and g not in ROLE_WORDS for g in gap):
            break
        if not glued and not any(g in _SEPARATORS for g in gap):
            break
        out.append(p)
        cur = p
    return out


# --- article context (salience) --------------------------------------------


@dataclass(slots=True)
class _Context:
    history: list[tuple[int, _Occ, tuple[str, ...]]]  # (sentence index, occ, roles)
    last_listing: tuple[int, tuple[str, str]] | None = None
    last_protest: tuple[int, str] | None = None
    last_protesters: tuple[tuple[str, str], ...] = ()
    last_placard: int = -10
    last_court: tuple[int, tuple[str, str]] | None = None
    sentencing_context: bool = False  # the previous sentence spoke of a sentence
    last_court_verdict: bool = False  # that sentence announced a verdict (үкім, соттады, тыйым салды ...)
    # People named together (≥2), by sentence, for "оларды" / "екеуін де".
    groups: list[tuple[int, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    # The author of "X ... саяси себептермен қамалғандарды ..." for the next sentences.
    political_statement: tuple[int, tuple[str, str]] | None = None
    kin: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # Y -> X for "X-тың анасы Y"
    kin_at: dict[tuple[str, str], int] = field(default_factory=dict)  # Y -> the sentence that said so
    # The interviewee's relative named in a question ("Ұлыңыз X қашан сотталды?"), for "ұлымды".
    kin_you: tuple[int, tuple[str, str]] | None = None
    last_beneficiaries: tuple[tuple[str, str], ...] = ()
    # A protest by an unnamed crowd: (sentence, kind, beneficiaries), for "Олардың арасында X бар".
    unnamed_protest: tuple[int, str, tuple[tuple[str, str], ...]] | None = None
    last_author: tuple[int, tuple[str, str]] | None = None  # latest organisation speaking as a subject
    last_orgs: tuple[int, tuple[tuple[str, str], ...]] | None = None  # organisations as subjects, by sentence
    # Listings without a lister: their sentence and positions in the fact list.
    unattributed: tuple[int, tuple[int, ...]] = (-10, ())
    org_heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # "бюро" -> the bureau named
    list_colon: bool = False  # the list header ended in a colon (its items follow on short lines)
    list_items: int = -10  # sentence index of the latest list header ("... енгізілгендер:") or item line
    list_bullets: bool = False  # the latest item line began with a bullet ("–", "1.")
    courts: list[tuple[str, str]] = field(default_factory=list)  # every court named so far, latest last

    def plural(self, before: int, window: int = 3, count: int = 0) -> list[tuple[str, str]]:
        """The people a plural anaphor (оларды, екеуін де) points to.

        The latest group named together; for a counted anaphor (екеуі = two, үшеуі =
        three) with no such group, the last ``count`` people named one by one.
        """
        recent = [g for idx, g in self.groups if before - window <= idx < before]
        if recent and (not count or len(recent[-1]) == count):
            return list(recent[-1])
        if not count:
            return []
        keys: list[tuple[str, str]] = []
        for idx, o, roles in reversed(self.history):
            if idx >= before or idx < before - window or any(r in _OFFICIAL_ROLE_NAMES for r in roles):
                continue
            if o.key not in keys:
                keys.append(o.key)
        return list(reversed(keys[:count])) if len(keys) >= count else []

    def salient(
        self, before: int, st: _Sent | None, anaphor: str = "", exclude_roles: Collection[str] = ()
    ) -> tuple[str, str] | None:
        """Most recent person not used as an object; with a role-noun anaphor prefer that role.

        ``exclude_roles`` skips people titled so ("адвокат", "судья" ...).
        """
        # A subject pronoun points back to a subject; an object pronoun (оны, оған)
        # may point to anyone just named.
        cases = None if anaphor in ("оны", "оған") else ("nom", "gen", "other")
        cands = [
            (idx, o, roles)
            for idx, o, roles in self.history
            if (cases is None or o.case in cases) and idx < before and not any(r in exclude_roles for r in roles)
        ]
        if not cands:
            return None
        role = ROLE_WORDS.get(anaphor, "")
        if role and anaphor not in ("ол", "оның"):
            recent = [c for c in cands if c[0] >= before - 4 and role in c[2]]
            if recent:
                return max(recent, key=lambda c: (c[0], c[1].start))[1].key
        return max(cands, key=lambda c: (c[0], c[1].start))[1].key

    def with_role(self, role: str, before: int, window: int = 8) -> tuple[str, str] | None:
        """The latest person titled ``role`` ("белсенді Х") in the ``window`` sentences before."""
        recent = [(idx, o.start, o.key) for idx, o, roles in self.history if role in roles and before - window <= idx < before]
        return max(recent)[2] if recent else None


def _roles_of(st: _Sent, o: _Occ) -> tuple[str, ...]:
    out = []
    for i in range(max(0, o.t0 - 2), o.t0):
        w = st.low(i)
        if w in ROLE_WORDS:
            out.append(ROLE_WORDS[w])
    return tuple(out)


_PRONOUNS = frozenset({"ол", "оның", "оны", "оған"})
# Plural anaphors for people just named together: subjects/datives and objects.
_PLURAL_SUBJ = frozenset({"олар", "оларға", "екеуі", "екеуіне", "үшеуі", "үшеуіне", "әрқайсысына", "әрқайсына"})
_PLURAL_OBJ = frozenset(
    {"оларды", "олардың", "екеуін", "екеуінің", "үшеуін", "үшеуінің", "бәрін", "барлығын"}
)
# Accusative plural anaphors as the object of a verdict: "сот екеуін де 5 жылға соттады".
_PLURAL_ACC = frozenset({"оларды", "екеуін", "үшеуін", "төртеуін"})
_COUNTED = {"екеу": 2, "үшеу": 3, "төртеу": 4}
# A sentence-initial word standing for the organisation(s) of the sentence before.
_ORG_ANAPHORS = frozenset({"ұйым", "ұйымдар", "ұйымдары"})
# Plural nouns that stand for people just named ("Комитеттің пікірінше, әйелдер ... қудаланған").
_PLURAL_NOUNS = frozenset(
    {"әйелдер", "ерлер", "екеуі", "жігіттер", "азаматтар", "айыпталушылар", "сотталушылар"}
)


def _anaphor_count(words: Sequence[str]) -> int:
    """2 for "екеуі/екеуін (де)", 3 for "үшеуі" ...; 0 when no counted anaphor is present."""
    for w in words:
        for stem, n in _COUNTED.items():
            if w.startswith(stem):
                return n
    return 0


# "саяси себептермен қамалған", "ісінің саяси астары бар": political motives named.
_POLITICAL_MOTIVE = ("себеп", "уәж", "астар", "мотив", "көзқарас")
_STATEMENT_NOUNS = ("мәлімдеме", "хат", "баяндама", "үндеу", "қарар")


def _anaphor(st: _Sent, initial_only: bool = False) -> str | None:
    """An anaphoric word standing for an earlier person (not followed by a name)."""
    person_starts = {o.t0 for o in _persons(st)}
    for i, (_, _, w) in enumerate(st.words):
        if initial_only and i > 0:
            break
        # A role noun right before a name is that name's title, not an anaphor.
        if w in ANAPHORS and (w in _PRONOUNS or i + 1 not in person_starts):
            if (
                w in ("белсенді", "журналист", "блогер")
                and i > 0
                and st.low(i - 1) in ("бір", "басқа", "кейбір")
            ):
                continue
            return w
    return None


# --- facts -----------------------------------------------------------------


def _evidence(s: Sentence) -> Evidence:
    return Evidence(s.doc_id, s.index, s.start, s.end, s.text, s.start, METHOD)


def _fact(kind: str, roles: list[tuple[str, object]], s: Sentence) -> Fact:
    uniq = sorted(set(roles), key=lambda r: (r[0], str(r[1])))
    return Fact(kind, tuple(uniq), _evidence(s))


_COURT_LEVELS = ("аудандық", "қалалық", "облыстық", "ауданаралық", "әскери", "апелляциялық")
_BARE_COURT = ("сот", "соты", "сотының", "сотына", "сотын", "сотында", "сотынан", "сотымен", "соттың", "сотқа",
               "сотта", "соттан", "сотпен")


def _court_by_level(st: _Sent, courts: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The court a bare "аудандық сот" / "облыстық сот" points back to.

    "Алматы облыстық сотының алқасы Талғар аудандық сотының үкімін өзгеріссіз
    қалдырды. Бұған дейін аудандық сот X-ті 4 жылға соттаған": the latest court
    of the article whose name holds the same level word.
    """
    words = st.words
    for i in range(len(words) - 1):
        if words[i][2] in _COURT_LEVELS and words[i + 1][2] in _BARE_COURT:
            if i > 0 and _capitalised(st, i - 1):
                return None  # a named court ("Талғар аудандық соты") is the mention finder's
            level = words[i][2]
            for key in reversed(courts):
                if level in key[1].lower().split():
                    return key
            return None
    return None


def _court(st: _Sent) -> tuple[str, str] | None:
    for o in st.occs:
        if o.key[0] == "Court":
            return o.key
    return None


def _penalty(window: list[str], iso: str) -> str:
    text = " ".join(window)
    # "шартты түрде (мерзімінен бұрын) босату" is parole, not a suspended sentence.
    if "шартты" in text and not re.search(r"шартты түрде (?:мерзімінен бұрын )?босат", text):
        return "SuspendedSentence"
    if "шектеу" in text:
        return "RestrictedFreedom"
    if "айыппұл" in text:
        return "Fine"
    if iso.endswith("D") and "Y" not in iso and "M" not in iso or "әкімшілік" in text or "қамаққа" in text:
        return "AdministrativeArrest"
    return "Imprisonment"


def _segment_text(st: _Sent, a: int, b: int) -> str:
    """Sentence text between word indices a (inclusive) and b (exclusive)."""
    s = st.sentence
    start = st.words[a][0] - s.start if a < len(st.words) else len(s.text)
    end = st.words[b - 1][1] - s.start if 0 < b <= len(st.words) else len(s.text)
    # Include a closing quote right after the segment.
    while end < len(s.text) and s.text[end] in '»"”“':
        end += 1
    while start > 0 and s.text[start - 1] in '«"“„':
        start -= 1
    return s.text[start:end]


def _literal_roles(text: str) -> list[tuple[str, object]]:
    roles: list[tuple[str, object]] = []
    for m in _CHARGE_DEP.finditer(text):
        if "тұтқын" not in m.group(1).lower():  # «саяси тұтқын» деп таныды names a category
            roles.append(("charge", m.group(1).strip()))
    if not roles:
        m = _CHARGE_DEGEN.search(text)
        if m:
            roles.append(("charge", re.sub(r"\s*\([^)]*\)", "", m.group(1)).strip()))
    if not roles:
        m = _CHARGE_FOR.search(text)
        if m:
            roles.append(("charge", f"{(m.group(1) or m.group(2)).strip()} {m.group(3)}"))
    for m in _ARTICLE.finditer(text):
        roles.append(("article", m.group(1)))
    m = _CASE.search(text)
    if m:
        roles.append(("case", m.group(1).strip()))
    return roles


def _term_groups(words: list[str], terms: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Terms joined only by "және"/"," share one verb ("тиісінше 5 жылға және 3 жылға соттады")."""
    groups: list[list[tuple[int, int, str]]] = []
    for t in terms:
        if groups:
            gap = words[groups[-1][-1][1] : t[0]]
            if gap and all(g in ("және", ",", "мен", "пен", "бен") for g in gap):
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def _governing_verb(words: list[str], t1: int, hi: int, given: bool = False) -> int | None:
    """Index of the sentencing verb that governs a term ending at ``t1`` (None if it is not a sentence)."""
    window = words[t1 : min(hi, t1 + 10)]
    stems = (*_SENT_STEMS, *_GIVE) if given else _SENT_STEMS
    trig = next((i for i, w in enumerate(window) if w.startswith(stems) and w != "жазған"), None)
    if trig is None or any(w.startswith(_MODAL) for w in window):
        return None
    if re.match(r"(?:соттал|сотта)(?:ма|ме)", window[trig]):
        return None  # "сотталмаған": negated
    req = next((i for i, w in enumerate(window) if w.startswith(_REQUEST_STEMS)), None)
    finite = next(
        (
            i
            for i, w in enumerate(window)
            if w.startswith(_FINITE_SENT) and not re.search(r"(?:у|ү)(?:ды|ді|ға|ге|ын|ін)?$", w)
        ),
        None,
    )
    if req is not None and (finite is None or finite > req):
        return None  # a prosecutor's request
    return t1 + trig


def _pretrial(st: _Sent, words: list[str], t0: int, tpos: int, iso: str) -> bool:
    """ "тергеу изоляторына 2 айға қамауға алынды" is custody before trial, not a sentence."""
    if not words[tpos].startswith("қама"):
        return False
    if "әкімшілік" in words[t0 : tpos + 2]:
        return False
    months_only = "M" in iso and "Y" not in iso and "D" not in iso
    return months_only or st.has("изолятор", "күдік", "тергеу") or "үй қамағына" in " ".join(words)


def _gapped(st: _Sent, t1: int, hi: int) -> bool:
    """Between a term and the next one stand only a comma and one name.

    A penalty modifier may follow the term: "Ниязова 2 жылға шартты түрде, Қасымов ...".
    """
    while st.low(t1) in ("шартты", "түрде"):
        t1 += 1
    if st.low(t1) != ",":
        return False
    start = t1 + 1
    while st.low(start) in ("ал", "және"):
        start += 1  # "X-ке 7 жыл, ал Y-ке 5 жыл ... берді": a contrastive "ал" opens the next clause
    rest = set(range(start, hi))
    if not rest:
        return False
    # One name, or names joined by "пен/мен/бен/және" ("..., ал X пен Y-ке 3 жылдан").
    covered = {k for o in st.occs if o.key[0] == "Person" for k in range(o.t0, o.t1)}
    joins = {k for k in rest if st.low(k) in ("пен", "мен", "бен", "және")}
    return rest <= covered | joins and not rest <= joins


def _defendants(
    st: _Sent,
    ctx: _Context,
    persons: list[_Occ],
    lo: int,
    t0: int,
    tpos: int,
    hi: int,
    attributive: bool = True,
) -> list[_Occ]:
    """Who a sentencing verb at ``tpos`` applies to (term starts at ``t0``, clause [lo, hi))."""
    words = [w for _, _, w in st.words]
    tword = words[tpos]
    # Attributive participle: "сотталған Арон Атабек".
    if attributive and re.search(r"(?:ған|ген|қан|кен)$", tword) and tpos + 1 < len(words):
        after = [p for p in persons if tpos < p.t0 <= tpos + 8 and p.t0 < hi]
        if after:
            first = min(after, key=lambda o: o.t0)
            between = words[tpos + 1 : first.t0]
            covered = {i for o in st.occs for i in range(o.t0, o.t1)}
            # "сотталған белсендінің әйелі Гүлнар ...": the participle qualifies the
            # genitive noun, and the name after it is someone else.
            owner = any(
                re.search(r"(?:ның|нің|дың|дің|тың|тің)$", words[i])
                for i in range(tpos + 1, first.t0)
                if i not in covered
            )
            # "сотталған, ал Оспанова ...": a clause break means the name is not qualified.
            broken = any(b in (",", ":", ";", "–", "-", "—", "ал", "бірақ", "алайда") for b in between)
            if (
                not owner
                and not broken
                and not parse_terms(between)
                and not any(b.startswith(_FINITE_SENT) for b in between)
            ):
                return _chain(st, first, pool=persons)
    before = [p for p in persons if lo <= p.t0 and p.t1 <= t0 and p.case in ("nom", "acc", "dat", "other")]
    if before:
        return list(reversed(_chain(st, max(before, key=lambda o: o.t1), forward=False, pool=persons)))
    gen = [p for p in persons if lo <= p.t0 and p.t1 <= t0 and p.case == "gen"]
    if gen:
        # "Тілеуовтің ... сотталғаны", "X-тің шағымын ... оған берілген жаза"
        return [max(gen, key=lambda o: o.t1)]
    numbered = any(
        (w.isdigit() or w in NUMBER_WORDS)
        and w != "бір"
        and not st.low(i + 1).startswith(("жыл", "ай", "күн", "тәулік", "сағат", "минут", *MONTHS))
        for i, w in enumerate(words[:t0])
    )
    if any(w in _PLURAL_SUBJ for w in words[lo:t0]) and not numbered:
        # ("екі ұйымдастырушыны ұстап, сот оларға ...": a counted, unnamed group instead.)
        # "Екеуіне де 5 жылдан берілді": the people just named together.
        group = ctx.plural(st.sentence.index, count=_anaphor_count(words[lo:t0]))
        if group:
            return [_Occ(k, 0, 0, 0, 0, "nom", "") for k in group]
    if (
        any(w in _PLURAL_ACC for w in words[lo:t0])
        and not numbered
        and not any(
            re.search(r"(?:лар|лер|дар|дер|тар|тер)(?:ды|ді)$", w) and w not in _PLURAL_ACC
            for w in words[:t0]
        )
    ):
        # "Сот екеуін де 5 жылға соттады": only people named together just before
        # ("пикетшілерді ұстап, екеуін ... қамады" counts unnamed picketers).
        group = ctx.plural(st.sentence.index)
        if group:
            return [_Occ(k, 0, 0, 0, 0, "nom", "") for k in group]
    ana = _anaphor(st)
    key = ctx.salient(st.sentence.index, st, ana) if ana else None
    return [_Occ(key, 0, 0, 0, 0, "nom", "")] if key else []


def _review(st: _Sent) -> bool:
    """An appeal/cassation report: the court named there reviewed a sentence, it did not pass it."""
    return st.has("апелляц", "кассац", "шағым", "өзгеріссіз", "күшінде")


def _sentencings(st: _Sent, ctx: _Context) -> list[Fact]:
    words = [w for _, _, w in st.words]
    if any(w.startswith(_CHANGE_STEMS) for w in words) and st.has("жаза", "мерзім", "үкім"):
        return []
    text = " ".join(words)
    if ("шартты түрде босат" in text or "мерзімінен бұрын босат" in text) and st.has("өтініш", *_REFUSALS):
        return []  # a parole decision, not a sentence
    facts: list[Fact] = []
    persons = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
    # In an appeal report the named court reviewed the sentence; it did not pass it.
    court = None if _review(st) else _court(st)
    if (
        court is None
        and not _review(st)
        and ctx.last_court
        and (
            (
                st.sentence.index - ctx.last_court[0] <= 2
                and any(w in ("сот", "соттың", "сотта", "сотпен") for w in words)
            )
            or (st.sentence.index - ctx.last_court[0] == 1 and ctx.last_court_verdict)
        )
    ):
        # "Соттың шешімімен X ... айырылды" right after "<Name> соты ... үкім шығарды".
        court = ctx.last_court[1]
    # "Оған 8 жыл берілді" is a sentence only where the talk is already of one.
    # "Оған 15 тәулік әкімшілік қамау берілді" is an administrative arrest.
    given = (
        ctx.sentencing_context
        or st.has("соттал", "сотта", "үкім", "жаза", "мерзім")
        or (st.has("әкімшілік") and st.has("қамау"))
        or "сот" in words  # "Сот оған 5 жыл берді"
    )
    terms = parse_terms(words, gapped=True, given=given)
    if terms and court is None and ctx.courts and not _review(st):
        court = _court_by_level(st, ctx.courts)
    groups = _term_groups(words, terms)
    prev_end = 0
    for n, group in enumerate(groups):
        t0, t1 = group[0][0], group[-1][1]
        nxt = groups[n + 1][0][0] if n + 1 < len(groups) else len(words)
        tpos = _governing_verb(words, t1, nxt, given)
        attributive = True
        k = n
        while tpos is None and k + 1 < len(groups) and _gapped(st, groups[k][-1][1], groups[k + 1][0][0]):
            # "Әміров 6 жылға, Серікбаев 5 жылға (, Оспанов 4 жылға) сотталған": the
            # later verb serves every gapped clause before it.
            k += 1
            later_end = groups[k + 1][0][0] if k + 1 < len(groups) else len(words)
            tpos, attributive = _governing_verb(words, groups[k][-1][1], later_end, given), False
        if tpos is not None and _pretrial(st, words, t0, tpos, group[-1][2]):
            tpos = None
        if tpos is None:
            prev_end = t1
            continue
        defendants = list(
            {d.key: d for d in _defendants(st, ctx, persons, prev_end, t0, tpos, nxt, attributive)}.values()
        )
        if len(group) > 1:
            if len(defendants) != len(group):
                prev_end = tpos + 1
                continue
            pairs = list(zip(defendants, [t[2] for t in group]))
        else:
            pairs = [(d, group[0][2]) for d in defendants]
        seg_text = _segment_text(st, prev_end, min(len(words), max(tpos + 1, t1) if attributive else t1))
        lits = _literal_roles(seg_text)
        date = parse_date(_segment_text(st, prev_end, nxt)) or parse_date(st.sentence.text)
        window = words[t0 : min(max(nxt, tpos + 1), t1 + 12)]
        if not attributive:
            # A gapped clause: its own modifier ("2 жылға шартты түрде, ..."), else the one
            # shared by all before the verb ("X 2 жылға, Y 3 жылға шартты түрде сотталды").
            own = words[t0:nxt]
            window = (
                own if _penalty(own, "P1Y") != "Imprisonment" else own + words[groups[k][-1][1] : tpos + 1]
            )
        for d, iso in pairs:
            penalty = _penalty(window, iso)
            roles: list[tuple[str, object]] = [
                ("defendant", d.key),
                ("term", iso),
                ("penalty", penalty),
                *lits,
            ]
            if court:
                roles.append(("court", court))
            if date:
                roles.append(("date", date))
            facts.append(_fact("Sentencing", roles, st.sentence))
        prev_end = tpos + 1 if attributive else t1
    if facts or parse_terms(words):
        return facts
    # No term: a fine, or a named court's sentence without the term ("Тараз қалалық сотында ... сотталған").
    fine = st.has("айыппұл") and st.has("салды", "салынды", "салған", "кесілді", "тағайында", "төлеуге")
    convicted = (
        court is not None
        and any(w.startswith(("соттал", "сотталды", "соттады")) for w in words)
        and not st.has("апелляц", "кассац", "шағым", "мүмкін")
    )
    if fine or convicted:
        cands = [p for p in persons if p.case in ("nom", "acc", "dat", "other")]
        defendants = _chain(st, cands[0], pool=persons) if cands else []
        ana = _anaphor(st) if not defendants else None
        key = ctx.salient(st.sentence.index, st, ana) if ana else None
        if key:
            defendants = [_Occ(key, 0, 0, 0, 0, "nom", "")]
        for d in defendants:
            roles = [("defendant", d.key), *_literal_roles(st.sentence.text)]
            roles.append(("penalty", "Fine") if fine else ("penalty", "Imprisonment"))
            if court:
                roles.append(("court", court))
            date = parse_date(st.sentence.text)
            if date:
                roles.append(("date", date))
            facts.append(_fact("Sentencing", roles, st.sentence))
    return facts


def _with_court(
    fact: Fact, court: tuple[str, str], doc_id: str, index: int, sentence: Sentence | None = None
) -> Fact:
    """The Sentencing of the previous sentence (same article) gets the court named now
    (and, when given, that sentence as support)."""
    ev = fact.evidence
    if (
        fact.kind != "Sentencing"
        or fact.get("court")
        or ev.doc_id != doc_id
        or ev.sentence_index != index - 1
    ):
        return fact
    support = fact.support
    if sentence is not None and all(e.sentence_index != sentence.index for e in support):
        support = (*support, _evidence(sentence))
    return Fact(
        fact.kind,
        tuple(sorted((*fact.roles, ("court", court)), key=lambda r: (r[0], str(r[1])))),
        ev,
        support,
    )


# Roles a follow-up sentence may add to the event just reported, and how many
# sentences back that event may lie.
_SENTENCING_FOLLOWUP_ROLES = ("charge", "article", "case", "court", "date")
_SINGLE_ROLES = ("court", "date", "case", "place")
_PROTEST_FOLLOWUP_ROLES = ("beneficiary", "demand", "place", "date")
_FOLLOWUP_WINDOW = 3


def _merge_into(target: Fact, new: Fact, roles: Sequence[str]) -> Fact:
    """``target`` with the given roles of ``new`` it lacks, and ``new``'s sentence as support.

    Single-valued roles (court, date, case, place) and the charge/article lists are
    only filled when ``target`` has none of that role; beneficiaries and demands add up.
    """
    have = set(target.roles)
    kinds = {r for r, _ in target.roles}
    add = [
        (r, v)
        for r, v in new.roles
        if r in roles and (r, v) not in have and (r in ("beneficiary", "demand") or r not in kinds)
    ]
    support = target.support
    ev = new.evidence
    if (ev.doc_id, ev.sentence_index) != (target.evidence.doc_id, target.evidence.sentence_index) and all(
        e.sentence_index != ev.sentence_index for e in support
    ):
        support = (*support, ev)
    merged = tuple(sorted(set(target.roles) | set(add), key=lambda r: (r[0], str(r[1]))))
    return Fact(target.kind, merged, target.evidence, support)


# "бұған дейін", "бұрын", "тағы", "қайта", "ертесі", "2019 жылы да": another occasion
# ("қайта қарау" is a review demanded, not a second time).
_ANOTHER_OCCASION = re.compile(
    r"(?<!\w)(?:бұған дейін|бұрын|тағы|қайта(?!\s+қара)|ертесі|келесі күні|жыл(?:ы|ғы)? (?:да|де)|күні (?:да|де))(?!\w)"
)


def _compatible(target: Fact, new: Fact) -> bool:
    """Two readings can be one event: no single-valued role differs, and the later
    sentence does not speak of another occasion."""
    if _ANOTHER_OCCASION.search(new.evidence.sentence_text.lower()):
        return False
    return all(
        not (target.get(r) and new.get(r) and set(target.get(r)) != set(new.get(r))) for r in _SINGLE_ROLES
    )


def _sentencing_target(doc_facts: Sequence[Fact], new: Fact, index: int) -> int | None:
    """Index in ``doc_facts`` of the earlier Sentencing (with a term) a term-less one continues."""
    for i in range(len(doc_facts) - 1, -1, -1):
        f = doc_facts[i]
        if (
            f.kind == "Sentencing"
            and f.get("term")
            and f.get("defendant") == new.get("defendant")
            and 0 <= index - f.evidence.sentence_index <= _FOLLOWUP_WINDOW
            and _compatible(f, new)
        ):
            return i
    return None


def _followup_target(doc_facts: Sequence[Fact], new: Fact, index: int) -> int | None:
    """Index of the earlier fact ``new`` continues, or None when it is an event of its own."""
    if new.kind == "Sentencing":
        if new.get("term") or "Fine" in new.get("penalty"):
            return None
        return _sentencing_target(doc_facts, new, index)
    if new.kind != "Protest":
        return None
    for i in range(len(doc_facts) - 1, -1, -1):
        f = doc_facts[i]
        if f.kind != "Protest" or index - f.evidence.sentence_index > 2:
            continue
        if (
            f.evidence.sentence_index < index
            and set(f.get("protester")) == set(new.get("protester"))
            and f.get("subkind") == new.get("subkind")
            and _compatible(f, new)
        ):
            return i
        return None  # only the latest protest can be continued
    return None


def _charge_followup(st: _Sent, ctx: _Context, doc_facts: Sequence[Fact] = ()) -> Fact | None:
    """ "Ол «...» деп айыпталған", "X 174-бап бойынша сотталды": roles for an earlier sentence.

    Returns a term-less Sentencing reading (defendant + charge/article/case) that only
    survives by merging into the defendant's sentencing of the last few sentences.
    """
    words = [w for _, _, w in st.words]
    if parse_terms(words) or not st.has("айыпт", "кінәл", "бап", "соттал", "іс"):
        return None
    if any(w.startswith(_REQUEST_STEMS) for w in words):
        return None  # a prosecutor's request is not the verdict
    lits = [r for r in _literal_roles(st.sentence.text) if r[0] in ("charge", "article", "case")]
    if not lits:
        return None
    persons = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
    subj = [p for p in persons if p.case in ("nom", "gen")]
    key = None
    if subj:
        key = subj[0].key
    elif not persons:
        ana = _anaphor(st, initial_only=True)
        # "Ол" right after a verdict is its defendant, whatever case the name took there
        # ("... Ефимоваға 5 жыл ... тағайындады. Ол «...» деп айыпталған").
        last = [
            f
            for f in doc_facts
            if f.kind == "Sentencing" and 0 < st.sentence.index - f.evidence.sentence_index <= 2
        ]
        latest = [f for f in last if last and f.evidence.sentence_index == last[-1].evidence.sentence_index]
        defendants = {d for f in latest for d in f.get("defendant")}
        if ana in ("ол", "оның") and len(defendants) == 1:
            key = next(iter(defendants))  # type: ignore[assignment]
        else:
            key = ctx.salient(st.sentence.index, st, ana) if ana else None
    if key is None:
        return None
    return _fact("Sentencing", [("defendant", key), *lits], st.sentence)


def _subject_person(st: _Sent, ctx: _Context) -> list[tuple[str, str]]:
    persons = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
    if persons:
        first = persons[0]
        if first.case in ("nom", "gen", "acc", "dat", "other"):
            return [o.key for o in _chain(st, first)]
    ana = _anaphor(st)
    key = ctx.salient(st.sentence.index, st, ana) if ana else None
    return [key] if key else []


def _legal_followups(st: _Sent, ctx: _Context) -> list[Fact]:
    words = [w for _, _, w in st.words]
    text = " ".join(words)
    kind = None
    if ("шартты түрде" in text or "мерзімінен бұрын" in text) and st.has("босат") and st.has(*_REFUSALS):
        kind = "ParoleRefusal"
    elif any(w.startswith(_CHANGE_STEMS) for w in words) and st.has("жаза", "мерзім", "үкім"):
        kind = "SentenceChange"
    elif st.has("апелляц", "кассац") or ((st.has("шағым") or _review(st)) and _court(st)):
        kind = "Appeal"
    if kind is None:
        return []
    defendants = _subject_person(st, ctx)
    if not defendants:
        return []
    extra: list[tuple[str, object]] = []
    if _court(st):
        extra.append(("court", _court(st)))
    date = parse_date(st.sentence.text)
    if date:
        extra.append(("date", date))
    if kind == "SentenceChange":
        # "8 жылдан 6 жылға дейін қысқартты": the new term is the last dative one.
        terms = parse_terms([w for w in words if w not in ("дейін", "шейін")])
        if terms:
            extra.append(("term", terms[-1][2]))
    return [_fact(kind, [("defendant", d), *extra], st.sentence) for d in defendants]


def _kin_objects() -> frozenset[str]:
    """Accusative kin nouns a protester demands to free: 3rd person (ұлын) and 1st person (ағамды)."""
    out = set()
    for w in KIN_WORDS:
        out.add(w + "н")  # ұлы -> ұлын, ағасы -> ағасын
        vowel_stem = w.endswith(("сы", "сі")) and w[-3:-2] in "аоұыеәіөүэяю"
        stem = w[:-2] if vowel_stem else w[:-1]  # аға+сы, but туыс+ы
        back = next((c for c in reversed(stem) if c in "аоұыэяюеәіөүи"), "а") in "аоұыя"
        link = "" if stem[-1:] in "аоұыеәіөүэяю" else ("ы" if back else "і")
        out.add(stem + link + ("мды" if back else "мді"))  # аға -> ағамды, ұл -> ұлымды
    # Consonant stems that end in -с look like аға+сы to the rule above.
    out.update({"қарындасымды", "туысымды"})
    return frozenset(out)


_KIN_OBJECTS = _kin_objects()
# The sex a kin noun names ("әкесін": a father), for checking whom it can point to.
_KIN_SEX = (
    ("күйеу", "m"), ("әке", "m"), ("іні", "m"), ("аға", "m"), ("ұл", "m"),
    ("әйел", "f"), ("ана", "f"), ("қыз", "f"), ("әпке", "f"), ("апа", "f"), ("қарындас", "f"), ("сіңлі", "f"),
)


def _kin_sex(word: str) -> str | None:
    """"m" or "f" for a kin noun in any form ("әкесін", "қызымды"), None when it may be either."""
    return next((sex for stem, sex in _KIN_SEX if word.startswith(stem)), None)


def _name_sex(label: str) -> str | None:
    """"m" or "f" from a Kazakh or Russian surname ("Ержанова", "Жылқыбаев", "Сапарқызы")."""
    last = label.rsplit(" ", 1)[-1].lower()
    if last.endswith(("ова", "ева", "ёва", "ина", "ына", "қызы", "кызы", "ская")):
        return "f"
    if last.endswith(("ов", "ев", "ёв", "ин", "ын", "ұлы", "улы", "ский")):
        return "m"
    return None


# First person kin objects: "ұлымды" (acc) and "күйеуіме", "ұлыма" (dat: "күйеуіме бостандық").
_KIN_MINE = frozenset(
    {w for w in _KIN_OBJECTS if w.endswith(("мды", "мді"))}
    | {w[:-2] + ("а" if w.endswith("мды") else "е") for w in _KIN_OBJECTS if w.endswith(("мды", "мді"))}
)
# Kin nouns with the polite 2nd person possessive: "ұлыңыз", "әкеңіз", "қызыңыз".
_KIN_YOUR = frozenset(
    (w[:-2] if w.endswith(("сы", "сі")) else w[:-1]) + ending
    for w in KIN_WORDS
    for ending in ("ыңыз", "іңіз", "ңыз", "ңіз")
)


_NOT_BENEFICIARY_ROLES = frozenset(
    {
        "адвокат",
        "судья",
        "прокурор",
        "комиссар",
        "министр",
        "әкім",
        "депутат",
        "директор",
        "басшы",
        "төраға",
        "жетекші",
    }
)


def _role_forms(case: str) -> dict[str, str]:
    """Accusative ("блогерді", "белсендіні") or genitive ("блогердің", "ақынның") role nouns -> the role.

    Args:
        case: ``"acc"`` or ``"gen"``.
    """
    out: dict[str, str] = {}
    for word, role in ROLE_WORDS.items():
        # Officials (судья, әкім, министр ...) are not whom a crowd rallies behind.
        if word != role or " " in word or word in _NOT_BENEFICIARY_ROLES:
            continue
        back = next((c for c in reversed(word) if c in "аоұыэяюеәіөүи"), "а") in "аоұыя"
        last = word[-1]
        vowel = last in "аоұыеәіөүэяюи"
        if case == "acc":
            cons = "н" if vowel else "т" if last in "кқпстшфхч" else "д"
            ending = "ы" if back else "і"
        else:
            cons = "н" if vowel or last in "мнң" else "д" if last in "лрйузж" else "т"
            ending = "ың" if back else "ің"
        out[word + cons + ending] = role
        if word.endswith("ст"):
            out[word + ending] = role  # "журналисті", "журналистің": the usual spellings
    return out


_ROLE_OBJECTS = _role_forms("acc")
_ROLE_GENITIVES = _role_forms("gen")
# Genitive kin nouns: "күйеуі" -> "күйеуінің", "ұлы" -> "ұлының", "бауыры" -> "бауырының".
_KIN_GENITIVES = frozenset(
    w + ("ның" if next((c for c in reversed(w) if c in "аоұыэяюеәіөүи"), "а") in "аоұыя" else "нің")
    for w in KIN_WORDS
)


def _record_kin(st: _Sent, ctx: _Context) -> None:
    """Remember "X-тың анасы Y" so that Y's "ұлын босатуды" can name X.

    Also "Ұлыңыз X ..." (your son X), asked of an interviewee, for her "ұлымды" (my son),
    and "Журналистің әпкесі Y": the journalist the article is about.
    """
    persons = _persons(st)
    for i, (_, _, w) in enumerate(st.words):
        role = _ROLE_GENITIVES.get(w)
        if role is None or st.low(i + 1) not in KIN_WORDS:
            continue
        y = next((p for p in persons if p.t0 == i + 2), None)
        x_key = ctx.with_role(role, st.sentence.index)
        if y is not None and x_key is not None and x_key != y.key:
            ctx.kin[y.key] = x_key
            ctx.kin_at[y.key] = st.sentence.index
    for p in persons:
        w = st.low(p.t0 - 1)
        if w in _KIN_YOUR:
            ctx.kin_you = (st.sentence.index, p.key)
    for i, (_, _, w) in enumerate(st.words):
        # "Оның қызы Аида Әбенова ...": the relative of the person just talked about.
        # So is "Ал ұлы Ерлан ...", where the possessive ending alone says "his".
        bare = w in KIN_WORDS and (i == 0 or (i == 1 and st.low(0) in ("ал", "сондай-ақ", "енді")))
        if (w == "оның" and st.low(i + 1) in KIN_WORDS) or bare:
            y = next((p for p in persons if p.t0 == i + (1 if bare else 2)), None)
            x_key = ctx.salient(st.sentence.index, st, "оның") if y is not None else None
            if y is not None and x_key is not None and x_key != y.key:
                ctx.kin[y.key] = x_key
                ctx.kin_at[y.key] = st.sentence.index
    for x in persons:
        if x.case != "gen" or st.low(x.t1) not in KIN_WORDS:
            continue
        y = next((p for p in persons if p.t0 == x.t1 + 1), None)
        if y is not None and y.key != x.key:
            ctx.kin[y.key] = x.key
            ctx.kin_at[y.key] = st.sentence.index


def _owned_people(st: _Sent) -> int | None:
    """Index of "оның" before the people around someone: "оның жақтастары", "оның жиырмаға жуық
    жақтасы", "оның әйелі" (numbers and quantifiers may stand between); None if absent."""
    for i, (_, _, w) in enumerate(st.words):
        if w != "оның":
            continue
        for k in range(i + 1, min(i + 5, len(st.words))):
            nxt = st.low(k)
            if nxt in KIN_WORDS or nxt in _PEOPLE_OF:
                return i
            if not (nxt[:1].isdigit() or nxt in _QUANTIFIERS or nxt.startswith(_NUMBER_STEMS)):
                break
    return None


# Verbs that make a protest of an ambiguous noun: "акция өткізді", "жиынға шықты".
_PROTEST_VERBS = ("өткіз", "ұйымдастыр", "шық", "қатыс", "жаса", "жария", "ұста", "қосыл", "тоқтат", "бастад")


def _trigger_ok(words: list[str], i: int) -> bool:
    """Whether an ambiguous trigger word means a protest here.

    "аштық" is also famine ("аштық жылдары"), "акция" also company shares
    ("акцияларын сатып алды"), "жиын" also any meeting ("жиында сөз сөйледі") and
    "жиынтық" a national team: these count only with a protest verb or word nearby.
    """
    w = words[i]
    near = words[i + 1 : i + 3]
    protest_verb = any(x.startswith(_PROTEST_VERBS) for x in near)
    if w.startswith("аштық"):
        return (
            w in ("аштыққа", "аштықты", "аштықтың", "аштықта")
            or protest_verb
            or (bool(near) and near[0].startswith(("акция", "ереуіл")))  # "аштық акциясын бастады"
        )
    if w.startswith("жиынт"):
        return False
    if w.startswith(("акция", "жиын")):
        before = words[max(0, i - 2) : i]
        if any(b.startswith(("наразылық", "бейбіт", "рұқсат", "қолдау", "аштық")) for b in before):
            return True
        if w.startswith("жиын"):
            # any meeting is a "жиын": only one that demands or supports something is a protest
            return protest_verb and any(x.startswith(("талап", "босат", "бостанд", "қолда", "наразы")) for x in words)
        return protest_verb
    return True


def _intended(words: list[str], i: int) -> bool:
    """Whether the protest named at ``i`` is only intended, threatened or possible.

    "аштық жариялауға дайын", "аштық жариялайтынын айтты", "пикет өткізу ниетін
    білдірді", "шеруге шығамыз деп қорқытты", "аштық жариялауы мүмкін".
    """
    window = words[i + 1 : i + 4]
    if any(w.startswith(_INTENT) for w in window):
        return True
    return bool(window) and bool(_FUTURE_PARTICIPLE.search(window[0]))


def _protest_kind(words: list[str]) -> str | None:
    for kind, stems in _PROTEST_TRIGGERS:
        for i, w in enumerate(words):
            if w.startswith(stems) and _trigger_ok(words, i) and not _intended(words, i):
                if kind == "Rally" and i > 0 and words[i - 1].startswith("аштық"):
                    continue
                return kind
    return None


def _place(st: _Sent) -> tuple[str, str] | None:
    places = [o for o in st.occs if o.key[0] == "Place"]
    for o in places:
        if any(lm in o.key[1].lower() for lm in _LANDMARKS):
            return o.key
    for o in places:
        if o.case in ("loc", "other"):
            return o.key
    return None


def _freed_genitives(st: _Sent, persons: Sequence[_Occ]) -> list[tuple[str, str]]:
    """People whose release is demanded in the genitive: "X пен Y-тің босатылуын" (both)."""
    freed = [
        p.key for p in persons if p.case == "gen" and st.low(p.t1).startswith(("босат", "бостанд", "ақтал"))
    ]
    for p in sorted(persons, key=lambda o: -o.t0):
        # The genitive ending of the last coordinated name serves the names before it.
        nxt = next((q for q in persons if q.t0 == p.t1 + 1), None)
        if (
            nxt is not None
            and nxt.key in freed
            and p.key not in freed
            and st.low(p.t1) in ("пен", "мен", "бен", "және", ",")
        ):
            freed.append(p.key)
    return sorted(freed)


def _capitalised(st: _Sent, i: int) -> bool:
    """Whether token i is written with a capital letter in the sentence."""
    a = st.words[i][0] - st.sentence.start
    return st.sentence.text[a : a + 1].isupper()


def _protests(st: _Sent, ctx: _Context) -> list[Fact]:
    words = [w for _, _, w in st.words]
    kind = _protest_kind(words)
    # "ақтауды талап етті" (acquittal), not the city "Ақтауда"; «Бостандық X-ке!», not the
    # Almaty district "Бостандық ауданы / аудандық соты".
    demand = any(
        w.startswith("босат")
        or (
            w.startswith("бостанд")
            and not (_capitalised(st, i) and st.low(i + 1).startswith("аудан"))
            and not (w.startswith("бостандыққа") and st.low(i + 1).startswith(("шық", "шыға")))  # was freed
        )
        or (w.startswith("ақта") and not _capitalised(st, i))
        for i, w in enumerate(words)
    )
    # "ісін қайта қарауды талап етті": a retrial is demanded for someone.
    review = any(
        words[i] == "қайта" and words[i + 1].startswith("қара") for i in range(len(words) - 1)
    ) and st.has("талап")
    continuation = False
    if kind is None:
        # "Ол ... X-ті босатуды талап етті" right after a protest continues it.
        # So does "Ол «X-ке бостандық!» деген плакат ұстап тұрды".
        if (
            ctx.last_protest
            and st.sentence.index - ctx.last_protest[0] <= 2
            and (demand or review)
            and st.has("талап", "плакат", "транспарант", "ұран")
        ):
            kind, continuation = ctx.last_protest[1], True
        elif demand and st.has("плакат", "транспарант"):
            # "X «Y-ке бостандық!» деген плакатпен тұрды": a picket without the word.
            kind = "Picket"
        elif demand and st.has("ұран") and any(w in ("көтерді", "көтеріп", "айтты", "айтып", "шырқады") for w in words):
            # "X пен Y «Z-ке бостандық!» деп ұран көтерді": slogans chanted for someone.
            kind = "Rally"
        elif (
            "алдында" in words
            and st.has("жиналы", "жиналд", "жиналған")
            and (demand or st.has("қолда", "талап"))
        ):
            # "Сот ғимараты алдында 20 адам жиналып, X-ті қолдады": a rally without the word.
            kind = "Rally"
        elif (
            ctx.unnamed_protest
            and st.sentence.index - ctx.unnamed_protest[0] == 1
            and words[:1] in (["олардың"], ["араларында"])
            and any(w in ("арасында", "қатарында", "ішінде") for w in words[:3])
        ):
            # "20-дан астам адам жиналды ... Олардың арасында X пен Y бар": named protesters.
            named = [p for p in _persons(st) if p.case == "nom" and not _is_official(st, p)]
            if not named:
                return []
            _, kind, bens = ctx.unnamed_protest
            keys = [o.key for o in _chain(st, named[0])]
            roles_u: list[tuple[str, object]] = [("subkind", kind)]
            roles_u += [("protester", k) for k in keys]
            roles_u += [("beneficiary", b) for b in bens if b not in keys]
            ctx.last_protest = (st.sentence.index, kind)
            ctx.last_protesters = tuple(keys)
            return [_fact("Protest", roles_u, st.sentence)]
        else:
            return []
    persons = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
    # "X үшін шеруге шықты": X is the one protested for, never the protester.
    for_whom = [p for p in persons if p.case == "nom" and st.low(p.t1) == "үшін"]
    persons = [p for p in persons if p not in for_whom]
    protesters: list[tuple[str, str]] = []
    ana0 = _anaphor(st, initial_only=True)
    # "Оның жақтастары / әйелі ... пикетке шықты": his supporters or his wife protest,
    # for him; he is the one protested for, not the protester.
    owner = None
    owned = _owned_people(st)
    if owned is not None:
        # the latest person named who is no lawyer, judge or other official
        # ("Қожахметовтің адвокаты Г. Бажкенова ..." is not the one his supporters stand for)
        owner = ctx.salient(st.sentence.index, st, "оның", exclude_roles=_NOT_BENEFICIARY_ROLES)
        if ana0 == "оның":
            ana0 = None
        if owner in ctx.last_protesters and ctx.last_protest and st.sentence.index - ctx.last_protest[0] <= 2:
            owner = None  # "X шеруге шықты. Оның әйелі де шеруге қатысты": she joined his protest
    if owner is not None:
        for_whom_keys = [owner]
    else:
        for_whom_keys = []
    if st.low(0) == "олар" and ctx.last_protest and st.sentence.index - ctx.last_protest[0] <= 2:
        # "Олар ..." right after a protest: the same protesters.
        protesters = list(ctx.last_protesters)
    elif (
        ana0 and ana0 not in ("оны", "оған") and (ana0 != "оның" or not any(p.case == "nom" for p in persons))
    ):
        key = ctx.salient(st.sentence.index, st, ana0)
        protesters = [key] if key else []
    if not protesters:
        noms = [p for p in persons if p.case == "nom"]
        # "Полиция пикетке шыққан Дана Жанайды ұстады": the one the protest participle
        # describes protested, whatever her case in the sentence.
        described = [
            p
            for p in persons
            if re.match(r"(?:шық|шыға|өткіз|қатыс|жария|ұйымдастыр)\w*(?:ған|ген|қан|кен)$", st.low(p.t0 - 1))
            and any(_protest_kind([st.low(k)]) for k in range(max(0, p.t0 - 4), p.t0 - 1))
        ]
        if noms:
            protesters = [o.key for o in _chain(st, noms[0])]
        elif described:
            protesters = [o.key for o in _chain(st, described[0])]
    if not protesters:
        groups = [
            o
            for o in st.occs
            if o.key[0] in ("Group", "Organization")
            and o.case == "nom"
            and not st.low(o.t1).startswith(_SITE_NOUNS)
            and not _state_body(o.key[1])
            and o.key != POLITICAL_PRISONERS
            and o.key[1].lower() not in GENERIC_GROUPS
            and not _is_title(st, o)
        ]
        if groups and not continuation:
            protesters = [groups[0].key]
    if not protesters and owned is None:
        ana = _anaphor(st)
        # Object pronouns (оны, оған) name the beneficiary, never the protester.
        key = ctx.salient(st.sentence.index, st, ana) if ana and ana not in ("оны", "оған") else None
        protesters = [key] if key else []
    if not protesters:
        if not continuation:
            # An unnamed crowd: remember whom it stood for, its members may be named next.
            bens = tuple(
                dict.fromkeys(
                    for_whom_keys
                    + [p.key for p in persons if p.case == "acc" and st.has("қолда", "босат", "ақта")]
                    # "X-ке қолдау білдірді": support expressed to X
                    + [p.key for p in persons if p.case == "dat" and st.low(p.t1).startswith("қолда")]
                    + _freed_genitives(st, persons)
                )
            )
            ctx.unnamed_protest = (st.sentence.index, kind, bens)
            # "Үш әйел пикет өткізді. X ұлын босатуды талап етті": named demands continue it.
            ctx.last_protest = (st.sentence.index, kind)
            ctx.last_protesters = ()
            ctx.last_beneficiaries = bens
        return []
    beneficiaries: list[tuple[str, str]] = []
    supportive = demand or review or st.has("қолда", "қорға", "үшін", "атынан")
    beneficiaries += [p.key for p in for_whom if p.key not in protesters]
    beneficiaries += [k for k in for_whom_keys if k not in protesters and k not in beneficiaries]
    if any(
        w in ("оны", "оларды") and st.low(i + 1).startswith(("қолда", "босат", "ақта"))
        for i, w in enumerate(words)
    ):
        # "Оны қолдап, досы X те аштыққа қосылды": the person just talked about.
        key = ctx.salient(st.sentence.index, st, "оны")
        if key is not None and key not in protesters and key not in beneficiaries:
            beneficiaries.append(key)
    freed = _freed_genitives(st, persons)
    beneficiaries += [k for k in freed if k not in protesters and k not in beneficiaries]
    if supportive:
        # "... пикетке шығып, блогерді қолдады": a role noun for a person just named.
        for w in words:
            role = _ROLE_OBJECTS.get(w)
            key = ctx.with_role(role, st.sentence.index) if role else None
            if key is not None and key not in protesters and key not in beneficiaries:
                beneficiaries.append(key)
        for p in persons:
            if p.key in protesters:
                continue
            near_freedom = any(st.low(i).startswith("бостанд") for i in (p.t0 - 1, p.t0 - 2, p.t1, p.t1 + 1))
            if (
                p.case == "acc"
                or (
                    p.case == "gen"
                    and (
                        st.low(p.t1).startswith(("босат", "бостанд", "ақтал", "сурет", "портрет", "есім"))
                        or (st.low(p.t1) == "ісін" and review)
                    )
                )
                or (p.case == "dat" and near_freedom)  # «Бостандық Арон Атабекке!»
                or (p.case == "dat" and st.low(p.t1).startswith("қолда"))  # "X-ке қолдау білдірді"
            ):
                beneficiaries.append(p.key)
        for o in st.occs:
            # "оны саяси тұтқын деп атады" names a category, not the people protested for;
            # "саяси тұтқын деп танығандарды босату" does mean those people.
            # So does "ұлының саяси тұтқын екенін айтып" (saying that he is one).
            category = (
                st.low(o.t1) == "деп" and not re.match(r"таны(?:ған|лған)(?:дар|ды)", st.low(o.t1 + 1))
            ) or st.low(o.t1).startswith("екен")
            if o.key == POLITICAL_PRISONERS and not category:
                beneficiaries.append(POLITICAL_PRISONERS)
                break
        # "Сейітжанұлының анасы Күләш ... ұлын босатуды талап етті": the relative named before.
        # "күйеуінің ісін қайта қарауды", "ұлының босатылуын" name the relative too.
        kin_gen = any(
            w in _KIN_GENITIVES and st.low(i + 1).startswith(("іс", "босат", "бостанд", "ақтал"))
            for i, w in enumerate(words)
        )
        if kin_gen or any(w in _KIN_OBJECTS or w in _KIN_MINE for w in words):
            sexes = {
                _kin_sex(w) for w in words if w in _KIN_OBJECTS or w in _KIN_MINE or w in _KIN_GENITIVES
            }
            for p in protesters:
                rel = ctx.kin.get(p)
                if rel is not None and len(sexes) == 1 and None not in sexes:
                    # "Ұлы Ерлан әкесін қолдап": his father, not the mother he was named after.
                    hops = [rel, ctx.kin.get(rel)]
                    rel = next((r for r in hops if r is not None and _name_sex(r[1]) in sexes), None)
                    if rel is None and _name_sex(hops[0][1]) is None:
                        rel = hops[0]
                if rel is not None and rel != p and rel not in beneficiaries:
                    beneficiaries.append(rel)
            first_person = any(w in _KIN_MINE for w in words)
            if (
                first_person
                and not beneficiaries
                and ctx.kin_you
                and st.sentence.index - ctx.kin_you[0] <= 8
                and ctx.kin_you[1] not in protesters
            ):
                # "Ұлыңыз X ...?" – "... ұлымды босатуды талап етемін, – дейді Y."
                beneficiaries.append(ctx.kin_you[1])
    if not beneficiaries:
        # "Белсендінің жұбайы Жанна ... жалғыз пикет өткізді": a relative introduced as such in
        # the sentence of her protest stands for him (unless he is protesting with her).
        beneficiaries = [
            ctx.kin[p]
            for p in protesters
            if ctx.kin_at.get(p) == st.sentence.index and ctx.kin[p] not in protesters
            and not (ctx.kin[p] in ctx.last_protesters and ctx.last_protest
                     and st.sentence.index - ctx.last_protest[0] <= 2)
        ]
    if (
        not beneficiaries
        and ctx.last_protest
        and st.sentence.index - ctx.last_protest[0] == 1
        and ctx.last_protest[1] == kind
        and any(re.match(r"(?:шеру|акция|пикет|митинг|наразылық|аштық)\w*", w) for w in words)
        and st.has("қатысқан", "қатысушы", "ұйымдастыр")
    ):
        # "Шеруге қатысқан X мен Y ...": participants of the march just reported stood
        # for the same people.
        beneficiaries = [b for b in ctx.last_beneficiaries if b not in protesters]
    roles: list[tuple[str, object]] = [("subkind", kind)]
    roles += [("protester", k) for k in protesters]
    roles += [("beneficiary", k) for k in beneficiaries]
    if demand:
        roles.append(("demand", "release"))
    place = _place(st)
    if place:
        roles.append(("place", place))
    date = parse_date(st.sentence.text)
    if date:
        roles.append(("date", date))
    ctx.last_protest = (st.sentence.index, kind)
    ctx.last_protesters = tuple(protesters)
    ctx.last_beneficiaries = tuple(beneficiaries)
    return [_fact("Protest", roles, st.sentence)]


def _coordinated(st: _Sent, occs: Sequence[_Occ]) -> list[tuple[str, str]]:
    """Keys of the occurrences joined to the first one by "мен", "және", "да", commas.

    Args:
        st: The sentence.
        occs: Candidate occurrences in text order.

    Returns:
        The distinct keys of the first occurrence and those coordinated with it.
    """
    keys = [occs[0].key]
    last = occs[0]
    for o in occs[1:]:
        if o.t0 < last.t1 or o.key in keys:
            last = o if o.t1 > last.t1 else last
            continue
        gap = [st.low(i) for i in range(last.t1, o.t0)]
        if not gap or not all(w in _SEPARATORS or w in (",", "да", "де", "та", "те") for w in gap):
            break
        if _state_body(o.key[1]):
            break
        keys.append(o.key)
        last = o
    return keys


def _list_possessor(st: _Sent, cands: Sequence[_Occ]) -> _Occ | None:
    """The genitive owner of a list: "альянстың соңғы тізімінде", "қорының саяси тұтқындар тізімі"."""
    for o in cands:
        if o.case != "gen":
            continue
        i = o.t1
        while i < o.t1 + 4 and st.low(i) in _LIST_ADJ:
            i += 1
        if i > o.t1 and st.low(i) in _POSSESSED_LIST:
            return o
    return None


def _predicate(st: _Sent, o: _Occ) -> bool:
    """Whether a group noun is the predicate at the end: "X — ар-ождан тұтқыны (болып табылады)"."""
    if o.case not in ("nom", "other"):
        return False
    tail = [st.low(i) for i in range(o.t1, len(st.words))]
    return all(not w.isalpha() or w in ("болып", "табылады", "саналады", "еді", "екен") for w in tail)


_QUOTE_CLOSE = frozenset({"»", '"', "”", "“"})


def _quoted_claim(st: _Sent) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """(person, speaker) of "«..., X – саяси тұтқын», – деді құқық қорғаушы Y".

    The quote ends in "X – саяси тұтқын (ар-ождан тұтқыны)"; a speech verb after it is
    followed by the speaker's name (a title may stand between).
    """
    persons = _persons(st)
    for o in st.occs:
        if o.key != POLITICAL_PRISONERS or o.case not in ("nom", "other"):
            continue
        v = o.t1
        while v < len(st.words) and not st.low(v).isalpha():
            v += 1
        if v >= len(st.words) or not st.low(v).startswith(("деді", "дейді", "деп", "айтты", "мәлімдеді")):
            continue
        between = st.sentence.text[o.end - st.sentence.start : st.words[v][0] - st.sentence.start]
        if not any(ch in between for ch in _QUOTE_CLOSE):
            continue  # the claim must close a quote
        # the name nearest the end of the attribution: "дейді Amnesty өкілі Дина Омарова"
        speaker = next((p for p in reversed(persons) if v < p.t0 <= v + 6), None)
        subject = next(
            (
                p
                for p in persons
                if p.case == "nom" and p.t1 < o.t0 and all(not st.low(k).isalpha() for k in range(p.t1, o.t0))
            ),
            None,
        )
        if speaker is not None and subject is not None and speaker.key != subject.key:
            return subject.key, speaker.key
    return None


def _first_person_plural(words: Sequence[str]) -> bool:
    """Whether the speaker talks as "we" (біз, біздің, санаймыз, енгіздік)."""
    return any(w in ("біз", "біздің", "бізде", "бізге") or w.endswith(("мыз", "міз")) for w in words)


def _affiliation(st: _Sent, ctx: _Context, person: tuple[str, str]) -> tuple[str, str] | None:
    """The organisation a named speaker represents: "«Тірек» альянсының үйлестірушісі Y",
    "орталық директоры Y" (a head noun for the organisation named before).
    """
    occ = next((o for o in reversed(st.occs) if o.key == person), None)
    if occ is None or occ.t0 < 2:
        return None
    role = st.low(occ.t0 - 1)
    if not (role in ROLE_WORDS or (role.isalpha() and role.endswith(("сы", "сі", "ы", "і")))):
        return None
    org = next(
        (
            o
            for o in st.occs
            if o.t1 == occ.t0 - 1
            and o.case == "gen"
            and o.key[0] in ("Organization", "Group")
            and o.key != POLITICAL_PRISONERS
        ),
        None,
    )
    if org is not None:
        return org.key
    return ctx.org_heads.get(st.low(occ.t0 - 2))


def _org_anaphor(st: _Sent, ctx: _Context) -> tuple[str, str] | None:
    """The organisation a bare head noun stands for ("Бюро ...", "Альянс ..."), as a subject."""
    for i, (_, _, w) in enumerate(st.words):
        head = w if w in _ORG_HEAD_NOUNS else None
        if head is None and st.low(i + 1) in _SPEECH:
            # "Бюроның мәліметінше": the source of the statement.
            head = next((h for h in _ORG_HEAD_NOUNS if w.startswith(h) and len(w) - len(h) <= 4), None)
        if head is None or any(o.t0 <= i < o.t1 for o in st.occs):
            continue
        if head in ctx.org_heads:
            return ctx.org_heads[head]
        if (
            head == "ұйым"
            and ctx.last_orgs
            and st.sentence.index - ctx.last_orgs[0] <= 2
            and len(ctx.last_orgs[1]) == 1
        ):
            # "Халықаралық амнистия үндеу жариялады. Үндеуде ұйым X-ті ... деп атады."
            return ctx.last_orgs[1][0]
    return None


_LEADER_TITLES = frozenset(
    ["директоры", "басшысы", "төрағасы", "жетекшісі", "өкілі", "үйлестірушісі", "президенті", "хатшысы"]
)
_PASSIVE_LISTING = ("танылд", "танылған", "аталд", "аталған", "енгізілд", "енгізілген", "қосылд", "қосылған")


def _listings(
    st: _Sent, ctx: _Context, doc_has_pp: bool, doc_pp_later: bool = False
) -> tuple[list[Fact], bool]:
    """Listing facts of one sentence, and whether the list came from a placard."""
    words = [w for _, _, w in st.words]
    if st.sentence.text.rstrip().endswith("?"):
        return [], False  # "Сіз оны саяси тұтқын деп санайсыз ба?": a question asserts nothing
    has_pp = any(o.key == POLITICAL_PRISONERS for o in st.occs)
    list_tok = [
        i
        for i, w in enumerate(words)
        if w in _LIST_FORMS and not any(words[j].startswith(_LIST_EXCLUDE) for j in range(max(0, i - 2), i))
    ]
    qatar = any(w == "қатарына" for w in words) and st.has("енгіз", "қос", "ен", "қосыл")
    # "саяси тұтқындардың қатарында X аталған / бар / көрсетілген".
    qatar = qatar or (
        any(
            w in ("қатарында", "арасында") and i > 0 and words[i - 1].startswith("тұтқын")
            for i, w in enumerate(words)
        )
        and (st.has("атал", "көрсетіл", "ен", "кір") or "бар" in words)
    )
    deptany = any(
        words[i] in ("деп", "ретінде")
        # "таниды" is таны- + -йды in the present tense
        # "ретінде атап өтті": named as one in a report
        and words[i + 1].startswith(
            ("таны", "тани", "жариял", "сана", "есепте", "атады", "атаған", "атап", "мәлімде")
        )
        for i in range(len(words) - 1)
    ) or any(
        # "X-тің саяси тұтқын екенін мәлімдеді": declared that X is one
        words[i] in ("екенін", "екендігін")
        and words[i - 1].startswith("тұтқын")
        and words[i - 2] in ("саяси", "ар-ождан")
        and words[i + 1].startswith(("мәлімде", "айтты", "атап", "жазды"))
        # ... of a person named right there, not "ұлының" (a relative's claim)
        and any(o.key[0] == "Person" and o.case == "gen" and o.t1 == i - 2 for o in st.occs)
        for i in range(2, len(words) - 1)
    )
    if any(
        _NEGATED_LISTING.match(w)
        for w in words
    ):
        return [], False  # "тізіміне енгізбеген": a negated listing
    if any(
        words[i].startswith(_LIST_VERBS)
        and re.search(r"(?:у|ү)(?:ды|ді|ға|ге)$", words[i])
        and words[i + 1].startswith(_REQUEST_STEMS)
        for i in range(len(words) - 1)
    ):
        return [], False  # "тізіміне қосуды сұрап": asking to be listed is not a listing
    acts = [w for w in words if w.startswith(("енгіз", "қос", "таны", "тани", "кіргіз"))]
    if acts and all(_VERBAL_NOUN.search(w) for w in acts):
        # "тізіміне қосу мәселесін қарап жатыр", "тізімге қосылуы мүмкін", "деп тануы
        # мүмкін": only the idea of listing (a verbal noun), no listing done.
        return [], False
    if any(_RECOGNISED_ONES.match(w) for w in words):
        return [], False  # "саяси тұтқын деп танығандарды": those recognised, not named here
    # "тізімінен орын алды" (took a place on the list) is the one ablative that lists.
    place_in_list = any(
        w.startswith(_LIST_REMOVAL) and st.low(i + 1) == "орын" and st.low(i + 2).startswith("ал")
        for i, w in enumerate(words)
    )
    if place_in_list:
        list_tok = list_tok or [i for i, w in enumerate(words) if w.startswith(_LIST_REMOVAL)]
    elif any(w.startswith(_LIST_REMOVAL) for w in words):
        ctx.list_items = -10  # "Тізімнен алынғандар:" heads items that are not listed
        return [], False  # "тізімнен шығарылды": taken off the list, the opposite of a listing
    # "саяси қудалау / қуғын-сүргін құрбаны деп санайды": the monitors' other name for a
    # political prisoner.
    victim = any(
        words[i] == "саяси" and words[i + 1].startswith(("қудал", "қуғын")) and words[i + 2].startswith("құрбан")
        for i in range(len(words) - 2)
    )
    # "X-ке саяси тұтқын мәртебесі берілді / мәртебесін берді".
    status = (has_pp or victim) and st.has("мәртебе") and st.has(*_GIVE, "ие болды", "алды")
    # "Тізімге жаңадан енгізілгендер:" then "1. X", "2. Y" on lines of their own.
    alpha = [w for w in words if w.isalpha()]
    item = (
        ctx.list_items == st.sentence.index - 1
        and ctx.last_listing is not None
        and (
            bool(_BULLET.match(st.sentence.text))
            # short lines without bullets, unless the list's items so far had bullets
            or (ctx.list_colon and len(alpha) <= 8 and not ctx.list_bullets)
            # "... үш белсенді бар. Олар — X, Y және Z."
            or (words[:1] in (["олар"], ["бұлар"]) and st.low(1) in ("—", "–", "-", ":"))
        )
    )
    owner = _list_possessor(
        st, [o for o in st.occs if o.key != POLITICAL_PRISONERS and o.key[0] in ("Group", "Organization")]
    )
    # "Құқық қорғаушылардың соңғы тізімінде ... бар" in an article about political prisoners.
    owned_list = owner is not None and doc_pp_later and bool(list_tok)
    among = (
        ctx.last_listing is not None
        and st.sentence.index - ctx.last_listing[0] <= 2
        and any(w in ("арасында", "қатарында", "ішінде") for w in words)
        and next((w for w in reversed(words) if w.isalpha()), "")
        in ("бар", "енді", "енген", "кірді", "кірген")
    )
    # "Тізімде 42 адам бар. Жаңадан қосылғандар: X; Y; Z": those added to the list just reported.
    added = (
        ctx.last_listing is not None
        and st.sentence.index - ctx.last_listing[0] <= 2
        and any(_ADDED_ONES.match(w) for w in words)
    )
    among = among or added
    persons = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
    # "ЕҚЫҰ ... саяси себептермен қамалған адамдарды босатуға шақырды. Мәлімдемеде X, Y
    # аталған": naming people jailed for political motives is a listing by the author.
    political = any(
        words[i] == "саяси" and words[i + 1].startswith(_POLITICAL_MOTIVE) for i in range(len(words) - 1)
    ) and not st.has("жоқ", "емес")
    author = next(
        (
            o.key
            for o in st.occs
            if o.key[0] in ("Organization", "Group")
            and o.case == "nom"
            and o.key != POLITICAL_PRISONERS
            and not _state_body(o.key[1])
            and o.key[1].lower() not in GENERIC_GROUPS
            and not _is_title(st, o)
        ),
        None,
    )
    if author is None and ctx.last_author and st.sentence.index - ctx.last_author[0] <= 1 and political:
        # "БҰҰ-ның ... баяндамашысы мәлімдеме жасады. Баяндамашы саяси көзқарасы үшін
        # қудаланғандардың ішінде X-ті атап өтті": the organisation of the sentence before.
        author = ctx.last_author[1]
    elif author is not None:
        ctx.last_author = (st.sentence.index, author)
    orgs = [
        o.key
        for o in st.occs
        if o.key[0] == "Organization"
        and o.case == "nom"
        and not _state_body(o.key[1])
    ]
    if orgs:
        ctx.last_orgs = (st.sentence.index, tuple(dict.fromkeys(orgs)))
    if political and author and not persons:
        ctx.political_statement = (st.sentence.index, author)
    statement = (
        ctx.political_statement is not None
        and 0 < st.sentence.index - ctx.political_statement[0] <= 2
        and st.has(*_STATEMENT_NOUNS)
        and st.has("атал", "көрсетіл", "есім")
        and bool(persons)
    )
    # "Халықаралық амнистияның бағалауынша, X — ар-ождан тұтқыны": the source's verdict.
    source = next(
        (
            o
            for o in st.occs
            if o.key[0] in ("Organization", "Group")
            and o.case == "gen"
            and o.key != POLITICAL_PRISONERS
            and st.low(o.t1).startswith(_SPEECH)
            and not _state_body(o.key[1])
        ),
        None,
    )
    opinion = (
        source is not None
        and has_pp
        and not st.has("емес", "жоқ")
        and any(
            p.case == "nom"
            and any(o.key == POLITICAL_PRISONERS and o.t0 > p.t0 and _predicate(st, o) for o in st.occs)
            for p in persons
        )
    )
    if source is not None and has_pp and not persons and not st.has("емес", "жоқ"):
        # "Бюроның мәліметінше, елде 40-тан астам саяси тұтқын бар." heads a list of names
        # that may follow ("Олардың қатарында:", then "– X (6 жыл)" lines).
        ctx.last_listing = (st.sentence.index, source.key)
        ctx.list_items = st.sentence.index
        ctx.list_colon = st.sentence.text.rstrip().endswith(":")
        ctx.list_bullets = False
        return [], False
    if (
        not persons
        and words[:1] in (["олардың"], ["оның"], ["солардың"])
        and st.low(1) in ("қатарында", "арасында", "ішінде")
        and st.sentence.text.rstrip().endswith(":")
        and ctx.last_listing is not None
        and ctx.list_items == st.sentence.index - 1
    ):
        ctx.list_items = st.sentence.index  # "Олардың қатарында:" continues the header
        ctx.list_colon = True
        ctx.list_bullets = False
        return [], False
    plural_ref = any(w in _PLURAL_OBJ or w in _PLURAL_SUBJ or w in _PLURAL_NOUNS for w in words)
    motive = political and (persons or plural_ref)
    claim = _quoted_claim(st) if has_pp else None
    # "Еуропа парламенті қарар қабылдады. Қарарда ... саяси тұтқындар X пен Y-ны босатуға
    # шақырды": the statement just made calls them political prisoners.
    appositive = (
        has_pp
        and words[:1] != []
        and words[0] in _IN_STATEMENT
        and ctx.last_author is not None
        and st.sentence.index - ctx.last_author[0] == 1
        and not st.has("емес", "жоқ")
        and any(
            o.key == POLITICAL_PRISONERS and any(p.t0 == o.t1 for p in persons) for o in st.occs
        )
    )
    if not (
        (list_tok and (has_pp or doc_has_pp))
        or ((qatar or deptany) and (has_pp or victim))
        or status
        or among
        or statement
        or motive
        or item
        or owned_list
        or opinion
        or claim
        or appositive
    ):
        return [], False
    colon = st.sentence.text.rstrip().endswith(":")
    if colon or item or (not persons and (list_tok or qatar)):
        # A header ("Тізімге енгізілгендер:", "Тізімде үш белсенді бар.") or an item: the
        # next lines may carry the names.
        ctx.list_colon = colon or (item and ctx.list_colon)
        ctx.list_items = st.sentence.index
        ctx.list_bullets = item and bool(_BULLET.match(st.sentence.text))
    lister: tuple[str, str] | None = None
    placard = False
    cands = [
        o
        for o in st.occs
        if o.key != POLITICAL_PRISONERS
        and o.key[0] in ("Person", "Group", "Organization")
        and not _is_title(st, o)
        # A singular group noun ("Құқық қорғаушы ...") is somebody's title, never a lister.
        and not (
            o.key[0] == "Group"
            and not _PLURAL_END.search(lower(o.text).split()[-1] if o.text.split() else "")
        )
    ]
    for o in cands:  # possessor of the list or placard
        nxt = st.low(o.t1)
        if nxt.startswith(("плакат", "тізім")) and nxt not in ("тізім", "тізімге", "тізімде"):
            lister, placard = o.key, nxt.startswith("плакат")
            break
    if lister is None and owner is not None:
        lister = owner.key
    if lister is None and claim is not None:
        lister = claim[1]
    if lister is None and appositive and ctx.last_author is not None:
        lister = ctx.last_author[1]
    if lister is None and opinion and source is not None:
        lister = source.key
    if lister is None:
        for o in cands:  # "Құқық қорғаушылар ұсынған тізім"
            if any(st.low(i) in _COMPILE_VERBS for i in range(o.t1, o.t1 + 2)):
                lister = o.key
                break
    if lister is None and statement and ctx.political_statement:
        lister = ctx.political_statement[1]
    in_statement = bool(words[:1]) and (
        words[0] in _IN_STATEMENT
        # "Есепке / Баяндамаға сәйкес, ... деп танылды"
        or (words[0].startswith(("есеп", "баяндама", "мәлімдеме", "үндеу", "хат")) and st.low(1) == "сәйкес")
    )
    if lister is None and in_statement and ctx.last_author and st.sentence.index - ctx.last_author[0] == 1:
        lister = ctx.last_author[1]  # "Бюро мәлімдеме таратты. Онда X ... деп танылды."
    if lister is None and motive and author:
        lister = author
    coordinated: list[tuple[str, str]] = []
    exclude_speaker: tuple[str, str] | None = None
    # The people a listing verb takes as its object: accusative ("X-ті ... деп таныды"), or
    # the genitive of "X-тің саяси тұтқын екенін мәлімдеді".
    objects = [p for p in persons if p.case == "acc" or (p.case == "gen" and st.low(p.t1) in ("саяси", "ар-ождан"))]
    if lister is None and (qatar or deptany or status or any(w.startswith(_LIST_VERBS) for w in words)):
        subj = [o for o in cands if o.case == "nom" and o.key[0] != "Person"]
        if subj:
            lister = subj[0].key
            # "Оны «А» ұйымы да, «Б» бюросы да ... қатарына қосты": every coordinated subject.
            coordinated = _coordinated(st, subj)
        elif objects or any(w == "оны" or w in _PLURAL_OBJ for w in words):
            nom_persons = [p for p in persons if p.case == "nom"]
            if nom_persons:
                lister = nom_persons[0].key
    if lister is None and words[:1] != ["тізімде"] and any(w in ("біз", "мен") for w in words):
        # «Біз X-ті саяси тұтқын деп санаймыз», – деді ол: the speaker lists them.
        for i, w in enumerate(words):
            if w in ("деді", "дейді", "айтты", "мәлімдеді"):
                after = [p for p in _persons(st) if p.t0 in (i + 1, i + 2)]
                if after:
                    lister = after[0].key
                elif "ол" in (st.low(i + 1), st.low(i - 1)):
                    lister = ctx.salient(st.sentence.index, st, "ол")
                break
    if lister is not None and lister[0] == "Person" and _first_person_plural(words):
        # "Біз X-ті ... санаймыз, – дейді орталық директоры Y": Y speaks for the centre.
        speaker = lister
        lister = _affiliation(st, ctx, lister) or lister
        if lister != speaker:
            exclude_speaker = speaker
    if lister is None:
        lister = _org_anaphor(st, ctx)
    if lister is None:
        if ctx.last_listing and st.sentence.index - ctx.last_listing[0] <= 2:
            lister = ctx.last_listing[1]
        elif st.sentence.index - ctx.last_placard <= 2:
            lister = ctx.salient(st.sentence.index, st, "белсенді")
            placard = lister is not None
    # "Бекқожина басқаратын қор ...": the subject of a relative clause is not on the list.
    # "Ұйымның басшысы X Y-ті саяси тұтқын деп таныды": with an accusative object, the
    # nominative X is the one who speaks, not one listed.
    has_object = deptany and bool(objects)
    # "Бюро директоры X ... атап өтті": an organisation's head speaking for it, unless the
    # verb is passive ("партиясының төрағасы X саяси тұтқын деп танылды" lists X).
    # A list's items carry their titles ("тізімге ... бірлестігінің жетекшісі X енген").
    passive = any(w.startswith(_PASSIVE_LISTING) for w in words) or bool(list_tok) or qatar or item or among
    titled = [p for p in persons if p.case == "nom" and st.low(p.t0 - 1) in _LEADER_TITLES]
    if titled and not passive and lister is None and exclude_speaker is None and (objects or motive):
        # "Бюросының директоры Е. Жовтис Е. Елшібаевтың ісін саяси астарлы деп атады":
        # the head speaks for the bureau; he is its voice, not one of those listed.
        exclude_speaker = titled[0].key
        lister = _affiliation(st, ctx, titled[0].key) or titled[0].key
    listed = [
        p.key
        for p in persons
        if p.key not in (lister, exclude_speaker)
        and not re.search(r"(?:атын|етін|йтын|йтін)$", st.low(p.t1))
        and not (has_object and p.case == "nom")
        and not (p.case == "nom" and not passive and st.low(p.t0 - 1) in _LEADER_TITLES and lister is not None)
    ]
    if not listed and (any(w in _PLURAL_OBJ for w in words) or (motive and plural_ref)):
        # "Құқық қорғаушылар оларды саяси тұтқын деп таныды": the people just named together.
        listed = [k for k in ctx.plural(st.sentence.index, count=_anaphor_count(words)) if k != lister]
    if not listed and any(w in ("оны", "оларды") for w in words):
        # "Құқық қорғаушылар оны саяси тұтқын деп таныды": the person just talked about.
        key = ctx.salient(st.sentence.index, st, "оны")
        listed = [key] if key and key != lister else []
    if not listed and lister is not None:
        # "Amnesty International ұйымы белсендіні ар-ождан тұтқыны деп таныды": a role noun
        # for the activist named before.
        for w in words:
            role = _ROLE_OBJECTS.get(w)
            key = ctx.with_role(role, st.sentence.index) if role else None
            if key is not None and key != lister:
                listed = [key]
                break
    listers: list[tuple[str, str]] = coordinated if len(coordinated) > 1 else [lister] if lister else []
    if (
        lister is None
        and words[:1]
        and words[0] in _ORG_ANAPHORS
        and ctx.last_orgs
        and st.sentence.index - ctx.last_orgs[0] <= 1
    ):
        # "Халықаралық амнистия мен HRW ұйымдары мәлімдеме жариялады. Ұйымдар X-ті ...
        # ар-ождан тұтқыны деп таныды": the organisations of the sentence before.
        listers = list(ctx.last_orgs[1])
        lister = listers[0]
    if lister:
        ctx.last_listing = (st.sentence.index, lister)
    if not listed:
        return [], False
    date = parse_date(st.sentence.text)
    facts = []
    for key in dict.fromkeys(listed):
        for who in listers or [None]:
            roles: list[tuple[str, object]] = [("listed", key)]
            if who:
                roles.append(("lister", who))
            if date:
                roles.append(("date", date))
            facts.append(_fact("Listing", roles, st.sentence))
    if item:
        # "– Арон Атабек (18 жыл)," "– Жанболат Мамай (6 жыл шартты түрде)": a list of
        # political prisoners gives each one's sentence in brackets.
        for p in persons:
            if p.key not in listed or st.low(p.t1) != "(":
                continue
            close = next((k for k in range(p.t1 + 1, min(len(words), p.t1 + 8)) if words[k] == ")"), None)
            inner = words[p.t1 + 1 : close] if close else []
            if not inner or not (_NUMBER.fullmatch(inner[0]) or inner[0] in NUMBER_WORDS):
                continue
            unit = next((i for i, w in enumerate(inner) if w in _UNIT_FORMS), None)
            value = parse_number(inner[:unit]) if unit else None
            if not value or any(w.startswith(("жас", "жыл бұрын")) for w in inner):
                continue
            iso = _duration([(value, _UNIT_FORMS[inner[unit]][0])])
            if iso:
                facts.append(_fact("Sentencing", [("defendant", p.key), ("term", iso),
                                                  ("penalty", _penalty(inner, iso))], st.sentence))
    if placard and lister and lister[0] == "Person":
        roles = [("subkind", "Picket"), ("protester", lister)] + [
            ("beneficiary", k) for k in dict.fromkeys(listed)
        ]
        facts.append(_fact("Protest", roles, st.sentence))
    return facts, placard


def _reporter(st: _Sent) -> tuple[str, str] | None:
    """The organisation or group a sentence reports as the source of the news before it.

    "Бұл туралы «Бюро» өз сайтында хабарлады", "Бұл жөнінде альянс мәлімдеді":
    the subject of a reporting verb after "бұл туралы/жөнінде".

    Args:
        st: The sentence after an unattributed listing ("X саяси тұтқын деп танылды").

    Returns:
        The reporter's key, or None.
    """
    words = [w for _, _, w in st.words]
    about = any(
        words[i] in ("бұл", "осы") and words[i + 1] in ("туралы", "жөнінде", "жайлы")
        for i in range(len(words) - 1)
    )
    if not about or not any(w.startswith(_REPORT_VERBS) for w in words) or st.has("жоқ", "емес", "жоққа"):
        return None
    for o in st.occs:
        if (
            o.key[0] in ("Organization", "Group")
            and o.case == "nom"
            and o.key != POLITICAL_PRISONERS
            and not _state_body(o.key[1])
            and o.key[1].lower() not in GENERIC_GROUPS
            and not _is_title(st, o)
        ):
            return o.key
    return None


def _with_lister(f: Fact, lister: tuple[str, str], s: Sentence) -> Fact:
    """``f`` with ``lister`` added and sentence ``s`` as a supporting span."""
    roles = tuple(sorted({*f.roles, ("lister", lister)}, key=lambda r: (r[0], str(r[1]))))
    return Fact(f.kind, roles, f.evidence, (*f.support, _evidence(s)))


# The pipeline calls extract_facts once per article with the build-wide map;
# index that map by article once, not once per call (identity-checked cache).
_MAP_CACHE: list[object] = [None, {}, -1]


def _mapping_by_doc(
    mention_entity: Mapping[Mention, tuple[str, str]],
) -> dict[str, list[tuple[Mention, tuple[str, str]]]]:
    if _MAP_CACHE[0] is mention_entity and _MAP_CACHE[2] == len(mention_entity):
        return _MAP_CACHE[1]  # type: ignore[return-value]
    index: dict[str, list[tuple[Mention, tuple[str, str]]]] = defaultdict(list)
    for m, key in mention_entity.items():
        index[m.doc_id].append((m, key))
    for items in index.values():
        items.sort(key=lambda kv: (kv[0].start, kv[0].end, kv[0].type, kv[1]))
    _MAP_CACHE[:] = [mention_entity, index, len(mention_entity)]
    return index


def extract_facts(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    mention_entity: Mapping[Mention, tuple[str, str]],
) -> list[Fact]:
    """Extract sentencing, protest, listing and legal follow-up facts.

    Args:
        sentences: Sentences of one or more articles.
        mentions: All mentions of those sentences.
        mention_entity: Entity key of each PERSON/ORGANIZATION/LOCATION/GROUP mention
            (from :func:`graph.annotate.entities.resolve_entities`).

    Returns:
        Facts in article, sentence and rule order, each with its sentence as evidence.
    """
    by_sent: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    mapped = _mapping_by_doc(mention_entity)
    docs = sorted({s.doc_id for s in sentences})
    # The resolver may add mentions the finder missed; they live in its map.
    extra = [m for d in docs for m, _ in mapped.get(d, ())]
    for m in dict.fromkeys([*mentions, *extra]):
        by_sent[(m.doc_id, m.sentence_index)].append(m)
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_doc[s.doc_id].append(s)
    # Surnames of the full names each article mentions, for re-finding lone surnames.
    surnames: dict[str, list[tuple[str, tuple[str, str]]]] = defaultdict(list)
    for d in docs:
        for _m, key in mapped.get(d, ()):
            if key[0] == "Person" and len(key[1].split()) >= 2:
                item = (lower(key[1].split()[-1]), key)
                if len(item[0]) >= 4 and item not in surnames[d]:
                    surnames[d].append(item)
    facts: list[Fact] = []
    for doc_id in sorted(by_doc):
        ctx = _Context(history=[])
        doc_has_pp = False
        # Whether the article speaks of political prisoners at all (for a list named first
        # by its owner: "Құқық қорғаушылардың соңғы тізімінде ...").
        doc_pp_later = any(_PP_WORDS.search(s.text.lower()) for s in by_doc[doc_id])
        doc_start = len(facts)
        for s in sorted(by_doc[doc_id], key=lambda x: x.index):
            ments = sorted(by_sent.get((doc_id, s.index), []), key=lambda m: (m.start, m.end, m.type))
            st = _prepare(s, ments, mention_entity, surnames.get(doc_id, ()))
            _record_kin(st, ctx)
            out: list[Fact] = []
            out += _sentencings(st, ctx)
            ctx.courts += [o.key for o in st.occs if o.key[0] == "Court"]
            out += _legal_followups(st, ctx)
            listing, _placard = _listings(st, ctx, doc_has_pp, doc_pp_later)
            out += listing
            if not any(f.kind == "Protest" for f in listing):
                out += _protests(st, ctx)
            if st.has("плакат"):
                ctx.last_placard = s.index
            ctx.sentencing_context = st.has("соттал", "сотта", "үкім", "жаза")
            if _court(st) and not _review(st) and not st.has("босат", "өтініш"):
                ctx.last_court = (s.index, _court(st))  # type: ignore[assignment]
                # A court that is the subject of the verdict ("X соты ... тағайындады") or
                # announced a verdict without its term ("X сотында ... үкім жарияланды")
                # carries to a bare next sentence; "X сотында 3 жылға сотталды" belongs
                # to its own defendant.
                ctx.last_court_verdict = st.has(
                    "үкім", "сотта", "тыйым", "айыппұл", "жаза", "кесті", "тағайында"
                ) and (
                    any(o.key[0] == "Court" and o.case in ("nom", "other") for o in st.occs)
                    or not parse_terms([w for _, _, w in st.words])
                )
                # "Өскемен қалалық сотының үкімі ...": the verdict just reported was this court's.
                # So is "Үкімді Шымкент қалалық соты шығарды" standing alone after the terms.
                named_court = any(o.key[0] == "Court" and o.case == "gen" for o in st.occs) or (
                    any(o.key[0] == "Court" and o.case == "nom" for o in st.occs)
                    and not _persons(st)
                    and not parse_terms([w for _, _, w in st.words])
                )
                # "Шымкент қалалық соты оны «...» деп тапты" after "X 5 жылға сотталды" too.
                found_guilty = "деп" in [w for _, _, w in st.words] and st.has("тапты", "тапқан")
                if (st.has("үкім") or found_guilty) and named_court:
                    facts[:] = [_with_court(f, _court(st), doc_id, s.index, s) for f in facts]  # type: ignore[arg-type]
            if any(o.key == POLITICAL_PRISONERS for o in st.occs):
                doc_has_pp = True
            for o in st.occs:
                if o.key[0] == "Organization" and not _state_body(o.key[1]):
                    text = f"{o.text} {o.key[1]}".lower()
                    for head in _ORG_HEAD_NOUNS:
                        # "орталық" stands in "орталығы" with its final consonant voiced.
                        if (head[:-1] if head[-1] in "қкп" else head) in text:
                            ctx.org_heads[head] = o.key
            for o in _persons(st):
                ctx.history.append((s.index, o, _roles_of(st, o)))
            # People named together ("X пен Y", "X, Y және Z") for a later "оларды"/"екеуін де".
            named = [p for p in _persons(st) if not _is_speaker(st, p) and not _is_official(st, p)]
            chains = [list(dict.fromkeys(o.key for o in _chain(st, p))) for p in named]
            best = max(chains, key=len, default=[])
            # ... or given one verb in a gapped clause ("Оразды 5 жылға, Сәрсенұлын 4 жылға").
            sentenced = list(
                dict.fromkeys(d for f in out if f.kind == "Sentencing" for d in f.get("defendant"))
            )
            if len(sentenced) > len(best):
                best = sentenced  # type: ignore[assignment]
            if len(best) >= 2:
                ctx.groups.append((s.index, tuple(best)))
            if not any(f.kind == "Sentencing" for f in out):
                followup = _charge_followup(st, ctx, facts[doc_start:])
                if followup is not None:
                    out.append(followup)
            seen: set[Fact] = set()
            before = len(facts)
            for f in out:
                if (f.kind, f.roles) in {(g.kind, g.roles) for g in seen}:
                    continue
                seen.add(f)
                # A follow-up sentence that adds roles to the event just reported (the
                # charge after the verdict, the placard after the picket) joins that
                # event as support instead of becoming a second event.
                j = _followup_target(facts[doc_start:], f, s.index)
                if j is not None:
                    roles = _SENTENCING_FOLLOWUP_ROLES if f.kind == "Sentencing" else _PROTEST_FOLLOWUP_ROLES
                    facts[doc_start + j] = _merge_into(facts[doc_start + j], f, roles)
                elif f.kind != "Sentencing" or f.get("term") or f.get("penalty") or f.get("court"):
                    facts.append(f)
            # "X саяси тұтқын деп танылды. Бұл туралы «Бюро» хабарлады": the reporter is the lister.
            prev, positions = ctx.unattributed
            if positions and s.index - prev == 1:
                reporter = _reporter(st)
                if reporter is not None:
                    for pos in positions:
                        if reporter not in facts[pos].get("listed"):
                            facts[pos] = _with_lister(facts[pos], reporter, s)
                    ctx.last_listing = (s.index, reporter)
            ctx.unattributed = (
                s.index,
                tuple(
                    i
                    for i in range(before, len(facts))
                    if facts[i].kind == "Listing" and not facts[i].get("lister")
                ),
            )
    log.debug("extracted %d facts from %d sentences", len(facts), len(sentences))
    return facts
