"""Turn the bytes of an article into clean Kazakh Cyrillic text, or say clearly why not.

Articles come from anywhere: pasted from web pages, saved by old Windows editors,
forwarded through messengers. This module is the one place that copes with that:

* **Encodings.** UTF-8 (with or without BOM) is the norm. UTF-16 with a BOM is decoded
  silently. Text that is not UTF-8 is scored as Windows-1251, KZ-1048 (the Kazakh
  Windows code page), KOI8-R, KOI8-U and CP866 by the share of plausible Kazakh/Russian
  letters and word shapes (``Сөз``, ``сөз``, ``СӨЗ`` but not ``сӨЗ``); a clear winner is
  used with a warning, otherwise the file is refused with an encoding hint.
* **Invalid UTF-8 inside a UTF-8 file** (a few corrupted bytes in an otherwise UTF-8
  article) is decoded with U+FFFD replacement and a warning that gives the byte offset
  of the first bad sequence and their number. Words containing U+FFFD will not match
  names, so nothing wrong is asserted from them; the rest of the article is kept.
* **Binary files** (NUL bytes, images, PDF, Word/ZIP, gzip, RTF) are refused with a
  one-line error that says what the file looks like. A few stray NUL bytes in text (at
  most one per 1,000 bytes) are removed with a warning instead.
* **HTML saved as .txt** is reduced to its text (scripts, styles and markup dropped,
  entities decoded, block elements become line breaks), with a warning.
* **Latin-script Kazakh** (the 2021 alphabet ``ä ğ ı ñ ö ū ü ş q``, or the 2018 acute
  one ``á ǵ ń ó ú ý``) is transliterated to Cyrillic, with a warning.
* **Invisible characters** (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, bidi
  marks, C0/C1 controls) are removed and exotic spaces become plain spaces;
  **homoglyphs** (Latin ``A e o p c x H K M T B i h`` … inside a Cyrillic word, and
  Latin schwa ``ə``) become the Cyrillic letters they imitate; "styled" mathematical and
  full-width letters (``𝐀𝐬𝐡𝐚𝐭``, ``ＡＢＣ``) become plain ones.

Offsets: the text returned by :func:`clean_text` (and so ``Document.text``) *is* the
cleaned text; every sentence, token, mention and evidence offset refers to it, not to
the bytes on disk. ``Document.sha256`` is still the hash of the raw file.

Everything here is linear in the input size (no backtracking regex over unbounded
runs), so a 50 MB file or a 10,000-character word costs seconds, not hours.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from graph.errors import CorpusError

__all__ = [
    "Cleaned",
    "binary_kind",
    "clean_text",
    "decode_bytes",
    "detect_legacy_encoding",
    "fix_homoglyphs",
    "latin_kazakh_variant",
    "latin_to_cyrillic",
    "looks_like_html",
    "normalize_text",
    "remove_invisible",
    "strip_html",
]

# ----------------------------------------------------------------------------- alphabet

KAZAKH_EXTRA = "әғқңөұүһі"
CYR_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + KAZAKH_EXTRA
CYR_LETTERS = frozenset(CYR_LOWER + CYR_LOWER.upper())
# Non-ASCII punctuation that legitimately appears in Kazakh/Russian news.
_NEWS_PUNCT = frozenset("«»—–“”„…№‘’\u00a0°·•")

# ----------------------------------------------------------------------------- binary


@dataclass(frozen=True, slots=True)
class _Magic:
    prefix: bytes
    kind: str


_MAGIC = (
    _Magic(b"\x89PNG\r\n\x1a\n", "a PNG image"),
    _Magic(b"\xff\xd8\xff", "a JPEG image"),
    _Magic(b"GIF87a", "a GIF image"),
    _Magic(b"GIF89a", "a GIF image"),
    _Magic(b"%PDF-", "a PDF document — export it as plain text"),
    _Magic(b"PK\x03\x04", "a ZIP archive or Word .docx — save it as plain text"),
    _Magic(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word .doc file — save it as plain text"),
    _Magic(b"\x1f\x8b", "a gzip archive"),
    _Magic(b"{\\rtf", "an RTF document — save it as plain text"),
    _Magic(b"\x7fELF", "a program"),
    _Magic(b"MZ", "a Windows program"),
)
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """Say what a binary file looks like, or ``None`` if it may be text.

    Args:
        data: the raw bytes of the file (UTF-16/32 with a BOM count as text).

    Returns:
        A short description such as ``"a PNG image"`` or ``"a binary file (NUL bytes)"``.
    """
    for magic in _MAGIC:
        if data.startswith(magic.prefix):
            # "MZ" is also how a text may start; only call it a program if NULs follow.
            if magic.prefix == b"MZ" and b"\x00" not in data[:512]:
                continue
            return magic.kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    head = data[:65536]
    if b"\x00" in head or b"\x00" in data:
        if _utf16_guess(data):
            return None
        return "a binary file (NUL bytes)"
    if head and len(_CONTROL_BYTES.findall(head)) > max(2, len(head) // 100):
        return "a binary file (control bytes)"
    return None


def _strip_stray_nuls(data: bytes, name: str) -> tuple[bytes, list[str]]:
    """Drop a few NUL bytes from text (a copy-paste or sync slip), with a warning.

    At most one NUL per 1,000 bytes counts as stray; more of them, a known binary
    signature, or the regular pattern of BOM-less UTF-16 leave the data as it is
    (and :func:`binary_kind` then judges it).
    """
    count = data.count(0)
    if not count or count * 1000 > len(data) or any(data.startswith(m.prefix) for m in _MAGIC):
        return data, []
    if _utf16_guess(data):
        return data, []
    first = data.index(0)
    plural = "s" if count != 1 else ""
    return data.replace(b"\x00", b""), [f"{name}: {count} NUL byte{plural} removed (first at byte {first})"]


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` if the NUL bytes sit only at odd/even positions (BOM-less UTF-16)."""
    if len(data) % 2 or len(data) < 32:
        return None
    sample = data[:65536]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    for enc, nul_here, nul_there in (("utf-16-le", odd_nul, even_nul), ("utf-16-be", even_nul, odd_nul)):
        # Spaces, digits and punctuation are ASCII: real UTF-16 prose has a NUL byte in >= 10 % of them.
        if nul_there == 0 and nul_here >= max(2, half // 10):
            try:
                text = data.decode(enc)[:20000]
            except UnicodeDecodeError:
                continue
            plausible = sum(1 for ch in text if (ch.isascii() and (ch.isprintable() or ch in "\t\r\n"))
                            or "\u0400" <= ch <= "\u04ff" or ch in _NEWS_PUNCT)
            if plausible >= 0.95 * len(text):
                return enc
    return None


# ----------------------------------------------------------------------------- decoding

LEGACY_ENCODINGS = ("cp1251", "kz1048", "koi8_r", "koi8_u", "cp866")
_FAMILY = {"cp1251": "win", "kz1048": "win", "koi8_r": "koi8", "koi8_u": "koi8", "cp866": "dos"}
_ENCODING_NAMES = {
    "cp1251": "Windows-1251",
    "kz1048": "KZ-1048 (Kazakh Windows)",
    "koi8_r": "KOI8-R",
    "koi8_u": "KOI8-U",
    "cp866": "CP866 (DOS)",
    "utf-16-le": "UTF-16 (little-endian, no BOM)",
    "utf-16-be": "UTF-16 (big-endian, no BOM)",
}
_CYR_RUN = re.compile(r"[^\W\d_a-zA-Z]+")
MIN_LEGACY_EVIDENCE = 20  # non-ASCII characters needed before we trust a guess
LEGACY_MIN_SCORE = 0.85
LEGACY_MIN_MARGIN = 0.1


def _legacy_score(text: str) -> float:
    """Plausibility of a decoding: share of sensible non-ASCII characters × share of sane word shapes."""
    nonascii = [ch for ch in text if ord(ch) > 127]
    if not nonascii:
        return 0.0
    good = sum(1 for ch in nonascii if ch in CYR_LETTERS or ch in _NEWS_PUNCT)
    words = [w for w in _CYR_RUN.findall(text) if len(w) > 1]
    if words:
        sane = sum(1 for w in words if w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower()))
        shape = sane / len(words)
    else:
        shape = 0.5
    # Prose is mostly lower-case; KOI8 read as Windows-1251 (or back) swaps the case of every letter.
    letters = [ch for ch in nonascii if ch in CYR_LETTERS]
    lower = sum(1 for ch in letters if ch.islower()) / len(letters) if letters else 0.0
    return good / len(nonascii) * shape * min(1.0, 2 * lower)


