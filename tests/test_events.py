"""The pattern engine on real text: the worked examples of every pattern file, guards,
the discourse memory, events told over several sentences, and the pattern loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.annotate.document import annotate
from graph.annotate.entities import resolve_entities
from graph.build.pipeline import analyse_document
from graph.errors import KazkgError
from graph.events.engine import extract_document
from graph.events.kinds import kinds
from graph.events.patterns import load_patterns, parse_pattern
from graph.model import Document, Fact

ENTITY_ROLES = ("defendant", "court", "protester", "beneficiary", "listed", "lister", "place")


def facts_of(text: str) -> list[Fact]:
    """Every fact the engine reads in one article (real sentences, mentions and entities)."""
    doc = Document("t.txt", "t.txt", text)
    sentences, mentions = analyse_document(doc, frozenset())
    _, links = resolve_entities(mentions, sentences)
    return extract_document(annotate(sentences, mentions, links))


def flat(fact: Fact) -> dict[str, set[str]]:
    """A fact's roles with entity labels in place of keys."""
    out: dict[str, set[str]] = {}
    for role, value in fact.roles:
        out.setdefault(role, set()).add(value[1] if isinstance(value, tuple) else str(value))
    return out


def edges(text: str, kind: str, subject: str, obj: str) -> set[tuple[str, str]]:
    return {(a, b) for f in facts_of(text) if f.kind == kind for a in flat(f).get(subject, ()) for b in
            flat(f).get(obj, ())}


def sentences_of(text: str) -> set[tuple[str, str]]:
    return edges(text, "Sentencing", "defendant", "term")


EXAMPLES = [(p.name, i, ex) for p in load_patterns() for i, ex in enumerate(p.examples)]


@pytest.mark.parametrize(("pattern", "number", "example"), EXAMPLES, ids=[f"{p}-{i}" for p, i, _ in EXAMPLES])
def test_events_pattern_examples(pattern: str, number: int, example: dict) -> None:
    kind = next(p.kind for p in load_patterns() if p.name == pattern)
    got = [flat(f) for f in facts_of(example["text"]) if f.kind == kind]
    for want in example["expect"]:
        assert any(all(str(v) in g.get(k, set()) for k, v in want.items()) for g in got), (want, got)
    if not example["expect"]:
        assert got == [], got


def test_events_every_pattern_kind_is_an_ontology_class() -> None:
    from ontology import KG_TERMS

    for kind in kinds().values():
        for cls in kind.classes:
            assert cls in KG_TERMS, cls
        for prop, _subject, _object in kind.edges:
            assert prop in KG_TERMS, prop


# --------------------------------------------------------------- sentencings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pairs: each name takes the term after it
        (("2016 жылғы 30 наурызда Алматы қалалық соты Ермек Нарымбаевқа үш жыл, Серікжан Мәмбеталинге бір жыл "
         "бас бостандығын шектеу жазасын тағайындады."),
         {("Ермек Нарымбаев", "P3Y"), ("Серікжан Мәмбеталин", "P1Y")}),
        # a participle describes the name after it
        (("Тізімде 18 жылға сотталған Арон Атабек, 14 жылға сотталған «Қазатомөнеркәсіп» ұлттық компаниясының "
         "бұрынғы төрағасы Мұхтар Жәкішев бар."),
         {("Арон Атабек", "P18Y"), ("Мұхтар Жәкішев", "P14Y")}),
        # a pronoun in the next clause stands for the accusative name before it
        (("Ақтау қалалық соты Роза Төлетаеваны жаппай тәртіпсіздікті ұйымдастырды деп танып, оған жеті жыл "
         "бас бостандығынан айыру жазасын тағайындады."), {("Роза Төлетаева", "P7Y")}),
        # each of two people ("бес жылдан")
        ("Атырауда белсенділер Макс Боқаев пен Талғат Аянға бес жылдан бас бостандығынан айыру жазасы берілді.",
         {("Макс Боқаев", "P5Y"), ("Талғат Аян", "P5Y")}),
        # guards: a request, a maximum, a range, time served, a ban, a probation period
        ("Прокурор Асан Бекұлына 11 жыл бас бостандығынан айыру жазасын тағайындауды сұрады.", set()),
        ("Бұл бап жеті жылға дейін бас бостандығынан айыруды көздейді.", set()),
        ("Тағы 12 сотталушы үш жылдан алты жылға дейінгі мерзімге түрмеге жіберілді.", set()),
        ("Тулесова екі айдан астам уақыт тергеу изоляторында отырды.", set()),
        ("Сот Алнұр Ильяшевке бес жыл бойы қоғамдық-саяси қызметпен айналысуға тыйым салды.", set()),
        ("Оған үш жыл сынақ мерзімі белгіленді.", set()),
        ("16 адамға екі жыл шартты жаза берілді.", set()),
    ],
)
def test_events_sentencings(text: str, expected: set) -> None:
    assert sentences_of(text) == expected


