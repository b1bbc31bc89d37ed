"""The one engine that applies every event pattern to an annotated document.

For each sentence, in text order: the discourse memory resolves pronouns, role
nouns and bare "сот" to entities; each pattern (highest priority first) finds
its anchors (TERM spans governed by a verb of the pattern, or trigger words),
drops those a guard cancels, and fills the pattern's role slots. A slot's
candidates are the sentence's spans of the kinds it accepts, plus the memory's
salient referent where the pattern allows one; each candidate is described by
features (its case, side and distance from the anchor, whether another anchor
stands between, whether it is an official …) and ranked by the slot's weights,
which ``kazkg train-relations`` learns from annotated articles. Then the
memory takes in what the sentence said.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from graph.annotate.document import AnnotatedDocument, AnnotatedSentence, Span, annotate
from graph.events.discourse import Discourse
from graph.events.literals import EXTRACTORS as LITERALS
from graph.events.merge import complete_events, join_told_again
from graph.events.patterns import Guard, Pattern, Slot, Trigger, load_patterns
from graph.events.scoring import Scorer, default_scorer
from graph.lang.lexicon import lower
from graph.lang.wordform import passive, possessed, vocabulary
from graph.model import Entity, Evidence, Fact, Mention, Sentence

__all__ = ["Anchor", "Candidate", "extract_document", "extract_facts"]

log = logging.getLogger(__name__)

Key = tuple[str, str]
# The negative -ма/-ме/-ба/-бе/-па/-пе before a tense, participle or converb ending.
_NEGATED_END = re.compile(
    r"(?:ма|ме|ба|бе|па|пе)(?:ды|ді|ған|ген|йды|йді|йтын|йтін|с|й|йын|йін|йынша|йінше|у|уы|уын|уға)$"
)
_ISO_DATE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}(?:-\d{2})?)$")
# How many sentences apart a protest or a list may be told and still be one event.
_JOIN_REACH = {"Protest": 2, "Listing": 6}
_LIST_NOUNS = ("тізім", "плакат")
_RELATIVE_ENDINGS = ("атын", "етін", "йтын", "йтін", "ған", "ген", "қан", "кен")
_QUOTE_MARKS = frozenset("«»\"“”„")
_NO_QUOTES = str.maketrans("", "", "«»\"“”„")
_NEGATION_WORDS = frozenset(("жоқ", "емес"))
_PASSIVE = ("л", "ыл", "іл", "ын", "ін")
_PARTICIPLE = ("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an event is anchored: words ``first..last``, the governing word and its trigger."""

    first: int
    last: int
    span: int
    governor: int
    trigger: Trigger | None
    value: str = ""
    refers: Fact | None = None  # the sentencing "дәл сондай мерзімге" points back to
    enumeration: bool = False  # a line that only enumerates the names of the event before


