"""Entity resolution on hand-made mentions: labels, surname linking, aliases, roles."""

from __future__ import annotations

import re

import pytest

from graph.annotate.entities import canonical_label, entity_class, resolve_entities
from graph.lang.sentences import split_sentences
from graph.model import Document, Mention

P, G, O, L = "PERSON", "GROUP", "ORGANIZATION", "LOCATION"


def build(texts: dict[str, str], spec: dict[str, list[tuple]]):
    """Sentences and mentions of several hand-made articles.

    ``spec[doc]`` lists (surface, type, lemma[, court]); every occurrence of the
    surface becomes a mention.
    """
    sents, ments = [], []
    for doc_id, text in texts.items():
        doc = Document(doc_id, doc_id, text)
        ss = split_sentences(doc)
        sents += ss
        taken: list[tuple[int, int]] = []
        for item in sorted(spec.get(doc_id, []), key=lambda x: -len(x[0])):
            surface, mtype, lemma = item[:3]
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                s = next(s for s in ss if s.start <= m.start() < s.end)
                ments.append(
                    Mention(
                        doc_id,
                        s.index,
                        m.start(),
                        m.end(),
                        surface,
                        mtype,
                        lemma,
                        "gold",
                        bool(item[3]) if len(item) > 3 else False,
                    )
                )
                taken.append((m.start(), m.end()))
    return sents, sorted(ments, key=lambda m: (m.doc_id, m.start))


def keys_of(texts: dict[str, str], spec: dict[str, list[tuple]]) -> dict[str, tuple[str, str]]:
    sents, ments = build(texts, spec)
    _, mapping = resolve_entities(ments, sents)
    return {f"{m.doc_id}:{m.text}@{m.start}": k for m, k in mapping.items()}


def _m(text: str, mtype: str, lemma: str, court: bool = False) -> Mention:
    return Mention("d", 0, 0, len(text), text, mtype, lemma, "gold", court)


@pytest.mark.parametrize(
    ("mention", "cls", "label"),
    [
        (
            _m("«Қазатомөнеркәсіп» ұлттық компаниясының", O, "«Қазатомөнеркәсіп» ұлттық компаниясы"),
            "Organization",
            "Қазатомөнеркәсіп",
        ),
        (
            _m("«Қазатомпром» ұлттық компаниясының", O, "«Қазатомпром» ұлттық компаниясы"),
            "Organization",
            "Қазатомөнеркәсіп",
        ),
        (
            _m('"Жер тағдыры" қоғамдық бірлестігінің', O, '"Жер тағдыры" қоғамдық бірлестігі'),
            "Organization",
            "Жер тағдыры",
        ),
        (_m("Алматы әкімдігінің", O, "Алматы әкімдігі"), "Organization", "Алматы әкімдігі"),
        (_m("Біріккен Ұлттар Ұйымының", O, "Біріккен Ұлттар Ұйымы"), "Organization", "Біріккен Ұлттар Ұйымы"),
        (_m("БҰҰ-ның", O, "БҰҰ"), "Organization", "Біріккен Ұлттар Ұйымы"),
        (_m("Өскемендегі сот", O, "Өскемендегі сот", True), "Court", "Өскемен соты"),
        (_m("Медеу аудандық сотының", O, "Медеу аудандық соты", True), "Court", "Медеу аудандық соты"),
        # one court under two names: the city before a numbered district court only locates it
        (_m("Астана қаласы Сарыарқа аудандық №2 соты", O, "Астана қаласы Сарыарқа аудандық №2 соты", True),
         "Court", "Сарыарқа аудандық №2 соты"),
        (_m("Жоғарғы сот", O, "Жоғарғы сот", True), "Court", "Жоғарғы сот"),
        (_m("Астанада", L, "Астана"), "Place", "Астана"),
        (_m("Нұр-Сұлтанда", L, "Нұр-Сұлтан"), "Place", "Астана"),
        (_m("Нур-Султанда", L, "Нур-Султан"), "Place", "Астана"),
        (_m("Бишкекте", L, "Бишкек"), "Place", "Бішкек"),
        (_m("Астана алаңында", L, "Астана алаңы"), "Place", "Астана алаңы"),
        (
            _m("қазақстандық құқық қорғаушылар", G, "қазақстандық құқық қорғаушылар"),
            "Group",
            "құқық қорғаушылар",
        ),
        (_m("«саяси тұтқын»", G, "саяси тұтқын"), "Group", "саяси тұтқындар"),
        (_m("Былтыр Шайхин", P, "Былтыр Шайхин"), "Person", "Шайхин"),
        (_m("Прокурор Омаровқа", P, "Прокурор Омаров"), "Person", "Омаров"),
        (_m("Усть-Каменогорск қаласының", L, "Өскемен қаласы"), "Place", "Өскемен"),
        (_m("«Ар.рух.хак» қоры", O, "«Ар . рух . хак» қоры"), "Organization", "Ар.рух.хак"),
    ],
)
def test_entities_canonical_label(mention: Mention, cls: str, label: str) -> None:
    assert (entity_class(mention), canonical_label(mention)) == (cls, label)


