"""Archive files in, :class:`RawDocument` out: the first stage of the indexer.

``find_files`` lists the readable files under some paths; ``read_source`` turns one file
(.txt .md .docx .pdf .html .htm, and .doc through antiword: ``indexer.msword``) into a
``RawDocument`` whose text is Unicode NFC (``analysis.clean``), or raises
:class:`SourceError` with a plain reason for the user.
``decode_text`` finds the encoding of text bytes: UTF-8 (BOM or not), UTF-16, Windows-1258,
and the pre-Unicode TCVN3/VNI encodings (converted by ``indexer.legacy``). Web pages, and
markdown saved from them, lose their page furniture (``indexer.webpage``): menus, related
lists and footers are not the document's text.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path

from indexer import legacy
from indexer.analysis import clean
from indexer.limits import LimitExceeded, Limits
from indexer.records import RawDocument, document_id
from indexer.webpage import drop_furniture, drop_link_lines

IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # scans, read through OCR
SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", *IMAGES)
_FORMATS = dict(zip(SUPPORTED, ("txt", "md", "docx", "pdf", "html", "html", "doc"), strict=False))
_FORMATS.update(dict.fromkeys(IMAGES, "image"))

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))  # fmt: skip
_SAMPLE = 65_536
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f\ufffd]")
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]{0,200}\]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BLOCKS = ("p", "div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "section",
           "article", "header", "footer", "main", "aside", "blockquote", "pre", "title",
           "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form", "figure", "figcaption")  # fmt: skip
_HIDDEN_TAGS = ("script", "style", "nav", "noscript", "template")


class SourceError(Exception):
    """A file that cannot be read; the message is the plain reason shown to users."""


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Readable archive files under ``paths`` (files or directories), sorted.

    Left out: suffixes not in ``SUPPORTED``, hidden files and directories, the archive's
    own ``manifest.*`` and ``README.*``, and Word lock files (``~$x.docx``).

    >>> corpus = Path(__file__).parent.parent / "corpus"
    >>> [p.name for p in find_files([corpus])][:2]
    ['000_86f9552143f492ea.txt', '001_093e01689cb64f89.txt']
    """
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            for top, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.update(Path(top, f) for f in files if _wanted(f))
        elif path.is_file():
            if _wanted(path.name):
                found.add(path)
        else:
            raise SourceError(f"no such file or directory: {path}")
    return sorted(found)


def _wanted(name: str) -> bool:
    return name.lower().endswith(SUPPORTED) and indexable_name(name)


def indexable_name(name: str) -> bool:
    """Whether ``find_files`` reads a file of this name (not hidden, not the archive's
    own notes, not a Word lock file).

    >>> indexable_name("README.txt"), indexable_name("readme-2021.txt")
    (False, True)
    """
    return not name.lower().startswith((".", "~$", "manifest.", "readme."))


def read_source(path: Path, root: Path, limits: Limits | None = None) -> RawDocument:
    """Read one archive file under ``root`` into a ``RawDocument`` (text NFC-cleaned); a
    file past ``limits`` (inflated size, pages, characters) raises ``LimitExceeded``.

    >>> corpus = Path(__file__).parent.parent / "corpus"
    >>> doc = read_source(corpus / "004_f7e6265e96402aee.txt", corpus)
    >>> doc.id, doc.source, doc.format, doc.encoding, "[bookmark" in doc.text
    ('004_f7e6265e96402aee', '004_f7e6265e96402aee.txt', 'txt', 'utf-8', False)
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceError(f"unsupported file type: {suffix or 'no extension'}")
    data = _read_bytes(path)
    if not data.strip():
        raise SourceError("empty file")
    fmt, limits = _FORMATS[suffix], limits or Limits()
    if fmt in ("txt", "md"):
        limits.check_characters(len(data) // 4)  # at most 4 bytes a character
        text, encoding = decode_text(data)
        text = drop_link_lines(text) if fmt == "md" else text
    else:
        if fmt == "html":
            raw = _html_text(data)
        elif fmt == "doc":
            raw = _doc_text(path, limits)
        elif fmt == "image":
            raw = _image_text(data, limits)
        else:
            raw = {"docx": _docx_text, "pdf": _pdf_text}[fmt](data, limits)
        limits.check_characters(len(raw))
        text, encoding = _finish(raw, None)
    limits.check_characters(len(text))
    return RawDocument(
        id=document_id(path, root),
        source=path.relative_to(root).as_posix(),
        text=text,
        format=fmt,
        encoding=encoding,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file disappeared while indexing") from None
    except PermissionError:
        raise SourceError("permission denied: the file cannot be read") from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file: ``(clean Unicode text, encoding name)``.

    >>> decode_text("Tỉnh ủy".encode("utf-16"))
    ('Tỉnh ủy', 'utf-16-le')
    >>> decode_text("Céng hßa".encode("latin-1"))
    ('Cộng hòa', 'tcvn3')
    """
    if not data.strip():
        raise SourceError("empty file")
    text, encoding = _decode_bytes(data)
    if _looks_binary(text[:_SAMPLE]):
        raise SourceError("binary file (not text)")
    text, name = _finish(text, encoding)
    return text, name or encoding