def detect_legacy_encoding(data: bytes) -> tuple[str | None, float, str]:
    """Guess the single-byte Cyrillic encoding of non-UTF-8 bytes.

    Args:
        data: raw bytes (a sample of up to 256 KB is scored).

    Returns:
        ``(encoding or None if unsure, score of the best candidate, best candidate)``.
    """
    sample = data[:262144]
    scored: list[tuple[float, str, str]] = []
    for enc in LEGACY_ENCODINGS:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            # A sample cut inside nothing: single-byte codecs only fail on undefined bytes.
            continue
        scored.append((_legacy_score(text), enc, text))
    if not scored:
        return None, 0.0, "?"
    scored.sort(key=lambda item: (-item[0], LEGACY_ENCODINGS.index(item[1])))
    best_score, best, best_text = scored[0]
    # Encodings of one family (cp1251/kz1048, koi8-r/koi8-u) differ in a few letters only: they
    # compete on score, but the margin that makes a guess "sure" is measured against other families.
    rivals = [s for s, enc, t in scored[1:] if t != best_text and _FAMILY[enc] != _FAMILY[best]]
    margin = best_score - (rivals[0] if rivals else 0.0)
    evidence = sum(1 for b in sample if b > 127)
    sure = best_score >= LEGACY_MIN_SCORE and margin >= LEGACY_MIN_MARGIN and evidence >= MIN_LEGACY_EVIDENCE
    return (best if sure else None), best_score, best