def test_entities_lone_surname_joins_full_name_in_article() -> None:
    text = "Белсенді Серік Жахин аштық жариялады.\nЖахин 26 қыркүйектен бері тамақ ішпейді."
    keys = keys_of({"a": text}, {"a": [("Серік Жахин", P, "Серік Жахин"), ("Жахин", P, "Жахин")]})
    assert set(keys.values()) == {("Person", "Серік Жахин")}


def test_entities_lone_surname_takes_nearest_preceding_of_two_namesakes() -> None:
    text = (
        "Ерлан Мұқанов пен Дархан Мұқанов сотталды.\nДархан Мұқанов үндемеді.\nМұқанов шағым берді.\n"
        "Ерлан Мұқанов сөйледі.\nМұқанов кінәсін мойындамады."
    )
    sents, ments = build(
        {"a": text},
        {
            "a": [
                ("Ерлан Мұқанов", P, "Ерлан Мұқанов"),
                ("Дархан Мұқанов", P, "Дархан Мұқанов"),
                ("Мұқанов", P, "Мұқанов"),
            ]
        },
    )
    _, mapping = resolve_entities(ments, sents)
    lone = sorted((m.start, mapping[m][1]) for m in ments if m.text == "Мұқанов")
    assert [label for _, label in lone] == ["Дархан Мұқанов", "Ерлан Мұқанов"]


def test_entities_namesakes_with_different_given_names_stay_apart() -> None:
    text = "Ерлан Мұқанов сотталды.\nДархан Мұқанов босатылды."
    keys = keys_of(
        {"a": text}, {"a": [("Ерлан Мұқанов", P, "Ерлан Мұқанов"), ("Дархан Мұқанов", P, "Дархан Мұқанов")]}
    )
    assert sorted(keys.values()) == [("Person", "Дархан Мұқанов"), ("Person", "Ерлан Мұқанов")]


def test_entities_lone_surname_uses_corpus_when_unique() -> None:
    keys = keys_of(
        {"a": "Мұхтар Жәкішев сотталды.", "b": "Жәкішевке бостандық беруді сұрады."},
        {"a": [("Мұхтар Жәкішев", P, "Мұхтар Жәкішев")], "b": [("Жәкішевке", P, "Жәкішев")]},
    )
    assert set(keys.values()) == {("Person", "Мұхтар Жәкішев")}


def test_entities_female_surname_is_not_male_surname_plus_suffix() -> None:
    text = "Гүлжан Мұқанова мен Ерлан Мұқанов келді.\nМұқанова сөйледі."
    sents, ments = build(
        {"a": text},
        {
            "a": [
                ("Гүлжан Мұқанова", P, "Гүлжан Мұқанова"),
                ("Ерлан Мұқанов", P, "Ерлан Мұқанов"),
                ("Мұқанова", P, "Мұқанова"),
            ]
        },
    )
    _, mapping = resolve_entities(ments, sents)
    assert {mapping[m] for m in ments if m.text == "Мұқанова"} == {("Person", "Гүлжан Мұқанова")}


def test_entities_given_name_alone_joins_unique_full_name() -> None:
    keys = keys_of(
        {"a": "Тимур Ахметжанов сотталды.\nТимур кінәсін мойындамады."},
        {"a": [("Тимур Ахметжанов", P, "Тимур Ахметжанов"), ("Тимур", P, "Тимур")]},
    )
    assert set(keys.values()) == {("Person", "Тимур Ахметжанов")}


def test_entities_alt_labels_roles_and_order() -> None:
    text = (
        "16 қазанда белсенді Асхат Жексебаев «Қазатомпром» ұлттық компаниясының бұрынғы төрағасы "
        "Мұхтар Жәкішевті қолдады.\nЖәкішевтің адвокаты Аманжол Мұхамедияр сөйледі."
    )
    spec = {
        "a": [
            ("Асхат Жексебаев", P, "Асхат Жексебаев"),
            ("«Қазатомпром» ұлттық компаниясының", O, "«Қазатомпром» ұлттық компаниясы"),
            ("Мұхтар Жәкішевті", P, "Мұхтар Жәкішев"),
            ("Жәкішевтің", P, "Жәкішев"),
            ("Аманжол Мұхамедияр", P, "Аманжол Мұхамедияр"),
        ]
    }
    sents, ments = build({"a": text}, spec)
    entities, _ = resolve_entities(ments, sents)
    by_key = {e.key: e for e in entities}
    assert [e.key for e in entities] == sorted(by_key)
    zh = by_key[("Person", "Мұхтар Жәкішев")]
    assert zh.alt_labels == ("Жәкішев", "Жәкішевтің", "Мұхтар Жәкішевті")
    assert zh.roles == ("бұрынғы төраға",)
    assert by_key[("Person", "Асхат Жексебаев")].roles == ("белсенді",)
    assert by_key[("Person", "Аманжол Мұхамедияр")].roles == ("адвокат",)
    assert "Қазатомпром ұлттық компаниясының" in by_key[("Organization", "Қазатомөнеркәсіп")].alt_labels


