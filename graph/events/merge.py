"""Events told over several sentences: a verdict completes the sentencing it belongs to.

A sentence often gives a term ("Козловқа жеті жыл ... жазасы кесілді") while its
neighbours give the court, the date or the charge ("Сот Козловты ... айыпты деп
тапты", "Үкім 2012 жылғы 4 маусымда жарияланды"). A pattern whose
``[options] completes`` names another kind lends the roles it lists to the events
of that kind nearby: the nearest one about the same person, else the nearest
with no person named, within ``reach`` sentences. A lending event that told
nothing more than it lent (its people all have their sentence) is not kept apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graph.events.patterns import Pattern
from graph.model import Fact

__all__ = ["complete_events", "join_told_again"]

_PEOPLE = ("defendant",)


def _people(fact: Fact) -> set[object]:
    return {v for role in _PEOPLE for v in fact.get(role)}


def _donor(target: Fact, donors: Sequence[Fact], reach: int, role: str) -> Fact | None:
    """The verdict nearest to ``target`` that gives ``role``: about the same person first."""
    people = _people(target)
    best, best_rank = None, None
    for d in donors:
        gap = target.evidence.sentence_index - d.evidence.sentence_index
        theirs = _people(d)
        if not d.get(role) or abs(gap) > reach or (theirs and not theirs & people):
            continue
        rank = (0 if theirs & people else 1, abs(gap), 0 if gap >= 0 else 1)
        if best_rank is None or rank < best_rank:
            best, best_rank = d, rank
    return best


def complete_events(facts: list[Fact], patterns: Sequence[Pattern]) -> list[Fact]:
    """Facts of one article after lending roles across sentences (see the module docstring)."""
    for pattern in patterns:
        kind = pattern.options.get("completes")
        if not kind:
            continue
        reach = int(pattern.options.get("reach", 3))  # type: ignore[arg-type]
        roles = tuple(pattern.options.get("roles", ()))  # type: ignore[arg-type]
        donors = [f for f in facts if f.kind == pattern.kind]
        if not donors:
            continue
        out: list[Fact] = []
        sentenced: set[object] = set()
        for fact in facts:
            if fact.kind == kind:
                for role in roles:
                    d = _donor(fact, donors, reach, role) if not fact.get(role) else None
                    if d is not None:
                        fact = _lend(fact, d, (role,))
                sentenced |= _people(fact)
            out.append(fact)
        facts = [f for f in out if f.kind != pattern.kind or (_people(f) and not _people(f) <= sentenced)]
    return facts


def _lend(target: Fact, donor: Fact, roles: Sequence[str]) -> Fact:
    added = [(r, v) for r in roles if not target.get(r) for v in donor.get(r)]
    if not added:
        return target
    merged = tuple(sorted(target.roles + tuple(added), key=lambda rv: (rv[0], repr(rv[1]))))
    support = target.support + ((donor.evidence,) if donor.evidence not in target.support else ())
    return replace(target, roles=merged, support=support)


_SINGLE = ("place", "date", "subkind", "penalty", "court", "demand")


def _joinable(first: Fact, later: Fact, reach: int) -> bool:
    """Whether ``later`` tells more of ``first`` (same kind and subkind, shared people, near)."""
    if later.kind != first.kind or later.evidence.sentence_index - first.evidence.sentence_index > reach:
        return False
    if first.get("subkind") and later.get("subkind") and first.get("subkind") != later.get("subkind"):
        return False
    shared = {v for role in _JOIN_ROLES.get(first.kind, ()) for v in first.get(role)}
    theirs = {v for role in _JOIN_ROLES.get(first.kind, ()) for v in later.get(role)}
    apart = _APART.get(first.kind)
    if apart and ({*first.get(apart[0]), *later.get(apart[0])} & {*first.get(apart[1]), *later.get(apart[1])}):
        return False  # "Әбенов аштық жариялады. Оны қолдап, досы да аштыққа қосылды": two hunger strikes
    agent = _AGENT.get(first.kind)
    aim = _AIM.get(first.kind)
    if aim and first.get(aim) and not later.get(aim) and first.get("subkind") == later.get("subkind"):
        return True  # "Шеруге қатысқан A мен B ...": who took part in the march told before
    return bool(shared & theirs) or (agent is not None and not later.get(agent))


_JOIN_ROLES = {"Protest": ("protester", "beneficiary"), "Listing": ("lister",)}
_APART = {"Protest": ("protester", "beneficiary"), "Listing": ("listed", "lister")}  # never one entity in both
_AGENT = {"Protest": "protester", "Listing": "lister"}
_AIM = {"Protest": "beneficiary"}  # a later protest naming no one it is for tells more of the one before


def join_told_again(facts: list[Fact], reach: dict[str, int]) -> list[Fact]:
    """One event for a protest or a list told over several sentences.

    A later fact of a kind in ``reach`` (protest, listing) that shares its people
    with the one before, or names no agent, adds its roles (and its sentence as
    evidence) to it; roles that hold one value keep the first one.
    """
    out: list[Fact] = []
    last: dict[str, int] = {}
    for fact in facts:
        k = last.get(fact.kind)
        if fact.kind in reach and k is not None and _joinable(out[k], fact, reach[fact.kind]):
            out[k] = _union(out[k], fact)
            continue
        if fact.kind in reach:
            last[fact.kind] = len(out)
        out.append(fact)
    return out


def _union(first: Fact, later: Fact) -> Fact:
    have = set(first.roles)
    single = {r for r, _ in first.roles if r in _SINGLE}
    added = tuple(rv for rv in later.roles if rv not in have and rv[0] not in single)
    roles = tuple(sorted(first.roles + added, key=lambda rv: (rv[0], repr(rv[1]))))
    support = first.support + tuple(e for e in (later.evidence, *later.support)
                                    if e != first.evidence and e not in first.support)
    entities = first.introduces + tuple(e for e in later.introduces if e not in first.introduces)
    return replace(first, roles=roles, support=support, introduces=entities)