def decode_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode article bytes, detecting the encoding when they are not UTF-8.

    Args:
        data: raw file content.
        name: file name used in messages.
        encoding: force a codec (e.g. ``"cp1251"``) instead of detecting one.

    Returns:
        ``(text, encoding used, warnings)``; line ends are not yet normalised.

    Raises:
        CorpusError: binary content, or bytes whose encoding cannot be recognised.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except LookupError:
            raise CorpusError(f"unknown encoding {encoding!r}: use a Python codec name such as cp1251") from None
        except UnicodeDecodeError as err:
            raise CorpusError(f"{name}: not valid {encoding} at byte {err.start}") from None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "utf-32", []
        except UnicodeDecodeError as err:
            raise CorpusError(f"{name}: broken UTF-32 at byte {err.start} — re-save the article as UTF-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as err:
            raise CorpusError(f"{name}: broken UTF-16 at byte {err.start} — re-save the article as UTF-8") from None
    data, nul_notes = _strip_stray_nuls(data, name)
    kind = binary_kind(data)
    if kind:
        raise CorpusError(f"{name}: looks like {kind}, not a text article (binary file skipped)")
    if nul_notes:
        text, enc, notes = decode_bytes(data, name)
        return text, enc, nul_notes + notes
    if b"\x00" in data:
        enc = _utf16_guess(data)
        if enc:
            return data.decode(enc), enc, [f"{name}: decoded as {_ENCODING_NAMES[enc]} — re-save it as UTF-8"]
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as err:
        first_bad = err.start + (len(data) - len(body))
    replaced = body.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - body.count("\xef\xbf\xbd".encode("latin-1"))
    fine = sum(1 for ch in replaced if ord(ch) > 127) - replaced.count("\ufffd")
    if fine >= 20 * bad and fine >= 10:
        # Mostly UTF-8 with a few damaged bytes: keep the article, mark the damage.
        return replaced, "utf-8", [
            (f"{name}: {bad} invalid UTF-8 sequence{'s' if bad != 1 else ''} (first at byte {first_bad}) "
            "replaced with U+FFFD")
        ]
    guess, score, best = detect_legacy_encoding(body)
    if guess is None:
        raise CorpusError(
            f"{name}: not valid UTF-8 at byte {first_bad} and the encoding could not be recognised "
            f"(best guess {_ENCODING_NAMES.get(best, best)}, confidence {score:.2f}) — re-save the article as UTF-8"
        )
    text = body.decode(guess)
    note = ""
    if guess in ("cp1251", "koi8_r", "cp866") and not any(ch in text for ch in "әғқңөұүһӘҒҚҢӨҰҮҺ"):
        note = "; Kazakh letters may have been typed as look-alikes (к for қ, н for ң)"
    return text, guess, [f"{name}: not UTF-8, decoded as {_ENCODING_NAMES[guess]}{note} — re-save it as UTF-8"]


# ----------------------------------------------------------------------------- invisible characters

_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E,
     0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066,
     0x2067, 0x2068, 0x2069, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0xFEFF, 0xFFF9, 0xFFFA,
     0xFFFB]
    + [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))
    + list(range(0xFE00, 0xFE10)),  # variation selectors
)
# Exotic spaces become a plain space, vertical ones a line break, so downstream regexes see " " / "\n".
_SPACES = {c: " " for c in [0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]}
_NEWLINES = {0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_INVISIBLE_TABLE = {**_INVISIBLE, **_SPACES, **_NEWLINES}
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_INVISIBLE_TABLE)) + "]")