def test_entities_abbreviation_joins_spelled_out_name() -> None:
    keys = keys_of(
        {"a": "Біріккен Ұлттар Ұйымы мәлімдеді.\nҰҰҰ-ның өкілі сөйледі."},
        {"a": [("Біріккен Ұлттар Ұйымы", O, "Біріккен Ұлттар Ұйымы"), ("ҰҰҰ-ның", O, "ҰҰҰ")]},
    )
    # "ҰҰҰ" is not the initials of Біріккен Ұлттар Ұйымы, so it must stay apart.
    assert sorted(set(keys.values())) == [("Organization", "Біріккен Ұлттар Ұйымы"), ("Organization", "ҰҰҰ")]
    keys = keys_of(
        {"a": "Әділ Сөз Қоры мәлімдеді.\nӘСҚ өкілі сөйледі."},
        {"a": [("Әділ Сөз Қоры", O, "Әділ Сөз Қоры"), ("ӘСҚ", O, "ӘСҚ")]},
    )
    assert set(keys.values()) == {("Organization", "Әділ Сөз Қоры")}


def test_entities_court_names_its_town_too() -> None:
    sents, ments = build(
        {"a": "Өскемендегі сот өтінішті қанағаттандырмады."},
        {"a": [("Өскемендегі сот", O, "Өскемендегі сот", True)]},
    )
    entities, mapping = resolve_entities(ments, sents)
    assert set(mapping.values()) == {("Court", "Өскемен соты")}
    assert {e.key for e in entities} == {("Court", "Өскемен соты"), ("Place", "Өскемен")}


def _nested(text: str, outer: tuple, inner: list[tuple]) -> tuple[list, list]:
    """One sentence with a court mention and place mentions nested inside it."""
    doc = Document("a", "a", text)
    sents = split_sentences(doc)
    surface, lemma = outer
    ments = [Mention("a", 0, text.index(surface), text.index(surface) + len(surface), surface, O, lemma, "gold", True)]
    ments += [Mention("a", 0, text.index(w), text.index(w) + len(w), w, L, lem, "gold") for w, lem in inner]
    return sents, ments


def test_entities_district_inside_a_court_name_is_no_place() -> None:
    sents, ments = _nested("Медеу аудандық соты үкім шығарды.", ("Медеу аудандық соты", "Медеу аудандық соты"),
                           [("Медеу", "Медеу")])
    entities, _ = resolve_entities(ments, sents)
    assert {e.key for e in entities} == {("Court", "Медеу аудандық соты")}
    sents, ments = _nested("Алматыдағы Медеу аудандық соты үкім шығарды.",
                           ("Алматыдағы Медеу аудандық соты", "Медеу аудандық соты"),
                           [("Алматыдағы", "Алматы"), ("Медеу", "Медеу")])
    entities, _ = resolve_entities(ments, sents)  # the town that locates the court stays
    assert {e.key for e in entities} == {("Court", "Медеу аудандық соты"), ("Place", "Алматы")}


def test_entities_court_named_by_its_district_alone_is_the_full_court_of_the_article() -> None:
    texts = {"a": "Наурызбай аудандық соты үкім шығарды.\nІс Наурызбай сотына берілді.",
             "b": "Наурызбай сотына шағым түсті."}
    spec = {"a": [("Наурызбай аудандық соты", O, "Наурызбай аудандық соты", True),
                  ("Наурызбай сотына", O, "Наурызбай соты", True)],
            "b": [("Наурызбай сотына", O, "Наурызбай соты", True)]}
    keys = keys_of(texts, spec)
    assert {k for m, k in keys.items() if m.startswith("a:")} == {("Court", "Наурызбай аудандық соты")}
    assert {k for m, k in keys.items() if m.startswith("b:")} == {("Court", "Наурызбай соты")}


def test_entities_unnamed_crowd_is_no_group_but_the_monitored_collectives_are() -> None:
    texts = {"a": "Наразылар тарамады.\nЖурналистер сұрақ қойды.\nНарымбаев – азаматтық белсенді.\n"
                  "Құқық қорғаушылар оны саяси тұтқын деп таныды."}
    spec = {"a": [("Наразылар", G, "наразылар"), ("Журналистер", G, "журналистер"),
                  ("азаматтық белсенді", G, "азаматтық белсенділер"), ("Құқық қорғаушылар", G, "құқық қорғаушылар"),
                  ("саяси тұтқын", G, "саяси тұтқындар")]}
    assert set(keys_of(texts, spec).values()) == {("Group", "құқық қорғаушылар"), ("Group", "саяси тұтқындар")}


