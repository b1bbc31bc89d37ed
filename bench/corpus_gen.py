"""Generate a synthetic Kazakh news corpus for scale benchmarks.

Articles mix sentencing, protest, political-prisoner-list and neutral sentences
built from templates, with names declined by case (nominative, accusative,
genitive, dative) following vowel harmony and the final sound, and with people,
courts, cities and organisations recurring with a Zipf distribution (a few
names in many articles, most in one or two), like a real news archive.

The output is deterministic for a given ``--n`` and ``--seed``. It is test
data for speed and memory only: never use it to fit rules or models.

Usage::

    python bench/corpus_gen.py --n 1000 --out /tmp/kazkg-synth
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from pathlib import Path

FIRST = ["Ерлан", "Асхат", "Серік", "Мұхтар", "Арон", "Алмат", "Кенжебек", "Болатхан", "Ержан", "Қайырлы", "Нұрлан", "Жанболат", "Бауыржан", "Талғат", "Мақсат", "Ермек", "Дәурен", "Әсет", "Ғалым", "Санжар", "Марат", "Руслан", "Азамат", "Бекболат", "Дархан", "Асқар", "Нұржан", "Жасұлан", "Қанат", "Самат", "Әсел", "Гүлзипа", "Жазира", "Оксана", "Айгүл", "Дина", "Мадина", "Сәуле", "Жанар", "Ләззат", "Әлия", "Гүлмира", "Назгүл", "Ақмарал", "Бибігүл", "Роза", "Салтанат", "Айжан", "Меруерт", "Динара"]
SURNAME_STEMS = ["Қали", "Жексеба", "Жәкіш", "Атабек", "Жұмағұл", "Әбіш", "Жүніс", "Елшіба", "Демеу", "Жәукер", "Нұрлан", "Тоқта", "Сапар", "Бекмұрат", "Ахмет", "Сейіт", "Мамай", "Есқали", "Құрман", "Сыздық", "Омар", "Тұрсын", "Әміре", "Байжан", "Қасым", "Темір", "Жақсыбек", "Ысқақ", "Нұрпейіс", "Оспан", "Дүйсен", "Ерден", "Жұмаба", "Ибраһим", "Қожахмет", "Шәріп", "Мұса", "Әділ", "Бақыт", "Ілияс", "Жанұзақ", "Сұлтан", "Әлім", "Төлеу", "Мырзахмет", "Сәрсен", "Қуаныш", "Жантөре", "Иса", "Рысқұл"]
CITIES = [("Алматы", "Алматыда"), ("Астана", "Астанада"), ("Шымкент", "Шымкентте"), ("Ақтау", "Ақтауда"),
          ("Орал", "Оралда"), ("Жаңаөзен", "Жаңаөзенде"), ("Тараз", "Таразда"), ("Қарағанды", "Қарағандыда"),
          ("Атырау", "Атырауда"), ("Семей", "Семейде"), ("Павлодар", "Павлодарда"), ("Қызылорда", "Қызылордада")]
COURT_KINDS = ("аудандық", "қалалық", "облыстық", "әскери", "ауданаралық қылмыстық")
ORGS = ("Халықаралық амнистия", "Human Rights Watch", "Қазақстан халықаралық құқық қорғау бюросы",
        "Еркіндік қанаты", "Ар.Рух.Хак", "Бостандық үшін комитет", "Адам құқықтары орталығы")
CHARGES = ("алауыздық қоздырды", "экстремистік ұйымға қатысты", "жалған ақпарат таратты",
           "жаппай тәртіпсіздікке қатысты", "билікті күшпен басып алуға шақырды", "пара алды")
ROLES = ("белсенді", "журналист", "азаматтық белсенді", "ақын", "блогер", "заңгер", "кәсіподақ жетекшісі",
         "оппозициялық саясаткер", "ақпарат агенттігінің тілшісі")
NUMBERS = {1: "бір", 2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті", 8: "сегіз", 9: "тоғыз",
           10: "он", 12: "он екі", 14: "он төрт", 15: "он бес", 18: "он сегіз"}
MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"]
NEUTRAL = (
    "{city} қаласында жаңа мектеп ашылды, оған {n} оқушы барады.",
    "Ауа райы синоптиктердің болжамынша {city_loc} аптаның соңына дейін жылы болады.",
    "Үкімет отырысында экономика министрі инфляция туралы баяндама жасады.",
    "Ұлттық банк базалық мөлшерлемені {n} пайызда қалдырды.",
    "{city_loc} өткен футбол матчында жергілікті команда {n}:1 есебімен жеңді.",
    "Мәслихат депутаттары қала бюджетіне өзгерістер енгізуді талқылады.",
    "Журналистердің сұрағына әкімдіктің баспасөз қызметі әзірге жауап берген жоқ.",
    "{person} бұл туралы әлеуметтік желідегі парақшасында жазды.",
    "Оқиға туралы толығырақ ақпарат кейінірек белгілі болады.",
)

BACK = set("аоұыяю")
FRONT = set("әөүіеэи")
VOICELESS = set("кқпстфхцчшщв")  # Russian -ов/-ев surnames decline like voiceless stems (Қалиевті)
SONORANT = set("лрйуwжз")
NASAL = set("мнң")


def _back(word: str) -> bool:
    for ch in reversed(word.lower()):
        if ch in BACK:
            return True
        if ch in FRONT:
            return False
    return True


def decline(word: str, case: str) -> str:
    """Decline the last word of a name: ``nom``, ``acc``, ``gen`` or ``dat``."""
    if case == "nom":
        return word
    last = word[-1].lower()
    back = _back(word)
    vowel = last in BACK | FRONT
    if case == "acc":
        if vowel:
            suf = "ны" if back else "ні"
        elif last in VOICELESS:
            suf = "ты" if back else "ті"
        else:
            suf = "ды" if back else "ді"
    elif case == "gen":
        if vowel or last in NASAL:
            suf = "ның" if back else "нің"
        elif last in VOICELESS:
            suf = "тың" if back else "тің"
        else:
            suf = "дың" if back else "дің"
    elif case == "dat":
        if last in VOICELESS:
            suf = "қа" if back else "ке"
        else:
            suf = "ға" if back else "ге"
    else:
        raise ValueError(case)
    return word + suf


class Zipf:
    """Draw items with probability proportional to 1/rank**s."""

    def __init__(self, items: list, s: float, rng: random.Random) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r ** s) for r in range(1, len(items) + 1)))
        self.rng = rng

    def __call__(self) -> object:
        return self.items[bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])]


def make_people(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct full names (first name + surname with -ов/-ев/-ова/-ева or bare)."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        first = rng.choice(FIRST)
        stem = rng.choice(SURNAME_STEMS)
        female = first in FIRST[32:]
        suffix = rng.choice(("ев", "ов", "", "ұлы" if not female else "қызы"))
        if suffix in ("ев", "ов"):
            suffix = ("ов" if _back(stem) else "ев") + ("а" if female else "")
        name = f"{first} {stem}{suffix}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _name(name: str, case: str) -> str:
    first, _, last = name.rpartition(" ")
    return f"{first} {decline(last, case)}".strip()


def _years(rng: random.Random) -> tuple[int, str]:
    n = rng.choice(list(NUMBERS))
    return n, (str(n) if rng.random() < 0.6 else NUMBERS[n])


class Generator:
    """Sentence templates over Zipf-distributed entities."""

    def __init__(self, n_articles: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        people = make_people(max(200, n_articles // 3), self.rng)
        self.person = Zipf(people, 1.1, self.rng)
        self.city = Zipf(CITIES, 0.8, self.rng)
        self.org = Zipf(list(ORGS), 1.0, self.rng)

    def sentencing(self) -> str:
        r = self.rng
        city, _ = self.city()
        who = self.person()
        n, years = _years(r)
        court = f"{city} {r.choice(COURT_KINDS)} соты"
        return r.choice((
            f"{court} {r.choice(ROLES)} {_name(who, 'acc')} {years} жылға бас бостандығынан айыру жазасына кесті.",
            f"{court} {_name(who, 'acc')} «{r.choice(CHARGES)}» деп айыптап, {years} жылға соттады.",
            (f"{r.choice(MONTHS).capitalize()} айында {court} {r.choice(ROLES)} {_name(who, 'acc')} "
             f"{years} жылға бас бостандығын шектеу жазасына кесті."),
            f"{_name(who, 'nom')} {n} жылға сотталды, оны {court} кінәлі деп тапты.",
        ))

    def protest(self) -> str:
        r = self.rng
        _, loc = self.city()
        a, b = self.person(), self.person()
        if a == b:
            b = self.person()
        return r.choice((
            (f"{r.choice(ROLES).capitalize()} {_name(a, 'nom')} {loc} {_name(b, 'acc')} босатуды талап етіп, "
             f"бір адамдық пикет өткізді."),
            f"{_name(a, 'nom')} {_name(b, 'gen')} бостандығын талап етіп, аштық жариялады.",
            f"{loc} белсенділер {_name(b, 'acc')} қолдап митинг өткізді, оған {_name(a, 'nom')} қатысты.",
        ))

    def listing(self) -> str:
        r = self.rng
        listed = sorted({self.person() for _ in range(r.randint(1, 4))})
        names = [_name(p, "acc") for p in listed]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " және " + names[-1]
        org = self.org()
        return r.choice((
            f"Құқық қорғаушылар {joined} саяси тұтқын деп таныды.",
            f"«{org}» ұйымы {joined} саяси тұтқындар тізіміне енгізді.",
        ))

    def neutral(self) -> str:
        r = self.rng
        city, loc = self.city()
        return r.choice(NEUTRAL).format(city=city, city_loc=loc, n=r.randint(2, 40), person=self.person())

    def article(self) -> str:
        r = self.rng
        kinds = r.choices((self.sentencing, self.protest, self.listing, self.neutral),
                          weights=(2, 2, 1.5, 6), k=r.randint(10, 28))
        lines = []
        paragraph: list[str] = []
        for make in kinds:
            paragraph.append(make())
            if len(paragraph) >= r.randint(2, 4):
                lines.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            lines.append(" ".join(paragraph))
        return "\n".join(lines) + "\n"


def generate(out: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` articles ``NNNNNN.txt`` into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(n, seed)
    paths = []
    for i in range(n):
        path = out / f"{i:06d}.txt"
        path.write_text(gen.article(), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB → {args.out}")


if __name__ == "__main__":
    main()
