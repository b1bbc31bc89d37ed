"""Event patterns as data: one TOML file per fact kind under ``patterns/``.

A pattern names the event class it writes, what anchors an event (a TERM span or
a trigger word), the words that must govern the anchor, the guards that cancel
it (a request, a maximum, an intention, a negated verb …), the role slots with
the span kinds they accept and the feature weights that rank their candidates,
the truthy edges the event implies and worked examples that the tests run. The
engine (:mod:`graph.events.engine`) applies every pattern the same way; adding a
kind is adding a file here (and its terms to the ontology).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.errors import KazkgError

__all__ = ["PATTERN_DIR", "Edge", "Guard", "Pattern", "Slot", "Trigger", "load_patterns"]

PATTERN_DIR = Path(__file__).resolve().parent / "patterns"
_ANCHORS = ("TERM", "trigger")
# Where a slot the sentence leaves empty may look (graph.events.engine._fallback_keys).
_FALLBACKS = frozenset(("speaker", "kin_in_custody", "salient_person", "possessor", "previous_event", "statement",
                        "reporter"))
_SCOPES = ("after", "before", "next", "previous", "sentence", "clause")
_SPAN_KINDS = frozenset(
    ("PERSON", "ORG", "COURT", "GROUP", "PLACE", "DATE", "TERM", "PRON", "ROLE", "SUPPORTERS", "COURTREF",
     "ORGREF", "STATEMENT", "WE", "KIN")
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that anchors or governs an event: ``stem`` is a lower-case word start.

    ``needs``: one of these word starts must stand within ``reach`` words before
    (or after, ``needs_after``) it. ``phrase``: further word starts that must
    follow it immediately ("аштық" + "жариял"). ``subkind`` and ``rdf_types``
    refine the event it makes; ``only`` names the slots it may fill (a letter of a
    protest names those it stands for, never who protested); ``before_name``: a
    name must follow it at once ("саяси тұтқындар Мақсат Ахметов пен ...").
    """

    stem: str
    needs: tuple[str, ...] = ()
    needs_after: tuple[str, ...] = ()
    reach: int = 4
    phrase: tuple[str, ...] = ()
    subkind: str | None = None
    rdf_types: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    before_name: bool = False


@dataclass(frozen=True, slots=True)
class Guard:
    """Words that cancel an event where they stand relative to the anchor.

    ``scope``: ``after``/``before`` (within ``window`` words of the anchor and its
    governor), ``next``/``previous`` (the words right after or before the anchor),
    ``clause`` or ``sentence``. ``unless``: words that lift the guard.
    ``negated_governor``: the governing verb itself is negated. Stems are word
    starts; one ending in ``$`` is a whole word ("бері$": "since", not "берілді").
    """

    name: str
    stems: tuple[str, ...] = ()
    scope: str = "after"
    window: int = 6
    unless: tuple[str, ...] = ()
    negated_governor: bool = False


@dataclass(frozen=True, slots=True)
class Slot:
    """A role of the event: which span kinds may fill it and how candidates are ranked."""

    name: str
    kinds: tuple[str, ...]
    required: bool = False
    multi: bool = False
    literal: bool = False
    fallback: tuple[str, ...] = ()
    prefer: str | None = None
    fallback_last: bool = True
    cues: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Edge:
    property: str
    subject: str
    object: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """One fact kind (see the module docstring); ``name`` is the file stem.

    ``enumeration_cues`` (``[enumeration] cues`` in the file) let a pattern that
    continues an open event take a sentence that only enumerates names: a list
    item or the line after a header whose words include a cue ("Тізімге жаңадан
    енгізілгендер:"), or a line opening with a short header and a colon or dash
    ("Жаңадан қосылғандар: A; B; C", "Бұлар — A, B және C").
    """

    name: str
    kind: str
    label: str
    rdf_types: tuple[str, ...]
    anchor: str
    priority: int
    method: str
    penalty: str | None
    subkind: str | None
    units: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    governors: tuple[Trigger, ...]
    govern_after: int
    govern_before: int
    header_cues: tuple[str, ...]
    penalties: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    guards: tuple[Guard, ...]
    slots: tuple[Slot, ...]
    literals: tuple[str, ...]
    edges: tuple[Edge, ...]
    examples: tuple[dict, ...]
    options: dict[str, object] = field(default_factory=dict)
    enumeration_cues: tuple[str, ...] = ()
    trigger_stems: tuple[str, ...] = ()  # every trigger's stem: one str.startswith rejects most words
    governor_stems: tuple[str, ...] = ()

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)


def _tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[union-attr]


def _trigger(data: dict, where: str) -> Trigger:
    if "stem" not in data:
        raise KazkgError(f"{where}: a trigger needs a 'stem'")
    return Trigger(
        stem=str(data["stem"]).lower(),
        needs=_tuple(data.get("needs")),
        needs_after=_tuple(data.get("needs_after")),
        reach=int(data.get("reach", 4)),
        phrase=_tuple(data.get("phrase")),
        subkind=data.get("subkind"),
        rdf_types=_tuple(data.get("rdf_types")),
        exclude=_tuple(data.get("exclude")),
        only=_tuple(data.get("only")),
        before_name=bool(data.get("before_name", False)),
    )