def test_entities_crowd_noun_summing_up_named_people_stays_a_group() -> None:
    texts = {"a": "Олар Арман Шораев пен Мұхтар Тайжан сияқты белсенділерді атады."}
    spec = {"a": [("Арман Шораев", P, "Арман Шораев"), ("Мұхтар Тайжан", P, "Мұхтар Тайжан"),
                  ("белсенділерді", G, "белсенділер")]}
    assert ("Group", "белсенділер") in set(keys_of(texts, spec).values())


def test_entities_lone_surname_run_into_lower_case_words_is_the_person() -> None:
    texts = {"a": "Серікжан Біләш ұсталды.\nНәтижесінде Біләш процестік келісім жасасты."}
    spec = {"a": [("Серікжан Біләш", P, "Серікжан Біләш"), ("Біләш процестік келісім", O, "Біләш процестік келісім")]}
    keys = keys_of(texts, spec)
    assert set(keys.values()) == {("Person", "Серікжан Біләш")}
    assert any(k.startswith("a:Біләш@") for k in keys)


def test_entities_social_network_is_no_entity() -> None:
    texts = {"a": "Ол Facebook желісінде жазды.\nВидео Ютубта тарады."}
    spec = {"a": [("Facebook", O, "Facebook"), ("Ютубта", O, "Ютуб")]}
    assert keys_of(texts, spec) == {}


def test_entities_office_named_only_as_the_building_people_gathered_at_is_a_place() -> None:
    texts = {"a": "Адамдар Президент әкімшілігінің ғимараты алдына жиналды.\nОл Қытай консулдығының алдында тұрды.\n"
                  "Белсенді Алматы әкімдігінің алдында пикетке шықты.",
             "b": "Президент әкімшілігінің ғимараты алдына жиналды.\nПрезидент әкімшілігі жауап бермеді."}
    spec = {"a": [("Президент әкімшілігінің", O, "Президент әкімшілігі"), ("Қытай консулдығының", O, "Қытай консулдығы"),
                  ("Алматы әкімдігінің", O, "Алматы әкімдігі")],
            "b": [("Президент әкімшілігінің", O, "Президент әкімшілігі"), ("Президент әкімшілігі", O, "Президент әкімшілігі")]}
    keys = keys_of(texts, spec)
    assert {k for m, k in keys.items() if m.startswith("a:")} == {
        ("Place", "Президент әкімшілігі"), ("Place", "Қытай консулдығы"), ("Organization", "Алматы әкімдігі")}
    # an office that also acts in the article stays an organisation
    assert {k for m, k in keys.items() if m.startswith("b:")} == {("Organization", "Президент әкімшілігі")}


def test_entities_public_figure_named_by_surname_alone_takes_the_full_name() -> None:
    texts = {"a": "Енді Тоқаевтың өзі шығып жауап берсін."}
    spec = {"a": [("Тоқаевтың", P, "Тоқаев")]}
    assert set(keys_of(texts, spec).values()) == {("Person", "Қасым-Жомарт Тоқаев")}


def test_entities_village_is_named_without_its_head_noun() -> None:
    assert canonical_label(_m("Шолақай ауылында", L, "Шолақай ауылы")) == "Шолақай"
    assert canonical_label(_m("Алматы облысында", L, "Алматы облысы")) == "Алматы облысы"


def test_entities_name_without_its_genitive_owner_is_the_longer_name() -> None:
    texts = {"a": "«Қазақстанның демократиялық таңдауы» қозғалысы тыйым салынды.",
             "b": "Ол «Демократиялық таңдау» қозғалысына қатысты."}
    spec = {"a": [("Қазақстанның демократиялық таңдауы", O, "Қазақстанның демократиялық таңдауы")],
            "b": [("Демократиялық таңдау", O, "Демократиялық таңдау")]}
    assert set(keys_of(texts, spec).values()) == {("Organization", "Қазақстанның демократиялық таңдауы")}


def test_entities_unnamed_specialised_court_is_the_articles_court_with_those_words() -> None:
    texts = {"a": "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты істі қарады.\n"
                  "Кешке мамандандырылған әкімшілік сот оларды қамады."}
    spec = {"a": [("Алматы қаласының мамандандырылған ауданаралық әкімшілік соты", O,
                   "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты", True),
                  ("мамандандырылған әкімшілік сот", O, "мамандандырылған әкімшілік соты", True)]}
    assert set(keys_of(texts, spec).values()) == {
        ("Court", "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты")}


