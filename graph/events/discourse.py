"""Discourse memory: who a pronoun, a role noun or a bare "сот" stands for.

Kazakh news names a person once in full, then by surname (the entity stage links
those), by a role noun ("белсенді", "журналисті") or a pronoun ("ол", "оған",
"екеуі", "олар"). The memory keeps, sentence by sentence, the salient referents
by class: single persons (with the roles the text gave them), coordinations of
persons ("A мен B"), courts and organisations; the header of an enumeration that
the following lines continue; and the list a rights group published, for the
lines that name its political prisoners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.annotate.document import AnnotatedDocument, AnnotatedSentence, Span
from graph.lang.wordform import find_entry, genitive, plural_chain, vocabulary

__all__ = ["Discourse", "Referent"]

Key = tuple[str, str]
# How many sentences back a reference may reach, by what refers.
_PRONOUN_REACH = 3
_ROLE_REACH = 8
_GROUP_REACH = 5
_ABOUT_THIS = ("бұл", "туралы")
_CLAUSE_MARKS = frozenset((",", ":", ";"))  # "... Мұрат Есжанов туралы үкім өзгеріссіз қалды: ол ..."
_STATEMENT_REACH = 2
_AGENT_KINDS = ("PERSON", "ORG", "ORGREF", "GROUP", "COURT")


@dataclass(frozen=True, slots=True)
class Referent:
    """An entity (or a coordination of persons) the text named, and where."""

    keys: tuple[Key, ...]
    sentence: int
    word: int
    case: str
    subject: bool = False
    official: bool = False
    roles: frozenset[str] = frozenset()


@dataclass(slots=True)
class Discourse:
    """What one article has said so far (see the module docstring)."""

    roles: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    officials: set[Key] = field(default_factory=set)
    persons: list[Referent] = field(default_factory=list)
    groups: list[Referent] = field(default_factory=list)
    courts: list[Referent] = field(default_factory=list)
    agents: list[Referent] = field(default_factory=list)
    header: AnnotatedSentence | None = None
    header_kind: str | None = None
    frames: dict[str, tuple[Key, int]] = field(default_factory=dict)
    prisoners: dict[Key, int] = field(default_factory=dict)
    forms: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    kin: dict[Key, list[Key]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, tuple[int, dict[str, tuple]]] = field(default_factory=dict)
    orgs: list[Referent] = field(default_factory=list)
    statement: Referent | None = None
    speaker: Referent | None = None
    last_sentencing: object | None = None
    addressee_kin: list[Key] = field(default_factory=list)
    reporters: dict[int, tuple[Key, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: AnnotatedDocument) -> Discourse:
        """A memory that knows the roles the whole article gives each person."""
        mem = cls()
        for st in doc.sentences:
            for sp in st.spans:
                if sp.kind == "PERSON" and sp.key and sp.role:
                    mem.roles[sp.key].add(sp.role)
                    if sp.official:
                        mem.officials.add(sp.key)
            if st.lows()[:2] == _ABOUT_THIS:
                # "Бұл туралы «Бюро» өз сайтында хабарлады": who reported what the sentence before says
                agents = [sp.key for sp in st.spans if sp.kind in _AGENT_KINDS and sp.key and sp.case == "nom"]
                if agents:
                    mem.reporters[st.index - 1] = (agents[0],)
        return mem

    def reporter(self, index: int) -> tuple[Key, ...]:
        """Who the next sentence says reported sentence ``index`` ("Бұл туралы X хабарлады")."""
        return self.reporters.get(index, ())

    def recent_statement(self, index: int) -> tuple[Key, ...]:
        """The author of a statement published at most two sentences before ``index``."""
        ref = self.statement
        return ref.keys if ref is not None and 0 < index - ref.sentence <= _STATEMENT_REACH else ()

    # ------------------------------------------------------------------ resolving

    def resolve(self, st: AnnotatedSentence) -> dict[int, tuple[Key, ...]]:
        """The entity keys each span of a sentence stands for (names, pronouns, role nouns, "сот")."""
        out: dict[int, tuple[Key, ...]] = {}
        for i, sp in enumerate(st.spans):
            if sp.key is not None:
                out[i] = (sp.key,)
            elif sp.kind == "PRON":
                out[i] = self._pronoun(st, i, sp)
            elif sp.kind == "ROLE":
                out[i] = self._role(st, i, sp)
            elif sp.kind == "COURTREF":
                out[i] = self._court(st, i)
            elif sp.kind == "ORGREF":
                out[i] = self._orgref(st, i, sp)
            elif sp.kind == "STATEMENT" and self.statement and st.index - self.statement.sentence <= _ROLE_REACH:
                out[i] = self.statement.keys
        for i, sp in enumerate(st.spans):
            if sp.kind == "SUPPORTERS":
                out[i] = self._supporters(sp, out.get(sp.possessor, ()))
            elif sp.kind == "WE":
                out[i] = self._we(st, out)
        self._link_kin(st, out)
        for i, sp in enumerate(st.spans):
            if sp.kind == "KIN":
                out[i] = self._kin(st, i, sp, out)
        return {i: keys for i, keys in out.items() if keys}

    def _earlier_persons(self, st: AnnotatedSentence, i: int) -> list[Referent]:
        """Persons named earlier in this sentence, nearest last."""
        out = []
        for j, sp in enumerate(st.spans[:i]):
            if sp.kind == "PERSON" and sp.key and not sp.official and sp.key not in self.officials:
                out.append(Referent((sp.key,), st.index, sp.first, sp.case, roles=frozenset(self.roles[sp.key])))
        return out

    def _salient(self, pool: Iterable[Referent], index: int, reach: int) -> Referent | None:
        best, best_score = None, None
        for ref in pool:
            gap = index - ref.sentence
            if gap > reach or ref.official:
                continue
            score = (-2.0 * gap + (1.5 if ref.subject else 0.0) + (0.5 if ref.case in ("nom", "acc", "dat") else 0.0)
                     - (1.0 if ref.case == "gen" else 0.0) + ref.word * 0.01)
            if best_score is None or score >= best_score:
                best, best_score = ref, score
        return best

    def _pronoun(self, st: AnnotatedSentence, i: int, sp: Span) -> tuple[Key, ...]:
        if sp.count == 1:
            # "Сот Төлетаеваны ... танып, оған ...": an earlier object of the sentence; never its
            # subject ("Рысгүл Әбдірахманова оны ... деп атады": оны is someone else).
            # A subject of an earlier clause may be meant: "Ахметжанов колонияда, оған 7 жыл берілді".
            here = [r for r in self._earlier_persons(st, i)
                    if r.case != "nom" or any(w.text in _CLAUSE_MARKS for w in st.words[r.word : sp.first])]
            if here and sp.first > 0 and sp.case != "nom":
                return here[-1].keys
            across = [r for r in here if any(w.text in _CLAUSE_MARKS for w in st.words[r.word : sp.first])
                      and st.words[r.word].quoted == st.words[sp.first].quoted]  # "«Біз A-ны ...», – деді ол"
            if across and sp.case == "nom":
                return across[-1].keys  # "Мұрат Есжанов туралы үкім өзгеріссіз қалды: ол төрт жылға сотталған"
            ref = self._salient(self.persons, st.index, _PRONOUN_REACH)
            return ref.keys if ref else ()
        return self._group(st.index, sp.count)

    def _group(self, index: int, count: int) -> tuple[Key, ...]:
        for ref in reversed(self.groups):
            if index - ref.sentence > _GROUP_REACH:
                break
            if count in (0, len(ref.keys)):
                return ref.keys
        return ()

    def _role(self, st: AnnotatedSentence, i: int, sp: Span) -> tuple[Key, ...]:
        if sp.count < -1:
            # "екі белсендіні": the two named before, if any, else those the sentence enumerates after it
            return self._group(st.index, -sp.count) or _enumerated_after(st, sp, -sp.count)
        if sp.count < 0:
            return _enumerated_after(st, sp, 0)
        if sp.count == 0:
            owner = st.spans[i - 1] if i > 0 else None
            if owner is not None and owner.kind == "ORG" and owner.key and owner.case == "gen" \
                    and sp.first - owner.last == 1:
                return (owner.key,)  # "«Атажұрт» ұйымының белсенділері": the organisation's people, as it
            return self._group(st.index, 0)
        here = [r for r in self._earlier_persons(st, i) if sp.value in r.roles]
        if here:
            return here[-1].keys
        with_role = [r for r in self.persons if sp.value in self.roles[r.keys[0]]]
        ref = self._salient(with_role, st.index, _ROLE_REACH)
        nxt = st.words[sp.last + 1].low if sp.last + 1 < len(st.words) else ""
        if ref is not None and nxt in vocabulary().also_particles:
            # "белсенді де ...": another activist than the one the text is about
            others = [r for r in with_role if r.keys != ref.keys]
            ref = self._salient(others, st.index, _ROLE_REACH) or ref
        if ref is None and sp.official:
            return ()
        owned = _office(st, sp)
        if ref is None and sp.value in vocabulary().person_roles and not owned:
            # "«Қазатомпромның» бұрынғы басшысы" names an office: only its known holder, never a guess
            ref = self._salient(self.persons, st.index, _ROLE_REACH)
        return ref.keys if ref else ()

    def _court(self, st: AnnotatedSentence, i: int) -> tuple[Key, ...]:
        for sp in reversed(st.spans[:i]):
            if sp.kind == "COURT" and sp.key:
                return (sp.key,)
        return self.courts[-1].keys if self.courts else ()

    def _orgref(self, st: AnnotatedSentence, i: int, sp: Span) -> tuple[Key, ...]:
        """"Альянс", "Бюро", "Комитет": the organisation named last whose name has that head."""
        here = [Referent((o.key,), st.index, o.first, o.case) for o in st.spans[:i] if o.kind == "ORG" and o.key]
        if plural_chain(sp.text):
            # "Ұйымдар", "Екі ұйым": the organisations named together last ("Амнистия мен HRW ұйымдары")
            together = self._orgs_together(st, here)
            if together:
                return together
        for ref in [*reversed(here), *reversed(self.orgs)]:
            if st.index - ref.sentence > _ROLE_REACH:
                break
            names = {ref.keys[0][1].lower(), *self.forms.get(ref.keys[0], ())}
            if any(sp.value in name for name in names):
                return ref.keys
        recent = [r for r in self.orgs if st.index - r.sentence <= _PRONOUN_REACH]
        return recent[-1].keys if recent and len({r.keys for r in recent}) == 1 else ()

    def _orgs_together(self, st: AnnotatedSentence, here: list[Referent]) -> tuple[Key, ...]:
        """The organisations of the latest sentence (this one first) that named two or more."""
        pool = here if len({r.keys for r in here}) >= 2 else []
        if not pool:
            recent = [r for r in self.orgs if st.index - r.sentence <= _PRONOUN_REACH]
            last = recent[-1].sentence if recent else -1
            pool = [r for r in recent if r.sentence == last]
        keys = tuple(dict.fromkeys(k for r in pool for k in r.keys))
        return keys if len(keys) >= 2 else ()

    def _link_kin(self, st: AnnotatedSentence, resolved: dict[int, tuple[Key, ...]]) -> None:
        """"X-тің әйелі Y", "Оның ұлы Y": each of X and Y is the other's relative."""
        for i, sp in enumerate(st.spans):
            if sp.kind == "PERSON" and sp.key and sp.kin_of_addressee and sp.key not in self.addressee_kin:
                self.addressee_kin.append(sp.key)
            if sp.kind != "PERSON" or not sp.key or sp.kin_of_word < 0:
                continue
            owner = next((j for j, o in enumerate(st.spans) if o.first == sp.kin_of_word and j != i), -1)
            for other in resolved.get(owner, ()):
                if other != sp.key and other not in self.kin[sp.key]:
                    self.kin[sp.key].append(other)
                    self.kin[other].append(sp.key)

    def _kin(self, st: AnnotatedSentence, i: int, sp: Span, resolved: dict[int, tuple[Key, ...]]
             ) -> tuple[Key, ...]:
        """"күйеуін", "әкесінің", "ұлымды": the relative of the owner (the genitive before,
        the speaker, or the sentence's subject) the text named earlier."""
        before = st.spans[i - 1] if i > 0 else None
        if before is not None and before.last == sp.first - 1 and before.case == "gen":
            owner = resolved.get(i - 1, ())
        elif sp.role == "my":
            owner = self._we(st, resolved)
        else:
            subject = _subject(st)
            owner = resolved.get(subject, ()) if subject >= 0 and subject != i else ()
        relatives = [k for o in owner for k in self.kin.get(o, ())]
        if not relatives and sp.role == "my":
            relatives = self.addressee_kin  # "Ұлыңыз Данияр ...?" – "... ұлымды босатуды талап етемін"
        return (relatives[-1],) if relatives else ()

    def _we(self, st: AnnotatedSentence, resolved: dict[int, tuple[Key, ...]]) -> tuple[Key, ...]:
        """"Біз", "тізімімізде": the organisation of the one the sentence quotes, or that person."""
        for idx in (st.speaker_org, st.speaker):
            if idx >= 0 and resolved.get(idx):
                return resolved[idx]
        if self.speaker and st.index - self.speaker.sentence <= 1:
            return self.speaker.keys
        return ()

    def _supporters(self, sp: Span, owner: tuple[Key, ...]) -> tuple[Key, ...]:
        if len(owner) != 1 or owner[0][0] != "Person":
            return ()
        return (("Group", f"{genitive(owner[0][1])} {sp.value}"),)

    def salient_person(self, index: int, exclude: Iterable[Key] = ()) -> tuple[Key, ...]:
        """The person the text is most likely about at sentence ``index``."""
        skip = set(exclude)
        ref = self._salient((r for r in self.persons if not set(r.keys) & skip), index, _PRONOUN_REACH)
        return ref.keys if ref else ()

    def prefer_prisoner(self, index: int, sp: Span, keys: tuple[Key, ...], taken: set[Key]) -> tuple[Key, ...]:
        """For a role noun or pronoun a protest stands for: the person in custody the text
        spoke of last ("саясаткерді қолдап" after "қамауда отырған ... Козловтың")."""
        if keys and all(k in self.prisoners for k in keys) or sp.count != 1 or sp.official:
            return keys
        recent = [(s, k) for k, s in self.prisoners.items() if k not in taken and index - s <= _ROLE_REACH]
        return (max(recent)[1],) if recent else keys

    def open_event(self, kind: str, index: int, reach: int) -> dict[str, tuple] | None:
        """The roles of the last event of ``kind`` read at most ``reach`` sentences before ``index``."""
        last = self.events.get(kind)
        return last[1] if last is not None and index - last[0] <= reach else None

    def record(self, kind: str, index: int, roles: dict[str, tuple]) -> None:
        """Remember an event (even one with nobody named) for the sentences that continue it;
        roles it leaves empty keep the values of the event before."""
        before = self.events.get(kind)
        if before is not None:
            merged = dict(before[1])
            merged.update({k: v for k, v in roles.items() if v})
            roles = merged
        self.events[kind] = (index, roles)

    def subject_of(self, st: AnnotatedSentence) -> int:
        return _subject(st)

    # ---------------------------------------------------------------- observing

    def note(self, fact: object) -> None:
        """A fact just read: its defendants are in custody (a later protest may stand for them);
        a sentencing's term and court are what "сондай мерзімге" points back to."""
        for key in fact.get("defendant"):  # type: ignore[attr-defined]
            self.prisoners[key] = fact.evidence.sentence_index  # type: ignore[attr-defined]
        if fact.kind == "Sentencing" and fact.get("term"):  # type: ignore[attr-defined]
            self.last_sentencing = fact

    def observe(self, st: AnnotatedSentence, resolved: dict[int, tuple[Key, ...]]) -> None:
        """Remember what a sentence named, once its events are read."""
        subject = _subject(st)
        voc = vocabulary()
        lows = st.lows()
        groups: dict[int, list[Key]] = defaultdict(list)
        for i, sp in enumerate(st.spans):
            keys = resolved.get(i, ())
            if not keys:
                continue
            official = sp.official or any(k in self.officials for k in keys)
            context = lows[max(0, sp.first - 4) : sp.first] + lows[sp.last + 1 : sp.last + 3]
            if sp.kind in ("PERSON", "ROLE", "PRON") and any(w.startswith(tuple(voc.detention)) for w in context):
                for k in keys:
                    self.prisoners[k] = st.index
            if sp.kind == "ROLE" and len(keys) == 1 and not sp.official:
                self.roles[keys[0]].add(sp.value)  # "белсендіге" said of Біләш: he is a белсенді
            if sp.kind in ("PERSON", "PRON", "ROLE") and all(k[0] == "Person" for k in keys):
                ref = Referent(keys, st.index, sp.first, sp.case, i == subject, official,
                               frozenset(r for k in keys for r in self.roles[k]))
                if len(keys) == 1:
                    self.persons.append(ref)
                else:
                    self.groups.append(ref)
                if sp.group >= 0 and len(keys) == 1:
                    groups[sp.group].extend(keys)
            elif sp.kind in ("COURT", "COURTREF"):
                self.courts.append(Referent(keys, st.index, sp.first, sp.case))
            if sp.kind in _AGENT_KINDS:
                self.agents.append(Referent(keys, st.index, sp.first, sp.case, i == subject))
        for keys in groups.values():
            if len(keys) >= 2:
                self.groups.append(Referent(tuple(dict.fromkeys(keys)), st.index, 0, "nom"))
        for i, sp in enumerate(st.spans):
            if sp.kind == "ORG" and sp.key:
                self.orgs.append(Referent((sp.key,), st.index, sp.first, sp.case, i == subject))
                self.forms[sp.key].add(sp.text.lower())
        author = _statement_author(st, resolved, subject)
        if author:
            self.statement = Referent(author, st.index, 0, "nom")
        for idx in (st.speaker_org, st.speaker):
            if idx >= 0 and resolved.get(idx):
                self.speaker = Referent(resolved[idx], st.index, 0, "nom")
                break
        if st.header:
            self.header = st
        elif not st.bullet:
            self.header = None