def _finish(text: str, encoding: str | None) -> tuple[str, str | None]:
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


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > 0.05 * len(text)


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], name), name
    if b"\x00" in data:
        name = _utf16_without_bom(data[:_SAMPLE])
        if name is None:
            raise SourceError("binary file (not text)")
        return _strict(data, name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf-8"  # cut inside the last letter
        sample = data[:_SAMPLE].decode("utf-8", errors="replace")
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
    if _looks_binary(data[:_SAMPLE].decode("cp1252", errors="replace")):
        raise SourceError("binary file (not text)")
    latin = data.decode("latin-1")
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = ""
    if cp1258 and legacy.vietnamese_ratio(cp1258[:_SAMPLE])[0] >= legacy.CONFIDENT:
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


def _docx_text(data: bytes, limits: Limits) -> str:
    """Paragraphs and table cells, in document order, one per line."""
    import zipfile

    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass  # python-docx says what is wrong with it
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except LimitExceeded:
        raise
    except Exception as exc:  # parsers raise anything on a damaged file
        if _out_of_memory(exc):
            raise MemoryError from exc
        raise SourceError(f"truncated or damaged .docx: {_reason(exc)}") from None


def _docx_blocks(container) -> Iterable[str]:
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            for row in block.rows:
                cells = {id(cell._tc): cell for cell in row.cells}  # merged cells repeat
                for cell in cells.values():
                    yield from _docx_blocks(cell)
        else:
            yield block.text


def _doc_text(path: Path, limits: Limits) -> str:
    """A Word 97-2003 file through antiword (``indexer.msword``)."""
    from indexer import msword

    try:
        return msword.doc_text(path, timeout=limits.max_seconds)
    except msword.WordError as exc:
        raise SourceError(str(exc)) from None


def _image_text(data: bytes, limits: Limits) -> str:
    """A scanned image's pages (a multi-page TIFF has several) through OCR."""
    from indexer import ocr

    if not limits.ocr:
        raise SourceError("a scanned image: OCR is switched off (--no-ocr)")
    try:
        pages = ocr.image_pages(data)
        limits.check_pages(len(pages))
        text = "\n\n".join(_recognize(pages, limits))
    except ocr.OcrError as exc:
        raise SourceError(str(exc)) from None
    if not text.strip():
        raise SourceError("no text recognized in the image")
    return text


def _recognize(images: list[tuple[bytes, int | None]], limits: Limits) -> list[str]:
    from indexer import ocr

    return [ocr.recognize(image, dpi, limits.max_seconds).text for image, dpi in images]


def _scanned_pages(pages: list, texts: list[str], limits: Limits) -> None:
    """Fill in, through OCR, the pages of a PDF that have no text layer (all of a scan,
    some of a mixed PDF). Without OCR a PDF with some text keeps it; one with none at
    all says why it cannot be read."""
    from indexer import ocr

    blank = [n for n, text in enumerate(texts) if not text.strip()]
    if not blank:
        return
    try:
        if not limits.ocr:
            raise ocr.OcrError("OCR is switched off (--no-ocr)")
        for n in blank:
            texts[n] = "\n\n".join(_recognize(ocr.pdf_page_images(pages[n]), limits))
    except ocr.OcrError as exc:
        if len(blank) == len(texts):
            raise SourceError(f"PDF has no text layer (scanned): {exc}") from None


def _pdf_text(data: bytes, limits: Limits) -> str:
    """The text layer of every page, pages separated by a blank line; pages without one
    (scans) read through OCR."""
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise SourceError("truncated or damaged PDF: no end-of-file marker")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about recoverable quirks
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError("encrypted PDF (password needed)")
            limits.check_pages(len(reader.pages))
            pages, characters = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                characters += len(pages[-1])
                limits.check_characters(characters)
            _scanned_pages(reader.pages, pages, limits)
    except (SourceError, LimitExceeded):
        raise
    except Exception as exc:  # parsers raise anything on a damaged file
        if _out_of_memory(exc):
            raise MemoryError from exc
        raise SourceError(f"truncated or damaged PDF: {_reason(exc)}") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise SourceError("PDF has no text layer, and OCR found no text in it")
    return text


def _html_text(data: bytes) -> str:
    """Visible text of a page, a line per block; scripts, styles and page furniture
    (menus, related-news lists, footers: ``indexer.webpage``) dropped."""
    from bs4 import (
        BeautifulSoup,
        MarkupResemblesLocatorWarning,
        NavigableString,
        XMLParsedAsHTMLWarning,
    )

    markup = _decode_html(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    for tag in soup(_HIDDEN_TAGS):
        tag.decompose()
    drop_furniture(soup)
    for string in soup.find_all(string=True):
        if type(string) is NavigableString and string.find_parent("pre") is None:
            string.replace_with(re.sub(r"\s+", " ", string))  # a line break in markup is a space
    for tag in soup("br"):
        tag.replace_with("\n")
    for tag in soup(("td", "th")):
        tag.append(" ")
    for tag in soup(_BLOCKS):
        tag.insert_before("\n")
        tag.append("\n")
    text = re.sub(r"[ \t\f\v\r]+", " ", soup.get_text())
    return re.sub(r"\n{3,}", "\n\n", re.sub(r" ?\n ?", "\n", text)).strip()


def _decode_html(data: bytes) -> str:
    """HTML bytes as text: a byte-order mark, else the meta charset, else detection."""
    if not data.strip():
        raise SourceError("empty file")
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            text = data.decode(name)
            if not _looks_binary(text[:_SAMPLE]):
                return text
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    text, _ = _decode_bytes(data)
    if _looks_binary(text[:_SAMPLE]):
        raise SourceError("binary file (not text)")
    return text


def _out_of_memory(exc: BaseException) -> bool:
    """A parser's way of saying it ran out of memory (zlib, lxml say it in words)."""
    return isinstance(exc, MemoryError) or "alloc" in str(exc).lower()


def _reason(exc: BaseException) -> str:
    """A short reason for a parser failure, without the file's path."""
    message = str(exc).split("\n")[0][:120]
    if type(exc).__name__ in ("BadZipFile", "PackageNotFoundError"):
        return "not a valid zip archive"
    return message or type(exc).__name__
