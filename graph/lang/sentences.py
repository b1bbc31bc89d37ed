"""Sentence splitter for Kazakh news text.

Rules (checked on the sample articles, where they find every boundary and
make no false split):

* a newline always ends a sentence (news lines often have no final period);
* ``.``, ``?``, ``!`` and ``…`` end a sentence only outside matched quotes
  («…», “…”, „…“, "…"), and only when followed by whitespace and a character
  that can start a sentence (not a lower-case letter);
* a period after an initial (``А. Жексебаев``) or a known abbreviation
  (``т.б.``, ``ж.``, ``б.з.д.``) does not end a sentence;
* a quote that closes right after a terminator (``…болды.» Келесі``) ends
  the sentence after the quote;
* blank lines produce no sentence.

Quotes that never close on their line protect nothing, so one stray quote
cannot glue a whole paragraph into a single sentence.
"""

from __future__ import annotations

import re

from graph.lang.tokens import tokenize
from graph.model import Document, Sentence

__all__ = ["ABBREVIATIONS", "split_sentences", "split_spans"]

# Lower-cased abbreviations (without the final period) after which a period
# does not end a sentence. Single letters are handled separately (initials).
ABBREVIATIONS = frozenset(
    (
        "т.б",
        "т.с.с",
        "т.с",
        "б.з.д",
        "б.з.б",
        "б.з",
        "жж",
        "ж",
        "ғ",
        "ғғ",
        "млн",
        "млрд",
        "мың",
        "трлн",
        "тг",
        "тең",
        "км",
        "см",
        "мм",
        "га",
        "кг",
        "проф",
        "акад",
        "доц",
        "т.ғ.к",
        "т.ғ.д",
        "ф.ғ.к",
        "ф.ғ.д",
        "з.ғ.к",
        "з.ғ.д",
        "э.ғ.к",
        "э.ғ.д",
        "п.ғ.к",
        "п.ғ.д",
        "көш",
        "даңғ",
        "обл",
        "ауд",
        "қ",
        "ш",
        "а",
        "с",
        "б",
        "т.е",
        "т.к",
        "им",
        "др",
        "пр",
        "ул",
        "г",
        "гг",
        "стр",
        "тел",
        "корр",
        "ред",
        "ақп",
        "мыс",
        "яғни",
        "сағ",
        "мин",
        "сек",
        "тәул",
        "қаз",
        "ағыл",
        "орыс",
        "нөм",
        "бап",
        "бт",
    )
)

_OPEN_TO_CLOSE = {"«": "»", "“": "”", "„": "“"}
_CLOSERS = frozenset("»”“")
_QUOTE_CHARS = frozenset('«»“”„"')
_TERMINATORS = frozenset(".?!…")
_CLOSING_QUOTES = frozenset('»”“"')
_LINE_RE = re.compile(r"[^\n]+")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_](?:[^\W\d_]|\.)*)$")
_INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_DASHES = "-–—"
# A list number at the start of a line ("1. Бірінші", "II. Тарау").
_LIST_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,5})$")


def _quote_spans(line: str) -> list[tuple[int, int]]:
    """Return (open, close) index pairs of matched quotes in one line.

    Args:
        line: One line of text.

    Returns:
        Pairs of indices of an opening and its matching closing quote.
    """
    stack: list[tuple[str, int]] = []  # (expected closer, open index)
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(line):
        if ch not in _QUOTE_CHARS:
            continue
        if ch == '"':
            # Straight quotes toggle: close the innermost open one if any.
            if stack and stack[-1][0] == '"':
                pairs.append((stack.pop()[1], i))
            else:
                stack.append(('"', i))
            continue
        if ch in _CLOSERS:
            # Pop to the nearest opener expecting this closer (tolerates a
            # stray unclosed quote inside).
            # Only the innermost few levels: real quotes nest 2-3 deep, and a
            # bounded scan keeps stray closers linear.
            for j in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                if stack[j][0] == ch:
                    pairs.append((stack[j][1], i))
                    del stack[j:]
                    break
            else:
                if ch == "“":
                    stack.append(("”", i))  # English opening quote
            continue
        stack.append((_OPEN_TO_CLOSE[ch], i))
    return pairs