def test_entities_recovers_missed_quoted_organisation_and_surname() -> None:
    text = (
        "«Тірек» құқық қорғау альянсы тізім жариялады.\nАлмат Жұмағұлов тізімде бар.\n"
        "Жұмағұловты 8 жылға соттаған."
    )
    sents, ments = build({"a": text}, {"a": [("Алмат Жұмағұлов", P, "Алмат Жұмағұлов")]})
    entities, mapping = resolve_entities(ments, sents)
    recovered = {(m.text, k) for m, k in mapping.items() if m.source == "entities"}
    assert recovered == {
        ("«Тірек» құқық қорғау альянсы", ("Organization", "Тірек")),
        ("Жұмағұловты", ("Person", "Алмат Жұмағұлов")),
    }
    assert ("Organization", "Тірек") in {e.key for e in entities}


def test_entities_person_glued_to_generic_noun_is_a_person() -> None:
    sents, ments = build(
        {"a": "Ақтөбеде белсенді Нұргүл Жақсылықова облыстық сот ғимаратының алдында тұрды."},
        {"a": [("Нұргүл Жақсылықова облыстық сот", O, "Нұргүл Жақсылықова облыстық соты", True)]},
    )
    _, mapping = resolve_entities(ments, sents)
    assert set(mapping.values()) == {("Person", "Нұргүл Жақсылықова")}


def test_entities_deterministic_whatever_the_input_order() -> None:
    text = "Серік Жахин аштық жариялады.\nЖахин сөйледі.\nАстанада пикет өтті."
    spec = {"a": [("Серік Жахин", P, "Серік Жахин"), ("Жахин", P, "Жахин"), ("Астанада", L, "Астана")]}
    sents, ments = build({"a": text}, spec)
    e1, m1 = resolve_entities(ments, sents)
    e2, m2 = resolve_entities(list(reversed(ments)), sents)
    assert e1 == e2 and m1 == m2
    assert [e.alt_labels for e in e1] == [e.alt_labels for e in e2]


def test_entities_topic_phrase_completes_an_organisation_name() -> None:
    text = "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы тізім жариялады."
    sents, ments = build(
        {"a": text}, {"a": [("Қазақстан халықаралық бюросы", O, "Қазақстан халықаралық бюросы")]}
    )
    entities, mapping = resolve_entities(ments, sents)
    full = ("Organization", "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы")
    assert set(mapping.values()) == {full}
    assert [e.key for e in entities] == [full]


def test_entities_recovers_unquoted_organisation_with_head_noun() -> None:
    text = "Бұған дейін Адам құқықтары жөніндегі Қазақстан халықаралық бюросы тізім жариялады."
    sents, ments = build({"a": text}, {"a": [("Қазақстан", L, "Қазақстан")]})
    entities, _ = resolve_entities(ments, sents)
    keys = {e.key for e in entities}
    assert ("Organization", "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы") in keys
    assert ("Place", "Қазақстан") in keys


def test_entities_street_named_after_a_person_is_a_place() -> None:
    sents, ments = build(
        {"a": "Алматыда Абай даңғылындағы сот ғимаратының алдында пикет өтті."},
        {"a": [("Абай", P, "Абай"), ("Алматыда", L, "Алматы")]},
    )
    _, mapping = resolve_entities(ments, sents)
    assert set(mapping.values()) == {("Place", "Абай даңғылы"), ("Place", "Алматы")}


def test_entities_lone_surname_prefers_subject_over_relative_introduced_by_kin_noun() -> None:
    text = (
        "Белсенді Әлия Жақсыбекова аштық жариялады.\nБұл туралы оның қызы Мадина Жақсыбекова хабарлады.\n"
        "Жақсыбекова адвокатпен кездесуді талап етуде."
    )
    sents, ments = build(
        {"a": text},
        {
            "a": [
                ("Әлия Жақсыбекова", P, "Әлия Жақсыбекова"),
                ("Мадина Жақсыбекова", P, "Мадина Жақсыбекова"),
                ("Жақсыбекова", P, "Жақсыбекова"),
            ]
        },
    )
    _, mapping = resolve_entities(ments, sents)
    lone = [mapping[m] for m in ments if m.text == "Жақсыбекова"]
    assert lone == [("Person", "Әлия Жақсыбекова")]


def test_entities_district_court_label_drops_the_city_before_it() -> None:
    m = _m("Астанадағы Есіл аудандық соты", O, "Астанадағы Есіл аудандық соты", True)
    assert canonical_label(m) == "Есіл аудандық соты"
    m = _m("Алматы облыстық соты", O, "Алматы облыстық соты", True)
    assert canonical_label(m) == "Алматы облыстық соты"


def test_entities_recovers_international_organisation_without_adjective_suffix() -> None:
    text = "Халықаралық амнистия ұйымы журналист Дүйсенбек Нұрғожаевты ар-ождан тұтқыны деп жариялады."
    sents, ments = build({"a": text}, {"a": [("Дүйсенбек Нұрғожаевты", P, "Дүйсенбек Нұрғожаев")]})
    entities, _ = resolve_entities(ments, sents)
    orgs = [e for e in entities if e.cls == "Organization"]
    assert [e.label for e in orgs] and "амнистия" in orgs[0].label