def _slot(data: dict, where: str) -> Slot:
    kinds = _tuple(data.get("kinds"))
    unknown = set(kinds) - _SPAN_KINDS
    if not kinds or unknown:
        raise KazkgError(f"{where}: slot {data.get('name')!r} has unknown span kinds {sorted(unknown) or '(none)'}")
    fallback = tuple(f for f in _tuple(data.get("fallback")) if f != "none")
    if set(fallback) - _FALLBACKS:
        raise KazkgError(f"{where}: slot {data.get('name')!r} has unknown fallbacks {sorted(set(fallback) - _FALLBACKS)}")
    return Slot(
        name=str(data["name"]),
        kinds=kinds,
        required=bool(data.get("required", False)),
        multi=bool(data.get("multi", False)),
        literal=bool(data.get("literal", False)),
        fallback=fallback,
        prefer=data.get("prefer"),
        fallback_last=bool(data.get("fallback_last", True)),
        cues=_tuple(data.get("cues")),
        weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
    )


def _guard(data: dict, where: str) -> Guard:
    scope = str(data.get("scope", "after"))
    if scope not in _SCOPES:
        raise KazkgError(f"{where}: guard {data.get('name')!r} has unknown scope {scope!r}")
    return Guard(
        name=str(data["name"]),
        stems=_tuple(data.get("stems")),
        scope=scope,
        window=int(data.get("window", 6)),
        unless=_tuple(data.get("unless")),
        negated_governor=bool(data.get("negated_governor", False)),
    )


_KEYS = frozenset(("kind", "label", "rdf_types", "anchor", "priority", "method", "penalty", "subkind", "units",
                   "triggers", "governor", "penalties", "guards", "slots", "slot_overrides", "literals", "edges",
                   "examples", "options", "enumeration"))
_OPTIONS = frozenset(("one_per", "completes", "reach", "roles", "continues", "require_any", "skip_quoted",
                      "questions"))


def parse_pattern(name: str, data: dict) -> Pattern:
    """A :class:`Pattern` from the parsed TOML of one file (validated)."""
    where = f"pattern {name}"
    unknown = (set(data) - _KEYS) | {f"options.{k}" for k in set(data.get("options", {})) - _OPTIONS}
    if unknown:
        raise KazkgError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    anchor = str(data.get("anchor", "trigger"))
    if anchor not in _ANCHORS:
        raise KazkgError(f"{where}: anchor must be one of {', '.join(_ANCHORS)}")
    gov = data.get("governor", {})
    overrides = data.get("slot_overrides", {})
    unknown = set(overrides) - {s.get("name") for s in data.get("slots", [])}
    if unknown:
        raise KazkgError(f"{where}: slot_overrides names unknown slots {sorted(unknown)}")
    slots = tuple(_slot({**s, **overrides.get(s.get("name"), {})}, where) for s in data.get("slots", []))
    names = {s.name for s in slots}
    edges = tuple(Edge(e["property"], e["subject"], e["object"]) for e in data.get("edges", []))
    for e in edges:
        if e.subject not in names or e.object not in names:
            raise KazkgError(f"{where}: edge {e.property} joins unknown slots")
    triggers = tuple(_trigger(t, where) for t in data.get("triggers", []))
    governors = tuple(_trigger(t, where) for t in gov.get("words", []))
    if anchor == "trigger" and not triggers:
        raise KazkgError(f"{where}: a trigger-anchored pattern needs [[triggers]]")
    return Pattern(
        name=name,
        kind=str(data["kind"]),
        label=str(data.get("label", data["kind"])),
        rdf_types=_tuple(data.get("rdf_types", [data["kind"]])),
        anchor=anchor,
        priority=int(data.get("priority", 0)),
        method=str(data.get("method", "patterns/v1")),
        penalty=data.get("penalty"),
        subkind=data.get("subkind"),
        units=_tuple(data.get("units")),
        triggers=triggers,
        trigger_stems=tuple(sorted({t.stem for t in triggers})),
        governors=governors,
        governor_stems=tuple(sorted({t.stem for t in governors})),
        govern_after=int(gov.get("after", 10)),
        govern_before=int(gov.get("before", 4)),
        header_cues=_tuple(gov.get("header_cues")),
        penalties=tuple(
            (str(p["penalty"]), _tuple(p.get("stems")), _tuple(p.get("unless"))) for p in data.get("penalties", [])
        ),
        guards=tuple(_guard(g, where) for g in data.get("guards", [])),
        slots=slots,
        literals=_tuple(data.get("literals", {}).get("extract")),
        edges=edges,
        examples=tuple(data.get("examples", [])),
        options=dict(data.get("options", {})),
        enumeration_cues=_tuple(data.get("enumeration", {}).get("cues")),
    )


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise KazkgError(f"{path}: not a readable pattern file ({err})") from None


@lru_cache(maxsize=4)
def load_patterns(folder: Path = PATTERN_DIR) -> tuple[Pattern, ...]:
    """Every pattern of ``folder``, highest priority first (then by name).

    Files whose name starts with ``_`` are shared parts: a pattern takes one with
    ``extends = "_name"`` (its own keys win; lists of tables are not merged, but
    ``[slot_overrides.NAME]`` changes fields of one inherited slot).

    Raises:
        KazkgError: A file is not valid TOML or not a valid pattern.
    """
    out = []
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        data = _read(path)
        base_name = data.pop("extends", None)
        if base_name:
            base = folder / f"{base_name}.toml"
            if not base.is_file():
                raise KazkgError(f"{path}: extends {base_name!r}, which is not in {folder}")
            data = {**_read(base), **data}
        out.append(parse_pattern(path.stem, data))
    return tuple(sorted(out, key=lambda p: (-p.priority, p.name)))
