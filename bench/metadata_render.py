"""Write one benchmark document (``bench/metadata_docs.Spec``) in each format tracuu reads,
in the shapes converters and offices leave them:

- ``txt``: Word's two columns copied one after the other (``stacked``), every line
  followed by a blank line (a portal page copied), or side by side (a PDF text layer);
- ``md``: markitdown's view of a Word file: a table row per table, each cell's paragraphs
  joined on one line (``| ỦY BAN NHÂN DÂN TỈNH NGHỆ AN ------- Số: 05/CT-UBND | … |``);
- ``html``: a portal page, the header a table with a row per line of both columns;
- ``htm``: Word's "Save as web page": ``MsoNormalTable`` cells of ``<p class=MsoNormal>``;
- ``docx``: header and signature in two-column tables (python-docx);
- ``pdf``: two columns per row (fpdf2 with DejaVu), annexes on further pages;
- ``tcvn3``, ``vni``: the Word-copy text in the legacy encodings old offices still send
  (``Céng hßa x· héi``, ``Coäng hoøa xaõ hoäi``), as ``.txt`` files.
"""

from __future__ import annotations

from html import escape
from itertools import zip_longest
from pathlib import Path

import docx
from fpdf import FPDF
from metadata_docs import Spec

from indexer.legacy import to_tcvn3, to_vni

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FORMATS = ("txt", "md", "html", "htm", "docx", "pdf", "tcvn3", "vni")
_PLAIN = str.maketrans({"“": '"', "”": '"', "–": "-", "…": "..."})  # no legacy codes


def _rows(left: list[str], right: list[str]) -> list[tuple[str, str]]:
    return list(zip_longest(left, right, fillvalue=""))


def _signature_rows(spec: Spec) -> list[tuple[str, str]]:
    """(left, right) rows of the part after the body: recipients | signature, or for a
    joint document the two blocks side by side, recipients under them."""
    if len(spec.signs) == 2:
        return _rows(*spec.signs) + [("", "")] + _rows(spec.recipients, [])
    return _rows(spec.recipients, spec.signs[0])


def _flat(spec: Spec) -> tuple[list[str], list[str], list[str]]:
    head = [*spec.left, *spec.right]
    tail = [line for block in spec.signs for line in block] + [""] + spec.recipients
    return head, [*spec.heading, "", *spec.body], tail


def text(spec: Spec, variant: int) -> str:
    if variant == 0:  # Word's columns one after the other
        head, middle, tail = _flat(spec)
        lines = [*head, "", *middle, "", *tail]
    elif variant == 1:  # every paragraph then a blank line
        head, middle, tail = _flat(spec)
        lines = [x for line in (*head, *middle, *tail) for x in (line, "")]
    else:  # a PDF text layer: two columns side by side
        lines = [f"{a:<44}  {b}".rstrip() for a, b in _rows(spec.left, spec.right)]
        lines += ["", *spec.heading, "", *spec.body, ""]
        lines += [f"{a:<44}  {b}".rstrip() for a, b in _signature_rows(spec)]
    lines += ["", *spec.annex] if spec.annex else []
    return "\n".join(lines) + "\n"


def markdown(spec: Spec) -> str:
    def row(left: list[str], right: list[str]) -> str:
        cells = [" ".join(_bold(x) for x in column if x) for column in (left, right)]
        return f"| {cells[0]} | {cells[1]} |\n| --- | --- |\n"

    out = [row(spec.left, spec.right), ""]
    out += [_bold(x) if x.isupper() else x for x in spec.heading if x] + [""]
    out += [x for p in spec.body for x in (p, "")]
    if len(spec.signs) == 2:
        out += [row(*spec.signs), "", row(spec.recipients, [])]
    else:
        out += [row(spec.recipients, spec.signs[0])]
    out += [x for p in spec.annex for x in (p, "")]
    return "\n".join(out) + "\n"


def _bold(line: str) -> str:
    return f"**{line}**" if line.isupper() or line.startswith(("TM.", "KT.", "T/M")) else line


def portal_html(spec: Spec) -> str:
    def table(rows) -> str:
        cells = "".join(
            f"<tr><td><b>{escape(a)}</b></td><td>{escape(b)}</td></tr>\n" for a, b in rows
        )
        return f"<table class='header'>\n{cells}</table>\n"

    body = "".join(f"<p>{escape(p)}</p>\n" for p in spec.body if p)
    heading = "".join(f"<p align='center'><b>{escape(x)}</b></p>\n" for x in spec.heading)
    annex = "".join(f"<p>{escape(p)}</p>\n" for p in spec.annex)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(spec.name)} - Cơ sở dữ liệu văn bản</title></head><body>\n"
        "<ul class='menu'><li><a href='/'>Trang chủ</a></li><li><a href='/vb'>Văn bản</a></li>"
        "</ul>\n<div class='content'>\n"
        f"{table(_rows(spec.left, spec.right))}{heading}{body}"
        f"{table(_signature_rows(spec))}{annex}</div>\n"
        "<div class='footer'>Bản quyền © Cơ sở dữ liệu văn bản</div></body></html>\n"
    )