@dataclass(slots=True)
class _Context:
    """What filling one event's slots may look at."""

    pattern: Pattern
    st: AnnotatedSentence
    anchor: Anchor
    resolved: Mapping[int, tuple[Key, ...]]
    memory: Discourse
    facts: Sequence[Fact]
    siblings: Sequence[Anchor] = ()
    chosen: dict[str, list[Candidate]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible filler of a slot: a span of the sentence (or the memory, ``span == -1``)."""

    span: int
    keys: tuple[Key, ...]
    features: dict[str, float]
    value: str = ""


def extract_facts(
    sentences: Sequence[Sentence], mentions: Sequence[Mention], links: Mapping[Mention, Key]
) -> list[Fact]:
    """Facts of one article (the ``patterns`` extractor of :data:`graph.build.pipeline.EXTRACTORS`)."""
    if not sentences:
        return []
    return extract_document(annotate(sentences, mentions, links))


def extract_document(doc: AnnotatedDocument, patterns: Sequence[Pattern] | None = None,
                     scorer: Scorer | None = None, observer: object = None) -> list[Fact]:
    """Apply the patterns to an annotated document.

    Args:
        doc: The article.
        patterns: Default: every pattern file.
        scorer: Ranks slot candidates (default: the shipped weights).
        observer: Training hook: ``observer.candidates(pattern, slot, st, anchor, cands)``
            is called for every slot filled.

    Returns:
        The facts in text order.
    """
    patterns = load_patterns() if patterns is None else patterns
    scorer = scorer or default_scorer()
    memory = Discourse.of(doc)
    facts: list[Fact] = []
    for st in doc.sentences:
        resolved = memory.resolve(st)
        claimed: set[tuple[int, int]] = set()
        for pattern in patterns:
            anchors = find_anchors(pattern, st, memory, claimed)
            told: set[int] = set()  # clauses where this pattern already made an event
            for anchor in anchors:
                if pattern.anchor == "trigger" and st.clauses[anchor.first] in told:
                    continue  # "тізімге ... енген": two trigger words of one event
                if guarded(pattern, st, anchor):
                    continue
                context = _Context(pattern, st, anchor, resolved, memory, facts, anchors)
                fact = _event(pattern, context, scorer, observer)
                if fact is not None:
                    for one in _one_per(pattern, fact):
                        facts.append(one)
                        memory.note(one)
                    claimed.add((anchor.first, anchor.last))
                    told.add(st.clauses[anchor.first])
        memory.observe(st, resolved)
    return join_told_again(complete_events(facts, patterns), _JOIN_REACH)


# ------------------------------------------------------------------- anchors


def _starts(word: str, stems: Sequence[str]) -> bool:
    return any(word.startswith(s) for s in stems)


def _phrase_at(lows: Sequence[str], i: int, stem: str) -> bool:
    """Whether the words from ``i`` start with the (possibly multi-word) ``stem``."""
    parts = stem.split()
    if i + len(parts) > len(lows):
        return False
    last = parts[-1]
    word = lows[i + len(parts) - 1]
    return all(lows[i + k] == p for k, p in enumerate(parts[:-1])) and (
        word == last[:-1] if last.endswith("$") else word.startswith(last))


def _any_phrase(lows: Sequence[str], a: int, b: int, stems: Sequence[str]) -> bool:
    """Whether a word in ``lows[a:b]`` starts one of ``stems``."""
    a, b = max(0, a), min(len(lows), b)
    starts, whole, phrases = _stem_kinds(tuple(stems))
    for i in range(a, b):
        w = lows[i]
        if w.startswith(starts) or w in whole or any(_phrase_at(lows, i, s) for s in phrases):
            return True
    return False


@lru_cache(maxsize=4096)
def _stem_kinds(stems: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """``stems`` sorted for matching: word starts, whole words ("бері$"), several-word phrases."""
    starts = tuple(s for s in stems if " " not in s and not s.endswith("$"))
    whole = frozenset(s[:-1] for s in stems if " " not in s and s.endswith("$"))
    return starts, whole, tuple(s for s in stems if " " in s)


def trigger_at(trig: Trigger, lows: Sequence[str], i: int, st: AnnotatedSentence | None = None) -> bool:
    """Whether word ``i`` is ``trig`` (its stem, phrase, required and excluded neighbours)."""
    low = lows[i]
    if trig.before_name and not (st is not None and any(sp.first == i + 1 and sp.kind == "PERSON" for sp in st.spans)):
        return False
    if not low.startswith(trig.stem) or _starts(low, trig.exclude):
        return False
    for k, part in enumerate(trig.phrase, start=1):
        if i + k >= len(lows) or not lows[i + k].startswith(part):
            return False
    if trig.needs and not _any_phrase(lows, i - trig.reach, i, trig.needs):
        return False
    return not (trig.needs_after and not _any_phrase(lows, i + 1, i + 1 + trig.reach, trig.needs_after))


def _governor(pattern: Pattern, lows: Sequence[str], first: int, last: int) -> tuple[int, Trigger] | None:
    after = range(last + 1, min(len(lows), last + 1 + pattern.govern_after))
    for i in (*after, *range(first - 1, max(-1, first - 1 - pattern.govern_before), -1)):
        if not lows[i].startswith(pattern.governor_stems):
            continue
        for trig in pattern.governors:
            if trigger_at(trig, lows, i):
                return i, trig
    return None


def _chained_governor(pattern: Pattern, st: AnnotatedSentence, idx: int) -> tuple[int, Trigger] | None:
    """The governor of the next term when only names and terms stand between ("Жақсылықов 7 жылға,
    Ниязова 2 жылға шартты түрде, Қасымов 4 жылға сотталған": one verb for the three)."""
    nxt = next((j for j in range(idx + 1, len(st.spans)) if st.spans[j].kind == "TERM"), -1)
    if nxt < 0:
        return None
    sp, later = st.spans[idx], st.spans[nxt]
    if any(_finite_word(w) for w in st.words[sp.last + 1 : later.first]):
        return None
    gov = _governor(pattern, st.lows(), later.first, later.last) or _chained_governor(pattern, st, nxt)
    return gov if gov is not None and gov[0] > later.last else None


def _units_ok(pattern: Pattern, iso: str) -> bool:
    if not pattern.units:
        return True
    return all(ch in "".join(pattern.units) for ch in iso.lstrip("P") if ch.isalpha())


def find_anchors(pattern: Pattern, st: AnnotatedSentence, memory: Discourse,
                 claimed: set[tuple[int, int]]) -> list[Anchor]:
    """The anchors of ``pattern`` in a sentence that no higher-priority pattern took."""
    lows = st.lows()
    out: list[Anchor] = []
    if pattern.anchor == "TERM":
        for idx, sp in enumerate(st.spans):
            refers = memory.last_sentencing if sp.kind == "TERM" and sp.role == "ref" else None
            if refers is not None:
                sp = _term_of_reference(sp, memory, st.index)
            if sp is None or sp.kind != "TERM" or (sp.first, sp.last) in claimed or not _units_ok(pattern, sp.value):
                continue
            if _range_start(st, idx):
                continue  # "8 жылдан 6 жылға дейін қысқартты": the old term of a range
            gov = _governor(pattern, lows, sp.first, sp.last) or _chained_governor(pattern, st, idx)
            if gov is not None:
                out.append(Anchor(sp.first, sp.last, idx, gov[0], gov[1], sp.value, refers))
            elif _continues_header(pattern, st, memory):
                out.append(Anchor(sp.first, sp.last, idx, -1, None, sp.value))
        return out
    continues = pattern.options.get("continues")
    if continues and memory.open_event(str(continues), st.index, _reach(pattern)) is None:
        return out
    start = _enumeration_start(pattern, st, memory) if continues else None
    if start is not None and (start, start) not in claimed:
        return [Anchor(start, start, -1, -1, None, enumeration=True)]  # "Олар — A және B": names of the event before
    for i in range(len(lows)):
        if not lows[i].startswith(pattern.trigger_stems):
            continue
        if pattern.options.get("skip_quoted", True) and _quoted_claim(st, i):
            continue  # «заңсыз пикет ұйымдастырды» деп: a charge quoted, not a protest told
        for trig in pattern.triggers:
            if (i, i) not in claimed and trigger_at(trig, lows, i, st):
                out.append(Anchor(i, i, -1, i, trig))
                break
    return out


_CLAIM_WORDS = frozenset(("деп", "деген", "атты"))
_RESPECTIVELY = "тиісінше"
_ENUMERATION_MARKS = frozenset((":", "—", "–", "-"))
_DASHES = frozenset(("—", "–"))
_COPULA_REACH = 4  # "A — ар-ождан тұтқыны": the dash, at most two words, the trigger
_HEADER_WORDS = 4  # "Тізімге жаңадан енгізілгендер:", at most this many words before the colon
_AS_WORDS = frozenset(("деп", "ретінде"))  # "саяси тұтқын деп / ретінде танылды"
_ABLATIVE_ENDINGS = ("дан", "ден", "тан", "тен", "нан", "нен")


def _quoted_claim(st: AnnotatedSentence, i: int) -> bool:
    """Whether word ``i`` is inside a quotation that a "деп"/"деген" makes a claim or a charge
    (not direct speech, which "- деді ол" attributes)."""
    if not st.words[i].quoted:
        return False
    k = i
    while k < len(st.words) and (st.words[k].quoted and st.words[k].text not in _QUOTE_MARKS or k == i):
        k += 1
    nxt = [w.low for w in st.words[k + 1 : k + 4] if w.low[:1].isalpha()]
    return bool(nxt) and nxt[0] in _CLAIM_WORDS


def _reach(pattern: Pattern) -> int:
    return int(pattern.options.get("reach", 2))  # type: ignore[arg-type]


def _range_start(st: AnnotatedSentence, idx: int) -> bool:
    """A term in the ablative right before another term: the start of "from X to Y"."""
    sp = st.spans[idx]
    nxt = st.spans[idx + 1] if idx + 1 < len(st.spans) else None
    return (st.words[sp.last].low.endswith(_ABLATIVE_ENDINGS)
            and nxt is not None and nxt.kind == "TERM" and nxt.first - sp.last <= 2)


def _term_of_reference(sp: Span, memory: Discourse, index: int) -> Span | None:
    """"дәл сондай мерзімге": the term of the sentencing told just before, if there is one."""
    last = memory.last_sentencing
    if last is None or index - last.evidence.sentence_index > 2:  # type: ignore[attr-defined]
        return None
    from dataclasses import replace

    return replace(sp, value=str(last.get("term")[0]))  # type: ignore[attr-defined]


def _continues_header(pattern: Pattern, st: AnnotatedSentence, memory: Discourse,
                      cues: Sequence[str] | None = None) -> bool:
    """A list item ("- Қалас Нұрпейісов – 8 жыл;") under a header that announces this kind."""
    header = memory.header
    if header is None or not (st.bullet or header.index == st.index - 1):
        return False
    return _any_phrase(header.lows(), 0, len(header.words), pattern.header_cues if cues is None else cues)


def _enumeration_start(pattern: Pattern, st: AnnotatedSentence, memory: Discourse) -> int | None:
    """Where a sentence that only enumerates the names of an open event starts them: a list
    item under a header with a cue (0), or the colon or dash after a short header that has a cue
    or is an enumeration head ("Жаңадан қосылғандар: A; B; C", "Бұлар — A, B және C")."""
    if not pattern.enumeration_cues:
        return None
    if _continues_header(pattern, st, memory, pattern.enumeration_cues):
        header = memory.header
        # "Тізімнен алынып тасталғандар:": a header the pattern's guards cancel announces no names of it
        return None if header is None or guarded(pattern, header, Anchor(0, 0, -1, -1, None)) else 0
    lows = st.lows()
    k = next((k for k, w in enumerate(lows[:_HEADER_WORDS + 1]) if w in _ENUMERATION_MARKS), -1)
    if k <= 0 or any(sp.first < k for sp in st.spans if sp.kind == "PERSON") \
            or any(_finite_word(w) for w in st.words[:k]):
        return None
    if not (_any_phrase(lows, 0, k, pattern.enumeration_cues) or " ".join(lows[:k]) in vocabulary().enumeration_heads):
        return None
    return k if any(sp.kind == "PERSON" and sp.first > k for sp in st.spans) else None


# -------------------------------------------------------------------- guards


def negated(lows: Sequence[str], i: int, stem: str = "") -> bool:
    """Whether the verb at ``i`` is negated: "соттамады", "шықпады", "өткізілмей", "... жоқ"."""
    rest = lows[i].removeprefix(stem)
    if _NEGATED_END.search(rest) and len(lows[i]) > 4:
        return True
    return any(w in _NEGATION_WORDS for w in lows[i + 1 : i + 3])


def _guard_scope(guard: Guard, st: AnnotatedSentence, anchor: Anchor) -> tuple[int, int]:
    n = len(st.words)
    right = max(anchor.last, anchor.governor)
    if guard.scope == "after":
        end = right + 1
        clause = st.clauses[right] if right < n else 0
        while end < n and end <= right + guard.window and st.clauses[end] == clause:
            end += 1
        return anchor.last + 1, end
    if guard.scope == "next":
        return anchor.last + 1, anchor.last + 1 + guard.window
    if guard.scope in ("before", "previous"):
        return anchor.first - guard.window, anchor.first
    if guard.scope == "clause":
        clause = st.clauses[anchor.first]
        idx = [i for i, c in enumerate(st.clauses) if c == clause]
        return idx[0], idx[-1] + 1
    return 0, n


def guarded(pattern: Pattern, st: AnnotatedSentence, anchor: Anchor) -> str | None:
    """The name of the first guard that cancels an anchor, or None."""
    lows = st.lows()
    for guard in pattern.guards:
        if guard.negated_governor:
            stem = anchor.trigger.stem if anchor.trigger else ""
            if anchor.governor >= 0 and negated(lows, anchor.governor, stem):
                return guard.name
            after = range(anchor.last + 1, min(len(lows), anchor.last + 3))
            if pattern.anchor == "trigger" and not anchor.enumeration and any(negated(lows, k) for k in after):
                return guard.name
            continue
        a, b = _guard_scope(guard, st, anchor)
        if not _any_phrase(lows, a, b, guard.stems):
            continue
        if guard.unless and _any_phrase(lows, 0, len(lows), guard.unless):
            continue
        return guard.name
    if st.question and pattern.options.get("questions", False) is False:
        return "question"
    return None


# --------------------------------------------------------------------- slots


def _passive(lows: Sequence[str], anchor: Anchor) -> bool:
    """Whether the event's verb is passive: the governor, or a verb just after a trigger noun."""
    if anchor.governor < 0 or anchor.trigger is None:
        return False
    gov = lows[anchor.governor]
    if anchor.span >= 0:  # a term's governing verb: "сотта-л-ды", "кес-іл-ді"
        return gov[len(anchor.trigger.stem):].startswith(_PASSIVE) and len(gov) > len(anchor.trigger.stem)
    nxt = lows[anchor.governor + 1 : anchor.governor + 3]
    # "саяси тұтқын ретінде танылды", "тізімге енгізілді": the verb right after the trigger noun
    return bool(nxt) and (passive(nxt[0]) or (nxt[0] in _AS_WORDS and len(nxt) > 1 and passive(nxt[1])))


def _participle_head(st: AnnotatedSentence, anchor: Anchor, sp: Span) -> bool:
    """``sp`` is the noun a participle describes: "14 жылға сотталған … Мұхтар Жәкішев",
    "Еңсебекті қолдап жеке пикетке шыққан журналист Руслан Бикетов"."""
    g = anchor.governor
    if g < 0:
        return False
    verbs = [k for k in range(g, min(g + 3, len(st.words))) if st.words[k].low.endswith(_PARTICIPLE)]
    if not verbs or not (verbs[0] < sp.first <= verbs[0] + 10):
        return False
    return all(st.clauses[k] == st.clauses[verbs[0]] for k in range(verbs[0], sp.first + 1))


_FINITE_ENDINGS = ("ды", "ді", "ты", "ті", "йды", "йді", "ады", "еді", "мыз", "міз")


def _finite_word(w: object) -> bool:
    low = w.low  # type: ignore[attr-defined]
    return low.endswith(_FINITE_ENDINGS) and len(low) > 4 and w.text[:1].islower()  # type: ignore[attr-defined]


def _in_quote(st: AnnotatedSentence, sp: Span) -> bool:
    """Whether a span stands inside a quotation that goes beyond it (not a quoted name: «Тірек»)."""
    words = st.words
    before = words[sp.first - 1] if sp.first > 0 else None
    after = words[sp.last + 1] if sp.last + 1 < len(words) else None
    opened_before = before is not None and before.quoted and before.text not in _QUOTE_MARKS
    goes_on = after is not None and after.quoted and after.text not in _QUOTE_MARKS
    return opened_before or (words[sp.first].quoted and goes_on)


def _modifier(st: AnnotatedSentence, idx: int) -> bool:
    """A nominative span that only modifies the noun after it: "ЖСДП «Азат» саяси кеңесінің
    мүшесі", "ЖСДП жетекшілері", "ұлы ақын ескерткішінің"."""
    sp = st.spans[idx]
    if sp.case not in ("nom", "poss") or sp.last + 1 >= len(st.words) or sp.kind == "PERSON":
        return False  # a name owns a noun in the genitive, not bare
    nxt = st.spans[idx + 1] if idx + 1 < len(st.spans) else None
    if nxt is not None and sp.last < nxt.first <= sp.last + 1 + (st.words[sp.last + 1].text in _QUOTE_MARKS) \
            and nxt.case == "gen" and nxt.kind not in ("DATE", "TERM"):
        return True
    word = st.words[sp.last + 1]
    return word.low[:1].isalpha() and word.text[:1].islower() and possessed(word.text)


def _features(pattern: Pattern, slot: Slot, st: AnnotatedSentence, anchor: Anchor, idx: int,
              anchors_between: bool, nearest: bool) -> dict[str, float]:
    sp = st.spans[idx]
    lows = st.lows()
    f: dict[str, float] = {"bias": 1.0, f"case={sp.case}": 1.0, f"kind={sp.kind}": 1.0}
    before = sp.last < anchor.first
    f["before" if before else "after"] = 1.0
    head = not before and _participle_head(st, anchor, sp)
    if head:
        f["after_participle"] = 1.0  # the participle describes this name, whatever its case
    elif _passive(lows, anchor):
        f[f"passive&case={sp.case}"] = 1.0
    if st.clauses[sp.first] == st.clauses[anchor.first]:
        f["same_clause"] = 1.0
    f["distance"] = float(anchor.first - sp.last if before else sp.first - anchor.last)
    if nearest:
        f["nearest"] = 1.0
    if anchors_between:
        f["anchor_between"] = 1.0
    if sp.official and sp.key is not None or sp.official and sp.kind == "ROLE" and sp.count == 1:
        f["official"] = 1.0
    if sp.kind == "PRON":
        f["pronoun"] = 1.0
    elif sp.kind == "ROLE":
        f["role_noun"] = 1.0
    elif sp.kind == "COURTREF":
        f["court_ref"] = 1.0
    if sp.kind in ("PRON", "ROLE", "COURTREF", "SUPPORTERS"):
        f["discourse"] = 1.0
    if _in_quote(st, sp):
        f["quoted"] = 1.0
    if idx in (st.speaker, st.speaker_org):
        f["speaker"] = 1.0
    if sp.group >= 0:
        f["coordinated"] = 1.0
    if _modifier(st, idx):
        f["np_modifier"] = 1.0
    if sp.last + 1 < len(st.words) and st.words[sp.last + 1].low.startswith(_LIST_NOUNS):
        f["owns_list"] = 1.0  # "Жексебаев плакатындағы тізімде": whose list it is
    if sp.last + 1 < len(st.words) and st.words[sp.last + 1].low.endswith(_RELATIVE_ENDINGS):
        f["relative_subject"] = 1.0  # "Айнұр Бекқожина басқаратын қор": the subject of a relative clause
    if sp.kind == "GROUP" and lower(sp.value) in vocabulary().generic_groups:
        f["generic_group"] = 1.0
    if sp.kind == "GROUP" and lower(sp.value).endswith("тұтқындар"):
        f["status_group"] = 1.0  # "саяси тұтқындардың тізімі": the listed kind, never who listed
    if before and anchor.trigger is not None and anchor.first - sp.last <= _COPULA_REACH \
            and st.words[sp.last + 1].text in _DASHES:
        f["copula_subject"] = 1.0  # "Ерлан Балтабай — ар-ождан тұтқыны": what the predicate says it is
    if anchor.enumeration and not before:
        f["enumerated"] = 1.0  # "Бұлар — кәсіпкер A, студент B және ... C": the names of the event before
    if any(st.words[k].text == ":" for k in range(anchor.last + 1, sp.first)):
        f["after_colon"] = 1.0  # "пикет өтті: ... Гүлжан Ерғалиева ... гүл шоғын қойды"
    if before and _chain_end(st, sp, anchor.first) == anchor.first and sp.group >= 0:
        f["chained_to_anchor"] = 1.0  # "A, B және тағы 30-ға жуық саяси тұтқынмен бірге": one of them
    if slot.cues and cue_word(st, sp, slot.cues) >= 0:
        f["cue"] = 1.0  # "X-ті қолдап", "A мен B туралы", "A пен B-ні және ... тұтқындарды босатуды"
    if slot.cues:
        rest = [w for w in st.words[sp.last + 1 :] if w.low[:1].isalpha()]
        free = all(not _finite_word(w) for w in rest[:-1] if not w.quoted)
        if rest and free and _starts(rest[-1].low, slot.cues) and sp.case in ("nom", "poss"):
            f["predicate_cue"] = 1.0  # "Тізімде A, ... B және ... аты-жөні бар": the sentence says they are on it
    return f


def candidates(pattern: Pattern, slot: Slot, ctx: _Context, taken: set[Key]) -> list[Candidate]:
    """Every candidate filler of ``slot`` in the sentence (and the memory's fallback)."""
    st, anchor, memory = ctx.st, ctx.anchor, ctx.memory
    pool = [i for i, sp in enumerate(st.spans) if sp.kind in slot.kinds and i != anchor.span
            and (sp.last < anchor.first or sp.first > anchor.last)]
    other = [sp for i, sp in enumerate(st.spans) if i != anchor.span and pattern.anchor == "TERM" and sp.kind == "TERM"]
    owners = {st.spans[c.span].possessor: name for name, cs in ctx.chosen.items() for c in cs if c.span >= 0}
    subject = memory.subject_of(st)
    out: list[Candidate] = []
    left = [i for i in pool if st.spans[i].last < anchor.first]
    right = [i for i in pool if st.spans[i].first > anchor.last]
    near = {left[-1] if left else -1, right[0] if right else -1}
    for i in pool:
        sp = st.spans[i]
        if sp.kind == "DATE" and not _ISO_DATE.match(sp.value):
            continue  # "Өткен айда", "жұма күні": no date a graph can hold
        keys = tuple(k for k in ctx.resolved.get(i, ()) if k not in taken) if not slot.literal else ()
        if not slot.literal and not keys and ctx.resolved.get(i):
            continue  # it names someone another slot of this event took
        if slot.prefer == "prisoner" and sp.kind in ("ROLE", "PRON"):
            keys = memory.prefer_prisoner(st.index, sp, keys, taken)
        lo, hi = (sp.last, anchor.first) if sp.last < anchor.first else (anchor.last, sp.first)
        between = any(lo < o.first and o.last < hi for o in other)
        feats = _features(pattern, slot, st, anchor, i, between, i in near)
        if any(_participle_head(st, a, sp) for a in ctx.siblings if a is not anchor):
            feats["other_anchor_head"] = 1.0  # "18 жылға сотталған Арон Атабек, 14 жылға сотталған ..."
        if not keys and not slot.literal:
            feats["unresolved"] = 1.0
        if i in owners:
            feats[f"owns_{owners[i]}"] = 1.0
        if i == subject:
            feats["subject"] = 1.0
        out.append(Candidate(i, keys, feats, sp.value))
    if any("after_participle" in c.features for c in out):
        for c in out:
            if "after_participle" not in c.features:
                c.features["participle_has_head"] = 1.0  # "Олар ... 5 жылға сотталған Ерлан Беков пен ..."
    _mark_respective(st, anchor, out)
    blocked = any(c.features.get("nearest") and "unresolved" in c.features for c in out)
    keys = () if blocked else _fallback(slot, ctx, taken)
    if keys:
        out.append(Candidate(-1, keys, {"bias": 1.0, "fallback": 1.0, "discourse": 1.0}))
    return out


def _mark_respective(st: AnnotatedSentence, anchor: Anchor, cands: Sequence[Candidate]) -> None:
    """"A мен B-ны ... тиісінше 5 жылға және 3 жылға соттады": the n-th of a coordination of as
    many names as the terms after "тиісінше" goes with the n-th term (features on ``cands``)."""
    if anchor.span < 0 or st.spans[anchor.span].kind != "TERM":
        return
    lows = st.lows()
    k = next((j for j in range(anchor.first - 1, -1, -1) if lows[j] == _RESPECTIVELY), -1)
    if k < 0:
        return
    terms = [j for j, sp in enumerate(st.spans) if sp.kind == "TERM" and sp.first > k]
    if len(terms) < 2 or anchor.span not in terms:
        return
    for c in cands:
        group = st.spans[c.span].group if c.span >= 0 else -1
        members = [j for j, sp in enumerate(st.spans) if group >= 0 and sp.group == group]
        if len(members) == len(terms):
            same = members.index(c.span) == terms.index(anchor.span)
            c.features["respective" if same else "respective_other"] = 1.0


def _fallback(slot: Slot, ctx: _Context, taken: set[Key]) -> tuple[Key, ...]:
    """Who fills a slot the sentence leaves empty: the slot's ``fallback`` ways, in order; a
    sentence that continues an event also inherits that event's roles."""
    ways = slot.fallback + (("previous_event",) if ctx.pattern.options.get("continues") else ())
    for way in ways:
        keys = tuple(k for k in _fallback_keys(way, slot, ctx, taken) if k not in taken)
        if keys:
            return keys
    return ()


def _fallback_keys(way: str, slot: Slot, ctx: _Context, taken: set[Key]) -> tuple[Key, ...]:
    if way == "speaker":
        for idx in (ctx.st.speaker_org, ctx.st.speaker):
            if idx >= 0 and ctx.resolved.get(idx):
                return ctx.resolved[idx]
        return ()
    if way == "kin_in_custody":
        # "Есеновтің жұбайы Жадыра Есенова ... аштық ұстап отыр": her relative in custody.
        protesters = [k for c in ctx.chosen.get("protester", ()) for k in c.keys]
        return tuple(k for p in protesters for k in ctx.memory.kin.get(p, ()) if k in ctx.memory.prisoners)[-1:]
    if way == "salient_person":
        # "- ... қатысқаным үшін он күнге қамады": in the 1st person the one meant is the speaker
        return () if ctx.st.first_person else ctx.memory.salient_person(ctx.st.index, taken)
    if way == "possessor":
        owned = [ctx.resolved.get(ctx.st.spans[c.span].possessor, ())
                 for cs in ctx.chosen.values() for c in cs if c.span >= 0 and ctx.st.spans[c.span].possessor >= 0]
        return tuple(k for keys in owned for k in keys if k[0] == "Person")
    if way == "statement":  # "Бюро мәлімдеме таратты. Онда ... саяси тұтқын деп танылды"
        return ctx.memory.recent_statement(ctx.st.index)
    if way == "reporter":  # "... саяси тұтқын деп танылды. Бұл туралы Бюро хабарлады"
        return ctx.memory.reporter(ctx.st.index)
    if way == "previous_event":
        kind = str(ctx.pattern.options.get("continues", ctx.pattern.kind))
        before = ctx.memory.open_event(kind, ctx.st.index, _reach(ctx.pattern))
        return tuple(before.get(slot.name, ())) if before is not None else ()
    return ()


_CHAIN_WORDS = frozenset(("басқа", "да", "де", "та", "те", "барлық", "бүкіл", "өзге", ","))


def _chain_end(st: AnnotatedSentence, sp: Span, stop: int = -1) -> int:
    """The first word after the names and crowds a conjunction chains to ``sp``
    ("Жәкішев пен Біләшті және басқа да барлық саяси тұтқындарды | босатуды")."""
    voc = vocabulary()
    covered = {k for o in st.spans if o.kind in _CHAIN_KINDS for k in range(o.first, o.last + 1)}
    k = sp.last + 1
    joined = False  # a name may be passed only after a conjunction joined it to the chain
    while k < len(st.words) and k - sp.last <= 10 and k != stop:
        low = st.words[k].low
        if low in voc.conjunctions or low in _CHAIN_WORDS or low in voc.quantifiers or low[:1].isdigit():
            joined = True
        elif not (k in covered and joined):
            break
        k += 1
    return k


def cue_word(st: AnnotatedSentence, sp: Span, cues: Sequence[str]) -> int:
    """The cue word a candidate leads to, past what is coordinated after it, or -1."""
    k = _chain_end(st, sp)
    for j in (k, k + 1):
        if j < len(st.words) and _starts(st.words[j].low, cues):
            return j
    return -1


_CHAIN_KINDS = frozenset(("PERSON", "GROUP", "ROLE", "PRON", "KIN"))


def _choose(slot: Slot, st: AnnotatedSentence, cands: Sequence[Candidate], scored: Sequence[float]
            ) -> list[Candidate]:
    if not cands:
        return []
    # The memory's guess fills a slot only when the sentence offers no one acceptable.
    inside = [k for k in range(len(cands)) if cands[k].span >= 0 and scored[k] > 0] if slot.fallback_last else []
    pool = inside or range(len(cands))
    best = max(pool, key=lambda k: (scored[k], -k))
    if scored[best] <= 0:
        return []
    chosen = [cands[best]]
    if slot.multi and cands[best].span >= 0 and st.spans[cands[best].span].group >= 0:
        group = st.spans[cands[best].span].group
        for c in cands:
            if c is not cands[best] and c.span >= 0 and st.spans[c.span].group == group and c.keys \
                    and not ({"anchor_between", "other_anchor_head", "respective_other"} & c.features.keys()):
                chosen.append(c)  # a member another anchor of the sentence has ("A – 4 жыл, B – 8 жыл") stays its
    if slot.multi and "enumerated" in cands[best].features:
        chosen += [c for k, c in enumerate(cands) if c not in chosen and c.keys and scored[k] > 0
                   and "enumerated" in c.features]  # every name of the enumeration
    if slot.multi and slot.cues and slot.weights.get("cue", 0.0) > 0 and cands[best].span >= 0:
        # Names and crowds that lead to the same cue word share the slot: "A пен B-ні және ... тұтқындарды босатуды"
        target = cue_word(st, st.spans[cands[best].span], slot.cues)
        for k, c in enumerate(cands):
            if target >= 0 and c not in chosen and c.span >= 0 and c.keys and scored[k] > -3 \
                    and cue_word(st, st.spans[c.span], slot.cues) == target:
                chosen.append(c)
    return chosen


def _event(pattern: Pattern, ctx: _Context, scorer: Scorer, observer: object) -> Fact | None:
    st, anchor = ctx.st, ctx.anchor
    roles: list[tuple[str, object]] = []
    introduced: list[Entity] = []
    taken: set[Key] = set()
    spans_used = [anchor.first, anchor.last] + ([anchor.governor] if anchor.governor >= 0 else [])
    only = anchor.trigger.only if anchor.trigger else ()
    for slot in pattern.slots:
        if only and slot.name not in only:
            cands = [c for c in candidates(pattern, slot, ctx, taken) if c.span < 0]
        else:
            cands = candidates(pattern, slot, ctx, taken)
        scored = [scorer.score(pattern.kind, slot, c.features) for c in cands]
        if observer is not None:
            observer.candidates(pattern, slot, st, anchor, cands)  # type: ignore[attr-defined]
        chosen = _choose(slot, st, cands, scored)
        ctx.chosen[slot.name] = chosen
        for c in chosen:
            if slot.literal:
                roles.append((slot.name, c.value))
            else:
                for key in c.keys:
                    roles.append((slot.name, key))
                    taken.add(key)
                if c.span >= 0 and st.spans[c.span].kind == "SUPPORTERS":
                    introduced += [_named_group(key, st.spans[c.span]) for key in c.keys]
            if c.span >= 0:
                spans_used += [st.spans[c.span].first, st.spans[c.span].last]
    filled = {slot.name: tuple(k for c in ctx.chosen[slot.name] for k in c.keys) for slot in pattern.slots
              if not slot.literal}
    continues = pattern.options.get("continues")
    if continues and not pattern.subkind:
        before = ctx.memory.open_event(str(continues), st.index, _reach(pattern)) or {}
        filled["subkind"] = before.get("subkind", ())
        roles += [("subkind", v) for v in filled["subkind"]]
    kind_roles = _kind_roles(pattern, st, anchor)
    filled.setdefault("subkind", tuple(v for r, v in kind_roles if r == "subkind"))
    ctx.memory.record(str(continues or pattern.kind), st.index, filled)
    if any(slot.required and not filled.get(slot.name) for slot in pattern.slots if not slot.literal):
        return None  # nobody, or only people the text leaves unnamed ("16 адамға")
    need = pattern.options.get("require_any")
    if need and not any(filled.get(str(n)) for n in need):  # type: ignore[union-attr]
        return None
    if anchor.value:
        roles.append(("term", anchor.value))
    if anchor.refers is not None:  # "Сол үкіммен ... дәл сондай мерзімге": that verdict's court and charge
        roles += [(r, v) for r in ("court", "charge", "date") if not any(n == r for n, _ in roles)
                  for v in anchor.refers.get(r)]
    roles += kind_roles
    first, last = min(spans_used), max(spans_used)
    for name in pattern.literals:
        value = LITERALS[name](st, first, last)
        if value:
            roles.append((name, value))
    return Fact(pattern.kind, tuple(sorted(set(roles), key=lambda r: (r[0], repr(r[1])))),
                _evidence(st, anchor, pattern.method), introduces=tuple(introduced))


def _one_per(pattern: Pattern, fact: Fact) -> list[Fact]:
    """One event per value of the pattern's ``one_per`` slot: each defendant has a sentence of his own."""
    role = pattern.options.get("one_per")
    values = fact.get(str(role)) if role else []
    if len(values) < 2:
        return [fact]
    from dataclasses import replace

    rest = tuple(rv for rv in fact.roles if rv[0] != role)
    return [replace(fact, roles=tuple(sorted(rest + ((str(role), v),), key=lambda r: (r[0], repr(r[1])))))
            for v in values]


def _named_group(key: Key, sp: Span) -> Entity:
    """The group a "X-тің жақтастары" span names; the words as written are its other label."""
    surface = " ".join(sp.text.translate(_NO_QUOTES).split())
    return Entity(key[0], key[1], (surface,) if surface != key[1] else ())


def _kind_roles(pattern: Pattern, st: AnnotatedSentence, anchor: Anchor) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    if pattern.penalty:
        out.append(("penalty", _penalty(pattern, st, anchor)))
    subkind = (anchor.trigger.subkind if anchor.trigger else None) or pattern.subkind
    if subkind:
        out.append(("subkind", subkind))
    types = anchor.trigger.rdf_types if anchor.trigger else ()
    for t in types:
        out.append(("type", t))
    return out


def _penalty(pattern: Pattern, st: AnnotatedSentence, anchor: Anchor) -> str:
    """The penalty kind by the words between the term and its governor (first match of the
    pattern's list wins). Where other terms stand between ("A 7 жылға, B 2 жылға шартты түрде,
    C 4 жылға сотталған"), the term's own words come first, then those after the last term."""
    lows = st.lows()
    hi = anchor.governor if anchor.governor > anchor.last else anchor.last + 6
    lo = min(anchor.first, anchor.governor if anchor.governor >= 0 else anchor.first) - 2
    later = [t for t in st.spans if t.kind == "TERM" and anchor.last < t.first <= hi]
    # (the name of the next term is no part of this one's words: stop two words before it)
    parts = [(lo, later[0].first - 2), (later[-1].last + 1, hi + 1)] if later else [(lo, hi + 1)]
    for a, b in parts:
        for name, stems, unless in pattern.penalties:
            if _any_phrase(lows, a, b, stems) and not (unless and _any_phrase(lows, lo, hi + 3, unless)):
                return name
    return str(pattern.penalty)


def _evidence(st: AnnotatedSentence, anchor: Anchor, method: str) -> Evidence:
    s = st.sentence
    return Evidence(s.doc_id, s.index, s.start, s.end, s.text, s.start, method)
