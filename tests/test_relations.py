"""Event-extraction rules on hand-made sentences and hand-made mentions (no NER involved)."""

from __future__ import annotations

import re

import pytest

from graph.annotate.entities import resolve_entities
from graph.events.legacy import extract_facts, parse_date, parse_terms
from graph.lang.sentences import split_sentences
from graph.model import Document, Fact, Mention

# (surface, type, lemma[, court])
Spec = tuple


def _mentions(doc: Document, spec: list[Spec]) -> list[Mention]:
    sents = split_sentences(doc)
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(spec, key=lambda x: -len(x[0])):
        surface, mtype, lemma = item[:3]
        court = bool(item[3]) if len(item) > 3 else False
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", doc.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            s = next(s for s in sents if s.start <= m.start() < s.end)
            out.append(Mention(doc.id, s.index, m.start(), m.end(), surface, mtype, lemma, "gold", court))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


def run(text: str, spec: list[Spec]) -> list[Fact]:
    """Split, resolve and extract one hand-made article."""
    doc = Document("t.txt", "t.txt", text)
    sents = split_sentences(doc)
    ments = _mentions(doc, spec)
    _, mapping = resolve_entities(ments, sents)
    return extract_facts(sents, ments, mapping)


def simple(facts: list[Fact], kind: str | None = None) -> set[tuple]:
    """Facts as (kind, ((role, label-or-literal), ...)) for compact assertions."""
    out = set()
    for f in facts:
        if kind and f.kind != kind:
            continue
        roles = tuple((r, v[1] if isinstance(v, tuple) else v) for r, v in f.roles)
        out.add((f.kind, roles))
    return out


def sentencing_keys(facts: list[Fact]) -> set[tuple]:
    return {(f.get("defendant")[0][1], (f.get("term") or [None])[0]) for f in facts if f.kind == "Sentencing"}


P, G, O, L = "PERSON", "GROUP", "ORGANIZATION", "LOCATION"
ASAN = ("Асан Бекұлы", P, "Асан Бекұлы")

SENTENCING_CASES = [
    (
        "finite verb, accusative defendant",
        "Сот белсенді Асан Бекұлын 5 жылға бас бостандығынан айырды.",
        [("Асан Бекұлын", P, "Асан Бекұлы")],
        {("Асан Бекұлы", "P5Y")},
    ),
    (
        "participle before a coordinated list",
        "Тізімде 8 жылға сотталған Алмат Жұмағұлов пен Кенжебек Әбішев бар.",
        [("Алмат Жұмағұлов", P, "Алмат Жұмағұлов"), ("Кенжебек Әбішев", P, "Кенжебек Әбішев")],
        {("Алмат Жұмағұлов", "P8Y"), ("Кенжебек Әбішев", "P8Y")},
    ),
    (
        "distractor: prosecutor's request",
        "Прокурор Асан Бекұлына 11 жыл бас бостандығынан айыру жазасын тағайындауды сұрады.",
        [("Асан Бекұлына", P, "Асан Бекұлы")],
        set(),
    ),
    (
        "distractor: request with a dative term",
        "Айыптаушы Асан Бекұлын 9 жылға бас бостандығынан айыруды сұрады.",
        [("Асан Бекұлын", P, "Асан Бекұлы")],
        set(),
    ),
    (
        "distractor: maximum penalty",
        "Асан Бекұлына 10 жылға дейін бас бостандығынан айыру жазасы төніп тұр.",
        [("Асан Бекұлына", P, "Асан Бекұлы")],
        set(),
    ),
    ("distractor: time already served", "Асан Бекұлы 10 тәулік қамауда отырып шықты.", [ASAN], set()),
    ("distractor: age, no term", "46 жастағы Асан Бекұлы сотталды.", [ASAN], set()),
    (
        "distractor: ban for a duration",
        "Асан Бекұлына бес жыл бойы журналистикамен айналысуға тыйым салынды.",
        [("Асан Бекұлына", P, "Асан Бекұлы")],
        set(),
    ),
    ("distractor: possible sentence", "Асан Бекұлы 7 жылға сотталуы мүмкін.", [ASAN], set()),
    ("distractor: years ago", "Асан Бекұлы екі жыл бұрын сотталған.", [ASAN], set()),
    (
        "term in words, administrative arrest",
        "Сот Айгүл Серікқызын он бес тәулікке әкімшілік қамауға алды.",
        [("Айгүл Серікқызын", P, "Айгүл Серікқызы")],
        {("Айгүл Серікқызы", "P15D")},
    ),
    (
        "compound term in digits",
        "Нұрлан Оспанов 2 жыл 6 айға сотталды.",
        [("Нұрлан Оспанов", P, "Нұрлан Оспанов")],
        {("Нұрлан Оспанов", "P2Y6M")},
    ),
    (
        "compound term in words",
        "Динара Әбілова үш жыл алты айға сотталып, биыл босап шықты.",
        [("Динара Әбілова", P, "Динара Әбілова")],
        {("Динара Әбілова", "P3Y6M")},
    ),
    (
        "bare term before the penalty phrase",
        "Сот Айгүл Серікқызына 3 жыл бас бостандығын шектеу жазасын тағайындады.",
        [("Айгүл Серікқызына", P, "Айгүл Серікқызы")],
        {("Айгүл Серікқызы", "P3Y")},
    ),
    (
        "respective terms pair with coordinated names",
        "Сот Ерлан Мұқанов пен Дархан Мұқановты тиісінше 5 жылға және 3 жылға соттады.",
        [("Ерлан Мұқанов", P, "Ерлан Мұқанов"), ("Дархан Мұқановты", P, "Дархан Мұқанов")],
        {("Ерлан Мұқанов", "P5Y"), ("Дархан Мұқанов", "P3Y")},
    ),
    (
        "anaphora: 'оны' is the person of the previous sentence",
        "Белсенді Асан Бекұлы сотқа келді.\nСот оны 3 жылға соттады.",
        [ASAN],
        {("Асан Бекұлы", "P3Y")},
    ),
    (
        "genitive subject of a nominalised participle",
        "Қорытындыда Жанболат Тілеуовтің 2021 жылы 8 жылға сотталғаны айтылған.",
        [("Жанболат Тілеуовтің", P, "Жанболат Тілеуов")],
        {("Жанболат Тілеуов", "P8Y")},
    ),
    (
        "gapping: one verb for two name-term pairs",
        "Сот Ахметоваға 4 жыл, Ибраевқа 3 жыл бас бостандығынан айыру жазасын тағайындады.",
        [("Ахметоваға", P, "Ахметова"), ("Ибраевқа", P, "Ибраев")],
        {("Ахметова", "P4Y"), ("Ибраев", "P3Y")},
    ),
    (
        "gapping with dative terms and a final participle",
        "Нұрбол Әміров 6 жылға, Ғалым Серікбаев 5 жылға сотталған.",
        [("Нұрбол Әміров", P, "Нұрбол Әміров"), ("Ғалым Серікбаев", P, "Ғалым Серікбаев")],
        {("Нұрбол Әміров", "P6Y"), ("Ғалым Серікбаев", "P5Y")},
    ),
    (
        "distractor: pre-trial custody",
        "Белсенді Әлия Тұрсынқызы тергеу изоляторына 2 айға қамауға алынды.",
        [("Әлия Тұрсынқызы", P, "Әлия Тұрсынқызы")],
        set(),
    ),
    (
        "distractor: negated sentence",
        "Асан Бекұлы 5 жылға сотталмаған.",
        [ASAN],
        set(),
    ),
    (
        "parole granted later does not cancel the sentence",
        "Роза Тұлетаева 2012 жылы 7 жылға сотталып, кейін шартты түрде мерзімінен бұрын босатылған.",
        [("Роза Тұлетаева", P, "Роза Тұлетаева")],
        {("Роза Тұлетаева", "P7Y")},
    ),
    (
        "distractor: the participle qualifies a genitive noun, not the name after it",
        "5 жылға сотталған белсендінің әйелі Гүлнар Ерманова пикетке шықты.",
        [("Гүлнар Ерманова", P, "Гүлнар Ерманова")],
        set(),
    ),
    (
        "distributive ablative: four years each",
        "Бекзат Мақсұтов пен Арман Темірханов 4 жылдан бас бостандығын шектеу жазасына кесілді.",
        [("Бекзат Мақсұтов", P, "Бекзат Мақсұтов"), ("Арман Темірханов", P, "Арман Темірханов")],
        {("Бекзат Мақсұтов", "P4Y"), ("Арман Темірханов", "P4Y")},
    ),
    (
        "adjectival term before 'үкім'",
        "Сот белсенді Нұрлан Жұмабаевқа қатысты 3 жыл 4 айлық үкім шығарды.",
        [("Нұрлан Жұмабаевқа", P, "Нұрлан Жұмабаев")],
        {("Нұрлан Жұмабаев", "P3Y4M")},
    ),
    (
        "distractor: 'from 8 years to 6' is no 14-year term",
        "Асан Бекұлының мерзімі 8 жылдан 6 жылға ауыстырылды.",
        [("Асан Бекұлының", P, "Асан Бекұлы")],
        set(),
    ),
    (
        "distractor: judge named before the defendant is not a defendant",
        "Судья Марат Әлиев Асан Бекұлын 6 жылға соттады.",
        [("Марат Әлиев", P, "Марат Әлиев"), ("Асан Бекұлын", P, "Асан Бекұлы")],
        {("Асан Бекұлы", "P6Y")},
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "spec", "expected"), SENTENCING_CASES, ids=[c[0] for c in SENTENCING_CASES]
)
def test_relations_sentencing(name: str, text: str, spec: list, expected: set) -> None:
    assert sentencing_keys(run(text, spec)) == expected


@pytest.mark.parametrize(
    ("text", "spec", "penalty"),
    [
        (
            "Сот Асан Бекұлын 5 жылға бас бостандығынан айырды.",
            [("Асан Бекұлын", P, "Асан Бекұлы")],
            "Imprisonment",
        ),
        ("Асан Бекұлы 4 жылға сотталды.", [ASAN], "Imprisonment"),
        (
            "Сот Асан Бекұлына 3 жылға бас бостандығын шектеу жазасын берді.",
            [("Асан Бекұлына", P, "Асан Бекұлы")],
            "RestrictedFreedom",
        ),
        ("Асан Бекұлы 2 жылға шартты түрде сотталды.", [ASAN], "SuspendedSentence"),
        ("Асан Бекұлы 15 тәулікке қамалды.", [ASAN], "AdministrativeArrest"),
        (
            "Сот Асан Бекұлына 50 айлық есептік көрсеткіш мөлшерінде айыппұл салды.",
            [("Асан Бекұлына", P, "Асан Бекұлы")],
            "Fine",
        ),
    ],
)
def test_relations_penalty_kind(text: str, spec: list, penalty: str) -> None:
    facts = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert [f.get("penalty") for f in facts] == [[penalty]]


def test_relations_sentencing_literals_and_court() -> None:
    text = (
        "Өскемендегі сот 2009 жылы Асан Бекұлын Қылмыстық кодекстің 174-бабы бойынша "
        '"алауыздық қоздырды" деп айыптап, 7 жылға соттады.'
    )
    facts = run(text, [("Өскемендегі сот", O, "Өскемендегі сот", True), ("Асан Бекұлын", P, "Асан Бекұлы")])
    (f,) = [f for f in facts if f.kind == "Sentencing"]
    assert f.get("court") == [("Court", "Өскемен соты")]
    assert f.get("article") == ["174"]
    assert f.get("charge") == ["алауыздық қоздырды"]
    assert f.get("date") == ["2009"]
    assert f.evidence.sentence_text == text and f.evidence.method == "rules/v1"


def test_relations_case_name_applies_to_its_clause_only() -> None:
    text = (
        'Тізімде "Шаңырақ ісі" бойынша 18 жылға сотталған Арон Атабек, 14 жылға сотталған Мұхтар Жәкішев бар.'
    )
    facts = run(text, [("Арон Атабек", P, "Арон Атабек"), ("Мұхтар Жәкішев", P, "Мұхтар Жәкішев")])
    by_def = {f.get("defendant")[0][1]: f for f in facts if f.kind == "Sentencing"}
    assert by_def["Арон Атабек"].get("case") == ["Шаңырақ ісі"]
    assert by_def["Арон Атабек"].get("term") == ["P18Y"]
    assert by_def["Мұхтар Жәкішев"].get("case") == []
    assert by_def["Мұхтар Жәкішев"].get("term") == ["P14Y"]


@pytest.mark.parametrize(
    ("text", "spec", "kind"),
    [
        (
            "Өскемендегі сот Асан Бекұлының шартты түрде босату туралы өтінішін қанағаттандырмады.",
            [("Өскемендегі сот", O, "Өскемендегі сот", True), ("Асан Бекұлының", P, "Асан Бекұлы")],
            "ParoleRefusal",
        ),
        (
            "Жоғарғы сот Ринат Оспановтың жазасын 8 жылдан 6 жылға дейін қысқартты.",
            [("Жоғарғы сот", O, "Жоғарғы сот", True), ("Ринат Оспановтың", P, "Ринат Оспанов")],
            "SentenceChange",
        ),
        (
            "Алматы қалалық сотының апелляциялық алқасы Асан Бекұлының шағымын қанағаттандырмады.",
            [
                ("Алматы қалалық сотының", O, "Алматы қалалық соты", True),
                ("Асан Бекұлының", P, "Асан Бекұлы"),
            ],
            "Appeal",
        ),
    ],
)
def test_relations_legal_followups_are_not_sentencings(text: str, spec: list, kind: str) -> None:
    facts = run(text, spec)
    assert [f.kind for f in facts] == [kind]
    assert facts[0].get("defendant")[0][0] == "Person"
    assert facts[0].get("court")[0][0] == "Court"


def test_relations_sentence_change_keeps_new_term() -> None:
    facts = run(
        "Жоғарғы сот Ринат Оспановтың жазасын 8 жылдан 6 жылға дейін қысқартты.",
        [("Жоғарғы сот", O, "Жоғарғы сот", True), ("Ринат Оспановтың", P, "Ринат Оспанов")],
    )
    assert facts[0].get("term") == ["P6Y"]
    assert facts[0].get("court") == [("Court", "Жоғарғы сот")]


JEKSEBAEV = ("Асхат Жексебаев", P, "Асхат Жексебаев")
PP = ("саяси тұтқындарды", G, "саяси тұтқындар")