def test_entities_dialogue_opener_is_never_a_person() -> None:
    text = "– Иә, біз апелляциялық шағым береміз."
    sents, ments = build({"a": text}, {"a": [("Иә", P, "Иә")]})
    entities, mapping = resolve_entities(ments, sents)
    assert entities == [] and mapping == {}


def test_entities_two_organisations_sharing_a_plural_head_are_both_recovered() -> None:
    text = "Халықаралық амнистия мен Human Rights Watch ұйымдары бірлескен мәлімдеме жариялады."
    sents, ments = build({"a": text}, {"a": []})
    entities, _ = resolve_entities(ments, sents)
    assert {e.key for e in entities} == {
        ("Organization", "Халықаралық амнистия"),
        ("Organization", "Human Rights Watch"),
    }


def test_entities_person_glued_to_another_persons_surname_is_split() -> None:
    texts = {"a": "Мұнайшы Қайрат Ермеков сотталды.\nБекзат Оразов Ермековке бостандық талап етті."}
    spec = {
        "a": [
            ("Қайрат Ермеков", P, "Қайрат Ермеков"),
            ("Бекзат Оразов Ермековке", P, "Бекзат Оразов Ермеков"),
        ]
    }
    keys = set(keys_of(texts, spec).values())
    assert keys == {("Person", "Қайрат Ермеков"), ("Person", "Бекзат Оразов")}


def test_entities_organisation_glued_to_a_surname_is_split() -> None:
    texts = {
        "a": "Қуаныш Әлмағамбетов сотталды.\nХалықаралық амнистия Әлмағамбетовті ар-ождан тұтқыны деп таныды."
    }
    spec = {
        "a": [
            ("Қуаныш Әлмағамбетов", P, "Қуаныш Әлмағамбетов"),
            ("Халықаралық амнистия Әлмағамбетовті", O, "Халықаралық амнистия Әлмағамбетов"),
        ]
    }
    keys = keys_of(texts, spec)
    assert set(keys.values()) == {("Person", "Қуаныш Әлмағамбетов"), ("Organization", "Халықаралық амнистия")}
    assert sum(1 for k in keys.values() if k == ("Person", "Қуаныш Әлмағамбетов")) == 2


def test_entities_three_word_name_without_a_matching_full_name_stays_whole() -> None:
    # The last word is no other person's surname in the article: nothing to split.
    texts = {"a": "Ерлан Қайратұлы Мұқанов сотталды.\nАйгүл Сейітова куә болды."}
    spec = {
        "a": [
            ("Ерлан Қайратұлы Мұқанов", P, "Ерлан Қайратұлы Мұқанов"),
            ("Айгүл Сейітова", P, "Айгүл Сейітова"),
        ]
    }
    assert ("Person", "Ерлан Қайратұлы Мұқанов") in set(keys_of(texts, spec).values())


def test_entities_lone_surname_typed_as_place_or_organisation_joins_the_person() -> None:
    texts = {
        "a": "Журналист Махамбет Әбжан сотталды.\nПлакатта «Әбжанға бостандық!» деп жазылған. Әбжанның ісі жабылмады."
    }
    spec = {
        "a": [
            ("Махамбет Әбжан", P, "Махамбет Әбжан"),
            ("Әбжанға", O, "Әбжан"),
            ("Әбжанның", L, "Әбжан"),
        ]
    }
    assert set(keys_of(texts, spec).values()) == {("Person", "Махамбет Әбжан")}


def test_entities_russian_letters_for_kazakh_ones_spell_the_same_person() -> None:
    texts = {
        "a": "Мұхтар Жәкішев 14 жылға сотталды.",
        "b": "Белсенді Мухтар Жакишевті қолдап пикетке шықты.",
        "c": "Жакишевке бостандық!",
    }
    spec = {
        "a": [("Мұхтар Жәкішев", P, "Мұхтар Жәкішев")],
        "b": [("Мухтар Жакишевті", P, "Мухтар Жакишев")],
        "c": [("Жакишевке", P, "Жакишев")],
    }
    # one person, named in the Kazakh spelling
    assert set(keys_of(texts, spec).values()) == {("Person", "Мұхтар Жәкішев")}
    # names that differ by more than the letters stay apart
    texts2 = {"a": "Ерлан Әлиев сөйледі.", "b": "Ерлан Алимов сөйледі."}
    spec2 = {"a": [("Ерлан Әлиев", P, "Ерлан Әлиев")], "b": [("Ерлан Алимов", P, "Ерлан Алимов")]}
    assert len(set(keys_of(texts2, spec2).values())) == 2


