"""A long table drawn straight onto fpdf2 pages: words measured once, lines wrapped here.

fpdf2's own ``table()`` breaks every cell character by character in Python (about 12 ms
a row of six cells: 10 s for 850 rows); this draws the same bordered, wrapped rows with
``FPDF.text`` and cached word widths (about 0.5 ms a row). The heading row repeats on
every page.
"""

from __future__ import annotations

from fpdf import FPDF

LINE = 4.2  # mm from one line of 9 pt text to the next
PAD = 1.2  # mm of space inside each cell
HEADING_FILL = (230, 230, 230)


class Table:
    """Rows of text cells ``widths`` (mm) wide, from the current position of ``pdf``."""

    def __init__(self, pdf: FPDF, family: str, widths: list[float], headings: list[str]):
        self.pdf, self.family, self.widths, self.headings = pdf, family, widths, headings
        self._widths: dict[tuple[str, str], float] = {}
        pdf.set_auto_page_break(False)
        self._draw(headings, bold=True)

    def row(self, cells: list[str]) -> None:
        self._draw(cells, bold=False)

    def _draw(self, cells: list[str], bold: bool) -> None:
        pdf = self.pdf
        style = "B" if bold else ""
        pdf.set_font(self.family, style, 9)
        lines = [
            self.wrap(text, w - 2 * PAD, style) for text, w in zip(cells, self.widths, strict=True)
        ]
        height = max(len(ls) for ls in lines) * LINE + 2 * PAD
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
            if not bold:
                self._draw(self.headings, bold=True)
                pdf.set_font(self.family, style, 9)
        x, y = pdf.l_margin, pdf.get_y()
        for cell_lines, width in zip(lines, self.widths, strict=True):
            if bold:
                pdf.set_fill_color(*HEADING_FILL)
            pdf.rect(x, y, width, height, style="DF" if bold else "D")
            for i, line in enumerate(cell_lines):
                pdf.text(x + PAD, y + PAD + LINE * i + LINE * 0.78, line)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    def wrap(self, text: str, width: float, style: str) -> list[str]:
        """``text`` in lines at most ``width`` mm wide: at spaces, else inside a long word."""
        lines: list[str] = []
        current, used = "", 0.0
        space = self._width(" ", style)
        for word in text.split():
            for piece in self._pieces(word, width, style):
                w = self._width(piece, style)
                if current and used + space + w <= width:
                    current, used = f"{current} {piece}", used + space + w
                else:
                    if current:
                        lines.append(current)
                    current, used = piece, w
        return lines + [current] if current else lines or [""]

    def _pieces(self, word: str, width: float, style: str) -> list[str]:
        """A word too wide for the cell (a link) cut where it must be."""
        if self._width(word, style) <= width:
            return [word]
        pieces, current = [], ""
        for char in word:
            if current and self._width(current + char, style) > width:
                pieces.append(current)
                current = ""
            current += char
        return pieces + [current]

    def _width(self, text: str, style: str) -> float:
        key = (style, text)
        if key not in self._widths:
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]
