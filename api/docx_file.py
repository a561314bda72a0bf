"""Word exports (python-docx): a result list as a table, one document with its metadata.

Times New Roman, the font Nghị định 30/2020/NĐ-CP sets for administrative documents; Word
and LibreOffice draw every Vietnamese letter with it. Text goes in as Unicode, as is.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from api.labels import DOCUMENT_FIELDS, TABLE_COLUMNS, cell, document_heading

FONT = "Times New Roman"
# Not allowed in XML: control characters, lone surrogates, U+FFFE/U+FFFF.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_PROPERTY_CHARS = 255  # of a core property (the title): python-docx refuses more


def clean(text: str) -> str:
    """Text Word's XML can hold (control characters and lone surrogates dropped).

    >>> clean("Số 342\\x0c-CV/TU\\ud800")
    'Số 342-CV/TU'
    """
    return _XML_UNSAFE.sub("", text)


def _new_document(title: str, landscape: bool):
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    document.core_properties.title = clean(title)[:MAX_PROPERTY_CHARS]
    document.add_heading(clean(title), level=1)
    return document


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def table_docx(title: str, note: str, records: list[dict]) -> bytes:
    """A table of ``records`` (each with a ``link``), one row each, under ``title``."""
    document = _new_document(title, landscape=True)
    document.add_paragraph(clean(note))
    # All rows made at once: python-docx's add_row() copies the last row each time (2x slower)
    table = document.add_table(rows=len(records) + 1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    rows = table.rows
    for header, (_, label) in zip(rows[0].cells, TABLE_COLUMNS, strict=True):
        header.paragraphs[0].add_run(label).bold = True
    for row, record in zip(rows[1:], records, strict=True):
        for target, (key, _) in zip(row.cells, TABLE_COLUMNS, strict=True):
            target.text = clean(cell(record, key))
    return _saved(document)


def document_docx(record: dict, body: str) -> bytes:
    """One document: its heading, a metadata table, then its text, one paragraph a line."""
    document = _new_document(document_heading(record), landscape=False)
    rows = [(label, cell(record, key)) for key, label in DOCUMENT_FIELDS if cell(record, key)]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        left, right = table.add_row().cells
        left.paragraphs[0].add_run(label).bold = True
        right.text = clean(value)
    document.add_paragraph()
    for line in clean(body.strip()).split("\n"):
        document.add_paragraph(line)
    return _saved(document)
