"""The workshop's documents as PDFs: the work order and the bill (fpdf2, pure Python; DejaVu
Sans, which matplotlib ships, for Cyrillic). A document is laid out from a `Document`, every
word already in the client's language (bot/services/workshop/documents.py builds them); fpdf2's
table wraps long titles and carries the table over pages with its heading repeated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Literal

FONT = "DejaVu"
PAGE = "{page}"  # in `Document.page`: this page's number
PAGES = "{nb}"  # ...and the number of pages (fpdf2's alias, filled in at output)

Align = Literal["LEFT", "RIGHT", "CENTER"]


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # relative to the other columns
    align: Align = "LEFT"


@dataclass(frozen=True)
class Document:
    """Everything printed, already in the client's language (tuples: two documents built from
    the same order compare equal, which is how `/done` knows its PDF still shows the order)."""

    heading: str
    firm: tuple[str, ...]  # the executor: legal name, INN, address, phone
    details: tuple[str, ...]  # order number and version, times, the car
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]  # one per order line, a cell per column
    totals: tuple[tuple[str, str], ...]  # (label, amount), right-aligned under the table
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (title, paragraphs): consent, warranty…
    page: str  # the footer, with PAGE and PAGES in it
    created: datetime  # the document's own time: the same document gives the same bytes


def render(document: Document) -> bytes:
    # Imported on the first document, not at start-up: fpdf with fontTools is a good part of the
    # bot's import time, and most firms never print one (the workshop is off by default).
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Paper(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, "", 8)
            self.cell(0, 5, document.page.replace(PAGE, str(self.page_no())), align="C")

    pdf = Paper(format="A4")
    # matplotlib (already here for the owner's charts) ships DejaVu Sans, which has Cyrillic
    fonts = resources.files("matplotlib") / "mpl-data" / "fonts" / "ttf"
    with resources.as_file(fonts / "DejaVuSans.ttf") as regular, \
            resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold:
        pdf.add_font(FONT, "", str(regular))
        pdf.add_font(FONT, "B", str(bold))
    pdf.set_creation_date(document.created)
    pdf.alias_nb_pages(PAGES)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, document.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for number, line in enumerate(document.firm):
        pdf.set_font(FONT, "B" if number == 0 else "", 9)
        pdf.multi_cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "", 10)
    for detail in document.details:
        pdf.multi_cell(0, 5.5, detail, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=[column.width for column in document.columns],
                   text_align=[column.align for column in document.columns],
                   headings_style=FontFace(emphasis="BOLD"), line_height=5,
                   padding=1, repeat_headings=1) as table:
        heading = table.row()
        for column in document.columns:
            heading.cell(column.title)
        for cells in document.rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(2)
    for label, amount in document.totals:
        pdf.set_font(FONT, "B", 11)
        pdf.cell(140, 7, label, align="R")
        pdf.cell(0, 7, amount, align="R", new_x="LMARGIN", new_y="NEXT")
    for title, paragraphs in document.sections:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5.5, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 9)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 5, paragraph, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