PROTEST_CASES = [
    (
        "single picket with place, group beneficiary and demand",
        (
            "Алматыда Республика алаңында белсенді Асхат Жексебаев саяси тұтқындарды босатуды талап етіп, "
            "жалғыз адамдық пикет өткізді."
        ),
        [("Алматыда", L, "Алматы"), ("Республика алаңында", L, "Республика алаңы"), JEKSEBAEV, PP],
        {
            (
                "Protest",
                (
                    ("beneficiary", "саяси тұтқындар"),
                    ("demand", "release"),
                    ("place", "Республика алаңы"),
                    ("protester", "Асхат Жексебаев"),
                    ("subkind", "Picket"),
                ),
            )
        },
    ),
    (
        "hunger strike with a day-month date",
        "Серік Жахин аштық акциясын 26 қыркүйекте бастады.",
        [("Серік Жахин", P, "Серік Жахин")],
        {("Protest", (("date", "--09-26"), ("protester", "Серік Жахин"), ("subkind", "HungerStrike")))},
    ),
    (
        "support for a named person",
        "Асхат Жексебаев Мұхтар Жәкішевті қолдап, бір адамдық пикет өткізді.",
        [JEKSEBAEV, ("Мұхтар Жәкішевті", P, "Мұхтар Жәкішев")],
        {
            (
                "Protest",
                (("beneficiary", "Мұхтар Жәкішев"), ("protester", "Асхат Жексебаев"), ("subkind", "Picket")),
            )
        },
    ),
    (
        "pronoun protester resolved to the previous subject",
        "Асхат Жексебаев Мұхтар Жәкішевті қорғап сөз сөйледі.\nОл саяси тұтқындарды босатуды талап етіп, митинг өткізді.",
        [JEKSEBAEV, ("Мұхтар Жәкішевті", P, "Мұхтар Жәкішев"), PP],
        {
            (
                "Protest",
                (
                    ("beneficiary", "саяси тұтқындар"),
                    ("demand", "release"),
                    ("protester", "Асхат Жексебаев"),
                    ("subkind", "Rally"),
                ),
            )
        },
    ),
    (
        "no protester: a generic statement gives nothing",
        "Соңғы уақытта Қазақстанда бір адамдық пикеттер көбейді.",
        [("Қазақстанда", L, "Қазақстан")],
        set(),
    ),
    (
        "unnamed crowd is not a protester",
        "Жергілікті белсенділер саяси тұтқындарға бостандық талап етіп, акция өткізді.",
        [("белсенділер", G, "белсенділер"), ("саяси тұтқындарға", G, "саяси тұтқындар")],
        set(),
    ),
    (
        "organisation members protest",
        "«Атажұрт еріктілері» ұйымының мүшелері Қайрат Бөкенұлын ақтауды талап етіп, шеру өткізді.",
        [
            ("«Атажұрт еріктілері» ұйымының", O, "Атажұрт еріктілері"),
            ("Қайрат Бөкенұлын", P, "Қайрат Бөкенұлы"),
        ],
        {
            (
                "Protest",
                (
                    ("beneficiary", "Қайрат Бөкенұлы"),
                    ("demand", "release"),
                    ("protester", "Атажұрт еріктілері"),
                    ("subkind", "Rally"),
                ),
            )
        },
    ),
    (
        "possessive 'Оның' before a named protester",
        "Бақытжан Оразалин сотталды.\nОның қызы Әсем Оразалина әкесі Бақытжан Оразалинді босатуды талап етіп, пикет өткізді.",
        [
            ("Бақытжан Оразалинді", P, "Бақытжан Оразалин"),
            ("Бақытжан Оразалин", P, "Бақытжан Оразалин"),
            ("Әсем Оразалина", P, "Әсем Оразалина"),
        ],
        {
            (
                "Protest",
                (
                    ("beneficiary", "Бақытжан Оразалин"),
                    ("demand", "release"),
                    ("protester", "Әсем Оразалина"),
                    ("subkind", "Picket"),
                ),
            )
        },
    ),
]


PROTEST_CASES += [
    (
        "plural pronoun continues the previous protest (one event, two sentences)",
        "Айжан Әбдірахман мен Гаухар Сейітқали шеру өткізді.\nОлар белсенді Мөлдір Жүнісованы босатуды талап етті.",
        [
            ("Айжан Әбдірахман", P, "Айжан Әбдірахман"),
            ("Гаухар Сейітқали", P, "Гаухар Сейітқали"),
            ("Мөлдір Жүнісованы", P, "Мөлдір Жүнісова"),
        ],
        {
            (
                "Protest",
                (
                    ("beneficiary", "Мөлдір Жүнісова"),
                    ("demand", "release"),
                    ("protester", "Айжан Әбдірахман"),
                    ("protester", "Гаухар Сейітқали"),
                    ("subkind", "Rally"),
                ),
            ),
        },
    ),
    (
        "placard slogan with a dative name",
        "Белсенді Дина Төлеубаева пикетке шығып, «Бостандық Арон Атабекке!» деген плакат ұстады.",
        [("Дина Төлеубаева", P, "Дина Төлеубаева"), ("Арон Атабекке", P, "Арон Атабек")],
        {
            (
                "Protest",
                (
                    ("beneficiary", "Арон Атабек"),
                    ("demand", "release"),
                    ("protester", "Дина Төлеубаева"),
                    ("subkind", "Picket"),
                ),
            )
        },
    ),
    (
        "distractor: police are not protesters",
        "Полиция Асан Бекұлын ұстап, пикетті тоқтатуды талап етті.",
        [("Полиция", O, "Полиция"), ("Асан Бекұлын", P, "Асан Бекұлы")],
        set(),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "spec", "expected"), PROTEST_CASES, ids=[c[0] for c in PROTEST_CASES]
)
def test_relations_protest(name: str, text: str, spec: list, expected: set) -> None:
    assert simple(run(text, spec), "Protest") == expected


HR = ("құқық қорғаушылар", G, "құқық қорғаушылар")


def test_relations_review_court_is_not_the_sentencing_court() -> None:
    text = (
        "Маңғыстау облыстық соты белсенді Нұрлан Жұмабаевқа қатысты 3 жыл 4 айлық үкімді өзгеріссіз қалдырды."
    )
    facts = run(
        text,
        [
            ("Маңғыстау облыстық соты", O, "Маңғыстау облыстық соты", True),
            ("Нұрлан Жұмабаевқа", P, "Нұрлан Жұмабаев"),
        ],
    )
    assert {f.kind for f in facts} == {"Sentencing", "Appeal"}
    (sentencing,) = [f for f in facts if f.kind == "Sentencing"]
    assert sentencing.get("court") == [] and sentencing.get("term") == ["P3Y4M"]


def test_relations_court_of_the_verdict_carries_to_the_next_sentence() -> None:
    text = (
        "Талдықорған қалалық соты 19 ақпанда бес адамға үкім шығарды.\n"
        "Соттың шешімімен Ерлан Оспанұлы 6 жыл бас бостандығынан айырылды."
    )
    facts = run(
        text,
        [
            ("Талдықорған қалалық соты", O, "Талдықорған қалалық соты", True),
            ("Ерлан Оспанұлы", P, "Ерлан Оспанұлы"),
        ],
    )
    (f,) = [f for f in facts if f.kind == "Sentencing"]
    assert f.get("court") == [("Court", "Талдықорған қалалық соты")]


def test_relations_termless_sentence_by_a_named_court() -> None:
    text = "Темірбеков өткен жылы Тараз қалалық сотында «пара алды» деген айыппен сотталған болатын."
    facts = run(
        text, [("Темірбеков", P, "Темірбеков"), ("Тараз қалалық сотында", O, "Тараз қалалық соты", True)]
    )
    (f,) = facts
    assert (f.kind, f.get("court"), f.get("term"), f.get("charge")) == (
        "Sentencing",
        [("Court", "Тараз қалалық соты")],
        [],
        ["пара алды"],
    )


def test_relations_photo_of_a_named_person_makes_them_the_beneficiary() -> None:
    text = (
        "Күлпаш Иманбаева пикетке шықты.\n"
        "Ол ұлы Дәулет Иманбаевтың суретін ұстап, оның бостандығын талап етті."
    )
    facts = run(
        text, [("Күлпаш Иманбаева", P, "Күлпаш Иманбаева"), ("Дәулет Иманбаевтың", P, "Дәулет Иманбаев")]
    )
    pairs = {
        (p[1], b[1])
        for f in facts
        if f.kind == "Protest"
        for p in f.get("protester")
        for b in f.get("beneficiary")
    }
    assert pairs == {("Күлпаш Иманбаева", "Дәулет Иманбаев")}


def test_relations_object_pronoun_and_verdict_court_carry_over() -> None:
    text = (
        "Жезқазған қалалық сотында азаматтық белсенді Серікбай Әлиұлына қатысты үкім жарияланды.\n"
        "Оған 405-бабы бойынша екі жыл бас бостандығын шектеу жазасы тағайындалды."
    )
    facts = run(
        text,
        [
            ("Жезқазған қалалық сотында", O, "Жезқазған қалалық соты", True),
            ("Серікбай Әлиұлына", P, "Серікбай Әлиұлы"),
        ],
    )
    (f,) = [f for f in facts if f.kind == "Sentencing"]
    assert f.get("defendant") == [("Person", "Серікбай Әлиұлы")]
    assert f.get("court") == [("Court", "Жезқазған қалалық соты")]
    assert (f.get("term"), f.get("penalty"), f.get("article")) == (["P2Y"], ["RestrictedFreedom"], ["405"])


def test_relations_court_named_after_the_verdict_is_attached_back() -> None:
    text = (
        "Блогер Виктор Жуков 1 жыл 3 айға бас бостандығынан айырылды.\n"
        "Өскемен қалалық сотының үкімін оның адвокаты Ольга Ким сынға алды."
    )
    facts = run(
        text,
        [
            ("Виктор Жуков", P, "Виктор Жуков"),
            ("Өскемен қалалық сотының", O, "Өскемен қалалық соты", True),
            ("Ольга Ким", P, "Ольга Ким"),
        ],
    )
    (f,) = [f for f in facts if f.kind == "Sentencing"]
    assert f.get("court") == [("Court", "Өскемен қалалық соты")] and f.get("term") == ["P1Y3M"]


def test_relations_fine_by_pronoun_after_a_court_decision() -> None:
    text = (
        "Семей қалалық соты кәсіпкер Бауыржан Омаровқа 5 жыл бойы мемлекеттік қызмет атқаруға тыйым салды.\n"
        "Сонымен бірге оған 2 миллион теңге айыппұл тағайындалды."
    )
    facts = run(
        text,
        [("Семей қалалық соты", O, "Семей қалалық соты", True), ("Бауыржан Омаровқа", P, "Бауыржан Омаров")],
    )
    assert [(f.get("defendant"), f.get("penalty"), f.get("term"), f.get("court")) for f in facts] == [
        ([("Person", "Бауыржан Омаров")], ["Fine"], [], [("Court", "Семей қалалық соты")])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Жанат Есентаев қанша жылға сотталды?\nОған 8 жыл берілді.", {("Жанат Есентаев", "P8Y")}),
        ("Жанат Есентаев кәсіпкер.\nОған 8 жыл берді.", set()),
    ],
)
def test_relations_given_term_needs_a_sentencing_context(text: str, expected: set) -> None:
    assert sentencing_keys(run(text, [("Жанат Есентаев", P, "Жанат Есентаев")])) == expected