def test_events_a_term_referred_back_takes_the_term_and_court_before() -> None:
    text = ("Алматының Алмалы аудандық соты 2020 жылғы 11 қазанда Қайрат Клышевті тыйым салынған ұйымның "
            "қызметіне қатысты деп тауып, бес жылға бас бостандығынан айырған.\n"
            "Сол үкіммен тағы екі белсенді – Абай Бегімбетов және Асхат Жексебаев – дәл сондай мерзімге сотталды.")
    assert sentences_of(text) >= {("Абай Бегімбетов", "P5Y"), ("Асхат Жексебаев", "P5Y")}
    assert ("Абай Бегімбетов", "Алмалы аудандық соты") in edges(text, "Sentencing", "defendant", "court")


def test_events_a_verdict_in_the_next_sentence_gives_the_court() -> None:
    text = ("Белсенді Макс Боқаевқа бес жыл бас бостандығынан айыру жазасы берілді.\n"
            "Атырау қалалық №2 соты үкімді 2016 жылғы 28 қарашада шығарды.")
    [fact] = [f for f in facts_of(text) if f.kind == "Sentencing"]
    assert flat(fact)["court"] == {"Атырау қалалық №2 соты"} and flat(fact)["date"] == {"2016-11-28"}
    assert len(fact.support) == 1  # the verdict's sentence is evidence too


def test_events_each_defendant_is_an_event_of_its_own() -> None:
    text = "Сот Асан Бекұлы мен Ерлан Қалиевті 5 жылға соттады."
    found = [f for f in facts_of(text) if f.kind == "Sentencing"]
    assert sorted(len(f.get("defendant")) for f in found) == [1, 1]


# ------------------------------------------------------------------ protests


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (("16 қазанда Алматыда белсенді Асхат Жексебаев қамауда отырған Мұхтар Жәкішевті қолдап, бір адамдық "
         "пикет өткізді."), {("Асхат Жексебаев", "Мұхтар Жәкішев")}),
        # the group of the person's supporters, named after him
        ("Сот ғимаратының алдына Марат Жыланбаевтың жақтастары жиналып, оны бостандыққа шығаруды талап етті.",
         {("Марат Жыланбаевтың жақтастары", "Марат Жыланбаев")}),
        # a relative: "күйеуін қолдап"
        (("Ақтаулық Болат Құдайбергенов 6 жылға сотталды.\nОның әйелі Жаннат Құдайбергенова күйеуін қолдап, "
         "Ақтау қаласының орталық алаңында пикетке шықты."), {("Жаннат Құдайбергенова", "Болат Құдайбергенов")}),
        # intended, not held
        ("Белсенді Асхат Жексебаев Мұхтар Жәкішевті қолдап аштық жариялауға дайын екенін айтты.", set()),
    ],
)
def test_events_protests(text: str, expected: set) -> None:
    assert edges(text, "Protest", "protester", "beneficiary") == expected


def test_events_a_protest_told_over_sentences_is_one_event() -> None:
    text = ("Алматыдағы Абай алаңында жалғыз адамдық пикет өтті: белсенді Гүлжан Ерғалиева ескерткіштің етегіне "
            "гүл қойды.\nХатта Болат Әбілов пен Әміржан Қосанов туралы айтылған.")
    protests = [f for f in facts_of(text) if f.kind == "Protest"]
    assert len(protests) == 1
    assert flat(protests[0])["beneficiary"] == {"Болат Әбілов", "Әміржан Қосанов"}
    assert flat(protests[0])["protester"] == {"Гүлжан Ерғалиева"}


def test_events_the_supporters_group_keeps_the_words_as_written() -> None:
    text = ("Серікжан Біләш сотталды.\nӘуезов аудандық сотының ғимараты алдына белсендінің жақтастары "
            "плакаттармен жиналды.")
    groups = [e for f in facts_of(text) for e in f.introduces]
    assert groups and groups[0].label == "Серікжан Біләштің жақтастары"
    assert groups[0].alt_labels == ("белсендінің жақтастары",)