def _protected_mask(line: str) -> list[bool] | None:
    """Mark characters inside matched quotes (None when the line has no quotes)."""
    pairs = _quote_spans(line)
    if not pairs:
        return None
    # Difference array: linear even for deeply nested or many quotes.
    delta = [0] * (len(line) + 1)
    for a, b in pairs:
        delta[a + 1] += 1
        delta[b] -= 1
    mask = [False] * len(line)
    depth = 0
    for k in range(len(line)):
        depth += delta[k]
        mask[k] = depth > 0
    return mask


def _dash_continues(line: str, k: int) -> bool:
    """Whether the dash at ``line[k]`` is followed by a lower-case word (- деді ол)."""
    k += 1
    while k < len(line) and line[k].isspace():
        k += 1
    return k < len(line) and line[k].islower()


def _is_abbreviation(line: str, dot: int) -> bool:
    """Whether the period at ``line[dot]`` closes an initial or abbreviation."""
    # A bounded window keeps this O(1) per period on very long lines.
    m = _WORD_BEFORE_RE.search(line, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if len(word) == 1 or _INITIALS_RE.match(word):
        return True  # initials: "А. Жексебаев", "Н.Ә. Назарбаев", one-letter abbreviations
    return word.lower() in ABBREVIATIONS


def _split_line(line: str, base: int, out: list[tuple[int, int]]) -> None:
    """Append sentence spans of one line (no newline inside) to ``out``."""
    n = len(line)
    mask = _protected_mask(line) if any(c in _QUOTE_CHARS for c in line) else None
    start = 0
    i = 0
    while i < n:
        ch = line[i]
        inside = mask is not None and mask[i]
        if ch in _TERMINATORS and not inside:
            # A run of terminators and closing brackets ends here.
            j = i + 1
            while j < n and (line[j] in _TERMINATORS or line[j] in ")]"):
                j += 1
        elif (
            ch in _CLOSING_QUOTES
            and i > 0
            and line[i - 1] in _TERMINATORS
            and mask is not None
            and mask[i - 1]
            and (i + 1 >= n or not mask[i + 1])
        ):
            # «…болды.» Келесі: the quote closes the outermost pair right
            # after a terminator, so the sentence ends after the quote.
            j = i + 1
        else:
            i += 1
            continue
        if j >= n:
            break
        if not line[j].isspace():
            i = j
            continue
        k = j
        while k < n and line[k].isspace():
            k += 1
        if k >= n:
            break
        nxt = line[k]
        if nxt.islower() or nxt in ",;:)»”":
            i = j
            continue
        if nxt in _DASHES and _dash_continues(line, k):
            i = j  # «Бармаймыз!» – деді ол: the speech verb belongs to the sentence
            continue
        if ch == "." and _LIST_NUMBER_RE.match(line[start:i]):
            i = j
            continue
        if ch == "." and j == i + 1 and _is_abbreviation(line, i):
            i = j
            continue
        _append(line, start, j, base, out)
        start = k
        i = k
    _append(line, start, n, base, out)


def _append(line: str, a: int, b: int, base: int, out: list[tuple[int, int]]) -> None:
    """Append ``line[a:b]`` stripped, as document offsets, if not blank."""
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((base + a, base + b))


def split_spans(text: str) -> list[tuple[int, int]]:
    """Find sentence spans in a text.

    Args:
        text: Document text.

    Returns:
        Half-open (start, end) offsets of each sentence, stripped of
        surrounding whitespace, in text order.
    """
    out: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        _split_line(m.group(), m.start(), out)
    return out


def split_sentences(doc: Document) -> list[Sentence]:
    """Split a document into sentences with tokens.

    Args:
        doc: The document.

    Returns:
        Sentences with 0-based ``index``, document offsets and tokens carrying
        document offsets; ``doc.text[s.start:s.end] == s.text``.
    """
    text = doc.text
    sentences = []
    for idx, (a, b) in enumerate(split_spans(text)):
        chunk = text[a:b]
        sentences.append(Sentence(doc.id, idx, a, b, chunk, tuple(tokenize(chunk, a))))
    return sentences