LISTING_CASES = [
    (
        "group puts a person among political prisoners",
        "Тамыз айында құқық қорғаушылар Серік Жахинді саяси тұтқындар қатарына енгізген.",
        [HR, ("Серік Жахинді", P, "Серік Жахин"), ("саяси тұтқындар", G, "саяси тұтқындар")],
        {("Серік Жахин", "құқық қорғаушылар")},
    ),
    (
        "list compiled by a group",
        "Құқық қорғаушылар ұсынған саяси тұтқындардың жаңа тізімінде Оксана Шевчук, Гүлзипа Жәукерова бар.",
        [
            ("Құқық қорғаушылар", G, "құқық қорғаушылар"),
            ("саяси тұтқындардың", G, "саяси тұтқындар"),
            ("Оксана Шевчук", P, "Оксана Шевчук"),
            ("Гүлзипа Жәукерова", P, "Гүлзипа Жәукерова"),
        ],
        {("Оксана Шевчук", "құқық қорғаушылар"), ("Гүлзипа Жәукерова", "құқық қорғаушылар")},
    ),
    (
        "list on an activist's placard",
        (
            "Белсенді Асхат Жексебаев саяси тұтқындарды босатуды талап етіп, плакат ұстап тұрды.\n"
            "Тізімде Арон Атабек бар."
        ),
        [JEKSEBAEV, PP, ("Арон Атабек", P, "Арон Атабек")],
        {("Арон Атабек", "Асхат Жексебаев")},
    ),
    (
        "possessor of the placard list",
        (
            "Асхат Жексебаев саяси тұтқындарды босатуды талап етті.\n"
            "Жексебаев плакатындағы тізімде Серік Жахиннің аты-жөні де көрсетілген."
        ),
        [JEKSEBAEV, ("Жексебаев", P, "Жексебаев"), PP, ("Серік Жахиннің", P, "Серік Жахин")],
        {("Серік Жахин", "Асхат Жексебаев")},
    ),
    (
        "list continued in the next sentence",
        "«Тірек» альянсы саяси тұтқындардың жаңа тізімін жариялады.\nОлардың арасында журналист Мәди Сұлтанбеков бар.",
        [
            ("«Тірек» альянсы", O, "Тірек"),
            ("саяси тұтқындардың", G, "саяси тұтқындар"),
            ("Мәди Сұлтанбеков", P, "Мәди Сұлтанбеков"),
        ],
        {("Мәди Сұлтанбеков", "Тірек")},
    ),
    (
        "organisation's working group recognises coordinated objects",
        "Біріккен Ұлттар Ұйымының жұмыс тобы Жанболат Тілеуов пен Мейрамгүл Сәрсенованы саяси тұтқын деп таныды.",
        [
            ("Біріккен Ұлттар Ұйымының", O, "Біріккен Ұлттар Ұйымы"),
            ("Жанболат Тілеуов", P, "Жанболат Тілеуов"),
            ("Мейрамгүл Сәрсенованы", P, "Мейрамгүл Сәрсенова"),
            ("саяси тұтқын", G, "саяси тұтқын"),
        ],
        {("Жанболат Тілеуов", "Біріккен Ұлттар Ұйымы"), ("Мейрамгүл Сәрсенова", "Біріккен Ұлттар Ұйымы")},
    ),
    (
        "distractor: 'those recognised' names nobody",
        "Ол Мұхтар Жәкішевті және құқық қорғаушылар саяси тұтқын деп танығандарды босатуды талап етті.",
        [("Мұхтар Жәкішевті", P, "Мұхтар Жәкішев"), HR, ("саяси тұтқын", G, "саяси тұтқын")],
        set(),
    ),
    (
        "distractor: negated listing",
        "Құқық қорғаушылар Болат Жанұзақовты саяси тұтқындар тізіміне енгізбеген.",
        [
            ("Құқық қорғаушылар", G, "құқық қорғаушылар"),
            ("Болат Жанұзақовты", P, "Болат Жанұзақов"),
            ("саяси тұтқындар", G, "саяси тұтқындар"),
        ],
        set(),
    ),
    (
        "pronoun object of a recognition",
        "Әлия Тұрсынқызы 15 тәулікке қамалған.\nҚұқық қорғаушылар оны саяси тұтқын деп таныды.",
        [
            ("Әлия Тұрсынқызы", P, "Әлия Тұрсынқызы"),
            ("Құқық қорғаушылар", G, "құқық қорғаушылар"),
            ("саяси тұтқын", G, "саяси тұтқын"),
        ],
        {("Әлия Тұрсынқызы", "құқық қорғаушылар")},
    ),
    (
        "distractor: a person speaking about the list is not on it",
        "Бюро саяси тұтқындар тізімін жаңартты.\nБюро директоры Евгений Жовтис тізімнің толық емес екенін айтты.",
        [("саяси тұтқындар", G, "саяси тұтқындар"), ("Евгений Жовтис", P, "Евгений Жовтис")],
        set(),
    ),
    (
        "distractor: asking for someone to be listed",
        "Меруерт Өтепова анасы Айгүл Өтепованы саяси тұтқындар тізіміне қосуды сұрап, хат жазды.",
        [
            ("Меруерт Өтепова", P, "Меруерт Өтепова"),
            ("Айгүл Өтепованы", P, "Айгүл Өтепова"),
            ("саяси тұтқындар", G, "саяси тұтқындар"),
        ],
        set(),
    ),
    (
        "the speaker of a first-person quote is the lister",
        "Айнұр Бекқожина сұхбат берді.\n«Біз Ақылбек Мұратбаевты саяси тұтқын деп санаймыз», – деді ол.",
        [
            ("Айнұр Бекқожина", P, "Айнұр Бекқожина"),
            ("Ақылбек Мұратбаевты", P, "Ақылбек Мұратбаев"),
            ("саяси тұтқын", G, "саяси тұтқын"),
        ],
        {("Ақылбек Мұратбаев", "Айнұр Бекқожина")},
    ),
    (
        "a titled person calls someone a political prisoner",
        "Айгерім Сәтбаева сотталды.\nҚұқық қорғаушы Рысгүл Әбдірахманова оны саяси тұтқын деп атады.",
        [
            ("Айгерім Сәтбаева", P, "Айгерім Сәтбаева"),
            ("Құқық қорғаушы", G, "құқық қорғаушы"),
            ("Рысгүл Әбдірахманова", P, "Рысгүл Әбдірахманова"),
            ("саяси тұтқын", G, "саяси тұтқын"),
        ],
        {("Айгерім Сәтбаева", "Рысгүл Әбдірахманова")},
    ),
    (
        "distractor: the head of the listing body is not listed",
        "Саяси тұтқындар туралы айтылды.\nАйнұр Бекқожина басқаратын қор саяси тұтқындардың тізімін жүргізеді.",
        [
            ("Саяси тұтқындар", G, "саяси тұтқындар"),
            ("Айнұр Бекқожина", P, "Айнұр Бекқожина"),
            ("саяси тұтқындардың", G, "саяси тұтқындар"),
        ],
        set(),
    ),
    (
        "distractor: an election list",
        "Саяси тұтқындар туралы айтылды.\nАсан Бекұлы партиялық тізімге енді.",
        [("Саяси тұтқындар", G, "саяси тұтқындар"), ASAN],
        set(),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "spec", "expected"), LISTING_CASES, ids=[c[0] for c in LISTING_CASES]
)
def test_relations_listing(name: str, text: str, spec: list, expected: set) -> None:
    facts = run(text, spec)
    got = {
        (f.get("listed")[0][1], f.get("lister")[0][1])
        for f in facts
        if f.kind == "Listing" and f.get("lister")
    }
    assert got == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("8 жылға сотталды", ["P8Y"]),
        ("он күнге қамады", ["P10D"]),
        ("2 жыл 6 айға", ["P2Y6M"]),
        ("бір жарым жылға", ["P1Y6M"]),
        ("18 айға", ["P18M"]),
        ("10 жылға дейін", []),
        ("бес жыл бойы", []),
        ("11 жыл сұрады", []),
        ("7 жыл бас бостандығынан айыру", ["P7Y"]),
        ("46 жастағы", []),
        ("200 айлық есептік көрсеткіш", []),
    ],
)
def test_relations_parse_terms(words: str, expected: list[str]) -> None:
    assert [t[2] for t in parse_terms(words.split())] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009 жылы 14 жылға сотталған", "2009"),
        ("26 қыркүйекте бастаған", "--09-26"),
        ("2022 жылғы 14 қарашада", "2022-11-14"),
        ("2019 жылдың қыркүйек айында", "2019-09"),
        ("биыл тамызда", None),
        ("2020 жылы 20 тамызда сотталды", "2020-08-20"),
        ("2019 жылдың 3 наурызында", "2019-03-03"),
        ("20 тамыз 2020 жылы", "2020-08-20"),
    ],
)
def test_relations_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_relations_output_is_deterministic_and_keeps_evidence() -> None:
    text = (
        "Алматыда белсенді Асхат Жексебаев саяси тұтқындарды босатуды талап етіп, пикет өткізді.\n"
        "Тамыз айында құқық қорғаушылар Серік Жахинді саяси тұтқындар қатарына енгізген."
    )
    spec = [
        ("Алматыда", L, "Алматы"),
        JEKSEBAEV,
        PP,
        HR,
        ("Серік Жахинді", P, "Серік Жахин"),
        ("саяси тұтқындар", G, "саяси тұтқындар"),
    ]
    first, second = run(text, spec), run(text, spec)
    assert first == second
    for f in first:
        ev = f.evidence
        assert text[ev.start : ev.end] == ev.sentence_text and ev.sentence_start == ev.start


# --- cross-sentence merging, plural anaphora, statements (articles 39-56) ----------

SEITOV = ("Нұрлан Сейітовке", P, "Нұрлан Сейітов")
KOSTANAY = ("Қостанай қалалық соты", O, "Қостанай қалалық соты", True)


def test_relations_followup_charge_and_article_join_the_sentencing() -> None:
    text = (
        "Қостанай қалалық соты 12 наурызда азаматтық белсенді Нұрлан Сейітовке 4 жыл 6 ай бас бостандығынан "
        'айыру жазасын тағайындады.\nСейітов "әлеуметтік алауыздықты қоздырды" деген айыппен 174-бап бойынша сотталды.'
    )
    facts = [f for f in run(text, [SEITOV, KOSTANAY, ("Сейітов", P, "Сейітов")]) if f.kind == "Sentencing"]
    assert len(facts) == 1, facts
    f = facts[0]
    assert f.get("term") == ["P4Y6M"] and f.get("article") == ["174"]
    assert f.get("charge") == ["әлеуметтік алауыздықты қоздырды"]
    assert f.get("court") == [("Court", "Қостанай қалалық соты")]
    assert [e.sentence_index for e in f.support] == [1] and f.evidence.sentence_index == 0


def test_relations_followup_pronoun_charge_joins_dative_defendant() -> None:
    text = (
        "Павлодар облыстық соты зейнеткер Тамара Ефимоваға 5 жыл бас бостандығынан айыру жазасын тағайындады.\n"
        "Ол «сепаратизмге шақырды» деп айыпталған."
    )
    spec = [
        ("Тамара Ефимоваға", P, "Тамара Ефимова"),
        ("Павлодар облыстық соты", O, "Павлодар облыстық соты", True),
    ]
    facts = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert len(facts) == 1 and facts[0].get("charge") == ["сепаратизмге шақырды"]
    assert len(facts[0].support) == 1


def test_relations_earlier_conviction_with_other_date_stays_its_own_event() -> None:
    text = "Сот 2022 жылы Асан Бекұлын 5 жылға соттады.\nБекұлы 2019 жылы Тараз қалалық сотында да сотталған."
    spec = [
        ("Асан Бекұлын", P, "Асан Бекұлы"),
        ("Бекұлы", P, "Бекұлы"),
        ("Тараз қалалық сотында", O, "Тараз қалалық соты", True),
    ]
    facts = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert len(facts) == 2
    assert all(not f.support for f in facts)


def test_relations_charge_sentence_without_earlier_verdict_adds_nothing() -> None:
    text = "Асан Бекұлы «жалған ақпарат таратты» деп айыпталған."
    assert run(text, [ASAN]) == []


def test_relations_placard_sentence_adds_beneficiary_to_the_picket() -> None:
    text = (
        "12 қыркүйекте белсенді Роза Нұрмағамбетова әкімдік алдында пикетке шықты.\n"
        "Ол «Ғабит Нұрмағамбетовке бостандық!» деген плакат ұстап тұрды."
    )
    spec = [
        ("Роза Нұрмағамбетова", P, "Роза Нұрмағамбетова"),
        ("Ғабит Нұрмағамбетовке", P, "Ғабит Нұрмағамбетов"),
    ]
    protests = [f for f in run(text, spec) if f.kind == "Protest"]
    assert len(protests) == 1
    assert protests[0].get("beneficiary") == [("Person", "Ғабит Нұрмағамбетов")]
    assert protests[0].get("date") == ["--09-12"] and len(protests[0].support) == 1


def test_relations_placard_alone_is_a_picket() -> None:
    text = "Белсенді Асқар Нұрмұхамбетов Ақорда маңында «Мақсат Ілиясұлына бостандық!» деген плакатпен тұрды."
    spec = [("Асқар Нұрмұхамбетов", P, "Асқар Нұрмұхамбетов"), ("Мақсат Ілиясұлына", P, "Мақсат Ілиясұлы")]
    assert simple(run(text, spec), "Protest") == {
        (
            "Protest",
            (
                ("beneficiary", "Мақсат Ілиясұлы"),
                ("demand", "release"),
                ("protester", "Асқар Нұрмұхамбетов"),
                ("subkind", "Picket"),
            ),
        )
    }


def test_relations_two_pickets_by_different_people_stay_two_events() -> None:
    text = (
        "Белсенді Асқар Нұрмұхамбетов «Мақсат Ілиясұлына бостандық!» деген плакатпен тұрды.\n"
        "Журналист Сәния Тоқтар жеке пикетке шығып, Дәулет Сейітовті ақтауды талап етті."
    )
    spec = [
        ("Асқар Нұрмұхамбетов", P, "Асқар Нұрмұхамбетов"),
        ("Мақсат Ілиясұлына", P, "Мақсат Ілиясұлы"),
        ("Сәния Тоқтар", P, "Сәния Тоқтар"),
        ("Дәулет Сейітовті", P, "Дәулет Сейітов"),
    ]
    protests = [f for f in run(text, spec) if f.kind == "Protest"]
    assert len(protests) == 2