def test_entities_one_organisation_in_english_kazakh_and_short_form() -> None:
    texts = {
        "a": "Amnesty International ұйымы мәлімдеме жасады.",
        "b": "Халықаралық амнистия ұйымы үндеу жариялады.",
        "c": "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы есеп шығарды.",
        "d": "Қазақстан халықаралық бюросы тізімді жаңартты.",
        "e": "Ресей Сыртқы істер министрлігі мәлімдеме жасады.",
        "f": "Сыртқы істер министрлігі түсініктеме бермеді.",
        "g": "Шанхай ынтымақтастық ұйымы жиналды.",
    }
    spec = {
        "a": [("Amnesty International ұйымы", O, "Amnesty International ұйымы")],
        "b": [("Халықаралық амнистия ұйымы", O, "Халықаралық амнистия ұйымы")],
        "c": [("Адам құқықтары жөніндегі Қазақстан халықаралық бюросы", O,
               "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы")],
        "d": [("Қазақстан халықаралық бюросы", O, "Қазақстан халықаралық бюросы")],
        "e": [("Ресей Сыртқы істер министрлігі", O, "Ресей Сыртқы істер министрлігі")],
        "f": [("Сыртқы істер министрлігі", O, "Сыртқы істер министрлігі")],
        "g": [("Шанхай ынтымақтастық ұйымы", O, "Шанхай ынтымақтастық ұйымы")],
    }
    assert {label for _, label in keys_of(texts, spec).values()} == {
        "Халықаралық амнистия",
        "Адам құқықтары жөніндегі Қазақстан халықаралық бюросы",
        # a body of one country is no short form of another's
        "Ресей Сыртқы істер министрлігі",
        "Сыртқы істер министрлігі",
        # "ұйымы" is part of this name
        "Шанхай ынтымақтастық ұйымы",
    }


def test_entities_a_name_with_the_patronymic_is_the_same_person() -> None:
    texts = {
        "a": "Мұхтар Қабылұлы Жәкішев 14 жылға сотталды.",
        "b": "Белсенді Мұхтар Жәкішевті қолдады.",
        "c": "М. Жәкішев түрмеде.",
    }
    spec = {
        "a": [("Мұхтар Қабылұлы Жәкішев", P, "Мұхтар Қабылұлы Жәкішев")],
        "b": [("Мұхтар Жәкішевті", P, "Мұхтар Жәкішев")],
        "c": [("Жәкішев", P, "Жәкішев")],
    }
    assert set(keys_of(texts, spec).values()) == {("Person", "Мұхтар Жәкішев")}
    # alone, the full name stays as written
    assert set(keys_of({"a": texts["a"]}, {"a": spec["a"]}).values()) == {("Person", "Мұхтар Қабылұлы Жәкішев")}


def test_entities_a_monitor_tagged_as_a_person_is_an_organisation() -> None:
    texts = {"a": "Amnesty International өкілі сөйледі."}
    spec = {"a": [("Amnesty International", P, "Amnesty International")]}
    assert set(keys_of(texts, spec).values()) == {("Organization", "Халықаралық амнистия")}


def test_entities_short_surname_typed_as_place_joins_the_person() -> None:
    texts = {"a": "Сергей Лим мен Әмір Қасымов ұсталды.\nСот Лим мен Қасымовқа 10 жылдан жаза тағайындады."}
    spec = {
        "a": [
            ("Сергей Лим", P, "Сергей Лим"),
            ("Әмір Қасымов", P, "Әмір Қасымов"),
            ("Лим", L, "Лим"),
            ("Қасымовқа", P, "Қасымов"),
        ]
    }
    assert set(keys_of(texts, spec).values()) == {("Person", "Сергей Лим"), ("Person", "Әмір Қасымов")}


def test_entities_place_that_is_no_surname_of_the_article_stays_a_place() -> None:
    texts = {"a": "Махамбет Әбжан Ақтауда сотталды.", "b": "Ақтау тұрғыны Ерлан Ақтауов сөйледі."}
    spec = {
        "a": [("Махамбет Әбжан", P, "Махамбет Әбжан"), ("Ақтауда", L, "Ақтау")],
        "b": [("Ақтау", L, "Ақтау"), ("Ерлан Ақтауов", P, "Ерлан Ақтауов")],
    }
    assert ("Place", "Ақтау") in set(keys_of(texts, spec).values())
    assert ("Person", "Ақтау") not in set(keys_of(texts, spec).values())


def test_entities_monitor_named_without_a_head_noun_is_recovered() -> None:
    texts = {"a": "Халықаралық амнистия шұғыл үндеу жариялады.\nХалықаралық амнистияның өкілі сөйледі."}
    keys = keys_of(texts, {"a": []})
    assert set(keys.values()) == {("Organization", "Халықаралық амнистия")}
    assert len(keys) == 2