_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")
_ENUMERATION_MARKS = frozenset((":", "—", "–"))


def _enumerated_after(st: AnnotatedSentence, sp: Span, count: int) -> tuple[Key, ...]:
    """The persons a counted noun announces later in its sentence: after a colon or dash ("тізімге
    үш адамды қосты: 1) A; 2) B; 3) C"), ``count`` of them (0: any number), or none if fewer are
    named; after an enumeration head ("27 адам бар (олардың ішінде A мен B та бар)"), those named."""
    lows = st.lows()
    heads = vocabulary().enumeration_heads
    mark, some = -1, False
    for k in range(sp.last + 1, len(st.words)):
        if st.words[k].text in _ENUMERATION_MARKS:
            mark = k
            break
        if " ".join(lows[k:k + 2]) in heads and " " in " ".join(lows[k:k + 2]):
            mark, some = k + 1, True  # "олардың ішінде": some of them
            break
    if mark < 0:
        return ()
    quoted = st.words[mark].quoted  # "«... оның ішінде A енгізілді», – деді B": not the speaker
    names = [o.key for i, o in enumerate(st.spans) if o.kind == "PERSON" and o.key and o.first > mark
             and not o.official and i != st.speaker and st.words[o.first].quoted == quoted]
    names = list(dict.fromkeys(names))
    if some:
        return tuple(names)
    if len(names) < max(count, 1) or count == 0 and len(names) < 2:
        return ()
    return tuple(names[:count] if count else names)