def remove_invisible(text: str) -> str:
    """Drop zero-width, bidi, soft-hyphen and control characters; unify spaces and breaks.

    ``\\r`` must already be gone (see :func:`normalize_text`): a lone CR is a control
    character and would otherwise be deleted rather than become a line break.
    """
    if not _INVISIBLE_RE.search(text):
        return text
    return text.translate(_INVISIBLE_TABLE)


# ----------------------------------------------------------------------------- homoglyphs

_HOMOGLYPHS = {
    "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н", "K": "К",
    "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х", "y": "у",
    "I": "І", "i": "і", "h": "һ", "Ə": "Ә", "ə": "ә", "Ɵ": "Ө", "ɵ": "ө",
}
_HOMO_TABLE = str.maketrans(_HOMOGLYPHS)
_LAT = "A-Za-z\u018f\u0259\u019f\u0275"
_CYR = "\u0400-\u04ff"
# A Latin letter touching a Cyrillic one: the only places worth looking at (linear scan).
_MIXED = re.compile(f"[{_CYR}][{_LAT}]|[{_LAT}][{_CYR}]")
_WORD_CHAR = re.compile(r"[^\W\d_]")


def fix_homoglyphs(text: str) -> str:
    """Replace Latin look-alike letters inside Cyrillic words by the Cyrillic letters.

    A word is rewritten only if it contains a Cyrillic letter and *every* Latin letter
    in it has a Cyrillic twin, so ``iPhone-ға`` or ``Nur-Otan`` stay as they are.
    """
    if not _MIXED.search(text):
        return text
    out: list[str] = []
    pos = 0
    checked = 0  # end of the last word examined: each word is looked at once (no quadratic rescans)
    n = len(text)
    for match in _MIXED.finditer(text):
        start = match.start()
        if start < checked:
            continue
        # Expand to the surrounding word (letters only) without regex backtracking.
        lo = start
        while lo > pos and text[lo - 1].isalpha():
            lo -= 1
        hi = match.end()
        while hi < n and text[hi].isalpha():
            hi += 1
        word = text[lo:hi]
        checked = hi
        latin = [ch for ch in word if ch.isascii() or ch in "\u018f\u0259\u019f\u0275"]
        if latin and all(ch in _HOMOGLYPHS for ch in latin) and any("\u0400" <= ch <= "\u04ff" for ch in word):
            out.append(text[pos:lo])
            out.append(word.translate(_HOMO_TABLE))
            pos = hi
    out.append(text[pos:])
    return "".join(out)


# ----------------------------------------------------------------------------- HTML

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:p|div|span|br|a|script|style|li|ul|h[1-6]|table|tr|td|meta|link|img|strong|em|b|i)\b[^<>]{0,500}>",
                       re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "article", "section", "header", "footer", "pre", "hr", "dd", "dt", "figcaption", "figure", "main", "aside", "nav", "title"]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "object", "head", "canvas", "math"])
_VOID_TAGS = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])