def test_entities_coalition_with_a_plural_possessive_name_is_recovered() -> None:
    texts = {"a": "Қазақстан құқық қорғаушыларының коалициясы жаңа есеп жариялады."}
    keys = set(keys_of(texts, {"a": []}).values())
    assert ("Organization", "Қазақстан құқық қорғаушыларының коалициясы") in keys


def test_entities_surname_shared_with_a_relative_names_the_main_person() -> None:
    texts = {
        "a": "Айыпталушы Руслан Әбілқасымов сотталды.\nОның әкесі Нұрлан Әбілқасымов келді.\n"
        "Плакатта «Әбілқасымовқа бостандық!» деп жазылған."
    }
    spec = {
        "a": [
            ("Руслан Әбілқасымов", P, "Руслан Әбілқасымов"),
            ("Нұрлан Әбілқасымов", P, "Нұрлан Әбілқасымов"),
            ("Әбілқасымовқа", O, "Әбілқасымов"),
        ]
    }
    keys = keys_of(texts, spec)
    surname = next(k for name, k in keys.items() if "Әбілқасымовқа" in name)
    assert surname == ("Person", "Руслан Әбілқасымов")


def test_entities_two_surnames_joined_by_pen_are_split() -> None:
    texts = {"a": "Нұржан Қабылов пен Жасұлан Қайратов ұсталды.\nҚабылов пен Қайратов 4 жылдан сотталған."}
    spec = {
        "a": [
            ("Нұржан Қабылов", P, "Нұржан Қабылов"),
            ("Жасұлан Қайратов", P, "Жасұлан Қайратов"),
            ("Қабылов пен Қайратов", P, "Қабылов пен Қайратов"),
        ]
    }
    keys = keys_of(texts, spec)
    assert set(keys.values()) == {("Person", "Нұржан Қабылов"), ("Person", "Жасұлан Қайратов")}
    assert len(keys) == 4


def test_entities_name_glued_to_the_next_persons_role_noun_is_a_person() -> None:
    texts = {"a": "Бахытжан Төрегожина журналист Дмитрий Ким туралы айтты."}
    spec = {
        "a": [
            ("Бахытжан Төрегожина журналист", O, "Бахытжан Төрегожина журналист"),
            ("Дмитрий Ким", P, "Дмитрий Ким"),
        ]
    }
    assert set(keys_of(texts, spec).values()) == {
        ("Person", "Бахытжан Төрегожина"),
        ("Person", "Дмитрий Ким"),
    }


def test_entities_organisation_with_lower_case_words_that_are_no_roles_stays() -> None:
    texts = {"a": "Алматы Медеу аудандық соты үкім шығарды."}
    spec = {"a": [("Алматы Медеу аудандық", O, "Алматы Медеу аудандық")]}
    assert all(k[0] != "Person" for k in keys_of(texts, spec).values())


def test_entities_inflected_surname_typed_as_place_joins_the_person() -> None:
    texts = {"a": "Ержан Досмағамбет сотталды.\nҚұқық қорғаушылар Досмағамбетті тізімге енгізді."}
    spec = {"a": [("Ержан Досмағамбет", P, "Ержан Досмағамбет"), ("Досмағамбетті", L, "Досмағамбетті")]}
    assert set(keys_of(texts, spec).values()) == {("Person", "Ержан Досмағамбет")}


def test_entities_possessive_head_noun_is_not_read_as_an_accusative() -> None:
    from graph.lang.lexicon import case_of

    assert case_of("Норвегиялық Хельсинки комитеті", "Норвегиялық Хельсинки комитеті") == "nom"
    assert case_of("Досмағамбетті", "Досмағамбетті") == "acc"


def test_entities_lower_case_noun_glued_to_a_name_is_trimmed() -> None:
    texts = {"a": "Мақсат Досмағанбетов колонияда аштық жариялады."}
    spec = {"a": [("Мақсат Досмағанбетов колонияда", P, "Мақсат Досмағанбетов колония")]}
    keys = keys_of(texts, spec)
    assert set(keys.values()) == {("Person", "Мақсат Досмағанбетов")}
    assert next(iter(keys)).startswith("a:Мақсат Досмағанбетов@")


def test_entities_name_typed_as_a_place_with_a_glued_noun_keeps_the_name_span() -> None:
    texts = {"a": "Талғат Сақтаған мен Мақсат Досмағанбетов колонияда аштық жариялады."}
    spec = {
        "a": [
            ("Талғат Сақтаған", P, "Талғат Сақтаған"),
            ("Мақсат Досмағанбетов колонияда", L, "Мақсат Досмағанбетов колония"),
        ]
    }
    sents, ments = build(texts, spec)
    _, mapping = resolve_entities(ments, sents)
    spans = {(m.text, k) for m, k in mapping.items()}
    assert ("Мақсат Досмағанбетов", ("Person", "Мақсат Досмағанбетов")) in spans
