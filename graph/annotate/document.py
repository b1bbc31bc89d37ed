"""The annotated document: one typed structure that every extraction stage reads.

An article is analysed once (sentences, tokens, mentions, entity links); this
module lays that analysis out per sentence as words with their case, spans
(names, courts, groups, places, dates, terms, and the pronouns and role nouns
that stand for a person named earlier), the coordinations that join spans and
the clauses of each sentence. The event engine (:mod:`graph.events`) reads only
this structure: it never looks for mentions, terms or dates again.

Offsets are code-point offsets into the document text, half-open, as everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from graph.annotate.mentions import parse_number_words, read_duration
from graph.lang.lexicon import lower
from graph.lang.wordform import case_of_word, find_entry, plural_chain, possessed, vocabulary
from graph.model import Mention, Sentence

__all__ = [
    "AnnotatedDocument",
    "AnnotatedSentence",
    "Span",
    "Word",
    "annotate",
]

Key = tuple[str, str]

# Mention types of the language layer → span kinds (a court is an organisation with ``court``).
_KIND_OF_TYPE = {
    "PERSON": "PERSON",
    "ORGANIZATION": "ORG",
    "LOCATION": "PLACE",
    "GROUP": "GROUP",
    "DATE": "DATE",
    "TERM": "TERM",
}
_KIND_OF_CLASS = {"Person": "PERSON", "Organization": "ORG", "Court": "COURT", "Group": "GROUP", "Place": "PLACE"}
_BULLETS = ("-", "–", "—", "•", "*", "▪")
_QUOTE_OPEN = frozenset("«“„\"")
_QUOTE_CLOSE = frozenset("»”\"")
_PUNCT_BREAK = frozenset((";", ":", "(", ")"))
# Verb endings that close a clause when a comma follows (converbs and finite forms).
_PARTICIPLE_ENDINGS = ("ған", "ген", "қан", "кен")
_FINITE_ENDINGS = ("ды", "ді", "ты", "ті", "йды", "йді", "ады", "еді", "ыпты", "іпті", "мыз", "міз")
_CLAUSE_VERB_ENDINGS = ("ып", "іп", "йып", "йіп", "ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "са", "се")


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a sentence: ``index`` in the sentence, ``low`` lower case without quotes."""

    index: int
    start: int
    end: int
    text: str
    low: str
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A typed stretch of words ``first..last`` (inclusive) of one sentence.

    ``kind`` is one of PERSON, ORG, COURT, GROUP, PLACE, DATE, TERM (from the
    language layer), PRON (a pronoun) or ROLE (a role noun standing alone, such as
    "белсендіні"), or SUPPORTERS ("белсендінің жақтастары": the people of
    ``possessor``, the span index of the genitive before the head).

    ``value`` is the entity label, the ISO value of a date or term, the role
    (ROLE) or the pronoun (PRON). ``key`` is the entity key of a name. ``role``
    is the role noun a name stands in apposition to ("белсенді Асхат Жексебаев").
    ``count`` is how many people a PRON/ROLE stands for (1; 0 = several, unknown;
    -1 = counted people the text never names, "16 адамға").
    ``group`` numbers the coordination the span belongs to ("A, B және C").
    ``kin`` is the kin noun before a name ("оның әйелі Жаннат ..."), whose owner is the
    span starting at word ``kin_of_word``. A KIN span is a kin noun standing alone
    ("күйеуін қолдап", "ұлымды"; ``role == "my"`` when the speaker is its owner).
    ``kin_of_addressee``: the kin noun before a name has the 2nd person possessive, so the
    one spoken to owns it ("Күйеуіңіз Бекболат Сұлтанов қашан ...?", an interviewer asks).
    """

    kind: str
    first: int
    last: int
    start: int
    end: int
    text: str
    value: str
    case: str
    key: Key | None = None
    role: str | None = None
    official: bool = False
    count: int = 1
    group: int = -1
    possessor: int = -1
    kin: str | None = None
    kin_of_word: int = -1
    kin_of_addressee: bool = False
    mention: Mention | None = field(default=None, compare=False, repr=False)

    @property
    def entity(self) -> bool:
        return self.key is not None


@dataclass(frozen=True, slots=True)
class AnnotatedSentence:
    """A sentence with its words, spans (in text order) and clause number of every word."""

    sentence: Sentence
    words: tuple[Word, ...]
    spans: tuple[Span, ...]
    clauses: tuple[int, ...]
    bullet: bool = False
    header: bool = False
    question: bool = False
    speaker: int = -1
    speaker_org: int = -1
    first_person: bool = False
    _lows: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lows", tuple(w.low for w in self.words))

    @property
    def index(self) -> int:
        return self.sentence.index

    def lows(self) -> tuple[str, ...]:
        """The lower-case words (computed once: every pattern reads them)."""
        return self._lows


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    doc_id: str
    sentences: tuple[AnnotatedSentence, ...]


def annotate(
    sentences: Sequence[Sentence], mentions: Sequence[Mention], links: Mapping[Mention, Key]
) -> AnnotatedDocument:
    """Lay out one article's analysis as an :class:`AnnotatedDocument`.

    Args:
        sentences: The article's sentences (with tokens).
        mentions: Every mention the language layer found (names, dates, terms).
        links: Entity mention → entity key ``(class, label)``.

    Returns:
        The annotated document.
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    for m in links:
        if m not in by_sentence.get(m.sentence_index, ()):
            by_sentence.setdefault(m.sentence_index, []).append(m)  # a mention the entity stage recovered
    doc_id = sentences[0].doc_id if sentences else ""
    out = tuple(_annotate_sentence(s, by_sentence.get(s.index, []), links) for s in sentences)
    return AnnotatedDocument(doc_id, out)


