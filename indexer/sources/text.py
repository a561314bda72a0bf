"""Plain text (.txt) and markdown (.md): the bytes' encoding found, the text cleaned.

``decode_text`` finds the encoding of text bytes: UTF-8 (BOM or not), UTF-16, Windows-1258,
and the pre-Unicode TCVN3/VNI encodings (converted by ``indexer.legacy``). ``finish`` is the
clean-up every reader's text goes through (legacy repair, NFC, Word debris).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from indexer import legacy
from indexer.analysis import clean
from indexer.sources.errors import SourceError

FORMATS = {".txt": "txt", ".md": "md"}
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))  # fmt: skip
SAMPLE = 65_536
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f\ufffd]")
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]{0,200}\]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file: ``(clean Unicode text, encoding name)``.

    >>> decode_text("Tỉnh ủy".encode("utf-16"))
    ('Tỉnh ủy', 'utf-16-le')
    >>> decode_text("Céng hßa".encode("latin-1"))
    ('Cộng hòa', 'tcvn3')
    """
    if not data.strip():
        raise SourceError("empty file")
    text, encoding = decode_bytes(data)
    if looks_binary(text[:SAMPLE]):
        raise SourceError("binary file (not text)")
    text, name = finish(text, encoding)
    return text, name or encoding


def finish(text: str, encoding: str | None) -> tuple[str, str | None]:
    """Legacy repair, NFC clean-up, Word debris removal; raises on an empty result."""
    try:
        text, legacy_name = legacy.repair(text)
    except legacy.LegacyEncodingError as exc:
        raise SourceError(str(exc)) from None
    if legacy_name:
        encoding = f"{encoding}+{legacy_name}" if encoding else legacy_name
    text = _BOOKMARK.sub("", clean(text)).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError("empty file")
    return text, encoding


def looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > 0.05 * len(text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], name), name
    if b"\x00" in data:
        name = _utf16_without_bom(data[:SAMPLE])
        if name is None:
            raise SourceError("binary file (not text)")
        return _strict(data, name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf-8"  # cut inside the last letter
        sample = data[:SAMPLE].decode("utf-8", errors="replace")
        if sample.count("\ufffd") * 20 < sum(1 for c in sample if c > "\x7f"):
            raise SourceError(f"damaged UTF-8 text (invalid bytes at offset {exc.start})") from None
    return _single_byte(data)


def _strict(data: bytes, encoding: str) -> str:
    if encoding.startswith("utf-16") and len(data) % 2:
        data = data[:-1]  # a file cut in the middle of a character
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(f"damaged {encoding.upper()} text") from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one side of each pair (ASCII-heavy text)."""
    even, odd = sample[0::2], sample[1::2]
    half = max(len(odd), 1)
    if odd.count(0) >= 0.3 * half and even.count(0) <= 0.01 * half:
        return "utf-16-le"
    if even.count(0) >= 0.3 * half and odd.count(0) <= 0.01 * half:
        return "utf-16-be"
    return None


def _single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1258 when it reads as Vietnamese; otherwise Latin-1 for the legacy check,
    or what charset-normalizer is sure about."""
    if looks_binary(data[:SAMPLE].decode("cp1252", errors="replace")):
        raise SourceError("binary file (not text)")
    latin = data.decode("latin-1")
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = ""
    if cp1258 and legacy.vietnamese_ratio(cp1258[:SAMPLE])[0] >= legacy.CONFIDENT:
        return cp1258, "windows-1258"
    try:
        text, legacy_name = legacy.repair(latin)
    except legacy.LegacyEncodingError as exc:
        raise SourceError(str(exc)) from None
    if legacy_name:
        return text, legacy_name
    from charset_normalizer import from_bytes

    best = from_bytes(data).best() if len(data) >= 200 else None  # short text: a guess
    if best is None or best.chaos > 0.05:
        raise SourceError("unknown text encoding: convert the file to UTF-8")
    return str(best), best.encoding
