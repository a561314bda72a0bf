"""PDF exports (fpdf2): a result list as a table, one document with its metadata header.

Text is set in Source Sans Pro, a TTF with every Vietnamese letter, shipped by the pinned
``font-source-sans-pro`` package and embedded (subset) in each file, so the text layer
holds the document's own characters. A character the font lacks becomes ``?`` rather
than an invisible glyph.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
from fontTools.ttLib import TTFont
from fpdf import FPDF

from api.labels import DOCUMENT_FIELDS, TABLE_COLUMNS, cell, document_heading
from api.pdf_table import Table

FONT_DIR = Path(font_source_sans_pro.font_directory)
FAMILY = "SourceSansPro"
FONTS = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf"}
COLUMN_WIDTHS = (12, 9, 9, 15, 31, 24)  # relative widths of TABLE_COLUMNS (A4 landscape)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The code points the regular and bold faces both draw."""
    maps = [TTFont(FONT_DIR / name).getBestCmap() for name in FONTS.values()]
    return frozenset(set(maps[0]) & set(maps[1]))


def drawable(text: str) -> str:
    """``text`` with characters the font cannot draw replaced by ``?`` (newlines kept).

    >>> drawable("Tỉnh ủy Ninh Bình 🙂")
    'Tỉnh ủy Ninh Bình ?'
    """
    covered = _covered()
    return "".join(c if c in "\n\t" or ord(c) in covered else "?" for c in text)


def _new_pdf(orientation: str, title: str) -> FPDF:
    pdf = FPDF(orientation=orientation, format="A4")
    for style, name in FONTS.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    pdf.set_title(drawable(title))
    pdf.set_creator("tracuu")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, drawable(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    return pdf


def table_pdf(title: str, note: str, records: list[dict]) -> bytes:
    """A table of ``records`` (each with a ``link``), one row each, under ``title``."""
    pdf = _new_pdf("landscape", title)
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, drawable(note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    scale = pdf.epw / sum(COLUMN_WIDTHS)
    widths = [w * scale for w in COLUMN_WIDTHS]
    table = Table(pdf, FAMILY, widths, [label for _, label in TABLE_COLUMNS])
    for record in records:
        table.row([drawable(cell(record, key)) for key, _ in TABLE_COLUMNS])
    return bytes(pdf.output())


def document_pdf(record: dict, body: str) -> bytes:
    """One document: its heading, a metadata table, then its full text."""
    pdf = _new_pdf("portrait", document_heading(record))
    pdf.set_font(FAMILY, "", 10)
    rows = [(label, cell(record, key)) for key, label in DOCUMENT_FIELDS if cell(record, key)]
    with pdf.table(col_widths=(1, 3), first_row_as_headings=False, line_height=5) as table:
        for label, value in rows:
            table.row([label, drawable(value)])
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 5.5, drawable(body.strip()), align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