def _words(sentence: Sentence) -> tuple[Word, ...]:
    words: list[Word] = []
    quoted = False
    for i, tok in enumerate(sentence.tokens):
        if tok.text in _QUOTE_CLOSE and quoted:
            quoted = False
        elif tok.text in _QUOTE_OPEN and not quoted:
            quoted = True
        words.append(Word(i, tok.start, tok.end, tok.text, lower(tok.text) or tok.text, quoted))
    return tuple(words)


def _word_range(words: Sequence[Word], start: int, end: int) -> tuple[int, int] | None:
    inside = [w.index for w in words if w.start < end and w.end > start]
    return (inside[0], inside[-1]) if inside else None


def _mention_spans(words: Sequence[Word], ments: Sequence[Mention], links: Mapping[Mention, Key]) -> list[Span]:
    from graph.lang.lexicon import case_of

    spans: list[Span] = []
    for m in sorted(ments, key=lambda m: (m.start, -m.end)):
        kind = _KIND_OF_TYPE.get(m.type)
        key = links.get(m)
        if key is not None:
            kind = _KIND_OF_CLASS.get(key[0], kind)
        elif kind not in ("DATE", "TERM"):
            continue  # a name the entity stage rejected
        rng = _word_range(words, m.start, m.end)
        if kind is None or rng is None:
            continue
        value = key[1] if key else m.lemma
        if kind == "DATE":
            duration = read_duration([w.low for w in words[rng[0] : rng[1] + 1]])
            if duration:
                kind, value = "TERM", duration  # "8 жыл" in a list of sentences: a term, not a date
        case = case_of(m.text, m.lemma) if kind not in ("DATE", "TERM") else case_of_word(words[rng[1]].text)
        spans.append(Span(kind, rng[0], rng[1], m.start, m.end, m.text, value, case, key, mention=m))
    return _drop_nested(spans)


def _drop_nested(spans: list[Span]) -> list[Span]:
    """Keep the outermost of overlapping spans (a court's place word, a name inside a name)."""
    kept: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.first, -(s.last - s.first))):
        if kept and sp.first <= kept[-1].last:
            continue
        kept.append(sp)
    return kept


def _annotate_sentence(s: Sentence, ments: Sequence[Mention], links: Mapping[Mention, Key]) -> AnnotatedSentence:
    words = _words(s)
    spans = _mention_spans(words, ments, links)
    spans = _with_roles(words, spans)
    spans = _with_kin(words, spans)
    spans = _with_anaphors(words, spans)
    spans = _with_supporters(words, spans)
    spans = _with_groups(words, spans)
    spans = _link_possessors(spans)
    first = words[0].text if words else ""
    last = words[-1].text if words else ""
    speaker, speaker_org = _speaker(words, spans)
    return AnnotatedSentence(
        s,
        words,
        tuple(spans),
        _clauses(words, spans),
        speaker=speaker,
        speaker_org=speaker_org,
        first_person=_first_person(words),
        bullet=first in _BULLETS or (len(words) > 1 and first.isdigit() and words[1].text in ").") ,
        header=last == ":" or (len(words) > 1 and words[-2].text == ":" and last in ".;"),
        question=last == "?" or "?" in s.text[-3:],
    )


