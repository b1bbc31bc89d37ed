"""Tests for graph.lang.gazetteer and the lists in graph/data."""

from __future__ import annotations

import pytest

from graph.lang import gazetteer as gz

REGIONS = [
    "Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы облысы", "Атырау облысы",
    "Батыс Қазақстан облысы", "Жамбыл облысы", "Жетісу облысы", "Қарағанды облысы",
    "Қостанай облысы", "Қызылорда облысы", "Маңғыстау облысы", "Павлодар облысы",
    "Солтүстік Қазақстан облысы", "Түркістан облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы",
]  # fmt: skip


@pytest.mark.parametrize("name", REGIONS)
def test_all_regions_are_places(name: str) -> None:
    assert gz.is_place(name)


@pytest.mark.parametrize(
    "name",
    ["Алматы", "Нұр-Сұлтан", "Астана", "Шымкент", "Өскемен", "Усть-Каменогорск", "Семей", "Жаңаөзен",
     "Қарағанды", "Ресей", "Қытай", "Қырғызстан", "Женева", "Вена", "Мәскеу", "Бішкек", "АҚШ"],
)  # fmt: skip
def test_places(name: str) -> None:
    assert gz.is_place(name)
    assert gz.is_place(name.upper())


@pytest.mark.parametrize("word", ["Жахин", "белсенді", "Мұхтар", "саяси", "компаниясы"])
def test_not_places(word: str) -> None:
    assert not gz.is_place(word)


def test_aliases() -> None:
    assert gz.place_alias("Астана") == "Астана"
    assert gz.place_alias("Нұр-Сұлтан") == "Астана"
    assert gz.place_alias("Нур-Султан") == "Астана"
    assert gz.place_alias("Усть-Каменогорск") == "Өскемен"
    assert gz.place_alias("усть-каменогорск") == "Өскемен"
    assert gz.place_alias("Алматы") == "Алматы"
    assert gz.place_alias("алматы") == "Алматы"  # gazetteer spelling


def test_place_spelling_never_renames() -> None:
    assert gz.place_spelling("алматы") == "Алматы"
    assert gz.place_spelling("Нур-Султан") == "Нур-Султан"
    assert gz.place_spelling("Нұр-Сұлтан") == "Нұр-Сұлтан"
    assert gz.place_spelling("Бишкек") == "Бишкек"
    assert gz.place_spelling("Қиял") == "Қиял"
    assert gz.place_alias("Белгісізқала") == "Белгісізқала"


def test_alias_canonicals_are_places() -> None:
    for alias, canonical in gz.place_aliases().items():
        assert gz.is_place(canonical), (alias, canonical)
        assert gz.place_alias(canonical) == canonical, canonical


def test_given_names() -> None:
    for name in ["Асхат", "Мұхтар", "Серік", "Гүлзипа", "Жазира", "Оксана", "Сергей", "Айгерім", "Мишель"]:
        assert gz.is_given_name(name), name
    assert not gz.is_given_name("Жексебаев")
    assert len(gz.given_names()) > 400


def test_surname_like() -> None:
    for w in ["Жексебаев", "Жәкішев", "Жәукерова", "Жахин", "Байтұрсынұлы", "Ерғалиқызы", "Атабек", "Шевчук"]:
        assert gz.is_surname_like(w), w
    for w in ["Алматы", "Серік", "ов", "Бек"]:
        assert not gz.is_surname_like(w), w


def test_org_and_place_heads() -> None:
    for w in ["соты", "партиясы", "қозғалысы", "бірлестігі", "компаниясы", "ұйымы", "қоры", "әкімдігі",
              "министрлігі", "комитеті"]:  # fmt: skip
        assert gz.is_org_head(w), w
    assert gz.is_place_head("облысы") and gz.is_place_head("алаңы")
    assert not gz.is_org_head("облысы")


def test_abbreviations() -> None:
    assert gz.abbreviation_expansion("БҰҰ") == "Біріккен Ұлттар Ұйымы"
    assert gz.abbreviation_expansion("ҰҚК") == "Ұлттық қауіпсіздік комитеті"
    assert gz.is_abbreviation("ІІМ") and gz.is_abbreviation("ЕҚЫҰ")
    assert gz.abbreviation_expansion("XYZ") is None


def test_known_nominatives() -> None:
    assert gz.is_known_nominative("Ақорда") and gz.is_known_nominative("белсенді")


def test_lists_loaded_once() -> None:
    gz.is_place("Алматы")
    before = gz.place_aliases.cache_info().misses
    for _ in range(100):
        gz.is_place("Алматы")
        gz.place_alias("Астана")
    assert gz.place_aliases.cache_info().misses == before


def test_data_files_are_clean() -> None:
    for path in sorted(gz.DATA_DIR.glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert line == line.rstrip(), f"{path.name}:{n} trailing space"
            body = line.split("#", 1)[0]
            if path.name in ("place_aliases.txt", "abbreviations.txt") and body.strip():
                assert body.count("\t") == 1, f"{path.name}:{n} needs one tab"


def test_platforms_and_kind_abbreviations() -> None:
    assert gz.is_platform("Facebook") and gz.is_platform("instagram") and gz.is_platform("Телеграм")
    assert not gz.is_platform("Азаттық")
    assert gz.is_kind_abbreviation("БАҚ") and gz.is_kind_abbreviation("ЖШС")
    assert not gz.is_kind_abbreviation("ҰҚК")
