"""The bill as a PDF (fpdf2, pure Python; DejaVu Sans ships with the bot for Cyrillic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources

FONT = "DejaVu"


@dataclass(frozen=True)
class BillDocument:
    """Everything printed, already in the client's language."""

    heading: str
    details: list[str]  # order number, dates, car...
    lines: list[tuple[str, str]]  # (description, amount)
    total_label: str
    total: str
    notes: list[str]
    created: datetime  # the order's closing time: the same bill gives the same bytes


def render(bill: BillDocument) -> bytes:
    # Imported on the first bill, not at start-up: fpdf with fontTools is a good part of the
    # bot's import time, and most firms never print one (the workshop is off by default).
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    # matplotlib (already here for the owner's charts) ships DejaVu Sans, which has Cyrillic
    fonts = resources.files("matplotlib") / "mpl-data" / "fonts" / "ttf"
    with resources.as_file(fonts / "DejaVuSans.ttf") as regular, \
            resources.as_file(fonts / "DejaVuSans-Bold.ttf") as bold:
        pdf.add_font(FONT, "", str(regular))
        pdf.add_font(FONT, "B", str(bold))
    pdf.set_creation_date(bill.created)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, bill.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for detail in bill.details:
        pdf.multi_cell(0, 6, detail, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "", 11)
    for description, amount in bill.lines:
        y = pdf.get_y()
        pdf.multi_cell(140, 7, description, new_x="RIGHT", new_y="TOP")
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + 140, y)
        pdf.cell(0, 7, amount, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(bottom, pdf.get_y()))
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(140, 8, bill.total_label)
    pdf.cell(0, 8, bill.total, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for note in bill.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 6, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