def _role_before(words: Sequence[Word], first: int) -> tuple[str, bool, int] | None:
    """The role noun right before word ``first`` (one or two words), with its official flag."""
    voc = vocabulary()
    for width in (2, 1):
        a = first - width
        if a < 0:
            continue
        phrase = " ".join(w.low for w in words[a:first])
        head = words[first - 1].text
        if width == 2:
            lead = words[a].low
            found = find_entry(head, {r.split()[-1] for r in voc.person_roles | voc.officials if " " in r})
            if found and f"{lead} {found[0]}" in voc.person_roles | voc.officials:
                role = f"{lead} {found[0]}"
                return role, role in voc.officials, a
            continue
        found = find_entry(phrase, voc.person_roles | voc.officials)
        if found:
            return found[0], found[0] in voc.officials, a
    return None


def _with_roles(words: Sequence[Word], spans: list[Span]) -> list[Span]:
    """Attach the role noun in apposition before each person ("судья Бердібек Мырзабеков")."""
    from dataclasses import replace

    out = []
    for sp in spans:
        if sp.kind == "PERSON":
            found = _role_before(words, sp.first)
            # "прокурор Мамайды ... сұраған": an official before a name in an oblique case
            # is the one acting on that person, not a title of the name.
            if found and not (found[1] and sp.case not in ("nom", "gen")):
                sp = replace(sp, role=found[0], official=found[1])
        out.append(sp)
    return out


def _my_kin_dative(low: str) -> tuple[str, str] | None:
    """"күйеуіме", "ұлыма": after a 1st person possessive the dative is a bare -а/-е."""
    return (low[:-1], "dat") if low[-1:] in _POSSESSED_DATIVE and low[:-1] in vocabulary().my_kin else None


def _with_kin(words: Sequence[Word], spans: list[Span]) -> list[Span]:
    """Attach the kin noun before a name and its owner: "Сақтағанның әйелі Гүлшат Сақтағанова"."""
    from dataclasses import replace

    kin = vocabulary().kin_owned
    yours = vocabulary().your_kin
    by_last = {sp.last: sp for sp in spans}
    out = []
    for sp in spans:
        if sp.kind == "PERSON" and sp.first >= 1 and words[sp.first - 1].low in yours:
            sp = replace(sp, kin=words[sp.first - 1].low, kin_of_addressee=True, role=None, official=False)
        elif sp.kind == "PERSON" and sp.first >= 2:
            found = find_entry(words[sp.first - 1].text, kin)
            owner = by_last.get(sp.first - 2)
            # "әйелі" also reads as the role "әйел": as a relative of a named owner it is kin.
            if found and found[1] in ("nom", "poss") and owner is not None and owner.case == "gen":
                sp = replace(sp, kin=found[0], kin_of_word=owner.first, role=None, official=False)
            elif found and found[1] in ("nom", "poss") and words[sp.first - 2].low in _GENITIVE_PRONOUNS:
                sp = replace(sp, kin=found[0], kin_of_word=sp.first - 2, role=None, official=False)
        out.append(sp)
    return out


def _covered(spans: Sequence[Span], n: int) -> list[bool]:
    taken = [False] * n
    for sp in spans:
        for i in range(sp.first, sp.last + 1):
            taken[i] = True
    return taken