def test_relations_plural_pronoun_lists_the_pair_named_before() -> None:
    text = (
        "Сот Наталья Шевченко мен Жансая Өмірзаққызына 3 жылдан бас бостандығын шектеу жазасын тағайындады.\n"
        "Құқық қорғаушылар оларды саяси тұтқын деп таныды."
    )
    spec = [
        ("Наталья Шевченко", P, "Наталья Шевченко"),
        ("Жансая Өмірзаққызына", P, "Жансая Өмірзаққызы"),
        ("Құқық қорғаушылар", G, "құқық қорғаушылар"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    listed = {f.get("listed")[0][1] for f in run(text, spec) if f.kind == "Listing"}
    assert listed == {"Наталья Шевченко", "Жансая Өмірзаққызы"}


def test_relations_counted_anaphor_takes_the_last_two_people_named_apart() -> None:
    text = (
        "Сот Қуаныш Бекболатұлына 8 жылға бас бостандығынан айыру жазасын тағайындады.\n"
        "Айгүл Мәлікқызы үш жыл шартты жазаға кесілді.\n«Атажұрт» ұйымы екеуін де саяси тұтқын деп есептейді."
    )
    spec = [
        ("Қуаныш Бекболатұлына", P, "Қуаныш Бекболатұлы"),
        ("Айгүл Мәлікқызы", P, "Айгүл Мәлікқызы"),
        ("«Атажұрт» ұйымы", O, "Атажұрт"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {("Қуаныш Бекболатұлы", "Атажұрт"), ("Айгүл Мәлікқызы", "Атажұрт")}


def test_relations_counted_unnamed_group_is_not_the_named_pair() -> None:
    text = (
        "Айжан Әбдірахман мен Гаухар Сейітқали шеру өткізді.\n"
        "Полиция екі ұйымдастырушыны ұстап, сот оларға 5 тәулікке әкімшілік қамау жазасын берді."
    )
    spec = [("Айжан Әбдірахман", P, "Айжан Әбдірахман"), ("Гаухар Сейітқали", P, "Гаухар Сейітқали")]
    assert sentencing_keys(run(text, spec)) == set()


def test_relations_prisoner_of_conscience_is_a_listing() -> None:
    text = "Халықаралық амнистия ұйымы журналист Дүйсенбек Нұрғожаевты ар-ождан тұтқыны деп жариялады."
    spec = [
        ("Халықаралық амнистия ұйымы", O, "Халықаралық амнистия"),
        ("Дүйсенбек Нұрғожаевты", P, "Дүйсенбек Нұрғожаев"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {("Дүйсенбек Нұрғожаев", "Халықаралық амнистия")}


def test_relations_statement_naming_people_jailed_for_political_motives_is_a_listing() -> None:
    text = (
        "ЕҚЫҰ мәлімдеме жасап, билікті саяси себептермен қамалған адамдарды босатуға шақырды.\n"
        "Мәлімдемеде журналист Махамбет Әбжан және белсенді Айнұр Оспанова аталған."
    )
    spec = [
        ("ЕҚЫҰ", O, "ЕҚЫҰ"),
        ("Махамбет Әбжан", P, "Махамбет Әбжан"),
        ("Айнұр Оспанова", P, "Айнұр Оспанова"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {("Махамбет Әбжан", "ЕҚЫҰ"), ("Айнұр Оспанова", "ЕҚЫҰ")}


def test_relations_denied_political_motive_is_no_listing() -> None:
    text = "Прокуратура Махамбет Әбжанның ісінің саяси астары жоқ деп мәлімдеді."
    spec = [("Прокуратура", O, "Прокуратура"), ("Махамбет Әбжанның", P, "Махамбет Әбжан")]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


def test_relations_kin_object_names_the_relative_introduced_with_the_protester() -> None:
    text = (
        "Дархан Сейітжанұлы 3 жылға сотталды.\n"
        "Сейітжанұлының анасы Күләш Сейітжанова ұлын босатуды талап етіп, әкімдік алдында пикетке шықты."
    )
    spec = [
        ("Дархан Сейітжанұлы", P, "Дархан Сейітжанұлы"),
        ("Сейітжанұлының", P, "Сейітжанұлы"),
        ("Күләш Сейітжанова", P, "Күләш Сейітжанова"),
    ]
    protests = [f for f in run(text, spec) if f.kind == "Protest"]
    assert [f.get("beneficiary") for f in protests] == [[("Person", "Дархан Сейітжанұлы")]]


def test_relations_gapped_terms_do_not_reach_past_a_clause_break() -> None:
    text = "Махамбет Әбжан мен Ерлан Қалиев ұсталды.\nӘбжан 2024 жылы алты жылға, Қалиев төрт жылға сотталған, ал Оспанова тергеу изоляторында отыр."
    spec = [
        ("Махамбет Әбжан", P, "Махамбет Әбжан"),
        ("Ерлан Қалиев", P, "Ерлан Қалиев"),
        ("Әбжан", P, "Әбжан"),
        ("Қалиев", P, "Қалиев"),
        ("Оспанова", P, "Айнұр Оспанова"),
    ]
    assert sentencing_keys(run(text, spec)) == {("Махамбет Әбжан", "P6Y"), ("Ерлан Қалиев", "P4Y")}


def test_relations_judge_title_before_an_accusative_name_does_not_hide_the_defendant() -> None:
    text = (
        "Серік Бекмағамбетовтің ісі қаралды.\n«Біз әділдік күтеміз», – деді оның жұбайы Гүлзат Сейітова.\n"
        "Судья Бекмағамбетовті кінәлі деп танып, оған алты жыл бас бостандығынан айыру жазасын тағайындады."
    )
    spec = [
        ("Серік Бекмағамбетовтің", P, "Серік Бекмағамбетов"),
        ("Гүлзат Сейітова", P, "Гүлзат Сейітова"),
        ("Бекмағамбетовті", P, "Бекмағамбетов"),
    ]
    assert sentencing_keys(run(text, spec)) == {("Серік Бекмағамбетов", "P6Y")}


def test_relations_locative_court_of_one_defendant_does_not_carry_to_the_next() -> None:
    text = (
        "Дархан Сейітжанұлы Талдықорған қалалық сотында үш жылға сотталды.\n"
        "Лаура Ахметоваға екі жарым жылға бас бостандығын шектеу жазасы берілді."
    )
    spec = [
        ("Дархан Сейітжанұлы", P, "Дархан Сейітжанұлы"),
        ("Лаура Ахметоваға", P, "Лаура Ахметова"),
        ("Талдықорған қалалық сотында", O, "Талдықорған қалалық соты", True),
    ]
    by_def = {f.get("defendant")[0][1]: f for f in run(text, spec) if f.kind == "Sentencing"}
    assert by_def["Дархан Сейітжанұлы"].get("court") == [("Court", "Талдықорған қалалық соты")]
    assert by_def["Лаура Ахметова"].get("term") == ["P2Y6M"] and by_def["Лаура Ахметова"].get("court") == []


def test_relations_term_given_as_merzim_after_a_verdict() -> None:
    text = "Осы іс бойынша Бауыржан Мұхамеджанұлына бес жарым жыл мерзім берілді."
    assert sentencing_keys(run(text, [("Бауыржан Мұхамеджанұлына", P, "Бауыржан Мұхамеджанұлы")])) == {
        ("Бауыржан Мұхамеджанұлы", "P5Y6M")
    }


def test_relations_protest_on_another_occasion_is_not_merged() -> None:
    text = "Белсенді Асан Бекұлы әкімдік алдында пикетке шықты.\nОл ертесі күні тағы пикетке шықты."
    protests = [f for f in run(text, [("Асан Бекұлы", P, "Асан Бекұлы")]) if f.kind == "Protest"]
    assert len(protests) == 2 and all(not f.support for f in protests)


def test_relations_earlier_conviction_marked_by_da_is_not_merged() -> None:
    text = (
        "Тараз қалалық соты Асан Бекұлына 5 жыл бас бостандығынан айыру жазасын тағайындады.\n"
        "Бекұлы 2019 жылы да «алаяқтық жасады» деп айыпталған."
    )
    spec = [
        ("Асан Бекұлына", P, "Асан Бекұлы"),
        ("Бекұлы", P, "Бекұлы"),
        ("Тараз қалалық соты", O, "Тараз қалалық соты", True),
    ]
    facts = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert len(facts) == 1 and facts[0].get("charge") == [] and not facts[0].support


def test_relations_court_named_in_the_next_sentence_joins_the_verdict() -> None:
    text = (
        "Ермек Тұрсынбаев пен Азамат Жүнісұлына қандай жаза берілді?\n"
        "Екеуіне де жеті жылдан бас бостандығынан айыру жазасы тағайындалды.\nҮкімді Шымкент қалалық соты шығарды."
    )
    spec = [
        ("Ермек Тұрсынбаев", P, "Ермек Тұрсынбаев"),
        ("Азамат Жүнісұлына", P, "Азамат Жүнісұлы"),
        ("Шымкент қалалық соты", O, "Шымкент қалалық соты", True),
    ]
    facts = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert {f.get("defendant")[0][1] for f in facts} == {"Ермек Тұрсынбаев", "Азамат Жүнісұлы"}
    assert all(f.get("court") == [("Court", "Шымкент қалалық соты")] for f in facts)
    assert all([e.sentence_index for e in f.support] == [2] for f in facts)


def test_relations_names_added_to_the_list_just_reported() -> None:
    text = (
        "«Коалиция» саяси тұтқындардың жаңа тізімін жариялады.\n"
        "Жаңадан қосылғандар: журналист Ақбота Мұсабекова; кәсіпкер Виталий Ким."
    )
    spec = [
        ("«Коалиция»", O, "Коалиция"),
        ("саяси тұтқындардың", G, "саяси тұтқын"),
        ("Ақбота Мұсабекова", P, "Ақбота Мұсабекова"),
        ("Виталий Ким", P, "Виталий Ким"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {("Ақбота Мұсабекова", "Коалиция"), ("Виталий Ким", "Коалиция")}


def test_relations_plural_noun_under_a_political_motive_lists_the_pair() -> None:
    text = (
        "БҰҰ-ның адам құқықтары жөніндегі комитеті белсенділер Гүлмира Сапарова мен Динара Әлімжанованы "
        "босатуды сұрады.\nКомитеттің пікірінше, әйелдер саяси көзқарастары үшін қудаланған."
    )
    spec = [
        ("БҰҰ-ның", O, "БҰҰ"),
        ("Гүлмира Сапарова", P, "Гүлмира Сапарова"),
        ("Динара Әлімжанованы", P, "Динара Әлімжанова"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {
        ("Гүлмира Сапарова", "Біріккен Ұлттар Ұйымы"),
        ("Динара Әлімжанова", "Біріккен Ұлттар Ұйымы"),
    }


def test_relations_plural_organisation_anaphor_lists_under_both_organisations() -> None:
    text = (
        "Халықаралық амнистия мен Human Rights Watch ұйымдары бірлескен мәлімдеме жариялады.\n"
        "Ұйымдар ақын Арман Қасенов пен журналист Гүлнар Бажкенованы ар-ождан тұтқындары деп таныды."
    )
    # The finder's partial span "тұтқындары" must not hide "ар-ождан тұтқындары".
    spec = [
        ("Арман Қасенов", P, "Арман Қасенов"),
        ("Гүлнар Бажкенованы", P, "Гүлнар Бажкенова"),
        ("тұтқындары", G, "тұтқындар"),
    ]
    listings = {
        (f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"
    }
    assert listings == {
        (p, o)
        for p in ("Арман Қасенов", "Гүлнар Бажкенова")
        for o in ("Халықаралық амнистия", "Human Rights Watch")
    }


# --- listing variety (blind batches 69-82) ----------------------------------

BURO = (
    "«Адам құқықтары жөніндегі Қазақстан халықаралық бюросы»",
    O,
    "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы",
)
BURO_KEY = "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы"


def listing_pairs(facts: list[Fact]) -> set[tuple[str, str | None]]:
    """(listed, lister) of every Listing fact; lister None when the fact has none."""
    out = set()
    for f in facts:
        if f.kind == "Listing":
            lister = f.get("lister")[0][1] if f.get("lister") else None
            out.update((k[1], lister) for k in f.get("listed"))
    return out


def protest_pairs(facts: list[Fact]) -> set[tuple[str, str]]:
    return {
        (p[1], b[1])
        for f in facts
        if f.kind == "Protest"
        for p in f.get("protester")
        for b in f.get("beneficiary")
    }


def test_relations_numbered_items_after_a_colon_header_are_listed() -> None:
    text = (
        "«Тірек» альянсы саяси тұтқындардың жаңартылған тізімін жариялады.\n"
        "Тізімге жаңадан енгізілгендер:\n1. Серік Байболов, Талдықорған тұрғыны;\n2. мұғалім Ақмарал Тоқтарова.\n"
        "Байболов 5 жылға сотталған."
    )
    spec = [
        ("«Тірек» альянсы", O, "Тірек"),
        ("саяси тұтқындардың", G, "саяси тұтқын"),
        ("Серік Байболов", P, "Серік Байболов"),
        ("Байболов", P, "Байболов"),
        ("Ақмарал Тоқтарова", P, "Ақмарал Тоқтарова"),
    ]
    assert listing_pairs(run(text, spec)) == {("Серік Байболов", "Тірек"), ("Ақмарал Тоқтарова", "Тірек")}


def test_relations_dash_items_under_a_removal_header_are_not_listed() -> None:
    text = (
        "«Тірек» альянсы саяси тұтқындар тізімін жаңартты.\nТізімге қосылғандар:\n- Алмас Төлегенов.\n"
        "Тізімнен алынып тасталғандар:\n- Жасұлан Әбілов."
    )
    spec = [
        ("«Тірек» альянсы", O, "Тірек"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("Алмас Төлегенов", P, "Алмас Төлегенов"),
        ("Жасұлан Әбілов", P, "Жасұлан Әбілов"),
    ]
    assert listing_pairs(run(text, spec)) == {("Алмас Төлегенов", "Тірек")}


def test_relations_removed_from_the_list_is_not_a_listing() -> None:
    text = (
        "«Тірек» альянсы саяси тұтқындар тізімін жариялады.\n"
        "Бұрын тізімде болған Дина Қасымова тізімнен шығарылды."
    )
    spec = [
        ("«Тірек» альянсы", O, "Тірек"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("Дина Қасымова", P, "Дина Қасымова"),
    ]
    assert listing_pairs(run(text, spec)) == set()


def test_relations_items_after_a_colon_that_is_no_list_are_not_listed() -> None:
    text = "Сот отырысына келгендер:\n1. Серік Байболов;\n2. Ақмарал Тоқтарова."
    spec = [("Серік Байболов", P, "Серік Байболов"), ("Ақмарал Тоқтарова", P, "Ақмарал Тоқтарова")]
    assert listing_pairs(run(text, spec)) == set()


def test_relations_they_dash_names_after_a_counted_list() -> None:
    text = (
        "Қазақстандық құқық қорғаушылардың соңғы тізімінде үш белсенді бар.\n"
        "Олар — Мақсат Ілиясов, Бақытгүл Сейітова және Дәурен Асқаров.\n"
        "Үшеуі де саяси тұтқын ретінде аталады."
    )
    spec = [
        ("Мақсат Ілиясов", P, "Мақсат Ілиясов"),
        ("Бақытгүл Сейітова", P, "Бақытгүл Сейітова"),
        ("Дәурен Асқаров", P, "Дәурен Асқаров"),
    ]
    pairs = listing_pairs(run(text, spec))
    assert {("Мақсат Ілиясов", "құқық қорғаушылар"), ("Дәурен Асқаров", "құқық қорғаушылар")} <= pairs
    assert all(lister == "құқық қорғаушылар" for _, lister in pairs)


def test_relations_possessed_list_without_political_prisoners_in_the_article_is_no_listing() -> None:
    text = "Құқық қорғаушылардың соңғы тізімінде Мақсат Ілиясов бар.\nОл сайлауға түспек."
    spec = [("Мақсат Ілиясов", P, "Мақсат Ілиясов")]
    assert listing_pairs(run(text, spec)) == set()


def test_relations_passive_recognition_takes_the_reporter_of_the_next_sentence() -> None:
    text = (
        "Тұрғын Ерболат Сәрсенбаев саяси тұтқын деп танылды.\n"
        "Бұл туралы «Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» өз сайтында хабарлады."
    )
    spec = [("Ерболат Сәрсенбаев", P, "Ерболат Сәрсенбаев"), ("саяси тұтқын", G, "саяси тұтқын"), BURO]
    facts = run(text, spec)
    assert listing_pairs(facts) == {("Ерболат Сәрсенбаев", BURO_KEY)}
    listing = next(f for f in facts if f.kind == "Listing")
    assert [e.sentence_index for e in listing.support] == [1]


@pytest.mark.parametrize(
    "second",
    [
        "Бұл туралы Бас прокуратура хабарлады.",  # a state body reports, it does not list
        "Бұл туралы «Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» ақпаратты жоққа шығарды.",
        "Ертеңіне «Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» басқа мәлімдеме жасады.",
    ],
)
def test_relations_passive_recognition_without_a_reporter_has_no_lister(second: str) -> None:
    text = "Тұрғын Ерболат Сәрсенбаев саяси тұтқын деп танылды.\n" + second
    spec = [
        ("Ерболат Сәрсенбаев", P, "Ерболат Сәрсенбаев"),
        ("саяси тұтқын", G, "саяси тұтқын"),
        BURO,
        ("Бас прокуратура", O, "Бас прокуратура"),
    ]
    assert listing_pairs(run(text, spec)) == {("Ерболат Сәрсенбаев", None)}


def test_relations_coordinated_subjects_all_list() -> None:
    text = (
        "Бауыржан Сапаров 3 жылға сотталды.\n"
        "Оны «Азаматтық альянс» ұйымы да, «Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» да "
        "саяси тұтқындар қатарына қосты."
    )
    spec = [
        ("Бауыржан Сапаров", P, "Бауыржан Сапаров"),
        ("«Азаматтық альянс» ұйымы", O, "Азаматтық альянс"),
        BURO,
        ("саяси тұтқындар", G, "саяси тұтқын"),
    ]
    assert listing_pairs(run(text, spec)) == {
        ("Бауыржан Сапаров", "Азаматтық альянс"),
        ("Бауыржан Сапаров", BURO_KEY),
    }


def test_relations_victim_of_political_persecution_is_a_listing() -> None:
    text = "Құқық қорғаушылар Ерлан Нұрмағамбетовті саяси қудалау құрбаны деп санайды."
    spec = [("Ерлан Нұрмағамбетовті", P, "Ерлан Нұрмағамбетов")]
    assert listing_pairs(run(text, spec)) == {("Ерлан Нұрмағамбетов", "құқық қорғаушылар")}


def test_relations_victim_of_persecution_negated_is_no_listing() -> None:
    text = "Құқық қорғаушылар Ерлан Нұрмағамбетовті саяси қудалау құрбаны деп санамайды."
    spec = [("Ерлан Нұрмағамбетовті", P, "Ерлан Нұрмағамбетов")]
    assert listing_pairs(run(text, spec)) == set()


def test_relations_status_granted_and_bare_organisation_noun_as_lister() -> None:
    text = (
        "«Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» апталық шолу жариялады.\n"
        "Бюро сондай-ақ Алмас Төлегеновке саяси тұтқын мәртебесі берілгенін хабарлады."
    )
    spec = [BURO, ("Алмас Төлегеновке", P, "Алмас Төлегенов"), ("саяси тұтқын", G, "саяси тұтқын")]
    assert listing_pairs(run(text, spec)) == {("Алмас Төлегенов", BURO_KEY)}


def test_relations_listing_inside_the_statement_named_before() -> None:
    text = (
        "«Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» кеше мәлімдеме таратты.\n"
        "Онда тоқсан жастағы зейнеткер Қуаныш Әлмағамбетов саяси тұтқын деп танылды."
    )
    spec = [BURO, ("Қуаныш Әлмағамбетов", P, "Қуаныш Әлмағамбетов"), ("саяси тұтқын", G, "саяси тұтқын")]
    facts = run(text, spec)
    assert listing_pairs(facts) == {("Қуаныш Әлмағамбетов", BURO_KEY)}
    assert not [f for f in facts if f.kind == "Sentencing"]  # "тоқсан жастағы" is an age


def test_relations_question_is_not_a_listing() -> None:
    text = "– Сіз Нұрлан Бекмұратовты саяси тұтқын деп санайсыз ба?"
    spec = [("Нұрлан Бекмұратовты", P, "Нұрлан Бекмұратов"), ("саяси тұтқын", G, "саяси тұтқын")]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


def test_relations_request_to_list_and_not_yet_a_prisoner_are_no_listing() -> None:
    text = (
        "Адвокат Сәуле Бектұрсынова Ғани Жұмаділовті саяси тұтқындар тізіміне енгізуді сұрап, хат жазды.\n"
        "Құқық қорғаушы Ермек Нартаев: «Жұмаділов әзірге саяси тұтқын емес», – деді."
    )
    spec = [
        ("Сәуле Бектұрсынова", P, "Сәуле Бектұрсынова"),
        ("Ғани Жұмаділовті", P, "Ғани Жұмаділов"),
        ("Жұмаділов", P, "Жұмаділов"),
        ("Ермек Нартаев", P, "Ермек Нартаев"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


# --- protest variety ---------------------------------------------------------


def test_relations_person_before_ushin_is_the_beneficiary_not_the_protester() -> None:
    text = "Белсенді Бекзат Оразов мұнайшы Қайрат Ермеков үшін шеруге шықты."
    spec = [("Бекзат Оразов", P, "Бекзат Оразов"), ("Қайрат Ермеков", P, "Қайрат Ермеков")]
    facts = run(text, spec)
    assert protest_pairs(facts) == {("Бекзат Оразов", "Қайрат Ермеков")}


def test_relations_crowd_marching_for_someone_names_no_protester() -> None:
    text = "Жүзге жуық адам мұнайшы Қайрат Ермеков үшін шеруге шықты."
    spec = [("Қайрат Ермеков", P, "Қайрат Ермеков")]
    assert [f for f in run(text, spec) if f.kind == "Protest"] == []


def test_relations_role_noun_object_is_the_person_with_that_role() -> None:
    text = (
        "Колониядағы блогер Ербол Қаршығаев аштық жариялады.\n"
        "Оның інісі Ерлан Сапарғалиев пикетке шығып, блогерді қолдады."
    )
    spec = [("Ербол Қаршығаев", P, "Ербол Қаршығаев"), ("Ерлан Сапарғалиев", P, "Ерлан Сапарғалиев")]
    assert protest_pairs(run(text, spec)) == {("Ерлан Сапарғалиев", "Ербол Қаршығаев")}


def test_relations_official_role_noun_object_is_not_a_beneficiary() -> None:
    text = "Судья Ербол Қаршығаев іс қарады.\nЕрлан Сапарғалиев пикетке шығып, судьяны қолдады."
    spec = [("Ербол Қаршығаев", P, "Ербол Қаршығаев"), ("Ерлан Сапарғалиев", P, "Ерлан Сапарғалиев")]
    assert protest_pairs(run(text, spec)) == set()


def test_relations_relative_case_review_demand_continues_the_hunger_strike() -> None:
    text = (
        "Кәсіпкер Ерлан Нұрмағамбетовтің әйелі Гүлжан Нұрмағамбетова аштық жариялады.\n"
        "Ол күйеуінің ісін қайта қарауды талап етіп отыр."
    )
    spec = [
        ("Ерлан Нұрмағамбетовтің", P, "Ерлан Нұрмағамбетов"),
        ("Гүлжан Нұрмағамбетова", P, "Гүлжан Нұрмағамбетова"),
    ]
    facts = run(text, spec)
    assert protest_pairs(facts) == {("Гүлжан Нұрмағамбетова", "Ерлан Нұрмағамбетов")}
    assert len([f for f in facts if f.kind == "Protest"]) == 1  # one event, the demand joins it


def test_relations_review_demand_without_a_protest_is_no_protest() -> None:
    text = "Гүлжан Нұрмағамбетова күйеуінің ісін қайта қарауды талап етті."
    spec = [("Гүлжан Нұрмағамбетова", P, "Гүлжан Нұрмағамбетова")]
    assert [f for f in run(text, spec) if f.kind == "Protest"] == []


def test_relations_restricted_freedom_bare_term() -> None:
    text = "Дәурен Асқаров 2 жыл шектеулі бостандыққа сотталған."
    facts = run(text, [("Дәурен Асқаров", P, "Дәурен Асқаров")])
    assert simple(facts, "Sentencing") == {
        ("Sentencing", (("defendant", "Дәурен Асқаров"), ("penalty", "RestrictedFreedom"), ("term", "P2Y")))
    }


def test_relations_named_among_political_prisoners_in_a_report() -> None:
    text = (
        "Human Rights Watch ұйымы жылдық баяндамасын жариялады.\n"
        "Баяндамада саяси тұтқындардың қатарында журналист Дархан Шәріпов пен заңгер Айбек Сейітқалиев аталған."
    )
    spec = [
        ("Human Rights Watch ұйымы", O, "Human Rights Watch"),
        ("Дархан Шәріпов", P, "Дархан Шәріпов"),
        ("Айбек Сейітқалиев", P, "Айбек Сейітқалиев"),
    ]
    assert listing_pairs(run(text, spec)) == {
        ("Дархан Шәріпов", "Human Rights Watch"),
        ("Айбек Сейітқалиев", "Human Rights Watch"),
    }


def test_relations_according_to_the_report_bullets_take_its_author() -> None:
    text = (
        "«Коалиция» жаңа есеп жариялады.\n"
        "Есепке сәйкес, келесі адамдар саяси тұтқын деп танылды:\n"
        "• Әлібек Мұхамеджанов (Шымкент);\n• Гаухар Ысқақова (Алматы).\n"
        "Прокуратура бұл тізіммен келіспейтінін мәлімдеді."
    )
    spec = [
        ("«Коалиция»", O, "Коалиция"),
        ("Әлібек Мұхамеджанов", P, "Әлібек Мұхамеджанов"),
        ("Гаухар Ысқақова", P, "Гаухар Ысқақова"),
        ("Шымкент", L, "Шымкент"),
        ("Алматы", L, "Алматы"),
        ("Прокуратура", O, "Прокуратура"),
    ]
    assert listing_pairs(run(text, spec)) == {
        ("Әлібек Мұхамеджанов", "Коалиция"),
        ("Гаухар Ысқақова", "Коалиция"),
    }


def test_relations_generic_organisation_noun_is_the_organisation_just_named() -> None:
    text = (
        "Халықаралық амнистия шұғыл үндеу жариялады.\n"
        "Үндеуде ұйым Бақыт Тұрлыбеков пен Серік Жанәбілді ар-ождан тұтқындары деп атады.\n"
        "Ақтөбе облыстық соты екеуін де 5 жыл 6 айға соттаған еді."
    )
    spec = [
        ("Бақыт Тұрлыбеков", P, "Бақыт Тұрлыбеков"),
        ("Серік Жанәбілді", P, "Серік Жанәбіл"),
        ("Ақтөбе облыстық соты", O, "Ақтөбе облыстық соты", True),
    ]
    facts = run(text, spec)
    assert listing_pairs(facts) == {
        ("Бақыт Тұрлыбеков", "Халықаралық амнистия"),
        ("Серік Жанәбіл", "Халықаралық амнистия"),
    }
    assert sentencing_keys(facts) == {("Бақыт Тұрлыбеков", "P5Y6M"), ("Серік Жанәбіл", "P5Y6M")}


def test_relations_two_of_unnamed_picketers_are_not_the_people_named_before() -> None:
    text = (
        "Әсел Жапарова пикетке шықты.\nМарат Жылқыбаев Махамбет Әбжанның босатылуын талап етті.\n"
        "Полиция пикетшілерді ұстап, екеуін 10 тәулікке қамады."
    )
    spec = [
        ("Әсел Жапарова", P, "Әсел Жапарова"),
        ("Марат Жылқыбаев", P, "Марат Жылқыбаев"),
        ("Махамбет Әбжанның", P, "Махамбет Әбжан"),
    ]
    assert sentencing_keys(run(text, spec)) == set()


def test_relations_interviewee_demands_freedom_for_the_son_asked_about() -> None:
    text = (
        "– Ұлыңыз Данияр Ахметжанов қашан сотталды?\n– Былтыр. Сот оны 3 жылға соттады.\n"
        "– Мен сот алдында бір адамдық пикетке шығып, ұлымды босатуды талап етемін, – дейді Райса Ахметжанова."
    )
    spec = [("Данияр Ахметжанов", P, "Данияр Ахметжанов"), ("Райса Ахметжанова", P, "Райса Ахметжанова")]
    assert protest_pairs(run(text, spec)) == {("Райса Ахметжанова", "Данияр Ахметжанов")}


def test_relations_taken_onto_the_list_and_court_that_found_guilty() -> None:
    text = (
        "Ақын Ардақ Бекмырзаев 5 жылға сотталды.\n"
        "Шымкент қалалық соты оны «билікті басып алуға шақырды» деп тапты.\n"
        "Сот шешімінен кейін «Тірек» альянсы Бекмырзаевты саяси тұтқындар тізіміне алды."
    )
    spec = [
        ("Ардақ Бекмырзаев", P, "Ардақ Бекмырзаев"),
        ("Шымкент қалалық соты", O, "Шымкент қалалық соты", True),
        ("«Тірек» альянсы", O, "Тірек"),
        ("Бекмырзаевты", P, "Бекмырзаев"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
    ]
    facts = run(text, spec)
    assert listing_pairs(facts) == {("Ардақ Бекмырзаев", "Тірек")}
    assert {f.get("court")[0][1] for f in facts if f.kind == "Sentencing"} == {"Шымкент қалалық соты"}


def test_relations_these_dash_names_after_a_list_header() -> None:
    text = (
        "«Коалиция» саяси тұтқындар тізіміне үш жаңа есім қосты.\n"
        "Бұлар — кәсіпкер Талғат Жақсылықов, студент Әлия Ниязова және дінтанушы Бауыржан Қасымов."
    )
    spec = [
        ("«Коалиция»", O, "Коалиция"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("Талғат Жақсылықов", P, "Талғат Жақсылықов"),
        ("Әлия Ниязова", P, "Әлия Ниязова"),
        ("Бауыржан Қасымов", P, "Бауыржан Қасымов"),
    ]
    assert listing_pairs(run(text, spec)) == {
        (p, "Коалиция") for p in ("Талғат Жақсылықов", "Әлия Ниязова", "Бауыржан Қасымов")
    }


def test_relations_three_gapped_clauses_with_an_own_penalty_modifier() -> None:
    text = "Жақсылықов 7 жылға, Ниязова 2 жылға шартты түрде, Қасымов 4 жылға сотталған."
    spec = [("Жақсылықов", P, "Жақсылықов"), ("Ниязова", P, "Ниязова"), ("Қасымов", P, "Қасымов")]
    facts = run(text, spec)
    got = {
        (f.get("defendant")[0][1], f.get("term")[0], f.get("penalty")[0])
        for f in facts
        if f.kind == "Sentencing"
    }
    assert got == {
        ("Жақсылықов", "P7Y", "Imprisonment"),
        ("Ниязова", "P2Y", "SuspendedSentence"),
        ("Қасымов", "P4Y", "Imprisonment"),
    }


def test_relations_shared_penalty_modifier_of_gapped_clauses() -> None:
    text = "Жақсылықов 2 жылға, Ниязова 3 жылға шартты түрде сотталды."
    spec = [("Жақсылықов", P, "Жақсылықов"), ("Ниязова", P, "Ниязова")]
    got = {(f.get("defendant")[0][1], f.get("penalty")[0]) for f in run(text, spec) if f.kind == "Sentencing"}
    assert got == {("Жақсылықов", "SuspendedSentence"), ("Ниязова", "SuspendedSentence")}


def test_relations_crowd_in_front_of_the_court_then_named_members() -> None:
    text = (
        "Тараз қалалық сотының ғимараты алдында 20-дан астам адам жиналып, айыпталушы Руслан Әбілқасымовты қолдады.\n"
        "Олардың арасында белсенді Динара Смайылова мен ақын Ерлан Ахметов бар."
    )
    spec = [
        ("Тараз қалалық сотының", O, "Тараз қалалық соты", True),
        ("Руслан Әбілқасымовты", P, "Руслан Әбілқасымов"),
        ("Динара Смайылова", P, "Динара Смайылова"),
        ("Ерлан Ахметов", P, "Ерлан Ахметов"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Динара Смайылова", "Руслан Әбілқасымов"),
        ("Ерлан Ахметов", "Руслан Әбілқасымов"),
    }


def test_relations_relatives_gathered_in_the_courtroom_is_no_protest() -> None:
    text = "Сот залына жиналған туыстары Руслан Әбілқасымовты қолдады."
    spec = [("Руслан Әбілқасымовты", P, "Руслан Әбілқасымов")]
    assert [f for f in run(text, spec) if f.kind == "Protest"] == []


def test_relations_among_unnamed_hunger_strikers_is_no_listing() -> None:
    text = (
        "Колонияда отырған бес саяси тұтқын аштық жариялады.\n"
        "Олардың қатарында «Көше партиясы» ісі бойынша сотталған Қайрат Шамшиев бар."
    )
    spec = [("саяси тұтқын", G, "саяси тұтқын"), ("Қайрат Шамшиев", P, "Қайрат Шамшиев")]
    facts = run(text, spec)
    assert [f for f in facts if f.kind == "Listing"] == []
    assert simple(facts, "Protest") == {
        ("Protest", (("protester", "Қайрат Шамшиев"), ("subkind", "HungerStrike")))
    }


def test_relations_singular_group_title_is_never_the_lister() -> None:
    # The finder missed the defender's name: the title alone must not become the lister.
    text = "Құқық қорғаушы журналист Дмитрий Ким мен ақын Арман Жүнісовты саяси тұтқын деп есептейді."
    spec = [
        ("Дмитрий Ким", P, "Дмитрий Ким"),
        ("Арман Жүнісовты", P, "Арман Жүнісов"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert {lister for _, lister in listing_pairs(run(text, spec))} <= {None}


def test_relations_source_opinion_that_someone_is_a_prisoner_of_conscience() -> None:
    text = "Халықаралық амнистияның бағалауынша, еңбек белсендісі Ерлан Балтабай — ар-ождан тұтқыны."
    spec = [("Ерлан Балтабай", P, "Ерлан Балтабай")]
    assert listing_pairs(run(text, spec)) == {("Ерлан Балтабай", "Халықаралық амнистия")}


@pytest.mark.parametrize(
    "text",
    [
        "Халықаралық амнистияның бағалауынша, Ерлан Балтабай ар-ождан тұтқыны емес.",
        "Бас прокуратураның пікірінше, Ерлан Балтабай — саяси тұтқын деген сөз негізсіз.",
    ],
)
def test_relations_negated_or_state_opinion_is_no_listing(text: str) -> None:
    spec = [("Ерлан Балтабай", P, "Ерлан Балтабай"), ("Бас прокуратураның", O, "Бас прокуратура")]
    assert {lister for _, lister in listing_pairs(run(text, spec))} <= {None}


def test_relations_kept_on_the_list() -> None:
    text = (
        "Ал «Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» Алмат Жұмағұлов пен Кенжебек Әбішевті "
        "саяси тұтқындар тізімінде қалдырды."
    )
    spec = [
        BURO,
        ("Алмат Жұмағұлов", P, "Алмат Жұмағұлов"),
        ("Кенжебек Әбішевті", P, "Кенжебек Әбішев"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
    ]
    assert listing_pairs(run(text, spec)) == {("Алмат Жұмағұлов", BURO_KEY), ("Кенжебек Әбішев", BURO_KEY)}


def test_relations_relative_introduced_by_her_daughter() -> None:
    text = (
        "Журналист Гүлмира Әбенова 3 жылға сотталған.\n"
        "Оның қызы Аида Әбенова анасын босатуды талап етіп, әкімдік алдында пикет өткізді."
    )
    spec = [("Гүлмира Әбенова", P, "Гүлмира Әбенова"), ("Аида Әбенова", P, "Аида Әбенова")]
    assert protest_pairs(run(text, spec)) == {("Аида Әбенова", "Гүлмира Әбенова")}


def test_relations_a_flash_mob_is_a_protest() -> None:
    text = "«Oyan, Qazaqstan» қозғалысының мүшелері Бейбарыс Толымбековті қолдап, флешмоб өткізді."
    spec = [
        ("«Oyan, Qazaqstan» қозғалысының", O, "Oyan, Qazaqstan"),
        ("Бейбарыс Толымбековті", P, "Бейбарыс Толымбеков"),
    ]
    assert protest_pairs(run(text, spec)) == {("Oyan, Qazaqstan", "Бейбарыс Толымбеков")}


def test_relations_his_supporters_protest_for_him_not_he() -> None:
    text = (
        "Белсенді Марат Жылқыбаев 7 жылға сотталды.\n"
        "Оның жақтастары сот ғимараты алдында пикетке шықты.\n"
        "Оның әйелі Гүлнар Ержанова Астанада пикетке шықты."
    )
    spec = [("Марат Жылқыбаев", P, "Марат Жылқыбаев"), ("Гүлнар Ержанова", P, "Гүлнар Ержанова")]
    # Unnamed supporters make no protester; the named wife protests for him.
    assert protest_pairs(run(text, spec)) == {("Гүлнар Ержанова", "Марат Жылқыбаев")}
    # She joins the rally he leads: not a protest for him.
    text2 = "Белсенді Марат Жылқыбаев Алматыда шеруге шықты.\nОның әйелі Гүлнар Ержанова да шеруге қатысты."
    assert ("Гүлнар Ержанова", "Марат Жылқыбаев") not in protest_pairs(run(text2, spec))


def test_relations_supporters_after_a_lawyer_spoke_and_a_wife_named_with_her_picket() -> None:
    text = (
        "Ақтау қалалық соты белсенді Нұрлан Қожахметовке 4 жыл бас бостандығынан айыру жазасын тағайындады.\n"
        "Қожахметовтің адвокаты Гүлнара Бажкенова үкімге шағымданатынын айтты.\n"
        "Сот залының алдында оның жиырмаға жуық жақтасы жиналып, белсендіні ақтауды талап етті.\n"
        "Белсендінің жұбайы Жанна Қожахметова сол күні әкімдіктің алдында жалғыз пикет өткізді."
    )
    spec = [
        ("Ақтау қалалық соты", O, "Ақтау қалалық соты"),
        ("Нұрлан Қожахметовке", P, "Нұрлан Қожахметов"),
        ("Қожахметовтің", P, "Нұрлан Қожахметов"),
        ("Гүлнара Бажкенова", P, "Гүлнара Бажкенова"),
        ("Жанна Қожахметова", P, "Жанна Қожахметова"),
    ]
    # The supporters are unnamed (no protester, and not the lawyer); the wife stands for him.
    assert protest_pairs(run(text, spec)) == {("Жанна Қожахметова", "Нұрлан Қожахметов")}


def test_relations_role_noun_beneficiary_named_five_sentences_before() -> None:
    text = (
        "Журналист Махамбет Әбжан түрмеден хат жолдады.\n"
        "Әбжан 2021 жылы 6 жылға сотталған еді.\n"
        "Ол айыпты мойындамайды.\n"
        "Оның анасы ұлына хат жазған.\n"
        "Ол ұлының кінәсіз екенін айтады.\n"
        "Былтыр «Еркін сөз» қорының өкілдері колония алдында пикет өткізіп, журналисті босатуды талап етті.\n"
        "Пикетке қатысқан Дархан Шәріпов полиция бөлімшесіне апарылды."
    )
    spec = [
        ("Махамбет Әбжан", P, "Махамбет Әбжан"),
        ("Әбжан", P, "Махамбет Әбжан"),
        ("«Еркін сөз» қорының", O, "Еркін сөз"),
        ("Дархан Шәріпов", P, "Дархан Шәріпов"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Еркін сөз", "Махамбет Әбжан"),
        ("Дархан Шәріпов", "Махамбет Әбжан"),
    }


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Сот Роза Тұлетаева мен Наталья Ажғалиеваға 7 және 5 жыл бас бостандығынан айыру жазасын кесті.",
         {("Роза Тұлетаева", "P7Y"), ("Наталья Ажғалиева", "P5Y")}),
        ("Сот Роза Тұлетаева мен Наталья Ажғалиеваға жеті және бес жыл бас бостандығынан айыру жазасын кесті.",
         {("Роза Тұлетаева", "P7Y"), ("Наталья Ажғалиева", "P5Y")}),
    ],
)
def test_relations_bare_numbers_share_the_unit_of_the_last_term(text: str, terms: set) -> None:
    spec = [("Роза Тұлетаева", P, "Роза Тұлетаева"), ("Наталья Ажғалиеваға", P, "Наталья Ажғалиева")]
    got = {(f.get("defendant")[0][1], f.get("term")[0]) for f in run(text, spec) if f.kind == "Sentencing"}
    assert got == terms


@pytest.mark.parametrize(
    "text",
    [
        "Белсенді Ерлан Қалиев аштық жариялауға дайын екенін айтты.",
        "Егер сот оны ақтамаса, Ерлан Қалиев аштық жариялайтынын айтты.",
        "Ерлан Қалиев пикет өткізу ниетін білдірді.",
    ],
)
def test_relations_an_intended_protest_is_no_protest(text: str) -> None:
    assert [f for f in run(text, [("Ерлан Қалиев", P, "Ерлан Қалиев")]) if f.kind == "Protest"] == []


def test_relations_the_one_a_protest_participle_describes_protested() -> None:
    text = "Сот наразылық акциясына қатысқан Ерлан Қалиевке 10 тәулік қамау жазасын берді."
    facts = run(text, [("Ерлан Қалиевке", P, "Ерлан Қалиев")])
    assert {(f.kind, f.get("protester")[0][1]) for f in facts if f.kind == "Protest"} == {("Protest", "Ерлан Қалиев")}
    assert {(f.get("defendant")[0][1], f.get("term")[0]) for f in facts if f.kind == "Sentencing"} == {
        ("Ерлан Қалиев", "P10D")
    }
    text2 = "Полиция Алматыдағы пикетке шыққан Дана Жанайды ұстады."
    facts2 = run(text2, [("Дана Жанайды", P, "Дана Жанай")])
    assert [f.get("protester")[0][1] for f in facts2 if f.kind == "Protest"] == ["Дана Жанай"]


def test_relations_parliament_is_a_subject_not_an_object() -> None:
    # "парламенті" is the head's possessive (nominative), not an accusative
    text = "Еуропа парламенті Макс Боқаев пен Талғат Аянды саяси тұтқындар деп атады."
    spec = [
        ("Еуропа парламенті", O, "Еуропа парламенті"),
        ("Макс Боқаев", P, "Макс Боқаев"),
        ("Талғат Аянды", P, "Талғат Аян"),
        ("саяси тұтқындар", G, "саяси тұтқындар"),
    ]
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"}
    assert pairs == {("Макс Боқаев", "Еуропа парламенті"), ("Талғат Аян", "Еуропа парламенті")}


def test_relations_one_who_was_freed_demands_nothing() -> None:
    text = "Бостандыққа шыққан белсенді Ақжанат Жұмабаева шеруге шықты."
    (f,) = [f for f in run(text, [("Ақжанат Жұмабаева", P, "Ақжанат Жұмабаева")]) if f.kind == "Protest"]
    assert f.get("demand") == []


def test_relations_each_of_them_was_given_an_arrest() -> None:
    text = (
        "Алматыда Әсел Қожахметова мен Ерлан Сәтбаев пикет өткізді.\n"
        "Полиция пикетшілерді ұстап, әрқайсысына 5 тәулік әкімшілік қамау берді."
    )
    spec = [("Әсел Қожахметова", P, "Әсел Қожахметова"), ("Ерлан Сәтбаев", P, "Ерлан Сәтбаев")]
    got = {(f.get("defendant")[0][1], f.get("term")[0]) for f in run(text, spec) if f.kind == "Sentencing"}
    assert got == {("Әсел Қожахметова", "P5D"), ("Ерлан Сәтбаев", "P5D")}


@pytest.mark.parametrize(
    ("text", "surface", "term"),
    [
        ("Сот Ерлан Қалиевті 3 жыл 4 ай 15 күнге бас бостандығынан айырды.", "Ерлан Қалиевті", "P3Y4M15D"),
        ("Ерлан Қалиевке қатаң режимдегі колонияда 5 жыл отыру жазасы тағайындалды.", "Ерлан Қалиевке", "P5Y"),
    ],
)
def test_relations_three_part_terms_and_years_to_serve(text: str, surface: str, term: str) -> None:
    facts = run(text, [(surface, P, "Ерлан Қалиев")])
    assert [f.get("term")[0] for f in facts if f.kind == "Sentencing"] == [term]


def test_relations_a_resolution_names_political_prisoners_in_apposition() -> None:
    text = (
        "Еуропа парламенті Қазақстан туралы қарар қабылдады.\n"
        "Қарарда депутаттар саяси тұтқындар Мақсат Ахметов пен Нұргүл Сәрсенованы босатуға шақырды."
    )
    spec = [
        ("Еуропа парламенті", O, "Еуропа парламенті"),
        ("саяси тұтқындар", G, "саяси тұтқындар"),
        ("Мақсат Ахметов", P, "Мақсат Ахметов"),
        ("Нұргүл Сәрсенованы", P, "Нұргүл Сәрсенова"),
    ]
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"}
    assert pairs == {("Мақсат Ахметов", "Еуропа парламенті"), ("Нұргүл Сәрсенова", "Еуропа парламенті")}


def test_relations_quoted_claim_attributed_after_the_quote() -> None:
    text = "«Бұл – саяси қудалау, Ерлан Қалиев – саяси тұтқын», – деді құқық қорғаушы Евгений Жовтис."
    spec = [
        ("Ерлан Қалиев", P, "Ерлан Қалиев"),
        ("саяси тұтқын", G, "саяси тұтқындар"),
        ("Евгений Жовтис", P, "Евгений Жовтис"),
    ]
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"}
    assert pairs == {("Ерлан Қалиев", "Евгений Жовтис")}
    # a denial, or no quote, claims nothing
    for other in ("«Ерлан Қалиев – саяси тұтқын емес», – деді прокурор Евгений Жовтис.",
                  "Ерлан Қалиев – саяси тұтқын, деді Евгений Жовтис."):
        assert [f for f in run(other, spec) if f.kind == "Listing"] == []


def test_relations_bulletin_list_after_according_to_the_bureau() -> None:
    text = (
        "Қазақстан халықаралық бюросының мәліметінше, қазір елде 40-тан астам саяси тұтқын бар.\n"
        "Олардың қатарында:\n"
        "– Жанболат Мамай (6 жыл шартты түрде),\n"
        "– Арон Атабек (18 жыл).\n"
        "Ерлан Қалиев кеше Алматыда сөйледі."
    )
    spec = [
        ("Қазақстан халықаралық бюросының", O, "Қазақстан халықаралық бюросы"),
        ("саяси тұтқын", G, "саяси тұтқындар"),
        ("Жанболат Мамай", P, "Жанболат Мамай"),
        ("Арон Атабек", P, "Арон Атабек"),
        ("Ерлан Қалиев", P, "Ерлан Қалиев"),
    ]
    facts = run(text, spec)
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in facts if f.kind == "Listing"}
    assert pairs == {("Жанболат Мамай", "Қазақстан халықаралық бюросы"), ("Арон Атабек", "Қазақстан халықаралық бюросы")}
    # the sentences in brackets
    terms = {(f.get("defendant")[0][1], f.get("term")[0], f.get("penalty")[0]) for f in facts if f.kind == "Sentencing"}
    assert terms == {("Жанболат Мамай", "P6Y", "SuspendedSentence"), ("Арон Атабек", "P18Y", "Imprisonment")}


def test_relations_listing_of_a_role_noun_names_the_activist() -> None:
    text = (
        "Ақтау қалалық соты белсенді Нұрлан Қожахметовке 4 жыл бас бостандығынан айыру жазасын тағайындады.\n"
        "Бұған дейін Amnesty International ұйымы да белсендіні ар-ождан тұтқыны деп таныған болатын."
    )
    spec = [
        ("Ақтау қалалық соты", O, "Ақтау қалалық соты"),
        ("Нұрлан Қожахметовке", P, "Нұрлан Қожахметов"),
        ("Amnesty International ұйымы", O, "Amnesty International"),
    ]
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"}
    assert pairs == {("Нұрлан Қожахметов", "Халықаралық амнистия")}  # its Kazakh name


def test_relations_bare_kin_noun_and_the_sex_of_the_relative() -> None:
    text = (
        "Белсенді Марат Жылқыбаев 7 жылға сотталды.\n"
        "Белсендінің әйелі Гүлнар Ержанова күйеуін босатуды талап етіп, аштық жариялады.\n"
        "Ал ұлы Ерлан Жылқыбаев әкесін қолдап, шеруге шықты."
    )
    spec = [
        ("Марат Жылқыбаев", P, "Марат Жылқыбаев"),
        ("Гүлнар Ержанова", P, "Гүлнар Ержанова"),
        ("Ерлан Жылқыбаев", P, "Ерлан Жылқыбаев"),
    ]
    # "ұлы Ерлан" is her son; "әкесін" (his father) is her husband, not she.
    assert protest_pairs(run(text, spec)) == {
        ("Гүлнар Ержанова", "Марат Жылқыбаев"),
        ("Ерлан Жылқыбаев", "Марат Жылқыбаев"),
    }


def test_relations_march_participants_stood_for_the_same_people() -> None:
    text = (
        "Ақтөбеде белсенді Ерлан Сапаров шеру өткізіп, ақын Нұржан Қабыловты ақтауды талап етті.\n"
        "Шеруге қатысқан Әлібек Сапарұлы мен Гүлназ Серікова кейін полиция бөлімшесіне жеткізілді."
    )
    spec = [
        ("Ерлан Сапаров", P, "Ерлан Сапаров"),
        ("Нұржан Қабыловты", P, "Нұржан Қабылов"),
        ("Әлібек Сапарұлы", P, "Әлібек Сапарұлы"),
        ("Гүлназ Серікова", P, "Гүлназ Серікова"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Ерлан Сапаров", "Нұржан Қабылов"),
        ("Әлібек Сапарұлы", "Нұржан Қабылов"),
        ("Гүлназ Серікова", "Нұржан Қабылов"),
    }


def test_relations_later_march_without_participants_wording_keeps_its_own_beneficiaries() -> None:
    text = (
        "Белсенді Ерлан Сапаров шеру өткізіп, ақын Нұржан Қабыловты ақтауды талап етті.\n"
        "Гүлназ Серікова да шеру өткізді."
    )
    spec = [
        ("Ерлан Сапаров", P, "Ерлан Сапаров"),
        ("Нұржан Қабыловты", P, "Нұржан Қабылов"),
        ("Гүлназ Серікова", P, "Гүлназ Серікова"),
    ]
    assert protest_pairs(run(text, spec)) == {("Ерлан Сапаров", "Нұржан Қабылов")}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("қабылов пен қайратов былтыр 4 жылдан сотталған", [(4, 6, "P4Y")]),
        ("ол 5 жылдан бері сотталған", []),
        ("жазасы 8 жылдан 6 жылға дейін қысқартылды", []),
    ],
)
def test_relations_distributive_ablative_term_before_the_verb(words: str, expected: list) -> None:
    assert parse_terms(words.split()) == expected


def test_relations_we_speaker_lists_for_the_organisation_she_represents() -> None:
    text = (
        "«Біз Талғат Ахметжановты, Жансая Ибрагимованы саяси тұтқын деп санаймыз», – дейді "
        "«Қаһарман» орталығының директоры Ерлан Смайылов."
    )
    spec = [
        ("Талғат Ахметжановты", P, "Талғат Ахметжанов"),
        ("Жансая Ибрагимованы", P, "Жансая Ибрагимова"),
        ("саяси тұтқын", G, "саяси тұтқын"),
        ("«Қаһарман» орталығының", O, "Қаһарман"),
        ("Ерлан Смайылов", P, "Ерлан Смайылов"),
    ]
    assert listing_pairs(run(text, spec)) == {
        ("Талғат Ахметжанов", "Қаһарман"),
        ("Жансая Ибрагимова", "Қаһарман"),
    }


def test_relations_we_speaker_named_by_a_head_noun_of_the_organisation_before() -> None:
    text = (
        "– «Қаһарман» құқық қорғау орталығы кімдерді саяси тұтқын деп санайды?\n"
        "– Біз Талғат Ахметжановты саяси тұтқын деп санаймыз, – дейді орталық директоры Ерлан Смайылов."
    )
    spec = [
        ("«Қаһарман» құқық қорғау орталығы", O, "Қаһарман"),
        ("Талғат Ахметжановты", P, "Талғат Ахметжанов"),
        ("саяси тұтқын", G, "саяси тұтқын"),
        ("Ерлан Смайылов", P, "Ерлан Смайылов"),
    ]
    assert listing_pairs(run(text, spec)) == {("Талғат Ахметжанов", "Қаһарман")}


def test_relations_speaker_without_we_keeps_listing_in_her_own_name() -> None:
    text = "Құқық қорғаушы Бахытжан Төрегожина Дмитрий Кимді саяси тұтқын деп есептейді."
    spec = [
        ("Бахытжан Төрегожина", P, "Бахытжан Төрегожина"),
        ("Дмитрий Кимді", P, "Дмитрий Ким"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert listing_pairs(run(text, spec)) == {("Дмитрий Ким", "Бахытжан Төрегожина")}


def test_relations_named_demand_after_a_picket_by_unnamed_women() -> None:
    text = (
        "Алматыда үш әйел бір адамдық пикет өткізді.\n"
        "Гүлжан Ахметова сотталған ұлы Ербол Ахметовты босатуды талап етті."
    )
    spec = [("Гүлжан Ахметова", P, "Гүлжан Ахметова"), ("Ербол Ахметовты", P, "Ербол Ахметов")]
    assert protest_pairs(run(text, spec)) == {("Гүлжан Ахметова", "Ербол Ахметов")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Белсенді Айдос Сейсенов Ішкі істер министрлігінің іздеу тізіміне енгізілді.",
        "Ал оның әріптесі Айдос Сейсенов партиялық тізімнен шығарылды.",
        "«Бостандық» қоры Айдос Сейсеновті саяси тұтқын деп танымайтынын мәлімдеді.",
    ],
)
def test_relations_other_lists_and_refusals_are_no_listing(sentence: str) -> None:
    text = "Депутаттар саяси тұтқындарға рақымшылық жасау туралы ұсынысты қабылдамады.\n" + sentence
    spec = [
        ("Айдос Сейсенов", P, "Айдос Сейсенов"),
        ("Айдос Сейсеновті", P, "Айдос Сейсенов"),
        ("«Бостандық» қоры", O, "Бостандық"),
        ("саяси тұтқындарға", G, "саяси тұтқын"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


def test_relations_took_a_place_on_the_list_is_a_listing_but_removal_is_not() -> None:
    text = (
        "Ақын Қайрат Бекенов «Тірек» альянсының саяси тұтқындар тізімінен орын алды.\n"
        "Ал Дина Қасымова тізімнен шығарылды."
    )
    spec = [
        ("Қайрат Бекенов", P, "Қайрат Бекенов"),
        ("«Тірек» альянсының", O, "Тірек"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("Дина Қасымова", P, "Дина Қасымова"),
    ]
    assert listing_pairs(run(text, spec)) == {("Қайрат Бекенов", "Тірек")}


def test_relations_present_tense_recognises_in_a_parenthesis() -> None:
    text = (
        "Марат Оспанов 5 жылға сотталған еді (Адам құқықтары жөніндегі Қазақстан халықаралық бюросы "
        "оны саяси тұтқын деп таниды)."
    )
    spec = [
        ("Марат Оспанов", P, "Марат Оспанов"),
        ("Адам құқықтары жөніндегі Қазақстан халықаралық бюросы", O, BURO_KEY),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert listing_pairs(run(text, spec)) == {("Марат Оспанов", BURO_KEY)}


def test_relations_organiser_of_a_crowd_action_stands_for_both_named_in_the_genitive() -> None:
    text = (
        "Атырауда мұнайшылар наразылық акциясына шығып, әріптестері Ерсін Қожабаев пен Мұрат Бейсеновтің "
        "босатылуын талап етті.\nАкцияны ұйымдастырған Салтанат Жақсыбаева сөз сөйледі."
    )
    spec = [
        ("Ерсін Қожабаев", P, "Ерсін Қожабаев"),
        ("Мұрат Бейсеновтің", P, "Мұрат Бейсенов"),
        ("Салтанат Жақсыбаева", P, "Салтанат Жақсыбаева"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Салтанат Жақсыбаева", "Ерсін Қожабаев"),
        ("Салтанат Жақсыбаева", "Мұрат Бейсенов"),
    }


def test_relations_freedom_for_my_husband_names_the_husband_asked_about() -> None:
    text = (
        "– Күйеуіңіз Бекболат Сұлтанов қашан сотталды?\n"
        "– Мен сот алдында пикетке шығып, күйеуіме бостандық талап еттім, – дейді Гүлнара Сұлтанова."
    )
    spec = [("Бекболат Сұлтанов", P, "Бекболат Сұлтанов"), ("Гүлнара Сұлтанова", P, "Гүлнара Сұлтанова")]
    assert protest_pairs(run(text, spec)) == {("Гүлнара Сұлтанова", "Бекболат Сұлтанов")}


def test_relations_monitor_committee_lists_but_security_committee_is_a_state_body() -> None:
    text = (
        "Норвегиялық Хельсинки комитеті баяндама жариялады.\n"
        "Комитет Нұрлан Есенов пен Серік Мұсаевты саяси себептермен қудаланғандар қатарына жатқызды."
    )
    spec = [("Нұрлан Есенов", P, "Нұрлан Есенов"), ("Серік Мұсаевты", P, "Серік Мұсаев")]
    assert listing_pairs(run(text, spec)) == {
        ("Нұрлан Есенов", "Норвегиялық Хельсинки комитеті"),
        ("Серік Мұсаев", "Норвегиялық Хельсинки комитеті"),
    }
    text2 = "Ұлттық қауіпсіздік комитеті Нұрлан Есеновті ұстап, оны пикетке шыққаны үшін айыптады."
    spec2 = [
        ("Ұлттық қауіпсіздік комитеті", O, "Ұлттық қауіпсіздік комитеті"),
        ("Нұрлан Есеновті", P, "Нұрлан Есенов"),
    ]
    protests = [f for f in run(text2, spec2) if f.kind == "Protest"]
    assert all(("Organization", "Ұлттық қауіпсіздік комитеті") not in f.get("protester") for f in protests)


def test_relations_source_opinion_needs_the_category_as_predicate() -> None:
    # X defended political prisoners: the category is an object, not what X is.
    text = "Халықаралық амнистияның айтуынша, Ерлан Балтабай саяси тұтқындарды қорғады."
    spec = [("Ерлан Балтабай", P, "Ерлан Балтабай"), ("саяси тұтқындарды", G, "саяси тұтқын")]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "«Тірек» альянсы Болат Әлиевті саяси тұтқындар тізіміне қосу мәселесін қарап жатыр.",
        "«Тірек» альянсының өкілінің айтуынша, Болат Әлиев саяси тұтқындар тізіміне қосылуы мүмкін.",
        "«Тірек» альянсы Болат Әлиевті саяси тұтқын деп тануы мүмкін.",
    ],
)
def test_relations_listing_only_considered_or_possible_is_no_listing(sentence: str) -> None:
    spec = [
        ("«Тірек» альянсы", O, "Тірек"),
        ("«Тірек» альянсының", O, "Тірек"),
        ("Болат Әлиевті", P, "Болат Әлиев"),
        ("Болат Әлиев", P, "Болат Әлиев"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
        ("саяси тұтқын", G, "саяси тұтқын"),
    ]
    assert [f for f in run(sentence, spec) if f.kind == "Listing"] == []


def test_relations_object_pronoun_before_support_is_the_beneficiary_not_the_protester() -> None:
    text = (
        "Қамаудағы белсенді Нұрсұлтан Әбенов аштық жариялады.\n"
        "Оны қолдап, досы Ермек Бекмағамбетов те аштыққа қосылды."
    )
    spec = [("Нұрсұлтан Әбенов", P, "Нұрсұлтан Әбенов"), ("Ермек Бекмағамбетов", P, "Ермек Бекмағамбетов")]
    facts = run(text, spec)
    assert protest_pairs(facts) == {("Ермек Бекмағамбетов", "Нұрсұлтан Әбенов")}


def test_relations_refused_to_list_is_no_listing() -> None:
    text = "«Тірек» альянсы кәсіпкер Бауыржан Омаровты саяси тұтқындар тізіміне енгізуден бас тартты."
    spec = [
        ("«Тірек» альянсы", O, "Тірек"),
        ("Бауыржан Омаровты", P, "Бауыржан Омаров"),
        ("саяси тұтқындар", G, "саяси тұтқын"),
    ]
    assert [f for f in run(text, spec) if f.kind == "Listing"] == []


def test_relations_bare_level_court_points_back_to_the_named_one() -> None:
    # The appeal sentence reviews; the next sentence's "аудандық сот" is the district court named there.
    text = (
        "Шымкент облыстық сотының алқасы Сайрам аудандық сотының үкімін өзгеріссіз қалдырды. "
        "Бұған дейін аудандық сот блогер Ержан Омаровты 3 жылға соттаған еді."
    )
    spec = [
        ("Шымкент облыстық сотының", O, "Шымкент облыстық соты", True),
        ("Сайрам аудандық сотының", O, "Сайрам аудандық соты", True),
        ("Ержан Омаровты", P, "Ержан Омаров"),
    ]
    (f,) = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert f.get("court") == [("Court", "Сайрам аудандық соты")]
    # No court of that level named before: no court is guessed.
    text2 = "Бұған дейін аудандық сот блогер Ержан Омаровты 3 жылға соттаған еді."
    (f2,) = [f for f in run(text2, [("Ержан Омаровты", P, "Ержан Омаров")]) if f.kind == "Sentencing"]
    assert f2.get("court") == []


def test_relations_saying_someone_is_a_political_prisoner_does_not_make_the_group_a_beneficiary() -> None:
    text = (
        "Зейнеткер Сәуле Ибраева ұлы Ринат Ибраевқа арналған бір адамдық пикетке шықты. "
        "Ол ұлының саяси тұтқын екенін айтып, оны босатуды талап етті."
    )
    spec = [
        ("Сәуле Ибраева", P, "Сәуле Ибраева"),
        ("Ринат Ибраевқа", P, "Ринат Ибраев"),
        ("саяси тұтқын", G, "саяси тұтқындар"),
    ]
    pairs = protest_pairs(run(text, spec))
    assert ("Сәуле Ибраева", "саяси тұтқындар") not in pairs


def test_relations_victim_of_political_repression_named_in_a_report_is_a_listing() -> None:
    text = (
        "«Freedom House» ұйымы жарияланған баяндамасында журналист Жанболат Мамайды саяси "
        "қуғын-сүргін құрбаны ретінде атап өтті."
    )
    spec = [("«Freedom House» ұйымы", O, "Freedom House"), ("Жанболат Мамайды", P, "Жанболат Мамай")]
    (f,) = [f for f in run(text, spec) if f.kind == "Listing"]
    assert f.get("listed") == [("Person", "Жанболат Мамай")]
    assert f.get("lister") == [("Organization", "Freedom House")]


def test_relations_contrastive_al_joins_gapped_sentences() -> None:
    text = "Сот Мақсат Досмағамбетовке 7 жыл, ал Наталья Ажигалиеваға 5 жыл бас бостандығынан айыру жазасын берді."
    spec = [("Мақсат Досмағамбетовке", P, "Мақсат Досмағамбетов"),
            ("Наталья Ажигалиеваға", P, "Наталья Ажигалиева")]
    assert sentencing_keys(run(text, spec)) >= {("Мақсат Досмағамбетов", "P7Y"), ("Наталья Ажигалиева", "P5Y")}


def test_relations_short_restriction_of_freedom_is_a_sentence() -> None:
    text = "Жаңаөзен қалалық соты белсенді Мақсат Тоқтаровқа 4 жыл шектеу жазасын тағайындады."
    spec = [("Жаңаөзен қалалық соты", O, "Жаңаөзен қалалық соты", True), ("Мақсат Тоқтаровқа", P, "Мақсат Тоқтаров")]
    (f,) = [f for f in run(text, spec) if f.kind == "Sentencing"]
    assert f.get("term") == ["P4Y"] and f.get("penalty") == ["RestrictedFreedom"]


@pytest.mark.parametrize(
    ("text", "charge"),
    [
        ("Сот Ерлан Оспановты «әлеуметтік алауыздықты қоздырды» деп танып, оған 6 жыл түрме жазасын тағайындады.",
         "әлеуметтік алауыздықты қоздырды"),
        ("Сот Ерлан Оспановты «экстремистік ұйымға қатысты» деп тауып, 5 жылға соттады.",
         "экстремистік ұйымға қатысты"),
    ],
)
def test_relations_charge_the_court_found_proven(text: str, charge: str) -> None:
    (f,) = [f for f in run(text, [("Ерлан Оспановты", P, "Ерлан Оспанов")]) if f.kind == "Sentencing"]
    assert f.get("charge") == [charge]


def test_relations_the_building_protested_in_front_of_is_no_protester() -> None:
    text = (
        "Бірнеше белсенді Президент әкімшілігі ғимаратының алдында Арман Шораевты босатуды талап етіп, "
        "пикет өткізді. Олардың ішінде Бақытжан Мұхтарұлы мен Айнұр Қалиева бар."
    )
    spec = [
        ("Президент әкімшілігі", O, "Президент әкімшілігі"),
        ("Арман Шораевты", P, "Арман Шораев"),
        ("Бақытжан Мұхтарұлы", P, "Бақытжан Мұхтарұлы"),
        ("Айнұр Қалиева", P, "Айнұр Қалиева"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Бақытжан Мұхтарұлы", "Арман Шораев"),
        ("Айнұр Қалиева", "Арман Шораев"),
    }


@pytest.mark.parametrize("verb", ["таныды", "мәлімдеді"])
def test_relations_the_speaking_head_of_an_organisation_is_not_listed(verb: str) -> None:
    text = f"«Ар-Рух-Хақ» ұйымының басшысы Сағдат Сатбаев белсенді Нұрболат Мырзахметовті саяси тұтқын деп {verb}."
    spec = [
        ("«Ар-Рух-Хақ» ұйымының", O, "Ар-Рух-Хақ"),
        ("Сағдат Сатбаев", P, "Сағдат Сатбаев"),
        ("Нұрболат Мырзахметовті", P, "Нұрболат Мырзахметов"),
        ("саяси тұтқын", G, "саяси тұтқындар"),
    ]
    listed = {f.get("listed")[0][1] for f in run(text, spec) if f.kind == "Listing"}
    assert listed == {"Нұрболат Мырзахметов"}


def test_relations_director_noting_political_motives_is_not_listed() -> None:
    text = (
        "«Адам құқықтары жөніндегі Қазақстан халықаралық бюросы» Жанат Есентаевты саяси тұтқындар тізіміне "
        "енгізді. Бюро директоры Евгений Жовтис бұл істің саяси астары бар екенін атап өтті."
    )
    spec = [
        ("«Адам құқықтары жөніндегі Қазақстан халықаралық бюросы»", O, "Бюро"),
        ("Бюро", O, "Бюро"),
        ("Жанат Есентаевты", P, "Жанат Есентаев"),
        ("Евгений Жовтис", P, "Евгений Жовтис"),
        ("саяси тұтқындар", G, "саяси тұтқындар"),
    ]
    listed = {f.get("listed")[0][1] for f in run(text, spec) if f.kind == "Listing"}
    assert listed == {"Жанат Есентаев"}


def test_relations_director_calling_a_case_political_speaks_for_his_bureau() -> None:
    text = "Қазақстан халықаралық бюросының директоры Евгений Жовтис Ержан Елшібаевтың ісін саяси астарлы деп атады."
    spec = [
        ("Қазақстан халықаралық бюросының", O, "Қазақстан халықаралық бюросы"),
        ("Евгений Жовтис", P, "Евгений Жовтис"),
        ("Ержан Елшібаевтың", P, "Ержан Елшібаев"),
    ]
    pairs = {(f.get("listed")[0][1], f.get("lister")[0][1]) for f in run(text, spec) if f.kind == "Listing"}
    assert pairs == {("Ержан Елшібаев", "Қазақстан халықаралық бюросы")}


def test_relations_crowd_expressing_support_to_someone_then_named_members() -> None:
    text = (
        "Сот ғимараты алдында жиналған 15-ке жуық белсенді Жанат Есентаевқа қолдау білдірді. "
        "Олардың арасында Ғалымжан Әубәкіров пен Асем Жапишева бар."
    )
    spec = [
        ("Жанат Есентаевқа", P, "Жанат Есентаев"),
        ("Ғалымжан Әубәкіров", P, "Ғалымжан Әубәкіров"),
        ("Асем Жапишева", P, "Асем Жапишева"),
    ]
    assert protest_pairs(run(text, spec)) == {
        ("Ғалымжан Әубәкіров", "Жанат Есентаев"),
        ("Асем Жапишева", "Жанат Есентаев"),
    }


def test_relations_the_journalists_sister_pickets_for_the_journalist() -> None:
    text = (
        "Түрмедегі журналист Аманжол Бекенов аштық жариялап отыр. "
        "Журналистің әпкесі Гүлмира Бекенова інісін қолдап, облыс әкімдігінің алдында жалғыз адамдық пикет өткізді."
    )
    spec = [("Аманжол Бекенов", P, "Аманжол Бекенов"), ("Гүлмира Бекенова", P, "Гүлмира Бекенова")]
    assert ("Гүлмира Бекенова", "Аманжол Бекенов") in protest_pairs(run(text, spec))


def test_relations_gapped_verdict_with_coordinated_names_in_each_clause() -> None:
    text = (
        "Сот Асқар Бейсенов пен Нұрлан Ахметовке 8 жылдан, Ерік Сапаровқа 6 жыл, ал Дәулет Тұрсынов пен "
        "Марлен Әділовке 3 жылдан бас бостандығынан айыру жазасын тағайындады."
    )
    names = [("Асқар Бейсенов", "Асқар Бейсенов"), ("Нұрлан Ахметовке", "Нұрлан Ахметов"),
             ("Ерік Сапаровқа", "Ерік Сапаров"), ("Дәулет Тұрсынов", "Дәулет Тұрсынов"),
             ("Марлен Әділовке", "Марлен Әділов")]
    facts = run(text, [(surface, P, lemma) for surface, lemma in names])
    assert sentencing_keys(facts) == {
        ("Асқар Бейсенов", "P8Y"), ("Нұрлан Ахметов", "P8Y"), ("Ерік Сапаров", "P6Y"),
        ("Дәулет Тұрсынов", "P3Y"), ("Марлен Әділов", "P3Y"),
    }


def test_relations_administrative_arrest_given_without_a_court_word() -> None:
    facts = run("Белсенді Ерлан Қалиевке 15 тәулік әкімшілік қамау берілді.", [("Ерлан Қалиевке", P, "Ерлан Қалиев")])
    (f,) = [f for f in facts if f.kind == "Sentencing"]
    assert f.get("term") == ["P15D"] and f.get("penalty") == ["AdministrativeArrest"]


def test_relations_prisoners_of_conscience_list_owned_by_a_monitor() -> None:
    text = "Ерлан Қалиев «Халықаралық амнистияның» ар-ождан тұтқындары тізімінде бар."
    spec = [("Ерлан Қалиев", P, "Ерлан Қалиев"), ("Халықаралық амнистияның", O, "Халықаралық амнистия")]
    (f,) = [f for f in run(text, spec) if f.kind == "Listing"]
    assert f.get("lister") == [("Organization", "Халықаралық амнистия")]


def test_relations_slogans_chanted_for_someone_are_a_protest() -> None:
    text = "Ерлан Қалиев пен Асқар Омаров «Ринат Ибраевқа бостандық!» деп ұран көтерді."
    spec = [("Ерлан Қалиев", P, "Ерлан Қалиев"), ("Асқар Омаров", P, "Асқар Омаров"),
            ("Ринат Ибраевқа", P, "Ринат Ибраев")]
    assert protest_pairs(run(text, spec)) == {("Ерлан Қалиев", "Ринат Ибраев"), ("Асқар Омаров", "Ринат Ибраев")}


def test_relations_the_court_gave_a_bare_term() -> None:
    text = "Құқық қорғаушылар саяси тұтқын деп таныған Ерлан Қалиевке сот 5 жыл берді."
    facts = run(text, [("Ерлан Қалиевке", P, "Ерлан Қалиев"), ("Құқық қорғаушылар", G, "құқық қорғаушылар")])
    assert sentencing_keys(facts) == {("Ерлан Қалиев", "P5Y")}
    # A possibility is not a sentence.
    assert sentencing_keys(run("Сот отырысы кейінге қалдырылды, Ерлан Қалиевке 5 жыл берілуі мүмкін.",
                               [("Ерлан Қалиевке", P, "Ерлан Қалиев")])) == set()


def test_relations_declaring_that_someone_is_a_political_prisoner_lists_them() -> None:
    text = "Құқық қорғаушы Рамазан Есіргепов Ерлан Қалиевтің саяси тұтқын екенін мәлімдеді."
    spec = [("Рамазан Есіргепов", P, "Рамазан Есіргепов"), ("Ерлан Қалиевтің", P, "Ерлан Қалиев"),
            ("саяси тұтқын", G, "саяси тұтқындар")]
    (f,) = [f for f in run(text, spec) if f.kind == "Listing"]
    assert f.get("listed") == [("Person", "Ерлан Қалиев")]
    assert f.get("lister") == [("Person", "Рамазан Есіргепов")]
    # A relative's claim about "ұлы" (her son) is no listing.
    text2 = "Ерлан Қалиевтің анасы ұлының саяси тұтқын екенін айтты."
    spec2 = [("Ерлан Қалиевтің", P, "Ерлан Қалиев"), ("саяси тұтқын", G, "саяси тұтқындар")]
    assert [f for f in run(text2, spec2) if f.kind == "Listing"] == []


@pytest.mark.parametrize(
    ("text", "charge"),
    [
        ("Ерлан Қалиев 2019 жылы «Көше партиясына» қатысқаны үшін 4 жылға сотталған.", "Көше партиясына қатысқаны"),
        ("Блогер Ерлан Қалиев жалған ақпарат таратқаны үшін 3 жылға сотталды.", "жалған ақпарат таратқаны"),
        (
            "Ерлан Қалиев тыйым салынған ұйым жұмысына қатысқаны үшін 1 жыл бас бостандығын шектеуге сотталды.",
            "тыйым салынған ұйым жұмысына қатысқаны",
        ),
    ],
)
def test_relations_charge_for_having_done_something(text: str, charge: str) -> None:
    (f,) = [f for f in run(text, [("Ерлан Қалиев", P, "Ерлан Қалиев")]) if f.kind == "Sentencing"]
    assert f.get("charge") == [charge]


def test_relations_the_city_aktau_is_no_demand_for_acquittal() -> None:
    text = "Маңғыстау облысының тұрғыны Нұрбек Сейітжанов Ақтауда әкімдік алдында жеке пикетке шықты."
    spec = [("Нұрбек Сейітжанов", P, "Нұрбек Сейітжанов"), ("Ақтауда", L, "Ақтау")]
    (f,) = [f for f in run(text, spec) if f.kind == "Protest"]
    assert f.get("demand") == []
    text2 = "Белсенді Нұрбек Сейітжанов Ақтауда Ерлан Қалиевті ақтауды талап етіп, пикетке шықты."
    spec2 = [*spec, ("Ерлан Қалиевті", P, "Ерлан Қалиев")]
    (f2,) = [f for f in run(text2, spec2) if f.kind == "Protest"]
    assert f2.get("demand") == ["release"] and f2.get("beneficiary") == [("Person", "Ерлан Қалиев")]


def test_relations_the_bostandyq_district_is_no_demand_for_freedom() -> None:
    spec = [("Нұрбек Сейітжанов", P, "Нұрбек Сейітжанов")]
    text = "Белсенді Нұрбек Сейітжанов Бостандық аудандық сотының алдында пикетке шықты."
    (f,) = [f for f in run(text, spec) if f.kind == "Protest"]
    assert f.get("demand") == []
    text2 = "Белсенді Нұрбек Сейітжанов «Бостандық Арон Атабекке!» деген плакатпен пикетке шықты."
    (f2,) = [f for f in run(text2, [*spec, ("Арон Атабекке", P, "Арон Атабек")]) if f.kind == "Protest"]
    assert f2.get("demand") == ["release"]


@pytest.mark.parametrize(
    "text",
    [
        "Кәсіпкер Ерлан Қалиев «Қазатомпром» компаниясының акцияларын сатып алды.",  # shares
        "Министр Ерлан Қалиев жиында сөз сөйледі.",  # a meeting
        "Ерлан Қалиев ұлттық құрама жиынтығына шақырылды.",  # a national team
        "Ерлан Қалиев аштық жылдары туралы кітап жазды.",  # famine
        "Ерлан Қалиев ауылдағы жиынға қатысып, тұрғындармен кездесті.",  # a village meeting
    ],
)
def test_relations_words_that_only_sound_like_protests(text: str) -> None:
    assert [f for f in run(text, [("Ерлан Қалиев", P, "Ерлан Қалиев")]) if f.kind == "Protest"] == []