def word_html(spec: Spec) -> str:
    def para(line: str, center: bool = False, bold: bool = False) -> str:
        inner = escape(line) if line else "&nbsp;"
        inner = (
            f"<b><span lang=VI style='font-size:13.0pt'>{inner}</span></b>"
            if bold
            else (f"<span lang=VI style='font-size:14.0pt'>{inner}</span>")
        )
        align = " align=center style='text-align:center'" if center else ""
        return f"<p class=MsoNormal{align}>{inner}<o:p></o:p></p>\n"

    def table(left: list[str], right: list[str]) -> str:
        cells = "".join(
            "<td width=300 valign=top style='padding:0cm 5.4pt'>\n"
            + "".join(para(x, True, x.isupper()) for x in column)
            + "</td>\n"
            for column in (left, right)
        )
        return f"<table class=MsoNormalTable border=0 cellspacing=0><tr>\n{cells}</tr></table>\n"

    head = table(spec.left, spec.right) + para("")
    head += "".join(para(x, True, True) for x in spec.heading) + para("")
    body = "".join(para(p) for p in spec.body)
    if len(spec.signs) == 2:
        tail = table(*spec.signs) + table(spec.recipients, [])
    else:
        tail = table(spec.recipients, spec.signs[0])
    annex = "".join(para(p, p.isupper(), p.isupper()) for p in spec.annex)
    return (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>\n"
        "<meta http-equiv=Content-Type content='text/html; charset=utf-8'>\n"
        "<meta name=Generator content='Microsoft Word 15'>\n<style><!-- p.MsoNormal "
        "{margin:0cm;} --></style></head><body lang=EN-US>\n<div class=WordSection1>\n"
        f"{head}{body}{para('')}{tail}{annex}</div></body></html>\n"
    )


def write_docx(spec: Spec, path: Path) -> None:
    document = docx.Document()
    _docx_table(document, spec.left, spec.right)
    for line in [*spec.heading, *spec.body]:
        document.add_paragraph(line)
    if len(spec.signs) == 2:
        _docx_table(document, *spec.signs)
        _docx_table(document, spec.recipients, [""])
    else:
        _docx_table(document, spec.recipients, spec.signs[0])
    for line in spec.annex:
        document.add_paragraph(line)
    document.save(str(path))


def _docx_table(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def write_pdf(spec: Spec, path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=10)
    _pdf_rows(pdf, _rows(spec.left, spec.right))
    pdf.ln(4)
    for line in spec.heading:
        pdf.set_x(20)
        pdf.multi_cell(170, 6, line, align="C")
    pdf.ln(4)
    for paragraph in spec.body:
        pdf.set_x(10)
        pdf.multi_cell(0, 6, paragraph, align="J")
    pdf.ln(6)
    _pdf_rows(pdf, _signature_rows(spec))
    if spec.annex:
        pdf.add_page()
        for paragraph in spec.annex:
            pdf.set_x(10)
            pdf.multi_cell(0, 6, paragraph or " ", align="J")
    pdf.output(str(path))


def _pdf_rows(pdf: FPDF, rows) -> None:
    for left, right in rows:
        y = pdf.get_y()
        pdf.set_xy(10, y)
        pdf.cell(80, 6, left, align="C")
        pdf.set_xy(90, y)
        pdf.cell(110, 6, right, align="C")
        pdf.ln(6)


def write(spec: Spec, index: int, fmt: str, root: Path) -> Path:
    """Write ``spec`` as ``fmt`` under ``root``; the path written."""
    path = root / fmt / f"{spec.name}.{'txt' if fmt in ('tcvn3', 'vni') else fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("tcvn3", "vni"):
        legacy = to_tcvn3 if fmt == "tcvn3" else to_vni
        path.write_bytes(legacy(text(spec, 0).translate(_PLAIN)).encode("latin-1"))
    elif fmt == "docx":
        write_docx(spec, path)
    elif fmt == "pdf":
        write_pdf(spec, path)
    else:
        writers = {"txt": lambda s: text(s, index % 3), "md": markdown, "html": portal_html,
                   "htm": word_html}  # fmt: skip
        path.write_text(writers[fmt](spec), encoding="utf-8")
    return path