def _with_anaphors(words: Sequence[Word], spans: list[Span]) -> list[Span]:
    """Pronouns and role nouns that stand alone, for the discourse memory to resolve."""
    voc = vocabulary()
    taken = _covered(spans, len(words))
    appos: set[int] = set()
    for sp in spans:
        found = _role_before(words, sp.first) if sp.kind == "PERSON" and sp.role else None
        if found:
            appos.update(range(found[2], sp.first))
        if sp.kind == "PERSON" and sp.kin:
            appos.add(sp.first - 1)
    extra: list[Span] = []
    for w in words:
        if taken[w.index] or w.index in appos or not w.low[:1].isalpha():
            continue
        court = find_entry(w.text, _COURT_WORDS)
        nxt = words[w.index + 1] if w.index + 1 < len(words) else None
        if w.low in voc.term_anaphors and nxt is not None and find_entry(nxt.text, _TERM_NOUNS):
            # "дәл сондай мерзімге", "осындай жазаға": the term of the sentence told before
            extra.append(Span("TERM", w.index, w.index + 1, w.start, nxt.end, f"{w.text} {nxt.text}", "",
                              case_of_word(nxt.low), role="ref"))
            taken[w.index + 1] = True
            continue
        kin = find_entry(w.text, voc.kin_possessed) or find_entry(w.text, voc.my_kin) or _my_kin_dative(w.low)
        if kin and w.text[:1].islower():
            mine = kin[0] in voc.my_kin
            extra.append(Span("KIN", w.index, w.index, w.start, w.end, w.text, kin[0], kin[1],
                              role="my" if mine else None))
            continue
        if w.low in voc.first_plural or _ours(w.text, voc.statements | {"тізім"}):
            extra.append(Span("WE", w.index, w.index, w.start, w.end, w.text, "біз", case_of_word(w.low)))
            continue
        statement = find_entry(w.text, voc.statements)
        according = statement and statement[1] == "dat" and w.index + 1 < len(words) \
            and words[w.index + 1].low in _ACCORDING  # "Есепке сәйкес": what the report says
        if statement and (statement[1] == "loc" or according):
            extra.append(Span("STATEMENT", w.index, w.index, w.start, w.end, w.text, statement[0], statement[1]))
            continue
        org = find_entry(w.text, voc.org_anaphors)
        if org and (w.text[:1].islower() or w.index == 0):
            extra.append(Span("ORGREF", w.index, w.index, w.start, w.end, w.text, org[0], org[1]))
            continue
        if court:
            investigating = w.index > 0 and words[w.index - 1].low == "тергеу"
            extra.append(Span("COURTREF", w.index, w.index, w.start, w.end, w.text,
                              "тергеу соты" if investigating else "сот", court[1], official=investigating))
        elif w.low in voc.singular_pronouns:
            extra.append(Span("PRON", w.index, w.index, w.start, w.end, w.text, w.low, _pronoun_case(w.low)))
        elif w.low in voc.plural_pronouns:
            extra.append(Span("PRON", w.index, w.index, w.start, w.end, w.text, w.low, _pronoun_case(w.low),
                              count=0))
        elif w.low in voc.counted_pronouns:
            extra.append(Span("PRON", w.index, w.index, w.start, w.end, w.text, w.low, case_of_word(w.low),
                              count=voc.counted_pronouns[w.low]))
        else:
            prev = words[w.index - 1].low if w.index else ""
            counted = prev[:1].isdigit() or prev in voc.quantifiers or read_duration([prev, "жыл"]) is not None
            found = find_entry(w.text, voc.person_roles | voc.officials | (voc.counted_people if counted else set()))
            if found and prev in voc.status_modifiers:
                continue  # "саяси тұтқын": a status, not a person named earlier
            if found and _titles_next_name(words, spans, w.index):
                continue  # "компаниясының бұрынғы басшысы, қазір қамауда отырған Мұхтар Жәкішевті"
            if found and w.text[:1].islower() or (found and w.index == 0):
                role, case = found
                count = 0 if plural_chain(w.text) and not w.low.endswith(role) else 1
                if counted:
                    # "16 адамға", "бірнеше белсенді": counted people (-n), maybe a group named before
                    number = parse_number_words([prev]) or ((int(prev), 1) if prev.isdigit() else None)
                    count = -number[0] if number and number[0] >= 2 else -1
                extra.append(Span("ROLE", w.index, w.index, w.start, w.end, w.text, role, case,
                                  official=role in voc.officials, count=count))
    return sorted(spans + extra, key=lambda sp: sp.first)


_COURT_WORDS = frozenset({"сот"})
_ACCORDING = frozenset(("сәйкес", "сай"))
_POSSESSED_DATIVE = frozenset(("а", "е"))
_GENITIVE_PRONOUNS = frozenset(("оның", "олардың"))
_TERM_NOUNS = frozenset({"мерзім", "жаза"})
_FIRST_PLURAL_POSSESSIVES = ("ымыз", "іміз", "мыз", "міз")
_AGENTS = ("PERSON", "ORG", "ORGREF", "PRON", "ROLE", "GROUP", "COURT")


def _ours(word: str, nouns: frozenset[str]) -> bool:
    """A noun with the 1st person plural possessive: "тізімімізде" (in our list)."""
    from graph.lang.morph import analyses

    for stem, chain in analyses(lower(word)):
        if stem.lower() in nouns and any(p in _FIRST_PLURAL_POSSESSIVES for p in chain.split("+")):
            return True
    return False


