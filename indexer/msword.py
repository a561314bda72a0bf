"""Word 97-2003 ``.doc`` files in, their text out, through antiword (Debian ``antiword``).

antiword is asked for DocBook XML (``-x db``) in UTF-8 (``-m UTF-8.txt``) rather than its
plain text: the text output lays a table out side by side in columns of fixed width, so
the usual two-column header (cơ quan | quốc hiệu) comes out interleaved line by line,
while the XML keeps each cell whole, in document order, as the ``.docx`` reader does.
Measured on ``tests/fixtures/word/cv_215_tu.doc`` (made by LibreOffice): every tone mark,
``đ`` and curly quote survives, and the header's date stays on one line.

A machine without antiword cannot read ``.doc``: ``MissingTool`` (a ``SourceError`` in
``indexer.sources``) says how to install it, so the file is reported as skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

INSTALL = "apt-get install antiword"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every Word 97 .doc is
_BLOCKS = ("para", "entry", "title", "listitem", "row")


class WordError(Exception):
    """A ``.doc`` that cannot be read; the message is the plain reason."""


class MissingTool(WordError):
    """antiword is not installed; the message names the package."""


def antiword_path() -> str | None:
    """The antiword program, or None when it is not installed."""
    return shutil.which("antiword")


def doc_text(path: Path, timeout: float | None = None) -> str:
    """The text of a Word 97-2003 file: paragraphs and table cells in document order,
    one per line (a cell's own lines kept), blocks separated by a blank line."""
    with open(path, "rb") as file:
        if file.read(8) != _OLE_MAGIC:
            raise WordError("not a Word 97-2003 document (no compound file header)")
    program = antiword_path()
    if program is None:
        raise MissingTool(f"Word 97-2003 .doc needs antiword: {INSTALL}")
    try:
        done = subprocess.run(
            [program, "-x", "db", "-m", "UTF-8.txt", str(path)],
            capture_output=True,
            timeout=timeout or None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise WordError(f"antiword took longer than {timeout:g} s") from None
    if done.returncode != 0 or not done.stdout.strip():
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise WordError(f"antiword cannot read it: {said[-1] if said else 'no output'}")
    return docbook_text(done.stdout)


def docbook_text(xml: bytes) -> str:
    """The text of antiword's DocBook output; the file properties (``bookinfo``, whose
    title antiword encodes twice) are left out. antiword drops a manual line break
    between two runs of emphasis (a signature block's ``T/M BAN THƯỜNG VỤ`` and
    ``PHÓ BÍ THƯ``) but closes the run there: two runs side by side are two lines.

    >>> xml = "<book><title>x</title><chapter><para>Số 215-CV/TU</para><para>Tỉnh ủy</para>"
    >>> docbook_text((xml + "</chapter></book>").encode())
    'Số 215-CV/TU\\n\\nTỉnh ủy'
    """
    xml = xml.replace(b"</emphasis><emphasis", b"</emphasis>\n<emphasis")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise WordError(f"antiword output not readable: {exc}") from None
    for parent in [root, *root.iter("chapter")]:
        for child in list(parent):
            if child.tag in ("bookinfo", "title"):
                parent.remove(child)
    blocks: list[str] = []
    _collect(root, blocks)
    return "\n\n".join(blocks)


def _collect(element: ElementTree.Element, blocks: list[str]) -> None:
    """Each innermost block (a paragraph, a table cell) as one entry of ``blocks``."""
    inner = any(c.tag in _BLOCKS for c in element.iter() if c is not element)
    if element.tag in _BLOCKS and not inner:
        text = _lines("".join(element.itertext()))
        if text:
            blocks.append(text)
        return
    if element.text and element.text.strip() and element.tag not in _BLOCKS:
        blocks.append(_lines(element.text))
    for child in element:
        _collect(child, blocks)
        if child.tail and child.tail.strip():
            blocks.append(_lines(child.tail))


def _lines(text: str) -> str:
    """Trimmed non-empty lines, inner spaces collapsed."""
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
