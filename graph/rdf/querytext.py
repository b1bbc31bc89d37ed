"""What a SPARQL query text holds, read token by token before any engine runs it.

Oxigraph has no parse-only call (and no switch to turn SERVICE off), and rdflib's parser
costs a third of a second to import, so ``kazkg query`` reads the text itself with the
terminals of the SPARQL 1.1 grammar (§19.8): comments end at LF *or CR*, strings,
IRIs, variables, prefixed names and blank-node labels are whole tokens, and what is
left are words (keywords, numbers, function names) and punctuation.

The SERVICE test errs on the side of refusing. Oxigraph's parser matches keywords
without looking at the next character, so ``SERVICESILENT<…>``, ``1SERVICE<…>`` and
``SERVICE:x`` (keyword + empty prefix) all call out: every word and every prefix that
*contains* "service" is refused. No valid query needs such a word, since SPARQL has no
keyword or function name with "service" in it. This check gives a clear message before
anything runs; the process that runs the query also cannot open network sockets
(:mod:`graph.rdf.sandbox`), in case a spelling gets past it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.errors import QueryError

SERVICE_REFUSED = "SERVICE is not allowed: kazkg query never calls other endpoints"

# The grammar's letter classes, as Python's \w-based classes (compiling the exact ranges
# costs 50 ms per command). They differ only in characters that no SPARQL token can start
# with, so a token read longer here than by a parser is a syntax error there, and one read
# shorter only makes the SERVICE test refuse more.
_BASE = r"^\W\d_"  # letters (used inside [...])
_CHARS = "\\w\\-\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[\\w:]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

_TOKEN = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in [
        ("space", r"[ \t\r\n]+"),
        ("comment", r"#[^\r\n]*"),
        ("string", (r'"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""' r"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"
                    r'|"(?:[^"\\\r\n]|\\.)*"' r"|'(?:[^'\\\r\n]|\\.)*'")),
        ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
        ("var", "[?$]\\w[\\w\u00b7\u0300-\u036f\u203f-\u2040]*"),
        ("bnode", f"_:\\w(?:[{_CHARS}.]*[{_CHARS}])?"),
        ("pname", f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
        ("word", "\\w+"),
        ("punct", r"[\s\S]"),
    ])
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # space, comment, string, iri, var, bnode, pname, word, punct
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order; unknown characters are one-character ``punct`` tokens."""
    for match in _TOKEN.finditer(text):
        yield Token(match.lastgroup or "punct", match.group(), match.start())


def code_tokens(text: str) -> list[Token]:
    """The tokens that are not spaces or comments."""
    return [t for t in tokens(text) if t.kind not in ("space", "comment")]


_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescaped(text: str) -> str:
    """The text with ``\\uXXXX`` escapes replaced, as the SPARQL spec (§19.2) does before parsing."""
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _UNICODE_ESCAPE.sub(char, text)


def _calls_out(token: Token) -> bool:
    low = token.text.lower()
    if token.kind == "word":
        return "service" in low
    if token.kind == "pname":
        prefix, _, local = low.partition(":")
        # A parser with a narrower idea of a local name would read ".service" as a new token.
        return "service" in prefix or any(f"{sep}service" in local for sep in ".:-\\%")
    if token.kind == "bnode":
        return any(f"{sep}service" in low for sep in ".-")
    return False


def mentions_service(text: str) -> bool:
    """True when the query may call SERVICE (see the module docstring for the rule)."""
    texts = {text, _unescaped(text)}
    return any(_calls_out(t) for candidate in texts for t in tokens(candidate))


def check_no_service(text: str) -> None:
    """Raise QueryError when the query may contain a SERVICE clause."""
    if mentions_service(text):
        raise QueryError(SERVICE_REFUSED)


def variables(text: str) -> list[str]:
    """Names of the variables the query mentions (``?x`` and ``$x`` alike), in order of first use."""
    return list(dict.fromkeys(t.text[1:] for t in tokens(text) if t.kind == "var"))


_UPDATE = {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}


def update_keyword(text: str) -> str | None:
    """The update keyword a text starts with after its prologue (``PREFIX``/``BASE`` lines), if any."""
    code = code_tokens(text)
    i = 0
    while i < len(code) and code[i].kind == "word" and code[i].text.lower() in ("prefix", "base"):
        i += 3 if code[i].text.lower() == "prefix" else 2
    if i < len(code) and code[i].kind == "word" and code[i].text.lower() in _UPDATE:
        return code[i].text.upper()
    return None


def any_update_keyword(text: str) -> str | None:
    """The first update keyword anywhere in the code (for the message about a refused update)."""
    for token in code_tokens(text):
        if token.kind == "word" and token.text.lower() in _UPDATE:
            return token.text.upper()
    return None


def body_start(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's outermost WHERE clause.

    Queries without the word WHERE (``ASK { … }``, ``SELECT * { … }``) open their
    pattern with the first outermost ``{``. Braces inside strings, IRIs and comments
    do not count, so a parameter is never bound inside one.
    """
    depth = 0
    first = previous = None
    for token in code_tokens(text):
        if token.kind == "punct" and token.text == "{":
            if depth == 0:
                if previous is not None and previous.kind == "word" and previous.text.lower() == "where":
                    return token.start + 1
                first = token.start + 1 if first is None else first
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth -= 1
        previous = token
    return first