_FIRST_SINGULAR_ENDINGS = ("ғаным", "генім", "қаным", "кенім", "ғанмын", "генмін", "қанмын", "кенмін",
                           "аймын", "еймін", "ймын", "ймін", "дым", "дім", "тым", "тім")


def _first_person(words: Sequence[Word]) -> bool:
    """Direct speech in the 1st person singular ("- ... қатысқаным үшін он күнге қамады")."""
    speech = bool(words) and (words[0].text in _BULLETS or words[0].quoted)
    if not speech:
        return False
    voc = vocabulary()
    return any(w.low in voc.first_singular or (w.text[:1].islower() and w.low.endswith(_FIRST_SINGULAR_ENDINGS)
                                                and len(w.low) > 5) for w in words)


def _speaker(words: Sequence[Word], spans: Sequence[Span]) -> tuple[int, int]:
    """Who a quote or a report in the sentence is attributed to ("– деді «Тірек» альянсының
    үйлестірушісі Айнұр Сейітова", "деп хабарлады «Бюро»"), and their organisation."""
    voc = vocabulary()
    speech = [w.index for w in words if w.low in voc.speech]
    if not speech:
        return -1, -1
    k = speech[-1]
    after = [i for i, sp in enumerate(spans) if sp.first > k and sp.kind in _AGENTS]
    if after:
        run = [after[0]]
        for i in after[1:]:
            if spans[i].first - spans[run[-1]].last <= 2:
                run.append(i)
        head = run[-1]
        org = next((i for i in run if spans[i].kind in ("ORG", "ORGREF") and i != head), -1)
        return head, org if org >= 0 else (head if spans[head].kind in ("ORG", "ORGREF") else -1)
    # A nominative that only qualifies the noun after it is no speaker ("саяси тұтқындар тізіміне").
    before = [i for i, sp in enumerate(spans) if sp.last < k and sp.kind in _AGENTS and sp.case == "nom"
              and not (sp.last + 1 < k and words[sp.last + 1].text[:1].islower() and possessed(words[sp.last + 1].text))]
    return (before[-1], -1) if before else (-1, -1)


_PRONOUN_CASES = {
    "ол": "nom", "олар": "nom", "өзі": "nom",
    "оның": "gen", "олардың": "gen", "өзінің": "gen",
    "оны": "acc", "оларды": "acc", "өзін": "acc",
    "оған": "dat", "оларға": "dat", "өзіне": "dat",
    "онымен": "ins", "олармен": "ins", "одан": "abl", "олардан": "abl",
}


def _titles_next_name(words: Sequence[Word], spans: Sequence[Span], i: int) -> bool:
    """A role noun that heads a description of the name that follows it in the same clause."""
    nxt = next((sp for sp in spans if sp.kind == "PERSON" and sp.first > i), None)
    if nxt is None or nxt.first - i > 7:
        return False
    between = words[i + 1 : nxt.first]
    if any(_finite(w) for w in between):
        return False
    return not between or between[0].text == "," or between[-1].low.endswith(_PARTICIPLE_ENDINGS)


def _pronoun_case(low: str) -> str:
    return _PRONOUN_CASES.get(low, "nom")


def _with_supporters(words: Sequence[Word], spans: list[Span]) -> list[Span]:
    """"Біләштің жақтастары", "белсендінің туыстары мен жақтастары": the people of a genitive."""
    voc = vocabulary()
    heads = sorted(voc.supporters, key=lambda h: -len(h.split()))
    out = list(spans)
    starts = {sp.first for sp in spans}
    for sp in spans:
        if sp.case != "gen" or sp.kind not in ("PERSON", "ROLE", "PRON") or sp.official:
            continue
        a = sp.last + 1
        for head in heads:
            n = len(head.split())
            phrase = " ".join(w.low for w in words[a : a + n])
            if a + n > len(words) or a in starts:
                continue
            found = find_entry(phrase, {head}) if n == 1 else ((head, "nom") if phrase == head else None)
            if n > 1 and found is None:
                last_word = words[a + n - 1].text
                prefix = " ".join(w.low for w in words[a : a + n - 1])
                tail = find_entry(last_word, {head.split()[-1]})
                if tail and prefix == " ".join(head.split()[:-1]):
                    found = (head, tail[1])
            if found:
                end = words[a + n - 1]
                text = " ".join(w.text for w in words[sp.first : a + n])
                out.append(Span("SUPPORTERS", sp.first, a + n - 1, sp.start, end.end, text, head, found[1]))
                break
    return sorted(out, key=lambda s: (s.first, -(s.last - s.first)))


