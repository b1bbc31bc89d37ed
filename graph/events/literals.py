"""Literal roles read off a sentence: the charge and the criminal-code article.

A pattern lists the extractors it wants (``[literals] extract = ["charge"]``);
each takes the annotated sentence and the word span of the event and returns
the role's value or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.annotate.document import AnnotatedSentence

__all__ = ["EXTRACTORS"]

# "деп" + a verb of finding guilty / charging introduces the charge before it.
_GUILT_VERBS = ("айыпта", "таны", "тап", "тауып", "кінәл", "айыпты")
_CHARGE_NOUNS = ("айып", "күдік", "бап")
_ARTICLE = re.compile(r"(\d{2,3}(?:-\d)?)(?:-бап|-баб|\s+бап|\s+баб)", re.IGNORECASE)
_QUOTE_OPEN = frozenset("«“„\"")
_QUOTE_CLOSE = frozenset("»”\"")


def _quoted_before(st: AnnotatedSentence, i: int) -> str | None:
    """The quotation that ends right before word ``i`` (``«…» деп``)."""
    words = st.words
    if i < 1 or words[i - 1].text not in _QUOTE_CLOSE:
        return None
    for j in range(i - 2, -1, -1):
        if words[j].text in _QUOTE_OPEN:
            a, b = words[j + 1].start, words[i - 2].end
            s = st.sentence
            return s.text[a - s.start : b - s.start] if b > a else None
    return None


def charge(st: AnnotatedSentence, first: int, last: int) -> str | None:
    """The charge of a conviction: «X» деп танып / «X» деген айыппен / X деп айыпты деп тапты.

    Args:
        st: The sentence.
        first, last: Word span of the event (its anchor and governor).

    Returns:
        The charge text as written, or None.
    """
    words = st.words
    for i, w in enumerate(words):
        nxt = words[i + 1].low if i + 1 < len(words) else ""
        if w.low == "деп" and nxt.startswith(_GUILT_VERBS) or w.low == "деген" and nxt.startswith(_CHARGE_NOUNS):
            quoted = _quoted_before(st, i)
            if quoted:
                return quoted
            if w.low == "деп":
                return _unquoted_charge(st, i)
    return None


def _unquoted_charge(st: AnnotatedSentence, deb: int) -> str | None:
    """Words between the last name before ``деп`` and ``деп`` ("Жовтисті ... бұзып ... деп тауып")."""
    names = [sp for sp in st.spans if sp.last < deb and sp.kind in ("PERSON", "PRON", "ROLE")]
    if not names:
        return None
    a = names[-1].last + 1
    if deb - a < 1 or deb - a > 14:
        return None
    s = st.sentence
    text = s.text[st.words[a].start - s.start : st.words[deb - 1].end - s.start]
    return text.strip(" ,") or None


def article(st: AnnotatedSentence, first: int, last: int) -> str | None:
    """The criminal-code article a conviction cites ("Қылмыстық кодекстің 241-1-бабы")."""
    m = _ARTICLE.search(st.sentence.text)
    return m.group(1) if m else None


# What a protest demands, by the verbal noun it names ("босатуды талап етті").
_DEMANDS = (("босат", "release"), ("бостандық", "release"), ("ақта", "exoneration"), ("тергеу", "investigation"),
            ("қайта қара", "review"))


def demand(st: AnnotatedSentence, first: int, last: int) -> str | None:
    """The demand of a protest: release, exoneration, an investigation or a review."""
    lows = [w.low for w in st.words]
    for stem, value in _DEMANDS:
        parts = stem.split()
        if any(all(i + k < len(lows) and lows[i + k].startswith(p) for k, p in enumerate(parts))
               for i in range(len(lows))):
            return value
    return None


EXTRACTORS: dict[str, Callable[[AnnotatedSentence, int, int], str | None]] = {
    "charge": charge,
    "article": article,
    "demand": demand,
}
