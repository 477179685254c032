"""The dated certificate as one printable A4 page (fpdf2), from ``registry.domain.certificates``.

It says the entry, the status in the register's words (``registry.domain.statuses``), the dates,
the standards version and the moment the register recorded all this, and carries the profile's
QR code (``registry.web.find.qr``: the address is built from ``PUBLIC_BASE_URL``) so whoever holds
the paper can see the entry as it stands today. Text is real text (searchable, read aloud by a
screen reader, copyable), in DejaVu Sans (``registry/data/fonts``, embedded as a subset) so any
name on the register prints; the QR code is a PNG drawn by segno at 10 pixels a module, sharp
at any printer's resolution.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from registry.domain import clock
from registry.domain.certificates import Certificate
from registry.domain.statuses import MEDIATOR
from registry.web.find.qr import verification_url

FONTS = Path(__file__).resolve().parents[2] / "data" / "fonts"
INK = (11, 12, 12)  # the pages' text colour
MARGIN = 20  # mm
LABEL_WIDTH = 48  # mm
QR_SIZE = 45  # mm
SIZES = (11, 10, 9, 8, 7)  # points, tried in turn until the facts fit on the page


def _facts(certificate: Certificate) -> list[tuple[str, str]]:
    """The rows of the certificate: (label, value), public facts only."""
    report = certificate.report
    status = report.status
    state = status.state
    words = MEDIATOR[status.code]
    rows = [
        ("Registration number", report.registration_number),
        ("Status", words.label),
        ("What this means", words.meaning),
    ]
    if state is not None:
        rows.append(("Status since", clock.long_date(state.since)))
        if state.conditions and status.code == "accredited_with_conditions":
            rows.append(("Conditions", state.conditions))
        if report.note:
            rows.append(("Public note", report.note))
        if report.body_name:
            rows.append(("Accredited by", report.body_name))
        if state.valid_from:
            rows.append(("Valid from", clock.long_date(state.valid_from)))
        if state.valid_until:
            rows.append(("Valid until", clock.long_date(state.valid_until)))
    if certificate.standards_version:
        rows.append(("Standards", f"Mediator standards, version {certificate.standards_version}"))
    return rows


def _row(pdf: FPDF, label: str, value: str, size: float) -> None:
    top = pdf.get_y()
    line = size * 0.55
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(LABEL_WIDTH, line, label, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_font("DejaVu", "B" if label == "Status" else "", size)
    pdf.multi_cell(0, line, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), top + line) + line / 3)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF document of one page: the facts in 11 point, or smaller when long
    conditions or notes would not otherwise fit above the QR code. Only conditions and a note of
    thousands of words together (each may hold 5,000 characters) run on to a second page, in 7 point,
    with the QR code at the foot of the last: nothing the register says is ever cut short."""
    for size in SIZES:
        pdf, fits = _drawn(certificate, size)
        if fits:
            break
    return bytes(pdf.output())


def _drawn(certificate: Certificate, size: float) -> tuple[FPDF, bool]:
    report = certificate.report
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(f"Certificate of entry: {report.name}, {report.registration_number}")
    pdf.set_author("SEND Mediation Register")
    pdf.set_creator("SEND Mediation Register")
    pdf.set_lang("en-GB")
    pdf.set_creation_date(certificate.recorded_at)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*INK)

    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 6, "SEND Mediation Register", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(0, 14, "Certificate of entry", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, report.name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 12)
    recorded = f"{certificate.as_recorded}."
    pdf.multi_cell(0, 6, recorded, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(4)
    last = size == SIZES[-1]
    pdf.set_auto_page_break(auto=last, margin=MARGIN)
    for label, value in _facts(certificate):
        _row(pdf, label, value, size)
    pdf.set_auto_page_break(auto=False)
    top = pdf.h - MARGIN - QR_SIZE - 30
    fits = pdf.get_y() <= top - 6 and pdf.page == 1
    if last and pdf.get_y() > top - 6:
        pdf.add_page()
    _verification(pdf, report.registration_number, top)
    return pdf, fits


def _verification(pdf: FPDF, registration_number: str, top: float) -> None:
    """The foot of the page: the QR code and address of the entry today, and what the register is."""
    url = verification_url(registration_number)
    text_x = MARGIN + QR_SIZE + 6
    pdf.line(MARGIN, top - 4, pdf.w - MARGIN, top - 4)
    pdf.image(_qr_png(url), x=MARGIN, y=top, w=QR_SIZE, h=QR_SIZE, alt_text=f"QR code for {url}")
    pdf.set_xy(text_x, top + 2)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, "Check this entry today", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(
        0,
        5.5,
        "This certificate shows what the register said at the moment above. Statuses change: "
        "scan the code, or go to the address below, to see this mediator's status on the register now.",
        align="L",
        new_x=XPos.LEFT,
        new_y=YPos.NEXT,
    )
    pdf.set_xy(text_x, pdf.get_y() + 2)
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(0, 5.5, url, align="L", link=url, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.h - MARGIN - 8)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        0,
        4.5,
        "The SEND Mediation Register lists the mediators accredited to mediate disagreements about special "
        "educational needs and disability in England. A paper copy is not proof on its own: the register is.",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4, dark="#0b0c0c")
    buffer.seek(0)
    return buffer