def _link_possessors(spans: list[Span]) -> list[Span]:
    """Point each SUPPORTERS span at the genitive span it starts with (indices of the final list)."""
    from dataclasses import replace

    out = []
    for sp in spans:
        if sp.kind == "SUPPORTERS":
            owner = next(i for i, o in enumerate(spans) if o.first == sp.first and o.kind != "SUPPORTERS")
            sp = replace(sp, possessor=owner)
        out.append(sp)
    return out


def _with_groups(words: Sequence[Word], spans: list[Span]) -> list[Span]:
    """Number coordinations: spans of one kind joined by a comma or a conjunction, with at
    most a role in apposition before the next one ("A, белсенді B және C", "A пен
    «Қазатомпромның» бұрынғы басшысы B")."""
    from dataclasses import replace

    voc = vocabulary()
    group = [-1] * len(spans)
    gid = 0
    for i in range(1, len(spans)):
        b = spans[i]
        prev = [j for j in range(i) if spans[j].kind == b.kind and spans[j].last < b.first]
        if not prev or b.kind not in ("PERSON", "ORG", "COURT", "GROUP", "PLACE"):
            continue
        j = prev[-1]
        a = spans[j]
        between = list(words[a.last + 1 : b.first])
        if not between or len(between) > 14 or not (between[0].low in voc.conjunctions or between[0].text == ","):
            continue
        after_b = words[b.last + 1].low if b.last + 1 < len(words) else ""
        if between[0].low in voc.also_particles and after_b not in voc.also_particles:
            continue  # "Марат Жылқыбаев та Әбжанның ...": "too", unless "A да, B да" (both A and B)
        others = any(spans[k].kind == b.kind and spans[k].kind != "PLACE" for k in range(j + 1, i))
        inside = _covered(spans, len(words))
        if others or any(_finite(w) for w in between if not inside[w.index] and not w.quoted):
            continue  # "A, ... сотталған B": modifiers of the next name may stand between, a verb may not
        if len(between) > 6 and not (a.kind == "PERSON" and between[0].text == ","):
            continue
        if group[j] < 0:
            group[j] = gid
            gid += 1
        group[i] = group[j]
    # Only the last name of a coordination is inflected: "Жәкішев пен Біләшті" are both accusative.
    last_case = {g: spans[k].case for k, g in enumerate(group) if g >= 0}
    return [replace(sp, group=g, case=last_case[g] if sp.case == "nom" else sp.case) if g >= 0 else sp
            for sp, g in zip(spans, group, strict=True)]


def _finite(w: Word) -> bool:
    """A finite verb form ("енгізді", "айтты", "сотталды"): it ends a coordination."""
    return w.low[:1].isalpha() and w.low.endswith(_FINITE_ENDINGS) and len(w.low) > 4 and w.text[:1].islower()


def _apposition_word(w: Word, voc: object) -> bool:
    """A word that may stand between a conjunction and the next name: a conjunction, a
    comma, a quote, a role noun or a modifier (not a verb, not a sentence mark)."""
    if w.low in voc.conjunctions or w.text in (",", "«", "»", "\"", "“", "”"):  # type: ignore[attr-defined]
        return True
    if not w.low[:1].isalpha():
        return False
    return not w.low.endswith(_CLAUSE_VERB_ENDINGS) or find_entry(w.text, voc.person_roles) is not None  # type: ignore[attr-defined]


def _clauses(words: Sequence[Word], spans: Sequence[Span]) -> tuple[int, ...]:
    """Clause number of every word: a new clause after a verb and its comma, a semicolon, a colon."""
    voc = vocabulary()
    inside_name = _covered(spans, len(words))
    out: list[int] = []
    clause = 0
    prev: Word | None = None
    for w in words:
        if prev is not None:
            if prev.text in _PUNCT_BREAK or w.low in voc.clause_openers:
                clause += 1
            elif prev.text == "," and prev.index > 0:
                before = words[prev.index - 1]
                if not inside_name[before.index] and before.low.endswith(_CLAUSE_VERB_ENDINGS):
                    clause += 1
        out.append(clause)
        prev = w
    return tuple(out)