# ------------------------------------------------------------------ listings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Құқық қорғаушылар Думан Мұхаммедкәрімді саяси тұтқын деп есептейді.",
         {("Думан Мұхаммедкәрім", "құқық қорғаушылар")}),
        # a published list, then its names
        (("Open Dialog Foundation халықаралық құқық қорғау ұйымы Қазақстандағы саяси тұтқындар тізімін жаңартты.\n"
         "Тізімде әлеуметтік желі қолданушылары да бар.\nОлар: Санат Досов және Игорь Сычев."),
         {("Санат Досов", "Open Dialog Foundation"), ("Игорь Сычев", "Open Dialog Foundation")}),
        # the speaker's organisation: "Біздің тізімімізде"
        (("«Біздің тізімімізде қазір 42 адам бар, оның ішінде Дәулет Мұхамедиев енгізілді», – деді «Тірек» "
         "альянсының үйлестірушісі Айнұр Сейітова."), {("Дәулет Мұхамедиев", "Тірек")}),
        # negatives: no political prisoners, a refusal, a request, a hypothetical
        ("Бас прокуратура елде саяси тұтқындар жоқ екенін мәлімдеді.", set()),
        ("«Тірек» альянсы кәсіпкер Бауыржан Омаровты саяси тұтқындар тізіміне енгізуден бас тартты.", set()),
        ("Белсенділер Асқар Қайыровты саяси тұтқын деп тануды сұрап, Бас прокуратураға хат жолдады.", set()),
    ],
)
def test_events_listings(text: str, expected: set) -> None:
    assert edges(text, "Listing", "listed", "lister") == expected


# --------------------------------------------------------------- the loader


def test_events_pattern_with_an_unknown_key_is_refused() -> None:
    with pytest.raises(KazkgError, match="unknown keys"):
        parse_pattern("bad", {"kind": "Listing", "anchor": "trigger", "triggers": [{"stem": "x"}], "unit": ["D"]})


def test_events_pattern_with_an_unknown_guard_scope_is_refused() -> None:
    with pytest.raises(KazkgError, match="scope"):
        parse_pattern("bad", {"kind": "Listing", "anchor": "trigger", "triggers": [{"stem": "x"}],
                              "guards": [{"name": "g", "stems": ["y"], "scope": "everywhere"}]})


def test_events_a_new_kind_is_one_pattern_file(tmp_path: Path) -> None:
    (tmp_path / "detention.toml").write_text(
        'kind = "Listing"\nlabel = "test"\nanchor = "trigger"\n[[triggers]]\nstem = "ұсталды"\n'
        '[[slots]]\nname = "listed"\nkinds = ["PERSON"]\n[slots.weights]\nbias = 1.0\n',
        encoding="utf-8",
    )
    [pattern] = load_patterns(tmp_path)
    doc = Document("t.txt", "t.txt", "Белсенді Асан Бекұлы кеше ұсталды.")
    sentences, mentions = analyse_document(doc, frozenset())
    _, links = resolve_entities(mentions, sentences)
    facts = extract_document(annotate(sentences, mentions, links), [pattern])
    assert [flat(f)["listed"] for f in facts] == [{"Асан Бекұлы"}]


def test_events_output_is_deterministic() -> None:
    text = Path(__file__).resolve().parent.parent.joinpath("corpus", "000_24eead15ada0a434.txt").read_text(
        encoding="utf-8")
    assert facts_of(text) == facts_of(text)


def test_events_every_kind_class_is_an_event_the_shapes_cover() -> None:
    """The shapes target kg:Event and follow rdfs:subClassOf, so each class a pattern makes must be one."""
    from rdflib import RDFS, Graph, URIRef

    from ontology import KG_NS, ONTOLOGY_TTL

    onto = Graph().parse(ONTOLOGY_TTL)
    event = URIRef(KG_NS + "Event")
    for kind in kinds().values():
        for cls in kind.classes:
            supers = set(onto.transitive_objects(URIRef(KG_NS + cls), RDFS.subClassOf))
            assert event in supers, cls


PHRASINGS = __import__("json").loads((Path(__file__).resolve().parent / "data" / "phrasings.json").read_text(
    encoding="utf-8"))["cases"]
_RELATION = {"sentencing": ("Sentencing", "defendant", "term"), "protestedFor": ("Protest", "protester", "beneficiary"),
             "listedBy": ("Listing", "listed", "lister")}


@pytest.mark.parametrize("case", PHRASINGS, ids=[c["name"] for c in PHRASINGS])
def test_events_phrasing_classes(case: dict) -> None:
    assert edges(case["text"], *_RELATION[case["relation"]]) == {tuple(pair) for pair in case["expect"]}