def looks_like_html(text: str) -> bool:
    """True if the text is an HTML page or fragment rather than plain prose."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    sample = text[:65536]
    tags = len(_HTML_TAG.findall(sample))
    return tags >= 5 and tags * 40 >= sample.count("\n") + 1


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip:
            self.parts.append(data)


_BLANKS = re.compile(r"[ \t]*\n[ \t\n]*")
_RUN_SPACES = re.compile(r"[ \t]{2,}")


_LONE_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")


def _drop_comments(text: str) -> str:
    """Remove ``<!-- … -->`` and ``<![CDATA[ … ]]>`` in one left-to-right pass (an unclosed one ends the text)."""
    if "<!" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!", pos)
        if start < 0:
            break
        for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>")):
            if text.startswith(opener, start):
                out.append(text[pos:start])
                end = text.find(closer, start + len(opener))
                pos = len(text) if end < 0 else end + len(closer)
                break
        else:
            out.append(text[pos:start + 2])
            pos = start + 2
        if pos >= len(text):
            break
    out.append(text[pos:])
    return "".join(out)


def strip_html(text: str) -> tuple[str, str | None]:
    """Text of an HTML page: markup, scripts and styles removed, entities decoded.

    Returns:
        ``(text, title)`` where paragraphs are separated by blank lines and ``title``
        is the page's ``<title>`` if it has one.
    """
    parser = _TextExtractor()
    # html.parser rescans from every unclosed "<!--" or stray "<" (quadratic on hostile input);
    # removing comments with str.find and escaping "<" that cannot open a tag keeps it linear.
    parser.feed(_LONE_LT.sub("&lt;", _drop_comments(text)))
    parser.close()
    body = "".join(parser.parts)
    body = _RUN_SPACES.sub(" ", body)
    body = _BLANKS.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", body).strip()
    title = " ".join("".join(parser.title_parts).split()) or None
    return body + "\n" if body else "", title


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,15}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# ----------------------------------------------------------------------------- Latin Kazakh

_LAT2021 = {
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "ç": "ч", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ",
    "h": "х", "ı": "і", "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о",
    "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "w": "у", "x": "кс", "y": "ы", "z": "з",
}
_LAT2018 = {
    "a": "а", "á": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ", "h": "х",
    "i": "і", "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң", "o": "о", "ó": "ө",
    "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "ұ", "ú": "ү", "v": "в", "w": "у", "x": "кс",
    "y": "ы", "ý": "у", "z": "з",
}
_MARKS_2021 = frozenset("äğıñöūüşqÄĞÑÖŪÜŞQİ")
_MARKS_2018 = frozenset("áǵńóúýÁǴŃÓÚÝ")
_VOWELS_LAT = frozenset("aäeıioöuūüyáóúýAÄEIİOÖUŪÜYÁÓÚÝ")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ’']+")
# Exactly the letters the loop of latin_kazakh_variant counts (isalpha() in those ranges).
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")
_CHUNK = re.compile(r"\S+")


def _is_urlish(chunk: str) -> bool:
    return "://" in chunk or chunk.startswith("www.") or ("@" in chunk and "." in chunk.split("@", 1)[1])


def latin_kazakh_variant(text: str) -> str | None:
    """``"2021"`` or ``"2018"`` if the text is Kazakh in Latin script, else ``None``.

    The text must be mostly Latin letters (not Cyrillic) and use Kazakh-Latin letters
    often enough that English or Turkish prose does not qualify: ``ä ñ ū q`` at least
    1.5 % and Latin diacritics at least 2 % of the Latin letters (or 2 % 2018 acute letters).
    """
    sample = text[:200000]
    # Counted in C first: almost every article is Cyrillic and stops here.
    latin = len(_LATIN_LETTER.findall(sample))
    if latin < 20 or latin < 3 * len(_CYRILLIC_LETTER.findall(sample)):
        return None
    latin = cyr = marks21 = diacritics = marks18 = 0
    for ch in sample:
        if ch.isalpha():
            if ch.isascii() or "\u00c0" <= ch <= "\u024f":
                latin += 1
                if ch in _MARKS_2021:
                    # ä ñ ū q are Kazakh (not Turkish); ı ğ ş ö ü make it not English.
                    marks21 += ch in "äñūqÄÑŪQ"
                    diacritics += ch not in "qQ"
                elif ch in _MARKS_2018:
                    marks18 += 1
            elif "\u0400" <= ch <= "\u04ff":
                cyr += 1
    if latin < 20 or latin < 3 * cyr:
        return None
    if marks21 >= 0.015 * latin and diacritics >= 0.02 * latin and marks21 >= marks18:
        return "2021"
    if marks18 >= 0.02 * latin:
        return "2018"
    return None


def latin_to_cyrillic(text: str, variant: str = "2021") -> str:
    """Transliterate Kazakh written in Latin script (2021 or 2018 alphabet) to Cyrillic.

    URLs and e-mail addresses are kept. ``i`` after a vowel becomes ``й`` (``üiıne`` →
    ``үйіне``); ``sh``/``ch`` are digraphs in the 2018 alphabet only.
    """
    table = _LAT2021 if variant == "2021" else _LAT2018
    # Spans of URLs and e-mail addresses, found per whitespace-separated chunk (linear; a regex
    # like \S+@\S+ would backtrack quadratically over a long chunk without "@").
    keep = [(m.start(), m.end()) for m in _CHUNK.finditer(text) if _is_urlish(m.group())]
    starts = [a for a, _b in keep]

    def word(match: re.Match[str]) -> str:
        i = bisect.bisect_right(starts, match.start()) - 1
        if i >= 0 and keep[i][0] <= match.start() < keep[i][1]:
            return match.group()
        src = match.group()
        out: list[str] = []
        i = 0
        while i < len(src):
            ch = src[i]
            low = ch.lower()
            upper = ch != low or ch == "İ"
            nxt = src[i + 1].lower() if i + 1 < len(src) else ""
            if variant == "2018" and low in "sc" and nxt == "h":
                cyr = "ш" if low == "s" else "ч"
                i += 2
            else:
                if ch == "İ" or (variant == "2021" and ch == "i"):
                    cyr = "и"
                elif ch == "I" or low == "ı" or (variant == "2018" and low == "i"):
                    cyr = "і"
                else:
                    cyr = table.get(low, ch)
                # и/і right after a vowel is the glide й (2021: üiıne → үйіне, syi → сый).
                if cyr in ("и", "і") and low in ("i", "i̇") and i and src[i - 1] in _VOWELS_LAT:
                    cyr = "й"
                i += 1
            out.append(cyr.upper() if upper and cyr != ch else cyr)
        # Title-case words keep only their first letter upper (Ş → Ш, not ШЧ-style doubling).
        res = "".join(out)
        if src[:1].isupper() and src[1:].islower() and len(res) > 1:
            res = res[0] + res[1:].lower()
        return res

    return _LATIN_WORD.sub(word, text)


# ----------------------------------------------------------------------------- pipeline


@dataclass
class Cleaned:
    """Result of :func:`clean_text`: the text every offset refers to, plus what was done."""

    text: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


# "Styled" letters pasted from social media (𝐀𝐬𝐡𝐚𝐭, ｆｕｌｌｗｉｄｔｈ): NFKC makes them plain letters.
# Only these blocks are folded; NFKC on everything would also rewrite ½, ², ﬁ and the like.
_STYLED = re.compile("[\uff01-\uff5e\U0001d400-\U0001d7ff]+")


def normalize_text(text: str) -> str:
    """Unify line ends, remove invisible characters, NFC-normalise and fix homoglyphs."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = remove_invisible(text)
    text = _STYLED.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text)
    return fix_homoglyphs(text)


def clean_text(text: str, name: str = "<text>") -> Cleaned:
    """Clean decoded article text (HTML, entities, Latin script, invisibles, homoglyphs).

    Args:
        text: decoded text (any line ends).
        name: file name used in warnings.

    Returns:
        A :class:`Cleaned` whose ``text`` is what the pipeline analyses and what all
        offsets refer to.
    """
    result = Cleaned(text)
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text, result.title = strip_html(text)
        result.warnings.append(f"{name}: looks like an HTML page; markup, scripts and styles were removed")
        result.steps.append("html")
    elif "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
        result.steps.append("entities")
    text = normalize_text(text)
    variant = latin_kazakh_variant(text)
    if variant:
        text = unicodedata.normalize("NFC", latin_to_cyrillic(text, variant))
        result.warnings.append(
            f"{name}: Kazakh in Latin script ({variant} alphabet) was transliterated to Cyrillic; "
            "names may be spelled imperfectly"
        )
        result.steps.append(f"latin{variant}")
    result.text = text
    return result