def _office(st: AnnotatedSentence, sp: Span) -> bool:
    """A role noun owned by a named organisation ("«Қазатомпромның» бұрынғы басшысы"): an office."""
    k = sp.first - 1
    while k >= 0 and st.words[k].text in "»”\"":
        k -= 1
    if k >= 1 and st.words[k].text[:1].islower() and not st.words[k].low.endswith(_GENITIVE):
        k -= 1  # one adjective between: "бұрынғы", "қазіргі"
    while k >= 0 and st.words[k].text in "»”\"":
        k -= 1
    if k < 0:
        return False
    word = st.words[k]
    return word.low.endswith(_GENITIVE) and (word.text[:1].isupper() or st.words[k].quoted)


def _statement_author(st: AnnotatedSentence, resolved: dict[int, tuple[Key, ...]], subject: int
                      ) -> tuple[Key, ...]:
    """Who a sentence says published a statement ("Еуропа парламенті ... қарар қабылдады",
    "БҰҰ-ның ... баяндамашысы ... мәлімдеме жасады"): its subject, or the organisation
    an unnamed subject belongs to."""
    voc = vocabulary()
    lows = st.lows()
    published = any(
        find_entry(w.text, voc.statements) and any(x.startswith(voc.publishing) for x in lows[w.index + 1 : w.index + 4])
        for w in st.words
    )
    if not published:
        return ()
    if subject >= 0 and resolved.get(subject):
        return resolved[subject]
    orgs = [resolved[i] for i, sp in enumerate(st.spans) if sp.kind == "ORG" and resolved.get(i)]
    return orgs[0] if orgs else ()


def _subject(st: AnnotatedSentence) -> int:
    """Index of the span that is the sentence's subject: its first nominative agent outside quotes."""
    for i, sp in enumerate(st.spans):
        if sp.kind in _SUBJECT_KINDS and sp.case == "nom" and not st.words[sp.first].quoted:
            return i
    return -1


_SUBJECT_KINDS = frozenset(("PERSON", "PRON", "ROLE", "ORG", "ORGREF", "GROUP", "COURT", "SUPPORTERS", "WE"))
