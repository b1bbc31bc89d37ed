"""Tokeniser for Kazakh Cyrillic news text.

One compiled regex does all the work, so tokenising is a single ``finditer``
pass. Hyphenated words stay whole (Нұр-Сұлтан, аты-жөні, БҰҰ-ның, 18-ге,
42-сессияның) because Kazakh attaches case endings to abbreviations and
numbers after a hyphen; splitting there would lose the stem/suffix link.
Quotes, brackets and other punctuation are separate tokens; a dash standing
alone (``- деді``) is its own token.
"""

from __future__ import annotations

import re

from graph.model import Token

__all__ = ["TOKEN_RE", "tokenize"]

# Letters and digits without "_" (``[^\W_]``); a word may contain an inner
# apostrophe between letters (О’Брайен) and any number of hyphen-joined parts.
_WORDCHAR = r"[^\W_]"
_PART = rf"{_WORDCHAR}+(?:[’']{_WORDCHAR}+)?"
# Hyphen, non-breaking hyphen (U+2011) and hyphen (U+2010) join word parts.
_JOIN = r"[-‐‑]"

TOKEN_RE = re.compile(
    "|".join(
        (
            # Decimal numbers and thousands groups: 1,5  1.5  12.10.2019  2009-да
            rf"\d+(?:[.,]\d+)+(?:{_JOIN}{_PART})*",
            # Words, numbers and hyphenated compounds (Нұр-Сұлтан, 18-ге, аты-жөні).
            rf"{_PART}(?:{_JOIN}{_PART})*",
            # Ellipsis written as dots, and runs of ?! (?!, !!!) as one token.
            r"\.{2,}|[?!]{2,}",
            # Anything else that is not whitespace: one punctuation mark.
            r"\S",
        )
    )
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into tokens with code-point offsets.

    Args:
        text: The text to tokenise (a sentence or a whole document).
        offset: Added to every token offset, so tokens of a sentence carry
            document offsets.

    Returns:
        Tokens in text order; ``text[t.start - offset:t.end - offset] == t.text``.
    """
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(text)]
