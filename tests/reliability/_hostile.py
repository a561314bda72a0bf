"""Hostile files made for the tests, as an attacker would make them: a real .docx whose
``word/document.xml`` inflates to hundreds of megabytes, a real PDF whose page tree
repeats one page twenty thousand times."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "<w:p><w:r><w:t>Thông báo kiểm tra tại chỗ bomnen.</w:t></w:r></w:p>"


def docx_bomb(path: Path, inflated_mb: int = 200) -> Path:
    """A .docx made by python-docx whose document.xml is replaced by ``inflated_mb`` MB of
    paragraphs (a few hundred KB compressed)."""
    import docx

    made = io.BytesIO()
    docx.Document().save(made)
    chunk = (PARAGRAPH * (2**20 // len(PARAGRAPH.encode()))).encode()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item.filename), zipfile.ZIP_DEFLATED)
                continue
            with bomb.open(item.filename, "w", force_zip64=True) as out:
                out.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
                for _ in range(inflated_mb):
                    out.write(chunk)
                out.write(b"</w:body></w:document>")
    return path


def pdf_one_page_repeated(path: Path, pages: int = 20_000) -> Path:
    """A PDF (fpdf2, then pypdf) of one page of text whose page tree names it ``pages``
    times: about 120 KB for 20,000 pages."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Thong bao 12/TB-UBND kiem tra tai cho lapdilaplai")
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0])
    tree = writer.root_object["/Pages"].get_object()
    tree[NameObject("/Kids")] = ArrayObject([tree["/Kids"][0]] * pages)
    tree[NameObject("/Count")] = NumberObject(pages)
    with open(path, "wb") as out:
        writer.write(out)
    return path
